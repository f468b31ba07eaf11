"""Write commands: progress reports and duty logs."""

from __future__ import annotations

from duban.core.i18n import pick, t

from .folding import folds_after
from .output import emit_json
from .parser import command


def register(sub, common) -> None:
    """Add progress and log."""
    from .main import date_arg, positive_int

    p = command(sub, "progress", progress, parents=[common], help=t("h_record_unit_s_progress_report_task"))
    p.add_argument("task", metavar=t("mv_task"), help=t("h_arg_task"))
    p.add_argument("--percent", metavar=t("mv_n"), help=t("h_percent_done_0_100_100_default"))
    p.add_argument("--note", metavar=t("mv_text"), default="", help=t("h_what_was_done"))
    p.add_argument("--done", action="store_true", help=t("h_unit_s_next_open_deadline_met"))
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, help=t("h_date_report_default_as_date"))
    p.add_argument("--unit", metavar=t("mv_code"), help=t("h_reporting_unit_own_part"))
    p.add_argument(
        "--evidence", metavar=t("mv_ref"), action="append", default=[], help=t("h_evidence_reference_repeatable")
    )
    p.add_argument("--step", metavar=t("mv_n"), type=positive_int, help=t("h_step_completed"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_reports_default_your_login"))
    p.add_argument("--lower", action="store_true", help=t("h_lower"))
    _correcting(p, positive_int)
    p = command(sub, "log", log, parents=[common], help=t("h_record_one_performed_occurrence_recurring_duty"))
    p.add_argument("duty", metavar=t("mv_duty"), help=t("h_arg_duty"))
    p.add_argument("--date", metavar=t("mv_date"), type=date_arg, help=t("h_day_performed_default_as_date"))
    p.add_argument("--unit", metavar=t("mv_code"), help=t("h_performing_unit_township_per_township_duties"))
    p.add_argument("--note", metavar=t("mv_text"), default="")
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_performed_it_default_your_login"))
    _correcting(p, positive_int)


def _correcting(p, positive_int) -> None:
    """--corrects ID --reason TEXT: the new entry replaces entry ID, withdrawn in the same write."""
    p.add_argument("--corrects", metavar=t("mv_id"), type=positive_int, help=t("h_corrects"))
    p.add_argument("--reason", metavar=t("mv_text"), help=t("h_corr_reason"))


def _correction(args) -> dict:
    """The correction options checked: --corrects needs a --reason."""
    from duban.core.errors import UsageError

    if args.corrects is not None and not (args.reason or "").strip():
        raise UsageError(t("wd_needs_reason"))
    return {"corrects": args.corrects, "reason": args.reason or ""}


@folds_after
def progress(ctx, args) -> int:
    """duban progress TASK"""
    from duban.core.progress import record_progress

    result = record_progress(
        ctx.ws,
        args.task,
        args.percent,
        unit=args.unit,
        done=args.done,
        note=args.note,
        evidence=tuple(args.evidence),
        step=args.step,
        lower=args.lower,
        **ctx.entry(),
        **_correction(args),
    )
    report = result.report
    if ctx.json:
        from duban.core.codec import to_doc

        emit_json(
            to_doc(report)
            | {
                "id": result.report_id,
                "state_before": result.state_before,
                "state_after": result.state_after,
                "lowered": result.lowered,
                "corrects": result.corrects,
            }
        )
        return 0
    said = (t("progress_lowered") if result.lowered else "") + (
        t("progress_corrected", id=result.corrects) if result.corrects else ""
    )
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
            + said
        )
    else:
        print(t("progress_done", task=report.task, percent=report.percent) + said)
    return 0


@folds_after
def log(ctx, args) -> int:
    """duban log DUTY"""
    from duban.core.dutylog import log_duty

    entry = log_duty(ctx.ws, args.duty, unit=args.unit, note=args.note, **ctx.entry(), **_correction(args))
    if ctx.json:
        from duban.core.codec import to_doc

        emit_json(to_doc(entry))
        return 0
    print(t("log_done", duty=entry.duty, date=entry.date))
    return 0
