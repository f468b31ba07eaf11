"""The supervision notice (督办通知单): for a confirmed 督导 or 问责 only, one print-ready A4 page."""

import datetime as dt
import json
import re

import openpyxl

from duban.core.flags import evaluate_flags
from tests.helpers import convert, folder_digest, needs_libreoffice

D = dt.date.fromisoformat


def _texts(path) -> str:
    ws = openpyxl.load_workbook(path).active
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def _confirmed(demo_ws):
    flags = evaluate_flags(demo_ws.registry, demo_ws.record(), D("2020-10-15"))
    return next(f for f in flags if f.decision == "confirmed" and f.level == "accountability")


def test_notice_of_a_confirmed_flag_carries_unit_facts_decision_order_and_reply(cli, demo_path, demo_ws, tmp_path):
    flag = _confirmed(demo_ws)
    out = tmp_path / "问责通知单.xlsx"
    r = cli("--db", demo_path, "flags", "notice", flag.id, "--out", out)
    assert r.status == 0, r.err
    text = _texts(out)
    for expected in (
        "问责通知单",
        "县民政局",
        flag.evidence[0].text,
        "县委政法委于 2020-10-14 认定为问责（政法委-督导组）",
        "理由：安置方案逾期45天未报县政府",
        "报送安置方案并作书面说明",
        "整改期限：2020-10-31",
        "整改落实情况",
        "负责人（签字）",
    ):
        assert expected in text, expected
    ws = openpyxl.load_workbook(out).active
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == "portrait"
    assert int(ws.page_setup.scale) >= 90 and not ws.sheet_properties.pageSetUpPr.fitToPage


def test_no_notice_for_a_suggestion_and_nothing_written(cli, demo_path, demo_ws, tmp_path):
    pending = next(f for f in evaluate_flags(demo_ws.registry, demo_ws.record(), D("2020-10-15")) if f.decision is None)
    before = folder_digest(demo_path)
    out = tmp_path / "n.xlsx"
    r = cli("--db", demo_path, "flags", "notice", pending.id, "--out", out)
    assert r.status == 1 and pending.id in r.err and "confirm" in r.err and r.err.count("\n") == 1
    assert not out.exists() and folder_digest(demo_path) == before
    r = cli("--db", demo_path, "flags", "notice", _confirmed(demo_ws).id, "--out", tmp_path / "n.txt")
    assert r.status == 1 and ".xlsx" in r.err


def test_text_the_committee_typed_is_never_a_formula(cli, demo_path, demo_ws, tmp_path):
    flag = next(
        f
        for f in evaluate_flags(demo_ws.registry, demo_ws.record(), D("2020-10-15"))
        if f.decision is None and f.level == "supervision"
    )
    r = cli(
        "--db",
        demo_path,
        *("flags", "confirm", flag.id, "--reason", '=HYPERLINK("http://x","点击")', "--order", "+1+1"),
        *("--due", "2020-10-30", "--as-of", "2020-10-15"),
    )
    assert r.status == 0, r.err
    out = tmp_path / "n.xlsx"
    r = cli("--db", demo_path, "--json", "flags", "notice", flag.id, "--out", out, "--as-of", "2020-10-15")
    assert r.status == 0 and json.loads(r.out) == {"flag": flag.id, "path": str(out)}, r.out
    ws = openpyxl.load_workbook(out).active
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells)
    assert any("HYPERLINK" in c.value for c in cells) and any(c.value.startswith("+1+1") for c in cells)


@needs_libreoffice
def test_notice_prints_on_one_a4_page(cli, demo_path, demo_ws, tmp_path):
    out = tmp_path / "notice.xlsx"
    assert cli("--db", demo_path, "flags", "notice", _confirmed(demo_ws).id, "--out", out).status == 0
    pdf = convert(out, "pdf", tmp_path / "pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
