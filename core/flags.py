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
* Decisions apply when dated on or before the as-of date; the latest one per flag wins.

Nothing here writes to the database, so every read command stays a pure read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import validate
from .dates import now, today
from .errors import DubanError
from .i18n import pick, t
from .incidents import KINDS, timeliness
from .metrics import MetricStatus, all_metric_status, format_target, format_value
from .record import Record, latest_entries, load_record
from .status import DeadlineStatus, DutyCompliance

if TYPE_CHECKING:
    from .registry import Registry
    from .workspace import Workspace

LEVELS = ("commendation", "supervision", "accountability")  # 表彰 / 督导 / 问责
EVIDENCE_KINDS = ("task", "deadline", "duty", "metric", "incident", "checklist")
DECISIONS = ("confirmed", "dismissed")

#: Used only when a plan's [settings.flags] leaves a key out; the built-in plan sets every one.
DEFAULT_SETTINGS: dict[str, object] = {
    "supervision_overdue_days": 1,
    "accountability_overdue_days": 30,
    "duty_supervision_below": 0.90,
    "duty_accountability_below": 0.60,
    "commend_metrics_ratio": 1.0,
    "accountability_incidents": ["missing", "death", "cold_hunger"],
    "supervision_incidents": ["institution", "food_drug"],
    "report_within_days": 0,
    "report_task": "A1.4",
}


@dataclass(frozen=True)
class Evidence:
    """One fact behind a flag, with figures a committee member can check against the record."""

    kind: str
    ref: str
    text: str


@dataclass(frozen=True)
class Finding:
    """What a rule finds about a unit on one date; `subject` (a task, duty or incident) keeps causes apart."""

    unit: str
    level: str
    rule: str
    evidence: tuple[Evidence, ...]
    subject: str = ""


@dataclass(frozen=True)
class Flag:
    """A finding with its stable id, whether its cause persists, and the committee's decision."""

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


def level_label(level: str) -> str:
    """表彰/督导/问责, or the English words."""
    return t(f"lvl_{level}")


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

    def bad(key: str, expected: str):
        return DubanError(t("bad_flag_setting", setting=key, value=settings[key], expected=expected))

    for key in ("supervision_overdue_days", "accountability_overdue_days", "report_within_days"):
        if isinstance(settings[key], bool) or not isinstance(settings[key], int) or settings[key] < 0:
            raise bad(key, t("core_expected_whole_number_or_more"))
    for key in ("duty_supervision_below", "duty_accountability_below", "commend_metrics_ratio"):
        if (
            isinstance(settings[key], bool)
            or not isinstance(settings[key], (int, float))
            or not 0 <= settings[key] <= 1
        ):
            raise bad(key, t("core_expected_ratio_from"))
    for key in ("accountability_incidents", "supervision_incidents"):
        kinds = settings[key]
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds) or not set(kinds) <= set(KINDS):
            raise bad(key, t("core_expected_list_incident_kinds") + "/".join(KINDS))
    return settings


