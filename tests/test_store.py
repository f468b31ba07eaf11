"""The store: failed writes leave the old data, damaged files are refused untouched, backups bring it back."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from duban.core import folds
from duban.core.errors import DubanError
from duban.core.progress import record_progress
from duban.core.store import META, SCHEMA, Database
from tests.helpers import folder_digest, progress_count, run_duban, temp_files, unlogged_patrol_day, write_one

D = dt.date.fromisoformat


def write_table(db: Database, ws=None) -> None:
    """A transaction that rewrites a table (not only appends), with its audit entry."""
    with db.transaction("test") as tx:
        tx.table("unit_contacts").insert({"code": "finance", "liaison": "王五", "phone": "0735-1234567"})
        tx.audit("contact", "finance", None, {"liaison": "王五"})


def audit_count(db: Database) -> int:
    return db.check()["tables"]["audit"]


def file_of(path: Path, table: str) -> Path:
    meta = json.loads((path / META).read_bytes())
    name = meta["tables"].get(table) or meta["logs"][table]["file"]
    return path / name


# -- a write that fails midway -------------------------------------------------------------------


@pytest.mark.parametrize("write", [write_one, write_table], ids=["append", "rewrite"])
@pytest.mark.parametrize("call", ["fsync", "replace"])
def test_enospc_at_every_step_of_a_write_leaves_the_old_data(call, write, demo_path, demo_ws, monkeypatch):
    db = Database(demo_path)
    # Count how many times one write calls os.<call> on a scratch copy, then fail each call in turn.
    real = getattr(os, call)
    calls = []
    monkeypatch.setattr(os, call, lambda *a, **k: calls.append(1) or real(*a, **k))
    scratch = demo_path.parent / "scratch"
    shutil.copytree(demo_path, scratch)
    write(Database(scratch), demo_ws)
    monkeypatch.setattr(os, call, real)
    total = len(calls)
    assert total >= 1  # at least meta.json
    audits = audit_count(db)
    for failing in range(1, total + 1):
        seen = 0

        def flaky(*args, failing=failing, **kwargs):
            nonlocal seen
            seen += 1
            if seen == failing:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(*args, **kwargs)

        before = folder_digest(demo_path)
        monkeypatch.setattr(os, call, flaky)
        try:
            write(db, demo_ws)
        except DubanError as exc:
            monkeypatch.setattr(os, call, real)
            assert os.strerror(errno.ENOSPC) in str(exc)
            assert folder_digest(demo_path) == before, f"{call} #{failing} changed the database"
        else:
            # Only the folder's fsync after meta.json was replaced may fail quietly: the commit point was
            # passed, so the write is complete and readable. Any earlier failure must be reported.
            monkeypatch.setattr(os, call, real)
            assert call == "fsync" and failing == total, f"{call} #{failing} failed silently before the commit"
            assert audit_count(db) == audits + 1, f"{call} #{failing}"
            return
        finally:
            monkeypatch.setattr(os, call, real)
        assert temp_files(demo_path) == []
        assert audit_count(db) == audits
    write(db, demo_ws)
    assert audit_count(db) == audits + 1


def test_enospc_while_writing_file_data(demo_path, demo_ws, monkeypatch):
    """The temp file's write itself fails (a full disk usually shows here)."""
    import builtins

    real_open = builtins.open

    class FullFile:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.fh, name)

    def full_open(file, mode="r", *args, **kwargs):
        fh = real_open(file, mode, *args, **kwargs)
        return FullFile(fh) if ("w" in mode or "a" in mode) and str(demo_path) in str(file) else fh

    before = folder_digest(demo_path)
    monkeypatch.setattr(builtins, "open", full_open)
    with pytest.raises(DubanError) as info:
        write_one(Database(demo_path), demo_ws)
    monkeypatch.setattr(builtins, "open", real_open)
    assert "\n" not in str(info.value)
    assert folder_digest(demo_path) == before
    assert temp_files(demo_path) == []


def test_a_domain_error_inside_a_transaction_writes_nothing(demo_path):
    db = Database(demo_path)
    before = folder_digest(demo_path)
    with pytest.raises(DubanError), db.transaction("test") as tx:
        tx.table("task_state").truncate()
        tx.append("progress", {"task": "A1.1"})
        tx.audit("x", "y")
        raise DubanError("no")
    assert folder_digest(demo_path) == before


# -- damaged files ----------------------------------------------------------------------------------


def damage_empty_meta(path):
    (path / META).write_bytes(b"")
    return path / META


