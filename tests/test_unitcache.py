"""The built-in plugins' units kept between commands (core.unitcache): a listing loads no plugin, and
whatever changes the units (an edited plugin, an outside one installed) is seen by the next command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from duban.core import registry, unitcache

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = [("tasks",), ("show", "A2.1"), ("units",)]


@pytest.fixture
def no_plugins(monkeypatch):
    """From here on, building the plugin manager fails the test."""
    monkeypatch.setattr(registry, "make_manager", lambda *a, **k: pytest.fail("plugins loaded"))
    registry.load_registry.cache_clear()
    yield
    registry.load_registry.cache_clear()


def kept() -> dict:
    return json.loads(unitcache.cache_file().read_text(encoding="utf-8"))


def keep(doc: dict) -> None:
    doc["checksum"] = unitcache._checksum(doc["units"])
    unitcache.cache_file().write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: a[0])
def test_a_listing_reads_the_units_the_last_command_kept(args, demo_path, cli, request):
    first = cli("--db", demo_path, *args)
    assert first.status == 0 and unitcache.cache_file().exists()
    request.getfixturevalue("no_plugins")
    again = cli("--db", demo_path, *args)
    assert again == first


def test_a_command_that_calls_hooks_still_loads_the_plugins(demo_path, cli, monkeypatch):
    assert cli("--db", demo_path, "units").status == 0
    registry.load_registry.cache_clear()
    built = []
    make_manager = registry.make_manager
    monkeypatch.setattr(registry, "make_manager", lambda *a, **k: built.append(1) or make_manager(*a, **k))
    status = cli("--db", demo_path, "--lang", "en", "status")
    # The committee's flags come from the plugins' hooks: the warm unit cache must not stand in for them.
    assert status.status == 0 and built and "Civil Affairs" in status.out


def test_units_kept_for_other_code_are_collected_again(demo_path, cli):
    """Written before a plugin was edited: the file's key names the plugin's file as it was then."""
    assert cli("--db", demo_path, "units").status == 0
    real = unitcache.code_key()
    stale = [[path, size, mtime - 1 if path.endswith("civil_affairs.py") else mtime] for path, size, mtime in real]
    doc = kept()
    for unit in doc["units"]:
        if unit["code"] == "civil_affairs":
            unit["name"] = "旧民政局"
    keep({**doc, "key": stale})
    registry.load_registry.cache_clear()
    out = cli("--db", demo_path, "units").out
    assert "民政局" in out and "旧民政局" not in out
    assert kept()["key"] == real


def test_an_edited_plugin_file_changes_the_key():
    plugin = ROOT / "plugins" / "civil_affairs.py"
    before = unitcache.code_key()
    st = plugin.stat()
    os.utime(plugin, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    try:
        assert unitcache.code_key() != before
    finally:
        os.utime(plugin, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert unitcache.code_key() == before


def test_an_outside_plugin_installed_is_seen_by_the_next_command(cli, tmp_path, install_plugin):
    db = tmp_path / "db"
    assert cli("--db", db, "init").status == 0
    assert "town_xiangyang" not in cli("--db", db, "units").out
    install_plugin(ROOT / "tests" / "thirdparty_plugin" / "duban_county_rules.py")
    assert "town_xiangyang" in cli("--db", db, "units").out


@pytest.mark.parametrize(
    "damage",
    [b"", b"{", b"[]", b'{"key": 1}', b"\xff\xfe", b"checksum", b"shape"],
    ids=["empty", "cut", "list", "wrong key", "not utf-8", "checksum", "shape"],
)
def test_a_damaged_file_is_ignored_and_written_anew(damage, demo_path, cli):
    first = cli("--db", demo_path, "--lang", "en", "tasks")
    path = unitcache.cache_file()
    good = path.read_bytes()
    if damage == b"checksum":  # a unit's name changed behind the checksum's back
        path.write_bytes(good.replace("民政局".encode(), "某某局".encode()))
    elif damage == b"shape":  # right key and checksum, units that are not units
        keep({**kept(), "units": [{"code": "x"}]})
    else:
        path.write_bytes(damage)
    registry.load_registry.cache_clear()
    assert cli("--db", demo_path, "--lang", "en", "tasks") == first
    assert path.read_bytes() == good


def test_a_cache_folder_that_cannot_be_written_costs_only_speed(demo_path, cli, tmp_path, monkeypatch):
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    first = cli("--db", demo_path, "tasks")
    assert first.status == 0 and first.err == ""
    assert cli("--db", demo_path, "tasks") == first
