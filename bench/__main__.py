"""Run every benchmark: ``python -m bench`` (or ``make bench``).

Import speed, lookup latency, memory, lookup quality, detector quality and speed, then the request and concern
stores and the Discord gateway, each under its heading.
Figures only: a missed target prints FAIL but does not change the exit status.
"""

from __future__ import annotations

import time

from bench import (concern_store, discord_gateway, import_speed, lookup_latency, lookup_quality, memory,
                   moderation_quality, moderation_speed, nudge_cost, request_store)
from bench.common import heading


def main() -> None:
    """Run the benchmarks in turn and print the total time."""
    start = time.perf_counter()
    for title, run in (
        ("Import speed", import_speed.main),
        ("Lookup latency", lookup_latency.main),
        ("Memory", memory.main),
        ("Lookup quality", lookup_quality.main),
        ("Detector quality", moderation_quality.main),
        ("Detector speed", moderation_speed.main),
        ("Request store", request_store.main),
        ("Concern store", concern_store.main),
        ("Nudge cost in the core", lambda: nudge_cost.main([])),
        ("Discord gateway", lambda: discord_gateway.main([])),
    ):
        print(heading(title))
        run()
    print(f"\nall benchmarks: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
