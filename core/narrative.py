"""What the plan's reports say, as plain data and text: periods, the summary table's narratives,
the stage summary, task rows. No spreadsheet code here; `reports/` lays this out in workbooks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .folds import live
from .frozen import frozen
from .i18n import catalogue, language, pick, t
from .meetings import Meeting, meetings
from .model import Plan, Unit
from .overview import Overview, overview
from .record import Record, load_record
from .status import DONE_LATE, DONE_ON_TIME, DONE_STATES, OVERDUE, overdue, state_label

if TYPE_CHECKING:
    from .registry import Registry

#: The attachment-2 form of the seed, word for word (附件2).
SUMMARY_TITLE = "救助管理服务质量大提升专项行动情况汇总表"
SUMMARY_HEADERS = (
    "序号",
    "市州",
    "地方党委和政府履职情况",
    "照料服务达标行动开展情况",
    "救助寻亲服务行动开展情况",
    "街面巡查和综合治理行动开展情况",
    "落户安置行动开展情况",
    "源头治理行动开展情况",
    "干部队伍素质提升行动开展情况",
)
SUMMARY_GUIDANCE = (
    "市州是否成立政府负责同志牵头的领导协调机制，专项行动期间领导协调机制发挥作用情况（注明召开会议时间、研究事项）"
)

SUMMARY_FOOTNOTE = "备注：有关数据统计截止时间为填报日"
_MEETINGS = re.compile(r"召开会议(\d+)次")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_COUNTY = re.compile(r"^(.{1,12}?[县市区旗])")


@frozen
class Period:
    """What a report covers: from `start` to `end`, figures as of `end`."""

    key: str  # what --period names: the as-of date, a milestone's id (R1) or a quarter (2020-Q3)
    label: str
    start: dt.date
    end: dt.date
    kind: str  # "as_of" | "milestone" | "quarter"


@frozen
class ScheduleItem:
    """A report falling due."""

    due: dt.date
    period: Period
    what: str


@frozen
class TaskRow:
    """One unit's part of one deadline of a task, as the 任务进度 sheet lists it."""

    action: str
    task: str
    deadline: str
    unit: str
    reading: str
    due: dt.date | None
    state: str
    state_words: str
    rag: str
    percent: int
    days_overdue: int
    last_report: dt.date | None
    last_note: str


@frozen
class ActionSummary:
    """One action in the stage summary (阶段总结)."""

    action: str
    progress: str
    highlights: str
    shortcomings: str
    rag: str


@frozen
class UnitCompletion:
    """One unit's completion, for the chart and the unit sheet."""

    code: str
    name: str
    tasks: int
    done: int
    overdue: int
    done_pct: float
    progress: float
    duty_pct: float | None


@dataclass
class ReportData:
    """Everything one report workbook shows, computed once from one snapshot."""

    record: Record
    period: Period
    county: str
    filler: str
    overview: Overview
    meetings: list[Meeting]
    summary_row: tuple[str, ...]
    actions: list[ActionSummary]
    tasks: list[TaskRow]
    overdue: list[TaskRow]
    units: list[UnitCompletion]
    notes: dict[str, list[dict]]
    extras: dict

    @property
    def as_of(self) -> dt.date:
        """The date the figures are as of (the filling date)."""
        return self.period.end


def rag(state: str, days_left: int | None = None, soon: int = 14) -> str:
    """Red (overdue), amber (done late, or due within `soon` days), green (done on time), else no colour."""
    if state == DONE_ON_TIME:
        return "green"
    if state == OVERDUE:
        return "red"
    if state == DONE_LATE or (days_left is not None and days_left <= soon):
        return "amber"
    return ""


def county_name(plan: Plan) -> str:
    """The county the plan belongs to: the setting `county`, else the start of the plan's title."""
    if plan.settings.get("county"):
        return str(plan.settings["county"])
    found = _COUNTY.match(plan.title)
    return found.group(1) if found else plan.title


