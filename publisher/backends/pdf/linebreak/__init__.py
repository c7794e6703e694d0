"""Paragraph-level line breaking for the print PDF (Knuth–Plass over WeasyPrint's measures).

WeasyPrint breaks lines greedily: each line takes as many words as fit, and a long word
that cannot be hyphenated leaves the line before it with wide gaps. Here a justified
paragraph's lines are chosen together, before WeasyPrint lays it out:

- ``measure.py`` turns the paragraph's boxes into Knuth–Plass items measured with
  WeasyPrint's own Pango layouts (each text box's style);
- ``knuth_plass.py`` finds the breaks with the least demerits (pure, no WeasyPrint);
- ``apply.py`` writes the chosen breaks into the text boxes: a word joiner (U+2060) where
  a break is not wanted, non-chosen soft hyphens removed, so WeasyPrint's own line loop
  breaks exactly there;
- ``hook.py`` runs it while one render lays out (a context manager around WeasyPrint's
  block layout), checks the lines WeasyPrint made against the plan, falls back to greedy
  breaking when they disagree, and keeps a hyphen off the last line of a right-hand page.
"""
