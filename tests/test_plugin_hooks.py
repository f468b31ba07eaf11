"""Every hook, exercised by a small temporary plugin; a third-party package through the entry points."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from textual.widgets import DataTable

from duban.core.checklists import ChecklistItem, checklist_items, checklist_status
from duban.core.errors import DubanError
from duban.core.flags import Evidence, Finding, Rule, evaluate_flags, flag_id, flag_rules
from duban.core.hookspecs import hookimpl
from duban.core.metrics import MetricDef, metric_definitions, metric_status
from duban.core.model import Unit
from duban.core.plugins import make_manager
from duban.core.registry import Registry
from duban.core.store import Database
from duban.core.workspace import Workspace
from duban.tui.app import make_app
from tests.helpers import driving, rows, sync

ROOT = Path(__file__).resolve().parent.parent
D = dt.date.fromisoformat


def _hook_names() -> list[str]:
    pm = make_manager(load_entrypoints=False)
    return sorted(name for name in vars(pm.hook) if name.startswith("duban_"))


@pytest.fixture
def plugin(demo_db):
    """The demo database with the built-in plugins and these temporary plugin objects, collected once."""

    def workspace(*objs) -> Workspace:
        pm = make_manager(load_entrypoints=False)
        for obj in objs:
            pm.register(obj)
        return Workspace(demo_db, registry=Registry(pm))

    return workspace


def registering(hook: str, *objs):
    """A temporary plugin whose register hook `hook` registers `objs`, as a plugin module's function would."""

    def register_all(self, register):
        for obj in objs:
            register(obj)

    return type("Temporary", (), {hook: hookimpl(register_all)})()


def test_plugin_hooks_have_tests():
    missing = [name for name in _hook_names() if f"test_hook_{name}" not in globals()]
    assert not missing, f"hooks without a test_hook_<name>: {missing}"


def test_plugin_hooks_are_documented():
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in _hook_names():
        assert re.search(rf"^#+ .*`{name}\(", docs, re.M), (
            f"{name} has no heading with its signature in docs/plugins.md"
        )


def test_hook_duban_register_units(plugin):
    township = registering("duban_register_units", Unit(code="town_a", name="甲镇", name_en="Town A", kind="township"))

    assert plugin(township).units["town_a"].kind == "township"

    clash = registering("duban_register_units", Unit(code="health", name="另一个卫健局", name_en=""))

    with pytest.raises(DubanError, match="health") as caught:
        plugin(township, clash)
    assert "duban.plugins.health" in str(caught.value)  # names the plugin it clashes with


def test_hook_duban_unit_checklist(plugin):
    county_items = registering(
        "duban_unit_checklist",
        ChecklistItem(
            "civil_affairs", "county-hotline", "开通县级寻亲热线", "County tracing hotline", ("A2.3",), "寻亲热线"
        ),
    )

    assert checklist_items(plugin(county_items).registry, "civil_affairs")[-1].id == "county-hotline"

    twice = registering("duban_unit_checklist", ChecklistItem("civil_affairs", "training", "重复", "dup", ("A6.1",)))

    with pytest.raises(DubanError, match="registered twice"):
        plugin(twice)


def test_a_checklist_item_linked_to_a_task_the_plan_lacks_is_named_with_its_plugin(plugin):
    misfiled = registering(
        "duban_unit_checklist", ChecklistItem("civil_affairs", "ghost", "不存在的任务", "ghost", ("Z9.9",), "")
    )

    ws = plugin(misfiled)
    with pytest.raises(DubanError, match=r"Z9\.9") as caught:
        checklist_status(ws.registry, ws.record(), "civil_affairs")
    assert "ghost" in str(caught.value)


def test_hook_duban_unit_metrics(plugin):
    county_metric = registering(
        "duban_unit_metrics",
        MetricDef(
            "health",
            "psych_visits",
            "精神科会诊人次",
            "Psychiatric consultations",
            "count",
            5,
            "at_least",
            "entered",
            (),
            "身心健康状况评估",
        ),
    )

    assert "psych_visits" in [m.id for m in metric_definitions(plugin(county_metric).registry, "health")]

    bad_kind = registering(
        "duban_unit_metrics", MetricDef("health", "odd", "怪", "odd", "ratio", 1, "at_least", "entered")
    )

    with pytest.raises(DubanError, match="ratio"):
        plugin(bad_kind)


