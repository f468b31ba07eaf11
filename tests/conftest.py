"""Shared fixtures: a demo database built once and copied per test, a CLI runner, the dashboard factory.

Helpers that are not fixtures live in tests/helpers.py."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from duban.cli.main import main
from duban.core.i18n import set_language
from duban.core.store import Database
from duban.core.workspace import Workspace
from tests.helpers import Result


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Every test starts in the default language, whatever the last one chose."""
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path, monkeypatch):
    """Every test starts without the units a previous one left in the cache (core.unitcache)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo-template") / "db"
    assert main(["--db", str(path), "demo"]) == 0
    return path


@pytest.fixture
def demo_path(_demo_template, tmp_path) -> Path:
    """A private copy of the demo database (as of 2020-10-15)."""
    path = tmp_path / "demo"
    shutil.copytree(_demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_path) -> Database:
    """The demo database opened through the store."""
    return Database(demo_path)


@pytest.fixture
def demo_ws(demo_db) -> Workspace:
    """The demo database with the built-in plugins only."""
    return Workspace(demo_db, load_entrypoints=False)


@pytest.fixture
def install_plugin(tmp_path, monkeypatch):
    """Install a plugin module as pip would (a .dist-info with a `duban` entry point on sys.path); the
    process's registry is collected afresh with it, and again without it afterwards."""
    from duban.core.registry import load_registry

    def install(source: Path, entry: str = "county") -> None:
        module = source.stem
        site = tmp_path / f"site-{module}"
        info = site / f"{module}-0.1.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 0.1.0\n")
        (info / "entry_points.txt").write_text(f"[duban]\n{entry} = {module}\n")
        shutil.copy(source, site)
        monkeypatch.syspath_prepend(str(site))
        monkeypatch.delitem(sys.modules, module, raising=False)
        load_registry.cache_clear()

    yield install
    load_registry.cache_clear()


@pytest.fixture
def cli(capsys):
    """Run `duban ARGS…` in-process; returns status, stdout and stderr."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        status = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run


@pytest.fixture
def make(demo_ws):
    """Build the dashboard on the private demo database; polling off unless a test asks for it."""

    from duban.tui.app import make_app

    def build(**options):
        options.setdefault("poll_seconds", 0)
        options.setdefault("author", "秘书组")
        app = make_app(demo_ws, **options)
        # Every notice the app shows, kept past its timeout (a slow machine lets toasts expire mid-test).
        app.said = []
        notify = app.notify

        def kept(message, *args, **kwargs):
            app.said.append(str(message))
            return notify(message, *args, **kwargs)

        app.notify = kept
        return app

    return build
