"""What each calendar feed holds: a unit's deadlines, duties, milestones and flag, as FeedEvents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from duban.core.errors import DubanError
from duban.core.flags import Flag, evaluate_flags, flag_label, flag_settings, ruling_lines, unit_flag
from duban.core.frozen import frozen
from duban.core.i18n import language, pick, t
from duban.core.model import Deadline, Milestone, RecurringDuty, Task
from duban.core.record import Record
from duban.core.status import (
    DONE_ON_TIME,
    IN_PROGRESS,
    OVERDUE,
    DeadlineStatus,
    PartStatus,
    TaskStatus,
    all_task_status,
    duty_compliance,
    frequency_label,
    next_milestone,
    parts_label,
    state_label,
)
from duban.core.uids import make_uid
from duban.core.workdays import last_working_day, non_working_note

from .ical import Alarm, FeedEvent

if TYPE_CHECKING:
    from duban.core.registry import Registry

ALL = "all"
DEFAULT_REMINDER_DAYS = (7, 1)
REMINDER_HOUR = 9  # reminders ring at 09:00 local time, n days before the last day
DAY = dt.timedelta(days=1)
T = TypeVar("T")


@frozen
class Feed:
    """One calendar: its code (a unit's or "all"), its display name and its events in order."""

    code: str
    name: str
    events: tuple[FeedEvent, ...]


@dataclass
class FeedInputs:
    """Everything feeds are built from, read from one database snapshot."""

    record: Record
    as_of: dt.date
    reports: dict[int, dict] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    #: text every feed built from these inputs repeats (a task's parts, the plan's source line), by language
    memo: dict[tuple, object] = field(default_factory=dict, repr=False, compare=False)


def _once(inputs: FeedInputs, key: tuple, make: Callable[[], T]) -> T:
    """`make()`, worked out once per inputs and language."""
    full = (language(), *key)
    if full not in inputs.memo:
        inputs.memo[full] = make()
    return cast(T, inputs.memo[full])


def reminder_days(record: Record) -> tuple[int, ...]:
    """How many days before a deadline reminders ring (plan setting `reminder_days`, default 7 and 1)."""
    days = record.plan.settings.get("reminder_days", DEFAULT_REMINDER_DAYS)
    if not isinstance(days, (list, tuple)) or not all(isinstance(d, int) and 0 <= d <= 366 for d in days):
        raise DubanError(
            t(
                "cal_bad_setting",
                setting="reminder_days",
                value=days,
                expected=t("cal_list_whole_days_e_g"),
            )
        )
    return tuple(sorted(set(days), reverse=True))


def feed_codes(record: Record) -> list[str]:
    """Every feed there is: "all", then each owner (and township) in the plan's order."""
    codes = [u.code for u in record.owners()]
    codes += [u.code for u in record.townships() if u.code not in codes]
    return [ALL, *codes]


def rrule(duty: RecurringDuty) -> str:
    """The RRULE whose occurrences are the first days of core.status.periods(duty, …)."""
    freq = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY"}[duty.freq]
    parts = [f"FREQ={freq}"]
    if duty.interval != 1:
        parts.append(f"INTERVAL={duty.interval}")
    if duty.freq == "monthly" and duty.start.day > 28:
        # periods() clamps Jan 31 + 1 month to Feb 29; a plain BYMONTHDAY=31 would skip February.
        parts.append("BYMONTHDAY=" + ",".join(str(d) for d in range(28, duty.start.day + 1)))
        parts.append("BYSETPOS=-1")
    parts.append(f"UNTIL={duty.end:%Y%m%d}")
    return ";".join(parts)


def _alarms(inputs: FeedInputs, start: dt.date, due: dt.date, what: str) -> tuple[Alarm, ...]:
    """Reminders at 09:00, n days before `due` (moved back to a working day), measured from the
    event's first day; a reminder whose day has passed rings no more, two on one day ring once."""
    ahead = _once(inputs, ("reminder_days",), lambda: reminder_days(inputs.record))
    days = {last_working_day(due - dt.timedelta(days=n)) for n in ahead}
    alarms = []
    for day in sorted(d for d in days if d >= inputs.as_of):
        left = (due - day).days
        text = t("cal_remind", days=left, what=what) if left else t("cal_remind_today", what=what)
        alarms.append(Alarm(dt.timedelta(days=(day - start).days, hours=REMINDER_HOUR), text))
    return tuple(alarms)


def _window_alarm(inputs: FeedInputs, start: dt.date, due: dt.date, what: str) -> tuple[Alarm, ...]:
    """One reminder for a window, before it opens: Outlook keeps a single reminder per event and
    drops those after the start, so the others would ring on no liaison's desk."""
    day = last_working_day(start - DAY)
    if day < inputs.as_of:
        return ()
    text = t("cal_remind_window", start=start, due=due, what=what)
    return (Alarm(dt.timedelta(days=(day - start).days, hours=REMINDER_HOUR), text),)


def _categories(inputs: FeedInputs, action_id: str | None, fallback: str) -> tuple[str, ...]:
    """CATEGORIES of an event: the action it belongs to, with its title."""

    def make() -> tuple[str, ...]:
        action = next((a for a in inputs.record.plan.actions if a.id == action_id), None)
        return (f"{action.id} {pick(action.title, action.title_en)}",) if action else (fallback,)

    return _once(inputs, ("categories", action_id, fallback), make)


def _source_line(inputs: FeedInputs) -> str:
    plan = inputs.record.plan
    return _once(
        inputs, ("source",), lambda: t("cal_desc_source", doc=plan.doc_number, plan=pick(plan.title, plan.title_en))
    )


def _state_tag(status: DeadlineStatus, task_status: TaskStatus | PartStatus, percent: bool = True) -> str:
    if status.state == OVERDUE:
        return t("cal_overdue", days=status.days_overdue)
    if status.state == DONE_ON_TIME:
        return t("cal_done")
    if status.state == IN_PROGRESS and percent:
        return t("cal_in_progress", percent=task_status.percent)
    return state_label(status.state)


def deadline_event(inputs: FeedInputs, status: TaskStatus, ds: DeadlineStatus) -> FeedEvent:
    """One deadline of a task as an all-day event (a window spans its days)."""
    record, task, deadline = inputs.record, status.task, ds.deadline
    due = deadline.due
    if due is None:
        raise ValueError(f"{task.id}: a step without a date has no event")  # callers pass dated deadlines only
    mine = status.part(ds.unit) or status if ds.unit else status  # a unit's feed: its own part's figures
    title = pick(task.title, task.title_en)
    label = pick(deadline.label, deadline.label_en)
    name = f"{task.id} {title}" + (f" {label}" if len(task.deadlines) > 1 and label else "")
    start = deadline.start or due
    lines = [
        *_once(inputs, ("when", deadline.start, due), lambda: [_when_line(deadline.start, due), *_off_day(due)]),
        *([ds.extended_note()] if ds.was else []),
        t("cal_desc_state", state=_state_tag(ds, mine, percent=False), percent=mine.percent),
        _once(inputs, ("units", task.id, ds.index), lambda: _units_line(record, task, deadline)),
        _once(inputs, ("parts", task.id), lambda: t("cal_desc_parts", parts=parts_label(status, record.label))),
        *([t("reading_of", text=deadline.reading)] if deadline.reading else []),
        _last_report(inputs, task, ds.unit),
        _source_line(inputs),
        "",
        task.text,
    ]
    return FeedEvent(
        # A unit's part is its own event: its content differs from the task's, so its UID does too.
        uid=make_uid(record.plan.id, "task", task.id, str(ds.index), *((ds.unit,) if ds.unit else ())),
        summary=f"【{_state_tag(ds, mine)}】{name}",
        description="\n".join(lines),
        start=start,
        end=due + DAY,
        categories=_categories(inputs, task.action, task.action),
        # The task's event and each unit's part ring alike: worked out once for them all.
        alarms=()
        if ds.done_on
        else _once(
            inputs,
            ("alarms", bool(deadline.start), start, due, name),
            lambda: (_window_alarm if deadline.start else _alarms)(inputs, start, due, name),
        ),
    )


def _when_line(start: dt.date | None, due: dt.date) -> str:
    return t("cal_desc_window", start=start, due=due) if start else t("cal_desc_due", due=due)


def _units_line(record: Record, task: Task, deadline: Deadline) -> str:
    return t("cal_desc_units", units=t("list_sep").join(record.label(c) for c in deadline.actors or task.units))


def _off_day(due: dt.date) -> list[str]:
    """A line marking a due date nobody works on (a holiday or a weekend), or none."""
    note = non_working_note(due)
    return [t("cal_desc_off_day", note=note)] if note else []


def _last_report(inputs: FeedInputs, task: Task, unit: str = "") -> str:
    """The latest report on the task, or on `unit`'s own part of it."""
    history = [
        h for h in inputs.record.history.get(task.id, []) if h.date <= inputs.as_of and (not unit or h.unit == unit)
    ]
    if not history:
        return t("cal_desc_none")
    last = history[-1]
    note = inputs.reports.get(last.report, {}).get("note", "")
    return t(
        "cal_desc_last", date=last.date, unit=inputs.record.label(last.unit), percent=last.percent, note=note
    ).rstrip()


def milestone_event(inputs: FeedInputs, milestone: Milestone) -> FeedEvent:
    """A reporting date of the plan as an all-day event with reminders."""
    record = inputs.record
    title = pick(milestone.title, milestone.title_en)
    return FeedEvent(
        uid=make_uid(record.plan.id, "milestone", milestone.id),
        summary=f"【{t('cal_milestone')}】{milestone.id} {title}",
        description="\n".join(
            [t("cal_desc_due", due=milestone.date), *_off_day(milestone.date), title, _source_line(inputs)]
        ),
        start=milestone.date,
        end=milestone.date + DAY,
        categories=(t("cal_milestone"),),
        alarms=_alarms(inputs, milestone.date, milestone.date, title),
    )


def duty_event(inputs: FeedInputs, duty: RecurringDuty, performers: list[str], key: str = "") -> FeedEvent:
    """A recurring duty as one event with an RRULE; its compliance is summed over `performers`."""
    record, as_of = inputs.record, inputs.as_of
    results = [duty_compliance(duty, u, record.duty_dates_for(duty, u), as_of) for u in performers]
    expected = sum(r.expected for r in results)
    logged = sum(r.logged for r in results)
    rate = f"{100 * logged / expected:.0f}%" if expected else None
    title = pick(duty.title, duty.title_en)
    freq = frequency_label(duty)
    task = record.plan.task(duty.task)
    lines = [
        t(
            "cal_desc_duty",
            freq=freq,
            start=duty.start,
            end=duty.end,
            units="、".join(record.label(u) for u in performers),
        ),
        t("cal_desc_duty_rate", as_of=as_of, expected=expected, logged=logged, rate=rate)
        if expected
        else t("cal_duty_not_due"),
    ]
    missed = sorted(d for r in results for d in r.recent_missed(5))[-5:]
    if missed:
        lines.append(t("cal_desc_missed", dates="、".join(d.isoformat() for d in missed)))
    if task:
        lines.append(f"{task.id} {pick(task.title, task.title_en)}")
    lines.append(_source_line(inputs))
    state = t("cal_duty_rate", rate=rate) if rate else t("cal_duty_not_due")
    within = _within(duty)
    return FeedEvent(
        uid=make_uid(record.plan.id, "duty", duty.id, *([key] if key else [])),
        summary=f"{duty.task} {title}（{within + '，' if within else ''}{state}）",
        description="\n".join(lines),
        start=duty.start,
        end=duty.start + (dt.timedelta(weeks=duty.interval) if duty.freq == "weekly" else DAY),
        categories=_categories(inputs, task.action if task else None, duty.task),
        rrule=rrule(duty),
    )


def _within(duty: RecurringDuty) -> str:
    """For a duty done once per week or months, when: "本周内", "两个月内" … (a weekly one also spans
    its week), so nobody reads the period's first day as the day it is due."""
    if duty.freq == "weekly":
        return t("cal_within_week") if duty.interval == 1 else t("cal_within_weeks", n=duty.interval)
    if duty.freq == "monthly":
        return t("cal_within_month") if duty.interval == 1 else t("cal_within_months", n=duty.interval)
    return ""


def flag_event(inputs: FeedInputs, flag: Flag) -> FeedEvent:
    """The unit's flag, on the next reporting date: the committee's decision with its reason and order,
    or (where the plan publishes them) a suggestion labelled 待认定; the facts in plain words."""
    record = inputs.record
    milestone = next_milestone(record, inputs.as_of)
    # The last day of the calendar has no day after it to end on: such a flag shows the day before.
    day = milestone.date if milestone else min(inputs.as_of, dt.date.max - DAY)
    headline = flag.evidence[0].text if flag.evidence else flag.reason
    lines = [*ruling_lines(flag), t("cal_desc_evidence")]
    lines += [f"- {e.text}" for e in flag.evidence]
    lines.append(_source_line(inputs))
    return FeedEvent(
        uid=make_uid(record.plan.id, "flag", flag.unit),
        summary=f"【{flag_label(flag)}】{record.label(flag.unit)}：{headline}",
        description="\n".join(line for line in lines if line),
        start=day,
        end=day + DAY,
        categories=(flag_label(flag),),
    )


def published_flag(inputs: FeedInputs, unit: str) -> Flag | None:
    """The flag a unit's feed shows: the committee's decision; a pending suggestion only where the plan
    publishes them (``publish_pending``), labelled as such."""
    pending = flag_settings(inputs.record)["publish_pending"]
    return unit_flag(inputs.flags, unit, pending=pending)


def current_flags(registry: Registry, record: Record, as_of: dt.date) -> list[Flag]:
    """The committee's open flags on `as_of` (a feed shows each unit's current one, not the history)."""
    return evaluate_flags(registry, record, as_of, include_resolved=False)


def build_feed(inputs: FeedInputs, code: str) -> Feed:
    """The feed `code` ("all" or a unit code from feed_codes)."""
    return build_feeds(inputs, [code])[0]


def build_feeds(inputs: FeedInputs, codes: list[str]) -> list[Feed]:
    """The feeds `codes`, in one pass over the plan: an event several feeds carry (a duty, a
    milestone, a flag) is built once and shared."""
    record = inputs.record
    plan = record.plan
    townships = {u.code for u in record.townships()}
    wanted = set(codes)
    events: dict[str, list[FeedEvent]] = {code: [] for code in wanted}
    for status in all_task_status(record, inputs.as_of):
        # A unit's feed carries its own part: its deadlines, in its own state; undated steps have no day.
        if ALL in wanted:
            events[ALL] += [
                deadline_event(inputs, status, ds) for ds in status.deadlines if ds.deadline.due is not None
            ]
        for part in status.parts:
            if part.unit in wanted and part.unit != ALL:
                events[part.unit] += [
                    deadline_event(inputs, status, ds) for ds in part.deadlines if ds.deadline.due is not None
                ]
    for duty in plan.duties:
        performers = record.duty_units(duty)
        shared: FeedEvent | None = None
        for code in wanted:
            if code == ALL or (code in duty.units and code not in townships):
                shared = shared or duty_event(inputs, duty, performers)
                events[code].append(shared)
            elif code in performers and code in townships:
                events[code].append(duty_event(inputs, duty, [code], key=code))
    milestones = [milestone_event(inputs, m) for m in plan.milestones]
    flags: dict[str, FeedEvent] = {}
    for unit in feed_codes(record)[1:] if ALL in wanted else [c for c in codes if c != ALL]:
        flag = published_flag(inputs, unit)
        if flag is not None:
            flags[unit] = flag_event(inputs, flag)
    feeds = []
    for code in codes:
        if code == ALL:
            name = t("cal_all_name", plan=pick(plan.title, plan.title_en))
            own = list(flags.values())
        else:
            name = t("cal_unit_name", unit=record.label(code))
            own = [flags[code]] if code in flags else []
        feeds.append(Feed(code, name, (*events[code], *milestones, *own)))
    return feeds
