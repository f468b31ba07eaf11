"""Backups a clerk can trust: what is kept, what rotates, what a restore sets aside, and that it is on disk."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

import duban.core.store
from duban.core.demo import story
from duban.core.progress import record_progress
from duban.core.store import AUTO, MANUAL, Database
from duban.core.workspace import Workspace
from tests.helpers import events, folder_digest, parse_strict

D = dt.date.fromisoformat
TZ = duban.core.store.PLAN_TZ

#: progress reports the demo records
DEMO_REPORTS = len(story()["reports"])


def report(db: Database, ws, percent: int = 60) -> None:
    record_progress(
        Workspace(db, registry=ws.registry), "A2.1", percent, D("2020-10-14"), note="比对完成", author="test"
    )


def progress_count(db: Database) -> int:
    with db.reading() as snap:
        return len(snap.all("progress"))


@pytest.fixture
def clock(monkeypatch):
    """The machine's clock, set by the test (backups read it through duban.core.store.now)."""
    at = {"now": dt.datetime(2030, 1, 1, 12, tzinfo=TZ)}
    monkeypatch.setattr(duban.core.store, "now", lambda: at["now"])
    return at


@pytest.mark.slow
def test_a_backup_taken_with_the_clock_behind_is_kept_and_restorable(demo_path, cli, clock):
    db = Database(demo_path)
    for _ in range(10):
        db.backup("import")  # ten automatic backups, stamped 2030
    clock["now"] = dt.datetime(2020, 1, 1, 12, tzinfo=TZ)  # the clock is set back
    r = cli("--db", demo_path, "init", "--force")
    assert r.status == 0, r.err
    newest = db.backups()[0]
    assert newest.path.is_dir() and newest.kind == "pre-init" and str(newest.path) in r.out
    assert db.check_folder(newest.path)["tables"]["progress"] == DEMO_REPORTS
    for _ in range(12):
        db.backup("import")  # later imports, still with the clock behind, rotate only their own kind
    assert newest.path.is_dir()
    assert sum(b.kind == AUTO for b in db.backups()) == 10
    r = cli("--db", demo_path, "db", "restore", "--from", newest.name, "--yes")
    assert r.status == 0, r.err
    assert progress_count(db) == DEMO_REPORTS


def test_restoring_the_oldest_automatic_backup_keeps_it(demo_path, demo_ws, cli, clock):
    db = Database(demo_path)
    oldest = db.backup("import")
    for i in range(duban.core.store.KEEP_AUTO - 1):  # as many as are kept: the safety copy is one more
        clock["now"] += dt.timedelta(minutes=1)
        report(db, demo_ws, 61 + i)
        db.backup("import")
    r = cli("--db", demo_path, "db", "restore", "--from", oldest.name, "--yes")
    assert r.status == 0, r.err
    assert oldest.is_dir() and progress_count(db) == DEMO_REPORTS
    assert len(db.backups()) == duban.core.store.KEEP_AUTO + 1
    assert cli("--db", demo_path, "db", "restore", "--from", oldest.name, "--yes").status == 0


def test_a_damaged_state_copy_outlives_later_automatic_backups(demo_path, cli, clock):
    db = Database(demo_path)
    assert cli("--db", demo_path, "db", "backup").status == 0
    (demo_path / "meta.json").write_text("{")
    assert cli("--db", demo_path, "db", "restore", "--yes").status == 0
    damaged = [b for b in db.backups() if b.kind == "damaged"]
    assert len(damaged) == 1
    for _ in range(12):
        clock["now"] += dt.timedelta(minutes=1)
        db.backup("import")
    assert damaged[0].path.is_dir() and (damaged[0].path / "meta.json").read_text() == "{"


@pytest.mark.slow
def test_a_manual_backup_survives_twenty_automatic_ones(demo_path, cli, clock):
    db = Database(demo_path)
    assert cli("--db", demo_path, "db", "backup").status == 0
    manual = db.backups()[0]
    for _ in range(20):
        clock["now"] += dt.timedelta(seconds=1)
        db.backup("import")
    kinds = [b.kind for b in db.backups()]
    assert manual.path.is_dir() and kinds.count(MANUAL) == 1 and kinds.count(AUTO) == 10
    r = cli("--db", demo_path, "db", "backups", "--delete", manual.name)
    assert r.status == 0 and not manual.path.exists()
    r = cli("--db", demo_path, "db", "backups", "--delete", manual.name)
    assert r.status == 1 and "找不到备份" in r.err


def test_every_backup_is_on_disk_before_the_live_files_are_touched(demo_path, cli, monkeypatch):
    events_seen: list[tuple[str, str]] = []
    real_fsync, real_unlink = os.fsync, os.unlink

    def fsync(fd):
        events_seen.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def unlink(path, *a, **k):
        events_seen.append(("unlink", str(path)))
        return real_unlink(path, *a, **k)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "unlink", unlink)
    # Line indexes are derived from their tables and made anew on restore: a backup holds the tables.
    live = sorted(p.name for p in demo_path.iterdir() if p.is_file() and p.name != "lock" and p.suffix != ".index")
    assert any(p.suffix == ".index" for p in demo_path.iterdir())
    assert cli("--db", demo_path, "init", "--force").status == 0
    backup = Database(demo_path).backups()[0].path
    first_unlink = next(
        i for i, (what, p) in enumerate(events_seen) if what == "unlink" and Path(p).parent == demo_path
    )
    synced = {p for what, p in events_seen[:first_unlink] if what == "fsync"}
    # Every copied file and the backup's folder (both before the folder takes its name), and backups/ itself.
    work = backup.parent / f".{backup.name}.partial"
    assert {str(work / name) for name in live} <= synced
    assert str(work) in synced and str(backup.parent) in synced


