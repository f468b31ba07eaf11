"""Helpers shared by the calendar tests: parse feeds strictly and pick events apart."""

from __future__ import annotations

import re

import icalendar


def parse_strict(data: bytes) -> icalendar.Calendar:
    """Parse a feed with icalendar and fail on anything it had to tolerate or could not read."""
    assert data.endswith(b"\r\n"), "the last line must end with CRLF"
    body = data[:-2]
    assert b"\n" not in body.replace(b"\r\n", b""), "a bare LF"
    assert b"\r" not in body.replace(b"\r\n", b""), "a bare CR"
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, f"line of {len(line)} octets: {line[:40]!r}"
        line.decode("utf-8")  # a fold never splits a character
    cals = icalendar.Calendar.from_ical(data, multiple=True)
    assert len(cals) == 1, "exactly one VCALENDAR"
    cal = cals[0]
    for component in cal.walk():
        assert not component.errors, (component.name, component.errors)
    return cal


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    """The VEVENTs of a calendar by UID."""
    found = {}
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in found, f"duplicate UID {uid}"
        found[uid] = event
    return found


def event_blocks(data: bytes) -> dict[str, bytes]:
    """The raw text of each VEVENT by UID, to compare events byte for byte."""
    blocks = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, flags=re.S):
        unfolded = re.sub(rb"BEGIN:VALARM\r\n.*?END:VALARM\r\n", b"", block.replace(b"\r\n ", b""), flags=re.S)
        uid = re.search(rb"^UID:(.*)$", unfolded, flags=re.M).group(1).strip()
        blocks[uid.decode()] = block
    return blocks
