"""Read commands: status, tasks, show, audit (and the dashboard entry)."""

from __future__ import annotations

from duban.core.i18n import pick, t

from .output import clean, emit_json, long_lived, note_workday_fallback, paged, pct, table, wrap
from .parser import command


def register(sub, common) -> None:
    """Add status, tasks, show and audit."""
    from .main import positive_int

    command(sub, "status", status, parents=[common], help=t("h_overview_actions_units_overdue_due_soon"))
    p = command(sub, "tasks", tasks, parents=[common], help=t("h_list_tasks_with_filters"))
    p.add_argument("--unit", metavar=t("mv_code"), help=t("h_tasks_unit_own_part"))
    p.add_argument("--action", metavar=t("mv_id"), help=t("h_tasks_one_action_a1_a6"))
    p.add_argument("--overdue", action="store_true", help=t("h_only_tasks_with_overdue_part"))
    p.add_argument("--due-within", metavar=t("mv_n"), type=positive_int, help=t("h_only_tasks_due_within_n_days"))
    p = command(sub, "show", show, parents=[common], help=t("h_one_task_full"))
    p.add_argument("task", metavar=t("mv_task"), help=t("h_arg_task"))
    p = command(sub, "audit", audit, parents=[common], help=t("h_audit_trail_newest_first"))
    p.add_argument("--limit", metavar=t("mv_n"), type=positive_int, default=20)


def _load(ctx, texts: bool = False):
    record = ctx.ws.record(texts)
    return record, ctx.ws.as_of(record, ctx.as_of_override)


def _state(status) -> str:
    from duban.core.status import OVERDUE, state_label

    label = state_label(status.state)
    return f"{label} {status.days_overdue}{t('cli_days_suffix')}" if status.state == OVERDUE else label


@paged
def status(ctx, args) -> int:
    """duban status"""
    from duban.core.flags import flag_label
    from duban.core.overview import overview
    from duban.core.sending import send_status
    from duban.core.status import OVERDUE

    from .serialize import deadline_json, rollup_json

    record, as_of = _load(ctx)
    # The flags first: read back from a kept result, their documents are dropped before the overview's
    # statuses are made, so the two do not add up in memory.
    flag = _current_flags(ctx, record, as_of)
    ov = overview(record, as_of)
    plan = record.plan
    if ctx.json:
        emit_json(
            {
                "plan": {
                    "id": plan.id,
                    "title": pick(plan.title, plan.title_en),
                    "doc_number": plan.doc_number,
                    "period_start": plan.period_start.isoformat(),
                    "period_end": plan.period_end.isoformat(),
                },
                "as_of": as_of.isoformat(),
                "due_soon_days": ov.soon_days,
                "total": rollup_json(ov.total),
                "actions": [
                    {"id": a.id, "title": pick(a.title, a.title_en), **rollup_json(r)}
                    for a, r in zip(plan.actions, ov.actions)
                ],
                "units": [
                    {
                        "code": r.key,
                        "name": record.label(r.key),
                        **rollup_json(r),
                        "flag": flag[r.key]
                        and {
                            "id": flag[r.key].id,
                            "level": flag[r.key].level,
                            "pending": flag[r.key].decision is None,
                            "label": flag_label(flag[r.key]),
                        },
                    }
                    for r in ov.units
                ],
                "overdue": [deadline_json(d) for d in ov.overdue],
                "due_soon": [deadline_json(d) for d in ov.due_soon],
                # The plan's own reports up (R1–R3): civil affairs' deadlines, with their copies.
                "reporting": [
                    {
                        "id": s.milestone.id,
                        "unit": s.milestone.unit,
                        "due": s.milestone.date.isoformat(),
                        "state": s.state,
                        "sent_on": s.sent_on.isoformat() if s.sent_on else None,
                        "days_overdue": s.days_overdue,
                        "copies_missing": list(s.copies_missing),
                    }
                    for s in send_status(record, as_of)
                ],
                "next_milestone": {
                    "id": ov.milestone.id,
                    "date": ov.milestone.date.isoformat(),
                    "title": pick(ov.milestone.title, ov.milestone.title_en),
                    "days_left": (ov.milestone.date - as_of).days,
                }
                if ov.milestone
                else None,
            }
        )
        return 0
    print(wrap(f"{pick(plan.title, plan.title_en)}  {plan.doc_number}"))
    print(
        t(
            "cli_status_summary",
            as_of=as_of,
            tasks=ov.total.tasks,
            done=ov.total.done,
            overdue=ov.total.overdue,
            progress=ov.total.progress,
        )
    )
    if ov.milestone:
        days = (ov.milestone.date - as_of).days
        print(
            wrap(
                t(
                    "cli_next_report_due_days",
                    date=ov.milestone.date,
                    days=days,
                    title=pick(ov.milestone.title, ov.milestone.title_en),
                )
            )
        )
    print()
    heads = [
        t("cli_tasks"),
        t("cli_done"),
        t("cli_active"),
        t("cli_idle"),
        t("st_overdue"),
        t("cli_due_soon"),
        t("cli_progress"),
        t("cli_duties"),
    ]
    print(
        table(
            [t("cli_action_2")] + heads,
            [[f"{a.id} {pick(a.title, a.title_en)}", *_rollup_cells(r)] for a, r in zip(plan.actions, ov.actions)],
            max_width=30,
        )
    )
    print()
    print(
        table(
            [t("cli_unit")] + heads + [t("cli_flag")],
            [
                [record.label(r.key), *_rollup_cells(r), flag_label(flag[r.key]) if flag[r.key] else ""]
                for r in ov.units
            ],
        )
    )
    _deadline_list(record, t("cli_overdue"), ov.overdue)
    _deadline_list(record, t("cli_due_within_days", soon_days=ov.soon_days), ov.due_soon)
    for s in send_status(record, as_of):
        if s.state == OVERDUE:  # a report up not sent by its date is late like any deadline
            print(
                t(
                    "send_late",
                    period=s.milestone.id,
                    unit=record.label(s.milestone.unit),
                    due=s.milestone.date,
                    days=s.days_overdue,
                )
            )
    return 0


