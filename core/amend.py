"""Amending the plan while keeping the record.

A plan runs for fourteen months; deadlines move, townships are added, a duty ends early. An
amendment replaces the plan tables in one audited transaction (after a backup) and touches nothing
recorded: reports, duty logs, ticks, values, incidents, subscription tokens and the feeds' SEQUENCE
bookkeeping stay as they are. The plan it replaced is kept whole with the day it stopped being in
force, so a view as of an earlier day shows the plan as it stood then (Record.in_force).

Deadlines are referred to by their place in the task (a report completes deadline 2, a feed event
is the UID of deadline 2): an amended task keeps every deadline in its place. A moved or edited
one keeps its index, a retired one stays where it was, marked retired and owed by nobody from the
amendment on, and an added one takes a new index at the end. Retired tasks, duties and units leave
the plan in force; their records stay, and the amendment lists them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from .dates import day_in_view, entry_day
from .errors import DubanError
from .frozen import frozen
from .i18n import pick, t
from .migrate import PLAN_TABLES
from .model import Deadline, Plan, Task
from .planfile import load_plan
from .record import AMENDMENTS, PLAN_VERSIONS, plan_documents, plan_from_snapshot
from .uids import deadline_uids, make_uid
from .validate import text as checked_text

if TYPE_CHECKING:
    from .workspace import Workspace

AUDIT_KIND = "plan_amend"
#: fields compared per kind of thing (the order is the order changes are listed in)
HEAD_FIELDS = ("title", "title_en", "doc_number", "period_start", "period_end", "timezone")
TASK_FIELDS = ("action", "title", "title_en", "text", "units", "lead", "rule")
DEADLINE_FIELDS = ("start", "label", "label_en", "actors", "reading")
DUTY_FIELDS = (
    "task",
    "title",
    "title_en",
    "freq",
    "interval",
    "start",
    "end",
    "units",
    "per_township",
    "joint",
    "reading",
)

MILESTONE_FIELDS = ("title", "title_en", "unit", "copies")
TRIGGER_FIELDS = ("task", "event", "title", "title_en", "due_days", "units", "reading")
UNIT_FIELDS = ("name", "name_en", "short", "kind", "liaison", "phone", "email", "placeholder")
ACTION_FIELDS = ("title", "title_en")
#: fields whose old and new values are too long for one line: the change says only that they were edited
LONG_FIELDS = ("text", "reading")


@frozen
class Change:
    """One difference between the plan in force and a new plan file, and the records it touches."""

    kind: str
    target: str
    name: str = ""
    name_en: str = ""
    field: str = ""
    old: object = None
    new: object = None
    #: recorded data the change concerns, by kind (progress, duty_logs, feed_events, tokens …)
    touches: dict[str, int] = dataclasses.field(default_factory=dict)

    def as_doc(self) -> dict:
        """The change as JSON-ready data."""
        return {k: _plain(v) for k, v in dataclasses.asdict(self).items()}


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Recorded:
    """What the record holds, counted by what a plan change can touch."""

    def __init__(self, snap, plan: Plan):
        self.plan_id = plan.id
        progress = snap.all("progress")
        self.reports = Counter(d["task"] for d in progress)
        self.reports_by_unit = Counter(d["unit"] for d in progress)
        logs = snap.all("duty_logs")
        self.duty_logs = Counter(d["duty"] for d in logs)
        self.duty_logs_by_unit = Counter(d["unit"] for d in logs)
        self.checks = Counter(d.get("unit") for d in snap.all("checks"))
        self.metric_values = Counter(d.get("unit") for d in snap.all("metric_values"))
        self.incidents = Counter(u for d in snap.all("incidents") for u in d.get("units", ()))
        self.sends = Counter(d.get("milestone") for d in snap.all("sends"))
        self.fulfilments = Counter(d.get("trigger") for d in snap.all("fulfilments"))
        self.tokens = Counter(d.get("feed") for d in snap.all("calendar_tokens"))
        self.feed_uids = {d.get("uid") for d in snap.all("calendar_events")}
        self.codes = sorted({*(u.code for u in plan.units), *self.reports_by_unit, *self.duty_logs_by_unit})

    @staticmethod
    def _counts(**counts: int) -> dict[str, int]:
        return {k: v for k, v in counts.items() if v}

    def _events(self, uids: set[str]) -> int:
        return len(uids & self.feed_uids)

    def task(self, task: Task) -> dict[str, int]:
        uids = {u for i in range(len(task.deadlines)) for u in deadline_uids(self.plan_id, task.id, i, task.parties)}
        return self._counts(progress=self.reports[task.id], feed_events=self._events(uids))

    def deadline(self, task: Task, index: int) -> dict[str, int]:
        uids = deadline_uids(self.plan_id, task.id, index, {*task.parties, *task.deadlines[index].actors})
        return self._counts(progress=self.reports[task.id], feed_events=self._events(uids))

    def duty(self, duty_id: str) -> dict[str, int]:
        uids = {make_uid(self.plan_id, "duty", duty_id, *key) for key in [(), *((c,) for c in self.codes)]}
        return self._counts(duty_logs=self.duty_logs[duty_id], feed_events=self._events(uids))

    def unit(self, code: str) -> dict[str, int]:
        return self._counts(
            progress=self.reports_by_unit[code],
            duty_logs=self.duty_logs_by_unit[code],
            checks=self.checks[code],
            metric_values=self.metric_values[code],
            incidents=self.incidents[code],
            tokens=self.tokens[code],
        )

    def milestone(self, milestone_id: str) -> dict[str, int]:
        uids = {make_uid(self.plan_id, "milestone", milestone_id)}
        return self._counts(sends=self.sends[milestone_id], feed_events=self._events(uids))

    def trigger(self, trigger_id: str) -> dict[str, int]:
        return self._counts(fulfilments=self.fulfilments[trigger_id])


def match_deadlines(old: tuple[Deadline, ...], new: tuple[Deadline, ...]) -> dict[int, int]:
    """Which deadline of the task in force each deadline of the new file is (new index → old index).

    The same deadline is the one with the same actors and the same label (in either language), or
    the same date; anything else is a deadline retired and another added (a completion of the one is
    never counted for the other)."""
    free = [i for i, d in enumerate(old) if d.retired is None]
    pairs: dict[int, int] = {}
    tests = (
        lambda a, b: a == b,
        lambda a, b: a.actors == b.actors and bool(a.label) and a.label == b.label,
        lambda a, b: a.actors == b.actors and bool(a.label_en) and a.label_en == b.label_en,
        lambda a, b: a.actors == b.actors and a.due == b.due,
    )
    for same in tests:
        for j, d in enumerate(new):
            if j not in pairs:
                i = next((i for i in free if same(old[i], d)), None)
                if i is not None:
                    pairs[j] = i
                    free.remove(i)
    return pairs


def _merged_deadlines(old: Task, new: Task, effective: dt.date) -> tuple[Deadline, ...]:
    """`new`'s deadlines placed where `old` had them; the retired kept in place, the added at the end."""
    pairs = match_deadlines(old.deadlines, new.deadlines)
    matched = set(pairs.values())
    slots = [
        d if d.retired is not None or i in matched else dataclasses.replace(d, retired=effective)
        for i, d in enumerate(old.deadlines)
    ]
    for j, i in pairs.items():
        slots[i] = new.deadlines[j]
    slots += [d for j, d in enumerate(new.deadlines) if j not in pairs]
    return tuple(slots)


