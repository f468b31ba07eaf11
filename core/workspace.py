"""A database together with the plugins that give it its units: the one context every front end hands on."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from .dates import day_in_view
from .model import Unit
from .record import Record, load_record
from .store import Database

if TYPE_CHECKING:
    import pluggy

    from .registry import Registry


class Workspace:
    """One database and the process's plugin registry (collected on first use, once per process)."""

    def __init__(self, db: Database, load_entrypoints: bool = True, registry: Registry | None = None):
        self.db = db
        self.load_entrypoints = load_entrypoints
        self._registry = registry

    @functools.cached_property
    def registry(self) -> Registry:
        """What the plugins registered: the one given, else the process's own (built-in and installed plugins)."""
        from .registry import load_registry

        return self._registry or load_registry(self.load_entrypoints)

    @property
    def pm(self) -> pluggy.PluginManager:
        """The plugin manager, for hooks that compute (metrics, flags)."""
        return self.registry.pm

    @property
    def units(self) -> dict[str, Unit]:
        """Units registered by plugins, by code in the plan's order."""
        return self.registry.units

    def record(self, texts: bool = True) -> Record:
        """A fresh, consistent read of the record (`texts=False` skips the tasks' long plan texts)."""
        with self.db.reading() as snap:
            return self._load(snap, texts)

    def as_of(self, record: Record, override: dt.date | None = None) -> dt.date:
        """The date to look at: the override, else the database's own (a demo's), else today. The record
        then holds the plan in force on that date (before an amendment, the plan as it stood)."""
        day = day_in_view(record.info, override)
        record.in_force(day)
        return day

    def as_of_date(self, override: dt.date | None = None) -> dt.date:
        """The date to look at, without loading the record (a write's default date)."""
        with self.db.reading() as snap:
            return day_in_view(snap.info(), override)

    def record_as_of(self, override: dt.date | None = None, texts: bool = False) -> tuple[Record, dt.date]:
        """The record and the date to look at, loading only what task status on that date needs."""
        with self.db.reading() as snap:
            as_of = day_in_view(snap.info(), override)
            record = self._load(snap, texts, latest_as_of=as_of)
        record.in_force(as_of)
        return record, as_of

    def _load(self, snap, texts: bool, **options) -> Record:
        try:
            return load_record(snap, self.units, texts, **options)
        except (LookupError, TypeError, ValueError, AttributeError) as exc:
            # Every file read as JSON, yet a document does not fit (edited by hand, another program).
            raise self.db.inconsistent(exc) from None
