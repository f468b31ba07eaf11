"""县委政法委 (County Political-Legal Committee): its duties from section 四(一) of the plan, and the
committee's flag rules — commend units that deliver, supervise and hold to account those that do not.

Every threshold comes from the plan's ``[settings.flags]`` (the ``settings`` argument); a county
replaces these rules by unregistering this plugin, or adds its own beside them.
"""

from duban.core.checklists import ChecklistItem
from duban.core.flags import (
    Evidence,
    Finding,
    Rule,
    checklist_done_evidence,
    checklist_evidence,
    deadline_evidence,
    duty_evidence,
    incident_evidence,
    metric_evidence,
    obligation_evidence,
    send_evidence,
    serious_evidence,
    serious_incidents,
    silence_evidence,
)
from duban.core.frozen import frozen
from duban.core.hookspecs import hookimpl
from duban.core.i18n import pick
from duban.core.incidents import on_time
from duban.core.metrics import MetricDef
from duban.core.model import Unit
from duban.core.sending import send_status
from duban.core.status import (
    DONE_LATE,
    DONE_ON_TIME,
    OVERDUE,
    all_duty_compliance,
    all_task_status,
    parts_by_unit,
)
from duban.core.triggers import obligation_status
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


#: The rules below, in words (``duban flags rules``); each quotes the sentence of 四(一) it reads.
RULES = (
    Rule(
        "task_overdue",
        "任务逾期",
        "Deadline overdue",
        "单位自己那部分的截止节点、自己的步骤、事件触发给它的义务逾期的天数：达到督导天数建议督导，"
        "达到问责天数建议问责；不因其他单位的部分追究本单位",
        "Days a deadline of the unit's own part, its own step or an obligation an event started for it is "
        "overdue: supervision from the first threshold, accountability from the second; no unit answers for "
        "another's part",
        ("supervision_overdue_days", "accountability_overdue_days"),
        "对工作不力、措施不实、造成严重后果的，严格进行责任督导和追究",
    ),
    Rule(
        "duty_behind",
        "常态化职责落后",
        "Recurring duty behind",
        "单位自己履行的常态化职责（每日巡查、每周检查、每两月回访等）完成率低于阈值；"
        "共同职责中任一单位记录即算完成的，按共同记录计算",
        "Compliance of a recurring duty the unit performs (daily patrol, weekly inspection, two-monthly "
        "revisit) below a threshold; for a joint duty any performer's log keeps the period for all",
        ("duty_supervision_below", "duty_accountability_below"),
        "对工作不力、措施不实、造成严重后果的，严格进行责任督导和追究",
    ),
    Rule(
        "checklist_late",
        "清单事项逾期未完成",
        "Checklist item past its date",
        "工作清单中的事项未勾选完成，而本单位在它服务的任务中的最后截止日期已过",
        "A checklist item not ticked although the unit's last date on the tasks it serves has passed",
        (),
        "对工作不力、措施不实、造成严重后果的，严格进行责任督导和追究",
    ),
    Rule(
        "metric_missed",
        "指标未达标",
        "Metric off target",
        "单位填报的指标未达到目标值（由记录计算的指标不重复计入，它们由职责和事件规则判断）",
        "An entered metric off its target (computed metrics are judged by the duty and incident rules)",
        (),
        "对工作不力、措施不实、造成严重后果的，严格进行责任督导和追究",
    ),
    Rule(
        "report_unsent",
        "情况汇总表和阶段总结未按时报送",
        "Report up not sent",
        "本单位应报送的情况汇总表和阶段总结过了报送日期仍未报出（按逾期天数建议督导或问责），"
        "或已报出但过了日期仍未通报相关部门（建议督导）",
        "A report up the unit owes not sent by its date (supervision or accountability by days overdue), "
        "or sent without the copies to the departments once its date has passed (supervision)",
        ("supervision_overdue_days", "accountability_overdue_days"),
        "县民政局分别于2020年8月20日、12月20日和2021年4月20日报市州民政局，……通报本级政法委、公安、城市管理、"
        "扶贫办等相关部门",
    ),
    Rule(
        "silent",
        "长期未报送",
        "Gone quiet",
        "单位自己的部分仍未完成，却连续多天没有任何报送（进度、职责记录、清单勾选、指标填报、报出、义务完成）",
        "A unit with parts of its own still open that has reported nothing (progress, duty log, tick, metric "
        "value, report sent, obligation met) for days",
        ("silent_days",),
        "对工作不力、措施不实、造成严重后果的，严格进行责任督导和追究",
    ),
    Rule(
        "incident",
        "异常事件",
        "Incident",
        "走失、死亡、冻饿死伤、机构遇灾遇险、食品药品安全事故：对职责涉及该事件的单位建议督导；"
        "县委政法委认定造成严重后果后才建议问责",
        "A missing person, a death, cold or hunger, an institution in danger, a food or drug incident: "
        "supervision for the units whose duties it touches; accountability only once the committee judges "
        "the consequence serious",
        ("supervision_incidents",),
        "对工作不力、措施不实、造成严重后果的，严格进行责任督导和追究",
    ),
    Rule(
        "report_late",
        "异常情况上报不及时",
        "Incident reported late",
        "异常情况未在规定天数内报告（A1.4“第一时间报告”），对 A1.4 的责任单位建议督导",
        "An incident reported up later than allowed (A1.4 'at once'): supervision for the unit of A1.4",
        ("report_within_days", "report_task"),
        "对机构遇灾、遇险，受助人员走失、死亡等异常情况，要第一时间报告民政部门",
    ),
    Rule(
        "commend",
        "落实到位、成效明显",
        "Delivered, with clear results",
        "没有上述任何问题，且落实到位、成效明显：自己的部分、步骤、义务和报送按时完成（有一项逾期完成即不建议），"
        "工作清单完成、指标达标",
        "None of the above, and delivered with clear results: its own parts, steps, obligations and reports "
        "done on time (one done late rules it out), its checklist done, its metrics on target",
        ("commend_checklist_ratio", "commend_metrics_ratio"),
        "对认真开展工作，落实到位、成效明显的乡镇及县直部门予以表彰奖励",
    ),
)


