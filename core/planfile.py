"""Read a plan file (TOML, format in docs/plan-format.md), validate it, and re-base its dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from importlib import resources
from pathlib import Path

from .dates import parse_date
from .errors import DubanError
from .i18n import t
from .model import FREQUENCIES, UNIT_KINDS, Action, Deadline, Milestone, Plan, RecurringDuty, Task, Unit

BUILTIN_PLAN = "linwu-2020.toml"


class _Locator:
    """Finds the line of a field in TOML text, so errors can name it."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def line_of(self, path: tuple) -> int:
        lineno = 0
        end = len(self.lines)
        i = 0
        if path and isinstance(path[0], str) and len(path) > 1 and isinstance(path[1], int):
            header = re.compile(rf"^\s*\[\[\s*{re.escape(path[0])}\s*\]\]")
            seen = -1
            for n, line in enumerate(self.lines):
                if header.match(line):
                    seen += 1
                    if seen == path[1]:
                        lineno = n
                        break
            end = next(
                (n for n in range(lineno + 1, len(self.lines)) if re.match(r"^\s*\[", self.lines[n])), len(self.lines)
            )
            i = 2
        elif path and isinstance(path[0], str):
            header = re.compile(rf"^\s*\[\s*{re.escape(path[0])}\s*\]")
            lineno = next((n for n, line in enumerate(self.lines) if header.match(line)), 0)
            end = next(
                (n for n in range(lineno + 1, len(self.lines)) if re.match(r"^\s*\[", self.lines[n])), len(self.lines)
            )
            i = 1
        while i < len(path):
            step = path[i]
            if isinstance(step, str):
                key = re.compile(rf"(^|[\s{{,]){re.escape(step)}\s*=")
                found = next((n for n in range(lineno, end) if key.search(self.lines[n])), None)
                if found is None:
                    break
                lineno = found
            else:
                braces = [n for n in range(lineno, end) if "{" in self.lines[n]]
                if step < len(braces):
                    lineno = braces[step]
            i += 1
        return lineno + 1


class _Reader:
    """Validates raw plan data field by field, raising errors that name the line."""

    def __init__(self, source: str, text: str):
        self.source = source
        self.locator = _Locator(text)

    def fail(self, path: tuple, problem: str) -> None:
        field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
        raise DubanError(
            t("plan_file_error", file=self.source, line=self.locator.line_of(path), problem=f"{field}: {problem}")
        )

    def text(self, doc: dict, path: tuple, key: str, required: bool = True, default: str = "") -> str:
        value = doc.get(key)
        if value is None:
            if required:
                self.fail(path + (key,), t("plan_missing"))
            return default
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(path + (key,), t("plan_expected_text_got", value=value))
        return value

    def date(self, doc: dict, path: tuple, key: str, required: bool = True) -> dt.date | None:
        value = doc.get(key)
        if value is None:
            if required:
                self.fail(path + (key,), t("plan_missing"))
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
            self.fail(path + (key,), t("plan_expected_date_yyyy_mm_dd", value=value))
        if isinstance(value, str):
            try:
                return parse_date(value)
            except DubanError:
                self.fail(path + (key,), t("plan_not_valid_date", value=value))
        return value

    def codes(self, doc: dict, path: tuple, key: str) -> tuple[str, ...]:
        value = doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(path + (key,), t("plan_expected_list_unit_codes"))
        return tuple(value)

    def table_list(self, data: dict, key: str, required: bool = True) -> list[dict]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail((key,), t("plan_expected_array_tables"))
        if required and not value:
            self.fail((key,), t("plan_least_one_required"))
        return value


