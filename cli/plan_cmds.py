"""Amending the plan while keeping the record: plan diff, plan apply, plan history."""

from __future__ import annotations

from duban.core.i18n import t

from .output import clean, emit_json, paged, table
from .parser import command


def register(sub, common) -> None:
    """Add `plan diff`, `plan apply` and `plan history`."""
    p = sub.add_parser("plan", parents=[common], help=t("h_plan"))
    plansub = p.add_subparsers(dest="plan_command", metavar=t("mv_action"), required=True)
    d = command(plansub, "diff", diff, parents=[common], help=t("h_plan_diff"))
    d.add_argument("file", metavar=t("mv_file"), help=t("h_plan_file"))
    a = command(plansub, "apply", apply, parents=[common], help=t("h_plan_apply"))
    a.add_argument("file", metavar=t("mv_file"), help=t("h_plan_file"))
    a.add_argument("--reason", metavar=t("mv_text"), required=True, help=t("h_plan_reason"))
    a.add_argument("--by", metavar=t("mv_name"), help=t("h_plan_by"))
    command(plansub, "history", history, parents=[common], help=t("h_plan_history"))


@paged
def diff(ctx, args) -> int:
    """duban plan diff FILE"""
    from duban.core.amend import describe, propose

    changes = [c.as_doc() for c in propose(ctx.ws, args.file).changes]
    if ctx.json:
        emit_json({"file": args.file, "changes": changes})
        return 0
    if not changes:
        print(clean(t("amend_diff_none", file=args.file)))
        return 0
    print(clean(t("amend_diff_head", file=args.file, n=len(changes))))
    for change in changes:
        print("  " + clean(describe(change)))
    return 0


def apply(ctx, args) -> int:
    """duban plan apply FILE --reason TEXT"""
    from duban.core.amend import apply_amendment, summary

    doc = apply_amendment(ctx.ws, args.file, args.reason, ctx.author(), ctx.entry_date())
    if ctx.json:
        emit_json(doc)
        return 0
    print(t("backup_taken", path=ctx.db.path / "backups" / doc["backup"]))
    print(
        clean(
            t(
                "amend_applied",
                n=doc["n"],
                count=len(doc["changes"]),
                effective=doc["effective"],
                summary=summary(doc["changes"]),
            )
        )
    )
    return 0


@paged
def history(ctx, args) -> int:
    """duban plan history"""
    from duban.core.amend import amendments, summary

    docs = amendments(ctx.ws)
    if ctx.json:
        emit_json(docs)
        return 0
    if not docs:
        print(t("amend_history_none"))
        return 0
    headers = [t(f"col_amend_{c}") for c in ("n", "effective", "at", "who", "reason", "summary")]
    rows = [
        [d["n"], d["effective"], d["at"][:16].replace("T", " "), d["who"], d["reason"], summary(d["changes"])]
        for d in docs
    ]
    print(table(headers, rows, max_width=60))
    return 0
