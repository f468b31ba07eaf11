"""县城市管理和综合执法局 (County Urban Management and Law Enforcement Bureau): its duties from section
四(十二) of the plan and the tasks it owns in section 二 (A3.2; co-owner of A3.1 and A3.3)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef, duty_percent
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="urban_management",
    name="县城市管理和综合执法局",
    name_en="County Urban Management and Law Enforcement Bureau",
    short="城管局",
    kind="department",
    order=12,
)

#: Section 四(十二), verbatim.
DUTY = (
    "组织开展街面巡查，负责将街面巡查时遇到的未成年人、老年人、精神障碍患者和行动不便人员等特殊救助对象应护送至救助管理站，"
    "并履行书面交接手续；依法依规处理违反城市管理等规定的行为，有效减少“强行讨要”、“职业乞讨”等不文明现象。"
)

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "street-patrol",
            "按职责分工开展街面巡查",
            "Street patrols as assigned",
            ("A3.1",),
            "公安局、城市管理和综合执法局要按照职责分工履行街面巡查职责",
        ),
        (
            "escort-handover",
            "护送特殊救助对象入站并书面交接",
            "Escort minors, the elderly, the mentally ill and the immobile to the station with a written hand-over",
            ("A3.1",),
            "应护送至救助管理站，并履行书面交接手续",
        ),
        (
            "grid-network",
            "利用网格化、数字化平台发动基层和社会力量",
            "Use grid and digital city management; mobilise villages, social workers, volunteers and drivers",
            ("A3.2",),
            "利用城市网格化、数字化管理平台",
        ),
        (
            "patrol-system",
            "制定常态化、制度化街面巡查制度",
            "Adopt a regular, institutional street-patrol system",
            ("A3.2",),
            "制定常态化、制度化街面巡查制度",
        ),
        (
            "begging-order",
            "依法处理违规行为，减少“强行讨要”“职业乞讨”",
            'Enforce the rules; reduce aggressive and "professional" begging',
            ("A3.3",),
            "有效减少“强行讨要”、“职业乞讨”等不文明现象",
        ),
    )
)

METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "street_patrol_compliance",
            "常态化街面巡查完成率",
            "Regular street patrols done",
            "percent",
            100,
            "at_least",
            "computed",
            ("A3.2",),
            "制定常态化、制度化街面巡查制度",
        ),
        (
            "escort_handover_pct",
            "护送特殊救助对象书面交接率",
            "Escorts with a written hand-over",
            "percent",
            100,
            "at_least",
            "entered",
            ("A3.1",),
            "并履行书面交接手续",
        ),
        (
            "patrol_system_adopted",
            "街面巡查制度已建立",
            "Street-patrol system adopted",
            "yesno",
            1,
            "at_least",
            "entered",
            ("A3.2",),
            "制定常态化、制度化街面巡查制度",
        ),
    )
)

COMPUTED = {"street_patrol_compliance": lambda record, as_of: duty_percent(record, "A3.2-street", as_of)}


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, COMPUTED
)
