"""Outside plugins: whether any installed distribution declares duban's entry-point group."""

from __future__ import annotations

import functools
import os
import sys

ENTRY_POINT_GROUP = "duban"


def declares_group(group: str) -> bool:
    """Whether a distribution on sys.path may declare the entry-point group, read from the
    entry_points.txt files themselves: importing importlib.metadata and scanning every distribution
    costs more than the rest of a listing, and most installations have no outside plugin. Scanned
    once per process for a given sys.path (the unit cache and the plugin manager both ask)."""
    return _declares_group(group, tuple(sys.path))


@functools.cache
def _declares_group(group: str, path: tuple[str, ...]) -> bool:
    for entry in path:
        try:
            names = os.listdir(entry or ".")
        except NotADirectoryError:  # a zip archive on the path: only importlib.metadata reads those
            return True
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")) and _names_group(os.path.join(entry, name), group):
                return True
    return False


def _names_group(info: str, group: str) -> bool:
    try:
        with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as f:
            lines = f.read().splitlines()
    except UnicodeDecodeError:  # let importlib.metadata say what is wrong with it
        return True
    except OSError:
        return False
    # importlib.metadata's reading of a section line: "[ name ]" names the group "name".
    return any(s.startswith("[") and s.endswith("]") and s[1:-1].strip() == group for s in map(str.strip, lines))
