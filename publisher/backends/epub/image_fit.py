"""Raster images in the EPUB within the stores' sizes (print-sized originals stay in print).

Pictures prepared for print (300 ppi) are far larger than any screen, and the stores refuse
them: Apple Books takes no image over 4 million pixels, Google Play no cover over 7,200 px
on a side (check/stores.py). The EPUB therefore carries such an image scaled down to fit
(same format, same proportions); the PDF keeps the original. Animated images and anything
Pillow cannot read are left as they are.
"""

from __future__ import annotations

import hashlib
import io
import math

from PIL import Image

MAX_SIDE = 7200  # Google Play's largest cover side
MAX_PIXELS = 4_000_000  # Apple Books' largest image inside a book


# Scaled-down images by the digest of the original: a process that builds again (``publisher
# serve``) does not resample the same picture each time (3 of a 1,000-article EPUB
# rebuild's 49 seconds went to its cover, measured). Bounded: cleared when full.
_FITTED: dict[bytes, bytes] = {}
_FITTED_KEPT = 64


def fitted_image(data: bytes) -> bytes:
    """The image's bytes, scaled down when it is over MAX_SIDE or MAX_PIXELS, else unchanged."""
    key = hashlib.sha256(data).digest()
    if key not in _FITTED:
        fitted = _fitted(data)
        if fitted is data:
            return data
        if len(_FITTED) >= _FITTED_KEPT:
            _FITTED.clear()
        _FITTED[key] = fitted
    return _FITTED[key]


def _fitted(data: bytes) -> bytes:
    """``fitted_image`` worked out afresh."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            scale = min(
                1.0, MAX_SIDE / max(image.size), math.sqrt(MAX_PIXELS / math.prod(image.size))
            )
            if scale >= 1.0 or getattr(image, "is_animated", False):
                return data
            kind = image.format or "PNG"
            size = (max(1, int(image.width * scale)), max(1, int(image.height * scale)))
            smaller = image.resize(size, Image.Resampling.LANCZOS)
            out = io.BytesIO()
            smaller.save(out, format=kind, **({"quality": 92} if kind == "JPEG" else {}))
            return out.getvalue()
    except OSError:
        return data