def _rollup_cells(r) -> list:
    """The counts and ratios on one action's or unit's row of `duban status`."""
    duty = None if r.duty_ratio is None else 100 * r.duty_ratio
    return [r.tasks, r.done, r.in_progress, r.not_started, r.overdue, r.due_soon, pct(r.progress), pct(duty)]


def _current_flags(ctx, record, as_of) -> dict:
    """Each owner's current flag: the committee's decision, else a suggestion (shown as 待认定), else None."""
    from duban.core.flags import current_flags, evaluate_flags

    current = current_flags(evaluate_flags(ctx.ws.registry, record, as_of, include_resolved=False))
    return {u.code: current.get(u.code) for u in record.owners()}


def _deadline_list(record, title: str, items) -> None:
    print(t("cli_list_heading", title=title, item_count=len(items)))
    if not items:
        return
    rows = []
    for d in items:
        task = record.plan.task(d.task)
        rows.append(
            [
                d.task,
                pick(task.title, task.title_en),
                pick(d.deadline.label, d.deadline.label_en),
                d.due_label(),
                record.label(d.unit),
                f"{d.days_overdue}{t('cli_days_suffix')}" if d.days_overdue else f"{d.days_left}{t('cli_days_suffix')}",
            ]
        )
    print(
        table(
            [
                t("cli_id"),
                t("cli_task"),
                t("cli_deadline"),
                t("cli_due"),
                t("col_unit"),
                t("cli_days"),
            ],
            rows,
        )
    )


