"""The campaign at a glance on one date: what `duban status` and the dashboard both show."""

from __future__ import annotations

import datetime as dt

from .frozen import frozen
from .model import Milestone
from .record import Record
from .status import (
    DeadlineStatus,
    DutyCompliance,
    Rollup,
    TaskStatus,
    action_rollups,
    all_duty_compliance,
    all_task_status,
    due_within,
    next_milestone,
    overdue,
    unit_rollups,
)


@frozen
class Overview:
    """Every figure of the overview, computed once."""

    as_of: dt.date
    soon_days: int
    tasks: list[TaskStatus]
    duties: list[DutyCompliance]
    actions: list[Rollup]
    units: list[Rollup]
    overdue: list[DeadlineStatus]
    due_soon: list[DeadlineStatus]
    milestone: Milestone | None
    total: Rollup


def soon_days(record: Record) -> int:
    """How many days ahead counts as 'due soon' (plan setting, 14 by default)."""
    return record.plan.days_setting("due_soon_days")


def overview(record: Record, as_of: dt.date, days: int | None = None) -> Overview:
    """The overview of `record` on `as_of`."""
    days = soon_days(record) if days is None else days
    statuses = all_task_status(record, as_of)
    duties = all_duty_compliance(record, as_of)
    actions = action_rollups(record, statuses, duties, as_of, days)
    total = Rollup(
        "all",
        sum(a.tasks for a in actions),
        sum(a.done for a in actions),
        sum(a.in_progress for a in actions),
        sum(a.not_started for a in actions),
        sum(a.overdue for a in actions),
        sum(a.due_soon for a in actions),
        sum(a.done_late for a in actions),
        sum(s.percent for s in statuses) / len(statuses) if statuses else 0.0,
        sum(d.expected for d in duties),
        sum(d.logged for d in duties),
    )
    return Overview(
        as_of,
        days,
        statuses,
        duties,
        actions,
        unit_rollups(record, statuses, duties, as_of, days),
        overdue(statuses),
        due_within(statuses, as_of, days),
        next_milestone(record, as_of),
        total,
    )