def filling_unit(record: Record, county: str) -> str:
    """Who fills in the summary table: the setting `reporting_unit`, else the county's civil-affairs bureau."""
    code = record.plan.settings.get("reporting_unit", "civil_affairs")
    unit: Unit | None = record.unit(code)
    if unit is None:
        return county
    return county + unit.name[1:] if unit.name.startswith("县") else unit.name


def quarter(year: int, q: int) -> Period:
    """Calendar quarter `q` of `year`."""
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
    return Period(f"{year}-Q{q}", t(f"nar_quarter_{q}", year=year), start, end, "quarter")


def resolve_period(plan: Plan, text: str | None, as_of: dt.date) -> Period:
    """The period named by `text` (milestone id or date, or quarter), else everything up to `as_of`."""
    if not text:
        return Period(as_of.isoformat(), t("nar_as_of", as_of=as_of), plan.period_start, as_of, "as_of")
    value = text.strip()
    milestones = list(plan.milestones)
    for i, m in enumerate(milestones):
        if value.upper() == m.id.upper() or value == m.date.isoformat():
            start = milestones[i - 1].date + dt.timedelta(days=1) if i else plan.period_start
            return Period(m.id, pick(m.title, m.title_en), start, m.date, "milestone")
    found = _QUARTER.match(value.upper())
    if found:
        period = quarter(int(found.group(1)), int(found.group(2)))
        if period.end < plan.period_start or period.start > plan.period_end:
            raise UsageError(
                t(
                    "rpt_period_outside",
                    value=text,
                    start=period.start,
                    end=period.end,
                    plan_start=plan.period_start,
                    plan_end=plan.period_end,
                )
            )
        return period
    raise UsageError(t("rpt_bad_period", value=text, milestones="/".join(m.id for m in milestones)))


def schedule(plan: Plan) -> list[ScheduleItem]:
    """Every report of the plan: the summary table at each milestone, the accountability report each quarter."""
    items = [
        ScheduleItem(
            m.date,
            resolve_period(plan, m.id, m.date),
            t("nar_summary_table_stage_summary_city"),
        )
        for m in plan.milestones
    ]
    year, q = plan.period_start.year, (plan.period_start.month - 1) // 3 + 1
    while True:
        period = quarter(year, q)
        if period.start > plan.period_end:
            break
        items.append(
            ScheduleItem(
                period.end,
                period,
                t("nar_quarterly_report"),
            )
        )
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return sorted(items, key=lambda i: (i.due, i.period.kind))


def progress_notes(snap) -> dict[str, list[dict]]:
    """Progress reports per task, oldest first."""
    notes: dict[str, list[dict]] = {}
    for doc in sorted(live(snap, "progress"), key=lambda d: (d["date"], d["id"])):
        notes.setdefault(doc["task"], []).append(doc)
    return notes


def _in(doc: dict, start: dt.date, end: dt.date) -> bool:
    return start.isoformat() <= doc["date"] <= end.isoformat()


def _latest_notes(
    data_notes: dict[str, list[dict]], task_ids: list[str], start: dt.date, end: dt.date, limit: int
) -> list[dict]:
    docs = [d for tid in task_ids for d in data_notes.get(tid, []) if _in(d, start, end) and d.get("note")]
    return sorted(docs, key=lambda d: (d["date"], d["id"]), reverse=True)[:limit]


def metric_sentence(metric, value: float) -> str:
    """A metric's value as an official writes it: "巡查完成率为60.1%", and a yes/no metric as a statement
    ("人脸识别模块已开通" / "人脸识别模块尚未开通"), never "…已开通是"."""
    from .metrics import format_value

    if metric.kind == "yesno":
        if value >= 1:
            return pick(metric.name, metric.name_en)
        # The plan words yes/no metrics as done facts ("…已落实"): the open case says what is not yet done.
        if language() == "zh" and "已" in metric.name:
            return metric.name.replace("已", "尚未", 1)
        return t("nar_metric_no", name=pick(metric.name, metric.name_en))
    return t("nar_metric_value", name=pick(metric.name, metric.name_en), value=format_value(metric, value))


