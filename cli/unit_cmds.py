"""Unit commands: checklist, check, metric, unit, incident, incidents, flags (and the committee's decisions)."""

from __future__ import annotations

from duban.core.i18n import pick, t

from .output import clean, emit_json, pct, table
from .read_cmds import _load

LEVEL_CHOICES = ("commendation", "supervision", "accountability")


def register(sub, common) -> None:
    """Add the unit and committee commands."""
    from .main import date_arg

    p = sub.add_parser("checklist", parents=[common], help="a unit's checklist and what is ticked")
    p.add_argument("unit", metavar="UNIT")
    p.set_defaults(handler=checklist)
    p = sub.add_parser("check", parents=[common], help="tick (or --undo) an item of a unit's checklist")
    p.add_argument("unit", metavar="UNIT")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--note", metavar="TEXT", default="")
    p.add_argument("--evidence", metavar="REF", action="append", default=[], help="evidence reference (repeatable)")
    p.add_argument("--undo", action="store_true", help="untick the item")
    p.add_argument("--date", metavar="DATE", type=date_arg, help="date of the tick (default: the as-of date)")
    p.add_argument("--by", metavar="NAME", help="who ticks (default: your login)")
    p.set_defaults(handler=check)
    p = sub.add_parser("metric", parents=[common], help="enter a value of a unit's metric")
    p.add_argument("unit", metavar="UNIT")
    p.add_argument("metric", metavar="METRIC")
    p.add_argument("value", metavar="VALUE", help="a count, a percent (or done/total), yes/no, or yuan")
    p.add_argument("--date", metavar="DATE", type=date_arg, help="date the value stands for (default: the as-of date)")
    p.add_argument("--note", metavar="TEXT", default="")
    p.add_argument("--by", metavar="NAME", help="who reports (default: your login)")
    p.set_defaults(handler=metric)
    p = sub.add_parser("unit", parents=[common], help="one unit: tasks, duties, checklist, metrics, flags")
    p.add_argument("unit", metavar="UNIT")
    p.set_defaults(handler=unit)
    p = sub.add_parser(
        "incident", parents=[common], help="record an incident (missing person, death, cold or hunger …)"
    )
    p.add_argument(
        "--kind", metavar="KIND", required=True, help="missing | death | cold_hunger | institution | food_drug"
    )
    p.add_argument("--date", metavar="DATE", type=date_arg, required=True, help="day it happened")
    p.add_argument("--note", metavar="TEXT", required=True, help="what happened")
    p.add_argument(
        "--unit", metavar="CODE", help="the unit it counts against (default: the units whose duties cover it)"
    )
    p.add_argument("--reported", metavar="DATE", type=date_arg, help="day it was reported up (default: the same day)")
    p.add_argument("--by", metavar="NAME", help="who records it (default: your login)")
    p.set_defaults(handler=incident)
    sub.add_parser("incidents", parents=[common], help="list recorded incidents").set_defaults(handler=incidents)
    p = sub.add_parser(
        "flags",
        parents=[common],
        help="the committee's flags: suggestions and decisions; `flags confirm|dismiss ID --reason TEXT` rules on"
        " one, `flags rules` explains the rules, `flags notice ID --out FILE` writes a supervision notice,"
        " `flags serious INCIDENT --reason TEXT` judges an incident's consequences serious",
    )
    p.add_argument(
        "decision",
        metavar="confirm|dismiss|rules|notice|serious",
        nargs="?",
        choices=("confirm", "dismiss", "rules", "notice", "serious"),
    )
    p.add_argument("flag", metavar="ID", nargs="?")
    p.add_argument("--level", metavar="LEVEL", choices=LEVEL_CHOICES, help="only flags of this level")
    p.add_argument("--open", action="store_true", help="only open flags (hide resolved ones)")
    p.add_argument("--unit", metavar="CODE", help="only this unit's flags")
    p.add_argument("--reason", metavar="TEXT", help="why the committee confirms or dismisses (required to decide)")
    p.add_argument("--order", metavar="TEXT", default="", help="with confirm: what the unit is ordered to do")
    p.add_argument("--due", metavar="DATE", type=date_arg, help="with --order: the date it must be done by")
    p.add_argument("--revise", action="store_true", help="change an earlier ruling (needs a new reason)")
    p.add_argument("--not-serious", action="store_true", help="with serious: judge the consequences not serious")
    p.add_argument("--out", metavar="FILE", help="with notice: the workbook to write (.xlsx)")
    p.add_argument("--by", metavar="NAME", help="who decides (default: your login)")
    p.set_defaults(handler=flags)


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
        words += pick(f"（{t('fstate_resolved')}）", f" ({t('fstate_resolved')})")
    return words


