"""Writing cells safely and laying sheets out for print: the one place duban puts values into a workbook."""

from __future__ import annotations

import datetime as dt
import math

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from duban.core.textwidth import display_width

#: Text starting with one of these would be read as a formula (or a DDE payload) by a spreadsheet.
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "yyyy-mm-dd"
FONT = "宋体"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
#: One Font per weight, shared by every cell: a new Font per cell made a report's styling cost grow
#: with its rows (openpyxl hashes each new style object to find it in the workbook's style table).
FONTS = {False: Font(name=FONT, size=10), True: Font(name=FONT, bold=True, size=11)}
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
RAG_FILLS = {
    "red": PatternFill("solid", fgColor="F4B6B6"),
    "amber": PatternFill("solid", fgColor="FFE699"),
    "green": PatternFill("solid", fgColor="C6EFCE"),
}
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
#: Column-width units that fit across A4 landscape inside print_ready's margins at 100 % (a unit is
#: about 6.9 pt as LibreOffice prints it, measured from its PDF); tables are fitted to this width.
PAGE_UNITS = 112
DATE_WIDTH = 12  # yyyy-mm-dd and a margin: never '###'


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value: object,
    *,
    bold: bool = False,
    wrap: bool = True,
    border: bool = True,
    fill: PatternFill | None = None,
    number_format: str | None = None,
):
    """Write `value` to a cell so that it is only ever data: text is text, dates are real dates."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        # Assigning "=…" makes openpyxl store a formula; force a plain string instead, and tell the
        # spreadsheet (quotePrefix) to keep it text if someone edits the cell.
        cell.data_type = "s"
        if value.startswith(RISKY_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, (dt.date, dt.datetime)):
            cell.number_format = DATE_FORMAT
    if number_format:
        cell.number_format = number_format
    if not cell._style:  # as openpyxl's own style setter does
        cell._style = StyleArray()
    style = cell._style
    style.fontId, style.alignmentId, border_id, fill_id = _style_ids(ws, bold, wrap, border, fill)
    if border_id is not None:
        style.borderId = border_id
    if fill_id is not None:
        style.fillId = fill_id
    return cell


def _style_ids(ws: Worksheet, bold: bool, wrap: bool, border: bool, fill: PatternFill | None) -> tuple:
    """Font, alignment, border and fill indices (None: left as the cell has it) for one way of writing a
    cell, looked up once per workbook: a report writes hundreds of thousands of cells in a few ways."""
    ways = ws.parent.__dict__.setdefault("_duban_style_ways", {})
    way = (bold, wrap, border, id(fill))
    found = ways.get(way)
    if found is None or found[0] is not fill:  # the fill is kept with its indices: its id is not reused
        found = ways[way] = (
            fill,
            (
                _style_id(ws, "_fonts", FONTS[bold]),
                _style_id(ws, "_alignments", WRAP if wrap else TOP),
                _style_id(ws, "_borders", BORDER) if border else None,
                _style_id(ws, "_fills", fill) if fill is not None else None,
            ),
        )
    return found[1]


def _style_id(ws: Worksheet, table: str, obj: object) -> int:
    """The index of style `obj` in the workbook's style `table`, as `cell.font = obj` would store it,
    found once per workbook: openpyxl hashes the whole style object on every assignment, which was
    most of a large report's time."""
    wb = ws.parent
    ids = wb.__dict__.setdefault("_duban_style_ids", {})
    held = ids.get((table, id(obj)))
    if held is None or held[0] is not obj:  # the object is kept with its index: its id is not reused
        held = ids[(table, id(obj))] = (obj, getattr(wb, table).add(obj))
    return held[1]


def header_row(ws: Worksheet, row: int, headers: list[str] | tuple[str, ...]) -> None:
    """A bold, shaded, centred header row."""
    for col, text in enumerate(headers, 1):
        cell = put(ws, row, col, text, bold=True, fill=HEADER_FILL)
        cell.alignment = CENTER


