"""One task: the plan's text, owners, deadlines, duties, reports, and a form to add a report."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from duban.core import validate
from duban.core.errors import DubanError
from duban.core.i18n import pick, t
from duban.core.progress import REPORT_HEADS, check_report, lowering, record_progress
from duban.core.status import frequency_label, parts_label

from ..state import View
from ..widgets.status import clip, state_text
from ..widgets.tables import RowTable
from .base import ViewScreen


class TaskScreen(ViewScreen):
    """A task in full, with its report form."""

    BINDINGS = [
        Binding("escape", "leave", "tui_back"),
        Binding("ctrl+s", "submit", "tui_submit"),
    ]

    def __init__(self, task_id: str):
        super().__init__()
        self.task_id = task_id

    def compose(self) -> ComposeResult:
        task = self.app.view.record.plan.task(self.task_id)
        with VerticalScroll(id="task-body"):
            yield Static(id="task-head")
            yield Static(id="task-text", classes="panel")
            yield Label(t("tui_deadlines"), classes="panel-title")
            yield RowTable(id="task-deadlines")
            with Vertical(id="report-form", classes="panel"):
                yield Label(id="form-title", classes="panel-title")
                with Horizontal(classes="form-row"):
                    yield Label(t("tui_unit"), classes="form-label")
                    yield Select(
                        [(Text(self.app.view.record.label(c)), c) for c in task.parties],
                        value=task.lead or task.parties[0],
                        allow_blank=False,
                        id="form-unit",
                    )
                with Horizontal(classes="form-row"):
                    yield Label(t("tui_percent"), classes="form-label")
                    yield Input(placeholder="0–100", id="form-percent", restrict=r"[0-9]*", max_length=3)
                    yield Checkbox(t("tui_done_own_next"), id="form-done")
                with Horizontal(classes="form-row"):
                    yield Label(t("tui_note"), classes="form-label")
                    yield Input(placeholder=t("h_what_was_done"), id="form-note")
                with Horizontal(classes="form-row"):
                    yield Label(t("tui_evidence_2"), classes="form-label")
                    yield Input(
                        placeholder=t("tui_file_or_record_references_separated"),
                        id="form-evidence",
                    )
                yield Label(id="form-problem", classes="hint")
                yield Button(
                    t("tui_submit_report_ctrl_s"),
                    id="form-submit",
                    variant="primary",
                    disabled=True,
                )
            yield Label(t("cli_recurring_duties"), classes="panel-title", id="duties-title")
            yield RowTable(id="task-duties")
            yield Label(id="history-title", classes="panel-title")
            yield RowTable(id="task-history")
        yield Footer()

    # -- drawing ----------------------------------------------------------------------------------
    def show(self, view: View) -> None:
        record = view.record
        task = record.plan.task(self.task_id)
        status = next(s for s in view.overview.tasks if s.task.id == task.id)
        action = next(a for a in record.plan.actions if a.id == task.action)
        head = Text()
        head.append(f"{task.id} {pick(task.title, task.title_en)}  ", style="bold")
        head.append_text(state_text(status.state, status.days_overdue))
        head.append(f" · {status.percent}%\n")
        head.append(t("tui_action", id=action.id, title=pick(action.title, action.title_en)))
        head.append(f"{t('col_units')}：", style="bold")
        head.append(t("list_sep").join(record.label(c) for c in task.units))
        if task.lead:
            head.append(f"\n{t('lead_county_choice')}：", style="bold")
            head.append(record.label(task.lead))
        head.append(f"\n{t('col_parts')}：", style="bold")
        head.append(parts_label(status, record.label))
        head.append(t("tui_as_2", as_of=view.as_of))
        self.query_one("#task-head", Static).update(head)
        self.query_one("#task-text", Static).update(Text(task.text.strip()))

        deadlines = self.query_one("#task-deadlines", RowTable)
        deadlines.set_columns(
            *(t(key) for key in ("cli_deadline", "tui_window_opens", "cli_due", "cli_status", "cli_done_3"))
        )
        deadlines.refill(
            [
                (
                    str(d.index),
                    [
                        clip(pick(d.deadline.label, d.deadline.label_en), 36),
                        d.deadline.start.isoformat() if d.deadline.start else "—",
                        d.due_label(),
                        state_text(d.state, d.days_overdue),
                        d.done_on.isoformat() if d.done_on else "—",
                    ],
                )
                for d in status.deadlines
            ]
        )
        duties = self.query_one("#task-duties", RowTable)
        duties.set_columns(t("cli_duty"), t("cli_frequency"), t("cli_period"), t("cli_owner"))
        duties.refill(
            [
                (
                    d.id,
                    [
                        clip(f"{d.id} {pick(d.title, d.title_en)}", 36),
                        frequency_label(d) + (f"（{t('reading_mark')}）" if d.reading else ""),
                        f"{d.start}~{d.end}",
                        t("list_sep").join(record.label(c) for c in record.duty_units(d)),
                    ],
                )
                for d in record.plan.duties
                if d.task == task.id
            ]
        )
        duties.display = self.query_one("#duties-title", Label).display = bool(duties.row_count)

        reports = view.task_reports(task.id)
        self.query_one("#history-title", Label).update(t("tui_progress_reports", report_count=len(reports)))
        history = self.query_one("#task-history", RowTable)
        history.set_columns(*(t(key) for key in REPORT_HEADS))
        history.refill(
            [
                (
                    str(r["id"]),
                    [
                        r["date"],
                        record.label(r["unit"]),
                        f"{r['percent']}%",
                        clip(r.get("note", ""), 36),
                        clip("; ".join(r.get("evidence", [])), 24),
                        r.get("author", ""),
                    ],
                )
                for r in reports
            ]
        )
        self.query_one("#form-title", Label).update(
            t("tui_add_progress_report_dated", entry_date=view.entry_date(), author=self.app.author)
        )
        self.validate()

    # -- the form ---------------------------------------------------------------------------------
    def _form(self) -> dict:
        return {
            "unit": self.query_one("#form-unit", Select).value,
            "percent": self.query_one("#form-percent", Input).value.strip() or None,
            "done": self.query_one("#form-done", Checkbox).value,
            "note": self.query_one("#form-note", Input).value,
            "evidence": validate.evidence_refs(self.query_one("#form-evidence", Input).value),
        }

    def validate(self):
        """Check the form with core's own rules; show the problem or what will be recorded."""
        form = self._form()
        view = self.app.view
        label = self.query_one("#form-problem", Label)
        button = self.query_one("#form-submit", Button)
        try:
            report = check_report(
                view.record,
                self.task_id,
                form["percent"],
                view.entry_date(),
                form["unit"],
                form["done"],
                form["note"],
                form["evidence"],
                self.app.author,
                view.as_of,
                lower=True,  # a lowering report is allowed after a confirmation (action_submit)
            )
        except DubanError as exc:
            untouched = form["percent"] is None and not form["done"]
            label.update(Text(t("tui_enter_percent_or_tick_done") if untouched else str(exc)))  # quotes input
            label.set_class(not untouched, "error")
            label.set_class(False, "ok")
            button.disabled = True
            return None
        label.update(
            Text(  # a township's name may hold '[/]': text, not markup
                t(
                    "tui_report_ok",
                    task=report.task,
                    percent=report.percent,
                    date=report.date,
                    unit=view.record.label(report.unit),
                )
            )
        )
        label.set_class(False, "error")
        label.set_class(True, "ok")
        button.disabled = False
        return report

    def on_input_changed(self, event: Input.Changed) -> None:
        self.leaving = False
        self.validate()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.validate()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.validate()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "form-submit":
            self.action_submit()

    #: Esc was pressed once on a filled-in form
    leaving = False

    def action_leave(self) -> None:
        """Back, but a half-filled form is not thrown away on one Esc: the first asks, the second leaves."""
        form = self._form()
        filled = form["percent"] or form["done"] or form["note"].strip() or form["evidence"]
        if filled and not self.leaving:
            self.leaving = True
            self.notify(t("tui_discard_changes"), severity="warning")
            return
        self.app.pop_screen()

    def action_submit(self) -> None:
        report = self.validate()
        if report is None:
            return
        before = lowering(self.app.view.record, report)
        if before is None:
            self._record(report, lower=False)
            return
        from .dialogs import ConfirmDialog

        unit = self.app.view.record.label(report.unit)
        self.app.push_screen(
            ConfirmDialog(
                t("confirm_lower", unit=unit, before=before, after=report.percent),
                [t("lower_needs_flag", task=report.task, unit=unit, before=before, after=report.percent)],
                can_apply=True,
                hint=t("tui_enter_lower_esc_cancel"),
            ),
            lambda go: self._record(report, lower=True) if go else None,
        )

    def _record(self, report, lower: bool) -> None:
        app = self.app
        for selector in ("#form-percent", "#form-note", "#form-evidence"):
            self.query_one(selector, Input).value = ""
        self.query_one("#form-done", Checkbox).value = False
        message = t("progress_done", task=report.task, percent=report.percent)
        app.write(
            message,
            lambda: record_progress(
                app.ws,
                report.task,
                report.percent,
                report.date,
                report.unit,
                report.done_deadline is not None,
                report.note,
                report.evidence,
                app.author,
                app.view.as_of,
                lower=lower,
            ),
        )
