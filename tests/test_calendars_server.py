"""The subscription server on 127.0.0.1 with an ephemeral port, and the token commands."""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from duban.calendars.server import IDLE_SECONDS, FeedHandler, FeedServer, make_server
from duban.calendars.tokens import rotate
from duban.core.progress import record_progress
from tests.helpers import Served, events, parse_strict


@pytest.fixture
def served(demo_ws):
    log = io.StringIO()
    s = Served(demo_ws, log)
    try:
        yield s
    finally:
        s.server.shutdown()
        s.server.server_close()


@pytest.fixture
def token(demo_db):
    return rotate(demo_db, "civil_affairs", "test")


def test_right_token_gets_the_units_feed(served, token):
    status, headers, body = served.request(f"/feeds/{token}.ics")
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    cal = parse_strict(body)
    assert str(cal["X-WR-CALNAME"]).startswith("民政局")
    assert len(events(cal)) == 18


def test_wrong_token_wrong_path_and_traversal_get_the_same_bare_404(served, token):
    answers = set()
    for path in [
        "/feeds/" + "A" * 32 + ".ics",
        f"/feeds/{token}",
        f"/feeds/{token}.ics/",
        f"/{token}.ics",
        "/feeds/../meta.json",
        "/feeds/%2e%2e/meta.json",
        f"/feeds/../feeds/{token}.ics",
        "/../../etc/passwd",
        "/feeds/x.ics",
        "/",
        "/feeds/" + "a" * 400 + ".ics",
    ]:
        status, _headers, body = served.request(path)
        assert status == 404, path
        answers.add(body)
    assert answers == {b"Not Found\n"}


def test_only_get_and_head_are_allowed(served, token):
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"):
        status, headers, _body = served.request(f"/feeds/{token}.ics", method=method)
        assert status == 405 and headers["Allow"] == "GET, HEAD", method


def test_head_sends_the_headers_without_a_body(served, token):
    _, get_headers, body = served.request(f"/feeds/{token}.ics")
    status, headers, head_body = served.request(f"/feeds/{token}.ics", method="HEAD")
    assert status == 200 and head_body == b""
    assert headers["Content-Length"] == str(len(body)) and headers["ETag"] == get_headers["ETag"]


