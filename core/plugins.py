"""The plugin manager: built-in unit plugins, outside plugins from the `duban` entry-point group."""

from __future__ import annotations

import importlib

import pluggy

from . import hookspecs
from .errors import DubanError
from .i18n import t

ENTRY_POINT_GROUP = "duban"

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


def make_manager(load_entrypoints: bool = True) -> pluggy.PluginManager:
    """A plugin manager with the built-in plugins and, unless told not to, the installed ones."""
    pm = pluggy.PluginManager("duban")
    pm.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    if load_entrypoints:
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


def check_task_links(plugin: str, what: str, ident: str, tasks: tuple[str, ...], plan) -> None:
    """A plugin's item or metric must link only to tasks the plan has; else an error naming the plugin."""
    unknown = [task for task in tasks if plan.task(task) is None]
    if unknown:
        raise DubanError(
            t(
                "bad_plugin_item",
                plugin=plugin,
                what=what,
                ident=ident,
                problem=t("unknown_task", task=", ".join(unknown)),
            )
        )
