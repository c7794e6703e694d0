"""A reading system shows the print edition's pages: epub.js (npm ``epubjs``, installed by
``make setup``) in headless Chromium reads the sample EPUB's page-list and goes to a print
page; what it shows there is what that page of the PDF begins with."""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
import subprocess
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers import pdf_page_texts

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent / "epubjs"
SCRIPTS = (
    ROOT / "node_modules" / "jszip" / "dist" / "jszip.min.js",
    ROOT / "node_modules" / "epubjs" / "dist" / "epub.min.js",
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """No request log on the test's output."""


def _mid_paragraph_page(epub: Path) -> str:
    """The label of the first print page that begins inside a paragraph."""
    with zipfile.ZipFile(epub) as archive:
        for name in archive.namelist():
            if name.endswith(".xhtml") and "ch-" in name:
                text = archive.read(name).decode()
                found = re.search(r'role="doc-pagebreak"[^>]*aria-label="(\d+)"/>\w', text)
                if found:
                    return found.group(1)
    raise AssertionError("no page begins inside a paragraph")


@pytest.fixture(scope="module")
def shown(sample_epub, tmp_path_factory) -> tuple[dict, Path, str]:
    site = tmp_path_factory.mktemp("epubjs")
    shutil.copy(sample_epub, site / "book.epub")
    for path in (*SCRIPTS, HERE / "pages.html"):
        shutil.copy(path, site / path.name)
    page = _mid_paragraph_page(sample_epub)
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/pages.html?page={page}"
        shot = site / "shot.png"
        run = subprocess.run(
            ["node", str(HERE / "run.mjs"), url, str(shot)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
        )
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1]), shot, page


def test_epubjs_lists_every_print_page(shown, sample_pdf) -> None:
    data, _, _ = shown
    assert data["pages"] == [str(n) for n in range(1, len(pdf_page_texts(sample_pdf)) + 1)]


def test_epubjs_goes_to_a_print_page_and_shows_its_first_words(shown, sample_pdf) -> None:
    data, shot, page = shown
    assert str(data["shown"]) == page and data["marker"] == page
    letters = "".join(re.findall(r"\w+", pdf_page_texts(sample_pdf)[int(page) - 1]))[:300]
    words = [w for w in (re.sub(r"\W", "", w) for w in data["words"]) if w]
    assert "".join(words[1:4]) in letters, (words, letters[:80])
    with Image.open(io.BytesIO(shot.read_bytes())) as image:
        assert image.convert("L").getextrema()[0] < 128  # text was drawn, the page is not blank
