"""Progress on long work: core says which stage it is at, the front end decides whether to show it."""

from __future__ import annotations

from collections.abc import Callable

#: Called as work advances: (catalogue key of the stage, steps done, steps in all).
Steps = Callable[[str, int, int], None]


def quiet(stage: str, done: int, total: int) -> None:
    """Shows nothing: for JSON output, pipes, tests and the dashboard (which has its own notices)."""
