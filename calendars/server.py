"""The subscription server: /feeds/<token>.ics over HTTP, GET and HEAD only, current state per request.

A request's token is checked first, against the token hashes read once per database generation.
Each feed is rendered once per generation and day (under the shared lock, released before anything
is sent, so a slow client never holds up a writer) and kept with its ETag: a refresh that changed
nothing, the common request, costs a read of meta.json. The log names the feed and the status,
never the path (which carries the token).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import io
import re
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TextIO
from urllib.parse import urlsplit

from duban.core.dates import today
from duban.core.errors import DubanError
from duban.core.frozen import frozen
from duban.core.workspace import Workspace

from .export import feed_filename
from .publish import State, publish, read_state
from .tokens import feed_for, token_docs

FEED_PATH = re.compile(r"^/feeds/([A-Za-z0-9_-]{16,128})\.ics$")
NOT_FOUND = b"Not Found\n"
# Only HTTP/1.0 and 1.1 request lines: an HTTP/0.9 line (no version) would make the stdlib wait
# for headers that never come, and anything else is junk or another protocol.
REQUEST_LINE = re.compile(rb"^([A-Za-z]{1,16}) (/\S*) HTTP/1\.[01]\r?\n$")
HEADER_LINE = re.compile(rb"^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[^\r\n]*\r?\n$")
REQUEST_LINE_BYTES = 1024  # the longest feed URL is under 160 bytes
HEADER_BYTES = 8192  # what a calendar app sends is a few hundred bytes
HEADER_COUNT = 50
IDLE_SECONDS = 10.0  # a connection that sends nothing for this long is closed
TOTAL_SECONDS = 60.0  # and none lasts longer, however slowly it trickles
BACKLOG = 128  # many phones refresh on the hour
LINGER_BYTES = 1 << 20  # after a refusal, what is read and dropped so the answer is not lost to a reset


class Refusal(Exception):
    """A request answered at once with `code`, before the rest of it is read."""

    def __init__(self, code: int, headers: dict | None = None):
        super().__init__(code)
        self.code = code
        self.headers = headers or {}


@frozen
class Answer:
    """A rendered feed as the server sends it."""

    etag: str
    modified: dt.datetime
    body: bytes


class FeedCache:
    """Token hashes and rendered feeds for one database generation and day, shared by the request threads.

    A new generation (any commit: a report, a rotated token) or a new day drops everything."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.lock = threading.Lock()  # held only to read or swap the entries, never while rendering
        self.render_lock = threading.Lock()  # one render at a time: the others wait for its answer
        self.key: tuple[int, dt.date] | None = None
        self.tokens: list[dict] = []
        self.state: State | None = None
        self.answers: dict[str, Answer] = {}

    def _current(self) -> tuple[int, dt.date]:
        """The key of what the database holds now; entries of another key are dropped (lock held)."""
        key = (self.ws.db.generation(), today())
        if key != self.key:
            self.key, self.tokens, self.state, self.answers = key, token_docs(self.ws.db), None, {}
        return key

    def feed_for(self, token: str) -> str | None:
        """The feed `token` opens now, or None."""
        with self.lock:
            self._current()
            tokens = self.tokens
        return feed_for(tokens, token)

    def answer(self, code: str) -> Answer:
        """Feed `code` as served now: from the cache, or rendered once and kept."""
        with self.lock:
            self._current()
            if code in self.answers:
                return self.answers[code]
        with self.render_lock:
            with self.lock:
                key, state = self._current(), self.state
                if code in self.answers:
                    return self.answers[code]
            if state is None:
                state = read_state(self.ws, served=True)
            feed = publish(self.ws, state, [code], who="calendars-server")[0]
            answer = Answer(
                '"' + hashlib.sha256(feed.body).hexdigest()[:32] + '"',
                feed.modified.astimezone(dt.UTC).replace(microsecond=0),
                feed.body,
            )
            with self.lock:
                # Kept only if nothing was committed meanwhile (rendering may itself commit new
                # SEQUENCEs: then the next request renders once more and finds nothing to bump).
                if self.key == key:
                    self.state = state
                    self.answers[code] = answer
            return answer


class FeedServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its workspace, its limits and where to log."""

    daemon_threads = True
    request_queue_size = BACKLOG

    def __init__(
        self,
        address: tuple[str, int],
        ws: Workspace,
        log: TextIO | None = None,
        idle: float = IDLE_SECONDS,
        total: float = TOTAL_SECONDS,
    ):
        super().__init__(address, FeedHandler)
        self.ws = ws
        self.cache = FeedCache(ws)
        self.log = log if log is not None else sys.stderr
        self.log_lock = threading.Lock()
        self.idle, self.total = idle, total

    def write_log(self, client: str, text: str) -> None:
        """One line in the log: time, client address, what happened."""
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.log_lock:
            self.log.write(f"{stamp} {client} {text}\n")
            self.log.flush()

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):  # the client went away (reset, broken pipe) or was cut off
            self.write_log(client_address[0], f"closed early ({type(error).__name__})")
        else:
            super().handle_error(request, client_address)


class FeedHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD for /feeds/<token>.ics; everything else is 404 or 405.

    The request line is read and the token checked before any header is read; headers are read
    within fixed limits, each read waits at most the idle time, and a watchdog cuts the
    connection when the total time is up."""

    server: FeedServer
    server_version = "duban-calendars"
    feed_label = "-"

    def version_string(self) -> str:
        return self.server_version  # no Python version on the wire

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.idle)  # every read waits at most this long
        self.watchdog = threading.Timer(self.server.total, self._expire)
        self.watchdog.daemon = True
        self.watchdog.start()

    def finish(self) -> None:
        self.watchdog.cancel()
        super().finish()

    def _expire(self) -> None:
        self._log("closed: took too long")
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def handle_one_request(self) -> None:
        self.close_connection = True
        # What an answer before the request is understood is sent with (and logged as).
        self.command, self.request_version = "-", "HTTP/1.0"
        try:
            line = self.rfile.readline(REQUEST_LINE_BYTES + 1)
            if not line:
                return
            code = self._check_request_line(line)
            head = self._read_head()
        except TimeoutError:
            self._log("closed: idle")
            return
        except Refusal as refusal:
            self._refuse(refusal)
            return
        self.raw_requestline = line
        # The stdlib parses the head we already read within limits, not the socket.
        rfile, self.rfile = self.rfile, io.BytesIO(head)
        try:
            if not self.parse_request():
                return
        finally:
            self.rfile = rfile
        self.feed_label = code
        self._answer(code, send_body=self.command == "GET")
        self.wfile.flush()

    def _check_request_line(self, line: bytes) -> str:
        """The feed the request line asks for; a Refusal for anything else."""
        if len(line) > REQUEST_LINE_BYTES:
            raise Refusal(414)
        match = REQUEST_LINE.match(line)
        if match is None:
            raise Refusal(400)
        self.command = match.group(1).decode("ascii")
        if self.command not in ("GET", "HEAD"):
            raise Refusal(405, {"Allow": "GET, HEAD"})
        path = FEED_PATH.match(urlsplit(match.group(2).decode("latin-1")).path)
        try:
            code = self.server.cache.feed_for(path.group(1)) if path else None
        except DubanError:
            raise Refusal(503, {"Retry-After": "30"}) from None
        if code is None:
            raise Refusal(404)
        return code

    def _read_head(self) -> bytes:
        """The header lines up to the blank line, within the size and count limits."""
        lines: list[bytes] = []
        size = 0
        while True:
            line = self.rfile.readline(HEADER_BYTES + 1)
            size += len(line)
            if size > HEADER_BYTES or len(lines) >= HEADER_COUNT:
                raise Refusal(431)
            if line in (b"\r\n", b"\n"):
                return b"".join([*lines, line])
            if not HEADER_LINE.match(line):
                raise Refusal(400)  # a header without a name, a bare CR, or the connection ended
            lines.append(line)

    def _refuse(self, refusal: Refusal) -> None:
        body = f"{HTTPStatus(refusal.code).phrase}\n".encode()
        with contextlib.suppress(OSError):
            self._plain(
                refusal.code, body, {**refusal.headers, "Connection": "close"}, send_body=self.command != "HEAD"
            )
            self.wfile.flush()
            # Closing with unread bytes would send a reset, which can destroy the answer in flight:
            # stop sending, then read and drop what the client still sends, within limits.
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(1)
            dropped = 0
            while dropped < LINGER_BYTES:
                chunk = self.connection.recv(65536)
                if not chunk:
                    break
                dropped += len(chunk)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server would echo the request line (and with it the token) in the error page.
        super().send_error(code)

    def _plain(self, code: int, body: bytes, headers: dict | None = None, send_body: bool = True) -> None:
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _answer(self, code: str, send_body: bool) -> None:
        try:
            answer = self.server.cache.answer(code)
        except DubanError:
            return self._plain(503, b"Service Unavailable\n", {"Retry-After": "30"}, send_body=send_body)
        etag, modified = answer.etag, answer.modified
        headers = {
            "ETag": etag,
            "Last-Modified": email.utils.format_datetime(modified, usegmt=True),
            "Cache-Control": "private, no-cache",
        }
        if self._not_modified(etag, modified):
            self.send_response(304)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            return
        self.send_response(200)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.send_header("Content-Disposition", f'inline; filename="{feed_filename(code)}"')
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(answer.body)

    def _not_modified(self, etag: str, modified: dt.datetime) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            tags = [tag.strip().removeprefix("W/") for tag in match.split(",")]
            return "*" in tags or etag in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                when = email.utils.parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            return modified <= when
        return False

    # -- logging: the path holds the token, so it is never written -------------------------------
    def log_request(self, code: object = "-", size: object = "-") -> None:
        self._log(f"{self.command} feed={self.feed_label} {code}")

    def log_error(self, format: str, *args: object) -> None:
        self._log(f"error {args[0] if args else ''}".strip())

    def log_message(self, format: str, *args: object) -> None:
        self._log("message")

    def _log(self, text: str) -> None:
        self.server.write_log(self.client_address[0], text)


def make_server(
    ws: Workspace,
    host: str = "127.0.0.1",
    port: int = 8787,
    log: TextIO | None = None,
    idle: float = IDLE_SECONDS,
    total: float = TOTAL_SECONDS,
) -> FeedServer:
    """A server bound to `host`:`port` (port 0 picks a free one); call serve_forever() to run it."""
    _ = ws.registry  # load the plugins once, before request threads would race to do it
    return FeedServer((host, port), ws, log, idle, total)
