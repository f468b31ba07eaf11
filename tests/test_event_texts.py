"""The cache of rendered event texts beside the database: an export reads it, and its feeds are the
bytes a fresh render gives whatever the file holds (kept, stale, damaged, unwritable)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from duban.calendars import event_texts, ical
from duban.calendars.event_texts import CACHE_FILE
from duban.calendars.export import export_feeds
from duban.core.progress import record_progress


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The UIDs of the events rendered through `ics` (not taken from the cache), in order."""
    calls: list[str] = []
    render = ical.event_text

    def counting(item, zone=ical.PLAN_TZ):
        calls.append(item.event.uid)
        return render(item, zone)

    monkeypatch.setattr(ical, "event_text", counting)
    return calls


def export(ws, out: Path, **kw) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path, _feed in export_feeds(ws, out, **kw)}


def fresh(ws, out: Path) -> dict[str, bytes]:
    """The feeds as rendered with no cache file at all (the file is put back afterwards)."""
    cache = ws.db.path / CACHE_FILE
    kept = cache.read_bytes() if cache.exists() else None
    cache.unlink(missing_ok=True)
    try:
        return export(ws, out)
    finally:
        cache.unlink(missing_ok=True)
        if kept is not None:
            cache.write_bytes(kept)


def test_a_second_export_renders_nothing_and_writes_the_same_bytes(demo_ws, tmp_path, rendered):
    first = export(demo_ws, tmp_path / "a")
    made = len(rendered)
    assert made > 50 and len(set(rendered)) == made  # each event once, though "all" repeats them
    assert (demo_ws.db.path / CACHE_FILE).exists()
    second = export(demo_ws, tmp_path / "b")
    assert second == first
    assert len(rendered) == made  # every text came from the cache


def test_a_progress_report_re_renders_only_the_events_it_changed(demo_ws, tmp_path, rendered):
    export(demo_ws, tmp_path / "a")
    record_progress(demo_ws, "A2.1", 70, dt.date(2020, 10, 15), note="人像比对又甄别3人")
    rendered.clear()
    after = export(demo_ws, tmp_path / "b")
    assert rendered and all("-task-A2.1-" in uid for uid in rendered), rendered
    assert after == fresh(demo_ws, tmp_path / "c")
    rendered.clear()
    assert export(demo_ws, tmp_path / "d") == after and not rendered


def _damage(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: _damage(p, 400), id="a flipped byte in a text"),
        pytest.param(lambda p: _damage(p, p.stat().st_size - 30), id="a flipped byte in the index"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:-7]), id="cut short"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(
            lambda p: p.write_bytes(p.read_bytes().replace(b"cache 1 ", b"cache 1 0", 1)), id="other renderer"
        ),
    ],
)
def test_a_damaged_cache_never_reaches_a_feed(demo_ws, tmp_path, rendered, damage):
    expected = export(demo_ws, tmp_path / "a")
    damage(demo_ws.db.path / CACHE_FILE)
    rendered.clear()
    assert export(demo_ws, tmp_path / "b") == expected
    assert rendered  # what did not check was rendered again
    rendered.clear()
    assert export(demo_ws, tmp_path / "c") == expected and not rendered  # and the file was written anew


def test_a_stale_text_is_never_shown_when_the_renderer_changes(demo_ws, tmp_path, rendered, monkeypatch):
    export(demo_ws, tmp_path / "a")
    monkeypatch.setattr(event_texts, "_renderer", lambda: b"another-renderer")
    rendered.clear()
    export(demo_ws, tmp_path / "b")
    assert len(set(rendered)) == len(rendered) > 50


def test_one_units_export_reads_the_cache_but_does_not_rewrite_it(demo_ws, tmp_path, rendered):
    export(demo_ws, tmp_path / "a")
    cache = demo_ws.db.path / CACHE_FILE
    kept = cache.read_bytes()
    rendered.clear()
    one = export(demo_ws, tmp_path / "b", unit="civil_affairs")
    assert list(one) == ["civil_affairs.ics"] and not rendered
    assert cache.read_bytes() == kept


def test_a_cache_that_cannot_be_written_only_costs_a_render(demo_ws, tmp_path, rendered):
    first = export(demo_ws, tmp_path / "a")
    cache = demo_ws.db.path / CACHE_FILE
    cache.unlink()
    cache.mkdir()  # in the way of the new file, as a full disk or a read-only folder would be
    rendered.clear()
    assert export(demo_ws, tmp_path / "b") == first and rendered
    assert cache.is_dir() and not [p.name for p in demo_ws.db.path.iterdir() if p.name.endswith(".tmp")]


