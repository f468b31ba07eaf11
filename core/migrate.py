"""Bringing a database written by an older duban up to the current schema, with a backup first.

Schema 1 gave every task one invented lead (`lead`, `co`) and every duty one `owner`. Schema 2
records who answers as the plan says: a task's listed units each with their own part, steps with
their own actors, duties with all their units. The built-in Linwu plan is replaced by the current
one (moved to the database's own start date); a county's own plan keeps its content, its leads
kept as the county's choice. Nothing recorded is touched: reports, logs and decisions stay as they
are, and status reads them under the new rules (a completion counts only for its unit's own part).
"""

from __future__ import annotations

from pathlib import Path

from .dates import stored_date
from .i18n import t
from .store import PRE_MIGRATE, SCHEMA, Transaction

PLAN_TABLES = ("plan", "actions", "tasks", "task_texts", "duties", "milestones", "units", "triggers")


def upgrade(db) -> Path | None:
    """Upgrade `db` in place if it is older than the current schema; returns the backup taken, if any."""
    db._require()
    with db._locked(exclusive=True):
        meta = db._read_meta()
        if meta["schema"] >= SCHEMA:
            return None  # another process upgraded it while we waited
        backup = db._backup_locked(meta, "migrate", PRE_MIGRATE)
        tx = Transaction(db, meta, "duban")
        _schema_1_to_2(tx)
        tx.meta["schema"] = SCHEMA
        tx.audit("migrate", f"schema {meta['schema']}", None, {"schema": SCHEMA, "backup": str(backup)})
        db._commit(tx)
        return backup


def _schema_1_to_2(tx) -> None:
    from .planfile import load_plan, rebase
    from .record import plan_documents
    from .registry import load_registry

    head = tx.all("plan")[0]
    units = load_registry(load_entrypoints=False).units
    builtin = load_plan(None, units)
    if head.get("id") == builtin.id:
        start = stored_date(head["period_start"])
        plan = builtin if start == builtin.period_start else rebase(builtin, start)
        docs = plan_documents(plan)
        for name in PLAN_TABLES:
            table = tx.table(name)
            table.truncate()
            table.insert_multiple(docs[name])
        return
    # A county's own plan is converted field by field.
    tasks = []
    for old in tx.all("tasks"):
        doc = {k: v for k, v in old.items() if k != "co"}
        # The county wrote its leads itself: each stays, as the county's choice.
        tasks.append(dict(doc, units=list(dict.fromkeys([old.get("lead", ""), *old.get("co", [])]))))
    duties = []
    for old in tx.all("duties"):
        doc = {k: v for k, v in old.items() if k != "owner"}
        duties.append(dict(doc, units=[old["owner"]] if old.get("owner") else [], joint="each"))
    for name, rows in (("tasks", tasks), ("duties", duties)):
        table = tx.table(name)
        table.truncate()
        table.insert_multiple(rows)


def migrated_message(backup: Path) -> str:
    """What the user is told after an automatic upgrade."""
    return t("db_migrated", schema=SCHEMA, backup=backup)
