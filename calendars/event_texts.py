"""Each event's iCalendar text, rendered once, and kept beside the database for the next export.

Rendering through `ics` is about half of an export at province scale (an Event, its alarms and some
20 content lines built and formatted: half a million instructions an event). An event's text is a
function of what it shows, its SEQUENCE, its change time and the renderer alone, so an export of
every feed leaves each text in `feeds.cache` in the database folder under a digest of exactly those
(the renderer by its own source and the `ics` version), and the next export renders only what is new.

Derived data, like a table's line index: not part of the database, never backed up, and trusted only
as far as it checks. Its head names the renderer, its index carries a checksum and every text its own
digest; a file for another renderer or with a damaged index is ignored, a damaged text is rendered
again, and the next full export writes the file anew. Texts are read one at a time (the file is as
large as the feeds, 66 MB at 10,000 tasks) and a new file is written as the export goes, holding
exactly the texts that export used, so it never grows past one full set of feeds. A failed write
leaves the old file or none, and the export goes on.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import struct
from collections import Counter
from collections.abc import KeysView
from pathlib import Path
from zoneinfo import ZoneInfo

from duban.core.store import Database, atomic_file

from . import ical
from .ical import Stamped

CACHE_FILE = "feeds.cache"
_HEAD = b"duban-feed-cache 1 "
_DIGEST = 16  # bytes of a key, of a text's digest and of the index's checksum
_ENTRY = struct.Struct(f">{_DIGEST}sQI{_DIGEST}s")  # key, offset, length, the text's digest
_FOOT = struct.Struct(">QI")  # where the index starts, how many entries; then the index's checksum


@functools.cache
def _renderer() -> bytes | None:
    """What the texts were made by: `ical`'s source and the `ics` version (None: unknown, keep nothing)."""
    import ics

    try:
        source = Path(ical.__file__).read_bytes()
    except OSError:
        return None
    return hashlib.blake2b(source + b"\0" + ics.__version__.encode(), digest_size=_DIGEST).hexdigest().encode()


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_DIGEST).digest()


def _key(item: Stamped, zone: ZoneInfo) -> bytes:
    """A digest of everything `ical.event_text` reads: the event's fields, its SEQUENCE and its change
    time (with the zone a naive one is read in). The parts' lengths go first, so no two differ alike."""
    e = item.event
    parts = [e.uid, str(item.sequence), item.changed.isoformat(), zone.key, e.summary, e.description]
    parts += [e.start.isoformat(), e.end.isoformat(), e.status, e.rrule, str(len(e.categories)), *e.categories]
    for alarm in e.alarms:
        parts += [str(alarm.offset.total_seconds()), alarm.text]
    return _digest("\0".join([",".join(map(str, map(len, parts))), *parts]).encode("utf-8"))


class EventTexts:
    """The text of each event in `feeds` (each feed's events), for `ical.render`: an event several feeds
    carry is made once; with `db`, each is read from the cache file when it is there, and with `keep`
    (every feed is being rendered) `save` leaves the texts this run used there. Use it as a context
    manager: leaving before `save` writes nothing."""

    def __init__(self, zone: ZoneInfo, feeds: list[list[Stamped]], db: Database | None = None, keep: bool = False):
        self.zone = zone
        counts = Counter(item for items in feeds for item in set(items))
        self._shared: dict[Stamped, bytes | None] = {item: None for item, n in counts.items() if n > 1}
        self._db = db if db is not None and _renderer() is not None else None
        self._keep = keep and self._db is not None
        self._old = _Cache.open(self._db.path / CACHE_FILE) if self._db else None
        self._used: dict[bytes, bytes] = {}  # key -> the text's digest, in the order used
        self._new: _Writer | None = None

    def __enter__(self) -> EventTexts:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._new:
            self._new.abandon()
        if self._old:
            self._old.close()

    def __call__(self, item: Stamped) -> bytes:
        text = self._shared.get(item)
        if text is None:
            text = self._text(item)
            if item in self._shared:
                self._shared[item] = text
        return text

    def _text(self, item: Stamped) -> bytes:
        if self._db is None:
            return ical.event_text(item, self.zone)
        key = _key(item, self.zone)
        found = self._old.get(key) if self._old else None
        text = found[0] if found else ical.event_text(item, self.zone)
        if self._keep and key not in self._used:
            if found is None and self._new is None:
                self._start_new()
            self._used[key] = digest = found[1] if found else _digest(text)
            self._add(key, text, digest)
        return text

    def _start_new(self) -> None:
        """Begin the new file with the texts used so far (all found in the old one)."""
        try:
            self._new = _Writer(self._db.path / CACHE_FILE, self._db.file_mode)  # type: ignore[union-attr]
        except OSError:
            self._keep = False
            return
        for key, digest in self._used.items():
            found = self._old.get(key) if self._old else None
            if found is None:  # a read that passed a moment ago failed: the disk, not the texts
                self._drop_new()
                return
            self._add(key, found[0], digest)
            if self._new is None:
                return

    def _add(self, key: bytes, text: bytes, digest: bytes) -> None:
        if self._new:
            try:
                self._new.add(key, text, digest)
            except OSError:  # a full disk: this run keeps nothing, the export goes on
                self._drop_new()

    def _drop_new(self) -> None:
        if self._new:
            self._new.abandon()
        self._new, self._keep = None, False

    def save(self) -> None:
        """Leave this run's texts for the next, unless the file holds exactly them already."""
        if not self._keep or (self._new is None and self._old and self._old.keys() == self._used.keys()):
            return
        if self._new is None:
            self._start_new()
        if self._new:
            new, self._new = self._new, None
            with contextlib.suppress(OSError):
                new.finish()


