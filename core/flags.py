"""The political-legal committee's flags: commendation (表彰), supervision (督导), accountability (问责).

Rules live in plugins (``duban_evaluate_flags``); this module turns their findings into flags.

How flags keep their identity and history — derived, never stored:

* A flag's id is a short hash of (unit, level, rule, subject), e.g. unit ``civil_affairs``, level
  ``accountability``, rule ``task_overdue``, subject ``A4.1``. The same cause yields the same id at
  every evaluation, so a committee decision (stored in the ``decisions`` log under that id) sticks.
* A flag is *open* when the rules find it on the as-of date. It is *resolved* when the rules found it
  on an earlier date but no longer do: duban re-evaluates the rules at a few checkpoint dates before
  the as-of date: each week back from it and each month end (enough for duty compliance, which moves
  slowly), the first day a deadline can turn into a flag, and the day before each progress report,
  metric value or tick (the moments a cause can be cured). A flag
  the committee decided on also stays visible as resolved, rebuilt from the snapshot its decision
  keeps, even if no checkpoint saw it.
* A past flag whose unit, rule and subject are open now at another level (a supervision that grew into
  accountability) is shown once, at its current level, unless the committee decided on the old one.
* Rules only *suggest* (建议表彰 / 建议督导 / 建议问责); a flag is the committee's decision only once it
  is confirmed (四(一) gives the political-legal committee, not duban, the power to commend and to hold
  to account). Decisions apply when dated on or before the as-of date; the latest one per flag wins
  and the earlier ones stay as its history. A confirmed flag may carry an order with a due date.
* The committee does not judge itself: findings about it (``committee_unit``) are kept apart as
  findings for the coordination body, never flags.

Nothing here writes to the database, so every read command stays a pure read.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from . import validate
from .checklists import ChecklistItem, checklist_status
from .codec import from_doc, to_doc
from .dates import now, stored_date, today
from .errors import DubanError
from .frozen import frozen
from .i18n import pick, t
from .incidents import KINDS, timeliness
from .metrics import MetricStatus, all_metric_status, format_target, format_value
from .record import Record, latest_entries, load_record
from .sending import SendStatus
from .status import OVERDUE, DeadlineStatus, DutyCompliance, state_label
from .triggers import ObligationStatus, obligation_status

if TYPE_CHECKING:
    from .registry import Registry
    from .workspace import Workspace

LEVELS = ("commendation", "supervision", "accountability")  # 表彰 / 督导 / 问责
EVIDENCE_KINDS = ("task", "deadline", "duty", "metric", "incident", "checklist", "report")
DECISIONS = ("confirmed", "dismissed")
INCIDENT_KINDS_DEFAULT = ["missing", "death", "cold_hunger", "institution", "food_drug"]

#: Used only when a plan's [settings.flags] leaves a key out; the built-in plan sets every one.
DEFAULT_SETTINGS: dict[str, object] = {
    "supervision_overdue_days": 1,
    "accountability_overdue_days": 30,
    "duty_supervision_below": 0.90,
    "duty_accountability_below": 0.60,
    "commend_metrics_ratio": 1.0,
    "commend_checklist_ratio": 1.0,
    "supervision_incidents": INCIDENT_KINDS_DEFAULT,
    "report_within_days": 0,
    "report_task": "A1.4",
    "committee_unit": "political_legal",
    "silent_days": 30,
    "publish_pending": False,
}


@frozen
class Evidence:
    """One fact behind a flag, with figures a committee member can check against the record."""

    kind: str  # one of EVIDENCE_KINDS
    ref: str  # the id of the task, deadline, duty, metric, incident, item or report it is about
    text: str


@frozen
class Finding:
    """What a rule finds about a unit on one date; `subject` (a task, duty or incident) keeps causes apart."""

    unit: str
    level: str  # one of LEVELS
    rule: str  # the key of the Rule that found it
    evidence: tuple[Evidence, ...]
    subject: str = ""


@frozen
class Rule:
    """A flag rule in words: what it looks at, the settings that set its thresholds, the seed sentence it
    reads. The thresholds are the plan's readings (本系统解读), not the plan's words."""

    key: str
    name: str
    name_en: str
    looks_at: str
    looks_at_en: str
    settings: tuple[str, ...] = ()  # the [settings.flags] keys whose values are its thresholds
    basis: str = ""  # the seed's sentence it reads


def flag_rules(registry: Registry) -> list[Rule]:
    """Every rule the plugins describe, in registration order."""
    return [rule for _name, rule in registry.rules]


def rules_in_words(registry: Registry, record: Record) -> list[tuple[str, list[str]]]:
    """Every rule as (name, lines): what it looks at, its thresholds as the plan sets them (readings,
    本系统解读), and the plan's sentence it reads."""
    settings = flag_settings(record)
    described = []
    for rule in flag_rules(registry):
        lines = [pick(rule.looks_at, rule.looks_at_en)]
        lines += [t("rules_setting", setting=k, value=_setting_text(settings.get(k))) for k in rule.settings]
        if rule.basis:
            lines.append(t("rules_basis", basis=rule.basis))
        described.append((pick(rule.name, rule.name_en), lines))
    return described


