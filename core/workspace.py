"""A database together with the plugins that give it its units: the one context every front end hands on."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
from typing import TYPE_CHECKING, Any

from .dates import day_in_view
from .model import Unit
from .record import Record, load_record
from .store import Database

if TYPE_CHECKING:
    import pluggy

    from .registry import Registry


class Workspace:
    """One database and the process's plugin registry (collected on first use, once per process)."""

    def __init__(
        self,
        db: Database,
        load_entrypoints: bool = True,
        registry: Registry | None = None,
        short_lived: bool = False,
    ):
        self.db = db
        self.load_entrypoints = load_entrypoints
        self._registry = registry
        #: one command that ends soon after it reads (the command line), not a dashboard that reads again and again
        self.short_lived = short_lived

    @functools.cached_property
    def registry(self) -> Registry:
        """What the plugins registered: the one given, else the process's own (built-in and installed plugins)."""
        from .registry import load_registry

        return self._registry or load_registry(self.load_entrypoints)

    @property
    def pm(self) -> pluggy.PluginManager:
        """The plugin manager, for hooks that compute (metrics, flags)."""
        return self.registry.pm

    @functools.cached_property
    def units(self) -> dict[str, Unit]:
        """Units registered by plugins, by code in the plan's order (kept between commands while the
        plugins are duban's own and unchanged: core.unitcache)."""
        if self._registry is not None or "registry" in self.__dict__:
            return self.registry.units
        from .unitcache import plugin_units

        return plugin_units(self.load_entrypoints)

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

    def record_of_task(self, name: str, override: dt.date | None = None) -> tuple[Record, dt.date]:
        """What one task's page needs, and the date to look at: when `name` is a task's id, the record
        holds that task alone (with its text and the history deciding its status on the date);
        otherwise (a title, an id in another case, a retired task) the whole record, as before. The
        record holds the plan in force on the date."""
        with self.db.reading() as snap:
            as_of = day_in_view(snap.info(), override)
            if snap.docs_of("tasks", "id", [name]):
                record = self._load(snap, True, tasks={name}, latest_as_of=as_of)
                record.in_force(as_of)
                if record.plan.task(name) is not None:  # else added by an amendment after the date
                    return record, as_of
            record = self._load(snap, True)
        record.in_force(as_of)
        return record, as_of

    def with_logs(self, record: Record, names: tuple[str, ...]) -> Record:
        """`record` (a light one, read for task status) with the units' logs `names` read fresh."""
        from .record import unit_logs

        with self.db.reading() as snap:
            logs: dict[str, Any] = unit_logs(snap, names)
        return dataclasses.replace(record, origin=None, **logs)  # logs of a later commit, perhaps

    def _load(self, snap, texts: bool, **options) -> Record:
        # A record kept to the end of the command is frozen below; until then the collector would walk
        # the objects the load is making, which are not garbage (a tenth of `tasks` at 100,000 tasks).
        paused = self.short_lived and gc.isenabled()
        if paused:
            gc.disable()
        try:
            record = load_record(snap, self.units, texts, **options)
        except (LookupError, TypeError, ValueError, AttributeError) as exc:
            # Every file read as JSON, yet a document does not fit (edited by hand, another program).
            raise self.db.inconsistent(exc) from None
        finally:
            if paused:
                gc.enable()
        if self.short_lived:
            # The record stays until the command ends: the cyclic collector need not walk it again at every
            # full pass (at 100,000 tasks those passes were a quarter of `tasks`, the part that grew faster
            # than the plan). The command line unfreezes when the command returns.
            gc.freeze()
        return record
