"""The county → city → province chain: several reports' 汇总表 rows in one summary table.

A city's table lists its counties under 县（市、区） beside the city's name (市州); a province's lists
every city's counties the same way. Each level adds its own answer to the mechanism question and a
totals row of the counts, and only reports of one period are rolled up together.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook

from duban.core.errors import DubanError, UsageError
from duban.core.i18n import t
from duban.core.narrative import SUMMARY_FOOTNOTE, SUMMARY_HEADERS, count_totals

from .identity import IDENTITY_SHEET, write_identity
from .report import REPORT_KIND, SHEETS, SUMMARY_FIRST_DATA_ROW, SUMMARY_HEADER_ROW, write_summary_sheet
from .safe_read import open_workbook, rows

ROLLUP_KIND = "duban-rollup"
SUMMARY_SHEET = SHEETS[0]
COUNTY_HEADER = "县（市、区）"
#: A roll-up's columns: attachment 2 with the county beside its city.
ROLLUP_HEADERS = (*SUMMARY_HEADERS[:2], COUNTY_HEADER, *SUMMARY_HEADERS[2:])
#: The roll-up level's own rows: its mechanism answer, and the totals.
OWN_LEVEL, TOTALS = "本级", "合计"
_BUREAU = re.compile(r"(民政局|民政厅)$")


def read_summary(path: str | Path) -> tuple[dict[str, str], list[tuple[str, ...]]]:
    """A report's identity and its 汇总表 rows, each as (市州, 县（市、区）, eight narratives), or an error naming the file.

    A county report's rows have no city (市州 is ''); a roll-up's totals row is left out (it is recounted).
    """
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
        kind = identity.get("kind")
        if kind not in (REPORT_KIND, ROLLUP_KIND):
            raise refuse(t("imp_wrong_identity"))
        headers = ROLLUP_HEADERS if kind == ROLLUP_KIND else SUMMARY_HEADERS
        found: list[tuple[str, ...]] = []
        header_ok = False
        for number, cells in rows(wb, SUMMARY_SHEET, len(headers), path):
            values = tuple("" if c is None or c.value is None else str(c.value) for c in cells)
            if number == SUMMARY_HEADER_ROW:
                header_ok = values == headers
            elif number >= SUMMARY_FIRST_DATA_ROW:
                if values[0] == SUMMARY_FOOTNOTE:
                    break
                if values[0] == TOTALS:
                    continue
                found.append(values[1:] if kind == ROLLUP_KIND else ("", *values[1:]))
        if not header_ok:
            raise refuse(t("imp_header_differs_from_attachment"))
        if not found:
            raise refuse(t("imp_no_data_rows"))
        for row in found:
            if not row[1].strip():
                raise DubanError(t("rpt_rollup_blank_name", file=path.name))
        return identity, found
    finally:
        wb.close()


def area_of(unit_name: str) -> str:
    """The city or province a filling unit speaks for: 郴州市民政局 → 郴州市."""
    return _BUREAU.sub("", unit_name.strip()) or unit_name.strip()


def build_rollup(paths: list[str | Path], unit_name: str, mechanism: str = "") -> tuple[Workbook, int]:
    """The summary table of `unit_name`: one numbered row per county in `paths` (with its city), the
    level's own mechanism answer, and the totals; returns (workbook, county rows)."""
    unit_name = unit_name.strip()
    if not unit_name:
        raise UsageError(t("rpt_rollup_no_name"))
    area = area_of(unit_name)
    collected: list[tuple[str, ...]] = []
    source: dict[tuple[str, str], str] = {}
    periods: dict[str, str] = {}
    dates = []
    for path in paths:
        identity, found = read_summary(path)
        periods[Path(path).name] = identity.get("period", "")
        dates.append(identity.get("as_of", ""))
        for values in found:
            # A county's report has no city: it is the city's own county, under the city rolling it up.
            row = (values[0] or area, *values[1:])
            key = (row[0], row[1])
            if key in source:
                raise DubanError(t("rpt_rollup_duplicate", file=Path(path).name, other=source[key], name=row[1]))
            source[key] = Path(path).name
            collected.append(row)
    if len(set(periods.values())) > 1:
        listed = "、".join(f"{name}（{period or '?'}）" for name, period in periods.items())
        raise DubanError(t("rpt_rollup_mixed_periods", files=listed))
    counties = [r for r in collected if r[1] != OWN_LEVEL]
    # The level's own answer is not a county: unnumbered, and left out of the totals.
    own = ("", area, OWN_LEVEL, mechanism.strip(), *[""] * (len(ROLLUP_HEADERS) - 4))
    totals = (TOTALS, "", "", *count_totals([r[2:] for r in counties]))
    wb = Workbook()
    ws = wb.active
    ws.title = SUMMARY_SHEET
    filled_on = max(dates)
    numbered = [r for r in collected if r[1] != OWN_LEVEL]
    own_rows = tuple(("", *r) for r in collected if r[1] == OWN_LEVEL)
    write_summary_sheet(ws, unit_name, filled_on, numbered, ROLLUP_HEADERS, (*own_rows, own, totals))
    write_identity(
        wb,
        {
            "kind": ROLLUP_KIND,
            "filler": unit_name,
            "as_of": filled_on,
            "period": next(iter(periods.values()), ""),
            "sources": ";".join(Path(p).name for p in paths),
        },
    )
    return wb, len(counties)
