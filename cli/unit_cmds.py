"""Unit commands: checklist, check, metric, unit, incident, incidents, flags (and the committee's decisions)."""

from __future__ import annotations

from duban.core.i18n import pick, t

from .output import clean, emit_json, paged, pct, table, wrap
from .parser import command
from .read_cmds import _load

LEVEL_CHOICES = ("commendation", "supervision", "accountability")


def register(sub, common) -> None:
    """Add the unit and committee commands."""
    from .main import date_arg

    p = command(sub, "checklist", checklist, parents=[common], help=t("h_unit_s_checklist_what_ticked"))
    p.add_argument("unit", metavar=t("mv_unit"), help=t("h_arg_unit"))
    p = command(sub, "check", check, parents=[common], help=t("h_tick_undo_item_unit_s_checklist"))
    p.add_argument("unit", metavar=t("mv_unit"), help=t("h_arg_unit"))
    p.add_argument("item", metavar=t("mv_item"), help=t("h_arg_item"))
    p.add_argument("--note", metavar=t("mv_text"), default="")
    p.add_argument(
        "--evidence", metavar=t("mv_ref"), action="append", default=[], help=t("h_evidence_reference_repeatable")
    )
    p.add_argument("--undo", action="store_true", help=t("h_untick_item"))
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, help=t("h_date_tick_default_as_date"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_ticks_default_your_login"))
    p = command(sub, "metric", metric, parents=[common], help=t("h_enter_value_unit_s_metric"))
    p.add_argument("unit", metavar=t("mv_unit"), help=t("h_arg_unit"))
    p.add_argument("metric", metavar=t("mv_metric"), help=t("h_arg_metric"))
    p.add_argument("value", metavar=t("mv_value"), help=t("h_count_percent_done_total_yes_no"))
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, help=t("h_date_value_stands_default_as_date"))
    p.add_argument("--note", metavar=t("mv_text"), default="")
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_reports_default_your_login"))
    p = command(sub, "unit", unit, parents=[common], help=t("h_one_unit_tasks_duties_checklist_metrics"))
    p.add_argument("unit", metavar=t("mv_unit"), help=t("h_arg_unit"))
    p = command(sub, "incident", incident, parents=[common], help=t("h_record_incident_missing_person_death_cold"))
    p.add_argument(
        "--kind", metavar=t("mv_kind"), required=True, help=t("h_missing_death_cold_hunger_institution_food")
    )
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, required=True, help=t("h_day_it_happened"))
    p.add_argument("--note", metavar=t("mv_text"), required=True, help=t("h_what_happened"))
    p.add_argument("--unit", metavar=t("mv_code"), help=t("h_unit_it_counts_against_default_units"))
    p.add_argument("--reported", metavar=t("mv_date"), type=date_arg, help=t("h_day_it_was_reported_up_default"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_records_it_default_your_login"))
    command(sub, "incidents", incidents, parents=[common], help=t("h_list_recorded_incidents"))
    p = command(sub, "flags", flags, parents=[common], help=t("h_committee_s_flags_flags_confirm_dismiss"))
    p.add_argument(
        "decision",
        metavar="confirm|dismiss|rules|notice|serious",
        nargs="?",
        choices=("confirm", "dismiss", "rules", "notice", "serious"),
        help=t("h_arg_decision"),
    )
    p.add_argument("flag", metavar=t("mv_id"), nargs="?", help=t("h_arg_flag"))
    p.add_argument("--level", metavar=t("mv_level"), help=t("h_only_flags_this_level"))
    p.add_argument("--open", action="store_true", help=t("h_only_open_flags_hide_resolved_ones"))
    p.add_argument("--unit", metavar=t("mv_code"), help=t("h_only_this_unit_s_flags"))
    p.add_argument("--reason", metavar=t("mv_text"), help=t("h_why_committee_confirms_dismisses_required_decide"))
    p.add_argument("--order", metavar=t("mv_text"), default="", help=t("h_flag_order"))
    p.add_argument("--due", metavar=t("mv_date"), type=date_arg, help=t("h_flag_due"))
    p.add_argument("--revise", action="store_true", help=t("h_flag_revise"))
    p.add_argument("--not-serious", action="store_true", help=t("h_flag_not_serious"))
    p.add_argument("--out", metavar=t("mv_file"), help=t("h_flag_notice_out"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_decides_default_your_login"))


# -- JSON views (also used by other front ends) -----------------------------------------------------------


def item_json(s) -> dict:
    """A checklist item with its tick."""
    return {
        "unit": s.item.unit,
        "id": s.item.id,
        "title": pick(s.item.title, s.item.title_en),
        "tasks": list(s.item.tasks),
        "basis": s.item.basis,
        "done": s.done,
        "when": s.when.isoformat() if s.when else None,
        "who": s.who,
        "note": s.note,
        "evidence": list(s.evidence),
    }


def metric_json(s) -> dict:
    """A metric with its value against its target."""
    from duban.core.metrics import format_target, format_value

    m = s.metric
    return {
        "unit": m.unit,
        "id": m.id,
        "name": pick(m.name, m.name_en),
        "kind": m.kind,
        "source": m.source,
        "target": m.target,
        "direction": m.direction,
        "tasks": list(m.tasks),
        "basis": m.basis,
        "value": s.value,
        "on_target": s.on_target,
        "as_of": s.as_of.isoformat() if s.as_of else None,
        "display": format_value(m, s.value),
        "target_display": format_target(m),
    }


def flag_json(record, f) -> dict:
    """A flag with its level, state, decision (None while it is a suggestion), order and evidence."""
    from duban.core.flags import flag_label, level_label

    return {
        "id": f.id,
        "unit": f.unit,
        "unit_name": record.label(f.unit),
        "level": f.level,
        "level_label": level_label(f.level),
        "rule": f.rule,
        "subject": f.subject,
        "state": f.state,
        "decision": f.decision,
        "reason": f.reason,
        "decided_by": f.decided_by or None,
        "decided_on": f.decided_on.isoformat() if f.decided_on else None,
        "last_seen": f.last_seen.isoformat() if f.last_seen else None,
        "evidence": [{"kind": e.kind, "ref": e.ref, "text": e.text} for e in f.evidence],
        "pending": f.decision is None,
        "label": flag_label(f),
        "order": f.order or None,
        "order_due": f.order_due.isoformat() if f.order_due else None,
        "history": [
            {
                "decision": h.decision,
                "reason": h.reason,
                "decided_on": h.date.isoformat(),
                "decided_by": h.author,
                "order": h.order or None,
                "order_due": h.order_due.isoformat() if h.order_due else None,
            }
            for h in f.history
        ],
    }


def incident_json(record, doc: dict) -> dict:
    """An incident with its report-up delay."""
    from duban.core.incidents import KINDS, report_days

    return {
        "id": doc["id"],
        "kind": doc["kind"],
        "kind_label": KINDS[doc["kind"]].label,
        "date": doc["date"],
        "reported": doc["reported"],
        "report_days": report_days(doc),
        "units": doc["units"],
        "note": doc["note"],
        "author": doc.get("author", ""),
    }


# -- text helpers ----------------------------------------------------------------------------------------


def _flag_words(f) -> str:
    """问责, or 建议督导（待认定）: never a suggestion worded as a decision."""
    from duban.core.flags import flag_label

    words = flag_label(f)
    if f.state == "resolved":
        words += t("cli_resolved_aside", fstate_resolved=t("fstate_resolved"))
    return words


def _ruling_words(f) -> str:
    """Who ruled when, why, and the order — "already decided by … on …" — or '' for a suggestion."""
    from duban.core.flags import ruling_lines

    return t("cli_ruling_sep").join(ruling_lines(f)) if f.decision else ""


def _checklist_rows(statuses) -> list[list]:
    return [
        [
            "✓" if s.done else "·",
            s.item.id,
            pick(s.item.title, s.item.title_en),
            t("list_sep").join(s.item.tasks),
            s.when or "",
            s.who,
            "; ".join([s.note, *s.evidence]).strip("; "),
        ]
        for s in statuses
    ]


def _checklist_table(statuses) -> str:
    return table(
        [
            "",
            t("cli_item"),
            t("cli_what_2"),
            t("cli_tasks"),
            t("cli_when_2"),
            t("cli_by_3"),
            t("cli_note_evidence"),
        ],
        _checklist_rows(statuses),
        max_width=44,
    )


def _metric_table(statuses) -> str:
    from duban.core.metrics import format_target, format_value

    rows = [
        [
            s.metric.id,
            pick(s.metric.name, s.metric.name_en),
            format_value(s.metric, s.value),
            format_target(s.metric),
            {True: "✓", False: "✗", None: "—"}[s.on_target],
            t("cli_entered") if s.metric.source == "entered" else t("cli_computed"),
            s.as_of or "",
        ]
        for s in statuses
    ]
    heads = ("cli_metric", "cli_name", "cli_value", "cli_target_2", "cli_met", "cli_source", "cli_as_of_col")
    return table([t(key) for key in heads], rows, max_width=36)


def _flag_table(record, flags, rules) -> str:
    from duban.core.flags import rule_label

    rows = [
        [
            f.id,
            record.label(f.unit),
            _flag_words(f),
            rule_label(rules, f.rule),
            " | ".join(e.text for e in f.evidence),
            _ruling_words(f),
        ]
        for f in flags
    ]
    heads = ("cli_id", "cli_unit", "cli_level", "cli_rule", "cli_evidence_2", "cli_ruling")
    return table([t(key) for key in heads], rows, max_width=80)


# -- handlers ----------------------------------------------------------------------------------------------


@paged
def checklist(ctx, args) -> int:
    """duban checklist UNIT"""
    from duban.core import validate
    from duban.core.checklists import checklist_status

    record, as_of = _load(ctx)
    args.unit = validate.unit(record, args.unit)
    statuses = checklist_status(ctx.ws.registry, record, args.unit, as_of)
    if ctx.json:
        emit_json({"unit": args.unit, "as_of": as_of.isoformat(), "items": [item_json(s) for s in statuses]})
        return 0
    print(
        f"{record.label(args.unit)} — {t('cli_checklist')} "
        f"({sum(s.done for s in statuses)}/{len(statuses)}, {t('cli_as_of')} {as_of})"
    )
    print(_checklist_table(statuses))
    return 0


def check(ctx, args) -> int:
    """duban check UNIT ITEM"""
    from duban.core.checklists import tick

    doc = tick(
        ctx.ws, args.unit, args.item, undo=args.undo, note=args.note, evidence=tuple(args.evidence), **ctx.entry()
    )
    if ctx.json:
        emit_json(doc)
        return 0
    print(t("check_done" if doc["done"] else "check_undone", unit=doc["unit"], item=doc["item"]))
    return 0


def metric(ctx, args) -> int:
    """duban metric UNIT METRIC VALUE"""
    from duban.core.metrics import enter_value, find_metric, format_value

    doc = enter_value(ctx.ws, args.unit, args.metric, args.value, note=args.note, **ctx.entry())
    if ctx.json:
        emit_json(doc)
        return 0
    m = find_metric(ctx.ws.registry, ctx.ws.record(), doc["unit"], doc["metric"])
    print(
        t("metric_done", unit=doc["unit"], metric=doc["metric"], value=format_value(m, doc["value"]), date=doc["date"])
    )
    return 0


@paged
def unit(ctx, args) -> int:
    """duban unit UNIT"""
    from duban.core import validate
    from duban.core.checklists import checklist_status
    from duban.core.flags import evaluate_flags, unit_flag
    from duban.core.metrics import metric_status
    from duban.core.status import all_duty_compliance, all_task_status, state_label

    from .serialize import duty_json, part_json, task_json

    record, as_of = _load(ctx)
    code = validate.unit(record, args.unit)
    u = record.unit(code)
    registry = ctx.ws.registry
    tasks = [(s, s.part(code)) for s in all_task_status(record, as_of) if s.part(code) is not None]
    duties = [c for c in all_duty_compliance(record, as_of) if c.unit == code]
    items = checklist_status(registry, record, code, as_of)
    metrics = metric_status(registry, record, code, as_of)
    flags = [f for f in evaluate_flags(registry, record, as_of) if f.unit == code]
    current = unit_flag(flags, code)
    if ctx.json:
        emit_json(
            {
                "unit": {
                    "code": u.code,
                    "name": pick(u.name, u.name_en),
                    "short": u.short,
                    "kind": u.kind,
                    "liaison": u.liaison,
                    "phone": u.phone,
                },
                "as_of": as_of.isoformat(),
                "flag": flag_json(record, current) if current else None,
                "tasks": [
                    task_json(s) | {"part": part_json(mine), "county_lead": s.task.lead == code} for s, mine in tasks
                ],
                "duties": [duty_json(c) for c in duties],
                "checklist": [item_json(s) for s in items],
                "metrics": [metric_json(s) for s in metrics],
                "flags": [flag_json(record, f) for f in flags],
            }
        )
        return 0
    print(f"{pick(u.name, u.name_en)} [{u.code}]  {t('cli_as_of')} {as_of}")
    print(f"{t('cli_current_flag')}: " + (f"{_flag_words(current)} [{current.id}]" if current else "—"))
    print(f"\n{t('cli_tasks_2')} ({len(tasks)})")
    print(
        table(
            [
                t("cli_id"),
                t("cli_task"),
                t("cli_role"),
                t("cli_status"),
                t("cli_done_2"),
            ],
            [
                [
                    s.task.id,
                    pick(s.task.title, s.task.title_en),
                    t("role_county_lead") if s.task.lead == code else t("role_own_part"),
                    state_label(mine.state)
                    + (f" {mine.days_overdue}{t('cli_days_suffix')}" if mine.days_overdue else "")
                    + (f" · {mine.extended_note()}" if mine.extended_note() else ""),
                    f"{mine.percent}%",
                ]
                for s, mine in tasks
            ],
            max_width=60,
        )
    )
    if duties:
        print(f"\n{t('cli_recurring_duties')}")
        print(
            table(
                [t("cli_duty"), t("cli_due_3"), t("cli_logged"), t("cli_rate")],
                [
                    [
                        f"{c.duty.id} {pick(c.duty.title, c.duty.title_en)}",
                        c.expected,
                        c.logged,
                        pct(None if c.ratio is None else 100 * c.ratio),
                    ]
                    for c in duties
                ],
            )
        )
    print(f"\n{t('cli_checklist_2')} ({sum(s.done for s in items)}/{len(items)})")
    print(_checklist_table(items))
    print(f"\n{t('cli_metrics')}")
    print(_metric_table(metrics))
    print(f"\n{t('cli_flags')} ({len(flags)})")
    if flags:
        from duban.core.flags import flag_rules

        print(_flag_table(record, flags, flag_rules(ctx.ws.registry)))
    return 0


def incident(ctx, args) -> int:
    """duban incident --kind KIND --date D --note TEXT"""
    from duban.core.flags import flag_settings
    from duban.core.incidents import KINDS, record_incident, timeliness

    doc = record_incident(
        ctx.ws, args.kind, args.date, args.note, unit=args.unit, reported=args.reported, **ctx.writer()
    )
    record = ctx.ws.record(texts=False)
    if ctx.json:
        emit_json(incident_json(record, doc))
        return 0
    timely = timeliness(doc, flag_settings(record)["report_within_days"])
    print(
        t(
            "incident_done",
            id=doc["id"],
            kind=KINDS[doc["kind"]].label,
            date=doc["date"],
            units=t("list_sep").join(record.label(c) for c in doc["units"]) or "—",
            timely=timely,
        )
    )
    return 0


@paged
def incidents(ctx, args) -> int:
    """duban incidents"""
    record, as_of = _load(ctx)
    docs = [d for d in record.incidents if d["date"] <= as_of.isoformat()]
    if ctx.json:
        emit_json({"as_of": as_of.isoformat(), "incidents": [incident_json(record, d) for d in docs]})
        return 0
    rows = [
        [
            j["id"],
            j["date"],
            j["kind_label"],
            j["reported"],
            j["report_days"],
            t("list_sep").join(record.label(c) for c in j["units"]),
            j["note"],
        ]
        for j in (incident_json(record, d) for d in docs)
    ]
    print(
        table(
            [
                t("cli_id"),
                t("cli_date"),
                t("cli_kind"),
                t("cli_reported"),
                t("cli_days_2"),
                t("cli_counts_against"),
                t("cli_note_2"),
            ],
            rows,
            max_width=50,
        )
    )
    return 0


@paged
def flags(ctx, args) -> int:
    """duban flags [--level L] | flags confirm|dismiss ID --reason TEXT | flags rules | flags notice ID --out F
    | flags serious INCIDENT --reason TEXT"""
    from duban.core.errors import UsageError
    from duban.core.flags import committee_findings, evaluate_flags, flag_rules, level_label

    if args.decision == "rules":
        return _flag_rules(ctx)
    record, as_of = _load(ctx)
    if args.decision in ("confirm", "dismiss"):
        return _decide(ctx, record, as_of, args)
    if args.decision == "serious":
        return _judge(ctx, as_of, args)
    if args.decision == "notice":
        return _notice(ctx, record, as_of, args)
    if args.flag:
        raise UsageError(t("flags_usage"))
    if args.unit:
        from duban.core import validate

        args.unit = validate.unit(record, args.unit)
    if args.level:
        from duban.core import names

        unknown = t("unknown_level", level=args.level, levels="/".join(map(level_label, LEVEL_CHOICES)))
        args.level = names.resolve(args.level, names.worded_choices(LEVEL_CHOICES, "lvl_"), unknown)
    chosen = [
        f
        for f in evaluate_flags(ctx.ws.registry, record, as_of)
        if (not args.level or f.level == args.level)
        and (not args.open or f.state == "open")
        and (not args.unit or f.unit == args.unit)
    ]
    # The committee does not judge itself: what the rules find about it goes to the coordination body.
    for_body = [f for f in committee_findings(ctx.ws.registry, record, as_of) if not args.unit or f.unit == args.unit]
    if ctx.json:
        emit_json(
            {
                "as_of": as_of.isoformat(),
                "flags": [flag_json(record, f) for f in chosen],
                "for_coordination_body": [
                    {"unit": f.unit, "rule": f.rule, "evidence": [e.text for e in f.evidence]} for f in for_body
                ],
            }
        )
        return 0
    rules = flag_rules(ctx.ws.registry)
    print(_flag_table(record, chosen, rules))
    print(t("cli_flags_as", chosen_count=len(chosen), as_of=as_of))
    if for_body:
        from duban.core.flags import rule_label

        print("\n" + wrap(t("flags_for_body", unit=record.label(for_body[0].unit))))
        for f in for_body:
            facts = " | ".join(e.text for e in f.evidence)
            print(wrap(clean(t("flags_body_line", rule=rule_label(rules, f.rule), facts=facts))))
    return 0


def _decide(ctx, record, as_of, args) -> int:
    from duban.core.errors import UsageError
    from duban.core.flags import Decision, decide, decision_label, noticeable, order_text

    if not args.flag:
        raise UsageError(t("flags_usage"))
    decision = {"confirm": "confirmed", "dismiss": "dismissed"}[args.decision]
    ruling = Decision(decision, args.reason or "", as_of, ctx.author(), args.order, args.due)
    f = decide(ctx.ws, args.flag, ruling, revise=args.revise)
    if ctx.json:
        emit_json(flag_json(record, f))
        return 0
    print(t("decision_done", flag=f.id, decision=decision_label(f), reason=clean(f.reason)))
    if f.order:
        print(clean(order_text(f)))
    if noticeable(f):
        print(t("notice_hint", flag=f.id))
    return 0


def _judge(ctx, as_of, args) -> int:
    from duban.core.errors import UsageError
    from duban.core.flags import judge_incident

    if not args.flag:
        raise UsageError(t("flags_usage"))
    mark = judge_incident(ctx.ws, args.flag, not args.not_serious, args.reason or "", as_of, ctx.author())
    if ctx.json:
        emit_json(mark)
        return 0
    judgement = t("judged_serious" if mark["serious"] else "judged_not_serious")
    print(t("serious_done", incident=mark["incident"], judgement=judgement, reason=clean(mark["reason"])))
    return 0


def _notice(ctx, record, as_of, args) -> int:
    from duban.core.errors import UsageError

    if not args.flag or not args.out:
        raise UsageError(t("flags_usage"))
    from duban.reports.notice import write_notice

    path = write_notice(ctx.ws.registry, record, args.flag, as_of, args.out)
    if ctx.json:
        emit_json({"flag": args.flag, "path": str(path)})
        return 0
    print(t("notice_done", path=path))
    return 0


def _flag_rules(ctx) -> int:
    """Every flag rule in words, with its thresholds as the plan sets them (readings, 本系统解读)."""
    from duban.core.flags import flag_rules, flag_settings, rules_in_words

    record = ctx.ws.record(texts=False)
    if ctx.json:
        settings = flag_settings(record)
        emit_json(
            {
                "rules": [
                    {
                        "key": r.key,
                        "name": pick(r.name, r.name_en),
                        "looks_at": pick(r.looks_at, r.looks_at_en),
                        "settings": {k: settings.get(k) for k in r.settings},
                        "basis": r.basis,
                    }
                    for r in flag_rules(ctx.ws.registry)
                ]
            }
        )
        return 0
    print(t("rules_head"))
    for name, lines in rules_in_words(ctx.ws.registry, record):
        print(f"\n■ {name}")
        for line in lines:
            print(f"  {line}")
    return 0
