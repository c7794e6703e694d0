"""Hostile and faulty environments, round two (issue 19): output folders, the cache, signals.

A mount point or a read-only folder as the destination, a cache path that is a file, a
cache planted with a pickle, a stale PDF beside an EPUB-only build, a word the PDF engine
would crawl over: each either works or is one line with exit 1 or 2, never a traceback.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import write_folder
from tests.hostile.support import error_lines, run_cli

CONFIG = 'title = "Harbour Notes"\nidentifier = "urn:uuid:0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"\n'
ARTICLE = "---\ntitle: A Note from the Quay\n---\nThe boats came in early, heavy with mackerel.\n"


def small_book(folder: Path) -> Path:
    return write_folder(folder, {"publication.toml": CONFIG, "a.md": ARTICLE})


def _unshare_works() -> bool:
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mkdir -p /tmp && true"], capture_output=True, check=False
    )
    return probe.returncode == 0


def in_mount(out: Path, script: str, options: str = "") -> subprocess.CompletedProcess:
    """Run ``script`` with a fresh tmpfs mounted at ``out`` (a private mount namespace), or,
    where namespaces are not allowed, with ``out`` on /dev/shm's file system instead."""
    out.mkdir(parents=True, exist_ok=True)
    if _unshare_works():
        mount = f"mount -t tmpfs {'-o ' + options if options else ''} none {out} && {script}"
        command = ["unshare", "-rm", "sh", "-c", mount]
    else:  # another file system than the build's parent folder, as a volume would be
        shm = Path("/dev/shm") / f"publisher-test-{os.getpid()}"
        shutil.rmtree(shm, ignore_errors=True)
        shm.mkdir()
        if options == "ro":
            shm.chmod(0o555)
        out.rmdir()
        out.symlink_to(shm)
        command = ["sh", "-c", script]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


def test_an_output_folder_that_is_a_mount_point_works(tmp_path):
    folder = small_book(tmp_path / "src")
    out = tmp_path / "volume"
    cli = f"{sys.executable} -m publisher build {folder} -o {out} --no-cache --format epub"
    run = in_mount(out, f"{cli} && cd {out} && sha256sum -c SHA256SUMS && ls -a")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "harbour-notes.epub: OK" in run.stdout
    assert not [n for n in run.stdout.split() if "staging" in n]


def test_a_read_only_output_folder_is_a_usage_error(tmp_path):
    folder = small_book(tmp_path / "src")
    out = tmp_path / "volume"
    cli = f"{sys.executable} -m publisher build {folder} -o {out} --no-cache --format epub"
    run = in_mount(out, cli, options="ro")
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    [line] = [x for x in run.stderr.splitlines() if not x.startswith("…")]
    assert line.startswith(f"{out}: error: cannot write the outputs here: ")


def test_an_output_path_that_is_a_file_is_a_usage_error(tmp_path):
    folder = small_book(tmp_path / "src")
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    run = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert error_lines(run.stderr) == [
        f"{tmp_path / 'out'}: error: the output folder is a file; give a folder"
    ]


def test_a_cache_path_that_is_a_file_is_a_usage_error(tmp_path):
    folder = small_book(tmp_path / "src")
    cache = tmp_path / "cache-file"
    cache.write_text("a file", encoding="utf-8")
    run = run_cli(
        "build", str(folder), "-o", str(tmp_path / "out"), env={"PUBLISHER_CACHE_DIR": str(cache)}
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert error_lines(run.stderr) == [
        f"{cache}: error: cannot be used as the cache folder: {cache} is not a folder; set "
        "PUBLISHER_CACHE_DIR to a folder, or build with --no-cache"
    ]
    assert not (tmp_path / "out").exists()


def test_an_epub_only_build_leaves_a_folder_sha256sums_describes(tmp_path):
    folder = small_book(tmp_path / "src")
    out = tmp_path / "out"
    first = run_cli("build", str(folder), "-o", str(out), "--no-cache")
    assert first.returncode == 0, first.stderr
    assert {p.name for p in out.iterdir()} == {
        "harbour-notes.epub",
        "harbour-notes.pdf",
        "SHA256SUMS",
    }
    (out / "notes.txt").write_text("the editor's own file", encoding="utf-8")
    second = run_cli("build", str(folder), "-o", str(out), "--no-cache", "--format", "epub")
    assert second.returncode == 0, second.stderr
    listed = {line.split("  ", 1)[1] for line in (out / "SHA256SUMS").read_text().splitlines()}
    assert listed == {"harbour-notes.epub"}
    assert {p.name for p in out.iterdir()} == {"harbour-notes.epub", "SHA256SUMS", "notes.txt"}
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True)
    assert check.returncode == 0


class _Planted:
    """A pickle that would create a file when unpickled."""

    def __init__(self, target: str) -> None:
        self.target = target

    def __reduce__(self):
        return (os.system, (f"touch {self.target}",))


