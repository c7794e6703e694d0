"""Session-wide fixtures: each test publication is built once per run and shared."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from publisher.pipeline import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "manuscripts"
EPOCH = "1780000000"  # a fixed SOURCE_DATE_EPOCH (2026-05-28) so outputs are reproducible


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
    out = tmp_path_factory.mktemp("sample") / "build"
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return build(SAMPLE, ["epub", "pdf"], out)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@pytest.fixture(scope="session")
def sample_epub(sample_build) -> Path:
    """Path of the sample EPUB."""
    return next(o.path for o in sample_build.outputs if o.path.suffix == ".epub")


@pytest.fixture(scope="session")
def sample_pdf(sample_build) -> Path:
    """Path of the sample PDF."""
    return next(o.path for o in sample_build.outputs if o.path.suffix == ".pdf")
