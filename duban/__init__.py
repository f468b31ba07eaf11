"""duban 督办: what a plugin author needs, in one import.

    from duban import hookimpl, Unit, ChecklistItem, MetricDef, Finding, Evidence

The names are resolved on first use, so `import duban.core…` (every command) does not pay for
the plugin machinery it may not need.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing itself costs a tenth of `duban --help`

if TYPE_CHECKING:
    from duban.core.checklists import ChecklistItem
    from duban.core.flags import Evidence, Finding
    from duban.core.hookspecs import hookimpl
    from duban.core.metrics import MetricDef
    from duban.core.model import Unit

#: Public name -> the module that defines it.
_EXPORTS = {
    "hookimpl": "duban.core.hookspecs",
    "Unit": "duban.core.model",
    "ChecklistItem": "duban.core.checklists",
    "MetricDef": "duban.core.metrics",
    "Finding": "duban.core.flags",
    "Evidence": "duban.core.flags",
}

__all__ = ["ChecklistItem", "Evidence", "Finding", "MetricDef", "Unit", "hookimpl"]


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'duban' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