def _metric_phrases(extras: dict, task_ids: set[str], limit: int = 3) -> list[str]:
    """The action's metrics with a value, those off target first, at most `limit`."""
    found = [m for m in extras.get("metrics", []) if m.value is not None and set(m.metric.tasks) & task_ids]
    found.sort(key=lambda m: m.on_target is not False)
    return [metric_sentence(m.metric, m.value) for m in found[:limit]]


def note_sentence(record: Record, doc: dict) -> str:
    """A progress note as a report quotes it: the day, the task by its name, the note."""
    task = record.plan.task(doc["task"])
    title = pick(task.title, task.title_en) if task else doc["task"]
    note = doc["note"].rstrip("。；;.， ")
    return t("nar_note", date=doc["date"], title=title, note=note)


def action_narrative(data: ReportData, action_id: str, latest: int = 1) -> str:
    """One action's column of the summary table: tasks done/total, overdue, duties, metrics, latest notes."""
    ov, period = data.overview, data.period
    rollup = next(r for r in ov.actions if r.key == action_id)
    task_ids = [s.task.id for s in ov.tasks if s.task.action == action_id]
    on_time = sum(1 for s in ov.tasks if s.task.action == action_id and s.state == DONE_ON_TIME)
    counts = t(
        "nar_action_counts",
        tasks=rollup.tasks,
        done=rollup.done,
        on_time=on_time,
        in_progress=rollup.in_progress,
        not_started=rollup.not_started,
        overdue=rollup.overdue,
    )
    parts = [counts + t("nar_average_progress", progress=rollup.progress)]
    if rollup.duty_expected and rollup.duty_ratio is not None:
        pct = 100 * rollup.duty_ratio
        parts.append(
            t(
                "nar_recurring_duties_performed",
                pct=pct,
                duty_logged=rollup.duty_logged,
                duty_expected=rollup.duty_expected,
            )
        )
    metrics = _metric_phrases(data.extras, set(task_ids))
    if metrics:
        parts.append(t("nar_key_figures") + t("nar_sep").join(metrics) + t("nar_full_stop"))
    notes = _latest_notes(data.notes, task_ids, period.start, period.end, latest)
    if notes:
        parts.append(
            t("nar_latest") + t("nar_sep").join(note_sentence(data.record, d) for d in notes) + t("nar_full_stop")
        )
    return ("" if language() == "zh" else " ").join(parts)


#: The reporting unit's checklist item that answers 附件2's question whether the mechanism exists.
MECHANISM_ITEM = "leading-mechanism"


def mechanism_sentence(data: ReportData) -> str:
    """Whether the leading mechanism exists, as the reporting unit's checklist records it, and who chairs it."""
    code = data.record.plan.settings.get("reporting_unit", "civil_affairs")
    items = data.extras.get("units", {}).get(code, {}).get("checklist", [])
    item = next((i for i in items if i.item.id == MECHANISM_ITEM), None)
    chairs = list(dict.fromkeys(m.chair for m in data.meetings if m.date <= data.as_of and m.chair))
    if item is None or not item.done:
        return t("nar_mechanism_not_set_up")
    chaired = t("nar_mechanism_chairs", chairs=t("list_sep").join(chairs)) if chairs else ""
    return t("nar_mechanism_set_up", when=item.when, item=pick(item.item.title, item.item.title_en), chaired=chaired)


def _counts_pattern() -> re.Pattern:
    text = re.escape(catalogue()["nar_action_counts"][0])
    for name in ("tasks", "done", "on_time", "in_progress", "not_started", "overdue"):
        text = text.replace(re.escape("{" + name + "}"), f"(?P<{name}>\\d+)")
    return re.compile(text)


