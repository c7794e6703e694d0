"""Helpers for the hostile-input tests: run the CLI, serve HTTP(S) locally, make images."""

from __future__ import annotations

import io
import os
import shutil
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "fixtures" / "broken"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m publisher ARGS`` as a user runs it, without the article cache."""
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
        check=False,
    )


def error_lines(stderr: str) -> list[str]:
    """The ``path:line: error: message`` lines of a run, in order."""
    return [line for line in stderr.splitlines() if ": error: " in line]


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A small, valid PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 140)).save(buffer, "PNG")
    return buffer.getvalue()


def copy_fixture(name: str, target: Path) -> Path:
    """A writable copy of ``tests/fixtures/broken/<name>``, symbolic links kept as links."""
    shutil.copytree(BROKEN / name, target, symlinks=True)
    return target


class Recorder(BaseHTTPRequestHandler):
    """Serves ``body`` for every GET and records each request's path."""

    body = b""
    content_type = "image/png"
    delay = 0.0  # seconds to wait before answering
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        time.sleep(self.delay)
        self.send_response(200)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests look at ``requests`` instead."""


@contextmanager
def serving(
    handler: type[BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None
) -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 in a thread: yields its base URL and the list of request paths."""
    requests: list[str] = []
    handler_class = type("Handler", (handler,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if tls else "http"
    try:
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1, made with the openssl command.

    (Debian's ca-certificates, which Java and pip need anyway, depends on openssl.)
    """
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key
