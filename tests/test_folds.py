"""Task history and duty dates stay exact across checkpoints of the folded views."""

import datetime as dt

import pytest

from duban.core import folds
from duban.core.dutylog import log_duty
from duban.core.progress import record_progress
from duban.core.record import load_record
from duban.core.status import duty_compliance, task_status

AS_OF = dt.date(2020, 10, 15)


def _naive(snap):
    """History and duty dates rebuilt from the logs alone, the slow and obviously right way."""
    history, dates = {}, {}
    for doc in sorted(snap.all("progress"), key=lambda d: (d["date"], d["id"])):
        history.setdefault(doc["task"], []).append((doc["date"], doc["percent"], doc["done_deadline"], doc["id"]))
    for doc in snap.all("duty_logs"):
        dates.setdefault((doc["duty"], doc["unit"]), set()).add(doc["date"])
    return history, {k: sorted(v) for k, v in dates.items()}


@pytest.mark.parametrize("every", [1, 3, 1000])
def test_views_match_the_logs_whatever_the_checkpoint_interval(demo_ws, monkeypatch, every):
    monkeypatch.setattr(folds, "CHECKPOINT_EVERY", every)
    units = demo_ws.units
    for i, task in enumerate(["A2.1", "A3.2", "A2.1", "A5.1", "A6.2", "A3.2", "A2.3"]):
        unit = demo_ws.record().plan.task(task).parties[0]
        record_progress(demo_ws, task, 10 + i, dt.date(2020, 10, 1 + i), unit=unit, note=f"n{i}", lower=True)
        folds.fold_due(demo_ws.db)  # what the command line starts after each write
    # Dated before A2.1's latest report: the write must check it against the whole history.
    record_progress(demo_ws, "A2.1", 5, dt.date(2020, 8, 1), note="late entry")
    record = demo_ws.record()
    duty = record.plan.duty("A1.3-patrol")
    missed = duty_compliance(duty, "civil_affairs", record.duty_dates[(duty.id, "civil_affairs")], AS_OF).missed
    for day in missed[:5]:
        log_duty(demo_ws, duty.id, day, unit="civil_affairs", author="test")
        folds.fold_due(demo_ws.db)

    with demo_ws.db.reading() as snap:
        record = load_record(snap, units)
        history, dates = _naive(snap)
    assert {
        k: [(h.date.isoformat(), h.percent, h.done_deadline, h.report) for h in v] for k, v in record.history.items()
    } == history
    assert {k: [d.isoformat() for d in v] for k, v in record.duty_dates.items()} == dates
    after = duty_compliance(duty, "civil_affairs", record.duty_dates[(duty.id, "civil_affairs")], AS_OF)
    assert after.logged == 60 + 5  # civil affairs' own logs (the station logged the patrol's other days)


def test_listing_as_of_today_reads_only_the_deciding_entries_and_agrees_with_the_full_history(demo_ws, monkeypatch):
    monkeypatch.setattr(folds, "CHECKPOINT_EVERY", 2)
    units = demo_ws.units
    record_progress(demo_ws, "A1.1", 60, dt.date(2020, 10, 2), unit="civil_affairs", note="second round prepared")
    record_progress(demo_ws, "A2.1", 50, dt.date(2020, 10, 3))
    record_progress(demo_ws, "A2.1", 55, dt.date(2020, 10, 4))
    assert "task_state" in folds.fold_due(demo_ws.db)
    record_progress(demo_ws, "A2.1", 57, dt.date(2020, 10, 5))  # and one in the tail after the fold
    full = demo_ws.record()
    for day in (AS_OF, dt.date(2020, 10, 3), dt.date(2020, 7, 1)):
        with demo_ws.db.reading() as snap:
            light = load_record(snap, units, texts=False, latest_as_of=day)
        for task in full.plan.tasks:
            want = task_status(task, full.history.get(task.id, []), day)
            got = task_status(task, light.history.get(task.id, []), day)
            assert (got.state, got.percent, got.last_report, [d.done_on for d in got.deadlines]) == (
                want.state,
                want.percent,
                want.last_report,
                [d.done_on for d in want.deadlines],
            ), (day, task.id)
        if day == AS_OF:  # on the campaign's day, A1.1 keeps per unit its round-one completion and latest report
            kept = [(h.unit, h.percent) for h in light.history["A1.1"]]
            assert ("civil_affairs", 60) in kept and ("civil_affairs", 20) not in kept
            assert len(kept) == len(full.history["A1.1"]) - 1


