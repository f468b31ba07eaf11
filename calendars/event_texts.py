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
from collections import Counter
from collections.abc import Callable, KeysView
from pathlib import Path
from zoneinfo import ZoneInfo

from duban.core.store import Database

from . import ical
from .ical import Stamped

CACHE_FILE = "feeds.cache"
_HEAD = b"duban-feed-cache 1 "
_DIGEST = 16  # bytes of a key, of a text's digest and of the index's checksum
_ENTRY = _DIGEST + 8 + 4 + _DIGEST  # key, offset, length, the text's digest
_FOOT = 8 + 4 + _DIGEST  # where the index starts, how many entries, its checksum


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
                self._new = self._copy_used()
            digest = found[1] if found else _digest(text)
            self._used[key] = digest
            if self._new:
                self._new.add(key, text, digest)
        return text

    def _copy_used(self) -> _Writer | None:
        """A new file holding the texts used so far (all found in the old one); None, and nothing kept
        this run, if it cannot be made."""
        try:
            new = _Writer(self._db.path / CACHE_FILE, self._db.file_mode)  # type: ignore[union-attr]
        except OSError:
            self._keep = False
            return None
        for key, digest in self._used.items():
            found = self._old.get(key) if self._old else None
            if found is None:  # a read that passed a moment ago failed: the disk, not the texts
                new.abandon()
                self._keep = False
                return None
            new.add(key, found[0], digest)
        return new

    def save(self) -> None:
        """Leave this run's texts for the next, unless the file holds exactly them already."""
        if not self._keep or (self._new is None and self._old and self._old.keys() == self._used.keys()):
            return
        new, self._new = self._new or self._copy_used(), None
        if new:
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
    if size < len(head) + _FOOT or os.pread(fd, len(head), 0) != head:
        return None
    foot = os.pread(fd, _FOOT, size - _FOOT)
    start, count = int.from_bytes(foot[:8], "big"), int.from_bytes(foot[8:12], "big")
    if start < len(head) or start + count * _ENTRY != size - _FOOT:
        return None
    data = os.pread(fd, count * _ENTRY, start)
    if len(data) != count * _ENTRY or _digest(head + data + foot[:12]) != foot[12:]:
        return None
    index = {}
    for pos in range(0, len(data), _ENTRY):
        key, offset, length = data[pos : pos + 16], data[pos + 16 : pos + 24], data[pos + 24 : pos + 28]
        index[key] = (int.from_bytes(offset, "big"), int.from_bytes(length, "big"), data[pos + 28 : pos + _ENTRY])
    return index


class _Writer:
    """A new cache file written as texts come, under a temporary name until `finish` puts it in place."""

    def __init__(self, path: Path, mode: int):
        self.path = path
        self._tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # what a killed writer leaves is swept
        self._file = open(self._tmp, "wb")  # noqa: SIM115 -- open across add() calls; finish/abandon close it
        self._failed = False
        self._index: list[bytes] = []
        self._put(lambda: os.fchmod(self._file.fileno(), mode))
        self._put(lambda: self._file.write(_head()))

    def _put(self, write: Callable[[], object]) -> None:
        """Run one write; after a failure (a full disk) the file is only abandoned."""
        if not self._failed:
            try:
                write()
            except OSError:
                self._failed = True

    def add(self, key: bytes, text: bytes, digest: bytes) -> None:
        self._index.append(key + self._file.tell().to_bytes(8, "big") + len(text).to_bytes(4, "big") + digest)
        self._put(lambda: self._file.write(text))

    def finish(self) -> None:
        index = b"".join(self._index)
        count = len(self._index).to_bytes(4, "big")
        start = self._file.tell().to_bytes(8, "big")
        self._put(lambda: self._file.write(index + start + count + _digest(_head() + index + start + count)))
        self._put(self._file.flush)
        self._put(lambda: os.fsync(self._file.fileno()))
        self._put(lambda: os.replace(self._tmp, self.path))
        self.abandon()

    def abandon(self) -> None:
        """Close the file and remove it unless `finish` put it in place."""
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)
