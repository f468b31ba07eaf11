"""The thirteen unit plugins: checklists and metrics traceable to the plan, and the unit commands."""

import datetime as dt
import importlib
import json
from pathlib import Path

import pytest

from duban.core.checklists import checklist_items
from duban.core.metrics import all_metric_definitions, metric_definitions, metric_status, parse_value
from duban.core.planfile import load_plan
from duban.core.plugins import DEFAULT_PLUGINS
from duban.core.registry import load_registry
from tests.helpers import folder_digest

D = dt.date.fromisoformat
ROOT = Path(__file__).resolve().parent.parent
MODULES = [importlib.import_module(name) for name in DEFAULT_PLUGINS]


@pytest.fixture(scope="module")
def registry():
    return load_registry(load_entrypoints=False)


@pytest.fixture(scope="module")
def plan(registry):
    return load_plan(None, registry.units)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.UNIT.code)
def test_every_unit_plugin_loads_with_a_checklist_and_metrics(registry, module):
    code = module.UNIT.code
    assert checklist_items(registry, code) and metric_definitions(registry, code)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.UNIT.code)
def test_items_and_metrics_link_to_tasks_and_quote_the_plan(registry, plan, module):
    """Every item and metric links to existing tasks, or to the unit's own duty in section 四,
    and quotes a sentence of what it links to."""
    code = module.UNIT.code
    for thing in [*checklist_items(registry, code), *metric_definitions(registry, code)]:
        tasks = [plan.task(task_id) for task_id in thing.tasks]
        assert None not in tasks, f"{code}.{thing.id} links to an unknown task: {thing.tasks}"
        sources = [t.text for t in tasks] + ([module.DUTY] if module.DUTY else [])
        assert thing.tasks or module.DUTY, f"{code}.{thing.id} links to nothing"
        assert thing.basis and any(thing.basis in text for text in sources), f"{code}.{thing.id}: {thing.basis!r}"


def test_each_unit_duty_is_the_plans_own_text(plan):
    """The section 四 duties are quoted, not paraphrased: each names what the plan's tasks name."""
    duties = {m.UNIT.code: m.DUTY for m in MODULES}
    assert sum(1 for text in duties.values() if text) == 12  # twelve departments; the station has none of its own
    assert duties["fire_rescue"] == "对社会福利场所进行消防安全检查，清除消防安全隐患。"
    assert (
        "落实到位、成效明显" in duties["political_legal"]
        and "工作不力、措施不实、造成严重后果" in duties["political_legal"]
    )


def test_computed_metrics_come_from_the_record(demo_ws):
    record = demo_ws.record()
    values = {s.metric.id: s for s in metric_status(demo_ws.registry, record, "civil_affairs", D("2020-10-15"))}
    assert (
        values["patrol_compliance"].value == round(100 * 103 / 168, 1)
        and values["patrol_compliance"].on_target is False
    )
    assert values["missing_or_dead"].value == 1 and values["missing_or_dead"].on_target is False
    assert values["report_timely_pct"].value == 0  # reported after two days, not at once
    assert values["training_coverage"].value == 100 and values["training_coverage"].as_of == D("2020-09-30")
    # Before the incident and before any value was entered:
    early = {s.metric.id: s for s in metric_status(demo_ws.registry, record, "civil_affairs", D("2020-09-01"))}
    assert early["missing_or_dead"].value == 0 and early["report_timely_pct"].value is None
    assert early["training_coverage"].value is None and early["training_coverage"].on_target is None


@pytest.mark.parametrize(
    "kind,text,value",
    [
        ("percent", "17/18", 94.4),
        ("percent", "61.5", 61.5),
        ("count", "3", 3),
        ("yesno", "是", 1),
        ("yesno", "no", 0),
        ("yuan", "120,000.50", 120000.5),
    ],
)
def test_metric_values_are_read_by_kind(registry, kind, text, value):
    metric = next(
        m
        for m in metric_definitions(registry, "civil_affairs")
        + metric_definitions(registry, "finance")
        + metric_definitions(registry, "fire_rescue")
        if m.kind == kind
    )
    assert parse_value(metric, text) == value


