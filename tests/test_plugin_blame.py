"""An error from a plugin names the plugin and the hook, is never called database damage, and changes nothing."""

from __future__ import annotations

import pytest

from duban import hookimpl
from duban.core import registry
from duban.core.errors import DubanError
from duban.core.metrics import all_metric_status
from duban.core.plugins import make_manager
from duban.core.registry import Registry
from duban.core.store import Database
from duban.core.workspace import Workspace
from tests.helpers import folder_digest


class Raises:
    """A county plugin with a bug."""

    @hookimpl
    def duban_compute_metric(self, metric, record, as_of):
        raise ZeroDivisionError("division by zero")


class NotANumber:
    """A county plugin that answers a metric with text."""

    @hookimpl
    def duban_compute_metric(self, metric, record, as_of):
        return "eighty"


class BadFlags:
    @hookimpl
    def duban_evaluate_flags(self, record, as_of, settings, metrics):
        return settings["a setting this plugin forgot to declare"]


@pytest.mark.parametrize("plugin", [Raises(), NotANumber(), BadFlags()], ids=["raises", "not_a_number", "flags"])
def test_a_failing_plugin_is_named_with_its_hook_and_nothing_changes(plugin, demo_path, cli, monkeypatch):
    pm = make_manager(load_entrypoints=False)
    pm.register(plugin, name="county_extras")
    with_plugin = Registry(pm)
    monkeypatch.setattr(registry, "load_registry", lambda load_entrypoints=True: with_plugin)
    before = folder_digest(demo_path)
    for args in (["flags"], ["unit", "public_security"], ["status"]):
        r = cli("--db", demo_path, "--lang", "en", *args)
        if r.status == 0:
            continue  # a command that does not call the hook
        assert r.status == 1 and r.err.count("\n") == 1 and "Traceback" not in r.err, (args, r.err)
        assert "plugin county_extras failed in duban_" in r.err and "damaged" not in r.err, (args, r.err)
    r = cli("--db", demo_path, "--lang", "en", "flags")
    assert r.status == 1
    assert folder_digest(demo_path) == before
    ws = Workspace(Database(demo_path), registry=with_plugin)
    if not isinstance(plugin, BadFlags):
        with pytest.raises(DubanError, match="county_extras"):
            all_metric_status(with_plugin, ws.record(), ws.as_of(ws.record()))
