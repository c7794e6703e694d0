"""Release naming: version label sources in order, output_pattern, SHA256SUMS, reproducibility."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from publisher.config import load_config
from publisher.errors import ConfigError
from publisher.release import (
    VersionLabel,
    ci_tag,
    output_filename,
    pattern_problem,
    resolve_version,
    write_checksums,
)
from tests.ci.support import run_ci
from tests.conftest import EPOCH, FIXTURES
from tests.helpers import write_folder

RELEASE = FIXTURES / "release"
GITHUB_TAG = {"GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": "v2.0.0"}


def git(folder: Path, *args: str) -> str:
    """Run git in ``folder`` with a fixed identity; its stdout."""
    ident = ["-c", "user.name=Test", "-c", "user.email=test@localhost", "-c", "tag.gpgSign=false"]
    run = subprocess.run(
        ["git", *ident, "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return run.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A git repository holding a manuscripts folder, one commit, tagged v1.2.0."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    write_folder(root, {"book/publication.toml": 'title = "T"\n'})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    git(root, "tag", "v1.2.0")
    return root / "book"


def test_option_wins_over_everything(repo):
    label = resolve_version("rc-3", "2026.1", repo, GITHUB_TAG)
    assert label == VersionLabel("rc-3", "option")


def test_config_wins_over_ci_tag_and_git(repo):
    assert resolve_version(None, "2026.1", repo, GITHUB_TAG) == VersionLabel("2026.1", "config")


def test_ci_tag_wins_over_git(repo):
    assert resolve_version(None, None, repo, GITHUB_TAG) == VersionLabel("v2.0.0", "ci-tag")
    gitlab = {"CI_COMMIT_TAG": "v3.1"}
    assert resolve_version(None, None, repo, gitlab) == VersionLabel("v3.1", "ci-tag")


def test_github_branch_push_is_not_a_tag():
    branch = {"GITHUB_REF_TYPE": "branch", "GITHUB_REF_NAME": "main"}
    assert ci_tag(branch) is None
    assert ci_tag({"CI_COMMIT_TAG": ""}) is None


def test_git_describe_of_the_manuscripts_repository(repo):
    assert resolve_version(None, None, repo, {}) == VersionLabel("v1.2.0", "git")
    (repo / "a.md").write_text("---\ntitle: A\n---\nText.\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "second")
    head = git(repo, "rev-parse", "--short", "HEAD")
    label = resolve_version(None, None, repo, {})
    assert label is not None and label.value.startswith("v1.2.0-1-g")
    assert head in label.value


def test_no_version_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = write_folder(tmp_path / "book", {"publication.toml": 'title = "T"\n'})
    assert resolve_version(None, None, folder, {}) is None
    assert resolve_version("  ", None, folder, {}) is None


def test_file_label_has_no_path_separators():
    assert VersionLabel("release/2026 spring", "ci-tag").file_safe == "release-2026-spring"
    assert VersionLabel("v1.0.0+build.5", "git").file_safe == "v1.0.0+build.5"


def test_output_filename_from_pattern():
    label = VersionLabel("v1.0", "option")
    assert output_filename("{slug}-{version}.{ext}", "tide-clock", "pdf", label) == (
        "tide-clock-v1.0.pdf"
    )
    assert output_filename("{slug}.{ext}", "tide-clock", "epub", None) == "tide-clock.epub"


def test_pattern_needing_a_missing_version_is_an_error():
    with pytest.raises(ConfigError, match=r"no version was found"):
        output_filename("{slug}-{version}.{ext}", "t", "epub", None)


@pytest.mark.parametrize(
    ("pattern", "complaint"),
    [
        ("{slug}-{release}.{ext}", "unknown field '{release}'"),
        ("{slug}-{version}", "must contain {ext}"),
        ("out/{slug}.{ext}", "without '/'"),
        ("{slug:>20}.{ext}", "no format spec"),
        ("{slug.{ext}", "not a valid pattern"),
    ],
)
def test_bad_patterns_are_explained(pattern, complaint):
    assert complaint in (pattern_problem(pattern) or "")


def test_bad_pattern_in_config_names_the_line(tmp_path):
    folder = write_folder(
        tmp_path / "book",
        {"publication.toml": 'title = "T"\n\noutput_pattern = "{slug}-{release}.{ext}"\n'},
    )
    with pytest.raises(ConfigError) as caught:
        load_config(folder)
    assert caught.value.location.line == 3
    assert "{release}" in caught.value.message


def test_config_version_and_pattern_are_read():
    config = load_config(RELEASE)
    assert config.output_pattern == "{slug}-{version}.{ext}"
    assert config.version is None


def test_checksums_pass_sha256sum_check(tmp_path):
    files = []
    for name, data in [("b book.pdf", b"%PDF-1.7 pretend"), ("a.epub", b"PK pretend")]:
        (tmp_path / name).write_bytes(data)
        files.append(tmp_path / name)
    sums = write_checksums(files, tmp_path)
    lines = sums.read_text(encoding="utf-8").splitlines()
    assert lines == [
        f"{hashlib.sha256(b'PK pretend').hexdigest()}  a.epub",
        f"{hashlib.sha256(b'%PDF-1.7 pretend').hexdigest()}  b book.pdf",
    ]
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    (tmp_path / "a.epub").write_bytes(b"PK tampered")
    tampered = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True
    )
    assert tampered.returncode == 1 and "a.epub: FAILED" in tampered.stdout


def cli_build(out: Path, epoch: str) -> subprocess.CompletedProcess:
    """Build the release fixture (EPUB and PDF) as a CI job would."""
    args = ["build", str(RELEASE), "-o", str(out), "--version-label", "v1.0.0"]
    return run_ci(*args, env={"SOURCE_DATE_EPOCH": epoch})


def test_same_inputs_and_epoch_give_identical_checksums(tmp_path):
    runs = [cli_build(tmp_path / name, epoch) for name, epoch in [("one", EPOCH), ("two", EPOCH)]]
    other = cli_build(tmp_path / "three", str(int(EPOCH) + 86400))
    for run in (*runs, other):
        assert run.returncode == 0, run.stderr
    sums = [(tmp_path / name / "SHA256SUMS").read_text() for name in ("one", "two", "three")]
    assert sums[0] == sums[1]
    names = sorted(line.split("  ")[1] for line in sums[0].splitlines())
    assert names == ["tide-clock-v1.0.0.epub", "tide-clock-v1.0.0.pdf"]
    # the date is in the files: a different epoch must change both checksums
    assert set(sums[0].splitlines()).isdisjoint(sums[2].splitlines())
