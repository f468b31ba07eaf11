"""Extensions (延期): a unit asks to move one of its own deadlines; the secretariat approves or refuses.

Requests and rulings are appended to the `extensions` log and never change the plan: an approved
extension moves only the requesting unit's own part of that deadline (Record.extended, read by
core.status), and the plan's date stays on the record as the original (原). Each carries the day it
was made (the day in view, like every entry): a view of an earlier day shows the deadline as it stood
then, so a unit late before its extension was approved stays late on those days.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import validate
from .dates import day_in_view, entry_day, made_on, now
from .errors import DubanError
from .frozen import frozen
from .i18n import t
from .record import Record, load_record

if TYPE_CHECKING:
    from .workspace import Workspace

LOG = "extensions"
PENDING, APPROVED, REFUSED = "pending", "approved", "refused"
RULINGS = {"approve": APPROVED, "refuse": REFUSED}


@frozen
class Extension:
    """One request and where it stands."""

    id: int
    task: str
    step: int  # deadline index (0-based)
    unit: str
    to: dt.date
    was: dt.date
    reason: str
    requested_by: str
    requested_at: str
    state: str = PENDING
    ruling_reason: str = ""
    ruled_by: str = ""
    ruled_at: str = ""


def extensions(record: Record, as_of: dt.date | None = None) -> list[Extension]:
    """Every extension request on record (made by `as_of`, if given), oldest first, with the
    secretariat's ruling if any (one made after `as_of` leaves the request pending on that day)."""
    made = [d for d in record.extensions if as_of is None or made_on(d) <= as_of]
    rulings = {d["request"]: d for d in made if d["kind"] in RULINGS}
    found = []
    for d in sorted(made, key=lambda d: d["id"]):
        if d["kind"] != "request":
            continue
        ruling = rulings.get(d["id"], {})
        found.append(
            Extension(
                d["id"],
                d["task"],
                d["step"],
                d["unit"],
                dt.date.fromisoformat(d["to"]),
                dt.date.fromisoformat(d["was"]),
                d["reason"],
                d.get("by", ""),
                d.get("recorded_at", ""),
                RULINGS.get(ruling.get("kind", ""), PENDING),
                ruling.get("reason", ""),
                ruling.get("by", ""),
                ruling.get("recorded_at", ""),
            )
        )
    return found


def request_extension(
    ws: Workspace,
    task_id: str,
    to: dt.date,
    reason: str,
    unit: str,
    step: int | None = None,
    author: str = "",
    day: dt.date | None = None,
) -> Extension:
    """Record `unit`'s request, made on `day` (default: the day in view), to move its own deadline of
    `task_id` (the step given, else its earliest open one) to `to`; it stays pending until the
    secretariat rules on it."""
    from .status import part_of

    with ws.db.transaction(author or "duban") as tx:
        record = load_record(tx, ws.units, texts=False)
        task = validate.task(record, task_id)
        unit = validate.unit(record, unit)
        reason = validate.text(reason, "--reason", required=True)
        if step is not None and not 1 <= step <= len(task.deadlines):
            raise DubanError(t("unknown_step", task=task.id, step=step, count=len(task.deadlines)))
        part = part_of(record, task, unit, dt.date.max) if unit in task.parties else None
        if part is None:
            raise DubanError(t("ext_not_your_task", unit=unit, task=task.id))
        if step is not None and step - 1 not in task.owed(unit):
            raise DubanError(t("ext_not_your_deadline", unit=unit, task=task.id, step=step))
        target = part.next_open() if step is None else next(d for d in part.deadlines if d.index == step - 1)
        if target is None:
            raise DubanError(t("nothing_open_part", task=task.id, unit=unit))
        # A step already done keeps the day it was done against the date it had: moving that date
        # afterwards would turn a late completion into an on-time one.
        if target.done_on is not None:
            raise DubanError(
                t("step_already_done", task=task.id, step=target.index + 1, unit=unit, date=target.done_on)
            )
        # One request at a time per deadline and unit: two pending ones could be approved in either
        # order, and the earlier request's date would then quietly replace the later approval's.
        if any(
            e.state == PENDING and (e.task, e.step, e.unit) == (task.id, target.index, unit) for e in extensions(record)
        ):
            raise DubanError(t("ext_already_pending", task=task.id, step=target.index + 1, unit=unit))
        deadline = task.deadlines[target.index]
        if deadline.due is None:
            raise DubanError(t("ext_undated", task=task.id, step=target.index + 1))
        current = target.deadline.due or deadline.due
        if to <= current:
            raise DubanError(t("ext_not_later", value=to, due=current))
        doc = {
            "kind": "request",
            "task": task.id,
            "step": target.index,
            "unit": unit,
            "to": to.isoformat(),
            "was": deadline.due.isoformat(),
            "reason": reason,
            "by": author,
            "date": (day or entry_day(day_in_view(tx.info()))).isoformat(),
            "recorded_at": now().isoformat(),
        }
        ext_id = tx.append(LOG, doc)
        tx.audit("extension_request", f"{task.id}#{target.index + 1}", None, {**doc, "extension": ext_id})
        return extensions(Record(record.plan, record.units, extensions=[{**doc, "id": ext_id}]))[0]


def rule_extension(
    ws: Workspace, ext_id: int, approve: bool, reason: str, author: str = "", day: dt.date | None = None
) -> Extension:
    """Approve or refuse pending request `ext_id` on `day` (default: the day in view), with the
    secretariat's reason, in one audited write."""
    with ws.db.transaction(author or "duban") as tx:
        record = load_record(tx, ws.units, texts=False)
        reason = validate.text(reason, "--reason", required=True)
        found = next((e for e in extensions(record) if e.id == ext_id), None)
        if found is None:
            raise DubanError(t("ext_unknown", id=ext_id))
        if found.state != PENDING:
            raise DubanError(t("ext_already_ruled", id=ext_id, state=t(f"ext_{found.state}")))
        kind = "approve" if approve else "refuse"
        # Approving never pulls a deadline back: the date the unit was last given stands if it is later.
        current = record.extended(found.task).get((found.step, found.unit))
        if approve and current is not None and found.to <= current:
            raise DubanError(t("ext_not_later", value=found.to, due=current))
        day = day or entry_day(day_in_view(tx.info()))
        if day < made_on(next(d for d in record.extensions if d["id"] == ext_id)):
            raise DubanError(t("ext_ruled_before_asked", id=ext_id, day=day))
        doc = {
            "kind": kind,
            "request": ext_id,
            "reason": reason,
            "by": author,
            "date": day.isoformat(),
            "recorded_at": now().isoformat(),
        }
        tx.append(LOG, doc)
        tx.audit(
            f"extension_{kind}",
            f"{found.task}#{found.step + 1}",
            {"due": found.was.isoformat(), "unit": found.unit},
            {"extension": ext_id, "to": found.to.isoformat(), "reason": reason},
        )
        record.extensions.append({**doc, "id": 0})
        record.changed()
        return next(e for e in extensions(record) if e.id == ext_id)
