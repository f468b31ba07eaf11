"""Everything the plugins register, collected and checked once per process: units, checklist items, metrics,
flag rules.

Each register hook is called the normal pluggy way, `pm.hook.duban_register_units(register=...)`,
so a plugin's `@hookimpl(wrapper=True)` gets, from `yield`, the list of what the plugins inside it
registered and returns the list duban keeps (filter, replace or add).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

import pluggy

from .checklists import ChecklistItem
from .errors import DubanError
from .flags import Rule
from .hookspecs import hookimpl
from .i18n import t
from .metrics import MetricDef, check_definition
from .model import Unit
from .plugins import make_manager, plugin_name


class Registry:
    """The plugin manager and what its plugins registered, validated (task links are checked per plan)."""

    def __init__(self, pm: pluggy.PluginManager):
        self.pm = pm
        self.hook = pm.hook
        with _innermost_wrapper(pm):
            units = _collect(
                pm,
                "duban_register_units",
                Unit,
                lambda u: u.code,
                duplicate=lambda code, first, second: t("dup_unit", unit=code, first=first, second=second),
            )
            #: Units by code, in the plan's order.
            self.units: dict[str, Unit] = {
                u.code: u for _name, u in sorted(units, key=lambda nu: (nu[1].order, nu[1].code))
            }
            #: (plugin name, item) in registration order.
            self.checklist: list[tuple[str, ChecklistItem]] = _collect(
                pm, "duban_unit_checklist", ChecklistItem, lambda i: (i.unit, i.id)
            )
            #: (plugin name, metric definition) in registration order, each checked for its kind, direction and source.
            self.metrics: list[tuple[str, MetricDef]] = _collect(
                pm, "duban_unit_metrics", MetricDef, lambda m: (m.unit, m.id)
            )
            for name, m in self.metrics:
                check_definition(name, m)
            #: (plugin name, flag rule in words) in registration order; rule keys are unique across plugins.
            self.rules: list[tuple[str, Rule]] = _collect(pm, "duban_flag_rules", Rule, lambda r: r.key)


@functools.cache
def load_registry(load_entrypoints: bool = True) -> Registry:
    """The process's registry: built-in plugins and (unless told not to) the installed ones, scanned once."""
    return Registry(make_manager(load_entrypoints=load_entrypoints))


class _Collector:
    """The `register` callback of one hook call: checks each object and remembers which plugin gave it."""

    def __init__(self, kind: type, ident: Callable, duplicate):
        self.kind, self.ident, self.duplicate = kind, ident, duplicate
        #: The plugin whose implementation is running (set around each call by _on_behalf_of).
        self.current = "?"
        self.found: list[object] = []
        self.origin: dict[int, str] = {}
        self._seen: dict[object, str] = {}

    def __call__(self, obj: object) -> None:
        self.check(self.current, obj)
        self.found.append(obj)
        self.origin[id(obj)] = self.current

    def check(self, name: str, obj: object) -> None:
        """A wrong type or a duplicate identity is an error naming the plugin (and the first one)."""
        if not isinstance(obj, self.kind):
            raise DubanError(t("plugin_error", problem=f"{name}: register() takes a {self.kind.__name__}, got {obj!r}"))
        key = self.ident(obj)
        if key in self._seen:
            first = self._seen[key]
            raise DubanError(
                self.duplicate(key, first, name)
                if self.duplicate
                else t("plugin_error", problem=f"{self.kind.__name__} {key} registered twice ({first} and {name})")
            )
        self._seen[key] = name

    def on_behalf_of(self, name: str, function: Callable, wrapper: bool) -> Callable:
        """`function` (a hook implementation) made to mark `name` as the registering plugin while it runs."""

        def call(*args: Any) -> Any:
            if wrapper:
                return _Steps(function(*args), self, name)
            self.current = name
            try:
                return function(*args)
            finally:
                self.current = "?"

        return call


class _Steps:
    """A wrapper implementation's generator whose every step runs on behalf of its plugin."""

    def __init__(self, gen, collector: _Collector, name: str):
        self.gen, self.collector, self.name = gen, collector, name

    def _step(self, method: Callable, *arg: Any) -> Any:
        self.collector.current = self.name
        try:
            return method(*arg)
        finally:
            self.collector.current = "?"

    def __iter__(self) -> _Steps:
        return self

    def __next__(self) -> Any:
        return self._step(self.gen.__next__)

    def send(self, value: Any) -> Any:
        return self._step(self.gen.send, value)

    def throw(self, *exc: Any) -> Any:
        return self._step(self.gen.throw, *exc)

    def close(self) -> None:
        self.gen.close()


@hookimpl(wrapper=True, trylast=True)
def _collected(self, register: _Collector) -> Any:
    yield
    return list(register.found)


class _Innermost:
    """The innermost wrapper of each register hook: turns the callbacks' collection into the hook's result."""

    duban_register_units = duban_unit_checklist = duban_unit_metrics = duban_flag_rules = _collected


_INNERMOST = "duban.core.registry"


@contextlib.contextmanager
def _innermost_wrapper(pm: pluggy.PluginManager) -> Iterator[None]:
    """While inside, the register hooks end in _Innermost: registered last, so it sits inside every
    plugin's wrapper, and once for the four hooks (pluggy's look at a plugin's every name, four times
    over, was most of collecting)."""
    pm.register(_Innermost(), name=_INNERMOST)
    try:
        yield
    finally:
        pm.unregister(name=_INNERMOST)


def _collect(pm: pluggy.PluginManager, hook_name: str, kind: type, ident: Callable, duplicate=None) -> list:
    """What the plugins register through `hook_name`, after every wrapper, as (plugin name, object);
    called inside _innermost_wrapper."""
    collector = _Collector(kind, ident, duplicate)
    innermost = pm.get_plugin(_INNERMOST)
    hook = getattr(pm.hook, hook_name)
    # pluggy hands every implementation the one callback, so each is told, while it runs, whose it is
    # (for an error that names the plugin); the implementations are restored afterwards.
    saved = [(impl, impl.function) for impl in hook.get_hookimpls() if impl.plugin is not innermost]
    for impl, function in saved:
        impl.function = collector.on_behalf_of(plugin_name(pm, impl.plugin), function, impl.wrapper or impl.hookwrapper)
    try:
        kept = hook(register=collector)
    finally:
        for impl, function in saved:
            impl.function = function
    # What a wrapper added itself is checked like the rest.
    final = _Collector(kind, ident, duplicate)
    result = []
    for obj in kept or []:
        name = collector.origin.get(id(obj), "?")
        final.check(name, obj)
        result.append((name, obj))
    # pluggy calls the last-registered plugin first; duban lists in the order the plugins were registered.
    rank = {plugin_name(pm, impl.plugin): i for i, (impl, _f) in enumerate(saved)}
    return sorted(result, key=lambda found: rank.get(found[0], len(rank)))
