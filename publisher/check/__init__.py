"""Checks run on finished outputs: EPUB (EPUBCheck, Ace) and PDF (preflight).

Each checker module exposes ``check(path: Path) -> CheckResult``. Checkers never change
the file; they report findings, which the CLI prints one per line.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publisher.model import Publication

CHECKERS = {".epub": "publisher.check.epub", ".pdf": "publisher.check.pdf"}
MAPS_SOURCES = {"publisher.check.epub"}  # checkers whose check() also takes the Publication


@dataclass(frozen=True)
class Finding:
    """One thing a checker found: severity (error|warning|info), message, where."""

    severity: str
    message: str
    checker: str
    location: str | None = None  # e.g. "manuscripts/a.md:12" or "EPUB/ch-01.xhtml:10:4"

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.severity}: [{self.checker}] {self.message}"


@dataclass
class CheckResult:
    """Findings for one file, plus facts worth reporting (page count, sizes, versions)."""

    path: Path
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not any(f.severity == "error" for f in self.findings)


def check_file(
    path: Path, publication: Publication | None = None, profile: str = "print"
) -> CheckResult:
    """Run the checker that fits the file's type. Given the publication that produced the
    file, checkers that can (EPUB) place findings in the article files they came from; a
    PDF made with the ``screen`` profile is not held to print resolution, and one made for
    a printer (``kdp``, ``ingramspark``) is held to that printer's rules too."""
    module = CHECKERS.get(path.suffix.lower())
    if module is None:
        raise ValueError(f"no checker for {path.suffix} files")
    checker = importlib.import_module(module)
    if publication is not None and module in MAPS_SOURCES:
        return checker.check(path, publication)
    if module == CHECKERS[".pdf"]:
        printer = profile if profile in ("kdp", "ingramspark") else None
        return checker.check(path, print_profile=profile != "screen", printer=printer)
    return checker.check(path)
