"""Unit metrics: their definitions (from plugins), entered values, computed values, and targets."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from . import names, validate
from .dates import now
from .entries import write_entry
from .errors import DubanError
from .frozen import frozen
from .i18n import t
from .plugins import for_plan
from .record import Record, latest_entries
from .status import duty_compliance
from .store import Transaction

if TYPE_CHECKING:
    from .registry import Registry
    from .workspace import Workspace

KINDS = ("count", "percent", "yesno", "yuan")
DIRECTIONS = ("at_least", "at_most")
SOURCES = ("entered", "computed")


@frozen
class MetricDef:
    """A figure a unit is judged by: what it measures, its target, and where its value comes from.

    `basis` quotes the plan sentence the metric is drawn from. A county overrides a target in its
    plan data: ``[settings.targets]`` ``"unit.metric" = value``.
    """

    unit: str
    id: str
    name: str
    name_en: str
    kind: str  # one of KINDS
    target: float
    direction: str  # one of DIRECTIONS: the target is a floor or a ceiling
    source: str  # one of SOURCES: typed in by the unit, or computed from the record
    tasks: tuple[str, ...] = ()
    basis: str = ""


@frozen
class MetricStatus:
    """A metric's value on a date (None when nothing is entered or nothing is due) against its target."""

    metric: MetricDef
    value: float | None
    on_target: bool | None
    as_of: dt.date | None


def check_definition(plugin: str, m: MetricDef) -> None:
    """A metric's kind, direction and source must be ones duban knows; else an error naming the plugin."""
    for field, allowed in (("kind", KINDS), ("direction", DIRECTIONS), ("source", SOURCES)):
        if getattr(m, field) not in allowed:
            raise DubanError(
                t(
                    "bad_plugin_item",
                    plugin=plugin,
                    what="metric",
                    ident=f"{m.unit}.{m.id}",
                    problem=f"{field}={getattr(m, field)!r}, expected one of {allowed}",
                )
            )


def all_metric_definitions(registry: Registry, record: Record | None = None) -> list[MetricDef]:
    """Every metric every plugin defines (targets from the plan's [settings.targets] when given)."""
    found = registry.metrics
    if record is not None:
        found = for_plan(registry.pm, found, "metric", record)
    defs = [m for _name, m in found]
    if record is not None:
        targets = record.plan.settings.get("targets", {})
        defs = [_with_target(m, targets[f"{m.unit}.{m.id}"]) if f"{m.unit}.{m.id}" in targets else m for m in defs]
    return defs


def _bad_value(m: MetricDef, value: object, expected: str) -> DubanError:
    """The error for a value of metric `m` that is not what `expected` says it should be."""
    return DubanError(
        t("bad_metric_value", unit=m.unit, metric=m.id, kind=kind_label(m.kind), value=value, expected=expected)
    )


def _with_target(m: MetricDef, target: object) -> MetricDef:
    if isinstance(target, bool) or not isinstance(target, (int, float)):
        raise _bad_value(m, target, "[settings.targets]")
    return replace(m, target=float(target))


def metric_definitions(registry: Registry, unit: str, record: Record | None = None) -> list[MetricDef]:
    """The metrics of `unit`."""
    return [m for m in all_metric_definitions(registry, record) if m.unit == unit]


def kind_label(kind: str) -> str:
    """A metric kind in words."""
    return t(f"mkind_{kind}")


def on_target(metric: MetricDef, value: float | None) -> bool | None:
    """Whether `value` meets the metric's target (None when there is no value)."""
    if value is None:
        return None
    return value >= metric.target if metric.direction == "at_least" else value <= metric.target


def entered_value(record: Record, unit: str, metric_id: str, as_of: dt.date) -> tuple[float, dt.date] | None:
    """The latest value entered for a metric on or before `as_of`, with its date."""
    best = _entered(record, as_of).get((unit, metric_id))
    return (best["value"], dt.date.fromisoformat(best["date"])) if best else None


def metric_status(registry: Registry, record: Record, unit: str, as_of: dt.date) -> list[MetricStatus]:
    """Each metric of `unit` with its value on `as_of` and whether it meets its target."""
    entered = _entered(record, as_of)
    return [_status(registry, record, m, as_of, entered) for m in metric_definitions(registry, unit, record)]


def all_metric_status(registry: Registry, record: Record, as_of: dt.date) -> dict[str, list[MetricStatus]]:
    """Every unit's metrics on `as_of`, by unit code (definitions collected once)."""
    result: dict[str, list[MetricStatus]] = {}
    entered = _entered(record, as_of)
    for m in all_metric_definitions(registry, record):
        result.setdefault(m.unit, []).append(_status(registry, record, m, as_of, entered))
    return result


def _entered(record: Record, as_of: dt.date) -> dict:
    return latest_entries(record.metric_values, as_of, lambda d: (d["unit"], d["metric"]))


def _status(registry: Registry, record: Record, m: MetricDef, as_of: dt.date, entered: dict) -> MetricStatus:
    if m.source == "computed":
        value = registry.hook.duban_compute_metric(metric=m, record=record, as_of=as_of)
        value = None if value is None else round(float(value), 1)
        return MetricStatus(m, value, on_target(m, value), as_of if value is not None else None)
    doc = entered.get((m.unit, m.id))
    return MetricStatus(
        m, doc and doc["value"], on_target(m, doc and doc["value"]), dt.date.fromisoformat(doc["date"]) if doc else None
    )


# -- helpers for plugins that compute metrics -----------------------------------------------------------


