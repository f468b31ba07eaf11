"""The political-legal committee's flags: the rules' suggestions (待认定) and the committee's decisions, by
level, with evidence; confirm or dismiss with a reason, read the rules, write the supervision notice."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Label, Static

from duban.core.flags import decision_label
from duban.core.i18n import t

from ..state import View
from ..widgets.status import LEVEL_STYLES, clip, flag_detail
from ..widgets.tables import RowTable
from .base import ViewScreen


def decision_text(flag) -> Text:
    """The committee's ruling in words and colour: 待认定 stands out, so suggestions are ruled on."""
    words = decision_label(flag)
    if flag.state == "resolved":
        words += t("cli_resolved_aside", fstate_resolved=t("fstate_resolved"))
    if flag.decision:
        return Text(words, style="bold" if flag.confirmed else "grey50")
    return Text(words, style="dark_orange")


class FlagsScreen(ViewScreen):
    """Every flag, the most severe level first."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui_back"),
        Binding("c", "decide('confirm')", "tui_confirm"),
        Binding("x", "decide('dismiss')", "tui_dismiss"),
        Binding("n", "notice", "tui_notice"),
        Binding("r", "rules", "tui_rules"),
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
        unit_order = {u.code: i for i, u in enumerate(view.record.owners())}
        ranked = sorted(self._flags(view), key=lambda f: flags.sort_key(f, unit_order))
        rules = flags.flag_rules(view.registry)
        current = [f for f in ranked if f.state == "open"]
        title.update(
            t(
                "tui_flags_title",
                as_of=view.as_of,
                decided="  ".join(
                    f"{flags.level_label(level)} {sum(1 for f in current if f.level == level and f.confirmed)}"
                    for level in reversed(flags.LEVELS)
                ),
                pending=sum(1 for f in current if f.decision is None),
            )
        )
        table = self.query_one("#flags", RowTable)
        table.set_columns(
            *(t(key) for key in ("cli_level", "cli_unit", "tui_rule", "tui_evidence", "tui_state", "tui_reason"))
        )
        table.refill(
            [
                (
                    f.id,
                    [
                        Text(flags.flag_label(f), style=LEVEL_STYLES.get(f.level, "") if f.confirmed else ""),
                        clip(view.record.label(f.unit), 12),
                        clip(flags.rule_label(rules, f.rule), 16),
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
        from duban.core.flags import flag_label

        box.update(flag_detail(view.record, flag, f"{flag.id}  {view.record.label(flag.unit)}  {flag_label(flag)}"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None:
            self._evidence(self.app.view, event.row_key.value)

    def action_decide(self, decision: str) -> None:
        from ..actions import decide_flag

        flag_id = self.query_one("#flags", RowTable).current_key()
        if flag_id:
            decide_flag(self, flag_id, decision)

    def action_notice(self) -> None:
        """Write the supervision notice of the highlighted flag (a confirmed 督导 or 问责)."""
        from ..actions import write_notice

        flag_id = self.query_one("#flags", RowTable).current_key()
        if flag_id:
            write_notice(self.app, flag_id)

    def action_rules(self) -> None:
        """The rules in words, with the plan's thresholds as readings."""
        from duban.core.flags import rules_in_words

        from .dialogs import HelpScreen

        view = self.app.view
        parts = [f"# {t('tui_rules')}", t("rules_head")]
        for name, lines in rules_in_words(view.registry, view.record):
            parts.append(f"## {name}\n\n" + "\n".join(f"- {line}" for line in lines))
        self.app.push_screen(HelpScreen("\n\n".join(parts)))
