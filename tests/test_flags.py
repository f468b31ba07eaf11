"""The political-legal committee's flags: the readings of the plan, thresholds from plan data,
decisions that stick, and resolved flags that stay visible."""

import datetime as dt
import json
from importlib import resources

import pytest

from duban.core.checklists import tick
from duban.core.dutylog import log_duty
from duban.core.errors import DubanError
from duban.core.flags import LEVELS, Decision, evaluate_flags, flag_id, level_label, unit_flag
from duban.core.incidents import record_incident
from duban.core.metrics import enter_value
from duban.core.progress import record_progress
from duban.core.status import duty_compliance
from duban.core.store import Database
from duban.core.workspace import Workspace
from tests.helpers import folder_digest

D = dt.date.fromisoformat
BUILTIN = resources.files("duban.core.data").joinpath("linwu-2020.toml").read_text(encoding="utf-8")


@pytest.fixture
def fresh(cli, tmp_path) -> Workspace:
    """A new database with the built-in plan and nothing reported yet."""
    assert cli("--db", tmp_path / "db", "init").status == 0
    return Workspace(Database(tmp_path / "db"), load_entrypoints=False)


def _plan_db(cli, tmp_path, text: str) -> Workspace:
    tmp_path.mkdir(parents=True, exist_ok=True)
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    r = cli("--db", tmp_path / "custom", "init", "--plan", plan)
    assert r.status == 0, r.err
    return Workspace(Database(tmp_path / "custom"), load_entrypoints=False)


def _flags(ws: Workspace, as_of: str, **kw):
    return evaluate_flags(ws.registry, ws.record(), D(as_of), **kw)


def _of(flags, unit, rule=None, state="open"):
    return [f for f in flags if f.unit == unit and (rule is None or f.rule == rule) and f.state == state]


def test_one_overdue_day_gives_supervision(fresh):
    flags = _of(_flags(fresh, "2020-07-01"), "civil_affairs", "task_overdue")
    assert [(f.level, f.subject) for f in flags] == [("supervision", "A1.1#0")]
    assert "逾期 1 天" in flags[0].evidence[0].text and "2020-06-30" in flags[0].evidence[0].text


def test_long_overdue_task_gives_accountability(fresh):
    flags = _of(_flags(fresh, "2020-07-30"), "civil_affairs", "task_overdue")
    assert ("accountability", "A1.1#0") in [(f.level, f.subject) for f in flags]
    # Every listed unit answers for its own part: none is let off because another "leads".
    assert ("accountability", "A1.1#0") in [
        (f.level, f.subject) for f in _of(_flags(fresh, "2020-07-30"), "fire_rescue")
    ]


def test_a_unit_that_did_its_part_is_not_flagged_for_another_units_part(fresh):
    record_progress(fresh, "A1.1", 50, D("2020-06-26"), unit="fire_rescue", done=True)
    flags = _flags(fresh, "2020-07-30")
    assert not _of(flags, "fire_rescue", "task_overdue")
    assert ("accountability", "A1.1#0") in [(f.level, f.subject) for f in _of(flags, "civil_affairs", "task_overdue")]


def test_low_duty_compliance_gives_accountability_with_figures(fresh):
    for day in ("2020-05-01", "2020-05-02"):
        log_duty(fresh, "A1.3-patrol", D(day), unit="civil_affairs")
    (flag,) = [
        f for f in _of(_flags(fresh, "2020-05-10"), "civil_affairs", "duty_behind") if f.subject == "A1.3-patrol"
    ]
    assert flag.level == "accountability"
    assert flag.evidence[0].text == "A1.3 生活照料区每日巡查 完成率 20%（应 10 次，实 2 次）"


def test_duty_just_behind_gives_supervision(fresh):
    for day in range(1, 10):
        log_duty(fresh, "A1.3-patrol", dt.date(2020, 5, day), unit="rescue_station")

    def patrol(as_of):
        return [f for f in _of(_flags(fresh, as_of), "civil_affairs", "duty_behind") if f.subject == "A1.3-patrol"]

    assert patrol("2020-05-10") == []  # 9 of 10 is exactly the 0.90 threshold, not below it
    (flag,) = patrol("2020-05-11")
    assert flag.level == "supervision" and flag.evidence[0].text.endswith("（应 11 次，实 9 次）")


