"""Every command's happy path and its bad inputs: exit status, one-line message, database unchanged."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from duban.core.store import Database
from tests.helpers import BAD, ROOT, UNITS, folder_digest, run_duban, unlogged_patrol_day

#: the built-in plan's placeholder townships (the seed names none)
TOWNSHIPS = {"township_1", "township_2", "township_3"}


def ok(r):
    assert r.status == 0, r.err
    assert r.err == ""
    return r


def js(r):
    return json.loads(ok(r).out)


def in_english(cli, db, *args):
    """`duban --db DB --lang en ARGS…`, which must succeed."""
    return ok(cli("--db", db, "--lang", "en", *args))


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


@pytest.mark.slow
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
    assert {u["code"] for u in data["units"]} == UNITS | TOWNSHIPS
    assert data["next_milestone"]["date"] == "2020-12-20"
    # Each unit late on its own part: the two units that never reported round one of the inspection,
    # and civil affairs on its own step of A4.1 (the settlement plan, due 2020-08-31).
    assert {(d["task"], d["unit"]) for d in data["overdue"]} == {
        ("A1.1", "political_legal"),
        ("A1.1", "medical_security"),
        ("A4.1", "civil_affairs"),
    }
    # With no subcommand, duban shows the overview.
    assert "A1" in ok(cli("--db", demo_path)).out


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], None),
        (["--unit", "public_security"], {"A1.1", "A2.1", "A3.1", "A3.3", "A4.1"}),
        (["--unit", "finance"], {"A6.2"}),
        (["--action", "A4"], {"A4.1", "A4.2"}),
        (["--overdue"], {"A1.1", "A4.1"}),
        (["--overdue", "--unit", "rescue_station"], set()),  # its A4.1 step was done, if late
        (["--overdue", "--unit", "medical_security"], {"A1.1"}),
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
    # Round one is overdue for the task while two of its units have not reported their part.
    assert [d["state"] for d in data["deadlines"]] == ["overdue", "in_progress"]
    assert len(data["reports"]) == 7
    assert data["lead"] is None and data["units"][0] == "civil_affairs"
    data = js(cli("--db", demo_path, "show", "A1.3", "--json"))
    assert {d["id"] for d in data["duties"]} == {"A1.3-patrol", "A1.3-foster"}


def test_progress_is_recorded_audited_and_shown(demo_path, cli):
    r = in_english(
        cli,
        demo_path,
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


def test_show_lists_a_part_for_every_listed_unit_with_its_own_state(demo_path, cli):
    data = js(cli("--db", demo_path, "show", "A1.1", "--json"))
    parts = {p["unit"]: p for p in data["parts"]}
    assert list(parts) == data["units"] and len(parts) == 8  # the seed's six, the organiser and fire
    round_one = {u: p["deadlines"][0]["state"] for u, p in parts.items()}
    assert round_one["fire_rescue"] == "done_on_time" and round_one["emergency"] == "done_late"
    # Units that did not report their round-one part are overdue on it, and only they are.
    assert {u for u, s in round_one.items() if s == "overdue"} == {"political_legal", "medical_security"}
    assert parts["political_legal"]["deadlines"][0]["days_overdue"] == 107
    text = ok(cli("--db", demo_path, "--lang", "en", "show", "A1.1")).out
    assert "Each unit's part" in text and "every listed unit" in text


def test_each_unit_completes_only_its_own_part_and_only_once_its_window_opens(demo_path, cli):
    r = ok(cli("--db", demo_path, "--lang", "en", "progress", "A1.1", "--unit", "political_legal", "--done"))
    assert "2020-06-30" in r.out
    data = js(cli("--db", demo_path, "show", "A1.1", "--json"))
    part = next(p for p in data["parts"] if p["unit"] == "political_legal")
    assert part["deadlines"][0]["state"] == "done_late"  # its own part, late: nobody else's
    assert next(p for p in data["parts"] if p["unit"] == "medical_security")["state"] == "overdue"
    before = folder_digest(demo_path)
    # Round two opens on 2020-12-21: a report on 2020-10-15 cannot complete it.
    r = cli("--db", demo_path, "--lang", "en", "progress", "A1.1", "--unit", "political_legal", "--done")
    assert r.status == 1 and "opens on 2020-12-21" in r.err and r.err.count("\n") == 1
    # Several units have parts: the report must say whose it is.
    r = cli("--db", demo_path, "--lang", "en", "progress", "A1.1", "--done")
    assert r.status == 1 and "--unit" in r.err
    assert folder_digest(demo_path) == before


def test_a_step_belongs_to_its_actor(demo_path, cli):
    # The station files the settlement applications (step 1), civil affairs submits the plan (step 2),
    # the police start household registration (step 3, no date).
    r = ok(cli("--db", demo_path, "--lang", "en", "progress", "A4.1", "--unit", "public_security", "--done"))
    data = js(cli("--db", demo_path, "show", "A4.1", "--json"))
    assert data["deadlines"][2]["due"] is None and data["deadlines"][2]["state"] == "done_on_time"
    assert data["deadlines"][0]["reading"] and data["deadlines"][0]["actors"] == ["rescue_station"]
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", "progress", "A4.1", "--unit", "civil_affairs", "--step", "1", "--done")
    assert r.status == 1 and "step 1" in r.err and "Rescue Management Station" in r.err
    r = cli("--db", demo_path, "--lang", "en", "progress", "A4.1", "--unit", "finance", "--percent", "5")
    assert r.status == 1 and "finance" in r.err
    assert folder_digest(demo_path) == before
    ok(cli("--db", demo_path, "progress", "A4.1", "--unit", "civil_affairs", "--step", "2", "--done"))
    assert js(cli("--db", demo_path, "show", "A4.1", "--json"))["state"] == "done_late"


def test_the_station_reports_its_own_step(tmp_path, cli):
    db = tmp_path / "db"
    ok(cli("--db", db, "init", "--start", "2020-05-01"))
    r = cli("--db", db, "progress", "A4.1", "--unit", "rescue_station", "--done", "--date", "2020-07-20")
    assert r.status == 0, r.err
    data = js(cli("--db", db, "show", "A4.1", "--json", "--as-of", "2020-09-01"))
    states = {p["unit"]: p["state"] for p in data["parts"]}
    assert states == {"rescue_station": "done_on_time", "civil_affairs": "overdue", "public_security": "not_started"}


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
    r = in_english(cli, demo_path, "log", "A1.3-patrol", "--unit", "rescue_station", "--date", day, "--by", "李四")
    assert day in r.out
    # The patrol is 民政局's and 救助站's: the station's log keeps the day for both.
    assert civil() == before + 1
    entry = js(cli("--db", demo_path, "audit", "--json", "--limit", "1"))[0]
    assert (entry["who"], entry["what"], entry["target"]) == ("李四", "duty_log", "A1.3-patrol")


def test_a_per_township_duty_is_each_townships_own(demo_path, cli, demo_ws):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", "log", "A5.2-revisit", "--date", "2020-10-10")
    assert r.status == 1 and "township_1" in r.err  # whose revisit it was is never guessed
    r = cli("--db", demo_path, "--lang", "en", "log", "A5.2-revisit", "--unit", "civil_affairs", "--date", "2020-10-10")
    assert r.status == 1  # the revisits are the townships', not civil affairs'
    assert folder_digest(demo_path) == before
    ok(cli("--db", demo_path, "log", "A5.2-revisit", "--unit", "township_3", "--date", "2020-10-10"))
    assert dt.date(2020, 10, 10) in demo_ws.record().duty_dates[("A5.2-revisit", "township_3")]


def test_units_plugins_audit(demo_path, cli):
    units = js(cli("--db", demo_path, "units", "--json"))
    assert {u["code"] for u in units} == UNITS | TOWNSHIPS
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
    ok(cli("--db", demo_path, "log", "A1.3-patrol", "--unit", "civil_affairs", "--date", day))
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", "log", "A1.3-patrol", "--unit", "civil_affairs", "--date", day)
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
        (["log", "A1.3-patrol", "--date", "2020-10-01"], 1),
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


# importlib.metadata: the entry-point scan, which an installation without outside plugins skips.
HEAVY = ("textual", "openpyxl", "ics", "icalendar", "importlib.metadata")


def _probe(modules: tuple[str, ...]) -> str:
    """A script running duban with its arguments, then naming on stderr which of `modules` it imported."""
    return f"""
