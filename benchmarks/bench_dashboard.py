"""Time to first paint of the dashboard, headless, on a fresh demo database (figures only).

.venv/bin/python benchmarks/bench_dashboard.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:  # the installed package when there is one (benchmarks/run.py times that), else this tree
    import duban.core  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duban.core.demo import build_demo
from duban.core.store import Database
from duban.core.workspace import Workspace


async def first_paint(path: Path, size: tuple[int, int]) -> tuple[float, float]:
    """Seconds to load the view (make_app) and to the first painted overview."""
    from duban.tui.app import make_app

    started = time.perf_counter()
    app = make_app(Workspace(Database(path), load_entrypoints=False), poll_seconds=0)
    loaded = time.perf_counter()
    painted = asyncio.get_running_loop().create_future()
    async with app.run_test(size=size) as pilot:
        app.call_after_refresh(lambda: painted.done() or painted.set_result(time.perf_counter()))
        await pilot.pause()
        await painted
    return loaded - started, painted.result() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="an existing database instead of a fresh demo")
    parser.add_argument(
        "--once",
        action="store_true",
        help="one first paint at 120x36, then exit (benchmarks/run.py times this whole process)",
    )
    args = parser.parse_args()
    if args.once:
        asyncio.run(first_paint(Path(args.db), (120, 36)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo"
        ws = Workspace(Database(path), load_entrypoints=False)
        build_demo(ws)
        import duban.tui.app  # noqa: F401  (import cost measured apart from the runs)

        for size in ((80, 24), (160, 48)):
            runs = [asyncio.run(first_paint(path, size)) for _ in range(args.runs)]
            load = statistics.median(r[0] for r in runs) * 1000
            paint = statistics.median(r[1] for r in runs) * 1000
            print(
                f"{size[0]}x{size[1]}: load view {load:.0f} ms, first paint {paint:.0f} ms "
                f"(median of {args.runs}, demo database)"
            )


if __name__ == "__main__":
    main()
