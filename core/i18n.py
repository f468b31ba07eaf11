"""User-facing text in Simplified Chinese (default) and English.

Messages live in one catalogue (`duban.core.texts`) so a translation is never scattered through the code.
"""

from __future__ import annotations

import functools
import importlib
import os

LANGUAGES = ("zh", "en")
_current = os.environ.get("DUBAN_LANG", "zh") if os.environ.get("DUBAN_LANG") in LANGUAGES else "zh"


@functools.cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Every message (zh, en) by key, merged from the catalogue's areas; a key defined twice is a programming error."""
    from .texts import AREAS

    merged: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        messages = importlib.import_module(f"{__package__}.texts.{area}").MESSAGES
        clash = set(messages) & set(merged)
        if clash:
            raise ValueError(f"message keys defined twice ({area}): {sorted(clash)}")
        merged.update(messages)
    return merged


def set_language(lang: str) -> None:
    """Choose the language of every later message."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def language() -> str:
    """The language messages are produced in."""
    return _current


def t(key: str, **values: object) -> str:
    """The message `key` in the current language, with `values` filled in."""
    zh, en = catalogue()[key]
    return (en if _current == "en" else zh).format(**values)


def pick(zh: str, en: str) -> str:
    """Choose between a Chinese and an English rendering of data (names, titles)."""
    return en if _current == "en" and en else zh
