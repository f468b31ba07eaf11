"""The county → city → province chain: several reports' 汇总表 rows in one summary table."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from duban.core.errors import DubanError
from duban.core.i18n import t
from duban.core.narrative import SUMMARY_FOOTNOTE, SUMMARY_HEADERS

from .identity import IDENTITY_SHEET, write_identity
from .report import REPORT_KIND, SHEETS, SUMMARY_FIRST_DATA_ROW, SUMMARY_HEADER_ROW, write_summary_sheet
from .safe_read import open_workbook, rows

ROLLUP_KIND = "duban-rollup"
SUMMARY_SHEET = SHEETS[0]


def read_summary(path: str | Path) -> tuple[dict[str, str], list[tuple[str, ...]]]:
    """A report's identity and its 汇总表 rows (市州 and the seven narratives), or an error naming the file."""
    path = Path(path)
    wb = open_workbook(path)
    try:

        def refuse(problem: str) -> DubanError:
            return DubanError(t("rpt_not_a_report", file=path.name, problem=problem))

        if IDENTITY_SHEET not in wb.sheetnames or SUMMARY_SHEET not in wb.sheetnames:
            raise refuse(t("imp_no_summary_sheet_or_identity"))
        identity = {
            str(k.value): "" if v is None or v.value is None else str(v.value)
            for _, (k, v) in rows(wb, IDENTITY_SHEET, 2, path)
            if k is not None and k.value is not None
        }
        if identity.get("kind") not in (REPORT_KIND, ROLLUP_KIND):
            raise refuse(t("imp_wrong_identity"))
        found: list[tuple[str, ...]] = []
        header_ok = False
        for number, cells in rows(wb, SUMMARY_SHEET, len(SUMMARY_HEADERS), path):
            values = tuple(None if c is None else c.value for c in cells)
            if number == SUMMARY_HEADER_ROW:
                header_ok = values == SUMMARY_HEADERS
            elif number >= SUMMARY_FIRST_DATA_ROW:
                if values[0] == SUMMARY_FOOTNOTE:
                    break
                found.append(tuple("" if v is None else str(v) for v in values[1:]))
        if not header_ok:
            raise refuse(t("imp_header_differs_from_attachment"))
        if not found:
            raise refuse(t("imp_no_data_rows"))
        return identity, found
    finally:
        wb.close()


def build_rollup(paths: list[str | Path], unit_name: str) -> tuple[Workbook, int]:
    """The summary table of `unit_name` with one numbered row per county in `paths`; returns (workbook, rows)."""
    collected: list[tuple[str, ...]] = []
    source: dict[str, str] = {}
    dates = []
    for path in paths:
        identity, found = read_summary(path)
        dates.append(identity.get("as_of", ""))
        for row in found:
            if row[0] in source:
                raise DubanError(t("rpt_rollup_duplicate", file=Path(path).name, other=source[row[0]], name=row[0]))
            source[row[0]] = Path(path).name
            collected.append(row)
    wb = Workbook()
    ws = wb.active
    ws.title = SUMMARY_SHEET
    filled_on = max(dates)
    write_summary_sheet(ws, unit_name, filled_on, collected)
    write_identity(
        wb,
        {
            "kind": ROLLUP_KIND,
            "filler": unit_name,
            "as_of": filled_on,
            "sources": ";".join(Path(p).name for p in paths),
        },
    )
    return wb, len(collected)
