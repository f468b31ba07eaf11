"""The status engine: pure functions of the record and an as-of date."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools

from .dates import add_months
from .frozen import frozen
from .i18n import t
from .model import Deadline, HistoryEntry, RecurringDuty, Task
from .record import Record

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
OVERDUE = "overdue"
STATES = (NOT_STARTED, IN_PROGRESS, DONE_ON_TIME, DONE_LATE, OVERDUE)
DONE_STATES = (DONE_ON_TIME, DONE_LATE)


def state_label(state: str) -> str:
    """A status in words, in the user's language."""
    return t(f"st_{state}")


def parts_label(status: TaskStatus, label) -> str:
    """Who has done and who is late, one word per unit's part: 民政局 已完成、公安局 逾期45天."""
    words = []
    for p in status.parts:
        state = t("st_overdue_days", days=p.days_overdue) if p.state == OVERDUE else state_label(p.state)
        words.append(f"{label(p.unit)} {state}")
    return t("list_sep").join(words)


def frequency_label(duty: RecurringDuty) -> str:
    """How often a recurring duty falls due, in words: 每天, 每周, 每月, 每2个月."""
    if duty.freq == "monthly":
        return t("freq_monthly", n=duty.interval) if duty.interval > 1 else t("core_monthly")
    return t(f"freq_{duty.freq}")


@frozen
class DeadlineStatus:
    """Where one deadline stands on the as-of date: for one unit's part, or (unit "") for the task."""

    task: str
    index: int
    deadline: Deadline
    state: str
    done_on: dt.date | None
    days_overdue: int
    days_left: int | None
    unit: str = ""
    #: the plan's due date when an approved extension moved this one (core.extensions); `deadline` holds the new
    was: dt.date | None = None

    def extended_note(self) -> str:
        """ "延期至 DATE（原 DATE）" when an extension moved this deadline, else ""."""
        return t("extended_to", due=self.deadline.due, was=self.was) if self.was is not None else ""

    def due_label(self) -> str:
        """The due date as every view shows it: the extension note, else the date (marked when nobody
        works that day), else "—" for an undated step."""
        from .workdays import non_working_note  # the holiday calendar, only for views that show dates

        if self.deadline.due is None:
            return "—"
        note = non_working_note(self.deadline.due)
        return self.extended_note() or (f"{self.deadline.due}（{note}）" if note else self.deadline.due.isoformat())


@frozen
class PartStatus:
    """Where one responsible unit's own part of a task stands: only its reports, only its deadlines."""

    task: Task
    unit: str
    state: str
    percent: int
    deadlines: tuple[DeadlineStatus, ...]
    days_overdue: int
    last_report: dt.date | None

    def next_open(self) -> DeadlineStatus | None:
        """The unit's earliest deadline not yet done."""
        return next((d for d in self.deadlines if d.done_on is None), None)

    def extended_note(self) -> str:
        """ "延期至 DATE（原 DATE）" for each of the unit's deadlines an approved extension moved, else ""."""
        return t("list_sep").join(n for d in self.deadlines if (n := d.extended_note()))


@frozen
class TaskStatus:
    """Where a task stands on the as-of date: its parts, and the task as the plan's rule derives it."""

    task: Task
    state: str  # one of STATES
    percent: int
    deadlines: tuple[DeadlineStatus, ...]
    days_overdue: int
    last_report: dt.date | None
    parts: tuple[PartStatus, ...] = ()

    def next_open(self) -> DeadlineStatus | None:
        """The earliest deadline not yet done."""
        return next((d for d in self.deadlines if d.done_on is None), None)

    def part(self, unit: str) -> PartStatus | None:
        """The part of `unit`, if it has one."""
        return next((p for p in self.parts if p.unit == unit), None)


