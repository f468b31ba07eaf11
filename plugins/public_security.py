"""县公安局 (County Public Security Bureau): its duties from section 四(二) of the plan and the tasks it
owns in section 二 (A2.1, A3.1, A3.3; co-owner of A1.1 and A4.1)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef, duty_percent, incident_count
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="public_security",
    name="县公安局",
    name_en="County Public Security Bureau",
    short="公安局",
    kind="department",
    order=2,
)

#: Section 四(二), verbatim.
DUTY = (
    "组织开展街面巡查，负责将街面巡查时遇到的未成年人、老年人、精神障碍患者和行动不便人员等特殊救助对象应护送至救助管理机构，"
    "并履行书面交接手续；严厉打击操纵未成年人、残疾人乞讨和拐卖拐骗未成年人等犯罪行为；安置落户工作。"
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
            "seasonal-campaigns",
            "“寒冬送温暖”“夏季送清凉”专项救助",
            "Winter-warmth and summer-cool campaigns in extreme weather",
            ("A3.1",),
            "持续做好极端天气下“寒冬送温暖”、“夏季送清凉”等专项救助工作",
        ),
        (
            "crackdown",
            "打击操纵未成年人、残疾人乞讨和拐卖拐骗未成年人犯罪",
            "Crack down on exploiting minors and the disabled for begging, and on trafficking",
            ("A3.3",),
            "严厉打击操纵未成年人、残疾人乞讨和拐卖拐骗未成年人等犯罪行为",
        ),
        (
            "tech-identify",
            "DNA、指纹、人像比对甄别滞留人员身份",
            "Identify escorted and stranded people by DNA, fingerprints and face comparison",
            ("A2.1",),
            "通过DNA、指纹、人像比对识别等现代化科技手段甄别护送入站和滞留人员身份信息",
        ),
        (
            "escalate",
            "本级无法核实的报请上级公安核查",
            "Refer cases not resolvable locally to the higher police level",
            ("A2.1",),
            "本级权限无法核实的，由公安部门报请上级公安部门进一步核查甄别",
        ),
        (
            "household-registration",
            "为获批落户人员办理户籍",
            "Register households of people approved for settlement",
            ("A4.1",),
            "对政府批准予以落户的，公安机关应启动户籍办理程序",
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
            "tech_comparison_pct",
            "滞留人员科技比对覆盖率",
            "Stranded people compared by DNA/fingerprint/face",
            "percent",
            100,
            "at_least",
            "entered",
            ("A2.1",),
            "通过DNA、指纹、人像比对识别等现代化科技手段甄别护送入站和滞留人员身份信息",
        ),
        (
            "identities_verified",
            "科技手段甄别查明身份人数",
            "Identities established by DNA/fingerprint/face",
            "count",
            1,
            "at_least",
            "entered",
            ("A2.1",),
            "甄别护送入站和滞留人员身份信息",
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
            "summer_patrol",
            "“夏季送清凉”专项巡查完成率",
            "Summer heat patrols done",
            "percent",
            100,
            "at_least",
            "computed",
            ("A3.1",),
            "“夏季送清凉”",
        ),
        (
            "winter_patrol",
            "“寒冬送温暖”专项巡查完成率",
            "Winter cold patrols done",
            "percent",
            100,
            "at_least",
            "computed",
            ("A3.1",),
            "“寒冬送温暖”",
        ),
        (
            "cold_hunger_incidents",
            "冻饿死伤事件",
            "Deaths or injuries from cold or hunger",
            "count",
            0,
            "at_most",
            "computed",
            ("A3.1",),
            "确保不发生冻饿死伤等极端事件",
        ),
        (
            "households_registered_pct",
            "获批落户人员户籍办理率",
            "Approved settlers whose household is registered",
            "percent",
            100,
            "at_least",
            "entered",
            ("A4.1",),
            "公安机关应启动户籍办理程序",
        ),
    )
)

COMPUTED = {
    "summer_patrol": lambda record, as_of: duty_percent(record, "A3.1-summer", as_of),
    "winter_patrol": lambda record, as_of: duty_percent(record, "A3.1-winter", as_of),
    "cold_hunger_incidents": lambda record, as_of: incident_count(record, ("cold_hunger",), UNIT.code, as_of),
}


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, COMPUTED
)
