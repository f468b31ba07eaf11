"""Read commands: status, tasks, show, audit (and the dashboard entry)."""

from __future__ import annotations

from duban.core.i18n import pick, t

from .output import clean, emit_json, pct, table


def register(sub, common) -> None:
    """Add status, tasks, show and audit."""
    from .main import positive_int

    sub.add_parser(
        "status", parents=[common], help="overview: actions, units, overdue and due-soon lists"
    ).set_defaults(handler=status)
    p = sub.add_parser("tasks", parents=[common], help="list tasks, with filters")
    p.add_argument("--unit", metavar="CODE", help="tasks this unit leads or co-owns")
    p.add_argument("--action", metavar="ID", help="tasks of one action (A1–A6)")
    p.add_argument("--overdue", action="store_true", help="only tasks with an overdue deadline")
    p.add_argument("--due-within", metavar="N", type=positive_int, help="only tasks due within N days")
    p.set_defaults(handler=tasks)
    p = sub.add_parser("show", parents=[common], help="one task in full")
    p.add_argument("task", metavar="TASK")
    p.set_defaults(handler=show)
    p = sub.add_parser("audit", parents=[common], help="the audit trail, newest first")
    p.add_argument("--limit", metavar="N", type=positive_int, default=20)
    p.set_defaults(handler=audit)


def _load(ctx, texts: bool = False):
    record = ctx.ws.record(texts)
    return record, ctx.ws.as_of(record, ctx.as_of_override)


def _state(status) -> str:
    from duban.core.status import OVERDUE, state_label

    label = state_label(status.state)
    return f"{label} {status.days_overdue}{pick('天', 'd')}" if status.state == OVERDUE else label


def status(ctx, args) -> int:
    """duban status"""
    from duban.core.flags import flag_label
    from duban.core.overview import overview

    from .serialize import deadline_json, rollup_json

    record, as_of = _load(ctx)
    ov = overview(record, as_of)
    plan = record.plan
    flag = _current_flags(ctx, record, as_of)
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
    print(f"{pick(plan.title, plan.title_en)}  {plan.doc_number}")
    print(
        pick(
            f"截至 {as_of}：{ov.total.tasks} 项任务，完成 {ov.total.done}，逾期 {ov.total.overdue}，平均进度 {ov.total.progress:.0f}%",
            f"As of {as_of}: {ov.total.tasks} tasks, {ov.total.done} done, {ov.total.overdue} overdue, "
            f"average progress {ov.total.progress:.0f}%",
        )
    )
    if ov.milestone:
        days = (ov.milestone.date - as_of).days
        print(
            pick(
                f"下一报送节点：{ov.milestone.date}（还有 {days} 天）{ov.milestone.title}",
                f"Next report due: {ov.milestone.date} (in {days} days) {ov.milestone.title_en}",
            )
        )
    print()
    heads = [
        pick("任务", "tasks"),
        pick("完成", "done"),
        pick("进行中", "active"),
        pick("未开始", "idle"),
        pick("逾期", "overdue"),
        pick("14天内到期", "due soon"),
        pick("平均进度", "progress"),
        pick("常态职责", "duties"),
    ]
    print(
        table(
            [pick("行动", "action")] + heads,
            [
                [
                    f"{a.id} {pick(a.title, a.title_en)}",
                    r.tasks,
                    r.done,
                    r.in_progress,
                    r.not_started,
                    r.overdue,
                    r.due_soon,
                    pct(r.progress),
                    pct(None if r.duty_ratio is None else 100 * r.duty_ratio),
                ]
                for a, r in zip(plan.actions, ov.actions)
            ],
            max_width=30,
        )
    )
    print()
    print(
        table(
            [pick("单位", "unit")] + heads + [pick("督办", "flag")],
            [
                [
                    record.label(r.key),
                    r.tasks,
                    r.done,
                    r.in_progress,
                    r.not_started,
                    r.overdue,
                    r.due_soon,
                    pct(r.progress),
                    pct(None if r.duty_ratio is None else 100 * r.duty_ratio),
                    flag_label(flag[r.key]) if flag[r.key] else "",
                ]
                for r in ov.units
            ],
        )
    )
    _deadline_list(record, pick("逾期事项", "Overdue"), ov.overdue)
    _deadline_list(record, pick(f"{ov.soon_days} 天内到期", f"Due within {ov.soon_days} days"), ov.due_soon)
    return 0


def _current_flags(ctx, record, as_of) -> dict:
    """Each owner's current flag: the committee's decision, else a suggestion (shown as 待认定), else None."""
    from duban.core.flags import evaluate_flags, unit_flag

    flags = evaluate_flags(ctx.ws.pm, record, as_of, include_resolved=False)
    return {u.code: unit_flag(flags, u.code) for u in record.owners()}


def _deadline_list(record, title: str, items) -> None:
    print(pick(f"\n{title}（{len(items)}）", f"\n{title} ({len(items)})"))
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
                d.deadline.due,
                record.label(task.lead),
                f"{d.days_overdue}{pick('天', 'd')}" if d.days_overdue else f"{d.days_left}{pick('天', 'd')}",
            ]
        )
    print(
        table(
            [
                pick("编号", "id"),
                pick("任务", "task"),
                pick("节点", "deadline"),
                pick("截止", "due"),
                pick("牵头", "lead"),
                pick("天数", "days"),
            ],
            rows,
        )
    )


