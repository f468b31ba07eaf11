"""The dashboard's unit checklist, metrics and the committee's flags (from the departments' plugins)."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from duban.core.store import Database
from duban.tui.messages import OpenUnit
from tests.helpers import driving, open_row, press, row_keys, rows, settle, show, slow_pilot, switch_tab, sync


def log(db: Database, name: str) -> list[dict]:
    with db.reading() as snap:
        return sorted(snap.all(name), key=lambda e: e["id"])


async def answer(pilot, text: str) -> None:
    """Type into the open dialog and accept."""
    pilot.app.screen.query_one(Input).focus()
    await pilot.press(*text, "enter")
    await settle(pilot)


@slow_pilot
async def test_toggle_a_checklist_item(make, demo_db):
    app = make()
    audits = len(log(demo_db, "audit"))
    async with driving(app) as pilot:
        await show(pilot, OpenUnit("public_security"))
        await switch_tab(pilot, "tab-checklist")
        table = app.screen.query_one("#unit-checklist", DataTable)
        table.focus()
        item, was = row_keys(table)[0], rows(table)[0][0]
        await press(pilot, "space")
        await answer(pilot, "巡查记录已归档")
        now = rows(table)[0]
        assert now[0] != was and now[2] == "秘书组" and now[3] == "2020-10-15" and now[4] == "巡查记录已归档"
    tick = log(demo_db, "checks")[-1]
    assert (tick["unit"], tick["item"], tick["note"], tick["author"]) == (
        "public_security",
        item,
        "巡查记录已归档",
        "秘书组",
    )
    entry = log(demo_db, "audit")[audits]
    assert entry["what"] in ("check", "uncheck") and entry["target"] == f"public_security.{item}"


@slow_pilot
async def test_enter_a_metric_value(make, demo_db):
    from duban.core import metrics

    app = make()
    entered = next(m for m in metrics.metric_definitions(app.ws.registry, "fire_rescue") if m.source == "entered")
    typed = "1" if entered.kind == "yesno" else "7"
    n_before = len(log(demo_db, "metric_values"))
    async with driving(app) as pilot:
        await show(pilot, OpenUnit("fire_rescue"))
        await switch_tab(pilot, "tab-metrics")
        table = app.screen.query_one("#unit-metrics", DataTable)
        await open_row(pilot, table, entered.id)
        await press(pilot, "m")
        await answer(pilot, typed)
        await settle(pilot)
        shown = dict(zip(row_keys(table), rows(table)))[entered.id]
    values = log(demo_db, "metric_values")
    assert len(values) == n_before + 1
    assert (values[-1]["metric"], values[-1]["unit"], values[-1]["raw"]) == (entered.id, "fire_rescue", typed)
    assert shown[1] == typed, shown  # the value column shows what was typed


@slow_pilot
async def test_confirm_a_flag_with_a_reason(make, demo_db):
    app = make()
    async with driving(app) as pilot:
        await press(pilot, "f")
        table = app.screen.query_one("#flags", DataTable)
        waiting = next(i for i, r in enumerate(rows(table)) if r[4] == "待认定" and r[0].startswith("建议督导"))
        flag_id = row_keys(table)[waiting]
        table.focus()
        await press(pilot, *["down"] * waiting, "c")
        await press(pilot, "enter")  # an empty reason is refused: the dialog stays open and says why
        assert type(app.screen).__name__ == "AskDialog"
        assert "请填写理由" in str(app.screen.query_one("#problem").render())
        await answer(pilot, "经委员会研究确认")
        assert rows(table)[row_keys(table).index(flag_id)][4] == "已认定"
        assert rows(table)[row_keys(table).index(flag_id)][0] == "督导"  # now the committee's decision
    decision = log(demo_db, "decisions")[-1]
    assert (decision["flag"], decision["decision"], decision["reason"]) == (flag_id, "confirmed", "经委员会研究确认")
    assert log(demo_db, "audit")[-1]["what"] == "flag_confirmed"


@sync
async def test_after_confirming_the_notice_is_offered_and_written(make, demo_db, tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.chdir(tmp_path)
    app = make()
    async with driving(app) as pilot:
        await press(pilot, "f")
        table = app.screen.query_one("#flags", DataTable)
        waiting = next(i for i, r in enumerate(rows(table)) if r[0] == "建议督导（待认定）")
        flag_id = row_keys(table)[waiting]
        table.focus()
        await pilot.press(*["down"] * waiting, "n")  # a suggestion has no notice yet
        await settle(pilot)
        assert not (tmp_path / f"notice-{flag_id}.xlsx").exists()
        await press(pilot, "c")
        await answer(pilot, "经研究认定督导")
        assert any("按 n 生成督办通知单" in str(n.message) for n in app._notifications)
        table.move_cursor(row=row_keys(table).index(flag_id))
        await pilot.press("n")
        await settle(pilot)
        await press(pilot, "r")  # the rules, in words, with their readings
        assert type(app.screen).__name__ == "HelpScreen"
    notice = openpyxl.load_workbook(tmp_path / f"notice-{flag_id}.xlsx").active
    assert "督导通知单" in str(notice["A1"].value)