def test_hook_duban_compute_metric(plugin):
    class TickCount:
        @hookimpl
        def duban_unit_metrics(self, register):
            register(
                MetricDef("civil_affairs", "items_ticked", "清单勾选次数", "Ticks", "count", 3, "at_least", "computed")
            )

        @hookimpl
        def duban_compute_metric(self, metric, record, as_of):
            if metric.id == "items_ticked":
                return sum(1 for c in record.checks if c["unit"] == "civil_affairs" and c["date"] <= as_of.isoformat())

    ws = plugin(TickCount())
    record = ws.record()
    (status,) = [
        s for s in metric_status(ws.registry, record, "civil_affairs", D("2020-10-15")) if s.metric.id == "items_ticked"
    ]
    assert (status.value, status.on_target) == (7, True)
    (early,) = [
        s for s in metric_status(ws.registry, record, "civil_affairs", D("2020-06-01")) if s.metric.id == "items_ticked"
    ]
    assert (early.value, early.on_target) == (2, False)


def test_hook_duban_flag_rules(plugin):
    described = registering(
        "duban_flag_rules", Rule("county_rule", "县规则", "County rule", "看什么", "what", ("silent_days",), "原文")
    )

    rules = flag_rules(plugin(described).registry)
    assert [r.key for r in rules][-1] == "county_rule" and "commend" in [r.key for r in rules]

    twice = registering("duban_flag_rules", Rule("commend", "x", "x", "x", "x"))

    with pytest.raises(DubanError, match="commend"):
        plugin(twice)


def test_hook_duban_evaluate_flags(plugin):
    class Rule:
        @hookimpl
        def duban_evaluate_flags(self, record, as_of, settings, metrics, checklists):
            assert settings["accountability_overdue_days"] == 30 and "health" in metrics and "health" in checklists
            return [Finding("health", "supervision", "county_rule", (Evidence("metric", "health.x", "县规则"),))]

    ws = plugin(Rule())
    record = ws.record()
    (flag,) = [f for f in evaluate_flags(ws.registry, record, D("2020-10-15")) if f.rule == "county_rule"]
    assert flag.id == flag_id("health", "supervision", "county_rule") and flag.state == "open"

    class Replace:
        """A county replaces the built-in rules: a wrapper keeps only its own findings."""

        @hookimpl(wrapper=True)
        def duban_evaluate_flags(self):
            found = yield
            return [[f for batch in found for f in batch or () if f.rule == "county_rule"]]

    flags = evaluate_flags(plugin(Rule(), Replace()).registry, record, D("2020-10-15"))
    assert {f.rule for f in flags if f.state == "open"} == {"county_rule"}
    # Flags the committee decided on stay visible (resolved), whatever the rules now say.
    assert {f.decision for f in flags if f.state == "resolved"} == {"confirmed", "dismissed"}

    class Broken:
        @hookimpl
        def duban_evaluate_flags(self):
            return [Finding("health", "praise", "x", ())]

    with pytest.raises(DubanError, match="invalid finding"):
        evaluate_flags(plugin(Rule(), Broken()).registry, record, D("2020-10-15"))


def test_third_party_package_adds_a_township_and_a_rule(cli, tmp_path, install_plugin):
    """Installed through the entry-point group `duban` (a .dist-info on sys.path, as pip would leave it)."""
    install_plugin(ROOT / "tests" / "thirdparty_plugin" / "duban_county_rules.py")

    pm = make_manager(load_entrypoints=True)
    assert pm.get_plugin("county") is not None
    db = tmp_path / "db"
    assert cli("--db", db, "init").status == 0
    assert "town_xiangyang" in cli("--db", db, "units").out
    assert "county" in cli("--db", db, "plugins").out
    flags = json.loads(cli("--db", db, "flags", "--as-of", "2020-09-01", "--json").out)["flags"]
    town = {(f["rule"], f["level"]) for f in flags if f["unit"] == "town_xiangyang"}
    # The county's rule, and the built-in revisit rule applied to the new township.
    assert town == {("township_liaison", "supervision"), ("duty_behind", "accountability")}


DROP_TOWN = """
from duban import hookimpl


@hookimpl(wrapper=True)
def duban_register_units(register):
    units = yield
    return [u for u in units if u.code != "town_xiangyang"]
"""


