"""An import records what the clerk meant: percents and dates as typed, and rows checked against the
state the template was issued with (conflicts), never a deadline the row does not name."""

import datetime as dt
import json

import pytest

from tests.helpers import convert, fill, folder_digest, needs_libreoffice, row_of

UNIT = "civil_affairs"
DAY = dt.date(2020, 10, 14)


@pytest.fixture
def template(cli, demo_path, tmp_path):
    out = tmp_path / "ca.xlsx"
    assert cli("--db", demo_path, "template", UNIT, "--out", out).status == 0
    return out


def metric_row(path, metric_id) -> int:
    import openpyxl

    ws = openpyxl.load_workbook(path)["指标"]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == metric_id)


def imported_metric(cli, demo_path) -> float:
    shown = json.loads(cli("--db", demo_path, "--json", "unit", UNIT).out)
    return next(m["value"] for m in shown["metrics"] if m["id"] == "hazards_rectified_pct")


@pytest.mark.parametrize("typed", ["90%", "90", "９０％", 90, " 90 % "])
def test_a_percent_typed_with_or_without_its_sign_imports_as_that_percent(cli, demo_path, template, tmp_path, typed):
    row = metric_row(template, "hazards_rectified_pct")
    filled = fill(template, tmp_path / "f.xlsx", {f"指标!F{row}": typed, f"指标!G{row}": DAY})
    r = cli("--db", demo_path, "import", filled)
    assert r.status == 0 and "75% → 90%" in r.out, r.out + r.err
    assert imported_metric(cli, demo_path) == 90


def _typed_as_percent(template, out, cells: dict):
    """What a spreadsheet stores when the clerk types '90%': the fraction 0.9, shown with a percent format."""
    import openpyxl

    wb = openpyxl.load_workbook(template)
    for ref, value in cells.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value
        if isinstance(value, float):
            wb[sheet][cell].number_format = "0%"
    wb.save(out)
    return out


def test_a_percent_stored_as_a_formatted_fraction_imports_as_that_percent(cli, demo_path, template, tmp_path):
    row = metric_row(template, "hazards_rectified_pct")
    filled = _typed_as_percent(template, tmp_path / "f.xlsx", {f"指标!F{row}": 0.9, f"指标!G{row}": DAY})
    r = cli("--db", demo_path, "import", filled)
    assert r.status == 0 and "75% → 90%" in r.out, r.out + r.err


@pytest.mark.slow
@needs_libreoffice
def test_a_template_saved_by_libreoffice_with_90_percent_imports_as_90(cli, demo_path, template, tmp_path):
    row = metric_row(template, "hazards_rectified_pct")
    progress = row_of(template, "A1.2")
    typed = _typed_as_percent(
        template,
        tmp_path / "filled.xlsx",
        {f"指标!F{row}": 0.9, f"指标!G{row}": "2020/10/14", f"任务进度!G{progress}": 0.7, f"任务进度!J{progress}": DAY},
    )
    saved = convert(typed, "xlsx", tmp_path / "lo")
    r = cli("--db", demo_path, "import", saved)
    assert r.status == 0, r.err
    assert "75% → 90%" in r.out and "60% → 70%" in r.out, r.out
    assert imported_metric(cli, demo_path) == 90


def test_a_bare_fraction_in_a_percent_metric_is_refused_with_the_reason(cli, demo_path, template, tmp_path):
    row = metric_row(template, "hazards_rectified_pct")
    filled = fill(template, tmp_path / "f.xlsx", {f"指标!F{row}": 0.9, f"指标!G{row}": DAY})
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", filled)
    assert r.status == 1 and f"指标!F{row}: " in r.err and "小数" in r.err and "90%" in r.err, r.err
    assert folder_digest(demo_path) == before


