"""Incidents the plan names (a person missing, a death, cold or hunger, an institution in danger,
food or drug safety), who answers for them, and whether they were reported up "at once" (A1.4)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import names, validate
from .dates import now
from .entries import write_entry
from .errors import DubanError
from .frozen import frozen
from .i18n import t
from .record import Record
from .store import Transaction

if TYPE_CHECKING:
    from .workspace import Workspace


@frozen
class IncidentKind:
    """A kind of incident, the plan tasks that name it, and the units whose duties cover it."""

    code: str
    tasks: tuple[str, ...]
    units: tuple[str, ...]

    @property
    def label(self) -> str:
        """The kind in words."""
        return t(f"inc_{self.code}")


#: Readings of the plan: the units whose own duties an incident touches. A1.3 (民政局和救助管理站 bear the
#: supervisory and the primary responsibility for people in care) and A1.4 (机构遇灾、遇险，受助人员走失、
#: 死亡) make missing persons, deaths, and institutions in danger theirs; A3.1 (冻饿死伤: police, urban
#: management and civil affairs patrol the streets). Food and drug incidents in care are the institution's
#: (A1.2/A1.3): emergency only 协助 (四(七)) and market regulation only 参与 the investigation (四(九)), so
#: neither answers for an incident merely by helping. A plan overrides the units in
#: ``[settings.incident_units]``.
KINDS = {
    k.code: k
    for k in (
        IncidentKind("missing", ("A1.3", "A1.4"), ("civil_affairs", "rescue_station")),
        IncidentKind("death", ("A1.3", "A1.4"), ("civil_affairs", "rescue_station")),
        IncidentKind("cold_hunger", ("A3.1",), ("public_security", "urban_management", "civil_affairs")),
        IncidentKind("institution", ("A1.1", "A1.4"), ("civil_affairs", "rescue_station")),
        IncidentKind("food_drug", ("A1.1", "A1.3"), ("civil_affairs", "rescue_station")),
    )
}


def covering_units(record: Record, kind: str) -> tuple[str, ...]:
    """The units an incident of `kind` counts against, by the plan's settings or the default reading."""
    override = record.plan.settings.get("incident_units", {}).get(kind)
    units = tuple(override) if isinstance(override, list) else KINDS[kind].units
    return tuple(u for u in units if u in record.units)


def report_days(doc: dict) -> int:
    """Days between an incident and its report up (0 = the same day)."""
    return (dt.date.fromisoformat(doc["reported"]) - dt.date.fromisoformat(doc["date"])).days


def check_incident(
    record: Record,
    kind: str,
    day: dt.date,
    note: str,
    unit: str | None = None,
    reported: dt.date | None = None,
    author: str = "",
    in_view: dt.date | None = None,
) -> dict:
    """Validate an incident (its kind named by code or in words, 冻饿死伤); returns the log document."""
    kinds = "/".join(KINDS[k].label for k in KINDS)
    kind = names.resolve(kind, names.worded_choices(KINDS, "inc_"), t("unknown_incident_kind", kind=kind, kinds=kinds))
    latest = validate.latest_day(record.info, in_view)
    validate.event_date(record.plan, day, "", latest)
    reported = reported or day
    validate.event_date(record.plan, reported, "", latest)
    if reported < day:
        raise DubanError(t("reported_before_event", reported=reported, date=day))
    units = (validate.unit(record, unit),) if unit else covering_units(record, kind)
    return {
        "kind": kind,
        "date": day.isoformat(),
        "reported": reported.isoformat(),
        "units": list(units),
        "note": validate.text(note, "--note", required=True),
        "author": author or "duban",
    }


def apply_incident(tx: Transaction, record: Record, doc: dict) -> int:
    """Store a validated incident inside an open transaction and audit it."""
    incident_id = tx.append("incidents", doc | {"recorded_at": now().isoformat()})
    record.incidents.append(doc | {"id": incident_id})
    record.changed()
    tx.audit("incident", f"incident:{incident_id}", None, doc)
    return incident_id


def record_incident(ws: Workspace, *args, **kwargs) -> dict:
    """Validate and store one incident (check_incident's arguments after the record) in one transaction;
    returns it with its id."""
    doc, incident_id = write_entry(ws, check_incident, apply_incident, args, kwargs)
    return doc | {"id": incident_id}


def on_time(doc: dict, allowed_days: int) -> bool:
    """Whether an incident was reported up as fast as A1.4 ("第一时间") requires."""
    return report_days(doc) <= allowed_days


def timeliness(doc: dict, allowed_days: int) -> str:
    """How fast an incident was reported up, in words, and whether that was too late."""
    days = report_days(doc)
    said = t("core_reported_same_day") if days == 0 else t("core_reported_after_days", days=days)
    late = "" if on_time(doc, allowed_days) else t("core_later_than_required_once_within", allowed_days=allowed_days)
    return said + late


def timely_percent(record: Record, as_of: dt.date, allowed_days: int) -> float | None:
    """Share of incidents up to `as_of` reported up within `allowed_days`, in percent (None if none)."""
    seen = [doc for doc in record.incidents if doc["date"] <= as_of.isoformat()]
    return 100.0 * sum(1 for doc in seen if on_time(doc, allowed_days)) / len(seen) if seen else None
