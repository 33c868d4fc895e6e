"""Import time for each seed protocol: median and max of several runs, against a 0.5 s target.

Run: ``python -m bench.import_speed``. Each run is a whole ``import_file`` (read, clean,
split into clauses); the first run of the process is included, so ``max`` shows a
cold import.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.common import heading, seed_paths
from protocol.importer import import_file

RUNS = 7
TARGET_S = 0.5


def time_import(path: Path, runs: int = RUNS) -> tuple[int, list[float]]:
    """The pack's clause count and the seconds taken by each of ``runs`` imports."""
    times, clauses = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        pack = import_file(path)
        times.append(time.perf_counter() - start)
        clauses = len(pack)
    return clauses, times


def main() -> bool:
    """Print the table; True when every seed imports within the target."""
    print(f"{RUNS} runs per seed; target: every run under {TARGET_S * 1000:.0f} ms\n")
    print(f"{'seed':28} {'bytes':>7} {'clauses':>7} {'median ms':>10} {'max ms':>8}  result")
    ok_all = True
    for path in seed_paths():
        clauses, times = time_import(path)
        med, worst = statistics.median(times), max(times)
        ok = worst < TARGET_S
        ok_all &= ok
        print(
            f"{path.name:28} {path.stat().st_size:7d} {clauses:7d} {med * 1000:10.2f} {worst * 1000:8.2f}"
            f"  {'PASS' if ok else 'FAIL'}"
        )
    print(f"\nimport speed: {'PASS' if ok_all else 'FAIL'} (target < {TARGET_S} s per seed)")
    return ok_all


if __name__ == "__main__":
    print(heading("Import speed"))
    main()
