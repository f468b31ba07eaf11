"""Fill-in templates and their import: round trip, every kind of bad cell, idempotence, hostile files."""

import datetime as dt
import json
import re
import tracemalloc
import zipfile

import openpyxl
import pytest

from duban.core.store import Database
from duban.core.workspace import Workspace
from duban.reports import safe_read
from tests.helpers import fill, folder_digest

UNIT = "civil_affairs"


@pytest.fixture
def template(cli, demo_path, tmp_path):
    """A fresh civil-affairs template issued from the demo database."""
    out = tmp_path / "ca.xlsx"
    r = cli("--db", demo_path, "template", UNIT, "--out", out)
    assert r.status == 0, r.err
    return out


GOOD = {
    "任务进度!G3": 70,
    "任务进度!H3": "购买服务第二批人员到岗",
    "任务进度!J3": dt.date(2020, 10, 10),
    "常态职责!B2": "A1.3-foster",
    "常态职责!C2": dt.date(2020, 10, 13),
}


def test_template_is_protected_validated_and_registered(cli, demo_path, template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["说明", "任务进度", "职责清单", "指标", "常态职责", "_lists", "_duban"]
    checks = wb["职责清单"]
    assert checks.protection.sheet and not checks["E2"].protection.locked and checks["B2"].protection.locked
    assert {dv.type for dv in checks.data_validations.dataValidation} == {"list", "textLength", "date"}
    metrics = [r[1] for r in wb["指标"].iter_rows(min_row=2, values_only=True)]
    assert "hazards_rectified_pct" in metrics
    assert wb["_lists"].sheet_state == "hidden" and wb["_duban"].sheet_state == "veryHidden"
    assert wb.security.lockStructure
    tasks = wb["任务进度"]
    assert tasks.protection.sheet and wb["常态职责"].protection.sheet
    ids = [tasks.cell(r, 2).value for r in range(2, tasks.max_row + 1)]
    # Civil affairs' own parts: A3.1 names it ("公安、城管、民政等部门"); in A4.1 its step is the plan.
    assert ids == ["A1.1", "A1.2", "A1.3", "A1.4", "A2.3", "A3.1", "A4.1", "A4.2", "A5.1", "A5.2", "A6.1"]
    assert tasks["B3"].protection.locked and not tasks["G3"].protection.locked and not tasks["J3"].protection.locked
    kinds = {(dv.type, str(dv.sqref)) for dv in tasks.data_validations.dataValidation}
    assert ("decimal", "G2:G12") in kinds and ("date", "J2:J12") in kinds and ("list", "I2:I12") in kinds
    lists = [dv for dv in tasks.data_validations.dataValidation if dv.type == "list"]
    assert lists[0].formula1 == "'_lists'!$A$1:$A$2"
    identity = {r[0]: r[1] for r in wb["_duban"].iter_rows(values_only=True)}
    assert identity["unit"] == UNIT and identity["plan"] == "linwu-2020-rescue" and len(identity["template"]) == 16
    entry = json.loads(cli("--db", demo_path, "audit", "--json", "--limit", "1").out)[0]
    assert entry["what"] == "template" and entry["after"]["template"] == identity["template"]


def test_template_for_unknown_unit_is_refused(cli, demo_path, tmp_path):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "template", "nobody", "--out", tmp_path / "x.xlsx")
    assert r.status == 1 and "nobody" in r.err and not (tmp_path / "x.xlsx").exists()
    assert folder_digest(demo_path) == before