def duty_percent(record: Record, duty_id: str, as_of: dt.date) -> float | None:
    """Compliance of a recurring duty in percent, over every unit that performs it (None if nothing due)."""
    duty = record.plan.duty(duty_id)
    if duty is None:
        return None
    done = expected = 0
    for unit in record.duty_units(duty):
        c = duty_compliance(duty, unit, record.duty_dates_for(duty, unit), as_of)
        done, expected = done + c.logged, expected + c.expected
    return 100.0 * done / expected if expected else None


def incident_count(record: Record, kinds: tuple[str, ...], unit: str, as_of: dt.date) -> float:
    """How many incidents of `kinds` counted against `unit` happened on or before `as_of`."""
    return float(
        sum(1 for i in record.incidents if i["kind"] in kinds and unit in i["units"] and i["date"] <= as_of.isoformat())
    )


# -- entering values -----------------------------------------------------------------------------------

# ASCII digits only: \d and str.isdigit() also take '²', '٥' and '９', which int() and float() refuse or misread.
_NUMBER = re.compile(r"^[0-9]{1,15}(\.[0-9]{1,15})?$")


def _whole(text: str) -> bool:
    """A whole number written in ASCII digits, short enough to be a count."""
    return text.isascii() and text.isdigit() and len(text) <= 15


_YES = {"1", "yes", "y", "true", "是", "有"}
_NO = {"0", "no", "n", "false", "否", "无"}


def parse_value(m: MetricDef, text: object) -> float:
    """A value typed by a user, read by the metric's kind; an error says what was expected."""
    raw = str(text).strip()

    def bad(expected: str) -> DubanError:
        return _bad_value(m, text, t(expected))

    if m.kind == "yesno":
        if raw.lower() in _YES:
            return 1.0
        if raw.lower() in _NO:
            return 0.0
        raise bad("core_expected_yes_no")
    if m.kind == "percent":
        if "/" in raw:  # "17/18": the figures a percent is made of
            part, _, whole = raw.partition("/")
            if _whole(part.strip()) and _whole(whole.strip()) and int(whole) > 0 and int(part) <= int(whole):
                return round(100.0 * int(part) / int(whole), 1)
            raise bad("core_expected_done_total")
        number = validate.percent_number(raw)
        if number is not None and number <= 100:
            return number
        raise bad("core_expected_percent")
    if m.kind == "count":
        if _whole(raw):
            return float(int(raw))
        raise bad("core_expected_whole_number_or_more")
    if _NUMBER.match(raw.replace(",", "")) and len(raw.replace(",", "").partition(".")[2]) <= 2:
        return float(raw.replace(",", ""))
    raise bad("core_expected_yuan")


def find_metric(registry: Registry, record: Record, unit: str, metric_id: str) -> MetricDef:
    """The metric `metric_id` names (its id in any case, or its name) of the unit `unit` names, or an
    error naming what is unknown."""
    return validate.units_own(
        record,
        unit,
        metric_id,
        lambda code: metric_definitions(registry, code, record),
        names.metric_choices,
        lambda label: t("unknown_metric", unit=label, metric=metric_id),
    )


def check_value(
    registry: Registry,
    record: Record,
    unit: str,
    metric_id: str,
    value: object,
    day: dt.date,
    author: str = "",
    note: str = "",
    in_view: dt.date | None = None,
) -> dict:
    """Validate an entered metric value; returns the log document."""
    m = find_metric(registry, record, unit, metric_id)
    unit = m.unit
    if m.source != "entered":
        raise DubanError(t("metric_computed", unit=unit, metric=m.id))
    number = parse_value(m, value)
    validate.event_date(record.plan, day, "", validate.latest_day(record.info, in_view))
    return {
        "unit": unit,
        "metric": m.id,
        "value": number,
        "raw": str(value).strip(),
        "date": day.isoformat(),
        "author": author or unit,
        "note": validate.text(note, "note"),
    }


def apply_value(tx: Transaction, record: Record, doc: dict) -> int:
    """Store a validated metric value inside an open transaction and audit it."""
    before = entered_value(record, doc["unit"], doc["metric"], dt.date.fromisoformat(doc["date"]))
    value_id = tx.append("metric_values", doc | {"recorded_at": now().isoformat()})
    record.metric_values.append(doc | {"id": value_id})
    record.changed()
    tx.audit(
        "metric",
        f"{doc['unit']}.{doc['metric']}",
        None if before is None else before[0],
        {"value": doc["value"], "date": doc["date"], "metric_value": value_id},
    )
    return value_id


def enter_value(ws: Workspace, *args, **kwargs) -> dict:
    """Validate and store one metric value (check_value's arguments after the record) in one transaction;
    returns the value with its id."""
    doc, value_id = write_entry(ws, partial(check_value, ws.registry), apply_value, args, kwargs)
    return doc | {"id": value_id}


def format_value(m: MetricDef, value: float | None) -> str:
    """A metric value for people: 61%, 3, 是/否, 120,000 元."""

    if value is None:
        return "—"
    if m.kind == "percent":
        return f"{value:g}%"
    if m.kind == "yesno":
        return t("core_yes") if value >= 1 else t("core_no")
    if m.kind == "yuan":
        return f"{value:,.2f}".rstrip("0").rstrip(".") + t("core_yuan")
    return f"{value:g}"


def format_target(m: MetricDef) -> str:
    """A metric's target with its direction: ≥100%, ≤0, 是."""
    if m.kind == "yesno":
        return format_value(m, m.target)
    return ("≥" if m.direction == "at_least" else "≤") + format_value(m, m.target)


def compute_from(
    table: Mapping[str, Callable], unit: str, metric: MetricDef, record: Record, as_of: dt.date
) -> float | None:
    """For a plugin's duban_compute_metric: the value of `metric` by `table[id](record, as_of)` if it is
    one of `unit`'s, else None (not this plugin's metric)."""
    if metric.unit == unit and metric.id in table:
        return table[metric.id](record, as_of)
    return None
