"""How wide text is on a terminal or in a spreadsheet column: the one display-width rule."""

from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=16384)
def display_width(text: str) -> int:
    """Columns `text` takes: wide and full-width (CJK) characters two, combining marks none, others one."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)
