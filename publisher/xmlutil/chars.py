"""Characters XML 1.0 cannot carry: a page holding one is not well-formed XHTML.

Manuscripts and publication.toml can hold them as bytes or as escapes (YAML's and TOML's
"\\b", "\\x07", "\\u0001"); the loader removes them with a warning, the config refuses them.
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def forbidden_char_line(text: str) -> int | None:
    """The 1-based line of the first control character XML cannot hold, if any."""
    match = FORBIDDEN.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def strip_forbidden(text: str) -> str:
    """Remove control characters that XML 1.0 cannot carry."""
    return FORBIDDEN.sub("", text)
