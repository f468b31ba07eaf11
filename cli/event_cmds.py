"""Events that start obligations, and their fulfilment: event, fulfil."""

from __future__ import annotations

from duban.core.i18n import pick, t

from .output import clean, emit_json
from .parser import command


def register(sub, common) -> None:
    """Add event and fulfil."""
    from duban.core.eventkinds import EVENT_KINDS

    from .main import date_arg

    p = command(sub, "event", event, parents=[common], help=t("h_event"))
    p.add_argument("kind", choices=EVENT_KINDS, help=t("h_event_kind"))
    p.add_argument("--case", metavar=t("mv_id"), required=True, help=t("h_case"))
    p.add_argument("--unit", metavar=t("mv_code"), required=True, help=t("h_event_unit"))
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, help=t("h_date_report_default_as_date"))
    p.add_argument("--note", metavar=t("mv_text"), default="")
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_reports_default_your_login"))
    p = command(sub, "fulfil", fulfil, parents=[common], help=t("h_fulfil"))
    p.add_argument("trigger", metavar=t("mv_id"))
    p.add_argument("--case", metavar=t("mv_id"), required=True, help=t("h_case"))
    p.add_argument("--unit", metavar=t("mv_code"))
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, help=t("h_date_report_default_as_date"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_reports_default_your_login"))


def event(ctx, args) -> int:
    """duban event KIND --case N --unit CODE"""
    from duban.core.triggers import obligation_status, record_event

    doc = record_event(ctx.ws, args.kind, args.case, args.unit, note=args.note, **ctx.entry())
    record = ctx.ws.record()
    started = [
        o
        for o in obligation_status(record, ctx.entry_date())
        if o.case == doc["case"] and o.trigger.event == doc["kind"]
    ]
    if ctx.json:
        emit_json({**doc, "obligations": [obligation_json(o) for o in started]})
        return 0
    print(
        clean(
            t(
                "event_recorded",
                kind=t(f"event_kind_{doc['kind']}"),
                case=doc["case"],
                unit=record.label(doc["unit"]),
                date=doc["date"],
            )
        )
    )
    for o in started:
        title = pick(o.trigger.title, o.trigger.title_en) + (f"（{t('reading_mark')}）" if o.trigger.reading else "")
        print(clean(t("obligation_line", trigger=o.trigger.id, title=title, unit=record.label(o.unit), due=o.due)))
    return 0


def fulfil(ctx, args) -> int:
    """duban fulfil TRIGGER --case N"""
    from duban.core.status import state_label
    from duban.core.triggers import obligation_status, record_fulfilment

    doc = record_fulfilment(ctx.ws, args.trigger, args.case, args.unit, **ctx.entry())
    record = ctx.ws.record()
    o = next(
        o
        for o in obligation_status(record, ctx.entry_date())
        if (o.trigger.id, o.case, o.unit) == (doc["trigger"], doc["case"], doc["unit"])
    )
    if ctx.json:
        emit_json(obligation_json(o))
        return 0
    print(
        t(
            "fulfilment_recorded",
            trigger=o.trigger.id,
            case=o.case,
            unit=record.label(o.unit),
            date=o.done_on,
            state=state_label(o.state),
        )
    )
    return 0


def obligation_json(o) -> dict:
    """An obligation an event started, and where it stands."""
    return {
        "trigger": o.trigger.id,
        "task": o.trigger.task,
        "title": pick(o.trigger.title, o.trigger.title_en),
        "reading": o.trigger.reading or None,
        "case": o.case,
        "unit": o.unit,
        "event_date": o.event_date.isoformat(),
        "due": o.due.isoformat(),
        "state": o.state,
        "done_on": o.done_on.isoformat() if o.done_on else None,
        "days_overdue": o.days_overdue,
    }
