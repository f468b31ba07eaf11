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
import functools
import json
import os
import re
import shutil
import signal
import stat
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .dates import PLAN_TZ, now
from .errors import DubanError
from .frozen import frozen
from .i18n import t

FORMAT = "duban"
SCHEMA = 2
LOG_TABLES = (
    "progress",
    "duty_logs",
    "audit",
    "checks",
    "metric_values",
    "incidents",
    "decisions",
    "meetings",
    "sends",
    "events",
    "fulfilments",
    "extensions",
    "withdrawals",
)

META = "meta.json"
LOCK = "lock"
BACKUPS = "backups"
BACKUP_INFO = "backup.json"
# Kinds of backup. Only automatic ones (taken before an import) rotate, on their own count; the others are
# kept until deleted by name: a clerk's own, and the copies of what an init or a restore replaced.
AUTO, MANUAL, PRE_INIT, PRE_RESTORE, DAMAGED = "auto", "manual", "pre-init", "pre-restore", "damaged"
#: taken before an older database is upgraded (core.migrate); never rotated away
PRE_MIGRATE = "pre-migrate"
KINDS = (AUTO, MANUAL, PRE_INIT, PRE_RESTORE, DAMAGED, PRE_MIGRATE)
KEEP_AUTO = 10
# Tables whose per-key counters were shown to the outside world and must never go back, whatever a
# restore brings back: calendar events (uid → SEQUENCE, which phones compare).
HIGH_WATER = {"calendar_events": ("uid", "sequence")}
_TABLE_FILE = re.compile(r"^(?P<name>[a-z_]+)\.(?P<gen>\d+)\.(json|jsonl)$")
#: A table file's line index (`tasks.5.json.index`): derived data, written beside the table, never backed up.
INDEX_SUFFIX = ".index"
_INDEX_HEAD = b"duban-index 1 "
_INDEX_END = b"end\n"


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


