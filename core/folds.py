"""Views folded from append-only logs: task history from progress reports, duty dates from duty logs.

A view is a checkpoint table, rewritten now and then, plus the log's tail since that checkpoint.
Recording a report is therefore an append however long the campaign's record has grown. Once a tail
holds CHECKPOINT_EVERY entries it is folded into its checkpoint so that reads stay short, in a
transaction of its own after the write (`fold_due`): the command line starts it in a process of its own
and the dashboard in a worker, so no clerk's write waits for the views of the whole campaign to be
rewritten (1.5 s at 10,000 tasks, every 256th write, when the write folded them itself).

`task_latest` holds, per task, only the entries that decide its status on or after its last
report (per unit: the first completion of each deadline and the latest report): listing tasks as of today
reads that instead of every report of the campaign.
"""

from __future__ import annotations

import datetime as dt

from tinydb import Query

from .dates import stored_date
from .model import HistoryEntry

CHECKPOINT_EVERY = 256
#: view table → the log it folds
FOLDS = {"task_state": "progress", "duty_state": "duty_logs"}
#: the log of withdrawn entries (core.corrections): {"log", "entry", "reason", "corrected_by"}
WITHDRAWALS = "withdrawals"


def withdrawn(snap, log: str) -> set[int]:
    """Ids of the entries of `log` that were withdrawn (their originals stay in the log), this
    transaction's own withdrawals included when `snap` is a transaction."""
    return {d["entry"] for d in snap.all(WITHDRAWALS) if d["log"] == log}


def live(snap, log: str) -> list[dict]:
    """The entries of `log` that stand: every one not withdrawn."""
    gone = withdrawn(snap, log)
    return [d for d in snap.all(log) if d["id"] not in gone]


def _checkpoint(snap, view: str) -> dict:
    found = [d for d in snap.all("checkpoints") if d["view"] == view]
    return found[0] if found else {"view": view, "offset": 0, "last_id": 0}


def _tail(snap, view: str) -> list[dict]:
    cp = _checkpoint(snap, view)
    return [d for d in snap.log_tail(FOLDS[view], cp["offset"]) if d["id"] > cp["last_id"]]


def latest_subset(entries: list) -> list:
    """The entries of a date-sorted history that decide status on or after its last date.

    Each unit's part is decided by its own entries: the first completion of each deadline by that
    unit, and the unit's latest report. Works on HistoryEntry tuples and on stored
    [date, percent, done_deadline, unit, id] lists alike.
    """
    done: set = set()
    keep: set[int] = set()
    latest: dict = {}
    for i, entry in enumerate(entries):
        if entry[2] is not None and (entry[2], entry[3]) not in done:
            done.add((entry[2], entry[3]))
            keep.add(i)
        latest[entry[3]] = i
    keep.update(latest.values())
    return [entries[i] for i in sorted(keep)]


def task_history(snap, tasks: set[str] | None = None, latest_as_of: dt.date | None = None) -> dict[str, list]:
    """Each task's history entries (only `tasks` if given).

    With `latest_as_of`, only the entries deciding status on that day are loaded, provided no report
    is dated after it; otherwise the whole history is.
    """
    if latest_as_of is not None:
        history = _history(snap, "task_latest", tasks)
        cutoff = latest_as_of.isoformat()
        if all(v[-1].date.isoformat() <= cutoff for v in history.values() if v):
            return {k: latest_subset(v) for k, v in history.items()}
    return _history(snap, "task_state", tasks)


def _history(snap, table: str, tasks: set[str] | None) -> dict[str, list]:
    history = {
        doc["task"]: [HistoryEntry(stored_date(d), p, done, unit, rid) for d, p, done, unit, rid in doc["history"]]
        for doc in snap.docs_of(table, "task", tasks)
    }
    tail = _tail(snap, "task_state")
    touched = set()
    for doc in tail:
        if tasks is None or doc["task"] in tasks:
            history.setdefault(doc["task"], []).append(HistoryEntry.of(doc))
            touched.add(doc["task"])
    for task in touched:
        history[task].sort(key=lambda h: (h.date, h.report))
    return history


def duty_dates(snap) -> dict[tuple[str, str], list[dt.date]]:
    """Logged dates per (duty, unit)."""
    dates = {(doc["duty"], doc["unit"]): [stored_date(d) for d in doc["dates"]] for doc in snap.all("duty_state")}
    tail = _tail(snap, "duty_state")
    touched = set()
    for doc in tail:
        key = (doc["duty"], doc["unit"])
        dates.setdefault(key, []).append(stored_date(doc["date"]))
        touched.add(key)
    for key in touched:
        dates[key] = sorted(set(dates[key]))
    return dates


def _replace(tx, name: str, docs: list[dict]) -> None:
    table = tx.table(name)
    table.truncate()
    table.insert_multiple(docs)


def tail_length(snap, view: str) -> int:
    """How many entries `view`'s log holds past its checkpoint (entries are numbered in order, so the
    count needs no read of the log)."""
    log = snap.meta["logs"].get(FOLDS[view])
    return log["next_id"] - 1 - _checkpoint(snap, view)["last_id"] if log else 0


def due_views(snap) -> list[str]:
    """The views whose log has grown CHECKPOINT_EVERY entries past their checkpoint."""
    return [view for view in FOLDS if tail_length(snap, view) >= CHECKPOINT_EVERY]


def any_due(db) -> bool:
    """Whether a view of `db` is due, read under the shared lock: most writes leave none, and finding
    that out need not keep other writers out."""
    with db.reading() as snap:
        return bool(due_views(snap))


def fold_due(db) -> list[str]:
    """Fold each view that is due into its checkpoint, in a transaction of its own; the views folded.
    Nothing is lost if it never runs or is killed midway: the tail stays in the log and is read with
    the view, only more slowly."""
    if not any_due(db):
        return []
    with db.transaction("fold") as tx:
        views = due_views(tx)
        for view in views:
            _write(tx, view, _history(tx, "task_state", None) if view == "task_state" else duty_dates(tx))
    return views


def rebuild(tx, view: str) -> None:
    """Rewrite `view` from its whole log, leaving out withdrawn entries (after a withdrawal: the view
    and its tail must no longer hold the entry)."""
    log = FOLDS[view]
    docs = live(tx, log)
    if view == "task_state":
        history: dict = {}
        for doc in sorted(docs, key=lambda d: (d["date"], d["id"])):
            history.setdefault(doc["task"], []).append(HistoryEntry.of(doc))
        _write(tx, view, history)
    else:
        dates: dict = {}
        for doc in docs:
            dates.setdefault((doc["duty"], doc["unit"]), set()).add(stored_date(doc["date"]))
        _write(tx, view, {k: sorted(v) for k, v in dates.items()})


def _write(tx, view: str, current: dict) -> None:
    log = FOLDS[view]
    if view == "task_state":
        docs = [
            {"task": k, "history": [[h.date.isoformat(), h.percent, h.done_deadline, h.unit, h.report] for h in v]}
            for k, v in current.items()
        ]
        _replace(tx, "task_latest", [{"task": d["task"], "history": latest_subset(d["history"])} for d in docs])
    else:
        docs = [{"duty": d, "unit": u, "dates": [x.isoformat() for x in v]} for (d, u), v in current.items()]
    _replace(tx, view, docs)
    # Everything logged so far, this transaction's appends included, is now in the view.
    cp = {"view": view, "offset": tx.log_length(log), "last_id": tx.meta["logs"][log]["next_id"] - 1}
    checkpoints = tx.table("checkpoints")
    if not checkpoints.update(cp, Query().view == view):
        checkpoints.insert(cp)
