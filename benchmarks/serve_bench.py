"""How fast ``publisher serve`` shows a saved change, against clean builds in the same run.

    python benchmarks/serve_bench.py [--size 1000] [--formats epub,pdf] [--runs 1]
                                     [--jobs 2] [--work DIR] [--json FILE] [--no-final-check]
    python benchmarks/serve_bench.py --memory 100 [--size 100] [--formats epub,pdf]

Latency: ``publisher serve`` (a subprocess, as a user runs it, started with an empty cache)
builds the corpus of bench.py; then one article is saved with one more sentence, and the
time from that write until the served file (fetched over HTTP from ``/build/``) holds the
change is measured, for the EPUB and for the PDF. The references are clean ``publisher
build`` runs (a fresh process, empty cache) of the same, edited files, in the same session,
whose outputs must be byte-identical to the served ones (checked, so the ratio compares like
with like). Ratios are served latency ÷ clean build time; targets 0.15 (EPUB), 0.25 (PDF).

Serve makes the EPUB first without the print page-list (serving the EPUB alone, it has none),
then the PDF, then the EPUB again with the page-list: the first EPUB is timed against (and
compared with) a clean ``--format epub --no-page-list`` build, the PDF against ``--format
pdf``, and the final EPUB and PDF are compared with a clean ``--format all`` build
("epub-final"; skipped with --no-final-check). A clean ``--format epub`` build with the
page-list lays the whole print edition out, so it would flatter the EPUB's ratio: it is not
the reference.

--memory N saves an article N times, waiting for each rebuild (every pass), and records the
serve process's resident set after each, and its fork server's: memory must stay flat.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import DEFAULT_GENERATOR, commands, make_corpus, measure

TARGETS = {"epub": 0.15, "pdf": 0.25}
POLL_S = 0.01


class Session:
    """A ``publisher serve`` subprocess and what it printed."""

    def __init__(self, corpus: Path, out: Path, cache: Path, formats: str, jobs: int) -> None:
        env = dict(os.environ, PUBLISHER_CACHE_DIR=str(cache))
        publisher = str(Path(sys.executable).parent / "publisher")
        command = [publisher, "serve", str(corpus), "--port", "0", "--output", str(out)]
        command += ["--format", formats, "--jobs", str(jobs)]
        self.process = subprocess.Popen(
            command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.url = ""
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(120):
            raise SystemExit(f"publisher serve did not start: {self.lines}")

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))
            found = re.search(r"serving (http://\S+)", line)
            if found:
                self.url = found.group(1)
                self.ready.set()

    def get(self, path: str) -> bytes:
        """The body of a GET."""
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=30) as answer:
            return answer.read()

    def status(self) -> dict:
        """/status.json."""
        return json.loads(self.get("/status.json"))

    def settled(self, after: int = -1, timeout: float = 3600) -> dict:
        """Wait for a finished build newer than generation ``after``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.status()
            if state["generation"] > after and not state["building"]:
                return state
            time.sleep(0.05)
        raise SystemExit("no build finished")

    def rss_mib(self) -> float:
        """The serve process's resident set now."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024

    def children_rss_mib(self) -> float:
        """The resident sets of the serve process's descendants (the fork server), summed."""
        total, todo, seen = 0, [self.process.pid], set()
        while todo:
            pid = todo.pop()
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    kids = [int(k) for k in (task / "children").read_text().split()]
                except OSError:
                    continue
                todo += [k for k in kids if k not in seen]
                seen.update(kids)
        for pid in seen:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            found = re.search(r"VmRSS:\s+(\d+)", status)
            total += int(found.group(1)) if found else 0
        return total / 1024

    def stop(self) -> None:
        """Ctrl-C, as a user stops it."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:  # not expected: SIGTERM stops it the same way
            self.process.terminate()
            self.process.wait(60)


def _epub_has(data: bytes, marker: str) -> bool:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return any(marker.encode() in archive.read(n) for n in archive.namelist())


def _pdf_has(data: bytes, marker: str) -> bool:
    """Whether the PDF's text holds ``marker`` (poppler's pdftotext: pypdf takes minutes
    over a 4,000-page book)."""
    text = subprocess.run(
        ["pdftotext", "-q", "-", "-"], input=data, capture_output=True, check=True
    ).stdout
    return marker.encode() in text


def latency(args: argparse.Namespace, corpus: Path, work: Path, run: int) -> dict:
    """One round: serve, save one article, time each format's served change; then the clean
    builds of the same files, compared byte for byte.

    With both formats, the EPUB is served twice: first without the print page-list (timed
    against a clean ``--no-page-list`` EPUB build, and byte-compared with it), then, once
    the PDF is done, with it ("epub-final": compared with a clean build of both formats,
    whose EPUB carries the page-list)."""
    out, cache = work / "served", work / "cache-serve"
    for folder in (out, cache):
        shutil.rmtree(folder, ignore_errors=True)
    formats = args.formats.split(",")
    both = len(formats) > 1
    article = sorted(corpus.glob("*.md"))[args.size // 2]
    original = article.read_text(encoding="utf-8")
    marker = f"Zephyrine{run}quillwort"  # one word, easy to find in either output
    session = Session(corpus, out, cache, "all" if both else formats[0], args.jobs)
    found: dict[str, float] = {}
    first: dict[str, bytes] = {}
    wanted = [*formats, "epub-final"] if both and "epub" in formats else formats
    try:
        state = session.settled()
        first_build = state["seconds"]
        before = {fmt: session.get(f"/build/{state['files'][fmt]}") for fmt in formats}
        time.sleep(1)  # the watcher is listening
        started = time.perf_counter()
        article.write_text(original + f"\nThe {marker} was seen again.\n", encoding="utf-8")
        while len(found) < len(wanted):
            state = session.status()
            for fmt in formats:
                name = state["files"].get(fmt)
                if not name or (fmt in found and (fmt != "epub" or "epub-final" in found)):
                    continue
                data = session.get(f"/build/{name}")
                if data != before[fmt]:
                    key = fmt if fmt not in found else "epub-final"
                    found[key] = time.perf_counter() - started
                    first.setdefault(fmt, data)
                    before[fmt] = data
            time.sleep(POLL_S)
        state = session.settled(state["generation"])
        served = {fmt: session.get(f"/build/{state['files'][fmt]}") for fmt in formats}
        sums = session.get("/build/SHA256SUMS")
        lines = list(session.lines)
    finally:
        session.stop()
    assert _epub_has(first["epub"], marker) if "epub" in first else True
    assert _pdf_has(served["pdf"], marker) if "pdf" in served else True
    result = {"run": run, "first_build_s": first_build, "served_s": found, "clean_s": {}}
    result["serve_log"] = lines
    identical: dict[str, bool] = {}
    try:  # clean references of the same, edited files
        if "epub" in formats:
            epub, seconds = _clean(args, corpus, work, "epub", ["--no-page-list"])
            result["clean_s"]["epub"] = seconds
            identical["epub"] = epub["epub"] == first["epub"]
        if "pdf" in formats:
            pdf, seconds = _clean(args, corpus, work, "pdf", [])
            result["clean_s"]["pdf"] = seconds
            identical["pdf"] = pdf["pdf"] == served["pdf"]
        if both and not args.no_final_check:
            final, seconds = _clean(args, corpus, work, "all", [])
            result["clean_s"]["epub-final"] = seconds
            identical["epub-final"] = final["epub"] == served["epub"]
            identical["pdf-final"] = final["pdf"] == served["pdf"]
    finally:
        article.write_text(original, encoding="utf-8")
    result["identical"] = identical
    result["ratios"] = {f: found[f] / result["clean_s"][f] for f in formats}
    result["sha256sums"] = hashlib.sha256(sums).hexdigest()
    return result


def _clean(
    args: argparse.Namespace, corpus: Path, work: Path, fmt: str, extra: list[str]
) -> tuple[dict[str, bytes], float]:
    """A clean ``publisher build`` (fresh process, empty cache): its files by suffix, and
    its wall time."""
    clean_out, clean_cache = work / f"clean-{fmt}", work / "cache-clean"
    shutil.rmtree(clean_out, ignore_errors=True)
    shutil.rmtree(clean_cache, ignore_errors=True)
    clean_out.mkdir(parents=True)
    cmd = commands("publisher", fmt, corpus, clean_out, args.jobs) + extra
    if fmt != "pdf":
        cmd += ["--jobs", str(args.jobs)]
    reference = measure(cmd, clean_cache)
    built = {path.suffix.lstrip("."): path.read_bytes() for path in clean_out.glob("*.*")}
    return built, reference["seconds"]


def memory(args: argparse.Namespace, corpus: Path, work: Path) -> dict:
    """Save one article ``args.memory`` times; the serve process's RSS after each rebuild."""
    out, cache = work / "served-memory", work / "cache-memory"
    for folder in (out, cache):
        shutil.rmtree(folder, ignore_errors=True)
    formats = args.formats.split(",")
    article = sorted(corpus.glob("*.md"))[args.size // 3]
    original = article.read_text(encoding="utf-8")
    session = Session(corpus, out, cache, "all" if len(formats) > 1 else formats[0], args.jobs)
    rss, seconds, helpers = [], [], []
    try:
        state = session.settled()
        time.sleep(1)
        for number in range(args.memory):
            article.write_text(original + f"\nEdit number {number}.\n", encoding="utf-8")
            state = session.settled(state["generation"])
            while state["building"] or not _served_has(session, state, f"Edit number {number}"):
                state = session.settled(state["generation"])
            seconds.append(state["seconds"])
            rss.append(session.rss_mib())
            helpers.append(session.children_rss_mib())
            print(
                f"rebuild {number + 1}: {seconds[-1]:.2f} s, RSS {rss[-1]:.1f} MiB, fork server "
                f"{helpers[-1]:.1f} MiB",
                flush=True,
            )
    finally:
        article.write_text(original, encoding="utf-8")
        session.stop()
    tenth = max(1, len(rss) // 10)
    return {
        "rebuilds": len(rss),
        "rss_mib": rss,
        "first_tenth_mib": statistics.median(rss[:tenth]),
        "last_tenth_mib": statistics.median(rss[-tenth:]),
        "rebuild_median_s": statistics.median(seconds),
        "helpers_rss_mib": helpers,  # the fork server (and any worker still running)
    }


def _served_has(session: Session, state: dict, marker: str) -> bool:
    """Whether the served EPUB (else the PDF) holds ``marker``."""
    name = state["files"].get("epub")
    if not name:
        return _pdf_has(session.get(f"/build/{state['files']['pdf']}"), marker)
    with zipfile.ZipFile(BytesIO(session.get(f"/build/{name}"))) as archive:
        text = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return marker in text


def main() -> None:
    """Parse arguments, run, print and optionally save the figures."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--formats", default="epub,pdf")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--memory", type=int, default=0, help="rebuilds to measure memory over")
    ap.add_argument("--generator", type=Path, default=DEFAULT_GENERATOR)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument(
        "--no-final-check",
        action="store_true",
        help="skip the clean build of both formats that the final served EPUB is compared with",
    )
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="publisher-serve-bench-"))
    corpus = make_corpus(args.generator, args.size, work)
    if args.memory:
        summary = memory(args, corpus, work)
        print(
            f"{summary['rebuilds']} rebuilds: RSS {summary['first_tenth_mib']:.0f} MiB (first "
            f"tenth) → {summary['last_tenth_mib']:.0f} MiB (last tenth), max "
            f"{max(summary['rss_mib']):.0f} MiB; rebuild {summary['rebuild_median_s']:.2f} s; "
            f"fork server {summary['helpers_rss_mib'][0]:.0f} → "
            f"{summary['helpers_rss_mib'][-1]:.0f} MiB"
        )
        results: dict = {"memory": summary}
    else:
        rounds = [latency(args, corpus, work, run) for run in range(args.runs)]
        for fmt in (*args.formats.split(","), "epub-final"):
            timed = [r for r in rounds if fmt in r["served_s"] and fmt in r["clean_s"]]
            if not timed:
                continue
            served = statistics.median(r["served_s"][fmt] for r in timed)
            clean = statistics.median(r["clean_s"][fmt] for r in timed)
            same = all(r["identical"].get(fmt) for r in timed)
            if fmt not in TARGETS:  # the EPUB with its page-list, after the PDF
                print(
                    f"{fmt}: served after {served:.2f} s (clean build of both formats "
                    f"{clean:.2f} s); identical: {same}"
                )
                continue
            ratio = statistics.median(r["ratios"][fmt] for r in timed)
            verdict = "met" if ratio <= TARGETS[fmt] else "MISSED"
            print(
                f"{fmt:4} {args.size}: served after {served:.2f} s, clean build {clean:.2f} s, "
                f"ratio {ratio:.3f} (target {TARGETS[fmt]}: {verdict}); identical: {same}"
            )
        results = {"latency": rounds}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
