"""Corrections (更正/撤回): a withdrawn entry leaves the readers' views (status, tasks, show, unit, flags,
incidents, meetings) as if it had never counted, and stays on record."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from textual.widgets import Input

from duban.core import folds
from duban.core.record import load_record
from duban.tui.screens.dialogs import ConfirmDialog
from duban.tui.screens.task import TaskScreen
from tests.helpers import driving, folder_digest, press, settle, sync


def _views(cli, db) -> dict[str, str]:
    """What the readers see, as JSON: status, tasks, the task, the unit, flags, incidents, meetings."""
    seen = {}
    for args in (["status"], ["tasks"], ["unit", "civil_affairs"], ["flags"], ["incidents"], ["meetings"]):
        r = cli("--db", db, "--json", *args)
        assert r.status == 0, r.err
        seen[" ".join(args)] = r.out
    shown = json.loads(cli("--db", db, "--json", "show", "A4.1").out)
    shown.pop("reports")  # lists withdrawn reports too, marked
    seen["show"] = json.dumps(shown)
    return seen


def _last_id(cli, db, *args) -> int:
    r = cli("--db", db, "--json", *args)
    assert r.status == 0, r.err
    return json.loads(r.out)["id"]


@pytest.mark.parametrize("every", [1, 1000])
def test_withdrawing_a_wrong_report_restores_every_view_and_keeps_both_in_the_audit(cli, demo_path, monkeypatch, every):
    monkeypatch.setattr(folds, "CHECKPOINT_EVERY", every)  # the wrong report folded at once, or still in the tail
    views = _views(cli, demo_path)
    wrong = _last_id(cli, demo_path, "progress", "A4.1", "--unit", "civil_affairs", "--percent", "90")
    assert json.loads(cli("--db", demo_path, "--json", "show", "A4.1").out)["parts"][1]["percent"] == 90
    r = cli("--db", demo_path, "withdraw", "progress", wrong, "--reason", "把 40 错填成 90", "--by", "民政局王五")
    assert r.status == 0 and "已撤回" in r.out, r.err
    assert _views(cli, demo_path) == views
    shown = cli("--db", demo_path, "show", "A4.1").out
    assert "已撤回：把 40 错填成 90" in shown  # the original stays in the task's history, marked
    entries = json.loads(cli("--db", demo_path, "--json", "audit", "--limit", "2").out)
    assert [(e["what"], e["who"]) for e in entries] == [("withdraw", "民政局王五"), ("progress", "duban")]
    assert entries[0]["before"]["percent"] == 90 and entries[0]["after"]["reason"] == "把 40 错填成 90"
    # The stored views agree with the logs read the slow way, without the withdrawn report.
    from duban.core.store import Database
    from duban.core.workspace import Workspace

    ws = Workspace(Database(demo_path))
    with ws.db.reading() as snap:
        record = load_record(snap, ws.units)
        live = sorted(folds.live(snap, "progress"), key=lambda d: (d["date"], d["id"]))
    folded = {task: [h.report for h in v] for task, v in record.history.items()}
    slow: dict[str, list[int]] = {}
    for doc in live:
        slow.setdefault(doc["task"], []).append(doc["id"])
    assert folded == slow and wrong not in folded["A4.1"]
    # Withdrawn once is enough.
    r = cli("--db", demo_path, "withdraw", "progress", wrong, "--reason", "again")
    assert r.status == 1 and "已撤回" in r.err


def test_a_correction_replaces_the_report_in_one_write(cli, demo_path):
    wrong = _last_id(cli, demo_path, "progress", "A4.1", "--unit", "civil_affairs", "--percent", "90")
    # 40 % before the wrong report: 45 % is not a lowering once the wrong one is withdrawn.
    r = cli("--db", demo_path, "progress", "A4.1", "--percent", "45", "--corrects", wrong, "--reason", "typo")
    assert r.status == 0 and "更正报告" in r.out, r.err
    task = json.loads(cli("--db", demo_path, "--json", "show", "A4.1").out)
    assert next(p for p in task["parts"] if p["unit"] == "civil_affairs")["percent"] == 45
    assert [r.get("withdrawn") for r in task["reports"]][-2:] == ["typo", None]
    r = cli("--db", demo_path, "progress", "A4.1", "--percent", "50", "--corrects", wrong)
    assert r.status == 2 and "--reason" in r.err
    digest = folder_digest(demo_path)
    r = cli("--db", demo_path, "progress", "A1.2", "--percent", "70", "--corrects", wrong + 1, "--reason", "x")
    assert r.status == 1 and "更正须针对同一项" in r.err and folder_digest(demo_path) == digest


def test_a_lowering_report_needs_lower_and_says_so_in_the_audit(cli, demo_path):
    digest = folder_digest(demo_path)
    r = cli("--db", demo_path, "progress", "A4.1", "--unit", "civil_affairs", "--percent", "30")
    assert r.status == 1 and "--lower" in r.err and "40%" in r.err and len(r.err.strip().splitlines()) == 1
    # A done part going back below 100 % is a lowering too (the station filed its applications).
    r = cli("--db", demo_path, "progress", "A4.1", "--unit", "rescue_station", "--percent", "100")
    r = cli("--db", demo_path, "progress", "A4.1", "--unit", "rescue_station", "--percent", "80")
    assert r.status == 1 and "--lower" in r.err
    digest_after_same = folder_digest(demo_path)
    assert digest_after_same != digest  # the 100 % report above was written
    r = cli("--db", demo_path, "progress", "A4.1", "--unit", "rescue_station", "--percent", "80")
    assert folder_digest(demo_path) == digest_after_same  # refused: nothing written
    r = cli("--db", demo_path, "progress", "A4.1", "--unit", "civil_affairs", "--percent", "30", "--lower")
    assert r.status == 0 and "已调低" in r.out
    entry = json.loads(cli("--db", demo_path, "--json", "audit", "--limit", "1").out)[0]
    assert entry["what"] == "progress" and entry["after"]["lowered"] is True
    # A report dated before the part's latest one changes only the past: no --lower needed.
    r = cli("--db", demo_path, "progress", "A4.1", "--unit", "civil_affairs", "--percent", "10", "--date", "2020-09-01")
    assert r.status == 0, r.err


def test_every_kind_of_entry_can_be_withdrawn(cli, demo_path):
    views = _views(cli, demo_path)
    log = _last_id(cli, demo_path, "log", "A1.3-patrol", "--unit", "civil_affairs", "--date", "2020-10-14")
    tick = _last_id(cli, demo_path, "check", "civil_affairs", "hazard-inspection")
    value = _last_id(cli, demo_path, "metric", "civil_affairs", "training_coverage", "80")
    incident = cli(
        "--db", demo_path, "--json", "incident", "--kind", "missing", "--note", "误报", "--date", "2020-10-14"
    )
    meeting = cli("--db", demo_path, "--json", "meeting", "--topics", "误录会议", "--date", "2020-10-14")
    assert incident.status == 0 and meeting.status == 0, incident.err + meeting.err
    assert _views(cli, demo_path) != views
    for kind, entry in (
        ("log", log),
        ("incident", json.loads(incident.out)["id"]),
        ("meeting", json.loads(meeting.out)["id"]),
        ("check", tick),
        ("metric", value),
    ):
        r = cli("--db", demo_path, "withdraw", kind, entry, "--reason", "录错")
        assert r.status == 0, (kind, r.err)
    assert _views(cli, demo_path) == views
    r = cli("--db", demo_path, "withdraw", "report", "1", "--reason", "x")
    assert r.status == 1 and "progress、log、check、metric、incident、meeting" in r.err


def test_a_corrected_duty_log_moves_to_its_right_day(cli, demo_path, demo_ws):
    wrong = _last_id(cli, demo_path, "log", "A1.3-patrol", "--unit", "civil_affairs", "--date", "2020-10-14")
    r = cli("--db", demo_path, "log", "A1.3-patrol", "--date", "2020-10-13", "--corrects", wrong, "--reason", "日期错")
    assert r.status == 0, r.err
    record = demo_ws.record()
    days = record.duty_dates[("A1.3-patrol", "civil_affairs")]
    assert dt.date(2020, 10, 13) in days and dt.date(2020, 10, 14) not in days


@sync
async def test_the_dashboard_asks_before_lowering(make, demo_db):
    app = make()
    async with driving(app) as pilot:
        app.push_screen(TaskScreen("A1.2"))
        await pilot.pause()
        screen = app.screen
        screen.query_one("#form-percent", Input).value = "1"  # civil affairs' A1.2 stands at 60 %
        await pilot.pause()
        with demo_db.reading() as snap:
            count = len(snap.all("progress"))
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        assert "60%" in app.screen.title_text and "1%" in app.screen.title_text
        await pilot.press("escape")
        await settle(pilot)
        with demo_db.reading() as snap:
            assert len(snap.all("progress")) == count  # cancelled: nothing written
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
    with demo_db.reading() as snap:
        latest = max(snap.all("progress"), key=lambda d: d["id"])
        audit = max(snap.all("audit"), key=lambda d: d["id"])
    assert latest["percent"] == 1 and audit["after"]["lowered"] is True


def test_an_imported_row_that_lowers_a_part_is_a_conflict_to_accept(cli, demo_path, tmp_path):
    from tests.helpers import fill, row_of

    template = tmp_path / "ca.xlsx"
    assert cli("--db", demo_path, "template", "civil_affairs", "--out", template).status == 0
    row = row_of(template, "A1.2")  # issued at 60 %, still 60 % on record
    lower = fill(template, tmp_path / "lower.xlsx", {f"任务进度!G{row}": 10, f"任务进度!J{row}": dt.date(2020, 10, 14)})
    digest = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", lower)
    assert r.status == 1 and "从 60% 调低为 10%" in r.err and folder_digest(demo_path) == digest
    assert cli("--db", demo_path, "import", lower, "--accept-conflicts").status == 0
    entry = next(e for e in json.loads(cli("--db", demo_path, "--json", "audit").out) if e["what"] == "progress")
    assert entry["target"] == "A1.2" and entry["after"]["lowered"] is True