def _ruling_words(f) -> str:
    """Who ruled when, why, and the order — "already decided by … on …" — or '' for a suggestion."""
    from duban.core.flags import ruling_lines

    return pick("；", "; ").join(ruling_lines(f)) if f.decision else ""


def _checklist_rows(statuses) -> list[list]:
    return [
        [
            "✓" if s.done else "·",
            s.item.id,
            pick(s.item.title, s.item.title_en),
            "、".join(s.item.tasks),
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
            pick("项目", "item"),
            pick("内容", "what"),
            pick("任务", "tasks"),
            pick("日期", "when"),
            pick("勾选人", "by"),
            pick("说明/佐证", "note/evidence"),
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
            pick("填报", "entered") if s.metric.source == "entered" else pick("计算", "computed"),
            s.as_of or "",
        ]
        for s in statuses
    ]
    return table(
        [
            pick("指标", "metric"),
            pick("名称", "name"),
            pick("数值", "value"),
            pick("目标", "target"),
            pick("达标", "met"),
            pick("来源", "source"),
            pick("日期", "as of"),
        ],
        rows,
        max_width=36,
    )


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
    return table(
        [
            pick("编号", "id"),
            pick("单位", "unit"),
            pick("级别", "level"),
            pick("规则", "rule"),
            pick("依据", "evidence"),
            pick("认定", "ruling"),
        ],
        rows,
        max_width=80,
    )


# -- handlers ----------------------------------------------------------------------------------------------


def checklist(ctx, args) -> int:
    """duban checklist UNIT"""
    from duban.core import validate
    from duban.core.checklists import checklist_status

    record, as_of = _load(ctx)
    validate.unit(record, args.unit)
    statuses = checklist_status(ctx.ws.pm, record, args.unit, as_of)
    if ctx.json:
        emit_json({"unit": args.unit, "as_of": as_of.isoformat(), "items": [item_json(s) for s in statuses]})
        return 0
    print(
        f"{record.label(args.unit)} — {pick('工作清单', 'checklist')} "
        f"({sum(s.done for s in statuses)}/{len(statuses)}, {pick('截至', 'as of')} {as_of})"
    )
    print(_checklist_table(statuses))
    return 0


def check(ctx, args) -> int:
    """duban check UNIT ITEM"""
    from duban.core.checklists import tick

    doc = tick(
        ctx.db,
        ctx.ws.pm,
        ctx.ws.plugin_units,
        args.unit,
        args.item,
        ctx.entry_date(),
        undo=args.undo,
        note=args.note,
        evidence=tuple(args.evidence),
        author=ctx.author(),
    )
    print(t("check_done" if doc["done"] else "check_undone", unit=doc["unit"], item=doc["item"]))
    return 0


def metric(ctx, args) -> int:
    """duban metric UNIT METRIC VALUE"""
    from duban.core.metrics import enter_value, find_metric, format_value

    doc = enter_value(
        ctx.db,
        ctx.ws.pm,
        ctx.ws.plugin_units,
        args.unit,
        args.metric,
        args.value,
        ctx.entry_date(),
        author=ctx.author(),
        note=args.note,
    )
    m = find_metric(ctx.ws.pm, ctx.ws.record(), args.unit, args.metric)
    print(
        t("metric_done", unit=doc["unit"], metric=doc["metric"], value=format_value(m, doc["value"]), date=doc["date"])
    )
    return 0


