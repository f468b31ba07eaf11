"""The demo database: the built-in plan with realistic progress as of 2020-10-15."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from .dutylog import apply_log, check_log
from .initdb import build_plan, init_database
from .meetings import apply_meeting, check_meeting
from .progress import apply_report, check_report
from .record import load_record
from .status import periods

if TYPE_CHECKING:
    from .workspace import Workspace

DEMO_AS_OF = dt.date(2020, 10, 15)
D = dt.date.fromisoformat

# (task, unit, date, percent, done, note, evidence): the story the dashboard tells on 2020-10-15.
REPORTS = [
    (
        "A1.1",
        "civil_affairs",
        "2020-06-22",
        20,
        False,
        "联合政法委、公安、卫健、应急、市场监管、医保、消防启动第一次隐患排查",
        (),
    ),
    (
        "A1.1",
        "fire_rescue",
        "2020-06-26",
        50,
        True,
        "完成县救助管理站及2家托养机构消防安全检查，发现隐患3处",
        ("消防检查记录表-2020-06",),
    ),
    ("A1.1", "market_regulation", "2020-06-28", 50, True, "检查救助站食堂及托养机构食品安全2家次", ("食品检查记录",)),
    ("A1.1", "public_security", "2020-06-28", 50, True, "检查站内治安防范和离站返乡管理", ()),
    (
        "A1.1",
        "civil_affairs",
        "2020-06-29",
        50,
        True,
        "第一次排查完成，列出问题清单12项，明确整改时限",
        ("问题清单-第一次排查.pdf",),
    ),
    ("A1.1", "health", "2020-06-30", 50, True, "检查卫生防疫和受助人员健康档案", ()),
    ("A1.1", "emergency", "2020-07-06", 50, True, "补充检查应急预案和演练记录（逾期6天）", ()),
    ("A1.2", "civil_affairs", "2020-07-20", 40, False, "分两批接回站外托养人员9人", ()),
    ("A1.2", "civil_affairs", "2020-09-28", 60, False, "购买专业照料服务合同已签订", ("购买服务合同-2020-09",)),
    ("A1.3", "civil_affairs", "2020-06-01", 30, False, "确定专人负责生活照料区巡查", ()),
    ("A1.3", "civil_affairs", "2020-09-10", 50, False, "特邀监督员制度方案起草中", ()),
    (
        "A1.4",
        "civil_affairs",
        "2020-06-15",
        100,
        True,
        "印发《救助管理机构重大突发事件应急处置和信息报告制度》",
        ("应急处置制度-文件.pdf",),
    ),
    ("A2.1", "public_security", "2020-07-08", 20, False, "采集滞留人员DNA样本14份", ("DNA采集登记表",)),
    ("A2.1", "public_security", "2020-09-25", 45, False, "人像比对甄别身份5人，报请市局核查3人", ()),
    ("A2.2", "rescue_station", "2020-06-10", 30, False, "开通救助管理信息系统人脸识别模块", ()),
    ("A2.2", "rescue_station", "2020-09-30", 55, False, "全国救助寻亲网信息更新21条", ("寻亲网截图-2020-09",)),
    ("A2.3", "civil_affairs", "2020-08-12", 25, False, "与头条寻人合作发布寻亲公告6条", ()),
    (
        "A3.1",
        "public_security",
        "2020-07-15",
        30,
        False,
        "“夏季送清凉”专项巡查，护送特殊救助对象4人入站并书面交接",
        ("交接单-2020-07",),
    ),
    ("A3.1", "urban_management", "2020-08-20", 45, False, "城管街面巡查劝导流浪乞讨人员11人次", ()),
    ("A3.3", "public_security", "2020-09-05", 35, False, "查处强行讨要行为2起", ()),
    (
        "A4.1",
        "rescue_station",
        "2020-08-05",
        100,
        True,
        "救助管理站报送长期滞留人员安置申请7份（逾期5天）",
        ("安置申请汇总表",),
    ),
    ("A4.1", "civil_affairs", "2020-09-20", 40, False, "安置方案初稿已起草，待征求公安意见", ()),
    ("A4.2", "civil_affairs", "2020-09-15", 10, False, "联系县社会福利院，拟转移安置2人", ()),
    ("A5.2", "civil_affairs", "2020-07-10", 20, False, "重点人员信息库建立，纳入38人", ("重点人员花名册",)),
    ("A5.2", "poverty_alleviation", "2020-08-28", 30, False, "比对建档立卡贫困户，有流浪乞讨经历3人", ()),
    (
        "A6.1",
        "civil_affairs",
        "2020-09-30",
        100,
        True,
        "全站18名干部职工完成两天脱产培训并考试",
        ("培训签到表", "考试成绩单"),
    ),
    ("A6.2", "rescue_station", "2020-08-18", 20, False, "设置专职寻亲岗位1个", ()),
]

# (date, topics, chair): the coordination body's meetings, for the summary table's Party-and-government column.
MEETINGS = [
    ("2020-05-12", "依托救助管理工作议事协调机构部署专项行动，明确十二个部门职责分工", "分管副县长"),
    ("2020-07-08", "通报第一次隐患排查问题清单，研究长期滞留人员落户安置工作", "分管副县长"),
    ("2020-09-16", "调度专项行动进展，研究受助人员走失事件处置和问责", "县政府副县长"),
]

# (duty, unit, periods logged): gaps make compliance figures worth reading. A joint "any" duty's
# periods are shared out between its units (either may log a day's patrol, and both see it).
DUTY_COVERAGE = {
    ("A1.3-patrol", "civil_affairs"): 60,
    ("A1.3-patrol", "rescue_station"): 43,  # together 103 of 168 days to 2020-10-15: 61%
    ("A1.3-foster", "civil_affairs"): 22,  # of 24 weeks
    ("A5.2-revisit", "township_1"): 1,  # of 1 two-month round
    ("A5.2-revisit", "township_2"): 1,  # township_3 has not revisited: it falls behind on its own
}


# (unit, item, date, undo, note, evidence): checklist ticks; civil affairs withdrew one.
TICKS = [
    (
        "political_legal",
        "assessment",
        "2020-06-05",
        False,
        "专项行动纳入2020年平安建设考核细则",
        ("平安建设考核细则-2020",),
    ),
    (
        "civil_affairs",
        "leading-mechanism",
        "2020-05-20",
        False,
        "建立政府领导、民政牵头、其他单位参与的领导协调机制",
        ("领导协调机制文件",),
    ),
    ("civil_affairs", "designated-staff", "2020-06-01", False, "指定2名专人负责巡查", ()),
    ("civil_affairs", "emergency-mechanism", "2020-06-15", False, "制度已印发", ("应急处置制度-文件.pdf",)),
    ("civil_affairs", "key-person-roster", "2020-07-10", False, "花名册已通报各乡镇", ("重点人员花名册",)),
    ("civil_affairs", "supervisors", "2020-09-10", False, "特邀监督员制度方案报批", ()),
    ("civil_affairs", "supervisors", "2020-09-20", True, "方案未获通过，重新起草", ()),
    ("civil_affairs", "training", "2020-09-30", False, "18人全部参训并考试", ("培训签到表", "考试成绩单")),
    ("public_security", "tech-identify", "2020-07-08", False, "采集DNA样本14份", ("DNA采集登记表",)),
    ("public_security", "escort-handover", "2020-07-15", False, "护送4人入站，均书面交接", ("交接单-2020-07",)),
    ("fire_rescue", "fire-check-round-1", "2020-06-26", False, "检查救助站及2家托养机构", ("消防检查记录表-2020-06",)),
    ("fire_rescue", "hazards-removed", "2020-07-20", False, "3处隐患全部整改", ("整改复查记录",)),
    (
        "market_regulation",
        "food-safety-measures",
        "2020-07-15",
        False,
        "会同民政局印发食品安全管理措施",
        ("食品安全管理措施.pdf",),
    ),
    ("poverty_alleviation", "review-count", "2020-08-28", False, "回头看摸底：3人", ()),
    ("poverty_alleviation", "data-sharing", "2020-08-28", False, "与民政局建立建档立卡数据共享机制", ("共享协议",)),
    ("poverty_alleviation", "focus-and-help", "2020-09-20", False, "3户均已落实帮扶措施", ("帮扶台账",)),
    ("urban_management", "patrol-system", "2020-06-15", False, "印发常态化街面巡查制度", ("街面巡查制度",)),
    ("rescue_station", "face-module", "2020-06-10", False, "人脸识别模块已开通", ()),
]

# (unit, metric, date, value): what the units entered; some on target, some not, some left blank.
METRIC_VALUES = [
    ("political_legal", "in_assessment", "2020-06-05", "yes"),
    ("public_security", "tech_comparison_pct", "2020-09-25", "14/20"),
    ("public_security", "identities_verified", "2020-09-25", "5"),
    ("public_security", "escort_handover_pct", "2020-07-15", "4/4"),
    ("civil_affairs", "training_coverage", "2020-09-30", "18/18"),
    ("civil_affairs", "minors_public_care_pct", "2020-07-20", "100"),
    ("civil_affairs", "hazards_rectified_pct", "2020-09-28", "9/12"),
    ("civil_affairs", "settlement_plan_submitted", "2020-10-10", "no"),
    ("finance", "purchased_services_yuan", "2020-09-28", "120000"),
    ("finance", "pay_tilt_applied", "2020-09-28", "no"),
    ("human_resources", "posts_added", "2020-08-18", "1"),
    ("health", "health_assessed_pct", "2020-09-30", "17/20"),
    ("health", "treated_timely_pct", "2020-09-30", "100"),
    ("fire_rescue", "fire_inspections", "2020-06-26", "3"),
    ("fire_rescue", "fire_hazards_removed_pct", "2020-07-20", "3/3"),
    ("market_regulation", "food_inspections", "2020-06-28", "2"),
    ("market_regulation", "food_measures_issued", "2020-07-15", "yes"),
    ("medical_security", "assistance_tilt_in_force", "2020-08-10", "yes"),
    ("poverty_alleviation", "poor_with_vagrancy", "2020-08-28", "3"),
    ("poverty_alleviation", "helped_pct", "2020-09-20", "3/3"),
    ("urban_management", "escort_handover_pct", "2020-08-20", "6/6"),
    ("urban_management", "patrol_system_adopted", "2020-06-15", "yes"),
    ("rescue_station", "face_module_on", "2020-06-10", "yes"),
    ("rescue_station", "dedicated_posts", "2020-08-18", "1"),
]

# (milestone, date, report went up, copies): R1 sent on time, two of its four copies out so far.
SENDS = [("R1", "2020-08-19", True, ("political_legal", "public_security"))]

# One incident: a person went missing from the station and was reported up two days later (A1.4: at once).
INCIDENT = ("missing", "2020-09-18", "2020-09-20", "站内一名智力残疾受助人员夜间走失，9月19日寻回")

# The committee's decisions of 2020-10-14: (unit, level, rule, subject, decision, reason, order, due).
DECISIONS = [
    (
        "civil_affairs",
        "accountability",
        "task_overdue",
        "A4.1#1",
        "confirmed",
        "安置方案逾期45天未报县政府",
        "报送安置方案并作书面说明",
        "2020-10-31",
    ),
    (
        "rescue_station",
        "supervision",
        "task_overdue",
        "A4.1#0",
        "dismissed",
        "安置申请8月5日已补报，逾期系材料核对所致，不予追究",
        "",
        "",
    ),
]


def build_demo(ws: Workspace, force: bool = False) -> None:
    """Create the demo database at `db`: built-in plan, reports from several units, duty logs with gaps,
    checklist ticks, metric values, an incident and the committee's first decisions."""
    from .checklists import apply_tick, check_tick
    from .flags import decide, flag_id
    from .incidents import apply_incident, check_incident
    from .metrics import apply_value, check_value
    from .sending import apply_send, check_send

    db = ws.db
    plan = build_plan(ws.units)
    init_database(db, plan, "demo", force=force, info={"as_of": DEMO_AS_OF.isoformat(), "demo": True})
    rng = random.Random(2020)
    with db.transaction("demo") as tx:
        record = load_record(tx, ws.units)
        for task, unit, day, percent, done, note, evidence in REPORTS:
            report = check_report(record, task, percent, D(day), unit, done, note, evidence, author=f"{unit}-联络员")
            apply_report(tx, record, report)
        for duty in plan.duties:
            spans = periods(duty, DEMO_AS_OF)
            free = list(spans)
            for unit in record.duty_units(duty):
                wanted = DUTY_COVERAGE.get((duty.id, unit), 0)
                # A joint "any" duty's units keep different days, so together they cover `wanted` more.
                pool = free if duty.joint == "any" else spans
                chosen = rng.sample(pool, min(wanted, len(pool)))
                free = [p for p in free if p not in chosen]
                for first, last in sorted(chosen):
                    logged = first + dt.timedelta(days=rng.randint(0, (last - first).days))
                    apply_log(tx, record, check_log(record, duty.id, logged, unit, author="demo"))
        for unit, item, day, undo, note, evidence in TICKS:
            apply_tick(
                tx, record, check_tick(ws.registry, record, unit, item, D(day), undo, note, evidence, f"{unit}-联络员")
            )
        for unit, metric, day, value in METRIC_VALUES:
            apply_value(tx, record, check_value(ws.registry, record, unit, metric, value, D(day), f"{unit}-联络员"))
        kind, day, reported, note = INCIDENT
        apply_incident(
            tx, record, check_incident(record, kind, D(day), note, reported=D(reported), author="rescue_station-值班员")
        )
        for milestone, day, up, copies in SENDS:
            apply_send(tx, record, check_send(record, milestone, D(day), up, copies))
        for day, topics, chair in MEETINGS:  # the coordination mechanism at work (附件2's first column)
            apply_meeting(tx, check_meeting(tx, record.plan, D(day), topics, chair, "县民政局办公室"))
    for unit, level, rule, subject, decision, reason, order, due in DECISIONS:
        decide(
            ws,
            flag_id(unit, level, rule, subject),
            decision,
            reason,
            DEMO_AS_OF - dt.timedelta(days=1),
            author="政法委-督导组",
            order=order,
            order_due=D(due) if due else None,
        )
