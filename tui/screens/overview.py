"""The first screen: the whole campaign on one date."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Label, ProgressBar, Static

from duban.core.i18n import pick, t

from ..messages import OpenTask, OpenUnit
from ..state import View
from ..widgets.status import clip, count_text, fitted, flag_text, flag_words, percent_text, state_text
from ..widgets.tables import RowTable
from .base import ViewScreen

#: Units shown on the morning page: at 80×24 these and their reasons fit without scrolling.
TROUBLE_ROWS = 5
#: The overdue and due-soon tables list the most urgent this many: at province scale thousands of rows
#: took seconds to lay out before the first paint, and the tasks screen (t) lists every one.
DEADLINE_ROWS = 100


def headline(view: View) -> Text:
    """Plan title, document number, as-of date and the next reporting milestone."""
    plan, ov = view.record.plan, view.overview
    text = Text()
    text.append(pick(plan.title, plan.title_en), style="bold")
    text.append(f"  {plan.doc_number}\n", style="italic")
    text.append(t("tui_as"))
    text.append(view.as_of.isoformat(), style="bold reverse")
    if view.record.info.get("demo"):
        text.append(t("tui_demo_data"), style="italic")
    if ov.milestone:
        days = (ov.milestone.date - view.as_of).days
        text.append(t("tui_next_report_due"))
        text.append(f"{ov.milestone.date}", style="bold")
        # No-break spaces keep the countdown whole; the space after it lets a long title wrap there.
        text.append(
            t("tui_days", days=days),
            style="bold red" if days <= 3 else "bold dark_orange" if days <= 7 else "",
        )
        text.append(pick(ov.milestone.title, ov.milestone.title_en))
    return text


class ActionRow(Horizontal):
    """One action: its name, a progress bar and its counts."""

    def __init__(self, key: str):
        super().__init__(id=f"action-{key.replace('.', '_')}", classes="action-row")
        self.key = key

    def compose(self) -> ComposeResult:
        yield Label(classes="action-name")
        yield ProgressBar(total=100, show_eta=False, show_percentage=True)
        yield Label(classes="action-counts")

    def show(self, name: str, rollup) -> None:
        """Display `rollup` for this action."""
        self.query_one(".action-name", Label).update(clip(name, 23))
        self.query_one(ProgressBar).update(progress=rollup.progress)
        counts = Text(t("tui_done_2", done=rollup.done, tasks=rollup.tasks))
        if rollup.overdue:
            counts.append(t("tui_overdue", overdue=rollup.overdue), style="bold red")
        if rollup.due_soon:
            counts.append(t("tui_due_soon", due_soon=rollup.due_soon), style="dark_orange")
        self.query_one(".action-counts", Label).update(counts)


class OverviewScreen(ViewScreen):
    """Plan, as-of date, progress per action, units, overdue and upcoming deadlines."""

    #: Focus starts on the morning page's first unit; Tab then goes down the page in order.
    AUTO_FOCUS = "#trouble, #overdue, #units"
    BINDINGS = [
        Binding("d", "app.pick_date", "tui_as_of"),
        Binding("left_square_bracket", "app.shift_date(-1)", "tui_prev_day", key_display="["),
        Binding("right_square_bracket", "app.shift_date(1)", "tui_next_day", key_display="]"),
        Binding("f", "app.open_flags", "tui_flags"),
        Binding("t", "app.open_tasks", "tui_tasks_screen"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            yield Static(id="headline")
            # The morning page: who is in trouble and why, first; then who went quiet.
            with Vertical(classes="panel", id="trouble-panel"):
                yield Label(id="trouble-title", classes="panel-title")
                yield RowTable(id="trouble")
                yield Static(id="quiet", classes="hint")
            with Vertical(id="actions", classes="panel"):
                yield ActionRow("all")
                for action in self.app.view.record.plan.actions:
                    yield ActionRow(action.id)
            with Horizontal(id="lists"):
                # What is late comes first: on a small terminal it is what the first screen shows.
                with Vertical(id="deadlines"):
                    with Vertical(classes="panel"):
                        yield Label(id="overdue-title", classes="panel-title")
                        yield RowTable(id="overdue")
                    with Vertical(classes="panel"):
                        yield Label(id="soon-title", classes="panel-title")
                        yield RowTable(id="soon")
                with Vertical(classes="panel", id="units-panel"):
                    yield Label(t("tui_units_enter_open"), classes="panel-title")
                    yield RowTable(id="units")
        yield Footer()

    def show(self, view: View) -> None:
        record, ov = view.record, view.overview
        self.query_one("#headline", Static).update(headline(view))
        box = self.query_one("#actions", Vertical)
        box.query_one("#action-all", ActionRow).show(t("tui_all_tasks"), ov.total)
        for action, rollup in zip(record.plan.actions, ov.actions):
            box.query_one(f"#action-{action.id}", ActionRow).show(
                f"{action.id} {pick(action.title, action.title_en)}", rollup
            )
        self._trouble(view)
        self._units(view)
        self._deadlines(
            view,
            "#overdue",
            ov.overdue,
            t("tui_overdue_longest_first", overdue_count=len(ov.overdue)),
        )
        self._deadlines(
            view,
            "#soon",
            ov.due_soon,
            t("tui_due_within_days", soon_days=ov.soon_days, due_soon_count=len(ov.due_soon)),
        )

    def _trouble(self, view: View) -> None:
        from duban.core.flags import level_label
        from duban.core.trouble import missing_yesterday, ranked, silent_units

        record = view.record
        troubled = [x for x in ranked(record, view.overview, view.flags) if x.score > 0][:TROUBLE_ROWS]
        self.query_one("#trouble-title", Label).update(t("tui_trouble_title"))
        table = self.query_one("#trouble", RowTable)
        table.set_columns(t("tui_trouble_unit"), t("tui_trouble_why"), t("tui_trouble_committee"))
        table.refill(
            [
                (
                    x.unit,
                    [
                        fitted(flag_words(x.worst, level_label, record.label(x.unit)), 24),
                        clip(x.why(), 30),
                        clip(x.committee(), 16),
                    ],
                )
                for x in troubled
            ]
        )
        table.display = bool(troubled)
        missing = missing_yesterday(record, view.as_of)
        quiet = silent_units(record, view.as_of)
        lines = []
        if missing:
            titles = {d.id: pick(d.title, d.title_en) for d in record.plan.duties}
            duties = t("list_sep").join(f"{record.label(u)} {titles[d]}" for d, u in missing[:4])
            lines.append(t("tui_missing_yesterday", items=duties, n=len(missing)))
        if quiet:
            units = t("list_sep").join(
                record.label(u) + (t("tui_silent_days", days=n) if n is not None else t("tui_never"))
                for u, n in quiet[:4]
            )
            lines.append(t("tui_silent", items=units, n=len(quiet)))
        self.query_one("#quiet", Static).update(Text("\n".join(lines) or t("tui_all_logged")))

    def _units(self, view: View) -> None:
        table = self.query_one("#units", RowTable)
        table.set_columns(
            t("cli_unit"),
            t("cli_tasks"),
            t("tui_col_percent"),
            t("cli_done"),
            t("st_overdue"),
            t("tui_d", soon_days=view.overview.soon_days),
            t("cli_duties"),
            t("tui_flag"),
        )
        table.refill(
            [
                (
                    r.key,
                    [
                        clip(view.record.label(r.key), 22),
                        r.tasks,
                        percent_text(r.progress),  # the units' average progress, as duban status shows it
                        count_text(r.done, "green"),
                        count_text(r.overdue, "bold red"),
                        count_text(r.due_soon, "dark_orange"),
                        percent_text(None if r.duty_ratio is None else 100 * r.duty_ratio),
                        flag_text(view.unit_flag(r.key)),
                    ],
                )
                for r in view.overview.units
            ]
        )

    def _deadlines(self, view: View, selector: str, items, title: str) -> None:
        if len(items) > DEADLINE_ROWS:
            title += t("tui_first_rows_shown", shown=DEADLINE_ROWS)
            items = items[:DEADLINE_ROWS]
        self.query_one(f"{selector}-title", Label).update(title)
        table = self.query_one(selector, RowTable)
        table.set_columns(*(t(key) for key in ("cli_task", "cli_deadline", "cli_due", "col_unit", "cli_status")))
        rows = []
        for d in items:
            task = view.record.plan.task(d.task)
            status = (
                state_text(d.state, d.days_overdue)
                if d.days_overdue
                else Text(
                    t("tui_d_2", days_left=d.days_left),
                    style="dark_orange" if d.days_left <= 3 else "",
                )
            )
            rows.append(
                (
                    f"{d.task}#{d.index}@{d.unit}",
                    [
                        clip(f"{d.task} {pick(task.title, task.title_en)}", 18),
                        clip(pick(d.deadline.label, d.deadline.label_en), 12),
                        d.due_label(),
                        clip(view.record.label(d.unit), 16),
                        status,
                    ],
                )
            )
        table.refill(rows)
        table.display = bool(rows)  # the title already says (0)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if event.data_table.id in ("units", "trouble"):
            self.post_message(OpenUnit(key))
        else:
            self.post_message(OpenTask(key.split("#")[0]))