def findings(registry: Registry, record: Record, as_of: dt.date, settings: dict | None = None) -> dict[str, Finding]:
    """Every rule's findings on `as_of`, by flag id; a malformed finding is a plugin error."""
    settings = flag_settings(record) if settings is None else settings
    metrics = all_metric_status(registry, record, as_of)
    found: dict[str, Finding] = {}
    for batch in registry.hook.duban_evaluate_flags(record=record, as_of=as_of, settings=settings, metrics=metrics):
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
    for task in record.plan.tasks:
        for d in task.deadlines:
            if d.due is None:
                continue  # an undated step is never overdue
            for key in keys:
                with contextlib.suppress(OverflowError):
                    days.add(d.due + dt.timedelta(days=max(1, settings[key])))
    # Only a report that completes a deadline can end a flag (percent alone changes none).
    for entries in record.history.values():
        days.update(h.date - dt.timedelta(days=1) for h in entries if h.done_deadline is not None)
    first_week = max(1, -(-(as_of - horizon).days // 7))
    days.update(as_of - dt.timedelta(weeks=k) for k in range(first_week, (as_of - start).days // 7 + 1))
    for doc in (*record.metric_values, *record.checks):
        days.add(dt.date.fromisoformat(doc["date"]) - dt.timedelta(days=1))
    return sorted((d for d in days if start <= d < as_of), reverse=True)


def evaluate_flags(registry: Registry, record: Record, as_of: dt.date, *, include_resolved: bool = True) -> list[Flag]:
    """Open and resolved flags on `as_of`, with the committee's decisions applied, sorted by id.

    `include_resolved=False` skips the checkpoint re-evaluations (enough for a unit's current flag).
    """
    settings = flag_settings(record)
    seen: dict[str, tuple[Finding, dt.date, str]] = {
        fid: (f, as_of, "open") for fid, f in findings(registry, record, as_of, settings).items()
    }
    decided = latest_entries(record.decisions, as_of, lambda d: d["flag"])
    if include_resolved:
        open_causes = {(f.unit, f.rule, f.subject) for f, _day, _state in seen.values()}
        for day in checkpoints(record, as_of, settings):
            for fid, f in findings(registry, record, day, settings).items():
                superseded = (f.unit, f.rule, f.subject) in open_causes and fid not in decided
                if fid not in seen and not superseded:
                    seen[fid] = (f, day, "resolved")
        for fid, doc in decided.items():
            if fid not in seen:
                evidence = tuple(Evidence(*e) for e in doc.get("evidence", ()))
                seen[fid] = (
                    Finding(doc["unit"], doc["level"], doc["rule"], evidence, doc.get("subject", "")),
                    dt.date.fromisoformat(doc["date"]),
                    "resolved",
                )
    flags = []
    for fid, (f, day, state) in seen.items():
        doc = decided.get(fid)
        flags.append(
            Flag(
                fid,
                f.unit,
                f.level,
                f.rule,
                f.evidence,
                state,
                doc["decision"] if doc else None,
                doc["reason"] if doc else "",
                f.subject,
                day,
                doc.get("author", "") if doc else "",
                dt.date.fromisoformat(doc["date"]) if doc else None,
            )
        )
    return sorted(flags, key=lambda f: f.id)


def unit_flag(flags: list[Flag], unit: str) -> Flag | None:
    """The unit's current flag: open, not dismissed, most severe (then by id)."""
    current = [f for f in flags if f.unit == unit and f.state == "open" and f.decision != "dismissed"]
    return max(current, key=lambda f: (LEVELS.index(f.level), f.id), default=None)


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
        t("core_incident_line", id=doc["id"], date=doc["date"], kind=kind, note=doc["note"], timely=timely),
    )


# -- the committee's decisions ---------------------------------------------------------------------------


def decide(ws: Workspace, flag: str, decision: str, reason: str, as_of: dt.date, author: str = "") -> Flag:
    """Confirm or dismiss a flag (open or resolved) with a reason, on the record and audited."""
    if decision not in DECISIONS:
        raise ValueError(decision)
    if as_of > today():
        # A decision dated in the future would show as undecided until then: the committee decides today.
        raise DubanError(t("decision_in_future", day=as_of, today=today()))
    reason = validate.text(reason, "--reason", required=True)
    # The flags are worked out on a snapshot, without the lock; the exclusive lock is held only to append.
    with ws.db.reading() as snap:
        record = load_record(snap, ws.units)
    record.in_force(as_of)
    found = next((f for f in evaluate_flags(ws.registry, record, as_of) if f.id == flag.strip().lower()), None)
    if found is None:
        raise DubanError(t("unknown_flag", flag=flag))
    with ws.db.transaction(author or "duban") as tx:
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
            },
        )
        return Flag(
            found.id,
            found.unit,
            found.level,
            found.rule,
            found.evidence,
            found.state,
            decision,
            reason,
            found.subject,
            found.last_seen,
            doc["author"],
            as_of,
        )
