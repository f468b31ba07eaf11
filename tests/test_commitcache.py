"""The committee's flags kept per commit (core.commitcache): a kept result is exactly what the rules
find, every write and every change of date, language or code is seen at once, and a damaged, missing or
unwritable cache never changes an answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil

import pytest

from duban.core import commitcache, flags
from duban.core.flags import Evidence, Finding, evaluate_flags
from duban.core.hookspecs import hookimpl
from duban.core.i18n import speaking
from duban.core.plugins import make_manager
from duban.core.record import load_record
from duban.core.registry import Registry
from duban.core.store import Database
from duban.core.workspace import Workspace
from tests.helpers import folder_digest

D = dt.date.fromisoformat


@pytest.fixture
def ws(demo_path) -> Workspace:
    return Workspace(Database(demo_path), load_entrypoints=False)


@pytest.fixture
def no_rules(monkeypatch):
    """From here on, working the flags out fails the test: only a kept result may answer."""
    monkeypatch.setattr(flags, "_evaluated", lambda *a: pytest.fail("the rules ran"))


def fresh_flags(ws: Workspace, as_of: dt.date, include_resolved: bool = True):
    """What the rules find, never kept."""
    record = ws.record()
    record.in_force(as_of)
    return flags._evaluated(ws.registry, record, as_of, include_resolved)


def cached(ws: Workspace, as_of: dt.date, include_resolved: bool = True):
    record = ws.record()
    record.in_force(as_of)
    return evaluate_flags(ws.registry, record, as_of, include_resolved=include_resolved)


def json_flags(cli, db, *args) -> list:
    r = cli("--db", db, "flags", "--json", *args)
    assert r.status == 0, r.err
    return json.loads(r.out)["flags"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("day", ["2020-06-01", "2020-10-15", "2021-12-31"])
@pytest.mark.parametrize("include_resolved", [True, False])
def test_a_kept_result_is_what_the_rules_find(ws, day, lang, include_resolved, request):
    with speaking(lang):
        expected = fresh_flags(ws, D(day), include_resolved)
        assert cached(ws, D(day), include_resolved) == expected  # worked out, then kept
        assert commitcache.cache_file(ws.db.path).exists()
        request.getfixturevalue("no_rules")
        assert cached(ws, D(day), include_resolved) == expected  # read back, in a new record


def test_each_question_date_and_language_is_kept_apart(ws, request):
    answers = {}
    for day in ("2020-09-01", "2020-10-15"):
        for lang in ("zh", "en"):
            for resolved in (True, False):
                with speaking(lang):
                    answers[day, lang, resolved] = fresh_flags(ws, D(day), resolved)
                    # kept one after another in the same file: a key that missed any part of the
                    # question would hand this one the answer kept for the one before
                    assert cached(ws, D(day), resolved) == answers[day, lang, resolved]
    request.getfixturevalue("no_rules")
    for (day, lang, resolved), expected in answers.items():
        with speaking(lang):
            assert cached(ws, D(day), resolved) == expected
    en = answers["2020-10-15", "en", True]
    assert "overdue" in " ".join(e.text for f in en for e in f.evidence)


def test_the_file_keeps_the_newest_results_only(ws):
    days = [D("2020-07-01") + dt.timedelta(days=7 * k) for k in range(commitcache.KEPT + 2)]
    for day in days:
        cached(ws, day)
    lines = commitcache.cache_file(ws.db.path).read_bytes().splitlines()
    assert len(lines) == commitcache.KEPT
    assert json.loads(lines[0].split(b" ", 2)[2]) == [flags.to_doc(f) for f in fresh_flags(ws, days[-1])]


def test_a_decision_is_seen_by_the_next_command(cli, demo_path):
    before = json_flags(cli, demo_path)
    pending = next(f for f in before if f["state"] == "open" and f["decision"] is None)
    r = cli("--db", demo_path, "flags", "confirm", pending["id"], "--reason", "核实无误")
    assert r.status == 0, r.err
    after = {f["id"]: f for f in json_flags(cli, demo_path)}
    assert after[pending["id"]]["decision"] == "confirmed"


def test_a_report_that_ends_a_cause_is_seen_by_the_next_command(cli, demo_path):
    before = json_flags(cli, demo_path, "--open")
    overdue = next(f for f in before if f["rule"] == "task_overdue" and f["unit"] == "medical_security")
    task, step = overdue["subject"].split("#")
    r = cli("--db", demo_path, "progress", task, "--unit", "medical_security", "--done", "--step", int(step) + 1)
    assert r.status == 0, r.err
    after = {f["id"]: f for f in json_flags(cli, demo_path)}
    assert after[overdue["id"]]["state"] == "resolved"


def test_a_folder_copied_back_by_hand_is_not_taken_for_the_commit_it_repeats(cli, demo_path, tmp_path):
    """A backup copied back over the folder and written to again can reach the very same meta.json with
    other reports in it: the files differ, so the result kept for the first is not shown for the second."""
    shutil.copytree(demo_path, tmp_path / "copy")

    def report(day: str) -> list:
        r = cli("--db", demo_path, "progress", "A1.1", "--unit", "medical_security", "--done", "--date", day)
        assert r.status == 0, r.err
        return json_flags(cli, demo_path)

    first = report("2020-10-01")
    meta = (demo_path / "meta.json").read_bytes()
    shutil.rmtree(demo_path)
    shutil.copytree(tmp_path / "copy", demo_path)
    second = report("2020-10-14")
    assert (demo_path / "meta.json").read_bytes() == meta  # the same commit, as far as meta.json says
    assert second != first
    ws = Workspace(Database(demo_path), load_entrypoints=False)
    expected = fresh_flags(ws, D("2020-10-15"))
    assert [f["id"] for f in second] == [f.id for f in expected]
    assert [f["last_seen"] for f in second] == [f.last_seen.isoformat() for f in expected]


def test_changed_code_is_worked_out_again(ws, monkeypatch):
    cached(ws, D("2020-10-15"))
    ran = []
    real = flags._evaluated
    monkeypatch.setattr(flags, "_evaluated", lambda *a: ran.append(1) or real(*a))
    cached(ws, D("2020-10-15"))
    assert ran == []
    monkeypatch.setattr(commitcache, "code_key", lambda: [["plugins/political_legal.py", 1, 2]])
    cached(ws, D("2020-10-15"))
    assert ran == [1]


class _Spotless:
    """An outside plugin's rule that reads something besides the record: its findings may not be kept."""

    calls = 0

    @hookimpl
    def duban_evaluate_flags(self, record, as_of, settings, metrics, checklists):
        _Spotless.calls += 1
        return [Finding("civil_affairs", "commendation", "spotless", (Evidence("task", "A2.1", "ok"),))]