@hookimpl
def duban_flag_rules(register):
    """The committee's rules, in words."""
    for rule in RULES:
        register(rule)


@hookimpl
def duban_evaluate_flags(record, as_of, settings, metrics, checklists):
    """The committee's readings of 四(一): suggest supervision for 工作不力、措施不实 (a unit's own parts and
    steps overdue, its duties behind, its checklist items past their date, its metrics off target, its plan
    reports not sent, a unit gone quiet while it owns open parts), for the units whose duties an incident
    touches (accountability only once the committee judges the consequence serious), and commendation for
    落实到位、成效明显. Every unit the plan assesses, townships included, is judged alike and only on its own
    parts: no unit answers for another's."""
    work = _Work(
        parts=parts_by_unit(all_task_status(record, as_of)),
        duties=all_duty_compliance(record, as_of),
        obligations=obligation_status(record, as_of),
        sends=send_status(record, as_of),
        last=record.last_entries(as_of),
    )
    serious = serious_incidents(record, as_of)
    result = []
    for unit in _assessed(record):
        items = checklists.get(unit.code, [])
        measured = metrics.get(unit.code, [])
        negative = (
            _overdue(record, unit.code, work, settings)
            + _duties(unit.code, work.duties, settings)
            + _checklist_late(record, unit.code, items, as_of)
            + _metrics_missed(record, unit.code, measured)
            + _reports_unsent(record, unit.code, work.sends, settings)
            + _silent(record, unit.code, work, as_of, settings)
            + _incidents(record, unit.code, as_of, settings, serious)
        )
        result += negative or _commendation(record, unit.code, work, measured, items, settings)
    return result


@frozen
class _Work:
    """Where everyone's work stands on the day, worked out once for all units."""

    parts: dict  # unit → its own parts, in the tasks' order
    duties: list
    obligations: list
    sends: list
    last: dict


def _assessed(record):
    """Every unit the committee assesses: the owners of tasks and duties, and the townships (四(一))."""
    codes = {u.code for u in record.owners()}
    return [*record.owners(), *(u for u in record.townships() if u.code not in codes)]


def _own_deadlines(work, unit: str):
    """The deadlines of `unit`'s own parts and steps: it answers for these and for no other unit's."""
    return [d for p in work.parts.get(unit, ()) for d in p.deadlines]


def _level(value, accountability, supervision, below: bool):
    """The level a figure reaches against two thresholds (below=True: lower is worse)."""
    if (value < accountability) if below else (value >= accountability):
        return "accountability"
    if (value < supervision) if below else (value >= supervision):
        return "supervision"
    return None


def _overdue_level(days, settings):
    return _level(days, settings["accountability_overdue_days"], settings["supervision_overdue_days"], below=False)


def _overdue(record, unit, work, settings):
    """One finding per overdue deadline of the unit's own part or step, and per obligation an event started
    for it, so each cause keeps its own flag."""
    found = []
    for d in _own_deadlines(work, unit):
        level = d.state == OVERDUE and _overdue_level(d.days_overdue, settings)
        if level:
            found.append(Finding(unit, level, "task_overdue", (deadline_evidence(record, d),), f"{d.task}#{d.index}"))
    for o in work.obligations:
        level = o.unit == unit and o.state == OVERDUE and _overdue_level(o.days_overdue, settings)
        if level:
            found.append(Finding(unit, level, "task_overdue", (obligation_evidence(o),), f"{o.trigger.id}:{o.case}"))
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