def test_clean_template_round_trips_and_reimport_changes_nothing(cli, demo_path, template, tmp_path):
    filled = fill(
        template, tmp_path / "filled.xlsx", {**GOOD, "任务进度!I8": "是", "任务进度!J8": dt.date(2020, 10, 12)}
    )
    r = cli("--db", demo_path, "import", filled, "--by", "张三")
    assert r.status == 0, r.err
    assert "任务进度!G3" in r.out and "60% → 70%" in r.out and "常态职责!C2" in r.out and "任务进度!G8" in r.out
    assert "已导入 civil_affairs 的 3 项变更" in r.out
    shown = json.loads(cli("--db", demo_path, "show", "A1.2", "--json", "--as-of", "2020-10-15").out)
    assert shown["percent"] == 70 and shown["reports"][-1]["note"] == "购买服务第二批人员到岗"
    a41 = json.loads(cli("--db", demo_path, "show", "A4.1", "--json", "--as-of", "2020-10-15").out)
    mine = next(p for p in a41["parts"] if p["unit"] == UNIT)
    assert mine["state"] == "done_late" and mine["percent"] == 100  # its own step, done late
    assert a41["state"] == "in_progress"  # the police have yet to start registration
    audit = json.loads(cli("--db", demo_path, "audit", "--json", "--limit", "4").out)
    # The person who ran the import answers for it; the unit whose template it was is recorded beside.
    assert {e["who"] for e in audit} == {"张三"} and audit[0]["what"] == "import"
    assert audit[0]["after"]["unit"] == UNIT
    assert any(p.name.endswith("-import") for p in (demo_path / "backups").iterdir())
    before = folder_digest(demo_path)
    again = cli("--db", demo_path, "import", filled)
    assert again.status == 0 and "0 项变更" in again.out
    assert folder_digest(demo_path) == before


def test_a_step_marked_done_before_its_window_opens_is_refused(cli, demo_path, template, tmp_path):
    # Civil affairs did its part of the first round; the second opens on 2020-12-21.
    filled = fill(template, tmp_path / "early.xlsx", {"任务进度!I2": "是", "任务进度!J2": dt.date(2020, 10, 12)})
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", filled)
    assert r.status == 1 and "任务进度!I2" in r.err and "2020-12-21" in r.err
    assert folder_digest(demo_path) == before


def test_untouched_template_changes_nothing(cli, demo_path, template):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", template)
    assert r.status == 0 and re.search(r"的 0 项变更（\d+ 行无变化）", r.out), r.out
    assert folder_digest(demo_path) == before


def test_dry_run_writes_nothing_and_shows_what_would_change(cli, demo_path, template, tmp_path):
    filled = fill(template, tmp_path / "filled.xlsx", GOOD)
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", filled, "--dry-run")
    assert r.status == 0 and "任务进度!G3" in r.out and "演练" in r.out
    assert folder_digest(demo_path) == before
    data = json.loads(cli("--db", demo_path, "import", filled, "--dry-run", "--json").out)
    assert [c["place"] for c in data["changes"]] == ["任务进度!G3", "常态职责!C2"]


BAD_CELLS = [
    ({"任务进度!G3": 150, "任务进度!J3": dt.date(2020, 10, 1)}, "任务进度!G3"),
    ({"任务进度!G3": "七十", "任务进度!J3": dt.date(2020, 10, 1)}, "任务进度!G3"),
    ({"任务进度!G3": 70.5, "任务进度!J3": dt.date(2020, 10, 1)}, "任务进度!G3"),
    ({"任务进度!G3": 70, "任务进度!J3": "2020-13-01"}, "任务进度!J3"),
    ({"任务进度!G3": 70, "任务进度!J3": 12345}, "任务进度!J3"),
    ({"任务进度!G3": 70, "任务进度!J3": dt.date(2019, 12, 1)}, "任务进度!J3"),
    ({"任务进度!G3": 70}, "任务进度!J3"),
    ({"任务进度!I3": "也许", "任务进度!J3": dt.date(2020, 10, 1)}, "任务进度!I3"),
    ({"任务进度!H3": '=HYPERLINK("http://x","y")', "任务进度!J3": dt.date(2020, 10, 1)}, "任务进度!H3"),
    ({"任务进度!G3": "=50+20", "任务进度!J3": dt.date(2020, 10, 1)}, "任务进度!G3"),
    ({"任务进度!B3": "Z9.9", "任务进度!G3": 70}, "任务进度!B3"),
    ({"任务进度!B3": "A2.1", "任务进度!G3": 70, "任务进度!J3": dt.date(2020, 10, 1)}, "任务进度!B3"),
    ({"任务进度!A3": "public_security", "任务进度!G3": 70}, "任务进度!A3"),
    ({"任务进度!B3": "A1.1"}, "任务进度!B3"),
    ({"任务进度!A1": "单位"}, "任务进度!A1"),
    ({"_duban!B3": "public_security"}, "_duban!B3"),
    ({"_duban!B4": "0000000000000000"}, "_duban!B4"),
    ({"常态职责!B2": "A3.2-street", "常态职责!C2": dt.date(2020, 10, 1)}, "常态职责!B2"),
    ({"常态职责!B2": "A1.3-foster"}, "常态职责!C2"),
    ({"常态职责!B2": "A1.3-foster", "常态职责!C2": dt.date(2021, 7, 5)}, "常态职责!C2"),
]


