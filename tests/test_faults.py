"""Faults: processes writing at once, a writer killed mid-write, a held lock, a disk that fills up."""

from __future__ import annotations

import errno
import fcntl
import multiprocessing
import os
import random
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from duban.core.errors import DubanError
from duban.core.store import LOCK, Database
from tests.helpers import ROOT, duban_argv, folder_digest, progress_count, run_duban, temp_files, write_one

FORK = multiprocessing.get_context("fork")


def new_db(path: Path) -> Database:
    db = Database(path, lock_timeout=120, on_wait=lambda msg: None)
    db.create("test", {"counter": [{"n": 0}]}, {"plan": "faults"})
    return db


def bump(db: Database, who: str, extra: dict | None = None) -> int:
    """One read-modify-write: read the counter, store it plus one, log the value it wrote."""
    with db.transaction(who) as tx:
        table = tx.table("counter")
        n = table.get(doc_id=1)["n"] + 1
        table.update({"n": n}, doc_ids=[1])
        tx.append("progress", {"n": n, "who": who, **(extra or {})})
        if n % 5 == 0:
            tx.audit("bump", who, n - 1, n)
    return n


def _rmw_worker(path: str, proc: int, count: int) -> None:
    db = Database(path, lock_timeout=120, on_wait=lambda msg: None)
    for i in range(count):
        bump(db, f"p{proc}", {"proc": proc, "i": i})


