"""Snapshots of the dashboard's screens on the demo database (as of 2020-10-15), small and large terminal.

Each SVG under tests/__snapshots__/ was read before it was accepted; regenerate with
`pytest tests/test_tui_snapshots.py --snapshot-update` and look at the report before committing.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.widgets import Input

from duban.core.i18n import set_language
from duban.tui.app import make_app
from duban.tui.messages import OpenTask, OpenUnit

SIZES = [(80, 24), (160, 48)]
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_tui_snapshots"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def steady(app) -> None:
    """No blinking cursors, so two runs draw the same picture."""
    for field in app.screen.query(Input):
        field.cursor_blink = False


def go(*messages):
    async def run_before(pilot) -> None:
        await pilot.pause()
        for message in messages:
            if isinstance(message, str):
                await pilot.press(message)
            else:
                pilot.app.post_message(message)
            await pilot.pause()
        # The flags screen's resolved flags arrive from a worker: the picture is taken once it is done,
        # not whenever the machine's speed lets it finish.
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        steady(pilot.app)
        await pilot.pause()

    return run_before


@pytest.fixture
def app(demo_ws):
    return make_app(demo_ws, poll_seconds=0, author="秘书组")


@pytest.mark.parametrize("size", SIZES)
def test_overview(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=go())


@pytest.mark.parametrize("size", SIZES)
def test_unit(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=go(OpenUnit("civil_affairs")))


@pytest.mark.parametrize("size", SIZES)
def test_task(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=go(OpenTask("A1.1")))


@pytest.mark.parametrize("size", SIZES)
def test_flags(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=go("f"))


SCREENS = {
    "overview": (),
    "unit": (OpenUnit("civil_affairs"),),
    "task": (OpenTask("A1.1"),),
    "flags": ("f",),
    "tasks": ("t",),
    "help": ("question_mark",),
    # the dialogs: the day in view, a ruling's reason, a metric's value, a long action's question, and
    # the confirmation an export for another day asks first
    "date_dialog": ("d",),
    "reason_dialog": ("f", "c"),
    "metric_dialog": (OpenUnit("fire_rescue"), "m"),
    "export_dialog": ("e",),
    "confirm_dialog": ("left_square_bracket", "e"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_in_english(snap_compare, demo_ws, screen, size):
    """With --lang en every screen speaks English; only the plan's own names and texts stay Chinese."""
    set_language("en")
    app = make_app(demo_ws, poll_seconds=0, author="secretariat")
    assert snap_compare(app, terminal_size=size, run_before=go(*SCREENS[screen]))


def test_english_screens_show_chinese_only_in_the_countys_own_texts(demo_path, demo_ws):
    """Every run of Han characters on an English screen (as test_in_english holds the snapshots to the
    app) is part of what the plan or the record wrote: unit names, task titles and texts, notes."""
    stored = [p for p in demo_path.iterdir() if p.suffix in (".json", ".jsonl") and p.stem.split(".")[0] != "audit"]
    own = "".join(p.read_text(encoding="utf-8") for p in stored)
    own += "".join(u.name + u.short for u in demo_ws.record().units.values())
    shots = sorted(SNAPSHOTS.glob("test_in_english[[]*.svg"))
    assert len(shots) == len(SCREENS) * len(SIZES)
    seen: set[str] = set()
    for shot in shots:
        text = html.unescape("".join(re.findall(r">([^<>]*)<", shot.read_text(encoding="utf-8"))))
        runs = set(HAN.findall(text))
        assert sorted(run for run in runs if run not in own) == [], shot.name
        seen |= runs
    assert seen, "the task screen shows the plan's own Chinese text: the snapshots were not read"
