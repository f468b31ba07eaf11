"""Every command's happy path and its bad inputs: exit status, one-line message, database unchanged."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from duban.core.store import Database
from tests.conftest import ROOT, folder_digest, run_duban
from tests.test_store import unlogged_patrol_day

UNITS = {
    "political_legal",
    "public_security",
    "civil_affairs",
    "finance",
    "human_resources",
    "health",
    "emergency",
    "fire_rescue",
    "market_regulation",
    "medical_security",
    "poverty_alleviation",
    "urban_management",
    "rescue_station",
}


def ok(r):
    assert r.status == 0, r.err
    assert r.err == ""
    return r


def js(r):
    return json.loads(ok(r).out)


# -- happy paths --------------------------------------------------------------------------------------


def test_init_creates_the_builtin_plan_and_refuses_to_overwrite(tmp_path, cli):
    db = tmp_path / "db"
    r = ok(cli("--db", db, "--lang", "en", "init"))
    assert "16 tasks" in r.out
    data = js(cli("--db", db, "status", "--json"))
    assert data["total"]["tasks"] == 16 and data["total"]["done"] == 0
    assert data["as_of"] == dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    before = folder_digest(db)
    r = cli("--db", db, "--lang", "en", "init")
    assert r.status == 1 and "--force" in r.err
    assert folder_digest(db) == before
    r = ok(cli("--db", db, "--lang", "en", "init", "--force"))
    assert "backed up to" in r.out


def test_demo_remembers_its_as_of_date(tmp_path, cli):
    db = tmp_path / "db"
    assert "2020-10-15" in ok(cli("--db", db, "demo")).out
    assert js(cli("--db", db, "tasks", "--json"))["as_of"] == "2020-10-15"
    assert js(cli("--db", db, "status", "--json"))["as_of"] == "2020-10-15"
    assert js(cli("--db", db, "status", "--json", "--as-of", "2020-12-01"))["as_of"] == "2020-12-01"
    assert js(cli("--db", db, "--as-of", "2020-12-01", "show", "A1.1", "--json"))["as_of"] == "2020-12-01"
    r = cli("--db", db, "demo")
    assert r.status == 1
    ok(cli("--db", db, "demo", "--force"))


def test_status_text_and_json(demo_path, cli):
    r = ok(cli("--db", demo_path, "--lang", "en", "status"))
    for action in ("A1", "A2", "A3", "A4", "A5", "A6"):
        assert action in r.out
    assert "As of 2020-10-15" in r.out and "Overdue" in r.out
    data = js(cli("--db", demo_path, "status", "--json"))
    assert {u["code"] for u in data["units"]} == UNITS
    assert data["next_milestone"]["date"] == "2020-12-20"
    assert [d["task"] for d in data["overdue"]] == ["A4.1"]  # the settlement plan, due 2020-08-31
    # With no subcommand, duban shows the overview.
    assert "A1" in ok(cli("--db", demo_path)).out


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], None),
        (["--unit", "public_security"], {"A1.1", "A2.1", "A3.1", "A3.3", "A4.1"}),
        (["--unit", "finance"], {"A6.2"}),
        (["--action", "A4"], {"A4.1", "A4.2"}),
        (["--overdue"], {"A4.1"}),
        (["--due-within", "14"], set()),
        (["--due-within", "80"], {"A1.1"}),
        (["--overdue", "--unit", "finance"], set()),
    ],
)
def test_tasks_filters(args, expected, demo_path, cli):
    data = js(cli("--db", demo_path, "tasks", "--json", *args))
    ids = {t["id"] for t in data["tasks"]}
    assert ids == (expected if expected is not None else ids)
    if expected is None:
        assert len(ids) == 16
    text = ok(cli("--db", demo_path, "--lang", "en", "tasks", *args)).out
    assert f"{len(ids)} tasks (as of 2020-10-15)" in text


def test_show_a_task_in_full(demo_path, cli):
    r = ok(cli("--db", demo_path, "--lang", "en", "show", "A1.1"))
    assert "Hazard inspection" in r.out and "2020-06-30" in r.out and "2020-12-31" in r.out
    data = js(cli("--db", demo_path, "show", "A1.1", "--json"))
    assert [d["state"] for d in data["deadlines"]] == ["done_on_time", "in_progress"]
    assert len(data["reports"]) == 3
    data = js(cli("--db", demo_path, "show", "A1.3", "--json"))
    assert {d["id"] for d in data["duties"]} == {"A1.3-patrol", "A1.3-foster"}


def test_progress_is_recorded_audited_and_shown(demo_path, cli):
    r = ok(
        cli(
            "--db",
            demo_path,
            "--lang",
            "en",
            "progress",
            "A2.1",
            "--percent",
            "60",
            "--note",
            "人像比对 8 人",
            "--date",
            "2020-10-14",
            "--by",
            "张三",
            "--evidence",
            "比对记录",
        )
    )
    assert "60%" in r.out and "A2.1" in r.out
    data = js(cli("--db", demo_path, "show", "A2.1", "--json"))
    assert data["percent"] == 60
    last = data["reports"][-1]
    assert (last["note"], last["author"], last["evidence"], last["date"]) == (
        "人像比对 8 人",
        "张三",
        ["比对记录"],
        "2020-10-14",
    )
    entry = js(cli("--db", demo_path, "audit", "--json", "--limit", "1"))[0]
    assert (entry["who"], entry["what"], entry["target"]) == ("张三", "progress", "A2.1")
    assert entry["before"]["percent"] == 45 and entry["after"]["percent"] == 60


def test_progress_done_completes_the_next_deadline(demo_path, cli):
    r = ok(cli("--db", demo_path, "--lang", "en", "progress", "A1.1", "--done", "--date", "2020-10-14"))
    assert "2020-12-31" in r.out and "100%" in r.out
    data = js(cli("--db", demo_path, "show", "A1.1", "--json"))
    assert data["state"] == "done_on_time" and data["percent"] == 100
    # Nothing is left to complete.
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "progress", "A1.1", "--done")
    assert r.status == 1 and r.err.count("\n") == 1
    assert folder_digest(demo_path) == before


def test_progress_by_a_co_owner_and_the_default_date(demo_path, cli):
    ok(cli("--db", demo_path, "progress", "A3.1", "--percent", "55", "--unit", "urban_management"))
    data = js(cli("--db", demo_path, "show", "A3.1", "--json"))
    assert data["reports"][-1]["unit"] == "urban_management"
    assert data["reports"][-1]["date"] == "2020-10-15"  # the demo's as-of date


def test_log_a_duty_occurrence(demo_path, demo_ws, cli):
    day = unlogged_patrol_day(demo_ws)

    def civil():
        data = js(cli("--db", demo_path, "status", "--json"))
        return next(u for u in data["units"] if u["code"] == "civil_affairs")["duty_logged"]

    before = civil()
    r = ok(cli("--db", demo_path, "--lang", "en", "log", "A1.3-patrol", "--date", day, "--by", "李四"))
    assert day in r.out
    assert civil() == before + 1
    entry = js(cli("--db", demo_path, "audit", "--json", "--limit", "1"))[0]
    assert (entry["who"], entry["what"], entry["target"]) == ("李四", "duty_log", "A1.3-patrol")


def test_log_a_per_township_duty_without_townships_goes_to_the_owner(demo_path, cli, demo_ws):
    ok(cli("--db", demo_path, "log", "A5.2-revisit", "--date", "2020-10-10"))
    assert dt.date(2020, 10, 10) in demo_ws.record().duty_dates[("A5.2-revisit", "civil_affairs")]


def test_units_plugins_audit(demo_path, cli):
    units = js(cli("--db", demo_path, "units", "--json"))
    assert {u["code"] for u in units} == UNITS
    assert "rescue_station" in ok(cli("--db", demo_path, "units")).out
    plugins = js(cli("--db", demo_path, "plugins", "--json"))
    names = {p["name"] for p in plugins}
    assert {f"duban.plugins.{c}" for c in UNITS} <= names
    assert all("duban_register_units" in p["hooks"] for p in plugins if p["name"].startswith("duban.plugins."))
    assert "duban.plugins.finance" in ok(cli("--db", demo_path, "plugins")).out
    entries = js(cli("--db", demo_path, "audit", "--json", "--limit", "5"))
    assert len(entries) == 5
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)
    assert entries[0]["what"] in ok(cli("--db", demo_path, "audit", "--limit", "3")).out


def test_db_backup_and_backups(demo_path, cli):
    r = ok(cli("--db", demo_path, "--lang", "en", "db", "backup"))
    assert "backed up to" in r.out
    rows = js(cli("--db", demo_path, "db", "backups", "--json"))
    assert len(rows) == 1 and rows[0]["state"] == "ok"
    assert "ok" in ok(cli("--db", demo_path, "db", "backups")).out


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["tasks"],
        ["tasks", "--overdue"],
        ["tasks", "--unit", "finance"],
        ["tasks", "--action", "A1"],
        ["tasks", "--due-within", "30"],
        ["show", "A4.1"],
        ["units"],
        ["plugins"],
        ["audit"],
        ["db", "check"],
        ["db", "backups"],
        ["unit", "finance"],
        ["checklist", "civil_affairs"],
        ["flags"],
        ["flags", "--open"],
        ["incidents"],
    ],
)
def test_json_on_every_read_command(args, demo_path, cli):
    js(cli("--db", demo_path, *args, "--json"))
    js(cli("--db", demo_path, "--json", *args))


# -- bad inputs -------------------------------------------------------------------------------------

BAD = [
    # (args, exit status, words the English message must carry)
    (["progress", "A2.1", "--percent", "50", "--date", "2020-13-01"], 2, ["2020-13-01", "YYYY-MM-DD"]),
    (["progress", "A2.1", "--percent", "50", "--date", "2020-02-30"], 2, ["2020-02-30"]),
    (["progress", "A2.1", "--percent", "50", "--date", "20201001"], 2, ["20201001"]),
    (["status", "--as-of", "2020-02-30"], 2, ["2020-02-30"]),
    (["tasks", "--as-of", "someday"], 2, ["someday"]),
    (["show", "A9.9"], 1, ["no task", "A9.9"]),
    (["progress", "A9.9", "--percent", "10"], 1, ["A9.9"]),
    (["progress", "A2.1", "--percent", "150"], 1, ["150", "0 to 100"]),
    (["progress", "A2.1", "--percent", "-1"], 1, ["-1"]),
    (["progress", "A2.1", "--percent", "abc"], 1, ["abc"]),
    (["progress", "A2.1", "--percent", "50.5"], 1, ["50.5"]),
    (["progress", "A2.1", "--percent", "0x20"], 1, ["0x20"]),
    (["progress", "A2.1", "--percent", "٥٠"], 1, ["percent"]),
    (["progress", "A2.1", "--percent", ""], 1, ["percent"]),
    (["progress", "A2.1"], 1, ["percent"]),
    (["progress", "A2.1", "--percent", "10", "--unit", "nobody"], 1, ["nobody"]),
    (["progress", "A2.1", "--percent", "10", "--unit", "finance"], 1, ["finance", "A2.1"]),
    (["progress", "A2.1", "--percent", "10", "--date", "2099-01-01"], 1, ["2099-01-01", "after the day in view"]),
    (["progress", "A2.1", "--percent", "10", "--date", "2020-04-30"], 1, ["2020-04-30", "before"]),
    (["progress", "A4.2", "--percent", "50", "--done"], 1, ["100"]),
    (["tasks", "--unit", "nobody"], 1, ["nobody"]),
    (["tasks", "--action", "A9"], 1, ["A9"]),
    (["tasks", "--due-within", "-3"], 2, []),
    (["tasks", "--due-within", "x"], 2, ["x"]),
    (["audit", "--limit", "0"], 2, ["0"]),
    (["log", "NO-SUCH-DUTY"], 1, ["NO-SUCH-DUTY"]),
    (["log", "A3.1-summer", "--date", "2020-10-01"], 1, ["A3.1-summer", "not active", "2020-08-31"]),
    (["log", "A3.1-winter", "--date", "2020-10-01"], 1, ["A3.1-winter", "not active"]),
    (["log", "A1.3-patrol", "--date", "2099-01-01"], 1, ["2099-01-01"]),
    (["log", "A1.3-patrol", "--date", "2020-10-01", "--unit", "finance"], 1, ["finance"]),
    (["log", "A1.3-patrol", "--date", "2020-10-32"], 2, ["2020-10-32"]),
    (["show"], 2, ["TASK"]),
    (["frobnicate"], 2, ["frobnicate"]),
    (["--lang", "fr", "status"], 2, ["fr"]),
    (["tasks", "--colour"], 2, ["--colour"]),
    (["db"], 2, []),
    (["db", "restore", "--from"], 2, ["--from"]),
    # the departments' commands
    (["checklist", "nobody"], 1, ["nobody"]),
    (["check", "finance", "no-such-item"], 1, ["no-such-item"]),
    (["metric", "finance", "no-metric", "5"], 1, ["no-metric"]),
    (["metric", "finance", "purchased_services_yuan", "abc"], 1, ["abc"]),
    (["metric", "finance", "purchased_services_yuan", "5", "--date", "2099-01-01"], 1, ["2099-01-01"]),
    (["incident", "--kind", "alien", "--date", "2020-10-01", "--note", "x"], 1, ["alien"]),
    (["incident", "--kind", "missing", "--date", "2020-10-01", "--note", " "], 1, ["note"]),
    (
        ["incident", "--kind", "missing", "--date", "2020-10-01", "--note", "x", "--reported", "2020-09-01"],
        1,
        ["2020-09-01"],
    ),
    (["incident", "--kind", "missing", "--date", "2020-13-01", "--note", "x"], 2, ["2020-13-01"]),
    (["flags", "confirm", "NOPE", "--reason", "x"], 1, ["NOPE"]),
    (["flags", "dismiss", "NOPE"], 1, ["--reason"]),
    (["flags", "--level", "bad"], 1, ["bad"]),
    (["unit", "nobody"], 1, ["nobody"]),
]


@pytest.mark.parametrize("args, status, words", BAD, ids=[" ".join(b[0]) for b in BAD])
def test_bad_input_is_one_line_right_status_nothing_changed(args, status, words, demo_path, cli):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", *args)
    assert r.status == status, r.err
    assert r.out == ""
    assert r.err.startswith("duban: ") and r.err.count("\n") == 1, r.err
    for word in words:
        assert word in r.err, r.err
    assert folder_digest(demo_path) == before


def test_a_duplicate_duty_log_is_refused(demo_path, demo_ws, cli):
    day = unlogged_patrol_day(demo_ws)
    ok(cli("--db", demo_path, "log", "A1.3-patrol", "--date", day))
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", "log", "A1.3-patrol", "--date", day)
    assert r.status == 1 and "already" in r.err and day in r.err
    assert folder_digest(demo_path) == before


def test_messages_are_chinese_by_default(demo_path, cli):
    r = cli("--db", demo_path, "show", "A9.9")
    assert r.status == 1 and "没有编号或名称为 'A9.9' 的任务" in r.err
    r = cli("--db", demo_path, "progress", "A2.1", "--percent", "150")
    assert "进度百分比 '150' 无效" in r.err
    r = cli("--db", demo_path, "status", "--as-of", "2020-13-01")
    assert r.status == 2 and "不是有效日期" in r.err


@pytest.mark.parametrize(
    "args, status",
    [
        (["progress", "A2.1", "--percent", "150"], 1),
        (["progress", "A2.1", "--percent", "50", "--date", "2020-02-30"], 2),
        (["show", "A9.9"], 1),
        (["tasks", "--unit", "nobody"], 1),
        (["log", "A3.1-summer", "--date", "2020-10-01"], 1),
        (["nonsense"], 2),
    ],
)
def test_no_traceback_reaches_a_real_terminal(args, status, demo_path):
    before = folder_digest(demo_path)
    r = run_duban("--db", demo_path, *args)
    assert r.returncode == status
    assert r.stdout == "" and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert folder_digest(demo_path) == before


def test_help_lists_the_commands():
    r = run_duban("--help")
    assert r.returncode == 0
    for command in ("init", "demo", "status", "tasks", "show", "progress", "log", "units", "plugins", "audit", "db"):
        assert command in r.stdout


HEAVY = ("textual", "openpyxl", "ics", "icalendar")
PROBE = f"""
import sys
from duban.cli.main import main
try:
    status = main(sys.argv[1:])
except SystemExit as exc:  # --help exits through argparse
    status = exc.code
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
sys.exit(status)
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["tasks"], ["tasks", "--overdue"], ["status", "--json"], ["progress", "A2.1", "--percent", "50"]],
)
def test_commands_without_ui_do_not_import_heavy_libraries(args, demo_path):
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", str(demo_path), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "HEAVY:", done.stderr


def test_demo_database_through_the_installed_script(tmp_path):
    import subprocess

    script = Path(sys.executable).with_name("duban")  # the console script pip installed, not python -m
    db = tmp_path / "db"
    r = subprocess.run([str(script), "--db", str(db), "demo"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = subprocess.run(
        [str(script), "--db", str(db), "status", "--as-of", "2020-10-15", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["actions"]) == 6 and len(data["units"]) == 13
    assert Database(db).check()["tables"]["tasks"] == 16
