"""Image references: inside the folder, really images, nothing active, nothing remote."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from publisher.errors import AssetError, SourceLocation
from publisher.load.assets.images import check_image_bytes
from publisher.load.assets.resolve import resolve_image

WHERE = SourceLocation(Path("a.md"), 7)


def image_bytes(kind: str, size: tuple[int, int] = (3, 2)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(buffer, kind)
    return buffer.getvalue()


def resolve(folder: Path, src: str):
    return resolve_image(src, folder, folder, WHERE, alt="alt")


def refused(folder: Path, src: str) -> str:
    with pytest.raises(AssetError) as info:
        resolve(folder, src)
    assert info.value.location == WHERE
    return info.value.message


def test_a_file_url_inside_the_folder_is_a_local_image(tmp_path):
    (tmp_path / "pic.png").write_bytes(image_bytes("PNG"))
    asset = resolve(tmp_path, (tmp_path / "pic.png").as_uri())
    assert (asset.href, asset.media_type) == ("images/pic.png", "image/png")


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ("file:///etc/hostname", "image 'file:///etc/hostname' is outside the publication folder"),
        ("file://server/share/x.png", "is on another computer; copy it into the folder"),
        ("C:/Users/me/x.png", "image path 'C:/Users/me/x.png' is absolute"),
        ("/etc/passwd", "image path '/etc/passwd' is absolute"),
        ("../outside.png", "image '../outside.png' is outside the publication folder"),
        ("data:image/png;base64,iVBORw0KGgo=", "images written as data: URLs are not accepted"),
        ("ftp://example.org/x.png", "remote image 'ftp://example.org/x.png' is not fetched"),
        ("http://[broken/x.png", "image address 'http://[broken/x.png' is not valid"),
        ("", "image without an address"),
    ],
)
def test_addresses_outside_the_folder_are_refused(tmp_path, src, message):
    assert message in refused(tmp_path, src)


def test_a_symlink_out_of_the_folder_is_named_as_such(tmp_path):
    folder = tmp_path / "pub"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(image_bytes("PNG"))
    (folder / "pic.png").symlink_to(tmp_path / "secret.png")
    (folder / "dir").symlink_to(tmp_path, target_is_directory=True)
    message = "is a symbolic link to a file outside the publication folder"
    assert message in refused(folder, "pic.png")
    assert message in refused(folder, "dir/secret.png")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", image_bytes("JPEG"), "is named like PNG but holds JPEG"),
        ("photo.jpg", b"just some text, not a picture", "is not a readable image file"),
        ("photo.gif", image_bytes("BMP"), "is a BMP image; use PNG, JPEG, GIF, WebP or SVG"),
        ("notes.txt", b"text", "is not a PNG, JPEG, GIF, SVG or WebP file"),
    ],
)
def test_images_must_be_what_their_names_say(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    assert message in refused(tmp_path, name)


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>', "<script> element"),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>', "'onload' event handler"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
            "<foreignObject> element",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            '<image x:href="file:///etc/passwd"/></svg>',
            "refers to an outside file or address ('file:///etc/passwd')",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css);</style></svg>',
            "its style sheet refers to an outside file",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
            '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "SVG with entity declarations is not accepted",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', "is not well-formed SVG"),
    ],
)
def test_svg_may_not_hold_anything_active_or_external(tmp_path, svg, message):
    (tmp_path / "drawing.svg").write_text(svg, encoding="utf-8")
    assert message in refused(tmp_path, "drawing.svg")


def test_a_plain_svg_with_internal_references_is_fine(tmp_path):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" '
        'width="10" height="10"><defs><circle id="c" r="4"/></defs><use x:href="#c"/></svg>'
    )
    (tmp_path / "drawing.svg").write_text(svg, encoding="utf-8")
    assert resolve(tmp_path, "drawing.svg").media_type == "image/svg+xml"


def test_downloaded_bytes_are_identified_by_content():
    assert check_image_bytes(image_bytes("PNG"), "x", WHERE) == ("image/png", ".png")
    assert check_image_bytes(image_bytes("GIF"), "x", WHERE) == ("image/gif", ".gif")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
    assert check_image_bytes(svg, "x", WHERE) == ("image/svg+xml", ".svg")


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header (all that is read to check it)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + ihdr + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def test_an_image_with_too_many_pixels_is_refused(tmp_path):
    (tmp_path / "huge.png").write_bytes(png_header_only(12000, 8000))
    assert "12000×8000 pixels; at most 89 million are accepted" in refused(tmp_path, "huge.png")


def test_site_absolute_paths_mean_the_publication_folder_or_its_static(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "mill.png").write_bytes(image_bytes("PNG"))
    (tmp_path / "static" / "images").mkdir(parents=True)
    (tmp_path / "static" / "images" / "quay.png").write_bytes(image_bytes("PNG"))
    post = tmp_path / "_posts"
    post.mkdir()
    from_root = resolve_image("/assets/mill.png", post, tmp_path, WHERE, alt="a")
    from_static = resolve_image("/images/quay.png", post, tmp_path, WHERE, alt="a")
    assert from_root.source == tmp_path / "assets" / "mill.png"
    assert from_static.source == tmp_path / "static" / "images" / "quay.png"


def test_site_absolute_path_never_reaches_the_disk_root(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "etc").symlink_to("/etc")
    assert "a symbolic link to a file outside the publication folder" in refused(
        tmp_path, "/etc/hostname"
    )
    assert "is absolute and not in the publication folder" in refused(tmp_path, "/etc/passwd.x")
