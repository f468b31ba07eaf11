"""Calendar dates in the plan's time zone (Asia/Shanghai); no naive time is ever read as UTC."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo

from .errors import DubanError, UsageError
from .fullwidth import halfwidth
from .i18n import t

PLAN_TZ = ZoneInfo("Asia/Shanghai")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: The ways people write a date in a Chinese office: 2020-10-1, 2020/10/10, 2020.10.10, 2020年10月10日.
_WRITTEN_DATE = re.compile(r"([0-9]{4})\s*([-/.年])\s*([0-9]{1,2})\s*([-/.月])\s*([0-9]{1,2})\s*(日?)")


def today(tz: ZoneInfo = PLAN_TZ) -> dt.date:
    """Today's date where the plan runs."""
    return dt.datetime.now(tz).date()


def now(tz: ZoneInfo = PLAN_TZ) -> dt.datetime:
    """An aware timestamp in the plan's zone, to the second."""
    return dt.datetime.now(tz).replace(microsecond=0)


def parse_date(value: str, place: str = "", usage: bool = False) -> dt.date:
    """Read an ISO date (YYYY-MM-DD); anything else is a clear error naming `place`."""
    text = str(value).strip()
    try:
        # Only YYYY-MM-DD: fromisoformat also takes '2020-W01-1' (a week date) and other digits.
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        err = UsageError if usage else DubanError
        raise err(t("bad_date", place=place, value=value)) from None


def read_date(value: object, place: str = "") -> dt.date:
    """Read a date as a clerk writes it (2020-10-1, 2020/10/10, 2020.10.10, 2020年10月10日, full-width
    digits); anything else, or a day that does not exist, is a clear error naming `place`."""
    text = halfwidth(str(value)).strip()
    found = _WRITTEN_DATE.fullmatch(text)
    if found:
        year, sep, month, sep2, day, suffix = found.groups()
        # One style per date: 2020年10月10日 or 2020/10/10, not 2020年10/10 or 2020/10/10日.
        if (sep, sep2) == ("年", "月") or (sep == sep2 and sep in "-/." and not suffix):
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                pass
    raise DubanError(t("bad_date", place=place, value=value))


@functools.lru_cache(maxsize=4096)
def stored_date(iso: str) -> dt.date:
    """A date as the store keeps it (ISO, already validated); parsed once, since a campaign's
    entries fall on a few hundred distinct days."""
    return dt.date.fromisoformat(iso)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (Jan 31 + 1 → Feb 29 in 2020)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