def count_totals(columns: list[tuple[str, ...]]) -> list[str]:
    """A roll-up's totals row: per column, the counts of every row's narrative added up.

    The first column counts mechanisms set up and meetings held; each action column adds up its
    task counts. Narratives a county rewrote so that the counts cannot be read are left out, and
    the cell says how many rows it counts.
    """
    pattern = _counts_pattern()
    totals = []
    party = [c[0] for c in columns]
    set_up = sum(1 for text in party if text.startswith("已于"))
    meetings = sum(int(m.group(1)) for text in party if (m := _MEETINGS.search(text)))
    totals.append(f"{len(party)}个单位中已建立领导协调机制{set_up}个；召开会议共{meetings}次")
    for i in range(1, len(columns[0]) if columns else 1):
        found = [m.groupdict() for c in columns if (m := pattern.search(c[i]))]
        if not found:
            totals.append("")
            continue
        summed = {k: sum(int(f[k]) for f in found) for k in found[0]}
        totals.append(f"（{len(found)}个单位）" + catalogue()["nar_action_counts"][0].format(**summed))
    return totals


def party_narrative(data: ReportData) -> str:
    """The Party-and-government column: the mechanism (checklist and chair) and its meetings up to the filling date."""
    held = [m for m in data.meetings if m.date <= data.as_of]
    if not held:
        return mechanism_sentence(data) + t("nar_no_meetings")
    # Who chaired is said once, in the mechanism sentence; the form asks each meeting's date and topics.
    listed = t("nar_sep").join(f"{m.date}{t('nar_studied')}{m.topics.rstrip('。；;.')}" for m in held)
    return mechanism_sentence(data) + t("nar_meetings_held", held_count=len(held), listed=listed)


def stage_summary(data: ReportData) -> list[ActionSummary]:
    """Per action: progress, highlights and shortcomings, drawn from the record."""
    from .flags import flag_settings

    ov, record, period = data.overview, data.record, data.period
    # A duty counts as a shortcoming where the committee would supervise it (the plan's setting).
    below_par = flag_settings(record)["duty_supervision_below"]
    result = []
    sep = t("nar_sep")
    for action, rollup in zip(record.plan.actions, ov.actions):
        statuses = [s for s in ov.tasks if s.task.action == action.id]
        highlights = []
        for s in statuses:
            for d in s.deadlines:
                if d.state == DONE_ON_TIME and d.done_on is not None and period.start <= d.done_on <= period.end:
                    highlights.append(
                        t(
                            "nar_done_on_time",
                            title=pick(s.task.title, s.task.title_en),
                            label=pick(d.deadline.label, d.deadline.label_en),
                            done_on=d.done_on,
                        )
                    )
        highlights += [
            note_sentence(record, d)
            for d in _latest_notes(data.notes, [s.task.id for s in statuses], period.start, period.end, 3)
            if d.get("evidence")
        ]
        shortcomings = []
        for s in statuses:
            for d in overdue([s]):
                shortcomings.append(
                    t(
                        "nar_days_overdue_due",
                        title=pick(s.task.title, s.task.title_en),
                        label=pick(d.deadline.label, d.deadline.label_en),
                        unit=record.label(d.unit),
                        days_overdue=d.days_overdue,
                        due=d.extended_note() or d.deadline.due,
                    )
                )
            if s.state not in DONE_STATES and s.state != OVERDUE and s.percent == 0:
                shortcomings.append(t("nar_not_started", title=pick(s.task.title, s.task.title_en)))
        for c in ov.duties:
            if record.plan.known_task(c.duty.task).action == action.id and c.ratio is not None and c.ratio < below_par:
                shortcomings.append(
                    t(
                        "nar_performed_periods_missed",
                        title=pick(c.duty.title, c.duty.title_en),
                        unit=record.label(c.unit),
                        ratio=100 * c.ratio,
                        missed_count=len(c.missed),
                    )
                )
        colour = "red" if rollup.overdue else "green" if rollup.done == rollup.tasks else "amber"
        result.append(
            ActionSummary(
                pick(action.title, action.title_en),
                action_narrative(data, action.id, latest=1),
                sep.join(highlights) or t("nar_none"),
                sep.join(shortcomings) or t("nar_none"),
                colour,
            )
        )
    return result