@paged
def tasks(ctx, args) -> int:
    """duban tasks"""
    from duban.core import validate
    from duban.core.status import OVERDUE, all_task_status, due_within, parts_label

    from .serialize import part_json, task_json

    record, as_of = ctx.ws.record_as_of(ctx.as_of_override)
    # `is not None`: an empty --unit "$UNSET" is an unknown unit, not "no filter".
    if args.unit is not None:
        args.unit = validate.unit(record, args.unit)
    if args.action is not None and args.action not in {a.id for a in record.plan.actions}:
        from duban.core.errors import DubanError

        raise DubanError(t("unknown_action", action=args.action))
    chosen = []
    for s in all_task_status(record, as_of):
        # With --unit, the unit's own part is what counts: its state, its deadlines.
        mine = s if args.unit is None else s.part(args.unit)
        if mine is None:
            continue
        if args.action is not None and s.task.action != args.action:
            continue
        if args.overdue and not any(p.state == OVERDUE for p in getattr(mine, "parts", (mine,))):
            continue
        if args.due_within and not due_within([mine], as_of, args.due_within):
            continue
        chosen.append((s, mine))
    if args.overdue:
        chosen.sort(key=lambda pair: -pair[1].days_overdue)
    triggered = _triggered_overdue(ctx, record, as_of, args) if args.overdue else []
    if ctx.json:
        from .event_cmds import obligation_json

        emit_json(
            {
                "as_of": as_of.isoformat(),
                "unit": args.unit,
                "tasks": [task_json(s) | ({"part": part_json(m)} if m is not s else {}) for s, m in chosen],
                "triggered": [obligation_json(o) for o in triggered],
            }
        )
        return 0
    rows = []
    for s, mine in chosen:
        nxt = mine.next_open()
        rows.append(
            [
                s.task.id,
                pick(s.task.title, s.task.title_en),
                _state(mine),
                f"{mine.percent}%",
                nxt.due_label() if nxt else "—",
                parts_label(s, record.label),
            ]
        )
    print(
        table(
            [
                t("cli_id"),
                t("cli_task"),
                t("cli_status"),
                t("cli_done_2"),
                t("cli_next_due"),
                t("col_parts"),
            ],
            rows,
            max_width=60,
        )
    )
    print(t("cli_tasks_as", row_count=len(rows), as_of=as_of))
    if triggered:
        print(f"\n{t('triggered_overdue', count=len(triggered))}")
        print(
            table(
                [t("cli_id"), t("cli_task"), t("col_case"), t("col_unit"), t("cli_due"), t("cli_days")],
                [
                    [
                        o.trigger.id,
                        pick(o.trigger.title, o.trigger.title_en)
                        + (f"（{t('reading_mark')}）" if o.trigger.reading else ""),
                        o.case,
                        record.label(o.unit),
                        o.due,
                        f"{o.days_overdue}{t('cli_days_suffix')}",
                    ]
                    for o in triggered
                ],
                max_width=40,
            )
        )
    return 0


def _triggered_overdue(ctx, record, as_of, args) -> list:
    """Overdue obligations that events started, filtered like the tasks, longest overdue first."""
    from duban.core.status import OVERDUE
    from duban.core.triggers import obligation_status

    # The events are not in the light record status reads: only they are read, not the whole record again.
    found = [
        o
        for o in obligation_status(ctx.ws.with_logs(record, ("events", "fulfilments")), as_of)
        if o.state == OVERDUE
        and (args.unit is None or o.unit == args.unit)
        and (args.action is None or record.plan.task(o.trigger.task).action == args.action)
    ]
    return sorted(found, key=lambda o: (-o.days_overdue, o.trigger.id, o.case))