def read_plan_text(text: str, source: str, known_units: dict[str, Unit]) -> Plan:
    """Parse and validate plan TOML; `known_units` are the units the plugins register."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise DubanError(
            t("plan_file_error", file=source, line=match.group(1) if match else "?", problem=f"TOML: {exc}")
        ) from None
    r = _Reader(source, text)
    head = data.get("plan")
    if not isinstance(head, dict):
        r.fail(("plan",), t("plan_missing_plan_table"))
    p = ("plan",)
    start, end = r.date(head, p, "period_start"), r.date(head, p, "period_end")
    if end < start:
        r.fail(p + ("period_end",), t("plan_before_period_start", start=start))

    units = dict(known_units)
    extra_units = []
    for i, doc in enumerate(r.table_list(data, "units", required=False)):
        path = ("units", i)
        code = r.text(doc, path, "code")
        if code in units:
            r.fail(path + ("code",), t("dup_unit", unit=code, first="plugin", second=source))
        kind = r.text(doc, path, "kind", required=False, default="township")
        if kind not in UNIT_KINDS:
            r.fail(path + ("kind",), t("plan_expected_one_of", choices="/".join(UNIT_KINDS)))
        unit = Unit(
            code=code,
            name=r.text(doc, path, "name"),
            name_en=r.text(doc, path, "name_en", required=False),
            short=r.text(doc, path, "short", required=False),
            kind=kind,
            order=200 + i,
            liaison=r.text(doc, path, "liaison", required=False),
            phone=r.text(doc, path, "phone", required=False),
            email=r.text(doc, path, "email", required=False),
        )
        units[code] = unit
        extra_units.append(unit)

    actions = []
    for i, doc in enumerate(r.table_list(data, "actions")):
        path = ("actions", i)
        actions.append(
            Action(r.text(doc, path, "id"), r.text(doc, path, "title"), r.text(doc, path, "title_en", required=False))
        )
    _unique(r, "actions", [a.id for a in actions])
    action_ids = {a.id for a in actions}

    def unit_code(path: tuple, code: str) -> str:
        if code not in units:
            r.fail(path, t("unknown_unit", unit=code))
        return code

    tasks = []
    for i, doc in enumerate(r.table_list(data, "tasks")):
        path = ("tasks", i)
        action = r.text(doc, path, "action")
        if action not in action_ids:
            r.fail(path + ("action",), t("unknown_action", action=action))
        lead = unit_code(path + ("lead",), r.text(doc, path, "lead"))
        co = tuple(unit_code(path + ("co",), c) for c in r.codes(doc, path, "co"))
        deadlines = []
        raw_deadlines = doc.get("deadlines", [])
        if not isinstance(raw_deadlines, list) or not raw_deadlines:
            r.fail(path + ("deadlines",), t("plan_least_one_deadline_required"))
        for j, d in enumerate(raw_deadlines):
            dpath = path + ("deadlines", j)
            if not isinstance(d, dict):
                r.fail(dpath, t("plan_expected_inline_table"))
            due = r.date(d, dpath, "due")
            window = r.date(d, dpath, "start", required=False)
            if window and window > due:
                r.fail(dpath + ("start",), t("plan_after_due", due=due))
            deadlines.append(
                Deadline(
                    due=due,
                    start=window,
                    label=r.text(d, dpath, "label", required=False),
                    label_en=r.text(d, dpath, "label_en", required=False),
                )
            )
        tasks.append(
            Task(
                id=r.text(doc, path, "id"),
                action=action,
                title=r.text(doc, path, "title"),
                title_en=r.text(doc, path, "title_en", required=False),
                text=r.text(doc, path, "text", required=False),
                lead=lead,
                co=co,
                deadlines=tuple(sorted(deadlines, key=lambda d: d.due)),
            )
        )
    _unique(r, "tasks", [x.id for x in tasks])
    task_ids = {x.id for x in tasks}

    duties = []
    for i, doc in enumerate(r.table_list(data, "duties", required=False)):
        path = ("duties", i)
        task = r.text(doc, path, "task")
        if task not in task_ids:
            r.fail(path + ("task",), t("unknown_task", task=task))
        freq = r.text(doc, path, "freq")
        if freq not in FREQUENCIES:
            r.fail(path + ("freq",), t("plan_expected_one_of", choices="/".join(FREQUENCIES)))
        interval = doc.get("interval", 1)
        if not isinstance(interval, int) or isinstance(interval, bool) or interval < 1:
            r.fail(path + ("interval",), t("plan_expected_positive_whole_number"))
        d_start, d_end = r.date(doc, path, "start"), r.date(doc, path, "end")
        if d_end < d_start:
            r.fail(path + ("end",), t("plan_before_start", d_start=d_start))
        per_township = doc.get("per_township", False)
        if not isinstance(per_township, bool):
            r.fail(path + ("per_township",), t("plan_expected_true_or_false"))
        duties.append(
            RecurringDuty(
                id=r.text(doc, path, "id"),
                task=task,
                title=r.text(doc, path, "title"),
                title_en=r.text(doc, path, "title_en", required=False),
                freq=freq,
                interval=interval,
                start=d_start,
                end=d_end,
                owner=unit_code(path + ("owner",), r.text(doc, path, "owner")),
                per_township=per_township,
            )
        )
    _unique(r, "duties", [d.id for d in duties])

    milestones = []
    for i, doc in enumerate(r.table_list(data, "milestones", required=False)):
        path = ("milestones", i)
        milestones.append(
            Milestone(
                id=r.text(doc, path, "id"),
                date=r.date(doc, path, "date"),
                title=r.text(doc, path, "title"),
                title_en=r.text(doc, path, "title_en", required=False),
            )
        )
    _unique(r, "milestones", [m.id for m in milestones])

    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        r.fail(("settings",), t("core_expected_table"))
    soon = settings.get("due_soon_days", 14)
    if not isinstance(soon, int) or isinstance(soon, bool) or not 0 <= soon <= 366:
        r.fail(("settings", "due_soon_days"), t("plan_expected_whole_number_from"))
    _check_committee_settings(r, settings, units)
    return Plan(
        id=r.text(head, p, "id"),
        title=r.text(head, p, "title"),
        title_en=r.text(head, p, "title_en", required=False),
        doc_number=r.text(head, p, "doc_number", required=False),
        period_start=start,
        period_end=end,
        timezone=r.text(head, p, "timezone", required=False, default="Asia/Shanghai"),
        actions=tuple(actions),
        tasks=tuple(tasks),
        duties=tuple(duties),
        milestones=tuple(sorted(milestones, key=lambda m: m.date)),
        units=tuple(extra_units),
        settings=settings,
    )


def _check_committee_settings(r: _Reader, settings: dict, units: dict[str, Unit]) -> None:
    """[settings.flags] and [settings.incident_units] are checked when the plan loads, not when the
    committee's rules first run on them."""
    from .flags import checked_flag_settings
    from .incidents import KINDS

    try:
        checked_flag_settings(settings.get("flags", {}))
    except DubanError as exc:
        r.fail(("settings", "flags"), str(exc))
    covering = settings.get("incident_units", {})
    if not isinstance(covering, dict):
        r.fail(("settings", "incident_units"), t("core_expected_table"))
    for kind, codes in covering.items():
        if kind not in KINDS:
            r.fail(("settings", "incident_units", kind), t("plan_expected_one_of", choices="/".join(KINDS)))
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            r.fail(("settings", "incident_units", kind), t("plan_expected_list_unit_codes"))
        for code in codes:
            if code not in units:
                r.fail(("settings", "incident_units", kind), t("unknown_unit", unit=code))