def merged_plan(old: Plan, new: Plan, effective: dt.date) -> Plan:
    """The plan to store: `new`, with every kept deadline in the place the record knows it by."""
    before = {x.id: x for x in old.tasks}
    tasks = tuple(
        dataclasses.replace(x, deadlines=_merged_deadlines(before[x.id], x, effective)) if x.id in before else x
        for x in new.tasks
    )
    return dataclasses.replace(new, tasks=tasks)


def _fields(kind: str, target: str, old, new, names: tuple[str, ...], touches: dict, label=("", "")) -> list[Change]:
    return [
        Change(kind, target, label[0], label[1], f, getattr(old, f), getattr(new, f), touches)
        for f in names
        if getattr(old, f) != getattr(new, f)
    ]


def _settings(old: dict, new: dict, prefix: str = "") -> list[Change]:
    changes = []
    for key in dict.fromkeys((*old, *new)):
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            changes += _settings(a, b, f"{prefix}{key}.")
        elif a != b:
            changes.append(Change("setting_changed", f"settings.{prefix}{key}", old=a, new=b))
    return changes


def _by_id(items, key: str = "id") -> dict:
    return {getattr(x, key): x for x in items}


def _added_retired(kind: str, old: dict, new: dict, title, touches) -> tuple[list[Change], list[str]]:
    """Changes for things only in `new` (added) or only in `old` (retired); and the ids in both."""
    changes = [Change(f"{kind}_added", k, *title(new[k])) for k in new if k not in old]
    changes += [
        dataclasses.replace(Change(f"{kind}_retired", k, *title(old[k])), touches=touches(old[k]))
        for k in old
        if k not in new
    ]
    return changes, [k for k in new if k in old]


