"""A crash-safe, multi-process TinyDB store.

The database is a folder. `meta.json` is the single commit point: it names the file that
holds each table (a new generation-numbered file whenever that table changes) and how many
bytes of each append-only log are committed. A transaction writes new table files and
appends to logs first, then replaces `meta.json` atomically; a crash at any moment leaves
the previous commit intact. What grows (audit, progress reports, duty logs) is appended,
not rewritten, so one write stays cheap however long the campaign's record gets.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .dates import now
from .errors import DubanError
from .i18n import t

FORMAT = "duban"
SCHEMA = 2
LOG_TABLES = ("progress", "duty_logs", "audit", "checks", "metric_values", "incidents", "decisions", "meetings")
KEEP_BACKUPS = 10
META = "meta.json"
LOCK = "lock"
BACKUPS = "backups"
_TABLE_FILE = re.compile(r"^(?P<name>[a-z_]+)\.(?P<gen>\d+)\.(json|jsonl)$")


def default_path() -> Path:
    """The database folder: $DUBAN_DB, else duban/ in the user's data folder."""
    if os.environ.get("DUBAN_DB"):
        return Path(os.environ["DUBAN_DB"])
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "duban"


def _plain(name: object) -> bool:
    """A bare file name: no folder part, not hidden, not '..'."""
    return (
        isinstance(name, str)
        and bool(name)
        and "/" not in name
        and "\\" not in name
        and "\x00" not in name
        and not name.startswith(".")
    )


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _dumps(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_atomic(path: Path, data: bytes, sync_dir: bool = True) -> None:
    """Write `data` to `path` so that readers see the old or the new file, never a mix."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if sync_dir:
        _fsync_dir(path.parent)


class _LazyTables(dict):
    """The table dict TinyDB reads and writes; tables load on first use and writes are noted."""

    def __init__(self, loader: Callable[[str], dict], names: Iterator[str]):
        super().__init__()
        self._loader = loader
        self._names = set(names)
        self.dirty: set[str] = set()

    def __missing__(self, name: str) -> dict:
        if name not in self._names:
            raise KeyError(name)
        table = self._loader(name)
        dict.__setitem__(self, name, table)
        return table

    def __setitem__(self, name: str, value: dict) -> None:
        self.dirty.add(name)
        self._names.add(name)
        dict.__setitem__(self, name, value)

    def __iter__(self):
        return iter(self._names | set(dict.keys(self)))


class _SnapshotStorage(Storage):
    """Hands TinyDB one consistent snapshot; writes stay in memory until the transaction commits."""

    def __init__(self, tables: _LazyTables):
        self.tables = tables

    def read(self):
        return self.tables

    def write(self, data) -> None:
        # TinyDB hands back the same dict it read; _LazyTables has already noted what changed.
        self.tables = data


class Snapshot:
    """A consistent view of the database as of one commit, queried through TinyDB."""

    def __init__(self, db: Database, meta: dict):
        self.db = db
        self.meta = meta
        names = list(meta["tables"]) + list(meta["logs"])
        self._tables = _LazyTables(self._load, names)
        self.tinydb = TinyDB(storage=_SnapshotStorage, tables=self._tables)

    def _load(self, name: str) -> dict:
        if name in self.meta["logs"]:
            return self.db._read_log(name, self.meta["logs"][name])
        return self.db._read_table(self.meta["tables"][name])

    def table(self, name: str) -> Table:
        """The TinyDB table `name` (empty if it does not exist yet)."""
        return self.tinydb.table(name, cache_size=0)

    def all(self, name: str) -> list[dict]:
        """Every document of table `name`, as stored (treat as read-only)."""
        # A bulk load needs no TinyDB Document wrapper per row; queries go through table().
        try:
            return list(self._tables[name].values())
        except KeyError:
            return []

    def info(self) -> dict:
        """The database's own settings (plan id, demo as-of date …)."""
        return dict(self.meta.get("info", {}))

    def log_length(self, log: str) -> int:
        """Committed bytes of the append-only log `log`: a position to read its tail from later."""
        return self.meta["logs"].get(log, {}).get("length", 0)

    def log_tail(self, log: str, offset: int) -> list[dict]:
        """Documents of `log` committed after byte `offset`, without reading what comes before."""
        state = self.meta["logs"].get(log)
        if not state or not state.get("file") or offset >= state["length"]:
            return []
        return list(self.db._read_log(log, state, start=offset).values())


class Transaction(Snapshot):
    """A snapshot that may change; commits as a whole or not at all."""

    def __init__(self, db: Database, meta: dict, who: str):
        super().__init__(db, meta)
        self.who = who
        self.appended: dict[str, list[dict]] = {}
        self.new_info: dict | None = None

    def append(self, log: str, doc: dict) -> int:
        """Append `doc` to the log table `log`; returns its id."""
        if log not in LOG_TABLES:
            raise ValueError(log)
        state = self.meta["logs"].setdefault(log, {"file": None, "length": 0, "next_id": 1})
        doc_id = state["next_id"]
        state["next_id"] += 1
        doc = dict(doc, id=doc_id)
        self.appended.setdefault(log, []).append(doc)
        if log in dict.keys(self._tables):
            dict.__getitem__(self._tables, log)[str(doc_id)] = doc
        return doc_id

    def audit(self, what: str, target: str, before: object = None, after: object = None) -> None:
        """Record a change in the audit trail, by this transaction's author."""
        self.append(
            "audit",
            {
                "at": now().isoformat(),
                "who": self.who,
                "what": what,
                "target": target,
                "before": before,
                "after": after,
            },
        )

    def set_info(self, **values: object) -> None:
        """Change the database's own settings."""
        self.new_info = dict(self.new_info if self.new_info is not None else self.info(), **values)

    def info(self) -> dict:
        return dict(self.new_info) if self.new_info is not None else super().info()


def _env_timeout() -> float:
    """Seconds to wait for the lock: $DUBAN_LOCK_TIMEOUT, else 10."""
    text = os.environ.get("DUBAN_LOCK_TIMEOUT", "").strip() or "10"
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise DubanError(t("bad_number", place="DUBAN_LOCK_TIMEOUT", value=text))
    return seconds


class DamagedError(DubanError):
    """A database file cannot be read; it is left as it is."""


class Database:
    """The duban database folder at `path`."""

    def __init__(
        self, path: str | os.PathLike, lock_timeout: float | None = None, on_wait: Callable[[str], None] | None = None
    ):
        self.path = Path(path)
        self.lock_timeout = lock_timeout if lock_timeout is not None else _env_timeout()
        self.on_wait = on_wait if on_wait is not None else (lambda msg: print(msg, file=sys.stderr))

    def _unusable(self, exc: OSError) -> DubanError:
        return DubanError(t("db_unusable", path=self.path, problem=exc.strerror or exc))

    def _refuse_foreign_folder(self) -> None:
        """Someone's own folder (--db ~/Documents) is no place for a database: a sweep would delete
        their 'notes.1.json'. Empty, a database, or what a killed init left (table files, lock) is."""
        if self.exists() or not self.path.is_dir():
            return
        foreign = next(
            (
                e.name
                for e in os.scandir(self.path)
                if e.name not in (LOCK, BACKUPS) and not _TABLE_FILE.match(e.name) and not e.name.endswith(".tmp")
            ),
            None,
        )
        if foreign:
            raise DubanError(t("db_folder_in_use", path=self.path, file=foreign))

    def _make_folder(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unusable(exc) from None

    # -- locking ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self, exclusive: bool) -> Iterator[None]:
        # Taking the lock goes through a gate (a lock on the folder itself), held only while waiting for
        # the lock: whoever waits longest is next, so a writer committing in a loop cannot starve a reader
        # (nor a steady stream of readers a writer) until its time-out.
        try:
            gate = os.open(self.path, os.O_RDONLY)
        except OSError as exc:
            raise self._unusable(exc) from None
        fd = None
        try:
            try:
                fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                if exclusive or exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                    raise self._unusable(exc) from None
                # A read-only copy (an archive, a read-only share): nobody can be writing it, read it as it is.
                with contextlib.suppress(OSError):
                    fd = os.open(self.path / LOCK, os.O_RDONLY)
                if fd is None:
                    yield
                    return
            started = time.monotonic()
            warned = [False]
            self._acquire(gate, fcntl.LOCK_EX, started, warned, longest_sleep=0.02)
            try:
                # Only the one process at the gate polls the lock itself, so it may poll often.
                self._acquire(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, started, warned, longest_sleep=0.002)
            finally:
                fcntl.flock(gate, fcntl.LOCK_UN)
            yield
        finally:
            if fd is not None:
                os.close(fd)
            os.close(gate)

    def _acquire(self, fd: int, mode: int, started: float, warned: list[bool], longest_sleep: float) -> None:
        """flock `fd`, saying once that we wait, and giving up after the time-out."""
        delay = 0.0005  # a lock held for one short commit is usually free again within milliseconds
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= self.lock_timeout:
                    raise DubanError(
                        t("lock_timeout", seconds=f"{self.lock_timeout:g}", file=self.path / LOCK)
                    ) from None
                if not warned[0] and waited >= 0.3:
                    self.on_wait(t("lock_waiting"))
                    warned[0] = True
                time.sleep(delay)
                delay = min(delay * 2, longest_sleep)

    # -- reading -----------------------------------------------------------------------------------
    def exists(self) -> bool:
        """Whether a database (damaged or not) is at this path."""
        return (self.path / META).exists()

    def _require(self) -> None:
        if not self.path.is_dir() or not self.exists():
            if self.path.exists() and not self.path.is_dir():
                raise DubanError(t("db_not_duban", file=self.path))
            raise DubanError(t("no_database", path=self.path))

    def _damaged(self, file: Path, problem: str) -> DamagedError:
        if file.parent != self.path:
            # A backup being checked: no search for "the last good backup" (that search is what is running).
            return DamagedError(f"{file}: {problem}")
        good = self.last_good_backup()
        return DamagedError(t("db_damaged", file=file, problem=problem, backup=good or t("no_backup")))

    def inconsistent(self, exc: Exception) -> DamagedError:
        """The error for a database whose files parse but whose documents do not fit together."""
        return DamagedError(
            t(
                "db_damaged",
                file=self.path,
                problem=f"{type(exc).__name__}: {str(exc)[:160]}",
                backup=self.last_good_backup() or t("no_backup"),
            )
        )

    def _read_meta(self, folder: Path | None = None) -> dict:
        folder = folder or self.path
        file = folder / META
        try:
            raw = file.read_bytes()
            meta = json.loads(raw)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            if folder != self.path:
                raise self._damaged(file, getattr(exc, "strerror", None) or type(exc).__name__) from None
            raise self._damaged(
                file, "空文件 / empty" if file.exists() and file.stat().st_size == 0 else type(exc).__name__
            ) from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise DubanError(t("db_not_duban", file=file))
        if not isinstance(meta.get("schema"), int) or meta["schema"] > SCHEMA:
            raise DubanError(t("db_newer", file=file, found=meta.get("schema"), supported=SCHEMA))
        if not isinstance(meta.get("tables"), dict) or not isinstance(meta.get("logs"), dict):
            raise self._damaged(file, "meta")
        # Names become file paths: a crafted meta.json must not reach outside the folder.
        logs = meta["logs"].values()
        if not (
            isinstance(meta.get("generation"), int)
            and all(_plain(n) and _plain(f) for n, f in meta["tables"].items())
            and all(_plain(n) for n in meta["logs"])
            and all(
                isinstance(st, dict)
                and (not st.get("file") or _plain(st["file"]))
                and isinstance(st.get("length"), int)
                and st["length"] >= 0
                and isinstance(st.get("next_id"), int)
                for st in logs
            )
        ):
            raise self._damaged(file, "meta")
        return meta

    def _read_table(self, name: str, folder: Path | None = None) -> dict:
        file = (folder or self.path) / name
        try:
            table = json.loads(file.read_bytes())
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise self._damaged(file, type(exc).__name__) from None
        if not isinstance(table, dict):
            raise self._damaged(file, "not a table")
        return table

    def _read_log(self, name: str, state: dict, folder: Path | None = None, start: int = 0) -> dict:
        if not state.get("file"):
            return {}
        file = (folder or self.path) / state["file"]
        try:
            with open(file, "rb") as fh:
                fh.seek(start)
                data = fh.read(state["length"] - start)
        except OSError as exc:
            raise self._damaged(file, exc.strerror or type(exc).__name__) from None
        if len(data) != state["length"] - start:
            raise self._damaged(file, "截断 / truncated")
        table = {}
        for lineno, line in enumerate(data.splitlines(), 1):
            try:
                doc = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise self._damaged(file, f"line {lineno}") from None
            table[str(doc["id"])] = doc
        return table

    def _upgrade_if_old(self) -> None:
        """A database from an older duban is upgraded (backup first) before anything reads it."""
        if self._read_meta()["schema"] < SCHEMA:
            from .migrate import migrated_message, upgrade

            backup = upgrade(self)
            if backup is not None:
                self.on_wait(migrated_message(backup))

    @contextlib.contextmanager
    def reading(self) -> Iterator[Snapshot]:
        """A consistent snapshot, held under a shared lock for the duration of the block."""
        self._require()
        self._upgrade_if_old()
        with self._locked(exclusive=False):
            yield Snapshot(self, self._read_meta())

    def generation(self) -> int:
        """The number of the last commit: cheap (meta.json only, no lock), for noticing changes."""
        self._require()
        # meta.json is replaced atomically, so an unlocked read sees one whole commit or the one before.
        return self._read_meta()["generation"]

    # -- writing -----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, who: str) -> Iterator[Transaction]:
        """A read-modify-write under the exclusive lock; commits when the block ends without error."""
        self._require()
        self._upgrade_if_old()
        with self._locked(exclusive=True):
            tx = Transaction(self, self._read_meta(), who)
            yield tx
            self._commit(tx)

    def _commit(self, tx: Transaction) -> None:
        meta = tx.meta
        dirty = tx._tables.dirty
        if not dirty and not tx.appended and tx.new_info is None:
            return
        gen = meta["generation"] + 1
        written: list[Path] = []
        grown: list[tuple[Path, int]] = []
        new_meta = json.loads(json.dumps(meta))
        new_meta["generation"] = gen
        if tx.new_info is not None:
            new_meta["info"] = tx.new_info
        try:
            for name in sorted(dirty):
                table = dict.__getitem__(tx._tables, name)
                if name in LOG_TABLES:
                    file = self.path / f"{name}.{gen}.jsonl"
                    data = b"".join(_dumps(doc | {"id": int(k)}) + b"\n" for k, doc in table.items())
                    written.append(file)
                    write_atomic(file, data, sync_dir=False)
                    top = max((int(k) for k in table), default=0)
                    new_meta["logs"][name] = {
                        "file": file.name,
                        "length": len(data),
                        "next_id": max(top + 1, meta["logs"].get(name, {}).get("next_id", 1)),
                    }
                else:
                    file = self.path / f"{name}.{gen}.json"
                    written.append(file)
                    write_atomic(file, _dumps(table), sync_dir=False)
                    new_meta["tables"][name] = file.name
            for name, docs in tx.appended.items():
                if name in dirty:
                    continue
                state = new_meta["logs"][name]
                if not state.get("file"):
                    state["file"] = f"{name}.{gen}.jsonl"
                file = self.path / state["file"]
                if not file.exists():
                    written.append(file)  # a log started by this commit goes entirely if it fails
                with open(file, "ab+") as fh:
                    size = fh.seek(0, os.SEEK_END)
                    if size < state["length"]:
                        raise self._damaged(file, "截断 / truncated")
                    grown.append((file, state["length"]))
                    fh.truncate(state["length"])  # drop bytes a killed writer left past the commit
                    data = b"".join(_dumps(doc) + b"\n" for doc in docs)
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                state["length"] += len(data)
            _fsync_dir(self.path)  # every new file is in the folder before meta.json names it
            write_atomic(self.path / META, _dumps(new_meta), sync_dir=False)
        except BaseException as exc:
            # Nothing refers to what this commit wrote: remove it, and cut the logs back to their commit.
            for file in written:
                with contextlib.suppress(OSError):
                    file.unlink()
            for file, length in grown:
                with contextlib.suppress(OSError):
                    if file not in written:
                        os.truncate(file, length)
            if isinstance(exc, OSError):
                raise DubanError(t("db_write_failed", problem=os.strerror(exc.errno) if exc.errno else exc)) from None
            if isinstance(exc, UnicodeEncodeError):  # text that is not UTF-8 got past the front end's checks
                raise DubanError(t("db_write_failed", problem="not UTF-8")) from None
            raise
        # meta.json is replaced: the transaction is committed, and a failing folder fsync cannot undo that.
        with contextlib.suppress(OSError):
            _fsync_dir(self.path)
        tx.meta = new_meta
        self._sweep(new_meta)

    def _sweep(self, meta: dict) -> None:
        """Remove table files no commit refers to and temp files of killed writers."""
        keep = set(meta["tables"].values()) | {s["file"] for s in meta["logs"].values() if s.get("file")}
        for entry in os.scandir(self.path):
            stale = entry.name.endswith(".tmp") or (_TABLE_FILE.match(entry.name) and entry.name not in keep)
            if stale:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)

    def create(self, who: str, tables: dict[str, list[dict]], info: dict, force: bool = False) -> Path | None:
        """Make a new database holding `tables`; an existing one is backed up first (with `force`)."""
        if self.path.exists() and not self.path.is_dir():
            raise DubanError(t("db_not_duban", file=self.path))
        if self.exists() and not force:
            raise DubanError(t("db_exists", path=self.path))
        self._refuse_foreign_folder()
        self._make_folder()
        with self._locked(exclusive=True):
            backup = None
            if self.exists() and not force:  # made by another process while we waited for the lock
                raise DubanError(t("db_exists", path=self.path))
            if self.exists():
                backup = self._backup_before_replacing("init")
                gen = self._max_generation() + 1
            else:
                gen = 1
            meta = {"format": FORMAT, "schema": SCHEMA, "generation": gen - 1, "tables": {}, "logs": {}, "info": info}
            tx = Transaction(self, meta, who)
            for name, docs in tables.items():
                if name in LOG_TABLES:
                    for doc in docs:
                        tx.append(name, doc)
                else:
                    tx.table(name).insert_multiple(docs)
            tx.audit("init", info.get("plan", ""), None, {"tables": {k: len(v) for k, v in tables.items()}})
            # The generation is past every file in the folder, so the logs start in new files.
            self._commit(tx)
            return backup

    def _max_generation(self) -> int:
        gens = [int(m["gen"]) for e in os.scandir(self.path) if (m := _TABLE_FILE.match(e.name))]
        with contextlib.suppress(DubanError, OSError):
            gens.append(self._read_meta()["generation"])
        return max(gens, default=0)

    # -- backups -------------------------------------------------------------------------------------
    def backup(self, reason: str) -> Path:
        """Copy the current commit into backups/ (keeping the newest few)."""
        self._require()
        with self._locked(exclusive=True):
            return self._backup_locked(self._read_meta(), reason)

    def _backup_locked(self, meta: dict, reason: str) -> Path:
        def copy(work: Path) -> None:
            for file in meta["tables"].values():
                shutil.copy2(self.path / file, work / file)
            for state in meta["logs"].values():
                if state.get("file"):
                    with open(self.path / state["file"], "rb") as src, open(work / state["file"], "wb") as dst:
                        data = src.read(state["length"])
                        if len(data) != state["length"]:
                            # Copied as it is, a truncated log would make a backup that passes the check.
                            raise self._damaged(self.path / state["file"], "截断 / truncated")
                        dst.write(data)
            (work / META).write_bytes(_dumps(meta))

        try:
            return self._new_backup(reason, copy)
        except FileNotFoundError as exc:
            raise self._damaged(Path(exc.filename or self.path), exc.strerror or "missing") from None

    def _backup_before_replacing(self, reason: str) -> Path:
        """Back up the database about to be replaced; a damaged one is copied as it is, file by file.

        A newer or foreign database is refused: replacing it is never what the user meant."""
        try:
            return self._backup_locked(self._read_meta(), reason)
        except DamagedError:

            def copy(work: Path) -> None:
                for entry in os.scandir(self.path):
                    if entry.is_file() and entry.name != LOCK:
                        shutil.copy2(entry.path, work / entry.name)

            return self._new_backup(f"{reason}-damaged", copy)

    def _new_backup(self, reason: str, fill: Callable[[Path], None]) -> Path:
        """A new backup folder filled by `fill`; it appears whole or not at all. Keeps the newest few."""
        stamp = now().strftime("%Y%m%dT%H%M%S")
        root = self.path / BACKUPS
        # Names sort in the order backups were taken, whatever their reason: a second one within the
        # same second is '<stamp>.002-<reason>' ('-' sorts before '.'), and so on.
        same = [p.name[len(stamp) :] for p in root.iterdir() if p.name.startswith(stamp)] if root.is_dir() else []
        taken = max((int(rest[1:4]) if rest[:1] == "." and rest[1:4].isdigit() else 1 for rest in same), default=0)
        target = root / (f"{stamp}-{reason}" if not taken else f"{stamp}.{taken + 1:03d}-{reason}")
        if root.is_dir():  # a backup cut short by a killed process: we hold the lock, nobody is writing these
            for stale in root.glob(".*.partial"):
                shutil.rmtree(stale, ignore_errors=True)
        work = root / f".{target.name}.partial"
        work.mkdir(parents=True)
        try:
            fill(work)
            os.replace(work, target)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        for old in self.backups()[KEEP_BACKUPS:]:
            shutil.rmtree(old, ignore_errors=True)
        return target

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        root = self.path / BACKUPS
        if not root.is_dir():
            return []
        return sorted(
            (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name, reverse=True
        )

    def check_folder(self, folder: Path) -> dict:
        """Load every table of the database in `folder`; returns counts or raises DubanError."""
        meta = self._read_meta(folder)
        counts = {}
        for name, file in meta["tables"].items():
            counts[name] = len(self._read_table(file, folder))
        for name, state in meta["logs"].items():
            counts[name] = len(self._read_log(name, state, folder))
        return {"schema": meta["schema"], "generation": meta["generation"], "tables": counts}

    def check(self) -> dict:
        """Verify this database: every table file present and readable."""
        self._require()
        with self._locked(exclusive=False):
            return self.check_folder(self.path)

    def last_good_backup(self) -> Path | None:
        """The newest backup that passes the check."""
        for candidate in self.backups():
            try:
                self.check_folder(candidate)
                return candidate
            except DubanError:
                continue
        return None

    def restore(self, source: Path | None = None) -> Path:
        """Bring back a backup (the last good one by default) as the current database."""
        source = Path(source) if source else self.last_good_backup()
        if source is None:
            raise DubanError(t("no_backup"))
        try:
            self.check_folder(source)
        except DamagedError as exc:
            raise DamagedError(t("backup_damaged", backup=source, problem=exc)) from None
        self._refuse_foreign_folder()
        self._make_folder()
        with self._locked(exclusive=True):
            if self.exists():
                self._backup_before_replacing("restore")
            meta = json.loads((source / META).read_bytes())
            gen = max(self._max_generation(), meta["generation"]) + 1
            for name, file in list(meta["tables"].items()):
                meta["tables"][name] = f"{name}.{gen}.json"
                write_atomic(self.path / meta["tables"][name], (source / file).read_bytes(), sync_dir=False)
            for name, state in meta["logs"].items():
                if state.get("file"):
                    new = f"{name}.{gen}.jsonl"
                    write_atomic(
                        self.path / new, (source / state["file"]).read_bytes()[: state["length"]], sync_dir=False
                    )
                    state["file"] = new
            meta["generation"] = gen
            _fsync_dir(self.path)
            write_atomic(self.path / META, _dumps(meta))
            self._sweep(meta)
        return source


def backup_stamp(path: Path) -> dt.datetime | None:
    """When a backup was taken, from its folder name."""
    with contextlib.suppress(ValueError):
        return dt.datetime.strptime(path.name[:15], "%Y%m%dT%H%M%S")
    return None
