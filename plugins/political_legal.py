"""县委政法委 (County Political-Legal Committee): its duties from section 四(一) of the plan, and the
committee's flag rules — commend units that deliver, supervise and hold to account those that do not.

Every threshold comes from the plan's ``[settings.flags]`` (the ``settings`` argument); a county
replaces these rules by unregistering this plugin, or adds its own beside them.
"""

from duban.core.checklists import ChecklistItem
from duban.core.flags import Evidence, Finding, deadline_evidence, duty_evidence, incident_evidence, metric_evidence
from duban.core.hookspecs import hookimpl
from duban.core.i18n import pick
from duban.core.incidents import on_time
from duban.core.metrics import MetricDef
from duban.core.model import Unit
from duban.core.status import DONE_LATE, DONE_ON_TIME, OVERDUE, all_duty_compliance, all_task_status
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="political_legal",
    name="县委政法委",
    name_en="County Political-Legal Committee",
    short="政法委",
    kind="department",
    order=1,
)

#: Section 四(一), verbatim.
DUTY = (
    "负责将流浪乞讨人员救助大提升行动工作纳入对各乡镇及县直各部门社会治安综合治理、平安创建考核内容和指标，"
    "对认真开展工作，落实到位、成效明显的乡镇及县直部门予以表彰奖励，对工作不力、措施不实、造成严重后果的，"
    "严格进行责任督导和追究。"
)

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "assessment",
            "将专项行动纳入乡镇和县直部门综治、平安创建考核",
            "Put the action into the safe-county assessment of townships and departments",
            (),
            "纳入对各乡镇及县直各部门社会治安综合治理、平安创建考核内容和指标",
        ),
        (
            "commendations",
            "对落实到位、成效明显的单位予以表彰奖励",
            "Commend and reward units with clear results",
            (),
            "落实到位、成效明显的乡镇及县直部门予以表彰奖励",
        ),
        (
            "accountability",
            "对工作不力、措施不实、造成严重后果的严格督导追究",
            "Supervise and hold to account units that work poorly or cause serious consequences",
            (),
            "对工作不力、措施不实、造成严重后果的，严格进行责任督导和追究",
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
            "in_assessment",
            "专项行动已纳入综治、平安创建考核",
            "Action included in the safe-county assessment",
            "yesno",
            1,
            "at_least",
            "entered",
            (),
            "纳入对各乡镇及县直各部门社会治安综合治理、平安创建考核内容和指标",
        ),
    )
)


@hookimpl
def duban_evaluate_flags(record, as_of, settings, metrics):
    """The committee's readings: overdue tasks, duties behind, incidents, late reports; commend the rest."""
    statuses = all_task_status(record, as_of)
    duties = all_duty_compliance(record, as_of)
    result = []
    for unit in record.owners():
        negative = (
            _overdue(record, unit.code, statuses, settings)
            + _duties(unit.code, duties, settings)
            + _incidents(record, unit.code, as_of, settings)
        )
        result += negative or _commendation(record, unit.code, statuses, duties, metrics.get(unit.code, []), settings)
    return result


def _own_deadlines(statuses, unit: str):
    """The deadlines of `unit`'s own parts: it answers for these and for no other unit's."""
    return [d for s in statuses for p in s.parts if p.unit == unit for d in p.deadlines]


def _level(value, accountability, supervision, below: bool):
    """The level a figure reaches against two thresholds (below=True: lower is worse)."""
    if (value < accountability) if below else (value >= accountability):
        return "accountability"
    if (value < supervision) if below else (value >= supervision):
        return "supervision"
    return None


def _overdue(record, unit, statuses, settings):
    """One finding per overdue deadline of the unit's own part, so each cause keeps its own flag."""
    found = []
    for d in _own_deadlines(statuses, unit):
        level = d.state == OVERDUE and _level(
            d.days_overdue,
            settings["accountability_overdue_days"],
            settings["supervision_overdue_days"],
            below=False,
        )
        if level:
            found.append(Finding(unit, level, "task_overdue", (deadline_evidence(record, d),), f"{d.task}#{d.index}"))
    return found


def _duties(unit, duties, settings):
    found = []
    for c in duties:
        if c.unit != unit or not c.expected:
            continue
        level = _level(c.ratio, settings["duty_accountability_below"], settings["duty_supervision_below"], below=True)
        if level:
            found.append(Finding(unit, level, "duty_behind", (duty_evidence(c),), c.duty.id))
    return found


def _incidents(record, unit, as_of, settings):
    found = []
    report_task = record.plan.task(settings["report_task"])
    for doc in record.incidents:
        if doc["date"] > as_of.isoformat():
            continue
        evidence = (incident_evidence(doc, settings["report_within_days"]),)
        if unit in doc["units"]:
            level = (
                "accountability"
                if doc["kind"] in settings["accountability_incidents"]
                else "supervision"
                if doc["kind"] in settings["supervision_incidents"]
                else None
            )
            if level:
                found.append(Finding(unit, level, "incident", evidence, f"incident:{doc['id']}"))
        late = doc["reported"] <= as_of.isoformat() and not on_time(doc, settings["report_within_days"])
        if late and report_task is not None and unit in report_task.units:
            task_ref = Evidence(
                "task", report_task.id, f"{report_task.id} {pick(report_task.title, report_task.title_en)}"
            )
            found.append(Finding(unit, "supervision", "report_late", (task_ref, *evidence), f"incident:{doc['id']}"))
    return found


def _commendation(record, unit, statuses, duties, metrics, settings):
    """落实到位、成效明显: deadlines met on time, duties kept, metrics on target — and something to show."""
    positives = []
    for d in _own_deadlines(statuses, unit):
        if d.state == DONE_LATE:
            return []
        if d.state == DONE_ON_TIME:
            positives.append(deadline_evidence(record, d))
    positives += [duty_evidence(c) for c in duties if c.unit == unit and c.expected]
    # An entered metric left blank counts as missed; a computed one with nothing to measure yet does not count.
    counted = [m for m in metrics if m.value is not None or m.metric.source == "entered"]
    hits = [m for m in counted if m.on_target]
    if counted and len(hits) / len(counted) < settings["commend_metrics_ratio"]:
        return []
    positives += [metric_evidence(record, m) for m in hits]
    return [Finding(unit, "commendation", "commend", tuple(positives))] if positives else []


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, None
)