def plan_changes(old: Plan, new: Plan, snap) -> list[Change]:
    """Every difference between the plan in force (`old`, as stored) and `new`, with what each touches."""
    rec = _Recorded(snap, old)
    changes = _fields("plan_edited", "plan", old, new, HEAD_FIELDS, {})
    changes += _settings(old.settings, new.settings)

    found, both = _added_retired(
        "action", _by_id(old.actions), _by_id(new.actions), lambda a: (a.title, a.title_en), lambda a: {}
    )
    changes += found
    for k in both:
        a, b = _by_id(old.actions)[k], _by_id(new.actions)[k]
        changes += _fields("action_edited", k, a, b, ACTION_FIELDS, {}, (b.title, b.title_en))

    olds, news = _by_id(old.tasks), _by_id(new.tasks)
    found, both = _added_retired("task", olds, news, lambda x: (x.title, x.title_en), rec.task)
    changes += found
    for k in both:
        a, b = olds[k], news[k]
        changes += _fields("task_edited", k, a, b, TASK_FIELDS, rec.task(a), (b.title, b.title_en))
        pairs = match_deadlines(a.deadlines, b.deadlines)
        matched = set(pairs.values())
        slot = len(a.deadlines)
        for j, d in enumerate(b.deadlines):
            if j not in pairs:
                slot += 1
                changes.append(Change("deadline_added", f"{k}#{slot}", d.label, d.label_en, "due", None, d.due))
                continue
            i = pairs[j]
            was, label, where = a.deadlines[i], (d.label, d.label_en), f"{k}#{i + 1}"
            if was.due != d.due:
                changes.append(Change("deadline_moved", where, *label, "due", was.due, d.due, rec.deadline(a, i)))
            changes += _fields("deadline_edited", where, was, d, DEADLINE_FIELDS, rec.deadline(a, i), label)
        for i, d in enumerate(a.deadlines):
            if d.retired is None and i not in matched:
                touches = rec.deadline(a, i)
                changes.append(
                    Change("deadline_retired", f"{k}#{i + 1}", d.label, d.label_en, "due", d.due, None, touches)
                )

    for kind, old_items, new_items, names, count in (
        ("duty", old.duties, new.duties, DUTY_FIELDS, rec.duty),
        ("milestone", old.milestones, new.milestones, MILESTONE_FIELDS, rec.milestone),
        ("trigger", old.triggers, new.triggers, TRIGGER_FIELDS, rec.trigger),
    ):
        olds, news = _by_id(old_items), _by_id(new_items)
        found, both = _added_retired(kind, olds, news, lambda x: (x.title, x.title_en), lambda x, c=count: c(x.id))
        changes += found
        for k in both:
            a, b = olds[k], news[k]
            if kind == "milestone" and a.date != b.date:
                changes.append(Change("milestone_moved", k, b.title, b.title_en, "date", a.date, b.date, count(k)))
            changes += _fields(f"{kind}_edited", k, a, b, names, count(k), (b.title, b.title_en))

    olds, news = _by_id(old.units, "code"), _by_id(new.units, "code")
    for k in news:
        if k not in olds:
            u = news[k]
            changes.append(Change(f"{_unit_kind(u)}_added", k, u.short or u.name, u.name_en))
    for k in olds:
        if k not in news:
            u = olds[k]
            changes.append(Change(f"{_unit_kind(u)}_retired", k, u.short or u.name, u.name_en, touches=rec.unit(k)))
    for k in (k for k in news if k in olds):
        a, b = olds[k], news[k]
        changes += _fields(f"{_unit_kind(b)}_edited", k, a, b, UNIT_FIELDS, rec.unit(k), (b.short or b.name, b.name_en))
    return changes


def _unit_kind(unit) -> str:
    return "township" if unit.kind == "township" else "unit"


@frozen
class Proposal:
    """A plan file read against the database: the plan stored now, the file's, and the differences."""

    stored: Plan
    new: Plan
    changes: list[Change]


def _propose(ws: Workspace, snap, path: str) -> Proposal:
    new = load_plan(path, ws.units, ws.registry)
    stored = plan_from_snapshot(snap)
    if new.id != stored.id:
        raise DubanError(t("amend_other_plan", file=path, found=new.id, stored=stored.id))
    return Proposal(stored, new, plan_changes(stored, new, snap))


