"""Hostile and faulty input, round two (issue 19): limits, files, images, SVG, CSS, names, lines.

Each case is one an attacker or an unlucky user tried: it must end in one line naming the
file (and line), exit 1 or 2, no traceback, nothing fetched, nothing written.
"""

from __future__ import annotations

import base64
import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import write_folder
from tests.hostile.support import error_lines, png_bytes, run_cli

CONFIG = 'title = "Hostile"\nidentifier = "urn:uuid:5b8e3f0a-2c1d-4e6f-9a7b-1c2d3e4f5a6b"\n'
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


def book(folder: Path, files: dict[str, str | bytes], config: str = CONFIG) -> Path:
    """A publication folder with these files besides its publication.toml."""
    return write_folder(folder, {"publication.toml": config, **files})


def build(folder: Path, out: Path, *args: str, env: dict[str, str] | None = None):
    return run_cli("build", str(folder), "-o", str(out), "--no-cache", *args, env=env)


def failed_with(run, *lines: str) -> None:
    """The run failed cleanly with exactly these error lines (in any order)."""
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(error_lines(run.stderr)) == sorted(lines)


def article(body: str, front: str = "title: A Piece\n") -> str:
    return f"---\n{front}---\n{body}"


# --- YAML and TOML within limits ---------------------------------------------------------


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path):
    anchors = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        anchors.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    front = "title: Boom\n" + "\n".join(anchors) + "\ntags: *j\n"
    folder = book(tmp_path / "src", {"a.md": article("Text.\n", front)})
    started = time.monotonic()
    run = build(folder, tmp_path / "out", "--format", "epub")
    assert time.monotonic() - started < 30
    failed_with(
        run,
        f"{folder}/a.md:4: error: front matter: aliases expand to more than 10,000 values "
        "(an alias bomb?); write the values out",
    )


def test_yaml_nested_deeper_than_the_limit_is_refused(tmp_path):
    front = "title: Deep\nx: " + "[" * 60 + "]" * 60 + "\n"
    folder = book(tmp_path / "src", {"a.md": article("Text.\n", front)})
    run = build(folder, tmp_path / "out", "--format", "epub")
    failed_with(run, f"{folder}/a.md:3: error: front matter: nested more than 50 levels deep")


def test_toml_arrays_nested_100000_deep_in_the_config_are_one_line(tmp_path):
    config = CONFIG + "subjects = " + "[" * 100_000 + "]" * 100_000 + "\n"
    folder = book(tmp_path / "src", {"a.md": article("Text.\n")}, config)
    run = build(folder, tmp_path / "out", "--format", "epub")
    failed_with(
        run, f"{folder}/publication.toml:3: error: arrays or tables nested more than 50 levels deep"
    )


def test_toml_front_matter_nested_100000_deep_is_one_line(tmp_path):
    text = '+++\ntitle = "Deep"\nx = ' + "[" * 100_000 + "]" * 100_000 + "\n+++\nText.\n"
    folder = book(tmp_path / "src", {"a.md": text})
    run = build(folder, tmp_path / "out", "--format", "epub")
    failed_with(
        run,
        f"{folder}/a.md:3: error: front matter (TOML): arrays or tables nested more than "
        "50 levels deep",
    )


def test_a_huge_config_is_refused_unread(tmp_path):
    config = CONFIG + 'description = "' + "words " * 400_000 + '"\n'
    folder = book(tmp_path / "src", {"a.md": article("Text.\n")}, config)
    run = build(folder, tmp_path / "out", "--format", "epub")
    failed_with(
        run,
        f"{folder}/publication.toml: error: file is 2.3 MiB; publication.toml may be at most 1 MiB",
    )


