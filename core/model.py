"""The plan and the record as plain dataclasses: no storage, no UI."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import field
from typing import NamedTuple

from .dates import stored_date
from .frozen import frozen

UNIT_KINDS = ("department", "station", "township")
FREQUENCIES = ("daily", "weekly", "monthly")


@frozen
class Unit:
    """An owner of tasks: one of the twelve departments, the rescue station, or a township."""

    code: str
    name: str
    name_en: str
    short: str = ""
    kind: str = "department"
    order: int = 100
    liaison: str = ""
    phone: str = ""
    email: str = ""
    #: a name the plan ships for the county to replace (the seed names no township)
    placeholder: bool = False


@frozen
class Action:
    """One of the plan's six actions (A1–A6)."""

    id: str
    title: str
    title_en: str


@frozen
class Deadline:
    """A due date, optionally opening a window (the inspection rounds run 2020-06-21..30).

    A deadline with `actors` is a step that only those units answer for (A4.1: the station files
    the applications); without actors every listed unit of the task owes its own part of it. A step
    may have no date at all (the police *start* household registration). `reading` holds the seed's
    sentence when the date is duban's reading of it rather than the seed's words.
    """

    due: dt.date | None
    start: dt.date | None = None
    label: str = ""
    label_en: str = ""
    actors: tuple[str, ...] = ()
    reading: str = ""
    #: the day a plan amendment retired this deadline (core.amend): kept in its place, so the step
    #: numbers of the others and the reports on it stay as recorded, and owed by nobody from then on
    retired: dt.date | None = None

    def owed_by(self, unit: str, listed: tuple[str, ...]) -> bool:
        """Whether `unit` answers for this deadline, given the task's listed units (a retired one: nobody)."""
        if self.retired is not None:
            return False
        return unit in self.actors if self.actors else unit in listed


JOINT_RULES = ("any", "each")


@frozen
class RecurringDuty:
    """A duty performed again and again: daily patrol, weekly inspection, two-monthly revisit.

    `units` all perform it. `joint` says how: "any" — one log per period from any of them keeps the
    period for all (the A1.3 patrol of 民政局 and 救助站); "each" — every unit owes its own log.
    `reading` holds the seed's sentence when the cadence is duban's reading, not the seed's words.
    """

    id: str
    task: str
    title: str
    title_en: str
    freq: str
    start: dt.date
    end: dt.date
    units: tuple[str, ...] = ()
    interval: int = 1
    per_township: bool = False
    joint: str = "each"
    reading: str = ""


@frozen
class Milestone:
    """A reporting date of the plan (county → city → province): `unit`'s obligation to send the
    report by `date`, with `copies` the units it is also sent to (通报)."""

    id: str
    date: dt.date
    title: str
    title_en: str
    unit: str = ""
    copies: tuple[str, ...] = ()


@frozen
class Trigger:
    """An obligation an event starts: a person admitted on D owes a tracing notice by D + due_days.

    `units` answer for it; empty means the unit the event names (the township a key person lives in).
    `reading` holds the seed's sentence when the deadline is duban's reading of it.
    """

    id: str
    task: str
    event: str
    title: str
    title_en: str
    due_days: int
    units: tuple[str, ...] = ()
    reading: str = ""


PARTS_RULES = ("all", "any")


