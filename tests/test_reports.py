"""The report workbook read back with openpyxl: attachment 2 word for word, task rows, safety, print set-up."""

import datetime as dt
import json
import zipfile

import openpyxl
import pytest

from duban.core.narrative import SUMMARY_FOOTNOTE, SUMMARY_GUIDANCE, SUMMARY_HEADERS, SUMMARY_TITLE
from duban.reports.report import SHEETS
from tests.helpers import folder_digest

INJECTIONS = ["\tcmd", "+1", "-2+3", '=HYPERLINK("http://x","y")', "@SUM(A1)"]


def _report(cli, demo_path, tmp_path, *args, name="r.xlsx"):
    out = tmp_path / name
    r = cli("--db", demo_path, "report", *args, "--out", out)
    assert r.status == 0, r.err
    return openpyxl.load_workbook(out), out


def test_summary_sheet_is_attachment_two_exactly(cli, demo_path, tmp_path):
    assert (
        cli(
            "--db",
            demo_path,
            "meeting",
            "--date",
            "2020-05-20",
            "--topics",
            "部署专项行动，明确职责分工",
            "--chair",
            "副县长",
        ).status
        == 0
    )
    wb, _ = _report(cli, demo_path, tmp_path, "--period", "R1")
    assert wb.sheetnames[: len(SHEETS)] == list(SHEETS)
    ws = wb["汇总表"]
    assert ws["A2"].value == SUMMARY_TITLE == "救助管理服务质量大提升专项行动情况汇总表"
    assert ws["A3"].value.startswith("填表单位：临武县民政局") and ws["A3"].value.endswith("填表日期：2020-08-20")
    assert tuple(c.value for c in ws[4]) == SUMMARY_HEADERS
    # The header row of 附件2, word for word as the seed prints it.
    assert " ".join(SUMMARY_HEADERS) == (
        "序号 市州 地方党委和政府履职情况 照料服务达标行动开展情况 救助寻亲服务行动开展情况 "
        "街面巡查和综合治理行动开展情况 落户安置行动开展情况 源头治理行动开展情况 干部队伍素质提升行动开展情况"
    )
    assert ws["C5"].value == SUMMARY_GUIDANCE
    assert ws["A6"].value == 1 and ws["B6"].value == "临武县"
    assert "2020-05-20" in ws["C6"].value and "部署专项行动" in ws["C6"].value and "副县长" in ws["C6"].value
    assert ws["D6"].value.startswith("任务4项") and "最新进展：2020-07-20，强化站内照料：" in ws["D6"].value
    assert ws["A7"].value == SUMMARY_FOOTNOTE == "备注：有关数据统计截止时间为填报日"
    assert ws.max_row == 7


def test_party_column_says_when_no_meeting_is_on_record(cli, demo_path, tmp_path):
    fresh = tmp_path / "fresh"
    assert cli("--db", fresh, "init").status == 0
    wb, _ = _report(cli, fresh, tmp_path, "--period", "2020-Q3")
    # Said as the form asks it ("无"), with no hint about how duban records meetings.
    assert wb["汇总表"]["C6"].value == "领导协调机制尚未建立。专项行动期间召开会议：无。"
    # The demo's leading group met three times; the column names each meeting.
    demo, _ = _report(cli, demo_path, tmp_path, "--period", "2020-Q3", name="demo.xlsx")
    assert "召开会议3次" in demo["汇总表"]["C6"].value and "2020-09-16" in demo["汇总表"]["C6"].value


def test_meeting_is_audited_and_validated(cli, demo_path):
    r = cli("--db", demo_path, "meeting", "--date", "2020-06-01", "--topics", "调度隐患排查", "--by", "办公室")
    assert r.status == 0, r.err
    r = cli("--db", demo_path, "audit", "--json", "--limit", "1")
    entry = json.loads(r.out)[0]
    assert entry["what"] == "meeting" and entry["who"] == "办公室" and entry["after"]["topics"] == "调度隐患排查"
    before = folder_digest(demo_path)
    for bad in (
        ["--date", "2020-06-01", "--topics", "调度隐患排查"],
        ["--date", "2019-01-01", "--topics", "x"],
        ["--date", "2020-06-02", "--topics", "   "],
    ):
        r = cli("--db", demo_path, "meeting", *bad)
        assert r.status == 1 and "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1
    assert folder_digest(demo_path) == before
    assert cli("--db", demo_path, "meeting", "--date", "2020-05-20", "--topics", "部署").status == 0
    listed = json.loads(cli("--db", demo_path, "meetings", "--json").out)
    assert [m["date"] for m in listed] == ["2020-05-12", "2020-05-20", "2020-06-01", "2020-07-08", "2020-09-16"]
    assert [(m["date"], m["topics"]) for m in listed][1:3] == [("2020-05-20", "部署"), ("2020-06-01", "调度隐患排查")]
    assert "共 5 次会议" in cli("--db", demo_path, "meetings").out


