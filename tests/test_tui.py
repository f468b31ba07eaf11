"""The dashboard driven like a user: navigate, record, follow the database, change the date and language."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Static, TabbedContent

from duban.core.progress import record_progress
from duban.core.store import Database
from duban.core.workspace import Workspace
from duban.tui.app import make_app
from duban.tui.messages import OpenTask
from duban.tui.screens.overview import OverviewScreen
from duban.tui.screens.task import TaskScreen
from duban.tui.screens.unit import UnitScreen
from tests.helpers import (
    driving,
    open_row,
    press,
    row_keys,
    rows,
    run_duban,
    settle,
    show,
    slow_pilot,
    switch_tab,
    sync,
    unchanged,
)


def audit(db: Database) -> list[dict]:
    with db.reading() as snap:
        return sorted(snap.all("audit"), key=lambda e: e["id"])


@slow_pilot
async def test_overview_shows_the_campaign_on_the_demo_date(make):
    app = make()
    async with driving(app):
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        head = screen.query_one("#headline", Static).render().plain
        assert "临民字[2020] 58号" in head and "2020-10-15" in head and "2020-12-20" in head and "66" in head
        units = rows(screen.query_one("#units", DataTable))
        assert [r[0] for r in units][:3] == ["政法委", "公安局", "民政局"]
        assert len(units) == 13 + 3  # the placeholder townships, after the county departments
        assert [r[0] for r in units][-3:] == ["乡镇一", "乡镇二", "乡镇三"]
        overdue = rows(screen.query_one("#overdue", DataTable))
        # One row per unit late on its own part, longest first; A4.1 is civil affairs' own step.
        assert [(r[0][:4], r[3]) for r in overdue] == [("A1.1", "医保局"), ("A1.1", "政法委"), ("A4.1", "民政局")]
        assert overdue[-1][-1] == "逾期 45天"


@slow_pilot
async def test_navigate_to_a_task_and_record_a_report(make, demo_db):
    app = make()
    before = audit(demo_db)
    async with driving(app) as pilot:
        a1_before = app.screen.query_one("#action-A1 ProgressBar", ProgressBar).progress
        await open_row(pilot, app.screen.query_one("#units", DataTable), "civil_affairs")
        assert isinstance(app.screen, UnitScreen) and app.screen.code == "civil_affairs"
        await open_row(pilot, app.screen.query_one("#unit-tasks", DataTable), "A1.2")
        assert isinstance(app.screen, TaskScreen) and app.screen.task_id == "A1.2"
        await pilot.click("#form-percent")
        await pilot.press(*"75")
        app.screen.query_one("#form-note", Input).focus()
        await pilot.press(*"第三批接回 (wire)")
        assert not app.screen.query_one("#form-submit", Button).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        history = rows(app.screen.query_one("#task-history", DataTable))
        assert history[-1][:3] == ["2020-10-15", "民政局", "75%"]
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, OverviewScreen)
        # A1 has four tasks: A1.2 going from 60% to 75% lifts the action's average by 3.75 points.
        assert app.screen.query_one("#action-A1 ProgressBar", ProgressBar).progress == pytest.approx(a1_before + 3.75)
    with demo_db.reading() as snap:
        report = max(snap.all("progress"), key=lambda r: r["id"])
    assert (report["task"], report["percent"], report["note"], report["date"]) == (
        "A1.2",
        75,
        "第三批接回 (wire)",
        "2020-10-15",
    )
    new = audit(demo_db)[len(before) :]
    assert [(e["what"], e["target"], e["who"]) for e in new] == [("progress", "A1.2", "秘书组")]
    assert new[0]["before"]["percent"] == 60 and new[0]["after"]["percent"] == 75


@slow_pilot
async def test_the_form_explains_bad_input_as_it_is_typed(make, demo_path):
    with unchanged(demo_path):
        async with driving(make()) as pilot:
            await show(pilot, OpenTask("A6.2"))
            screen = pilot.app.screen
            problem = screen.query_one("#form-problem", Label)
            assert "填写进度百分比" in problem.render().plain
            await pilot.click("#form-percent")
            await pilot.press(*"150")
            assert "'150'" in problem.render().plain and "0 到 100" in problem.render().plain
            assert problem.has_class("error") and screen.query_one("#form-submit", Button).disabled
            await pilot.press("backspace", "backspace", "backspace", *"30")
            await pilot.click("#form-done")
            await pilot.pause()
            # A6.2 has one open deadline left: marking it done needs 100 percent.
            assert "100" in problem.render().plain and problem.has_class("error")
            await pilot.press("ctrl+s")
            await settle(pilot)


@slow_pilot
async def test_esc_on_a_half_filled_form_asks_before_discarding(make, demo_path):
    app = make()
    async with driving(app) as pilot:
        await show(pilot, OpenTask("A6.2"))
        await pilot.click("#form-percent")
        await press(pilot, *"30", "escape")
        assert isinstance(app.screen, TaskScreen) and app.screen.query_one("#form-percent", Input).value == "30"
        assert any("再按 Esc" in n for n in app.said)
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)


@slow_pilot
async def test_log_a_duty_from_the_unit_screen(make, demo_db):
    app = make()
    async with driving(app) as pilot:
        await open_row(pilot, app.screen.query_one("#units", DataTable), "rescue_station")
        screen = app.screen
        await switch_tab(pilot, "tab-duties")
        table = screen.query_one("#unit-duties", DataTable)
        table.focus()
        # The station's duties are joint with civil affairs: pick one neither logged on the day in view.
        row = next(i for i, r in enumerate(rows(table)) if r[4] != "2020-10-15")
        table.move_cursor(row=row)
        await pilot.press("l")
        await settle(pilot)
        duty = row_keys(table)[row]
        assert rows(table)[row][4] == "2020-10-15"
    assert audit(demo_db)[-1]["what"] == "duty_log" and audit(demo_db)[-1]["target"] == duty


@slow_pilot
async def test_yesterdays_round_takes_two_keys_from_the_unit_screen(make, demo_db):
    app = make()
    async with driving(app) as pilot:
        await open_row(pilot, app.screen.query_one("#units", DataTable), "rescue_station")
        await pilot.press("l", "y")  # the duties, then yesterday's round of the first one
        await settle(pilot)
        assert any("生活照料区每日巡查" in n for n in app.said)  # the duty's name, not its id
    entry = audit(demo_db)[-1]
    assert (entry["what"], entry["target"], entry["after"]["date"]) == ("duty_log", "A1.3-patrol", "2020-10-14")
    assert entry["after"]["unit"] == "rescue_station"  # logged as the unit whose screen it was


@slow_pilot
async def test_log_key_on_the_tasks_tab_first_shows_the_duties_and_logs_nothing(make, demo_db):
    app = make()
    before = len(audit(demo_db))
    async with driving(app) as pilot:
        await open_row(pilot, app.screen.query_one("#units", DataTable), "urban_management")
        screen = app.screen
        assert screen.query_one(TabbedContent).active == "tab-tasks"
        await pilot.press("l")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "tab-duties"
    assert len(audit(demo_db)) == before


@slow_pilot
async def test_filter_tasks_on_the_unit_screen(make):
    app = make()
    async with driving(app) as pilot:
        await open_row(pilot, app.screen.query_one("#units", DataTable), "civil_affairs")
        table = app.screen.query_one("#unit-tasks", DataTable)
        assert table.row_count == 11
        await press(pilot, "slash", *"逾期")
        assert row_keys(table) == ["A4.1"]  # its own part: A1.1's first round it did on time


@slow_pilot
async def test_the_overview_follows_changes_made_by_another_process(make, demo_path):
    app = make(poll_seconds=0.1)
    async with driving(app) as pilot:
        assert rows(app.screen.query_one("#overdue", DataTable))[-1][0].startswith("A4.1")
        other = Workspace(Database(demo_path), load_entrypoints=False)
        record_progress(
            other,
            "A4.1",
            100,
            dt.date(2020, 10, 14),
            unit="civil_affairs",
            done=True,
            note="安置方案已报县政府",
            author="民政局",
        )
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.query_one("#overdue", DataTable).row_count == 2:
                break
        # Civil affairs' step is done; the two units late on their own A1.1 part still are.
        assert app.screen.query_one("#overdue", DataTable).row_count == 2
        assert "逾期事项（2" in app.screen.query_one("#overdue-title", Label).render().plain


@slow_pilot
async def test_look_at_another_day(make, demo_path):
    with unchanged(demo_path):
        async with driving(make()) as pilot:
            await press(pilot, "d")
            await press(pilot, "ctrl+a", "ctrl+k", *"2020-13-01")
            assert "2020-13-01" in pilot.app.screen.query_one("#problem", Label).render().plain
            await pilot.press("ctrl+a", "ctrl+k", *"2020-07-01", "enter")
            await settle(pilot)
            head = pilot.app.screen.query_one("#headline", Static).render().plain
            assert "2020-07-01" in head
            # A day after round one closed: the three units that had not yet reported their own part.
            assert pilot.app.screen.query_one("#overdue", DataTable).row_count == 3
            await pilot.press("right_square_bracket")
            await settle(pilot)
            assert "2020-07-02" in pilot.app.screen.query_one("#headline", Static).render().plain


@slow_pilot
async def test_english(make):
    app = make(lang="en")
    async with driving(app):
        head = app.screen.query_one("#headline", Static).render().plain
        assert "As of 2020-10-15" in head and "Next report due" in head
        assert rows(app.screen.query_one("#units", DataTable))[0][0] != "政法委"
        assert any(b.description == "Quit" for b in app._bindings.key_to_bindings["q"])


@slow_pilot
async def test_help_and_theme(make):
    app = make()
    async with driving(app) as pilot:
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark != dark
        await press(pilot, "question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)


def test_dashboard_without_a_database_is_a_one_line_error(tmp_path):
    from duban.core.errors import DubanError

    with pytest.raises(DubanError, match="duban demo"):
        make_app(Workspace(Database(tmp_path / "missing"), load_entrypoints=False))


def test_piped_duban_prints_the_overview_instead_of_opening_the_dashboard(demo_path):

    result = run_duban("--db", demo_path)
    assert result.returncode == 0 and "临民字[2020] 58号" in result.stdout and "\x1b[" not in result.stdout


@slow_pilot
async def test_command_palette_lists_the_dashboards_actions(make):
    app = make()
    async with driving(app) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"导出日历", "生成报告", "单位模板", "导入表格", "督办标记"} <= set(titles)
        await press(pilot, "ctrl+p")
        await press(pilot, *"督办标记", "enter")
        assert type(app.screen).__name__ == "FlagsScreen"


@slow_pilot
async def test_the_morning_page_shows_the_units_most_in_trouble_at_80x24(make):
    app = make()
    async with driving(app, size=(80, 24)) as pilot:
        table = app.screen.query_one("#trouble")
        assert table.region.y + 1 + 3 <= 24 - 1  # heading and three rows above the footer, no scrolling
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(3)]
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(3)]
        assert keys == ["civil_affairs", "township_3", "rescue_station"]
        # Civil affairs is late on its own A4.1 step only (its A1.1 round was on time, others' were not).
        assert "问责" in rows[0][0] and "逾期1项·最长45天" in rows[0][1] and "已认定1" in rows[0][2]
        assert "职责缺1次" in rows[1][1] and "待认定1" in rows[1][2]  # a township's two-monthly revisit
        assert "职责缺67次" in rows[2][1]
        quiet = str(app.screen.query_one("#quiet").render())
        assert "久未填报" in quiet and "政法委132天" in quiet
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "UnitScreen" and app.screen.code == "civil_affairs"


@slow_pilot
async def test_every_task_on_one_screen_overdue_first(make):
    app = make()
    async with driving(app, size=(80, 24)) as pilot:
        await press(pilot, "t")
        table = app.screen.query_one("#all-tasks", DataTable)
        assert table.row_count == 16 and row_keys(table)[0] == "A1.1"  # two units 107 days late on round one
        await press(pilot, "slash", *"排查", "enter")
        assert row_keys(table) == ["A1.1"]
        await press(pilot, "enter")
        assert isinstance(app.screen, TaskScreen) and app.screen.task_id == "A1.1"


@slow_pilot
async def test_the_palette_jumps_to_a_task_a_unit_or_a_flag_by_name(make):
    app = make()
    async with driving(app, size=(80, 24)) as pilot:
        await press(pilot, "ctrl+p")
        await press(pilot, *"落户", "enter")
        assert type(app.screen).__name__ == "TaskScreen" and app.screen.task_id == "A4.1"
        await pilot.press("escape")
        await press(pilot, "ctrl+p")
        await press(pilot, *"财政局", "enter")
        assert type(app.screen).__name__ == "UnitScreen" and app.screen.code == "finance"
        await pilot.press("escape")
        flag = app.view.flags[0]
        await press(pilot, "ctrl+p")
        await press(pilot, *flag.id, "enter")
        assert type(app.screen).__name__ == "FlagsScreen"
        assert app.screen.query_one("#flags").current_key() == flag.id


@slow_pilot
async def test_the_mouse_opens_a_unit_and_switches_tabs(make):
    app = make()
    async with driving(app) as pilot:
        table = app.screen.query_one("#units", DataTable)
        # Row 3 of the table body (header is line 0): the civil affairs bureau.
        await pilot.click("#units", offset=(4, 3))  # the first click puts the cursor on the row
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen) and table.cursor_row == 2
        await pilot.click("#units", offset=(4, 3))  # a click on the cursor's row opens it
        await pilot.pause()
        assert isinstance(app.screen, UnitScreen) and app.screen.code == row_keys(table)[2]
        await pilot.click("Tab#--content-tab-tab-duties")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "tab-duties"


@sync
async def test_the_as_of_option_is_honoured(make):
    app = make(as_of_override=dt.date(2020, 6, 25))
    async with driving(app):
        head = app.screen.query_one("#headline", Static).render().plain
        assert (
            "截至 2020-06-25" in head and "2020-08-20（还有\u00a056\u00a0天）" in head
        )  # the first milestone is still ahead
        soon = rows(app.screen.query_one("#soon", DataTable))
        assert any(r[0].startswith("A1.1") and r[-1] == "还有 5 天" for r in soon)


@sync
async def test_the_overview_lists_the_most_urgent_deadlines_and_says_where_the_rest_are(make, monkeypatch):
    """At province scale the overdue table would hold thousands of rows: it lists the longest overdue
    first up to a limit, and its title keeps the full count and points to the tasks screen."""
    from duban.tui.screens import overview

    monkeypatch.setattr(overview, "DEADLINE_ROWS", 2)
    app = make()
    async with driving(app):
        overdue = rows(app.screen.query_one("#overdue", DataTable))
        assert [(r[0][:4], r[3]) for r in overdue] == [("A1.1", "医保局"), ("A1.1", "政法委")]
        title = app.screen.query_one("#overdue-title", Label).render().plain
        assert "逾期事项（3" in title and "最紧急的 2 项" in title and "任务页（t）" in title


def test_a_dashboard_open_all_day_lets_each_replaced_view_go(demo_db):
    """Each view is frozen out of the cyclic collector while shown (tui.state); a record is one big
    cycle, so a replaced view that stayed frozen would never be freed: a dashboard reloading after every
    clerk's write would keep every record it ever showed."""
    import gc

    from duban.tui.state import compute_view, load_view

    ws = Workspace(demo_db, load_entrypoints=False)
    view = load_view(ws, None)
    held = []
    for _ in range(6):  # reloads after writes: the new view is built while the old one is still shown
        view = load_view(ws, None)
        view = compute_view(ws, view.record, view.generation, view.reports, dt.date(2020, 9, 1))
        held.append(gc.get_freeze_count())
    assert held[-1] <= held[1] + 50, held


@sync
async def test_the_fold_a_write_leaves_due_runs_in_the_dashboard_s_worker(make, demo_ws, monkeypatch):
    from duban.core import folds

    monkeypatch.setattr(folds, "CHECKPOINT_EVERY", 1)
    app = make()
    async with driving(app) as pilot:
        app.write("进度", lambda: record_progress(demo_ws, "A2.1", 65, dt.date(2020, 10, 14), note="巡查"))
        await settle(pilot)
        assert "完成：进度" in " | ".join(app.said)
    with demo_ws.db.reading() as snap:
        assert folds.due_views(snap) == []
        newest = max(d["id"] for d in snap.all("progress"))
        assert [d["last_id"] for d in snap.all("checkpoints") if d["view"] == "task_state"] == [newest]
