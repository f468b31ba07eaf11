"""Checks of user input shared by every front end; each failure is one clear DubanError."""

from __future__ import annotations

import datetime as dt
import re

from .dates import today
from .errors import DubanError
from .fullwidth import halfwidth
from .i18n import t
from .model import Plan, RecurringDuty, Task
from .record import Record


def task(record: Record, task_id: str) -> Task:
    """The task `task_id` or an error naming it."""
    found = record.plan.task(task_id)
    if found is None:
        raise DubanError(t("unknown_task", task=task_id))
    return found


def duty(record: Record, duty_id: str) -> RecurringDuty:
    """The duty `duty_id` or an error naming it."""
    found = record.plan.duty(duty_id)
    if found is None:
        raise DubanError(t("unknown_duty", duty=duty_id))
    return found


def unit(record: Record, code: str) -> str:
    """The unit code `code` if the record knows it."""
    if code not in record.units:
        raise DubanError(t("unknown_unit", unit=code))
    return code


#: A number as typed for a percent: 90, 90.5, 90%; full-width digits and ％ are folded first.
_PERCENT = re.compile(r"([0-9]{1,6}(?:\.[0-9]{1,6})?)\s*(%?)")


def percent_number(value: object) -> float | None:
    """The number a user typed for a percent ('90', '90%', '９０％', 90.0), or None if it is not one.

    A bare fraction such as 0.9 is refused (DubanError): it is what a spreadsheet stores for 90 %,
    and reading it as 0.9 % would record the opposite of what the clerk meant.
    """
    if isinstance(value, bool):
        return None
    text = halfwidth(str(value)).strip()
    found = _PERCENT.fullmatch(text)
    if not found:
        return None
    number = float(found.group(1))
    if 0 < number < 1 and not found.group(2):
        raise DubanError(t("percent_fraction", value=value, meant=f"{100 * number:g}"))
    return number


def percent(value: object) -> int:
    """A whole percent from 0 to 100, written exactly (a command-line argument)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise DubanError(t("bad_percent", value=value)) from None
    if not 0 <= number <= 100 or str(value).strip() != str(number):
        raise DubanError(t("bad_percent", value=value))
    return number


def typed_percent(value: object) -> int:
    """A whole percent from 0 to 100 as a clerk types it: 90, '90', '90%', '９０％'."""
    number = percent_number(value)
    if number is None or not number.is_integer() or not 0 <= number <= 100:
        raise DubanError(t("bad_percent", value=value))
    return int(number)


def event_date(plan: Plan, day: dt.date, place: str) -> dt.date:
    """A date something happened: not in the future, not before the action began."""
    if day > today():
        raise DubanError(t("future_date", place=place, value=day, today=today()))
    if day < plan.period_start:
        raise DubanError(t("before_plan", place=place, value=day, start=plan.period_start))
    return day


def text(value: str | None, place: str, required: bool = False) -> str:
    """Free text from a user, stripped; required text must not be blank."""
    cleaned = (value or "").strip()
    try:
        # Bytes that were not UTF-8 on the command line arrive as lone surrogates: refuse them here,
        # before the store meets them half-way through a commit.
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        raise DubanError(t("text_not_utf8", place=place)) from None
    if required and not cleaned:
        raise DubanError(t("empty_text", place=place))
    return cleaned


def evidence_refs(text: str) -> tuple[str, ...]:
    """Evidence references written on one line, separated by ; or ；.

    Commas are not separators: a reference such as "文件A，第2页" keeps its comma.
    """
    return tuple(part.strip() for part in (text or "").replace("；", ";").split(";") if part.strip())
