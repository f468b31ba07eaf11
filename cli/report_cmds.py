"""Workbook commands: meeting, report, template, import, rollup (openpyxl is imported only in handlers)."""

from __future__ import annotations

from duban.core.errors import UsageError
from duban.core.i18n import pick, t

from .output import clean, emit_json, table


def register(sub, common) -> None:
    """Add meeting and report."""
    from .main import date_arg

    p = sub.add_parser("meeting", parents=[common], help="put a meeting of the leading group on record")
    p.add_argument("--date", metavar="DATE", type=date_arg, required=True, help="day of the meeting")
    p.add_argument("--topics", metavar="TEXT", required=True, help="what the meeting studied and decided")
    p.add_argument("--chair", metavar="NAME", default="", help="who chaired it (a government leader)")
    p.add_argument("--by", metavar="NAME", help="who records it (default: your login)")
    p.set_defaults(handler=meeting)
    sub.add_parser("meetings", parents=[common], help="list the leading group's meetings on record").set_defaults(
        handler=meetings
    )
    p = sub.add_parser("report", parents=[common], help="write the summary table and accountability report (.xlsx)")
    p.add_argument(
        "--period", metavar="P", help="a reporting milestone (R1, R2, R3 or its date) or a quarter (2020-Q3)"
    )
    p.add_argument("--unit-name", metavar="NAME", help="the reporting county (default: from the plan)")
    p.add_argument("--out", metavar="FILE.xlsx", help="where to write the workbook")
    p.add_argument("--schedule", action="store_true", help="list which reports fall due when")
    p.set_defaults(handler=report)
    register_workbook_commands(sub, common)


def _out_path(args):
    from pathlib import Path

    if not args.out:
        raise UsageError(t("rpt_out_required"))
    path = Path(args.out)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(t("rpt_out_not_xlsx", path=path))
    return path


def meeting(ctx, args) -> int:
    """duban meeting --date D --topics TEXT"""
    from duban.core.meetings import record_meeting
    from duban.core.record import plan_from_snapshot

    m = record_meeting(ctx.db, plan_from_snapshot, args.date, args.topics, args.chair, ctx.author())
    if ctx.json:
        emit_json({"id": m.id, "date": m.date.isoformat(), "topics": m.topics, "chair": m.chair})
    else:
        print(clean(t("rpt_meeting_done", date=m.date, topics=m.topics)))
    return 0


def meetings(ctx, args) -> int:
    """duban meetings"""
    from duban.core.meetings import meetings as on_record

    with ctx.db.reading() as snap:
        found = on_record(snap)
    if ctx.json:
        emit_json(
            [
                {"id": m.id, "date": m.date.isoformat(), "topics": m.topics, "chair": m.chair, "by": m.author}
                for m in found
            ]
        )
        return 0
    print(
        table(
            [pick("日期", "date"), pick("主持", "chair"), pick("研究事项", "topics"), pick("记录人", "by")],
            [[m.date, m.chair, m.topics, m.author] for m in found],
            max_width=70,
        )
    )
    print(pick(f"共 {len(found)} 次会议", f"{len(found)} meetings"))
    return 0


def report(ctx, args) -> int:
    """duban report [--period P] --out FILE.xlsx | --schedule"""
    from duban.core.narrative import schedule

    if args.period and ctx.as_of_override:
        raise UsageError(t("rpt_period_and_as_of"))
    record = ctx.ws.record()
    if args.schedule:
        items = schedule(record.plan)
        if ctx.json:
            emit_json(
                [
                    {
                        "due": i.due.isoformat(),
                        "period": i.period.key,
                        "start": i.period.start.isoformat(),
                        "end": i.period.end.isoformat(),
                        "what": i.what,
                    }
                    for i in items
                ]
            )
            return 0
        print(
            table(
                [
                    pick("报送日期", "due"),
                    pick("报告期", "period"),
                    pick("起止", "covers"),
                    pick("报告", "report"),
                    pick("命令", "command"),
                ],
                [
                    [
                        i.due,
                        i.period.label,
                        f"{i.period.start}~{i.period.end}",
                        i.what,
                        f"duban report --period {i.period.key} --out {i.period.key}.xlsx",
                    ]
                    for i in items
                ],
                max_width=60,
            )
        )
        return 0
    from duban.reports.publish import write_report

    path = _out_path(args)
    data = write_report(ctx.ws, ctx.ws.as_of(record, ctx.as_of_override), args.period, args.unit_name, path)
    if ctx.json:
        emit_json({"path": str(path), "period": data.period.key, "as_of": data.as_of.isoformat()})
    else:
        print(clean(t("rpt_report_written", path=path, period=data.period.label, as_of=data.as_of)))
    return 0


