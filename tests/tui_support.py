"""What the dashboard tests share: a sync runner for Pilot tests, table readers."""

from __future__ import annotations

import asyncio
import functools

from textual.widgets import DataTable

SIZE = (120, 36)


def sync(test):
    """Run an async Pilot test without an async pytest plugin (fixtures still resolve by name)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def rows(table: DataTable) -> list[list[str]]:
    """The table's cells as plain text, row by row."""
    return [[str(getattr(c, "plain", c)) for c in table.get_row_at(i)] for i in range(table.row_count)]


def row_keys(table: DataTable) -> list[str]:
    return [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]


async def open_row(pilot, table: DataTable, key: str) -> None:
    """Move the cursor to the row `key` with the arrow keys and press Enter."""
    table.focus()
    await pilot.pause()
    target = row_keys(table).index(key)
    await pilot.press(*(["down"] * (target - table.cursor_row)))
    await pilot.press("enter")
    await pilot.pause()


async def settle(pilot) -> None:
    """Wait until workers (a write, then the reload it starts) have finished and the screen has redrawn."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
