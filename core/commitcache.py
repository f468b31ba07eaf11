"""What is worked out from one commit, kept between commands in the user's cache folder.

The committee's flags are a pure function of the committed record, the date asked about, the language
and duban's own code, yet working them out re-runs every rule at each checkpoint: most of `flags` and
`unit`, the quarterly report and the dashboard, a fifth of `status` at province scale. So a result is
kept in the user's cache folder ($XDG_CACHE_HOME/duban, one `flags-*.cache` file per database folder,
never in the database folder itself: every read command stays a pure read, on a read-only copy too)
under a digest of everything it depends on:

* the commit: meta.json as the record was read (every table's file, every log's committed length, the
  generation), which every write changes, and the identity of each file it names (device, inode, size,
  modification time): a folder deleted and made again, or a backup copied back by hand and written to,
  may reach the same meta.json with other contents, never the same files;
* what was asked (the as-of date, whether resolved flags too), the plan in force when asked and
  whether the record holds the tasks' texts;
* the language the evidence is written in;
* duban's own code: every module of duban.core and duban.plugins and the message catalogue (path, size,
  modification time; core.unitcache.code_key).

A result is kept and used only for a record read whole from a commit (not in part, not inside a
transaction, not changed in memory since: Record.origin), and only while the plugins registered are
duban's own: an outside plugin's rule may read anything. The file holds the last few results (`status`
asks for today's open flags, `flags` for the resolved ones too, a view --as-of another day), each line
with its key and a checksum. A line that does not match is never used; a file that cannot be written
(no home folder, a full disk) costs the next command its speed, never its answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .i18n import language
from .plugins import DEFAULT_PLUGINS
from .store import atomic_file
from .unitcache import cache_folder, code_key

if TYPE_CHECKING:
    from .record import Record
    from .registry import Registry

#: Results kept: the views one secretariat looks at in a day, each language.
KEPT = 8

T = TypeVar("T")


def remembered(
    record: Record,
    registry: Registry,
    asked: list,
    work: Callable[[], list[T]],
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
) -> list[T]:
    """`work()`, or what it returned for the same commit, question (`asked`), language and code."""
    key = _key(record, registry, asked)
    if key is None:
        return work()
    path = cache_file(record.origin.db.path)  # type: ignore[union-attr]  # a key means an origin
    head = key.encode() + b" "
    kept = _payload(path, head)
    if kept is not None:
        with contextlib.suppress(ValueError, LookupError, TypeError, AttributeError):
            return _decoded(json.loads(kept), decode)
    found = work()
    # One document at a time: at province scale all of them at once were 20 MiB on the command's peak.
    payload = b"[%s]" % b",".join(
        json.dumps(encode(item), ensure_ascii=False, separators=(",", ":")).encode() for item in found
    )
    with contextlib.suppress(OSError):  # no cache then: the next command works it out again
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(path, sync_dir=False, mode=0o600) as fh:  # the flags' evidence is the user's to read
            fh.write(b"%s%08x %s\n" % (head, zlib.crc32(payload), payload))
            for line in _lines(path, KEPT - 1, but=head):
                fh.write(line)
    return found


def _decoded(docs: list, decode: Callable[[Any], T]) -> list[T]:
    """Each document decoded, dropped as soon as it is: at province scale the documents and the values
    made from them are tens of megabytes each, and need not be held at once."""
    docs.reverse()
    found = []
    while docs:
        found.append(decode(docs.pop()))
    return found


def cache_file(db_folder: Path) -> Path:
    """Where the results worked out from the database in `db_folder` are kept."""
    where = os.path.realpath(db_folder)
    return cache_folder() / f"flags-{zlib.crc32(where.encode()):08x}.cache"


def _key(record: Record, registry: Registry, asked: list) -> str | None:
    """The digest a result is kept under, or None when it may not be kept (see the module's text)."""
    if record.origin is None:
        return None
    plugins = registry.pm.list_name_plugin()
    if any(name not in DEFAULT_PLUGINS or getattr(plugin, "__name__", None) != name for name, plugin in plugins):
        return None
    origin = record.origin
    try:
        files = _file_identities(origin.db.path, origin.meta)
    except OSError:  # a later commit has already swept a file this one named
        return None
    whole = [
        origin.meta,
        files,
        asked,
        record._in_force,
        origin.texts,
        language(),
        code_key(),
        sorted(name for name, _plugin in plugins),
    ]
    return hashlib.blake2b(json.dumps(whole, sort_keys=True).encode(), digest_size=16).hexdigest()


def _file_identities(folder: Path, meta: dict) -> list:
    """Device, inode, size and modification time of every file `meta` names."""
    names = [*meta["tables"].values(), *(log["file"] for log in meta["logs"].values() if log.get("file"))]
    found = []
    for name in sorted(names):
        st = os.stat(folder / name)
        found.append([name, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns])
    return found


def _lines(path: Path, most: int | None = None, but: bytes = b"") -> Iterator[bytes]:
    """The file's whole lines (results, newest first), `most` of them, but those starting with `but`:
    one at a time, since at province scale a result is megabytes and the file holds several."""
    try:
        with open(path, "rb") as fh:
            count = 0
            for line in fh:
                if most is not None and count == most:
                    return
                if line.endswith(b"\n") and not (but and line.startswith(but)):
                    count += 1
                    yield line
    except OSError:
        return


def _payload(path: Path, head: bytes) -> bytes | None:
    """The payload of the line starting with `head` whose checksum matches, else None."""
    for line in _lines(path):
        if line.startswith(head):
            crc, _, payload = line[len(head) : -1].partition(b" ")
            return payload if crc == b"%08x" % zlib.crc32(payload) else None
    return None
