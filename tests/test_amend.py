"""Amending the plan keeps the record: plan diff, plan apply, plan history, and views before an amendment."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from duban.calendars.tokens import rotate
from duban.core.i18n import set_language
from duban.core.store import LOG_TABLES
from duban.core.workspace import Workspace
from tests.helpers import ROOT, Served, events, folder_digest, parse_strict

BUILTIN = (ROOT / "core" / "data" / "linwu-2020.toml").read_text(encoding="utf-8")
CA_STEP = '{ due = 2020-08-31, label = "民政局制定安置方案报县政府（9月前）"'
STATION_STEP = '{ due = 2020-07-31, label = "救助管理站报送安置申请（8月前）"'
TWO_TOWNSHIPS = """
[[units]]
code = "township_4"
name = "汾市镇"
name_en = "Fenshi"
short = "汾市镇"

[[units]]
code = "township_5"
name = "武水镇"
name_en = "Wushui"
short = "武水镇"
"""


def plan_file(tmp_path: Path, *edits: tuple[str, str], extra: str = "", name: str = "amended.toml") -> Path:
    """The built-in plan with `edits` (old, new) made and `extra` tables appended."""
    text = BUILTIN
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text + extra, encoding="utf-8")
    return path


@pytest.fixture
def moved(tmp_path) -> Path:
    """The Done-when file: A4.1's plan deadline moved to 2020-09-30, two townships added."""
    return plan_file(tmp_path, (CA_STEP, CA_STEP.replace("2020-08-31", "2020-09-30")), extra=TWO_TOWNSHIPS)


def recorded(db) -> dict:
    """Everything recorded apart from the plan: every log but the audit, the tokens, the feeds' UIDs."""
    with db.reading() as snap:
        logs = {name: snap.all(name) for name in LOG_TABLES if name != "audit"}
        return {
            **logs,
            "calendar_tokens": snap.all("calendar_tokens"),
            "uids": {d["uid"] for d in snap.all("calendar_events")},
        }


def a41_plan_step(feed: bytes):
    """The civil-affairs feed's event for A4.1 step 2 (the settlement plan), not the committee's decision on it."""
    found = [
        e for e in events(parse_strict(feed)).values() if "A4.1" in str(e["SUMMARY"]) and "-flag-" not in str(e["UID"])
    ]
    assert len(found) == 1, [str(e["SUMMARY"]) for e in found]
    return found[0]