def unit(ctx, args) -> int:
    """duban unit UNIT"""
    from duban.core import validate
    from duban.core.checklists import checklist_status
    from duban.core.flags import evaluate_flags, unit_flag
    from duban.core.metrics import metric_status
    from duban.core.status import all_duty_compliance, all_task_status, state_label

    from .serialize import duty_json, task_json

    record, as_of = _load(ctx)
    code = validate.unit(record, args.unit)
    u = record.unit(code)
    pm = ctx.ws.pm
    tasks = [s for s in all_task_status(record, as_of) if code in s.task.units]
    duties = [c for c in all_duty_compliance(record, as_of) if c.unit == code]
    items = checklist_status(pm, record, code, as_of)
    metrics = metric_status(pm, record, code, as_of)
    flags = [f for f in evaluate_flags(pm, record, as_of) if f.unit == code]
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
                "tasks": [task_json(s) | {"role": "lead" if s.task.lead == code else "co"} for s in tasks],
                "duties": [duty_json(c) for c in duties],
                "checklist": [item_json(s) for s in items],
                "metrics": [metric_json(s) for s in metrics],
                "flags": [flag_json(record, f) for f in flags],
            }
        )
        return 0
    print(f"{pick(u.name, u.name_en)} [{u.code}]  {pick('截至', 'as of')} {as_of}")
    print(f"{pick('当前督办标记', 'Current flag')}: " + (f"{_flag_words(current)} [{current.id}]" if current else "—"))
    print(f"\n{pick('任务', 'Tasks')} ({len(tasks)})")
    print(
        table(
            [
                pick("编号", "id"),
                pick("任务", "task"),
                pick("角色", "role"),
                pick("状态", "status"),
                pick("进度", "done"),
            ],
            [
                [
                    s.task.id,
                    pick(s.task.title, s.task.title_en),
                    pick("牵头", "lead") if s.task.lead == code else pick("配合", "co-owner"),
                    state_label(s.state) + (f" {s.days_overdue}{pick('天', 'd')}" if s.days_overdue else ""),
                    f"{s.percent}%",
                ]
                for s in tasks
            ],
        )
    )
    if duties:
        print(f"\n{pick('常态化职责', 'Recurring duties')}")
        print(
            table(
                [pick("职责", "duty"), pick("应", "due"), pick("实", "logged"), pick("完成率", "rate")],
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
    print(f"\n{pick('工作清单', 'Checklist')} ({sum(s.done for s in items)}/{len(items)})")
    print(_checklist_table(items))
    print(f"\n{pick('指标', 'Metrics')}")
    print(_metric_table(metrics))
    print(f"\n{pick('督办标记', 'Flags')} ({len(flags)})")
    if flags:
        from duban.core.flags import flag_rules

        print(_flag_table(record, flags, flag_rules(pm)))
    return 0


def incident(ctx, args) -> int:
    """duban incident --kind KIND --date D --note TEXT"""
    from duban.core.flags import flag_settings
    from duban.core.incidents import KINDS, record_incident, timeliness

    doc = record_incident(
        ctx.db,
        ctx.ws.plugin_units,
        args.kind,
        args.date,
        args.note,
        unit=args.unit,
        reported=args.reported,
        author=ctx.author(),
    )
    record = ctx.ws.record(texts=False)
    timely = timeliness(doc, flag_settings(record)["report_within_days"])
    print(
        t(
            "incident_done",
            id=doc["id"],
            kind=KINDS[doc["kind"]].label,
            date=doc["date"],
            units=pick("、", ", ").join(record.label(c) for c in doc["units"]) or "—",
            timely=timely,
        )
    )
    return 0


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
            "、".join(record.label(c) for c in j["units"]),
            j["note"],
        ]
        for j in (incident_json(record, d) for d in docs)
    ]
    print(
        table(
            [
                pick("编号", "id"),
                pick("日期", "date"),
                pick("类别", "kind"),
                pick("上报", "reported"),
                pick("用时(天)", "days"),
                pick("计入单位", "counts against"),
                pick("情况", "note"),
            ],
            rows,
            max_width=50,
        )
    )
    return 0