def test_check_records_who_when_note_and_evidence_and_undo(cli, demo_path):
    db = demo_path
    r = cli(
        "--db",
        db,
        "check",
        "health",
        "treatment",
        "--note",
        "县人民医院开通绿色通道",
        "--evidence",
        "通知-2020-10",
        "--evidence",
        "台账",
        "--by",
        "卫健局-李",
        "--date",
        "2020-10-12",
    )
    assert r.status == 0, r.err
    items = json.loads(cli("--db", db, "checklist", "health", "--json").out)["items"]
    done = next(i for i in items if i["id"] == "treatment")
    assert (done["done"], done["when"], done["who"], done["note"], done["evidence"]) == (
        True,
        "2020-10-12",
        "卫健局-李",
        "县人民医院开通绿色通道",
        ["通知-2020-10", "台账"],
    )
    # Looking at a date before the tick, it was not done yet.
    items = json.loads(cli("--db", db, "checklist", "health", "--json", "--as-of", "2020-10-11").out)["items"]
    assert not next(i for i in items if i["id"] == "treatment")["done"]
    assert cli("--db", db, "check", "health", "treatment", "--undo", "--date", "2020-10-13").status == 0
    items = json.loads(cli("--db", db, "checklist", "health", "--json").out)["items"]
    assert not next(i for i in items if i["id"] == "treatment")["done"]
    audit = json.loads(cli("--db", db, "audit", "--json").out)
    assert [(e["what"], e["target"]) for e in audit[:2]] == [
        ("uncheck", "health.treatment"),
        ("check", "health.treatment"),
    ]


def test_metric_command_stores_a_value_and_the_unit_page_shows_it(cli, demo_path):
    r = cli("--db", demo_path, "metric", "medical_security", "insured_pct", "5/6", "--date", "2020-10-14")
    assert r.status == 0 and "83.3%" in r.out
    page = json.loads(cli("--db", demo_path, "unit", "medical_security", "--json").out)
    insured = next(m for m in page["metrics"] if m["id"] == "insured_pct")
    assert (insured["value"], insured["on_target"], insured["as_of"]) == (83.3, False, "2020-10-14")
    assert {"tasks", "duties", "checklist", "metrics", "flags", "flag"} <= set(page)
    assert {t["id"] for t in page["tasks"]} == {"A1.1", "A5.1"}


def test_unit_page_shows_tasks_checklist_metrics_and_current_flag(cli, demo_path):
    r = cli("--db", demo_path, "unit", "civil_affairs")
    assert r.status == 0, r.err
    assert "当前督办标记: 问责" in r.out and "A4.1" in r.out and "leading-mechanism" in r.out
    assert "生活照料区每日巡查完成率" in r.out and "61.3%" in r.out
    page = json.loads(cli("--db", demo_path, "unit", "poverty_alleviation", "--json").out)
    assert page["flag"]["level"] == "commendation" and page["flag"]["pending"]
    r = cli("--db", demo_path, "unit", "poverty_alleviation")
    assert "当前督办标记: 建议表彰（待认定）" in r.out


def test_incident_is_recorded_with_report_timeliness(cli, demo_path):
    r = cli(
        "--db",
        demo_path,
        "incident",
        "--kind",
        "food_drug",
        "--date",
        "2020-10-10",
        "--reported",
        "2020-10-10",
        "--note",
        "托养机构食堂食物中毒2人",
    )
    assert r.status == 0, r.err
    # Market regulation only takes part in the investigation (四(九)): the institution's units answer.
    assert "#2" in r.out and "民政局、救助站" in r.out and "市场监管局" not in r.out and "当日" in r.out
    listed = json.loads(cli("--db", demo_path, "incidents", "--json").out)["incidents"]
    assert [(i["id"], i["kind"], i["report_days"]) for i in listed] == [(1, "missing", 2), (2, "food_drug", 0)]
    assert listed[1]["units"] == ["civil_affairs", "rescue_station"]
    flags = json.loads(cli("--db", demo_path, "flags", "--unit", "market_regulation", "--open", "--json").out)["flags"]
    assert not [f for f in flags if f["rule"] == "incident"]


