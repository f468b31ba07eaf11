"""Binding descriptions in the chosen language (the words live in duban.core.texts.tui)."""

from __future__ import annotations

from duban.core.i18n import t


def label(key: str) -> str:
    """A binding's description: a message key of this module becomes its translation."""
    return t(key) if key.startswith("tui_") else key


def localize_bindings(node) -> None:
    """Translate a screen's or the app's binding descriptions (BINDINGS hold message keys)."""
    # BINDINGS are class attributes, built before --lang is known; each node owns a copy of the map.
    import dataclasses

    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [dataclasses.replace(b, description=label(b.description)) for b in items]
