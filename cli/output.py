"""Printing for the terminal: aligned tables with Chinese text, JSON for --json."""

from __future__ import annotations

import functools
import json
import re
import sys
import unicodedata

# C0 and C1 controls (ESC, CSI, OSC … start terminal escapes) and the bidi overrides that can make a
# line read differently from what it holds.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Text safe to print: control characters (terminal escapes) removed, newlines as spaces."""
    return _CONTROL.sub("", str(text).replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


@functools.lru_cache(maxsize=16384)
def width(text: str) -> int:
    """Columns `text` takes in a terminal (wide CJK characters take two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


@functools.lru_cache(maxsize=16384)  # listings repeat the same titles and unit names many times
def fit(text: str, columns: int) -> str:
    """`text` cut to `columns` terminal columns (with an ellipsis) and padded to exactly that."""
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > columns - (1 if width(text) > columns else 0):
            out.append("…")
            used += 1
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * max(0, columns - used)


def table(headers: list[str], rows: list[list[object]], max_width: int = 40) -> str:
    """A plain-text table whose columns line up with Chinese text."""
    cells = [[clean(c) for c in row] for row in rows]
    widths = [min(max_width, max([width(h)] + [width(r[i]) for r in cells])) for i, h in enumerate(headers)]
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths)).rstrip(), "  ".join("─" * w for w in widths)]
    lines += ["  ".join(fit(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


# JSON escapes C0 controls itself; these it would print raw (they can only stand inside strings).
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def emit_json(data: object) -> None:
    """Print `data` as JSON: UTF-8 text as it is, but no character a terminal would act on."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(_JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    sys.stdout.write("\n")


def pct(value: float | None) -> str:
    """A ratio or percent for display; '—' when there is nothing to measure."""
    return "—" if value is None else f"{value:.0f}%"


def note_workday_fallback() -> None:
    """Say once, on stderr, which years' working days were counted by weekends only."""
    from duban.core.workdays import fallback_note

    note = fallback_note()
    if note:
        print(note, file=sys.stderr)
