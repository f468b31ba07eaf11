"""Write commands: progress reports and duty logs."""

from __future__ import annotations

from duban.core.i18n import pick, t


def register(sub, common) -> None:
    """Add progress and log."""
    from .main import date_arg, positive_int

    p = sub.add_parser("progress", parents=[common], help="record a unit's progress report on a task")
    p.add_argument("task", metavar="TASK")
    p.add_argument(
        "--percent", metavar="N", help="percent done, 0–100 (100 by default with --done on the last deadline)"
    )
    p.add_argument("--note", metavar="TEXT", default="", help="what was done")
    p.add_argument("--done", action="store_true", help="the unit's next open deadline (or --step) is met")
    p.add_argument("--step", metavar="N", type=positive_int, help="with --done: the step (deadline number) completed")
    p.add_argument("--date", metavar="DATE", type=date_arg, help="date of the report (default: the as-of date)")
    p.add_argument("--unit", metavar="CODE", help="reporting unit: its own part (needed when the task has several)")
    p.add_argument("--evidence", metavar="REF", action="append", default=[], help="evidence reference (repeatable)")
    p.add_argument("--by", metavar="NAME", help="who reports (default: your login)")
    p.set_defaults(handler=progress)
    p = sub.add_parser("log", parents=[common], help="record one performed occurrence of a recurring duty")
    p.add_argument("duty", metavar="DUTY")
    p.add_argument("--date", metavar="DATE", type=date_arg, help="day performed (default: the as-of date)")
    p.add_argument("--unit", metavar="CODE", help="performing unit (a township for per-township duties)")
    p.add_argument("--note", metavar="TEXT", default="")
    p.add_argument("--by", metavar="NAME", help="who performed it (default: your login)")
    p.set_defaults(handler=log)


def progress(ctx, args) -> int:
    """duban progress TASK"""
    from duban.core.progress import record_progress

    result = record_progress(
        ctx.db,
        ctx.ws.plugin_units,
        args.task,
        args.percent,
        ctx.entry_date(),
        unit=args.unit,
        done=args.done,
        note=args.note,
        evidence=tuple(args.evidence),
        author=ctx.author(),
        step=args.step,
    )
    report = result.report
    if report.done_deadline is not None:
        record = ctx.ws.record()
        deadline = record.plan.task(report.task).deadlines[report.done_deadline]
        print(
            t(
                "progress_done_deadline",
                task=report.task,
                percent=report.percent,
                due=f"{pick(deadline.label, deadline.label_en)} {deadline.due or ''}".strip(),
            )
        )
    else:
        print(t("progress_done", task=report.task, percent=report.percent))
    return 0


def log(ctx, args) -> int:
    """duban log DUTY"""
    from duban.core.dutylog import log_duty

    entry = log_duty(
        ctx.db, ctx.ws.plugin_units, args.duty, ctx.entry_date(), unit=args.unit, author=ctx.author(), note=args.note
    )
    print(t("log_done", duty=entry.duty, date=entry.date))
    return 0
