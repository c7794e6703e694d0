"""Oversized pictures are scaled down for the EPUB once per picture, not once per build."""

from __future__ import annotations

import io

from PIL import Image

from publisher.backends.epub import image_fit


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 140)).save(out, format="PNG")
    return out.getvalue()


def test_a_large_picture_is_resampled_once(monkeypatch):
    calls: list[int] = []
    real = image_fit._fitted
    monkeypatch.setattr(image_fit, "_fitted", lambda data: calls.append(len(data)) or real(data))
    large = _png(2600, 1700)  # 4.4 million pixels: over Apple's 4 million
    first = image_fit.fitted_image(large)
    with Image.open(io.BytesIO(first)) as image:
        assert image.width * image.height <= image_fit.MAX_PIXELS and image.format == "PNG"
    assert image_fit.fitted_image(large) == first
    assert len(calls) == 1
    small = _png(300, 200)
    assert image_fit.fitted_image(small) is small  # left as it is, and nothing kept
    assert len(calls) == 2
