"""Running heads that fit on one line: a title too long for the head is shortened.

WeasyPrint cannot clip a margin box (``text-overflow`` does not apply there), so a long
title would wrap onto a second line in the top margin. A ``short_title`` (front matter, or
publication.toml for the book) is used when given; otherwise a title that cannot fit keeps
its part before a colon or dash, else it is cut at a word and ends with an ellipsis.
"""

from __future__ import annotations

# Average advance of one character of the default heads (print.css), in points, measured
# on the sample's titles and rounded up: 8 pt italic for the article, 8 pt small capitals
# spaced 0.06 em for the book.
ARTICLE_CHAR_PT = 3.7
BOOK_CHAR_PT = 5.0
_BREAKS = (": ", " — ", " – ", " - ")
_TRAILING = " ,;:.-–—"


def shorten(title: str, limit: int) -> str:
    """``title`` on one line of at most ``limit`` characters."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    for mark in _BREAKS:
        head = title.split(mark, 1)[0]
        if mark in title and 3 <= len(head) <= limit:
            return head
    room = title[: max(limit - 1, 1)]
    cut = room.rsplit(" ", 1)[0] if " " in room else room
    return cut.rstrip(_TRAILING) + "…"


def article_head(title: str, short_title: str | None, text_width: float) -> str:
    """The running head of an article on a page ``text_width`` points wide."""
    return shorten(short_title or title, int(text_width / ARTICLE_CHAR_PT))


def book_head(title: str, short_title: str | None, text_width: float) -> str:
    """The book's running head on a page ``text_width`` points wide."""
    return shorten(short_title or title, int(text_width / BOOK_CHAR_PT))