@pytest.mark.parametrize(
    "written,day",
    [
        ("2020/10/10", "2020-10-10"),
        ("2020年10月10日", "2020-10-10"),
        ("2020-10-1", "2020-10-01"),
        ("2020.10.10", "2020-10-10"),
        ("２０２０－１０－１０", "2020-10-10"),
    ],
)
def test_dates_as_clerks_write_them_are_read(cli, demo_path, template, tmp_path, written, day):
    row = row_of(template, "A1.2")
    filled = fill(template, tmp_path / "f.xlsx", {f"任务进度!G{row}": 70, f"任务进度!J{row}": written})
    r = cli("--db", demo_path, "import", filled)
    assert r.status == 0 and f"（{day}）" in r.out, r.out + r.err


@pytest.mark.parametrize("written", ["2020/13/10", "2020年10/10", "10/10/2020", "2020-02-30"])
def test_dates_that_are_not_dates_are_refused_at_their_cell(cli, demo_path, template, tmp_path, written):
    row = row_of(template, "A1.2")
    filled = fill(template, tmp_path / "f.xlsx", {f"任务进度!G{row}": 70, f"任务进度!J{row}": written})
    r = cli("--db", demo_path, "import", filled)
    assert r.status == 1 and f"任务进度!J{row}: " in r.err and written in r.err, r.err


def test_a_bad_percent_is_one_line_for_its_cell(cli, demo_path, template, tmp_path):
    row = row_of(template, "A1.2")
    filled = fill(template, tmp_path / "f.xlsx", {f"任务进度!G{row}": "七十", f"任务进度!J{row}": DAY})
    r = cli("--db", demo_path, "import", filled)
    problems = [line for line in r.err.splitlines() if line.startswith("任务进度!")]
    assert (
        r.status == 1 and len(problems) == 1 and problems[0].startswith(f"任务进度!G{row}: 进度百分比 '七十' 无效")
    ), r.err


def test_a_stale_template_cannot_complete_a_deadline_it_does_not_name(cli, demo_path, template, tmp_path):
    # The secretariat records A4.1's plan step done by phone after the template went out …
    assert (
        cli("--db", demo_path, "progress", "A4.1", "--unit", "civil_affairs", "--done", "--date", "2020-10-12").status
        == 0
    )
    row = row_of(template, "A4.1")
    # … and the unit returns its earlier template with 完成该节点=是 on that row.
    stale = fill(template, tmp_path / "stale.xlsx", {f"任务进度!I{row}": "是", f"任务进度!J{row}": DAY})
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", stale)
    assert r.status == 1, r.out
    conflict = next(line for line in r.err.splitlines() if line.startswith(f"任务进度!I{row}: "))
    assert "加强落户安置" in conflict and "安置方案报县政府" in conflict and "2020-10-12" in conflict
    assert "--accept-conflicts" in r.err and folder_digest(demo_path) == before
    r = cli("--db", demo_path, "import", stale, "--accept-conflicts")
    assert r.status == 0, r.err
    shown = json.loads(cli("--db", demo_path, "show", "A4.1", "--json").out)
    part = next(p for p in shown["parts"] if p["unit"] == "civil_affairs")
    assert part["percent"] == 100 and part["deadlines"][0]["done_on"] == "2020-10-12"  # its only step, by phone
    # The row completed civil affairs' own step, the one it names; the police's step stays open.
    assert [d["done_on"] for d in shown["deadlines"]][1:] == ["2020-10-12", None]


def test_a_stale_percent_is_a_conflict_with_all_three_values(cli, demo_path, template, tmp_path):
    row = row_of(template, "A1.2")
    assert cli("--db", demo_path, "progress", "A1.2", "--percent", "80", "--date", "2020-10-12").status == 0
    stale = fill(template, tmp_path / "stale.xlsx", {f"任务进度!G{row}": 10, f"任务进度!J{row}": DAY})
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", stale)
    assert r.status == 1 and folder_digest(demo_path) == before
    assert f"任务进度!G{row}: 强化站内照料：模板下发时进度 60%，现记录为 80%；本表填报 10%" in r.err, r.err
    dry = json.loads(cli("--db", demo_path, "import", stale, "--dry-run", "--json").out)
    assert dry["conflicts"] and dry["changes"]
    assert cli("--db", demo_path, "import", stale, "--accept-conflicts").status == 0
    assert json.loads(cli("--db", demo_path, "show", "A1.2", "--json").out)["percent"] == 10
