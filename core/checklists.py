"""Unit checklists: the items each unit's plugin contributes, and which are ticked on a date."""

from __future__ import annotations

import datetime as dt
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
from .store import Transaction

if TYPE_CHECKING:
    from .registry import Registry
    from .workspace import Workspace


@frozen
class ChecklistItem:
    """One thing a unit must get done, linked to the plan tasks it serves.

    `basis` quotes the sentence of the plan (a task's text or the unit's duty in section 四)
    the item is drawn from, so a reader can trace it.
    """

    unit: str
    id: str
    title: str
    title_en: str
    tasks: tuple[str, ...]
    basis: str = ""


@frozen
class ItemStatus:
    """A checklist item and whether it is ticked: by whom, when, with what note and evidence."""

    item: ChecklistItem
    done: bool
    when: dt.date | None
    who: str
    note: str
    evidence: tuple[str, ...]


def all_checklist_items(registry: Registry, record: Record | None = None) -> list[ChecklistItem]:
    """Every checklist item every plugin contributes, in registration order (links checked against the
    record's plan when given)."""
    found = registry.checklist
    if record is not None:
        found = for_plan(registry.pm, found, "checklist item", record)
    return [item for _name, item in found]


def checklist_items(registry: Registry, unit: str, record: Record | None = None) -> list[ChecklistItem]:
    """The checklist of `unit` (links checked against the record's plan when given)."""
    return [item for item in all_checklist_items(registry, record) if item.unit == unit]


def checklist_status(registry: Registry, record: Record, unit: str, as_of: dt.date | None = None) -> list[ItemStatus]:
    """Each item of `unit`'s checklist with its latest tick (or untick) dated on or before `as_of`."""
    latest = latest_entries([d for d in record.checks if d["unit"] == unit], as_of, lambda d: d["item"])
    result = []
    for item in checklist_items(registry, unit, record):
        doc = latest.get(item.id)
        if doc and doc["done"]:
            result.append(
                ItemStatus(
                    item,
                    True,
                    dt.date.fromisoformat(doc["date"]),
                    doc.get("author", ""),
                    doc.get("note", ""),
                    tuple(doc.get("evidence", ())),
                )
            )
        else:
            result.append(ItemStatus(item, False, None, "", "", ()))
    return result


def find_item(registry: Registry, record: Record, unit: str, item_id: str) -> ChecklistItem:
    """The item `item_id` names (its id in any case, or its title) of the checklist of the unit `unit`
    names, or an error naming what is unknown."""
    return validate.units_own(
        record,
        unit,
        item_id,
        lambda code: checklist_items(registry, code, record),
        names.titled_choices,
        lambda label: t("unknown_item", unit=label, item=item_id),
    )


def check_tick(
    registry: Registry,
    record: Record,
    unit: str,
    item_id: str,
    day: dt.date,
    undo: bool = False,
    note: str = "",
    evidence: tuple[str, ...] = (),
    author: str = "",
    in_view: dt.date | None = None,
) -> dict:
    """Validate ticking (or, with `undo`, unticking) a checklist item; returns the log document."""
    item = find_item(registry, record, unit, item_id)
    unit = item.unit
    validate.event_date(record.plan, day, "", validate.latest_day(record.info, in_view))
    # Unticking is about the item as it stands on that day, not on the latest day on record.
    if undo and not next(s for s in checklist_status(registry, record, unit, day) if s.item.id == item.id).done:
        raise DubanError(t("item_not_checked", unit=unit, item=item.id))
    return {
        "unit": unit,
        "item": item.id,
        "done": not undo,
        "date": day.isoformat(),
        "author": author or unit,
        "note": validate.text(note, "note"),
        "evidence": [e.strip() for e in evidence if e.strip()],
    }


def apply_tick(tx: Transaction, record: Record, doc: dict) -> int:
    """Store a validated tick inside an open transaction and audit it."""
    tick_id = tx.append("checks", doc | {"recorded_at": now().isoformat()})
    record.checks.append(doc | {"id": tick_id})
    record.changed()
    tx.audit(
        "check" if doc["done"] else "uncheck",
        f"{doc['unit']}.{doc['item']}",
        None,
        {"date": doc["date"], "note": doc["note"], "evidence": doc["evidence"], "check": tick_id},
    )
    return tick_id


def tick(ws: Workspace, *args, **kwargs) -> dict:
    """Validate and store one tick or untick (check_tick's arguments after the record) in one transaction;
    returns the tick with its id."""
    doc, tick_id = write_entry(ws, partial(check_tick, ws.registry), apply_tick, args, kwargs)
    return doc | {"id": tick_id}
