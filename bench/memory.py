"""Memory of a process with a pack loaded: peak RSS in a fresh interpreter, and tracemalloc.

Run: ``python -m bench.memory``. A child ``python -c`` imports the modules, then reads
``ru_maxrss`` (peak RSS, KiB on Linux) at three points: baseline; after importing the
largest seed and building its index; after building the synthetic 1,000-clause pack
and its index. Then, with tracemalloc on, it builds each index once more and reports
the peak traced during the build and what the index keeps once built.

On Linux a child's ``ru_maxrss`` starts at its parent's peak (it survives fork and
exec), so under ``python -m bench`` it can hide the child's own growth; the child
therefore also reads ``VmHWM`` (its own peak) and ``VmRSS`` from ``/proc/self/status``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tracemalloc

from bench.common import ROOT, heading, largest_seed, load_seeds, synthetic_pack
from protocol.importer import import_file
from protocol.model import ProtocolPack
from protocol.search import ClauseIndex

_CHILD = "import json, sys; from bench.memory import measure; print(json.dumps(measure(sys.argv[1])))"


def _maxrss_kib() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss  # bytes on macOS, KiB on Linux


def _proc_status_kib() -> dict[str, int]:
    """VmHWM and VmRSS in KiB (empty where /proc is missing)."""
    out = {}
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def _rss(stage: str) -> dict[str, int]:
    figures = {"maxrss": _maxrss_kib(), **_proc_status_kib()}
    return {f"{stage}_{k}": v for k, v in figures.items()}


def _traced_build(pack: ProtocolPack) -> tuple[int, int]:
    """Peak and retained bytes traced while building an index over ``pack``."""
    tracemalloc.start()
    index = ClauseIndex(pack)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del index
    return peak, current


def measure(seed_path: str) -> dict[str, int]:
    """The child's figures (KiB for RSS, bytes for tracemalloc); run in a fresh process."""
    out = _rss("baseline")
    seed_pack = import_file(seed_path)
    seed_index = ClauseIndex(seed_pack)
    out.update(_rss("seed"))
    synthetic = synthetic_pack(load_seeds())
    synthetic_index = ClauseIndex(synthetic)
    out.update(_rss("synthetic"))
    out["seed_clauses"], out["synthetic_clauses"] = len(seed_pack), len(synthetic)
    del seed_index, synthetic_index
    out["seed_trace_peak"], out["seed_trace_kept"] = _traced_build(seed_pack)
    out["synthetic_trace_peak"], out["synthetic_trace_kept"] = _traced_build(synthetic)
    return out


def run_child(seed_path: str) -> dict[str, int]:
    """Run :func:`measure` in a fresh interpreter and return its figures."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, seed_path], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> dict[str, int]:
    """Print the figures."""
    path, _ = largest_seed()
    m = run_child(str(path))
    seed = f"{path.name} ({m['seed_clauses']} cl.)"
    synthetic = f"synthetic ({m['synthetic_clauses']} cl.)"
    columns = [c for c in ("maxrss", "VmHWM", "VmRSS") if f"baseline_{c}" in m]
    names = {"maxrss": "ru_maxrss", "VmHWM": "VmHWM", "VmRSS": "VmRSS"}
    print("RSS of a fresh interpreter, MiB (ru_maxrss and VmHWM are peaks, VmRSS is current):\n")
    print(f"  {'':46}" + "".join(f"{names[c]:>11}" for c in columns))
    rows = (
        ("baseline (modules imported)", "baseline", None),
        (f"+ {seed} + index", "seed", "baseline"),
        (f"+ {synthetic} + index", "synthetic", "seed"),
    )
    for label, stage, before in rows:
        cells = []
        for c in columns:
            value = m[f"{stage}_{c}"] - (m[f"{before}_{c}"] if before else 0)
            cells.append(f"{value / 1024:+11.1f}" if before else f"{value / 1024:11.1f}")
        print(f"  {label:46}" + "".join(cells))
    print(f"  {'total':46}" + "".join(f"{m[f'synthetic_{c}'] / 1024:11.1f}" for c in columns))
    if "VmHWM" in columns and m["baseline_maxrss"] > m["baseline_VmHWM"] + 1024:
        print("  (ru_maxrss here carries the parent process's peak across fork/exec: read VmHWM)")
    print("\ntracemalloc, ClauseIndex build (pack already loaded):\n")
    print(f"  {'pack':40} {'peak MiB':>9} {'kept MiB':>9}")
    for label, key in ((seed, "seed"), (synthetic, "synthetic")):
        print(f"  {label:40} {m[key + '_trace_peak'] / 2**20:9.2f} {m[key + '_trace_kept'] / 2**20:9.2f}")
    return m


if __name__ == "__main__":
    print(heading("Memory"))
    main()
