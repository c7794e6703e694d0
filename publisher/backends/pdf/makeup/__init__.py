"""Page make-up after layout: figures moved up, short article ends, facing pages (docs/print.md).

WeasyPrint 70 has no page floats and knows nothing of spreads, so the print document is
laid out, read back (layout.py), corrected in its tree (tree.py: a figure moved to the page
break, a paragraph split there, a style on one block) and laid out again (passes.py), only
for the books whose first layout needs it.
"""