@pytest.mark.slow
@sync
async def test_a_wrapper_that_drops_a_unit_removes_it_everywhere(cli, tmp_path, install_plugin):
    """The county plugin adds 向阳镇; a second plugin's wrapper on duban_register_units takes it out again."""
    install_plugin(ROOT / "tests" / "thirdparty_plugin" / "duban_county_rules.py")
    (tmp_path / "duban_drop_town.py").write_text(DROP_TOWN, encoding="utf-8")
    install_plugin(tmp_path / "duban_drop_town.py", entry="drop")
    db = tmp_path / "db"
    assert cli("--db", db, "demo").status == 0

    assert "town_xiangyang" not in cli("--db", db, "units").out
    assert "county" in cli("--db", db, "plugins").out  # the township's plugin is loaded; its unit is not
    units = json.loads(cli("--db", db, "units", "--json").out)
    assert "town_xiangyang" not in {u["code"] for u in units}
    assert cli("--db", db, "unit", "town_xiangyang").status != 0
    flags = json.loads(cli("--db", db, "flags", "--json").out)["flags"]
    assert "town_xiangyang" not in {f["unit"] for f in flags}
    # Feeds: one calendar per unit, none for the dropped one.
    assert cli("--db", db, "calendars", "export", "--out", tmp_path / "feeds").status == 0
    feeds = {p.name for p in (tmp_path / "feeds").iterdir()}
    assert "civil_affairs.ics" in feeds and "town_xiangyang.ics" not in feeds
    # Reports: neither the workbook nor a fill-in template knows the township.
    assert cli("--db", db, "report", "--out", tmp_path / "r.xlsx").status == 0
    assert "向阳镇" not in workbook_text(tmp_path / "r.xlsx") and "民政局" in workbook_text(tmp_path / "r.xlsx")
    assert cli("--db", db, "template", "town_xiangyang", "--out", tmp_path / "t.xlsx").status != 0
    # Dashboard: the units table of the overview.
    app = make_app(Workspace(Database(db)), poll_seconds=0)
    async with driving(app):
        names = [r[0] for r in rows(app.screen.query_one("#units", DataTable))]
    assert len(names) == len(units) and "向阳镇" not in names


def workbook_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    return "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)


EVERY_KIND_OF_COMMAND = [
    ("status",),
    ("tasks",),
    ("show", "A2.1"),
    ("units",),
    ("plugins",),
    ("unit", "civil_affairs"),
    ("checklist", "civil_affairs"),
    ("flags",),
    ("incidents",),
    ("progress", "A2.1", "--percent", "70", "--date", "2020-10-15"),
    ("check", "civil_affairs", "training", "--date", "2020-10-15"),
    ("metric", "fire_rescue", "fire_inspections", "3", "--date", "2020-10-15"),
    ("report", "--out", "{tmp}/r.xlsx"),
    ("template", "civil_affairs", "--out", "{tmp}/t.xlsx"),
    ("calendars", "export", "--out", "{tmp}/feeds"),
]


@pytest.mark.parametrize("args", EVERY_KIND_OF_COMMAND, ids=lambda a: a[0])
def test_every_command_collects_the_registrations_once(args, demo_path, tmp_path, cli, monkeypatch):
    from duban.core import plugins, registry

    passes = {"entry points": 0, "units": 0, "checklists": 0, "metrics": 0, "rules": 0}
    make, collect = plugins.make_manager, registry._collect
    hooks = {
        "duban_register_units": "units",
        "duban_unit_checklist": "checklists",
        "duban_unit_metrics": "metrics",
        "duban_flag_rules": "rules",
    }

    def counted_make(load_entrypoints=True):
        passes["entry points"] += load_entrypoints
        return make(load_entrypoints)

    def counted_collect(pm, hook_name, *rest, **options):
        passes[hooks[hook_name]] += 1
        return collect(pm, hook_name, *rest, **options)

    monkeypatch.setattr(registry, "make_manager", counted_make)
    monkeypatch.setattr(registry, "_collect", counted_collect)
    registry.load_registry.cache_clear()
    try:
        result = cli("--db", demo_path, *(a.format(tmp=tmp_path) for a in args))
    finally:
        registry.load_registry.cache_clear()
    assert result.status == 0, result.err
    assert passes == {"entry points": 1, "units": 1, "checklists": 1, "metrics": 1, "rules": 1}


def test_commands_that_need_no_plugins_scan_none(demo_path, cli, monkeypatch):
    from duban.core import registry

    monkeypatch.setattr(registry, "make_manager", lambda *a, **k: pytest.fail("plugins loaded"))
    registry.load_registry.cache_clear()
    with pytest.raises(SystemExit):
        cli("status", "--help")
    assert cli("--db", demo_path, "audit").status == 0  # the audit trail names no unit
