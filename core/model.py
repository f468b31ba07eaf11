"""The plan and the record as plain dataclasses: no storage, no UI."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from .dates import stored_date

UNIT_KINDS = ("department", "station", "township")
FREQUENCIES = ("daily", "weekly", "monthly")


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Action:
    """One of the plan's six actions (A1–A6)."""

    id: str
    title: str
    title_en: str


@dataclass(frozen=True)
class Deadline:
    """A due date, optionally opening a window (the inspection rounds run 2020-06-21..30)."""

    due: dt.date
    start: dt.date | None = None
    label: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class RecurringDuty:
    """A duty performed again and again: daily patrol, weekly inspection, two-monthly revisit."""

    id: str
    task: str
    title: str
    title_en: str
    freq: str
    start: dt.date
    end: dt.date
    owner: str
    interval: int = 1
    per_township: bool = False


@dataclass(frozen=True)
class Milestone:
    """A reporting date of the plan (county → city → province)."""

    id: str
    date: dt.date
    title: str
    title_en: str


@dataclass(frozen=True)
class Task:
    """A task of an action, with its owners and deadlines."""

    id: str
    action: str
    title: str
    title_en: str
    text: str
    lead: str
    co: tuple[str, ...] = ()
    deadlines: tuple[Deadline, ...] = ()

    @property
    def units(self) -> tuple[str, ...]:
        """Every owner, the lead first."""
        return (self.lead, *self.co)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class DutyLog:
    """One performed occurrence of a recurring duty."""

    duty: str
    date: dt.date
    unit: str
    author: str = ""
    note: str = ""
    id: int = 0


@dataclass(frozen=True)
class AuditEntry:
    """Who changed what, when, with the value before and after."""

    at: str
    who: str
    what: str
    target: str
    before: object = None
    after: object = None
    id: int = 0
