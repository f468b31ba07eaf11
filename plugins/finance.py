"""县财政局 (County Finance Bureau): its duties from section 四(四) of the plan (co-owner of A6.2)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="finance", name="县财政局", name_en="County Finance Bureau", short="财政局", kind="department", order=4
)

#: Section 四(四), verbatim.
DUTY = (
    "指导支持民政等有关部门通过政府购买服务等方式引导社会工作专业服务机构、公益慈善类社会组织、志愿服务组织为流浪乞讨人员提供专业服务；"
    "按照国家有关规定落实救助管理机构工作人员工资倾斜政策，加强对救助管理干部职工关心关爱，为稳定队伍、推动工作创造条件。"
)

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "purchase-services",
            "支持通过政府购买服务引入社会工作、慈善、志愿服务组织",
            "Fund purchased services from social-work, charity and volunteer organisations",
            ("A1.2",),
            "通过政府购买服务等方式引导社会工作专业服务机构、公益慈善类社会组织、志愿服务组织为流浪乞讨人员提供专业服务",
        ),
        (
            "pay-tilt",
            "落实救助管理站工作人员工资倾斜政策",
            "Apply the pay tilt for station staff",
            ("A6.2",),
            "落实救助管理站工作人员工资倾斜政策",
        ),
        (
            "staff-care",
            "关心关爱救助管理干部职工",
            "Care for rescue-management staff",
            ("A6.2",),
            "加强对救助管理干部职工关心关爱",
        ),
    )
)

# The plan sets no amount: a target of 0 means "report the figure"; a county sets its own in
# [settings.targets] "finance.purchased_services_yuan" = 200000.
METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "purchased_services_yuan",
            "政府购买救助服务金额",
            "Services purchased for people in need",
            "yuan",
            0,
            "at_least",
            "entered",
            ("A1.2",),
            "通过政府购买服务等方式",
        ),
        (
            "pay_tilt_applied",
            "工作人员工资倾斜政策已落实",
            "Pay tilt for station staff in force",
            "yesno",
            1,
            "at_least",
            "entered",
            ("A6.2",),
            "落实救助管理站工作人员工资倾斜政策",
        ),
    )
)


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, None
)
