"""Benchmark publisher against pandoc and the bare floor, in paired, alternating runs.

    python benchmarks/bench.py [--sizes 100,300,1000] [--formats epub,pdf] [--runs 3]
                               [--tools publisher,pandoc,floor] [--work DIR] [--json FILE]
                               [--jobs N] [--pdf-variant none|pdf/ua-1|...] [--incremental]

For each corpus size it generates a deterministic corpus (../shared/bench/gen_corpus.py, or
--generator PATH), then runs every tool once per round, rotating the order each round so no
tool always runs first on a warm cache. Each run is a fresh process; wall time and peak RSS
(see measure.py) are recorded. It prints medians and the median of per-round ratios
(publisher / reference), which stay meaningful on noisy machines.

Every publisher run starts with an empty article cache (a clean build). --incremental
instead measures a rebuild after one article changed, with the cache the previous build
left, against a clean build, in alternating pairs. --pdf-variant writes [pdf] variant
into the corpus's publication.toml (``none`` by default: untagged, like the floor; tagged
variants are chunked too, with a merged structure tree). Peak memory is the largest RSS of any one
process of the run (publisher's PDF worker processes included).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
MEASURE = HERE / "measure.py"


def make_corpus(generator: Path, size: int, folder: Path, variant: str = "none") -> Path:
    """Generate a corpus and give it a publication.toml for publisher."""
    corpus = folder / f"corpus-{size}-{variant.replace('/', '')}"
    if not corpus.exists():
        subprocess.run(
            [sys.executable, str(generator), "--articles", str(size), "--out", str(corpus)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        meta = yaml.safe_load((corpus / "publication.yaml").read_text(encoding="utf-8"))
        lines = [
            f"{key} = {json.dumps(str(value))}"
            for key, value in meta.items()
            if key in ("title", "subtitle", "language", "publisher", "identifier")
        ]
        lines.append(f"date = {meta['date']}")
        lines.append(f"editors = {json.dumps(meta['editors'])}")
        lines.append('output = "bench"')
        lines.append(f'[pdf]\nvariant = "{variant}"')
        (corpus / "publication.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def commands(tool: str, fmt: str, corpus: Path, out: Path, jobs: int | None) -> list[str]:
    """The command line one tool runs to build one format of the corpus."""
    if tool == "publisher":
        cmd = [
            str(Path(sys.executable).parent / "publisher"),
            "build",
            str(corpus),
            "--format",
            fmt,
            "--output",
            str(out),
        ]
        return cmd + (["--jobs", str(jobs)] if jobs and fmt == "pdf" else [])
    if tool == "floor":
        return [sys.executable, str(HERE / "floor.py"), fmt, str(corpus), str(out / f"floor.{fmt}")]
    sources = sorted(str(p) for p in (corpus / "pandoc").glob("*.md"))
    cmd = [
        "pandoc",
        "--metadata-file",
        str(corpus / "pandoc-meta.yaml"),
        "--toc",
        "-o",
        str(out / f"pandoc.{fmt}"),
        *sources,
    ]
    if fmt == "pdf":
        weasy = Path(sys.executable).parent / "weasyprint"
        cmd[1:1] = ["--pdf-engine", str(weasy), "-s"]
    return cmd


def measure(cmd: list[str], cache: Path | None = None) -> dict:
    """Run a command in a fresh process; wall seconds and peak RSS of that run only.

    publisher gets ``cache`` as its cache folder, emptied first unless it is to be reused.
    """
    env = dict(os.environ)
    if cache is not None:
        env["PUBLISHER_CACHE_DIR"] = str(cache)
    run = subprocess.run(
        [sys.executable, str(MEASURE), *cmd], capture_output=True, text=True, check=True, env=env
    )
    result = json.loads(run.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"failed ({result['rc']}): {' '.join(cmd)}\n{result['stderr']}")
    return result


def bench(
    size: int, fmt: str, tools: list[str], runs: int, corpus: Path, work: Path, jobs: int | None
) -> dict:
    """Alternating rounds of every tool on one corpus and format."""
    times: dict[str, list[float]] = {t: [] for t in tools}
    peaks: dict[str, list[float]] = {t: [] for t in tools}
    totals: dict[str, list[float]] = {t: [] for t in tools}
    others: list[float] = []
    for round_no in range(runs):
        order = tools[round_no % len(tools) :] + tools[: round_no % len(tools)]
        for tool in order:
            out = work / f"out-{tool}"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            cache = work / "cache-clean"
            shutil.rmtree(cache, ignore_errors=True)
            result = measure(commands(tool, fmt, corpus, out, jobs), cache)
            times[tool].append(result["seconds"])
            peaks[tool].append(result["peak_mib"])
            totals[tool].append(result["peak_total_mib"])
            others.append(result["others_cores"])
    summary = {"size": size, "format": fmt, "runs": runs, "tools": {}, "others_cores": others}
    for tool in tools:
        summary["tools"][tool] = {
            "median_s": statistics.median(times[tool]),
            "peak_mib": max(peaks[tool]),
            "peak_total_mib": max(totals[tool]),
            "times": times[tool],
        }
    for ref in tools:
        if ref != "publisher" and "publisher" in tools:
            ratios = [p / r for p, r in zip(times["publisher"], times[ref], strict=True)]
            summary[f"ratio_vs_{ref}"] = statistics.median(ratios)
    return summary


def incremental(size: int, fmt: str, runs: int, corpus: Path, work: Path, jobs: int | None) -> dict:
    """Rebuild after one article changed (warm cache) vs a clean build, in pairs."""
    article = sorted(corpus.glob("*.md"))[size // 2]
    original = article.read_text(encoding="utf-8")
    out, cache = work / "out-incremental", work / "cache-incremental"
    clean_times, rebuild_times, ratios = [], [], []
    try:
        for round_no in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            clean = measure(commands("publisher", fmt, corpus, out, jobs), cache)["seconds"]
            article.write_text(original + f"\nOne more sentence, round {round_no}.\n", "utf-8")
            rebuild = measure(commands("publisher", fmt, corpus, out, jobs), cache)["seconds"]
            article.write_text(original, encoding="utf-8")
            clean_times.append(clean)
            rebuild_times.append(rebuild)
            ratios.append(rebuild / clean)
    finally:
        article.write_text(original, encoding="utf-8")
    return {
        "size": size,
        "format": fmt,
        "runs": runs,
        "clean_median_s": statistics.median(clean_times),
        "rebuild_median_s": statistics.median(rebuild_times),
        "ratio_rebuild_vs_clean": statistics.median(ratios),
        "times": {"clean": clean_times, "rebuild": rebuild_times},
    }


def machine() -> dict:
    """A short description of where the numbers come from."""
    pandoc = shutil.which("pandoc")
    version = (
        subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        if pandoc
        else "not installed"
    )
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "pandoc": version,
        "system": platform.platform(),
    }


def main() -> None:
    """Parse arguments, run every size × format, print a table and optionally save JSON."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="100,300,1000")
    ap.add_argument("--formats", default="epub,pdf")
    ap.add_argument("--tools", default="publisher,pandoc,floor")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None, help="publisher --jobs for PDF")
    ap.add_argument("--generator", type=Path, default=DEFAULT_GENERATOR)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--pdf-variant", default="none", help="[pdf] variant of the corpus")
    ap.add_argument("--incremental", action="store_true", help="measure one-article rebuilds")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="publisher-bench-"))
    tools = args.tools.split(",")
    results = {"machine": machine(), "results": []}
    print(json.dumps(results["machine"]))
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = make_corpus(args.generator, size, work, args.pdf_variant)
        for fmt in args.formats.split(","):
            if args.incremental:
                summary = incremental(size, fmt, args.runs, corpus, work, args.jobs)
                results["results"].append(summary)
                print(
                    f"{fmt:4} {size:5}  clean {summary['clean_median_s']:.2f}s  rebuild "
                    f"{summary['rebuild_median_s']:.2f}s  "
                    f"ratio={summary['ratio_rebuild_vs_clean']:.2f}",
                    flush=True,
                )
                continue
            summary = bench(size, fmt, tools, args.runs, corpus, work, args.jobs)
            results["results"].append(summary)
            cells = "  ".join(
                f"{t} {v['median_s']:.2f}s/{v['peak_mib']:.0f}MiB({v['peak_total_mib']:.0f})"
                for t, v in summary["tools"].items()
            )
            ratios = "  ".join(f"{k}={v:.2f}" for k, v in summary.items() if k.startswith("ratio"))
            noise = max(summary["others_cores"])
            print(f"{fmt:4} {size:5}  {cells}  {ratios}  other load ≤{noise:.1f} cores", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
