"""县消防救援大队 (County Fire and Rescue Brigade): its duties from section 四(八) of the plan; it joins
both rounds of the A1.1 hazard inspection (fire safety is one of the things checked)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="fire_rescue",
    name="县消防救援大队",
    name_en="County Fire and Rescue Brigade",
    short="消防大队",
    kind="department",
    order=8,
)

#: Section 四(八), verbatim.
DUTY = "对社会福利场所进行消防安全检查，清除消防安全隐患。"

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "fire-check-round-1",
            "第一次排查（6月下旬）：社会福利场所消防安全检查",
            "First round (late June): fire-safety checks of welfare places",
            ("A1.1",),
            "第一次在2020年6月下旬",
        ),
        (
            "fire-check-round-2",
            "第二次排查（12月下旬）：社会福利场所消防安全检查",
            "Second round (late December): fire-safety checks of welfare places",
            ("A1.1",),
            "第二次在2020年12月下旬",
        ),
        ("hazards-removed", "清除发现的消防安全隐患", "Remove the fire hazards found", ("A1.1",), "清除消防安全隐患"),
    )
)

METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "fire_inspections",
            "社会福利场所消防安全检查次数",
            "Fire-safety inspections of welfare places",
            "count",
            2,
            "at_least",
            "entered",
            ("A1.1",),
            "对社会福利场所进行消防安全检查",
        ),
        (
            "fire_hazards_removed_pct",
            "消防安全隐患整改率",
            "Fire hazards removed",
            "percent",
            100,
            "at_least",
            "entered",
            ("A1.1",),
            "清除消防安全隐患",
        ),
    )
)


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, None
)
