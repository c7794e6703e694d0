"""Nothing is fetched: a local server that manuscripts point at receives zero requests.

With ``--allow-remote`` only https images are downloaded (a local https server with a
certificate made for the test), with a timeout and a size cap; http, ftp and redirects
away from https are still refused without a request.
"""

from __future__ import annotations

import ssl
import time
import zipfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pikepdf
import pytest

from publisher.errors import AssetError, SourceLocation
from publisher.load.assets.remote import RemoteImages
from tests.helpers import write_folder
from tests.hostile.support import Recorder, error_lines, png_bytes, run_cli, self_signed, serving

CONFIG = 'title = "Far Away"\nidentifier = "urn:uuid:8e3a6f71-2c4d-4f5e-a091-3d4e5f607182"\n'
WHERE = SourceLocation(Path("a.md"), 3)
PNG = png_bytes()


class PngServer(Recorder):
    body = PNG


@pytest.fixture(scope="module")
def http_server():
    with serving(PngServer) as server:
        yield server


@pytest.fixture(scope="module")
def tls(tmp_path_factory) -> tuple[Path, ssl.SSLContext]:
    """A certificate for 127.0.0.1 and a server context that presents it."""
    cert, key = self_signed(tmp_path_factory.mktemp("tls"))
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    return cert, server_context


def client_context(cert: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(cert))


def remote_refs(base: str) -> dict[str, str]:
    """A publication whose every image, and its cover, lives on the server at ``base``."""
    return {
        "publication.toml": CONFIG + f'cover = "{base}/cover.png"\n',
        "a.md": f"""
            ---
            title: Pictures From Elsewhere
            ---
            ![Markdown image]({base}/markdown.png)

            <img src="{base}/raw.png" alt="Raw HTML image">

            ![Reference image][ref]

            ![Secure]({base.replace("http:", "https:")}/secure.png)

            ![Old protocol]({base.replace("http:", "ftp:")}/ftp.png)

            A [link to the site]({base}/page) is kept as a link and never followed.

            [ref]: {base}/reference.png
            """,
    }


def test_a_default_build_sends_zero_requests(tmp_path, http_server):
    base, requests = http_server
    folder = write_folder(tmp_path / "pub", remote_refs(base))
    run = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = error_lines(run.stderr)
    assert [line for line in lines if "remote image" in line] == [
        line for line in lines if "/cover.png' is not fetched" in line
    ]  # the cover has no alt text to stand in for it
    warned = [line for line in run.stderr.splitlines() if ": warning: remote image" in line]
    for name in ("markdown", "raw", "reference", "secure", "ftp"):
        assert any(f"/{name}.png' not fetched" in line for line in warned), name
    assert requests == []


def test_allow_remote_still_refuses_http_and_ftp_without_a_request(tmp_path, http_server):
    base, requests = http_server
    folder = write_folder(tmp_path / "pub", remote_refs(base))
    run = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache", "--allow-remote")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    refused = [ln for ln in error_lines(run.stderr) if "only https images are" in ln]
    assert len(refused) == 5  # markdown, raw, reference, ftp, cover
    assert requests == []


def test_theme_and_svg_references_are_not_fetched(tmp_path, http_server):
    base, requests = http_server
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' width="10" height="10"><image xlink:href="{base}/inside.png" width="10"'
        ' height="10"/></svg>'
    )
    folder = write_folder(
        tmp_path / "pub",
        {
            "publication.toml": CONFIG,
            "a.md": "---\ntitle: Styled\n---\n![A drawing](drawing.svg)\n",
            "drawing.svg": svg,
            "styles/css/extra.css": (
                f"@import url({base}/imported.css);\n"
                f"body {{ background: url({base}/background.png); }}\n"
            ),
        },
    )
    run = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert error_lines(run.stderr) == [
        f"{folder}/a.md:4: error: image 'drawing.svg': it refers to an outside file or address "
        f"('{base}/inside.png'); remove it from the SVG"
    ]
    (folder / "a.md").write_text("---\ntitle: Styled\n---\nNo drawing now.\n", "utf-8")
    run = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    keep = "keep fonts and images in the theme folder"
    assert error_lines(run.stderr) == [  # refused before either output is made, every one
        f"{folder}/styles/css/extra.css:1: error: stylesheet refers to a 'http:' URL "
        f"('{base}/imported.css'); {keep}",
        f"{folder}/styles/css/extra.css:2: error: stylesheet refers to a 'http:' URL "
        f"('{base}/background.png'); {keep}",
    ]
    assert requests == []


