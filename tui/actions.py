"""What the user can do beyond a progress report: each asks for what it needs, then runs one core call."""

from __future__ import annotations

from pathlib import Path

from duban.core.dates import day_in_view
from duban.core.errors import DubanError
from duban.core.i18n import pick, t


def _required(value: str) -> None:
    if not value.strip():
        raise DubanError(t("tui_reason_needed"))


def toggle_checklist_item(screen, unit: str, item_id: str | None) -> None:
    """Tick or untick a checklist item, asking for a note (who and when are recorded by core)."""
    app = screen.app
    from duban.core.checklists import checklist_status
    from duban.core.checklists import tick as record_check

    if item_id is None:
        return
    day = app.view.entry_date()  # the item as the table shows it: on the day in view
    status = checklist_status(app.ws.registry, app.view.record, unit, day)
    item = next(s for s in status if s.item.id == item_id)
    from .screens.dialogs import AskDialog

    def answered(note: str | None) -> None:
        if note is None:
            return
        app.write(
            t("tui_checklist", item=pick(item.item.title, item.item.title_en)),
            lambda: record_check(
                app.ws,
                unit,
                item_id,
                day,
                undo=item.done,
                note=note,
                author=app.author,
                in_view=app.view.as_of,
            ),
        )

    title = t("tui_untick_note" if item.done else "tui_tick_note", item=pick(item.item.title, item.item.title_en))
    app.push_screen(AskDialog(title), answered)


def edit_metric(screen, unit: str, metric_id: str | None) -> None:
    """Enter a value for an entered metric; core validates it."""
    app = screen.app
    from duban.core.metrics import enter_value as record_metric

    if metric_id is None:
        return
    from duban.core.metrics import find_metric

    from .screens.dialogs import AskDialog

    found = find_metric(app.ws.registry, app.view.record, unit, metric_id)
    name = pick(found.name, found.name_en)

    def answered(value: str | None) -> None:
        if value:
            day = app.view.entry_date()
            app.write(
                t("tui_metric", metric=name, value=value),
                lambda: record_metric(
                    app.ws,
                    unit,
                    metric_id,
                    value,
                    day,
                    author=app.author,
                    in_view=app.view.as_of,
                ),
            )

    app.push_screen(AskDialog(t("tui_value_metric", metric=name)), answered)


DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed"}


def decide_flag(screen, flag_id: str, decision: str) -> None:
    """Confirm or dismiss a flag with a reason (the reason is required)."""
    app = screen.app
    from duban.core.flags import Decision, decide, noticeable, suggestion_label

    from .screens.dialogs import AskDialog

    shown = app.view.all_flags if app.view.all_flags_ready else app.view.flags
    flag = next((f for f in shown if f.id == flag_id), None)
    unit = app.view.record.label(flag.unit) if flag else flag_id
    level = suggestion_label(flag.level) if flag else ""

    def answered(reason: str | None) -> None:
        if reason:

            def change() -> str | None:
                ruling = Decision(DECISIONS[decision], reason, app.view.as_of, app.author)
                decided = decide(app.ws, flag_id, ruling)
                # After a confirmed 督导 or 问责 the committee's next step is the notice: offer it.
                return t("tui_notice_offer") if noticeable(decided) else None

            app.write(t("tui_flag_decided", unit=unit, level=level, decision=t(f"dec_{DECISIONS[decision]}")), change)

    verb = t(f"tui_{decision}")
    app.push_screen(AskDialog(t("tui_decision_reason", verb=verb, flag=flag_id), check=_required), answered)


def write_notice(app, flag_id: str) -> None:
    """Write the supervision notice (督办通知单) of a confirmed 督导 or 问责 to notice-<id>.xlsx."""
    from pathlib import Path

    from duban.reports.notice import write_notice as write

    path = Path(f"notice-{flag_id}.xlsx").resolve()
    view = app.view
    app.write(t("tui_notice"), lambda: str(write(view.registry, view.record, flag_id, view.as_of, path)))


