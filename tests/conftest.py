"""Session-wide fixtures: each test publication is built once per run and shared."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hypothesis import settings

from publisher.pipeline import BuildResult
from tests.helpers import EPOCH, build_at_epoch  # noqa: F401 (EPOCH: tests import it from here)

# Property tests explore new random inputs on developers' machines; in CI (CI=true) they
# replay a fixed, derandomized set so a release is never blocked by a fresh random find.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "manuscripts"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Builds in tests (and the CLI subprocesses they start) use a cache of their own."""
    previous = os.environ.get("PUBLISHER_CACHE_DIR")
    os.environ["PUBLISHER_CACHE_DIR"] = str(tmp_path_factory.mktemp("publisher-cache"))
    yield
    if previous is None:
        del os.environ["PUBLISHER_CACHE_DIR"]
    else:
        os.environ["PUBLISHER_CACHE_DIR"] = previous


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    """Building never reaches the network: any attempt to connect fails the test."""
    original = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
            return original(self, address)
        if isinstance(address, (str, bytes)):  # unix sockets
            return original(self, address)
        raise AssertionError(f"network access attempted: {address}")

    socket.socket.connect = guarded
    yield
    socket.socket.connect = original


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> BuildResult:
    """The sample publication (manuscripts/), built once as EPUB and PDF."""
    return build_at_epoch(SAMPLE, ["epub", "pdf"], tmp_path_factory.mktemp("sample") / "build")


@pytest.fixture(scope="session")
def sample_epub(sample_build) -> Path:
    """Path of the sample EPUB."""
    return next(o.path for o in sample_build.outputs if o.path.suffix == ".epub")


@pytest.fixture(scope="session")
def sample_pdf(sample_build) -> Path:
    """Path of the sample PDF."""
    return next(o.path for o in sample_build.outputs if o.path.suffix == ".pdf")


@pytest.fixture(scope="session")
def sample_screen_pdf(tmp_path_factory) -> Path:
    """The sample as a screen PDF (``--pdf-profile screen``), built once.

    ``sample_pdf`` is the print profile: the sample's [pdf] settings (6x9in, bleed, marks).
    """
    out = tmp_path_factory.mktemp("sample-screen") / "build"
    return build_at_epoch(SAMPLE, ["pdf"], out, pdf_profile="screen").outputs[0].path


HARD = FIXTURES / "hard"


@pytest.fixture(scope="session")
def hard_build(tmp_path_factory) -> BuildResult:
    """The "hard" publication (tables, footnotes, images, other languages, raw HTML, a
    series and no configured cover), built once as EPUB and PDF."""
    return build_at_epoch(HARD, ["epub", "pdf"], tmp_path_factory.mktemp("hard") / "build")


@pytest.fixture(scope="session")
def hard_epub(hard_build) -> Path:
    """Path of the hard publication's EPUB."""
    return next(o.path for o in hard_build.outputs if o.path.suffix == ".epub")


@pytest.fixture(scope="session")
def sample_epub_check(sample_build, sample_epub):
    """EPUBCheck (with -u usage notes) and Ace on the sample EPUB, run once."""
    from publisher.check.epub import check

    return check(sample_epub, sample_build.publication, usage=True)


@pytest.fixture(scope="session")
def hard_epub_check(hard_build, hard_epub):
    """EPUBCheck (with -u usage notes) and Ace on the hard publication's EPUB, run once."""
    from publisher.check.epub import check

    return check(hard_epub, hard_build.publication, usage=True)


RTL = FIXTURES / "rtl"


@pytest.fixture(scope="session")
def rtl_outputs(tmp_path_factory) -> dict[str, Path]:
    """The right-to-left fixture (a Hebrew book with an English and an Arabic article),
    built once as EPUB and PDF: suffix ("epub", "pdf") → path."""
    result = build_at_epoch(RTL, ["epub", "pdf"], tmp_path_factory.mktemp("rtl") / "build")
    return {o.path.suffix[1:]: o.path for o in result.outputs}


@pytest.fixture(scope="session")
def rtl_pdf(rtl_outputs) -> Path:
    """Path of the right-to-left fixture's PDF."""
    return rtl_outputs["pdf"]
