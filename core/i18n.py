"""User-facing text in Simplified Chinese (default) and English.

Messages live in one catalogue (the JSON files of `duban.core.texts`) so a translation is never scattered through the code.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import threading
from collections import Counter
from collections.abc import Iterator

LANGUAGES = ("zh", "en")
_current = os.environ.get("DUBAN_LANG", "zh") if os.environ.get("DUBAN_LANG") in LANGUAGES else "zh"
# A thread may speak another language for a while (a calendar feed is built in its own fixed
# language while the server's other threads answer in the run's).
_thread = threading.local()


@functools.cache
def catalogue() -> dict[str, tuple[str, str]]:
    """Every message (zh, en) by key, merged from the catalogue's areas; a key defined twice is a programming error."""
    from .texts import AREAS

    merged: dict[str, tuple[str, str]] = {}
    for area in AREAS:
        # os.path, not pathlib: every command pays for this module's imports, --help included.
        with open(os.path.join(os.path.dirname(__file__), "texts", f"{area}.json"), encoding="utf-8") as file:
            pairs = json.load(file, object_pairs_hook=_refuse_twice)["messages"]
        clash = set(pairs) & set(merged)
        if clash:
            raise ValueError(f"message keys defined twice ({area}): {sorted(clash)}")
        merged.update((key, (zh, en)) for key, (zh, en) in pairs.items())
    return merged


def _refuse_twice(items: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object as a dict; a key written twice in one file would silently hide the first."""
    twice = [key for key, count in Counter(key for key, _ in items).items() if count > 1]
    if twice:
        raise ValueError(f"message keys defined twice: {sorted(twice)}")
    return dict(items)


def set_language(lang: str) -> None:
    """Choose the language of every later message."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def language() -> str:
    """The language messages are produced in."""
    return getattr(_thread, "lang", None) or _current


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Messages in `lang` on this thread for the block, whatever the run's language."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    previous = getattr(_thread, "lang", None)
    _thread.lang = lang
    try:
        yield
    finally:
        _thread.lang = previous


def t(key: str, /, **values: object) -> str:
    """The message `key` in the current language, with `values` filled in."""
    zh, en = catalogue()[key]
    return (en if language() == "en" else zh).format(**values)


def pick(zh: str, en: str) -> str:
    """Choose between a Chinese and an English rendering of data (names, titles)."""
    return en if en and language() == "en" else zh
