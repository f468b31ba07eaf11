"""Commands that amend the record without erasing it: extensions (延期) and withdrawals (撤回)."""

from __future__ import annotations

from duban.core.i18n import t

from .output import emit_json, paged, table
from .parser import command


def register(sub, common) -> None:
    """Add extend, extensions and withdraw."""
    from .main import date_arg, positive_int

    p = command(sub, "extend", extend, parents=[common], help=t("h_extend"))
    p.add_argument("task", metavar=t("mv_task"), nargs="?", help=t("h_arg_task"))
    p.add_argument("--step", metavar=t("mv_n"), type=positive_int, help=t("h_ext_step"))
    p.add_argument("--to", metavar=t("mv_date"), type=date_arg, help=t("h_ext_to"))
    p.add_argument("--reason", metavar=t("mv_text"), help=t("h_ext_reason"))
    p.add_argument("--unit", metavar=t("mv_code"), help=t("h_ext_unit"))
    rule = p.add_mutually_exclusive_group()
    rule.add_argument("--approve", metavar=t("mv_id"), type=positive_int, help=t("h_ext_approve"))
    rule.add_argument("--refuse", metavar=t("mv_id"), type=positive_int, help=t("h_ext_refuse"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_reports_default_your_login"))
    p = command(sub, "extensions", list_extensions, parents=[common], help=t("h_extensions"))
    p.add_argument("--unit", metavar=t("mv_code"), help=t("h_ext_unit_filter"))
    p.add_argument("--pending", action="store_true", help=t("h_ext_pending"))
    p = command(sub, "withdraw", withdraw, parents=[common], help=t("h_withdraw"))
    p.add_argument("kind", metavar=t("mv_kind"), help=t("h_wd_kind"))
    p.add_argument("id", metavar=t("mv_id"), help=t("h_wd_id"))
    p.add_argument("--reason", metavar=t("mv_text"), required=True, help=t("h_wd_reason"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_reports_default_your_login"))


def extension_json(e) -> dict:
    """An extension request as JSON."""
    from duban.core.codec import to_doc

    return to_doc(e) | {"step": e.step + 1}


def _said(ctx, e, key: str) -> None:
    if ctx.json:
        emit_json(extension_json(e))
        return
    record = ctx.ws.record(texts=False)
    print(
        t(
            key,
            id=e.id,
            task=e.task,
            step=e.step + 1,
            unit=record.label(e.unit),
            to=e.to,
            was=e.was,
            state=t(f"ext_{e.state}"),
        )
    )


def extend(ctx, args) -> int:
    """duban extend TASK … | --approve ID | --refuse ID"""
    from duban.core.errors import UsageError
    from duban.core.extensions import request_extension, rule_extension

    ruling = args.approve or args.refuse
    if ruling:
        if args.task is not None:
            raise UsageError(t("ext_need_action"))
        e = rule_extension(
            ctx.ws, ruling, bool(args.approve), args.reason or "", author=ctx.author(), day=ctx.entry_date()
        )
        _said(ctx, e, "ext_ruled")
        return 0
    if args.task is None:
        raise UsageError(t("ext_need_action"))
    if args.to is None or args.unit is None or args.reason is None:
        raise UsageError(t("ext_need_fields"))
    e = request_extension(
        ctx.ws, args.task, args.to, args.reason, args.unit, args.step, author=ctx.author(), day=ctx.entry_date()
    )
    _said(ctx, e, "ext_requested")
    return 0


@paged
def list_extensions(ctx, args) -> int:
    """duban extensions"""
    from duban.core import validate
    from duban.core.extensions import PENDING, extensions

    record = ctx.ws.record(texts=False)
    as_of = ctx.ws.as_of(record, ctx.as_of_override)
    unit = validate.unit(record, args.unit) if args.unit is not None else None
    found = [
        e
        for e in extensions(record, as_of)
        if (unit is None or e.unit == unit) and (not args.pending or e.state == PENDING)
    ]
    if ctx.json:
        emit_json([extension_json(e) for e in found])
        return 0
    if not found:
        print(t("ext_none"))
        return 0
    print(
        table(
            [
                t("cli_id"),
                t("cli_task"),
                t("col_step"),
                t("col_unit"),
                t("col_ext_was"),
                t("col_ext_to"),
                t("col_ext_reason"),
                t("col_ext_ruling"),
            ],
            [
                [
                    e.id,
                    e.task,
                    e.step + 1,
                    record.label(e.unit),
                    e.was,
                    e.to,
                    e.reason,
                    t(f"ext_{e.state}") + (f"：{e.ruling_reason}" if e.ruling_reason else ""),
                ]
                for e in found
            ],
            max_width=40,
        )
    )
    return 0


def withdraw(ctx, args) -> int:
    """duban withdraw KIND ID --reason TEXT"""
    from duban.core.corrections import withdraw as withdraw_entry

    doc = withdraw_entry(ctx.ws, args.kind, args.id, args.reason, author=ctx.author())
    if ctx.json:
        emit_json({"kind": args.kind, "withdrawn": doc, "reason": args.reason})
        return 0
    print(t("wd_done", kind=args.kind, id=doc["id"]))
    return 0