def test_a_disk_that_fills_while_the_cache_is_written_leaves_no_file_and_loses_no_feed(demo_ws, tmp_path, monkeypatch):
    first = export(demo_ws, tmp_path / "a")
    (demo_ws.db.path / CACHE_FILE).unlink()
    made = event_texts.atomic_file

    @contextlib.contextmanager
    def filling(path, sync_dir=True, mode=None):
        with made(path, sync_dir, mode) as fh:
            writes, fits = fh.write, iter(range(3))  # the head and two texts fit, then the disk is full

            def write(data):
                if next(fits, None) is None:
                    raise OSError(28, "No space left on device")
                return writes(data)

            fh.write = write
            yield fh

    monkeypatch.setattr(event_texts, "atomic_file", filling)
    assert export(demo_ws, tmp_path / "b") == first
    assert not (demo_ws.db.path / CACHE_FILE).exists()
    assert not [p.name for p in demo_ws.db.path.iterdir() if p.name.endswith(".tmp")]


def test_a_cache_file_that_cannot_be_made_is_tried_once_per_export(demo_ws, tmp_path, monkeypatch):
    first = export(demo_ws, tmp_path / "a")
    (demo_ws.db.path / CACHE_FILE).unlink()
    tries = []

    def refused(path, mode):
        tries.append(path)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(event_texts, "_Writer", refused)
    assert export(demo_ws, tmp_path / "b") == first
    assert len(tries) == 1 and not (demo_ws.db.path / CACHE_FILE).exists()


def test_the_cache_is_private_like_the_database_and_db_check_passes(cli, demo_path, tmp_path):
    done = cli("--db", demo_path, "calendars", "export", "--out", tmp_path / "feeds")
    assert done.status == 0, done.err
    assert os.stat(demo_path / CACHE_FILE).st_mode & 0o777 == 0o600
    check = cli("--db", demo_path, "db", "check")
    assert check.status == 0, check.out + check.err


def _other(value):
    """A value of the same kind as `value` that renders differently (a field of a new kind fails here)."""
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, int):
        return value + 1
    if isinstance(value, dt.timedelta):
        return value * 2
    if isinstance(value, dt.date):  # and datetime
        return value + dt.timedelta(days=1)
    raise AssertionError(f"no variant for {value!r}")


def test_every_field_an_event_shows_is_in_its_cache_key():
    """A field added to an event, an alarm or a stamp and left out of the key would let two events that
    render differently share one kept text; each field is changed alone here and must change the key."""
    from dataclasses import fields, replace

    alarm = ical.Alarm(dt.timedelta(days=-7), "提醒")
    event = ical.FeedEvent(
        "uid-1", "标题", "说明", dt.date(2020, 10, 1), dt.date(2020, 10, 2), ("A1",), rrule="FREQ=WEEKLY"
    )
    event = replace(event, alarms=(alarm,))
    item = ical.Stamped(event, 3, dt.datetime(2020, 10, 1, 9, tzinfo=ical.PLAN_TZ))
    key = event_texts._key(item, ical.PLAN_TZ)
    variants = []
    for f in fields(ical.FeedEvent):
        value = getattr(event, f.name)
        if f.name == "categories":
            variants.append(replace(item, event=replace(event, categories=(*value, "A2"))))
            variants.append(replace(item, event=replace(event, categories=("A", "1"))))
        elif f.name == "alarms":
            variants.append(replace(item, event=replace(event, alarms=())))
            variants += [
                replace(
                    item, event=replace(event, alarms=(replace(alarm, **{a.name: _other(getattr(alarm, a.name))}),))
                )
                for a in fields(ical.Alarm)
            ]
        else:
            variants.append(replace(item, event=replace(event, **{f.name: _other(value)})))
    variants += [
        replace(item, **{f.name: _other(getattr(item, f.name))}) for f in fields(ical.Stamped) if f.name != "event"
    ]
    keys = [event_texts._key(v, ical.PLAN_TZ) for v in variants]
    assert key not in keys and len(set(keys)) == len(keys)
    assert event_texts._key(item, ZoneInfo("UTC")) != key
