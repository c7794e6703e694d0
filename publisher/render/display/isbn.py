"""ISBNs as a book prints them: hyphenated ("978-0-306-40615-7") and as an EAN-13 barcode.

The hyphens follow the ISBN agency's ranges (python-stdnum ships them). The barcode is the
EAN-13 symbology (ISO/IEC 15420): a start guard, six digits in the L or G code chosen by the
first digit, a centre guard, six in the R code, an end guard; 95 modules in all.
"""

from __future__ import annotations

import re

from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError

_L = ("0001101", "0011001", "0010011", "0111101", "0100011",
      "0110001", "0101111", "0111011", "0110111", "0001011")  # fmt: skip
# Which of the first six digits are in the G code, by the leading digit.
_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
           "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")  # fmt: skip
MODULES = 95


def isbn_digits(identifier: str | None) -> str | None:
    """The 13 digits of a valid ISBN (``urn:isbn:…``, with or without hyphens; an ISBN-10 is
    converted), or None when ``identifier`` is not one."""
    if not identifier:
        return None
    text = identifier.strip()
    text = re.sub(r"^(?:urn:isbn:|isbn[:\s]*)", "", text, flags=re.IGNORECASE)
    if not re.fullmatch(r"[0-9Xx][0-9Xx\s-]{8,16}", text):
        return None
    try:
        return stdnum_isbn.to_isbn13(stdnum_isbn.validate(text))
    except ValidationError:
        return None


def isbn_problem(text: str) -> str | None:
    """Why ``text`` is not a valid ISBN (for config errors), or None."""
    try:
        stdnum_isbn.validate(re.sub(r"^urn:isbn:", "", text.strip(), flags=re.IGNORECASE))
    except ValidationError as exc:
        return str(exc).rstrip(".").lower() or "not an ISBN"
    return None


def hyphenated(digits: str) -> str:
    """'978-0-306-40615-7'; an ISBN in no known range keeps its digits unbroken."""
    try:
        return stdnum_isbn.format(digits)
    except ValidationError:
        return digits


def ean13_bars(digits: str) -> tuple[tuple[int, int], ...]:
    """The bars of an EAN-13 symbol as (first module, width in modules), left to right."""
    pattern = "101"
    for digit, code in zip(digits[1:7], _PARITY[int(digits[0])], strict=True):
        left = _L[int(digit)]
        pattern += left if code == "L" else _reverse_complement(left)
    pattern += "01010"
    pattern += "".join(_complement(_L[int(digit)]) for digit in digits[7:13])
    pattern += "101"
    return tuple(_runs(pattern))


def _complement(code: str) -> str:
    return code.translate(str.maketrans("01", "10"))


def _reverse_complement(code: str) -> str:
    return _complement(code)[::-1]


def _runs(pattern: str) -> list[tuple[int, int]]:
    bars, start = [], None
    for index, module in enumerate(pattern + "0"):
        if module == "1" and start is None:
            start = index
        elif module == "0" and start is not None:
            bars.append((start, index - start))
            start = None
    return bars


def print_isbn(identifier: str | None, isbn: str | None) -> str | None:
    """The print edition's ISBN digits: ``[pdf] isbn``, else the identifier's when it is one."""
    return isbn_digits(isbn) or isbn_digits(identifier)


def isbn_lines(identifier: str | None, isbn: str | None) -> tuple[tuple[str, str], ...]:
    """The copyright page's ISBN lines as (label key, hyphenated ISBN): one plain ``isbn``
    line, or a ``isbn_print`` and a ``isbn_ebook`` line when the editions differ."""
    printed, ebook = print_isbn(identifier, isbn), isbn_digits(identifier)
    if printed is None:
        return ()
    if ebook is None or ebook == printed:
        return (("isbn", hyphenated(printed)),)
    return (("isbn_print", hyphenated(printed)), ("isbn_ebook", hyphenated(ebook)))