def test_done_when_a_moved_deadline_and_two_townships_keep_every_record_token_and_uid(cli, demo_path, demo_db, moved):

    token = rotate(demo_db, "civil_affairs", "秘书组")
    served = Served(Workspace(demo_db, load_entrypoints=False), log=io.StringIO())
    try:
        status, _, body = served.request(f"/feeds/{token}.ics")
        assert status == 200
        before_event = a41_plan_step(body)
        assert before_event["DTSTART"].dt.isoformat() == "2020-08-31"

        # plan diff lists exactly those three changes, in words and as data, and writes nothing
        digest = folder_digest(demo_path)
        shown = cli("--db", demo_path, "plan", "diff", moved)
        assert shown.status == 0, shown.err
        lines = shown.out.strip().splitlines()
        assert len(lines) == 4, shown.out
        assert "A4.1 第2步" in lines[1] and "2020-08-31 → 2020-09-30" in lines[1]
        assert "进度报告 2 份" in lines[1] and "日历事件" in lines[1]
        assert "新增乡镇：township_4 汾市镇" in lines[2] and "新增乡镇：township_5 武水镇" in lines[3]
        data = json.loads(cli("--db", demo_path, "plan", "diff", moved, "--json").out)
        assert [(c["kind"], c["target"], c["old"], c["new"]) for c in data["changes"]] == [
            ("deadline_moved", "A4.1#2", "2020-08-31", "2020-09-30"),
            ("township_added", "township_4", None, None),
            ("township_added", "township_5", None, None),
        ]
        assert data["changes"][0]["touches"]["progress"] == 2
        english = cli("--db", demo_path, "--lang", "en", "plan", "diff", moved).out
        assert "deadline moved: A4.1 step 2" in english and "2 progress reports" in english
        set_language("zh")
        assert folder_digest(demo_path) == digest

        kept = recorded(demo_db)
        applied = cli("--db", demo_path, "plan", "apply", moved, "--reason", "市政府要求延后一个月", "--by", "秘书组")
        assert applied.status == 0, applied.err
        assert "第 1 次修订" in applied.out and "2020-10-15" in applied.out
        assert recorded(demo_db) == kept  # every report, duty log, tick, value, incident, token, feed UID
        backups = [b for b in demo_db.backups() if b.reason == "amend"]
        assert len(backups) == 1

        status, _, body = served.request(f"/feeds/{token}.ics")  # the liaison's old URL still answers
        assert status == 200
        after_event = a41_plan_step(body)
        assert str(after_event["UID"]) == str(before_event["UID"])
        assert int(after_event["SEQUENCE"]) > int(before_event["SEQUENCE"])
        assert after_event["DTSTART"].dt.isoformat() == "2020-09-30"
    finally:
        served.server.shutdown()
        served.server.server_close()

    # the new plan is in force: the townships are there, and the amendment is on the record
    assert "汾市镇" in cli("--db", demo_path, "units").out
    history = cli("--db", demo_path, "plan", "history")
    assert "秘书组" in history.out and "市政府要求延后一个月" in history.out and "截止日期调整 1" in history.out
    audit = cli("--db", demo_path, "audit", "--json").out
    assert "plan_amend" in audit
    # applied again, the same file changes nothing
    again = cli("--db", demo_path, "plan", "diff", moved)
    assert again.status == 0 and len(again.out.strip().splitlines()) == 1


def test_as_of_before_the_amendment_shows_the_plan_as_it_stood(cli, demo_path, moved, tmp_path, monkeypatch):
    monkeypatch.setenv("DUBAN_USER", "县民政局-张三")
    assert cli("--db", demo_path, "plan", "apply", moved, "--reason", "调整").status == 0
    assert "县民政局-张三" in cli("--db", demo_path, "plan", "history").out
    now = cli("--db", demo_path, "show", "A4.1", "--json")
    then = cli("--db", demo_path, "show", "A4.1", "--as-of", "2020-10-01", "--json")
    due_now = [d["due"] for d in json.loads(now.out)["deadlines"]]
    due_then = [d["due"] for d in json.loads(then.out)["deadlines"]]
    assert due_now[:2] == ["2020-07-31", "2020-09-30"]
    assert due_then[:2] == ["2020-07-31", "2020-08-31"]
    assert "汾市镇" not in cli("--db", demo_path, "units", "--as-of", "2020-10-01").out
    # on 2020-10-01 the old plan had civil affairs 31 days late; the amended one, one day
    assert "逾期 31天" in cli("--db", demo_path, "show", "A4.1", "--as-of", "2020-10-01").out
    later = cli("--db", demo_path, "show", "A4.1", "--as-of", "2020-10-16").out
    assert "2020-09-30" in later and "逾期 16天" in later
    # the feeds as they stood: the plan step due 2020-08-31, no feed for the townships added later
    for day, due, feeds in (("2020-10-01", "2020-08-31", 17), ("2020-10-15", "2020-09-30", 19)):
        out = tmp_path / day
        assert cli("--db", demo_path, "calendars", "export", "--out", out, "--as-of", day).status == 0
        assert a41_plan_step((out / "civil_affairs.ics").read_bytes())["DTSTART"].dt.isoformat() == due
        assert len(list(out.glob("*.ics"))) == feeds


