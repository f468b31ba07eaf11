"""The subscription server: /feeds/<token>.ics over HTTP, GET and HEAD only, current state per request.

Each request reads the database under the shared lock, releases it, then builds and sends the
feed, so a slow client never holds up a writer. The log names the feed and the status, never
the path (which carries the token).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TextIO
from urllib.parse import urlsplit

from duban.core.errors import DubanError
from duban.core.workspace import Workspace

from .export import feed_filename
from .publish import publish, read_state
from .tokens import feed_for

FEED_PATH = re.compile(r"^/feeds/([A-Za-z0-9_-]{16,128})\.ics$")
NOT_FOUND = b"Not Found\n"


class FeedServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its workspace and where to log."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], ws: Workspace, log: TextIO | None = None):
        super().__init__(address, FeedHandler)
        self.ws = ws
        self.log = log if log is not None else sys.stderr
        self.log_lock = threading.Lock()


class FeedHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD for /feeds/<token>.ics; everything else is 404 or 405."""

    server: FeedServer
    server_version = "duban-calendars"
    timeout = 30  # a client that stops talking does not keep a thread forever
    feed_label = "-"

    def version_string(self) -> str:
        return self.server_version  # no Python version on the wire

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def __getattr__(self, name: str):
        # BaseHTTPRequestHandler looks up do_<METHOD>; every other method gets 405, not 501.
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server would echo the request line (and with it the token) in the error page.
        super().send_error(code)

    def _not_allowed(self) -> None:
        self._plain(405, b"Method Not Allowed\n", {"Allow": "GET, HEAD"}, send_body=True)

    def _plain(self, code: int, body: bytes, headers: dict | None = None, send_body: bool = True) -> None:
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _answer(self, send_body: bool) -> None:
        match = FEED_PATH.match(urlsplit(self.path).path)
        if match is None:
            return self._plain(404, NOT_FOUND, send_body=send_body)
        try:
            state = read_state(self.server.ws)
            code = feed_for(state.token_docs, match.group(1))
            if code is None:
                return self._plain(404, NOT_FOUND, send_body=send_body)
            self.feed_label = code
            feed = publish(self.server.ws, state, [code], who="calendars-server")[0]
        except DubanError:
            return self._plain(503, b"Service Unavailable\n", {"Retry-After": "30"}, send_body=send_body)
        etag = '"' + hashlib.sha256(feed.body).hexdigest()[:32] + '"'
        modified = feed.modified.astimezone(dt.UTC).replace(microsecond=0)
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
        self.send_header("Content-Length", str(len(feed.body)))
        self.end_headers()
        if send_body:
            self.wfile.write(feed.body)

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
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.server.log_lock:
            self.server.log.write(f"{stamp} {self.client_address[0]} {text}\n")
            self.server.log.flush()


def make_server(ws: Workspace, host: str = "127.0.0.1", port: int = 8787, log: TextIO | None = None) -> FeedServer:
    """A server bound to `host`:`port` (port 0 picks a free one); call serve_forever() to run it."""
    _ = ws.registry  # load the plugins once, before request threads would race to do it
    return FeedServer((host, port), ws, log)
