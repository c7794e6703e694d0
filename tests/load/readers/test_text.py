"""Reading manuscript bytes: every way a file can fail to be UTF-8 text gets its own error."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from publisher.errors import ManuscriptError
from publisher.load import limits
from publisher.load.readers.text import read_manuscript
from publisher.xmlutil.chars import strip_forbidden

FRONT = "---\ntitle: T\n---\n"


def error_for(tmp_path: Path, data: bytes, name: str = "a.md") -> ManuscriptError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ManuscriptError) as info:
        read_manuscript(path)
    return info.value


def test_bom_and_crlf_are_normalised(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(codecs.BOM_UTF8 + b"---\r\ntitle: T\r\n---\r\nBody\rmore\r\n")
    assert read_manuscript(path) == "---\ntitle: T\n---\nBody\nmore\n"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"])
def test_empty_file(tmp_path, data):
    error = error_for(tmp_path, data)
    assert str(error) == f"{tmp_path / 'a.md'}: error: file is empty"


@pytest.mark.parametrize(
    ("text", "encoding", "named"),
    [
        (
            "Le café était fermé; les pêcheurs réparaient leurs filets. " * 3,
            "cp1252",
            "Windows-1252",
        ),
        ("В порту было тихо. Рыбаки чинили сети, а чайки кружили. " * 3, "cp1251", "Windows-1251"),
        ("港の朝は静かだった。漁師たちは網を繕っていた。", "shift_jis", "Shift JIS"),
    ],
)
def test_legacy_encoding_is_named_with_the_line(tmp_path, text, encoding, named):
    error = error_for(tmp_path, (FRONT + "First line.\n" + text + "\n").encode(encoding))
    assert error.location.line == 5
    assert error.message == f"not valid UTF-8; it looks like {named}, convert it to UTF-8"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_named(tmp_path, encoding):
    error = error_for(tmp_path, (FRONT + "Body\n").encode(encoding))
    family = "UTF-32" if "32" in encoding else "UTF-16"
    assert error.message == f"the file is {family} text; save it as UTF-8"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised(tmp_path, encoding):
    error = error_for(tmp_path, (FRONT + "A short article body.\n").encode(encoding))
    assert error.message.startswith("the file looks like UTF-16 text")


def test_nul_byte_names_its_line(tmp_path):
    error = error_for(tmp_path, (FRONT + "ok\nbad \x00 here\n").encode())
    assert (error.location.line, error.message) == (
        5,
        "NUL byte in the text (a damaged or binary file?)",
    )


def test_binary_without_a_known_signature(tmp_path):
    error = error_for(tmp_path, bytes(range(256)) * 8)
    assert error.message == "binary file: not a text manuscript"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (a .docx, .odt or .epub file?)"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
        (b"{\\rtf1\\ansi Hello}", "an RTF document; export it as plain text or Markdown"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    ],
)
def test_known_binary_formats_are_named(tmp_path, data, what):
    assert error_for(tmp_path, data).message == f"this is {what}, not a text manuscript"


def test_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_MANUSCRIPT_BYTES", 1000)
    error = error_for(tmp_path, b"x" * 2000)
    assert "a manuscript may be at most" in error.message
    assert error.location.line is None


def test_symlinked_manuscript_pointing_out_is_refused_unread(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(FRONT + "secret\n", encoding="utf-8")
    folder = tmp_path / "pub"
    folder.mkdir()
    (folder / "a.md").symlink_to(outside)
    with pytest.raises(ManuscriptError, match="symbolic link to a file outside"):
        read_manuscript(folder / "a.md", folder)
    (folder / "b.md").symlink_to(folder / "a.md")  # a link inside the folder to a link out
    with pytest.raises(ManuscriptError, match="symbolic link to a file outside"):
        read_manuscript(folder / "b.md", folder)


def test_symlink_inside_the_folder_is_fine(tmp_path):
    (tmp_path / "real.md").write_text(FRONT + "Body\n", encoding="utf-8")
    (tmp_path / "alias.md").symlink_to(tmp_path / "real.md")
    assert read_manuscript(tmp_path / "alias.md", tmp_path).endswith("Body\n")


def test_strip_forbidden_keeps_tabs_newlines_and_text():
    assert strip_forbidden("a\x01b\tc\nd\x0be\ufffef") == "ab\tc\ndef"