def text_width(text: object) -> int:
    """Display width of the longest line of `text` (a Chinese character counts two)."""
    lines = str(text).splitlines() or [""]
    return max(display_width(line) for line in lines)


def fit_columns(
    ws: Worksheet,
    caps: dict[int, int] | None = None,
    default_cap: int = 40,
    minimum: int = 6,
    floors: dict[int, int] | None = None,
    scale: float = 0.8,
) -> None:
    """Set column widths to fit their text (Chinese counted double), each capped so long text wraps,
    and the widest narrowed until the table prints one page wide at `scale` or more.

    `floors` keeps a column at least that wide (dates: DATE_WIDTH, so they never print as ###).
    """
    caps, floors = caps or {}, floors or {}
    widths: dict[int, int] = dict(floors)
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            value = cell.value.isoformat() if isinstance(cell.value, (dt.date, dt.datetime)) else cell.value
            if isinstance(cell.value, (dt.date, dt.datetime)):
                floors[cell.column] = DATE_WIDTH
            widths[cell.column] = max(widths.get(cell.column, 0), text_width(value))
    fitted = {
        col: max(minimum, floors.get(col, 0), min(caps.get(col, default_cap), width + 2))
        for col, width in widths.items()
    }
    budget = PAGE_UNITS / scale
    while sum(fitted.values()) > budget:
        # Wrapped text gives way first: narrow the widest column that is not at its floor.
        col = max((c for c in fitted if fitted[c] > max(12, floors.get(c, 0))), key=fitted.get, default=None)
        if col is None:
            break
        fitted[col] -= 1
    for col, width in fitted.items():
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width


#: How much text (text_width units, a Chinese character counting two) one unit of column width holds
#: at 10 pt: 1.38 as LibreOffice prints with its CJK fonts, about 1.05 in Excel with 宋体. Rows are
#: sized between the two, since neither program sizes a row to its text when it opens a file.
TEXT_PER_WIDTH = 1.2


def fit_rows(ws: Worksheet, first_row: int, line_height: float = 14.0, only_wrapped: bool = False) -> None:
    """Give wrapped rows from `first_row` on a height that shows all their text (no program does on opening).

    `only_wrapped` leaves one-line rows without a height, so that the spreadsheet still grows them
    as a user types (a row with a set height no longer grows)."""
    widths: dict[int, float] = {}  # each column's width, read once (the columns are not resized here)
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            width = widths.get(cell.column)
            if width is None:
                width = widths[cell.column] = ws.column_dimensions[cell.column_letter].width or 10
            text = str(cell.value)
            lines = max(
                lines,
                sum(
                    max(1, math.ceil(text_width(part) / max(1.0, (width - 1) * TEXT_PER_WIDTH)))
                    for part in text.splitlines() or [""]
                ),
            )
        if lines > 1 or not only_wrapped:
            ws.row_dimensions[row[0].row].height = max(18.0, lines * line_height + 4)


def print_ready(ws: Worksheet, title_rows: str, freeze: str | None) -> None:
    """A4 landscape, one page wide, header rows repeated on every page, panes frozen below them."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.4
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "&P / &N"
    if freeze:
        ws.freeze_panes = freeze


def write_table(
    ws: Worksheet,
    headers: list[str],
    rows: list[list[object]],
    first_row: int = 1,
    fills: list[str | None] | None = None,
    fill_col: int | None = None,
    caps: dict[int, int] | None = None,
    formats: dict[int, str] | None = None,
) -> None:
    """A header row and data rows, print-ready; `fills[i]` colours row i's `fill_col` (red/amber/green)."""
    header_row(ws, first_row, headers)
    for i, values in enumerate(rows):
        r = first_row + 1 + i
        for col, value in enumerate(values, 1):
            fill = RAG_FILLS.get(fills[i]) if fills and fills[i] and col == fill_col else None
            put(ws, r, col, value, fill=fill, number_format=(formats or {}).get(col))
    fit_columns(ws, caps)
    fit_rows(ws, first_row + 1)
    print_ready(ws, f"{first_row}:{first_row}", f"A{first_row + 1}")