def _setting_text(value) -> str:
    if isinstance(value, bool):
        return t("rules_yes") if value else t("rules_no")
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def rule_label(rules: list[Rule], key: str) -> str:
    """A rule's name in the user's language, or its key when no plugin describes it."""
    rule = next((r for r in rules if r.key == key), None)
    return pick(rule.name, rule.name_en) if rule else key


@frozen
class Decision:
    """One ruling of the committee on a flag: who, when, why, and an order with its due date."""

    decision: str  # "confirmed" | "dismissed"
    reason: str
    date: dt.date
    author: str = ""
    order: str = ""
    order_due: dt.date | None = None

    @classmethod
    def of(cls, doc: dict) -> Decision:
        """The decision a stored log document holds."""
        due = doc.get("order_due")
        return cls(
            doc["decision"],
            doc["reason"],
            dt.date.fromisoformat(doc["date"]),
            doc.get("author", ""),
            doc.get("order", ""),
            dt.date.fromisoformat(due) if due else None,
        )


@frozen
class Flag:
    """A finding with its stable id, whether its cause persists, and the committee's decision.

    `decision` None means the flag is a suggestion still to be ruled on (待认定)."""

    id: str
    unit: str
    level: str
    rule: str
    evidence: tuple[Evidence, ...]
    state: str  # "open" | "resolved"
    decision: str | None  # "confirmed" | "dismissed" | None
    reason: str
    subject: str = ""
    last_seen: dt.date | None = None
    decided_by: str = ""
    decided_on: dt.date | None = None
    order: str = ""
    order_due: dt.date | None = None
    #: earlier rulings on this flag, oldest first (a change of mind keeps what it changed)
    history: tuple[Decision, ...] = ()

    @property
    def confirmed(self) -> bool:
        """Whether the committee has made this flag its decision."""
        return self.decision == "confirmed"


def level_label(level: str) -> str:
    """表彰/督导/问责, or the English words."""
    return t(f"lvl_{level}")


def suggestion_label(level: str) -> str:
    """建议表彰/建议督导/建议问责: what a rule may say before the committee rules."""
    return t(f"sugg_{level}")


def decision_label(flag: Flag) -> str:
    """待认定 / 已认定 / 不予认定."""
    return t(f"dec_{flag.decision or 'pending'}")


def flag_label(flag: Flag) -> str:
    """A flag in words that never pass a suggestion off as a decision: 问责 once confirmed,
    建议问责（待认定） before, 建议问责（不予认定） when dismissed."""
    if flag.confirmed:
        return level_label(flag.level)
    return t("flag_suggested", level=suggestion_label(flag.level), decision=decision_label(flag))


def order_text(flag: Flag) -> str:
    """The committee's order with its due date, or ''."""
    if not flag.order:
        return ""
    return t("flag_order_due", order=flag.order, due=flag.order_due) if flag.order_due else flag.order


def ruling_lines(flag: Flag) -> list[str]:
    """The committee's ruling in plain words, one line each: who and when, why, the order and its date;
    for a suggestion, that it still waits for the committee."""
    if flag.decision is None:
        return [t("ruling_pending")]
    lines = [
        t("flag_decided_by", decision=decision_label(flag), by=flag.decided_by, on=flag.decided_on),
        t("ruling_reason", reason=flag.reason),
    ]
    if flag.order:
        lines.append(t("ruling_order", order=order_text(flag)))
    return lines