@frozen
class DutyCompliance:
    """Occurrences of a recurring duty due so far versus those logged."""

    duty: RecurringDuty
    unit: str
    expected: int
    logged: int
    #: indices (0 = the first period) of the periods with a logged occurrence
    logged_periods: frozenset[int] = frozenset()

    @property
    def missed(self) -> tuple[dt.date, ...]:
        """First days of the periods due so far with nothing logged, oldest first."""
        return tuple(_first_day(self.duty, k) for k in range(self.expected) if k not in self.logged_periods)

    def recent_missed(self, n: int) -> tuple[dt.date, ...]:
        """The last `n` of `missed`, found from the newest period back (a year of daily duty is long)."""
        found: list[dt.date] = []
        for k in range(self.expected - 1, -1, -1):
            if len(found) == n:
                break
            if k not in self.logged_periods:
                found.append(_first_day(self.duty, k))
        return tuple(reversed(found))

    @property
    def ratio(self) -> float | None:
        """Logged / expected, or None when nothing is due yet."""
        return self.logged / self.expected if self.expected else None


@frozen
class Rollup:
    """Counts for a group of tasks (a unit or an action)."""

    key: str
    tasks: int
    done: int
    in_progress: int
    not_started: int
    overdue: int
    due_soon: int
    done_late: int
    progress: float
    duty_expected: int
    duty_logged: int

    @property
    def done_pct(self) -> float:
        """Share of tasks done, in percent."""
        return 100.0 * self.done / self.tasks if self.tasks else 0.0

    @property
    def duty_ratio(self) -> float | None:
        """Recurring-duty compliance over the group, or None when nothing is due."""
        return self.duty_logged / self.duty_expected if self.duty_expected else None


def _deadline_state(
    task: Task,
    i: int,
    unit: str,
    finished: dt.date | None,
    started: bool,
    as_of: dt.date,
    due: dt.date | None = None,
):
    """Where deadline `i` stands; `due`: the date an approved extension moved it to."""
    d = task.deadlines[i]
    was = None
    # Only ever later: a plan amended since to a date past the extension's is the date that counts.
    if due is not None and d.due is not None and due > d.due:
        d, was = dataclasses.replace(d, due=due), d.due
    if finished is not None:
        state = DONE_ON_TIME if d.due is None or finished <= d.due else DONE_LATE
        return DeadlineStatus(task.id, i, d, state, finished, 0, None, unit, was)
    if d.due is not None and as_of > d.due:
        return DeadlineStatus(task.id, i, d, OVERDUE, None, (as_of - d.due).days, None, unit, was)
    days_left = None if d.due is None else (d.due - as_of).days
    return DeadlineStatus(task.id, i, d, IN_PROGRESS if started else NOT_STARTED, None, 0, days_left, unit, was)


def _task_deadline(task: Task, i: int, mine: list[DeadlineStatus], rule: str, as_of: dt.date) -> DeadlineStatus:
    """Deadline `i` of the task as a whole, from its parts' own (some perhaps extended).

    Done when every part is (one, by the "any" rule); otherwise its due date is the earliest one a
    part still owes, so an extension granted to one unit never lets another's lateness go unseen.
    """
    done = [(ds.done_on, ds.state) for ds in mine if ds.done_on is not None]
    extended = any(ds.was is not None for ds in mine)
    if mine and (len(done) == len(mine) or (rule == "any" and done)):
        finished, first_state = max(done) if rule == "all" else min(done)
        if not extended:
            return _deadline_state(task, i, "", finished, True, as_of)
        # Each part was judged against its own (perhaps extended) date: late if one was late ("all"),
        # or as the first to finish was ("any").
        late = any(state == DONE_LATE for _day, state in done)
        state = (DONE_LATE if late else DONE_ON_TIME) if rule == "all" else first_state
        due = max((ds.deadline.due for ds in mine if ds.deadline.due), default=None)
        return dataclasses.replace(_deadline_state(task, i, "", finished, True, as_of, due), state=state)
    started = any(ds.state != NOT_STARTED for ds in mine)
    open_dues = [ds.deadline.due for ds in mine if ds.done_on is None and ds.deadline.due is not None]
    return _deadline_state(task, i, "", None, started, as_of, min(open_dues) if extended and open_dues else None)