def _checkpoint(db, view: str) -> dict | None:
    with db.reading() as snap:
        return next((d for d in snap.all("checkpoints") if d["view"] == view), None)


def _reports_in_one_go(ws, count: int) -> None:
    """`count` reports appended in one transaction: a tail as long as a busy month leaves."""
    from duban.core.progress import apply_report, check_report

    with ws.db.transaction("test") as tx:
        record = load_record(tx, ws.units)
        for i in range(count):
            apply_report(tx, record, check_report(record, "A2.1", 50, dt.date(2020, 10, 14), note=f"r{i}"))


def test_a_write_only_appends_and_the_fold_after_it_does_the_rest(demo_ws, monkeypatch):
    monkeypatch.setattr(folds, "CHECKPOINT_EVERY", 2)
    before = _checkpoint(demo_ws.db, "task_state")
    for i in range(3):
        record_progress(demo_ws, "A2.1", 50 + i, dt.date(2020, 10, 14), note=f"n{i}")
    assert _checkpoint(demo_ws.db, "task_state") == before  # no write rewrote the view
    with demo_ws.db.reading() as snap:
        assert "task_state" in folds.due_views(snap)
        last = max(d["id"] for d in snap.all("progress"))
    assert "task_state" in folds.fold_due(demo_ws.db)
    assert _checkpoint(demo_ws.db, "task_state")["last_id"] == last
    assert folds.fold_due(demo_ws.db) == []  # nothing left, and no commit for nothing
    with demo_ws.db.reading() as snap:
        record = load_record(snap, demo_ws.units)
        history, _dates = _naive(snap)
    assert [(h.date.isoformat(), h.percent, h.done_deadline, h.report) for h in record.history["A2.1"]] == history[
        "A2.1"
    ]


def test_the_duban_command_leaves_the_fold_to_a_process_of_its_own(demo_ws, demo_path, monkeypatch, tmp_path):
    """`duban progress` returns without folding; the process it starts folds, on its own lock, even from a
    folder holding another `duban` (a checkout of the source, where the benchmark once ran it)."""
    import subprocess

    from duban.cli import folding
    from duban.cli.main import main

    _reports_in_one_go(demo_ws, folds.CHECKPOINT_EVERY)
    started = []
    monkeypatch.setattr(folding.subprocess, "Popen", lambda argv, **kw: started.append((argv, kw)))
    before = _checkpoint(demo_ws.db, "task_state")
    assert main(["--db", str(demo_path), "progress", "A2.1", "--percent", "40", "--lower"], process_ends=True) == 0
    assert _checkpoint(demo_ws.db, "task_state") == before  # the clerk's command did not fold
    monkeypatch.undo()
    [(argv, kw)] = started
    assert argv[-4:] == ["--db", str(demo_path), "db", "fold"] and kw["start_new_session"]
    decoy = tmp_path / "checkout" / "duban"
    decoy.mkdir(parents=True)
    (decoy / "__init__.py").write_text("raise ImportError('not the installed duban')\n")
    # That process, for real, started where the clerk was.
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=decoy.parent)
    assert done.returncode == 0, done.stderr
    with demo_ws.db.reading() as snap:
        assert folds.due_views(snap) == []
        history, _dates = _naive(snap)
    record = demo_ws.record()
    assert {
        k: [(h.date.isoformat(), h.percent, h.done_deadline, h.report) for h in v] for k, v in record.history.items()
    } == history


def test_a_program_calling_main_gets_the_fold_before_main_returns(demo_path, demo_ws, cli, monkeypatch):
    from duban.cli import folding

    monkeypatch.setattr(folds, "CHECKPOINT_EVERY", 1)
    monkeypatch.setattr(folding.subprocess, "Popen", lambda *a, **k: pytest.fail("a process was started"))
    r = cli("--db", demo_path, "log", "A1.3-patrol", "--unit", "civil_affairs", "--date", "2020-10-14")
    assert r.status == 0, r.err
    with demo_ws.db.reading() as snap:
        assert folds.due_views(snap) == []
        assert _checkpoint(demo_ws.db, "duty_state")["last_id"] == max(d["id"] for d in snap.all("duty_logs"))


def test_db_fold_says_what_it_folded(demo_path, demo_ws, cli):
    r = cli("--db", demo_path, "db", "fold")
    assert (r.status, r.out) == (0, "没有需要并入的新条目\n")
    _reports_in_one_go(demo_ws, folds.CHECKPOINT_EVERY)
    r = cli("--db", demo_path, "--lang", "en", "db", "fold")
    assert (r.status, r.out) == (0, "Folded into their views: progress reports\n")
