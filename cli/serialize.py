"""The record's status objects as JSON documents for --json output."""

from __future__ import annotations

from duban.core.i18n import pick
from duban.core.model import RecurringDuty
from duban.core.status import DeadlineStatus, DutyCompliance, PartStatus, Rollup, TaskStatus


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
    """One deadline (step) of a task, or of a unit's part of it, and where it stands."""
    return {
        "task": d.task,
        "index": d.index,
        "step": d.index + 1,
        "unit": d.unit or None,
        "due": d.deadline.due.isoformat() if d.deadline.due else None,
        "extended_from": d.was.isoformat() if d.was else None,
        "window_start": d.deadline.start.isoformat() if d.deadline.start else None,
        "label": pick(d.deadline.label, d.deadline.label_en),
        "actors": list(d.deadline.actors),
        "reading": d.deadline.reading or None,
        "state": d.state,
        "done_on": d.done_on.isoformat() if d.done_on else None,
        "days_overdue": d.days_overdue,
        "days_left": d.days_left,
    }


def _standing_json(s: PartStatus | TaskStatus) -> dict:
    """Where a task, or one unit's part of it, stands: state, percent, lateness, last report, deadlines."""
    return {
        "state": s.state,
        "percent": s.percent,
        "days_overdue": s.days_overdue,
        "last_report": s.last_report.isoformat() if s.last_report else None,
        "deadlines": [deadline_json(d) for d in s.deadlines],
    }


def part_json(p: PartStatus) -> dict:
    """One responsible unit's own part of a task: its state, percent and deadlines."""
    return {"unit": p.unit, **_standing_json(p)}


def task_json(s: TaskStatus) -> dict:
    """A task with its responsible units, each unit's part, and the task's state derived from them."""
    return {
        "id": s.task.id,
        "action": s.task.action,
        "title": pick(s.task.title, s.task.title_en),
        "units": list(s.task.units),
        "lead": s.task.lead or None,
        "lead_is_county_choice": bool(s.task.lead),
        **_standing_json(s),
        "parts": [part_json(p) for p in s.parts],
    }


def duty_json(c: DutyCompliance) -> dict:
    """A recurring duty's compliance for one unit."""
    return {
        "duty": c.duty.id,
        "task": c.duty.task,
        "title": pick(c.duty.title, c.duty.title_en),
        "unit": c.unit,
        "units": list(c.duty.units),
        **_duty_terms_json(c.duty),
        "expected": c.expected,
        "logged": c.logged,
        "pct": None if c.ratio is None else round(100 * c.ratio, 1),
    }


def _duty_terms_json(d: RecurringDuty) -> dict:
    """How the plan sets a recurring duty: shared or each unit's own, how often, from when to when, and
    whether that is a reading."""
    return {
        "joint": d.joint,
        "reading": d.reading or None,
        "freq": d.freq,
        "interval": d.interval,
        "start": d.start.isoformat(),
        "end": d.end.isoformat(),
    }


def duty_plan_json(d: RecurringDuty, performers: list[str]) -> dict:
    """A recurring duty as the plan sets it: who performs it, how often, and whether that is a reading."""
    return {"id": d.id, "title": pick(d.title, d.title_en), "units": performers, **_duty_terms_json(d)}