def _by_date(task: Task, indices) -> list[int]:
    """Deadline indices in date order (undated last): an amended plan keeps each deadline's index, so a
    moved or added one may stand out of order in the task."""
    return sorted(indices, key=lambda i: (task.deadlines[i].due is None, task.deadlines[i].due or dt.date.min, i))


def _combined(states: list[str], started: bool) -> str:
    """One state for several deadlines (or parts): done when all are, overdue when one is."""
    if states and all(s in DONE_STATES for s in states):
        return DONE_LATE if DONE_LATE in states else DONE_ON_TIME
    if OVERDUE in states:
        return OVERDUE
    return IN_PROGRESS if started or any(s != NOT_STARTED for s in states) else NOT_STARTED


def part_status(
    task: Task,
    unit: str,
    history: list[HistoryEntry],
    as_of: dt.date,
    extended: dict[tuple[int, str], dt.date] | None = None,
) -> PartStatus:
    """The status of `unit`'s own part of `task` on `as_of`, from its own reports only.

    A completion counts only for a deadline the unit answers for: a co-unit cannot close another's part.
    `extended`: the new due dates of approved extensions, by (deadline index, unit) (Record.extended).
    """
    owed = task.owed(unit)
    seen = [h for h in history if h.unit == unit and h.date <= as_of]
    percent = seen[-1].percent if seen else 0
    done_on: dict[int, dt.date] = {}
    for h in seen:
        if h.done_deadline in owed and h.done_deadline not in done_on:
            done_on[h.done_deadline] = h.date
    deadlines = []
    for i in _by_date(task, owed):
        d = task.deadlines[i]
        started = percent > 0 or bool(d.start and as_of >= d.start and seen)
        new_due = extended.get((i, unit)) if extended else None
        deadlines.append(_deadline_state(task, i, unit, done_on.get(i), started, as_of, new_due))
    state = _combined([d.state for d in deadlines], percent > 0 or bool(done_on))
    return PartStatus(
        task,
        unit,
        state,
        percent,
        tuple(deadlines),
        max((d.days_overdue for d in deadlines), default=0),
        seen[-1].date if seen else None,
    )


def task_status(
    task: Task,
    history: list[HistoryEntry],
    as_of: dt.date,
    rule: str = "all",
    extended: dict[tuple[int, str], dt.date] | None = None,
) -> TaskStatus:
    """The status of `task` on `as_of`, counting only reports dated on or before it.

    Each unit's part is worked out on its own; the task follows from the parts by `rule`: "all" —
    done when every part is done, the slowest part setting its lateness; "any" — done when one is.
    `extended`: approved extensions' new due dates by (deadline index, unit).
    """
    parts = tuple(part_status(task, unit, history, as_of, extended) for unit in task.parties)
    deadlines = [
        _task_deadline(task, i, [ds for p in parts for ds in p.deadlines if ds.index == i], rule, as_of)
        for i in _by_date(task, [i for i, d in enumerate(task.deadlines) if d.retired is None])
    ]
    percent = (
        max((p.percent for p in parts), default=0)
        if rule == "any"
        else round(sum(p.percent for p in parts) / len(parts))
        if parts
        else 0
    )
    states = [p.state for p in parts]
    if rule == "any" and any(s in DONE_STATES for s in states):
        state = DONE_ON_TIME if DONE_ON_TIME in states else DONE_LATE
    else:
        state = _combined(states, percent > 0)
    dates = [p.last_report for p in parts if p.last_report]
    return TaskStatus(
        task,
        state,
        percent,
        tuple(deadlines),
        max((d.days_overdue for d in deadlines), default=0),
        max(dates) if dates else None,
        parts,
    )


def status_of(record: Record, task: Task, as_of: dt.date) -> TaskStatus:
    """`task`'s status on `as_of` from the record: its reports, its rule, its approved extensions."""
    return task_status(
        task, record.history.get(task.id, []), as_of, record.plan.parts_rule(task), record.extended(task.id, as_of)
    )