def test_incident_suggests_supervision_for_the_units_whose_duties_cover_it(fresh):
    doc = record_incident(fresh, "cold_hunger", D("2020-12-20"), "街头一名流浪人员冻伤")
    assert doc["units"] == ["public_security", "urban_management", "civil_affairs"]
    flags = _flags(fresh, "2020-12-21")
    for unit in doc["units"]:
        (flag,) = _of(flags, unit, "incident")
        assert flag.level == "supervision" and flag.decision is None and "冻饿死伤" in flag.evidence[0].text
    assert not _of(flags, "health", "incident")


def test_missing_person_found_next_day_brings_no_accountability_until_the_committee_judges_it_serious(cli, fresh):
    doc = record_incident(fresh, "missing", D("2020-09-18"), "一名受助人员夜间走失，次日寻回")
    flags = _flags(fresh, "2020-09-20")
    found = {f.unit: f for f in flags if f.rule == "incident"}
    assert set(found) == {"civil_affairs", "rescue_station"}  # A1.3: the station's primary responsibility
    assert {f.level for f in found.values()} == {"supervision"}
    assert not [f for f in flags if f.rule == "incident" and f.level == "accountability"]
    db = fresh.db.path
    r = cli(
        *("--db", db, "--json", "flags", "serious", str(doc["id"])),
        *("--reason", "走失期间受伤住院", "--as-of", "2020-09-21"),
    )
    assert r.status == 0, r.err
    judged = json.loads(r.out)
    assert (judged["incident"], judged["serious"], judged["date"]) == (doc["id"], True, "2020-09-21"), r.out
    judged = [f for f in _flags(fresh, "2020-09-21") if f.rule == "incident" and f.state == "open"]
    assert {(f.unit, f.level) for f in judged} == {
        ("civil_affairs", "accountability"),
        ("rescue_station", "accountability"),
    }
    assert all(f.decision is None and "走失期间受伤住院" in f.evidence[-1].text for f in judged)
    r = cli("--db", db, "flags", "serious", "99", "--reason", "x", "--as-of", "2020-09-21")
    assert r.status == 1 and "99" in r.err and r.err.count("\n") == 1
    # The committee judges on a day that has come, as it decides: a judgement dated ahead is refused.
    ahead = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    r = cli("--db", db, "flags", "serious", str(doc["id"]), "--reason", "复核", "--as-of", ahead)
    assert r.status == 1 and ahead in r.err and r.err.count("\n") == 1


@pytest.mark.parametrize("kind, helper", [("food_drug", "market_regulation"), ("institution", "emergency")])
def test_units_that_only_assist_are_not_flagged_for_an_incident(fresh, kind, helper):
    record_incident(fresh, kind, D("2020-08-03"), "事件")
    flags = _flags(fresh, "2020-08-04")
    assert {f.unit for f in flags if f.rule == "incident"} == {"civil_affairs", "rescue_station"}
    assert not _of(flags, helper, "incident")


def test_incident_with_unit_counts_against_that_unit_only(fresh):
    record_incident(fresh, "food_drug", D("2020-08-03"), "食堂食物中毒2人", unit="market_regulation")
    flags = _flags(fresh, "2020-08-04")
    assert [f.level for f in _of(flags, "market_regulation", "incident")] == ["supervision"]
    assert not _of(flags, "civil_affairs", "incident")


def test_late_report_up_puts_the_a14_lead_under_supervision(fresh):
    record_incident(fresh, "missing", D("2020-09-18"), "受助人员走失", reported=D("2020-09-20"))
    (late,) = _of(_flags(fresh, "2020-09-21"), "civil_affairs", "report_late")
    assert late.level == "supervision"
    assert "2 天后上报" in late.evidence[-1].text


def _poverty_office(ws, items):
    enter_value(ws, "poverty_alleviation", "poor_with_vagrancy", "3", D("2020-08-28"))
    enter_value(ws, "poverty_alleviation", "helped_pct", "3/3", D("2020-09-20"))
    for item in items:
        tick(ws, "poverty_alleviation", item, D("2020-09-20"))


