"""The plan's own reporting obligations (三(二)): each milestone is its unit's deadline to send the
summary table and stage summary up, with the copies (通报) it owes as a checklist.

县民政局 reports to the city on 2020-08-20, 2020-12-20 and 2021-04-20 and sends the results to
政法委、公安、城管、扶贫办 as well: when each went out is recorded here, and a report not sent by
its date is late like any deadline.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import validate
from .dates import now, stored_date
from .errors import DubanError
from .frozen import frozen
from .i18n import t
from .model import Milestone
from .record import Record, load_record
from .status import DONE_LATE, DONE_ON_TIME, NOT_STARTED, OVERDUE
from .store import Transaction

if TYPE_CHECKING:
    from .workspace import Workspace


@frozen
class SendStatus:
    """Where one reporting obligation stands: sent or not, on time or late, which copies went out."""

    milestone: Milestone
    state: str
    sent_on: dt.date | None
    days_overdue: int
    days_left: int
    copies_sent: tuple[str, ...]

    @property
    def copies_missing(self) -> tuple[str, ...]:
        """The copies the plan asks for that have not gone out yet."""
        return tuple(c for c in self.milestone.copies if c not in self.copies_sent)


def send_status(record: Record, as_of: dt.date) -> list[SendStatus]:
    """Every milestone that names its unit, as it stands on `as_of` (sends dated after it unseen)."""
    result = []
    for m in record.plan.milestones:
        if not m.unit:
            continue
        docs = [d for d in record.sends if d["milestone"] == m.id and stored_date(d["date"]) <= as_of]
        sent = min((stored_date(d["date"]) for d in docs if d.get("up")), default=None)
        copies = tuple(c for c in m.copies if any(c in d.get("copies", ()) for d in docs))
        if sent is not None:
            state, late = (DONE_ON_TIME if sent <= m.date else DONE_LATE), 0
        elif as_of > m.date:
            state, late = OVERDUE, (as_of - m.date).days
        else:
            state, late = NOT_STARTED, 0
        result.append(SendStatus(m, state, sent, late, (m.date - as_of).days, copies))
    return result


def check_send(
    record: Record, milestone_id: str, day: dt.date, up: bool, copies: tuple[str, ...], in_view: dt.date | None = None
) -> dict:
    """Validate a record of the report going up and/or copies going out; raises DubanError naming the problem."""
    m = next((x for x in record.plan.milestones if x.id == milestone_id), None)
    if m is None or not m.unit:
        raise DubanError(t("send_not_an_obligation", period=milestone_id))
    validate.event_date(record.plan, day, "", validate.latest_day(record.info, in_view))
    codes = tuple(dict.fromkeys(validate.unit(record, c) for c in copies))
    for code in codes:
        if code not in m.copies:
            raise DubanError(t("send_not_a_copy", period=m.id, unit=code, copies="、".join(m.copies)))
    if not up and not codes:
        raise DubanError(t("send_nothing", period=m.id))
    return {"milestone": m.id, "unit": m.unit, "date": day.isoformat(), "up": up, "copies": list(codes)}


def apply_send(tx: Transaction, record: Record, doc: dict) -> int:
    """Store a validated send inside an open transaction and audit it."""
    send_id = tx.append("sends", doc | {"recorded_at": now().isoformat()})
    record.sends.append(doc | {"id": send_id})
    record.changed()
    tx.audit("send", doc["milestone"], None, doc | {"send": send_id})
    return send_id


def record_send(
    ws: Workspace,
    milestone_id: str,
    day: dt.date,
    up: bool,
    copies: tuple[str, ...],
    author: str,
    in_view: dt.date | None = None,
) -> dict:
    """Validate and store one send in one transaction."""
    with ws.db.transaction(author or "duban") as tx:
        record = load_record(tx, ws.units, texts=False)
        doc = check_send(record, milestone_id, day, up, copies, in_view)
        apply_send(tx, record, doc)
        return doc
