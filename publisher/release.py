"""Release naming: a build's version label, its output file names, and ``SHA256SUMS``.

The version label is the first of: ``--version-label``; the config's ``version``; the tag a CI
job is building (``GITHUB_REF_NAME`` when ``GITHUB_REF_TYPE`` is ``tag``, or ``CI_COMMIT_TAG``);
``git describe --tags --always`` of the manuscripts folder's repository; else there is none.
Output names come from the config's ``output_pattern``, e.g. ``"{slug}-{version}.{ext}"``.
"""

from __future__ import annotations

import hashlib
import os
import re
import string
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from publisher.errors import ConfigError, SourceLocation

CHECKSUMS_NAME = "SHA256SUMS"
DEFAULT_PATTERN = "{slug}.{ext}"
PATTERN_FIELDS = ("slug", "version", "ext")
_UNSAFE = re.compile(r"[^A-Za-z0-9._+-]+")


@dataclass(frozen=True)
class VersionLabel:
    """A version label and where it came from: option, config, ci-tag or git."""

    value: str
    source: str

    @property
    def file_safe(self) -> str:
        """The label as it may appear in a file name: '/' and other odd characters → '-'."""
        return _UNSAFE.sub("-", self.value).strip("-.") or "unversioned"


def resolve_version(
    option: str | None, configured: str | None, folder: Path, env: Mapping[str, str]
) -> VersionLabel | None:
    """The build's version label, taken from the first source that has one."""
    if option and option.strip():
        return VersionLabel(option.strip(), "option")
    if configured:
        return VersionLabel(configured, "config")
    tag = ci_tag(env)
    if tag:
        return VersionLabel(tag, "ci-tag")
    described = git_describe(folder)
    return VersionLabel(described, "git") if described else None


def ci_tag(env: Mapping[str, str]) -> str | None:
    """The tag a GitHub Actions or GitLab CI job is building, if it is building one."""
    if env.get("GITHUB_REF_TYPE") == "tag" and env.get("GITHUB_REF_NAME", "").strip():
        return env["GITHUB_REF_NAME"].strip()
    return env.get("CI_COMMIT_TAG", "").strip() or None


def git_describe(folder: Path) -> str | None:
    """``git describe --tags --always`` of the repository holding ``folder``; None if none."""
    try:
        run = subprocess.run(
            ["git", "-C", str(folder), "describe", "--tags", "--always"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if run.returncode != 0:
        return None
    return run.stdout.strip() or None


def pattern_problem(pattern: str) -> str | None:
    """What is wrong with an ``output_pattern``, or None when it can be used."""
    try:
        parsed = [(f, s, c) for _, f, s, c in string.Formatter().parse(pattern) if f is not None]
    except ValueError as exc:
        return f"'output_pattern' is not a valid pattern ({exc})"
    fields = [name for name, _, _ in parsed]
    unknown = sorted(set(fields) - set(PATTERN_FIELDS))
    if unknown:
        known = ", ".join("{" + f + "}" for f in PATTERN_FIELDS)
        return f"'output_pattern' uses unknown field '{{{unknown[0]}}}' (known: {known})"
    if any(spec or conv for _, spec, conv in parsed):
        return "'output_pattern' fields take no format spec or conversion"
    if "ext" not in fields:
        return "'output_pattern' must contain {ext}, or the EPUB and PDF would share a name"
    if "/" in pattern or "\\" in pattern:
        return "'output_pattern' must be a file name, without '/' or '\\'"
    return None


def output_filename(
    pattern: str,
    slug: str,
    ext: str,
    version: VersionLabel | None,
    where: SourceLocation | None = None,
) -> str:
    """The file name for one output; a ConfigError when the pattern needs a missing version."""
    fields = {f for _, f, _, _ in string.Formatter().parse(pattern) if f}
    if "version" in fields and version is None:
        raise ConfigError(
            "'output_pattern' uses {version} but no version was found: pass --version-label, "
            "set 'version' in publication.toml, build a tag in CI, or build from a git repository",
            where,
        )
    label = version.file_safe if version else ""
    return pattern.format(slug=slug, version=label, ext=ext)


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, as lowercase hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksums_text(paths: Iterable[Path]) -> str:
    """``sha256sum`` output for files named by their base name, sorted by name."""
    return "".join(_checksum_line(p) for p in sorted(paths, key=lambda p: p.name))


def _checksum_line(path: Path) -> str:
    # GNU sha256sum escapes a name holding a backslash or newline and marks the line with "\\".
    name = path.name
    if "\\" in name or "\n" in name:
        name = name.replace("\\", "\\\\").replace("\n", "\\n")
        return f"\\{sha256_file(path)}  {name}\n"
    return f"{sha256_file(path)}  {name}\n"


def listed_names(sums: Path) -> set[str]:
    """The plain file names a SHA256SUMS lists (none if it is missing or unreadable);
    names with a folder part or a leading dot are never a build's outputs."""
    try:
        text = sums.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    names = set()
    for line in text.splitlines():
        digest, sep, name = line.partition("  ")
        plain = sep and len(digest) == 64 and name and "/" not in name
        if plain and not name.startswith("."):
            names.add(name)
    return names


def write_checksums(paths: Iterable[Path], folder: Path) -> Path:
    """Write ``folder/SHA256SUMS`` for ``paths`` (checkable with ``sha256sum -c``), atomically."""
    target = folder / CHECKSUMS_NAME
    write_atomically(target, checksums_text(paths).encode("utf-8"))
    return target


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
