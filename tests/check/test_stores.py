"""The store report: which store would reject an EPUB, by each store's published rules."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from PIL import Image

from publisher.backends.epub.image_fit import fitted_image
from publisher.check.stores import store_findings


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def _with_cover(epub: Path, tmp_path: Path, cover: bytes) -> Path:
    """A copy of ``epub`` whose cover-image item holds ``cover``."""
    copy = tmp_path / "book.epub"
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, cover if item.filename.endswith("images/cover.png") else data)
    return copy


def test_the_sample_epub_would_be_taken_by_every_store(sample_epub) -> None:
    facts: dict = {}
    assert store_findings(sample_epub, 0, facts) == []
    assert facts["stores"] == {
        "Apple Books": [],
        "Google Play Books": [],
        "Kobo": [],
        "Kindle Direct Publishing": [],
    }


def test_a_small_cover_and_a_huge_picture_are_named_per_store(sample_epub, tmp_path) -> None:
    small = _with_cover(sample_epub, tmp_path, _png(500, 800))
    facts: dict = {}
    messages = [f.message for f in store_findings(small, 0, facts)]
    assert messages == [
        "Google Play Books would reject this file: cover EPUB/images/cover.png is 500 x 800 px,"
        " under 640 px"
    ]
    (tmp_path / "big").mkdir()
    huge = _with_cover(sample_epub, tmp_path / "big", _png(2100, 2100))
    found = store_findings(huge, 3, {})
    assert {f.severity for f in found} == {"warning"}
    text = " | ".join(f.message for f in found)
    assert "Apple Books would reject this file: EPUB/images/cover.png has 2100 x 2100 px" in text
    for store in ("Apple Books", "Google Play Books", "Kobo"):
        assert f"{store} would reject this file: EPUBCheck reports 3 error(s)" in text
    assert "Kindle Direct Publishing" not in text


def test_no_cover_is_a_reason_for_google_and_kdp(sample_epub, tmp_path) -> None:
    copy = tmp_path / "nocover.epub"
    shutil.copy(sample_epub, copy)
    with zipfile.ZipFile(sample_epub) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith(".opf"):
                data = data.replace(b' properties="cover-image"', b"")
            target.writestr(item, data)
    reasons = {}
    store_findings(copy, 0, reasons)
    assert reasons["stores"]["Google Play Books"] == ["no front cover image inside the EPUB"]
    assert reasons["stores"]["Kindle Direct Publishing"] == ["no cover image"]


def test_images_are_fitted_to_the_stores_and_small_ones_left_alone() -> None:
    small = _png(800, 600)
    assert fitted_image(small) == small
    with Image.open(io.BytesIO(fitted_image(_png(3000, 2000)))) as fitted:
        assert fitted.width * fitted.height <= 4_000_000 and fitted.size[0] > 2400
    with Image.open(io.BytesIO(fitted_image(_png(9000, 300)))) as wide:
        assert wide.width <= 7200
    assert fitted_image(b"not an image") == b"not an image"
