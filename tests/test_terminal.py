"""Output that fits the terminal: tables within $COLUMNS, long output through $PAGER, and what write
commands recorded under --json."""

import json
import os
import pty
import re
import subprocess

import pytest

from duban.cli.output import width
from tests.helpers import ROOT, duban_argv

READ_COMMANDS = [
    ["status"],
    ["tasks"],
    ["show", "A1.1"],
    ["unit", "civil_affairs"],
    ["checklist", "civil_affairs"],
    ["flags"],
    ["incidents"],
    ["audit"],
    ["units"],
    ["report", "--schedule"],
    ["meetings"],
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_no_line_is_wider_than_an_80_column_terminal(cli, demo_path, monkeypatch, args, lang):
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("--db", demo_path, "--lang", lang, *args)
    assert r.status == 0, r.err
    widest = max(r.out.splitlines(), key=width)
    assert width(widest) <= 80, widest


def test_ids_and_dates_are_never_shortened(cli, demo_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = cli("--db", demo_path, "flags").out
    ids = [f["id"] for f in json.loads(cli("--db", demo_path, "flags", "--json").out)["flags"]]
    assert ids and all(i in out for i in ids)
    out = cli("--db", demo_path, "show", "A1.1").out
    assert "2020-06-21" in out and "2020-06-30" in out and "2020-06-29" in out


def test_a_pipe_gets_whole_lines(cli, demo_path, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    out = cli("--db", demo_path, "flags").out
    assert max(map(width, out.splitlines())) > 80


def test_long_output_on_a_terminal_goes_through_the_pager(demo_path, tmp_path):
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "PAGER": f"cat > {paged}", "LINES": "10", "COLUMNS": "100"}
    main, other = pty.openpty()
    try:
        done = subprocess.run(
            duban_argv("--db", demo_path, "tasks"),
            stdout=other,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            timeout=60,
        )
    finally:
        os.close(other)
        os.close(main)
    assert done.returncode == 0, done.stderr
    assert "A4.1" in paged.read_text(encoding="utf-8")


def test_write_commands_print_what_was_recorded_as_json(cli, demo_path):
    r = cli("--db", demo_path, "progress", "A2.1", "--percent", "95%", "--date", "2020-10-9", "--json")
    doc = json.loads(r.out)
    assert (doc["task"], doc["percent"], doc["date"], doc["unit"]) == ("A2.1", 95, "2020-10-09", "public_security")
    assert doc["id"] > 0
    doc = json.loads(
        cli("--db", demo_path, "log", "A1.3-patrol", "--unit", "民政局", "--date", "2020-06-02", "--json").out
    )
    assert (doc["duty"], doc["date"], doc["unit"]) == ("A1.3-patrol", "2020-06-02", "civil_affairs") and doc["id"] > 0
    r = cli("--db", demo_path, "check", "民政局", "supervisors", "--date", "2020-10-15", "--json")
    assert json.loads(r.out)["item"] == "supervisors" and json.loads(r.out)["done"] is True
    r = cli("--db", demo_path, "incident", "--kind", "走失", "--date", "2020-10-01", "--note", "n", "--json")
    assert json.loads(r.out)["kind"] == "missing"


def _stderr_on_a_terminal(*args) -> tuple[subprocess.CompletedProcess, str]:
    """Run duban with stderr on a pseudo-terminal (as at a clerk's desk); returns the run and what the
    terminal received."""
    main, other = pty.openpty()
    try:
        done = subprocess.run(
            duban_argv(*args),
            stdout=subprocess.PIPE,
            stderr=other,
            cwd=ROOT,
            timeout=120,
        )
        os.close(other)
        received = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal's other end is closed: all is read
                break
            if not chunk:
                break
            received += chunk
    finally:
        os.close(main)
    return done, received.decode("utf-8", "replace")


@pytest.mark.slow
def test_long_exports_count_on_a_terminal_and_stay_quiet_otherwise(demo_path, tmp_path, cli):
    done, screen = _stderr_on_a_terminal("--db", demo_path, "calendars", "export", "--out", tmp_path / "feeds")
    feeds = len(list((tmp_path / "feeds").iterdir()))
    assert done.returncode == 0 and f"生成日历 {feeds}/{feeds}" in screen
    assert re.search(r"\r +\r$", screen)  # the count is wiped when the work ends
    done, screen = _stderr_on_a_terminal("--db", demo_path, "report", "--period", "R1", "--out", tmp_path / "r.xlsx")
    assert done.returncode == 0 and "保存文件 3/3" in screen
    # Off a terminal, and under --json, nothing but the result.
    r = cli("--db", demo_path, "calendars", "export", "--out", tmp_path / "again")
    assert r.status == 0 and r.err == ""
    done, screen = _stderr_on_a_terminal(
        "--db", demo_path, "--json", "report", "--period", "R1", "--out", tmp_path / "j.xlsx"
    )
    assert done.returncode == 0 and screen == ""
