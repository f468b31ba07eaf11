"""Publishing the feeds to an existing CalDAV server: one collection per feed, kept in step.

Government phones take shared calendars over CalDAV (Radicale, Nextcloud, SOGo, gateways to
Exchange). Each feed goes into its own collection under the account's calendar home, created
when missing; an event is uploaded only when the server lacks its UID or holds another SEQUENCE
(SEQUENCE rises exactly when the served content changes), replaced under the ETag the server
gave, and deleted when it has left the feed. The `caldav` client does the WebDAV; it is imported
by this command alone.
"""

from __future__ import annotations

from pathlib import Path

from caldav.calendarobjectresource import Event
from caldav.davclient import DAVClient
from caldav.lib.error import DAVError

from duban.core.errors import DubanError
from duban.core.frozen import frozen
from duban.core.i18n import t
from duban.core.workspace import Workspace

from .export import feed_filename
from .feeds import feed_codes
from .ical import Stamped, render_object
from .publish import plan_zone, read_state, stamped_feeds

UID_DOMAIN = "@duban"  # only events duban made are ever deleted


@frozen
class Pushed:
    """What one feed's collection saw: events created, updated, deleted and left alone."""

    code: str
    name: str
    created: int
    updated: int
    deleted: int
    unchanged: int


def read_password(path: Path) -> str:
    """The first line of a password file (so the password never sits in the shell history)."""
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()[0].strip()
    except (OSError, UnicodeDecodeError, IndexError) as exc:
        raise DubanError(t("cal_password_file", path=path, problem=getattr(exc, "strerror", None) or exc)) from None


def collection_id(plan_id: str, code: str) -> str:
    """The collection's path segment: the plan and the feed, as a safe name."""
    return f"{plan_id}-{feed_filename(code)[: -len('.ics')]}"


def push(ws: Workspace, url: str, user: str | None, password: str | None, who: str) -> list[Pushed]:
    """Bring every feed's collection on the CalDAV server at `url` in step with the feed as served."""
    state = read_state(ws, served=True)
    record = state.inputs.record
    zone = plan_zone(record)
    try:
        with DAVClient(url=url, username=user, password=password) as client:
            principal = client.principal()
            existing = {str(c.url).rstrip("/").rsplit("/", 1)[-1]: c for c in principal.calendars()}
            results = []
            for feed, items in stamped_feeds(ws, state, feed_codes(record), who):
                cal_id = collection_id(record.plan.id, feed.code)
                calendar = existing.get(cal_id) or principal.make_calendar(name=feed.name, cal_id=cal_id)
                counts = _sync(client, calendar, items, zone)
                results.append(Pushed(feed.code, feed.name, *counts))
    except (DAVError, OSError) as exc:
        raise DubanError(t("cal_caldav_failed", url=url, problem=_reason(exc))) from None
    return results


def _sync(client, calendar, items: list[Stamped], zone) -> tuple[int, int, int, int]:
    remote = {}
    for obj in calendar.events():
        component = obj.icalendar_component
        remote[str(component["UID"])] = (obj, int(component.get("SEQUENCE", 0)))
    created = updated = unchanged = 0
    for item in items:
        found = remote.pop(item.event.uid, None)
        if found is not None and found[1] == item.sequence:
            unchanged += 1
            continue
        data = render_object(item, zone).decode("utf-8")
        if found is None:
            Event(client, data=data, parent=calendar).save(no_overwrite=True, increase_seqno=False)
            created += 1
        else:
            obj = found[0]
            obj.data = data
            obj.save(increase_seqno=False)  # If-Match the ETag it was read with
            updated += 1
    deleted = 0
    for uid, (obj, _sequence) in remote.items():
        if uid.endswith(UID_DOMAIN):
            obj.delete()
            deleted += 1
    return created, updated, deleted, unchanged


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