def test_commendation_needs_the_whole_checklist_done_and_metrics_met(fresh):
    _poverty_office(fresh, ["review-count"])  # 1 of 3 items: not yet 落实到位
    assert not _of(_flags(fresh, "2020-10-01"), "poverty_alleviation", "commend")
    _poverty_office(fresh, ["data-sharing", "focus-and-help"])
    flags = _flags(fresh, "2020-10-01")
    (flag,) = _of(flags, "poverty_alleviation", "commend")
    assert flag.level == "commendation" and flag.decision is None
    assert "工作清单全部完成（3/3 项）" in [e.text for e in flag.evidence]
    assert {e.ref for e in flag.evidence} >= {"poverty_alleviation.helped_pct"}


def test_a_metric_off_target_suggests_supervision_in_plain_words(fresh):
    record_progress(fresh, "A1.1", 50, D("2020-06-26"), unit="fire_rescue", done=True)  # its own round on time
    enter_value(fresh, "fire_rescue", "fire_inspections", "1", D("2020-06-26"))
    enter_value(fresh, "fire_rescue", "fire_hazards_removed_pct", "100", D("2020-06-29"))
    flags = _of(_flags(fresh, "2020-07-01"), "fire_rescue")
    assert [(f.level, f.rule) for f in flags] == [("supervision", "metric_missed")]
    (text,) = [e.text for e in flags[0].evidence]
    assert text == "社会福利场所消防安全检查次数 1（目标 ≥2，2020-06-26 填报）"
    assert "fire_inspections" not in text and "metric" not in text


def test_a_unit_silent_30_days_with_open_tasks_is_suggested_for_supervision(fresh):
    record_progress(fresh, "A6.2", 20, D("2020-08-18"), unit="human_resources")
    assert not _of(_flags(fresh, "2020-09-16"), "human_resources", "silent")  # 29 days
    (flag,) = _of(_flags(fresh, "2020-09-17"), "human_resources", "silent")
    assert flag.level == "supervision"
    (text,) = [e.text for e in flag.evidence]
    assert text == "最近一次报送在 2020-08-18，已 30 天未报送；仍有未完成的任务：A6.2 优化岗位设置"


def test_the_committee_is_never_flagged_by_its_own_rules(cli, demo_path):
    r = cli("--db", demo_path, "flags", "--unit", "political_legal", "--json")
    body = json.loads(r.out)
    assert r.status == 0 and body["flags"] == []
    assert body["for_coordination_body"]  # what the rules find about it goes to the coordination body
    r = cli("--db", demo_path, "flags", "--unit", "political_legal")
    assert "报议事协调机构" in r.out


def test_a_unit_that_delivered_its_own_parts_is_suggested_for_commendation(fresh):
    # 消防大队: both of its own inspection rounds on time, its checklist ticked, its metrics met.
    record_progress(fresh, "A1.1", 50, D("2020-06-26"), unit="fire_rescue", done=True)
    enter_value(fresh, "fire_rescue", "fire_inspections", "2", D("2020-06-26"))
    enter_value(fresh, "fire_rescue", "fire_hazards_removed_pct", "3/3", D("2020-06-29"))
    tick(fresh, "fire_rescue", "fire-check-round-1", D("2020-06-26"))
    tick(fresh, "fire_rescue", "hazards-removed", D("2020-06-29"))
    # One item still open (the December round) is not yet 落实到位.
    assert not _of(_flags(fresh, "2020-07-01"), "fire_rescue", "commend")
    record_progress(fresh, "A1.1", 100, D("2020-12-28"), unit="fire_rescue", done=True)
    tick(fresh, "fire_rescue", "fire-check-round-2", D("2020-12-28"))
    flags = _flags(fresh, "2021-01-05")
    (flag,) = _of(flags, "fire_rescue")
    assert flag.level == "commendation" and flag.decision is None and unit_flag(flags, "fire_rescue") == flag
    # Its own parts of both rounds, done on time, are evidence too; nobody else's part is.
    assert {e.ref for e in flag.evidence} == {
        "A1.1#0",
        "A1.1#1",
        "fire_rescue.fire_inspections",
        "fire_rescue.fire_hazards_removed_pct",
        "fire_rescue",
    }