@pytest.mark.parametrize(
    "edit, words",
    [
        (
            ('units = ["public_security", "civil_affairs"]', 'units = ["public_security", "civil_afairs"]'),
            "civil_afairs",
        ),
        (("period_end = 2021-06-30", "period_end = 2019-06-30"), "period_end"),
        (('id = "linwu-2020-rescue"', 'id = "other-plan"'), "other-plan"),
    ],
)
def test_a_bad_plan_file_is_one_line_and_writes_nothing(cli, demo_path, tmp_path, edit, words):
    bad = plan_file(tmp_path, edit)
    digest = folder_digest(demo_path)
    for args in (["plan", "diff", bad], ["plan", "apply", bad, "--reason", "调整"]):
        result = cli("--db", demo_path, *args)
        assert result.status != 0
        assert result.err.count("\n") == 1 and result.err.startswith("duban: ") and "Traceback" not in result.err
        assert words in result.err
    assert folder_digest(demo_path) == digest


def test_apply_needs_a_reason_and_a_change(cli, demo_path, moved, tmp_path):
    digest = folder_digest(demo_path)
    missing = cli("--db", demo_path, "plan", "apply", moved)
    assert missing.status == 2 and "--reason" in missing.err and missing.err.count("\n") == 1
    blank = cli("--db", demo_path, "plan", "apply", moved, "--reason", "  ")
    assert blank.status == 1 and "--reason" in blank.err
    same = cli("--db", demo_path, "plan", "apply", plan_file(tmp_path, name="same.toml"), "--reason", "无")
    assert same.status == 1 and "未作修订" in same.err
    assert folder_digest(demo_path) == digest
    assert "尚未修订" in cli("--db", demo_path, "plan", "history").out


def without_task(tmp_path: Path, task_id: str) -> Path:
    """The built-in plan with one task taken out."""
    start = BUILTIN.index(f'[[tasks]]\nid = "{task_id}"')
    end = BUILTIN.index("[[tasks]]", start + 1)
    path = tmp_path / f"without-{task_id}.toml"
    path.write_text(BUILTIN[:start] + BUILTIN[end:], encoding="utf-8")
    return path


def test_retiring_a_task_keeps_its_reports_and_stops_assessing_it_from_the_amendment(cli, demo_path, demo_db, tmp_path):
    without = without_task(tmp_path, "A4.2")
    reports = json.loads(cli("--db", demo_path, "show", "A4.2", "--json").out)["reports"]
    assert reports
    shown = cli("--db", demo_path, "plan", "diff", without).out
    assert "撤销任务：A4.2" in shown and f"进度报告 {len(reports)} 份" in shown
    kept = recorded(demo_db)
    assert cli("--db", demo_path, "plan", "apply", without, "--reason", "并入 A4.1").status == 0
    assert recorded(demo_db) == kept
    ids = [x["id"] for x in json.loads(cli("--db", demo_path, "tasks", "--json").out)["tasks"]]
    assert "A4.2" not in ids
    before = [
        x["id"] for x in json.loads(cli("--db", demo_path, "tasks", "--json", "--as-of", "2020-10-01").out)["tasks"]
    ]
    assert "A4.2" in before
    assert "撤销任务 1" in cli("--db", demo_path, "plan", "history").out
    # shown as retired, as it stood the day before, with its reports; and no one reports on it any more
    shown = cli("--db", demo_path, "show", "A4.2")
    assert "已由第 1 次方案修订于 2020-10-15 撤销（并入 A4.1）" in shown.out and "2020-10-14" in shown.out
    assert len(json.loads(cli("--db", demo_path, "show", "A4.2", "--json").out)["reports"]) == len(reports)
    refused = cli("--db", demo_path, "progress", "A4.2", "--unit", "civil_affairs", "--percent", "90")
    assert (
        refused.status == 1
        and "已由第 1 次方案修订于 2020-10-15 撤销" in refused.err
        and "--as-of 2020-10-14" in refused.err
    )


