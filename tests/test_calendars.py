"""Calendar feeds of the demo database: RFC 5545 form, recurrence, stability, hostile text."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from tinydb import Query

from duban.calendars.export import export_feeds
from duban.calendars.feeds import rrule
from duban.core.model import RecurringDuty
from duban.core.progress import record_progress
from duban.core.status import periods
from tests.helpers import event_blocks, events, folder_digest, parse_strict, run_duban

D = dt.date.fromisoformat
VEVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "LAST-MODIFIED",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "DESCRIPTION",
    "CATEGORIES",
    "STATUS",
    "TRANSP",
    "RRULE",
}


def export(ws, out: Path, **kw) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path, _feed in export_feeds(ws, out, **kw)}


def test_every_demo_feed_parses_strictly_with_stamps_uids_and_all_day_dates(demo_ws, tmp_path):
    files = export(demo_ws, tmp_path / "out")
    assert "all.ics" in files and "civil_affairs.ics" in files and len(files) == 17
    for name, data in files.items():
        cal = parse_strict(data)
        assert str(cal["X-WR-TIMEZONE"]) == "Asia/Shanghai"
        assert cal.get("X-WR-CALNAME") and cal.get("REFRESH-INTERVAL") and cal.get("X-PUBLISHED-TTL")
        found = events(cal)
        assert found, name
        for uid, event in found.items():
            assert event.get("DTSTAMP") and event.get("UID"), (name, uid)
            assert set(event) <= VEVENT_PROPERTIES, set(event) - VEVENT_PROPERTIES
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            # All-day: DATE values (no time to shift between zones), DTEND the day after the last day.
            assert type(start) is dt.date and type(end) is dt.date and end > start
            assert event["DTSTART"].params.get("VALUE") == "DATE"
            for alarm in event.walk("VALARM"):
                assert alarm.get("UID") and alarm.get("TRIGGER") and str(alarm["ACTION"]) == "DISPLAY"
        # No DATE-TIME but the UTC stamps, so no VTIMEZONE is needed.
        assert not cal.walk("VTIMEZONE")


def test_deadline_events_read_like_the_committee_sees_them(demo_ws, tmp_path):
    cal = parse_strict(export(demo_ws, tmp_path, unit="civil_affairs")["civil_affairs.ics"])
    by_summary = {str(e["SUMMARY"]): e for e in events(cal).values()}
    # Civil affairs' feed carries its own step of A4.1, not the station's or the police's.
    overdue = by_summary["【逾期45天】A4.1 加强落户安置 民政局制定安置方案报县政府（9月前）"]
    assert not [s for s in by_summary if "救助管理站报送" in s or "户籍" in s]
    assert "本系统解读" in str(overdue["DESCRIPTION"])
    assert (overdue.decoded("DTSTART"), overdue.decoded("DTEND")) == (D("2020-08-31"), D("2020-09-01"))
    window = by_summary["【已完成】A1.1 开展隐患排查 第一次排查（6月下旬）"]
    assert (window.decoded("DTSTART"), window.decoded("DTEND")) == (D("2020-06-21"), D("2020-07-01"))
    assert not window.walk("VALARM"), "a done deadline rings no reminder"
    text = str(window["DESCRIPTION"])
    assert "临民字[2020] 58号" in text and "责任单位（各负其责）：民政局" in text and "消防大队" in text
    assert "牵头" not in text  # the seed names no lead: none is invented
    assert "第一次排查完成，列出问题清单12项" in text and "50%" in text
    assert [str(c) for c in window["CATEGORIES"].cats] == ["A1 全面开展照料服务达标行动"]
    open_round = by_summary["【进行中50%】A1.1 开展隐患排查 第二次排查（12月下旬）"]
    # One reminder, before the window opens (Outlook keeps one and drops those after the start):
    # 09:00 on Friday 2020-12-18, the last working day before Monday 2020-12-21.
    (alarm,) = open_round.walk("VALARM")
    assert alarm.decoded("TRIGGER") == dt.timedelta(days=-3, hours=9)
    assert "2020-12-21 起办理，2020-12-31 截止" in str(alarm["DESCRIPTION"])
    assert not overdue.walk("VALARM"), "an overdue deadline's reminders have passed"
    assert any(s.startswith("【报送节点】R2") for s in by_summary)


def test_reminder_days_come_from_the_plan_settings(demo_db, demo_ws, tmp_path):
    with demo_db.transaction("test") as tx:
        head = tx.table("plan").all()[0]
        tx.table("plan").update({"settings": {**head["settings"], "reminder_days": [3]}})
        tx.audit("settings", "reminder_days", [7, 1], [3])
    cal = parse_strict(export(demo_ws, tmp_path, unit="civil_affairs")["civil_affairs.ics"])
    event = next(e for e in events(cal).values() if str(e["SUMMARY"]).startswith("【进行中60%】A1.2"))
    # 3 days before Wednesday 2021-06-30 is a Sunday: it rings on Friday 2021-06-25.
    assert [a.decoded("TRIGGER") for a in event.walk("VALARM")] == [dt.timedelta(days=-5, hours=9)]


@pytest.mark.parametrize(
    "key, value",
    [
        ("reminder_days", ["7"]),
        ("reminder_days", 7),
        ("reminder_days", [-1]),
        ("calendar_refresh_minutes", "60"),
        ("calendar_refresh_minutes", 1),
    ],
)
def test_a_bad_calendar_setting_is_one_clear_error(cli, demo_path, key, value):
    from duban.core.store import Database

    db = Database(demo_path)
    with db.transaction("test") as tx:
        head = tx.table("plan").all()[0]
        tx.table("plan").update({"settings": {**head["settings"], key: value}})
        tx.audit("settings", key, None, value)
    r = cli("--db", demo_path, "calendars", "export", "--out", demo_path.parent / "out")
    assert r.status == 1 and key in r.err and len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err


def expand(event) -> list[dt.date]:
    start = event.decoded("DTSTART")
    rule = event["RRULE"].to_ical().decode()
    return [d.date() for d in rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))]


def test_rrules_expand_to_the_periods_the_status_engine_counts(demo_ws, tmp_path):
    cal = parse_strict(export(demo_ws, tmp_path, unit="all")["all.ics"])
    recurring = {str(e["SUMMARY"]).rsplit("（", 1)[0]: e for e in events(cal).values() if e.get("RRULE")}
    plan = demo_ws.record().plan
    assert len(recurring) == len(plan.duties) == 3
    for duty in plan.duties:
        event = recurring[f"{duty.task} {duty.title}"]
        assert expand(event) == [first for first, _last in periods(duty, duty.end)], duty.id
    patrol = recurring["A1.3 生活照料区每日巡查"]
    assert "FREQ=DAILY" in patrol["RRULE"].to_ical().decode()
    days = expand(patrol)
    assert (len(days), days[0], days[-1]) == (426, D("2020-05-01"), D("2021-06-30"))
    assert len(expand(recurring["A1.3 站外托养机构每周巡查"])) == 61
    revisit = recurring["A5.2 重点人员每两月回访"]
    assert "INTERVAL=2" in revisit["RRULE"].to_ical().decode() and len(expand(revisit)) == 6


@pytest.mark.parametrize("start", ["2020-01-28", "2020-01-29", "2020-01-30", "2020-01-31", "2020-03-31"])
@pytest.mark.parametrize("interval", [1, 2])
def test_monthly_rrule_agrees_with_periods_at_month_ends(start, interval):
    duty = RecurringDuty("x", "A1", "t", "t", "monthly", D(start), D("2021-12-31"), "civil_affairs", interval)
    days = [d.date() for d in rrulestr(rrule(duty), dtstart=dt.datetime.combine(duty.start, dt.time()))]
    assert days == [first for first, _last in periods(duty, duty.end)]


def test_two_exports_are_byte_identical(demo_ws, tmp_path):
    first = export(demo_ws, tmp_path / "a")
    second = export(demo_ws, tmp_path / "b")
    assert first == second


def test_changing_one_deadline_changes_only_that_event_with_a_higher_sequence(demo_db, demo_ws, tmp_path):
    before = export(demo_ws, tmp_path / "a")["all.ics"]
    with demo_db.transaction("test") as tx:
        task = tx.table("tasks").get(Query().id == "A4.2")
        moved = [dict(task["deadlines"][0], due="2021-03-31")]
        tx.table("tasks").update({"deadlines": moved}, Query().id == "A4.2")
        tx.audit("plan_edit", "A4.2", task["deadlines"], moved)
    after = export(demo_ws, tmp_path / "b")["all.ics"]
    old, new = event_blocks(before), event_blocks(after)
    assert old.keys() == new.keys()
    changed = [uid for uid in old if old[uid] != new[uid]]
    assert len(changed) == 1
    old_event = events(parse_strict(before))[changed[0]]
    new_event = events(parse_strict(after))[changed[0]]
    assert "A4.2" in str(new_event["SUMMARY"])
    assert new_event.decoded("DTEND") == D("2021-04-01")
    assert new_event["SEQUENCE"] > old_event["SEQUENCE"]
    assert new_event.decoded("DTSTAMP") >= old_event.decoded("DTSTAMP")
    # And the new version is stable again.
    assert export(demo_ws, tmp_path / "c")["all.ics"] == after


def test_a_progress_report_raises_the_sequence_of_that_tasks_events_only(demo_db, demo_ws, tmp_path):
    before = export(demo_ws, tmp_path / "a")["public_security.ics"]
    record_progress(demo_ws, "A2.1", 70, D("2020-10-15"), note="人像比对又甄别3人")
    after = export(demo_ws, tmp_path / "b")["public_security.ics"]
    old, new = event_blocks(before), event_blocks(after)
    changed = [uid for uid in old if old[uid] != new[uid]]
    assert len(changed) == 1
    event = events(parse_strict(after))[changed[0]]
    assert str(event["SUMMARY"]) == "【进行中70%】A2.1 运用科技手段寻亲"
    assert "人像比对又甄别3人" in str(event["DESCRIPTION"])
    assert event["SEQUENCE"] == events(parse_strict(before))[changed[0]]["SEQUENCE"] + 1


HOSTILE = (
    "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:injected\nDTSTART:20200101\r"
    "BEGIN:VALARM; a,b \\ c\\n \\; 😀\x00\x1b[31m\u2028" + "长文本" * 400
)


def test_hostile_report_text_cannot_add_a_property_or_component(demo_db, demo_ws, tmp_path):
    clean = parse_strict(export(demo_ws, tmp_path / "a")["all.ics"])
    clean_count, clean_alarms = len(events(clean)), len(clean.walk("VALARM"))
    record_progress(demo_ws, "A2.3", 30, D("2020-10-15"), note=HOSTILE, evidence=(HOSTILE,))
    data = export(demo_ws, tmp_path / "b")["all.ics"]
    cal = parse_strict(data)
    found = events(cal)
    assert len(found) == clean_count and "evil" not in found
    assert len(cal.walk("VALARM")) == clean_alarms  # measured before the hostile text was recorded
    for event in found.values():
        assert set(event) <= VEVENT_PROPERTIES
    event = next(e for e in found.values() if "A2.3" in str(e["SUMMARY"]))
    text = str(event["DESCRIPTION"])
    # The text survives, minus control characters; CR/LF become line breaks inside the value.
    assert "BEGIN:VALARM; a,b \\ c\\n \\; 😀[31m" in text and "长文本" * 400 in text
    assert "\x00" not in text and "\x1b" not in text and "\r" not in text


def _plan_with_townships(tmp_path: Path, town_code: str, town_name: str) -> Path:
    from importlib import resources

    text = resources.files("duban.core.data").joinpath("linwu-2020.toml").read_text(encoding="utf-8")
    text += f'''
[[units]]
code = "{town_code}"
name = "{town_name}"
kind = "township"

[[units]]
code = "jinjiang"
name = "金江镇"
short = "金江镇"
kind = "township"
'''
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_township_feeds_hold_their_own_revisits_and_hostile_names_stay_inert(cli, tmp_path):
    from duban.core.store import Database
    from duban.core.workspace import Workspace

    hostile_code = "../evil;x,y\\\\"
    hostile_name = "城关镇\\r\\nEND:VCALENDAR\\r\\nBEGIN:VEVENT;X=1,2 😀" + "很长的乡镇名称" * 30
    db_path = tmp_path / "db"
    r = cli("--db", db_path, "init", "--plan", _plan_with_townships(tmp_path, hostile_code, hostile_name))
    assert r.status == 0, r.err
    r = cli("--db", db_path, "log", "A5.2-revisit", "--unit", "jinjiang", "--date", "2020-08-15")
    assert r.status == 0, r.err
    out = tmp_path / "out"
    written = export_feeds(Workspace(Database(db_path), load_entrypoints=False), out)
    assert all(path.parent == out for path, _ in written), "a unit code cannot steer a file out of the folder"
    assert not (tmp_path / "evil;x,y").exists()
    files = {feed.code: path.read_bytes() for path, feed in written}
    town = events(parse_strict(files["jinjiang"]))
    revisits = [e for e in town.values() if e.get("RRULE")]
    assert len(revisits) == 1 and "金江镇" in str(revisits[0]["DESCRIPTION"])
    hostile = parse_strict(next(data for code, data in files.items() if code.startswith("../evil;x,y")))
    assert str(hostile["X-WR-CALNAME"]).startswith("城关镇")
    assert len(events(hostile)) == len(town)
    for event in events(parse_strict(files["all"])).values():
        assert set(event) <= VEVENT_PROPERTIES
    # The revisits are the townships': civil affairs' feed carries none; the overall feed one for all.
    assert not [
        e
        for e in events(parse_strict(files["civil_affairs"])).values()
        if "A5.2" in str(e["SUMMARY"]) and e.get("RRULE")
    ]
    overall = [e for e in events(parse_strict(files["all"])).values() if "A5.2" in str(e["SUMMARY"]) and e.get("RRULE")]
    assert len(overall) == 1 and str(overall[0]["UID"]) not in town


FLAG_HEADS = ("【督导】", "【问责】", "【表彰】", "【建议")
RAW_CODES = ("规则：", "状态：", "[metric", "[duty", "[deadline", "incident:", "task_overdue", "A3.1-summer@")


def _flag_events(data: bytes) -> list:
    return [e for e in events(parse_strict(data)).values() if str(e["SUMMARY"]).startswith(FLAG_HEADS)]


def test_feeds_show_the_committees_decisions_only_with_reason_and_order(demo_ws, tmp_path):
    from duban.core.flags import evaluate_flags

    files = export(demo_ws, tmp_path / "a")
    flags = evaluate_flags(demo_ws.registry, demo_ws.record(), D("2020-10-15"))
    decided = next(f for f in flags if f.unit == "civil_affairs" and f.decision == "confirmed")
    # 民政局's feed shows the confirmed accountability with its order, not an undecided suggestion.
    (event,) = _flag_events(files["civil_affairs.ics"])
    assert str(event["SUMMARY"]) == "【问责】民政局：" + decided.evidence[0].text
    assert event.decoded("DTSTART") == D("2020-12-20") and event.decoded("DTEND") == D("2020-12-21")
    text = str(event["DESCRIPTION"])
    assert "县委政法委已认定（政法委-督导组，2020-10-14）" in text and "理由：安置方案逾期45天未报县政府" in text
    assert "责令：报送安置方案并作书面说明（限 2020-10-31 前）" in text
    assert all(e.text in text for e in decided.evidence)
    # Undecided suggestions stay out of every department's feed; no feed carries raw rule codes.
    for name, data in files.items():
        found = _flag_events(data)
        assert all(str(e["SUMMARY"]).startswith("【问责】民政局") for e in found), name
        assert not any(code in str(e.get("DESCRIPTION", "")) for e in found for code in RAW_CODES), name
    assert len(_flag_events(files["all.ics"])) == 1


def test_a_plan_may_publish_pending_suggestions_labelled_as_such(demo_ws):
    import dataclasses

    from duban.calendars.feeds import FeedInputs, build_feed, current_flags

    record = demo_ws.record()
    settings = {**record.plan.settings, "flags": {**record.plan.settings["flags"], "publish_pending": True}}
    record.plan = dataclasses.replace(record.plan, settings=settings)
    inputs = FeedInputs(record, D("2020-10-15"), {}, current_flags(demo_ws.registry, record, D("2020-10-15")))
    (event,) = [e for e in build_feed(inputs, "public_security").events if "flag" in e.uid]
    assert event.summary.startswith("【建议督导（待认定）】公安局：")
    assert "待认定" in event.description and "尚未经县委政法委认定" in event.description
    # The committee's decision still comes first where there is one.
    (event,) = [e for e in build_feed(inputs, "civil_affairs").events if "flag" in e.uid]
    assert event.summary.startswith("【问责】民政局")


@pytest.mark.slow
def test_a_confirmed_flag_enters_the_feed_and_a_dismissal_takes_it_out(demo_ws, tmp_path):
    from duban.core.flags import Decision, decide, evaluate_flags, unit_flag

    assert not _flag_events(export(demo_ws, tmp_path / "a")["public_security.ics"])
    flag = unit_flag(evaluate_flags(demo_ws.registry, demo_ws.record(), D("2020-10-15")), "public_security")
    args = (demo_ws, flag.id)
    decide(*args, Decision("confirmed", "夏季巡查缺3次", D("2020-10-15"), "政法委", "补报巡查记录", D("2020-10-30")))
    (event,) = _flag_events(export(demo_ws, tmp_path / "b")["public_security.ics"])
    assert str(event["SUMMARY"]).startswith("【督导】公安局")
    assert "理由：夏季巡查缺3次" in str(event["DESCRIPTION"]) and "补报巡查记录（限 2020-10-30 前）" in str(
        event["DESCRIPTION"]
    )
    decide(*args, Decision("dismissed", "夏季巡查已补记", D("2020-10-15"), "政法委"), revise=True)
    assert not _flag_events(export(demo_ws, tmp_path / "c")["public_security.ics"])


def test_cli_export_prints_each_file_with_its_event_count(cli, demo_path, tmp_path):
    r = cli("--db", demo_path, "calendars", "export", "--out", tmp_path / "feeds")
    assert r.status == 0, r.err
    assert f"{tmp_path / 'feeds' / 'civil_affairs.ics'}：18 个事件" in r.out
    assert f"{tmp_path / 'feeds' / 'all.ics'}：26 个事件" in r.out  # the one decision; suggestions unpublished
    r = cli("--db", demo_path, "calendars", "export", "--out", tmp_path / "one", "--unit", "finance", "--lang", "en")
    assert r.status == 0 and sorted(p.name for p in (tmp_path / "one").iterdir()) == ["finance.ics"]
    assert "finance.ics: 4 events" in r.out


def test_cli_export_of_an_unknown_unit_is_one_line_and_writes_nothing(cli, demo_path, tmp_path):

    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "calendars", "export", "--out", tmp_path / "x", "--unit", "nope")
    assert r.status == 1 and "nope" in r.err and "civil_affairs" in r.err and len(r.err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists() and folder_digest(demo_path) == before


def test_calendars_import_no_textual(tmp_path):
    import subprocess

    code = (
        "import sys, duban.calendars.feeds, duban.calendars.server, duban.calendars.export, duban.cli.calendar_cmds; "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


@pytest.mark.slow
def test_separate_processes_on_copies_of_one_database_write_the_same_bytes(demo_path, tmp_path):
    import shutil

    twin = tmp_path / "twin"
    shutil.copytree(demo_path, twin)
    outputs = []
    for db, seed in ((demo_path, "1"), (twin, "2")):
        out = tmp_path / f"out-{seed}"
        done = run_duban("--db", db, "calendars", "export", "--out", out, env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 17


def test_events_follow_the_plans_order(demo_ws, tmp_path):
    cal = parse_strict(export(demo_ws, tmp_path, unit="all")["all.ics"])
    summaries = [str(e["SUMMARY"]).split("】")[-1] for e in cal.walk("VEVENT")]
    record = demo_ws.record()
    plan = record.plan
    expected = [f"{task.id} " for task in plan.tasks for d in task.deadlines if d.due]  # an undated step has no day
    expected += [f"{duty.task} {duty.title}" for duty in plan.duties] + [f"{m.id} " for m in plan.milestones]
    flagged = ["民政局"]  # the one decision of the committee; suggestions are not published
    expected += [f"{name}：" for name in flagged]
    assert len(summaries) == len(expected)
    assert all(s.startswith(e) for s, e in zip(summaries, expected)), summaries


def test_folding_keeps_every_character_whole_and_every_line_short():
    from hypothesis import given
    from hypothesis import strategies as st

    from duban.calendars.ical import fold

    @given(st.text(alphabet=st.sampled_from("aZ ;,\\长文😀é"), max_size=400))
    def check(text):
        parts = fold("DESCRIPTION:" + text)
        assert all(len(p.encode("utf-8")) <= 75 for p in parts)
        assert all(p.startswith(" ") for p in parts[1:])
        assert parts[0] + "".join(p[1:] for p in parts[1:]) == "DESCRIPTION:" + text

    check()


def test_a_feed_that_changes_with_the_date_alone_reads_as_newer(demo_ws):
    """An overdue count that grows overnight changes the feed though the record did not: its
    Last-Modified must move, or a client asking If-Modified-Since would keep the old feed."""
    from duban.calendars.publish import publish, read_state

    first = publish(demo_ws, read_state(demo_ws), ["civil_affairs"], "test")[0]
    again = publish(demo_ws, read_state(demo_ws), ["civil_affairs"], "test")[0]
    with demo_ws.db.transaction("test") as tx:
        tx.set_info(as_of="2020-10-16")  # the demo's "today" moves on a day
    later = publish(demo_ws, read_state(demo_ws), ["civil_affairs"], "test")[0]
    assert again.body == first.body and again.modified == first.modified
    assert later.body != first.body and later.modified > first.modified


def test_a_reminder_on_a_holiday_rings_on_the_last_working_day_before_it(demo_db, demo_ws, tmp_path):
    with demo_db.transaction("test") as tx:
        head = tx.table("plan").all()[0]
        tx.table("plan").update({"settings": {**head["settings"], "reminder_days": [7, 2]}})
        task = tx.table("tasks").get(Query().id == "A4.2")
        tx.table("tasks").update({"deadlines": [dict(task["deadlines"][0], due="2020-10-08")]}, Query().id == "A4.2")
        tx.set_info(as_of="2020-09-20")
    cal = parse_strict(export(demo_ws, tmp_path, unit="civil_affairs")["civil_affairs.ics"])
    event = next(e for e in events(cal).values() if "A4.2" in str(e["SUMMARY"]))
    assert event.decoded("DTSTART") == D("2020-10-08")
    # 7 days before is 2020-10-01 (National Day), 2 days before is 2020-10-06 (still the holiday):
    # both ring once, on Wednesday 2020-09-30, the last working day before the holiday.
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == dt.timedelta(days=-8, hours=9)
    assert str(alarm["DESCRIPTION"]).startswith("8天后到期")
    assert "截止日为国庆节假期，非工作日" in str(event["DESCRIPTION"])


def test_working_days_follow_the_holiday_calendar_and_make_up_days():
    from duban.core.workdays import fallback_note, is_working_day, last_working_day

    assert last_working_day(D("2020-10-01")) == D("2020-09-30")
    assert is_working_day(D("2020-09-27"))  # a Sunday worked in exchange for the National Day holiday
    assert last_working_day(D("2020-10-11")) == D("2020-10-10")  # a Saturday worked likewise
    assert not is_working_day(D("2020-10-04")) and is_working_day(D("2020-10-09"))
    assert last_working_day(D("2099-01-04")) == D("2099-01-02")  # not covered: the Sunday goes to Friday
    assert "2099" in fallback_note()


def _move_a42(db, due: str) -> None:
    with db.transaction("test") as tx:
        task = tx.table("tasks").get(Query().id == "A4.2")
        tx.table("tasks").update({"deadlines": [dict(task["deadlines"][0], due=due)]}, Query().id == "A4.2")


def test_show_marks_a_deadline_on_a_holiday(cli, demo_path, demo_db):
    _move_a42(demo_db, "2020-10-08")
    r = cli("--db", demo_path, "show", "A4.2")
    assert r.status == 0 and "2020-10-08（国庆节假期，非工作日）" in r.out and not r.err


def test_years_the_holiday_data_lacks_are_counted_by_weekends_and_said_once(cli, demo_path, demo_db, tmp_path):
    _move_a42(demo_db, "2031-03-31")
    r = cli("--db", demo_path, "calendars", "export", "--out", tmp_path / "f")
    assert r.status == 0
    assert r.err.count("2031") == 1 and len(r.err.strip().splitlines()) == 1, r.err


def test_duties_read_as_the_period_they_cover_and_feeds_are_published(demo_ws, tmp_path):
    body = export(demo_ws, tmp_path)["all.ics"]
    assert b"\r\nMETHOD:PUBLISH\r\n" in body
    duties = {e["RRULE"].to_ical().decode(): e for e in events(parse_strict(body)).values() if "RRULE" in e}
    weekly = next(e for rule, e in duties.items() if "WEEKLY" in rule)
    assert "本周内" in str(weekly["SUMMARY"])
    assert weekly.decoded("DTEND") - weekly.decoded("DTSTART") == dt.timedelta(days=7)
    assert "2个月内" in str(next(e for rule, e in duties.items() if "INTERVAL=2" in rule)["SUMMARY"])
    daily = next(e for rule, e in duties.items() if "DAILY" in rule)
    assert daily.decoded("DTEND") - daily.decoded("DTSTART") == dt.timedelta(days=1)


def test_the_plans_time_zone_is_declared_and_a_bad_one_is_one_line(cli, demo_path, demo_db, demo_ws, tmp_path):
    with demo_db.transaction("test") as tx:
        tx.table("plan").update({"timezone": "Asia/Urumqi"})
    assert b"\r\nX-WR-TIMEZONE:Asia/Urumqi\r\n" in export(demo_ws, tmp_path / "a")["all.ics"]
    with demo_db.transaction("test") as tx:
        tx.table("plan").update({"timezone": "Mars/Olympus"})
    r = cli("--db", demo_path, "calendars", "export", "--out", tmp_path / "b")
    assert r.status == 1 and "Mars/Olympus" in r.err and len(r.err.strip().splitlines()) == 1