def test_status_shows_each_units_current_flag(cli, demo_path):
    data = json.loads(cli("--db", demo_path, "status", "--as-of", "2020-10-15", "--json").out)
    flags = {u["code"]: u["flag"] and (u["flag"]["level"], u["flag"]["pending"]) for u in data["units"]}
    assert flags["civil_affairs"] == ("accountability", False) and flags["public_security"] == ("supervision", True)
    assert flags["poverty_alleviation"] == ("commendation", True) and flags["political_legal"] is None
    out = cli("--db", demo_path, "status").out
    # A suggestion is shown as one, never as the committee's decision.
    assert "督办" in out and "建议督导（待认定）" in out and "建议表彰（待认定）" in out
    assert not [line for line in out.splitlines() if line.rstrip().endswith(("督导", "表彰"))]


@pytest.mark.parametrize("args", [("checklist", "civil_affairs"), ("unit", "health"), ("flags",), ("incidents",)])
def test_read_commands_support_json_and_change_nothing(cli, demo_path, args):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, *args, "--json")
    assert r.status == 0, r.err
    json.loads(r.out)
    assert folder_digest(demo_path) == before


@pytest.mark.parametrize(
    "args,words",
    [
        (("checklist", "nowhere"), "nowhere"),
        (("check", "nowhere", "patrol"), "nowhere"),
        (("check", "health", "no-such-item"), "no-such-item"),
        (("check", "health", "treatment", "--undo"), "treatment"),
        (("metric", "health", "no_such_metric", "1"), "no_such_metric"),
        (("metric", "health", "health_assessed_pct", "lots"), "lots"),
        (("metric", "health", "health_assessed_pct", "120"), "120"),
        (("metric", "fire_rescue", "fire_inspections", "2.5"), "2.5"),
        (("metric", "finance", "pay_tilt_applied", "maybe"), "maybe"),
        (("metric", "finance", "purchased_services_yuan", "-5"), "-5"),
        (("metric", "civil_affairs", "patrol_compliance", "90"), "patrol_compliance"),
        (("metric", "health", "treated_timely_pct", "90", "--date", "2999-01-01"), "2999-01-01"),
        (("incident", "--kind", "missing", "--date", "2999-01-01", "--note", "x"), "2999-01-01"),
        (("incident", "--kind", "fire", "--date", "2020-10-01", "--note", "x"), "fire"),
        (("incident", "--kind", "missing", "--date", "2020-10-01", "--note", " "), "note"),
        (
            ("incident", "--kind", "missing", "--date", "2020-10-02", "--reported", "2020-10-01", "--note", "x"),
            "2020-10-01",
        ),
        (("incident", "--kind", "missing", "--date", "2020-10-01", "--note", "x", "--unit", "nowhere"), "nowhere"),
        (("unit", "nowhere"), "nowhere"),
        (("flags", "--unit", "nowhere"), "nowhere"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(cli, demo_path, args, words):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, *args)
    assert r.status != 0
    assert words in r.err and r.err.count("\n") == 1 and "Traceback" not in r.err
    assert folder_digest(demo_path) == before


def test_english_messages(cli, demo_path):
    r = cli("--db", demo_path, "metric", "health", "health_assessed_pct", "lots", "--lang", "en")
    assert "is invalid" in r.err and "percent" in r.err
    r = cli("--db", demo_path, "check", "health", "no-item", "--lang", "en")
    assert r.err.strip() == "duban: unit County Health Commission has no checklist item 'no-item'"


def test_every_metric_is_listed_in_the_docs(registry):
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    missing = [f"{m.unit}.{m.id}" for m in all_metric_definitions(registry) if f"| {m.unit} | `{m.id}` |" not in docs]
    assert not missing, f"metrics missing from docs/plugins.md: {missing}"


def test_an_untick_dated_before_the_tick_is_refused_and_changes_nothing(cli, demo_path):
    assert cli("--db", demo_path, "check", "health", "treatment", "--date", "2020-10-12").status == 0
    before = folder_digest(demo_path)
    # On 10-05 the item was still open: there is nothing to untick that day.
    r = cli("--db", demo_path, "check", "health", "treatment", "--undo", "--date", "2020-10-05")
    assert r.status == 1 and "treatment" in r.err
    assert folder_digest(demo_path) == before
    items = json.loads(cli("--db", demo_path, "checklist", "health", "--json").out)["items"]
    assert next(i for i in items if i["id"] == "treatment")["done"]