def damage_meta_not_json(path):
    (path / META).write_bytes(b"<html>not json</html>")
    return path / META


def damage_truncated_log(path):
    log = file_of(path, "audit")
    log.write_bytes(log.read_bytes()[:-100])
    return log


def damage_log_line(path):
    log = file_of(path, "progress")
    data = bytearray(log.read_bytes())
    data[10:20] = b"##########"
    log.write_bytes(bytes(data))
    return log


def damage_table_not_json(path):
    table = file_of(path, "tasks")
    table.write_bytes(b"\x00\x01garbage")
    return table


def damage_missing_table(path):
    table = file_of(path, "actions")
    table.unlink()
    return table


DAMAGES = [
    damage_empty_meta,
    damage_meta_not_json,
    damage_truncated_log,
    damage_log_line,
    damage_table_not_json,
    damage_missing_table,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__[7:])
def test_damaged_file_is_refused_named_and_left_untouched(damage, demo_path, demo_ws, cli):
    r = cli("--db", demo_path, "db", "backup")
    assert r.status == 0, r.err
    backup = Database(demo_path).backups()[0].path
    free_day = unlogged_patrol_day(demo_ws)
    damaged = damage(demo_path)
    content = damaged.read_bytes() if damaged.exists() else None
    before = folder_digest(demo_path)
    commands = [
        ["db", "check"],
        ["audit"],
        ["show", "A2.1"],
        ["status"],
        ["db", "backup"],
        ["progress", "A2.1", "--percent", "60", "--date", "2020-10-14"],
        ["log", "A1.3-patrol", "--unit", "civil_affairs", "--date", free_day],
    ]  # the last may write: it need not read the damage
    refused = []
    for args in commands:
        r = cli("--db", demo_path, *args)
        now = damaged.read_bytes() if damaged.exists() else None
        # Appending to a log never reads it whole (that is what keeps one write cheap): a damaged line in
        # its middle may get new lines after it, but the bytes already there are never rewritten.
        assert now == content or (damage is damage_log_line and now.startswith(content)), args
        if r.status == 0:
            continue  # e.g. `status` never reads the audit log
        refused.append(args)
        assert r.status == 1, (args, r.err)
        assert r.err.count("\n") == 1 and "Traceback" not in r.err
        assert damaged.name in r.err, (args, r.err)
        assert str(backup) in r.err, (args, r.err)
        assert folder_digest(demo_path) == before, args
    # Checking and backing up read every file: whatever the damage, both must refuse.
    assert ["db", "check"] in refused and ["db", "backup"] in refused, refused
    r = cli("--db", demo_path, "db", "check")
    assert r.status == 1 and damaged.name in r.err


def test_newer_schema_is_refused_untouched(demo_path, cli):
    meta = json.loads((demo_path / META).read_bytes())
    meta["schema"] = SCHEMA + 1
    (demo_path / META).write_text(json.dumps(meta))
    before = folder_digest(demo_path)
    for args in (["status"], ["progress", "A2.1", "--percent", "60"], ["init", "--force"], ["demo", "--force"]):
        r = cli("--db", demo_path, "--lang", "en", *args)
        assert r.status == 1, args
        assert "meta.json" in r.err and "newer" in r.err, r.err
        assert folder_digest(demo_path) == before, args


# A meta.json that says it is something else. (One that says nothing, beside our table files, is our own
# meta.json damaged: tests/test_recovery.py.)
@pytest.mark.parametrize("content", [b'{"format": "other", "schema": 1}', b'{"format": 5}'])
def test_foreign_meta_is_refused_untouched(content, demo_path, cli):
    (demo_path / META).write_bytes(content)
    before = folder_digest(demo_path)
    for args in (["status"], ["init", "--force"], ["db", "check"]):
        r = cli("--db", demo_path, "--lang", "en", *args)
        assert r.status == 1 and "not a duban database" in r.err, (args, r.err)
    assert folder_digest(demo_path) == before


def test_a_plain_file_as_database_is_refused(tmp_path, cli):
    file = tmp_path / "notes.txt"
    file.write_text("my notes")
    for args in (["status"], ["init"], ["demo"], ["db", "check"]):
        r = cli("--db", file, "--lang", "en", *args)
        assert r.status == 1 and "not a duban database" in r.err, (args, r.err)
    assert file.read_text() == "my notes"


