"""The fold a write leaves due (core.folds), run after the write instead of inside it."""

from __future__ import annotations

import functools
import subprocess
import sys


def folds_after(handler):
    """For a command that appends to a folded log (progress reports, duty logs, imports): once it has
    returned, a fold that has come due runs. From the `duban` command it runs in a process of its own,
    so the clerk's command ends at once; a program that calls cli.main.main gets no process it did not
    ask for, and the fold runs before main returns."""

    @functools.wraps(handler)
    def run(ctx, args) -> int:
        status = handler(ctx, args)
        _fold_due(ctx)
        return status

    return run


#: What the process started for a fold runs: the `duban` command itself.
FOLD_COMMAND = "from duban.cli.main import run; run()"


def _fold_due(ctx) -> None:
    from duban.core.folds import any_due, fold_due

    if not ctx.process_ends:
        fold_due(ctx.db)
        return
    if not any_due(ctx.db):
        return
    subprocess.Popen(
        # -P: not the working folder first on the import path, where a folder named duban (a checkout of
        # duban's own source, say) would be imported instead of the installed package
        [sys.executable, "-P", "-c", FOLD_COMMAND, "--db", str(ctx.db.path), "db", "fold"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the shell's Ctrl-C or a closed terminal does not cut it short
    )