def test_metric_off_target_or_blank_blocks_commendation(fresh):
    enter_value(fresh, "fire_rescue", "fire_inspections", "1", D("2020-06-26"))
    enter_value(fresh, "fire_rescue", "fire_hazards_removed_pct", "100", D("2020-06-29"))
    record_progress(fresh, "A1.1", 50, D("2020-06-26"), unit="fire_rescue", done=True)
    assert not _of(_flags(fresh, "2020-07-01"), "fire_rescue", "commend")
    enter_value(fresh, "market_regulation", "food_inspections", "2", D("2020-06-28"))
    record_progress(fresh, "A1.1", 50, D("2020-06-28"), unit="market_regulation", done=True)
    assert not _of(_flags(fresh, "2020-07-01"), "market_regulation", "commend")  # food_measures_issued left blank


def test_thresholds_in_plan_data_change_the_outcome(cli, tmp_path):
    lenient = BUILTIN.replace("accountability_overdue_days = 30", "accountability_overdue_days = 60")
    ws = _plan_db(cli, tmp_path, lenient)
    (flag,) = [f for f in _of(_flags(ws, "2020-07-30"), "civil_affairs", "task_overdue") if f.subject == "A1.1#0"]
    assert flag.level == "supervision"


@pytest.mark.parametrize(
    "old, new, says",
    [
        ("duty_supervision_below = 0.90", "duty_supervision_below = 90", "duty_supervision_below"),
        (
            'report_task = "A1.4"',
            'report_task = "A1.4"\n\n[settings.incident_units]\nmissing = "civil_affairs"',
            "incident_units",
        ),
        (
            'report_task = "A1.4"',
            'report_task = "A1.4"\n\n[settings.incident_units]\nmissing = ["no_such_unit"]',
            "no_such_unit",
        ),
    ],
)
def test_bad_committee_setting_in_plan_data_is_refused_when_the_plan_loads(cli, tmp_path, old, new, says):
    assert old in BUILTIN
    plan = tmp_path / "plan.toml"
    plan.write_text(BUILTIN.replace(old, new), encoding="utf-8")
    r = cli("--db", tmp_path / "db", "init", "--plan", plan)
    assert r.status == 1 and says in r.err and "plan.toml" in r.err and "Traceback" not in r.err
    assert r.err.count("\n") == 1 and not (tmp_path / "db" / "meta.json").exists()


def test_townships_in_the_plan_are_evaluated_for_revisits(cli, tmp_path):
    towns = (
        BUILTIN + '\n[[units]]\ncode = "town_a"\nname = "甲镇"\nkind = "township"\n'
        '\n[[units]]\ncode = "town_b"\nname = "乙镇"\nkind = "township"\n'
    )
    ws = _plan_db(cli, tmp_path, towns)
    log_duty(ws, "A5.2-revisit", D("2020-07-15"), unit="town_a")
    flags = _flags(ws, "2020-09-01")
    (behind,) = _of(flags, "town_b")
    assert behind.level == "accountability" and behind.rule == "duty_behind"
    assert "应 1 次，实 0 次" in behind.evidence[0].text
    (good,) = _of(flags, "town_a")
    assert good.level == "commendation" and good.decision is None


def test_flag_ids_are_stable_hashes_of_the_cause(fresh):
    first = {f.id for f in _flags(fresh, "2020-07-01")}
    record_progress(fresh, "A2.1", 10, D("2020-07-01"))
    assert first <= {f.id for f in _flags(fresh, "2020-07-01")}
    assert flag_id("civil_affairs", "supervision", "task_overdue", "A1.1#0") in first


