"""Tables that keep the cursor on the same row when they are refilled."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable


class RowTable(DataTable):
    """A DataTable selecting whole rows, refilled in place from fresh data."""

    DEFAULT_CSS = "RowTable { height: auto; max-height: 100%; }"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, cursor_type="row", zebra_stripes=True, **kwargs)

    def set_columns(self, *labels: str) -> None:
        """Define the columns once (labels in the user's language)."""
        if not self.columns:
            for label in labels:
                self.add_column(label)

    def refill(self, rows: list[tuple[str, list]]) -> None:
        """Replace every row with `rows` (key, cells), keeping the cursor on the same key if it remains."""
        current = None
        if self.row_count and 0 <= self.cursor_row < self.row_count:
            current = self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value
        self.clear()
        for key, cells in rows:
            # Plain strings would be read as console markup: plan text may contain "[2020]".
            self.add_row(*(Text(c) if isinstance(c, str) else c for c in cells), key=key)
        keys = [key for key, _ in rows]
        if current in keys:
            self.move_cursor(row=keys.index(current), animate=False)

    def current_key(self) -> str | None:
        """The key of the row under the cursor."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value
