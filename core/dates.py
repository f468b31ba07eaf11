"""Calendar dates in the plan's time zone (Asia/Shanghai); no naive time is ever read as UTC."""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo

from .errors import DubanError, UsageError
from .frozen import frozen
from .i18n import t

PLAN_TZ = ZoneInfo("Asia/Shanghai")
EARLIEST, LATEST = dt.date(1949, 10, 1), dt.date(2999, 12, 31)  # the dates a record may hold
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: How clerks write a day: 2020-10-9, 2020/10/9, 2020.10.9, 2020年10月9日 (full-width digits folded first).
_WRITTEN_DATE = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})|([0-9]{4})(年)([0-9]{1,2})月([0-9]{1,2})日?")
#: Full-width digits and signs a Chinese input method types (only these: ² or ٣ are not digits here).
FULL_WIDTH = str.maketrans("０１２３４５６７８９％．／－", "0123456789%./-")
#: Days named relative to the day in view.
RELATIVE_WORDS = {"今天": 0, "今日": 0, "today": 0, "昨天": -1, "昨日": -1, "yesterday": -1, "前天": -2}


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
        day = dt.date.fromisoformat(text)
    except ValueError:
        err = UsageError if usage else DubanError
        raise err(t("bad_date", place=place, value=value)) from None
    return day


def in_range(day: dt.date, place: str = "", usage: bool = False) -> dt.date:
    """`day`, if a plan may hold it: a campaign runs in our time, so year 1 or 9999 is a typo, and a plan
    from year 1 would walk two thousand years of periods on every read."""
    if not EARLIEST <= day <= LATEST:
        err = UsageError if usage else DubanError
        raise err(t("date_out_of_range", place=place, value=day, earliest=EARLIEST, latest=LATEST))
    return day


def day_in_view(info: dict, override: dt.date | None = None) -> dt.date:
    """The day to look at: the override, else the database's own (`info["as_of"]`, a demo's), else today."""
    if override is not None:
        return override
    if info.get("as_of"):
        return parse_date(info["as_of"])
    return today()


def made_on(doc: dict) -> dt.date:
    """The day a stored entry (an extension request or ruling) was made: its `date`, or (written before
    entries carried one) the Shanghai day it was recorded on."""
    if "date" in doc:
        return dt.date.fromisoformat(doc["date"])
    return dt.datetime.fromisoformat(doc["recorded_at"]).astimezone(PLAN_TZ).date()


def entry_day(in_view: dt.date) -> dt.date:
    """The day a new entry is recorded on unless one is given: the day in view, never after today."""
    return min(in_view, today())


@frozen
class RelativeDay:
    """A day named relative to one not yet known (昨天 = the day in view, one day back)."""

    offset: int

    def of(self, day: dt.date) -> dt.date:
        """The day this names, counted from `day`."""
        return day + dt.timedelta(days=self.offset)


def read_date(value: object, place: str = "", usage: bool = False) -> dt.date | RelativeDay:
    """A date as a clerk writes it (2020-10-9, 2020/10/9, 2020.10.9, 2020年10月9日, 今天, 昨天).

    今天 and 昨天 come back as a RelativeDay: which day they name depends on the day in view.
    """
    text = str(value).strip().translate(FULL_WIDTH)
    if text.casefold() in RELATIVE_WORDS:
        return RelativeDay(RELATIVE_WORDS[text.casefold()])
    match = _WRITTEN_DATE.fullmatch(text)
    try:
        if match is None:
            raise ValueError
        year, _, month, day = (part for part in match.groups() if part is not None)
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        err = UsageError if usage else DubanError
        raise err(t("bad_written_date", place=place, value=value)) from None


def read_day(value: object, in_view: dt.date, place: str = "") -> dt.date:
    """A date as a clerk writes it, 今天 and 昨天 counted from `in_view`."""
    day = value if isinstance(value, dt.date) else read_date(value, place)
    return day.of(in_view) if isinstance(day, RelativeDay) else day


@functools.lru_cache(maxsize=4096)
def stored_date(iso: str) -> dt.date:
    """A date as the store keeps it (ISO, already validated); parsed once, since a campaign's
    entries fall on a few hundred distinct days."""
    return dt.date.fromisoformat(iso)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (Jan 31 + 1 → Feb 29 in 2020)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    # December's length is known: December 9999 has no following month to count back from
    last = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))
