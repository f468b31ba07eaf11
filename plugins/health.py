"""县卫生健康局 (County Health Commission): its duties from section 四(六) of the plan (co-owner of A1.1)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="health", name="县卫生健康局", name_en="County Health Commission", short="卫健局", kind="department", order=6
)

#: Section 四(六), verbatim.
DUTY = (
    "负责指导医疗机构及其工作人员，及时、规范为流浪乞讨人员提供医疗救治服务；"
    "指导医疗机构做好流浪乞讨人员伤情鉴定、身心健康状况评估等工作。"
)

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "treatment",
            "指导医疗机构及时、规范提供医疗救治",
            "Timely, proper medical treatment by hospitals",
            (),
            "及时、规范为流浪乞讨人员提供医疗救治服务",
        ),
        (
            "injury-and-health-assessment",
            "做好伤情鉴定、身心健康状况评估",
            "Injury identification and physical and mental health assessment",
            (),
            "指导医疗机构做好流浪乞讨人员伤情鉴定、身心健康状况评估等工作",
        ),
        (
            "hygiene-inspection",
            "隐患排查中检查卫生防疫",
            "Check hygiene and epidemic prevention in the hazard inspections",
            ("A1.1",),
            "卫生防疫",
        ),
    )
)

METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "health_assessed_pct",
            "受助人员身心健康状况评估率",
            "People in care with a health assessment",
            "percent",
            100,
            "at_least",
            "entered",
            (),
            "身心健康状况评估",
        ),
        (
            "treated_timely_pct",
            "医疗救治及时率",
            "People treated in time",
            "percent",
            100,
            "at_least",
            "entered",
            (),
            "及时、规范为流浪乞讨人员提供医疗救治服务",
        ),
    )
)


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, None
)
