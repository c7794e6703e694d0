"""Bytes on disk → text, with errors that say what is wrong with the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import publisher.load.limits as limits
from publisher.errors import ManuscriptError, SourceLocation
from publisher.load.limits import check_size
from publisher.safety.files import FileRefused, Outside, TooLarge, read_checked

# Files people save under a manuscript name by mistake, recognised by their first bytes.
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub file?)"),
    (b"%PDF-", "a PDF document"),
    (b"{\\rtf", "an RTF document; export it as plain text or Markdown"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_ENCODING_NAMES = {
    "cp1252": "Windows-1252",
    "cp1251": "Windows-1251",
    "cp1250": "Windows-1250",
    "cp1253": "Windows-1253",
    "cp1254": "Windows-1254",
    "cp1255": "Windows-1255",
    "cp1256": "Windows-1256",
    "cp1257": "Windows-1257",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "iso8859_15": "ISO-8859-15",
    "mac_roman": "Mac Roman",
    "cp437": "DOS code page 437",
    "cp850": "DOS code page 850",
    "shift_jis": "Shift JIS",
    "cp932": "Shift JIS (Windows-31J)",
    "euc_jp": "EUC-JP",
    "gb2312": "GB2312",
    "gb18030": "GB18030",
    "big5": "Big5",
    "euc_kr": "EUC-KR",
    "koi8_r": "KOI8-R",
}


def read_manuscript(path: Path, root: Path | None = None, data: bytes | None = None) -> str:
    """Read a manuscript as UTF-8 text with Unix newlines, or raise a ManuscriptError.

    Catches what editors and copy-paste produce: byte-order marks, CRLF line endings,
    legacy encodings (named in the error), UTF-16 files, binary files saved under a
    manuscript name, NUL bytes, empty and oversized files. With ``root``, a manuscript
    that is a symbolic link to a file outside that folder is refused unread. ``data`` is
    the file's bytes when read_source already read them (for the cache key): the file is
    read once, and what is keyed is what is loaded.
    """
    data = read_source(path, root) if data is None else data
    check_bytes(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        guess = _guess_encoding(data, exc.start)
        hint = f"; it looks like {guess}, convert it to UTF-8" if guess else ""
        raise ManuscriptError(f"not valid UTF-8{hint}", SourceLocation(path, line)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path, root: Path | None) -> bytes:
    """The file's bytes, read through one handle after checking it (see safety/files.py)."""
    try:
        return read_checked(path, limits.MAX_MANUSCRIPT_BYTES, root).data
    except Outside:
        message = "this is a symbolic link to a file outside the publication folder"
        raise ManuscriptError(message, SourceLocation(path)) from None
    except TooLarge as exc:
        check_size(exc.size, path)
        raise  # check_size always raises for a size over the limit
    except FileRefused as exc:
        raise ManuscriptError(f"this {exc.message}", SourceLocation(path)) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ManuscriptError(f"cannot be read: {reason}", SourceLocation(path)) from None


def check_bytes(data: bytes, path: Path) -> None:
    """Refuse empty files, known binary formats, UTF-16/32 text and NUL bytes."""
    if not data.strip():
        raise ManuscriptError("file is empty", SourceLocation(path))
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ManuscriptError(f"this is {what}, not a text manuscript", SourceLocation(path))
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise ManuscriptError(
                f"the file is {name} text; save it as UTF-8", SourceLocation(path, 1)
            )
    if _looks_utf16(data):
        raise ManuscriptError(
            "the file looks like UTF-16 text (without a byte-order mark); save it as UTF-8",
            SourceLocation(path, 1),
        )
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        if _looks_binary(data):
            message = "binary file: not a text manuscript"
        else:
            message = "NUL byte in the text (a damaged or binary file?)"
        raise ManuscriptError(message, SourceLocation(path, line))


def _looks_utf16(data: bytes) -> bool:
    """Mostly-ASCII text in UTF-16: every other byte is NUL, always at the same parity."""
    sample = data[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return half >= 4 and max(even, odd) > 0.6 * half and min(even, odd) < 0.05 * half


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20


def _guess_encoding(data: bytes, bad_at: int) -> str | None:
    """Name the encoding the bytes around the first undecodable one most likely use.

    Single-byte encodings often decode the same bytes about equally well, so among the
    candidates nearly as plausible as the best, the most widely used encoding is named.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[max(0, bad_at - 32768) : bad_at + 32768]))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= least + 0.1]
    best = min(close, key=lambda m: (_rank(m.could_be_from_charset), -m.coherence))
    if best.encoding in ("utf_8", "ascii"):
        return None
    name = next((n for n in _ENCODING_NAMES if n in best.could_be_from_charset), best.encoding)
    return _ENCODING_NAMES.get(name, name)


def _rank(encodings: list[str]) -> int:
    order = list(_ENCODING_NAMES)
    return min((order.index(e) for e in encodings if e in order), default=len(order))