def part_of(record: Record, task: Task, unit: str, as_of: dt.date) -> PartStatus:
    """`unit`'s own part of `task` on `as_of` from the record, its approved extensions included."""
    return part_status(task, unit, record.history.get(task.id, []), as_of, record.extended(task.id, as_of))


def all_task_status(record: Record, as_of: dt.date) -> list[TaskStatus]:
    """Every task's status on `as_of`, in plan order (worked out once per record and date)."""
    key = (id(record.plan), as_of)  # the plan an amendment replaced stays held by the record: its id is its own
    found = record.status_memo.get(key)
    if found is None:
        found = record.status_memo[key] = [status_of(record, task, as_of) for task in record.plan.tasks]
    return list(found)


class _Calendar:
    """A duty's periods, computed once and extended only as far as anyone has asked."""

    def __init__(self, duty: RecurringDuty):
        self.duty = duty
        self.spans: list[tuple[dt.date, dt.date]] = []
        self.lasts: list[dt.date] = []
        self.finished = False
        d = duty
        self.step = {
            "daily": lambda n: d.start + dt.timedelta(days=n * d.interval),
            "weekly": lambda n: d.start + dt.timedelta(weeks=n * d.interval),
        }.get(d.freq, lambda n: add_months(d.start, n * d.interval))

    def _extend(self) -> None:
        k = len(self.spans)
        try:
            first = self.step(k)
        except (OverflowError, ValueError):
            self.finished = True  # the next period would start after 9999-12-31
            return
        try:
            last = self.step(k + 1) - dt.timedelta(days=1)
        except (OverflowError, ValueError):
            last = dt.date.max
        if first > self.duty.end:
            self.finished = True
            return
        self.spans.append((first, min(last, self.duty.end)))
        self.lasts.append(self.spans[-1][1])

    def ended_by(self, until: dt.date) -> list[tuple[dt.date, dt.date]]:
        while not self.finished and (not self.lasts or self.lasts[-1] <= until):
            self._extend()
        return self.spans[: bisect.bisect_right(self.lasts, until)]


@functools.lru_cache(maxsize=4096)
def _calendar(duty: RecurringDuty) -> _Calendar:
    # Flags re-evaluate compliance on many dates; each duty's calendar is worked out once.
    return _Calendar(duty)