def test_a_raw_bel_in_yaml_is_removed_with_a_one_line_warning(tmp_path):
    front = "title: A Bell\x07 Rings\nsummary: fine\n"
    folder = book(tmp_path / "src", {"a.md": article("Text.\n", front)})
    run = build(folder, tmp_path / "out", "--format", "epub")
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if ": warning: " in line]
    assert warnings == [f"{folder}/a.md:2: warning: control characters removed"]
    with zipfile.ZipFile(tmp_path / "out" / "hostile.epub") as epub:
        pages = [epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml")]
    assert any("A Bell Rings" in page for page in pages)


# --- files: read once, by handle ---------------------------------------------------------


def test_an_unreadable_manuscript_is_one_line(tmp_path, monkeypatch):
    from publisher.errors import PublisherError
    from publisher.load.readers.text import read_manuscript

    path = tmp_path / "locked.md"
    path.write_text(article("Text.\n"), encoding="utf-8")
    real_open = os.open

    def refuse(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr("publisher.safety.files.os.open", refuse)
    with pytest.raises(PublisherError) as caught:
        read_manuscript(path, tmp_path)
    assert str(caught.value) == f"{path}: error: cannot be read: Permission denied"


def test_a_fifo_listed_in_a_part_is_named_as_such(tmp_path):
    config = CONFIG + '[[parts]]\ntitle = "One"\narticles = ["a.md", "pipe.md"]\n'
    folder = book(tmp_path / "src", {"a.md": article("Text.\n")}, config)
    os.mkfifo(folder / "pipe.md")
    run = build(folder, tmp_path / "out", "--format", "epub")
    failed_with(
        run,
        f"{folder}/publication.toml:5: error: 'articles' lists 'pipe.md', which is a FIFO "
        "(named pipe), not a manuscript file",
    )


def test_a_listed_symlinked_manuscript_gets_one_message(tmp_path):
    outside = write_folder(tmp_path / "outside", {"x.md": article("Private.\n")})
    config = CONFIG + '[[parts]]\ntitle = "One"\narticles = ["a.md", "linked.md"]\n'
    folder = book(tmp_path / "src", {"a.md": article("Text.\n")}, config)
    (folder / "linked.md").symlink_to(outside / "x.md")
    run = build(folder, tmp_path / "out", "--format", "epub")
    failed_with(
        run,
        f"{folder}/linked.md: error: this is a symbolic link to a file outside the "
        "publication folder",
    )
    assert "not listed in any part" not in run.stderr


def test_an_image_swapped_for_a_link_out_after_loading_is_not_packaged(tmp_path):
    from tests.helpers import build_with

    secret = b"SECRET-" + os.urandom(8).hex().encode()
    (tmp_path / "outside.png").write_bytes(png_bytes(5, 5) + secret)
    picture = png_bytes(7, 3)
    folder = book(tmp_path / "src", {"a.md": article("![A map](images/map.png)\n")})
    (folder / "images").mkdir()
    (folder / "images" / "map.png").write_bytes(picture)

    def swap(message: str) -> None:
        if message.startswith("loaded "):
            (folder / "images" / "map.png").unlink()
            (folder / "images" / "map.png").symlink_to(tmp_path / "outside.png")

    result = build_with(folder, ["epub", "pdf"], tmp_path / "out", progress=swap)
    epub = next(o.path for o in result.outputs if o.path.suffix == ".epub")
    with zipfile.ZipFile(epub) as archive:
        packed = b"".join(archive.read(n) for n in archive.namelist())
        assert archive.read("EPUB/images/map.png") == picture
    assert secret not in packed
    pdf = next(o.path for o in result.outputs if o.path.suffix == ".pdf")
    assert secret not in pdf.read_bytes()


# --- images: decoded whole -------------------------------------------------------------


def _jpeg(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["cut.jpg", "cut.png"])
def test_a_truncated_image_is_an_error(tmp_path, name):
    whole = _jpeg(400, 300) if name.endswith(".jpg") else png_bytes(400, 300)
    if name.endswith(".png"):
        noisy = Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3))
        buffer = io.BytesIO()
        noisy.save(buffer, "PNG")
        whole = buffer.getvalue()
    folder = book(tmp_path / "src", {"a.md": article(f"Text.\n\n![A picture](images/{name})\n")})
    (folder / "images").mkdir()
    (folder / "images" / name).write_bytes(whole[: len(whole) * 2 // 3])
    run = build(folder, tmp_path / "out", "--format", "epub")
    [line] = error_lines(run.stderr)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert line.startswith(f"{folder}/a.md:6: error: image 'images/{name}' is damaged or truncated")


# --- SVG parsed, against allowlists ----------------------------------------------------

PNG64 = base64.b64encode(png_bytes()).decode()
SCRIPTED = base64.b64encode(f"<svg {SVG_NS}><script>alert(1)</script></svg>".encode()).decode()


@pytest.mark.parametrize(
    ("svg", "problem"),
    [
        (f'<svg {SVG_NS}><rect fill="url(http://evil.example/p)"/></svg>', "'fill' attribute"),
        (f'<svg {SVG_NS}><rect filter="url(https://e.example/f#x)"/></svg>', "'filter'"),
        (f'<svg {SVG_NS}><rect mask="url(//e.example/m)"/></svg>', "'mask'"),
        (f"<svg {SVG_NS}><style>rect{{fill:\\75rl(http://e.example/a)}}</style></svg>", "style"),
        (f'<svg {SVG_NS}><style>@\\69mport "http://e.example/a.css";</style></svg>', "style"),
        (
            f'<?xml-stylesheet href="http://e.example/a.css"?><svg {SVG_NS}></svg>',
            "processing instruction",
        ),
        (
            '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://e.example/svg.dtd">'
            f"<svg {SVG_NS}></svg>",
            "document type declaration",
        ),
        (f'<svg {SVG_NS}><image href="data:image/svg+xml;base64,{SCRIPTED}"/></svg>', "script"),
        (f'<svg {SVG_NS}><set attributeName="href" to="javascript:x()"/></svg>', "<set>"),
        (f'<svg {SVG_NS}><rect style="fill:url(&#x68;ttp://e.example/)"/></svg>', "style"),
    ],
)
def test_svg_that_reaches_out_is_refused(tmp_path, svg, problem):
    folder = book(tmp_path / "src", {"a.md": article("Text.\n\n![A drawing](d.svg)\n")})
    (folder / "d.svg").write_text(svg, encoding="utf-8")
    run = build(folder, tmp_path / "out")
    [line] = error_lines(run.stderr)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert line.startswith(f"{folder}/a.md:6: error: image 'd.svg': ")
    assert problem in line
    assert not (tmp_path / "out").exists()


def test_a_plain_drawing_with_an_embedded_png_is_accepted(tmp_path):
    svg = (
        f'<svg {SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#036"/></linearGradient>'
        '</defs><title>A map</title><rect width="10" height="10" fill="url(#g)"/>'
        f'<image xlink:href="data:image/png;base64,{PNG64}" width="4" height="3"/>'
        "<style>rect { stroke: url(#g) }</style></svg>"
    )
    folder = book(tmp_path / "src", {"a.md": article("Text.\n\n![A drawing](d.svg)\n")})
    (folder / "d.svg").write_text(svg, encoding="utf-8")
    run = build(folder, tmp_path / "out", "--format", "epub")
    assert run.returncode == 0, run.stderr


# --- theme CSS tokenised ---------------------------------------------------------------

THEME = (
    "p { color: black }\n"
    '@import"http://e.example/a.css";\n'
    'h1 { background: image-set("https://e.example/b.png" 1x) }\n'
    "h2 { background: url(//e.example/c.png) }\n"
    "h3 { background: \\75rl(http://e.example/d.png) }\n"
    '@\\69mport url("ftp://e.example/e.css");\n'
    "h4 { background: url(data:image/png;base64," + PNG64 + ") }\n"
)


@pytest.mark.parametrize("formats", [["--format", "epub"], []])
def test_theme_css_that_reaches_out_is_refused_line_by_line(tmp_path, formats):
    folder = book(tmp_path / "src", {"a.md": article("Text.\n"), "styles/css/extra.css": THEME})
    run = build(folder, tmp_path / "out", *formats)
    css = f"{folder}/styles/css/extra.css"
    keep = "keep fonts and images in the theme folder"
    failed_with(
        run,
        f"{css}:2: error: stylesheet refers to a 'http:' URL ('http://e.example/a.css'); {keep}",
        f"{css}:3: error: stylesheet refers to a 'https:' URL ('https://e.example/b.png'); {keep}",
        f"{css}:4: error: stylesheet refers to '//e.example/c.png', on another host; {keep}",
        f"{css}:5: error: stylesheet refers to a 'http:' URL ('http://e.example/d.png'); {keep}",
        f"{css}:6: error: stylesheet refers to a 'ftp:' URL ('ftp://e.example/e.css'); {keep}",
    )
    assert "5 errors; nothing was written" in run.stderr
    assert not (tmp_path / "out").exists()


def test_pdf_stage_refusals_name_their_template_line_each(tmp_path):
    template = (
        '<section class="half-title">\n'
        '<img src="missing-one.png" alt="x"/>\n'
        '<img src="missing-two.png" alt="y"/>\n'
        "</section>\n"
    )
    files = {"a.md": article("Text.\n"), "styles/templates/print/half-title.html.j2": template}
    folder = book(tmp_path / "src", files)
    run = build(folder, tmp_path / "out", "--format", "pdf")
    where = f"{folder}/styles/templates/print/half-title.html.j2"
    tail = (
        "which is not one of the book's own files; refer only to files inside the "
        "publication folder"
    )
    failed_with(
        run,
        f"{where}:2: error: the PDF would fetch 'file:///publisher-book/missing-one.png', {tail}",
        f"{where}:3: error: the PDF would fetch 'file:///publisher-book/missing-two.png', {tail}",
    )


# --- messages: one honest line ---------------------------------------------------------


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path):
    name = "evil\nFORGED.md:7: error: all is well.md"
    folder = book(tmp_path / "src", {"ok.md": article("Text.\n")})
    (folder / name).write_bytes(b"---\ntitle: Damaged\n---\nA NUL\x00 byte.\n")
    run = build(folder, tmp_path / "out", "--format", "epub")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert error_lines(run.stderr) == [
        f"{folder}/evil\\nFORGED.md:7: error: all is well.md:4: error: NUL byte in the text "
        "(a damaged or binary file?)"
    ]
    assert not any(line.startswith("FORGED") for line in run.stderr.splitlines())


def test_bidi_controls_in_a_file_name_are_escaped(tmp_path):
    name = "report-\u202egnp.md"
    folder = book(tmp_path / "src", {"ok.md": article("Text.\n")})
    (folder / name).write_bytes(b"---\ntitle: Damaged\n---\nA NUL\x00 byte.\n")
    run = build(folder, tmp_path / "out", "--format", "epub")
    assert error_lines(run.stderr) == [
        f"{folder}/report-\\u202egnp.md:4: error: NUL byte in the text (a damaged or binary file?)"
    ]
    assert "\u202e" not in run.stderr


def test_each_image_is_reported_at_its_own_line(tmp_path):
    filler = "".join(f"Paragraph {n} about a sextant.\n\n" for n in range(12))
    body = (
        "A letter x and the path ../../../etc/passwd, as prose.\n\n"  # line 4
        + filler  # lines 6-29
        + "![Out](../../../etc/passwd)\n\n"  # line 30
        + "![Abs](/etc/passwd)\n\n"  # line 32
        + '<img src="x" alt="Raw">\n'  # line 34
    )
    folder = book(tmp_path / "src", {"a.md": article(body)})
    run = build(folder, tmp_path / "out", "--format", "epub")
    lines = [line.split(": error: ")[0] for line in error_lines(run.stderr)]
    assert lines == [f"{folder}/a.md:30", f"{folder}/a.md:32", f"{folder}/a.md:34"]
