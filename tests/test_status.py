"""The status engine at its edges: due today, done late, windows, duties across month ends and leap days."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.core.dates import add_months
from duban.core.model import Deadline, HistoryEntry, RecurringDuty, Task
from duban.core.overview import overview
from duban.core.planfile import rebase
from duban.core.status import (
    DONE_LATE,
    DONE_ON_TIME,
    IN_PROGRESS,
    NOT_STARTED,
    OVERDUE,
    due_within,
    duty_compliance,
    overdue,
    periods,
    task_status,
)

D = dt.date.fromisoformat


def task(*deadlines: tuple[str | None, str]) -> Task:
    return Task(
        id="T1",
        action="A1",
        title="t",
        title_en="t",
        text="",
        units=("civil_affairs",),
        deadlines=tuple(Deadline(due=D(due), start=D(s) if s else None) for s, due in deadlines),
    )


def report(day: str, percent: int, done: int | None = None, n: int = 1) -> HistoryEntry:
    return HistoryEntry(D(day), percent, done, "civil_affairs", n)


def duty(freq: str, start: str, end: str, interval: int = 1) -> RecurringDuty:
    return RecurringDuty(
        id="X",
        task="T1",
        title="x",
        title_en="x",
        freq=freq,
        start=D(start),
        end=D(end),
        units=("civil_affairs",),
        interval=interval,
    )


# -- tasks and deadlines ------------------------------------------------------------------------


def test_due_today_is_not_overdue():
    s = task_status(task((None, "2020-07-31")), [report("2020-07-01", 40)], D("2020-07-31"))
    assert s.state == IN_PROGRESS
    assert s.deadlines[0].days_left == 0 and s.days_overdue == 0
    assert [d.task for d in due_within([s], D("2020-07-31"), 0)] == ["T1"]
    assert overdue([s]) == []


def test_the_day_after_due_is_one_day_overdue():
    s = task_status(task((None, "2020-07-31")), [], D("2020-08-01"))
    assert s.state == OVERDUE and s.days_overdue == 1
    assert s.deadlines[0].days_left is None


def test_done_on_the_due_date_is_on_time_and_a_day_later_is_late():
    t = task((None, "2020-07-31"))
    on_time = task_status(t, [report("2020-07-31", 100, 0)], D("2020-12-01"))
    late = task_status(t, [report("2020-08-01", 100, 0)], D("2020-12-01"))
    assert on_time.state == DONE_ON_TIME and on_time.deadlines[0].done_on == D("2020-07-31")
    assert late.state == DONE_LATE and late.days_overdue == 0
    # On the due date, the report made the day after is not seen yet.
    assert task_status(t, [report("2020-08-01", 100, 0)], D("2020-07-31")).state == NOT_STARTED


def test_done_late_shows_late_even_when_the_next_deadline_is_met_on_time():
    t = task((None, "2020-07-31"), (None, "2020-08-31"))
    history = [report("2020-08-05", 40, 0, 1), report("2020-08-30", 100, 1, 2)]
    s = task_status(t, history, D("2020-10-15"))
    assert [d.state for d in s.deadlines] == [DONE_LATE, DONE_ON_TIME]
    assert s.state == DONE_LATE


def test_a_window_opens_before_the_due_date():
    t = task(("2020-06-21", "2020-06-30"), ("2020-12-21", "2020-12-31"))
    assert task_status(t, [], D("2020-06-20")).state == NOT_STARTED
    assert task_status(t, [], D("2020-06-25")).state == NOT_STARTED  # the window is open, nothing reported
    first = [report("2020-06-22", 20, None, 1), report("2020-06-29", 50, 0, 2)]
    s = task_status(t, first, D("2020-10-15"))
    assert s.state == IN_PROGRESS and [d.state for d in s.deadlines] == [DONE_ON_TIME, IN_PROGRESS]
    assert s.next_open().index == 1 and s.next_open().days_left == (D("2020-12-31") - D("2020-10-15")).days
    assert task_status(t, first, D("2021-01-01")).state == OVERDUE
    done = first + [report("2020-12-31", 100, 1, 3)]
    assert task_status(t, done, D("2021-01-01")).state == DONE_ON_TIME


def test_as_of_before_the_reports_ignores_them():
    t = task((None, "2020-07-31"))
    history = [report("2020-06-01", 30, None, 1), report("2020-07-10", 100, 0, 2)]
    early = task_status(t, history, D("2020-05-31"))
    assert (early.state, early.percent, early.last_report) == (NOT_STARTED, 0, None)
    mid = task_status(t, history, D("2020-06-15"))
    assert (mid.state, mid.percent, mid.last_report) == (IN_PROGRESS, 30, D("2020-06-01"))
    assert task_status(t, history, D("2020-07-10")).state == DONE_ON_TIME


# -- recurring duties ------------------------------------------------------------------------------


def test_daily_duty_across_a_leap_day_and_a_month_end():
    d = duty("daily", "2020-02-27", "2020-03-31")
    spans = periods(d, D("2020-03-02"))
    assert [first for first, _ in spans] == [
        D("2020-02-27"),
        D("2020-02-28"),
        D("2020-02-29"),
        D("2020-03-01"),
        D("2020-03-02"),
    ]
    logs = [D("2020-02-27"), D("2020-02-28"), D("2020-03-01"), D("2020-03-02")]
    c = duty_compliance(d, "civil_affairs", logs, D("2020-03-02"))
    assert (c.expected, c.logged, c.missed) == (5, 4, (D("2020-02-29"),))


def test_weekly_duty_counts_one_per_week_and_a_week_in_progress_is_not_due():
    d = duty("weekly", "2020-02-24", "2020-12-31")
    # Two logs in the first week count once; the week of 2020-03-02 has not ended on 2020-03-04.
    c = duty_compliance(d, "civil_affairs", [D("2020-02-24"), D("2020-02-29")], D("2020-03-04"))
    assert (c.expected, c.logged, c.missed) == (1, 1, ())
    c = duty_compliance(d, "civil_affairs", [D("2020-02-24"), D("2020-02-29")], D("2020-03-08"))
    assert (c.expected, c.logged, c.missed) == (2, 1, (D("2020-03-02"),))


def test_two_monthly_duty_from_january_31_clamps_to_month_ends():
    d = duty("monthly", "2020-01-31", "2021-01-30", interval=2)
    spans = periods(d, D("2021-12-31"))
    assert spans[:3] == [
        (D("2020-01-31"), D("2020-03-30")),
        (D("2020-03-31"), D("2020-05-30")),
        (D("2020-05-31"), D("2020-07-30")),
    ]
    assert len(spans) == 6 and spans[-1] == (D("2020-11-30"), D("2021-01-30"))
    # A revisit on the leap day belongs to the first period.
    c = duty_compliance(d, "t", [D("2020-02-29"), D("2020-05-30")], D("2020-07-30"))
    assert (c.expected, c.logged, c.missed) == (3, 2, (D("2020-05-31"),))


def test_monthly_duty_from_january_31_has_a_february_29_period():
    d = duty("monthly", "2020-01-31", "2020-12-31")
    spans = periods(d, D("2020-04-30"))
    assert spans == [
        (D("2020-01-31"), D("2020-02-28")),
        (D("2020-02-29"), D("2020-03-30")),
        (D("2020-03-31"), D("2020-04-29")),
    ]


def test_duty_not_yet_started_expects_nothing():
    c = duty_compliance(duty("daily", "2020-07-01", "2020-12-31"), "u", [], D("2020-06-30"))
    assert (c.expected, c.logged, c.ratio) == (0, 0, None)


def test_a_duty_ending_mid_period_counts_the_short_last_period():
    d = duty("weekly", "2020-07-01", "2020-07-10")
    assert periods(d, D("2020-12-31")) == [(D("2020-07-01"), D("2020-07-07")), (D("2020-07-08"), D("2020-07-10"))]
    assert periods(d, D("2020-07-09")) == [(D("2020-07-01"), D("2020-07-07"))]


def test_logs_after_the_as_of_date_do_not_count():
    d = duty("daily", "2020-05-01", "2020-05-31")
    c = duty_compliance(d, "u", [D("2020-05-01"), D("2020-05-03")], D("2020-05-02"))
    assert (c.expected, c.logged) == (2, 1)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(dt.date(2019, 1, 1), dt.date(2025, 12, 31)),
    freq=st.sampled_from(["daily", "weekly", "monthly"]),
    interval=st.integers(1, 4),
    length=st.integers(0, 800),
)
def test_periods_tile_the_duty_without_gaps_or_overlaps(start, freq, interval, length):
    end = start + dt.timedelta(days=length)
    spans = periods(duty(freq, start.isoformat(), end.isoformat(), interval), end)
    assert spans[0][0] == start
    assert spans[-1][1] == end
    for (a, b), (c, _) in itertools.pairwise(spans):
        assert a <= b and c == b + dt.timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(dt.date(1999, 1, 1), dt.date(2099, 12, 31)), months=st.integers(0, 60))
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved.day < day.day and (moved + dt.timedelta(days=1)).day == 1)


# -- a re-based plan --------------------------------------------------------------------------------


def test_a_rebased_plan_has_the_same_status_one_offset_later(demo_ws):
    record = demo_ws.record()
    as_of = D("2020-10-15")
    # 2020-05-01 → 2021-05-01 keeps every day of the month, so monthly duties keep their shape too.
    offset = D("2021-05-01") - record.plan.period_start
    moved = dataclasses.replace(
        record,
        plan=rebase(record.plan, D("2021-05-01")),
        history={k: [h._replace(date=h.date + offset) for h in v] for k, v in record.history.items()},
        duty_dates={k: [d + offset for d in v] for k, v in record.duty_dates.items()},
    )
    before, after = overview(record, as_of), overview(moved, as_of + offset)
    assert [(s.task.id, s.state, s.percent, s.days_overdue) for s in before.tasks] == [
        (s.task.id, s.state, s.percent, s.days_overdue) for s in after.tasks
    ]
    assert [(c.duty.id, c.unit, c.expected, c.logged) for c in before.duties] == [
        (c.duty.id, c.unit, c.expected, c.logged) for c in after.duties
    ]
    assert before.units == after.units and before.actions == after.actions
    assert after.milestone.date == before.milestone.date + offset


@pytest.mark.parametrize("as_of, state", [("2021-07-31", IN_PROGRESS), ("2021-08-01", OVERDUE)])
def test_rebased_database_moves_the_settlement_deadline(as_of, state, tmp_path, cli):
    db = tmp_path / "db"
    assert cli("--db", db, "init", "--start", "2021-05-01").status == 0
    r = cli("--db", db, "progress", "A4.1", "--unit", "civil_affairs", "--percent", "10", "--date", "2021-05-10")
    assert r.status == 0, r.err
    r = cli("--db", db, "show", "A4.1", "--as-of", as_of, "--json")
    data = json.loads(r.out)
    assert data["deadlines"][0]["due"] == "2021-07-31"
    assert data["state"] == state


@pytest.mark.parametrize("freq", ["daily", "weekly", "monthly"])
def test_periods_at_the_end_of_the_calendar_and_with_huge_intervals(freq):
    huge = duty(freq, "2020-01-01", "2021-12-31", interval=10**9)
    assert periods(huge, D("9999-12-31")) == [(D("2020-01-01"), D("2021-12-31"))]
    late = duty(freq, "9999-12-25", "9999-12-31", interval=3)
    spans = periods(late, D("9999-12-31"))
    assert spans[0][0] == D("9999-12-25") and spans[-1][1] == D("9999-12-31")


def test_statuses_worked_out_once_follow_a_report_applied_to_the_same_record(demo_path):
    """all_task_status keeps its answer on the record; a report applied to that record (as an import
    does, row after row) is in the next answer."""
    import datetime as dt

    from duban.core.model import ProgressReport
    from duban.core.progress import apply_report
    from duban.core.status import all_task_status
    from duban.core.store import Database
    from duban.core.workspace import Workspace

    ws = Workspace(Database(demo_path))
    record = ws.record()
    day = dt.date(2020, 10, 15)
    before = {s.task.id: s for s in all_task_status(record, day)}
    task = record.plan.known_task("A2.1")
    unit = task.parties[0]
    percent = next(p for p in (37, 38) if p != before["A2.1"].part(unit).percent)
    with ws.db.transaction("clerk") as tx:
        apply_report(tx, record, ProgressReport("A2.1", unit, day, percent))
    after = {s.task.id: s for s in all_task_status(record, day)}
    assert after["A2.1"].part(unit).percent == percent
    assert after["A2.2"] == before["A2.2"]


def test_duty_compliance_worked_out_once_follows_a_log_applied_to_the_same_record(demo_path):
    """all_duty_compliance keeps its answer on the record; a duty log applied to that record is in
    the next answer."""
    import datetime as dt

    from duban.core.dutylog import apply_log
    from duban.core.model import DutyLog
    from duban.core.status import all_duty_compliance
    from duban.core.store import Database
    from duban.core.workspace import Workspace

    ws = Workspace(Database(demo_path))
    record = ws.record()
    day = dt.date(2020, 10, 15)

    def logged() -> int:
        return next(
            c.logged
            for c in all_duty_compliance(record, day)
            if (c.duty.id, c.unit) == ("A1.3-patrol", "civil_affairs")
        )

    before = logged()
    patrol = record.plan.duty("A1.3-patrol")
    assert patrol is not None
    done = set(record.duty_dates_for(patrol, "civil_affairs"))
    free = next(day - dt.timedelta(days=k) for k in range(1, 200) if day - dt.timedelta(days=k) not in done)
    with ws.db.transaction("clerk") as tx:
        apply_log(tx, record, DutyLog("A1.3-patrol", free, "civil_affairs"))
    assert logged() == before + 1


def test_the_morning_pages_quiet_units_follow_the_plans_quiet_days(demo_ws):
    """The morning page's 'no entry for N days' is the plan's [settings] quiet_days (7 in the built-in
    plan), not the committee's 30-day silence rule: a county that sets another sees it."""
    from duban.core.trouble import silent_units

    record = demo_ws.record()
    as_of = dt.date(2020, 10, 15)
    assert record.plan.settings["quiet_days"] == 7
    quiet = dict(silent_units(record, as_of))
    assert quiet["political_legal"] == 132 and all(days is None or days >= 7 for days in quiet.values())
    patient = dataclasses.replace(record, plan=dataclasses.replace(record.plan, settings={"quiet_days": 200}))
    assert "political_legal" not in dict(silent_units(patient, as_of))
