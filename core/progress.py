"""Recording a unit's progress report on a task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from . import validate
from .codec import to_doc
from .dates import now
from .entries import Correction, write_entry
from .errors import DubanError
from .frozen import frozen
from .i18n import t
from .model import HistoryEntry, ProgressReport
from .record import Record, load_record
from .status import DONE_STATES, PartStatus, part_status, task_status
from .store import Transaction

if TYPE_CHECKING:
    from .workspace import Workspace


#: the columns a task's progress reports are listed under, in the CLI and on the dashboard alike
REPORT_HEADS = ("cli_date", "cli_unit", "cli_pct", "cli_note", "cli_evidence", "cli_by")


@frozen
class ProgressResult:
    """What a recorded report changed."""

    report: ProgressReport
    report_id: int
    state_before: str
    state_after: str
    #: the report lowered the unit's part (a smaller percent, or a done part no longer at 100 %)
    lowered: bool = False
    #: the report this one corrected (withdrawn in the same write), if any
    corrects: int | None = None


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
    lower: bool = False,
) -> ProgressReport:
    """Validate one unit's report on its own part of a task (dated no later than the day in view);
    raises DubanError naming what is wrong.

    A report that lowers the unit's part (a smaller percent than its latest report, which also takes
    a done part back below 100 %) is refused unless `lower` says the unit means it.

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
    part = part_status(task, unit, record.history.get(task.id, []), dt.date.max, record.extended(task.id))
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
            if deadline.retired is not None:  # nobody's any more: not another unit's to report either
                before = deadline.retired - dt.timedelta(days=1)
                raise DubanError(t("step_retired", task=task.id, step=step, effective=deadline.retired, before=before))
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
    if lowers(part, validate.percent(percent), day) and not lower:
        raise DubanError(
            t("lower_needs_flag", task=task.id, unit=record.label(unit), before=part.percent, after=percent)
        )
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


def lowers(part: PartStatus, percent: int, day: dt.date) -> bool:
    """Whether a report of `percent` on `day` would lower `part`: become its latest report with less than
    its latest percent (a done part counts as 100 %). A report dated before the latest one changes
    only the past, not where the part stands."""
    if part.last_report is not None and day < part.last_report:
        return False
    return percent < part.percent or (part.state in DONE_STATES and percent < 100)


def lowering(record: Record, report: ProgressReport) -> int | None:
    """The part's percent before `report` when the report lowers it (asked of a confirmation), else None."""
    task = record.plan.known_task(report.task)
    part = part_status(task, report.unit, record.history.get(task.id, []), dt.date.max, record.extended(task.id))
    return part.percent if lowers(part, report.percent, report.date) else None


def apply_report(
    tx: Transaction, record: Record, report: ProgressReport, corrects: int | None = None
) -> ProgressResult:
    """Store a validated report inside an open transaction (an append to the log) and audit it."""
    task = record.plan.known_task(report.task)
    history = record.history.get(task.id, [])
    rule = record.plan.parts_rule(task)
    extended = record.extended(task.id, report.date)  # the state on the report's day, as status shows it
    before = task_status(task, history, report.date, rule, extended)
    lowered = lowering(record, report) is not None
    extra = {"corrects": corrects} if corrects is not None else {}
    report_id = tx.append("progress", to_doc(report) | {"recorded_at": now().isoformat()} | extra)
    history = sorted(
        [*history, HistoryEntry(report.date, report.percent, report.done_deadline, report.unit, report_id)],
        key=lambda h: (h.date, h.report),
    )
    record.history[task.id] = history
    record.changed()
    after = task_status(task, history, report.date, rule, extended)
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
            **({"lowered": True} if lowered else {}),
            **extra,
        },
    )
    return ProgressResult(report, report_id, before.state, after.state, lowered, corrects)


def record_progress(ws: Workspace, *args, corrects: int | None = None, reason: str = "", **kwargs) -> ProgressResult:
    """Validate and store one progress report (check_report's arguments after the record), with its audit
    entry, in one transaction.

    `corrects`: the id of a wrong report of the same task this one replaces; it is withdrawn with
    `reason` in the same write, and the new report is judged against the record without it.
    """

    def load(tx: Transaction, given: Mapping[str, Any]) -> Record:
        # Only this task, and only the entries that decide its status from `day` on (all of them
        # if the report is dated before the task's last one).
        task_id, day = given["task_id"], given["day"]
        record = load_record(tx, ws.units, texts=False, tasks={task_id}, latest_as_of=day)
        if record.plan.task(task_id) is None:  # named by its title or in another case: look at all
            record = load_record(tx, ws.units, texts=False, latest_as_of=day)
        return record

    if corrects is None:
        return write_entry(ws, check_report, apply_report, args, kwargs, load=load)[1]
    correction = Correction("progress", corrects, reason, "task")
    apply = partial(apply_report, corrects=corrects)
    return write_entry(ws, check_report, apply, args, kwargs, load=load, correction=correction)[1]