def test_task_sheet_has_one_row_per_task_deadline_with_real_dates(cli, demo_path, demo_ws, tmp_path):
    wb, _ = _report(cli, demo_path, tmp_path, "--period", "2020-Q3")
    ws = wb["任务进度"]
    plan = demo_ws.record().plan
    # One row per unit's part of each deadline: every unit answers for its own.
    expected = [
        (t.title, d.due) for t in plan.tasks for i, d in enumerate(t.deadlines) for _ in t.parties if i in t.owed(_)
    ]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5].date() if r[5] else None) for r in rows] == expected  # readers get names, not ids
    assert ws["F2"].is_date and ws["F2"].number_format == "yyyy-mm-dd"
    a41 = [r for r in rows if r[1] == "加强落户安置"]
    assert [(r[3], r[6]) for r in a41][:2] == [("救助站", "逾期完成"), ("民政局", "逾期")] and a41[1][8] == 30
    assert "本系统解读" in a41[0][4]  # "于2020年8月前" read as due 2020-07-31
    late = [(r[1], r[3], r[8]) for r in wb["逾期清单"].iter_rows(min_row=2, values_only=True)]
    # On 2020-09-30: the two units that never reported round one, and civil affairs on its own A4.1 step.
    assert late == [("开展隐患排查", "政法委", 92), ("开展隐患排查", "医保局", 92), ("加强落户安置", "民政局", 30)]
    assert wb["任务进度"]["G2"].fill.fgColor.rgb.endswith("C6EFCE")  # civil affairs' first round on time: green
    first = next(i for i, r in enumerate(rows, 2) if r[1] == "加强落户安置")
    assert ws[f"G{first}"].fill.fgColor.rgb.endswith("FFE699")  # done late: amber
    assert ws[f"G{first + 1}"].fill.fgColor.rgb.endswith("F4B6B6")  # overdue: red


def test_user_text_is_never_a_formula(cli, demo_path, tmp_path):
    for i, text in enumerate(INJECTIONS):
        r = cli(
            "--db",
            demo_path,
            "progress",
            "A3.2",
            "--percent",
            str(10 + i),
            f"--note={text}",
            "--date",
            f"2020-09-1{i}",
            "--unit",
            "urban_management",
        )
        assert r.status == 0, r.err
    assert (
        cli(
            "--db", demo_path, "progress", "A2.3", "--percent", "30", f"--note={INJECTIONS[3]}", "--date", "2020-09-29"
        ).status
        == 0
    )
    assert cli("--db", demo_path, "meeting", "--date", "2020-09-01", "--topics", "=1+1").status == 0
    wb, out = _report(cli, demo_path, tmp_path, "--period", "2020-Q3")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    a32 = next(r for r in wb["任务进度"].iter_rows(min_row=2, values_only=True) if r[1] == "完善救助网络")
    assert a32[10] == INJECTIONS[-1]
    a23 = next(r for r in wb["任务进度"].iter_rows(min_row=2, values_only=True) if r[1] == "联合社会力量寻亲")
    assert a23[10] == INJECTIONS[3]
    assert "=1+1" in wb["汇总表"]["C6"].value
    with zipfile.ZipFile(out) as z:
        assert not any(
            b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets")
        )
    # Each injection string, written alone in a cell, comes back identical and as a string.
    from openpyxl import Workbook

    from duban.reports.cells import put

    book = Workbook()
    for row, text in enumerate(INJECTIONS, 1):
        put(book.active, row, 1, text)
    book.save(tmp_path / "inj.xlsx")
    back = openpyxl.load_workbook(tmp_path / "inj.xlsx").active
    assert [(c.value, c.data_type) for (c,) in back.iter_rows()] == [(t, "s") for t in INJECTIONS]


