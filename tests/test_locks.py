"""Locks that tell the truth: the holder is named to whoever waits, and a stopped waiter holds nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.helpers import ROOT, duban_argv, run_duban

HOLD = (
    "import sys\n"
    "from duban.core.store import Database\n"
    "with Database(sys.argv[1]).transaction('holder'):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.read()\n"
)


def hold(path) -> subprocess.Popen:
    """A process holding the exclusive lock until its stdin is closed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline() == "held\n"
    return proc


def release(proc: subprocess.Popen) -> None:
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0


def state(pid: int) -> str:
    return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]


def test_whoever_waits_is_told_which_process_holds_the_lock(demo_path):
    holder = hold(demo_path)
    try:
        r = run_duban(
            "--db", demo_path, "--lang", "en", "progress", "A2.1", "--percent", "60", env={"DUBAN_LOCK_TIMEOUT": "1"}
        )
    finally:
        release(holder)
    assert r.returncode == 1, r.stderr
    lines = r.stderr.splitlines()
    assert f"in use by process {holder.pid}" in lines[0] and "python" in lines[0]
    assert "timed out" in lines[1] and str(holder.pid) in lines[1]


def test_a_waiter_stopped_with_ctrl_z_blocks_nobody(demo_path):
    holder = hold(demo_path)
    waiter = subprocess.Popen(
        duban_argv("--db", demo_path, "--lang", "en", "progress", "A2.1", "--percent", "60", "--date", "2020-10-14"),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DUBAN_LOCK_TIMEOUT": "120"},
    )
    try:
        assert "waiting" in waiter.stderr.readline()  # it waits at the front of the queue
        waiter.send_signal(signal.SIGTSTP)
        for _ in range(200):
            if state(waiter.pid) == "T":
                break
            time.sleep(0.05)
        assert state(waiter.pid) == "T"
        release(holder)
        # The stopped waiter holds nothing: a reader and a writer get through.
        r = run_duban("--db", demo_path, "status", env={"DUBAN_LOCK_TIMEOUT": "5"})
        assert r.returncode == 0, r.stderr
        r = run_duban("--db", demo_path, "db", "backup", env={"DUBAN_LOCK_TIMEOUT": "5"})
        assert r.returncode == 0, r.stderr
    finally:
        waiter.send_signal(signal.SIGCONT)
        waiter.wait(timeout=60)
        if holder.returncode is None:
            release(holder)
    assert waiter.returncode == 0, waiter.stderr.read()
