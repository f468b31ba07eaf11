"""SEQUENCE and change time per event UID, kept in the store so they survive restarts and machines.

RFC 5545 wants SEQUENCE to rise whenever an event's content changes, and a calendar app only
replaces its copy when it does. The content of an event is not only a function of the record
(an overdue count grows with the date), so it cannot be derived from the record alone: each
UID's content fingerprint, SEQUENCE and change time live in the rewritten table
`calendar_events`. An export or a request that finds new content bumps the SEQUENCE once, in
one audited transaction; identical content leaves the database alone, so the feed stays
byte-identical.
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


def _stamped(event: FeedEvent, doc: dict) -> Stamped:
    return Stamped(event, doc["sequence"], dt.datetime.fromisoformat(doc["changed"]))


def stamp(
    db: Database, stored: dict[str, dict], events: list[FeedEvent], fallback: dt.datetime, who: str
) -> dict[str, Stamped]:
    """SEQUENCE and change time for every event; new or changed content is recorded (and audited).

    Unchanged content, the common case of a feed request, reads nothing more; only a write reads the
    audit trail, for when the record last changed (`fallback` if it never did)."""
    fresh = {e.uid: e for e in events}
    hashes = {uid: digest(e) for uid, e in fresh.items()}
    if all(uid in stored and stored[uid]["hash"] == hashes[uid] for uid in fresh):
        return {uid: _stamped(e, stored[uid]) for uid, e in fresh.items()}
    with db.transaction(who) as tx:
        changed = last_change(tx.all("audit"), fallback)
        table = tx.table(TABLE)
        current = {doc["uid"]: dict(doc) for doc in table.all()}
        before, after = {}, {}
        for uid in fresh:
            old = current.get(uid)
            if old is not None and old["hash"] == hashes[uid]:
                continue
            when = changed
            if old is not None:
                # New content must read as newer even when the record did not change (an overdue count
                # grows with the date), or If-Modified-Since would answer 304 with the old feed.
                when = max(when, dt.datetime.fromisoformat(old["changed"]) + dt.timedelta(seconds=1))
            current[uid] = {
                "uid": uid,
                "hash": hashes[uid],
                "sequence": old["sequence"] + 1 if old else 0,
                "changed": when.isoformat(),
            }
            if old is not None:
                before[uid] = old["sequence"]
            after[uid] = current[uid]["sequence"]
        if after:
            # Rewritten whole: one pass, where an insert or update per event would rescan the table each time.
            table.truncate()
            table.insert_multiple(current.values())
            tx.audit(AUDIT_KIND, TABLE, before or None, after)
    return {uid: _stamped(e, current[uid]) for uid, e in fresh.items()}