@pytest.mark.slow
@pytest.mark.parametrize("procs", [2, 4])
def test_processes_doing_read_modify_writes_lose_nothing(procs, tmp_path):
    count = 200
    db = new_db(tmp_path / "db")
    workers = [FORK.Process(target=_rmw_worker, args=(str(db.path), p, count)) for p in range(procs)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    with db.reading() as snap:
        counter = snap.table("counter").get(doc_id=1)["n"]
        logged = snap.all("progress")
        audit = snap.all("audit")
    total = procs * count
    assert counter == total
    assert len(logged) == total
    assert len({d["id"] for d in logged}) == total  # no duplicate ids
    assert sorted(d["n"] for d in logged) == list(range(1, total + 1))  # every increment saw the one before
    assert {(d["proc"], d["i"]) for d in logged} == {(p, i) for p in range(procs) for i in range(count)}
    assert len(audit) == 1 + total // 5 and len({a["id"] for a in audit}) == len(audit)
    assert db.check()["tables"]["progress"] == total


def _killable_writer(path: str, ack_fd: int) -> None:
    db = Database(path, lock_timeout=120, on_wait=lambda msg: None)
    while True:
        n = bump(db, "writer", {"pad": "x" * random.randint(0, 3000)})
        os.write(ack_fd, f"{n}\n".encode())  # acknowledged only after the commit returned


def _kill_midway(target, path: str, after: float) -> list[int]:
    """Run `target(path, ack_fd)` in a child, SIGKILL it after `after` seconds; the ids it acknowledged."""
    read_end, write_end = os.pipe()
    child = FORK.Process(target=target, args=(path, write_end))
    child.start()
    os.close(write_end)
    time.sleep(after)
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    acks = b""
    while chunk := os.read(read_end, 65536):
        acks += chunk
    os.close(read_end)
    return [int(x) for x in acks.decode().split()]


@pytest.mark.slow
def test_a_writer_killed_at_random_moments_never_loses_an_acknowledged_write(tmp_path):
    db = new_db(tmp_path / "db")
    rng = random.Random(7)
    acknowledged = 0
    for _ in range(50):
        lines = _kill_midway(_killable_writer, str(db.path), rng.uniform(0.005, 0.12))
        if lines:
            acknowledged = lines[-1]
        # The database always opens, and holds every acknowledged write, each exactly once.
        counts = db.check()["tables"]
        with db.reading() as snap:
            counter = snap.table("counter").get(doc_id=1)["n"]
            ns = [d["n"] for d in snap.all("progress")]
        assert counter >= acknowledged
        assert ns == list(range(1, counter + 1))
        assert counts.get("progress", 0) == counter
    assert acknowledged >= 10  # the writer did get work done between the kills (nearly 2,000 on a quiet machine)
    # The next commit sweeps whatever the killed writers left behind.
    bump(db, "after")
    leftovers = [p.name for p in db.path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    meta_files = set(db.check()["tables"])
    assert {"counter", "progress", "audit"} <= meta_files


@pytest.mark.slow
def test_held_lock_gives_a_waiting_message_then_a_clear_timeout(demo_path):
    before = folder_digest(demo_path)
    fd = os.open(demo_path / LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        env = {"DUBAN_LOCK_TIMEOUT": "1"}
        for args in (["progress", "A2.1", "--percent", "60"], ["status"]):
            r = run_duban("--db", demo_path, "--lang", "en", *args, env=env)
            assert r.returncode == 1, r.stderr
            lines = r.stderr.splitlines()
            assert len(lines) == 2 and "Traceback" not in r.stderr
            assert "waiting" in lines[0]
            assert "timed out after 1 s" in lines[1] and str(demo_path / LOCK) in lines[1]
        assert folder_digest(demo_path) == before
    finally:
        os.close(fd)


def test_a_busy_lock_released_in_time_lets_the_write_through(demo_path):
    fd = os.open(demo_path / LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        proc = subprocess.Popen(
            duban_argv("--db", demo_path, "--lang", "en", "progress", "A2.1", "--percent", "60"),
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "DUBAN_LOCK_TIMEOUT": "20"},
        )
        # Released once the writer says it waits (however slow the machine is to start it), not after a guess.
        said, deadline = "", time.monotonic() + 30
        while "waiting" not in said and time.monotonic() < deadline and proc.poll() is None:
            if select.select([proc.stderr], [], [], 0.2)[0]:
                said += proc.stderr.readline()
    finally:
        os.close(fd)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, said + err
    assert "waiting" in said and "60%" in out


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_lock_timeout_from_the_environment_must_be_a_number(value, demo_path):
    r = run_duban("--db", demo_path, "status", env={"DUBAN_LOCK_TIMEOUT": value})
    assert r.returncode == 1, r.stderr
    assert "DUBAN_LOCK_TIMEOUT" in r.stderr and "Traceback" not in r.stderr


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs of our own, where the test can mount one (root on Linux)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small filesystem needs root; tests/test_store.py injects ENOSPC instead")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs; tests/test_store.py injects ENOSPC instead")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_real_disk_filling_up(small_disk, demo_path, demo_ws):

    path = small_disk / "db"
    shutil.copytree(demo_path, path)
    db = Database(path)
    filler = small_disk / "filler"
    with open(filler, "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    failures = 0
    expected = 27
    for free in (0, 4096, 8192, 16384, 32768):
        os.truncate(filler, max(0, filler.stat().st_size - free))
        before = folder_digest(path)
        try:
            write_one(db, demo_ws)
        except DubanError as exc:
            failures += 1
            assert os.strerror(errno.ENOSPC) in str(exc) and "\n" not in str(exc)
            assert folder_digest(path) == before
            assert temp_files(path) == []
        else:
            expected += 1
        assert progress_count(db) == expected
        db.check()
    assert failures >= 1
    filler.unlink()
    write_one(db, demo_ws)
    assert progress_count(db) == expected + 1


def _writer(path: str, count: int) -> None:
    db = Database(path, lock_timeout=120, on_wait=lambda msg: None)
    for _ in range(count):
        bump(db, "writer", {"pad": "y" * 500})


def test_a_reader_never_sees_a_partial_commit_while_a_writer_writes(tmp_path):
    db = new_db(tmp_path / "db")
    writer = FORK.Process(target=_writer, args=(str(db.path), 60))
    writer.start()
    reads = 0
    seen = set()
    while writer.is_alive() or reads == 0:
        with db.reading() as snap:
            counter = snap.table("counter").get(doc_id=1)["n"]
            ns = [d["n"] for d in snap.all("progress")]
        # The rewritten table and the appended log always come from the same commit.
        assert ns == list(range(1, counter + 1))
        seen.add(counter)
        reads += 1
    writer.join()
    assert writer.exitcode == 0
    assert len(seen) > 5  # the reads interleaved with the writes: neither side starved the other


def _killable_reporter(path: str, ack_fd: int) -> None:
    import datetime as dt

    from duban.core import folds
    from duban.core.progress import record_progress
    from duban.core.workspace import Workspace

    folds.CHECKPOINT_EVERY = 3  # fold the history often, so kills land in folds too
    ws = Workspace(Database(path, lock_timeout=120, on_wait=lambda msg: None), load_entrypoints=False)
    i = 0
    while True:
        result = record_progress(ws, "A2.1", i % 101, dt.date(2020, 10, 14), note=f"r{i}", author="k", lower=True)
        os.write(ack_fd, f"{result.report_id}\n".encode())
        folds.fold_due(ws.db)  # as the command line does after each write
        i += 1


@pytest.mark.slow
def test_progress_reports_killed_mid_write_keep_history_and_log_in_step(demo_path, demo_ws):
    rng = random.Random(11)
    acked: set[int] = set()
    for _ in range(20):
        acked |= set(_kill_midway(_killable_reporter, str(demo_path), rng.uniform(0.05, 0.25)))
        record = demo_ws.record()
        with demo_ws.db.reading() as snap:
            logged = {d["id"] for d in snap.all("progress") if d["task"] == "A2.1"}
        history = {h.report for h in record.history["A2.1"]}
        assert acked <= logged
        assert history == logged  # the folded view and the log never disagree
    assert len(acked) >= 5  # (several hundred on a quiet machine)
    demo_ws.db.check()


def _reporter(path: str, proc: int, count: int) -> None:
    import datetime as dt

    from duban.core import folds
    from duban.core.progress import record_progress
    from duban.core.workspace import Workspace

    folds.CHECKPOINT_EVERY = 5
    ws = Workspace(Database(path, lock_timeout=120, on_wait=lambda msg: None), load_entrypoints=False)
    for i in range(count):
        record_progress(
            ws,
            "A2.1" if proc % 2 else "A3.1",
            50,
            dt.date(2020, 10, 14),
            unit="public_security",
            note=f"p{proc}-{i}",
            author=f"p{proc}",
        )
        folds.fold_due(ws.db)


@pytest.mark.slow
def test_processes_recording_reports_at_once_lose_none(demo_path, demo_ws):
    before = {t: len(h) for t, h in demo_ws.record().history.items()}
    workers = [FORK.Process(target=_reporter, args=(str(demo_path), p, 60)) for p in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    history = demo_ws.record().history
    assert len(history["A2.1"]) == before["A2.1"] + 120
    assert len(history["A3.1"]) == before["A3.1"] + 120
    with demo_ws.db.reading() as snap:
        notes = [d["note"] for d in snap.all("progress")]
        ids = [d["id"] for d in snap.all("progress")]
    assert {f"p{p}-{i}" for p in range(4) for i in range(60)} <= set(notes)
    assert len(ids) == len(set(ids))


def _init(path: str, results) -> None:
    from duban.core.initdb import build_plan, init_database
    from duban.core.registry import load_registry

    try:
        init_database(
            Database(path, lock_timeout=60, on_wait=lambda msg: None),
            build_plan(load_registry(False).units),
            "racer",
        )
        results.put("created")
    except DubanError as exc:
        results.put(str(exc))


def _hold_lock(path: str, ready, release) -> None:
    fd = os.open(Path(path) / LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    ready.set()
    release.wait(30)
    os.close(fd)


def test_two_inits_at_once_make_one_database_and_refuse_the_other(tmp_path):
    path = tmp_path / "db"
    path.mkdir()
    # The lock is held by a third process, so both racers get past "does it exist?" and wait for it.
    ready, release = FORK.Event(), FORK.Event()
    holder = FORK.Process(target=_hold_lock, args=(str(path), ready, release))
    holder.start()
    assert ready.wait(30)
    results = FORK.Queue()
    racers = [FORK.Process(target=_init, args=(str(path), results)) for _ in range(2)]
    for racer in racers:
        racer.start()
    time.sleep(0.5)
    release.set()
    holder.join(30)
    for racer in racers:
        racer.join(60)
    outcomes = sorted(results.get(timeout=5) for _ in racers)
    assert outcomes[0] == "created" and outcomes[1] != "created", outcomes
    assert "--force" in outcomes[1]
    assert not (path / "backups").exists()  # nothing was replaced