def test_missing_database_says_how_to_make_one(tmp_path, cli):
    r = cli("--db", tmp_path / "none", "--lang", "en", "status")
    assert r.status == 1 and "duban init" in r.err
    assert not (tmp_path / "none").exists()


# -- backups, restore, check ---------------------------------------------------------------------------


def test_db_check_reports_counts(demo_path, cli):
    r = cli("--db", demo_path, "db", "check", "--json")
    assert r.status == 0
    data = json.loads(r.out)
    assert data["tables"]["progress"] == 27 and data["tables"]["tasks"] == 16 and data["schema"] == SCHEMA
    r = cli("--db", demo_path, "--lang", "en", "db", "check")
    assert r.status == 0 and "sound" in r.out


def test_restore_brings_back_the_last_good_backup(demo_path, demo_ws, cli):
    assert cli("--db", demo_path, "db", "backup").status == 0
    good = folder_digest(Database(demo_path).backups()[0].path)
    audits = audit_count(Database(demo_path))
    write_one(Database(demo_path), demo_ws)  # a change made after the backup
    damage_empty_meta(demo_path)
    r = cli("--db", demo_path, "db", "restore", "--yes")
    assert r.status == 0, r.err
    assert cli("--db", demo_path, "status").status == 0
    db = Database(demo_path)
    assert progress_count(db) == 27  # back to the backup, the later report is gone
    assert audit_count(db) == audits + 1  # and the restore itself is audited
    # The backup restored from is itself unchanged, and the damaged files were kept aside, not destroyed.
    backups = db.backups()
    assert good in {folder_digest(b.path) for b in backups}
    assert [b.kind for b in backups] == ["damaged", "manual"]
    r = cli("--db", demo_path, "db", "backups", "--json")
    rows = json.loads(r.out)
    assert any(row["state"] != "ok" for row in rows), rows
    # A new write after the restore works and is kept.
    write_one(db, demo_ws)
    assert progress_count(db) == 28


def test_restore_from_a_named_backup(demo_path, demo_ws, cli):
    assert cli("--db", demo_path, "db", "backup").status == 0
    first = Database(demo_path).backups()[0].path
    write_one(Database(demo_path), demo_ws)
    assert cli("--db", demo_path, "db", "backup").status == 0
    r = cli("--db", demo_path, "db", "backups", "--json")
    rows = json.loads(r.out)
    assert len(rows) == 2 and all(row["state"] == "ok" for row in rows)
    assert rows[0]["records"] > rows[1]["records"]
    r = cli("--db", demo_path, "db", "restore", "--from", first, "--yes")
    assert r.status == 0, r.err
    assert progress_count(Database(demo_path)) == 27
    assert cli("--db", demo_path, "db", "check").status == 0


def test_restore_from_a_damaged_or_missing_backup_is_refused(demo_path, cli):
    assert cli("--db", demo_path, "db", "backup").status == 0
    backup = Database(demo_path).backups()[0].path
    damage_empty_meta(backup)
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "db", "restore", "--from", backup, "--yes")
    assert r.status == 1 and r.err.count("\n") == 1 and "损坏" in r.err
    r = cli("--db", demo_path, "db", "restore", "--from", demo_path / "nowhere", "--yes")
    assert r.status == 1 and r.err.count("\n") == 1 and "Traceback" not in r.err
    assert "找不到备份" in r.err and "损坏" not in r.err  # missing is "not found", never "damaged"
    assert folder_digest(demo_path) == before


def test_restore_without_any_backup(demo_path, cli):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "--lang", "en", "db", "restore", "--yes")
    assert r.status == 1 and "no backup" in r.err
    assert folder_digest(demo_path) == before


def test_init_force_backs_up_first_and_keeps_a_damaged_database_aside(demo_path, cli):
    r = cli("--db", demo_path, "init", "--force")
    assert r.status == 0, r.err
    db = Database(demo_path)
    assert progress_count(db) == 0
    assert len(db.backups()) == 1
    assert db.check_folder(db.backups()[0].path)["tables"]["progress"] == 27
    # Over a damaged database: the damaged files are kept in backups/, never just deleted.
    damaged = damage_table_not_json(demo_path)
    content = damaged.read_bytes()
    r = cli("--db", demo_path, "init", "--force")
    assert r.status == 0, r.err
    kept = [p for b in db.backups() for p in b.path.iterdir() if p.name == damaged.name]
    assert any(p.read_bytes() == content for p in kept)


