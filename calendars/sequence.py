"""SEQUENCE and change time per event UID, kept in the store so they survive restarts and machines.

RFC 5545 wants SEQUENCE to rise whenever an event's content changes, and a calendar app only
replaces its copy when it does. The content of an event is not only a function of the record
(an overdue count grows with the date), so it cannot be derived from the record alone: each
UID's content fingerprint, SEQUENCE and change time live in the rewritten table
`calendar_events`. Only the feed as served (calendars.publish) is measured: an export or a
request that finds new served content bumps the SEQUENCE once, in one small transaction whose
audit entry counts the events (their UIDs are bookkeeping, not the committee's record); identical
content leaves the database alone, so the feed stays byte-identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from duban.core.store import Database

from .ical import FeedEvent, Stamped

TABLE = "calendar_events"
AUDIT_KIND = "calendar_sequence"


def digest(event: FeedEvent) -> str:
    """A short hash of what the event shows."""
    return hashlib.sha256(event.fingerprint().encode("utf-8")).hexdigest()[:32]


def last_change(audit_docs: list[dict], fallback: dt.datetime) -> dt.datetime:
    """When the record last changed: the newest audit entry that is not the feeds' own bookkeeping."""
    times = [
        dt.datetime.fromisoformat(d["at"])
        for d in audit_docs
        if d.get("at") and not str(d.get("what", "")).startswith("calendar_")
    ]
    return max(times, default=fallback)


def _changed(doc: dict, zone: dt.tzinfo | None) -> dt.datetime:
    when = dt.datetime.fromisoformat(doc["changed"])
    return when.replace(tzinfo=zone) if when.tzinfo is None else when


def _stamped(event: FeedEvent, doc: dict, zone: dt.tzinfo | None = None) -> Stamped:
    return Stamped(event, doc["sequence"], _changed(doc, zone))


def shown(event: FeedEvent, stamped: dict[str, Stamped], stored: dict[str, dict], fallback: dt.datetime) -> Stamped:
    """`event` as displayed, with the SEQUENCE its served version holds (never one of its own)."""
    served = stamped.get(event.uid)
    if served is not None:
        return Stamped(event, served.sequence, served.changed)
    doc = stored.get(event.uid)  # an event the served view lacks today (a past flag, seen --as-of)
    return _stamped(event, doc, fallback.tzinfo) if doc else Stamped(event, 0, fallback)


def stamp(
    db: Database, stored: dict[str, dict], events: list[FeedEvent], fallback: dt.datetime, who: str
) -> dict[str, Stamped]:
    """SEQUENCE and change time for every served event; new or changed content is recorded.

    Unchanged content, the common case of a feed request, reads nothing more; only a write reads the
    audit trail, for when the record last changed (`fallback` if it never did)."""
    fresh = {e.uid: e for e in events}
    hashes = {uid: digest(e) for uid, e in fresh.items()}
    zone = fallback.tzinfo
    if all(uid in stored and stored[uid]["hash"] == hashes[uid] for uid in fresh):
        return {uid: _stamped(e, stored[uid], zone) for uid, e in fresh.items()}
    with db.transaction(who) as tx:
        changed = last_change(tx.all("audit"), fallback)
        table = tx.table(TABLE)
        current = {doc["uid"]: dict(doc) for doc in table.all()}
        bumped = added = 0
        for uid in fresh:
            old = current.get(uid)
            if old is not None and old["hash"] == hashes[uid]:
                continue
            when = changed
            if old is not None:
                # New content must read as newer even when the record did not change (an overdue count
                # grows with the date), or If-Modified-Since would answer 304 with the old feed.
                when = max(when, _changed(old, zone) + dt.timedelta(seconds=1))
            current[uid] = {
                "uid": uid,
                "hash": hashes[uid],
                "sequence": old["sequence"] + 1 if old else 0,
                "changed": when.isoformat(),
            }
            if old is None:
                added += 1
            else:
                bumped += 1
        if bumped or added:
            # Rewritten whole: one pass, where an insert or update per event would rescan the table each time.
            table.truncate()
            table.insert_multiple(current.values())
            tx.audit(AUDIT_KIND, TABLE, None, {"changed": bumped, "new": added})
    return {uid: _stamped(e, current[uid], zone) for uid, e in fresh.items()}
