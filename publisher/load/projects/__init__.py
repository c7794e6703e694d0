"""Project readers: a blog, a docs site or an mdBook read as its home tool reads it.

One module per tool (mdbook, mkdocs, hugo, jekyll) turns the tool's own structure (SUMMARY.md,
the mkdocs.yml nav, Hugo's sections and weights, Jekyll's _posts) into a ``Project``
(layout.py): the book's parts and chapters, in the tool's order, with the titles its
navigation shows, and notes on the pages it leaves out.
"""