def test_a_planted_pickle_in_the_cache_never_runs(tmp_path):
    folder = small_book(tmp_path / "src")
    cache = tmp_path / "cache"
    env = {"PUBLISHER_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": "1767225600"}
    args = ("build", str(folder), "--format", "epub")
    first = run_cli(*args, "-o", str(tmp_path / "one"), env=env)
    assert first.returncode == 0, first.stderr
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    touched = tmp_path / "pwned"
    for entry in entries:  # articles, the cover, compiled templates: every one
        entry.write_bytes(pickle.dumps(_Planted(str(touched))))
    second = run_cli(*args, "-o", str(tmp_path / "two"), env=env)
    assert second.returncode == 0, second.stderr
    assert not touched.exists()
    assert "from the cache" not in second.stderr  # planted entries are misses
    one, two = (tmp_path / n / "harbour-notes.epub" for n in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()


def test_an_entry_stored_under_another_key_is_a_miss(tmp_path):
    folder = small_book(tmp_path / "src")
    write_folder(folder, {"b.md": ARTICLE.replace("A Note from the Quay", "Another Note")})
    cache = tmp_path / "cache"
    env = {"PUBLISHER_CACHE_DIR": str(cache)}
    args = ("build", str(folder), "--format", "epub")
    assert run_cli(*args, "-o", str(tmp_path / "one"), env=env).returncode == 0
    a, b = sorted(p for p in (cache / "articles").rglob("*") if p.is_file())
    a.write_bytes(b.read_bytes())  # a valid entry, copied under another key
    again = run_cli(*args, "-o", str(tmp_path / "two"), env=env)
    assert again.returncode == 0, again.stderr
    assert "(1 from the cache)" in again.stderr


def test_a_99990_character_word_prints_in_bounded_time(tmp_path):
    word = "abcdefghij" * 9999
    body = f"---\ntitle: One Long Word\n---\nBefore the word.\n\n{word}\n\nAfter the word.\n"
    folder = write_folder(tmp_path / "src", {"publication.toml": CONFIG, "a.md": body})
    started = time.monotonic()
    run = run_cli(
        "build", str(folder), "-o", str(tmp_path / "out"), "--no-cache", "--format", "pdf"
    )
    assert run.returncode == 0, run.stderr
    assert time.monotonic() - started < 120
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "harbour-notes.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    between = text[text.index("Before the word.") + 16 : text.index("After the word.")]
    furniture = {"One Long Word", "Harbour Notes", ""}
    lines = between.replace("\u200b", "").replace("\f", "\n").splitlines()
    unnumbered = [re.sub(r"\d+$", "", line.strip()) for line in lines]  # folios join lines
    # a soft hyphen's break shows a hyphen; pdftotext joins it back only when the font's
    # ToUnicode calls that glyph U+002D, not when it calls it U+2010 (which one the subset
    # names depends on the first hyphen on any page)
    unnumbered = [line.removesuffix("\u2010") for line in unnumbered]
    kept = [line for line in unnumbered if line not in furniture]
    assert "".join(kept) == word  # every character printed, in order, nothing else


def test_sigterm_while_chunks_render_prints_no_traceback(tmp_path):
    files = {"publication.toml": CONFIG}
    for n in range(1, 63):
        paragraph = f"Paragraph of article {n}, about tides and the men who read them. " * 6
        files[f"{n:02d}.md"] = f"---\ntitle: Article {n}\n---\n" + "\n\n".join([paragraph] * 6)
    folder = write_folder(tmp_path / "src", files)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "publisher", "build", str(folder), "-o", str(out)]
    child = subprocess.Popen(
        [*command, "--no-cache", "--jobs", "2", "--format", "pdf"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    seen = ""
    while "rendering" not in seen and child.poll() is None:
        seen += child.stderr.readline()
    time.sleep(0.2)
    os.killpg(child.pid, signal.SIGTERM)  # as a CI runner cancelling a job does
    _, stderr = child.communicate(timeout=120)
    stderr = seen + stderr
    assert child.returncode == 143, stderr
    assert "Traceback" not in stderr
    assert "interrupted: previous outputs left as they were" in stderr
    assert not out.exists()
    deadline = time.monotonic() + 20  # processes the signal killed: init reaps them
    while time.monotonic() < deadline and _group(child.pid):
        time.sleep(0.2)
    assert _group(child.pid) == []


def _group(pgid: int) -> list[str]:
    found = subprocess.run(["pgrep", "-g", str(pgid)], capture_output=True, text=True)
    return found.stdout.split()


def test_a_theme_font_linked_out_of_the_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.ttf"
    secret.write_bytes(b"not yours")
    folder = small_book(tmp_path / "src")
    (folder / "styles" / "fonts").mkdir(parents=True)
    (folder / "styles" / "fonts" / "Face.ttf").symlink_to(secret)
    run = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert error_lines(run.stderr) == [
        f"{folder}/styles/fonts/Face.ttf: error: font file is a symbolic link to a file "
        "outside the theme folder"
    ]
    assert not (tmp_path / "out").exists()


def test_a_theme_template_cannot_reach_python(tmp_path):
    folder = small_book(tmp_path / "src")
    planted = tmp_path / "pwned"
    template = (
        f'<section>{{{{ cycler.__init__.__globals__.os.system("touch {planted}") }}}}</section>\n'
    )
    write_folder(folder, {"styles/templates/print/half-title.html.j2": template})
    run = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    [line] = error_lines(run.stderr)
    assert "access to attribute '__init__'" in line and "is unsafe" in line
    assert not planted.exists()
