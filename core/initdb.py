"""Creating a database from a plan (the built-in one, another county's, or a re-based one)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .model import Plan
from .planfile import load_plan, rebase
from .record import plan_documents
from .store import Database


def build_plan(plugin_units: dict, plan_file: str | None = None, start: dt.date | None = None) -> Plan:
    """The plan to start from: the file (or the built-in plan), re-based to `start` if given."""
    plan = load_plan(plan_file, plugin_units)
    return rebase(plan, start) if start else plan


def init_database(db: Database, plan: Plan, who: str, force: bool = False, info: dict | None = None) -> Path | None:
    """Create the database holding `plan`; returns the backup taken of a replaced database."""
    return db.create(who, plan_documents(plan), {"plan": plan.id, **(info or {})}, force=force)
