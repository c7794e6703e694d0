"""The display pages' helpers as template globals (render/theme.py adds them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from publisher.render.display.isbn import ean13_bars, hyphenated, isbn_lines, print_isbn
from publisher.render.display.parts import part_heading
from publisher.render.display.rights import holder, piece_rights


def display_globals() -> dict[str, Callable[..., Any]]:
    """Names the print templates call: ``part_heading(pub, part, t)``,
    ``piece_rights(pub, t.names)``, ``rights_holder(pub, t.names)``,
    ``isbn_lines(identifier, isbn)``, ``print_isbn(identifier, isbn)``, ``ean13_bars(digits)``
    and ``hyphenated_isbn(digits)``."""
    return {
        "part_heading": part_heading,
        "piece_rights": piece_rights,
        "rights_holder": holder,
        "isbn_lines": isbn_lines,
        "print_isbn": print_isbn,
        "ean13_bars": ean13_bars,
        "hyphenated_isbn": hyphenated,
    }