def _verbatim(value: str) -> bool:
    """Whether JSON stores `value` as it is, so its stored form can be searched for in a file's bytes."""
    return value.isascii() and value.isprintable() and '"' not in value and "\\" not in value


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _dumps(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _table_bytes(table: dict) -> bytes:
    """A table file: one JSON object, one document to a line (JSON escapes every newline inside a
    string), so a reader after a few documents can find their lines without parsing the rest."""
    return _table_and_index(table)[0]


def _table_and_index(table: dict) -> tuple[bytes, bytes]:
    """A table file's bytes and its line index: where the line of each task's documents stands, so a
    reader after one task's lines seeks to them instead of searching a file that grows with the plan.

    A table whose documents name a `task` (views, texts, duties) is indexed by it, else by `id` (the
    tasks); what Snapshot.docs_of searches tables by. The head names the field, the table's length and
    the entries' checksum, and an end line closes the index: one made for other bytes, damaged,
    edited or cut short is not used."""
    field = "task" if any(isinstance(doc, dict) and "task" in doc for doc in table.values()) else "id"
    lines = [_dumps(key) + b":" + _dumps(doc) for key, doc in table.items()]
    entries, offset = [], 2  # after "{\n"
    for doc, line in zip(table.values(), lines):
        value = doc.get(field) if isinstance(doc, dict) else None
        if isinstance(value, str) and _verbatim(value):
            entries.append(b"%s\t%d\t%d\n" % (value.encode(), offset, len(line)))
        offset += len(line) + 2  # ",\n" or "\n}"
    data = b"{\n" + b",\n".join(lines) + b"\n}" if lines else b"{}"
    body = b"".join(entries)
    return data, _index_head(field, len(data), body) + b"\n" + body + _INDEX_END


def _index_head(field: str, table_length: int, entries: bytes | memoryview) -> bytes:
    return _INDEX_HEAD + b"%s %d %d" % (field.encode(), table_length, zlib.crc32(entries))


@contextlib.contextmanager
def atomic_file(path: Path, sync_dir: bool = True, mode: int | None = None) -> Iterator[BinaryIO]:
    """A file to write that replaces `path` only when the block ends without an exception, so readers
    see the old or the new file, never a mix; an exception removes what was written (a killed writer's
    temporary file, `.NAME.PID.tmp`, is swept by the next commit)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            if mode is not None:
                os.fchmod(fh.fileno(), mode)
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if sync_dir:
        _fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes, sync_dir: bool = True, mode: int | None = None) -> None:
    """Write `data` to `path` so that readers see the old or the new file, never a mix."""
    with atomic_file(path, sync_dir, mode) as fh:
        fh.write(data)


class _LazyTables(dict):
    """The table dict TinyDB reads and writes; tables load on first use and writes are noted."""

    def __init__(self, loader: Callable[[str], dict], names: Iterable[str]):
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

    #: whether what it reads is exactly its commit (`meta`), so that results worked out from it may be
    #: kept under that commit (core.commitcache)
    as_committed = True

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

    def docs_of(self, name: str, field: str, values: Iterable[str] | None) -> list[dict]:
        """The documents of table `name` whose `field` is one of `values` (all of them if None), in the
        table's order. Only the lines that hold a value are parsed: a write about one task reads its
        task's line of a 10,000-task table, not the whole table."""
        if values is None:
            return self.all(name)
        wanted = set(values)
        file = self.meta["tables"].get(name)
        if not all(map(_verbatim, wanted)) or name in dict.keys(self._tables) or file is None:
            return [doc for doc in self.all(name) if doc.get(field) in wanted]
        table = self.db._indexed_lines(file, field, wanted)
        if table is None:
            table = self.db._read_table(file, needles=[_dumps({field: v})[1:-1] for v in wanted])
        return [doc for _key, doc in sorted(table.items(), key=lambda kv: int(kv[0])) if doc.get(field) in wanted]

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

    def log_last(self, log: str, n: int) -> list[dict]:
        """The last `n` documents appended to `log`, oldest first, read from the end of its file: the
        newest audit entries cost the same however long the trail is."""
        state = self.meta["logs"].get(log)
        if not state or not state.get("file") or n < 1:
            return []
        if log in dict.keys(self._tables):  # already read whole (a transaction's own appends are there)
            return list(dict.__getitem__(self._tables, log).values())[-n:]
        return list(self.db._read_log(log, state, start=self.db._line_start(state, n)).values())[-n:]

    def log_docs_of(self, log: str, field: str, value: str) -> list[dict]:
        """The documents of `log` whose `field` is `value` (a task's reports), in the log's order. Only
        the lines that hold the stored `"field":"value"` are parsed: one task's reports cost a scan of the
        log's bytes rather than the parse of every report."""
        state = self.meta["logs"].get(log)
        if not _verbatim(value) or log in dict.keys(self._tables) or not state or not state.get("file"):
            return [doc for doc in self.all(log) if doc.get(field) == value]
        found = self.db._read_log(log, state, mentioning=_dumps({field: value})[1:-1])
        return [doc for doc in found.values() if doc.get(field) == value]


class Transaction(Snapshot):
    """A snapshot that may change; commits as a whole or not at all."""

    as_committed = False  # its own writes are read before they are committed

    def __init__(self, db: Database, meta: dict, who: str):
        super().__init__(db, meta)
        self.who = who
        self.appended: dict[str, list[dict]] = {}
        self.new_info: dict | None = None

    def _load(self, name: str) -> dict:
        # A log first read after this transaction appended to it holds those appends too (one read
        # earlier got them from append itself): every reader of the transaction sees its own writes.
        table = super()._load(name)
        for doc in self.appended.get(name, ()):
            table[str(doc["id"])] = doc
        return table

    def append(self, log: str, doc: dict) -> int:
        """Append `doc` to the log table `log`; returns its id."""
        if log not in LOG_TABLES:
            raise ValueError(log)
        state = self.meta["logs"].setdefault(log, {"file": None, "length": 0, "next_id": 1})
        self._tables._names.add(log)  # a log this transaction starts can be read back before the commit
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


@contextlib.contextmanager
def _let_go_when_stopped(gate: int) -> Iterator[None]:
    """While waiting, Ctrl-Z first lets go of the gate, so that a stopped waiter blocks nobody."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTSTP"):
        yield
        return

    def stop(signum, frame) -> None:
        fcntl.flock(gate, fcntl.LOCK_UN)
        os.kill(os.getpid(), signal.SIGSTOP)

    previous = signal.signal(signal.SIGTSTP, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTSTP, previous)


def _holders(fd: int) -> str:
    """Who holds the flock on the file open as `fd`: 'PID (command)', from Linux's /proc/locks ('' elsewhere)."""
    try:
        st = os.fstat(fd)
        key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
        lines = Path("/proc/locks").read_text().splitlines()
    except (OSError, ValueError):
        return ""
    pids = sorted({int(p[4]) for p in map(str.split, lines) if len(p) > 5 and p[1] == "FLOCK" and p[5] == key})
    shown = []
    for pid in pids:
        if pid == os.getpid():
            continue
        try:
            words = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split()
        except OSError:
            words = ["?"]
        # One line, whatever the command line held (a script passed with -c has newlines).
        cmd = "".join(c if c.isprintable() else " " for c in " ".join(words))
        shown.append(f"{pid} ({cmd[:80]})")
    return ", ".join(shown)


class DamagedError(DubanError):
    """A database file cannot be read; it is left as it is."""


class Database:
    """The duban database folder at `path`."""

    def __init__(
        self,
        path: str | os.PathLike,
        lock_timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ):
        self.path = Path(path)
        # When backups are taken: injectable, since a machine's clock can be wrong (looked up late, so a
        # test can set the clock of commands it runs in-process).
        self.clock = clock or (lambda: now())  # noqa: PLW0108
        self.lock_timeout = lock_timeout if lock_timeout is not None else _env_timeout()
        self.on_wait = on_wait if on_wait is not None else (lambda msg: print(msg, file=sys.stderr))

    def _unusable(self, exc: OSError) -> DubanError:
        return DubanError(t("db_unusable", path=self.path, problem=exc.strerror or exc))

    def _os_error(self, exc: OSError, file: Path) -> DubanError:
        """One line for a file the system refuses us: a permission problem names the file and the fix."""
        if exc.errno in (errno.EACCES, errno.EPERM):
            return DubanError(t("db_permission", file=file, path=self.path))
        return self._unusable(exc)

    @functools.cached_property
    def shared(self) -> bool:
        """Whether the folder is shared by a group (setgid and group-writable, as `init --shared-group` makes it)."""
        try:
            mode = os.stat(self.path).st_mode
        except OSError:
            return False
        return bool(mode & stat.S_ISGID and mode & stat.S_IWGRP)

    @property
    def file_mode(self) -> int:
        """Mode of every file duban creates: private to its owner, or writable by the sharing group."""
        return 0o660 if self.shared else 0o600

    @property
    def dir_mode(self) -> int:
        return 0o2770 if self.shared else 0o700

    @staticmethod
    def _own_mode(fd: int, mode: int) -> None:
        """Set `mode` on a file we own (whatever the umask); another clerk's file is left as it is."""
        if os.fstat(fd).st_uid == os.geteuid():
            os.fchmod(fd, mode)

    def share_with(self, group: str) -> None:
        """Open the folder (and everything in it) to `group`: setgid folders, group-writable files."""
        import grp

        try:
            gid = grp.getgrnam(group).gr_gid
        except KeyError:
            raise DubanError(t("db_no_group", group=group)) from None
        try:
            for root, _dirs, files in os.walk(self.path):
                os.chown(root, -1, gid)
                os.chmod(root, 0o2770)
                for name in files:
                    os.chown(os.path.join(root, name), -1, gid)
                    os.chmod(os.path.join(root, name), 0o660)
        except OSError as exc:
            raise self._os_error(exc, Path(exc.filename or self.path)) from None
        self.__dict__.pop("shared", None)

    def _refuse_foreign_folder(self) -> None:
        """Someone's own folder (--db ~/Documents) is no place for a database: a sweep would delete
        their 'notes.1.json'. Empty, a database, or what a killed init left (table files, lock) is."""
        if self.exists() or not self.path.is_dir():
            return
        foreign = next(
            (
                e.name
                for e in os.scandir(self.path)
                if e.name not in (LOCK, BACKUPS)
                and not _TABLE_FILE.match(e.name.removesuffix(INDEX_SUFFIX))
                and not e.name.endswith(".tmp")
            ),
            None,
        )
        if foreign:
            raise DubanError(t("db_folder_in_use", path=self.path, file=foreign))

    def _make_folder(self) -> None:
        try:
            if not self.path.is_dir():
                self.path.mkdir(parents=True, mode=0o700)
                os.chmod(self.path, 0o700)  # private whatever the umask: it holds phones and incident notes
        except OSError as exc:
            raise self._unusable(exc) from None

    # -- locking ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self, exclusive: bool) -> Iterator[None]:
        # Taking the lock goes through a gate (a lock on the folder itself), held only while waiting for
        # the lock: whoever waits longest is next, so a writer committing in a loop cannot starve a reader
        # (nor a steady stream of readers a writer) until its time-out. A waiter stopped with Ctrl-Z lets go
        # of the gate first: a stopped waiter holds nothing.
        try:
            gate = os.open(self.path, os.O_RDONLY)
        except OSError as exc:
            raise self._os_error(exc, self.path) from None
        fd = None
        try:
            try:
                fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT, self.file_mode)
                self._own_mode(fd, self.file_mode)
            except OSError as exc:
                if exclusive or exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                    raise self._os_error(exc, self.path / LOCK) from None
                # A read-only copy (an archive, a read-only share): nobody can be writing it, read it as it is.
                with contextlib.suppress(OSError):
                    fd = os.open(self.path / LOCK, os.O_RDONLY)
                if fd is None:
                    yield
                    return
            started = time.monotonic()
            warned = [False]
            with _let_go_when_stopped(gate):
                self._acquire(gate, fcntl.LOCK_EX, started, warned, longest_sleep=0.02, others=fd)
                try:
                    # Only the one process at the gate polls the lock itself, so it may poll often.
                    self._acquire(
                        fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, started, warned, longest_sleep=0.002
                    )
                finally:
                    fcntl.flock(gate, fcntl.LOCK_UN)
            yield
        finally:
            if fd is not None:
                os.close(fd)
            os.close(gate)

    def _acquire(
        self, fd: int, mode: int, started: float, warned: list[bool], longest_sleep: float, others: int | None = None
    ) -> None:
        """flock `fd`, saying once that we wait (and for whom), and giving up after the time-out."""
        delay = 0.0005  # a lock held for one short commit is usually free again within milliseconds
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= self.lock_timeout:
                    holders = _holders(others if others is not None else fd) or _holders(fd)
                    raise DubanError(
                        t("lock_timeout_held", seconds=f"{self.lock_timeout:g}", file=self.path / LOCK, holders=holders)
                        if holders
                        else t("lock_timeout", seconds=f"{self.lock_timeout:g}", file=self.path / LOCK)
                    ) from None
                if not warned[0] and waited >= 0.3:
                    holders = _holders(others if others is not None else fd) or _holders(fd)
                    self.on_wait(t("lock_waiting_for", holders=holders) if holders else t("lock_waiting"))
                    warned[0] = True
                time.sleep(delay)
                delay = min(delay * 2, longest_sleep)

    # -- reading -----------------------------------------------------------------------------------
    def exists(self) -> bool:
        """Whether a database (damaged or not) is at this path."""
        return (self.path / META).exists()

    def _require(self) -> None:
        try:
            os.stat(self.path / META)
        except PermissionError as exc:  # a folder we may not enter is not "missing"
            raise self._os_error(exc, self.path) from None
        except OSError:
            pass
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
        # ValueError: not JSON, or a number too long to read; RecursionError: nested too deep.
        except PermissionError as exc:
            raise self._os_error(exc, file) from None
        except (OSError, ValueError, RecursionError) as exc:
            if folder != self.path:
                raise self._damaged(file, getattr(exc, "strerror", None) or type(exc).__name__) from None
            raise self._damaged(
                file, t("store_empty") if file.exists() and file.stat().st_size == 0 else type(exc).__name__
            ) from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            if (isinstance(meta, dict) and "format" in meta) or not any(
                _TABLE_FILE.match(n) for n in os.listdir(folder)
            ):
                raise DubanError(t("db_not_duban", file=file))
            # No format, but table files of ours beside it: our meta.json, damaged (then restore may replace it).
            raise self._damaged(file, "meta")
        if not isinstance(meta.get("schema"), int):
            raise self._damaged(file, "schema")
        if meta["schema"] > SCHEMA:
            raise DubanError(t("db_newer", file=file, found=meta.get("schema"), supported=SCHEMA))
        if not isinstance(meta.get("tables"), dict) or not isinstance(meta.get("logs"), dict):
            raise self._damaged(file, "meta")
        # Names become file paths: a crafted meta.json must not reach outside the folder.
        logs = meta["logs"].values()
        if not (
            isinstance(meta.get("generation"), int)
            and isinstance(meta.get("info", {}), dict)
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

    def _read_table(self, name: str, folder: Path | None = None, needles: list[bytes] | None = None) -> dict:
        """The table in file `name`; with `needles`, at least the documents whose line holds one (a file
        written a document to a line), else the whole table."""
        file = (folder or self.path) / name
        try:
            data = file.read_bytes()
            if needles is not None and data.startswith(b"{\n"):
                lines = {line for needle in needles for line in _lines_holding(data, needle)}
                data = b"{" + b",".join(line.rstrip(b",") for line in sorted(lines)) + b"}"
            table = json.loads(data)
        except PermissionError as exc:
            raise self._os_error(exc, file) from None
        except (OSError, ValueError, RecursionError) as exc:
            raise self._damaged(file, type(exc).__name__) from None
        # A table is {id: document}: anything else parsed as JSON is damage too, named here, not a crash later.
        if not isinstance(table, dict) or not all(
            isinstance(doc, dict) and key.isascii() and key.isdigit() for key, doc in table.items()
        ):
            raise self._damaged(file, "not a table")
        return table

    def _indexed_lines(self, name: str, field: str, values: set[str]) -> dict | None:
        """The documents of table file `name` whose `field` is one of `values`, read at the offsets its
        line index gives; None when there is no index to trust (missing, cut short, made for other
        bytes, or pointing at a line that does not hold the value): the caller then searches the file."""
        file = self.path / name
        try:
            index = _index_of(file).read_bytes()
            with open(file, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                # Searched in place: at 100,000 tasks an index is megabytes, not worth copying.
                start, stop = index.find(b"\n") + 1, len(index) - len(_INDEX_END)
                if not start or stop < start or not index.endswith(_INDEX_END):
                    return None
                if index[: start - 1] != _index_head(field, size, memoryview(index)[start:stop]):
                    return None  # another field's index, another table's, or damaged
                lines = []
                for value in values:
                    key = b"\n%s\t" % value.encode()
                    needle = _dumps({field: value})[1:-1]
                    pos = start - 1  # each entry follows a newline, the first one the head's
                    while (hit := index.find(key, pos, stop)) >= 0:
                        end = index.index(b"\n", hit + 1)
                        offset, length = map(int, index[hit + len(key) : end].split(b"\t"))
                        fh.seek(offset - 1)
                        line = fh.read(length + 2)
                        if line[:1] != b"\n" or line[-1:] not in (b",", b"\n") or needle not in line:
                            return None
                        lines.append(line[1:-1])
                        pos = end
        except (OSError, ValueError):
            return None
        try:
            table = json.loads(b"{" + b",".join(sorted(set(lines))) + b"}")
        except (ValueError, RecursionError):
            return None
        if not isinstance(table, dict) or not all(
            isinstance(doc, dict) and key.isascii() and key.isdigit() for key, doc in table.items()
        ):
            return None
        return table

    def _read_log(
        self, name: str, state: dict, folder: Path | None = None, start: int = 0, mentioning: bytes | None = None
    ) -> dict:
        if not state.get("file"):
            return {}
        file = (folder or self.path) / state["file"]
        try:
            with open(file, "rb") as fh:
                fh.seek(start)
                data = fh.read(state["length"] - start)
        except PermissionError as exc:
            raise self._os_error(exc, file) from None
        except OSError as exc:
            raise self._damaged(file, exc.strerror or type(exc).__name__) from None
        if len(data) != state["length"] - start:
            raise self._damaged(file, t("store_truncated"))
        chosen = data.splitlines() if mentioning is None else _lines_holding(data, mentioning)
        try:  # one parse of the whole log; a line that is not one document is found line by line below
            docs = json.loads(b"[" + b",".join(chosen) + b"]")
        except (ValueError, RecursionError):
            docs = None
        if (
            isinstance(docs, list)
            and len(docs) == len(chosen)
            and all(type(doc) is dict and type(doc.get("id")) is int for doc in docs)
        ):
            return {str(doc["id"]): doc for doc in docs}
        table = {}
        for lineno, line in enumerate(data.splitlines(), 1):
            if mentioning is not None and mentioning not in line:
                continue
            try:
                doc = json.loads(line)
            except (ValueError, RecursionError):
                doc = None
            if not (isinstance(doc, dict) and type(doc.get("id")) is int):
                raise self._damaged(file, f"line {lineno}") from None
            table[str(doc["id"])] = doc
        return table

    def _line_start(self, state: dict, n: int) -> int:
        """The offset of the `n`-th last line of a log's committed bytes (0 if it has fewer lines), found
        by reading back from the end; a file that cannot be read gives 0, so the full read reports it."""
        length, pos, tail = state["length"], state["length"], b""
        try:
            with open(self.path / state["file"], "rb") as fh:
                while pos > 0 and tail.count(b"\n", 0, max(len(tail) - 1, 0)) < n:
                    step = min(pos, 1 << 16)
                    pos -= step
                    fh.seek(pos)
                    tail = fh.read(step) + tail
        except OSError:
            return 0
        if len(tail) != length - pos:  # shorter than committed: the full read names the damage
            return 0
        end = len(tail) - 1  # the last line's own newline
        for _ in range(n):
            end = tail.rfind(b"\n", 0, end)
            if end < 0:
                return 0
        return pos + end + 1

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

    def snapshot(self) -> Snapshot:
        """One commit read whole under the shared lock, then released: long read-only work (a report,
        flag evaluation) computes on it without keeping writers waiting."""
        with self.reading() as snap:
            for name in list(snap._tables):
                snap._tables[name]
            return snap

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
                    write_atomic(file, data, sync_dir=False, mode=self.file_mode)
                    top = max((int(k) for k in table), default=0)
                    new_meta["logs"][name] = {
                        "file": file.name,
                        "length": len(data),
                        "next_id": max(top + 1, meta["logs"].get(name, {}).get("next_id", 1)),
                    }
                else:
                    file = self.path / f"{name}.{gen}.json"
                    written += [file, _index_of(file)]
                    self._write_table(file, table)
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
                    self._own_mode(fh.fileno(), self.file_mode)
                    size = fh.seek(0, os.SEEK_END)
                    if size < state["length"]:
                        raise self._damaged(file, t("store_truncated"))
                    grown.append((file, state["length"]))
                    fh.truncate(state["length"])  # drop bytes a killed writer left past the commit
                    data = b"".join(_dumps(doc) + b"\n" for doc in docs)
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                state["length"] += len(data)
            _fsync_dir(self.path)  # every new file is in the folder before meta.json names it
            write_atomic(self.path / META, _dumps(new_meta), sync_dir=False, mode=self.file_mode)
        except BaseException as exc:
            # Nothing refers to what this commit wrote: remove it, and cut the logs back to their commit.
            for file in written:
                with contextlib.suppress(OSError):
                    file.unlink()
            for file, length in grown:
                with contextlib.suppress(OSError):
                    if file not in written:
                        os.truncate(file, length)
            if isinstance(exc, PermissionError):
                raise self._os_error(exc, Path(exc.filename or self.path)) from None
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
        self._index_tables(new_meta)

    def _write_table(self, file: Path, table: dict) -> None:
        """Write a table file, then its line index (a crash between leaves a table without one: read
        by searching it, as before the index)."""
        data, index = _table_and_index(table)
        write_atomic(file, data, sync_dir=False, mode=self.file_mode)
        write_atomic(_index_of(file), index, sync_dir=False, mode=self.file_mode)

    def _index_tables(self, meta: dict) -> None:
        """Give a line index to each committed table that has none (written before duban kept them):
        derived data, so best effort, and only where the file is exactly what duban writes today."""
        for name in meta["tables"].values():
            file = self.path / name
            if _index_of(file).exists():
                continue
            with contextlib.suppress(OSError, ValueError, RecursionError):
                data = file.read_bytes()
                table = json.loads(data)
                made, index = _table_and_index(table)
                # Written in an older layout: an index that names no table length, so the file is searched
                # as before and this is not tried again at every commit.
                write_atomic(
                    _index_of(file),
                    index if made == data else _INDEX_HEAD + b"-\n",
                    sync_dir=False,
                    mode=self.file_mode,
                )

    def _sweep(self, meta: dict) -> None:
        """Remove table files (and their indexes) no commit refers to and temp files of killed writers."""
        keep = set(meta["tables"].values()) | {s["file"] for s in meta["logs"].values() if s.get("file")}
        for entry in os.scandir(self.path):
            table = entry.name.removesuffix(INDEX_SUFFIX)
            stale = entry.name.endswith(".tmp") or (_TABLE_FILE.match(table) and table not in keep)
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
                backup = self._backup_before_replacing("init", PRE_INIT)
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
    def backup(self, reason: str, kind: str = AUTO) -> Path:
        """Copy the current commit into backups/; only automatic backups rotate away."""
        self._require()
        with self._locked(exclusive=True):
            return self._backup_locked(self._read_meta(), reason, kind)

    def _backup_locked(self, meta: dict, reason: str, kind: str, protect: frozenset[Path] = frozenset()) -> Path:
        def copy(work: Path) -> None:
            for file in meta["tables"].values():
                _copy_synced(self.path / file, work / file, self.file_mode)
            for state in meta["logs"].values():
                # Copied as it is, a truncated log would make a backup that passes the check.
                if state.get("file") and not _copy_synced(
                    self.path / state["file"], work / state["file"], self.file_mode, state["length"]
                ):
                    raise self._damaged(self.path / state["file"], t("store_truncated"))
            _write_synced(work / META, _dumps(meta), self.file_mode)

        try:
            return self._new_backup(reason, kind, copy, protect)
        except FileNotFoundError as exc:
            raise self._damaged(Path(exc.filename or self.path), exc.strerror or "missing") from None

    def _backup_before_replacing(self, reason: str, kind: str, protect: frozenset[Path] = frozenset()) -> Path:
        """Back up the database about to be replaced; a damaged one is copied as it is, file by file.

        A newer or foreign database is refused: replacing it is never what the user meant."""
        try:
            return self._backup_locked(self._read_meta(), reason, kind, protect)
        except DamagedError:

            def copy(work: Path) -> None:
                for entry in os.scandir(self.path):
                    if entry.is_file(follow_symlinks=False) and entry.name != LOCK:
                        _copy_synced(Path(entry.path), work / entry.name, self.file_mode)

            return self._new_backup(f"{reason}-damaged", DAMAGED, copy, protect)

    def _new_backup(self, reason: str, kind: str, fill: Callable[[Path], None], protect: frozenset[Path]) -> Path:
        """A new backup folder filled by `fill`; it appears whole, on disk, or not at all."""
        root = self.path / BACKUPS
        if not root.is_dir():
            root.mkdir()
            os.chmod(root, self.dir_mode)
            _fsync_dir(self.path)
        for stale in root.glob(".*.partial"):  # cut short by a killed process: we hold the lock
            shutil.rmtree(stale, ignore_errors=True)
        existing = self.backups()
        taken = self.clock()
        stamp = taken.strftime("%Y%m%dT%H%M%S")
        # The name is for people; the order is the serial number recorded inside (a clock set back
        # must not make a new backup look old). A name already taken gets '.002', '.003' …
        name, n = f"{stamp}-{reason}", 1
        while (root / name).exists():
            n += 1
            name = f"{stamp}.{n:03d}-{reason}"
        target = root / name
        work = root / f".{name}.partial"
        work.mkdir()
        os.chmod(work, self.dir_mode)
        try:
            fill(work)
            serial = max((b.serial for b in existing), default=0) + 1
            info = {"kind": kind, "reason": reason, "taken": taken.isoformat(), "serial": serial}
            _write_synced(work / BACKUP_INFO, _dumps(info), self.file_mode)
            _fsync_dir(work)
            os.replace(work, target)
            _fsync_dir(root)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        self._rotate(protect | {target})
        return target

    def _rotate(self, protect: frozenset[Path] | set[Path]) -> None:
        """Remove automatic backups beyond the newest KEEP_AUTO of them; nothing else ever rotates."""
        every = self.backups()
        autos = [b for b in every if b.kind == AUTO]
        for old in autos[KEEP_AUTO:]:
            if old.path not in protect and old != every[0]:
                shutil.rmtree(old.path, ignore_errors=True)

    def backups(self) -> list[Backup]:
        """Backups, newest first, in the order they were taken (as recorded inside each)."""
        root = self.path / BACKUPS
        try:
            entries = [Path(e.path) for e in os.scandir(root) if e.is_dir(follow_symlinks=False)]
        except OSError:
            return []
        found = [describe_backup(p) for p in entries if not p.name.startswith(".")]
        return sorted(found, key=lambda b: (b.serial, b.taken, b.name), reverse=True)

    def find_backup(self, text: str | os.PathLike) -> Backup:
        """The backup named `text` as `db backups` prints it, or at that path; "not found" otherwise."""
        root = self.path / BACKUPS
        given = Path(text)
        candidates = [given]
        if _plain(given.name):
            # The name as listed, also when given as 'backups/NAME' from another folder.
            candidates.insert(0 if _plain(str(text)) else 1, root / given.name)
        for candidate in candidates:
            if candidate.is_dir() and (candidate / META).exists():
                return describe_backup(candidate)
        raise DubanError(t("backup_not_found", backup=text, folder=root))

    def delete_backup(self, text: str) -> Path:
        """Delete the backup named `text` (only ever by its name: kept backups go only this way)."""
        root = self.path / BACKUPS
        if not _plain(str(text)) or not (root / str(text)).is_dir():
            raise DubanError(t("backup_not_found", backup=text, folder=root))
        with self._locked(exclusive=True):
            shutil.rmtree(root / str(text))
            _fsync_dir(root)
        return root / str(text)

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
        """The newest backup a plain restore would bring back: sound, and not a copy restore set aside."""
        for candidate in self.backups():
            if candidate.kind in (PRE_RESTORE, DAMAGED):
                continue
            try:
                self.check_folder(candidate.path)
                return candidate.path
            except DubanError:
                continue
        return None

    def restore_source(self, text: str | os.PathLike | None = None) -> tuple[Backup, dict[str, int] | None]:
        """The backup a restore would bring back (named, else the last good one), checked, and what
        restoring it would discard: entries of the current database it lacks, counted by kind
        (None when the current database cannot be read: its files are then kept aside whole)."""
        if text:
            source = self.find_backup(text)
        else:
            good = self.last_good_backup()
            if good is None:
                raise DubanError(t("no_backup"))
            source = describe_backup(good)
        try:
            self.check_folder(source.path)
        except DamagedError as exc:
            raise DamagedError(t("backup_damaged", backup=source.path, problem=exc)) from None
        return source, self._discarded(source.path)

    def _discarded(self, folder: Path) -> dict[str, int] | None:
        if not self.exists():
            return {}
        try:
            live = self._read_meta()
            mine = self._read_log("audit", live["logs"].get("audit", {}))
        except DubanError:
            return None
        theirs_meta = self._read_meta(folder)
        theirs = {_dumps(d) for d in self._read_log("audit", theirs_meta["logs"].get("audit", {}), folder).values()}
        counts: dict[str, int] = {}
        for doc in mine.values():
            if _dumps(doc) not in theirs:
                counts[str(doc.get("what"))] = counts.get(str(doc.get("what")), 0) + 1
        return counts

    def restore(self, source: Backup, who: str) -> Path | None:
        """Make `source` the current database, in one audited commit; returns the safety copy of what it
        replaced. Tables in HIGH_WATER keep their highest counters across the restore."""
        self._refuse_foreign_folder()
        self._make_folder()
        with self._locked(exclusive=True):
            discarded = self._discarded(source.path)
            safety = None
            carried: dict[str, dict] = {}
            if self.exists():
                carried = self._high_water_tables()
                safety = self._backup_before_replacing("restore", PRE_RESTORE, frozenset({source.path}))
            meta = self._read_meta(source.path)
            gen = max(self._max_generation(), meta["generation"]) + 1
            for name in set(meta["tables"]) | set(carried):
                table = self._read_table(meta["tables"][name], source.path) if name in meta["tables"] else {}
                if name in carried:
                    table = _merge_high_water(name, table, carried[name])
                meta["tables"][name] = f"{name}.{gen}.json"
                self._write_table(self.path / meta["tables"][name], table)
            for name, state in meta["logs"].items():
                if state.get("file"):
                    new = f"{name}.{gen}.jsonl"
                    _copy_synced(source.path / state["file"], self.path / new, self.file_mode, state["length"])
                    state["file"] = new
            meta["generation"] = gen
            # The restore and what it set aside are in the restored database's own audit trail, committed
            # with it: meta.json is written once, by this commit.
            tx = Transaction(self, meta, who)
            tx.audit(
                "restore",
                source.name,
                None,
                {"from": source.name, "kept_aside": safety.name if safety else None, "discarded": discarded},
            )
            self._commit(tx)
        return safety

    def _high_water_tables(self) -> dict[str, dict]:
        """The current database's tables whose counters must never go back, as far as they can be read."""
        found = {}
        with contextlib.suppress(DubanError):
            meta = self._read_meta()
            for name in HIGH_WATER:
                with contextlib.suppress(DubanError):
                    if name in meta["tables"]:
                        found[name] = self._read_table(meta["tables"][name])
        return found


def _merge_high_water(name: str, restored: dict, current: dict) -> dict:
    """Per key, the document with the higher counter: a calendar event restored from a backup keeps the
    SEQUENCE (and content fingerprint) phones last saw, so its next change is numbered above it."""
    key, counter = HIGH_WATER[name]
    best: dict[object, dict] = {}
    for doc in list(restored.values()) + list(current.values()):
        value = doc.get(counter)
        if not isinstance(value, int):
            continue
        held = best.get(doc.get(key))
        if held is None or value > held[counter]:
            best[doc.get(key)] = doc
    return {str(i): doc for i, doc in enumerate(best.values(), 1)}


def _index_of(table_file: Path) -> Path:
    return table_file.with_name(table_file.name + INDEX_SUFFIX)


def _lines_holding(data: bytes, needle: bytes) -> list[bytes]:
    """The lines of `data` that hold `needle`, found by searching the bytes, not by splitting them all."""
    found, pos = [], 0
    while (hit := data.find(needle, pos)) >= 0:
        start = data.rfind(b"\n", 0, hit) + 1
        end = data.find(b"\n", hit)
        end = len(data) if end < 0 else end
        found.append(data[start:end])
        pos = end + 1
    return found


def _write_synced(path: Path, data: bytes, mode: int) -> None:
    with open(path, "wb") as fh:
        os.fchmod(fh.fileno(), mode)
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _copy_synced(src: Path, dst: Path, mode: int, length: int | None = None) -> bool:
    """Copy `src` (its first `length` bytes) to `dst`, on disk before returning; False if `src` is shorter."""
    copied = 0
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        os.fchmod(fout.fileno(), mode)
        while length is None or copied < length:
            chunk = fin.read(1 << 20 if length is None else min(1 << 20, length - copied))
            if not chunk:
                break
            fout.write(chunk)
            copied += len(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    return length is None or copied == length


@frozen
class Backup:
    """One backup folder and what it records about itself."""

    path: Path
    kind: str
    reason: str
    taken: dt.datetime
    serial: int

    @property
    def name(self) -> str:
        return self.path.name

    def size(self) -> int:
        """Bytes on disk."""
        return sum(e.stat(follow_symlinks=False).st_size for e in os.scandir(self.path) if e.is_file())


_OLDEST = dt.datetime.min.replace(tzinfo=PLAN_TZ)


def describe_backup(path: Path) -> Backup:
    """What a backup folder records about itself (its backup.json); a backup taken by an older duban,
    without one, is described from its name and ordered before every newer one."""
    info: object = None
    with contextlib.suppress(OSError, ValueError, RecursionError), open(path / BACKUP_INFO, "rb") as fh:
        info = json.loads(fh.read(4096))
    if (
        isinstance(info, dict)
        and info.get("kind") in KINDS
        and isinstance(info.get("serial"), int)
        and isinstance(info.get("taken"), str)
        and isinstance(info.get("reason"), str)
    ):
        with contextlib.suppress(ValueError):
            taken = dt.datetime.fromisoformat(info["taken"])
            if taken.tzinfo is not None:
                return Backup(path, info["kind"], info["reason"], taken, info["serial"])
    reason = path.name.partition("-")[2]
    kind = (
        DAMAGED
        if reason.endswith("-damaged")
        else PRE_RESTORE
        if reason == "restore"
        else MANUAL
        if reason == "manual"
        else PRE_INIT
        if reason == "init"
        else AUTO
    )
    try:
        taken = dt.datetime.strptime(path.name[:15], "%Y%m%dT%H%M%S").replace(tzinfo=PLAN_TZ)
    except ValueError:
        taken = _OLDEST
    return Backup(path, kind, reason, taken, 0)
