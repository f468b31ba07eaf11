"""Long read-only work holds no lock while it computes: a report on a large record never keeps a clerk waiting."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT, duban_argv, run_duban

sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.mark.slow
def test_progress_is_recorded_while_a_report_on_a_large_record_runs(tmp_path):
    from stress import build, province_plan

    db = tmp_path / "stress"
    build(db, counties=120, reports=12_000, logs=5_000, audits=5_000)  # 1,920 tasks
    task = province_plan(1).tasks[1].id  # C0001-A1.2
    report = subprocess.Popen(
        duban_argv("--db", db, "report", "--out", tmp_path / "r.xlsx"),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    recorded = 0
    try:
        while report.poll() is None:
            # One second of patience: a report holding the lock through its computation would time this out.
            r = run_duban(
                "--db",
                db,
                "progress",
                task,
                "--percent",
                str(10 + recorded % 80),
                "--date",
                "2020-10-14",
                "--lower",  # the percents go round: some reports lower the part
                env={"DUBAN_LOCK_TIMEOUT": "1"},
            )
            assert r.returncode == 0, r.stderr
            recorded += 1
    finally:
        report.wait(timeout=600)
    assert report.returncode == 0, report.stderr.read()
    assert recorded >= 1
