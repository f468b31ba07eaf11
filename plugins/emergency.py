"""县应急管理局 (County Emergency Management Bureau): its duties from section 四(七) of the plan
(co-owner of A1.1)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef, incident_count
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="emergency",
    name="县应急管理局",
    name_en="County Emergency Management Bureau",
    short="应急局",
    kind="department",
    order=7,
)

#: Section 四(七), verbatim.
DUTY = "协助开展突发事件处置工作；督促、指导全县应急管理系统做好流浪乞讨人员安全防范和应急处置工作。"

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        ("incident-handling", "协助开展突发事件处置", "Help handle emergencies", ("A1.4",), "协助开展突发事件处置工作"),
        (
            "safety-guidance",
            "督促、指导应急管理系统做好安全防范和应急处置",
            "Safety and emergency-response guidance across the county",
            (),
            "督促、指导全县应急管理系统做好流浪乞讨人员安全防范和应急处置工作",
        ),
        (
            "hazard-inspection",
            "参加救助和托养机构安全隐患排查",
            "Join the hazard inspections of rescue and foster institutions",
            ("A1.1",),
            "民政局要联合有关部门集中开展对救助管理和托养机构安全隐患排查行动",
        ),
    )
)

METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "guidance_sessions",
            "安全防范和应急处置指导次数",
            "Safety and emergency guidance sessions",
            "count",
            1,
            "at_least",
            "entered",
            (),
            "督促、指导全县应急管理系统做好流浪乞讨人员安全防范和应急处置工作",
        ),
        (
            "institution_incidents",
            "救助机构遇灾遇险事件",
            "Disasters or dangers at institutions",
            "count",
            0,
            "at_most",
            "computed",
            ("A1.4",),
            "对机构遇灾、遇险",
        ),
    )
)

COMPUTED = {"institution_incidents": lambda record, as_of: incident_count(record, ("institution",), UNIT.code, as_of)}


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, COMPUTED
)
