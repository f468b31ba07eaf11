"""The record: the plan plus everything reported on it, loaded from one database snapshot."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .codec import from_doc, to_doc
from .dates import made_on, stored_date
from .folds import duty_dates as duty_dates_of
from .folds import live, task_history
from .frozen import frozen
from .i18n import pick
from .model import Action, HistoryEntry, Milestone, Plan, RecurringDuty, Task, Trigger, Unit

if TYPE_CHECKING:
    from .store import Database

#: The plans amendments replaced, each with the day it stopped being in force (core.amend).
PLAN_VERSIONS = "plan_versions"
#: One document per amendment: its number, effective day, author, reason and changes (core.amend).
AMENDMENTS = "amendments"
#: Append-only logs the record carries whole (they are small: ticks, values, incidents, decisions).
UNIT_LOGS = ("checks", "metric_values", "incidents", "decisions", "sends", "events", "fulfilments")


@frozen
class Origin:
    """The commit a record was read whole from."""

    db: Database
    meta: dict  # meta.json as read: every table's file, every log's committed length, the generation
    texts: bool  # whether the tasks' plan texts were read


@dataclass
class Record:
    """Everything status is computed from: the plan, its owners, reports, duty logs, and the units' own
    record (checklist ticks, metric values, incidents, the committee's decisions), oldest first."""

    plan: Plan
    units: dict[str, Unit]
    history: dict[str, list[HistoryEntry]] = field(default_factory=dict)
    duty_dates: dict[tuple[str, str], list[dt.date]] = field(default_factory=dict)
    info: dict = field(default_factory=dict)
    checks: list[dict] = field(default_factory=list)
    metric_values: list[dict] = field(default_factory=list)
    incidents: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    #: the plan's reports sent up, and their copies (core.sending)
    sends: list[dict] = field(default_factory=list)
    #: events the secretariat recorded, and the triggered obligations fulfilled (core.triggers)
    events: list[dict] = field(default_factory=list)
    fulfilments: list[dict] = field(default_factory=list)
    #: units' requests to move their deadlines and the secretariat's rulings on them (core.extensions)
    extensions: list[dict] = field(default_factory=list)
    #: every task's status and every duty's compliance by plan in force and as-of date, worked out once
    #: (core.status): the overview, the plugins' rules and the listings of one command share them; a
    #: change to `history` or `duty_dates` clears them
    status_memo: dict[tuple, list] = field(default_factory=dict, init=False, repr=False, compare=False)
    #: the plans amendments replaced, oldest first: {"amendment", "until", "tables"} (core.amend)
    superseded: list[dict] = field(default_factory=list)
    #: the amendments of the plan, oldest first (core.amend)
    amendments: list[dict] = field(default_factory=list)
    #: how to build the units of another plan of this record (plugin units, stored contacts, load options)
    _base: tuple = field(default=((), (), True, None), repr=False)
    #: the plans this record can show: None = the current one, else the amendment that replaced it
    _plans: dict = field(default_factory=dict, repr=False)
    _in_force: int | None = field(default=None, repr=False)
    #: the commit the record was read whole from, so that what is worked out from it can be kept for that
    #: commit (core.commitcache); None when read in part or inside a transaction, and once changed in memory
    origin: Origin | None = field(default=None, repr=False, compare=False)

    def changed(self) -> None:
        """Note a change made in memory (a write's own entry): the statuses worked out no longer hold,
        and the record is no longer what its commit holds."""
        self.status_memo.clear()
        self.origin = None

    def extended(self, task_id: str, as_of: dt.date | None = None) -> dict[tuple[int, str], dt.date]:
        """The new due dates that extensions approved by `as_of` (any day, if None) give `task_id`'s
        deadlines, by (index, unit): before its approval a deadline stands as the plan set it."""
        memo = self.__dict__.setdefault("_extended", {})
        if as_of not in memo:
            approved = {
                d["request"]
                for d in self.extensions
                if d["kind"] == "approve" and (as_of is None or made_on(d) <= as_of)
            }
            moved: dict[str, dict[tuple[int, str], dt.date]] = {}
            for doc in sorted(self.extensions, key=lambda d: d["id"]):
                if doc["kind"] == "request" and doc["id"] in approved:
                    moved.setdefault(doc["task"], {})[(doc["step"], doc["unit"])] = dt.date.fromisoformat(doc["to"])
            memo[as_of] = moved
        return memo[as_of].get(task_id, {})

    def retired(self, kind: str, ident: str) -> dict | None:
        """The amendment that retired the task, duty or unit `ident` (kind "task", "duty", "unit"), if it
        is retired now: {"n", "effective", "reason"}."""
        kinds = ("township_retired", "unit_retired") if kind == "unit" else (f"{kind}_retired",)
        for doc in reversed(self.amendments):
            for change in doc["changes"]:
                if change["target"] == ident and change["kind"] in kinds:
                    return {"n": doc["n"], "effective": doc["effective"], "reason": doc["reason"]}
                if change["target"] == ident and change["kind"].endswith("_added"):
                    return None  # retired once, added again since
        return None

    def knows_task(self, task_id: str) -> bool:
        """Whether any version of the plan has the task: a plugin's link to a task an amendment retired (or
        added after the day in view) names a real task, not a mistake to refuse every command over."""
        plans = [self.plan, *(plan for plan, _units in self._plans.values())]
        return any(plan.task(task_id) is not None for plan in plans) or any(
            doc["id"] == task_id for v in self.superseded for doc in v["tables"].get("tasks", ())
        )

    def in_force(self, as_of: dt.date) -> None:
        """Hold the plan in force on `as_of`: before an amendment's date, the plan as it stood then."""
        version = next((v for v in self.superseded if as_of.isoformat() < v["until"]), None)
        key = version["amendment"] if version else None
        if key == self._in_force:
            return
        self._plans.setdefault(self._in_force, (self.plan, self.units))
        if key not in self._plans:
            assert version is not None  # the plan in force now is always known
            plugin_units, contacts, texts, only = self._base
            plan = plan_from_tables(lambda name: version["tables"].get(name, []), texts, only)
            self._plans[key] = (plan, units_of(dict(plugin_units), plan, contacts))
        self.plan, self.units = self._plans[key]
        self._in_force = key

    def owners(self) -> list[Unit]:
        """Units that own a task or a duty, in the plan's order."""
        codes = {c for task in self.plan.tasks for c in task.parties}
        codes |= {c for d in self.plan.duties for c in self.duty_units(d)}
        return sorted((self.units[c] for c in codes if c in self.units), key=lambda u: (u.order, u.code))

    def townships(self) -> list[Unit]:
        """The townships configured for this plan."""
        return sorted((u for u in self.units.values() if u.kind == "township"), key=lambda u: (u.order, u.code))

    def duty_units(self, duty: RecurringDuty) -> list[str]:
        """Who must perform `duty`: its units, and each township for a per-township duty.

        A per-township duty with no townships configured has no performer rather than falling on
        another unit: the plan must list its townships (see docs/plan-format.md).
        """
        towns = [u.code for u in self.townships()] if duty.per_township else []
        return list(dict.fromkeys((*duty.units, *towns)))

    def duty_dates_for(self, duty: RecurringDuty, unit: str) -> list[dt.date]:
        """The dates that count for `unit`'s compliance: its own logs, or for a joint duty any
        performer's (one log per period from any of them keeps the period for all)."""
        if duty.joint == "any":
            return sorted({d for u in self.duty_units(duty) for d in self.duty_dates.get((duty.id, u), [])})
        return self.duty_dates.get((duty.id, unit), [])

    def last_entries(self, as_of: dt.date) -> dict[str, dt.date]:
        """The last day on or before `as_of` each unit entered anything of its own: a progress report, a
        duty log, a tick, a metric value, a report sent up, an obligation met."""
        last: dict[str, dt.date] = {}
        for unit, days in self._entry_days().items():
            k = bisect.bisect_right(days, as_of)
            if k:
                last[unit] = days[k - 1]
        return last

    def _entry_days(self) -> dict[str, list[dt.date]]:
        """Every day each unit entered anything, sorted, gathered once: the flags ask on many dates. Kept
        with the statuses (a change to the history or duty dates clears them); the other logs only grow."""
        logs = (self.checks, self.metric_values, self.sends, self.fulfilments)
        key = ("entry_days", *map(len, logs))
        found = self.status_memo.get(key)
        if found is None:
            days: dict[str, set[dt.date]] = {}
            for entries in self.history.values():
                for h in entries:
                    days.setdefault(h.unit, set()).add(h.date)
            for (_duty, code), dates in self.duty_dates.items():
                days.setdefault(code, set()).update(dates)
            for log in logs:
                for doc in log:
                    days.setdefault(doc["unit"], set()).add(stored_date(doc["date"]))
            found = self.status_memo[key] = [{unit: sorted(d) for unit, d in days.items()}]
        return found[0]

    def unit(self, code: str) -> Unit | None:
        """The unit with this code, if any."""
        return self.units.get(code)

    def label(self, code: str) -> str:
        """A unit's short name in the user's language (民政局); a unit an amendment retired keeps the name it
        had (its records are still shown); the code if unknown."""
        unit = self.units.get(code)
        if unit is None:
            former = [d for v in reversed(self.superseded) for d in v["tables"].get("units", ()) if d["code"] == code]
            if former:
                return pick(former[0].get("short") or former[0]["name"], former[0].get("name_en", ""))
        return pick(unit.short or unit.name, unit.name_en) if unit else code


def latest_entries(docs: list[dict], as_of: dt.date | None, key) -> dict:
    """The latest log document per `key(doc)` dated on or before `as_of` (by date, then id)."""
    latest: dict = {}
    for doc in docs:
        if as_of is None or doc["date"] <= as_of.isoformat():
            k = key(doc)
            if k not in latest or (doc["date"], doc["id"]) >= (latest[k]["date"], latest[k]["id"]):
                latest[k] = doc
    return latest


def plan_documents(plan: Plan) -> dict[str, list[dict]]:
    """The plan as documents for the plan tables of the store."""
    head = to_doc(plan)
    for key in ("actions", "tasks", "duties", "milestones", "units", "triggers"):
        head.pop(key)
    tasks = [to_doc(x) for x in plan.tasks]
    # The plan's own text is long and shown rarely: it lives apart, so listing tasks stays cheap.
    texts = [{"task": doc["id"], "text": doc.pop("text")} for doc in tasks]
    return {
        "plan": [head],
        "actions": [to_doc(a) for a in plan.actions],
        "tasks": tasks,
        "task_texts": texts,
        "duties": [to_doc(d) for d in plan.duties],
        "milestones": [to_doc(m) for m in plan.milestones],
        "units": [to_doc(u) for u in plan.units],
        "triggers": [to_doc(x) for x in plan.triggers],
    }


def plan_from_snapshot(snap, texts: bool = True, only: set[str] | None = None) -> Plan:
    """Rebuild the plan from the plan tables of a snapshot (without the tasks' long texts if not `texts`;
    with `only`, only those tasks are read)."""

    def table(name: str) -> list[dict]:
        if name in _TASK_TABLES:
            return snap.docs_of(name, _TASK_TABLES[name], only)
        return snap.all(name)

    return plan_from_tables(table, texts, only)


#: The plan tables with a document per task, and the field naming the task.
_TASK_TABLES = {"tasks": "id", "task_texts": "task", "duties": "task"}


def plan_from_tables(table: Callable[[str], list[dict]], texts: bool = True, only: set[str] | None = None) -> Plan:
    """Rebuild the plan from its tables' documents, `table(name)` giving each table's documents; with
    `only`, just those tasks and their duties."""
    head = table("plan")[0]
    text_of = {d["task"]: d["text"] for d in table("task_texts")} if texts else {}
    return from_doc(
        Plan,
        dict(
            head,
            actions=tuple(from_doc(Action, d) for d in table("actions")),
            tasks=tuple(
                from_doc(Task, {**d, "text": text_of.get(d["id"], "")})
                for d in table("tasks")
                if only is None or d["id"] in only
            ),
            duties=tuple(from_doc(RecurringDuty, d) for d in table("duties") if only is None or d["task"] in only),
            milestones=tuple(from_doc(Milestone, d) for d in table("milestones")),
            units=tuple(from_doc(Unit, d) for d in table("units")),
            triggers=tuple(from_doc(Trigger, d) for d in table("triggers")),
        ),
    )


def unit_logs(snap, names: tuple[str, ...] = UNIT_LOGS) -> dict[str, list[dict]]:
    """The units' own logs `names` (of UNIT_LOGS) as the record carries them, oldest first."""
    return {name: sorted(live(snap, name), key=lambda d: d["id"]) for name in names}


def units_of(plugin_units: dict[str, Unit], plan: Plan, contacts: list[dict]) -> dict[str, Unit]:
    """Every unit of `plan`: the plugins' and the plan's own, with the liaisons recorded since."""
    units = dict(plugin_units)
    units.update({u.code: u for u in plan.units})
    for doc in contacts:
        if doc["code"] in units:
            base = units[doc["code"]]
            units[base.code] = Unit(
                **{**to_doc(base), **{k: doc[k] for k in ("liaison", "phone", "email") if k in doc}}
            )
    return units


def load_record(
    snap,
    plugin_units: dict[str, Unit],
    texts: bool = True,
    tasks: set[str] | None = None,
    latest_as_of: dt.date | None = None,
) -> Record:
    """The record held in `snap`, with the units the plugins register.

    `texts`: load the plan's task texts; `tasks`: load only these tasks and their history (a write
    that touches one task need not build ten thousand); `latest_as_of`: only task status on that
    day will be asked, so load just the history entries that decide it (see core.folds) and
    neither duty logs nor the units' own logs.
    """
    plan = plan_from_snapshot(snap, texts, tasks)
    contacts = snap.all("unit_contacts")
    units = units_of(plugin_units, plan, contacts)
    history = task_history(snap, tasks, latest_as_of)
    if latest_as_of is None:
        duty_dates = duty_dates_of(snap)
        logs = unit_logs(snap)
    else:
        duty_dates, logs = {}, {}
    record = Record(
        plan=plan,
        units=units,
        history=history,
        duty_dates=duty_dates,
        info=snap.info(),
        extensions=list(snap.all("extensions")),
        superseded=sorted(snap.all(PLAN_VERSIONS), key=lambda v: v["amendment"]),
        amendments=sorted(snap.all(AMENDMENTS), key=lambda v: v["n"]),
        _base=(tuple(plugin_units.items()), contacts, texts, tasks),
        origin=Origin(snap.db, snap.meta, texts)
        if snap.as_committed and tasks is None and latest_as_of is None
        else None,
    )
    for name, docs in logs.items():
        setattr(record, name, docs)
    return record
