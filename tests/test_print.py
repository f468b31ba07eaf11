"""Workbooks print as they are: LibreOffice turns them into PDF, and the PDF is measured.

The scale is read from the PDF itself: body text is written at 10 pt, so the size the PDF gives a
body character is the print scale times 10 pt.
"""

import datetime as dt
import re
import statistics

import openpyxl
import pytest

from tests.helpers import convert, needs_libreoffice

pdfplumber = pytest.importorskip("pdfplumber")

BODY_PT = 10


def _only_sheet(src, name, out):
    """A copy of workbook `src` holding only sheet `name` (its layout and print set-up unchanged)."""
    wb = openpyxl.load_workbook(src)
    for other in wb.sheetnames:
        if other != name:
            del wb[other]
    wb.save(out)
    return out


def _squash(text) -> str:
    return re.sub(r"\s", "", str(text or ""))


def _pages(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        return [
            {
                "text": page.extract_text() or "",
                "sizes": [c["size"] for c in page.chars],
                "cells": {_squash(c) for t in page.extract_tables() for row in t for c in row},
                "right": max((c["x1"] for c in page.chars), default=0),
                "width": page.width,
                "landscape": page.width > page.height,
            }
            for page in pdf.pages
        ]


@pytest.fixture
def r1_report(cli, demo_path, tmp_path):
    assert cli("--db", demo_path, "check", "civil_affairs", "leading-mechanism", "--date", "2020-05-20").status == 0
    out = tmp_path / "r1.xlsx"
    assert cli("--db", demo_path, "report", "--period", "R1", "--out", out).status == 0
    return out


@pytest.mark.slow
@needs_libreoffice
def test_the_r1_summary_table_prints_full_size_one_page_wide_with_no_cut_text(r1_report, tmp_path):
    pdf = convert(_only_sheet(r1_report, "汇总表", tmp_path / "汇总表.xlsx"), "pdf", tmp_path / "pdf")
    pages = _pages(pdf)
    assert len(pages) == 1 and pages[0]["landscape"]
    page = pages[0]
    body = statistics.median(page["sizes"])
    assert body >= 9 and body / BODY_PT >= 0.85, f"printed at {body / BODY_PT:.0%} ({body:.1f} pt)"
    assert page["right"] <= page["width"]
    ws = openpyxl.load_workbook(r1_report)["汇总表"]
    headers = [c.value for c in ws[4]]
    assert all(_squash(h) in page["cells"] for h in headers)
    # Every cell of the county's row is whole inside its ruled cell: a row too short for its text
    # would leave the rest outside the cell's box (or not print it at all).
    for cell in ws[6]:
        assert _squash(cell.value) in page["cells"], f"{cell.coordinate} is cut"


@pytest.mark.slow
@needs_libreoffice
def test_every_sheet_of_the_report_prints_at_three_quarters_or_more(r1_report, tmp_path):
    pages = _pages(convert(r1_report, "pdf", tmp_path / "pdf"))
    for number, page in enumerate(pages, 1):
        assert page["landscape"] and page["text"].strip(), f"page {number} is blank"
        assert statistics.median(page["sizes"]) / BODY_PT >= 0.75, f"page {number}: {page['text'][:40]}"


@pytest.mark.slow
@needs_libreoffice
def test_a_filled_template_prints_with_no_hashes_and_no_blank_pages(cli, demo_path, tmp_path):
    template = tmp_path / "ca.xlsx"
    assert cli("--db", demo_path, "template", "civil_affairs", "--out", template).status == 0
    wb = openpyxl.load_workbook(template)
    tasks, duties = wb["任务进度"], wb["常态职责"]
    # A note that fits the note column's first line: a longer one grows its row as the clerk types it
    # (the rows carry no fixed height), which a file written here cannot show.
    tasks["G3"], tasks["H3"], tasks["J3"] = 70, "第二批人员到岗，护理员已培训", dt.date(2020, 10, 10)
    for row in range(2, 6):
        duties[f"B{row}"], duties[f"C{row}"] = "A1.3-foster", dt.date(2020, 10, row)
        duties[f"D{row}"] = "巡查托养机构两处，发现问题已当场整改"
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    pages = _pages(convert(filled, "pdf", tmp_path / "pdf"))
    text = "".join(p["text"] for p in pages)
    assert "###" not in text and "2020-10-10" in text and "2020-10-05" in text
    assert all(p["text"].strip() for p in pages), "a blank page"
    # One page per sheet here: the 300 input rows of the duty log print only where they are filled.
    assert len(pages) == len([ws for ws in wb if ws.sheet_state == "visible"])
    assert all(statistics.median(p["sizes"]) / BODY_PT >= 0.75 for p in pages)
    cells = set().union(*(p["cells"] for p in pages))
    assert _squash(tasks["H3"].value) in cells and _squash(tasks["C3"].value) in cells


def test_template_lets_the_clerk_resize_columns_but_not_edit_content(cli, demo_path, tmp_path):
    template = tmp_path / "ca.xlsx"
    assert cli("--db", demo_path, "template", "civil_affairs", "--out", template).status == 0
    for ws in openpyxl.load_workbook(template):
        if ws.sheet_state == "visible":
            assert ws.protection.sheet and not ws.protection.formatColumns and not ws.protection.formatRows


def test_every_cell_of_the_quarterly_report_reads_as_an_official_writes(cli, demo_path, demo_ws, tmp_path):
    out = tmp_path / "q3.xlsx"
    assert cli("--db", demo_path, "report", "--period", "2020-Q3", "--out", out).status == 0
    plan = demo_ws.record().plan
    titles = {t.id: t.title for t in plan.tasks}  # a duty's code stands before its title: duty_titles
    duty_titles = [d.title for d in plan.duties]
    code = re.compile(r"\b([A-Z][0-9]\.[0-9])\b\s*")
    checked = 0
    for ws in openpyxl.load_workbook(out):
        if ws.sheet_state != "visible":
            continue  # the hidden identity sheet is for duban, not for readers
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                checked += 1
                where = f"{ws.title}!{cell.coordinate}: {cell.value[:60]}"
                assert "[" not in cell.value and "duban" not in cell.value.lower(), where
                # A code may only stand before the name it codes (a task's or a duty's title).
                for found in code.finditer(cell.value):
                    rest = cell.value[found.end() :]
                    named = [titles.get(found.group(1), "")] + duty_titles
                    assert any(rest.startswith(n) for n in named if n), where
    assert checked > 100