def test_allow_remote_downloads_https_images_once(tmp_path, tls):
    certificate, server_context = tls
    with serving(PngServer, server_context) as (base, requests):
        folder = write_folder(
            tmp_path / "pub",
            {
                "publication.toml": CONFIG,
                "a.md": f"---\ntitle: Remote\n---\n![One]({base}/photo.png)\n\n"
                f"![Again]({base}/photo.png)\n",
            },
        )
        out = tmp_path / "out"
        env = {"SSL_CERT_FILE": str(certificate)}
        strict = run_cli("build", str(folder), "-o", str(out), "--no-cache", "--strict", env=env)
        assert strict.returncode == 1 and requests == []  # not fetched: a warning, strict fails
        run = run_cli("build", str(folder), "-o", str(out), "--no-cache", "--allow-remote", env=env)
        assert run.returncode == 0, run.stderr
        assert requests == ["/photo.png"]  # once for both references and both formats
    with zipfile.ZipFile(out / "far-away.epub") as epub:
        images = [n for n in epub.namelist() if "/images/remote-" in n]
        assert len(images) == 1 and images[0].endswith(".png")
        assert epub.read(images[0]) == PNG
    with pikepdf.open(out / "far-away.pdf") as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/Width" in o]
        assert (4, 3) in {(int(o.Width), int(o.Height)) for o in images}  # the downloaded PNG


class BigServer(Recorder):
    body = b"\x89PNG" + b"\x00" * (2 * 2**20)


class SlowServer(Recorder):
    delay = 3.0


class HtmlServer(Recorder):
    body = b"<html><body>Not an image</body></html>"
    content_type = "image/png"  # the header lies; the bytes decide


class ScriptedSvgServer(Recorder):
    body = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    content_type = "image/svg+xml"


@pytest.mark.parametrize(
    ("handler", "options", "message"),
    [
        (BigServer, {"max_bytes": 2**20}, "is larger than 1 MiB"),
        (SlowServer, {"timeout": 0.5}, "could not fetch remote image"),
        (HtmlServer, {}, "is not a readable image file"),
        (ScriptedSvgServer, {}, "it contains a <script> element"),
    ],
)
def test_remote_images_are_capped_timed_and_checked(tmp_path, tls, handler, options, message):
    remote = RemoteImages(tmp_path, ssl_context=client_context(tls[0]), **options)
    with serving(handler, tls[1]) as (base, requests):
        started = time.monotonic()
        with pytest.raises(AssetError, match=message):
            remote.fetch(f"{base}/x.png", WHERE, "image", "alt")
        assert time.monotonic() - started < 10
        assert requests == ["/x.png"]
    assert list(tmp_path.iterdir()) == []  # nothing kept from a refused download


def test_a_redirect_from_https_to_http_is_not_followed(tmp_path, tls, http_server):
    http_base, http_requests = http_server

    class Redirect(BaseHTTPRequestHandler):
        requests: list[str]

        def do_GET(self) -> None:
            self.requests.append(self.path)
            self.send_response(302)
            self.send_header("Location", f"{http_base}/plain.png")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    remote = RemoteImages(tmp_path, ssl_context=client_context(tls[0]))
    with serving(Redirect, tls[1]) as (base, requests):
        with pytest.raises(AssetError, match="redirected to a non-https address"):
            remote.fetch(f"{base}/x.png", WHERE, "image", None)
        assert requests == ["/x.png"]
    assert http_requests == []