def test_resolved_flag_stays_visible_as_resolved(fresh):
    record_progress(fresh, "A1.1", 50, D("2020-07-03"), unit="civil_affairs", done=True)
    flags = _flags(fresh, "2020-07-10")
    (gone,) = [f for f in flags if f.subject == "A1.1#0" and f.unit == "civil_affairs"]
    assert gone.state == "resolved" and gone.level == "supervision" and gone.last_seen == D("2020-07-02")
    # A resolved flag is never a unit's current flag, whatever else the unit has open.
    assert unit_flag([gone], "civil_affairs") is None
    assert not [
        f
        for f in _flags(fresh, "2020-07-10", include_resolved=False)
        if f.subject == "A1.1#0" and f.unit == "civil_affairs"
    ]


def test_escalated_flag_is_shown_once_at_its_current_level(fresh):
    flags = [f for f in _flags(fresh, "2020-08-15") if f.subject == "A1.1#0" and f.unit == "civil_affairs"]
    assert [(f.level, f.state) for f in flags] == [("accountability", "open")]


def test_confirm_and_dismiss_survive_re_evaluation_and_are_audited(cli, fresh):
    db = fresh.db.path
    sup = flag_id("civil_affairs", "supervision", "task_overdue", "A1.1#0")
    r = cli("--db", db, "flags", "dismiss", sup, "--reason", "第一次排查延期经县政府同意", "--as-of", "2020-07-01")
    assert r.status == 0, r.err
    record_progress(fresh, "A2.1", 10, D("2020-07-01"))  # the record moves on
    (flag,) = [f for f in _flags(fresh, "2020-07-01") if f.id == sup]
    assert (flag.decision, flag.reason, flag.decided_on) == ("dismissed", "第一次排查延期经县政府同意", D("2020-07-01"))
    assert flag.state == "open" and unit_flag([flag], "civil_affairs") is None  # dismissed: not the current flag
    # A ruling stands unless the committee revises it, with a new reason; the earlier one stays as history.
    again = cli("--db", db, "flags", "confirm", sup, "--reason", "复核后确认", "--as-of", "2020-07-02")
    assert again.status == 1 and "已有认定" in again.err and "2020-07-01" in again.err and "--revise" in again.err
    same = ("--reason", "第一次排查延期经县政府同意", "--revise", "--as-of", "2020-07-02")
    assert cli("--db", db, "flags", "confirm", sup, *same).status == 1
    r = cli("--db", db, "flags", "confirm", sup, "--reason", "复核后确认", "--revise", "--as-of", "2020-07-02")
    assert r.status == 0, r.err
    (flag,) = [f for f in _flags(fresh, "2020-07-02") if f.id == sup]
    assert flag.decision == "confirmed"
    assert [(h.decision, h.reason) for h in flag.history] == [("dismissed", "第一次排查延期经县政府同意")]
    audit = json.loads(cli("--db", db, "audit", "--json").out)
    decisions = [e for e in audit if e["what"].startswith("flag_")]
    assert [(e["what"], e["target"]) for e in decisions] == [("flag_confirmed", sup), ("flag_dismissed", sup)]
    assert decisions[0]["before"] == {"decision": "dismissed", "reason": "第一次排查延期经县政府同意"}
    # A decision stays with its flag after the cause is gone: the flag shows as resolved, decision kept.
    record_progress(fresh, "A1.1", 50, D("2020-07-05"), unit="civil_affairs", done=True)
    (flag,) = [f for f in _flags(fresh, "2020-07-20") if f.id == sup]
    assert (flag.state, flag.decision) == ("resolved", "confirmed")


def test_decisions_need_a_known_flag_and_a_reason(cli, fresh):
    db = fresh.db.path
    before = folder_digest(db)
    for args, words in (
        (("confirm", "deadbeef", "--reason", "x"), "deadbeef"),
        (("confirm", flag_id("civil_affairs", "supervision", "task_overdue", "A1.1#0")), "--reason"),
        (("confirm",), "ID"),
    ):
        r = cli("--db", db, "flags", *args, "--as-of", "2020-07-01")
        assert r.status != 0 and words in r.err and "Traceback" not in r.err and r.err.count("\n") == 1
    assert folder_digest(db) == before


def test_level_labels():
    assert [level_label(x) for x in LEVELS] == ["表彰", "督导", "问责"]