def test_conditional_requests_get_304(served, token):
    _, headers, _ = served.request(f"/feeds/{token}.ics")
    assert headers["ETag"].startswith('"') and headers["Last-Modified"].endswith("GMT")
    status, _, body = served.request(f"/feeds/{token}.ics", headers={"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    status, _, body = served.request(f"/feeds/{token}.ics", headers={"If-Modified-Since": headers["Last-Modified"]})
    assert (status, body) == (304, b"")
    status, _, _ = served.request(f"/feeds/{token}.ics", headers={"If-None-Match": '"stale"'})
    assert status == 200
    status, _, _ = served.request(f"/feeds/{token}.ics", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert status == 200


def test_a_rotated_token_is_dead_at_once(served, demo_db, token):
    assert served.request(f"/feeds/{token}.ics")[0] == 200
    new = rotate(demo_db, "civil_affairs", "test")
    assert served.request(f"/feeds/{token}.ics")[0] == 404
    assert served.request(f"/feeds/{new}.ics")[0] == 200


def test_parallel_requests_are_all_answered(served, demo_db, token):
    other = rotate(demo_db, "all", "test")
    paths = [f"/feeds/{token}.ics", f"/feeds/{other}.ics"] * 12
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(served.request, paths))
    assert [a[0] for a in answers] == [200] * len(paths)
    assert len({a[2] for a in answers[0::2]}) == 1 and len({a[2] for a in answers[1::2]}) == 1


def test_tokens_never_reach_the_log(served, demo_db, token):
    served.request(f"/feeds/{token}.ics")
    served.request(f"/feeds/{token}.ics", method="POST")
    served.request(f"/feeds/{token[:-2]}xx.ics")
    log = served.log.getvalue()
    assert "feed=civil_affairs 200" in log and " 404" in log and " 405" in log
    assert token not in log and token[:10] not in log
    assert token not in json.dumps(list(demo_db_audit(demo_db)), ensure_ascii=False)


def demo_db_audit(db):
    with db.reading() as snap:
        return snap.all("audit")


def test_a_report_recorded_meanwhile_shows_at_the_next_request(served, demo_db, demo_ws, token):
    status, first_headers, first = served.request(f"/feeds/{token}.ics")
    assert status == 200
    record_progress(demo_ws, "A4.2", 35, dt.date(2020, 10, 15), note="福利院已接收2人")
    status, headers, body = served.request(f"/feeds/{token}.ics", headers={"If-None-Match": first_headers["ETag"]})
    assert status == 200 and headers["ETag"] != first_headers["ETag"]
    old = {str(e["UID"]): e for e in events(parse_strict(first)).values()}
    new = events(parse_strict(body))
    changed = [uid for uid in new if new[uid].to_ical() != old[uid].to_ical()]
    assert len(changed) == 1
    event = new[changed[0]]
    assert str(event["SUMMARY"]) == "【进行中35%】A4.2 做好长期安置" and "福利院已接收2人" in str(event["DESCRIPTION"])
    assert event["SEQUENCE"] == old[changed[0]]["SEQUENCE"] + 1


def test_a_dismissed_decision_leaves_the_feed_and_if_modified_since_sees_it(served, demo_db, demo_ws, token):
    from duban.core.flags import Decision, decide, evaluate_flags

    def flag_events(body):
        return [e for e in events(parse_strict(body)).values() if str(e["SUMMARY"]).startswith("【问责】")]

    status, headers, body = served.request(f"/feeds/{token}.ics")
    (event,) = flag_events(body)
    assert "理由：" in str(event["DESCRIPTION"]) and "责令：" in str(event["DESCRIPTION"])
    decided = next(
        f
        for f in evaluate_flags(demo_ws.registry, demo_ws.record(), dt.date(2020, 10, 15))
        if f.decision == "confirmed"
    )
    decide(
        demo_ws,
        decided.id,
        Decision("dismissed", "已于10月20日报送安置方案", dt.date(2020, 10, 15), "政法委"),
        revise=True,
    )
    status, after, body = served.request(f"/feeds/{token}.ics", headers={"If-Modified-Since": headers["Last-Modified"]})
    assert status == 200 and not flag_events(body)
    assert after["Last-Modified"] != headers["Last-Modified"]
    status, _, _ = served.request(f"/feeds/{token}.ics", headers={"If-Modified-Since": after["Last-Modified"]})
    assert status == 304


def test_cli_tokens_rotate_prints_a_url_once_and_the_list_shows_no_secret(cli, demo_path):
    r = cli("--db", demo_path, "calendars", "tokens", "--rotate", "finance", "--base", "https://cal.example.cn/")
    assert r.status == 0, r.err
    url = r.out.strip().split("：", 1)[1]
    assert url.startswith("https://cal.example.cn/feeds/") and url.endswith(".ics")
    secret = url.rsplit("/", 1)[1][:-4]
    r = cli("--db", demo_path, "calendars", "tokens", "--json")
    rows = {row["feed"]: row for row in json.loads(r.out)}
    assert rows["finance"]["created"] and rows["civil_affairs"]["created"] is None and "all" in rows
    assert secret not in r.out
    r = cli("--db", demo_path, "audit", "--json")
    assert "calendar_token" in r.out and secret not in r.out
    r = cli("--db", demo_path, "calendars", "tokens", "--rotate", "nowhere")
    assert r.status == 1 and "nowhere" in r.err


def test_cli_serve_rejects_a_bad_port_in_one_line(cli, demo_path):
    r = cli("--db", demo_path, "calendars", "serve", "--port", "99999")
    assert r.status == 2 and "99999" in r.err and "Traceback" not in r.err


def test_a_malformed_request_with_a_token_is_refused_and_not_logged(served, token):
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        sock.sendall(f"GET /feeds/{token}.ics HTTP/1.1 junk\r\n\r\n".encode())
        answer = sock.recv(4096)
    assert b"400" in answer and token.encode() not in answer
    assert token not in served.log.getvalue()


def test_the_database_lock_is_free_while_a_feed_is_being_sent(demo_db, demo_ws, token):
    sending, release = threading.Event(), threading.Event()

    class SlowHandler(FeedHandler):
        def end_headers(self):
            super().end_headers()
            if self.command == "GET":
                sending.set()
                release.wait(20)  # the body has not gone out yet

    s = Served(demo_ws, io.StringIO())
    s.server.RequestHandlerClass = SlowHandler
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            answer = pool.submit(s.request, f"/feeds/{token}.ics")
            assert sending.wait(20)
            demo_db.lock_timeout = 2  # a writer must get the lock now, not after the client is served
            record_progress(demo_ws, "A6.2", 40, dt.date(2020, 10, 15), unit="finance", note="写入未被阻塞")
            release.set()
            assert answer.result(timeout=20)[0] == 200
    finally:
        release.set()
        s.server.shutdown()
        s.server.server_close()


def _sequences(body: bytes) -> dict[str, int]:
    return {uid: int(event["SEQUENCE"]) for uid, event in events(parse_strict(body)).items()}


@pytest.mark.slow
def test_exports_in_another_language_or_date_never_bump_what_the_server_serves(cli, served, demo_path, demo_db):
    token = rotate(demo_db, "all", "test")
    first = served.request(f"/feeds/{token}.ics")[2]
    out = demo_path.parent / "other-views"
    # The served view of every feed once (each unit's own parts are events of their own), then other views.
    assert cli("--db", demo_path, "calendars", "export", "--out", str(out)).status == 0
    audit_before = len(demo_db_audit(demo_db))
    for options in (["--lang", "en"], ["--as-of", "2020-12-01"], ["--lang", "en", "--as-of", "2020-08-01"]):
        r = cli("--db", demo_path, *options, "calendars", "export", "--out", str(out))
        assert r.status == 0, r.err
    assert "in progress" in (out / "all.ics").read_text(encoding="utf-8")  # the English view was written
    again = served.request(f"/feeds/{token}.ics")[2]
    assert _sequences(again) == _sequences(first) and again == first
    assert len(demo_db_audit(demo_db)) == audit_before  # nothing was bumped, nothing was written


def test_serve_refuses_as_of_instead_of_ignoring_it(cli, demo_path):
    r = cli("--db", demo_path, "--as-of", "2020-09-01", "calendars", "serve", "--port", "0")
    assert r.status == 2 and "2020-09-01" in r.err and "Traceback" not in r.err


def raw(port: int, data: bytes, timeout: float = 8) -> bytes:
    """Send `data` as it is and read the answer until the server closes (a timeout fails the test)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_the_default_limits_are_the_documented_ones(demo_ws):
    assert IDLE_SECONDS == 10
    server = make_server(demo_ws, "127.0.0.1", 0, log=io.StringIO())
    try:
        assert server.idle == 10 and server.total == 60 and FeedServer.request_queue_size >= 128
    finally:
        server.server_close()


def test_a_100_kb_header_is_refused_before_it_ends(served, token):
    # No blank line after it: the server must answer without waiting for the rest of the request.
    head = f"GET /feeds/{token}.ics HTTP/1.1\r\nHost: x\r\nX-Big: {'a' * 100_000}\r\n".encode()
    assert raw(served.port, head).startswith(b"HTTP/1.0 431 ")
    many = f"GET /feeds/{token}.ics HTTP/1.1\r\n".encode() + b"".join(b"X-%d: y\r\n" % i for i in range(200))
    assert raw(served.port, many).startswith(b"HTTP/1.0 431 ")
    assert raw(served.port, b"GET /feeds/" + b"a" * 5000 + b".ics HTTP/1.1\r\n").startswith(b"HTTP/1.0 414 ")


def test_http_0_9_and_malformed_requests_are_refused_at_once(served, token):
    # Each of these would otherwise wait for headers; the client gives up after 8 s, well before the
    # server's 10 s idle limit, so a hang fails the test.
    for line in (f"GET /feeds/{token}.ics\r\n", "\x16\x03\x01\x02\x00\r\n", "PRI * HTTP/2.0\r\n", "GET  HTTP/1.1\r\n"):
        assert raw(served.port, line.encode("latin-1")).startswith(b"HTTP/1.0 400 "), line
    bad_header = f"GET /feeds/{token}.ics HTTP/1.1\r\nno colon here\r\n".encode()
    assert raw(served.port, bad_header).startswith(b"HTTP/1.0 400 ")


def test_a_wrong_token_is_refused_before_the_headers_are_read(served):
    # Headers never sent: the 404 comes from the request line alone.
    assert raw(served.port, b"GET /feeds/" + b"A" * 32 + b".ics HTTP/1.1\r\n").startswith(b"HTTP/1.0 404 ")


def test_an_idle_connection_is_closed_and_others_stay_served(demo_ws, token):
    log = io.StringIO()
    s = Served(demo_ws, log, idle=1.0)
    try:
        idle = socket.create_connection(("127.0.0.1", s.port), timeout=15)
        trickle = socket.create_connection(("127.0.0.1", s.port), timeout=15)
        trickle.sendall(f"GET /feeds/{token}.ics HTTP/1.1\r\nHo".encode())
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(s.request, [f"/feeds/{token}.ics"] * 8))
        assert [a[0] for a in answers] == [200] * 8
        assert idle.recv(1) == b"" and trickle.recv(1) == b""  # closed by the server, not by our timeout
        idle.close()
        trickle.close()
    finally:
        s.server.shutdown()
        s.server.server_close()
    assert log.getvalue().count("closed: idle") == 2


def test_a_connection_that_trickles_is_cut_at_the_total_limit(demo_ws, token):
    log = io.StringIO()
    s = Served(demo_ws, log, idle=5.0, total=1.0)
    try:
        with socket.create_connection(("127.0.0.1", s.port), timeout=15) as sock:
            sock.sendall(f"GET /feeds/{token}.ics HTTP/1.1\r\n".encode())
            closed = False
            for _ in range(60):  # one header byte at a time, each well inside the idle limit
                try:
                    sock.sendall(b"X")
                    if sock.recv(1, socket.MSG_DONTWAIT) == b"":
                        closed = True
                        break
                except BlockingIOError:
                    pass
                except OSError:
                    closed = True
                    break
                threading.Event().wait(0.1)
        assert closed
    finally:
        s.server.shutdown()
        s.server.server_close()
    assert "took too long" in log.getvalue()


def test_a_client_that_disconnects_mid_answer_is_one_log_line(demo_ws, token, capsys):
    log = io.StringIO()
    gone = threading.Event()

    class HangUpFirst(FeedHandler):
        def end_headers(self):
            super().end_headers()
            if self.command == "GET":
                gone.wait(10)  # the client hangs up before the body goes out

    s = Served(demo_ws, log)
    s.server.RequestHandlerClass = HangUpFirst
    try:
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        # SO_LINGER 0: close sends a reset, as a phone losing its connection does.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        sock.sendall(f"GET /feeds/{token}.ics HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        sock.close()
        gone.set()
        assert s.request(f"/feeds/{token}.ics")[0] == 200  # and the next client is served
    finally:
        s.server.shutdown()
        s.server.server_close()
    lines = [line for line in log.getvalue().splitlines() if "closed early" in line]
    assert len(lines) == 1 and "Traceback" not in capsys.readouterr().err
