"""Every hook, exercised by a small temporary plugin; a third-party package through the entry points."""

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from duban.core.checklists import ChecklistItem, checklist_items, checklist_status
from duban.core.errors import DubanError
from duban.core.flags import Evidence, Finding, Rule, evaluate_flags, flag_id, flag_rules
from duban.core.hookspecs import hookimpl
from duban.core.metrics import MetricDef, metric_definitions, metric_status
from duban.core.model import Unit
from duban.core.plugins import collect_units, make_manager

ROOT = Path(__file__).resolve().parent.parent
D = dt.date.fromisoformat


def _hook_names() -> list[str]:
    pm = make_manager(load_entrypoints=False)
    return sorted(name for name in vars(pm.hook) if name.startswith("duban_"))


@pytest.fixture
def plugin(demo_ws):
    """Register temporary plugin objects on the demo workspace's manager; unregistered afterwards."""
    added = []

    def register(obj):
        demo_ws.pm.register(obj)
        added.append(obj)
        return obj

    try:
        yield register
    finally:
        for obj in added:
            if demo_ws.pm.is_registered(obj):
                demo_ws.pm.unregister(obj)


def test_plugin_hooks_have_tests():
    missing = [name for name in _hook_names() if f"test_hook_{name}" not in globals()]
    assert not missing, f"hooks without a test_hook_<name>: {missing}"


def test_plugin_hooks_are_documented():
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in _hook_names():
        assert re.search(rf"^#+ .*`{name}\(", docs, re.M), (
            f"{name} has no heading with its signature in docs/plugins.md"
        )


def test_hook_duban_register_units(demo_ws, plugin):
    class Township:
        @hookimpl
        def duban_register_units(self, register):
            register(Unit(code="town_a", name="甲镇", name_en="Town A", kind="township"))

    plugin(Township())
    assert collect_units(demo_ws.pm)["town_a"].kind == "township"

    class Clash:
        @hookimpl
        def duban_register_units(self, register):
            register(Unit(code="health", name="另一个卫健局", name_en=""))

    plugin(Clash())
    with pytest.raises(DubanError, match="health") as caught:
        collect_units(demo_ws.pm)
    assert "duban.plugins.health" in str(caught.value)  # names the plugin it clashes with


def test_hook_duban_unit_checklist(demo_ws, plugin):
    class CountyItems:
        @hookimpl
        def duban_unit_checklist(self, register):
            register(
                ChecklistItem(
                    "civil_affairs",
                    "county-hotline",
                    "开通县级寻亲热线",
                    "County tracing hotline",
                    ("A2.3",),
                    "寻亲热线",
                )
            )

    plugin(CountyItems())
    assert checklist_items(demo_ws.pm, "civil_affairs")[-1].id == "county-hotline"

    class Twice:
        @hookimpl
        def duban_unit_checklist(self, register):
            register(ChecklistItem("civil_affairs", "training", "重复", "dup", ("A6.1",)))

    plugin(Twice())
    with pytest.raises(DubanError, match="registered twice"):
        checklist_items(demo_ws.pm, "civil_affairs")


def test_a_checklist_item_linked_to_a_task_the_plan_lacks_is_named_with_its_plugin(demo_ws, plugin):
    class Misfiled:
        @hookimpl
        def duban_unit_checklist(self, register):
            register(ChecklistItem("civil_affairs", "ghost", "不存在的任务", "ghost", ("Z9.9",), ""))

    plugin(Misfiled())
    with pytest.raises(DubanError, match=r"Z9\.9") as caught:
        checklist_status(demo_ws.pm, demo_ws.record(), "civil_affairs")
    assert "ghost" in str(caught.value)