def periods(duty: RecurringDuty, until: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The duty's periods (first day, last day) that have ended by `until`."""
    return _calendar(duty).ended_by(until)


def _period_days(duty: RecurringDuty) -> int | None:
    """Days in each period of a daily or weekly duty; None for months, which vary."""
    return {"daily": 1, "weekly": 7}.get(duty.freq, 0) * duty.interval or None


def _first_day(duty: RecurringDuty, k: int) -> dt.date:
    days = _period_days(duty)
    return duty.start + dt.timedelta(days=k * days) if days else add_months(duty.start, k * duty.interval)


def duty_compliance(duty: RecurringDuty, unit: str, dates: list[dt.date], as_of: dt.date) -> DutyCompliance:
    """How many of the duty's periods ended by `as_of` have at least one logged occurrence."""
    days = _period_days(duty)
    until = min(as_of, duty.end)  # the last period is cut at the duty's end
    if days is None:
        spans = periods(duty, as_of)
        lasts = [last for _first, last in spans]
        logged = {bisect.bisect_left(lasts, d) for d in dates if duty.start <= d <= until}
        expected = len(spans)
    else:
        # Fixed-length periods: which period a date falls in is arithmetic, so a year of daily
        # patrols costs no more than its logged dates.
        covered = (until - duty.start).days + 1 if until >= duty.start else 0
        expected = covered // days + (1 if duty.end <= as_of and covered % days else 0)
        logged = {(d - duty.start).days // days for d in dates if duty.start <= d <= until}
    counted = frozenset(k for k in logged if k < expected)
    return DutyCompliance(duty, unit, expected, len(counted), counted)


def all_duty_compliance(record: Record, as_of: dt.date) -> list[DutyCompliance]:
    """Compliance of every duty, per performing unit (worked out once per record and date, as task status)."""
    key = (id(record.plan), as_of, "duties")
    found = record.status_memo.get(key)
    if found is None:
        found = record.status_memo[key] = [
            duty_compliance(duty, unit, record.duty_dates_for(duty, unit), as_of)
            for duty in record.plan.duties
            for unit in record.duty_units(duty)
        ]
    return list(found)


def _part_deadlines(statuses: list) -> list[DeadlineStatus]:
    """Each unit's own deadlines (a PartStatus carries only its own; a TaskStatus, its parts')."""
    return [d for s in statuses for p in getattr(s, "parts", (s,)) for d in p.deadlines]


def due_within(statuses: list, as_of: dt.date, days: int) -> list[DeadlineStatus]:
    """Open deadlines of each unit's part falling due from `as_of` to `days` days later, soonest first."""
    soon = [
        d for d in _part_deadlines(statuses) if d.done_on is None and d.days_left is not None and d.days_left <= days
    ]
    return sorted(soon, key=lambda d: (d.deadline.due, d.task, d.index, d.unit))


def overdue(statuses: list) -> list[DeadlineStatus]:
    """Overdue deadlines, one per unit whose part is late, longest overdue first."""
    late = [d for d in _part_deadlines(statuses) if d.state == OVERDUE]
    return sorted(late, key=lambda d: (-d.days_overdue, d.task, d.index, d.unit))


def _rollup(key: str, statuses: list, duties: list[DutyCompliance], as_of: dt.date, soon_days: int) -> Rollup:
    def count(*states):
        return sum(1 for s in statuses if s.state in states)

    return Rollup(
        key=key,
        tasks=len(statuses),
        done=count(*DONE_STATES),
        in_progress=count(IN_PROGRESS),
        not_started=count(NOT_STARTED),
        overdue=count(OVERDUE),
        due_soon=len(due_within(statuses, as_of, soon_days)),
        done_late=count(DONE_LATE),
        progress=sum(s.percent for s in statuses) / len(statuses) if statuses else 0.0,
        duty_expected=sum(d.expected for d in duties),
        duty_logged=sum(d.logged for d in duties),
    )


def parts_by_unit(statuses: list[TaskStatus]) -> dict[str, list[PartStatus]]:
    """Every unit's own parts, in the tasks' order, gathered in one pass (not one pass per unit: at
    100,000 tasks the repeated passes over a record that no longer fits the CPU's caches grew faster
    than the plan)."""
    found: dict[str, list[PartStatus]] = {}
    for s in statuses:
        for p in s.parts:
            found.setdefault(p.unit, []).append(p)
    return found


def unit_rollups(
    record: Record, statuses: list[TaskStatus], duties: list[DutyCompliance], as_of: dt.date, soon_days: int
) -> list[Rollup]:
    """One roll-up per owner, counting only its own parts and its own duties, in the plan's order."""
    parts = parts_by_unit(statuses)
    duties_of: dict[str, list[DutyCompliance]] = {}
    for d in duties:
        duties_of.setdefault(d.unit, []).append(d)
    return [
        _rollup(u.code, parts.get(u.code, []), duties_of.get(u.code, []), as_of, soon_days) for u in record.owners()
    ]


def action_rollups(
    record: Record, statuses: list[TaskStatus], duties: list[DutyCompliance], as_of: dt.date, soon_days: int
) -> list[Rollup]:
    """One roll-up per action."""
    task_action = {task.id: task.action for task in record.plan.tasks}
    return [
        _rollup(
            a.id,
            [s for s in statuses if s.task.action == a.id],
            [d for d in duties if task_action.get(d.duty.task) == a.id],
            as_of,
            soon_days,
        )
        for a in record.plan.actions
    ]


def next_milestone(record: Record, as_of: dt.date):
    """The first reporting milestone on or after `as_of`, if any."""
    return next((m for m in record.plan.milestones if m.date >= as_of), None)