def test_workbook_is_print_ready_and_has_a_chart(cli, demo_path, tmp_path):
    wb, out = _report(cli, demo_path, tmp_path, "--period", "2020-Q3")
    for name in SHEETS:
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9, name
        assert ws.print_title_rows and ws.freeze_panes, name
    assert wb["汇总表"].print_title_rows == "$4:$5"
    assert wb["汇总表"].column_dimensions["C"].width >= 17
    assert wb["_duban"].sheet_state == "veryHidden"
    with zipfile.ZipFile(out) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "barChart" in chart and "单位完成情况" in chart
    units = list(wb["单位完成情况"].iter_rows(min_row=2, values_only=True))
    assert len(units) == 13 + 3 and units[2][0] == "民政局"  # and the three placeholder townships


@pytest.mark.slow
def test_quarter_and_milestone_periods(cli, demo_path, tmp_path):
    wb, _ = _report(cli, demo_path, tmp_path, "--period", "2020-q3")
    assert wb["汇总表"]["A3"].value.endswith("2020-09-30")
    wb, _ = _report(cli, demo_path, tmp_path, "--period", "2020-12-20")
    assert wb["汇总表"]["A3"].value.endswith("2020-12-20")
    wb, _ = _report(cli, demo_path, tmp_path, "--as-of", "2020-10-01", "--unit-name", "嘉禾县")
    assert wb["汇总表"]["B6"].value == "嘉禾县"
    for bad in (
        ["--period", "2020-Q5"],
        ["--period", "R9"],
        ["--period", "2019-Q4"],
        ["--period", "R1", "--as-of", "2020-10-01"],
    ):
        r = cli("--db", demo_path, "report", *bad, "--out", tmp_path / "x.xlsx")
        assert r.status == 2 and "Traceback" not in r.err
    assert not (tmp_path / "x.xlsx").exists()


def test_schedule_lists_milestones_and_quarters(cli, demo_path):
    r = cli("--db", demo_path, "report", "--schedule", "--json")
    assert r.status == 0, r.err
    items = json.loads(r.out)
    assert [(i["due"], i["period"]) for i in items if i["period"].startswith("R")] == [
        ("2020-08-20", "R1"),
        ("2020-12-20", "R2"),
        ("2021-04-20", "R3"),
    ]
    assert ("2020-09-30", "2020-Q3") in [(i["due"], i["period"]) for i in items]
    assert cli("--db", demo_path, "report", "--schedule").out.count("duban report --period") == len(items)


@pytest.mark.parametrize("lang", ["en"])
def test_english_headers_leave_attachment_two_chinese(cli, demo_path, tmp_path, lang):
    wb, _ = _report(cli, demo_path, tmp_path, "--period", "R1", "--lang", lang)
    assert tuple(c.value for c in wb["汇总表"][4]) == SUMMARY_HEADERS
    assert wb["任务进度"]["B1"].value == "task"
    assert isinstance(wb["任务进度"]["F2"].value, dt.datetime)


