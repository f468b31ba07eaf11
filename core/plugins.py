"""The plugin manager: built-in unit plugins, outside plugins from the `duban` entry-point group."""

from __future__ import annotations

import functools
import importlib
import math
import types
from typing import Protocol, TypeVar

import pluggy

from . import hookspecs
from .entrypoints import ENTRY_POINT_GROUP, declares_group
from .errors import DubanError
from .i18n import t

#: The twelve departments of section 四 and the rescue station, in the seed's order.
DEFAULT_PLUGINS = (
    "duban.plugins.political_legal",
    "duban.plugins.public_security",
    "duban.plugins.civil_affairs",
    "duban.plugins.finance",
    "duban.plugins.human_resources",
    "duban.plugins.health",
    "duban.plugins.emergency",
    "duban.plugins.fire_rescue",
    "duban.plugins.market_regulation",
    "duban.plugins.medical_security",
    "duban.plugins.poverty_alleviation",
    "duban.plugins.urban_management",
    "duban.plugins.rescue_station",
)


#: The plan the built-in departments' checklists and metrics were written for (their task links name its
#: tasks). A plugin may say the same with a module attribute `DUBAN_PLAN = "<plan id>"`.
BUILTIN_PLAN_ID = "linwu-2020-rescue"


class PluginError(DubanError):
    """A plugin failed or answered nonsense: its fault, named with its hook; the database is not at fault."""


def _computed_value(value: object) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value))


#: What a hook must return, checked where it returns, so that the plugin is named.
_RESULT_CHECKS = {"duban_compute_metric": (_computed_value, "a number or None")}


def _blamed(function, plugin: str, hook: str):
    """`function` (a plugin's hook), turning its failures into one line naming the plugin and the hook."""

    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            result = function(*args, **kwargs)
        except DubanError:
            raise
        except Exception as exc:  # any bug in a plugin: its name and hook, never a traceback or "damaged database"
            problem = f"{type(exc).__name__}: {str(exc)[:160]}"
            raise PluginError(t("plugin_failed", plugin=plugin, hook=hook, problem=problem)) from None
        check = _RESULT_CHECKS.get(hook)
        if check and not check[0](result):
            problem = f"returned {str(result)[:80]!r}, expected {check[1]}"
            raise PluginError(t("plugin_failed", plugin=plugin, hook=hook, problem=problem))
        return result

    return call


#: What pluggy can take as a hook implementation from a module's namespace.
_HOOKABLE = (types.FunctionType, types.MethodType, staticmethod, classmethod)


class _Manager(pluggy.PluginManager):
    """pluggy's manager, with every hook of every plugin it registers wrapped by `_blamed`."""

    def parse_hookimpl_opts(self, plugin, name):
        # pluggy looks at every name of a plugin through inspect.getattr_static, and a unit plugin
        # module holds dozens (its imports, its data): names bound to anything pluggy would not take
        # are passed over first, a third of building the manager.
        if isinstance(plugin, types.ModuleType) and not isinstance(vars(plugin).get(name), _HOOKABLE):
            return None
        return super().parse_hookimpl_opts(plugin, name)

    def register(self, plugin, name=None):
        name = super().register(plugin, name)
        if name is not None:
            for caller in self.get_hookcallers(plugin) or ():
                for impl in caller.get_hookimpls():
                    if impl.plugin is plugin and not (impl.hookwrapper or getattr(impl, "wrapper", False)):
                        # pluggy types the field Final, but swapping the callable is how blame reaches every call
                        impl.function = _blamed(impl.function, name, caller.name)  # type: ignore[misc]
        return name


def make_manager(load_entrypoints: bool = True) -> pluggy.PluginManager:
    """A plugin manager with the built-in plugins and, unless told not to, the installed ones."""
    pm = _Manager("duban")
    pm.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if load_entrypoints and declares_group(ENTRY_POINT_GROUP):
        try:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except Exception as exc:  # an outside plugin that fails to import must not crash duban
            raise DubanError(t("plugin_error", problem=f"{type(exc).__name__}: {exc}")) from None
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise DubanError(t("plugin_error", problem=exc)) from None
    return pm


def plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    """A plugin's registered name (its module or entry-point name)."""
    return pm.get_name(plugin) or repr(plugin)


def plugin_plan(pm: pluggy.PluginManager, name: str) -> str | None:
    """The plan a plugin's items and metrics belong to, if it says (the built-in ones belong to Linwu's)."""
    declared = getattr(pm.get_plugin(name), "DUBAN_PLAN", None)
    if declared is None and name in DEFAULT_PLUGINS:
        return BUILTIN_PLAN_ID
    return declared if isinstance(declared, str) else None


class _Linked(Protocol):
    """A checklist item or metric: a unit's, with an id and the tasks it links to."""

    @property
    def unit(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def tasks(self) -> tuple[str, ...]: ...


_Item = TypeVar("_Item", bound=_Linked)


def for_plan(pm: pluggy.PluginManager, found: list[tuple[str, _Item]], what: str, record) -> list[tuple[str, _Item]]:
    """What plugins registered that applies to the record's plan: a plugin written for another plan
    contributes no items or metrics (its task links name that plan's tasks); the others must link only to
    tasks the plan has or had (an amendment may retire a task a department's duty still names).

    Worked out once per record and plan in force (the flags ask at every checkpoint, a few hundred times
    per command); the objects are kept with the answer so that a reused id never matches."""
    key = ("for_plan", id(pm), id(found), what, id(record.plan))
    memo = record.status_memo.get(key)
    if memo is not None and memo[0] is pm and memo[1] is found and memo[2] is record.plan:
        return list(memo[3])
    kept = _for_plan(pm, found, what, record)
    record.status_memo[key] = [pm, found, record.plan, kept]
    return list(kept)


def _for_plan(pm: pluggy.PluginManager, found: list[tuple[str, _Item]], what: str, record) -> list[tuple[str, _Item]]:
    kept = []
    for name, obj in found:
        declared = plugin_plan(pm, name)
        if declared is not None and declared != record.plan.id:
            continue
        unknown = [task for task in obj.tasks if not record.knows_task(task)]
        if unknown:
            raise DubanError(
                t(
                    "bad_plugin_item",
                    plugin=name,
                    what=what,
                    ident=f"{obj.unit}.{obj.id}",
                    problem=t("unknown_task", task=", ".join(unknown)),
                )
            )
        kept.append((name, obj))
    return kept
