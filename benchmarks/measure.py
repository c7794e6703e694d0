"""Run one command and report its wall time and peak memory as JSON (used by bench.py).

    python benchmarks/measure.py COMMAND [ARGS...]

Peak memory is reported two ways: ``peak_mib``, the largest resident set of any single
process of the run (the command and every process it started, worker processes included),
and ``peak_total_mib``, the largest sum over all of them at one moment. Both come from
sampling /proc every 50 ms (plus ru_maxrss, which catches short peaks of waited-for
children), so a peak shorter than that can be missed by the sum.

``cpu_s`` is the CPU time the run's processes used (as last sampled), and ``others_cores``
how many cores' worth of CPU every other process on the machine used meanwhile (from
/proc/stat): a run with ``others_cores`` well above 0 competed with other work, and its
wall time says more about the machine than about the command.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def busy_seconds() -> float:
    """CPU seconds every core of the machine has spent busy since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / TICK


def tree(root: int, cpu: dict[int, float]) -> dict[int, int]:
    """Resident bytes of ``root`` and all its descendants, by pid; their CPU into ``cpu``."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            pages = int((entry / "statm").read_text().split()[1])
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
        rss[int(entry.name)] = pages * PAGE
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICK
    found, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        found.update(children)
        frontier.extend(children)
    for pid in found:
        if pid in used:
            cpu[pid] = max(cpu.get(pid, 0.0), used[pid])
    return {pid: rss[pid] for pid in found if pid in rss}


def main() -> None:
    """Run the command, sample its process tree, print one JSON line."""
    started, busy = time.perf_counter(), busy_seconds()
    cpu: dict[int, float] = {}
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    single = total = 0
    while child.poll() is None:
        sizes = tree(child.pid, cpu)
        if sizes:
            single = max(single, max(sizes.values()))
            total = max(total, sum(sizes.values()))
        time.sleep(0.05)
    stderr = child.stderr.read() if child.stderr else b""
    seconds = time.perf_counter() - started
    others = max(0.0, busy_seconds() - busy - sum(cpu.values())) / seconds
    waited = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    single = max(single, waited)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mib": single / 2**20,
                "peak_total_mib": max(total, single) / 2**20,
                "cpu_s": sum(cpu.values()),
                "others_cores": others,
                "rc": child.returncode,
                "stderr": stderr.decode(errors="replace")[-2000:],
            }
        )
    )


if __name__ == "__main__":
    main()
