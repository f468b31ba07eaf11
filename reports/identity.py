"""The hidden identity sheet every duban workbook carries: what it is, for which plan and unit."""

from __future__ import annotations

from openpyxl import Workbook

from .cells import put

IDENTITY_SHEET = "_duban"


def write_identity(wb: Workbook, values: dict[str, str]) -> None:
    """Add the identity sheet, hidden so that only duban reads it."""
    ws = wb.create_sheet(IDENTITY_SHEET)
    for row, (key, value) in enumerate(values.items(), 1):
        put(ws, row, 1, key, border=False)
        put(ws, row, 2, str(value), border=False)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