def test_retiring_a_task_departments_link_to_keeps_every_command_and_every_earlier_flag(cli, demo_path, tmp_path):
    """A1.1 (the inspections) is linked from civil affairs' metric and checklists; retiring it must not
    break the commands, and the units overdue on it before the amendment stay on the record."""

    def a11_flags():
        flags = json.loads(cli("--db", demo_path, "flags", "--json").out)["flags"]
        return {(f["unit"], f["level"]): f for f in flags if f["subject"].startswith("A1.1")}

    before = a11_flags()
    assert ("medical_security", "accountability") in before
    applied = cli("--db", demo_path, "plan", "apply", without_task(tmp_path, "A1.1"), "--reason", "排查已并入日常")
    assert applied.status == 0, applied.err
    for args in (["status"], ["unit", "civil_affairs"], ["checklist", "civil_affairs"], ["flags"], ["tasks"]):
        done = cli("--db", demo_path, *args)
        assert done.status == 0 and "A1.1" not in done.err, (args, done.err)
    after = a11_flags()
    # Judged on each earlier day against the plan then in force: overdue until the amendment, resolved by it.
    assert set(before) <= set(after)
    assert after["medical_security", "accountability"]["state"] == "resolved"
    assert after["medical_security", "accountability"]["last_seen"] < "2020-10-15"


def test_a_step_moved_past_another_keeps_its_number_and_its_completion(cli, demo_path, tmp_path):
    later = plan_file(tmp_path, (STATION_STEP, STATION_STEP.replace("2020-07-31", "2020-09-30")))
    shown = cli("--db", demo_path, "plan", "diff", later).out
    assert "A4.1 第1步" in shown and "2020-07-31 → 2020-09-30" in shown
    assert cli("--db", demo_path, "plan", "apply", later, "--reason", "调整").status == 0
    deadlines = json.loads(cli("--db", demo_path, "show", "A4.1", "--json").out)["deadlines"]
    # listed by date, each with the number the record knows it by; the station's completion of
    # 2020-08-05 still counts, and is now on time
    assert [(d["step"], d["due"]) for d in deadlines][:2] == [(2, "2020-08-31"), (1, "2020-09-30")]
    station = next(d for d in deadlines if d["step"] == 1)
    assert station["done_on"] == "2020-08-05" and station["state"] == "done_on_time"
    assert len(cli("--db", demo_path, "plan", "diff", later).out.strip().splitlines()) == 1


def test_retiring_a_step_keeps_the_others_numbers(cli, demo_path, tmp_path):
    police = '  { label = "公安机关启动户籍办理程序", label_en = "Police start the household-registration procedure", actors = ["public_security"] },\n'
    without = plan_file(tmp_path, (STATION_STEP, STATION_STEP), (police, ""))
    shown = cli("--db", demo_path, "plan", "diff", without).out
    assert "撤销截止节点：A4.1 第3步" in shown
    assert cli("--db", demo_path, "plan", "apply", without, "--reason", "公安步骤另行安排").status == 0
    data = json.loads(cli("--db", demo_path, "show", "A4.1", "--json").out)
    assert [d["step"] for d in data["deadlines"]] == [1, 2]
    assert "public_security" not in [p["unit"] for p in data["parts"]]
    # A retired step is nobody's: completing it is refused as retired, not pointed at its old actor.
    refused = cli("--db", demo_path, "progress", "A4.1", "--unit", "civil_affairs", "--step", "3", "--done")
    assert refused.status == 1 and "第 3 步已由方案修订自" in refused.err and "公安局" not in refused.err


def test_init_on_a_database_with_records_points_to_plan_apply(cli, demo_path):
    digest = folder_digest(demo_path)
    result = cli("--db", demo_path, "init")
    assert result.status == 1 and "duban plan apply" in result.err and "--force" in result.err
    assert folder_digest(demo_path) == digest
    from duban.cli.main import build_parser
    from duban.cli.parser import subcommands

    assert "plan apply" in subcommands(build_parser())["init"].format_help()


