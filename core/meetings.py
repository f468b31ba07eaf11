"""The leading group's meetings on record: the coordination mechanism the summary table asks about."""

from __future__ import annotations

import datetime as dt

from . import validate
from .dates import now, parse_date
from .errors import DubanError
from .folds import live
from .frozen import frozen
from .i18n import t
from .store import Database, Transaction


@frozen
class Meeting:
    """One meeting of the coordination body (议事协调机构): the seed's 领导协调机制 at work."""

    date: dt.date
    topics: str
    chair: str = ""
    author: str = ""
    id: int = 0


def meetings(snap) -> list[Meeting]:
    """Every meeting on record, oldest first."""
    found = [
        Meeting(parse_date(d["date"]), d["topics"], d.get("chair", ""), d.get("author", ""), d["id"])
        for d in live(snap, "meetings")
    ]
    return sorted(found, key=lambda m: (m.date, m.id))


def check_meeting(snap, plan, day: dt.date, topics: str, chair: str = "", author: str = "") -> Meeting:
    """Validate a meeting; raises DubanError naming what is wrong."""
    validate.event_date(plan, day, "", validate.latest_day(snap.info()))
    topics = validate.text(topics, "--topics", required=True)
    if any(m.date == day and m.topics == topics for m in meetings(snap)):
        raise DubanError(t("rpt_meeting_exists", date=day))
    return Meeting(day, topics, validate.text(chair, "--chair"), author)


def apply_meeting(tx: Transaction, meeting: Meeting) -> int:
    """Store a validated meeting inside an open transaction and audit it."""
    doc = {
        "date": meeting.date.isoformat(),
        "topics": meeting.topics,
        "chair": meeting.chair,
        "author": meeting.author,
        "recorded_at": now().isoformat(),
    }
    meeting_id = tx.append("meetings", doc)
    tx.audit("meeting", meeting.date.isoformat(), None, {**doc, "meeting": meeting_id})
    return meeting_id


def record_meeting(db: Database, plan_loader, day: dt.date, topics: str, chair: str = "", author: str = "") -> Meeting:
    """Validate and store one meeting in one transaction; `plan_loader(tx)` gives the plan."""
    with db.transaction(author or "duban") as tx:
        meeting = check_meeting(tx, plan_loader(tx), day, topics, chair, author)
        return Meeting(meeting.date, meeting.topics, meeting.chair, meeting.author, apply_meeting(tx, meeting))
