"""The dashboard application: loads the view, follows the database, routes the user between screens."""

from __future__ import annotations

import datetime as dt
import threading

from textual import work
from textual.app import App
from textual.binding import Binding

from duban.core.dates import parse_date
from duban.core.errors import DubanError
from duban.core.folds import fold_due
from duban.core.i18n import pick, set_language, t
from duban.core.people import acting_person
from duban.core.workspace import Workspace

from .messages import OpenTask, OpenUnit, ViewChanged
from .state import View, compute_view, load_view
from .text import localize_bindings, textual_word

POLL_SECONDS = 2.0


class DubanApp(App):
    """The secretariat's dashboard over one duban database."""

    CSS_PATH = ["duban.tcss"]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "tui_quit"),
        Binding("question_mark", "help", "tui_help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "tui_theme"),
        Binding("ctrl+p", "command_palette", "tui_palette", show=False),
        Binding("e", "long('export_calendars')", "tui_export_calendars", show=False),
        Binding("r", "long('write_report')", "tui_write_report", show=False),
        Binding("w", "long('make_template')", "tui_make_template", show=False),
        Binding("i", "long('import_workbook')", "tui_import_workbook", show=False),
    ]

    def __init__(
        self,
        workspace: Workspace,
        as_of_override: dt.date | None = None,
        author: str = "",
        poll_seconds: float = POLL_SECONDS,
    ):
        super().__init__()
        localize_bindings(self)
        self.title = t("tui_app_title")
        self.ws = workspace
        self.as_of_override = as_of_override
        self.author = acting_person(author)
        self.poll_seconds = poll_seconds
        # Loaded before the app runs, so a missing or damaged database is a one-line error at the CLI.
        self.view: View = load_view(workspace, as_of_override)

    # -- start-up and following the database ------------------------------------------------------
    def on_mount(self) -> None:
        self.ws.db.on_wait = self._lock_waiting
        from .screens.overview import OverviewScreen

        self.push_screen(OverviewScreen())
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll)

    def _lock_waiting(self, message: str) -> None:
        # Called by the store from a worker thread while another process holds the lock.
        if threading.current_thread() is not threading.main_thread():
            self.call_from_thread(self.notify, message, severity="warning")

    def poll(self) -> None:
        """Reload when another process (or this one) has committed since the view was read."""
        try:
            generation = self.ws.db.generation()
        except DubanError as exc:
            self.notify(str(exc), severity="error")
            return
        if generation != self.view.generation:
            self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def reload(self) -> None:
        """Read the database again in a worker (under the shared lock) and redraw every screen."""
        try:
            view = load_view(self.ws, self._as_of_choice())
        except DubanError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.call_from_thread(self.set_view, view)

    @work(thread=True, exclusive=True, exit_on_error=False, group="flags")
    def resolve_flags(self, view: View) -> None:
        """Work out resolved flags (seconds at province scale) off the UI thread, then redraw."""
        _ = view.all_flags  # fills the view's cache
        if view is self.view:
            self.call_from_thread(self.set_view, view)

    def _as_of_choice(self) -> dt.date | None:
        return self.view.as_of if self.as_of_override is not None else None

    def set_view(self, view: View) -> None:
        """Make `view` current and tell every open screen."""
        self.view = view
        for screen in self.screen_stack:
            screen.post_message(ViewChanged(view.generation))

    # -- the as-of date ---------------------------------------------------------------------------
    def look_at(self, day: dt.date) -> None:
        """Show the campaign as of `day` (figures only; nothing is written)."""
        self.as_of_override = day
        self._recompute(day)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _recompute(self, day: dt.date) -> None:
        # The record is unchanged; only the figures move, but flags take a moment: off the UI thread.
        v = self.view
        self.call_from_thread(self.set_view, compute_view(self.ws, v.record, v.generation, v.reports, day))

    def action_pick_date(self) -> None:
        from .screens.dialogs import AskDialog

        def chosen(value: str | None) -> None:
            if value:
                self.look_at(parse_date(value))

        self.push_screen(
            AskDialog(
                t("tui_look_which_day_yyyy_mm"),
                self.view.as_of.isoformat(),
                check=parse_date,
            ),
            chosen,
        )

    def action_shift_date(self, days: int) -> None:
        self.look_at(self.view.as_of + dt.timedelta(days=days))

    # -- navigation ---------------------------------------------------------------------------------
    def on_open_unit(self, message: OpenUnit) -> None:
        from .screens.unit import UnitScreen

        self.push_screen(UnitScreen(message.code))

    def on_open_task(self, message: OpenTask) -> None:
        from .screens.task import TaskScreen

        self.push_screen(TaskScreen(message.task))

    def action_open_tasks(self) -> None:
        from .screens.tasks import TasksScreen

        self.push_screen(TasksScreen())

    def action_open_flags(self) -> None:
        from .screens.flags import FlagsScreen

        self.push_screen(FlagsScreen())

    def action_help(self) -> None:
        from .screens.dialogs import HelpScreen

        self.push_screen(HelpScreen(t("tui_help_screen")))

    def get_system_commands(self, screen):
        """The command palette: the dashboard's own actions first, then Textual's."""
        from textual.app import SystemCommand

        from .actions import LONG_ACTIONS

        for name, title_key, *_ in LONG_ACTIONS:
            yield SystemCommand(t(title_key), t(title_key), lambda name=name: self.action_long(name))
        yield SystemCommand(t("tui_as_of"), t("tui_look_another_day"), self.action_pick_date)
        yield SystemCommand(
            t("tui_flags"),
            t("tui_commendation_supervision_accountability"),
            self.action_open_flags,
        )
        yield SystemCommand(t("tui_help"), t("tui_key_bindings"), self.action_help)
        yield from self._jumps()
        for command in super().get_system_commands(screen):
            yield command._replace(title=textual_word(command.title), help=textual_word(command.help))

    def action_command_palette(self) -> None:
        """Textual's command palette, its prompt in the chosen language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("tui_palette_prompt"), id="--command-palette"))

    def _jumps(self):
        """A palette entry for every task, unit and current flag, found by id or by name (落户 → A4.1)."""
        from textual.app import SystemCommand

        record = self.view.record
        for task in record.plan.tasks:
            yield SystemCommand(
                f"{task.id} {pick(task.title, task.title_en)}",
                t("tui_jump_task"),
                lambda code=task.id: self.post_message(OpenTask(code)),
            )
        for unit in record.owners():
            yield SystemCommand(
                f"{record.label(unit.code)} {unit.code}",
                t("tui_jump_unit", name=pick(unit.name, unit.name_en)),
                lambda code=unit.code: self.post_message(OpenUnit(code)),
            )
        from duban.core.flags import level_label

        for flag in self.view.flags:
            yield SystemCommand(
                f"{flag.id} {level_label(flag.level)} {record.label(flag.unit)}",
                t("tui_jump_flag"),
                lambda code=flag.id: self.open_flag(code),
            )

    def open_flag(self, flag_id: str) -> None:
        """The flags screen with `flag_id` picked."""
        from .screens.flags import FlagsScreen

        self.push_screen(FlagsScreen(flag_id))

    def action_long(self, name: str) -> None:
        from .actions import run_long_action

        run_long_action(self, name)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    # -- writing ----------------------------------------------------------------------------------
    def write(self, what: str, change, busy: bool = False) -> None:
        """Run `change()` (one core write, or an export) in a worker; notify and reload when done.

        With `busy` the screen shows a loading indicator until the work is over (long actions).
        """
        screen = self.screen
        if busy:
            screen.loading = True
        self._write(what, change, screen if busy else None)

    @work(thread=True, exclusive=False, exit_on_error=False, group="write")
    def _write(self, what: str, change, busy_screen=None) -> None:
        try:
            outcome = change()
        except (DubanError, OSError) as exc:  # OSError: a file the user named cannot be written
            self.call_from_thread(self.notify, t("tui_failed", problem=exc), severity="error", timeout=8)
            return
        finally:
            if busy_screen is not None:
                self.call_from_thread(setattr, busy_screen, "loading", False)
        detail = f"{what}：{outcome}" if isinstance(outcome, str) else what
        self.call_from_thread(self.notify, t("tui_done", what=detail), timeout=8)
        self.call_from_thread(self.reload)
        try:  # the fold a write may leave due (core.folds), here in the worker, after the clerk is told
            fold_due(self.ws.db)
        except DubanError as exc:  # nothing is lost: the tail stays in the log, read with the view
            self.call_from_thread(self.notify, t("tui_failed", problem=exc), severity="warning", timeout=8)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def preview_import(self, path: str, busy_screen) -> None:
        """Check a workbook without writing, then show its changes (or its problems) before applying."""
        from .actions import import_workbook, preview_import
        from .screens.dialogs import ConfirmDialog

        try:
            plan = preview_import(self, path)
        except DubanError as exc:
            self.call_from_thread(self.notify, t("tui_failed", problem=exc), severity="error", timeout=8)
            return
        finally:
            self.call_from_thread(setattr, busy_screen, "loading", False)
        # Conflicts first, each with the value on record and the file's: applying accepts them.
        lines = [t("rpt_conflict_line", line=c) for c in plan.conflicts]
        lines += [f"{c.place}  {c.text}" for c in plan.changes] or [t("tui_no_changes")]
        if plan.problems:
            title = t("tui_problems_not_imported", path=path, problem_count=len(plan.problems))
            dialog = ConfirmDialog(title, plan.problems, can_apply=False)
        else:
            title = t(
                "tui_changes_rows_unchanged",
                path=path,
                unit=plan.unit,
                change_count=len(plan.changes),
                unchanged=plan.unchanged,
            )
            dialog = ConfirmDialog(title, lines, can_apply=bool(plan.changes))

        def decided(apply: bool | None) -> None:
            if apply:
                accept = bool(plan.conflicts)
                self.write(t("tui_import_workbook"), lambda: import_workbook(self, path, accept), busy=True)

        self.call_from_thread(self.push_screen, dialog, decided)


def make_app(
    workspace: Workspace, as_of_override: dt.date | None = None, lang: str | None = None, **options
) -> DubanApp:
    """The dashboard over `workspace` (tests build it on a temporary database)."""
    if lang:
        set_language(lang)
    return DubanApp(workspace, as_of_override, **options)
