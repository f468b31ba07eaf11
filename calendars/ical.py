"""Rendering feed events as iCalendar text with the `ics` package, closing its RFC 5545 gaps.

`ics` 0.7 builds and escapes the components, but on its own it emits no DTSTAMP on VEVENT, never
folds lines, turns naive datetimes into UTC, writes UID unescaped, invents random UIDs, keeps
events in a set (written in the order of a hash of their UIDs, not the plan's) and ends the last
line without CRLF.
Here every event gets an explicit UID and DTSTAMP, only DATE values and UTC stamps are written,
text is stripped of control characters before `ics` escapes it, events keep their given order,
and the finished text is folded at 75 octets on UTF-8 character boundaries with CRLF ends.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from duban.core.dates import PLAN_TZ

PRODID = "-//duban//calendar feeds//ZH"
LINE_OCTETS = 75
# Everything below U+0020 (tab and newline included: newlines are handled before this), DEL,
# the C1 block, and the Unicode line/paragraph separators some parsers treat as line ends.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Alarm:
    """A reminder: `offset` is measured from the event's start (negative = before)."""

    offset: dt.timedelta
    text: str


@dataclass(frozen=True)
class FeedEvent:
    """One VEVENT, described by value; what `render` turns into text."""

    uid: str
    summary: str
    description: str
    start: dt.date
    end: dt.date  # exclusive, as DTEND of an all-day event: the last day + 1
    categories: tuple[str, ...] = ()
    status: str = "CONFIRMED"
    rrule: str = ""
    alarms: tuple[Alarm, ...] = ()

    def fingerprint(self) -> str:
        """Everything the event shows, as one string: what a change of content is measured by."""
        parts = [
            self.summary,
            self.description,
            self.start.isoformat(),
            self.end.isoformat(),
            *self.categories,
            self.status,
            self.rrule,
            *(f"{a.offset.total_seconds():.0f}:{a.text}" for a in self.alarms),
        ]
        return "\x1f".join(parts)


@dataclass(frozen=True)
class Stamped:
    """An event with the SEQUENCE and change time kept for its UID."""

    event: FeedEvent
    sequence: int
    changed: dt.datetime


def clean_text(value: object, keep_newlines: bool = True) -> str:
    """User text with control characters removed; CR and CRLF become LF (escaped later as \\n)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if not keep_newlines:
        text = text.replace("\n", " ")
    return "\n".join(_CONTROL.sub("", line) for line in text.split("\n"))


def escape_text(value: str) -> str:
    """A TEXT value escaped per RFC 5545 3.3.11 (for the values `ics` writes unescaped)."""
    return clean_text(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def utc_stamp(moment: dt.datetime, zone: ZoneInfo = PLAN_TZ) -> str:
    """A DATE-TIME in UTC form; a naive time is read as the plan's local time, never as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> list[str]:
    """Split one content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return [line]
    pieces, start, limit = [], 0, LINE_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            cut -= 1
        pieces.append(data[start:cut].decode("utf-8"))
        start, limit = cut, LINE_OCTETS - 1  # continuation lines start with one space
    pieces.append(data[start:].decode("utf-8"))
    return [pieces[0]] + [" " + p for p in pieces[1:]]


def _duration(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    text = f"{days}D" if days else ""
    if hours or minutes or not days:
        text += "T" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")
    return f"{sign}P{text}"


def _reminder_class():
    """ics's DisplayAlarm with a TRIGGER the RFC accepts: ics writes "P1W6D" (weeks with days) and a bare "P"."""
    from ics.alarm.display import DisplayAlarm
    from ics.grammar.parse import ContentLine
    from ics.serializers.alarm_serializer import DisplayAlarmSerializer

    class ReminderSerializer(DisplayAlarmSerializer):
        def serialize_trigger(alarm, container):
            container.append(ContentLine("TRIGGER", value=_duration(alarm.trigger)))

    class Reminder(DisplayAlarm):
        class Meta(DisplayAlarm.Meta):
            serializer = ReminderSerializer

    return Reminder


def _vevent(item: Stamped, reminder, zone: ZoneInfo):
    import ics
    from ics.grammar.parse import ContentLine

    e = item.event
    event = ics.Event(
        name=clean_text(e.summary, keep_newlines=False), description=clean_text(e.description), begin=e.start
    )
    event.make_all_day()
    event.end = e.end
    # ics writes UID as given: escape it (ours are already plain ASCII, this keeps it so).
    event.uid = escape_text(e.uid)
    event.categories = [clean_text(c, keep_newlines=False) for c in e.categories]
    event.status = e.status
    event.transparent = True
    stamp = utc_stamp(item.changed, zone)
    event.extra.append(ContentLine("DTSTAMP", value=stamp))
    event.extra.append(ContentLine("LAST-MODIFIED", value=stamp))
    event.extra.append(ContentLine("SEQUENCE", value=str(item.sequence)))
    if e.rrule:
        event.extra.append(ContentLine("RRULE", value=e.rrule))
    for i, alarm in enumerate(e.alarms):
        valarm = reminder(trigger=alarm.offset, display_text=clean_text(alarm.text, keep_newlines=False))
        valarm.extra.append(ContentLine("UID", value=escape_text(f"{e.uid}-alarm{i}")))  # RFC 9074
        event.alarms.append(valarm)
    return event


def render(
    name: str, items: list[Stamped], refresh: dt.timedelta, description: str = "", zone: ZoneInfo = PLAN_TZ
) -> bytes:
    """The feed as RFC 5545 bytes: CRLF line ends, folded lines, events in the given order."""
    from ics.grammar.parse import ContentLine

    cal = _calendar(items, zone)
    # A published feed, not an invitation: Outlook otherwise may offer to "accept" its events.
    cal.extra.append(ContentLine("METHOD", value="PUBLISH"))
    cal.extra.append(ContentLine("X-WR-CALNAME", value=escape_text(clean_text(name, keep_newlines=False))))
    if description:
        cal.extra.append(ContentLine("X-WR-CALDESC", value=escape_text(description)))
    cal.extra.append(ContentLine("X-WR-TIMEZONE", value=zone.key))
    cal.extra.append(ContentLine("REFRESH-INTERVAL", params={"VALUE": ["DURATION"]}, value=_duration(refresh)))
    cal.extra.append(ContentLine("X-PUBLISHED-TTL", value=_duration(refresh)))
    return _serialize(cal)


def render_object(item: Stamped, zone: ZoneInfo = PLAN_TZ) -> bytes:
    """One event as a CalDAV calendar object resource (RFC 4791: one UID, no METHOD)."""
    return _serialize(_calendar([item], zone))


def _calendar(items: list[Stamped], zone: ZoneInfo):
    import ics

    cal = ics.Calendar(creator=PRODID)
    cal.scale = "GREGORIAN"
    # A list instead of ics's set: the serializer only iterates it, and events follow the plan's order.
    reminder = _reminder_class()
    cal.events = [_vevent(item, reminder, zone) for item in items]
    return cal


def _serialize(cal) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        text = cal.serialize()
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line:
            lines.extend(fold(line))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
