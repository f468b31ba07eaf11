"""`make bench` at a tiny scale: the harness runs every command it times on the records it builds.

No timing is asserted; a change that makes a benchmarked command fail on the stress record (as
refused plugin links once did) fails here instead of in the next `make bench`.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.helpers import ROOT


@pytest.mark.slow
def test_the_benchmark_harness_runs_at_a_tiny_scale(tmp_path):
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [
            sys.executable,
            ROOT / "benchmarks" / "run.py",
            "--here",
            "--counties",
            "2",
            "--runs",
            "1",
            "--skip-taskwarrior",
            "--out",
            tmp_path / "out",
            "--results",
            results,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    table = results.read_text()
    for command in (
        "duban --help",
        "duban status (stress)",
        "duban status (stress), first read after a write",
        "duban flags (demo), first read after a write",
        "duban unit civil_affairs (demo), first read after a write",
        "duban show A2.1 (stress)",
        "duban audit --limit 20 (stress)",
        "duban progress … one write (stress)",
        "duban progress … the write that leaves a fold due (stress)",
        "duban calendars export, all feeds (stress)",
        "duban calendars export, every event rendered (stress)",
        "duban report --period 2020-Q3 (stress)",
        "duban report --period 2020-Q3 (stress), first read after a write",
        "dashboard first paint, whole process (stress)",
    ):
        assert f"| {command} | " in table
    assert "| 50 concurrent clients × 20 GETs | 1000/1000 answered" in table
    # Each target is judged in the run's own table: time and memory for a command, the ratio for a pair.
    verdict = r"(yes|\*\*no\*\*)"
    assert re.search(
        rf"\| duban --help \| \d+ ms \| [\d.]+ MiB \| ≤ 60 ms \| time {verdict}, memory {verdict} \|", table
    )
    assert re.search(rf"\| wrong token, 404 \(median\) \| [\d.]+ ms \| ≤ 2 ms \| {verdict} \|", table)
    assert re.search(rf"\| `duban status` at 320 ÷ at 32 tasks \| [\d.]+× \| ≤ 11× \| {verdict} \|", table)
    # The scaling rows: the record ten times over (two counties' 32 tasks → 320), and their ratios.
    for command in ("duban tasks", "duban tasks --overdue", "duban status", "duban progress … one write"):
        assert f"| {command} (320 tasks) | " in table
    # The header says how many runs stand behind each median, as this run took them.
    assert "Medians of 1 runs after a warm-up (1 for the whole-record commands" in table
    assert "3 for every command on the record ten times over" in table
    for pair in ("`duban tasks` at 320 ÷ at 32 tasks", "`duban status` at 320 ÷ at 32 tasks"):
        assert f"| {pair} | " in table
