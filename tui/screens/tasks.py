"""Every task on one screen, filterable, worst first: the list the secretariat works down."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Input, Label

from duban.core.i18n import pick, t

from ..messages import OpenTask
from ..state import View
from ..widgets.status import clip, percent_text, state_text
from ..widgets.tables import RowTable
from .base import ViewScreen
from .unit import task_matches


class TasksScreen(ViewScreen):
    """All tasks: overdue first (longest late first), then by next deadline."""

    AUTO_FOCUS = "#all-tasks"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui_back"),
        Binding("slash", "filter", "tui_filter", key_display="/"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="tasks-body"):
            yield Label(id="tasks-title", classes="panel-title")
            yield Input(placeholder=t("tui_filter_tasks_id_title_or"), id="tasks-filter")
            yield RowTable(id="all-tasks")
        yield Footer()

    def show(self, view: View) -> None:
        needle = self.query_one("#tasks-filter", Input).value.strip()
        chosen = [s for s in view.overview.tasks if not needle or task_matches(s, needle)]

        def urgency(s):
            nxt = s.next_open()
            return (-s.days_overdue, nxt.deadline.due if nxt else view.as_of.max, s.task.id)

        chosen.sort(key=urgency)
        self.query_one("#tasks-title", Label).update(
            t("tui_all_tasks_title", n=len(chosen), total=len(view.overview.tasks), as_of=view.as_of)
        )
        table = self.query_one("#all-tasks", RowTable)
        table.set_columns(
            t("tui_col_task"), t("tui_col_lead"), t("tui_col_state"), t("tui_col_percent"), t("tui_col_next_due")
        )
        rows = []
        for s in chosen:
            nxt = s.next_open()
            rows.append(
                (
                    s.task.id,
                    [
                        clip(f"{s.task.id} {pick(s.task.title, s.task.title_en)}", 30),
                        clip(view.record.label(s.task.lead), 10),
                        state_text(s.state, s.days_overdue),
                        percent_text(s.percent),
                        nxt.due_label() if nxt else "—",
                    ],
                )
            )
        table.refill(rows)

    def action_filter(self) -> None:
        self.query_one("#tasks-filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#all-tasks", RowTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenTask(event.row_key.value))
