"""One unit: its tasks, checklist, metrics, duty log and current flag."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Input, Label, Static, TabbedContent, TabPane

from duban.core.i18n import pick, t
from duban.core.status import state_label

from ..messages import OpenTask
from ..state import View
from ..widgets.status import clip, flag_detail, flag_text, percent_text, state_text
from ..widgets.tables import RowTable
from .base import ViewScreen


def task_matches(status, needle: str) -> bool:
    """Whether a task's id, title or state (a unit's own, on its screen) contains the filter text."""
    task = status.task
    haystack = f"{task.id} {task.title} {task.title_en} {state_label(status.state)}".lower()
    return needle.lower() in haystack


class UnitScreen(ViewScreen):
    """What one unit owns and how far it has come."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui_back"),
        Binding("slash", "filter", "tui_filter", key_display="/"),
        Binding("l", "log_duty", "tui_log_duty"),
        Binding("y", "log_duty(1)", "tui_log_yesterday"),
        Binding("space", "toggle_item", "tui_toggle_item", show=False),
        Binding("m", "edit_metric", "tui_edit_metric", show=False),
    ]

    def __init__(self, code: str):
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        yield Static(id="unit-head")
        with TabbedContent(id="unit-tabs"):
            with TabPane(t("cli_tasks_2"), id="tab-tasks"):
                yield Input(
                    placeholder=t("tui_filter_tasks_id_title_or"),
                    id="task-filter",
                )
                yield RowTable(id="unit-tasks")
            with TabPane(t("tui_duties"), id="tab-duties"):
                yield Label(id="duty-hint", classes="hint")
                yield RowTable(id="unit-duties")
            with TabPane(t("cli_checklist_2"), id="tab-checklist"):
                yield Label(id="checklist-hint", classes="hint")
                yield RowTable(id="unit-checklist")
            with TabPane(t("tui_metrics"), id="tab-metrics"):
                yield Label(id="metrics-hint", classes="hint")
                yield RowTable(id="unit-metrics")
            with TabPane(t("tui_flag_2"), id="tab-flag"), VerticalScroll():
                yield Static(id="unit-flag")
        yield Footer()

    # -- drawing ----------------------------------------------------------------------------------
    def show(self, view: View) -> None:
        record = view.record
        unit = record.unit(self.code)
        head = Text()
        short, full = record.label(self.code), pick(unit.name, unit.name_en)
        head.append(short, style="bold")
        head.append(f"  {full if full != short else ''} · {t('kind_' + unit.kind)}")
        if unit.liaison or unit.phone:
            head.append(t("tui_liaison", liaison=unit.liaison, phone=unit.phone))
        head.append(t("tui_as_2", as_of=view.as_of))
        rollup = next((r for r in view.overview.units if r.key == self.code), None)
        if rollup:
            head.append(t("tui_tasks_done", tasks=rollup.tasks, done=rollup.done))
            head.append(t("tui_overdue_2", overdue=rollup.overdue), style="bold red" if rollup.overdue else "")
        self.query_one("#unit-head", Static).update(head)
        self._tasks(view)
        self._duties(view)
        self._checklist(view)
        self._metrics(view)
        self._flag(view)

    def _tasks(self, view: View) -> None:
        table = self.query_one("#unit-tasks", RowTable)
        table.set_columns(*(t(key) for key in ("cli_task", "tui_role", "cli_status", "cli_done_2", "cli_next_due")))
        needle = self.query_one("#task-filter", Input).value.strip()
        rows = []
        for s in view.overview.tasks:
            mine = s.part(self.code)  # the unit's own part: its state, its deadlines
            if mine is None or (needle and not task_matches(mine, needle)):
                continue
            nxt = mine.next_open()
            rows.append(
                (
                    s.task.id,
                    [
                        clip(f"{s.task.id} {pick(s.task.title, s.task.title_en)}", 34),
                        t("role_county_lead") if s.task.lead == self.code else t("role_own_part"),
                        state_text(mine.state, mine.days_overdue),
                        Text(f"{mine.percent}%", justify="right"),
                        nxt.due_label() if nxt else "—",
                    ],
                )
            )
        table.refill(rows)

    def _duties(self, view: View) -> None:
        day = view.entry_date()
        self.query_one("#duty-hint", Label).update(t("tui_select_duty_press_l_log", day=day))
        table = self.query_one("#unit-duties", RowTable)
        table.set_columns(*(t(key) for key in ("cli_duty", "tui_due", "tui_logged", "cli_rate", "tui_last_logged")))
        rows = []
        for c in view.overview.duties:
            if c.unit != self.code:
                continue
            dates = view.record.duty_dates_for(c.duty, c.unit)
            last = max((d for d in dates if d <= view.as_of), default=None)
            rows.append(
                (
                    c.duty.id,
                    [
                        clip(f"{c.duty.id} {pick(c.duty.title, c.duty.title_en)}", 34),
                        c.expected,
                        c.logged,
                        percent_text(None if c.ratio is None else 100 * c.ratio),
                        last.isoformat() if last else "—",
                    ],
                )
            )
        table.refill(rows)

    def _checklist(self, view: View) -> None:
        from duban.core import checklists

        self.query_one("#checklist-hint", Label).update(t("tui_select_item_press_space_tick"))
        table = self.query_one("#unit-checklist", RowTable)
        table.set_columns(t("cli_done"), t("tui_item"), t("cli_by_2"), t("cli_when_2"), t("cli_note"))
        table.refill(
            [
                (
                    s.item.id,
                    [
                        Text(t("tui_done_3"), style="green") if s.done else Text(t("tui_open_2"), style="dark_orange"),
                        clip(pick(s.item.title, s.item.title_en), 40),
                        s.who or "—",
                        s.when.isoformat() if s.when else "—",
                        clip(s.note or "", 30),
                    ],
                )
                for s in checklists.checklist_status(self.app.ws.registry, view.record, self.code, view.as_of)
            ]
        )

    def _metrics(self, view: View) -> None:
        from duban.core import metrics

        self.query_one("#metrics-hint", Label).update(t("tui_select_entered_metric_press_m"))
        table = self.query_one("#unit-metrics", RowTable)
        table.set_columns(*(t(key) for key in ("cli_metric", "cli_value", "cli_target_2", "tui_target", "cli_source")))
        rows = []
        for s in metrics.metric_status(self.app.ws.registry, view.record, self.code, view.as_of):
            m = s.metric
            verdict = (
                Text(t("tui_no_value"), style="grey50")
                if s.on_target is None
                else Text(t("tui_target_2"), style="green")
                if s.on_target
                else Text(t("tui_below_target"), style="bold red")
            )
            rows.append(
                (
                    m.id,
                    [
                        clip(pick(m.name, m.name_en), 36),
                        metrics.format_value(m, s.value),
                        metrics.format_target(m),
                        verdict,
                        t("cli_entered") if m.source == "entered" else t("tui_computed"),
                    ],
                )
            )
        table.refill(rows)

    def _flag(self, view: View) -> None:
        box = self.query_one("#unit-flag", Static)
        flag = view.unit_flag(self.code)
        if flag is None:
            box.update(t("tui_no_current_flag"))
            return
        box.update(flag_text(flag) + flag_detail(view.record, flag, ""))

    # -- acting -----------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "task-filter":
            self._tasks(self.app.view)

    def action_filter(self) -> None:
        self.query_one("#unit-tabs", TabbedContent).active = "tab-tasks"
        self.query_one("#task-filter", Input).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "unit-tasks":
            self.post_message(OpenTask(event.row_key.value))

    def action_log_duty(self, days_back: int = 0) -> None:
        """Log the picked duty on the day in view (`l`), or the day before it (`y`: yesterday's round)."""
        import datetime as dt

        from duban.core.dutylog import log_duty

        tabs = self.query_one("#unit-tabs", TabbedContent)
        if tabs.active != "tab-duties":  # first show the duties: never log one the user has not seen picked
            tabs.active = "tab-duties"
            return
        duty = self.query_one("#unit-duties", RowTable).current_key()
        if duty is None:
            return
        app, day = self.app, self.app.view.entry_date() - dt.timedelta(days=days_back)
        found = app.view.record.plan.duty(duty)
        app.write(
            t("log_done", duty=pick(found.title, found.title_en) if found else duty, date=day),
            lambda: log_duty(app.ws, duty, day, self.code, app.author, in_view=app.view.as_of),
        )

    def action_toggle_item(self) -> None:
        from ..actions import toggle_checklist_item

        if self.query_one("#unit-tabs", TabbedContent).active == "tab-checklist":
            toggle_checklist_item(self, self.code, self.query_one("#unit-checklist", RowTable).current_key())

    def action_edit_metric(self) -> None:
        from ..actions import edit_metric

        self.query_one("#unit-tabs", TabbedContent).active = "tab-metrics"
        edit_metric(self, self.code, self.query_one("#unit-metrics", RowTable).current_key())
