"""Long actions from the dashboard: calendars, report, template, and an import previewed before applying."""

from __future__ import annotations

from textual.widgets import Input, Label

from tests.helpers import driving, folder_digest, press, settle, slow_pilot


async def run_action(pilot, key: str, answer: str) -> None:
    """Press the action's key, replace the proposed answer with `answer`, accept, wait for the worker."""
    await press(pilot, key)
    await run_action_answer(pilot, answer)
    assert not any(screen.loading for screen in pilot.app.screen_stack)  # the busy indicator is gone again


async def run_action_answer(pilot, answer: str) -> None:
    """Replace the proposed answer of the open question with `answer`, accept, wait for the worker."""
    pilot.app.screen.query_one(Input).value = answer
    await pilot.press("enter")
    await settle(pilot)


def notices(app) -> str:
    return " | ".join(app.said)


@slow_pilot
async def test_export_calendars(make, tmp_path, demo_db):
    app = make()
    async with driving(app) as pilot:
        await run_action(pilot, "e", str(tmp_path / "feeds"))
        said = notices(app)
    names = {p.name for p in (tmp_path / "feeds").iterdir()}
    assert {"civil_affairs.ics", "all.ics"} <= names
    assert "完成：导出日历" in said and "个日历文件" in said


@slow_pilot
async def test_write_a_report_and_a_template(make, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make()
    async with driving(app) as pilot:
        await run_action(pilot, "r", "R2")
        await run_action(pilot, "w", "民政局")  # the unit as the screens name it
        await run_action(pilot, "w", "nobody")
        said = notices(app)
    assert (tmp_path / "report-R2.xlsx").exists() and (tmp_path / "template-civil_affairs.xlsx").exists()
    assert "完成：生成报告" in said and "完成：单位模板" in said
    assert "失败：没有代码或名称为 'nobody' 的单位" in said and not (tmp_path / "template-nobody.xlsx").exists()


@slow_pilot
async def test_import_shows_problems_and_writes_nothing(make, tmp_path, monkeypatch, demo_path):
    import openpyxl

    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    app = make()
    async with driving(app) as pilot:
        await run_action(pilot, "w", "civil_affairs")
        digest = folder_digest(demo_path)
        path = tmp_path / "template-civil_affairs.xlsx"
        wb = openpyxl.load_workbook(path)
        wb["任务进度"]["G3"] = 150
        wb.save(path)
        await run_action(pilot, "i", str(path))
        assert type(app.screen).__name__ == "ConfirmDialog"
        text = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "未导入" in text and "任务进度!G3" in text and "150" in text
        await press(pilot, "enter")  # nothing to apply: Enter does not import
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("escape")
        await run_action(pilot, "i", str(bad))
        assert "失败：拒绝读取 bad.xlsx" in notices(app)
    assert folder_digest(demo_path) == digest


@slow_pilot
async def test_import_a_template_after_seeing_its_changes(make, tmp_path, monkeypatch, demo_db):
    import datetime as dt

    import openpyxl

    monkeypatch.chdir(tmp_path)
    app = make()
    async with driving(app) as pilot:
        await run_action(pilot, "w", "civil_affairs")
        path = tmp_path / "template-civil_affairs.xlsx"
        wb = openpyxl.load_workbook(path)
        tasks = wb["任务进度"]
        row = next(r for r in range(2, tasks.max_row + 1) if tasks.cell(r, 2).value == "A1.2")
        tasks.cell(row, 7, 70)
        tasks.cell(row, 8, "购买服务第二批人员到岗")
        tasks.cell(row, 10, dt.date(2020, 10, 10))
        wb.save(path)
        await run_action(pilot, "i", str(path))
        assert type(app.screen).__name__ == "ConfirmDialog"
        text = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "60% → 70%" in text
        with demo_db.reading() as snap:
            assert max(snap.all("progress"), key=lambda r: r["id"])["percent"] != 70  # previewed, not applied
        await pilot.press("enter")
        await settle(pilot)
    with demo_db.reading() as snap:
        latest = max(snap.all("progress"), key=lambda r: r["id"])
    assert (latest["task"], latest["percent"]) == ("A1.2", 70)


@slow_pilot
async def test_an_export_for_another_day_asks_first_and_names_the_day(make, tmp_path):
    app = make()
    async with driving(app) as pilot:
        await pilot.press("left_square_bracket")  # look at 2020-10-14, not the demo's own day
        await settle(pilot)
        await press(pilot, "e")
        asked = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "2020-10-14" in asked and "2020-10-15" in asked
        await press(pilot, "escape")  # not that day after all: nothing is written
        assert type(app.screen).__name__ == "OverviewScreen" and not (tmp_path / "feeds").exists()
        await press(pilot, "e")
        await press(pilot, "enter")  # go on for the day shown
        assert "2020-10-14" in str(app.screen.query_one(Label).render())
        await run_action_answer(pilot, str(tmp_path / "feeds"))
    assert (tmp_path / "feeds" / "all.ics").exists()
