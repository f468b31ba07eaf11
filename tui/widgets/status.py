"""Status in words and colour: every state the status engine names gets a word and a style."""

from __future__ import annotations

from rich.text import Text

from duban.core.i18n import t
from duban.core.status import DONE_LATE, DONE_ON_TIME, IN_PROGRESS, NOT_STARTED, OVERDUE, state_label

STATE_STYLES = {
    OVERDUE: "bold red",
    DONE_LATE: "dark_orange",
    DONE_ON_TIME: "green",
    IN_PROGRESS: "dodger_blue2",
    NOT_STARTED: "grey50",
}
LEVEL_STYLES = {"commendation": "bold green", "supervision": "bold dark_orange", "accountability": "bold red"}


def state_text(state: str, days_overdue: int = 0) -> Text:
    """A task or deadline state as coloured words, with the days overdue when late."""
    words = state_label(state)
    if state == OVERDUE and days_overdue:
        words += f" {days_overdue}{t('cli_days_suffix')}"
    return Text(words, style=STATE_STYLES.get(state, ""))


def count_text(n: int, style: str) -> Text:
    """A count that stands out (in `style`) only when it is not zero."""
    return Text(str(n), style=style if n else "grey50")


def percent_text(value: float | None) -> Text:
    """A percentage, or a dash when nothing is due yet."""
    return Text("—" if value is None else f"{value:.0f}%", justify="right")


#: Marks that keep a level visible without colour (NO_COLOR): the more marks, the more severe.
LEVEL_MARKS = {"commendation": "★", "supervision": "▲", "accountability": "▲▲"}


def flag_text(flag) -> Text:
    """A unit's current flag in words, or a dash: a decision with its level's mark and colour, a suggestion
    marked 待认定, unmarked and uncoloured, so the two never look alike."""
    from duban.core.flags import flag_label, level_label

    if flag is None:
        return Text("—", style="grey50")
    if flag.confirmed:
        return flag_words(flag.level, level_label)
    return Text(flag_label(flag))


def flag_words(level: str | None, level_label, after: str = "") -> Text:
    """A decided level's mark and word (▲▲ 问责) in its colour, in bold, followed by `after`."""
    text = Text()
    if level is not None:
        text.append(f"{LEVEL_MARKS.get(level, '')} {level_label(level)} ", style=LEVEL_STYLES.get(level, "bold"))
    text.append(after)
    return text


def clip(text: str, width: int) -> Text:
    """`text` cut to `width` terminal cells (a Chinese character takes two) with an ellipsis."""
    return fitted(Text(text), width)


def fitted(text: Text, width: int) -> Text:
    """Styled `text` cut to `width` terminal cells with an ellipsis (its styles kept)."""
    text.truncate(width, overflow="ellipsis")
    return text


def flag_detail(record, flag, heading: str) -> Text:
    """A flag's heading line, the committee's ruling (or that it is pending), and every fact in plain words."""
    from duban.core.flags import ruling_lines

    text = Text()
    text.append(heading + "\n", style="bold")
    for line in ruling_lines(flag):
        text.append(line + "\n", style="" if flag.decision else "dark_orange")
    for e in flag.evidence:
        text.append(f" • {e.text}\n")
    return text