@paged
def show(ctx, args) -> int:
    """duban show TASK"""
    import datetime as dt

    from duban.core import validate
    from duban.core.progress import REPORT_HEADS
    from duban.core.status import frequency_label, state_label, status_of

    from .serialize import duty_plan_json, task_json

    record, as_of = ctx.ws.record_of_task(args.task, ctx.as_of_override)
    gone = record.retired("task", args.task) if record.plan.task(args.task) is None else None
    if gone is not None:
        # A retired task is shown as it stood the day before its amendment, its record whole.
        as_of = min(as_of, dt.date.fromisoformat(gone["effective"]) - dt.timedelta(days=1))
        record.in_force(as_of)
        gone["before"] = as_of.isoformat()
    task = validate.task(record, args.task)
    s = status_of(record, task, as_of)
    with ctx.db.reading() as snap:
        from duban.core.folds import WITHDRAWALS

        reports = snap.log_docs_of("progress", "task", task.id)
        withdrawn = {d["entry"]: d for d in snap.all(WITHDRAWALS) if d["log"] == "progress"}
    reports.sort(key=lambda r: (r["date"], r["id"]))
    duties = [d for d in record.plan.duties if d.task == task.id]
    if ctx.json:
        emit_json(
            {
                **task_json(s),
                "as_of": as_of.isoformat(),
                "text": task.text,
                "duties": [duty_plan_json(d, record.duty_units(d)) for d in duties],
                "reports": [
                    r | ({"withdrawn": withdrawn[r["id"]]["reason"]} if r["id"] in withdrawn else {}) for r in reports
                ],
                **({"retired": gone} if gone else {}),
            }
        )
        return 0
    action = next(a for a in record.plan.actions if a.id == task.action)
    print(f"{task.id} {pick(task.title, task.title_en)}  [{_state(s)} · {s.percent}%]")
    if gone:
        print(clean(t("retired_banner", **gone)))
    print(f"{t('cli_action')}: {action.id} {pick(action.title, action.title_en)}")
    # Everyone with a part, step actors too (the station's step of A4.1), so no one answering is left out.
    print(wrap(f"{t('col_units')}: {t('list_sep').join(record.label(c) for c in task.parties)}"))
    if task.lead:
        print(f"{t('lead_county_choice')}: {record.label(task.lead)}")
    print(f"\n{wrap(clean(task.text))}\n")
    print(
        table(
            [
                t("col_step"),
                t("cli_deadline_2"),
                t("cli_window"),
                t("cli_due"),
                t("col_actors"),
                t("cli_status"),
                t("cli_done_3"),
            ],
            [
                [
                    d.index + 1,
                    pick(d.deadline.label, d.deadline.label_en)
                    + (f"（{t('reading_mark')}）" if d.deadline.reading else ""),
                    d.deadline.start or "",
                    d.due_label(),
                    t("list_sep").join(record.label(c) for c in d.deadline.actors) or t("col_every_unit"),
                    state_label(d.state) + (f" {d.days_overdue}{t('cli_days_suffix')}" if d.days_overdue else ""),
                    d.done_on or "",
                ]
                for d in s.deadlines
            ],
        )
    )
    for d in s.deadlines:
        if d.deadline.reading:
            print(f"  {d.index + 1}. {t('reading_of', text=d.deadline.reading)}")
    print(f"\n{t('col_parts')}")
    print(
        table(
            [t("col_unit"), t("col_step"), t("cli_due"), t("cli_status"), t("cli_done_3")],
            [
                [
                    record.label(p.unit),
                    d.index + 1,
                    d.due_label(),
                    state_label(d.state) + (f" {d.days_overdue}{t('cli_days_suffix')}" if d.days_overdue else ""),
                    d.done_on or "",
                ]
                for p in s.parts
                for d in p.deadlines
            ],
        )
    )
    if duties:
        print()
        print(
            table(
                [
                    t("cli_recurring_duty"),
                    t("cli_frequency"),
                    t("cli_period"),
                    t("cli_owner"),
                ],
                [
                    [
                        f"{d.id} {pick(d.title, d.title_en)}",
                        frequency_label(d) + (f"（{t('reading_mark')}）" if d.reading else ""),
                        f"{d.start}~{d.end}",
                        t("list_sep").join(record.label(c) for c in record.duty_units(d)),
                    ]
                    for d in duties
                ],
            )
        )
    print(t("cli_list_heading", title=t("cli_progress_reports"), item_count=len(reports)))
    if reports:
        print(
            table(
                [t("cli_id"), *(t(key) for key in REPORT_HEADS)],
                [
                    [
                        r["id"],
                        r["date"],
                        record.label(r["unit"]),
                        f"{r['percent']}%",
                        r["note"]
                        + (f"（{t('wd_mark', reason=withdrawn[r['id']]['reason'])}）" if r["id"] in withdrawn else ""),
                        "; ".join(r.get("evidence", [])),
                        r.get("author", ""),
                    ]
                    for r in reports
                ],
                max_width=50,
            )
        )
    note_workday_fallback()
    return 0


@paged
def audit(ctx, args) -> int:
    """duban audit"""
    with ctx.db.reading() as snap:
        entries = snap.log_last("audit", args.limit)[::-1]
    if ctx.json:
        emit_json(entries)
        return 0
    import json

    print(
        table(
            [
                t("cli_id"),
                t("cli_when"),
                t("cli_who"),
                t("cli_what"),
                t("cli_target"),
                t("cli_after"),
            ],
            [
                [
                    e["id"],
                    e["at"][:19],
                    e["who"],
                    e["what"],
                    e["target"],
                    json.dumps(e.get("after"), ensure_ascii=False),
                ]
                for e in entries
            ],
            max_width=60,
        )
    )
    return 0


@long_lived
def dashboard(ctx, args) -> int:
    """duban with no subcommand: the Textual dashboard in a terminal; the status text when piped or with --json."""
    import sys

    if ctx.json or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return status(ctx, args)
    from duban.tui.app import make_app

    make_app(ctx.ws, ctx.as_of_override, getattr(args, "lang", None), author=ctx.author()).run()
    return 0
