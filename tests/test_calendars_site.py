"""`duban calendars export --site`: secret file names, an index outside the site, files rewritten only when they change."""

from __future__ import annotations

import datetime as dt
import json

from duban.calendars.tokens import rotate
from duban.core.progress import record_progress
from duban.core.record import load_record
from tests.helpers import events, parse_strict


def _files(site):
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in site.iterdir()}


def test_site_export_writes_secret_names_and_rewrites_only_what_changed(cli, demo_path, demo_db, demo_ws, tmp_path):
    for code in ("all", "civil_affairs", "public_security", "finance"):
        rotate(demo_db, code, "test")
    site = tmp_path / "www" / "calendars"
    r = cli("--db", demo_path, "calendars", "export", "--site", site, "--base", "https://cal.example.cn/c/")
    assert r.status == 0, r.err
    assert "civil_affairs" in r.out and "rescue_station" in r.out  # the feeds without a URL are named
    index = json.loads((tmp_path / "www" / "calendars.index.json").read_text(encoding="utf-8"))
    assert {row["feed"] for row in index} == {"all", "civil_affairs", "public_security", "finance"}
    first = _files(site)
    assert set(first) == {row["file"] for row in index} and all(len(name) == 36 for name in first)
    assert all(row["url"] == "https://cal.example.cn/c/" + row["file"] for row in index)
    for row in index:  # each file is that feed, and no name gives away whose it is
        assert row["feed"] not in row["file"]
        assert events(parse_strict((site / row["file"]).read_bytes()))

    r = cli("--db", demo_path, "--json", "calendars", "export", "--site", site)
    assert r.status == 0 and not any(row["written"] for row in json.loads(r.out)["feeds"])
    assert _files(site) == first  # same inodes, same mtimes: nothing rewritten

    record_progress(demo_ws, "A2.1", 70, dt.date(2020, 10, 15), note="人像比对又甄别3人")
    with demo_db.reading() as snap:
        task = load_record(snap, demo_ws.units).plan.task("A2.1")
    r = cli("--db", demo_path, "--json", "calendars", "export", "--site", site)
    written = {row["feed"] for row in json.loads(r.out)["feeds"] if row["written"]}
    expected = {"all"} | ({"civil_affairs", "public_security", "finance"} & set(task.units))
    assert written == expected and "public_security" in written
    after = _files(site)
    by_feed = {row["feed"]: row["file"] for row in index}
    for feed, name in by_feed.items():
        assert (after[name] == first[name]) == (feed not in expected), feed


def test_a_rotated_token_takes_its_old_file_off_the_site(cli, demo_path, demo_db, tmp_path):
    rotate(demo_db, "finance", "test")
    site = tmp_path / "site"
    assert cli("--db", demo_path, "calendars", "export", "--site", site).status == 0
    (old,) = [p.name for p in site.iterdir()]
    rotate(demo_db, "finance", "test")
    assert cli("--db", demo_path, "calendars", "export", "--site", site).status == 0
    (new,) = [p.name for p in site.iterdir()]
    assert new != old


def test_the_index_is_never_inside_the_site_and_the_view_is_fixed(cli, demo_path, demo_db, tmp_path):
    rotate(demo_db, "finance", "test")
    site = tmp_path / "site"
    r = cli("--db", demo_path, "calendars", "export", "--site", site, "--index", site / "list.json")
    assert r.status == 1 and "list.json" in r.err and not site.exists()
    r = cli("--db", demo_path, "--as-of", "2020-08-01", "calendars", "export", "--site", site)
    assert r.status == 2 and "--as-of" in r.err
