"""Extensions (延期): a unit asks to move its own deadline; an approved one moves only that part, everywhere."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl

from duban.core.store import Database
from duban.tui.screens.task import TaskScreen
from tests.helpers import driving, events, folder_digest, parse_strict, rows, sync, unchanged

NOTE = "延期至 2020-10-31（原 2020-08-31）"
A41_CIVIL = "task-A4.1-1-civil-affairs"


def _ask(cli, db, *extra):
    r = cli("--db", db, "extend", "A4.1", "--step", "2", "--to", "2020-10-31", "--reason", "待县政府常务会", *extra)
    assert r.status == 0, r.err
    return r


def _views(cli, db) -> dict[str, str]:
    """What the readers see, as JSON: status, tasks, the task, the unit, flags (the feed: `_feed`)."""
    seen = {}
    for args in (["status"], ["tasks"], ["show", "A4.1"], ["unit", "civil_affairs"], ["flags"]):
        r = cli("--db", db, "--json", *args)
        assert r.status == 0, r.err
        seen[" ".join(args)] = r.out
    return seen


def _feed(cli, db, out) -> dict:
    r = cli("--db", db, "calendars", "export", "--unit", "civil_affairs", "--out", out)
    assert r.status == 0, r.err
    found = events(parse_strict((out / "civil_affairs.ics").read_bytes()))
    return next(e for uid, e in found.items() if A41_CIVIL in uid)


def test_a_pending_request_changes_nothing_and_an_approved_one_makes_the_late_part_on_time(cli, demo_path, tmp_path):
    before = cli("--db", demo_path, "show", "A4.1").out
    assert "逾期 45天" in before
    first = _feed(cli, demo_path, tmp_path / "a")
    r = _ask(cli, demo_path, "--unit", "civil_affairs", "--by", "民政局王五")
    assert "待秘书处审批" in r.out
    assert "逾期 45天" in cli("--db", demo_path, "show", "A4.1").out  # pending: nothing moves yet
    listed = json.loads(cli("--db", demo_path, "--json", "extensions", "--pending").out)
    assert [(e["id"], e["task"], e["step"], e["unit"], e["state"]) for e in listed] == [
        (1, "A4.1", 2, "civil_affairs", "pending")
    ]
    r = cli("--db", demo_path, "extend", "--approve", "1", "--reason", "同意", "--by", "秘书组李四")
    assert r.status == 0, r.err

    shown = cli("--db", demo_path, "show", "A4.1").out
    assert "逾期 " not in shown.split("各单位分工进展")[1].split("进度报告")[0]  # the station: 逾期完成, as before
    part_rows = [line for line in shown.splitlines() if line.startswith("民政局")]
    assert part_rows and NOTE in part_rows[0] and "进行中" in part_rows[0]
    assert "A4.1" not in cli("--db", demo_path, "tasks", "--overdue").out
    assert NOTE in cli("--db", demo_path, "unit", "civil_affairs").out
    assert NOTE in cli("--db", demo_path, "tasks", "--unit", "civil_affairs").out
    # Only civil affairs' own part moved: the station's step and the plan's date are as they were.
    task = json.loads(cli("--db", demo_path, "--json", "show", "A4.1").out)
    civil = next(p for p in task["parts"] if p["unit"] == "civil_affairs")["deadlines"][0]
    assert (civil["due"], civil["extended_from"], civil["state"]) == ("2020-10-31", "2020-08-31", "in_progress")
    station = next(p for p in task["parts"] if p["unit"] == "rescue_station")["deadlines"][0]
    assert (station["due"], station["extended_from"], station["state"]) == ("2020-07-31", None, "done_late")

    # The feed: the same event, a higher SEQUENCE, the new date, and the words.
    after = _feed(cli, demo_path, tmp_path / "b")
    assert after["UID"] == first["UID"]
    assert int(after["SEQUENCE"]) > int(first["SEQUENCE"])
    assert after["DTSTART"].dt == dt.date(2020, 10, 31)
    assert NOTE in str(after["DESCRIPTION"]) and "逾期" not in str(after["SUMMARY"])

    # The audit names the people who asked and who approved.
    entries = json.loads(cli("--db", demo_path, "--json", "audit", "--limit", "5").out)
    whats = {e["what"]: e["who"] for e in entries}
    assert whats["extension_request"] == "民政局王五" and whats["extension_approve"] == "秘书组李四"


def _q3_a41(cli, demo_path, out):
    """Civil affairs' A4.1 row of the Q3 report, and the report's overdue list as (task, unit)."""
    r = cli("--db", demo_path, "report", "--period", "2020-Q3", "--out", out)
    assert r.status == 0, r.err
    wb = openpyxl.load_workbook(out)
    a41 = [r for r in wb["任务进度"].iter_rows(min_row=2, values_only=True) if "加强落户安置" in r[1]]
    late = [(r[1], r[3]) for r in wb["逾期清单"].iter_rows(min_row=2, values_only=True)]
    return next(r for r in a41 if r[3] == "民政局"), late


def test_the_quarterly_report_uses_the_date_extended_within_the_quarter(cli, demo_path, tmp_path):
    _ask(cli, demo_path, "--unit", "civil_affairs", "--as-of", "2020-09-20")
    cli("--db", demo_path, "extend", "--approve", "1", "--reason", "同意", "--as-of", "2020-09-21")
    civil, late = _q3_a41(cli, demo_path, tmp_path / "q3.xlsx")
    assert civil[5].date() == dt.date(2020, 10, 31) and NOTE in civil[6] and not civil[8]
    assert late and not [x for x in late if "加强落户安置" in x[0]] and any(u == "政法委" for _t, u in late)


def test_an_extension_approved_later_leaves_the_earlier_days_as_they_stood(cli, demo_path, tmp_path):
    """Approved on the demo day (10-15): the Q3 report and a view of September still show civil affairs
    late on the plan's 08-31, while today's view shows the new date. No unit is let off after the fact."""
    _ask(cli, demo_path, "--unit", "civil_affairs")
    assert cli("--db", demo_path, "extend", "--approve", "1", "--reason", "同意").status == 0
    civil, late = _q3_a41(cli, demo_path, tmp_path / "q3.xlsx")
    assert civil[5].date() == dt.date(2020, 8, 31) and ("加强落户安置", "民政局") in late

    def civil_part(*as_of):
        data = json.loads(cli("--db", demo_path, "--json", "show", "A4.1", *as_of).out)
        return next(p for p in data["parts"] if p["unit"] == "civil_affairs")

    assert civil_part("--as-of", "2020-09-30")["state"] == "overdue"
    assert civil_part()["state"] != "overdue"
    before = json.loads(cli("--db", demo_path, "--json", "extensions", "--as-of", "2020-10-14").out)
    assert before == []
    listed = json.loads(cli("--db", demo_path, "--json", "extensions").out)
    assert [e["state"] for e in listed] == ["approved"]
    refused = cli("--db", demo_path, "extend", "--refuse", "1", "--reason", "x", "--as-of", "2020-10-01")
    assert refused.status == 1  # already ruled; and a ruling is never dated before its request:
    _ask(cli, demo_path, "--unit", "civil_affairs", "--step", "2", "--to", "2020-11-30")
    (pending,) = json.loads(cli("--db", demo_path, "--json", "extensions", "--pending").out)
    early = cli(
        "--db", demo_path, "extend", "--approve", str(pending["id"]), "--reason", "同意", "--as-of", "2020-10-01"
    )
    assert early.status == 1 and "2020-10-01" in early.err and "Traceback" not in early.err


@sync
async def test_the_dashboard_task_screen_shows_the_extension(make, demo_ws):
    from duban.core.extensions import request_extension, rule_extension

    request_extension(demo_ws, "A4.1", dt.date(2020, 10, 31), "待县政府常务会", "civil_affairs", 2, "民政局")
    rule_extension(demo_ws, 1, True, "同意", "秘书组")
    app = make()
    async with driving(app) as pilot:
        app.push_screen(TaskScreen("A4.1"))
        await pilot.pause()
        table = app.screen.query_one("#task-deadlines")
        step2 = rows(table)[1]
        assert step2[2] == NOTE and "逾期" not in step2[3]


def test_a_refused_request_changes_nothing_but_the_record(cli, demo_path, tmp_path):
    _ask(cli, demo_path, "--unit", "civil_affairs")
    views = _views(cli, demo_path)
    feed = _feed(cli, demo_path, tmp_path / "a")
    r = cli("--db", demo_path, "extend", "--refuse", "1", "--reason", "理由不充分")
    assert r.status == 0 and "不予批准" in r.out
    assert _views(cli, demo_path) == views
    again = _feed(cli, demo_path, tmp_path / "b")
    assert again.to_ical() == feed.to_ical()
    listed = json.loads(cli("--db", demo_path, "--json", "extensions").out)
    assert [(e["state"], e["ruling_reason"]) for e in listed] == [("refused", "理由不充分")]
    # A ruled request cannot be ruled again.
    r = cli("--db", demo_path, "extend", "--approve", "1", "--reason", "改主意了")
    assert r.status == 1 and len(r.err.strip().splitlines()) == 1 and "已不予批准" in r.err


def test_a_unit_cannot_ask_for_another_units_deadline_and_nothing_is_written(cli, demo_path):
    digest = folder_digest(demo_path)
    for args, words in (
        (["A4.1", "--unit", "finance"], "没有自己的部分"),
        (["A4.1", "--step", "1", "--unit", "civil_affairs"], "第 1 步没有自己的截止节点"),  # the station's step
        (["A4.1", "--step", "3", "--unit", "public_security"], "没有截止日期"),
    ):
        r = cli("--db", demo_path, "extend", *args, "--to", "2020-12-31", "--reason", "x")
        assert r.status == 1 and words in r.err and len(r.err.strip().splitlines()) == 1, r.err
    r = cli("--db", demo_path, "extend", "A4.1", "--unit", "civil_affairs", "--to", "2020-08-01", "--reason", "x")
    assert r.status == 1 and "不晚于" in r.err
    r = cli("--db", demo_path, "extend", "A4.1", "--unit", "civil_affairs", "--to", "2020-12-31")
    assert r.status == 2
    r = cli("--db", demo_path, "extend", "--approve", "9", "--reason", "x")
    assert r.status == 1 and "没有编号为 9" in r.err
    assert folder_digest(demo_path) == digest


def test_a_joint_deadline_extended_for_one_unit_stays_late_for_the_others(demo_ws):
    from duban.core.extensions import request_extension, rule_extension
    from duban.core.status import OVERDUE, status_of

    # A1.1's first round (due 2020-06-30) is owed by every listed unit; two never reported.
    request_extension(demo_ws, "A1.1", dt.date(2020, 10, 31), "人员不足", "political_legal", 1)
    rule_extension(demo_ws, 1, True, "同意")
    record = demo_ws.record()
    s = status_of(record, record.plan.task("A1.1"), dt.date(2020, 10, 15))
    assert s.part("political_legal").deadlines[0].state != OVERDUE
    assert s.part("medical_security").deadlines[0].state == OVERDUE
    assert s.deadlines[0].state == OVERDUE and s.deadlines[0].deadline.due == dt.date(2020, 6, 30)


def test_an_extension_is_in_the_database_log_not_the_plan(demo_path, demo_ws):
    from duban.core.extensions import request_extension, rule_extension

    request_extension(demo_ws, "A4.1", dt.date(2020, 10, 31), "x", "civil_affairs", 2)
    rule_extension(demo_ws, 1, True, "同意")
    with Database(demo_path).reading() as snap:
        task = next(d for d in snap.all("tasks") if d["id"] == "A4.1")
        assert task["deadlines"][1]["due"] == "2020-08-31"  # the original stays on the record
        assert [d["kind"] for d in snap.all("extensions")] == ["request", "approve"]


def test_the_units_digest_says_the_deadline_was_extended(cli, demo_path):
    _ask(cli, demo_path, "--unit", "civil_affairs")
    cli("--db", demo_path, "extend", "--approve", "1", "--reason", "同意")
    r = cli("--db", demo_path, "digest", "--unit", "civil_affairs", "--as-of", "2020-10-27")
    assert r.status == 0 and f"本周到期：A4.1 加强落户安置（{NOTE}）" in r.out, r.out + r.err


def test_no_extension_for_a_step_already_done_and_one_pending_request_at_a_time(cli, demo_path):
    """Moving a date after the step was done would turn a late completion into an on-time one; and two
    pending requests for one deadline could be approved in either order, the earlier date winning."""
    with unchanged(demo_path):
        done = cli(
            "--db",
            demo_path,
            "extend",
            "A1.1",
            "--step",
            "1",
            "--to",
            "2020-11-30",
            "--reason",
            "补",
            "--unit",
            "civil_affairs",
        )
        assert done.status == 1 and "已于" in done.err and "第 1 步" in done.err
    _ask(cli, demo_path, "--unit", "civil_affairs")
    with unchanged(demo_path):
        again = cli(
            "--db",
            demo_path,
            "extend",
            "A4.1",
            "--step",
            "2",
            "--to",
            "2020-12-31",
            "--reason",
            "再议",
            "--unit",
            "civil_affairs",
        )
        assert again.status == 1 and "待审批" in again.err and again.err.count("\n") == 1


def test_an_approved_extension_moves_the_date_the_units_checklist_item_is_judged_by(cli, demo_path):
    """Civil affairs' settlement-plan item is late by its own A4.1 step (08-31); once that step is
    extended to 10-31, the item is not late on 10-15 either (its date is the unit's, as extended)."""

    def late_items():
        flags = json.loads(cli("--db", demo_path, "--json", "flags").out)["flags"]
        return {
            f["subject"]
            for f in flags
            if f["unit"] == "civil_affairs" and f["rule"] == "checklist_late" and f["state"] == "open"
        }

    assert "settlement-plan" in late_items()
    _ask(cli, demo_path, "--unit", "civil_affairs")
    assert cli("--db", demo_path, "extend", "--approve", "1", "--reason", "同意").status == 0
    assert "settlement-plan" not in late_items()


def test_a_report_dated_before_the_approval_is_audited_with_the_state_of_its_day(cli, demo_path):
    """The audit trail's before/after of a report dated 09-20 says what `status --as-of 2020-09-20`
    says (overdue on the plan's 08-31), not what the extension approved on 10-15 later made of it."""
    _ask(cli, demo_path, "--unit", "civil_affairs")
    assert cli("--db", demo_path, "extend", "--approve", "1", "--reason", "同意").status == 0
    r = cli(
        "--db",
        demo_path,
        "progress",
        "A4.1",
        "--unit",
        "civil_affairs",
        "--percent",
        "45",
        "--date",
        "2020-09-20",
        "--note",
        "补记",
    )
    assert r.status == 0, r.err
    with Database(demo_path).reading() as snap:
        entry = max((a for a in snap.all("audit") if a["what"] == "progress"), key=lambda a: a["id"])
    shown = json.loads(cli("--db", demo_path, "--json", "tasks", "--as-of", "2020-09-20").out)["tasks"]
    assert entry["before"]["state"] == next(x["state"] for x in shown if x["id"] == "A4.1") == "overdue"
