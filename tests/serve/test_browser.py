"""The preview page in headless Chromium: it draws something, lists the chapters, and fits a
phone's width."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PIL import Image

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def _chromium(profile: Path, *arguments: str) -> str:
    run = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def test_screenshot_is_not_blank_and_the_dom_lists_the_chapters(served, tmp_path):
    shot = tmp_path / "preview.png"
    _chromium(tmp_path / "profile-1", f"--screenshot={shot}", "--window-size=1280,900", served.url)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 900)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, bars, the chapter: not blank
    dominant = max(count for count, _ in colours)
    assert dominant < 0.9 * image.size[0] * image.size[1]
    dom = _chromium(tmp_path / "profile-2", "--dump-dom", served.url)
    for title in (
        "The Harbour Wall Gets Its Stones Back",
        "A Timetable Written in Chalk",
        "Inside the Lamp Room",
    ):
        assert title in dom
    assert '<iframe id="chapter"' in dom and '<iframe id="print"' in dom


def test_usable_at_phone_width(served, tmp_path):
    shot = tmp_path / "phone.png"
    _chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=390,844", served.url)
    image = Image.open(shot).convert("RGB")
    width, height = image.size
    # The contents come first, full width: the sidebar's pale background reaches the right.
    right = [image.getpixel((width - 3, y)) for y in range(60, min(height, 300))]
    assert any(pixel != (255, 255, 255) and sum(pixel) > 600 for pixel in right)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 30
