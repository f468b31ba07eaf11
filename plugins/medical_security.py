"""县医疗保障局 (County Healthcare Security Bureau): its duties from section 四(十) of the plan
(co-owner of A1.1 and A5.1)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="medical_security",
    name="县医疗保障局",
    name_en="County Healthcare Security Bureau",
    short="医保局",
    kind="department",
    order=10,
)

#: Section 四(十), verbatim.
DUTY = "对流浪乞讨人员的医疗救助保障政策进行倾斜，协助安置落户的流浪乞讨人员办理参保信息登记。"

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "assistance-tilt",
            "医疗救助保障政策向流浪乞讨人员倾斜",
            "Tilt medical-assistance policy towards vagrants",
            ("A5.1",),
            "对流浪乞讨人员的医疗救助保障政策进行倾斜",
        ),
        (
            "insurance-registration",
            "协助落户人员办理参保信息登记",
            "Register settled people for medical insurance",
            ("A4.1",),
            "协助安置落户的流浪乞讨人员办理参保信息登记",
        ),
        (
            "returnee-medical-help",
            "帮扶返乡人员基本医疗保障困难",
            "Help people sent home with basic medical-insurance hardship",
            ("A5.1",),
            "对存在生产、生活及基本医疗保障方面困难的",
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
            "insured_pct",
            "落户人员参保信息登记率",
            "Settled people registered for medical insurance",
            "percent",
            100,
            "at_least",
            "entered",
            ("A4.1",),
            "协助安置落户的流浪乞讨人员办理参保信息登记",
        ),
        (
            "insured_people",
            "办理参保登记人数",
            "People registered for medical insurance",
            "count",
            0,
            "at_least",
            "entered",
            ("A4.1",),
            "办理参保信息登记",
        ),
        (
            "assistance_tilt_in_force",
            "医疗救助倾斜政策已落实",
            "Medical-assistance tilt in force",
            "yesno",
            1,
            "at_least",
            "entered",
            ("A5.1",),
            "对流浪乞讨人员的医疗救助保障政策进行倾斜",
        ),
    )
)


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, None
)