def tasks(ctx, args) -> int:
    """duban tasks"""
    from duban.core import validate
    from duban.core.status import OVERDUE, all_task_status

    from .serialize import task_json

    record, as_of = ctx.ws.record_as_of(ctx.as_of_override)
    # `is not None`: an empty --unit "$UNSET" is an unknown unit, not "no filter".
    if args.unit is not None:
        validate.unit(record, args.unit)
    if args.action is not None and args.action not in {a.id for a in record.plan.actions}:
        from duban.core.errors import DubanError

        raise DubanError(t("unknown_action", action=args.action))
    chosen = []
    for s in all_task_status(record, as_of):
        if args.unit is not None and args.unit not in s.task.units:
            continue
        if args.action is not None and s.task.action != args.action:
            continue
        if args.overdue and s.state != OVERDUE:
            continue
        if args.due_within and not any(
            d.done_on is None and d.days_left is not None and d.days_left <= args.due_within for d in s.deadlines
        ):
            continue
        chosen.append(s)
    if args.overdue:
        chosen.sort(key=lambda s: -s.days_overdue)
    if ctx.json:
        emit_json({"as_of": as_of.isoformat(), "tasks": [task_json(s) for s in chosen]})
        return 0
    rows = []
    for s in chosen:
        nxt = s.next_open()
        rows.append(
            [
                s.task.id,
                pick(s.task.title, s.task.title_en),
                record.label(s.task.lead),
                _state(s),
                f"{s.percent}%",
                nxt.deadline.due if nxt else "—",
            ]
        )
    print(
        table(
            [
                pick("编号", "id"),
                pick("任务", "task"),
                pick("牵头", "lead"),
                pick("状态", "status"),
                pick("进度", "done"),
                pick("下一截止", "next due"),
            ],
            rows,
        )
    )
    print(pick(f"共 {len(rows)} 项（截至 {as_of}）", f"{len(rows)} tasks (as of {as_of})"))
    return 0


def show(ctx, args) -> int:
    """duban show TASK"""
    from duban.core import validate
    from duban.core.status import frequency_label, state_label, task_status

    from .serialize import task_json

    record, as_of = _load(ctx, texts=True)
    task = validate.task(record, args.task)
    s = task_status(task, record.history.get(task.id, []), as_of)
    with ctx.db.reading() as snap:
        from tinydb import Query

        reports = sorted(snap.table("progress").search(Query().task == task.id), key=lambda r: (r["date"], r["id"]))
    duties = [d for d in record.plan.duties if d.task == task.id]
    if ctx.json:
        emit_json(
            {
                **task_json(s),
                "as_of": as_of.isoformat(),
                "text": task.text,
                "duties": [
                    {
                        "id": d.id,
                        "title": pick(d.title, d.title_en),
                        "freq": d.freq,
                        "interval": d.interval,
                        "start": d.start.isoformat(),
                        "end": d.end.isoformat(),
                        "owner": d.owner,
                    }
                    for d in duties
                ],
                "reports": reports,
            }
        )
        return 0
    action = next(a for a in record.plan.actions if a.id == task.action)
    print(f"{task.id} {pick(task.title, task.title_en)}  [{_state(s)} · {s.percent}%]")
    print(f"{pick('行动', 'Action')}: {action.id} {pick(action.title, action.title_en)}")
    print(f"{pick('牵头单位', 'Lead')}: {record.label(task.lead)}")
    if task.co:
        print(f"{pick('责任单位', 'Co-owners')}: {'、'.join(record.label(c) for c in task.co)}")
    print(f"\n{clean(task.text)}\n")
    print(
        table(
            [
                pick("截止节点", "deadline"),
                pick("窗口", "window"),
                pick("截止", "due"),
                pick("状态", "status"),
                pick("完成日期", "done on"),
            ],
            [
                [
                    pick(d.deadline.label, d.deadline.label_en),
                    d.deadline.start or "",
                    d.deadline.due,
                    state_label(d.state) + (f" {d.days_overdue}{pick('天', 'd')}" if d.days_overdue else ""),
                    d.done_on or "",
                ]
                for d in s.deadlines
            ],
        )
    )
    if duties:
        print()
        print(
            table(
                [
                    pick("常态化职责", "recurring duty"),
                    pick("频次", "frequency"),
                    pick("起止", "period"),
                    pick("责任单位", "owner"),
                ],
                [
                    [
                        f"{d.id} {pick(d.title, d.title_en)}",
                        frequency_label(d),
                        f"{d.start}~{d.end}",
                        record.label(d.owner),
                    ]
                    for d in duties
                ],
            )
        )
    print(f"\n{pick('进度报告', 'Progress reports')}（{len(reports)}）")
    if reports:
        print(
            table(
                [
                    pick("日期", "date"),
                    pick("单位", "unit"),
                    pick("进度", "pct"),
                    pick("说明", "note"),
                    pick("佐证", "evidence"),
                    pick("报告人", "by"),
                ],
                [
                    [
                        r["date"],
                        record.label(r["unit"]),
                        f"{r['percent']}%",
                        r["note"],
                        "; ".join(r.get("evidence", [])),
                        r.get("author", ""),
                    ]
                    for r in reports
                ],
                max_width=50,
            )
        )
    return 0


def audit(ctx, args) -> int:
    """duban audit"""
    with ctx.db.reading() as snap:
        entries = sorted(snap.all("audit"), key=lambda e: e["id"], reverse=True)[: args.limit]
    if ctx.json:
        emit_json(entries)
        return 0
    import json

    print(
        table(
            [
                pick("编号", "id"),
                pick("时间", "when"),
                pick("操作人", "who"),
                pick("操作", "what"),
                pick("对象", "target"),
                pick("变更后", "after"),
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


def dashboard(ctx, args) -> int:
    """duban with no subcommand: the Textual dashboard in a terminal; the status text when piped or with --json."""
    import sys

    if ctx.json or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return status(ctx, args)
    from duban.tui.app import make_app

    make_app(ctx.ws, ctx.as_of_override, getattr(args, "lang", None), author=ctx.author()).run()
    return 0
