"""The supervision notice (督办通知单): one print-ready A4 page for a confirmed 督导 or 问责.

It carries the unit, the facts the rules found, the committee's decision and reason, the order and its
due date, and a section for the unit's reply. Every value goes through reports.cells.put, so nothing a
user typed becomes a formula.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from duban.core.errors import DubanError
from duban.core.flags import Flag, find_flag, level_label, noticeable
from duban.core.i18n import pick, t
from duban.core.record import Record

from .cells import CENTER, FONT, put, text_width

if TYPE_CHECKING:
    from duban.core.registry import Registry

#: Column widths (A–D) of a portrait A4 page at 100 %: 72 units fit its printable width with margins (LibreOffice
#: measures a unit a little wider than Excel).
WIDTHS = (11, 25, 11, 25)
#: Facts listed on the page; more would push the reply section onto a second page.
MAX_FACTS = 8
#: The printable height of portrait A4 with the margins below, in points, and the scale the page keeps.
PAGE_HEIGHT = 11.69 * 72 - 2 * 0.6 * 72
SCALE = 100
MIN_SCALE = 90
LINE_HEIGHT = 14.0


def confirmed_flag(registry: Registry, record: Record, flag_id: str, as_of: dt.date) -> Flag:
    """The flag `flag_id` if the committee has confirmed it as 督导 or 问责; else an error saying why."""
    flag = find_flag(registry, record, flag_id, as_of)
    if not noticeable(flag):
        raise DubanError(t("notice_not_decided", flag=flag.id))
    return flag


def write_notice(registry: Registry, record: Record, flag_id: str, as_of: dt.date, out: str | Path) -> Path:
    """Write the notice for a confirmed flag to `out` (.xlsx); returns the path written."""
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise DubanError(t("notice_bad_suffix", path=path))
    flag = confirmed_flag(registry, record, flag_id, as_of)
    wb = Workbook()
    ws = wb.active
    ws.title = pick("督办通知单", "Notice")
    layout(ws, record, flag, as_of)
    tmp = path.with_name(path.name + ".part")
    try:
        wb.save(tmp)
        tmp.replace(path)  # never a half-written notice under the real name
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DubanError(t("rpt_cannot_write", path=path, problem=exc.strerror or exc)) from None
    return path


def layout(ws, record: Record, flag: Flag, as_of: dt.date) -> None:
    """Fill one sheet with the notice, laid out for one portrait A4 page."""
    for col, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    plan = record.plan
    unit = record.unit(flag.unit)
    row = _title(ws, 1, t("notice_title", level=level_label(flag.level)))
    put(ws, row, 1, t("notice_doc", doc=plan.doc_number, plan=pick(plan.title, plan.title_en)), border=False)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    row += 1
    pairs = [
        (t("notice_unit"), pick(unit.name, unit.name_en) if unit else flag.unit, t("notice_no"), flag.id),
        (t("notice_level"), level_label(flag.level), t("notice_date"), flag.decided_on or as_of),
    ]
    for a, b, c, d in pairs:
        put(ws, row, 1, a, bold=True)
        put(ws, row, 2, b)
        put(ws, row, 3, c, bold=True)
        put(ws, row, 4, d).alignment = Alignment(horizontal="left", vertical="top")
        ws.row_dimensions[row].height = _height(str(b), WIDTHS[1])
        row += 1
    facts = [e.text for e in flag.evidence[:MAX_FACTS]]
    if len(flag.evidence) > MAX_FACTS:
        facts.append(t("notice_more", n=len(flag.evidence) - MAX_FACTS))
    row = _block(ws, row, t("notice_facts"), "\n".join(f"{i}. {text}" for i, text in enumerate(facts, 1)))
    decided = t("notice_decided", by=flag.decided_by, on=flag.decided_on, level=level_label(flag.level))
    row = _block(ws, row, t("notice_decision"), f"{decided}\n{t('ruling_reason', reason=flag.reason)}")
    order = flag.order or t("notice_no_order")
    due = flag.order_due.isoformat() if flag.order_due else t("notice_no_due")
    row = _block(ws, row, t("notice_order"), f"{order}\n{t('notice_due', due=due)}")
    row = _block(ws, row, t("notice_reply"), t("notice_reply_form"), height=150)
    put(ws, row, 1, t("notice_sign"), border=False)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    ws.row_dimensions[row].height = 40
    ws.row_dimensions[1].height = 36
    ws.row_dimensions[2].height = _height(ws.cell(row=2, column=1).value, sum(WIDTHS))
    _print_setup(ws)


def _title(ws, row: int, text: str) -> int:
    cell = put(ws, row, 1, text, border=False)
    cell.font = Font(name=FONT, bold=True, size=18)
    cell.alignment = CENTER
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    return row + 1


def _block(ws, row: int, label: str, text: str, height: float | None = None) -> int:
    """A labelled section: the label on the left, the text across the other three columns."""
    put(ws, row, 1, label, bold=True).alignment = CENTER
    put(ws, row, 2, text)
    for col in (3, 4):
        put(ws, row, col, None)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    ws.row_dimensions[row].height = max(height or 0, _height(text, sum(WIDTHS[1:])))
    return row + 1


def _height(text: str, width: int) -> float:
    """Points a wrapped cell `width` units wide needs to show all of `text` (spreadsheets do not grow
    merged rows on their own)."""
    lines = sum(max(1, math.ceil(text_width(part) / (width - 1))) for part in str(text).splitlines() or [""])
    return max(20.0, lines * LINE_HEIGHT + 6)


def _print_setup(ws) -> None:
    """Portrait A4 at 100 %, or as much less (never under 90 %) as the text needs to stay on one page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    height = sum((ws.row_dimensions[r].height or 15) for r in range(1, ws.max_row + 1))
    ws.page_setup.scale = max(MIN_SCALE, min(SCALE, int(100 * PAGE_HEIGHT / height)))
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.print_area = f"A1:D{ws.max_row}"