def test_an_outside_plugin_s_flags_are_never_kept(demo_path):
    pm = make_manager(load_entrypoints=False)
    pm.register(_Spotless())
    ws = Workspace(Database(demo_path), registry=Registry(pm))
    first = cached(ws, D("2020-10-15"), False)
    second = cached(ws, D("2020-10-15"), False)
    assert _Spotless.calls == 2 and first == second
    assert not commitcache.cache_file(demo_path).exists()


def test_a_record_read_in_part_in_a_transaction_or_changed_is_never_kept(ws):
    record, as_of = ws.record_as_of()
    assert record.origin is None  # only the history that decides one day's status
    record, _ = ws.record_of_task("A2.1")
    assert record.origin is None
    with ws.db.transaction("test") as tx:
        assert load_record(tx, ws.units).origin is None
    record = ws.record()
    assert record.origin is not None
    record.changed()
    assert record.origin is None
    evaluate_flags(ws.registry, record, as_of)
    assert not commitcache.cache_file(ws.db.path).exists()


def _damage(path, how: str) -> None:
    data = path.read_bytes()
    key = data.split(b" ", 1)[0]
    if how == "garbage":
        path.write_bytes(b"\x00\xff not a cache \n" * 3)
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "flipped":  # one character of the evidence changed: the checksum no longer matches
        path.write_bytes(data.replace("逾期".encode(), "按期".encode(), 1))
    elif how == "wrong_shape":  # checksummed, but not flags
        bad = b'[{"id": 3}]'
        path.write_bytes(key + b" %08x " % commitcache.zlib.crc32(bad) + bad + b"\n")


@pytest.mark.parametrize("how", ["garbage", "truncated", "flipped", "wrong_shape"])
def test_a_damaged_cache_is_ignored_and_written_anew(cli, demo_path, how):
    first = cli("--db", demo_path, "flags")
    path = commitcache.cache_file(demo_path)
    _damage(path, how)
    again = cli("--db", demo_path, "flags")
    assert (again.status, again.out, again.err) == (0, first.out, "")
    assert path.read_bytes().split(b"\n")[0].split(b" ")[0] != b"\x00\xff"
    assert cli("--db", demo_path, "flags").out == first.out


def test_an_unwritable_cache_folder_costs_speed_not_the_answer(cli, demo_path, tmp_path, monkeypatch):
    expected = cli("--db", demo_path, "flags")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    r = cli("--db", demo_path, "flags")
    assert (r.status, r.out, r.err) == (0, expected.out, "")


def test_a_read_command_leaves_the_database_folder_as_it_was(cli, demo_path):
    digest = folder_digest(demo_path)
    for args in (("flags",), ("status",), ("unit", "civil_affairs")):
        assert cli("--db", demo_path, *args).status == 0
    assert folder_digest(demo_path) == digest
    assert commitcache.cache_file(demo_path).exists()


def test_a_kept_flag_keeps_every_field(cli, demo_path, ws):
    revised = cli("--db", demo_path, "flags", "confirm", "316c3611", "--reason", "复核", "--revise")
    assert revised.status == 0, revised.err
    expected = fresh_flags(ws, D("2021-12-31"))
    assert any(f.history and f.history[0].order_due for f in expected), "a revised ruling that had an order"
    cached(ws, D("2021-12-31"))
    kept = cached(ws, D("2021-12-31"))
    assert [dataclasses.asdict(f) for f in kept] == [dataclasses.asdict(f) for f in expected]
