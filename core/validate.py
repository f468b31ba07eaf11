"""Checks of user input shared by every front end; each failure is one clear DubanError."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Protocol, TypeVar

from . import names
from .dates import FULL_WIDTH, day_in_view, today
from .errors import DubanError
from .i18n import t
from .model import Plan, RecurringDuty, Task
from .record import Record

#: A whole percent as typed: 95, 95%, ９５ (full width is folded first); no sign, fraction or leading 0.
_PERCENT = re.compile(r"(0|[1-9][0-9]{0,2})%?")


def _not_retired(record: Record, kind: str, ident: str) -> None:
    """A task, duty or unit a plan amendment retired is named as such, with where its record is still seen."""
    gone = record.retired(kind, ident)
    if gone is not None:
        before = dt.date.fromisoformat(gone["effective"]) - dt.timedelta(days=1)
        raise DubanError(t("retired_thing", ident=ident, before=before, **gone))


Item = TypeVar("Item")


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


Owned = TypeVar("Owned", bound=_Identified)


def _named(record: Record, kind: str, name: str, lookup: Callable[[str], Item | None], things, unknown: str) -> Item:
    """The plan's `kind` that `name` names: its exact id, else its id in any case or its title; else an
    error (that it was retired, if an amendment retired it)."""
    found = lookup(name)
    if found is None:
        _not_retired(record, kind, name)
        found = lookup(names.resolve(name, names.titled_choices(things), unknown))
        assert found is not None  # resolve() returns only ids the plan has
    return found


def task(record: Record, task_id: str) -> Task:
    """The task `task_id` names (its id in any case, or its title), or an error naming it."""
    plan = record.plan
    return _named(record, "task", task_id, plan.task, plan.tasks, t("unknown_task", task=task_id))


def duty(record: Record, duty_id: str) -> RecurringDuty:
    """The duty `duty_id` names (its id in any case, or its title), or an error naming it."""
    plan = record.plan
    return _named(record, "duty", duty_id, plan.duty, plan.duties, t("unknown_duty", duty=duty_id))


def unit(record: Record, code: str) -> str:
    """The code of the unit `code` names (民政局, 县民政局, civil_affairs, CIVIL_AFFAIRS), or an error."""
    if code in record.units:
        return code
    _not_retired(record, "unit", code)
    return names.resolve(code, names.unit_choices(record.units.values()), t("unknown_unit", unit=code))


def units_own(
    record: Record,
    unit_name: str,
    name: str,
    things_of: Callable[[str], list[Owned]],
    choices: Callable[[list[Owned]], list[names.Choice]],
    unknown: Callable[[str], str],
) -> Owned:
    """One of a unit's own things (a checklist item, a metric) by what `name` calls it, among
    `things_of(code)` of the unit `unit_name` names; else the error `unknown(the unit's label)`, with
    what was probably meant."""
    code = unit(record, unit_name)
    things = things_of(code)
    found = names.resolve(name, choices(things), unknown(record.label(code)))
    return next(x for x in things if x.id == found)


#: A number typed for a percent metric: 90, 90.5, 90% (full width folded first).
_PERCENT_NUMBER = re.compile(r"([0-9]{1,6}(?:\.[0-9]{1,6})?)\s*(%?)")


def percent_number(value: object) -> float | None:
    """The number a user typed for a percent ('90', '90%', '９０％', 90.0), or None if it is not one.

    A bare fraction such as 0.9 is refused (DubanError): it is what a spreadsheet stores for 90 %,
    and reading it as 0.9 % would record the opposite of what the clerk meant.
    """
    if isinstance(value, bool):
        return None
    found = _PERCENT_NUMBER.fullmatch(str(value).strip().translate(FULL_WIDTH))
    if not found:
        return None
    number = float(found.group(1))
    if 0 < number < 1 and not found.group(2):
        raise DubanError(t("percent_fraction", value=value, meant=f"{100 * number:g}"))
    return number


def percent(value: object) -> int:
    """A whole percent from 0 to 100, typed as 95, 95% or ９５."""
    match = _PERCENT.fullmatch(str(value).strip().translate(FULL_WIDTH))
    if match is None or int(match.group(1)) > 100:
        raise DubanError(t("bad_percent", value=value))
    return int(match.group(1))


def latest_day(info: dict, in_view: dt.date | None = None) -> dt.date:
    """The last day an entry may be dated: the day duban looks at (given, else the database's own date
    in `info`, a demo's, else today), and never after today."""
    return min(day_in_view(info, in_view), today())


def event_date(plan: Plan, day: dt.date, place: str, latest: dt.date | None = None) -> dt.date:
    """A date something happened: not after `latest` (see latest_day; today if not given), not before
    the action began."""
    latest = today() if latest is None else latest
    if day > latest:
        raise DubanError(t("future_date", place=place, value=day, today=latest))
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
