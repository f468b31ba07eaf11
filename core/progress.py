"""Recording a unit's progress report on a task."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import folds, validate
from .codec import to_doc
from .dates import now
from .errors import DubanError
from .i18n import t
from .model import HistoryEntry, ProgressReport
from .record import Record, load_record
from .status import task_status
from .store import Database, Transaction


@dataclass(frozen=True)
class ProgressResult:
    """What a recorded report changed."""

    report: ProgressReport
    report_id: int
    state_before: str
    state_after: str


def check_report(
    record: Record,
    task_id: str,
    percent: object,
    day: dt.date,
    unit: str | None = None,
    done: bool = False,
    note: str = "",
    evidence: tuple[str, ...] = (),
    author: str = "",
    in_view: dt.date | None = None,
    step: int | None = None,
) -> ProgressReport:
    """Validate a report against the record (dated no later than the day in view); raises DubanError
    naming what is wrong.

    `step` (1-based) names the deadline a --done report completes; by default the next open one.
    """
    task = validate.task(record, task_id)
    validate.event_date(record.plan, day, "", validate.latest_day(record.info, in_view))
    unit = validate.unit(record, unit or task.lead)
    if unit not in task.units:
        raise DubanError(t("not_owner", unit=unit, task=task.id))
    # Which deadlines are done depends on every report so far, not on the day in view.
    status = task_status(task, record.history.get(task.id, []), dt.date.max)
    completed = None
    if done:
        open_deadline = status.next_open() if step is None else status.deadlines[step - 1]
        if open_deadline is None or open_deadline.done_on is not None:
            raise DubanError(t("nothing_open", task=task.id))
        completed = open_deadline.index
        is_last = sum(1 for d in status.deadlines if d.done_on is None) == 1
        if percent is None:
            percent = 100 if is_last else max(status.percent, 1)
        if is_last and validate.percent(percent) != 100:
            raise DubanError(t("done_needs_100", value=percent))
    elif percent is None or not str(percent).strip():
        raise DubanError(t("percent_missing"))
    return ProgressReport(
        task=task.id,
        unit=unit,
        date=day,
        percent=validate.percent(percent),
        note=validate.text(note, "note"),
        evidence=tuple(validate.text(e, "evidence") for e in evidence if e.strip()),
        author=validate.text(author, "--by") or unit,
        done_deadline=completed,
    )


def apply_report(tx: Transaction, record: Record, report: ProgressReport) -> ProgressResult:
    """Store a validated report inside an open transaction (an append to the log) and audit it."""
    task = record.plan.task(report.task)
    history = record.history.get(task.id, [])
    before = task_status(task, history, report.date)
    report_id = tx.append("progress", to_doc(report) | {"recorded_at": now().isoformat()})
    history = sorted(
        [*history, HistoryEntry(report.date, report.percent, report.done_deadline, report.unit, report_id)],
        key=lambda h: (h.date, h.report),
    )
    record.history[task.id] = history
    record.unfolded["task_state"] = record.unfolded.get("task_state", 0) + 1
    if folds.due(record, "task_state"):
        # The record may hold one task, or only its deciding entries: fold from the whole
        # committed history plus this transaction's own reports.
        folds.fold(tx, record, "task_state", folds.task_history_with_pending(tx))
    after = task_status(task, history, report.date)
    tx.audit(
        "progress",
        task.id,
        {"percent": before.percent, "state": before.state},
        {
            "percent": after.percent,
            "state": after.state,
            "report": report_id,
            "unit": report.unit,
            "note": report.note,
            "done_deadline": report.done_deadline,
        },
    )
    return ProgressResult(report, report_id, before.state, after.state)


def record_progress(
    db: Database,
    plugin_units: dict,
    task_id: str,
    percent: object,
    day: dt.date,
    unit: str | None = None,
    done: bool = False,
    note: str = "",
    evidence: tuple[str, ...] = (),
    author: str = "",
    in_view: dt.date | None = None,
) -> ProgressResult:
    """Validate and store one progress report, with its audit entry, in one transaction."""
    with db.transaction(author or "duban") as tx:
        # Only this task, and only the entries that decide its status from `day` on (all of them
        # if the report is dated before the task's last one).
        record = load_record(tx, plugin_units, texts=False, tasks={task_id}, latest_as_of=day)
        if record.plan.task(task_id) is None:  # named by its title or in another case: look at all
            record = load_record(tx, plugin_units, texts=False, latest_as_of=day)
        report = check_report(record, task_id, percent, day, unit, done, note, evidence, author, in_view)
        return apply_report(tx, record, report)