def propose(ws: Workspace, path: str) -> Proposal:
    """What the plan file at `path` would change; refused in one line if it is not a valid plan of this database."""
    with ws.db.reading() as snap:
        return _propose(ws, snap, path)


def apply_amendment(ws: Workspace, path: str, reason: str, who: str, effective: dt.date | None = None) -> dict:
    """Replace the plan in force with the file at `path`, after a backup, in one audited transaction.

    Nothing recorded changes; the plan it replaces is kept with the day it stopped being in force:
    `effective` (default: the day in view, never after today), never before an earlier amendment's.
    Returns the amendment's document (with the backup's name)."""
    reason = checked_text(reason, "--reason", required=True)
    if not propose(ws, path).changes:
        raise DubanError(t("amend_nothing", file=path))
    backup = ws.db.backup("amend")
    with ws.db.transaction(who) as tx:
        proposal = _propose(ws, tx, path)  # read again under the lock: the record may have moved on
        listed = sorted(tx.all(AMENDMENTS), key=lambda d: d["n"])
        effective = effective or entry_day(day_in_view(tx.info(), None))
        if listed and effective.isoformat() < listed[-1]["effective"]:
            effective = dt.date.fromisoformat(listed[-1]["effective"])  # amendments take effect in their order
        n = len(listed) + 1
        tx.table(PLAN_VERSIONS).insert(
            {"amendment": n, "until": effective.isoformat(), "tables": {name: tx.all(name) for name in PLAN_TABLES}}
        )
        docs = plan_documents(merged_plan(proposal.stored, proposal.new, effective))
        for name in PLAN_TABLES:
            table = tx.table(name)
            table.truncate()
            table.insert_multiple(docs[name])
        doc: dict = {
            "n": n,
            "effective": effective.isoformat(),
            "at": tx.db.clock().isoformat(),
            "who": who,
            "reason": reason,
            "file": str(path),
            "backup": backup.name,
            "changes": [c.as_doc() for c in proposal.changes],
        }
        tx.table(AMENDMENTS).insert(doc)
        tx.audit(
            AUDIT_KIND,
            proposal.stored.id,
            None,
            {
                "amendment": n,
                "effective": doc["effective"],
                "reason": reason,
                "changes": summary_counts(doc["changes"]),
            },
        )
    return doc


def amendments(ws: Workspace) -> list[dict]:
    """Every amendment of the plan, oldest first."""
    with ws.db.reading() as snap:
        return sorted(snap.all(AMENDMENTS), key=lambda d: d["n"])


def summary_counts(changes: list[dict]) -> dict[str, int]:
    """How many changes of each kind, in the order they are listed."""
    return dict(Counter(c["kind"] for c in changes))


def summary(changes: list[dict]) -> str:
    """One line: the changes counted by kind (截止日期调整 1，新增乡镇 2)."""
    return t("list_sep").join(t("amend_count", what=t(f"amend_{k}"), n=n) for k, n in summary_counts(changes).items())


def _shown(value: object) -> str:
    if value is None or value in ("", []):
        return "—"
    if isinstance(value, (list, tuple)):
        return t("list_sep").join(map(str, value))
    return str(value)


def describe(change: dict) -> str:
    """One change in words: what, where, old → new, and the records it touches."""
    target = change["target"]
    task, _, step = target.partition("#")
    where = t("amend_step_of", task=task, step=step) if step else target
    name = pick(change.get("name", ""), change.get("name_en", ""))
    line = t("amend_line", what=t(f"amend_{change['kind']}"), where=where) + (f" {name}" if name else "")
    kind, fld = change["kind"], change.get("field", "")
    if kind == "setting_changed":
        line += t("amend_old_new_plain", old=_shown(change["old"]), new=_shown(change["new"]))
    elif kind.endswith("_edited"):
        label = t(f"amend_field_{fld}")
        if fld in LONG_FIELDS:
            line += t("amend_long_edited", field=label)
        else:
            line += t("amend_old_new", field=label, old=_shown(change["old"]), new=_shown(change["new"]))
    elif kind.endswith("_moved"):
        line += t("amend_old_new", field=t(f"amend_field_{fld}"), old=_shown(change["old"]), new=_shown(change["new"]))
    elif kind == "deadline_added":
        line += t("amend_old_new", field=t("amend_field_due"), old="—", new=_shown(change["new"]))
    touches = change.get("touches") or {}
    if touches:
        line += t("amend_touches", what=t("list_sep").join(_touch(k, n) for k, n in touches.items()))
    return line


def _touch(kind: str, n: int) -> str:
    return t(f"amend_touch_{kind}" + ("_one" if n == 1 else ""), n=n)
