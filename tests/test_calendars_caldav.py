"""`duban calendars publish --caldav`: against a real Radicale on 127.0.0.1, read back with the caldav client."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import time

import caldav
import icalendar
import pytest

from duban.core.flags import Decision, decide, evaluate_flags, unit_flag
from duban.core.progress import record_progress
from tests.helpers import parse_strict


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def radicale(tmp_path):
    """A Radicale server with its own storage folder and no authentication; its URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            f"--storage-filesystem-folder={tmp_path / 'radicale'}",
            "--auth-type=none",
            f"--server-hosts=127.0.0.1:{port}",
            "--logging-level=error",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(10)


def remote(url: str, collection: str) -> dict[str, tuple[int, str]]:
    """Every event in `collection` of user duban: SEQUENCE and the object's data, by UID."""
    with caldav.DAVClient(url=url, username="duban", password="x") as client:
        calendar = next(c for c in client.principal().calendars() if str(c.url).rstrip("/").endswith(collection))
        found = {}
        for obj in calendar.events():
            # Radicale stores the object re-serialized by its own parser, folded its own way: compare content.
            event = icalendar.Calendar.from_ical(obj.data).walk("VEVENT")[0]
            found[str(event["UID"])] = (int(event["SEQUENCE"]), f"{event['SUMMARY']}\n{event['DESCRIPTION']}")
        return found


@pytest.mark.slow
def test_publish_round_trip_update_and_delete(cli, radicale, tmp_path, demo_path, demo_db, demo_ws):
    secret = tmp_path / "password"
    secret.write_text("x\n", encoding="utf-8")
    args = (
        "--db",
        demo_path,
        "calendars",
        "publish",
        "--caldav",
        radicale,
        "--user",
        "duban",
        "--password-file",
        secret,
    )
    r = cli(*args)
    assert r.status == 0, r.err
    # Its own parts of A1.1 (two rounds) and A5.1 and the three reporting dates; the rules' suggestion about
    # it is not published, only the committee's decisions are.
    assert "medical_security（医保局·督办日历）：新增 6，更新 0，删除 0，未变 0" in r.out
    feed = cli("--db", demo_path, "calendars", "export", "--unit", "medical_security", "--out", tmp_path / "f")
    assert feed.status == 0
    exported = parse_strict((tmp_path / "f" / "medical_security.ics").read_bytes())
    first = remote(radicale, "linwu-2020-rescue-medical_security")
    assert set(first) == {str(e["UID"]) for e in exported.walk("VEVENT")}
    assert {seq for seq, _ in first.values()} == {int(e["SEQUENCE"]) for e in exported.walk("VEVENT")}

    # Nothing changed: nothing is sent.
    r = cli("--json", *args)
    assert r.status == 0, r.err
    assert all(row["created"] == row["updated"] == row["deleted"] == 0 for row in json.loads(r.out))

    # One report: exactly its event is re-uploaded, with a higher SEQUENCE.
    record_progress(demo_ws, "A5.1", 30, dt.date(2020, 10, 15), unit="medical_security", note="参保登记3人")
    r = cli(*args)
    assert "medical_security（医保局·督办日历）：新增 0，更新 1，删除 0，未变 5" in r.out
    second = remote(radicale, "linwu-2020-rescue-medical_security")
    changed = [uid for uid in first if second[uid] != first[uid]]
    assert len(changed) == 1 and second[changed[0]][0] == first[changed[0]][0] + 1
    assert "参保登记3人" in second[changed[0]][1]

    # A confirmed flag enters the unit's collection; dismissed on review, it leaves it (and the whole plan's).
    flag = unit_flag(evaluate_flags(demo_ws.registry, demo_ws.record(), dt.date(2020, 10, 15)), "medical_security")
    ruling = (demo_ws, flag.id)
    decide(*ruling, Decision("confirmed", "第一次排查逾期未报", dt.date(2020, 10, 15), "政法委"))
    r = cli(*args)
    assert "medical_security（医保局·督办日历）：新增 1，更新 0，删除 0，未变 6" in r.out
    second = remote(radicale, "linwu-2020-rescue-medical_security")
    decide(*ruling, Decision("dismissed", "已补记", dt.date(2020, 10, 15), "政法委"), revise=True)
    r = cli(*args)
    assert "medical_security（医保局·督办日历）：新增 0，更新 0，删除 1，未变 6" in r.out
    third = remote(radicale, "linwu-2020-rescue-medical_security")
    (gone,) = set(second) - set(third)
    assert second[gone][1].startswith("【问责】医保局")
    assert all(third[uid] == second[uid] for uid in third)


def test_an_unreachable_server_is_one_line(cli, demo_path, tmp_path):
    r = cli("--db", demo_path, "calendars", "publish", "--caldav", f"http://127.0.0.1:{_free_port()}/")
    assert r.status == 1 and "127.0.0.1" in r.err and "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1
    r = cli("--db", demo_path, "calendars", "publish", "--caldav", "http://x/", "--password-file", tmp_path / "none")
    assert r.status == 1 and "none" in r.err
