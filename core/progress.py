"""Recording a unit's progress report on a task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import folds, validate
from .codec import to_doc
from .dates import now
from .entries import write_entry
from .errors import DubanError
from .i18n import t
from .model import HistoryEntry, ProgressReport
from .record import Record, load_record
from .status import part_status, task_status
from .store import Transaction

if TYPE_CHECKING:
    from .workspace import Workspace


#: the columns a task's progress reports are listed under, in the CLI and on the dashboard alike
REPORT_HEADS = ("cli_date", "cli_unit", "cli_pct", "cli_note", "cli_evidence", "cli_by")


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
    """Validate one unit's report on its own part of a task (dated no later than the day in view);
    raises DubanError naming what is wrong.

    `step` (1-based) names the deadline a --done report completes; by default it is the unit's
    earliest open one. Only a unit that answers for a deadline can complete it, and only on or
    after its window opens.
    """
    task = validate.task(record, task_id)
    validate.event_date(record.plan, day, "", validate.latest_day(record.info, in_view))
    if unit is None:
        if len(task.parties) != 1:
            raise DubanError(t("unit_needed", task=task.id, units="、".join(task.parties)))
        unit = task.parties[0]
    unit = validate.unit(record, unit)
    if unit not in task.parties:
        raise DubanError(t("not_owner", unit=unit, task=task.id))
    # Which deadlines are done depends on every report so far, not on the day in view.
    part = part_status(task, unit, record.history.get(task.id, []), dt.date.max)
    completed = None
    if step is not None and not 1 <= step <= len(task.deadlines):
        raise DubanError(t("unknown_step", task=task.id, step=step, count=len(task.deadlines)))
    if step is not None and not done:
        raise DubanError(t("step_needs_done", task=task.id, step=step))
    if done:
        if step is None:
            target = part.next_open()
            if target is None:
                raise DubanError(t("nothing_open_part", task=task.id, unit=unit))
        else:
            target = next((d for d in part.deadlines if d.index == step - 1), None)
            deadline = task.deadlines[step - 1]
            if target is None:
                actors = "、".join(record.label(c) for c in (deadline.actors or task.units))
                raise DubanError(t("not_your_step", task=task.id, step=step, unit=unit, actors=actors))
            if target.done_on is not None:
                raise DubanError(t("step_already_done", task=task.id, step=step, unit=unit, date=target.done_on))
        opens = target.deadline.start
        if opens is not None and day < opens:
            raise DubanError(t("step_not_open", task=task.id, step=target.index + 1, value=day, start=opens))
        completed = target.index
        is_last = sum(1 for d in part.deadlines if d.done_on is None) == 1
        if percent is None:
            percent = 100 if is_last else max(part.percent, 1)
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
    task = record.plan.known_task(report.task)
    history = record.history.get(task.id, [])
    rule = record.plan.parts_rule(task)
    before = task_status(task, history, report.date, rule)
    report_id = tx.append("progress", to_doc(report) | {"recorded_at": now().isoformat()})
    history = sorted(
        [*history, HistoryEntry(report.date, report.percent, report.done_deadline, report.unit, report_id)],
        key=lambda h: (h.date, h.report),
    )
    record.history[task.id] = history
    record.status_memo.clear()
    record.unfolded["task_state"] = record.unfolded.get("task_state", 0) + 1
    if folds.due(record, "task_state"):
        # The record may hold one task, or only its deciding entries: fold from the whole
        # committed history plus this transaction's own reports.
        folds.fold(tx, record, "task_state", folds.task_history_with_pending(tx))
    after = task_status(task, history, report.date, rule)
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


def record_progress(ws: Workspace, *args, **kwargs) -> ProgressResult:
    """Validate and store one progress report (check_report's arguments after the record), with its audit
    entry, in one transaction."""

    def load(tx: Transaction, given: Mapping[str, Any]) -> Record:
        # Only this task, and only the entries that decide its status from `day` on (all of them
        # if the report is dated before the task's last one).
        task_id, day = given["task_id"], given["day"]
        record = load_record(tx, ws.units, texts=False, tasks={task_id}, latest_as_of=day)
        if record.plan.task(task_id) is None:  # named by its title or in another case: look at all
            record = load_record(tx, ws.units, texts=False, latest_as_of=day)
        return record

    return write_entry(ws, check_report, apply_report, args, kwargs, load=load)[1]
