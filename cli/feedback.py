"""A count on the terminal while long work runs: exports, reports, imports."""

from __future__ import annotations

import sys
import time

from duban.core.feedback import Steps, quiet
from duban.core.i18n import t

from .output import width

#: Redraws at most this often, so a thousand small steps cost nothing.
REDRAW_SECONDS = 0.1


class TerminalSteps:
    """Draws `stage done/total` in place on stderr and wipes it when the work ends; quiet under --json
    or when stderr is not a terminal (a pipe, a log file, cron)."""

    def __init__(self, json: bool):
        self.on = not json and sys.stderr.isatty()
        self.drawn = 0  # columns of the line on screen
        self.last = 0.0

    def __enter__(self) -> Steps:
        return self.show if self.on else quiet

    def show(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < REDRAW_SECONDS:
            return
        self.last = now
        line = t("fb_line", stage=t(stage), done=done, total=total)
        sys.stderr.write("\r" + line + " " * max(0, self.drawn - width(line)))
        sys.stderr.flush()
        self.drawn = width(line)

    def __exit__(self, *exc) -> None:
        if self.drawn:
            sys.stderr.write("\r" + " " * self.drawn + "\r")
            sys.stderr.flush()
