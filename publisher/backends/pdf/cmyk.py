"""CMYK for a PDF/X-1a job: the print stylesheet's colours and the book's pictures turned
from sRGB into the press's CMYK through a real ICC profile (Ghostscript's default CMYK,
the job's output intent), with Pillow's ImageCms (LittleCMS).

PDF/X-1a allows CMYK and grey only, and no transparency. Neutral colours become black ink
alone (K only, at the lightness the profile prints for that tint), so black text and grey
rules never print in four inks; a translucent colour is mixed with the paper first.
Pictures become CMYK JPEG (the only CMYK form WeasyPrint embeds), greyscale ones stay grey,
and transparency is flattened onto white.
"""

from __future__ import annotations

import io
from functools import cached_property, lru_cache
from pathlib import Path

import numpy
import tinycss2
from PIL import Image, ImageChops, ImageCms
from tinycss2 import color4

PERCEPTUAL = ImageCms.Intent.PERCEPTUAL
JPEG_QUALITY = 95
MAX_INK = 240  # per cent of total ink (C + M + Y + K): IngramSpark's limit
RASTER = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/tiff", "image/bmp"}
_NESTED_RULES = {"media", "supports", "layer", "container", "document"}  # hold rules
_NO_COLOURS = {"color-profile", "font-face", "counter-style", "import", "namespace"}
# Properties whose keywords may name a colour ("black", "grey"): a keyword elsewhere
# ("solid", a font's name) is left alone; #hex and rgb()/hsl()/… are colours anywhere.
_COLOUR_WORDS = (
    "color",
    "background",
    "border",
    "outline",
    "text-decoration",
    "column-rule",
    "shadow",
    "fill",
    "stroke",
    "text-emphasis",
    "--",
)