def sort_key(flag: Flag, unit_order: dict[str, int]):
    """Gravest first; pending before decided, open before resolved; then the plan's unit order."""
    return (
        -LEVELS.index(flag.level),
        flag.decision is not None,
        flag.state != "open",
        unit_order.get(flag.unit, 999),
        flag.unit,
        flag.id,
    )


def flag_id(unit: str, level: str, rule: str, subject: str = "") -> str:
    """The stable id of a flag: the same cause gives the same id at every evaluation."""
    return hashlib.sha1(f"{unit}|{level}|{rule}|{subject}".encode()).hexdigest()[:8]


def flag_settings(record: Record) -> dict:
    """The plan's [settings.flags] over the defaults (checked when the plan was loaded)."""
    return checked_flag_settings(record.plan.settings.get("flags", {}))


def checked_flag_settings(raw: object) -> dict:
    """[settings.flags] over the defaults; a bad value is a DubanError naming its key."""
    if not isinstance(raw, dict):
        raise DubanError(t("bad_flag_setting", setting="flags", value=raw, expected=t("core_expected_table")))
    settings = {**DEFAULT_SETTINGS, **raw}
    old = raw.get("accountability_incidents")
    if isinstance(old, list) and isinstance(settings["supervision_incidents"], list):
        # A plan written before the committee judged consequences itself: the kinds it sent straight to
        # accountability now suggest supervision, and accountability waits for the committee's judgement.
        settings["supervision_incidents"] = list(dict.fromkeys([*old, *settings["supervision_incidents"]]))

    def bad(key: str, expected: str):
        return DubanError(t("bad_flag_setting", setting=key, value=settings[key], expected=expected))

    for key in ("supervision_overdue_days", "accountability_overdue_days", "report_within_days", "silent_days"):
        if isinstance(settings[key], bool) or not isinstance(settings[key], int) or settings[key] < 0:
            raise bad(key, t("core_expected_whole_number_or_more"))
    for key in (
        "duty_supervision_below",
        "duty_accountability_below",
        "commend_metrics_ratio",
        "commend_checklist_ratio",
    ):
        if (
            isinstance(settings[key], bool)
            or not isinstance(settings[key], (int, float))
            or not 0 <= settings[key] <= 1
        ):
            raise bad(key, t("core_expected_ratio_from"))
    kinds = settings["supervision_incidents"]
    if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds) or not set(kinds) <= set(KINDS):
        raise bad("supervision_incidents", t("core_expected_list_incident_kinds") + "/".join(KINDS))
    if not isinstance(settings["publish_pending"], bool):
        raise bad("publish_pending", "true / false")
    if not isinstance(settings["committee_unit"], str):
        raise bad("committee_unit", t("bad_unit_code_setting"))
    return settings


def findings(registry: Registry, record: Record, as_of: dt.date, settings: dict | None = None) -> dict[str, Finding]:
    """Every rule's findings on `as_of` that may become flags, by flag id (not those about the committee)."""
    settings = flag_settings(record) if settings is None else settings
    found = all_findings(registry, record, as_of, settings)
    return {fid: f for fid, f in found.items() if f.unit != settings["committee_unit"]}


def committee_findings(registry: Registry, record: Record, as_of: dt.date) -> list[Finding]:
    """What the rules find about the committee itself: for the coordination body, as findings, not flags."""
    settings = flag_settings(record)
    return [f for f in all_findings(registry, record, as_of, settings).values() if f.unit == settings["committee_unit"]]


def all_findings(registry: Registry, record: Record, as_of: dt.date, settings: dict) -> dict[str, Finding]:
    """Every rule's findings on `as_of`, by flag id; a malformed finding is a plugin error."""
    metrics = all_metric_status(registry, record, as_of)
    checklists = {u.code: checklist_status(registry, record, u.code, as_of) for u in record.units.values()}
    found: dict[str, Finding] = {}
    for batch in registry.hook.duban_evaluate_flags(
        record=record, as_of=as_of, settings=settings, metrics=metrics, checklists=checklists
    ):
        for f in batch or ():
            if (
                not isinstance(f, Finding)
                or f.level not in LEVELS
                or f.unit not in record.units
                or not all(isinstance(e, Evidence) and e.kind in EVIDENCE_KINDS for e in f.evidence)
            ):
                raise DubanError(t("plugin_error", problem=f"duban_evaluate_flags returned an invalid finding: {f!r}"))
            found[flag_id(f.unit, f.level, f.rule, f.subject)] = f
    return found


