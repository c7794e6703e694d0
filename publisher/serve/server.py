"""The preview's HTTP server: the page, its events, the built files and the EPUB's insides.

- ``/``: the preview page (page.py); ``/status.json``: the last build, as data.
- ``/events``: server-sent events, one ``build`` event per finished (or started) build.
- ``/build/NAME``: the served files (``publisher build``'s outputs and SHA256SUMS).
- ``/epub/PATH``: a file inside the served EPUB (its XHTML, CSS, images, fonts), so the
  browser shows the chapters exactly as the ebook holds them.

Only the files of the last good build are ever served; nothing else on disk is reachable.
"""

from __future__ import annotations

import io
import json
import mimetypes
import threading
import zipfile
from dataclasses import asdict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from publisher.serve.page import render_page
from publisher.serve.rebuild import State

HEARTBEAT_S = 15.0
TYPES = {
    ".xhtml": "application/xhtml+xml",
    ".epub": "application/epub+zip",
    ".pdf": "application/pdf",
    ".css": "text/css",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
}


class Hub:
    """The current state, shared by the builder (main thread) and the request threads."""

    def __init__(self, served: Path) -> None:
        self.served = served
        self.state = State()
        self.changed = threading.Condition()
        self.closing = False
        self._epub: tuple[str, bytes, zipfile.ZipFile] | None = None

    def publish(self, state: State) -> None:
        """A new state: wake every event stream."""
        with self.changed:
            self.state = state
            self.changed.notify_all()

    def close(self) -> None:
        """The server is stopping: end every event stream."""
        with self.changed:
            self.closing = True
            self.changed.notify_all()

    def file(self, name: str) -> bytes | None:
        """A served file's bytes, only if the last build published it."""
        if name not in self.state.served:
            return None
        try:
            return (self.served / name).read_bytes()
        except OSError:
            return None

    def epub_member(self, member: str) -> bytes | None:
        """A file inside the served EPUB, or None."""
        name = self.state.files.get("epub")
        if not name:
            return None
        with self.changed:
            archive = self._archive(name)
        if archive is None:
            return None
        try:
            return archive.read(member)
        except (KeyError, zipfile.BadZipFile, OSError):
            return None

    def _archive(self, name: str) -> zipfile.ZipFile | None:
        try:
            data = (self.served / name).read_bytes()
        except OSError:
            return None
        if self._epub is None or self._epub[1] != data:
            try:
                self._epub = (name, data, zipfile.ZipFile(io.BytesIO(data)))
            except zipfile.BadZipFile:
                return None
        return self._epub[2]


class Server(ThreadingHTTPServer):
    """A threading HTTP server bound to one address, answering from a Hub."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], hub: Hub) -> None:
        super().__init__(address, Handler)
        self.hub = hub

    @property
    def url(self) -> str:
        """The address to open, e.g. http://127.0.0.1:8000/."""
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"


class Handler(BaseHTTPRequestHandler):
    """One request: route it to the page, the events, a built file or an EPUB member."""

    server: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal shows builds and problems."""

    def do_HEAD(self) -> None:
        """As GET, without the body."""
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        """Answer a GET request."""
        hub = self.server.hub
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            self._send(render_page(hub.state).encode("utf-8"), "text/html; charset=utf-8", head)
        elif path == "/status.json":
            body = json.dumps(asdict(hub.state), default=str).encode("utf-8")
            self._send(body, "application/json", head)
        elif path == "/events":
            self._events()
        elif path.startswith("/build/"):
            name = path.removeprefix("/build/")
            self._send_file(hub.file(name), name, head)
        elif path.startswith("/epub/"):
            member = path.removeprefix("/epub/")
            self._send_file(hub.epub_member(member), member, head)
        else:
            self._not_found(head)

    def _send_file(self, data: bytes | None, name: str, head: bool) -> None:
        if data is None:
            self._not_found(head)
            return
        suffix = Path(name).suffix.lower()
        kind = TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("xml"):
            kind += "; charset=utf-8"
        if Path(name).name == "SHA256SUMS":
            kind = "text/plain; charset=utf-8"
        self._send(data, kind, head)

    def _not_found(self, head: bool) -> None:
        self._send(b"not found\n", "text/plain; charset=utf-8", head, HTTPStatus.NOT_FOUND)

    def _send(self, body: bytes, kind: str, head: bool, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: the current build now, then each new one, until closing."""
        hub = self.server.hub
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = None
        try:
            while True:
                with hub.changed:
                    if hub.state == sent and not hub.closing:
                        hub.changed.wait(HEARTBEAT_S)
                    state, closing = hub.state, hub.closing
                if closing:
                    return
                if state == sent:
                    self.wfile.write(b": still here\n\n")
                else:
                    data = json.dumps(
                        {
                            "generation": state.generation,
                            "building": state.building,
                            "ok": state.ok,
                            "problems": list(state.problems),
                        }
                    )
                    self.wfile.write(f"event: build\ndata: {data}\n\n".encode())
                    sent = state
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
