"""Printing for the terminal: aligned tables with Chinese text, JSON for --json."""

from __future__ import annotations

import functools
import io
import os
import re
import sys

from duban.core.i18n import t
from duban.core.textwidth import display_width

# C0 and C1 controls (ESC, CSI, OSC … start terminal escapes) and the bidi overrides that can make a
# line read differently from what it holds.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Text safe to print: control characters (terminal escapes) removed, newlines as spaces."""
    return _CONTROL.sub("", str(text).replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


width = display_width


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


def columns() -> int | None:
    """How wide tables may be: the terminal's width ($COLUMNS first); None when writing to a pipe or a
    file with no $COLUMNS, so `duban tasks | grep` sees whole lines."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if sys.stdout.isatty():
        import shutil  # only at a terminal: a pipe needs neither it nor its imports

        return shutil.get_terminal_size().columns
    return None


#: A column never shortened: ids, codes, dates, figures (ASCII without spaces).
_TOKEN = re.compile(r"[!-~]*")
#: Text columns are shortened to no fewer columns than this (or their heading).
_MIN_TEXT = 8
#: Codes longer than this may be shortened when text alone cannot make a table fit.
_MIN_CODE = 16


def fit_widths(headers: list[str], cells: list[list[str]], widths: list[int], room: int | None) -> list[int]:
    """Column widths that fit `room` terminal columns: the widest text columns give way first; ids and
    dates keep their width."""
    if room is None:
        return widths
    widths = list(widths)
    text = [i for i in range(len(headers)) if not all(_TOKEN.fullmatch(r[i]) for r in cells)]
    floor = {i: max(width(headers[i]), min(_MIN_TEXT, widths[i])) for i in text}
    excess = sum(widths) + 2 * (len(widths) - 1) - room
    # Text first; then, only if that is not enough, long codes (an audit trail's subjects) down to
    # _MIN_CODE (dates, times and short ids are never cut); then headings longer than what stands
    # under them ("due soon" over a 1); at the very last, text down to its heading.
    everything = range(len(widths))
    heading = {i: max(3, width(headers[i])) for i in text}
    content = {i: max([3] + [width(r[i]) for r in cells]) for i in everything}
    for give, least in (
        (text, floor),
        (everything, dict.fromkeys(everything, _MIN_CODE)),
        (everything, content),
        (text, heading),
    ):
        while excess > 0:
            shrinkable = [i for i in give if widths[i] > least[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    return widths


def wrap(text: str) -> str:
    """`text` broken into lines that fit the terminal (counting wide CJK characters as two)."""
    room = columns()
    if room is None:
        return text
    lines, line, used = [], [], 0
    for ch in text:
        if ch == "\n" or used + width(ch) > room:
            lines.append("".join(line).rstrip())
            line, used = ([], 0) if ch == "\n" else ([ch], width(ch))
            continue
        line.append(ch)
        used += width(ch)
    lines.append("".join(line).rstrip())
    return "\n".join(lines)


def table(headers: list[str], rows: list[list[object]], max_width: int = 40) -> str:
    """A plain-text table whose columns line up with Chinese text and fit the terminal."""
    cells = [[clean(c) for c in row] for row in rows]
    widths = [min(max_width, max([width(h)] + [width(r[i]) for r in cells])) for i, h in enumerate(headers)]
    widths = fit_widths(headers, cells, widths, columns())
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths)).rstrip(), "  ".join("─" * w for w in widths)]
    lines += ["  ".join(fit(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


# JSON escapes C0 controls itself; these it would print raw (they can only stand inside strings).
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def emit_json(data: object) -> None:
    """Print `data` as JSON: UTF-8 text as it is, but no character a terminal would act on."""
    import json  # not at the top: `duban --help` prints no JSON

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(_JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    sys.stdout.write("\n")


def show_rows(ctx, rows: list[dict], heads: tuple[str, ...], cells, max_width: int = 40) -> None:
    """A listing: `rows` as they are under --json, else a table of `cells(row)` under the catalogue
    words `heads`."""
    if ctx.json:
        emit_json(rows)
    else:
        print(table([t(key) for key in heads], [cells(r) for r in rows], max_width=max_width))


def pct(value: float | None) -> str:
    """A ratio or percent for display; '—' when there is nothing to measure."""
    return "—" if value is None else f"{value:.0f}%"


def paged(handler):
    """Mark a command whose output may be long: on a terminal, more lines than fit go through $PAGER."""
    handler.paged = True
    return handler


def long_lived(handler):
    """Mark a command that keeps running and reads the database again and again (the dashboard, the
    feed server): what it loads is not frozen out of the cyclic collector (core.workspace)."""
    handler.long_lived = True
    return handler


def run_paged(handler, ctx, args) -> int:
    """Run `handler`; if it printed more lines than the terminal shows, show them through $PAGER
    (`less -FRX` when unset) instead."""
    if not (getattr(handler, "paged", False) and sys.stdout.isatty() and os.environ.get("PAGER", "less") != "cat"):
        return handler(ctx, args) or 0
    import shutil
    import subprocess

    real, sys.stdout = sys.stdout, io.StringIO()
    try:
        status = handler(ctx, args) or 0
        text = sys.stdout.getvalue()
    finally:
        sys.stdout = real
    if text.count("\n") < shutil.get_terminal_size().lines - 1:
        real.write(text)
        return status
    pager = os.environ.get("PAGER") or "less -FRX"
    try:
        subprocess.run(pager, shell=True, input=text.encode(), check=False)
    except OSError:
        real.write(text)
    return status


def note_workday_fallback() -> None:
    """Say once, on stderr, which years' working days were counted by weekends only."""
    from duban.core.workdays import fallback_note

    note = fallback_note()
    if note:
        print(note, file=sys.stderr)
