"""duban digest: each unit's week as a short message for WeChat or SMS."""

from __future__ import annotations

from duban.core.i18n import t

from .output import emit_json
from .parser import command


def register(sub, common) -> None:
    """Add digest."""
    from .main import date_arg

    p = command(sub, "digest", digest, parents=[common], help=t("h_digest"))
    p.add_argument("--unit", metavar=t("mv_unit"), help=t("h_digest_unit"))
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, help=t("h_digest_date"))


def digest(ctx, args) -> int:
    """duban digest [--unit UNIT] [--date D]"""
    from duban.core import validate
    from duban.core.digest import unit_digest
    from duban.core.flags import evaluate_flags

    record = ctx.ws.record(texts=False)
    as_of = args.date or ctx.ws.as_of(record, ctx.as_of_override)
    units = [validate.unit(record, args.unit)] if args.unit else [u.code for u in record.owners()]
    flags = evaluate_flags(ctx.ws.registry, record, as_of, include_resolved=False)
    messages = {code: unit_digest(flags, record, code, as_of) for code in units}
    if ctx.json:
        emit_json({"as_of": as_of.isoformat(), "messages": messages})
    else:
        print("\n\n".join(messages.values()))
    return 0