def register_workbook_commands(sub, common) -> None:
    """Add template, import and rollup."""
    p = sub.add_parser("template", parents=[common], help="write a unit's fill-in workbook (.xlsx)")
    p.add_argument("unit", metavar="UNIT", help="unit code (see duban units)")
    p.add_argument("--out", metavar="FILE.xlsx", help="where to write the workbook")
    p.add_argument("--by", metavar="NAME", help="who issues it (default: your login)")
    p.set_defaults(handler=template)
    p = sub.add_parser("import", parents=[common], help="import a filled-in template: all of it or nothing")
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    p.set_defaults(handler=import_cmd)
    p = sub.add_parser("rollup", parents=[common], help="roll several counties' reports up into one summary table")
    p.add_argument("files", metavar="FILE.xlsx", nargs="+")
    p.add_argument(
        "--unit-name", metavar="NAME", required=True, help="the filling unit (the city's civil-affairs bureau)"
    )
    p.add_argument("--out", metavar="FILE.xlsx", help="where to write the workbook")
    p.set_defaults(handler=rollup)


def template(ctx, args) -> int:
    """duban template UNIT --out FILE.xlsx"""
    from duban.reports.publish import issue_template

    path = _out_path(args)
    identity, rows = issue_template(ctx.ws, args.unit, ctx.as_of_override, path, ctx.author())
    if ctx.json:
        emit_json({"path": str(path), **identity, "rows": rows})
    else:
        print(clean(t("rpt_template_registered", unit=args.unit, path=path, template=identity["template"])))
    return 0


def import_cmd(ctx, args) -> int:
    """duban import FILE.xlsx [--dry-run]"""
    import sys

    from duban.reports.importer import ImportRejected, import_file

    try:
        result = import_file(ctx.ws, args.file, dry_run=args.dry_run)
    except ImportRejected as exc:
        if ctx.json:
            emit_json({"file": exc.plan.file, "unit": exc.plan.unit, "problems": exc.plan.problems})
        else:
            for problem in exc.plan.problems:
                print(clean(problem), file=sys.stderr)  # cells quote what the file held
        raise
    if ctx.json:
        emit_json(
            {
                "file": result.file,
                "unit": result.unit,
                "template": result.template,
                "dry_run": args.dry_run,
                "changes": [{"place": c.place, "kind": c.kind, "text": c.text} for c in result.changes],
                "unchanged": result.unchanged,
            }
        )
        return 0
    for change in result.changes:
        print(clean(f"{change.place}  {change.text}"))
    n = len(result.changes)
    if args.dry_run:
        print(
            pick(
                f"演练：将导入 {n} 项变更（{result.unchanged} 行无变化），未写入数据库",
                f"dry run: {n} changes would be imported ({result.unchanged} rows unchanged); nothing written",
            )
        )
    else:
        print(
            pick(
                f"已导入 {result.unit} 的 {n} 项变更（{result.unchanged} 行无变化）",
                f"imported {n} changes for {result.unit} ({result.unchanged} rows unchanged)",
            )
        )
    return 0


def rollup(ctx, args) -> int:
    """duban rollup FILE.xlsx… --unit-name NAME --out FILE.xlsx"""
    from duban.reports.publish import save_checked
    from duban.reports.rollup import build_rollup

    path = _out_path(args)
    wb, n = build_rollup(args.files, args.unit_name)
    save_checked(wb, path)
    if ctx.json:
        emit_json({"path": str(path), "rows": n})
    else:
        print(clean(t("rpt_rollup_written", n=n, path=path)))
    return 0
