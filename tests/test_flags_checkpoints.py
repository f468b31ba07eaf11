"""Resolved flags come from re-running the rules at many checkpoints on one record, which keeps what it
worked out (task statuses, plugins' items and metrics) from one date to the next. The flags must be exactly
those that running the rules afresh at each checkpoint gives: same flags, states, dates, evidence, rulings."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.core import flags
from duban.core.store import Database
from duban.core.workspace import Workspace

D = dt.date.fromisoformat


def _afresh(ws: Workspace, monkeypatch, as_of: dt.date) -> list:
    """evaluate_flags with every checkpoint's findings worked out on a record loaded anew (nothing shared
    between dates)."""
    rules = flags.findings

    def fresh_findings(registry, record, day, settings=None):
        again = ws.record()
        again.in_force(day)  # the plan in force on the day, as the caller's record holds it
        return rules(registry, again, day, settings)

    with monkeypatch.context() as m:
        m.setattr(flags, "findings", fresh_findings)
        record = ws.record()
        record.in_force(as_of)
        return flags.evaluate_flags(ws.registry, record, as_of)


def _shared(ws: Workspace, as_of: dt.date) -> list:
    record = ws.record()
    record.in_force(as_of)
    return flags.evaluate_flags(ws.registry, record, as_of)


@pytest.mark.parametrize("as_of", ["2020-06-20", "2020-08-01", "2020-10-15", "2021-01-31", "2021-06-30"])
def test_demo_flags_are_those_of_rules_run_afresh_at_every_checkpoint(demo_ws, monkeypatch, as_of):
    shared = _shared(demo_ws, D(as_of))
    assert shared == _afresh(demo_ws, monkeypatch, D(as_of))
    if as_of >= "2020-08-01":  # the demo has resolved flags by then, and rulings later: the comparison is not empty
        assert {f.state for f in shared} == {"open", "resolved"}
    if as_of >= "2020-10-15":
        assert any(f.decision for f in shared)


@pytest.mark.slow
def test_flags_on_a_two_county_record_are_those_of_rules_run_afresh(tmp_path, monkeypatch):
    from benchmarks.stress import build

    build(tmp_path / "stress", counties=2)
    ws = Workspace(Database(tmp_path / "stress"), load_entrypoints=False)
    for as_of in (D("2020-08-15"), D("2020-10-15")):
        shared = _shared(ws, as_of)
        assert len(shared) > 20 and any(f.state == "resolved" for f in shared)
        assert shared == _afresh(ws, monkeypatch, as_of)
