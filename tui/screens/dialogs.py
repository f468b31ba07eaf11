"""Small modal dialogs: pick a date, give a reason or a value, read the help."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Markdown

from duban.core.errors import DubanError
from duban.core.i18n import t

from ..text import localize_bindings


class AskDialog(ModalScreen[str | None]):
    """Ask for one line of text, checked by `check` as the user types; dismisses with the text or None."""

    BINDINGS = [Binding("escape", "cancel", "tui_back")]
    #: Esc was pressed once on a changed answer
    leaving = False

    def __init__(self, title: str, value: str = "", placeholder: str = "", check=None):
        super().__init__(classes="dialog")
        localize_bindings(self)
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="panel-title")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Label(t("tui_enter_accept_esc_cancel"), id="problem", classes="hint")

    def _problem(self, value: str) -> str | None:
        if self.check is None:
            return None
        try:
            self.check(value)
        except DubanError as exc:
            return str(exc)
        return None

    def _say(self, problem: str | None) -> None:
        label = self.query_one("#problem", Label)
        label.update(Text(problem or t("tui_enter_accept_esc_cancel")))  # quotes what was typed: not markup
        label.set_class(problem is not None, "error")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.leaving = False
        self._say(self._problem(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self._problem(event.value)
        if problem is None:
            self.dismiss(event.value.strip())
        else:
            self._say(problem)  # say why nothing happened (an empty reason, say)

    def action_cancel(self) -> None:
        # A changed answer is not thrown away on one Esc: the first asks, the second discards.
        if self.query_one("#answer", Input).value != self.value and not self.leaving:
            self.leaving = True
            self._say(t("tui_discard_changes"))
            return
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """The key bindings and what each screen shows."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "tui_back")]

    def __init__(self, text: str):
        super().__init__(classes="dialog")
        localize_bindings(self)
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box help-box"):
            yield Markdown(self.text)

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A list to read (changes or problems) and, when allowed, Enter to apply; Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "tui_back"), Binding("enter", "apply", "tui_apply")]

    def __init__(self, title: str, lines: list[str], can_apply: bool, hint: str | None = None):
        super().__init__(classes="dialog")
        localize_bindings(self)
        self.title_text = title
        self.lines = lines
        self.can_apply = can_apply
        self.hint = hint  # what Enter does, when it is not an import

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box help-box"):
            yield Label(self.title_text, classes="panel-title" if self.can_apply else "error")
            for line in self.lines:
                yield Label(Text(line))
            yield Label(
                self.hint or (t("tui_enter_import_esc_cancel") if self.can_apply else t("tui_esc_go_back")),
                classes="hint",
            )

    def action_apply(self) -> None:
        if self.can_apply:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