@pytest.mark.slow
def test_db_commands_through_a_real_process(demo_path):
    r = run_duban("--db", demo_path, "db", "backup")
    assert r.returncode == 0 and r.stderr == ""
    damage_meta_not_json(demo_path)
    r = run_duban("--db", demo_path, "status")
    assert r.returncode == 1 and "Traceback" not in r.stderr and "meta.json" in r.stderr
    r = run_duban("--db", demo_path, "db", "restore", "--yes")
    assert r.returncode == 0, r.stderr
    r = run_duban("--db", demo_path, "db", "check")
    assert r.returncode == 0, r.stderr


# -- a folder the file system will not let us use ------------------------------------------------------------


@pytest.mark.parametrize("where", ["/dev/null/db", "/proc/duban-test-db"])
def test_an_unusable_place_is_a_one_line_error(where, cli):
    for args in (["init"], ["demo"], ["status"]):
        r = cli("--db", where, "--lang", "en", *args)
        assert r.status == 1, r.err
        assert r.err.count("\n") == 1 and "Traceback" not in r.err


def test_a_read_only_copy_can_still_be_read_but_not_written(demo_path, cli, monkeypatch):
    (demo_path / "lock").unlink()  # a copied archive has no lock file, and it cannot be created
    real_open = os.open

    def read_only_fs(path, flags, *args, **kwargs):
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR) and str(path).startswith(str(demo_path)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_fs)
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "status", "--json")
    assert r.status == 0, r.err
    assert json.loads(r.out)["total"]["tasks"] == 16
    r = cli("--db", demo_path, "--lang", "en", "progress", "A2.1", "--percent", "60")
    assert r.status == 1 and "Read-only file system" in r.err and r.err.count("\n") == 1
    assert folder_digest(demo_path) == before


def test_a_backup_cut_short_is_cleared_by_the_next(demo_path, cli):
    stale = demo_path / "backups" / ".20200101T000000-manual.partial"
    stale.mkdir(parents=True)
    (stale / "tasks.1.json").write_text("{")
    assert cli("--db", demo_path, "db", "backup").status == 0
    assert not stale.exists()
    assert [b.name for b in Database(demo_path).backups()] == [p.name for p in (demo_path / "backups").iterdir()]


def test_init_into_someone_elses_folder_is_refused_and_deletes_nothing(tmp_path, cli):
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "notes.1.json").write_text('{"mine": true}')  # looks like a table file of ours
    (folder / "letter.txt").write_text("dear …")
    before = folder_digest(folder)
    assert cli("--db", tmp_path / "db", "init").status == 0 and cli("--db", tmp_path / "db", "db", "backup").status == 0
    backup = Database(tmp_path / "db").backups()[0].path
    for args in (["init"], ["demo"], ["init", "--force"], ["db", "restore", "--from", backup, "--yes"]):
        r = cli("--db", folder, "--lang", "en", *args)
        assert r.status == 1 and "neither empty nor a duban database" in r.err, r.err
    assert folder_digest(folder) == before and not (folder / "meta.json").exists()


def test_init_into_an_empty_folder_or_after_a_killed_init(tmp_path, cli):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("--db", empty, "init").status == 0
    killed = tmp_path / "killed"
    killed.mkdir()
    (killed / "tasks.1.json").write_text("{")  # what a killed first init leaves: files, no meta.json
    (killed / "lock").write_text("")
    (killed / ".tasks.1.json.123.tmp").write_text("")
    assert cli("--db", killed, "init").status == 0
    assert Database(killed).check()["tables"]["tasks"] == 16


def test_documents_that_do_not_fit_are_reported_as_damage_not_a_traceback(demo_path, cli):
    assert cli("--db", demo_path, "db", "backup").status == 0
    tasks = file_of(demo_path, "tasks")
    docs = json.loads(tasks.read_bytes())
    del docs[next(iter(docs))]["action"]  # valid JSON, but no longer a task
    tasks.write_text(json.dumps(docs))
    before = folder_digest(demo_path)
    for args in (["status"], ["tasks"], ["show", "A1.1"]):
        r = cli("--db", demo_path, "--lang", "en", *args)
        assert r.status == 1 and r.err.count("\n") == 1, r.err
        assert "is damaged" in r.err and "action" in r.err and str(Database(demo_path).backups()[0].path) in r.err
    assert folder_digest(demo_path) == before
    assert cli("--db", demo_path, "db", "restore", "--yes").status == 0
    assert cli("--db", demo_path, "status").status == 0