def task_rows(data: ReportData) -> list[TaskRow]:
    """One row per task, deadline and responsible unit (each unit's own part), in plan order."""
    record = data.record
    actions = {a.id: a for a in record.plan.actions}
    rows = []
    for s in data.overview.tasks:
        notes = [d for d in data.notes.get(s.task.id, []) if d["date"] <= data.as_of.isoformat()]
        action = actions[s.task.action]
        for part, d in sorted(((p, d) for p in s.parts for d in p.deadlines), key=lambda pd: pd[1].index):
            last = next((n for n in reversed(notes) if n.get("unit") == d.unit), None)
            rows.append(
                TaskRow(
                    action=pick(action.title, action.title_en),
                    task=pick(s.task.title, s.task.title_en),
                    deadline=pick(d.deadline.label, d.deadline.label_en),
                    unit=record.label(d.unit),
                    reading=t("reading_of", text=d.deadline.reading) if d.deadline.reading else "",
                    due=d.deadline.due,
                    state=d.state,
                    state_words=state_label(d.state) + (f" · {d.extended_note()}" if d.was else ""),
                    rag=rag(d.state, d.days_left, data.overview.soon_days),
                    percent=part.percent,
                    days_overdue=d.days_overdue,
                    last_report=part.last_report,
                    last_note=last["note"] if last else "",
                )
            )
    return rows


def unit_completion(data: ReportData) -> list[UnitCompletion]:
    """Completion of every owner, in the plan's order."""
    return [
        UnitCompletion(
            r.key,
            data.record.label(r.key),
            r.tasks,
            r.done,
            r.overdue,
            r.done_pct,
            r.progress,
            None if r.duty_ratio is None else 100 * r.duty_ratio,
        )
        for r in data.overview.units
    ]


def department_extras(registry: Registry, record: Record, as_of: dt.date) -> dict:
    """The committee's flags and each unit's checklist and metrics on `as_of`."""
    from . import checklists, flags, metrics

    units: dict[str, dict[str, Any]] = {}
    for unit in record.owners():
        units[unit.code] = {
            "checklist": checklists.checklist_status(registry, record, unit.code, as_of),
            "metrics": metrics.metric_status(registry, record, unit.code, as_of),
        }
    return {
        "flags": flags.evaluate_flags(registry, record, as_of),
        "units": units,
        "metrics": [m for u in units.values() for m in u["metrics"]],
    }


def build_report(
    snap, registry: Registry, as_of: dt.date, period_text: str | None = None, county: str | None = None
) -> ReportData:
    """The report on `period_text` (or as of `as_of`) from one snapshot."""
    record = load_record(snap, registry.units)
    record.in_force(as_of)
    period = resolve_period(record.plan, period_text, as_of)
    record.in_force(period.end)  # the plan as it stood at the period's end (core.amend)
    extras = department_extras(registry, record, period.end)
    county = county or county_name(record.plan)
    ov = overview(record, period.end)
    data = ReportData(
        record=record,
        period=period,
        county=county,
        filler=filling_unit(record, county),
        overview=ov,
        meetings=meetings(snap),
        summary_row=(),
        actions=[],
        tasks=[],
        overdue=[],
        units=[],
        notes=progress_notes(snap),
        extras=extras,
    )
    columns = [action_narrative(data, a.id) for a in record.plan.actions[:6]]
    data.summary_row = (county, party_narrative(data), *columns, *[""] * (6 - len(columns)))
    data.actions = stage_summary(data)
    data.tasks = task_rows(data)
    data.overdue = sorted((r for r in data.tasks if r.state == OVERDUE), key=lambda r: (-r.days_overdue, r.task))
    data.units = unit_completion(data)
    return data