class _Cache:
    """An open cache file: its index in memory, each text read when asked for and checked."""

    def __init__(self, fd: int, index: dict[bytes, tuple[int, int, bytes]]):
        self._fd, self._index = fd, index

    @classmethod
    def open(cls, path: Path) -> _Cache | None:
        """The file at `path` if it is there, made by this renderer and its index checks."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        try:
            index = _read_index(fd)
        except (OSError, ValueError):
            index = None
        if index is None:
            os.close(fd)
            return None
        return cls(fd, index)

    def keys(self) -> KeysView[bytes]:
        return self._index.keys()

    def get(self, key: bytes) -> tuple[bytes, bytes] | None:
        """The text kept under `key` and its digest; None if there is none or it does not check."""
        entry = self._index.get(key)
        if entry is None:
            return None
        offset, length, digest = entry
        with contextlib.suppress(OSError):
            text = os.pread(self._fd, length, offset)
            if _digest(text) == digest:
                return text, digest
        return None

    def close(self) -> None:
        os.close(self._fd)


def _head() -> bytes:
    return _HEAD + (_renderer() or b"") + b"\n"


def _read_index(fd: int) -> dict[bytes, tuple[int, int, bytes]] | None:
    head, size = _head(), os.fstat(fd).st_size
    foot_size = _FOOT.size + _DIGEST
    if size < len(head) + foot_size or os.pread(fd, len(head), 0) != head:
        return None
    foot = os.pread(fd, foot_size, size - foot_size)
    start, count = _FOOT.unpack(foot[: _FOOT.size])
    if start < len(head) or start + count * _ENTRY.size != size - foot_size:
        return None
    entries = os.pread(fd, count * _ENTRY.size, start)
    if len(entries) != count * _ENTRY.size or _digest(head + entries + foot[: _FOOT.size]) != foot[_FOOT.size :]:
        return None
    return {key: (offset, length, digest) for key, offset, length, digest in _ENTRY.iter_unpack(entries)}


class _Writer:
    """A new cache file written as texts come; `finish` puts it in place, `abandon` removes it (through
    `core.store.atomic_file`, held open across `add` calls). A write that fails raises OSError and
    removes the file."""

    def __init__(self, path: Path, mode: int):
        self._writing = atomic_file(path, sync_dir=False, mode=mode)
        self._file = self._writing.__enter__()
        self._open = True
        self._index: list[bytes] = []
        self._at = 0
        self._write(_head())

    def _write(self, data: bytes) -> None:
        try:
            self._file.write(data)
        except OSError:
            self.abandon()
            raise
        self._at += len(data)

    def add(self, key: bytes, text: bytes, digest: bytes) -> None:
        self._index.append(_ENTRY.pack(key, self._at, len(text), digest))
        self._write(text)

    def finish(self) -> None:
        foot = _FOOT.pack(self._at, len(self._index))
        index = b"".join(self._index)
        self._write(index + foot + _digest(_head() + index + foot))
        self._open = False
        self._writing.__exit__(None, None, None)  # fsync, then the rename; a failure removes the file

    def abandon(self) -> None:
        if self._open:
            self._open = False
            self._writing.__exit__(_Abandoned, _Abandoned(), None)


class _Abandoned(Exception):
    """Thrown into `atomic_file` to make it remove the file it was writing."""