def test_demo_flags_have_all_three_levels_with_checkable_evidence(cli, demo_path):
    r = cli("--db", demo_path, "flags", "--as-of", "2020-10-15", "--json")
    assert r.status == 0, r.err
    flags = json.loads(r.out)["flags"]
    open_levels = {f["level"] for f in flags if f["state"] == "open" and f["decision"] != "dismissed"}
    assert open_levels == set(LEVELS)
    assert all(f["evidence"] for f in flags)
    # Gravest first, then pending before decided, open before resolved, then the plan's unit order.
    levels = [LEVELS.index(f["level"]) for f in flags]
    assert levels == sorted(levels, reverse=True)
    sup = [(f["decision"] is not None, f["state"] != "open") for f in flags if f["level"] == "supervision"]
    assert sup == sorted(sup)
    # Check one figure against the record itself: civil affairs' daily patrol.
    ws = Workspace(Database(demo_path), load_entrypoints=False)
    record = ws.record()
    duty = record.plan.duty("A1.3-patrol")
    # The patrol is joint: a day the station logged counts for civil affairs too.
    c = duty_compliance(duty, "civil_affairs", record.duty_dates_for(duty, "civil_affairs"), D("2020-10-15"))
    patrol = next(f for f in flags if f["subject"] == "A1.3-patrol")
    assert patrol["level"] == "supervision" and (c.expected, c.logged) == (168, 103)
    assert patrol["evidence"][0]["text"] == "A1.3 生活照料区每日巡查 完成率 61%（应 168 次，实 103 次）"
    # And an overdue deadline against `duban show`.
    shown = json.loads(cli("--db", demo_path, "show", "A4.1", "--as-of", "2020-10-15", "--json").out)
    overdue = next(f for f in flags if f["subject"] == "A4.1#1")
    assert overdue["level"] == "accountability" and shown["deadlines"][1]["days_overdue"] == 45
    assert f"截止 {shown['deadlines'][1]['due']}，逾期 45 天" in overdue["evidence"][0]["text"]
    # The demo's decisions: one confirmed open flag with an order, one dismissed resolved one.
    assert {(f["decision"], f["state"]) for f in flags if f["decision"]} == {
        ("confirmed", "open"),
        ("dismissed", "resolved"),
    }
    assert overdue["order"] == "报送安置方案并作书面说明" and overdue["order_due"] == "2020-10-31"
    assert overdue["label"] == "问责" and not overdue["pending"]
    assert {f["label"] for f in flags if f["pending"]} >= {"建议督导（待认定）", "建议表彰（待认定）"}
    # The incident counts against civil affairs and the rescue station.
    assert {f["unit"] for f in flags if f["rule"] == "incident"} == {"civil_affairs", "rescue_station"}


def test_flags_filters_and_english(cli, demo_path):
    r = cli("--db", demo_path, "flags", "--level", "commendation", "--json")
    assert {f["level"] for f in json.loads(r.out)["flags"]} == {"commendation"}
    r = cli("--db", demo_path, "flags", "--open", "--unit", "civil_affairs", "--lang", "en")
    assert r.status == 0 and "accountability" in r.out and "resolved" not in r.out
    assert "61% done (103 of 168)" in r.out


def test_a_report_up_not_sent_is_civil_affairs_own_and_its_copies_count(fresh):
    from duban.core.sending import record_send

    flags = _flags(fresh, "2020-08-22")
    (late,) = _of(flags, "civil_affairs", "report_unsent")
    assert late.level == "supervision" and late.subject == "R1"
    (text,) = [e.text for e in late.evidence]
    assert text.startswith("R1 第一次报送情况汇总表和阶段总结") and "截止 2020-08-20，逾期 2 天未报出" in text
    assert [f.unit for f in flags if f.rule == "report_unsent"] == ["civil_affairs"]  # nobody else's report
    # Sent up, but two of the four copies (通报) still missing after the date: still a suggestion, with which.
    record_send(fresh, "R1", D("2020-08-21"), True, ("political_legal", "public_security"), "民政局")
    (copies,) = _of(_flags(fresh, "2020-08-25"), "civil_affairs", "report_unsent")
    assert "2020-08-21 报出" in copies.evidence[0].text and "尚未通报 城管局、扶贫办" in copies.evidence[0].text
    assert "urban_management" not in copies.evidence[0].text
    record_send(fresh, "R1", D("2020-08-25"), False, ("urban_management", "poverty_alleviation"), "民政局")
    assert not _of(_flags(fresh, "2020-08-26"), "civil_affairs", "report_unsent")


