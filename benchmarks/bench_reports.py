"""Time the workbook paths: the quarterly report, a 852-row template import, a zip bomb refusal.

Run: .venv/bin/python benchmarks/bench_reports.py   (prints figures only; nothing is asserted)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from duban.core.demo import build_demo
from duban.core.errors import DubanError
from duban.core.initdb import build_plan, init_database
from duban.core.narrative import build_report
from duban.core.record import load_record
from duban.core.store import Database
from duban.core.workspace import Workspace
from duban.reports.importer import import_file, register_template
from duban.reports.report import build_report_workbook, save
from duban.reports.template import build_template


def timed(label: str, fn, repeat: int = 1):
    best, result = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
    print(f"{label:<48} {best * 1000:8.1f} ms")
    return result


def filled_template(root: Path) -> Workspace:
    """A fresh database at root/fresh and root/filled.xlsx: civil affairs' template with a duty row for each of its duties' 852 days."""
    # A fresh database, so that every duty date are all new.
    fresh = Workspace(Database(root / "fresh"), load_entrypoints=False)
    init_database(fresh.db, build_plan(fresh.units), "bench")
    with fresh.db.transaction("bench") as tx:
        record = load_record(tx, fresh.units)
        wb, identity, rows, base = build_template(fresh.registry, record, "civil_affairs", dt.date(2021, 6, 30))
        register_template(tx, identity, rows, base, "bench")
    ws = wb["常态职责"]
    # Every day of civil affairs' own two duties (the revisits are the townships'): 852 rows.
    days = [dt.date(2020, 5, 1) + dt.timedelta(days=i) for i in range(426)]
    entries = [(duty, day) for duty in ("A1.3-patrol", "A1.3-foster") for day in days]
    for i, (duty, day) in enumerate(entries, 2):
        ws.cell(i, 1, "civil_affairs")
        ws.cell(i, 2, duty)
        ws.cell(i, 3, day)
    wb.save(root / "filled.xlsx")
    return fresh


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="duban-bench-"))
    demo = Workspace(Database(root / "demo"), load_entrypoints=False)
    build_demo(demo)

    def quarterly():
        with demo.db.reading() as snap:
            data = build_report(snap, demo.registry, dt.date(2020, 10, 15), "2020-Q3")
        save(build_report_workbook(data), root / "q3.xlsx")

    timed("quarterly report 2020-Q3 (build + save)", quarterly, repeat=3)

    fresh = filled_template(root)
    plan = timed(
        "import 852-row template --dry-run",
        lambda: import_file(fresh, root / "filled.xlsx", "bench", dry_run=True),
    )
    done = timed(
        "import 852-row template (backup + write)",
        lambda: import_file(fresh, root / "filled.xlsx", "bench"),
    )
    print(f"{'  changes (dry run / written)':<48} {len(plan.changes):5d} / {len(done.changes)}")
    again = timed(
        "re-import the same file (no change)",
        lambda: import_file(fresh, root / "filled.xlsx", "bench"),
    )
    print(f"{'  changes on re-import':<48} {len(again.changes):5d}")

    bomb = root / "bomb.xlsx"
    with zipfile.ZipFile(root / "filled.xlsx") as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        with zout.open("xl/worksheets/sheet9.xml", "w") as fh:
            for _ in range(1024):
                fh.write(b" " * (1 << 20))  # 1 GB of spaces, about 1 MB compressed
    tracemalloc.start()

    def refuse():
        try:
            import_file(fresh, bomb, "bench")
        except DubanError:
            return

    timed(f"refuse a 1 GB zip bomb ({bomb.stat().st_size // 1024} KB file)", refuse)
    print(f"{'  peak Python memory while refusing':<48} {tracemalloc.get_traced_memory()[1] / 1e6:8.1f} MB")
    tracemalloc.stop()
    print(f"{'report workbook size':<48} {(root / 'q3.xlsx').stat().st_size / 1024:8.1f} KB")
    print(
        f"{'rows read back from the report':<48} {openpyxl.load_workbook(root / 'q3.xlsx')['任务进度'].max_row - 1:5d}"
    )


if __name__ == "__main__":
    main()
