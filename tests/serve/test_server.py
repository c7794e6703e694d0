"""The preview server over real HTTP on 127.0.0.1: the page, the files, the events."""

from __future__ import annotations

import hashlib
import json
import socket
import urllib.request
import zipfile
from io import BytesIO
from urllib.parse import urlsplit

from tests.serve.conftest import ARTICLES


def test_listens_on_loopback_only(served):
    host = urlsplit(served.url).hostname
    assert host == "127.0.0.1"
    port = urlsplit(served.url).port
    outward = [a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    for address in {a for a in outward if not a.startswith("127.")}:
        probe = socket.socket()
        probe.settimeout(1)
        assert probe.connect_ex((address, port)) != 0, address
        probe.close()


def test_page_lists_every_chapter_with_its_print_page(served):
    status, headers, body = served.get("/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    for title in ("The Harbour Wall Gets Its Stones Back", "A Timetable Written in Chalk"):
        assert title in page
    state = served.status()
    chapters = [entry for entry in state["contents"] if not entry["part"]]
    assert [c["title"] for c in chapters][2] == "Inside the Lamp Room"
    pages = [c["page"] for c in chapters]
    assert all(isinstance(p, int) for p in pages) and pages == sorted(pages), pages
    pdf = state["files"]["pdf"]
    assert f'href="/build/{pdf}#page={pages[1]}"' in page


def test_build_folder_serves_outputs_and_their_checksums(served):
    state = served.status()
    assert state["served"][-1] == "SHA256SUMS"
    _, _, sums = served.get("/build/SHA256SUMS")
    listed = dict(reversed(line.split("  ")) for line in sums.decode().splitlines())
    assert set(listed) == set(state["files"].values())
    for name, digest in listed.items():
        status, _, data = served.get(f"/build/{name}")
        assert status == 200 and hashlib.sha256(data).hexdigest() == digest


def test_nothing_else_on_disk_is_reachable(served):
    for path in (
        "/build/../book/publication.toml",
        "/build/%2e%2e/book/publication.toml",
        "/build/.serve",
        "/epub/../../etc/passwd",
        "/nowhere",
    ):
        assert served.get(path)[0] == 404, path


def test_epub_documents_are_served_from_the_ebook(served):
    epub = served.get(f"/build/{served.status()['files']['epub']}")[2]
    with zipfile.ZipFile(BytesIO(epub)) as archive:
        chapter = next(n for n in archive.namelist() if n.endswith("harbour-wall.xhtml"))
        expected = archive.read(chapter)
        css = archive.read("EPUB/css/book.css")
    status, headers, body = served.get(f"/epub/{chapter}")
    assert status == 200 and headers["Content-Type"].startswith("application/xhtml+xml")
    assert body == expected
    assert served.get("/epub/EPUB/css/book.css")[2] == css


def test_events_announce_the_current_build(served):
    request = urllib.request.Request(served.url + "events")
    with urllib.request.urlopen(request, timeout=10) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        assert stream.readline() == b"event: build\n"
        data = json.loads(stream.readline().removeprefix(b"data: "))
    assert data["generation"] == served.status()["generation"]
    assert data["ok"] is True and data["problems"] == []
    assert ARTICLES  # the publication the server builds
