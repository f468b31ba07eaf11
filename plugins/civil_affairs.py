"""县民政局 (County Civil Affairs Bureau): its duties from section 四(三) of the plan and the tasks it
leads in section 二 (A1.1–A1.4, A2.3, A4.1, A4.2, A5.1, A5.2, A6.1)."""

from duban.core.checklists import ChecklistItem
from duban.core.flags import flag_settings
from duban.core.incidents import timely_percent
from duban.core.metrics import MetricDef, duty_percent, incident_count
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="civil_affairs",
    name="县民政局",
    name_en="County Civil Affairs Bureau",
    short="民政局",
    kind="department",
    order=3,
)

#: Section 四(三), verbatim.
DUTY = (
    "切实承担专项质量提升工作的牵头责任，建立政府领导、民政牵头、其他单位参与的领导机制，及时研究解决工作中的重大问题；"
    "协同组织开展街面巡查，及时接收安置无人监护照料的流浪乞讨人员；开展照料服务达标行动；开展救助寻亲服务行动；"
    "集中开展一次长期滞留人员落户安置行动，协调公安机关启动户籍办理程序。"
)

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "leading-mechanism",
            "建立政府领导、民政牵头、其他单位参与的领导机制",
            "Set up the leading mechanism: government leads, civil affairs coordinates",
            (),
            "建立政府领导、民政牵头、其他单位参与的领导机制",
        ),
        (
            "hazard-inspection",
            "组织两次安全隐患排查，列出问题清单并明确整改时限",
            "Run both hazard inspections and list problems with rectification deadlines",
            ("A1.1",),
            "列出问题清单，明确整改时限、路径和标准",
        ),
        (
            "bring-back",
            "分批次接回站外托养人员",
            "Bring fostered people back into the station in batches",
            ("A1.2",),
            "有步骤、分批次开展托养人员站内接回工作",
        ),
        (
            "minors-public-care",
            "未成年托养对象全部在公办儿童福利机构托养",
            "Foster minors only in public child-welfare institutions",
            ("A1.2",),
            "未成年托养对象必须在公办儿童福利机构进行托养",
        ),
        (
            "designated-staff",
            "确定专人负责生活照料区巡查和托养机构巡查",
            "Designate staff for the daily and weekly inspections",
            ("A1.3",),
            "确定专人",
        ),
        (
            "supervisors",
            "建立第三方监督委员会或特邀监督员制度",
            "Set up a third-party supervision committee or special supervisors",
            ("A1.3",),
            "要探索建立第三方监督委员会或特邀监督员制度",
        ),
        (
            "emergency-mechanism",
            "建立重大突发事件应急处置和信息报告机制",
            "Set up the emergency-handling and information-reporting mechanism",
            ("A1.4",),
            "救助管理机构要建立重大突发事件应急处置和信息报告机制",
        ),
        (
            "social-tracing",
            "利用头条寻人、微信公众号、寻亲热线联合社会力量寻亲",
            "Trace families with Toutiao, WeChat accounts, hotlines and social partners",
            ("A2.3",),
            "充分开发利用“头条寻人”、微信公众号、寻亲热线等智能化寻亲手段",
        ),
        (
            "settlement-plan",
            "制定长期滞留人员安置方案报县政府",
            "Submit the settlement plan to the county government",
            ("A4.1",),
            "民政局于2020年9月前制定安置方案报请同级政府",
        ),
        (
            "long-term-placement",
            "暂无法落户人员转入公办福利机构安置",
            "Move people who cannot yet be registered into public welfare institutions",
            ("A4.2",),
            "要尽快将人员转移至政府设立的社会福利院、养老机构、精神病院等公办福利机构安置照料",
        ),
        (
            "returnee-ledger",
            "建立返乡人员信息台账",
            "Keep a ledger of people sent home",
            ("A5.1",),
            "流出地救助管理站要建立返乡人员信息台账",
        ),
        (
            "key-person-roster",
            "建立重点人员信息库，花名册通报乡镇",
            "Build the key-person database and send the roster to the townships",
            ("A5.2",),
            "并将花名册通报给乡（镇）",
        ),
        (
            "poverty-data-sharing",
            "与扶贫办开展信息共享",
            "Share data with the poverty-alleviation office",
            ("A5.2",),
            "民政局要与扶贫办开展信息共享",
        ),
        (
            "training",
            "组织全体干部职工两天以上脱产培训并考核",
            "Two days of off-the-job training for every staff member, with an assessment",
            ("A6.1",),
            "实现所有救助管理干部职工参加两天以上脱产培训",
        ),
    )
)

METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "patrol_compliance",
            "生活照料区每日巡查完成率",
            "Daily patrols of the living area done",
            "percent",
            100,
            "at_least",
            "computed",
            ("A1.3",),
            "站内照料的每天一次以上到生活照料区巡查一次",
        ),
        (
            "foster_inspection_compliance",
            "站外托养机构每周巡查完成率",
            "Weekly inspections of foster institutions done",
            "percent",
            100,
            "at_least",
            "computed",
            ("A1.3",),
            "站外托养的每星期一次以上对托养机构进行巡查",
        ),
        (
            "revisit_compliance",
            "重点人员每两月回访完成率",
            "Two-monthly key-person revisits done",
            "percent",
            100,
            "at_least",
            "computed",
            ("A5.2",),
            "原则上回访频率不低于每两月一次",
        ),
        (
            "training_coverage",
            "两天以上脱产培训覆盖率（已培训/全部干部职工）",
            "Staff with two days of off-the-job training",
            "percent",
            100,
            "at_least",
            "entered",
            ("A6.1",),
            "实现所有救助管理干部职工参加两天以上脱产培训",
        ),
        (
            "minors_public_care_pct",
            "未成年托养对象公办儿童福利机构托养率",
            "Fostered minors placed in public child-welfare institutions",
            "percent",
            100,
            "at_least",
            "entered",
            ("A1.2",),
            "未成年托养对象必须在公办儿童福利机构进行托养",
        ),
        (
            "hazards_rectified_pct",
            "隐患排查问题整改率",
            "Inspection problems rectified",
            "percent",
            100,
            "at_least",
            "entered",
            ("A1.1",),
            "明确整改时限、路径和标准，指导做好整改工作",
        ),
        (
            "settlement_plan_submitted",
            "安置方案已报县政府",
            "Settlement plan submitted to the county government",
            "yesno",
            1,
            "at_least",
            "entered",
            ("A4.1",),
            "民政局于2020年9月前制定安置方案报请同级政府",
        ),
        (
            "missing_or_dead",
            "受助人员走失、死亡事件",
            "People in care missing or dead",
            "count",
            0,
            "at_most",
            "computed",
            ("A1.4",),
            "受助人员走失、死亡等异常情况",
        ),
        (
            "report_timely_pct",
            "异常情况第一时间报告率",
            "Incidents reported up at once",
            "percent",
            100,
            "at_least",
            "computed",
            ("A1.4",),
            "要第一时间报告民政部门",
        ),
    )
)

COMPUTED = {
    "patrol_compliance": lambda record, as_of: duty_percent(record, "A1.3-patrol", as_of),
    "foster_inspection_compliance": lambda record, as_of: duty_percent(record, "A1.3-foster", as_of),
    "revisit_compliance": lambda record, as_of: duty_percent(record, "A5.2-revisit", as_of),
    "missing_or_dead": lambda record, as_of: incident_count(record, ("missing", "death"), UNIT.code, as_of),
    "report_timely_pct": lambda record, as_of: timely_percent(
        record, as_of, flag_settings(record)["report_within_days"]
    ),
}


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, COMPUTED
)