def _unique(r: _Reader, table: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            r.fail((table, i, "id"), t("plan_duplicate_id", ident=ident))
        seen.add(ident)


def load_plan(path: str | None, known_units: dict[str, Unit]) -> Plan:
    """Load the plan at `path`, or the built-in Linwu plan when `path` is None."""
    if path is None:
        text = resources.files("duban.core.data").joinpath(BUILTIN_PLAN).read_text(encoding="utf-8")
        return read_plan_text(text, BUILTIN_PLAN, known_units)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DubanError(t("plan_file_missing", file=path, problem=getattr(exc, "strerror", None) or exc)) from None
    return read_plan_text(text, path, known_units)


def rebase(plan: Plan, new_start: dt.date) -> Plan:
    """The same plan moved so it starts on `new_start`: every date shifts by one offset."""
    offset = new_start - plan.period_start

    def shift(obj):
        if isinstance(obj, dt.date):
            return obj + offset
        if isinstance(obj, tuple):
            return tuple(shift(x) for x in obj)
        if dataclasses.is_dataclass(obj) and not isinstance(obj, Unit):
            return dataclasses.replace(
                obj, **{f.name: shift(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name != "settings"}
            )
        return obj

    try:
        return shift(plan)
    except OverflowError:
        raise DubanError(t("rebase_out_of_range", start=new_start)) from None