# -- long work from the command palette ---------------------------------------------------------------
# Each runs in a worker thread (app.write): it reads or writes through core and the branch's own code,
# and returns the line the notification shows.


def export_calendars(app, folder: str) -> str:
    """Write every unit's .ics feed (and all.ics) into `folder`."""
    from duban.calendars.export import export_feeds

    written = export_feeds(app.ws, Path(folder), None, app.view.as_of, who=app.author)
    return t("tui_wrote_calendar_files", written_count=len(written), folder=folder)


def write_report(app, period: str) -> str:
    """Write the summary table and accountability report for `period` (a milestone or a quarter)."""
    from duban.core.narrative import resolve_period
    from duban.reports.publish import write_report

    period = period or None  # the dialog strips the answer; empty means the current period
    path = Path(f"report-{resolve_period(app.view.record.plan, period, app.view.as_of).key}.xlsx").resolve()
    write_report(app.ws, app.view.as_of, period, None, path)
    return str(path)


def make_template(app, unit: str) -> str:
    """Write a unit's fill-in workbook and register it, so its import can be checked against it."""
    from duban.core import validate
    from duban.reports.publish import issue_template

    code = validate.unit(app.view.record, unit)  # 民政局 as well as civil_affairs
    path = Path(f"template-{code}.xlsx").resolve()
    issue_template(app.ws, code, app.view.as_of, path, app.author)
    return str(path)


def preview_import(app, path: str):
    """What importing `path` would change (nothing is written), or the problems that reject it."""
    from duban.reports.importer import ImportRejected, import_file

    try:
        return import_file(app.ws, path.strip(), app.author, dry_run=True)
    except ImportRejected as exc:
        return exc.plan


def import_workbook(app, path: str, accept_conflicts: bool = False) -> str:
    """Import a filled-in template: all of it or nothing (conflicts only if the user saw and accepted them)."""
    from duban.reports.importer import import_file

    result = import_file(app.ws, path.strip(), app.author, accept_conflicts=accept_conflicts)
    return t("tui_imported_changes", unit=result.unit, change_count=len(result.changes))


#: (action, message key of its title, message key of its question, default answer)
LONG_ACTIONS = (
    ("export_calendars", "tui_export_calendars", "tui_ask_output_folder", "calendars"),
    ("write_report", "tui_write_report", "tui_ask_period", ""),
    ("make_template", "tui_make_template", "tui_ask_unit_code", "civil_affairs"),
    ("import_workbook", "tui_import_workbook", "tui_ask_workbook_path", ""),
)
RUNNERS = {"export_calendars": export_calendars, "write_report": write_report, "make_template": make_template}


def run_long_action(app, name: str) -> None:
    """Ask for the one thing the action needs, then run it in a worker with a progress notice."""
    _, title_key, question, default = next(a for a in LONG_ACTIONS if a[0] == name)
    from .screens.dialogs import AskDialog

    day = app.view.as_of
    title = t(title_key) if name == "import_workbook" else t("tui_for_day", title=t(title_key), day=day)

    def answered(value: str | None) -> None:
        if value is None or (not value and name != "write_report"):
            return
        app.notify(t("tui_working", title_key=title), timeout=3)
        if name == "import_workbook":
            app.screen.loading = True
            app.preview_import(value, app.screen)
        else:
            app.write(t(title_key), lambda: RUNNERS[name](app, value), busy=True)

    def ask() -> None:
        app.push_screen(AskDialog(t("tui_long_action_question", title=title, question=t(question)), default), answered)

    usual = day_in_view(app.view.record.info)
    if name == "import_workbook" or day == usual:
        ask()
        return
    from .screens.dialogs import ConfirmDialog

    # The screen may show another day than the usual one (after [, ] or d): say so before writing.
    app.push_screen(
        ConfirmDialog(
            t("tui_other_day_title", title=t(title_key), day=day),
            [t("tui_other_day_line", day=day, usual=usual)],
            can_apply=True,
            hint=t("tui_other_day_hint"),
        ),
        lambda go: ask() if go else None,
    )