def test_the_newest_audit_entries_read_from_the_end_match_a_full_read(demo_path, cli):
    """`audit --limit N` reads the trail from its end: the same entries, newest first, as the whole
    trail sorted, across the reader's 64 KiB steps, and a truncated trail is still refused."""
    db = Database(demo_path)
    with db.transaction("clerk") as tx:
        for i in range(300):
            tx.audit("note", f"T{i}", after={"text": "长" * (i * 7 % 900)})
    with db.reading() as snap:
        everything = sorted(snap.all("audit"), key=lambda e: e["id"])
    for n in (1, 2, 20, 299, len(everything), len(everything) + 5):
        with db.reading() as snap:
            assert snap.log_last("audit", n) == everything[-n:], n
    r = cli("--db", demo_path, "--json", "audit", "--limit", "3")
    assert [e["target"] for e in json.loads(r.out)] == ["T299", "T298", "T297"]
    meta = json.loads((demo_path / META).read_bytes())
    log = demo_path / meta["logs"]["audit"]["file"]
    log.write_bytes(log.read_bytes()[:-10])
    r = cli("--db", demo_path, "audit", "--limit", "3")
    assert r.status == 1 and log.name in r.err


def test_one_tasks_reports_found_by_their_id_match_a_full_read(demo_path):
    """`show` reads one task's reports by searching the log's bytes for its id: the same reports as
    the whole log filtered, and none of another task whose id contains it."""
    db = Database(demo_path)
    with db.reading() as snap:
        everything = snap.all("progress")
    ids = {doc["task"] for doc in everything}
    for task in ids | {"A2", "A9.9", 'A"1'}:
        with db.reading() as snap:  # a fresh snapshot: one that read the log whole answers from it
            assert snap.log_docs_of("progress", "task", task) == [d for d in everything if d["task"] == task]
    assert len(ids) > 3


def test_one_tasks_plan_documents_found_by_their_id_match_a_full_read(demo_path, demo_ws, monkeypatch):
    """A write or `show` about one task parses only that task's line of each per-task table: the same
    documents as the whole table filtered, in an old single-line file too, and a damaged line is named."""
    monkeypatch.setattr(folds, "CHECKPOINT_EVERY", 1)  # the fold after this write makes the task views tables
    record_progress(demo_ws, "A1.1", 60, dt.date(2020, 10, 14), unit="civil_affairs", note="折叠")
    folds.fold_due(demo_ws.db)
    db = Database(demo_path)
    meta = json.loads((demo_path / META).read_bytes())
    tables = {"tasks": "id", "task_texts": "task", "duties": "task", "task_state": "task", "task_latest": "task"}
    with db.reading() as snap:
        everything = {name: snap.all(name) for name in tables}
    ids = {doc["id"] for doc in everything["tasks"]}
    assert len(ids) > 10

    def matches_full_read():
        for name, field in tables.items():
            for wanted in [[task] for task in ids] + [["A2"], ["A9.9"], ['A"1'], sorted(ids)[:3]]:
                with db.reading() as snap:
                    found = snap.docs_of(name, field, wanted)
                assert found == [d for d in everything[name] if d[field] in wanted], (name, wanted)

    matches_full_read()
    # A database written before tables were stored a document to a line: read whole, same answer.
    for name in tables:
        file = demo_path / meta["tables"][name]
        file.write_bytes(json.dumps(json.loads(file.read_bytes()), ensure_ascii=False).encode())
    matches_full_read()
    file = demo_path / meta["tables"]["tasks"]
    damaged = b"{\n" + b'"1":{"id":"A1.1",' + b"\n}"
    file.write_bytes(damaged)
    with pytest.raises(DubanError, match=file.name), db.reading() as snap:
        snap.docs_of("tasks", "id", ["A1.1"])


def test_a_transaction_reads_back_its_own_appends_whenever_it_first_reads_the_log(demo_path):
    """An entry appended before the log was first read, in a log the transaction itself starts too, is
    there when the transaction reads it: views rebuilt inside the write never leave out its own entries."""
    with Database(demo_path).transaction("test") as tx:
        ident = tx.append("progress", {"task": "A2.1", "unit": "public_security", "date": "2020-10-14", "percent": 1})
        started = tx.append("withdrawals", {"log": "progress", "entry": ident, "reason": "试"})
        assert ident in [d["id"] for d in tx.all("progress")]
        assert started in [d["id"] for d in tx.all("withdrawals")]
    with Database(demo_path).reading() as snap:
        assert [d["id"] for d in snap.all("withdrawals")] == [started]
