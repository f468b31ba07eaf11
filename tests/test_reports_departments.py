"""The departments' record in workbooks: flags and metrics as in the database, checklist and metric import."""

import datetime as dt
import json

import openpyxl
import pytest

from duban.core.checklists import checklist_status
from duban.core.flags import LEVELS, evaluate_flags, flag_label, level_label
from duban.core.metrics import format_value, metric_status
from tests.helpers import fill, folder_digest

AS_OF = dt.date(2020, 9, 30)
LEVEL_WORDS = {level_label(level) for level in LEVELS}


def test_flags_sheet_shows_decisions_as_decisions_and_suggestions_as_pending(cli, demo_path, demo_ws, tmp_path):
    flags = evaluate_flags(demo_ws.registry, demo_ws.record(), AS_OF)
    decided = next(f for f in flags if f.state == "open" and f.decision is None)
    r = cli("--db", demo_path, "flags", "dismiss", decided.id, "--reason", "已整改到位", "--as-of", "2020-09-30")
    assert r.status == 0, r.err
    out = tmp_path / "q3.xlsx"
    assert cli("--db", demo_path, "report", "--period", "2020-Q3", "--out", out).status == 0
    sheet = openpyxl.load_workbook(out)["表彰与问责"]
    assert [c.value for c in sheet[1]][4] == "县委政法委认定"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    record = demo_ws.record()
    flags = evaluate_flags(demo_ws.registry, record, AS_OF)
    assert [(r[0], r[1]) for r in rows] == [(record.label(f.unit), flag_label(f)) for f in flags]
    # Only a decision reads as 表彰/督导/问责; every undecided flag says it is a suggestion.
    for row, flag in zip(rows, flags):
        if flag.decision != "confirmed":
            assert row[1].startswith("建议") and row[1] not in LEVEL_WORDS
        assert all(e.text in row[2] for e in flag.evidence)
        assert not any(code in (row[2] or "") for code in ("[metric", "[duty", "[deadline", "incident:"))
    dismissed = rows[[f.id for f in flags].index(decided.id)]
    assert dismissed[1].endswith("（不予认定）") and "理由：已整改到位" in dismissed[4]


def test_metrics_sheet_matches_the_database(cli, demo_path, demo_ws, tmp_path):
    out = tmp_path / "q3.xlsx"
    assert cli("--db", demo_path, "report", "--period", "2020-Q3", "--out", out).status == 0
    rows = list(openpyxl.load_workbook(out)["部门指标"].iter_rows(min_row=2, values_only=True))
    record = demo_ws.record()
    expected = []
    for unit in record.owners():
        items = checklist_status(demo_ws.registry, record, unit.code)
        done = f"{sum(1 for i in items if i.done)}/{len(items)}" if items else "—"
        for m in metric_status(demo_ws.registry, record, unit.code, AS_OF) or [None]:
            expected.append(
                (
                    record.label(unit.code),
                    done,
                    m and m.metric.name,
                    m and format_value(m.metric, m.value),
                    m and {True: "达标", False: "未达标", None: "未填报"}[m.on_target],
                )
            )
    assert [(r[0], r[1], r[2] or None, r[3] or None, r[5] or None) for r in rows] == expected


def _item_and_metric(path):
    wb = openpyxl.load_workbook(path)
    checks = list(wb["职责清单"].iter_rows(min_row=2, values_only=True))
    metrics = list(wb["指标"].iter_rows(min_row=2, values_only=True))
    open_item = next(i for i, r in enumerate(checks, 2) if r[3] == "未完成")
    count_metric = next(i for i, r in enumerate(metrics, 2) if r[1] == "hazards_rectified_pct")
    return open_item, checks[open_item - 2][1], count_metric


def test_checklist_and_metric_rows_import_and_reimport(cli, demo_path, demo_ws, tmp_path):
    template = tmp_path / "ca.xlsx"
    assert cli("--db", demo_path, "template", "civil_affairs", "--out", template).status == 0
    row, item, mrow = _item_and_metric(template)
    filled = fill(
        template,
        tmp_path / "f.xlsx",
        {
            f"职责清单!E{row}": "是",
            f"职责清单!F{row}": "=cmd|' /C calc'!A0",
            f"职责清单!G{row}": "记录表A；记录表B",
            f"职责清单!H{row}": dt.date(2020, 10, 9),
            f"指标!F{mrow}": 90,
            f"指标!G{mrow}": dt.date(2020, 10, 9),
        },
    )
    wb = openpyxl.load_workbook(filled)
    wb["职责清单"][f"F{row}"].data_type = "s"  # typed as text, not a formula
    wb.save(filled)
    r = cli("--db", demo_path, "import", filled)
    assert r.status == 0, r.err
    assert f"职责清单!E{row}" in r.out and f"指标!F{mrow}" in r.out
    record = demo_ws.record()
    status = {s.item.id: s for s in checklist_status(demo_ws.registry, record, "civil_affairs")}
    assert status[item].done and status[item].when == dt.date(2020, 10, 9)
    assert status[item].note == "=cmd|' /C calc'!A0" and status[item].evidence == ("记录表A", "记录表B")
    metric = next(
        m
        for m in metric_status(demo_ws.registry, record, "civil_affairs", dt.date(2020, 10, 15))
        if m.metric.id == "hazards_rectified_pct"
    )
    assert metric.value == 90
    before = folder_digest(demo_path)
    again = cli("--db", demo_path, "import", filled)
    assert again.status == 0 and "0 项变更" in again.out and folder_digest(demo_path) == before


@pytest.mark.slow
def test_bad_checklist_and_metric_cells_are_placed(cli, demo_path, tmp_path):
    template = tmp_path / "ca.xlsx"
    assert cli("--db", demo_path, "template", "civil_affairs", "--out", template).status == 0
    row, _, mrow = _item_and_metric(template)
    for edits, place in (
        ({f"职责清单!E{row}": "完成", f"职责清单!H{row}": dt.date(2020, 10, 9)}, f"职责清单!E{row}"),
        ({f"职责清单!B{row}": "no-such-item"}, f"职责清单!B{row}"),
        ({f"指标!F{mrow}": "很多", f"指标!G{mrow}": dt.date(2020, 10, 9)}, f"指标!F{mrow}"),
        ({f"指标!F{mrow}": 150, f"指标!G{mrow}": dt.date(2020, 10, 9)}, f"指标!F{mrow}"),
        ({f"指标!F{mrow}": 90}, f"指标!G{mrow}"),
    ):
        filled = fill(template, tmp_path / "bad.xlsx", edits)
        before = folder_digest(demo_path)
        r = cli("--db", demo_path, "import", filled)
        assert r.status == 1 and f"{place}: " in r.err, (place, r.err)
        assert folder_digest(demo_path) == before


def test_report_json_of_flags_agrees(cli, demo_path, tmp_path):
    data = json.loads(cli("--db", demo_path, "flags", "--json", "--as-of", "2020-09-30").out)
    out = tmp_path / "q3.xlsx"
    assert cli("--db", demo_path, "report", "--period", "2020-Q3", "--out", out).status == 0
    assert openpyxl.load_workbook(out)["表彰与问责"].max_row - 1 == len(data["flags"])
