"""The built-in plan matches the brief, bad plan files are refused clearly, --start re-bases."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from duban.core.errors import DubanError
from duban.core.planfile import load_plan, read_plan_text, rebase
from duban.core.record import load_record
from duban.core.registry import load_registry
from duban.core.store import Database
from tests.helpers import TWELVE, builtin_text, run_duban

D = dt.date.fromisoformat
END = D("2021-06-30")  # the action runs 2020-05 to 2021-06; tasks the seed gives no date fall due at its end

# Written out from docs/plan-brief.md (not from the TOML): task → (its listed units, in the seed's
# order, each answering for its own part, and [(window start, due, actors)]). No task has a lead.
A11 = ["civil_affairs", "political_legal", "public_security", "health", "emergency", "market_regulation"]
EXPECTED_TASKS = {
    "A1.1": (
        [*A11, "medical_security", "fire_rescue"],
        [("2020-06-21", "2020-06-30", ()), ("2020-12-21", "2020-12-31", ())],
    ),
    "A1.2": (["civil_affairs"], [(None, END, ())]),
    "A1.3": (["civil_affairs"], [(None, END, ())]),
    "A1.4": (["civil_affairs"], [(None, END, ())]),
    "A2.1": (["public_security"], [(None, END, ())]),
    "A2.2": (["rescue_station"], [(None, END, ())]),
    "A2.3": (["civil_affairs"], [(None, END, ())]),
    "A3.1": (["public_security", "urban_management", "civil_affairs"], [(None, END, ())]),
    "A3.2": (["urban_management"], [(None, END, ())]),
    "A3.3": (["public_security", "urban_management"], [(None, END, ())]),
    # Three steps, three actors: the station files by 2020-07-31; civil affairs plans by 2020-08-31;
    # the police *start* registration, on no date.
    "A4.1": (
        ["public_security", "civil_affairs"],
        [
            (None, "2020-07-31", ("rescue_station",)),
            (None, "2020-08-31", ("civil_affairs",)),
            (None, None, ("public_security",)),
        ],
    ),
    "A4.2": (["civil_affairs"], [(None, END, ())]),
    "A5.1": (["civil_affairs", "medical_security"], [(None, END, ())]),
    "A5.2": (["civil_affairs", "poverty_alleviation"], [(None, END, ())]),
    "A6.1": (["civil_affairs"], [(None, END, ())]),
    "A6.2": (
        ["human_resources", "finance", "rescue_station"],
        [(None, END, ("rescue_station",)), (None, END, ("human_resources", "finance"))],
    ),
}


def _date(value):
    return None if value is None else value if isinstance(value, dt.date) else D(value)


@pytest.fixture(scope="module")
def units():
    return load_registry(False).units


@pytest.fixture(scope="module")
def plan(units):
    return load_plan(None, units)


def test_plan_head_matches_the_seed(plan):
    assert plan.doc_number == "临民字[2020] 58号"
    assert (plan.period_start, plan.period_end) == (D("2020-05-01"), D("2021-06-30"))
    assert plan.timezone == "Asia/Shanghai"
    assert [a.id for a in plan.actions] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert [m.date for m in plan.milestones] == [D("2020-08-20"), D("2020-12-20"), D("2021-04-20")]


def test_every_task_has_exactly_the_units_and_dates_of_the_brief(plan):
    assert [t.id for t in plan.tasks] == list(EXPECTED_TASKS)
    for task in plan.tasks:
        units, deadlines = EXPECTED_TASKS[task.id]
        assert task.lead == "", task.id  # the seed names no lead
        assert list(task.units) == units, task.id
        assert task.action == task.id.split(".")[0]
        assert [(d.start, d.due, d.actors) for d in task.deadlines] == [
            (_date(s), _date(e), a) for s, e, a in deadlines
        ], task.id
    a41 = plan.task("A4.1")
    assert a41.parties == ("public_security", "civil_affairs", "rescue_station")
    assert all(d.reading for d in a41.deadlines[:2]) and not a41.deadlines[2].reading


def test_units_are_the_twelve_departments_and_the_station(units):
    assert list(units)[:12] == TWELVE
    assert set(units) == set(TWELVE) | {"rescue_station"}
    assert units["rescue_station"].kind == "station"
    assert all(units[c].kind == "department" for c in TWELVE)


def test_recurring_duties_of_the_brief(plan):
    duties = {d.id: d for d in plan.duties}
    daily = [d for d in duties.values() if d.task == "A1.3" and d.freq == "daily"]
    weekly = [d for d in duties.values() if d.task == "A1.3" and d.freq == "weekly"]
    assert len(daily) == 1 and len(weekly) == 1
    revisit = [d for d in duties.values() if d.task == "A5.2"]
    assert len(revisit) == 1
    r = revisit[0]
    assert (r.freq, r.interval, r.per_township) == ("monthly", 2, True)
    assert (r.end - r.start).days >= 364  # "回访期不少于一年"
    assert r.reading  # when the revisits start is a reading, with the seed's sentence
    # The living-area patrol is 民政局's and 救助站's: one log from either keeps the day.
    assert (daily[0].units, daily[0].joint) == (("civil_affairs", "rescue_station"), "any")
    # No invented calendars: A2.2 and A3.1 are triggered by events, A3.2 asks for a patrol system.
    assert not [d for d in duties.values() if d.task in ("A2.2", "A3.1", "A3.2")]
    # A2.2 is triggered per person: the notice falls due three days after an admission (a reading).
    tracing = next(x for x in plan.triggers if x.id == "A2.2-tracing")
    assert (tracing.event, tracing.due_days, tracing.units) == ("admission", 3, ("rescue_station",))
    assert "入站超过三天" in tracing.reading
    # Every cadence or date the seed does not state carries the seed's sentence as a reading.
    assert all(x.reading for x in plan.triggers)
    assert all(d.reading for t in plan.tasks for d in t.deadlines if d.due == plan.period_end)
    for d in duties.values():
        assert plan.period_start <= d.start <= d.end <= plan.period_end, d.id


# -- bad plan files ------------------------------------------------------------------------------


def _line_of(text: str, needle: str, nth: int = 0) -> int:
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return hits[nth]


def _bad(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


BAD_CASES = {
    # name: (old, new, needle on the line the message must name, words the message must name)
    "wrong date": ("{ due = 2020-07-31,", '{ due = "2020-13-01",', '"2020-13-01"', ["due", "2020-13-01"]),
    "february 30": ("{ due = 2020-08-31,", '{ due = "2020-02-30",', '"2020-02-30"', ["due", "2020-02-30"]),
    "unknown unit": (
        'units = ["urban_management"]',
        'units = ["urban_mgmt"]',
        'units = ["urban_mgmt"]',
        ["units", "urban_mgmt"],
    ),
    "unknown actor": (
        'actors = ["rescue_station"]',
        'actors = ["rescue_statoin"]',
        'actors = ["rescue_statoin"]',
        ["actors", "rescue_statoin"],
    ),
    "duplicate id": ('id = "A1.2"', 'id = "A1.1"', 'id = "A1.1"', ["id", "A1.1"]),
    "window after due": (
        "{ start = 2020-06-21, due = 2020-06-30",
        "{ start = 2020-07-21, due = 2020-06-30",
        "start = 2020-07-21",
        ["start"],
    ),
    "duty frequency": ('freq = "daily"', 'freq = "hourly"', 'freq = "hourly"', ["freq"]),
    "due-soon setting": ("due_soon_days = 14", 'due_soon_days = "x"', 'due_soon_days = "x"', ["due_soon_days"]),
    "due-soon infinite": ("due_soon_days = 14", "due_soon_days = 1e400", "due_soon_days = 1e400", ["due_soon_days"]),
    "quiet-days setting": ("quiet_days = 7", "quiet_days = -3", "quiet_days = -3", ["quiet_days"]),
    # silent_days is the committee's, under [settings.flags]: at the top it would change nothing.
    "silence setting in the wrong table": (
        "quiet_days = 7",
        "quiet_days = 7\nsilent_days = 10",
        "silent_days = 10",
        ["settings.silent_days", "[settings.flags]"],
    ),
    "misspelt setting": ("quiet_days = 7", "quiet_day = 3", "quiet_day = 3", ["settings.quiet_day", "quiet_days"]),
    "flag threshold misspelt": (
        "silent_days = 30",
        "silent_day = 10",
        "silent_day = 10",
        ["settings.flags.silent_day", "silent_days"],
    ),
    "target for a metric no plugin defines": (
        "[[actions]]",
        '[settings.targets]\n"finance.purchased_service_yuan" = 200000\n\n[[actions]]',
        "purchased_service_yuan",
        ["settings.targets", "finance.purchased_services_yuan"],
    ),
    "text where a list goes": (
        'units = ["public_security"]',
        'units = "public_security"',
        'units = "public_security"',
        ["units"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_plan_file_names_field_and_line(case, tmp_path, cli):
    old, new, needle, words = BAD_CASES[case]
    text = _bad(builtin_text(), old, new)
    nth = 1 if case == "duplicate id" else 0
    line = _line_of(text, needle, nth)
    plan_file = tmp_path / "county.toml"
    plan_file.write_text(text, encoding="utf-8")
    r = cli("--db", tmp_path / "db", "--lang", "en", "init", "--plan", plan_file)
    assert r.status == 1 and r.out == ""
    assert r.err.startswith("duban: ") and r.err.count("\n") == 1, r.err
    assert f"line {line}:" in r.err, r.err
    assert "county.toml" in r.err
    for word in words:
        assert word in r.err, r.err
    assert not (tmp_path / "db" / "meta.json").exists()


def test_missing_field_names_the_field(tmp_path, cli):
    text = _bad(builtin_text(), 'title = "强化站内照料"\n', "")
    plan_file = tmp_path / "county.toml"
    plan_file.write_text(text, encoding="utf-8")
    r = cli("--db", tmp_path / "db", "init", "--plan", plan_file)
    assert r.status == 1 and r.err.count("\n") == 1
    assert "tasks[1].title" in r.err and "缺少" in r.err
    line = int(re.search(r"第 (\d+) 行", r.err).group(1))
    assert text.splitlines()[line - 1].startswith("[[tasks]]")
    assert _line_of(text, 'id = "A1.2"') == line + 1


def test_toml_syntax_error_names_the_line(units):
    text = builtin_text()
    lines = text.splitlines()
    n = _line_of(text, 'id = "A2.1"')
    lines[n - 1] = 'id = "A2.1'  # unterminated string
    with pytest.raises(DubanError) as info:
        read_plan_text("\n".join(lines), "county.toml", units)
    assert f"第 {n} 行" in str(info.value) and "TOML" in str(info.value)


def test_init_with_a_bad_plan_file_is_one_line_exit_1_and_creates_nothing(tmp_path):
    plan_file = tmp_path / "county.toml"
    plan_file.write_text(
        _bad(builtin_text(), 'units = ["urban_management"]', 'units = ["urban_mgmt"]'), encoding="utf-8"
    )
    db = tmp_path / "db"
    r = run_duban("--db", db, "--lang", "en", "init", "--plan", plan_file)
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    line = _line_of(plan_file.read_text(encoding="utf-8"), "urban_mgmt")
    assert f"line {line}" in r.stderr and "co" in r.stderr and "urban_mgmt" in r.stderr
    assert not (db / "meta.json").exists()


@pytest.mark.parametrize("content", [b"", b"\xff\xfe not utf-8", b"[plan]\nid = 1\n", b"just words"])
def test_init_with_foreign_or_broken_files(content, tmp_path, cli):
    plan_file = tmp_path / "county.toml"
    plan_file.write_bytes(content)
    r = cli("--db", tmp_path / "db", "init", "--plan", plan_file)
    assert r.status == 1
    assert r.err.startswith("duban: ") and r.err.count("\n") == 1
    assert "county.toml" in r.err
    assert not (tmp_path / "db" / "meta.json").exists()


def test_init_with_a_missing_plan_file(tmp_path, cli):
    r = cli("--db", tmp_path / "db", "init", "--plan", tmp_path / "nope.toml")
    assert r.status == 1 and "nope.toml" in r.err


def test_another_countys_plan_loads_from_a_file(tmp_path, cli, units):
    text = builtin_text().replace('id = "linwu-2020-rescue"', 'id = "jiahe-2020-rescue"')
    plan_file = tmp_path / "jiahe.toml"
    plan_file.write_text(text, encoding="utf-8")
    r = cli("--db", tmp_path / "db", "init", "--plan", plan_file)
    assert r.status == 0, r.err
    with Database(tmp_path / "db").reading() as snap:
        assert load_record(snap, units).plan.id == "jiahe-2020-rescue"


# -- re-basing ------------------------------------------------------------------------------------


def _all_dates(plan) -> list[dt.date]:
    dates = [plan.period_start, plan.period_end]
    for task in plan.tasks:
        for d in task.deadlines:
            dates += ([d.due] if d.due else []) + ([d.start] if d.start else [])
    for duty in plan.duties:
        dates += [duty.start, duty.end]
    dates += [m.date for m in plan.milestones]
    return dates


@pytest.mark.parametrize("start", ["2021-05-01", "2019-12-31", "2024-02-29"])
def test_init_start_rebases_every_date_by_one_offset(start, tmp_path, cli, plan, units):
    r = cli("--db", tmp_path / "db", "init", "--start", start)
    assert r.status == 0, r.err
    with Database(tmp_path / "db").reading() as snap:
        moved = load_record(snap, units).plan
    offset = D(start) - plan.period_start
    assert moved.period_start == D(start)
    assert _all_dates(moved) == [d + offset for d in _all_dates(plan)]
    assert [t.id for t in moved.tasks] == [t.id for t in plan.tasks]
    assert [t.units for t in moved.tasks] == [t.units for t in plan.tasks]
    assert moved.settings == plan.settings


def test_rebase_to_the_same_start_is_the_same_plan(plan):
    assert rebase(plan, plan.period_start) == plan


@pytest.mark.parametrize("bad", ["2020-13-01", "2020-02-30", "tomorrow", "2020-1-32"])
def test_init_start_with_a_bad_date_is_a_usage_error(bad, tmp_path, cli):
    r = cli("--db", tmp_path / "db", "init", "--start", bad)
    assert r.status == 2
    assert bad in r.err and r.err.count("\n") == 1
    assert not (tmp_path / "db").exists()


def test_an_amendment_naming_a_threshold_no_rule_reads_is_refused(demo_path, cli, tmp_path):
    """The committee would believe it set silence at 10 days while the rule kept reading 30."""
    text = builtin_text().replace("silent_days = 30", "silent_day = 10")
    plan_file = tmp_path / "amended.toml"
    plan_file.write_text(text, encoding="utf-8")
    r = cli("--db", demo_path, "--lang", "en", "plan", "diff", plan_file)
    assert r.status == 1 and r.err.count("\n") == 1, r.err
    assert f"line {_line_of(text, 'silent_day = 10')}:" in r.err and "did you mean silent_days?" in r.err