import sys
from duban.cli.main import main
try:
    status = main(sys.argv[1:])
except SystemExit as exc:  # --help exits through argparse
    status = exc.code
heavy = sorted(({{m.split(".")[0] for m in sys.modules}} | set(sys.modules)) & set({modules!r}))
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
sys.exit(status)
"""


def _imported(modules: tuple[str, ...], db: Path, args: list[str]) -> str:
    """Run `duban --db DB ARGS…` in a fresh interpreter; the probe's last line names which of `modules` it imported."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _probe(modules), "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [["--help"], ["tasks"], ["tasks", "--overdue"], ["status", "--json"], ["progress", "A2.1", "--percent", "50"]],
)
def test_commands_without_ui_do_not_import_heavy_libraries(args, demo_path):
    assert _imported(HEAVY, demo_path, args) == "HEAVY:"


@pytest.mark.slow
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
    assert len(data["actions"]) == 6 and len(data["units"]) == 13 + 3  # and the three placeholder townships
    assert Database(db).check()["tables"]["tasks"] == 16


def test_a_command_after_an_abbreviated_option_still_runs(demo_path, cli):
    """Only the named command's parser is built; when an option's value hides the name (an abbreviated
    --db), the command still runs as with the full parser."""
    full = cli("--db", demo_path, "tasks", "--overdue")
    r = cli("--d", demo_path, "tasks", "--overdue")
    assert r.status == 0 and r.out == full.out
    assert "A4.1" in r.out
    r = cli("--d", "status", "tasks")  # the folder named status is not the command
    assert r.status == 1 and "status" in r.err