def test_retiring_a_township_keeps_its_logs_its_url_and_its_name(cli, demo_path, demo_db, tmp_path):
    start = BUILTIN.index('[[units]]\ncode = "township_1"')
    end = BUILTIN.index("[[units]]", start + 1)
    merged = tmp_path / "merged.toml"
    merged.write_text(BUILTIN[:start] + BUILTIN[end:], encoding="utf-8")
    token = rotate(demo_db, "township_1", "秘书组")
    shown = cli("--db", demo_path, "plan", "diff", merged).out
    assert "撤销乡镇：township_1 乡镇一" in shown and "职责记录 1 条" in shown and "日历订阅链接 1 个" in shown
    kept = recorded(demo_db)
    assert cli("--db", demo_path, "plan", "apply", merged, "--reason", "乡镇合并").status == 0
    assert recorded(demo_db) == kept
    assert "乡镇一" not in cli("--db", demo_path, "units").out
    assert "乡镇一" in cli("--db", demo_path, "units", "--as-of", "2020-10-14").out
    refused = cli("--db", demo_path, "log", "A5.2-revisit", "--unit", "township_1", "--date", "2020-10-15")
    assert refused.status == 1 and "township_1 已由第 1 次方案修订于 2020-10-15 撤销（乡镇合并）" in refused.err
    served = Served(Workspace(demo_db, load_entrypoints=False), log=io.StringIO())
    try:
        status, _, body = served.request(f"/feeds/{token}.ics")  # the township's liaison's URL still answers
    finally:
        served.server.shutdown()
        served.server.server_close()
    assert status == 200 and "乡镇一" in str(parse_strict(body)["X-WR-CALNAME"])


def test_settings_and_reporting_dates_are_changes_too(cli, demo_path, tmp_path):
    changed = plan_file(
        tmp_path,
        ("accountability_overdue_days = 30", "accountability_overdue_days = 20"),
        ("date = 2020-08-20", "date = 2020-08-25"),
    )
    shown = cli("--db", demo_path, "plan", "diff", changed).out
    assert "设置修改：settings.flags.accountability_overdue_days，30 → 20" in shown
    assert "报送节点调整：R1" in shown and "2020-08-20 → 2020-08-25" in shown
    english = cli("--db", demo_path, "--lang", "en", "plan", "diff", changed).out
    set_language("zh")
    assert (
        "reporting date moved: R1" in english
        and "setting changed: settings.flags.accountability_overdue_days, 30 → 20" in english
    )


def test_an_amendment_takes_effect_on_the_day_in_view_and_never_before_an_earlier_one(cli, demo_path, moved, tmp_path):
    assert cli("--db", demo_path, "plan", "apply", moved, "--reason", "第一次", "--as-of", "2020-10-05").status == 0

    def due(day: str) -> str:
        data = json.loads(cli("--db", demo_path, "show", "A4.1", "--json", "--as-of", day).out)
        return next(d["due"] for d in data["deadlines"] if d["step"] == 2)

    assert (due("2020-10-04"), due("2020-10-05")) == ("2020-08-31", "2020-09-30")
    later = plan_file(
        tmp_path,
        (CA_STEP, CA_STEP.replace("2020-08-31", "2020-10-31")),
        extra=TWO_TOWNSHIPS,
        name="later.toml",
    )
    second = cli("--db", demo_path, "plan", "apply", later, "--reason", "第二次", "--as-of", "2020-10-01", "--json")
    assert json.loads(second.out)["effective"] == "2020-10-05"
    # the plan between the two was never in force on any day; before both, the first plan
    assert (due("2020-10-04"), due("2020-10-05"), due("2020-10-15")) == ("2020-08-31", "2020-10-31", "2020-10-31")
    assert [d["n"] for d in json.loads(cli("--db", demo_path, "plan", "history", "--json").out)] == [1, 2]
