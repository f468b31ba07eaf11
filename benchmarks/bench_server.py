"""Time the feed server as subscribers use it: `duban calendars serve` on 127.0.0.1, whole process.

A cached GET, a 304 for the ETag the client holds and a wrong token's 404 (medians), then 50
concurrent clients each sending 20 GETs (every answer counted, p99). Traffic never leaves
127.0.0.1. Prints figures, asserts nothing. Usage: python benchmarks/bench_server.py DUBAN DB
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duban.calendars.tokens import rotate
from duban.core.store import Database

WRONG = "/feeds/" + "x" * 32 + ".ics"


def _get(port: int, path: str, headers: dict | None = None) -> tuple[int, float, dict]:
    """Status, seconds and headers of one request on a new connection (as a calendar app refreshes)."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - start, dict(response.getheaders())
    finally:
        conn.close()


def _median(port: int, path: str, headers: dict | None = None, runs: int = 30) -> tuple[int, float]:
    answers = [_get(port, path, headers) for _ in range(runs)]
    return answers[-1][0], statistics.median(a[1] for a in answers)


def serve_figures(duban: Path, db: Path, clients: int = 50, per_client: int = 20, runs: int = 30) -> dict:
    """Latencies (seconds) of the server started from the installed `duban` on `db`."""
    path = f"/feeds/{rotate(Database(db), 'all', 'bench')}.ics"
    server = subprocess.Popen(
        [str(duban), "--db", str(db), "--lang", "en", "calendars", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
        found = re.search(r":(\d+)", line)
        if not found:
            raise SystemExit(f"duban calendars serve did not start: {line!r}")
        port = int(found.group(1))
        status, first, headers = _get(port, path)  # renders the feed once; what follows is served from the cache
        if status != 200:
            raise SystemExit(f"the feed server answered {status}")
        figures = {"first": first}
        status, figures["cached"] = _median(port, path, runs=runs)
        status_304, figures["not_modified"] = _median(port, path, {"If-None-Match": headers["ETag"]}, runs)
        status_404, figures["wrong_token"] = _median(port, WRONG, runs=runs)
        if (status, status_304, status_404) != (200, 304, 404):
            raise SystemExit(f"the feed server answered {status}, {status_304}, {status_404}")

        def client(_: int) -> list[tuple[int, float, dict]]:
            return [_get(port, path) for _ in range(per_client)]

        with ThreadPoolExecutor(max_workers=clients) as pool:
            answers = [a for batch in pool.map(client, range(clients)) for a in batch]
        latencies = sorted(a[1] for a in answers)
        figures["answered"] = sum(a[0] == 200 for a in answers)
        figures["asked"] = clients * per_client
        figures["p99"] = latencies[max(0, round(0.99 * len(latencies)) - 1)]
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("duban", type=Path)
    parser.add_argument("db", type=Path)
    args = parser.parse_args()
    print(serve_figures(args.duban, args.db))
