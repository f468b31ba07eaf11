"""Creating a database from a plan (the built-in one, another county's, or a re-based one)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DubanError
from .model import Plan
from .planfile import load_plan, rebase
from .record import plan_documents
from .store import LOG_TABLES, Database

if TYPE_CHECKING:
    from .registry import Registry


def build_plan(
    plugin_units: dict, plan_file: str | None = None, start: dt.date | None = None, registry: Registry | None = None
) -> Plan:
    """The plan to start from: the file (or the built-in plan), re-based to `start` if given; with
    `registry`, its plugin settings checked against what the plugins read (planfile.read_plan_text)."""
    plan = load_plan(plan_file, plugin_units, registry)
    return rebase(plan, start) if start else plan


def has_records(db: Database) -> bool:
    """Whether the database at `db` exists and holds anything recorded beyond its plan (and its audit)."""
    if not db.exists():
        return False
    try:
        logs = db._read_meta()["logs"]  # the commit point only: nothing upgraded, nothing loaded
    except DubanError:
        return False  # a damaged database is init's to report
    return any(logs.get(log, {}).get("length", 0) for log in LOG_TABLES if log != "audit")


def init_database(db: Database, plan: Plan, who: str, force: bool = False, info: dict | None = None) -> Path | None:
    """Create the database holding `plan`; returns the backup taken of a replaced database."""
    return db.create(who, plan_documents(plan), {"plan": plan.id, **(info or {})}, force=force)
