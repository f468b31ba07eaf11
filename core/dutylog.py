"""Recording performed occurrences of recurring duties."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from . import validate
from .codec import to_doc
from .dates import now
from .entries import Correction, write_entry
from .errors import DubanError
from .i18n import t
from .model import DutyLog
from .record import Record
from .store import Transaction

if TYPE_CHECKING:
    from .workspace import Workspace


def check_log(
    record: Record,
    duty_id: str,
    day: dt.date,
    unit: str | None = None,
    author: str = "",
    note: str = "",
    in_view: dt.date | None = None,
) -> DutyLog:
    """Validate one duty occurrence (dated no later than the day in view); raises DubanError naming what is
    wrong."""
    duty = validate.duty(record, duty_id)
    validate.event_date(record.plan, day, "", validate.latest_day(record.info, in_view))
    performers = record.duty_units(duty)
    if unit is None:
        # A joint duty is each unit's own record: who performed it is never guessed.
        if len(performers) != 1:
            raise DubanError(t("duty_unit_needed", duty=duty.id, units="、".join(performers) or "—"))
        unit = performers[0]
    unit = validate.unit(record, unit)
    if unit not in performers:
        raise DubanError(t("not_owner", unit=unit, task=duty.id))
    if not duty.start <= day <= duty.end:
        raise DubanError(t("duty_not_active", duty=duty.id, value=day, start=duty.start, end=duty.end))
    if day in record.duty_dates.get((duty.id, unit), []):
        raise DubanError(t("duty_already_logged", duty=duty.id, value=day))
    return DutyLog(
        duty=duty.id,
        date=day,
        unit=unit,
        author=validate.text(author, "--by") or unit,
        note=validate.text(note, "note"),
    )


def apply_log(tx: Transaction, record: Record, log: DutyLog) -> int:
    """Store a validated duty log inside an open transaction (an append to the log) and audit it."""
    log_id = tx.append("duty_logs", to_doc(log) | {"recorded_at": now().isoformat()})
    key = (log.duty, log.unit)
    record.duty_dates[key] = sorted({*record.duty_dates.get(key, []), log.date})
    record.changed()
    tx.audit("duty_log", log.duty, None, {"date": log.date.isoformat(), "unit": log.unit, "log": log_id})
    return log_id


def log_duty(ws: Workspace, *args, corrects: int | None = None, reason: str = "", **kwargs) -> DutyLog:
    """Validate and store one duty occurrence (check_log's arguments after the record) in one transaction;
    with `corrects`, duty log `corrects` is withdrawn with `reason` in the same write."""
    correction = Correction("log", corrects, reason, "duty") if corrects is not None else None
    log, log_id = write_entry(ws, check_log, apply_log, args, kwargs, texts=False, correction=correction)
    return replace(log, id=log_id)
