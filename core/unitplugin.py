"""The hooks of a built-in unit plugin, made from its data (unit, checklist, metrics, computed metrics).

Each module in plugins/ is the unit's data — its duties from the plan, its checklist and metrics —
plus one line that turns that data into hook implementations, so the thirteen modules read as
data and the hook code exists once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .checklists import ChecklistItem
from .hookspecs import hookimpl
from .metrics import MetricDef, compute_from
from .model import Unit


def unit_hooks(
    unit: Unit,
    checklist: tuple[ChecklistItem, ...] = (),
    metrics: tuple[MetricDef, ...] = (),
    computed: Mapping[str, Callable] | None = None,
) -> tuple[Callable, ...]:
    """duban_register_units, duban_unit_checklist, duban_unit_metrics and duban_compute_metric for `unit`."""

    @hookimpl
    def duban_register_units(register):
        """Register the unit."""
        register(unit)

    @hookimpl
    def duban_unit_checklist(register):
        """The unit's checklist, drawn from its duties in the plan."""
        for item in checklist:
            register(item)

    @hookimpl
    def duban_unit_metrics(register):
        """The metrics the unit is judged by."""
        for metric in metrics:
            register(metric)

    @hookimpl
    def duban_compute_metric(metric, record, as_of):
        """The unit's computed metrics, from the record."""
        return compute_from(computed or {}, unit.code, metric, record, as_of)

    return duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric
