"""What the tests share besides fixtures: paths, CLI runners, feed parsing, dashboard drivers,
LibreOffice, and the demo's data helpers. Fixtures live in conftest.py; test modules import only from here."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import hashlib
import http.client
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import icalendar
import openpyxl
import pytest

from duban.calendars.server import make_server
from duban.core.planfile import BUILTIN_PLAN
from duban.core.progress import record_progress
from duban.core.store import Database
from duban.core.workspace import Workspace

if TYPE_CHECKING:
    from textual.widgets import DataTable

ROOT = Path(__file__).resolve().parent.parent
D = dt.date.fromisoformat


# -- running duban -----------------------------------------------------------------------------------


@dataclass
class Result:
    """What one CLI run printed and returned."""

    status: int
    out: str
    err: str


def duban_argv(*args) -> list:
    """The command line that runs `duban ARGS…` in a separate process with this interpreter (bytes are
    passed as they are, to send what is not UTF-8)."""
    return [sys.executable, "-m", "duban.cli.main", *(a if isinstance(a, bytes) else str(a) for a in args)]


def run_duban(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run duban in a separate process, as a user would."""
    return subprocess.run(
        duban_argv(*args),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def folder_digest(path: Path) -> str:
    """A hash of every file in a database folder except the lock, to prove nothing changed."""
    h = hashlib.sha256()
    for file in sorted(p for p in Path(path).rglob("*") if p.is_file() and p.name != "lock"):
        h.update(str(file.relative_to(path)).encode())
        h.update(file.read_bytes())
    return h.hexdigest()


@contextlib.contextmanager
def unchanged(path: Path):
    """Fails unless every file of the database folder `path` is as it was when the block began."""
    digest = folder_digest(path)
    yield
    assert folder_digest(path) == digest, "the database changed"


#: the twelve departments of the built-in plan, in the seed's order
TWELVE = [
    "political_legal",
    "public_security",
    "civil_affairs",
    "finance",
    "human_resources",
    "health",
    "emergency",
    "fire_rescue",
    "market_regulation",
    "medical_security",
    "poverty_alleviation",
    "urban_management",
]
#: every unit the built-in plan holds a plugin for: the twelve departments and the rescue station
UNITS = {*TWELVE, "rescue_station"}


# Bad command lines: (args, exit status, words the English message must carry).
BAD = [
    # (args, exit status, words the English message must carry)
    (["progress", "A2.1", "--percent", "50", "--date", "2020-13-01"], 2, ["2020-13-01", "YYYY-MM-DD"]),
    (["progress", "A2.1", "--percent", "50", "--date", "2020-02-30"], 2, ["2020-02-30"]),
    (["progress", "A2.1", "--percent", "50", "--date", "20201001"], 2, ["20201001"]),
    (["status", "--as-of", "2020-02-30"], 2, ["2020-02-30"]),
    (["tasks", "--as-of", "someday"], 2, ["someday"]),
    (["show", "A9.9"], 1, ["no task", "A9.9"]),
    (["progress", "A9.9", "--percent", "10"], 1, ["A9.9"]),
    (["progress", "A2.1", "--percent", "150"], 1, ["150", "0 to 100"]),
    (["progress", "A2.1", "--percent", "-1"], 1, ["-1"]),
    (["progress", "A2.1", "--percent", "abc"], 1, ["abc"]),
    (["progress", "A2.1", "--percent", "50.5"], 1, ["50.5"]),
    (["progress", "A2.1", "--percent", "0x20"], 1, ["0x20"]),
    (["progress", "A2.1", "--percent", "٥٠"], 1, ["percent"]),
    (["progress", "A2.1", "--percent", ""], 1, ["percent"]),
    (["progress", "A2.1"], 1, ["percent"]),
    (["progress", "A2.1", "--percent", "10", "--unit", "nobody"], 1, ["nobody"]),
    (["progress", "A2.1", "--percent", "10", "--unit", "finance"], 1, ["finance", "A2.1"]),
    (["progress", "A2.1", "--percent", "10", "--date", "2099-01-01"], 1, ["2099-01-01", "after the day in view"]),
    (["progress", "A2.1", "--percent", "10", "--date", "2020-04-30"], 1, ["2020-04-30", "before"]),
    (["progress", "A4.2", "--percent", "50", "--done"], 1, ["100"]),
    (["tasks", "--unit", "nobody"], 1, ["nobody"]),
    (["tasks", "--action", "A9"], 1, ["A9"]),
    (["tasks", "--due-within", "-3"], 2, []),
    (["tasks", "--due-within", "x"], 2, ["x"]),
    (["audit", "--limit", "0"], 2, ["0"]),
    (["log", "NO-SUCH-DUTY"], 1, ["NO-SUCH-DUTY"]),
    (["log", "A5.2-revisit", "--unit", "township_1", "--date", "2020-06-01"], 1, ["A5.2-revisit", "not active"]),
    (["log", "A1.3-patrol", "--date", "2020-10-01"], 1, ["A1.3-patrol", "--unit"]),
    (["progress", "A1.1", "--unit", "fire_rescue", "--done", "--date", "2020-06-05"], 1, ["opens on 2020-12-21"]),
    (["progress", "A4.1", "--unit", "rescue_station", "--step", "2", "--done"], 1, ["step 2", "Civil Affairs"]),
    (["log", "A1.3-patrol", "--date", "2099-01-01"], 1, ["2099-01-01"]),
    (["log", "A1.3-patrol", "--date", "2020-10-01", "--unit", "finance"], 1, ["finance"]),
    (["log", "A1.3-patrol", "--date", "2020-10-32"], 2, ["2020-10-32"]),
    (["show"], 2, ["TASK"]),
    (["frobnicate"], 2, ["frobnicate"]),
    (["--lang", "fr", "status"], 2, ["fr"]),
    (["tasks", "--colour"], 2, ["--colour"]),
    (["db"], 2, []),
    (["db", "restore", "--from"], 2, ["--from"]),
    # the departments' commands
    (["checklist", "nobody"], 1, ["nobody"]),
    (["check", "finance", "no-such-item"], 1, ["no-such-item"]),
    (["metric", "finance", "no-metric", "5"], 1, ["no-metric"]),
    (["metric", "finance", "purchased_services_yuan", "abc"], 1, ["abc"]),
    (["metric", "finance", "purchased_services_yuan", "5", "--date", "2099-01-01"], 1, ["2099-01-01"]),
    (["incident", "--kind", "alien", "--date", "2020-10-01", "--note", "x"], 1, ["alien"]),
    (["incident", "--kind", "missing", "--date", "2020-10-01", "--note", " "], 1, ["note"]),
    (
        ["incident", "--kind", "missing", "--date", "2020-10-01", "--note", "x", "--reported", "2020-09-01"],
        1,
        ["2020-09-01"],
    ),
    (["incident", "--kind", "missing", "--date", "2020-13-01", "--note", "x"], 2, ["2020-13-01"]),
    (["flags", "confirm", "NOPE", "--reason", "x"], 1, ["NOPE"]),
    (["flags", "dismiss", "NOPE"], 1, ["--reason"]),
    (["flags", "--level", "bad"], 1, ["bad"]),
    (["unit", "nobody"], 1, ["nobody"]),
]


# -- the demo database -------------------------------------------------------------------------------


def temp_files(path: Path) -> list[str]:
    """The names of temporary or partial files left in a database folder."""
    return sorted(p.name for p in Path(path).rglob("*") if p.name.endswith(".tmp") or ".partial" in p.name)


def write_one(db: Database, ws) -> None:
    """One appending write: a progress entry on A2.1."""
    record_progress(Workspace(db, registry=ws.registry), "A2.1", 60, D("2020-10-14"), note="比对完成", author="test")


def progress_count(db: Database) -> int:
    """How many progress entries the database holds."""
    with db.reading() as snap:
        return len(snap.all("progress"))


def unlogged_patrol_day(ws) -> str:
    """A day of the demo's daily patrol with no log yet, from either of its units."""
    record = ws.record()
    logged = set(record.duty_dates_for(record.plan.duty("A1.3-patrol"), "civil_affairs"))
    day = D("2020-10-14")
    while day in logged:
        day -= dt.timedelta(days=1)
    return day.isoformat()


def builtin_text() -> str:
    """The built-in plan file's text."""
    return resources.files("duban.core.data").joinpath(BUILTIN_PLAN).read_text(encoding="utf-8")


# -- LibreOffice, headless, as the clerk's spreadsheet program: re-save a workbook, print it to PDF ----

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _has_chinese_font() -> bool:
    """Whether fontconfig knows a font with Chinese glyphs: without one LibreOffice prints blanks."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None or not _has_chinese_font(),
    reason="LibreOffice (soffice) with a Chinese font is not installed on this machine: the print/re-save check "
    "needs both (.ci/run installs libreoffice-calc-nogui and fonts-wqy-microhei where apt-get works)",
)


def convert(path: Path, target: str, outdir: Path) -> Path:
    """`path` converted by LibreOffice to `target` ('xlsx' or 'pdf') in `outdir`, with a private profile
    so that tests running side by side do not share LibreOffice's lock."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    filters = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "pdf": "pdf:calc_pdf_Export"}
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--calc",
            "--convert-to",
            filters[target],
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = outdir / f"{path.stem}.{target}"
    assert out.exists(), f"LibreOffice wrote no {out.name}"
    return out


# -- workbooks -------------------------------------------------------------------------------------


def fill(path, out, edits: dict):
    """Edit cells like a user would in a spreadsheet program and save a copy."""
    wb = openpyxl.load_workbook(path)
    for ref, value in edits.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = value  # text starting with "=" becomes a formula, as when a user types it
    wb.save(out)
    return out


def row_of(path, task_id) -> int:
    """The row of `task_id` on a template's progress sheet."""
    ws = openpyxl.load_workbook(path)["任务进度"]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == task_id)


# -- calendar feeds: parse strictly, pick events apart, serve ----------------------------------------


def parse_strict(data: bytes) -> icalendar.Calendar:
    """Parse a feed with icalendar and fail on anything it had to tolerate or could not read."""
    assert data.endswith(b"\r\n"), "the last line must end with CRLF"
    body = data[:-2]
    assert b"\n" not in body.replace(b"\r\n", b""), "a bare LF"
    assert b"\r" not in body.replace(b"\r\n", b""), "a bare CR"
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, f"line of {len(line)} octets: {line[:40]!r}"
        line.decode("utf-8")  # a fold never splits a character
    cals = icalendar.Calendar.from_ical(data, multiple=True)
    assert len(cals) == 1, "exactly one VCALENDAR"
    cal = cals[0]
    for component in cal.walk():
        assert not component.errors, (component.name, component.errors)
    return cal


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    """The VEVENTs of a calendar by UID."""
    found = {}
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in found, f"duplicate UID {uid}"
        found[uid] = event
    return found


def event_blocks(data: bytes) -> dict[str, bytes]:
    """The raw text of each VEVENT by UID, to compare events byte for byte."""
    blocks = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, flags=re.S):
        unfolded = re.sub(rb"BEGIN:VALARM\r\n.*?END:VALARM\r\n", b"", block.replace(b"\r\n ", b""), flags=re.S)
        uid = re.search(rb"^UID:(.*)$", unfolded, flags=re.M).group(1).strip()
        blocks[uid.decode()] = block
    return blocks


class Served:
    """A running server and a way to ask it things."""

    def __init__(self, ws, log, **limits):
        self.ws, self.log = ws, log
        self.server = make_server(ws, "127.0.0.1", 0, log=log, **limits)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def request(self, path: str, method: str = "GET", headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()


# -- the dashboard: a sync runner for Pilot tests, table readers ------------------------------------

SIZE = (120, 36)


def sync(test):
    """Run an async Pilot test without an async pytest plugin (fixtures still resolve by name)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def slow_pilot(test):
    """A long dashboard session (see `sync`), marked slow so that `make quick` leaves it out."""
    return pytest.mark.slow(sync(test))


def rows(table: DataTable) -> list[list[str]]:
    """The table's cells as plain text, row by row."""
    return [[str(getattr(c, "plain", c)) for c in table.get_row_at(i)] for i in range(table.row_count)]


def row_keys(table: DataTable) -> list[str]:
    """The row keys of the table, top to bottom."""
    return [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]


@contextlib.asynccontextmanager
async def driving(app, size: tuple[int, int] = SIZE):
    """The dashboard running headless at `size` with its first screen drawn: yields the pilot to drive it."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield pilot


async def press(pilot, *keys: str) -> None:
    """Press `keys` as a user would and let the screen redraw."""
    await pilot.press(*keys)
    await pilot.pause()


async def show(pilot, message) -> None:
    """Post a navigation message (open a task, a unit) to the app and let the screen it opens draw."""
    pilot.app.post_message(message)
    await pilot.pause()


async def switch_tab(pilot, tab: str) -> None:
    """Bring the tab `tab` of the screen's tabbed content to the front and let it draw."""
    from textual.widgets import TabbedContent

    pilot.app.screen.query_one(TabbedContent).active = tab
    await pilot.pause()


async def open_row(pilot, table: DataTable, key: str) -> None:
    """Move the cursor to the row `key` with the arrow keys and press Enter."""
    table.focus()
    await pilot.pause()
    target = row_keys(table).index(key)
    await pilot.press(*(["down"] * (target - table.cursor_row)))
    await press(pilot, "enter")


async def settle(pilot) -> None:
    """Wait until workers (a write, then the reload it starts) have finished and the screen has redrawn."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