def test_db_backups_shows_kind_time_and_size(demo_path, demo_ws, cli, clock):
    assert cli("--db", demo_path, "db", "backup").status == 0
    clock["now"] += dt.timedelta(hours=1)
    Database(demo_path).backup("import")
    r = cli("--db", demo_path, "db", "backups", "--json")
    rows = json.loads(r.out)
    assert [row["kind"] for row in rows] == ["auto", "manual"]
    assert rows[0]["taken"] == "2030-01-01T13:00:00+08:00" and rows[0]["size"] > 1000
    r = cli("--db", demo_path, "--lang", "en", "db", "backups")
    assert r.status == 0 and "manual" in r.out and "2030-01-01 13:00:00" in r.out and "KiB" in r.out
    assert rows[1]["name"] in r.out


def test_from_takes_the_name_as_listed_or_a_path_and_a_missing_one_is_not_found(
    demo_path, demo_ws, cli, tmp_path, monkeypatch
):
    assert cli("--db", demo_path, "db", "backup").status == 0
    name = json.loads(cli("--db", demo_path, "db", "backups", "--json").out)[0]["name"]
    report(Database(demo_path), demo_ws)
    monkeypatch.chdir(tmp_path)  # not the database folder: 'backups/NAME' as the old docs had it still works
    for given in (name, f"backups/{name}", str(demo_path / "backups" / name)):
        r = cli("--db", demo_path, "db", "restore", "--from", given)
        assert r.status == 1 and name in r.out, (given, r.err)
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", "db", "restore", "--from", "20200101T000000-manual", "--yes")
    assert r.status == 1 and "not found" in r.err and "damaged" not in r.err
    assert folder_digest(demo_path) == before


def test_restore_says_what_it_sets_aside_and_needs_yes(demo_path, demo_ws, cli):
    assert cli("--db", demo_path, "db", "backup").status == 0
    db = Database(demo_path)
    report(db, demo_ws, 61)
    report(db, demo_ws, 62)
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", "db", "restore")
    assert r.status == 1 and "2 entries recorded after that backup" in r.out and "progress 2" in r.out
    assert "--yes" in r.out
    assert folder_digest(demo_path) == before  # nothing happened without --yes
    r = cli("--db", demo_path, "--lang", "en", "db", "restore", "--yes", "--by", "李四")
    assert r.status == 0, r.err
    audit = json.loads(cli("--db", demo_path, "audit", "--json", "--limit", "1").out)[0]
    assert audit["what"] == "restore" and audit["who"] == "李四"
    assert audit["after"]["discarded"] == {"progress": 2} and audit["after"]["kept_aside"]


def test_restoring_twice_never_undoes_the_first_and_the_safety_copy_brings_it_back(demo_path, demo_ws, cli):
    db = Database(demo_path)
    assert cli("--db", demo_path, "db", "backup").status == 0
    report(db, demo_ws, 70)  # a new report after the backup
    assert cli("--db", demo_path, "db", "restore", "--yes").status == 0
    assert progress_count(db) == DEMO_REPORTS
    assert cli("--db", demo_path, "db", "restore", "--yes").status == 0
    assert progress_count(db) == DEMO_REPORTS  # the report stays gone: the plain restore did not take the safety copy
    safety = [b for b in db.backups() if b.kind == "pre-restore"]
    assert len(safety) == 2
    oldest_safety = safety[-1]  # the copy taken by the first restore holds the report
    r = cli("--db", demo_path, "db", "restore", "--from", oldest_safety.name, "--yes")
    assert r.status == 0, r.err
    assert progress_count(db) == DEMO_REPORTS + 1


def test_calendar_sequence_never_goes_back_across_a_restore(demo_path, demo_ws, cli, tmp_path):
    def a21_sequence(out: Path) -> int:
        assert cli("--db", demo_path, "calendars", "export", "--out", out).status == 0
        found = events(parse_strict((out / "public_security.ics").read_bytes()))
        return max(int(e["SEQUENCE"]) for e in found.values() if "A2.1" in str(e["SUMMARY"]))

    first = a21_sequence(tmp_path / "a")
    assert cli("--db", demo_path, "db", "backup").status == 0
    report(Database(demo_path), demo_ws, 70)
    published = a21_sequence(tmp_path / "b")
    assert published == first + 1
    assert cli("--db", demo_path, "db", "restore", "--yes").status == 0
    # The event is back to its old content, but phones hold `published`: it must come out above that.
    assert a21_sequence(tmp_path / "c") > published
