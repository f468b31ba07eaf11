"""Binding descriptions and Textual's own words in the chosen language (the words live in the catalogue, core/texts/tui.json)."""

from __future__ import annotations

from duban.core.foreign import foreign_word
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


#: Textual's own command-palette words and the catalogue keys that translate them.
TEXTUAL_WORDS = {
    "Bell": "tui_tx_bell",
    "Ring the bell": "tui_tx_ring_bell",
    "Theme": "tui_tx_theme",
    "Change the current theme": "tui_tx_change_theme",
    "Quit": "tui_tx_quit",
    "Quit the application as soon as possible": "tui_tx_quit_help",
    "Keys": "tui_tx_keys",
    "Hide the keys and widget help panel": "tui_tx_hide_keys",
    "Show help for the focused widget and a summary of available keys": "tui_tx_show_keys",
    "Minimize": "tui_tx_minimize",
    "Minimize the widget and restore to normal size": "tui_tx_minimize_help",
    "Maximize": "tui_tx_maximize",
    "Maximize the focused widget": "tui_tx_maximize_help",
    "Screenshot": "tui_tx_screenshot",
    "Save an SVG 'screenshot' of the current screen": "tui_tx_screenshot_help",
}


def textual_word(text: str) -> str:
    """One of Textual's own words in the chosen language (others pass through)."""
    return foreign_word(TEXTUAL_WORDS, text)
