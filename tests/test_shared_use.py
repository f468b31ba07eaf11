"""Shared use: a database is private to its owner unless shared with a group; then every clerk in it records."""

from __future__ import annotations

import contextlib
import grp
import io
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import pytest

from duban.cli.main import main
from tests.helpers import Result


def modes(folder: Path) -> set[tuple[str, int]]:
    """(kind, permission bits) of everything in the folder."""
    found = {("dir", stat.S_IMODE(folder.stat().st_mode))}
    for p in folder.rglob("*"):
        found.add(("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode)))
    return found


def test_a_new_database_is_private_to_its_owner(tmp_path, cli):
    db = tmp_path / "db"
    assert cli("--db", db, "demo").status == 0
    assert cli("--db", db, "db", "backup").status == 0
    assert cli("--db", db, "progress", "A2.1", "--percent", "70", "--date", "2020-10-14").status == 0
    assert modes(db) == {("dir", 0o700), ("file", 0o600)}


@pytest.fixture
def accounts():
    """A throwaway group with two clerks in it and one account outside it."""
    if os.geteuid() != 0:
        pytest.skip("creating throwaway accounts needs root; shared use is not tested here")
    tag = str(os.getpid())[-6:]
    group, inside, also, outside = f"dubg{tag}", f"duba{tag}", f"dubb{tag}", f"dubc{tag}"
    subprocess.run(["groupadd", group], check=True)
    made = []
    try:
        for name in (inside, also, outside):
            subprocess.run(["useradd", "-M", "-N", "-s", "/usr/sbin/nologin", name], check=True)
            made.append(name)
        for name in (inside, also):
            subprocess.run(["usermod", "-a", "-G", group, name], check=True)
        base = Path(tempfile.mkdtemp(prefix="duban-shared-", dir="/tmp"))
        base.chmod(0o1777)  # like /tmp: anyone may make a folder here
        yield group, inside, also, outside, base
    finally:
        for name in made:
            subprocess.run(["userdel", name], check=False)
        subprocess.run(["groupdel", group], check=False)
        if "base" in locals():
            shutil.rmtree(base, ignore_errors=True)


def as_user(user: str, *args: str) -> Result:
    """Run `duban ARGS` as `user`, in a forked child that gives up root before it starts.

    Not a new program: this machine's Python lives where only root may look, so the child keeps the
    interpreter and modules already loaded (warmed up by `warm`) and runs the command line in-process."""
    pw = pwd.getpwnam(user)
    groups = [g.gr_gid for g in grp.getgrall() if user in g.gr_mem]
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 99
        try:
            os.setgroups(groups)
            os.setgid(pw.pw_gid)
            os.setuid(pw.pw_uid)
            os.environ.update(USER=user, HOME="/tmp")
            os.environ.pop("DUBAN_USER", None)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8", line_buffering=True)
            sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8", line_buffering=True)
            status = main([str(a) for a in args])
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(out_w)
    os.close(err_w)
    with os.fdopen(out_r, "rb") as out, os.fdopen(err_r, "rb") as err:
        stdout, stderr = out.read(), err.read()
    _, status = os.waitpid(pid, 0)
    return Result(os.waitstatus_to_exitcode(status), stdout.decode(), stderr.decode())


def warm(tmp_path) -> None:
    """Load, as root, every module the commands below use (the child cannot read the interpreter's files)."""
    db = tmp_path / "warm"
    for args in (
        ["init"],
        ["progress", "A2.1", "--percent", "60", "--date", "2020-10-14"],
        ["db", "backup"],
        ["show", "A2.1", "--json"],
        ["status"],
        ["--lang", "en", "status"],
        ["--lang", "zh", "status"],
    ):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["--db", str(db), *args])
    main(["--db", str(db), "--lang", "en", "db", "share", "root"])


def test_a_second_clerk_in_the_group_records_and_an_outsider_cannot_read(accounts, tmp_path):
    group, inside, also, outside, base = accounts
    warm(tmp_path)
    db = base / "db"
    r = as_user(inside, "--db", db, "init", "--shared-group", group)
    assert r.status == 0, r.err
    r = as_user(also, "--db", db, "progress", "A2.1", "--percent", "60", "--date", "2020-10-14")
    assert r.status == 0, r.err
    r = as_user(inside, "--db", db, "progress", "A2.1", "--percent", "70", "--date", "2020-10-15")
    assert r.status == 0, r.err
    r = as_user(also, "--db", db, "db", "backup")
    assert r.status == 0, r.err
    r = as_user(inside, "--db", db, "show", "A2.1", "--json", "--as-of", "2020-10-16")
    assert r.status == 0 and '"percent": 70' in r.out, r.err
    assert {mode for kind, mode in modes(db) if kind == "file"} == {0o660}
    assert {mode for kind, mode in modes(db) if kind == "dir"} == {0o2770}
    # Someone outside the group: one line naming the database and the fix, and the files stay closed.
    r = as_user(outside, "--lang", "en", "--db", db, "status")
    assert r.status == 1 and "no permission" in r.err and str(db) in r.err, r.err
    assert "Traceback" not in r.err and "--shared-group" in r.err
    r = subprocess.run(["runuser", "-u", outside, "--", "cat", str(db / "meta.json")], capture_output=True)
    assert r.returncode != 0
