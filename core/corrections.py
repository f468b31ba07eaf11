"""Corrections (更正/撤回): withdraw a recorded entry, or replace it with a corrected one.

Nothing is deleted. A withdrawal is appended to the `withdrawals` log with its reason; every view
reads the logs without the withdrawn entries (core.folds.live), and the folded views of progress
reports and duty logs are rebuilt at once, so status, flags, feeds and reports all see the
corrected record while the original stays in its log and in the audit trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import folds, validate
from .dates import now
from .errors import DubanError
from .i18n import t

if TYPE_CHECKING:
    from .store import Transaction
    from .workspace import Workspace

#: what an entry is called on the command line (the command that records it) → the log holding it
KINDS = {
    "progress": "progress",
    "log": "duty_logs",
    "check": "checks",
    "metric": "metric_values",
    "incident": "incidents",
    "meeting": "meetings",
}
#: logs folded into views (core.folds) → the view to rebuild after a withdrawal
VIEWS = {log: view for view, log in folds.FOLDS.items()}


def _entry(tx: Transaction, kind: str, entry_id: object) -> dict:
    if kind not in KINDS:
        raise DubanError(t("wd_unknown_kind", kind=kind, kinds="、".join(KINDS)))
    log = KINDS[kind]
    number = entry_id if isinstance(entry_id, int) else None
    if number is None and str(entry_id).strip().isdigit():
        number = int(str(entry_id).strip())
    doc = next((d for d in tx.all(log) if d["id"] == number), None)
    if doc is None:
        raise DubanError(t("wd_unknown_entry", kind=kind, id=entry_id))
    if number in folds.withdrawn(tx, log):
        raise DubanError(t("wd_already", kind=kind, id=number))
    return doc


def withdraw_in(tx: Transaction, kind: str, entry_id: object, reason: str) -> dict:
    """Withdraw entry `entry_id` of `kind` inside an open transaction: record why and rebuild its folded
    view (load the record after this). Returns the withdrawn entry."""
    reason = validate.text(reason, "--reason", required=True)
    doc = _entry(tx, kind, entry_id)
    log = KINDS[kind]
    tx.append(folds.WITHDRAWALS, {"log": log, "entry": doc["id"], "reason": reason, "recorded_at": now().isoformat()})
    if log in VIEWS:
        folds.rebuild(tx, VIEWS[log])
    tx.audit("withdraw", f"{kind}:{doc['id']}", doc, {"reason": reason})
    return doc


def withdraw(ws: Workspace, kind: str, entry_id: object, reason: str, author: str = "") -> dict:
    """Withdraw one recorded entry, with a reason, in one audited transaction; returns the entry."""
    with ws.db.transaction(author or "duban") as tx:
        return withdraw_in(tx, kind, entry_id, reason)
