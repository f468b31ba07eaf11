"""A unit's week in a few lines: the plain-text message a secretariat sends by WeChat or SMS."""

from __future__ import annotations

import datetime as dt

from .flags import flag_label
from .i18n import pick, t
from .record import Record
from .status import DeadlineStatus, all_duty_compliance, all_task_status

#: Days ahead that count as "this week".
WEEK = 7
#: Items named per line before "… and N more": a message must fit one phone screen.
SHOWN = 3
#: Characters of a decided flag's reason shown.
WHY = 24


def _day(day: dt.date) -> str:
    return t("dg_day", month=day.month, day=day.day)


def _listed(items: list[str]) -> str:
    more = t("dg_more", n=len(items) - SHOWN) if len(items) > SHOWN else ""
    return t("dg_sep").join(items[:SHOWN]) + more


def _deadline(record: Record, d: DeadlineStatus, words: str) -> str:
    task = record.plan.known_task(d.task)
    if d.was:  # 延期至 …（原 …）: in place of the due day, after the days overdue
        words = t("list_sep").join((words, d.extended_note())) if d.days_overdue else d.extended_note()
    return t("dg_item", item=f"{d.task} {pick(task.title, task.title_en)}", words=words)


def unit_digest(flags, record: Record, unit: str, as_of: dt.date) -> str:
    """What `unit` should hear on `as_of`: deadlines this week, what is overdue, duties behind, and the
    committee's decisions on its flags (`flags` as evaluated on that day); suggestions are not decisions."""
    # Its own parts only: a co-responsible unit's late step is not this unit's to hear about.
    parts = [p for s in all_task_status(record, as_of) if (p := s.part(unit)) is not None]
    open_deadlines = [d for p in parts for d in p.deadlines if d.done_on is None]
    due = sorted((d for d in open_deadlines if d.days_left is not None and 0 <= d.days_left < WEEK), key=_due)
    late = sorted((d for d in open_deadlines if d.days_overdue > 0), key=lambda d: -d.days_overdue)
    behind = [c for c in all_duty_compliance(record, as_of) if c.unit == unit and c.expected and c.logged < c.expected]
    mine = [f for f in flags if f.unit == unit and f.state == "open"]
    lines = [t("dg_head", unit=record.label(unit), day=_day(as_of))]
    if due:
        lines.append(t("dg_due", items=_listed([_deadline(record, d, _day(_due(d))) for d in due])))
    if late:
        words = [_deadline(record, d, t("dg_late_days", days=d.days_overdue)) for d in late]
        lines.append(t("dg_late", items=_listed(words)))
    if behind:
        words = [
            t("dg_duty", duty=pick(c.duty.title, c.duty.title_en), logged=c.logged, expected=c.expected)
            for c in sorted(behind, key=lambda c: c.logged / c.expected)
        ]
        lines.append(t("dg_behind", items=_listed(words)))
    decided = [f for f in mine if f.decision]
    if decided:
        # A confirmed flag reads as its level (问责); a dismissed one as the suggestion it was (建议督导（不予认定）).
        words = [t("dg_decision", label=flag_label(f), why=_why(f)) for f in decided]
        lines.append(t("dg_decided", items=_listed(words)))
    if len(lines) == 1:
        lines.append(t("dg_nothing"))
    pending = [f for f in mine if not f.decision]
    if pending:  # suggestions are counted, never named as if decided
        lines.append(t("dg_pending", n=len(pending)))
    return "\n".join(lines)


def _due(d: DeadlineStatus) -> dt.date:
    return d.deadline.due or dt.date.max  # an undated step is never due soon


def _why(flag) -> str:
    """The flag's first fact, cut short: a message is read on a phone."""
    text = flag.evidence[0].text if flag.evidence else flag.rule
    return text if len(text) <= WHY else text[: WHY - 1] + "…"