def test_core_and_cli_never_import_openpyxl_for_plain_commands():
    import subprocess
    import sys

    code = (
        "import sys, duban.core.narrative, duban.core.meetings, duban.cli.main; duban.cli.main.build_parser(); "
        "print('openpyxl' in sys.modules, 'textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.slow
def test_rollup_of_three_county_reports_gives_three_numbered_rows(cli, demo_path, tmp_path):
    assert (
        cli(
            "--db",
            demo_path,
            "progress",
            "A3.2",
            "--percent",
            "20",
            "--note=@SUM(A1)",
            "--date",
            "2020-08-20",
            "--unit",
            "urban_management",
        ).status
        == 0
    )
    files = []
    for county in ("临武县", "嘉禾县", "宜章县"):
        _report(cli, demo_path, tmp_path, "--period", "R1", "--unit-name", county, name=f"{county}.xlsx")
        files.append(tmp_path / f"{county}.xlsx")
    out = tmp_path / "city.xlsx"
    r = cli(
        "rollup",
        *files,
        "--unit-name",
        "郴州市民政局",
        "--mechanism",
        "已成立市政府分管副市长牵头的领导协调机制",
        "--out",
        out,
    )
    assert r.status == 0, r.err
    ws = openpyxl.load_workbook(out)["汇总表"]
    headers = tuple(c.value for c in ws[4])
    assert ws["A2"].value == SUMMARY_TITLE and headers == (*SUMMARY_HEADERS[:2], "县（市、区）", *SUMMARY_HEADERS[2:])
    assert ws["A3"].value.startswith("填表单位：郴州市民政局") and ws["A3"].value.endswith("2020-08-20")
    assert [tuple(ws.cell(r, c).value for c in (1, 2, 3)) for r in (6, 7, 8, 9, 10)] == [
        (1, "郴州市", "临武县"),
        (2, "郴州市", "嘉禾县"),
        (3, "郴州市", "宜章县"),
        (None, "郴州市", "本级"),
        ("合计", None, None),
    ]
    assert ws["D9"].value == "已成立市政府分管副市长牵头的领导协调机制"
    source = openpyxl.load_workbook(files[1])["汇总表"]
    assert [ws.cell(7, c).value for c in range(4, 11)] == [source.cell(6, c).value for c in range(3, 10)]
    assert "@SUM(A1)" in ws["G6"].value
    # The totals add up the counts each county's column opens with (A1.1 is overdue in each: two units never reported round one).
    assert ws["E10"].value == "（3个单位）任务12项，完成3项（按时3项），进行中6项，未开始0项，逾期3项"
    assert ws["A11"].value == SUMMARY_FOOTNOTE
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    # The city's table rolls up again, for the province: each county beside its city, and the city's own row.
    province = tmp_path / "province.xlsx"
    r = cli("rollup", out, "--unit-name", "湖南省民政厅", "--out", province)
    assert r.status == 0, r.err
    ws = openpyxl.load_workbook(province)["汇总表"]
    assert [tuple(ws.cell(r, c).value for c in (2, 3)) for r in range(6, 11)] == [
        ("郴州市", "临武县"),
        ("郴州市", "嘉禾县"),
        ("郴州市", "宜章县"),
        ("郴州市", "本级"),
        ("湖南省", "本级"),
    ]
    assert (
        ws["A11"].value == "合计"
        and ws["E11"].value == "（3个单位）任务12项，完成3项（按时3项），进行中6项，未开始0项，逾期3项"
    )


def test_rollup_refuses_mixed_periods_and_blank_names(cli, demo_path, tmp_path):
    r1, q3 = tmp_path / "r1.xlsx", tmp_path / "q3.xlsx"
    _report(cli, demo_path, tmp_path, "--period", "R1", name="r1.xlsx")
    _report(cli, demo_path, tmp_path, "--period", "2020-Q3", "--unit-name", "嘉禾县", name="q3.xlsx")
    r = cli("rollup", r1, q3, "--unit-name", "郴州市民政局", "--out", tmp_path / "city.xlsx")
    assert r.status == 1 and "r1.xlsx（R1）" in r.err and "q3.xlsx（2020-Q3）" in r.err, r.err
    assert not (tmp_path / "city.xlsx").exists()
    r = cli("rollup", r1, "--unit-name", "  ", "--out", tmp_path / "city.xlsx")
    assert r.status == 2 and "--unit-name" in r.err
    blank = tmp_path / "blank.xlsx"
    wb = openpyxl.load_workbook(r1)
    wb["汇总表"]["B6"] = "  "
    wb.save(blank)
    r = cli("rollup", blank, "--unit-name", "郴州市民政局", "--out", tmp_path / "city.xlsx")
    assert r.status == 1 and "blank.xlsx" in r.err and "名称" in r.err and len(r.err.strip().splitlines()) == 1


def test_rollup_names_a_file_that_is_not_a_duban_report(cli, demo_path, tmp_path):
    good = tmp_path / "good.xlsx"
    _report(cli, demo_path, tmp_path, "--period", "R1", name="good.xlsx")
    template = tmp_path / "tpl.xlsx"
    assert cli("--db", demo_path, "template", "health", "--out", template).status == 0
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    for bad in (template, plain):
        r = cli("rollup", good, bad, "--unit-name", "郴州市", "--out", tmp_path / "city.xlsx")
        assert r.status == 1 and bad.name in r.err and "不是 duban" in r.err
        assert len(r.err.strip().splitlines()) == 1
    r = cli("rollup", good, good, "--unit-name", "郴州市", "--out", tmp_path / "city.xlsx")
    assert r.status == 1 and "临武县" in r.err
    assert not (tmp_path / "city.xlsx").exists()


@pytest.mark.parametrize(("below", "expect_missed"), [(0.0, False), (1.0, True)])
def test_stage_summary_names_duties_below_the_plans_supervision_threshold(demo_ws, below, expect_missed):
    """The shortfall the summary names is the committee's own: [settings.flags] duty_supervision_below."""
    from duban.core.narrative import build_report, stage_summary

    with demo_ws.db.reading() as snap:
        data = build_report(snap, demo_ws.registry, dt.date(2020, 10, 15))
    data.record.plan.settings.setdefault("flags", {})["duty_supervision_below"] = below
    missed = [s for s in stage_summary(data) if "缺" in s.shortcomings and "期" in s.shortcomings]
    assert bool(missed) == expect_missed
