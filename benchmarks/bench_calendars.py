"""Time exporting every calendar feed of the demo database (prints figures, asserts nothing).

Usage: python benchmarks/bench_calendars.py [--rounds N] [--stress COUNTIES]
The first export stamps every event (one write); later rounds find nothing changed and only read.
--stress builds the province-scale record of benchmarks/stress.py (COUNTIES × the Linwu plan) instead.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duban.calendars.export import export_feeds
from duban.calendars.publish import publish, read_state
from duban.core.demo import build_demo
from duban.core.store import Database
from duban.core.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--stress", type=int, metavar="COUNTIES", help="use a stress record of this many counties")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "db")
        ws = Workspace(db, load_entrypoints=False)
        if args.stress:
            from benchmarks.stress import build

            share = args.stress / 625  # stress.py's volumes are for 625 counties; keep them in proportion
            print(
                "stress record:",
                build(
                    db.path,
                    counties=args.stress,
                    reports=int(70_000 * share),
                    logs=int(30_000 * share),
                    audits=int(50_000 * share),
                ),
                flush=True,
            )
        else:
            build_demo(ws)
        timings = []
        for i in range(args.rounds):
            started = time.perf_counter()
            written = export_feeds(ws, Path(tmp) / f"out{i}")
            timings.append(time.perf_counter() - started)
        events = sum(feed.events for _path, feed in written)
        size = sum(len(feed.body) for _path, feed in written)
        print(f"feeds: {len(written)}, events: {events}, bytes: {size}")
        print(f"first export (stamps every event): {timings[0] * 1000:.1f} ms")
        rest = timings[1:] or timings
        print(
            f"unchanged export, best of {len(rest)}: {min(rest) * 1000:.1f} ms, mean {sum(rest) / len(rest) * 1000:.1f} ms"
        )
        started = time.perf_counter()
        n = 20
        for _ in range(n):
            publish(ws, read_state(ws), ["civil_affairs"], who="bench")
        print(
            f"one unit's feed as the server builds it: {(time.perf_counter() - started) / n * 1000:.1f} ms per request"
        )


if __name__ == "__main__":
    main()
