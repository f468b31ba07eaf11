"""Working days in mainland China: statutory holidays and make-up working days (调休).

The holiday calendar comes from the `chinese-calendar` package (PyPI `chinesecalendar`), which the
State Council's yearly notice updates. A year it does not cover yet falls back to weekends only;
those years are noted here so a front end can say so once.
"""

from __future__ import annotations

import datetime as dt
import functools

import chinese_calendar

from .frozen import frozen
from .i18n import pick, t

_uncovered: set[int] = set()
_HOLIDAYS = {h.value: h for h in chinese_calendar.Holiday}


@frozen
class DayKind:
    """Whether a day is worked, and if not, why (a holiday's name or the weekend)."""

    working: bool
    holiday: str = ""  # the statutory holiday's name in the current language, "" for a weekend


@functools.lru_cache(maxsize=8192)
def _holiday_detail(day: dt.date) -> tuple[bool, str | None] | None:
    """chinese_calendar's (off, holiday name) for `day`, None for a year it does not cover; kept, as
    feeds and reports ask about the same due dates thousands of times (its own check is costly)."""
    try:
        return chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None


def day_kind(day: dt.date) -> DayKind:
    """What kind of day `day` is; make-up working days on a weekend count as working days."""
    detail = _holiday_detail(day)
    if detail is None:
        _uncovered.add(day.year)
        return DayKind(day.weekday() < 5)
    off, name = detail
    if not off:
        return DayKind(True)
    holiday = _HOLIDAYS.get(name)
    return DayKind(False, pick(holiday.chinese, holiday.value) if holiday else "")


def is_working_day(day: dt.date) -> bool:
    """Whether `day` is a working day."""
    return day_kind(day).working


def last_working_day(day: dt.date) -> dt.date:
    """`day` if it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def non_working_note(day: dt.date) -> str:
    """ "" for a working day, else a short note naming why nobody works that day."""
    kind = day_kind(day)
    if kind.working:
        return ""
    return t("workday_holiday", name=kind.holiday) if kind.holiday else t("workday_weekend")


def fallback_note() -> str:
    """One line saying which years were counted by weekends only since it was last said, or ""."""
    years = sorted(_uncovered)
    _uncovered.clear()
    return t("workday_fallback", years="、".join(map(str, years))) if years else ""