@pytest.mark.parametrize("edits,place", BAD_CELLS, ids=[p + "-" + str(i) for i, (_, p) in enumerate(BAD_CELLS)])
def test_each_bad_cell_is_reported_at_its_place_and_nothing_changes(cli, demo_path, template, tmp_path, edits, place):
    # A good change rides along: all or nothing means it must not be written either.
    filled = fill(template, tmp_path / "bad.xlsx", {"任务进度!G4": 60, "任务进度!J4": dt.date(2020, 10, 2), **edits})
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", filled)
    assert r.status == 1, r.out
    assert re.search(rf"^{re.escape(place)}: ", r.err, re.M), r.err
    assert "Traceback" not in r.err and "导入被拒绝" in r.err
    assert folder_digest(demo_path) == before
    r = cli("--db", demo_path, "import", filled, "--json")
    assert r.status == 1 and any(p.startswith(f"{place}: ") for p in json.loads(r.out)["problems"])


def test_another_units_template_rows_are_refused(cli, demo_path, template, tmp_path):
    other = tmp_path / "ps.xlsx"
    assert cli("--db", demo_path, "template", "public_security", "--out", other).status == 0
    ps_rows = list(openpyxl.load_workbook(other)["任务进度"].iter_rows(min_row=2, values_only=True))
    wb = openpyxl.load_workbook(template)
    ws = wb["任务进度"]
    for i, values in enumerate(ps_rows[:2]):
        for col, value in enumerate(values, 1):
            ws.cell(12 + i, col, value)
    ws["G12"], ws["J12"] = 90, dt.date(2020, 10, 1)
    wb.save(tmp_path / "mixed.xlsx")
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", tmp_path / "mixed.xlsx")
    assert r.status == 1 and "任务进度!A12: " in r.err and "public_security" in r.err
    assert folder_digest(demo_path) == before