def test_no_chinese_output_names_a_body_the_seed_does_not(cli, demo_path, tmp_path):
    # The seed's body is the 救助管理工作议事协调机构 (领导协调机制); it never says 领导小组.
    from duban.core.i18n import catalogue

    assert not [key for key, (zh, _en) in catalogue().items() if "领导小组" in zh]
    outputs = [
        cli("--db", demo_path, *args).out
        for args in (
            ["status"],
            ["tasks"],
            ["show", "A1.1"],
            ["meetings"],
            ["report", "--schedule"],
            ["unit", "civil_affairs"],
            ["checklist", "civil_affairs"],
            ["flags"],
        )
    ]
    assert all(out for out in outputs) and not [out for out in outputs if "领导小组" in out]
    schedule = outputs[4]
    assert "本县自定节奏" in schedule and "方案要求" in schedule


def test_r1_is_civil_affairs_deadline_late_the_day_after_if_not_sent(tmp_path, cli):
    db = tmp_path / "db"
    ok(cli("--db", db, "init"))

    def r1(as_of):
        data = js(cli("--db", db, "report", "--schedule", "--json", "--as-of", as_of))
        return next(i for i in data if i["period"] == "R1")

    assert (r1("2020-08-20")["unit"], r1("2020-08-20")["state"]) == ("civil_affairs", "not_started")
    late = r1("2020-08-21")
    assert (late["state"], late["days_overdue"]) == ("overdue", 1)
    assert "R1" in ok(cli("--db", db, "--lang", "en", "status", "--as-of", "2020-08-21")).out.split("report late:")[1]
    before = folder_digest(db)
    r = cli("--db", db, "report", "--period", "R1", "--copy", "finance", "--as-of", "2020-08-25")
    assert r.status == 1 and "finance" in r.err  # the copies are 政法委、公安、城管、扶贫办
    assert folder_digest(db) == before
    r = ok(cli("--db", db, "report", "--period", "R1", "--send", "--copy", "political_legal", "--as-of", "2020-08-25"))
    assert "Urban Management" in r.out  # the copies still to send are named
    sent = r1("2020-08-25")
    assert (sent["state"], sent["sent_on"], sent["copies_sent"]) == ("done_late", "2020-08-25", ["political_legal"])


def test_the_demo_sent_r1_on_time_with_two_copies_out(demo_path, cli):
    data = js(cli("--db", demo_path, "status", "--json"))
    r1 = next(r for r in data["reporting"] if r["id"] == "R1")
    assert (r1["state"], r1["sent_on"]) == ("done_on_time", "2020-08-19")
    assert r1["copies_missing"] == ["urban_management", "poverty_alleviation"]


def test_an_admission_starts_a_tracing_notice_that_is_overdue_when_missed(demo_path, cli):
    r = in_english(
        cli, demo_path, "event", "admission", "--case", "2020-017", "--unit", "rescue_station", "--date", "2020-10-01"
    )
    assert "A2.2-tracing" in r.out and "2020-10-04" in r.out and "duban's reading" in r.out
    data = js(cli("--db", demo_path, "tasks", "--overdue", "--json"))
    (late,) = data["triggered"]
    assert (late["trigger"], late["case"], late["unit"], late["due"], late["days_overdue"]) == (
        "A2.2-tracing",
        "2020-017",
        "rescue_station",
        "2020-10-04",
        11,
    )
    assert "入站超过三天" in late["reading"]
    assert not js(cli("--db", demo_path, "tasks", "--overdue", "--unit", "civil_affairs", "--json"))["triggered"]
    ok(cli("--db", demo_path, "fulfil", "A2.2-tracing", "--case", "2020-017", "--date", "2020-10-06"))
    assert not js(cli("--db", demo_path, "tasks", "--overdue", "--json"))["triggered"]


