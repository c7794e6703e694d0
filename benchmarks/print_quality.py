"""Measure the print PDF's typography: the preflight's counts per book, in one table.

    python benchmarks/print_quality.py [--books sample,hard,rtl,prose,FOLDER] [--all] [--json]
                                       [--pages] [--keep DIR] [--jobs N]

Builds each book's PDF afresh (``--format pdf --no-cache``, a temporary cache and output
folder, one fresh process per book, timed), then reads the PDF back with the typographic
preflight's own API (``publisher.check.typography.check_typography``) and prints, per book:
body pages, body lines, every count the preflight keeps, and loose lines per 20 body pages
(the target of issue 20 is at most 1; every other count's target is 0), with the build's wall
time. ``--pages`` adds the pages of each kind and the targets missed; ``--json`` prints all
of it as a JSON list.
``--books`` also takes folders of your own; ``--all`` adds the projects-* fixtures.
The exit status is 0 whether or not the targets are met: this measures; the tests and
``--check`` judge.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from publisher.check.typography import KINDS, check_typography  # noqa: E402

BOOKS = {
    "sample": ROOT / "manuscripts",
    "hard": ROOT / "tests" / "fixtures" / "hard",
    "rtl": ROOT / "tests" / "fixtures" / "rtl",
    "prose": ROOT / "tests" / "fixtures" / "prose",
}
PROJECTS = ("projects-hugo", "projects-jekyll", "projects-mdbook", "projects-mkdocs")
LOOSE_PER = 20  # body pages: the target is at most one loose line per this many
SHORT_NAMES = {  # column heads for the table (the JSON keeps the preflight's own names)
    "loose lines": "loose",
    "hyphen ladders": "ladder",
    "short fragments": "frag",
    "capitalised hyphenation": "caps",
    "hyphen at a leaf turn": "turn",
    "orphans": "orph",
    "widows": "wid",
    "stranded headings": "s.head",
    "stranded captions": "s.capt",
    "credits-only pages": "credits",
    "short article ends": "s.end",
    "nearly empty pages": "empty",
    "unequal facing pages": "facing",
}


def build_pdf(folder: Path, out: Path, cache: Path, jobs: int | None) -> tuple[Path, float]:
    """Build ``folder``'s PDF into ``out`` in a fresh process; the PDF and the wall time."""
    env = dict(os.environ, PUBLISHER_CACHE_DIR=str(cache))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "publisher", "build", str(folder), "--format", "pdf"]
    command += ["--output", str(out), "--no-cache"]
    if jobs:
        command += ["--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"building {folder} failed:\n{done.stderr}")
    pdfs = [p for p in out.glob("*.pdf") if not p.name.endswith("-cover.pdf")]
    if len(pdfs) != 1:
        raise SystemExit(f"building {folder}: expected one book PDF in {out}, found {pdfs}")
    return pdfs[0], seconds


def measure(name: str, folder: Path, work: Path, jobs: int | None) -> dict[str, object]:
    """One book's row: its preflight counts, loose lines per 20 body pages, wall time."""
    out = work / name
    pdf, seconds = build_pdf(folder, out, work / "cache", jobs)
    facts = check_typography(pdf).counts()
    pages = facts["body pages"]
    loose = facts["counts"]["loose lines"]
    row = {
        "book": name,
        "folder": str(folder.relative_to(ROOT)) if folder.is_relative_to(ROOT) else str(folder),
        "body pages": pages,
        "body lines": facts["body lines"],
        "counts": facts["counts"],
        "pages": facts["pages"],
        "loose per 20 pages": round(loose * LOOSE_PER / pages, 2) if pages else None,
        "seconds": round(seconds, 1),
    }
    return row | {"missed": missed(row)}


def missed(row: dict[str, object]) -> list[str]:
    """The kinds over target (issue 20): loose lines over 1 per 20 body pages, any other."""
    over = [kind for kind, count in row["counts"].items() if count and kind != "loose lines"]
    per = row["loose per 20 pages"]
    return (["loose lines"] if per is not None and per > 1 else []) + over


def table(rows: list[dict[str, object]]) -> str:
    """The rows as a Markdown table (it reads as plain text too)."""
    heads = ["book", "pages", "lines", *(SHORT_NAMES[k] for k, _ in KINDS), "loose/20p", "s"]
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    for row in rows:
        cells = [row["book"], row["body pages"], row["body lines"]]
        cells += [row["counts"][kind] for kind, _ in KINDS]
        cells += [row["loose per 20 pages"], row["seconds"]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, build and measure every book, print the table or the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--books", default=",".join(BOOKS), help="comma-separated names or folders")
    parser.add_argument("--all", action="store_true", help="also the projects-* fixtures")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--pages", action="store_true", help="after the table, each kind's pages")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep the PDFs")
    parser.add_argument("--jobs", type=int, help="passed to publisher build --jobs")
    args = parser.parse_args(argv)
    chosen = {}
    for name in filter(None, args.books.split(",")):
        if name in BOOKS:
            chosen[name] = BOOKS[name]
        elif Path(name).is_dir():
            chosen[Path(name).resolve().name] = Path(name).resolve()
        else:
            parser.error(f"unknown book {name!r}: choose from {', '.join(BOOKS)} or a folder")
    if args.all:
        chosen.update({p: ROOT / "tests" / "fixtures" / p for p in PROJECTS})
    with tempfile.TemporaryDirectory(prefix="print-quality-") as temporary:
        work = args.keep or Path(temporary)
        rows = []
        for name, folder in chosen.items():
            print(f"… building {name}", file=sys.stderr)
            rows.append(measure(name, folder, work, args.jobs))
    print(json.dumps(rows, indent=2) if args.json else table(rows))
    if args.pages and not args.json:
        print("\n".join(where(row) for row in rows))
    return 0


def where(row: dict[str, object]) -> str:
    """The pages of each kind found in one book, a line per kind, and the targets missed."""
    found = [f"  {kind}: {', '.join(map(str, pages))}" for kind, pages in row["pages"].items()]
    verdict = "targets missed: " + ", ".join(row["missed"]) if row["missed"] else "targets met"
    return "\n".join([f"{row['book']}: {verdict}", *found])


if __name__ == "__main__":
    raise SystemExit(main())
