"""The record's status objects as JSON documents for --json output."""

from __future__ import annotations

from duban.core.i18n import pick
from duban.core.status import DeadlineStatus, DutyCompliance, Rollup, TaskStatus


def rollup_json(r: Rollup) -> dict:
    """A roll-up with its counts and percentages."""
    return {
        "tasks": r.tasks,
        "done": r.done,
        "done_late": r.done_late,
        "in_progress": r.in_progress,
        "not_started": r.not_started,
        "overdue": r.overdue,
        "due_soon": r.due_soon,
        "done_pct": round(r.done_pct, 1),
        "progress_pct": round(r.progress, 1),
        "duty_expected": r.duty_expected,
        "duty_logged": r.duty_logged,
        "duty_pct": None if r.duty_ratio is None else round(100 * r.duty_ratio, 1),
    }


def deadline_json(d: DeadlineStatus) -> dict:
    """One deadline of a task and where it stands."""
    return {
        "task": d.task,
        "index": d.index,
        "due": d.deadline.due.isoformat(),
        "window_start": d.deadline.start.isoformat() if d.deadline.start else None,
        "label": pick(d.deadline.label, d.deadline.label_en),
        "state": d.state,
        "done_on": d.done_on.isoformat() if d.done_on else None,
        "days_overdue": d.days_overdue,
        "days_left": d.days_left,
    }


def task_json(s: TaskStatus) -> dict:
    """A task with its owners, status and deadlines."""
    return {
        "id": s.task.id,
        "action": s.task.action,
        "title": pick(s.task.title, s.task.title_en),
        "lead": s.task.lead,
        "co": list(s.task.co),
        "state": s.state,
        "percent": s.percent,
        "days_overdue": s.days_overdue,
        "last_report": s.last_report.isoformat() if s.last_report else None,
        "deadlines": [deadline_json(d) for d in s.deadlines],
    }


def duty_json(c: DutyCompliance) -> dict:
    """A recurring duty's compliance for one unit."""
    return {
        "duty": c.duty.id,
        "task": c.duty.task,
        "title": pick(c.duty.title, c.duty.title_en),
        "unit": c.unit,
        "freq": c.duty.freq,
        "interval": c.duty.interval,
        "start": c.duty.start.isoformat(),
        "end": c.duty.end.isoformat(),
        "expected": c.expected,
        "logged": c.logged,
        "pct": None if c.ratio is None else round(100 * c.ratio, 1),
    }
