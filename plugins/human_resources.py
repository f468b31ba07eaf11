"""县人力资源和社会保障局 (County Human Resources and Social Security Bureau): its duties from section
四(五) of the plan (co-owner of A6.2)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="human_resources",
    name="县人力资源和社会保障局",
    name_en="County Human Resources and Social Security Bureau",
    short="人社局",
    kind="department",
    order=5,
)

#: Section 四(五), verbatim.
DUTY = "积极研究调增配强人力资源；研究推进救助管理机构职工特岗津贴政策。"

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "staffing",
            "研究调增配强救助管理人力资源",
            "More and stronger staffing for rescue management",
            ("A6.2",),
            "积极研究调增配强人力资源",
        ),
        (
            "post-allowance",
            "研究推进救助管理机构职工特岗津贴政策",
            "Special-post allowance for station staff",
            ("A6.2",),
            "研究推进救助管理机构职工特岗津贴政策",
        ),
        (
            "pay-tilt",
            "会同财政落实工资倾斜政策",
            "Apply the pay tilt with the finance bureau",
            ("A6.2",),
            "人力资源社会保障、财政局要按照国家有关规定落实救助管理站工作人员工资倾斜政策",
        ),
    )
)

METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "posts_added",
            "救助管理站新增（调配）岗位数",
            "Posts added at the rescue station",
            "count",
            1,
            "at_least",
            "entered",
            ("A6.2",),
            "积极研究调增配强人力资源",
        ),
        (
            "post_allowance_in_force",
            "特岗津贴政策已出台",
            "Special-post allowance in force",
            "yesno",
            1,
            "at_least",
            "entered",
            ("A6.2",),
            "研究推进救助管理机构职工特岗津贴政策",
        ),
    )
)


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, None
)
