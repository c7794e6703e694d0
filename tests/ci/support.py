"""Run publisher as a CI job would (no terminal, CI=true) and check what it leaves behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "report-schema.json"


def run_ci(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    """``python -m publisher ARGS`` with CI=true, stdin closed and output captured (no TTY)."""
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true", **(env or {})},
        cwd=cwd,
        timeout=600,
        check=False,
    )


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(report: dict[str, Any]) -> list[str]:
    """Every way ``report`` breaks docs/report-schema.json, one line each (empty: valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in _validator().iter_errors(report)
    ]


def terminal_garbage(text: str) -> list[str]:
    """Lines holding ANSI escapes, carriage returns or other control characters."""
    return [
        line
        for line in text.split("\n")
        if any(ord(c) < 32 and c != "\t" for c in line) or "\x1b" in line or "\x7f" in line
    ]
