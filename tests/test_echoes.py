"""Echoes and crashes from the red team's list: what a command echoes carries no terminal escape, and every
case ends in one line (or works), never a traceback."""

from __future__ import annotations

import json
import os

import pytest

from duban.core.errors import DubanError
from duban.core.i18n import t
from duban.tui.screens.dialogs import AskDialog
from tests.helpers import SIZE, folder_digest, settle, sync

ESCAPE = "X\x1b]0;T\x07"


def no_escapes(text: str) -> bool:
    return "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_write_commands_echo_no_escape_sequences(demo_path, cli, tmp_path):
    r = cli("--db", demo_path, "contact", "finance", "--liaison", ESCAPE)
    assert r.status == 0 and no_escapes(r.out) and "X" in r.out, r.err
    out = tmp_path / f"feeds{ESCAPE}"
    r = cli("--db", demo_path, "calendars", "export", "--out", out, "--unit", "finance")
    assert r.status == 0 and no_escapes(r.out), r.err
    r = cli("--db", demo_path, "calendars", "tokens", "--rotate", "finance", "--base", f"http://h/{ESCAPE}")
    assert r.status == 0 and no_escapes(r.out), r.err


def test_an_email_address_with_an_escape_is_refused(demo_path, cli):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "contact", "finance", "--email", "a\x1b[2J@b.cn")
    assert r.status == 1 and no_escapes(r.err) and r.err.count("\n") == 1
    assert folder_digest(demo_path) == before


def test_dates_at_the_ends_of_the_calendar_are_one_line(demo_path, cli, tmp_path):
    r = cli("--db", demo_path, "--lang", "en", "--as-of", "9999-12-31", "calendars", "export", "--out", tmp_path)
    assert r.status == 0, r.err
    plan = tmp_path / "plan.toml"
    from importlib import resources

    text = resources.files("duban.core.data").joinpath("linwu-2020.toml").read_text(encoding="utf-8")
    plan.write_text(text.replace("period_start = 2020-", "period_start = 0001-", 1), encoding="utf-8")
    r = cli("--db", tmp_path / "db", "--lang", "en", "init", "--plan", plan)
    assert r.status == 1 and "out of range" in r.err and "period_start" in r.err, r.err


def test_serving_on_a_host_that_is_not_a_name_is_one_line(demo_path, cli):
    r = cli("--db", demo_path, "--lang", "en", "calendars", "serve", "--host", "\u202e", "--port", "0")
    assert r.status == 1 and r.err.count("\n") == 1 and no_escapes(r.err)


def test_a_decision_dated_in_the_future_is_refused(demo_path, cli):
    flag = json.loads(cli("--db", demo_path, "flags", "--json").out)["flags"][0]["id"]
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", "--as-of", "2999-01-01", "flags", "confirm", flag, "--reason", "x")
    assert r.status == 1 and "after today" in r.err, r.err
    assert folder_digest(demo_path) == before
    r = cli("--db", demo_path, "flags", "confirm", flag, "--reason", "研究确认")
    assert r.status == 0, r.err


@pytest.mark.slow
@sync
async def test_typing_markup_into_the_date_dialog_does_not_crash(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, AskDialog)
        await pilot.press("end", *["backspace"] * 12, "[", "/")
        await settle(pilot)
        assert isinstance(app.screen, AskDialog) and app.return_code is None


def test_a_full_disk_during_template_leaves_no_unregistered_workbook(demo_path, cli, tmp_path, monkeypatch):
    import errno

    from duban.core.store import Database

    def full(self, tx):
        raise DubanError(t("db_write_failed", problem=os.strerror(errno.ENOSPC)))

    monkeypatch.setattr(Database, "_commit", full)  # the registration cannot be written
    out = tmp_path / "ca.xlsx"
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "template", "civil_affairs", "--out", out)
    assert r.status == 1 and os.strerror(errno.ENOSPC) in r.err
    assert not out.exists() and folder_digest(demo_path) == before