def test_an_obligation_an_event_started_is_late_for_its_own_unit_only(fresh):
    from duban.core.triggers import record_event, record_fulfilment

    record_event(fresh, "admission", "2020-0901", "rescue_station", D("2020-09-01"), author="秘书处")
    flags = _flags(fresh, "2020-09-06")
    (late,) = [f for f in _of(flags, "rescue_station", "task_overdue") if f.subject.startswith("A2.2-tracing")]
    assert late.level == "supervision" and late.subject == "A2.2-tracing:2020-0901"
    text = late.evidence[0].text
    assert "案号 2020-0901" in text and "截止 2020-09-04" in text and "逾期2天" in text.replace(" ", "")
    assert not [f for f in flags if f.subject.startswith("A2.2-tracing") and f.unit != "rescue_station"]
    record_fulfilment(fresh, "A2.2-tracing", "2020-0901", "rescue_station", D("2020-09-06"), author="救助站")
    assert not [f for f in _of(_flags(fresh, "2020-09-07"), "rescue_station") if f.subject.startswith("A2.2-tracing")]


def test_a_step_is_its_actors_alone(fresh):
    # A4.1: the station files applications by 2020-07-31, civil affairs submits the plan by 2020-08-31.
    record_progress(fresh, "A4.1", 100, D("2020-07-30"), unit="rescue_station", done=True)
    flags = _flags(fresh, "2020-09-02")
    (late,) = [f for f in _of(flags, "civil_affairs", "task_overdue") if f.subject.startswith("A4.1")]
    assert late.subject == "A4.1#1" and "民政局制定安置方案" in late.evidence[0].text
    # Neither the station (its step done) nor the police (their undated step) answers for it.
    others = [
        f for f in flags if f.rule == "task_overdue" and f.subject.startswith("A4.1") and f.unit != "civil_affairs"
    ]
    assert not others


def test_an_older_plans_accountability_incidents_now_suggest_supervision():
    from duban.core.flags import checked_flag_settings

    settings = checked_flag_settings(
        {"accountability_incidents": ["missing", "death"], "supervision_incidents": ["food_drug"]}
    )
    assert settings["supervision_incidents"] == ["missing", "death", "food_drug"]


def test_a_ruling_recorded_while_another_clerk_was_deciding_stands(demo_path, monkeypatch):
    """Two clerks rule on the same flag at once: the one who appends second is refused, in one line, and
    the first ruling is the only one on the record (no silent overwrite of the committee's decision)."""
    import duban.core.flags as flags_module

    day = D("2020-10-15")
    clerk, colleague = Workspace(Database(demo_path), False), Workspace(Database(demo_path), False)
    flag = next(f for f in evaluate_flags(clerk.registry, clerk.record(), day) if f.decision is None)
    worked_out = flags_module.evaluate_flags

    def colleague_rules_meanwhile(*args, **kwargs):
        found = worked_out(*args, **kwargs)  # this clerk's view, taken before the colleague appends
        monkeypatch.setattr(flags_module, "evaluate_flags", worked_out)
        flags_module.decide(colleague, flag.id, Decision("confirmed", "联席会议认定", day, "政法委甲"))
        return found

    monkeypatch.setattr(flags_module, "evaluate_flags", colleague_rules_meanwhile)
    with pytest.raises(DubanError, match=flag.id):
        flags_module.decide(clerk, flag.id, Decision("dismissed", "情况已说明", day, "政法委乙"))
    with Database(demo_path).reading() as snap:
        rulings = [d for d in snap.all("decisions") if d.get("flag") == flag.id]
    assert [(d["decision"], d["author"]) for d in rulings] == [("confirmed", "政法委甲")]