def _checklist_late(record, unit, items, as_of):
    """Items of the unit's checklist not ticked although the last date the unit owes on the tasks they
    serve has passed: an item serves its tasks as a whole (a second inspection round is not late after the
    first), and only the unit's own dates count (another unit's step is not its date), as an approved
    extension moved them. A unit serving a task it is not listed on is held to the task's own dates as a
    whole; a step an amendment retired is nobody's date."""
    found = []
    for s in items:
        if s.done:
            continue
        dues = []
        for task_id in s.item.tasks:
            task = record.plan.task(task_id)
            if task is not None:
                owed = task.owed(unit) or [i for i, d in enumerate(task.deadlines) if d.retired is None]
                moved = record.extended(task.id, as_of)
                dues += [moved.get((i, unit), task.deadlines[i].due) for i in owed if task.deadlines[i].due is not None]
        if dues and max(dues) < as_of:
            evidence = (checklist_evidence(s.item, max(dues)),)
            found.append(Finding(unit, "supervision", "checklist_late", evidence, s.item.id))
    return found


def _metrics_missed(record, unit, measured):
    """An entered metric off its target: 措施不实 in figures. Computed metrics re-measure duties and
    incidents, which their own rules already judge; counting them again would judge one cause twice."""
    return [
        Finding(unit, "supervision", "metric_missed", (metric_evidence(record, m),), m.metric.id)
        for m in measured
        if m.on_target is False and m.metric.source == "entered"
    ]


def _reports_unsent(record, unit, sends, settings):
    """三(二): a report up the unit owes, not sent by its date (supervision, then accountability by the
    overdue thresholds), or sent without the copies the plan asks for once its date has passed."""
    found = []
    for s in sends:
        if s.milestone.unit != unit:
            continue
        if s.state == OVERDUE:
            level = _overdue_level(s.days_overdue, settings)
        else:
            level = "supervision" if s.sent_on is not None and s.days_left < 0 and s.copies_missing else None
        if level:
            found.append(Finding(unit, level, "report_unsent", (send_evidence(record, s),), s.milestone.id))
    return found


def _silent(record, unit, work, as_of, settings):
    """A unit with parts still open that has reported nothing for `silent_days` days."""
    open_tasks = [p.task for p in work.parts.get(unit, ()) if p.state not in (DONE_ON_TIME, DONE_LATE)]
    if not open_tasks:
        return []
    last = work.last.get(unit)
    quiet = (as_of - (last or record.plan.period_start)).days
    if quiet < settings["silent_days"]:
        return []
    return [Finding(unit, "supervision", "silent", (silence_evidence(last, quiet, open_tasks),))]


def _incidents(record, unit, as_of, settings, serious):
    found = []
    report_task = record.plan.task(settings["report_task"])
    for doc in record.incidents:
        if doc["date"] > as_of.isoformat():
            continue
        evidence = (incident_evidence(doc, settings["report_within_days"]),)
        if unit in doc["units"]:
            # 造成严重后果 is the committee's judgement (四(一)); until it makes it, an incident suggests supervision.
            if doc["id"] in serious:
                judged = Evidence("incident", f"incident:{doc['id']}", serious_evidence(serious[doc["id"]]))
                found.append(Finding(unit, "accountability", "incident", (*evidence, judged), f"incident:{doc['id']}"))
            elif doc["kind"] in settings["supervision_incidents"]:
                found.append(Finding(unit, "supervision", "incident", evidence, f"incident:{doc['id']}"))
        late = doc["reported"] <= as_of.isoformat() and not on_time(doc, settings["report_within_days"])
        if late and report_task is not None and unit in report_task.units:
            task_ref = Evidence(
                "task", report_task.id, f"{report_task.id} {pick(report_task.title, report_task.title_en)}"
            )
            found.append(Finding(unit, "supervision", "report_late", (task_ref, *evidence), f"incident:{doc['id']}"))
    return found


def _commendation(record, unit, work, metrics, items, settings):
    """落实到位、成效明显: its own parts, steps, obligations and reports up done on time, duties kept,
    checklist done, metrics on target; anything of its own done late rules it out."""
    if items and sum(s.done for s in items) / len(items) < settings["commend_checklist_ratio"]:
        return []
    positives = []
    for d in _own_deadlines(work, unit):
        if d.state == DONE_LATE:
            return []
        if d.state == DONE_ON_TIME:
            positives.append(deadline_evidence(record, d))
    for o in work.obligations:
        if o.unit == unit and o.state == DONE_LATE:
            return []
        if o.unit == unit and o.state == DONE_ON_TIME:
            positives.append(obligation_evidence(o))
    for s in work.sends:
        if s.milestone.unit == unit and s.state == DONE_LATE:
            return []
        if s.milestone.unit == unit and s.state == DONE_ON_TIME:
            positives.append(send_evidence(record, s))
    positives += [duty_evidence(c) for c in work.duties if c.unit == unit and c.expected]
    # An entered metric left blank counts as missed; a computed one with nothing to measure yet does not count.
    counted = [m for m in metrics if m.value is not None or m.metric.source == "entered"]
    hits = [m for m in counted if m.on_target]
    if counted and len(hits) / len(counted) < settings["commend_metrics_ratio"]:
        return []
    positives += [metric_evidence(record, m) for m in hits]
    if not positives:  # nothing to show yet: no deadline met, no duty due, no metric measured
        return []
    if items:
        positives.append(checklist_done_evidence(items))
    return [Finding(unit, "commendation", "commend", tuple(positives))]


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, None
)
