"""县救助管理站 (County Rescue Management Station): not one of the twelve units of section 四, but named
as the owner of A2.2 and A6.2 and as the one who files settlement applications in A4.1."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef, duty_percent
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="rescue_station",
    name="县救助管理站",
    name_en="County Rescue Management Station",
    short="救助站",
    kind="station",
    order=13,
)

#: The station has no paragraph of its own in section 四; its duties are the tasks that name it.
DUTY = ""

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "tracing-notices",
            "更新全国救助寻亲网、头条寻人的寻亲信息",
            "Keep notices on the national tracing site and Toutiao up to date",
            ("A2.2",),
            "对其在全国救助寻亲网、“头条寻人”等平台的寻亲信息进行更新完善",
        ),
        (
            "face-module",
            "开通救助管理信息系统人脸识别模块",
            "Turn on the face-recognition module",
            ("A2.2",),
            "救助管理站要开通使用救助管理信息系统人脸识别模块",
        ),
        (
            "data-comparison",
            "比对入站人员和走失人员家属信息",
            "Compare new arrivals and families' reports with the system's data",
            ("A2.2",),
            "工作人员要及时将入站人员信息、走失人员家属提供信息与救助管理信息系统累积数据进行比对",
        ),
        (
            "settlement-applications",
            "报送长期滞留人员安置申请",
            "File settlement applications for long-stay people",
            ("A4.1",),
            "于2020年8月前将安置申请报送至当地民政局",
        ),
        (
            "posts",
            "设置社会工作专业岗位和专职寻亲岗位",
            "Set up social-work and family-tracing posts",
            ("A6.2",),
            "设置社会工作专业岗位和专职寻亲岗位",
        ),
    )
)

METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "notice_updates",
            "寻亲信息每月更新完成率",
            "Monthly updates of tracing notices done",
            "percent",
            100,
            "at_least",
            "computed",
            ("A2.2",),
            "寻亲信息进行更新完善",
        ),
        (
            "face_module_on",
            "人脸识别模块已开通",
            "Face-recognition module on",
            "yesno",
            1,
            "at_least",
            "entered",
            ("A2.2",),
            "救助管理站要开通使用救助管理信息系统人脸识别模块",
        ),
        (
            "dedicated_posts",
            "社会工作专业岗位和专职寻亲岗位数",
            "Social-work and family-tracing posts",
            "count",
            2,
            "at_least",
            "entered",
            ("A6.2",),
            "设置社会工作专业岗位和专职寻亲岗位",
        ),
    )
)

COMPUTED = {"notice_updates": lambda record, as_of: duty_percent(record, "A2.2-notices", as_of)}


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, COMPUTED
)
