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
import functools
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

from duban.core.dates import PLAN_TZ
from duban.core.frozen import frozen

PRODID = "-//duban//calendar feeds//ZH"
LINE_OCTETS = 75
# Everything below U+0020 but the newline (tab included), DEL, the C1 block, and the Unicode
# line/paragraph separators some parsers treat as line ends.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@frozen
class Alarm:
    """A reminder: `offset` is measured from the event's start (negative = before)."""

    offset: dt.timedelta
    text: str


@frozen
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


@frozen
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
    return _CONTROL.sub("", text)


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
    return _fold(line.encode("utf-8")).decode("utf-8").split("\r\n")


def _fold(data: bytes) -> bytes:
    """One content line's octets, folded: CRLF and a space before each continuation."""
    if len(data) <= LINE_OCTETS:
        return data
    pieces, start, limit = [], 0, LINE_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            cut -= 1
        pieces.append(data[start:cut])
        start, limit = cut, LINE_OCTETS - 1  # continuation lines start with one space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


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


@functools.cache
def _components():
    """ics's classes, each with a serializer that lists its methods once (ics looks them up by name on
    every component), an all-day event written from plain dates (`make_all_day` goes through arrow
    twice per event) and a DisplayAlarm with a TRIGGER the RFC accepts (ics writes "P1W6D", weeks with
    days, and a bare "P")."""
    import ics
    from ics.alarm.display import DisplayAlarm
    from ics.grammar.parse import ContentLine
    from ics.serializers.alarm_serializer import DisplayAlarmSerializer
    from ics.serializers.event_serializer import EventSerializer
    from ics.serializers.icalendar_serializer import CalendarSerializer

    class Listed:
        _listed = None

        @classmethod
        def get_serializers(cls):
            found = cls.__dict__.get("_listed")  # a subclass lists its own
            if found is None:
                found = super().get_serializers()  # type: ignore[misc]
                cls._listed = found
            return found

    class ReminderSerializer(Listed, DisplayAlarmSerializer):
        def serialize_trigger(alarm, container):
            container.append(ContentLine("TRIGGER", value=_duration(alarm.trigger)))

    class Reminder(DisplayAlarm):
        class Meta(DisplayAlarm.Meta):
            serializer = ReminderSerializer

    class DayEventSerializer(Listed, EventSerializer):
        # The same DTSTART/DTEND lines ics writes for an all-day event, from the dates themselves.
        def serialize_all_day(event, container):
            container.append(ContentLine("DTSTART", params={"VALUE": ["DATE"]}, value=_date(event.first_day)))
            container.append(ContentLine("DTEND", params={"VALUE": ["DATE"]}, value=_date(event.end_day)))

        def serialize_alarm(event, container):
            for alarm in event.alarms:
                container.append(alarm.serialize())  # str(alarm) warns that its meaning will change

    class DayEvent(ics.Event):
        """An all-day event: `first_day` and `end_day` (exclusive) are dates; ics's begin stays unset."""

        class Meta(ics.Event.Meta):
            serializer = DayEventSerializer

        @property
        def all_day(self):
            return True

    class FeedSerializer(Listed, CalendarSerializer):
        pass

    class Feed(ics.Calendar):
        class Meta(ics.Calendar.Meta):
            serializer = FeedSerializer

    return DayEvent, Reminder, Feed


def _date(day: dt.date) -> str:
    return day.isoformat().replace("-", "")


def _vevent(item: Stamped, zone: ZoneInfo):
    from ics.grammar.parse import ContentLine

    DayEvent, Reminder, _feed = _components()
    e = item.event
    # ics writes UID as given: escape it (ours are already plain ASCII, this keeps it so).
    event = DayEvent(
        name=clean_text(e.summary, keep_newlines=False), description=clean_text(e.description), uid=escape_text(e.uid)
    )
    if e.end < e.start:
        raise ValueError(f"{e.uid}: the event ends before it starts")
    event.first_day, event.end_day = e.start, e.end
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
        valarm = Reminder(trigger=alarm.offset, display_text=clean_text(alarm.text, keep_newlines=False))
        valarm.extra.append(ContentLine("UID", value=escape_text(f"{e.uid}-alarm{i}")))  # RFC 9074
        event.alarms.append(valarm)
    return event


def event_text(item: Stamped, zone: ZoneInfo = PLAN_TZ) -> bytes:
    """One VEVENT as folded lines with CRLF ends, as it stands in any feed that carries it."""
    return _folded(_vevent(item, zone).serialize())


def render(
    name: str,
    items: list[Stamped],
    refresh: dt.timedelta,
    description: str = "",
    zone: ZoneInfo = PLAN_TZ,
    text_of: Callable[[Stamped], bytes] | None = None,
) -> bytes:
    """The feed as RFC 5545 bytes: CRLF line ends, folded lines, events in the given order, each
    event's text from `text_of` (an `EventTexts` in the same zone, which renders each once) if given."""
    from ics.grammar.parse import ContentLine

    cal = _calendar()
    # A published feed, not an invitation: Outlook otherwise may offer to "accept" its events.
    cal.extra.append(ContentLine("METHOD", value="PUBLISH"))
    cal.extra.append(ContentLine("X-WR-CALNAME", value=escape_text(clean_text(name, keep_newlines=False))))
    if description:
        cal.extra.append(ContentLine("X-WR-CALDESC", value=escape_text(description)))
    cal.extra.append(ContentLine("X-WR-TIMEZONE", value=zone.key))
    cal.extra.append(ContentLine("REFRESH-INTERVAL", params={"VALUE": ["DURATION"]}, value=_duration(refresh)))
    cal.extra.append(ContentLine("X-PUBLISHED-TTL", value=_duration(refresh)))
    return _with_events(cal, items, text_of or functools.partial(event_text, zone=zone))


def render_object(item: Stamped, zone: ZoneInfo = PLAN_TZ) -> bytes:
    """One event as a CalDAV calendar object resource (RFC 4791: one UID, no METHOD)."""
    return _with_events(_calendar(), [item], functools.partial(event_text, zone=zone))


def _calendar():
    cal = _components()[2](creator=PRODID)
    cal.scale = "GREGORIAN"
    return cal


_END = b"END:VCALENDAR\r\n"


def _with_events(cal, items: list[Stamped], text_of: Callable[[Stamped], bytes]) -> bytes:
    """The calendar's own lines, then its events in the given order (ics writes events last, only an
    empty list of to-dos after them)."""
    head = _folded(cal.serialize())
    if not head.endswith(_END):
        raise ValueError("ics wrote something after the calendar's events")
    return b"".join([head[: -len(_END)], *map(text_of, items), _END])


def _folded(text: str) -> bytes:
    lines = text.encode("utf-8").replace(b"\r\n", b"\n").split(b"\n")
    return b"\r\n".join([_fold(line) for line in lines if line]) + b"\r\n"