@frozen
class Task:
    """A task of an action, with its responsible units and deadlines.

    `units` is the seed's 责任单位 line: each answers for its own part. `lead` is empty unless the
    county named one in its plan file (its choice, shown as such). `rule` says how the task's state
    follows from its parts ("" = the plan's default, see `Plan.parts_rule`).
    """

    id: str
    action: str
    title: str
    title_en: str
    text: str
    units: tuple[str, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    lead: str = ""
    rule: str = ""

    # Worked out once per task (it is frozen): status asks for them per unit and per listing.
    @functools.cached_property
    def parties(self) -> tuple[str, ...]:
        """Every unit with a part: the listed units and the steps' actors, each owing something."""
        return tuple(c for c, owed in self._owed.items() if owed)

    def owed(self, unit: str) -> tuple[int, ...]:
        """Indices of the deadlines `unit` answers for."""
        found = self._owed.get(unit)
        return found if found is not None else self._owed_by(unit)

    @functools.cached_property
    def _owed(self) -> dict[str, tuple[int, ...]]:
        codes = dict.fromkeys((*self.units, *(a for d in self.deadlines for a in d.actors)))
        return {c: self._owed_by(c) for c in codes}

    def _owed_by(self, unit: str) -> tuple[int, ...]:
        return tuple(i for i, d in enumerate(self.deadlines) if d.owed_by(unit, self.units))


#: Day counts a plan's [settings] may set, and what they are when it does not (display readings: the seed
#: names neither how far ahead "due soon" looks nor when a unit shows as quiet on the morning page; the
#: committee's own silence rule is [settings.flags] silent_days).
DAY_SETTINGS = {"due_soon_days": 14, "quiet_days": 7}
#: Every key a plan's [settings] may hold, and who reads it (a plan naming another is refused).
PLAN_SETTINGS = (
    *DAY_SETTINGS,
    "parts_rule",  # Plan.parts_rule
    "flags",  # core.flags: the committee's thresholds
    "incident_units",  # core.incidents
    "targets",  # core.metrics
    "county",  # core.narrative
    "reporting_unit",  # core.narrative
    "reminder_days",  # calendars.feeds
    "calendar_lang",  # calendars.publish
    "calendar_refresh_minutes",  # calendars.publish
)


@frozen
class Plan:
    """A special action: its actions, tasks, duties, milestones and the readings it is judged by."""

    id: str
    title: str
    title_en: str
    doc_number: str
    period_start: dt.date
    period_end: dt.date
    timezone: str = "Asia/Shanghai"
    actions: tuple[Action, ...] = ()
    tasks: tuple[Task, ...] = ()
    duties: tuple[RecurringDuty, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    units: tuple[Unit, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    settings: dict = field(default_factory=dict, compare=False, hash=False)

    # Built once per plan: rules look tasks up by id inside loops over units and dates.
    @functools.cached_property
    def _tasks_by_id(self) -> dict[str, Task]:
        return {t.id: t for t in self.tasks}

    @functools.cached_property
    def _duties_by_id(self) -> dict[str, RecurringDuty]:
        return {d.id: d for d in self.duties}

    def task(self, task_id: str) -> Task | None:
        """The task with this id, if any."""
        return self._tasks_by_id.get(task_id)

    def known_task(self, task_id: str) -> Task:
        """The task with this id, which the caller knows the plan has (an id from the plan or validated)."""
        return self._tasks_by_id[task_id]

    def duty(self, duty_id: str) -> RecurringDuty | None:
        """The recurring duty with this id, if any."""
        return self._duties_by_id.get(duty_id)

    def days_setting(self, name: str) -> int:
        """One of DAY_SETTINGS as this plan sets it."""
        return int(self.settings.get(name, DAY_SETTINGS[name]))

    def parts_rule(self, task: Task) -> str:
        """How `task`'s state follows from its parts: its own rule, else the plan's, else "all"."""
        return task.rule or str(self.settings.get("parts_rule", "all"))


@frozen
class ProgressReport:
    """One unit's report on a task: percent, note, evidence, and whether a deadline is met."""

    task: str
    unit: str
    date: dt.date
    percent: int
    note: str = ""
    evidence: tuple[str, ...] = ()
    author: str = ""
    done_deadline: int | None = None
    id: int = 0


class HistoryEntry(NamedTuple):
    """One progress report, reduced to what status needs (a tuple: a year's record builds many)."""

    date: dt.date
    percent: int
    done_deadline: int | None
    unit: str
    report: int

    @classmethod
    def of(cls, doc: dict) -> HistoryEntry:
        """The entry for a stored progress report."""
        return cls(stored_date(doc["date"]), doc["percent"], doc.get("done_deadline"), doc["unit"], doc["id"])


@frozen
class DutyLog:
    """One performed occurrence of a recurring duty."""

    duty: str
    date: dt.date
    unit: str
    author: str = ""
    note: str = ""
    id: int = 0


@frozen
class AuditEntry:
    """Who changed what, when, with the value before and after."""

    at: str
    who: str
    what: str
    target: str
    before: object = None
    after: object = None
    id: int = 0