def test_a_heat_wave_owes_each_named_department_its_own_patrol(demo_path, cli):
    # 城管局 and 民政局 each log their part of the summer campaign; 公安局, silent, is the only one late.
    r = ok(
        cli(
            "--db",
            demo_path,
            "event",
            "heat_wave",
            "--case",
            "2020-07-heat",
            "--unit",
            "民政局",
            "--date",
            "2020-07-20",
        )
    )
    assert r.out.startswith("已记录 高温 案号 2020-07-heat") and r.out.count("A3.1-summer") == 3
    for unit in ("城管局", "民政局"):
        ok(
            cli(
                "--db",
                demo_path,
                "fulfil",
                "A3.1-summer",
                "--case",
                "2020-07-heat",
                "--unit",
                unit,
                "--date",
                "2020-07-21",
            )
        )
    late = js(cli("--db", demo_path, "tasks", "--overdue", "--json"))["triggered"]
    assert [(o["trigger"], o["unit"]) for o in late] == [("A3.1-summer", "public_security")]
    r = cli("--db", demo_path, "fulfil", "A3.1-summer", "--case", "2020-07-heat", "--unit", "卫健局")
    assert r.status == 1 and "health" in r.err and r.err.count("\n") == 1  # not a unit the seed names


@pytest.mark.parametrize("case", ["430000199001011234", "张三", "2020 017"])
def test_a_case_is_a_number_never_a_name_or_an_id_number(demo_path, cli, case):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", "event", "admission", "--case", case, "--unit", "rescue_station")
    assert r.status == 1 and "case number" in r.err and r.err.count("\n") == 1
    assert folder_digest(demo_path) == before


@pytest.mark.parametrize("args", [["--help"], ["audit", "--limit", "3"], ["db", "backups"]])
def test_commands_that_read_no_plan_import_neither_the_model_nor_the_plugins(args, demo_path):
    assert _imported(("duban.core.model", "pluggy"), demo_path, args) == "HEAVY:"


def test_show_names_every_unit_with_a_part_among_the_responsible(demo_path, cli):
    # The station answers for A4.1's first step though the task lists only 公安局 and 民政局.
    line = next(x for x in ok(cli("--db", demo_path, "show", "A4.1")).out.splitlines() if x.startswith("责任单位"))
    assert all(name in line for name in ("公安局", "民政局", "救助站")), line


def test_only_a_command_that_ends_soon_freezes_what_it_loaded(demo_path, cli, monkeypatch):
    """A listing keeps its record to the end, so it is frozen out of the cyclic collector's passes; the
    dashboard and the feed server read again and again, and freezing each read would keep every old
    record's cycles for good. Either way, the process's objects are collectable again afterwards."""
    import gc

    assert cli("--db", demo_path, "tasks").status == 0
    assert gc.get_freeze_count() == 0  # unfrozen when the command returned
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    assert cli("--db", demo_path, "tasks").status == 0 and frozen
    frozen.clear()
    assert cli("--db", demo_path).status == 0  # the dashboard command (piped: the status text)
    assert not frozen
    from duban.cli.calendar_cmds import serve
    from duban.cli.read_cmds import dashboard, tasks

    assert serve.long_lived and dashboard.long_lived and not getattr(tasks, "long_lived", False)


def test_a_listing_loads_with_the_collector_paused_and_leaves_it_running(demo_path, cli, monkeypatch):
    """The objects a load makes are the record, not garbage: the collector waits until they are frozen,
    and runs again afterwards, a damaged record included."""
    import gc

    from duban.core import workspace

    during = []
    real = workspace.load_record

    def spy(*args, **kwargs):
        during.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(workspace, "load_record", spy)
    assert cli("--db", demo_path, "tasks").status == 0
    assert during == [False] and gc.isenabled()

    def damaged(*args, **kwargs):
        during.append(gc.isenabled())
        raise ValueError("not a task")

    monkeypatch.setattr(workspace, "load_record", damaged)
    assert cli("--db", demo_path, "tasks").status == 1
    assert during[-1] is False and gc.isenabled()


def test_the_duban_command_leaves_its_record_frozen_as_the_process_ends(demo_path, monkeypatch, capsys):
    """`duban` (the console script) ends the process with the command: unfreezing would only hand the
    whole record to the interpreter's last collection. In-process callers get it unfrozen."""
    import gc
    import importlib.metadata

    from duban.cli.main import run

    script = next(e for e in importlib.metadata.entry_points(group="console_scripts") if e.name == "duban")
    assert script.load() is run
    monkeypatch.setattr(sys, "argv", ["duban", "--db", str(demo_path), "tasks"])
    try:
        with pytest.raises(SystemExit) as ended:
            run()
        assert ended.value.code == 0 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert "A1.1" in capsys.readouterr().out