def _rewrite(src, dst, replace: dict):
    """Copy an xlsx, replacing whole members (name → bytes) or transforming them (name → callable)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            change = replace.get(info.filename)
            zout.writestr(info.filename, change(data) if callable(change) else data if change is None else change)
    return dst


DTD = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b"]>"
)


def laughs(data: bytes) -> bytes:
    """A worksheet carrying the billion-laughs entity bomb, expanded in its first text cell."""
    data = data.replace(b"?>", b"?>" + DTD, 1) if data.startswith(b"<?xml") else DTD + data
    return data.replace(b"<t>", b"<t>&lol9;", 1)


def test_billion_laughs_is_refused_quickly(cli, demo_path, template, tmp_path):
    bomb = _rewrite(template, tmp_path / "laughs.xlsx", {"xl/worksheets/sheet2.xml": laughs})
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", bomb)
    assert r.status == 1 and "laughs.xlsx" in r.err and "DTD" in r.err
    assert folder_digest(demo_path) == before


@pytest.mark.slow
def test_zip_bomb_is_refused_with_bounded_memory(demo_path, template, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        with zout.open("xl/worksheets/sheet9.xml", "w") as fh:
            block = b" " * (1 << 20)
            for _ in range(200):  # 200 MB of spaces, about 200 KB compressed
                fh.write(block)
    assert bomb.stat().st_size < 2_000_000
    from duban.reports.importer import import_file

    ws = Workspace(Database(demo_path), load_entrypoints=False)
    before = folder_digest(demo_path)
    tracemalloc.start()
    with pytest.raises(Exception) as exc:
        import_file(ws, bomb, "test")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "压缩炸弹" in str(exc.value) and "bomb.xlsx" in str(exc.value)
    assert peak < 20 * 1024 * 1024
    assert folder_digest(demo_path) == before


def test_forged_dimensions_are_ignored(cli, demo_path, template, tmp_path):
    filled = fill(template, tmp_path / "filled.xlsx", GOOD)
    forged = _rewrite(
        filled,
        tmp_path / "forged.xlsx",
        {
            name: (lambda data: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data))
            for name in zipfile.ZipFile(filled).namelist()
            if name.startswith("xl/worksheets/sheet")
        },
    )
    assert b"XFD1048576" in zipfile.ZipFile(forged).read("xl/worksheets/sheet2.xml")
    r = cli("--db", demo_path, "import", forged, "--dry-run", "--json")
    assert r.status == 0, r.err
    assert [c["place"] for c in json.loads(r.out)["changes"]] == ["任务进度!G3", "常态职责!C2"]


def test_too_many_rows_and_non_workbooks_are_refused(cli, demo_path, template, tmp_path, monkeypatch):
    monkeypatch.setattr(safe_read, "LIMITS", safe_read.Limits(rows=50))
    r = cli("--db", demo_path, "import", template)
    assert r.status == 1 and "50" in r.err and "常态职责" in r.err
    monkeypatch.undo()
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    r = cli("--db", demo_path, "import", text)
    assert r.status == 1 and "notes.xlsx" in r.err and len(r.err.strip().splitlines()) == 1
    r = cli("--db", demo_path, "import", tmp_path / "missing.xlsx")
    assert r.status == 1 and "missing.xlsx" in r.err


def test_defusedxml_is_installed_and_used():
    import defusedxml  # noqa: F401  (a runtime dependency)
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_hostile_checks_run_before_openpyxl_parses(monkeypatch, template, tmp_path):
    bomb = _rewrite(template, tmp_path / "laughs.xlsx", {"xl/worksheets/sheet2.xml": laughs})
    import openpyxl as module

    monkeypatch.setattr(module, "load_workbook", lambda *a, **k: pytest.fail("openpyxl parsed a refused file"))
    with pytest.raises(Exception, match="DTD"):
        safe_read.open_workbook(bomb)


def test_a_zip_that_lies_about_its_sizes_is_refused(cli, demo_path, tmp_path):
    import io
    import struct

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet1.xml", "w") as fh:
        for _ in range(64):
            fh.write(b" " * (1 << 20))
    data = bytearray(buf.getvalue())
    # Claim 1,000 bytes uncompressed in both the local header and the central directory.
    struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, 1000)
    struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 1000)
    liar = tmp_path / "liar.xlsx"
    liar.write_bytes(bytes(data))
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "import", liar)
    assert r.status == 1 and "liar.xlsx" in r.err and "Traceback" not in r.err
    assert folder_digest(demo_path) == before


def test_a_note_alone_keeps_progress_reported_since_the_template_was_issued(cli, demo_path, template, tmp_path):
    assert cli("--db", demo_path, "progress", "A1.2", "--percent", "80", "--date", "2020-10-12").status == 0
    filled = fill(
        template, tmp_path / "note.xlsx", {"任务进度!H3": "第三批人员接回", "任务进度!J3": dt.date(2020, 10, 14)}
    )
    r = cli("--db", demo_path, "import", filled)
    assert r.status == 0 and "80% → 80%" in r.out, r.out + r.err
    shown = json.loads(cli("--db", demo_path, "show", "A1.2", "--json", "--as-of", "2020-10-15").out)
    assert shown["percent"] == 80 and shown["reports"][-1]["note"] == "第三批人员接回"
    before = folder_digest(demo_path)
    assert "0 项变更" in cli("--db", demo_path, "import", filled).out
    assert folder_digest(demo_path) == before
