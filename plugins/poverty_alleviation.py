"""县扶贫开发办公室 (County Poverty Alleviation Office): its duties from section 四(十一) of the plan
(co-owner of A5.2)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="poverty_alleviation",
    name="县扶贫开发办公室",
    name_en="County Poverty Alleviation Office",
    short="扶贫办",
    kind="department",
    order=11,
)

#: Section 四(十一), verbatim.
DUTY = (
    "对建档立卡贫困户中有流浪乞讨经历的予以重点关注和帮扶。要结合脱贫攻坚“回头看”工作，"
    "将脱贫攻坚建档立卡人员中有流浪乞讨经历人数摸清底数，统准数据。"
)

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "focus-and-help",
            "对有流浪乞讨经历的建档立卡贫困户重点关注和帮扶",
            "Attention and help for registered poor households with a vagrancy history",
            ("A5.2",),
            "对建档立卡贫困户中有流浪乞讨经历的予以重点关注和帮扶",
        ),
        (
            "review-count",
            "结合“回头看”摸清有流浪乞讨经历人数",
            'Count them during the "look back" review',
            ("A5.2",),
            "将脱贫攻坚建档立卡人员中有流浪乞讨经历人数摸清底数",
        ),
        (
            "data-sharing",
            "与民政局开展信息共享",
            "Share data with civil affairs",
            ("A5.2",),
            "民政局要与扶贫办开展信息共享",
        ),
    )
)

METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "poor_with_vagrancy",
            "建档立卡人员中有流浪乞讨经历人数（已摸清）",
            "Registered poor people with a vagrancy history (counted)",
            "count",
            0,
            "at_least",
            "entered",
            ("A5.2",),
            "将脱贫攻坚建档立卡人员中有流浪乞讨经历人数摸清底数",
        ),
        (
            "helped_pct",
            "有流浪乞讨经历贫困户帮扶覆盖率",
            "Of them, households helped",
            "percent",
            100,
            "at_least",
            "entered",
            ("A5.2",),
            "予以重点关注和帮扶",
        ),
    )
)


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, None
)
