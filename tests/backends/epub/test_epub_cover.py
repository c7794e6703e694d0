"""The EPUB cover: the configured image, else a generated, deterministic raster cover."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from lxml import etree
from PIL import Image

from publisher.model import Contributor, Metadata
from publisher.render.cover import SIZE, cover_design, render_cover

NS = {"opf": "http://www.idpf.org/2007/opf", "h": "http://www.w3.org/1999/xhtml"}
META = Metadata(
    title="Tidewater",
    subtitle="Notes from a Low Coast",
    language="en",
    identifier="urn:uuid:00000000-0000-0000-0000-000000000000",
    published=date(2026, 1, 1),
    modified="2026-01-01T00:00:00Z",
    editors=(Contributor("Ines Marlow"),),
    publisher="Shoal Books",
)


def colours(image: Image.Image) -> dict[tuple[int, int, int], int]:
    """Pixel count of each colour in an RGB image."""
    return {colour: count for count, colour in image.getcolors(maxcolors=1 << 24)}


def cover_item(epub) -> tuple[etree._Element, bytes, etree._Element]:
    """The manifest item marked cover-image, its bytes, and the cover page."""
    with zipfile.ZipFile(epub) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
        (item,) = opf.xpath("//opf:item[@properties='cover-image']", namespaces=NS)
        data = z.read(f"EPUB/{item.get('href')}")
        page = etree.fromstring(z.read("EPUB/cover.xhtml"))
    return item, data, page


def test_configured_cover_is_packaged_within_the_stores_sizes(sample_epub, sample_build):
    """The sample's print cover (1920 x 3072, 5.9 million pixels) is over Apple's 4 million:
    the EPUB carries it scaled down, same proportions and format; print keeps the original."""
    item, data, page = cover_item(sample_epub)
    assert item.get("href") == "images/cover.png"
    original = (sample_build.publication.root / "images" / "cover.png").read_bytes()
    with Image.open(io.BytesIO(original)) as big, Image.open(io.BytesIO(data)) as packed:
        assert big.size == (1920, 3072) and packed.format == "PNG"
        assert packed.width * packed.height <= 4_000_000 < big.width * big.height
        assert abs(packed.width / packed.height - 1920 / 3072) < 0.002
        assert min(packed.size) >= 1400
    (img,) = page.xpath("//h:img", namespaces=NS)
    assert img.get("alt") == "Cover of Harbour Lights"


def test_generated_cover_when_none_is_configured(hard_epub):
    item, data, page = cover_item(hard_epub)
    assert (item.get("href"), item.get("media-type")) == ("cover.png", "image/png")
    image = Image.open(io.BytesIO(data))
    # Drawn at 1600 x 2560 (KDP's ideal), packaged within Apple's 4 million pixels.
    assert image.format == "PNG" and image.size[0] >= 1550 and image.size[1] >= 2480
    assert image.size[0] * image.size[1] <= 4_000_000
    (img,) = page.xpath("//h:img", namespaces=NS)
    assert (img.get("src"), img.get("alt")) == ("cover.png", "Cover of Soundings")
    with zipfile.ZipFile(hard_epub) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
    (legacy,) = opf.xpath("//opf:meta[@name='cover']", namespaces=NS)
    assert legacy.get("content") == item.get("id")


def test_generated_cover_is_deterministic_and_store_sized():
    design = cover_design("")
    first = render_cover(META, design)
    assert render_cover(META, design) == first
    assert Image.open(io.BytesIO(first)).size == SIZE == (1600, 2560)


def test_generated_cover_uses_the_theme_colours():
    css = ":root { --cover-background: #112233; --cover-ink: #fefefe; --cover-accent: #cc0000; }"
    override = ":root { --cover-background: #334455; }"  # a later rule (extra.css) wins
    design = cover_design(css + "\n" + override)
    assert (design.background, design.ink, design.accent) == ("#334455", "#fefefe", "#cc0000")
    image = Image.open(io.BytesIO(render_cover(META, design))).convert("RGB")
    assert image.getpixel((30, 30)) == (0x33, 0x44, 0x55)  # background, outside the frame
    assert image.getpixel((80, SIZE[1] // 2)) == (0xCC, 0x00, 0x00)  # the accent frame
    assert (
        colours(image).get((0xFE, 0xFE, 0xFE), 0) > 1000
    )  # title, subtitle and editors are drawn in the ink colour


@pytest.mark.parametrize("title", ["A", "An extraordinarily long title " * 6, "潮風の記録" * 4])
def test_any_title_fits_inside_the_frame(title):
    meta = Metadata(
        title=title, language="en", identifier="x", published=date(2026, 1, 1), modified=""
    )
    design = cover_design("")
    image = Image.open(io.BytesIO(render_cover(meta, design))).convert("RGB")
    background = Image.new("RGB", (1, 1), design.background).getpixel((0, 0))
    width, height = SIZE
    for box in ((100, 100, 190, height - 100), (width - 190, 100, width - 100, height - 100)):
        assert set(colours(image.crop(box))) == {background}, box  # margins stay empty
    text_area = image.crop((190, 400, width - 190, 1900))
    assert len(colours(text_area)) > 2  # the title is drawn, anti-aliased
