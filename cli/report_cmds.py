"""Workbook commands: meeting, report, template, import, rollup (openpyxl is imported only in handlers)."""

from __future__ import annotations

from duban.core.errors import UsageError
from duban.core.i18n import t

from .feedback import TerminalSteps
from .folding import folds_after
from .output import clean, emit_json, paged, table
from .parser import command


def _send_json(s) -> dict:
    """A reporting obligation's state for --json."""
    return {
        "unit": s.milestone.unit,
        "state": s.state,
        "sent_on": s.sent_on.isoformat() if s.sent_on else None,
        "days_overdue": s.days_overdue,
        "copies": list(s.milestone.copies),
        "copies_sent": list(s.copies_sent),
    }


def _send_words(record, s) -> str:
    """民政局 2020-08-19 已报出（按时完成）；通报 2/4 — or its lateness."""
    from duban.core.status import OVERDUE, state_label

    if s.sent_on:
        state = t("send_state_sent", date=s.sent_on, state=state_label(s.state))
    elif s.state == OVERDUE:
        state = t("st_overdue_days", days=s.days_overdue)
    else:
        state = state_label(s.state)
    copies = t("send_state_copies", sent=len(s.copies_sent), total=len(s.milestone.copies))
    return f"{record.label(s.milestone.unit)} {state}；{copies}"


def _send(ctx, args) -> int:
    """duban report --period R1 --send [--copy CODE]…: the plan's report went up, and its copies out."""
    from duban.core.sending import record_send, send_status
    from duban.core.status import state_label

    if not args.period:
        raise UsageError(t("send_nothing", period="--period"))
    doc = record_send(ctx.ws, args.period, up=args.send, copies=tuple(args.copy), **ctx.entry())
    record = ctx.ws.record()
    s = next(
        x for x in send_status(record, ctx.ws.as_of(record, ctx.as_of_override)) if x.milestone.id == doc["milestone"]
    )
    if ctx.json:
        emit_json(_send_json(s))
        return 0
    if doc["up"]:
        print(t("send_recorded", period=doc["milestone"], date=doc["date"], state=state_label(s.state)))
    if doc["copies"]:
        print(
            t(
                "send_copies_recorded",
                period=doc["milestone"],
                copies=t("list_sep").join(record.label(c) for c in doc["copies"]),
            )
        )
    if s.copies_missing:
        print(t("send_copies_left", copies=t("list_sep").join(record.label(c) for c in s.copies_missing)))
    return 0


def register(sub, common) -> None:
    """Add meeting and report."""
    from .main import date_arg

    p = command(sub, "meeting", meeting, parents=[common], help=t("h_put_meeting_leading_group_record"))
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, required=True, help=t("h_day_meeting"))
    p.add_argument("--topics", metavar=t("mv_text"), required=True, help=t("h_what_meeting_studied_decided"))
    p.add_argument("--chair", metavar=t("mv_name"), default="", help=t("h_who_chaired_it_government_leader"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_records_it_default_your_login"))
    command(sub, "meetings", meetings, parents=[common], help=t("h_list_leading_group_s_meetings_record"))
    p = command(sub, "report", report, parents=[common], help=t("h_write_summary_table_accountability_report_xlsx"))
    p.add_argument("--period", metavar=t("mv_p"), help=t("h_reporting_milestone_r1_r2_r3_date"))
    p.add_argument("--unit-name", metavar=t("mv_name"), help=t("h_reporting_county_default_from_plan"))
    p.add_argument("--out", metavar=t("mv_file_xlsx"), help=t("h_where_write_workbook"))
    p.add_argument("--schedule", action="store_true", help=t("h_list_which_reports_fall_due_when"))
    p.add_argument("--send", action="store_true", help=t("h_send"))
    p.add_argument("--copy", metavar=t("mv_code"), action="append", default=[], help=t("h_copy"))
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, help=t("h_date_report_default_as_date"))
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
            [t("cli_date"), t("cli_chair"), t("cli_topics"), t("cli_by_2")],
            [[m.date, m.chair, m.topics, m.author] for m in found],
            max_width=70,
        )
    )
    print(t("cli_meetings", found_count=len(found)))
    return 0


