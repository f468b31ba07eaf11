"""Every hook duban offers plugins, in one place.

Hooks are always called with keyword arguments. Results come back last-registered-first,
so callers sort by a stable id rather than trusting order.
"""
from __future__ import annotations

from collections.abc import Callable

import pluggy

hookspec = pluggy.HookspecMarker("duban")
#: Plugins import this marker: ``from core.hookspecs import hookimpl``.
hookimpl = pluggy.HookimplMarker("duban")


# -- units ------------------------------------------------------------------------------------------

@hookspec
def duban_register_units(register: Callable) -> None:
    """Register the units (departments, stations, townships) this plugin contributes.

    Call ``register(Unit(...))`` once per unit. Unit codes must be unique across all plugins
    and the plan; a duplicate stops duban at start-up with an error naming both sources.

    :param register: callback taking one :class:`core.model.Unit`.
    """