def checkpoints(record: Record, as_of: dt.date, settings: dict) -> list[dt.date]:
    """Earlier dates at which the rules are re-run to find flags since resolved, newest first."""
    start = record.plan.period_start
    days: set[dt.date] = set()
    keys = ("supervision_overdue_days", "accountability_overdue_days")
    # Past the action's end (and its thresholds) only recorded events change anything, and their dates
    # are checkpoints below: the calendar series stop there, so a far --as-of stays quick.
    try:
        horizon = min(as_of, record.plan.period_end + dt.timedelta(days=max(1, *(settings[k] for k in keys)) + 7))
    except OverflowError:
        horizon = as_of
    month_end = dt.date(start.year, start.month, 1)
    while True:
        try:
            month_end = (month_end.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        except OverflowError:
            break
        if month_end - dt.timedelta(days=1) >= horizon:
            break
        days.add(month_end - dt.timedelta(days=1))
    # The first day each date can turn into a flag: deadlines (an undated step is never overdue), the
    # plan's reports up, and the obligations recorded events started.
    dues = [d.due for task in record.plan.tasks for d in task.deadlines if d.due is not None]
    dues += [m.date for m in record.plan.milestones if m.unit]
    dues += [o.due for o in obligation_status(record, as_of)]
    for due in set(dues):
        for key in keys:
            with contextlib.suppress(OverflowError):
                days.add(due + dt.timedelta(days=max(1, settings[key])))
    # Only a report that completes a deadline can end a flag (percent alone changes none).
    for entries in record.history.values():
        days.update(h.date - dt.timedelta(days=1) for h in entries if h.done_deadline is not None)
    first_week = max(1, -(-(as_of - horizon).days // 7))
    days.update(as_of - dt.timedelta(weeks=k) for k in range(first_week, (as_of - start).days // 7 + 1))
    for doc in (*record.metric_values, *record.checks, *record.sends, *record.fulfilments):
        days.add(stored_date(doc["date"]) - dt.timedelta(days=1))
    return sorted((d for d in days if start <= d < as_of), reverse=True)


def evaluate_flags(registry: Registry, record: Record, as_of: dt.date, *, include_resolved: bool = True) -> list[Flag]:
    """Open and resolved flags on `as_of`, with the committee's decisions applied, sorted by id.

    `include_resolved=False` skips the checkpoint re-evaluations (enough for a unit's current flag).
    Worked out once per commit, date and language (core.commitcache).
    """
    from .commitcache import remembered

    flags = remembered(
        record,
        registry,
        ["flags", as_of.isoformat(), include_resolved],
        lambda: _evaluated(registry, record, as_of, include_resolved),
        to_doc,
        lambda doc: from_doc(Flag, doc),
    )
    if include_resolved:
        record.in_force(as_of)  # where the checkpoints leave the record, kept result or not
    return flags


def _evaluated(registry: Registry, record: Record, as_of: dt.date, include_resolved: bool) -> list[Flag]:
    settings = flag_settings(record)
    seen: dict[str, tuple[Finding, dt.date, str]] = {
        fid: (f, as_of, "open") for fid, f in findings(registry, record, as_of, settings).items()
    }
    rulings = [d for d in record.decisions if "flag" in d]
    decided = latest_entries(rulings, as_of, lambda d: d["flag"])
    history: dict[str, list[Decision]] = {}
    for doc in sorted(rulings, key=lambda d: (d["date"], d["id"])):
        if doc["date"] <= as_of.isoformat() and doc is not decided.get(doc["flag"]):
            history.setdefault(doc["flag"], []).append(Decision.of(doc))
    if include_resolved:
        open_causes = {(f.unit, f.rule, f.subject) for f, _day, _state in seen.values()}
        kept = set(record.status_memo)
        try:
            for day in checkpoints(record, as_of, settings):
                record.in_force(day)  # on each day a unit answers for the plan then in force, no other
                for fid, f in findings(registry, record, day, settings).items():
                    superseded = (f.unit, f.rule, f.subject) in open_causes and fid not in decided
                    if fid not in seen and not superseded:
                        seen[fid] = (f, day, "resolved")
                # A checkpoint's statuses serve that checkpoint only: held for all of them, they were most
                # of a large record's memory (every task's status on 30 dates) and slowed every allocation.
                for key in [k for k in record.status_memo if k not in kept and day in k]:
                    del record.status_memo[key]
        finally:
            record.in_force(as_of)
        for fid, doc in decided.items():
            if fid not in seen:
                evidence = tuple(Evidence(*e) for e in doc.get("evidence", ()))
                seen[fid] = (
                    Finding(doc["unit"], doc["level"], doc["rule"], evidence, doc.get("subject", "")),
                    dt.date.fromisoformat(doc["date"]),
                    "resolved",
                )
    flags = [_flag(fid, f, state, day, decided.get(fid), history.get(fid, ())) for fid, (f, day, state) in seen.items()]
    unit_order = {u.code: i for i, u in enumerate(record.owners())}
    return sorted(flags, key=lambda f: sort_key(f, unit_order))


def _flag(fid: str, f: Finding, state: str, day: dt.date, doc: dict | None, history) -> Flag:
    ruling = Decision.of(doc) if doc else None
    return Flag(
        fid,
        f.unit,
        f.level,
        f.rule,
        f.evidence,
        state,
        ruling.decision if ruling else None,
        ruling.reason if ruling else "",
        f.subject,
        day,
        ruling.author if ruling else "",
        ruling.date if ruling else None,
        ruling.order if ruling else "",
        ruling.order_due if ruling else None,
        tuple(history),
    )


def unit_flag(flags: list[Flag], unit: str, pending: bool = True) -> Flag | None:
    """The unit's current flag: the committee's decision first, then (if `pending`) a suggestion;
    never a dismissed one; the most severe of each."""
    return current_flags([f for f in flags if f.unit == unit], pending).get(unit)


def current_flags(flags: list[Flag], pending: bool = True) -> dict[str, Flag]:
    """Every unit's current flag (as `unit_flag`), in one pass over the flags."""
    found: dict[str, Flag] = {}
    for f in flags:
        if f.state != "open" or not (f.confirmed or (pending and f.decision is None)):
            continue
        held = found.get(f.unit)
        if held is None or _weight(f) > _weight(held):
            found[f.unit] = f
    return found


def _weight(flag: Flag) -> tuple:
    return (flag.confirmed, LEVELS.index(flag.level), flag.id)


# -- evidence texts shared by rules --------------------------------------------------------------------


def deadline_evidence(record: Record, d: DeadlineStatus) -> Evidence:
    """An overdue, or met, deadline with its dates."""
    task = record.plan.known_task(d.task)
    head = t(
        "core_deadline_head",
        id=task.id,
        title=pick(task.title, task.title_en),
        label=pick(d.deadline.label, d.deadline.label_en),
    )
    if d.done_on is None:
        text = t("core_due_days_overdue", head=head, due=d.deadline.due, days_overdue=d.days_overdue)
    else:
        text = t("core_due_done", head=head, due=d.deadline.due or "—", done_on=d.done_on)
    return Evidence("deadline", f"{task.id}#{d.index}", text)


def duty_evidence(c: DutyCompliance) -> Evidence:
    """A recurring duty's compliance: A1.3 每日巡查 完成率 61%（应 168 次，实 103 次）."""
    title = f"{c.duty.task} {pick(c.duty.title, c.duty.title_en)}"
    pct = round(100 * (c.ratio or 0))
    return Evidence(
        "duty",
        f"{c.duty.id}@{c.unit}",
        t("core_duty_done_rate", title=title, pct=pct, expected=c.expected, logged=c.logged),
    )


def metric_evidence(record: Record, s: MetricStatus) -> Evidence:
    """A metric's value against its target."""
    m = s.metric
    when = t("core_entered_on", as_of=s.as_of) if m.source == "entered" and s.as_of else ""
    return Evidence(
        "metric",
        f"{m.unit}.{m.id}",
        t(
            "core_metric_vs_target",
            name=pick(m.name, m.name_en),
            value=format_value(m, s.value),
            m=format_target(m),
            when=when,
        ),
    )


def incident_evidence(doc: dict, allowed_days: int) -> Evidence:
    """An incident with its date, note and how fast it was reported up."""
    kind, timely = KINDS[doc["kind"]].label, timeliness(doc, allowed_days)
    return Evidence(
        "incident",
        f"incident:{doc['id']}",
        t("ev_incident", date=doc["date"], kind=kind, note=doc["note"], timely=timely),
    )


def serious_evidence(mark: dict) -> str:
    """The committee's judgement that an incident caused serious consequences, with its reason."""
    return t("ev_serious", date=mark["date"], by=mark.get("author", ""), reason=mark["reason"])


def checklist_evidence(item: ChecklistItem, due: dt.date) -> Evidence:
    """A checklist item still not done although the deadline it serves has passed."""
    return Evidence(
        "checklist", f"{item.unit}.{item.id}", t("ev_checklist_late", item=pick(item.title, item.title_en), due=due)
    )


def checklist_done_evidence(items) -> Evidence:
    """The whole checklist ticked: the seed's 落实到位."""
    done = sum(s.done for s in items)
    return Evidence("checklist", items[0].item.unit, t("ev_checklist_done", done=done, total=len(items)))


def obligation_evidence(o: ObligationStatus) -> Evidence:
    """An obligation an event started, with its case number (never a name), its dates and where it stands."""
    if o.done_on is not None:
        state = t("ev_done_on", date=o.done_on)
    else:
        state = t("st_overdue_days", days=o.days_overdue) if o.state == OVERDUE else state_label(o.state)
    text = t(
        "ev_obligation",
        trigger=o.trigger.id,
        title=pick(o.trigger.title, o.trigger.title_en),
        case=o.case,
        event_date=o.event_date,
        due=o.due,
        state=state,
    )
    return Evidence("deadline", f"{o.trigger.id}:{o.case}", text)


def send_evidence(record: Record, s: SendStatus) -> Evidence:
    """A report up the unit owes (三(二)): sent or not by its date, and the copies still to go out."""
    m = s.milestone
    state = t("ev_report_sent", date=s.sent_on) if s.sent_on else t("ev_report_unsent", days=s.days_overdue)
    if s.copies_missing and s.days_left < 0:
        copies = t("list_sep").join(record.label(c) for c in s.copies_missing)
        state += t("list_sep") + t("ev_copies_left", copies=copies)
    return Evidence(
        "report", m.id, t("ev_report", period=m.id, title=pick(m.title, m.title_en), due=m.date, state=state)
    )


def silence_evidence(last: dt.date | None, quiet: int, open_tasks) -> Evidence:
    """A unit that has gone quiet while it still has work open."""
    tasks = t("list_sep").join(f"{task.id} {pick(task.title, task.title_en)}" for task in open_tasks)
    said = t("ev_silent", last=last, days=quiet) if last else t("ev_never_reported", days=quiet)
    return Evidence("task", ";".join(task.id for task in open_tasks), t("ev_open_tasks", said=said, tasks=tasks))


# -- the committee's decisions ---------------------------------------------------------------------------


def find_flag(registry: Registry, record: Record, flag_id: str, as_of: dt.date) -> Flag:
    """The flag `flag_id` (as `duban flags` shows it) on `as_of`, open or resolved; else an error naming it."""
    found = next((f for f in evaluate_flags(registry, record, as_of) if f.id == flag_id.strip().lower()), None)
    if found is None:
        raise DubanError(t("unknown_flag", flag=flag_id))
    return found


def noticeable(flag: Flag) -> bool:
    """Whether a flag may have a supervision notice: the committee confirmed it as 督导 or 问责."""
    return flag.confirmed and flag.level in ("supervision", "accountability")


def decide(ws: Workspace, flag: str, ruling: Decision, *, revise: bool = False) -> Flag:
    """Record the committee's `ruling` (confirm or dismiss, with a reason, on its date, by its author) on
    a flag, open or resolved, audited.

    A flag already ruled on keeps its ruling unless `revise` is given with a new reason; the earlier
    ruling stays in the log as the flag's history. Only a confirmation carries an order."""
    decision, as_of, author, order_due = ruling.decision, ruling.date, ruling.author, ruling.order_due
    if decision not in DECISIONS:
        raise ValueError(decision)
    _decided_by_today(as_of)
    reason = validate.text(ruling.reason, "--reason", required=True)
    order = validate.text(ruling.order, "--order")
    if (order or order_due) and decision != "confirmed":
        raise DubanError(t("order_needs_confirm"))
    if order_due and not order:
        raise DubanError(t("order_due_needs_order"))
    if order_due and order_due < as_of:
        raise DubanError(t("order_due_past", due=order_due, date=as_of))
    # The flags are worked out on a snapshot, without the lock; the exclusive lock is held only to append.
    with ws.db.reading() as snap:
        record = load_record(snap, ws.units)
        seen_rulings = snap.log_length("decisions")
    record.in_force(as_of)
    found = find_flag(ws.registry, record, flag, as_of)
    if found.decision and not revise:
        raise DubanError(
            t(
                "already_decided",
                flag=found.id,
                decision=decision_label(found),
                by=found.decided_by,
                on=found.decided_on,
                reason=found.reason,
            )
        )
    if found.decision and reason == found.reason:
        raise DubanError(t("revise_needs_reason", flag=found.id))
    with ws.db.transaction(author or "duban") as tx:
        # Someone else ruled on this flag since the snapshot: their ruling stands until revised knowingly.
        if not revise and any(d.get("flag") == found.id for d in tx.log_tail("decisions", seen_rulings)):
            raise DubanError(t("decided_meanwhile", flag=found.id))
        doc: dict[str, Any] = {
            "flag": found.id,
            "decision": decision,
            "reason": reason,
            "date": as_of.isoformat(),
            "author": author or "duban",
            "unit": found.unit,
            "level": found.level,
            "rule": found.rule,
            "subject": found.subject,
            "evidence": [[e.kind, e.ref, e.text] for e in found.evidence],
        }
        if order:
            doc["order"] = order
        if order_due:
            doc["order_due"] = order_due.isoformat()
        decision_id = tx.append("decisions", doc | {"recorded_at": now().isoformat()})
        tx.audit(
            f"flag_{decision}",
            found.id,
            {"decision": found.decision, "reason": found.reason},
            {
                "decision": decision,
                "reason": reason,
                "unit": found.unit,
                "level": found.level,
                "decision_id": decision_id,
                "order": order,
                "order_due": doc.get("order_due"),
            },
        )
        earlier = found.history
        if found.decision:
            earlier += (
                Decision(
                    found.decision,
                    found.reason,
                    found.decided_on or as_of,
                    found.decided_by,
                    found.order,
                    found.order_due,
                ),
            )
        return dataclasses.replace(
            found,
            decision=decision,
            reason=reason,
            decided_by=doc["author"],
            decided_on=as_of,
            order=order,
            order_due=order_due,
            history=earlier,
        )


# -- the committee's judgement of an incident's consequences ---------------------------------------------


def serious_incidents(record: Record, as_of: dt.date) -> dict[int, dict]:
    """Incidents the committee has marked as 造成严重后果 by `as_of` (its latest judgement counts)."""
    marks = latest_entries([d for d in record.decisions if "incident" in d], as_of, lambda d: d["incident"])
    return {k: d for k, d in marks.items() if d["serious"]}


def _decided_by_today(day: dt.date) -> None:
    # A ruling dated in the future would show as undecided until then: the committee decides today.
    if day > today():
        raise DubanError(t("decision_in_future", day=day, today=today()))


def judge_incident(ws: Workspace, incident: str, serious: bool, reason: str, as_of: dt.date, author: str = "") -> dict:
    """Record the committee's judgement whether an incident caused serious consequences (四(一))."""
    _decided_by_today(as_of)
    with ws.db.transaction(author or "duban") as tx:
        record = load_record(tx, ws.units)
        reason = validate.text(reason, "--reason", required=True)
        key = incident.strip().lstrip("#")
        doc = next((d for d in record.incidents if str(d["id"]) == key and d["date"] <= as_of.isoformat()), None)
        if doc is None:
            raise DubanError(t("unknown_incident", incident=incident))
        mark = {
            "incident": doc["id"],
            "serious": serious,
            "reason": reason,
            "date": as_of.isoformat(),
            "author": author or "duban",
        }
        mark_id = tx.append("decisions", mark | {"recorded_at": now().isoformat()})
        tx.audit("incident_judged", f"incident:{doc['id']}", None, mark | {"decision_id": mark_id})
        return mark
