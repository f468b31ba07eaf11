"""Obligations an event starts: a person admitted on D owes a tracing notice by D + 3 (the plan's
reading of 「入站超过三天」), a settled person an insurance registration.

The secretariat records the event with a pseudonymous case number and a unit; the obligations
follow from the plan's [[triggers]]. A case is a number and a unit, never a name or an ID number.
An obligation not fulfilled by its date is overdue like any deadline.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from . import validate
from .dates import now, stored_date
from .entries import write_entry
from .errors import DubanError
from .eventkinds import EVENT_KINDS
from .frozen import frozen
from .i18n import t
from .model import Trigger
from .record import Record
from .status import DONE_LATE, DONE_ON_TIME, NOT_STARTED, OVERDUE
from .store import Transaction

if TYPE_CHECKING:
    from .workspace import Workspace

#: a case number: letters, digits and dashes, as a case file is numbered
_CASE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,23}$")
#: a resident ID number (15 or 18 characters): never stored as a case number
_ID_NUMBER = re.compile(r"^(\d{15}|\d{17}[\dXx])$")


@frozen
class ObligationStatus:
    """One obligation an event started, for one unit, as it stands on the as-of date."""

    trigger: Trigger
    case: str
    event_date: dt.date
    unit: str
    due: dt.date
    state: str
    done_on: dt.date | None
    days_overdue: int


def obligation_status(record: Record, as_of: dt.date) -> list[ObligationStatus]:
    """Every obligation started by an event dated on or before `as_of`, oldest event first."""
    done: dict[tuple[str, str, str], dt.date] = {}
    for doc in record.fulfilments:
        day = stored_date(doc["date"])
        key = (doc["trigger"], doc["case"], doc["unit"])
        if day <= as_of and (key not in done or day < done[key]):
            done[key] = day
    result = []
    for event in sorted(record.events, key=lambda d: (d["date"], d["id"])):
        day = stored_date(event["date"])
        if day > as_of:
            continue
        for trigger in record.plan.triggers:
            if trigger.event != event["kind"]:
                continue
            for unit in trigger.units or (event["unit"],):
                due = day + dt.timedelta(days=trigger.due_days)
                finished = done.get((trigger.id, event["case"], unit))
                if finished is not None:
                    state, late = (DONE_ON_TIME if finished <= due else DONE_LATE), 0
                elif as_of > due:
                    state, late = OVERDUE, (as_of - due).days
                else:
                    state, late = NOT_STARTED, 0
                result.append(ObligationStatus(trigger, event["case"], day, unit, due, state, finished, late))
    return result


def case_number(text: str) -> str:
    """A pseudonymous case number, or an error: names and ID numbers are refused."""
    case = validate.text(text, "--case", required=True)
    if _ID_NUMBER.match(case) or not _CASE.match(case):
        raise DubanError(t("bad_case_number", value=case))
    return case


def check_event(
    record: Record, kind: str, case: str, unit: str, day: dt.date, note: str = "", in_view: dt.date | None = None
) -> dict:
    """Validate an event the secretariat records; raises DubanError naming the problem."""
    if kind not in EVENT_KINDS:
        raise DubanError(t("bad_event_kind", value=kind, kinds="/".join(EVENT_KINDS)))
    validate.event_date(record.plan, day, "", validate.latest_day(record.info, in_view))
    case = case_number(case)
    code = validate.unit(record, unit)
    if any(d["kind"] == kind and d["case"] == case for d in record.events):
        raise DubanError(t("event_already_recorded", kind=kind, case=case))
    return {"kind": kind, "case": case, "unit": code, "date": day.isoformat(), "note": validate.text(note, "note")}


def check_fulfilment(
    record: Record, trigger_id: str, case: str, unit: str | None, day: dt.date, in_view: dt.date | None = None
) -> dict:
    """Validate that a unit met an obligation an event started."""
    trigger = next((x for x in record.plan.triggers if x.id == trigger_id), None)
    if trigger is None:
        raise DubanError(t("unknown_trigger", trigger=trigger_id))
    validate.event_date(record.plan, day, "", validate.latest_day(record.info, in_view))
    case = case_number(case)
    owed = [o for o in obligation_status(record, dt.date.max) if o.trigger.id == trigger.id and o.case == case]
    if not owed:
        raise DubanError(t("no_such_obligation", trigger=trigger.id, case=case))
    units = [o.unit for o in owed]
    code = validate.unit(record, unit) if unit else units[0] if len(units) == 1 else None
    if code not in units:
        raise DubanError(t("not_owner", unit=code or "—", task=f"{trigger.id} {case}"))
    if day < owed[0].event_date:
        raise DubanError(t("step_not_open", task=trigger.id, step=case, value=day, start=owed[0].event_date))
    return {"trigger": trigger.id, "case": case, "unit": code, "date": day.isoformat()}


def _apply(tx: Transaction, record: Record, log: str, doc: dict, what: str, target: str) -> int:
    doc_id = tx.append(log, doc | {"recorded_at": now().isoformat()})
    getattr(record, log).append(doc | {"id": doc_id})
    tx.audit(what, target, None, doc | {"id": doc_id})
    return doc_id


def record_event(ws: Workspace, *args, author: str = "", **kwargs) -> dict:
    """Validate and store one event (see check_event) in one transaction."""

    def apply(tx: Transaction, record: Record, doc: dict) -> int:
        return _apply(tx, record, "events", doc, "event", f"{doc['kind']}:{doc['case']}")

    return write_entry(ws, check_event, apply, args, kwargs, author=author, texts=False)[0]


def record_fulfilment(ws: Workspace, *args, author: str = "", **kwargs) -> dict:
    """Validate and store one fulfilled obligation (see check_fulfilment) in one transaction."""

    def apply(tx: Transaction, record: Record, doc: dict) -> int:
        return _apply(tx, record, "fulfilments", doc, "fulfil", f"{doc['trigger']}:{doc['case']}")

    return write_entry(ws, check_fulfilment, apply, args, kwargs, author=author, texts=False)[0]
