"""What the dashboard shows, read in one consistent snapshot: the record, the as-of date, the figures."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
from collections.abc import Iterator
from dataclasses import field
from typing import TYPE_CHECKING

from duban.core.dates import entry_day
from duban.core.flags import Flag, current_flags, evaluate_flags
from duban.core.folds import live
from duban.core.frozen import frozen
from duban.core.overview import Overview, overview
from duban.core.record import Record, load_record
from duban.core.workspace import Workspace

if TYPE_CHECKING:
    from duban.core.registry import Registry


@frozen
class View:
    """Everything the screens draw, from one commit of the database on one as-of date."""

    record: Record
    as_of: dt.date
    overview: Overview
    generation: int
    reports: list[dict] = field(default_factory=list)
    #: the units' current flags (all the overview and unit screens need)
    flags: list[Flag] = field(default_factory=list)
    registry: Registry | None = None

    @property
    def all_flags_ready(self) -> bool:
        """Whether the resolved flags have been worked out (the app does it in a worker)."""
        return "all_flags" in self.__dict__

    @functools.cached_property
    def all_flags(self) -> list[Flag]:
        """Current and resolved flags, for the flags screen: finding resolved ones re-runs the rules on
        earlier dates, which at province scale takes seconds, so only when that screen asks."""
        return evaluate_flags(self.registry, self.record, self.as_of)

    @functools.cached_property
    def flags_by_unit(self) -> dict[str, Flag]:
        """Each unit's current flag, worked out once per view (every overview row asks)."""
        return current_flags(self.flags)

    def unit_flag(self, code: str):
        """The unit's current flag, or None."""
        return self.flags_by_unit.get(code)

    def task_reports(self, task_id: str) -> list[dict]:
        """The progress reports on one task, oldest first."""
        return sorted((r for r in self.reports if r["task"] == task_id), key=lambda r: (r["date"], r["id"]))

    def entry_date(self) -> dt.date:
        """The date new entries are recorded on: the day in view, never after today."""
        return entry_day(self.as_of)


@contextlib.contextmanager
def _kept_on_screen() -> Iterator[None]:
    """Build a view the dashboard shows until the next one. What is made here is not garbage: the cyclic
    collector is paused while it is made, and frozen out of the collector's passes once made (at 10,000
    tasks those passes were a third of the first paint, 8.9 -> 5.0 s). A record is one big cycle, so a
    view replaced since the last build is freed only by a full collection after it is thawed: done here,
    once per reload rather than at every pass, so a dashboard open all day holds at most the view it
    shows, the one it builds and the one before."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
    gc.freeze()


def load_view(ws: Workspace, as_of_override: dt.date | None) -> View:
    """Read the record under a shared lock and compute the overview (and flags, once they exist)."""
    with _kept_on_screen():
        with ws.db.reading() as snap:
            record = load_record(snap, ws.units)
            generation = snap.meta["generation"]
            reports = live(snap, "progress")
        return _computed(ws, record, generation, reports, ws.as_of(record, as_of_override))


def compute_view(ws: Workspace, record: Record, generation: int, reports: list[dict], as_of: dt.date) -> View:
    """The figures of an already loaded record on `as_of` (changing the date needs no new read)."""
    with _kept_on_screen():
        return _computed(ws, record, generation, reports, as_of)


def _computed(ws: Workspace, record: Record, generation: int, reports: list[dict], as_of: dt.date) -> View:
    record.in_force(as_of)
    flags = evaluate_flags(ws.registry, record, as_of, include_resolved=False)
    return View(record, as_of, overview(record, as_of), generation, reports, flags, ws.registry)
