"""The units the built-in plugins register, kept between commands in the user's cache folder.

A listing needs the units, not the plugin manager that registers them: importing pluggy and the
thirteen unit plugins and collecting their registrations is about a third of `duban tasks` at demo
scale. So the units of the last full collection are written to a file, and a command that needs
only the units reads them back while duban's own code is unchanged.

Only the built-in plugins' units are kept. When an outside plugin is installed (a distribution on
sys.path declares the `duban` entry-point group), every command collects afresh, as before: what
such a plugin (or its wrapper on `duban_register_units`) registers may depend on anything. The file
is keyed by every module of duban.core and duban.plugins (path, size, modification time), so an
edited plugin is collected again; a file that cannot be read, does not parse or whose checksum does
not match is ignored and written anew, and one that cannot be written only costs the next command
its speed.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path

from duban import plugins as builtin_plugins

from .codec import from_doc, to_doc
from .entrypoints import ENTRY_POINT_GROUP, declares_group
from .model import Unit


def plugin_units(load_entrypoints: bool = True) -> dict[str, Unit]:
    """Units registered by plugins, by code in the plan's order: from the cache when only the
    built-in plugins register and they are unchanged, else collected (and the cache renewed)."""
    if load_entrypoints and declares_group(ENTRY_POINT_GROUP):
        return _collected(load_entrypoints)
    path, key = cache_file(), code_key()
    units = _read(path, key)
    if units is None:
        units = _collected(load_entrypoints)
        _write(path, key, units)
    return units


def _collected(load_entrypoints: bool) -> dict[str, Unit]:
    from .registry import load_registry  # the plugin manager, only when the cache cannot answer

    return load_registry(load_entrypoints).units


def cache_folder() -> Path:
    """The user's cache folder for duban: $XDG_CACHE_HOME/duban, else ~/.cache/duban."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "duban"


def cache_file() -> Path:
    """Where this installation's units are kept: one file per installed copy of duban."""
    where = os.path.dirname(os.path.abspath(__file__))
    return cache_folder() / f"units-{zlib.crc32(where.encode()):08x}.json"


def code_key() -> list[list]:
    """Path, size and modification time of every module of duban.core and duban.plugins and of the
    message catalogue."""
    key = []
    core = os.path.dirname(os.path.abspath(__file__))
    for folder in (core, os.path.join(core, "texts"), *builtin_plugins.__path__):
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith((".py", ".json")):
                    st = entry.stat()
                    key.append([entry.path, st.st_size, st.st_mtime_ns])
    return sorted(key)


def _checksum(docs: list) -> int:
    return zlib.crc32(json.dumps(docs, ensure_ascii=False, sort_keys=True).encode())


def _read(path: Path, key: list[list]) -> dict[str, Unit] | None:
    """The units the file keeps for `key`, or None (no file, another key, damaged)."""
    try:
        with open(path, encoding="utf-8") as f:
            kept = json.load(f)
        if kept["key"] != key or kept["checksum"] != _checksum(kept["units"]):
            return None
        units = [from_doc(Unit, doc) for doc in kept["units"]]
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        return None
    return {u.code: u for u in units}


def _write(path: Path, key: list[list], units: dict[str, Unit]) -> None:
    """Keep `units` for `key`: written aside, then moved in place (a reader never sees half a file)."""
    docs = [to_doc(u) for u in units.values()]
    part = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "w", encoding="utf-8") as f:
            json.dump({"key": key, "checksum": _checksum(docs), "units": docs}, f, ensure_ascii=False)
        os.replace(part, path)
    except OSError:  # no cache then: the next command collects again
        with contextlib.suppress(OSError):
            part.unlink()