@paged
def report(ctx, args) -> int:
    """duban report [--period P] --out FILE.xlsx | --schedule"""
    from duban.core.narrative import schedule
    from duban.core.sending import send_status

    if args.send or args.copy:
        return _send(ctx, args)
    if args.period and ctx.as_of_override:
        raise UsageError(t("rpt_period_and_as_of"))
    record = ctx.ws.record()
    if args.schedule:
        items = schedule(record.plan)
        sends = {s.milestone.id: s for s in send_status(record, ctx.ws.as_of(record, ctx.as_of_override))}
        if ctx.json:
            emit_json(
                [
                    {
                        "due": i.due.isoformat(),
                        "period": i.period.key,
                        "start": i.period.start.isoformat(),
                        "end": i.period.end.isoformat(),
                        "what": i.what,
                        **(_send_json(sends[i.period.key]) if i.period.key in sends else {}),
                    }
                    for i in items
                ]
            )
            return 0
        print(
            table(
                [
                    t("cli_due_2"),
                    t("cli_period_2"),
                    t("cli_covers"),
                    t("cli_report"),
                    t("cli_status"),
                    t("cli_command"),
                ],
                [
                    [
                        i.due,
                        i.period.label,
                        f"{i.period.start}~{i.period.end}",
                        i.what,
                        _send_words(record, sends[i.period.key]) if i.period.key in sends else "—",
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
    with TerminalSteps(ctx.json) as steps:
        as_of = ctx.ws.as_of(record, ctx.as_of_override)
        data = write_report(ctx.ws, as_of, args.period, args.unit_name, path, steps)
    if ctx.json:
        emit_json({"path": str(path), "period": data.period.key, "as_of": data.as_of.isoformat()})
    # A report as of a day has no period name of its own: say the day once.
    elif data.period.kind == "as_of":
        print(clean(t("rpt_report_written_as_of", path=path, as_of=data.as_of)))
    else:
        print(clean(t("rpt_report_written", path=path, period=data.period.label, as_of=data.as_of)))
    return 0


def register_workbook_commands(sub, common) -> None:
    """Add template, import and rollup."""
    p = command(sub, "template", template, parents=[common], help=t("h_write_unit_s_fill_workbook_xlsx"))
    p.add_argument("unit", metavar=t("mv_unit"), help=t("h_unit_code_see_duban_units"))
    p.add_argument("--out", metavar=t("mv_file_xlsx"), help=t("h_where_write_workbook"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_issues_it_default_your_login"))
    p = command(sub, "import", import_cmd, parents=[common], help=t("h_import_filled_template_all_it_nothing"))
    p.add_argument("file", metavar=t("mv_file_xlsx"), help=t("h_arg_file"))
    p.add_argument("--dry-run", action="store_true", help=t("h_show_what_would_change_write_nothing"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_imports_default_your_login"))
    p.add_argument("--accept-conflicts", action="store_true", help=t("h_accept_conflicts"))
    p = command(sub, "rollup", rollup, parents=[common], help=t("h_roll_several_counties_reports_up_into"))
    p.add_argument("files", metavar=t("mv_file_xlsx"), nargs="+", help=t("h_arg_files"))
    p.add_argument("--unit-name", metavar=t("mv_name"), required=True, help=t("h_filling_unit_city_s_civil_affairs"))
    p.add_argument("--mechanism", metavar=t("mv_text"), default="", help=t("h_rollup_mechanism"))
    p.add_argument("--out", metavar=t("mv_file_xlsx"), help=t("h_where_write_workbook"))


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


@folds_after
def import_cmd(ctx, args) -> int:
    """duban import FILE.xlsx [--dry-run]"""
    import sys

    from duban.reports.importer import ImportRejected, import_file

    try:
        with TerminalSteps(ctx.json) as steps:
            result = import_file(
                ctx.ws,
                args.file,
                ctx.author(),
                dry_run=args.dry_run,
                accept_conflicts=args.accept_conflicts,
                steps=steps,
            )
    except ImportRejected as exc:
        if ctx.json:
            emit_json(
                {
                    "file": exc.plan.file,
                    "unit": exc.plan.unit,
                    "problems": exc.plan.problems,
                    "conflicts": exc.plan.conflicts,
                }
            )
        else:
            for line in exc.plan.problems or exc.plan.conflicts:
                print(clean(line), file=sys.stderr)  # cells quote what the file held
        raise
    if ctx.json:
        emit_json(
            {
                "file": result.file,
                "unit": result.unit,
                "template": result.template,
                "dry_run": args.dry_run,
                "changes": [{"place": c.place, "kind": c.kind, "text": c.text} for c in result.changes],
                "conflicts": result.conflicts,
                "unchanged": result.unchanged,
            }
        )
        return 0
    for line in result.conflicts:
        print(clean(t("rpt_conflict_line", line=line)))
    for change in result.changes:
        print(clean(f"{change.place}  {change.text}"))
    n = len(result.changes)
    if args.dry_run:
        print(t("cli_dry_run_changes_would_be", n=n, unchanged=result.unchanged))
    else:
        print(t("cli_imported_changes_rows_unchanged", unit=result.unit, n=n, unchanged=result.unchanged))
    return 0


def rollup(ctx, args) -> int:
    """duban rollup FILE.xlsx… --unit-name NAME --out FILE.xlsx"""
    from duban.reports.publish import save_checked
    from duban.reports.rollup import build_rollup

    path = _out_path(args)
    wb, n = build_rollup(args.files, args.unit_name, args.mechanism)
    save_checked(wb, path)
    if ctx.json:
        emit_json({"path": str(path), "rows": n})
    else:
        print(clean(t("rpt_rollup_written", n=n, path=path)))
    return 0