def test_hook_duban_unit_metrics(demo_ws, plugin):
    class CountyMetric:
        @hookimpl
        def duban_unit_metrics(self, register):
            register(
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
                )
            )

    plugin(CountyMetric())
    assert "psych_visits" in [m.id for m in metric_definitions(demo_ws.pm, "health")]

    class BadKind:
        @hookimpl
        def duban_unit_metrics(self, register):
            register(MetricDef("health", "odd", "怪", "odd", "ratio", 1, "at_least", "entered"))

    plugin(BadKind())
    with pytest.raises(DubanError, match="ratio"):
        metric_definitions(demo_ws.pm, "health")


def test_hook_duban_compute_metric(demo_ws, plugin):
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

    plugin(TickCount())
    record = demo_ws.record()
    (status,) = [
        s for s in metric_status(demo_ws.pm, record, "civil_affairs", D("2020-10-15")) if s.metric.id == "items_ticked"
    ]
    assert (status.value, status.on_target) == (7, True)
    (early,) = [
        s for s in metric_status(demo_ws.pm, record, "civil_affairs", D("2020-06-01")) if s.metric.id == "items_ticked"
    ]
    assert (early.value, early.on_target) == (2, False)


def test_hook_duban_flag_rules(cli, demo_ws, plugin):
    class Described:
        @hookimpl
        def duban_flag_rules(self, register):
            register(Rule("county_rule", "县规则", "County rule", "看什么", "what", ("silent_days",), "原文"))

    plugin(Described())
    rules = flag_rules(demo_ws.pm)
    assert [r.key for r in rules][-1] == "county_rule" and "commend" in [r.key for r in rules]

    class Twice:
        @hookimpl
        def duban_flag_rules(self, register):
            register(Rule("commend", "x", "x", "x", "x"))

    plugin(Twice())
    with pytest.raises(DubanError, match="commend"):
        flag_rules(demo_ws.pm)


def test_hook_duban_evaluate_flags(demo_ws, plugin):
    class Rule:
        @hookimpl
        def duban_evaluate_flags(self, record, as_of, settings, metrics, checklists):
            assert settings["accountability_overdue_days"] == 30 and "health" in metrics and "health" in checklists
            return [Finding("health", "supervision", "county_rule", (Evidence("metric", "health.x", "县规则"),))]

    plugin(Rule())
    record = demo_ws.record()
    (flag,) = [f for f in evaluate_flags(demo_ws.pm, record, D("2020-10-15")) if f.rule == "county_rule"]
    assert flag.id == flag_id("health", "supervision", "county_rule") and flag.state == "open"

    class Replace:
        """A county replaces the built-in rules: a wrapper keeps only its own findings."""

        @hookimpl(wrapper=True)
        def duban_evaluate_flags(self):
            found = yield
            return [[f for batch in found for f in batch or () if f.rule == "county_rule"]]

    replace = plugin(Replace())
    flags = evaluate_flags(demo_ws.pm, record, D("2020-10-15"))
    assert {f.rule for f in flags if f.state == "open"} == {"county_rule"}
    # Flags the committee decided on stay visible (resolved), whatever the rules now say.
    assert {f.decision for f in flags if f.state == "resolved"} == {"confirmed", "dismissed"}

    class Broken:
        @hookimpl
        def duban_evaluate_flags(self):
            return [Finding("health", "praise", "x", ())]

    demo_ws.pm.unregister(replace)
    plugin(Broken())
    with pytest.raises(DubanError, match="invalid finding"):
        evaluate_flags(demo_ws.pm, record, D("2020-10-15"))


def test_third_party_package_adds_a_township_and_a_rule(cli, tmp_path, monkeypatch):
    """Installed through the entry-point group `duban` (a .dist-info on sys.path, as pip would leave it)."""
    site = tmp_path / "site"
    info = site / "duban_county_rules-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: duban-county-rules\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[duban]\ncounty = duban_county_rules\n")
    shutil.copy(ROOT / "tests" / "thirdparty_plugin" / "duban_county_rules.py", site)
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "duban_county_rules", raising=False)

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
    monkeypatch.delitem(sys.modules, "duban_county_rules", raising=False)
