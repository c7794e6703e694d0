"""Regenerate the sample images for Harbour Lights (deterministic, no text).

Usage: python make_images.py   (writes cover.png and ferry-route.png next to this file)
"""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent


def lerp(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def save(img, name, colours):
    img = img.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    img.save(HERE / name, optimize=True)


def cover(w=1600, h=2560):
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    horizon = int(h * 0.68)
    sky_top, sky_low = (8, 22, 58), (46, 84, 140)
    sea_top, sea_low = (18, 52, 98), (4, 14, 38)
    for y in range(h):  # banded gradient keeps the palette small
        if y < horizon:
            t = (y // 32 * 32) / horizon
            col = lerp(sky_top, sky_low, t)
        else:
            t = ((y - horizon) // 32 * 32) / (h - horizon)
            col = lerp(sea_top, sea_low, t)
        d.line([(0, y), (w, y)], fill=col)
    # a few stars
    for i in range(40):
        x, y = (i * 397) % w, (i * 211) % int(horizon * 0.55)
        d.ellipse([x - 3, y - 3, x + 3, y + 3], fill=(220, 228, 240))
    # headland
    d.polygon([(0, horizon - 60), (520, horizon - 140), (900, horizon - 90),
               (1120, horizon), (0, horizon)], fill=(6, 16, 36))
    # light beams
    lamp = (640, horizon - 860)
    d.polygon([lamp, (w, lamp[1] - 420), (w, lamp[1] - 120)], fill=(210, 190, 120))
    d.polygon([lamp, (0, lamp[1] - 300), (0, lamp[1] - 80)], fill=(120, 130, 140))
    # lighthouse tower (tapered) with stripes
    base_y, top_y = horizon - 120, horizon - 800
    bw, tw = 150, 95
    d.polygon([(640 - bw, base_y), (640 + bw, base_y), (640 + tw, top_y), (640 - tw, top_y)],
              fill=(236, 232, 222))
    for k in range(3):
        y0 = base_y - (k * 2 + 1) * (base_y - top_y) // 7
        y1 = y0 - (base_y - top_y) // 7
        f0, f1 = (y0 - top_y) / (base_y - top_y), (y1 - top_y) / (base_y - top_y)
        x0, x1 = tw + (bw - tw) * f0, tw + (bw - tw) * f1
        d.polygon([(640 - x0, y0), (640 + x0, y0), (640 + x1, y1), (640 - x1, y1)],
                  fill=(170, 40, 40))
    # gallery, lantern and roof
    d.rectangle([640 - 130, top_y - 20, 640 + 130, top_y], fill=(30, 34, 44))
    d.rectangle([640 - 80, top_y - 120, 640 + 80, top_y - 20], fill=(250, 226, 140))
    d.polygon([(640 - 105, top_y - 120), (640 + 105, top_y - 120), (640, top_y - 210)],
              fill=(30, 34, 44))
    # reflection of the light on the sea
    for i in range(12):
        y = horizon + 30 + i * 60
        half = 260 - i * 18
        d.rectangle([640 - half, y, 640 + half, y + 10], fill=(150, 140, 100))
    # Drawn at 1600 x 2560, printed from 1920 x 3072: over 300 ppi on the print cover's
    # front, bleed included (6.125 x 9.25 in).
    save(img.resize((w * 6 // 5, h * 6 // 5), Image.Resampling.LANCZOS), "cover.png", 48)


def ferry_route(w=1200, h=800):
    img = Image.new("RGB", (w, h), (205, 225, 238))
    d = ImageDraw.Draw(img)
    land, shore, route, marker = (222, 214, 184), (120, 110, 90), (30, 60, 110), (200, 60, 40)
    mainland = [(0, 0), (300, 0), (320, 140), (290, 280), (340, 420), (430, 520), (580, 580),
                (760, 610), (960, 640), (1200, 660), (1200, 800), (0, 800)]
    island = [(880, 140), (990, 100), (1100, 150), (1120, 250), (1040, 310),
              (930, 290), (860, 220)]
    for poly in (mainland, island):
        d.polygon(poly, fill=land)
        d.line(poly + [poly[0]], fill=shore, width=4)
    stops = [(500, 548), (860, 625), (975, 298)]  # Port Ellery, Mossby, Skerran Isle
    path = [stops[0], (680, 555), stops[1], (930, 470), stops[2]]
    for (x0, y0), (x1, y1) in zip(path, path[1:]):
        n = int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 // 22)
        for i in range(0, n, 2):
            a, b = i / n, (i + 1) / n
            d.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                    (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)], fill=route, width=7)
    for x, y in stops:
        d.ellipse([x - 22, y - 22, x + 22, y + 22], fill=(255, 255, 255), outline=marker, width=8)
        d.ellipse([x - 8, y - 8, x + 8, y + 8], fill=marker)
    # compass arrow pointing north, in open water
    d.polygon([(1110, 500), (1130, 440), (1150, 500), (1130, 488)], fill=route)
    # Printed across the text block (4.5 in): 1440 px wide is 320 ppi.
    save(img.resize((w * 6 // 5, h * 6 // 5), Image.Resampling.LANCZOS), "ferry-route.png", 16)


if __name__ == "__main__":
    cover()
    ferry_route()
