"""The political-legal committee's flags: by level, with evidence; confirm or dismiss with a reason."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Label, Static

from duban.core.i18n import t

from ..state import View
from ..widgets.status import LEVEL_STYLES, clip, decision_words, flag_detail
from ..widgets.tables import RowTable
from .base import ViewScreen


def decision_text(flag) -> Text:
    """A flag's state and the committee's decision in words and colour."""
    if flag.state == "resolved":
        return Text(t("fstate_resolved"), style="grey50")
    if flag.decision:
        return Text(decision_words(flag), style="bold" if flag.decision == "confirmed" else "grey50")
    return Text(t("tui_awaiting_decision"), style="dark_orange")


class FlagsScreen(ViewScreen):
    """Every flag, the most severe level first."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui_back"),
        Binding("c", "decide('confirm')", "tui_confirm"),
        Binding("x", "decide('dismiss')", "tui_dismiss"),
    ]

    def __init__(self, picked: str | None = None):
        super().__init__()
        self.picked = picked  # a flag chosen in the command palette: the cursor starts on it

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="flags-body"):
            yield Label(id="flags-title", classes="panel-title")
            yield RowTable(id="flags")
            yield Static(id="flag-evidence", classes="panel")
        yield Footer()

    def show(self, view: View) -> None:
        from duban.core import flags

        title = self.query_one("#flags-title", Label)
        if not view.all_flags_ready:
            self.app.resolve_flags(view)  # until then, the current flags
        order = {level: i for i, level in enumerate(reversed(flags.LEVELS))}
        ranked = sorted(self._flags(view), key=lambda f: (f.state != "open", order.get(f.level, 9), f.unit, f.id))
        counts = {
            level: sum(1 for f in self._flags(view) if f.level == level and f.state == "open") for level in flags.LEVELS
        }
        title.update(
            t("tui_flags_as").format(view.as_of)
            + "  ".join(f"{flags.level_label(level)} {n}" for level, n in counts.items())
            + t("tui_c_confirm_x_dismiss")
        )
        table = self.query_one("#flags", RowTable)
        table.set_columns(
            t("cli_level"),
            t("cli_unit"),
            t("tui_rule"),
            t("tui_evidence"),
            t("tui_state"),
            t("tui_reason"),
        )
        table.refill(
            [
                (
                    f.id,
                    [
                        Text(flags.level_label(f.level), style=LEVEL_STYLES.get(f.level, "")),
                        clip(view.record.label(f.unit), 12),
                        f.rule,
                        clip(f.evidence[0].text if f.evidence else "", 36),
                        decision_text(f),
                        clip(f.reason or "", 20),
                    ],
                )
                for f in ranked
            ]
        )
        keys = [f.id for f in ranked]
        if self.picked in keys:
            table.move_cursor(row=keys.index(self.picked), animate=False)
            self.picked = None
        self._evidence(view, table.current_key())

    @staticmethod
    def _flags(view: View) -> list | None:
        return view.all_flags if view.all_flags_ready else view.flags

    def _evidence(self, view: View, flag_id: str | None) -> None:
        box = self.query_one("#flag-evidence", Static)
        flag = next((f for f in self._flags(view) or [] if f.id == flag_id), None)
        if flag is None:
            box.update(t("tui_no_flags"))
            return
        box.update(flag_detail(view.record, flag, f"{flag.id}  {view.record.label(flag.unit)}  {flag.rule}"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None:
            self._evidence(self.app.view, event.row_key.value)

    def action_decide(self, decision: str) -> None:
        from ..actions import decide_flag

        flag_id = self.query_one("#flags", RowTable).current_key()
        if flag_id:
            decide_flag(self, flag_id, decision)