def flags(ctx, args) -> int:
    """duban flags [--level L] | flags confirm|dismiss ID --reason TEXT | flags rules | flags notice ID --out F
    | flags serious INCIDENT --reason TEXT"""
    from duban.core.errors import UsageError
    from duban.core.flags import committee_findings, evaluate_flags, flag_rules

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

        validate.unit(record, args.unit)
    chosen = [
        f
        for f in evaluate_flags(ctx.ws.pm, record, as_of)
        if (not args.level or f.level == args.level)
        and (not args.open or f.state == "open")
        and (not args.unit or f.unit == args.unit)
    ]
    # The committee does not judge itself: what the rules find about it goes to the coordination body.
    for_body = [f for f in committee_findings(ctx.ws.pm, record, as_of) if not args.unit or f.unit == args.unit]
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
    rules = flag_rules(ctx.ws.pm)
    print(_flag_table(record, chosen, rules))
    print(pick(f"共 {len(chosen)} 项（截至 {as_of}）", f"{len(chosen)} flags (as of {as_of})"))
    if for_body:
        from duban.core.flags import rule_label

        print(f"\n{t('flags_for_body', unit=record.label(for_body[0].unit))}")
        for f in for_body:
            print(f"- {rule_label(rules, f.rule)}：" + " | ".join(e.text for e in f.evidence))
    return 0


def _decide(ctx, record, as_of, args) -> int:
    from duban.core.errors import UsageError
    from duban.core.flags import decide, decision_label, order_text

    if not args.flag:
        raise UsageError(t("flags_usage"))
    decision = {"confirm": "confirmed", "dismiss": "dismissed"}[args.decision]
    f = decide(
        ctx.db,
        ctx.ws.pm,
        ctx.ws.plugin_units,
        args.flag,
        decision,
        args.reason or "",
        as_of,
        ctx.author(),
        order=args.order,
        order_due=args.due,
        revise=args.revise,
    )
    if ctx.json:
        emit_json(flag_json(record, f))
        return 0
    print(t("decision_done", flag=f.id, decision=decision_label(f), reason=clean(f.reason)))
    if f.order:
        print(clean(order_text(f)))
    if f.decision == "confirmed" and f.level != "commendation":
        print(t("notice_hint", flag=f.id))
    return 0


def _judge(ctx, as_of, args) -> int:
    from duban.core.errors import UsageError
    from duban.core.flags import judge_incident

    if not args.flag:
        raise UsageError(t("flags_usage"))
    mark = judge_incident(
        ctx.db, ctx.ws.plugin_units, args.flag, not args.not_serious, args.reason or "", as_of, ctx.author()
    )
    judgement = t("judged_serious" if mark["serious"] else "judged_not_serious")
    print(t("serious_done", incident=mark["incident"], judgement=judgement, reason=clean(mark["reason"])))
    return 0


def _notice(ctx, record, as_of, args) -> int:
    from duban.core.errors import UsageError

    if not args.flag or not args.out:
        raise UsageError(t("flags_usage"))
    from duban.reports.notice import write_notice

    path = write_notice(ctx.ws.pm, record, args.flag, as_of, args.out)
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
                    for r in flag_rules(ctx.ws.pm)
                ]
            }
        )
        return 0
    print(t("rules_head"))
    for name, lines in rules_in_words(ctx.ws.pm, record):
        print(f"\n■ {name}")
        for line in lines:
            print(f"  {line}")
    return 0