class Press:
    """Colour conversion from sRGB to the CMYK of one ICC output profile."""

    def __init__(self, icc: Path) -> None:
        self.icc = icc
        self.profile = ImageCms.getOpenProfile(str(icc))

    @cached_property
    def _to_cmyk(self) -> ImageCms.ImageCmsTransform:
        srgb = ImageCms.createProfile("sRGB")
        return ImageCms.buildTransform(srgb, self.profile, "RGB", "CMYK", PERCEPTUAL)

    @cached_property
    def _black_ramp(self) -> list[int]:
        """L* (0–255) that the press prints for black ink alone at each of 256 tints."""
        ramp = Image.frombytes("CMYK", (256, 1), bytes(b for k in range(256) for b in (0, 0, 0, k)))
        lab = ImageCms.createProfile("LAB")
        to_lab = ImageCms.buildTransform(self.profile, lab, "CMYK", "LAB", PERCEPTUAL)
        return list(ImageCms.applyTransform(ramp, to_lab).getchannel("L").tobytes())

    @cached_property
    def _grey_lightness(self) -> list[int]:
        """L* (0–255) of each sRGB grey 0–255."""
        greys = Image.frombytes("RGB", (256, 1), bytes(v for g in range(256) for v in (g,) * 3))
        srgb, lab = ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB")
        to_lab = ImageCms.buildTransform(srgb, lab, "RGB", "LAB", PERCEPTUAL)
        return list(ImageCms.applyTransform(greys, to_lab).getchannel("L").tobytes())

    def black_tint(self, grey: int) -> int:
        """The black-ink tint (0–255) that prints as light as the sRGB grey ``grey``."""
        if grey <= 0:
            return 255
        if grey >= 255:
            return 0
        wanted = self._grey_lightness[grey]
        ramp = self._black_ramp
        return min(range(256), key=lambda k: (abs(ramp[k] - wanted), k))

    def cmyk(self, red: int, green: int, blue: int) -> tuple[int, int, int, int]:
        """An opaque sRGB colour (0–255 channels) as CMYK ink (0–255 each)."""
        if red == green == blue:
            return 0, 0, 0, self.black_tint(red)
        pixel = Image.new("RGB", (1, 1), (red, green, blue))
        return limit_ink(ImageCms.applyTransform(pixel, self._to_cmyk)).getpixel((0, 0))

    def image(self, data: bytes) -> bytes | None:
        """A raster picture as CMYK JPEG, or as greyscale PNG when it has no colour; None
        when it already is CMYK or grey (or cannot be read: WeasyPrint reports that)."""
        try:
            picture = Image.open(io.BytesIO(data))
            picture.load()
        except (OSError, ValueError, Image.DecompressionBombError):
            return None
        if picture.mode in ("L", "CMYK", "1"):
            return None
        source = picture.info.get("icc_profile")
        flat = _on_white(picture)
        out = io.BytesIO()
        if _is_neutral(flat):
            flat.convert("L").save(out, format="PNG")
            return out.getvalue()
        inputs = (
            ImageCms.ImageCmsProfile(io.BytesIO(source))
            if source
            else ImageCms.createProfile("sRGB")
        )
        try:
            cmyk = ImageCms.profileToProfile(flat, inputs, self.profile, PERCEPTUAL, "CMYK")
        except ImageCms.PyCMSError:  # an unusable embedded profile: read it as sRGB
            cmyk = ImageCms.applyTransform(flat, self._to_cmyk)
        limit_ink(cmyk).save(out, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
        return out.getvalue()


def limit_ink(picture: Image.Image, limit: int = MAX_INK) -> Image.Image:
    """A CMYK picture with no pixel over ``limit`` % total ink: the grey part of C, M and Y
    moved into black first (grey component replacement), then C, M and Y scaled down."""
    inks = numpy.asarray(picture, dtype=numpy.int32).copy()
    most = limit * 255 // 100
    excess = inks.sum(axis=-1) - most
    if excess.max(initial=0) <= 0:
        return picture
    grey = inks[..., :3].min(axis=-1)
    moved = numpy.clip(
        numpy.minimum(grey, numpy.minimum((excess + 1) // 2, 255 - inks[..., 3])), 0, None
    )
    moved = numpy.where(excess > 0, moved, 0)
    inks[..., :3] -= moved[..., None]
    inks[..., 3] += moved
    colour = inks[..., :3].sum(axis=-1)
    room = numpy.clip(most - inks[..., 3], 0, None)
    scale = numpy.where(colour > room, room / numpy.maximum(colour, 1), 1.0)
    inks[..., :3] = numpy.floor(inks[..., :3] * scale[..., None])
    return Image.fromarray(inks.astype(numpy.uint8), "CMYK")


@lru_cache(maxsize=4)
def press(icc: Path) -> Press:
    """The converter for one profile (its transforms are built once per process)."""
    return Press(icc)


def _on_white(picture: Image.Image) -> Image.Image:
    """The picture as opaque RGB: any transparency composited onto white paper."""
    if picture.mode in ("P", "PA") or "transparency" in picture.info:
        picture = picture.convert("RGBA")
    if picture.mode in ("RGBA", "LA", "La", "RGBa"):
        picture = picture.convert("RGBA")
        paper = Image.new("RGBA", picture.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, picture).convert("RGB")
    return picture.convert("RGB")


def _is_neutral(picture: Image.Image) -> bool:
    """True when every pixel is a grey (R = G = B): a black-and-white picture."""
    red, green, blue = picture.split()
    return ImageChops.difference(red, green).getbbox() is None and (
        ImageChops.difference(green, blue).getbbox() is None
    )


# CSS -----------------------------------------------------------------------------------


def cmyk_css(css: str, converter: Press) -> str:
    """The stylesheet with every colour in a declaration written as ``device-cmyk()``."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False)
    return tinycss2.serialize(_rules(rules, converter))


def cmyk_colour(value: str, converter: Press) -> str:
    """One CSS colour (``#1f3b4d``) as ``device-cmyk()``; anything else as it was."""
    token = tinycss2.parse_one_component_value(value)
    return tinycss2.serialize([_token(token, converter)])


def _rules(rules: list, converter: Press) -> list:
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword in _NO_COLOURS:
            continue
        if rule.type == "qualified-rule" or (
            rule.type == "at-rule"
            and rule.content is not None
            and rule.lower_at_keyword not in _NESTED_RULES
        ):
            rule.content = _block(rule.content, converter)
        elif rule.type == "at-rule" and rule.content is not None:
            rule.content = _rules(
                tinycss2.parse_rule_list(rule.content, skip_comments=False), converter
            )
    return rules


def _block(content: list, converter: Press) -> list:
    """Declarations (and nested rules) of a block with their colours converted."""
    out = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=False):
        if item.type == "declaration":
            words = any(part in item.lower_name for part in _COLOUR_WORDS)
            item.value = [_token(token, converter, words) for token in item.value]
            out.append(item)  # serialised with its semicolon
        elif item.type in ("qualified-rule", "at-rule"):
            out.extend(_rules([item], converter))
        else:
            out.append(item)
    return out


def _token(token: object, converter: Press, words: bool = True) -> object:
    """A colour token as ``device-cmyk()``; anything else as it was (functions inside).
    Keywords are colours only where ``words`` says the property takes colours."""
    kind = getattr(token, "type", None)
    if kind in ("hash", "function") or (kind == "ident" and words):
        colour = color4.parse_color(token)
        if isinstance(colour, color4.Color) and colour.space != "device-cmyk":
            return _device_cmyk(colour, converter)
    if kind == "function":
        token.arguments = [_token(argument, converter, words) for argument in token.arguments]
    return token


def _device_cmyk(colour: color4.Color, converter: Press) -> object:
    """``device-cmyk(c m y k)`` for a colour (mixed with white paper when translucent);
    a fully transparent colour stays ``transparent`` (nothing is painted)."""
    if colour.alpha == 0:
        return tinycss2.ast.IdentToken(0, 0, "transparent")
    channels = [min(1.0, max(0.0, v)) for v in colour.to("srgb").coordinates]
    mixed = [round(255 * (colour.alpha * v + 1 - colour.alpha)) for v in channels]
    inks = converter.cmyk(*mixed)
    text = " ".join(f"{ink / 255:.3f}".rstrip("0").rstrip(".") or "0" for ink in inks)
    return tinycss2.parse_one_component_value(f"device-cmyk({text})")
