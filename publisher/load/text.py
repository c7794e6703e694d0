"""Bytes on disk → text, with errors that say what is wrong with the file."""

from __future__ import annotations

import re
from pathlib import Path

from publisher.errors import ManuscriptError, SourceLocation

# Characters XML 1.0 forbids; they would make the XHTML ill-formed.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_BYTES = 25 * 1024 * 1024


def read_manuscript(path: Path) -> str:
    """Read a manuscript as UTF-8 text with Unix newlines, or raise a ManuscriptError.

    Catches what editors and copy-paste produce: byte-order marks, CRLF line endings,
    legacy encodings (named in the error), binary files and NUL bytes.
    """
    data = path.read_bytes()
    where = SourceLocation(path)
    if len(data) > MAX_BYTES:
        raise ManuscriptError(f"file is larger than {MAX_BYTES // 2**20} MiB", where)
    if not data.strip():
        raise ManuscriptError("file is empty", where)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        kind = "binary file" if _looks_binary(data) else "NUL byte in text"
        raise ManuscriptError(f"{kind}: not a text manuscript", SourceLocation(path, line))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        guess = _guess_encoding(data)
        hint = f"; it looks like {guess}, convert it to UTF-8" if guess else ""
        raise ManuscriptError(f"not valid UTF-8{hint}", SourceLocation(path, line)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def forbidden_char_line(text: str) -> int | None:
    """The 1-based line of the first control character XML cannot hold, if any."""
    match = _FORBIDDEN.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def strip_forbidden(text: str) -> str:
    """Remove control characters that XML 1.0 cannot carry."""
    return _FORBIDDEN.sub("", text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best else None
