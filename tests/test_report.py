"""The JSON build report: valid against its schema, true to the files, written on failure too."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

import publisher.check
from publisher.check import CheckResult, Finding
from publisher.cli import main
from publisher.errors import ManuscriptError, SourceLocation
from publisher.pipeline import BuildResult
from publisher.report import SCHEMA_VERSION, Run, build_report
from tests.ci.support import ROOT, run_ci, schema_errors, terminal_garbage
from tests.conftest import EPOCH, FIXTURES
from tests.helpers import write_folder

RELEASE = FIXTURES / "release"
SAMPLE = ROOT / "manuscripts"
CONFIG = 'title = "T"\nidentifier = "urn:uuid:00000000-0000-4000-8000-000000000000"\n'


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """The release fixture built once as CI would, with --report and --json."""
    out = tmp_path_factory.mktemp("release") / "build"
    run = run_ci(
        "build",
        str(RELEASE),
        "--output",
        str(out),
        "--version-label",
        "v1.0.0",
        "--report",
        str(out / "report.json"),
        "--json",
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert run.returncode == 0, run.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return run, report, out


def test_report_validates_against_its_schema(release):
    _, report, _ = release
    assert schema_errors(report) == []
    assert report["schema_version"] == SCHEMA_VERSION == 1
    assert (report["status"], report["exit_code"]) == ("ok", 0)


def test_json_prints_the_same_report_and_nothing_else_on_stdout(release):
    run, report, _ = release
    assert json.loads(run.stdout) == report
    assert "wrote " in run.stderr  # the human summary moved to stderr
    assert terminal_garbage(run.stdout) == [] and terminal_garbage(run.stderr) == []


def test_every_output_is_listed_with_its_checksum(release):
    _, report, out = release
    books = sorted(p for p in out.iterdir() if p.suffix in (".epub", ".pdf"))
    assert [p.name for p in books] == ["tide-clock-v1.0.0.epub", "tide-clock-v1.0.0.pdf"]
    listed = {entry["name"]: entry for entry in report["outputs"]}
    assert sorted(listed) == [p.name for p in books]
    for path in books:
        entry = listed[path.name]
        assert entry["path"] == path.as_posix()
        assert entry["bytes"] == path.stat().st_size
        assert entry["sha256"] == sha256(path)
        assert entry["format"] == path.suffix[1:]
    assert listed["tide-clock-v1.0.0.pdf"]["pages"] == len(pypdf.PdfReader(books[1]).pages)
    assert listed["tide-clock-v1.0.0.epub"]["pages"] is None
    sums = Path(report["checksums"]).read_text(encoding="utf-8").splitlines()
    assert sorted(sums) == sorted(f"{sha256(p)}  {p.name}" for p in books)


def test_inputs_are_listed_with_content_hashes(release):
    _, report, _ = release
    articles = report["inputs"]["articles"]
    assert [a["path"] for a in articles] == [
        (RELEASE / "01-harbour-clock.md").as_posix(),
        (RELEASE / "02-keeper.md").as_posix(),
    ]
    assert [a["title"] for a in articles] == [
        "The Clock That Runs on Tides",
        "A Keeper for the Float Well",
    ]
    for entry in articles:
        assert entry["sha256"] == sha256(Path(entry["path"]))
    assert report["inputs"]["config"]["sha256"] == sha256(RELEASE / "publication.toml")
    (asset,) = report["inputs"]["assets"]
    assert asset["path"].endswith("images/dial.png")
    assert asset["sha256"] == sha256(RELEASE / "images" / "dial.png")


def test_version_build_time_and_timings(release):
    _, report, _ = release
    assert report["version"] == {"label": "v1.0.0", "file_label": "v1.0.0", "source": "option"}
    expected = datetime.fromtimestamp(int(EPOCH), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert report["build_time"] == expected
    stages = report["timings"]["stages"]
    assert {"config", "load", "epub", "pdf", "publish"} <= set(stages)
    assert report["timings"]["total"] >= max(stages.values()) > 0
    assert report["errors"] == [] and report["warnings"] == [] and report["checks"] is None


def test_failed_build_still_writes_the_report(tmp_path):
    folder = write_folder(
        tmp_path / "src",
        {
            "publication.toml": CONFIG,
            "a.md": "---\ntitle: Fine\nflavour: mint\n---\nBody.\n",
            "b.md": "---\ntitle: Broken\ndate: 2026-02-30\n---\nBody.\n",
        },
    )
    out, report_path = tmp_path / "out", tmp_path / "reports" / "build.json"
    run = run_ci("build", str(folder), "-o", str(out), "--report", str(report_path))
    assert run.returncode == 1, run.stderr
    assert not out.exists()  # nothing half-written in the output folder
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert schema_errors(report) == []
    assert (report["status"], report["exit_code"]) == ("failed", 1)
    assert report["outputs"] == [] and report["checksums"] is None
    (error,) = report["errors"]
    assert (error["file"], error["line"]) == ((folder / "b.md").as_posix(), 3)
    assert error["location"] == f"{folder / 'b.md'}:3"
    (warning,) = report["warnings"]
    assert (warning["file"], warning["line"], warning["kind"]) == (
        (folder / "a.md").as_posix(),
        3,
        "ManuscriptError",
    )
    assert [a["path"] for a in report["inputs"]["articles"]] == [
        (folder / "a.md").as_posix(),
        (folder / "b.md").as_posix(),
    ]


def fake_checks() -> list[CheckResult]:
    """An EPUB with a warning and a PDF with an error, as the checkers would report them."""
    return [
        CheckResult(
            Path("out/book.epub"),
            [Finding("warning", "font not declared", "epubcheck", "EPUB/ch-a.xhtml:4:2")],
            {"epubcheck": "5.3.0"},
        ),
        CheckResult(
            Path("out/book.pdf"),
            [
                Finding("error", "image under 150 ppi", "preflight", "src/a.md:7"),
                Finding("info", "7 pages", "preflight"),
            ],
            {"pages": 7, "trim": ("6in", "9in")},
        ),
    ]


def test_check_section_from_checker_results():
    result = BuildResult(warnings=[ManuscriptError("odd", SourceLocation(Path("a.md"), 2))])
    run = Run(Path("src"), Path("out"), ["epub", "pdf"], False, 1, (), fake_checks())
    report = build_report(run, result)
    assert schema_errors(report) == []
    epub, pdf = report["checks"]
    assert (epub["ok"], epub["errors"], epub["warnings"]) == (True, 0, 1)
    assert (pdf["ok"], pdf["errors"], pdf["warnings"]) == (False, 1, 0)
    assert pdf["findings"][0] == {
        "severity": "error",
        "checker": "preflight",
        "message": "image under 150 ppi",
        "location": "src/a.md:7",
    }
    assert pdf["facts"] == {"pages": 7, "trim": ["6in", "9in"]}
    assert report["warnings"][0]["location"] == "a.md:2"


def test_schema_rejects_an_undocumented_field():
    report = build_report(Run(Path("s"), Path("o"), ["epub"], False, 1), BuildResult())
    assert schema_errors(report) == []
    assert schema_errors({**report, "surprise": 1}) != []
    assert schema_errors({**report, "schema_version": 2}) != []


def test_build_check_reports_checker_verdicts(tmp_path, monkeypatch):
    folder = write_folder(
        tmp_path / "src", {"publication.toml": CONFIG, "a.md": "---\ntitle: A\n---\nText.\n"}
    )
    verdicts = {".epub": fake_checks()[1]}  # the checker finds an error in the EPUB
    monkeypatch.setattr(
        publisher.check, "check_file", lambda path, pub=None, profile="print": verdicts[path.suffix]
    )
    report_path = tmp_path / "report.json"
    args = ["build", str(folder), "-o", str(tmp_path / "out"), "--format", "epub", "--check"]
    result = CliRunner().invoke(main, [*args, "--report", str(report_path)])
    assert result.exit_code == 1, result.output
    assert "src/a.md:7: error: [preflight] image under 150 ppi" in result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert schema_errors(report) == []
    assert (report["status"], report["exit_code"]) == ("failed", 1)
    assert [c["ok"] for c in report["checks"]] == [False]
    assert report["outputs"][0]["name"] == "t.epub"  # the build itself succeeded
    assert "check-epub" in report["timings"]["stages"]


def test_sample_build_with_checks_reports_every_file_and_verdict(tmp_path):
    """The issue's "done when": the sample's report lists each file, checksum and verdict."""
    out = tmp_path / "build"
    report_path = out / "report.json"
    run = run_ci(
        "build",
        str(SAMPLE),
        "-o",
        str(out),
        "--strict",
        "--check",
        "--report",
        str(report_path),
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert run.returncode == 0, run.stderr
    assert terminal_garbage(run.stdout + run.stderr) == []
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert schema_errors(report) == []
    files = sorted(p for p in out.iterdir() if p.name not in ("report.json", "SHA256SUMS"))
    assert sorted(o["path"] for o in report["outputs"]) == [p.as_posix() for p in files]
    for entry in report["outputs"]:
        assert entry["sha256"] == sha256(Path(entry["path"]))
    checks = {Path(c["path"]).name: c for c in report["checks"]}
    book = ["harbour-lights.epub", "harbour-lights.pdf", "harbour-lights-cover.pdf"]
    assert sorted(checks) == sorted(book)  # the sample asks for a print cover too
    assert all(c["ok"] and c["errors"] == 0 for c in checks.values())
    assert checks[book[0]]["facts"]["epubcheck"].startswith("5.")
    assert set(checks[book[0]]["facts"]["ace"]) >= {"critical", "serious"}
    pages = {Path(o["path"]).name: o["pages"] for o in report["outputs"]}
    assert checks[book[1]]["facts"]["pages"] == pages[book[1]] > 30
    assert checks[book[2]]["facts"]["pages"] == pages[book[2]] == 1
    assert {"check-epub", "check-pdf"} <= set(report["timings"]["stages"])
    articles = [a["path"] for a in report["inputs"]["articles"]]
    assert len(articles) == report["publication"]["articles"] >= 7
    assert all(Path(a).parent == SAMPLE for a in articles)
