"""Workbook commands: meeting, report, template, import, rollup (openpyxl is imported only in handlers)."""
from __future__ import annotations

from core.errors import DubanError, UsageError
from core.i18n import pick, register_messages, t

from .output import emit_json, table

register_messages({
    "report_written": ("已生成报告 {path}（{period}，截至 {as_of}）", "wrote the report {path} ({period}, as of {as_of})"),
    "out_required": ("需要 --out FILE.xlsx", "--out FILE.xlsx is required"),
    "out_not_xlsx": ("输出文件 {path} 应以 .xlsx 结尾", "the output file {path} must end in .xlsx"),
    "cannot_write": ("无法写入 {path}：{problem}", "cannot write {path}: {problem}"),
})


def register(sub, common) -> None:
    """Add meeting and report."""
    from .main import date_arg
    p = sub.add_parser("meeting", parents=[common], help="put a meeting of the leading group on record")
    p.add_argument("--date", metavar="DATE", type=date_arg, required=True, help="day of the meeting")
    p.add_argument("--topics", metavar="TEXT", required=True, help="what the meeting studied and decided")
    p.add_argument("--chair", metavar="NAME", default="", help="who chaired it (a government leader)")
    p.add_argument("--by", metavar="NAME", help="who records it (default: your login)")
    p.set_defaults(handler=meeting)
    p = sub.add_parser("report", parents=[common], help="write the summary table and accountability report (.xlsx)")
    p.add_argument("--period", metavar="P", help="a reporting milestone (R1, R2, R3 or its date) or a quarter (2020-Q3)")
    p.add_argument("--unit-name", metavar="NAME", help="the reporting county (default: from the plan)")
    p.add_argument("--out", metavar="FILE.xlsx", help="where to write the workbook")
    p.add_argument("--schedule", action="store_true", help="list which reports fall due when")
    p.set_defaults(handler=report)


def _out_path(args):
    from pathlib import Path
    if not args.out:
        raise UsageError(t("out_required"))
    path = Path(args.out)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(t("out_not_xlsx", path=path))
    return path


def save_workbook(wb, path) -> None:
    """Save a workbook, turning a file-system failure into a one-line error."""
    from reports.report import save
    try:
        save(wb, path)
    except OSError as exc:
        raise DubanError(t("cannot_write", path=path, problem=exc.strerror or exc)) from None


def meeting(ctx, args) -> int:
    """duban meeting --date D --topics TEXT"""
    from core.meetings import record_meeting
    from core.record import plan_from_snapshot
    m = record_meeting(ctx.db, plan_from_snapshot, args.date, args.topics, args.chair, ctx.author())
    if ctx.json:
        emit_json({"id": m.id, "date": m.date.isoformat(), "topics": m.topics, "chair": m.chair})
    else:
        print(t("meeting_done", date=m.date, topics=m.topics))
    return 0


def report(ctx, args) -> int:
    """duban report [--period P] --out FILE.xlsx | --schedule"""
    from core.narrative import build_report, schedule
    if args.period and ctx.as_of_override:
        raise UsageError(t("period_and_as_of"))
    record = ctx.ws.record()
    if args.schedule:
        items = schedule(record.plan)
        if ctx.json:
            emit_json([{"due": i.due.isoformat(), "period": i.period.key, "start": i.period.start.isoformat(),
                        "end": i.period.end.isoformat(), "what": i.what} for i in items])
            return 0
        print(table([pick("报送日期", "due"), pick("报告期", "period"), pick("起止", "covers"), pick("报告", "report"),
                     pick("命令", "command")],
                    [[i.due, i.period.label, f"{i.period.start}~{i.period.end}", i.what,
                      f"duban report --period {i.period.key} --out {i.period.key}.xlsx"] for i in items], max_width=60))
        return 0
    path = _out_path(args)
    as_of = ctx.ws.as_of(record, ctx.as_of_override)
    with ctx.db.reading() as snap:
        data = build_report(snap, ctx.ws.plugin_units, ctx.ws.pm, as_of, args.period, args.unit_name)
    from reports.report import build_report_workbook
    save_workbook(build_report_workbook(data), path)
    if ctx.json:
        emit_json({"path": str(path), "period": data.period.key, "as_of": data.as_of.isoformat()})
    else:
        print(t("report_written", path=path, period=data.period.label, as_of=data.as_of))
    return 0
