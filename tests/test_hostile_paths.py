"""A file argument that is not a regular file (a device, a FIFO, a folder) is refused at once, in bounded memory."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT, folder_digest

# Runs duban's main in a fresh interpreter and reports that process's own peak memory (VmHWM is per
# address space: unlike ru_maxrss it does not count the forked copy of pytest before exec).
MEASURED = (
    "import sys\n"
    "from duban.cli.main import main\n"
    "status = main(sys.argv[1:])\n"
    "hwm = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
    "print('VmHWM', hwm, file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def run_measured(*args: str) -> tuple[int, str, int]:
    """Run duban in its own process: exit status, stderr, and its peak memory in KiB."""
    # Before the fix a FIFO hung for ever and /dev/zero ate gigabytes: never wait without limit.
    r = subprocess.run(
        [sys.executable, "-c", MEASURED, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=20
    )
    lines = r.stderr.splitlines()
    return r.returncode, "\n".join(lines[:-1]), int(lines[-1].split()[1])


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.xlsx"
    os.mkfifo(path)
    return path


def special_files(tmp_path, fifo):
    return {"device": "/dev/zero", "fifo": fifo, "folder": tmp_path}


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_import_and_rollup_refuse_what_is_not_a_regular_file(kind, demo_path, tmp_path, fifo, cli):
    target = special_files(tmp_path, fifo)[kind]
    before = folder_digest(demo_path)
    for args in (
        ["import", target],
        ["rollup", target, "--unit-name", "x", "--out", tmp_path / "out.xlsx"],
        ["init", "--plan", target, "--db", tmp_path / "new"],
    ):
        r = cli("--db", demo_path, "--lang", "en", *args)
        assert r.status == 1 and "not a regular file" in r.err and r.err.count("\n") == 1, (args, r.err)
    assert folder_digest(demo_path) == before
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "new" / "meta.json").exists()


@pytest.mark.slow
def test_import_of_dev_zero_and_a_fifo_in_a_real_process_stays_small(demo_path, fifo):
    for target in ("/dev/zero", fifo):
        status, err, peak_kib = run_measured("--db", demo_path, "--lang", "en", "import", target)
        assert status == 1 and "not a regular file" in err, err
        assert peak_kib < 100 * 1024, peak_kib


def test_a_file_over_the_limit_is_refused_while_reading(tmp_path, cli):
    big = tmp_path / "big.toml"
    with open(big, "wb") as fh:
        fh.truncate(17 * 1024 * 1024)  # sparse: large without taking the disk
    r = cli("--db", tmp_path / "db", "--lang", "en", "init", "--plan", big)
    assert r.status == 1 and "larger than" in r.err, r.err


def test_a_deeply_nested_plan_is_one_line(tmp_path, cli):
    plan = tmp_path / "deep.toml"
    plan.write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n")
    r = cli("--db", tmp_path / "db", "--lang", "en", "init", "--plan", plan)
    assert r.status == 1 and "nested too deep" in r.err and "Traceback" not in r.err, r.err
