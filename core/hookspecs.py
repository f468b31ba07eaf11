"""Every hook duban offers plugins, in one place.

Hooks are always called with keyword arguments. Results come back last-registered-first,
so callers sort by a stable id rather than trusting order.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

hookspec = pluggy.HookspecMarker("duban")
#: Plugins import this marker from the facade: ``from duban import hookimpl``.
hookimpl = pluggy.HookimplMarker("duban")


# -- units ------------------------------------------------------------------------------------------


@hookspec
def duban_register_units(register: Callable) -> None:
    """Register the units (departments, stations, townships) this plugin contributes.

    Call ``register(Unit(...))`` once per unit. Unit codes must be unique across all plugins
    and the plan; a duplicate stops duban at start-up with an error naming both sources.
    Called once per process; a ``@hookimpl(wrapper=True)`` implementation gets the list of
    registered units from ``yield`` and returns the list to keep (the same holds for the
    checklist and metric hooks).

    :param register: callback taking one :class:`duban.core.model.Unit`.
    """


# -- checklists and metrics ------------------------------------------------------------------------


@hookspec
def duban_unit_checklist(register: Callable) -> None:
    """Contribute checklist items: the concrete things a unit must get done under the plan.

    Call ``register(ChecklistItem(...))`` once per item (:class:`duban.core.checklists.ChecklistItem`).
    A plugin may add items for any unit, its own or another's (a county plugin can extend the
    civil-affairs checklist). Item ids must be unique within a unit (checked when the plugins
    load) and every linked task must exist in the plan (checked when a checklist is read against
    the record); either error names the plugin.

    :param register: callback taking one :class:`duban.core.checklists.ChecklistItem`.
    """


@hookspec
def duban_unit_metrics(register: Callable) -> None:
    """Contribute metric definitions: the figures a unit is judged by.

    Call ``register(MetricDef(...))`` once per metric (:class:`duban.core.metrics.MetricDef`). A metric
    whose ``source`` is ``"entered"`` takes values from ``duban metric``; one whose ``source`` is
    ``"computed"`` gets its value from :func:`duban_compute_metric`.

    :param register: callback taking one :class:`duban.core.metrics.MetricDef`.
    """


@hookspec(firstresult=True)
def duban_compute_metric(metric, record, as_of) -> float | None:
    """Compute the value of a computed metric from the record, as it stood on ``as_of``.

    Return ``None`` for a metric this plugin does not compute (or that has nothing to measure
    yet). Stops at first non-None result.

    :param metric: the :class:`duban.core.metrics.MetricDef` to compute.
    :param record: the :class:`duban.core.record.Record` (plan, reports, duty logs, incidents …).
    :param as_of: the :class:`datetime.date` to compute it for; ignore anything dated later.
    """


# -- the political-legal committee's flags --------------------------------------------------------


@hookspec
def duban_flag_rules(register: Callable) -> None:
    """Describe the flag rules this plugin evaluates, so the committee can read them (``duban flags rules``).

    Call ``register(Rule(...))`` once per rule (:class:`duban.core.flags.Rule`): its key (the ``rule`` of
    its findings), what it looks at, the ``[settings.flags]`` keys that set its thresholds, and the
    sentence of the plan it reads. Rule keys must be unique across plugins (checked when the plugins
    load); a ``@hookimpl(wrapper=True)`` implementation gets the registered rules from ``yield``.

    :param register: callback taking one :class:`duban.core.flags.Rule`.
    """


@hookspec
def duban_evaluate_flags(record, as_of, settings, metrics, checklists) -> list | None:
    """Evaluate flag rules: which units to commend, supervise or hold to account on ``as_of``.

    Return a list of :class:`duban.core.flags.Finding` (unit, level, rule, evidence, subject); every
    plugin's findings are gathered, so a county plugin adds rules beside the built-in ones of
    ``duban.plugins.political_legal``; a ``@hookimpl(wrapper=True)`` implementation can filter or replace
    them. duban turns findings into flags with stable ids, keeps flags whose cause has gone as
    resolved, and applies the committee's decisions.

    :param record: the :class:`duban.core.record.Record`; look only at what is dated on or before ``as_of``.
    :param as_of: the :class:`datetime.date` of the evaluation.
    :param settings: the plan's ``[settings.flags]`` thresholds merged over the defaults (a dict).
    :param metrics: ``{unit code: [MetricStatus, …]}`` for every unit with metric definitions.
    :param checklists: ``{unit code: [ItemStatus, …]}``: each unit's checklist and what is ticked.

    Findings are suggestions (建议表彰/建议督导/建议问责) until the committee rules on them; findings
    about the committee itself (``settings["committee_unit"]``) are kept apart, never made flags.
    """
