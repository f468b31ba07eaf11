"""Read a plan file (TOML, format in docs/plan-format.md), validate it, and re-base its dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from importlib import resources
from typing import TYPE_CHECKING, NoReturn

from .dates import in_range, parse_date
from .errors import DubanError
from .eventkinds import EVENT_KINDS
from .i18n import t
from .inputs import read_input
from .model import (
    DAY_SETTINGS,
    FREQUENCIES,
    JOINT_RULES,
    PARTS_RULES,
    PLAN_SETTINGS,
    UNIT_KINDS,
    Action,
    Deadline,
    Milestone,
    Plan,
    RecurringDuty,
    Task,
    Trigger,
    Unit,
)

if TYPE_CHECKING:
    from .registry import Registry

BUILTIN_PLAN = "linwu-2020.toml"

PLAN_FILE_LIMIT = 16 * 1024 * 1024  # a 10,000-task plan is a few MB


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
            # A subtable's own header ([settings.flags]) when it has one, else the table's.
            sub = len(path) > 2 and isinstance(path[1], str)
            dotted = (
                re.compile(rf"^\s*\[\s*{re.escape(path[0])}\s*\.\s*{re.escape(str(path[1]))}\s*\]") if sub else None
            )
            found = next((n for n, line in enumerate(self.lines) if dotted and dotted.match(line)), None)
            header = re.compile(rf"^\s*\[\s*{re.escape(path[0])}\s*\]")
            lineno = (
                found if found is not None else next((n for n, line in enumerate(self.lines) if header.match(line)), 0)
            )
            end = next(
                (n for n in range(lineno + 1, len(self.lines)) if re.match(r"^\s*\[", self.lines[n])), len(self.lines)
            )
            i = 2 if found is not None else 1
        while i < len(path):
            step = path[i]
            if isinstance(step, str):
                key = re.compile(rf"(^|[\s{{,])\"?{re.escape(step)}\"?\s*=")
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


#: what a whole number from 0 or from 1 is called in an error
_WHOLE_FROM = {0: "plan_expected_whole_number_0_or_more", 1: "plan_expected_positive_whole_number"}


class _Reader:
    """Validates raw plan data field by field, raising errors that name the line."""

    def __init__(self, source: str, text: str):
        self.source = source
        self.locator = _Locator(text)

    def fail(self, path: tuple, problem: str) -> NoReturn:
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

    def known(self, doc: dict, path: tuple, key: str, ids: set[str], unknown: str) -> str:
        """A reference to an id declared earlier in the plan (a task's action, a duty's task); `unknown` is
        the catalogue key of the error, formatted with `key`."""
        value = self.text(doc, path, key)
        if value not in ids:
            self.fail(path + (key,), t(unknown, **{key: value}))
        return value

    def choice(self, doc: dict, path: tuple, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        """A word that must be one of `choices`; an optional field (with a `default`) may be left out."""
        value = self.text(doc, path, key, required=default is None, default=default or "")
        if value not in choices:
            self.fail(path + (key,), t("plan_expected_one_of", choices="/".join(choices)))
        return value

    def whole(self, doc: dict, path: tuple, key: str, least: int, default: int | None = None) -> int:
        """A whole number of at least `least` (a true/false is not one); `default` when left out."""
        value = doc.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            self.fail(path + (key,), t(_WHOLE_FROM[least]))
        return value

    def named(self, doc: dict, path: tuple) -> dict[str, str]:
        """What every item of the plan has: its `id` and its title, in Chinese and (optionally) English."""
        return {
            "id": self.text(doc, path, "id"),
            "title": self.text(doc, path, "title"),
            "title_en": self.text(doc, path, "title_en", required=False),
        }

    def date(self, doc: dict, path: tuple, key: str) -> dt.date:
        value = self.optional_date(doc, path, key)
        if value is None:
            self.fail(path + (key,), t("plan_missing"))
        return value

    def optional_date(self, doc: dict, path: tuple, key: str) -> dt.date | None:
        value = doc.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
            self.fail(path + (key,), t("plan_expected_date_yyyy_mm_dd", value=value))
        if isinstance(value, str):
            try:
                value = parse_date(value)
            except DubanError:
                self.fail(path + (key,), t("plan_not_valid_date", value=value))
        try:
            return in_range(value)
        except DubanError as exc:
            self.fail(path + (key,), str(exc))

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


def read_plan_text(text: str, source: str, known_units: dict[str, Unit], registry: Registry | None = None) -> Plan:
    """Parse and validate plan TOML; `known_units` are the units the plugins register. With `registry`
    (a plan about to go into a database), [settings.flags] and [settings.targets] may name only what
    the plugins' rules read and the metrics they define."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise DubanError(
            t("plan_file_error", file=source, line=match.group(1) if match else "?", problem=f"TOML: {exc}")
        ) from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise DubanError(t("plan_file_error", file=source, line="?", problem="TOML: nested too deep")) from None
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
        kind = r.choice(doc, path, "kind", UNIT_KINDS, default="township")
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
            placeholder=_flag(r, doc, path, "placeholder"),
        )
        units[code] = unit
        extra_units.append(unit)

    actions = []
    for i, doc in enumerate(r.table_list(data, "actions")):
        path = ("actions", i)
        actions.append(Action(**r.named(doc, path)))
    _unique(r, "actions", [a.id for a in actions])
    action_ids = {a.id for a in actions}

    def unit_code(path: tuple, code: str) -> str:
        if code not in units:
            r.fail(path, t("unknown_unit", unit=code))
        return code

    tasks = []
    for i, doc in enumerate(r.table_list(data, "tasks")):
        path = ("tasks", i)
        action = r.known(doc, path, "action", action_ids, "unknown_action")
        listed = tuple(unit_code(path + ("units",), c) for c in r.codes(doc, path, "units"))
        lead = r.text(doc, path, "lead", required=False)
        if lead:
            unit_code(path + ("lead",), lead)
        co = tuple(unit_code(path + ("co",), c) for c in r.codes(doc, path, "co"))
        # The older format named a lead and co-owners; every one of them is a responsible unit.
        listed = tuple(dict.fromkeys((*listed, *((lead,) if lead and not listed else ()), *co)))
        if not listed:
            r.fail(path + ("units",), t("plan_unit_required"))
        rule = r.text(doc, path, "rule", required=False)
        if rule and rule not in PARTS_RULES:
            r.fail(path + ("rule",), t("plan_expected_one_of", choices="/".join(PARTS_RULES)))
        deadlines = []
        raw_deadlines = doc.get("deadlines", [])
        if not isinstance(raw_deadlines, list) or not raw_deadlines:
            r.fail(path + ("deadlines",), t("plan_least_one_deadline_required"))
        for j, d in enumerate(raw_deadlines):
            dpath = path + ("deadlines", j)
            if not isinstance(d, dict):
                r.fail(dpath, t("plan_expected_inline_table"))
            actors = tuple(unit_code(dpath + ("actors",), c) for c in r.codes(d, dpath, "actors"))
            # Only a step (a deadline with its own actors) may leave its date open, as the seed does.
            due = r.optional_date(d, dpath, "due") if actors else r.date(d, dpath, "due")
            window = r.optional_date(d, dpath, "start")
            if window and due and window > due:
                r.fail(dpath + ("start",), t("plan_after_due", due=due))
            deadlines.append(
                Deadline(
                    due=due,
                    start=window,
                    label=r.text(d, dpath, "label", required=False),
                    label_en=r.text(d, dpath, "label_en", required=False),
                    actors=actors,
                    reading=r.text(d, dpath, "reading", required=False),
                )
            )
        tasks.append(
            Task(
                **r.named(doc, path),
                action=action,
                text=r.text(doc, path, "text", required=False),
                units=listed,
                lead=lead,
                rule=rule,
                deadlines=tuple(sorted(deadlines, key=lambda d: (d.due is None, d.due or dt.date.min))),
            )
        )
    _unique(r, "tasks", [x.id for x in tasks])
    task_ids = {x.id for x in tasks}

    duties = []
    for i, doc in enumerate(r.table_list(data, "duties", required=False)):
        path = ("duties", i)
        task = r.known(doc, path, "task", task_ids, "unknown_task")
        freq = r.choice(doc, path, "freq", FREQUENCIES)
        interval = r.whole(doc, path, "interval", 1, default=1)
        d_start, d_end = r.date(doc, path, "start"), r.date(doc, path, "end")
        if d_end < d_start:
            r.fail(path + ("end",), t("plan_before_start", d_start=d_start))
        per_township = _flag(r, doc, path, "per_township")
        performers = tuple(unit_code(path + ("units",), c) for c in r.codes(doc, path, "units"))
        owner = r.text(doc, path, "owner", required=False)  # the older format's single performer
        if owner:
            performers = tuple(dict.fromkeys((unit_code(path + ("owner",), owner), *performers)))
        if not performers and not per_township:
            r.fail(path + ("units",), t("plan_performer_required"))
        joint = r.choice(doc, path, "joint", JOINT_RULES, default="each")
        duties.append(
            RecurringDuty(
                **r.named(doc, path),
                task=task,
                freq=freq,
                interval=interval,
                start=d_start,
                end=d_end,
                units=performers,
                per_township=per_township,
                joint=joint,
                reading=r.text(doc, path, "reading", required=False),
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
                unit=unit_code(path + ("unit",), r.text(doc, path, "unit", required=False)) if "unit" in doc else "",
                copies=tuple(unit_code(path + ("copies",), c) for c in r.codes(doc, path, "copies")),
            )
        )
    _unique(r, "milestones", [m.id for m in milestones])

    triggers = []
    for i, doc in enumerate(r.table_list(data, "triggers", required=False)):
        path = ("triggers", i)
        task = r.known(doc, path, "task", task_ids, "unknown_task")
        event = r.choice(doc, path, "event", EVENT_KINDS)
        due_days = r.whole(doc, path, "due_days", 0)
        triggers.append(
            Trigger(
                id=r.text(doc, path, "id"),
                task=task,
                event=event,
                title=r.text(doc, path, "title"),
                title_en=r.text(doc, path, "title_en", required=False),
                due_days=due_days,
                units=tuple(unit_code(path + ("units",), c) for c in r.codes(doc, path, "units")),
                reading=r.text(doc, path, "reading", required=False),
            )
        )
    _unique(r, "triggers", [x.id for x in triggers])

    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        r.fail(("settings",), t("core_expected_table"))
    _check_setting_names(r, settings)
    for name, default in DAY_SETTINGS.items():
        days = settings.get(name, default)
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 366:
            r.fail(("settings", name), t("plan_expected_whole_number_from"))
    if settings.get("parts_rule", "all") not in PARTS_RULES:
        r.fail(("settings", "parts_rule"), t("plan_expected_one_of", choices="/".join(PARTS_RULES)))
    _check_committee_settings(r, settings, units)
    if registry is not None:
        _check_plugin_settings(r, settings, registry)
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
        triggers=tuple(triggers),
        settings=settings,
    )


def _check_setting_names(r: _Reader, settings: dict) -> None:
    """A key duban does not read would change nothing, silently: refuse it, and say where a setting of
    that name lives (silent_days is the committee's, under [settings.flags])."""
    from .flags import DEFAULT_SETTINGS as FLAG_SETTINGS

    for name in settings:
        if name not in PLAN_SETTINGS:
            where = t("setting_lives_in", table="[settings.flags]") if name in FLAG_SETTINGS else ""
            r.fail(("settings", name), t("unknown_setting", known=t("list_sep").join(PLAN_SETTINGS)) + where)


def _check_plugin_settings(r: _Reader, settings: dict, registry: Registry) -> None:
    """A threshold no rule reads, or a target for a metric no plugin defines, would change nothing
    while the committee believes it set one: refuse it, with the name probably meant."""
    from .flags import DEFAULT_SETTINGS as FLAG_SETTINGS
    from .flags import flag_rules

    read = {*FLAG_SETTINGS, "accountability_incidents", *(k for rule in flag_rules(registry) for k in rule.settings)}
    for key in settings.get("flags", {}):
        if key not in read:
            r.fail(("settings", "flags", key), t("unknown_flag_setting") + _near(key, read))
    targets = settings.get("targets", {})
    if not isinstance(targets, dict):
        r.fail(("settings", "targets"), t("core_expected_table"))
    defined = {f"{m.unit}.{m.id}" for _name, m in registry.metrics}
    for key in targets:
        if key not in defined:
            r.fail(("settings", "targets", key), t("unknown_metric_target") + _near(key, defined))


def _near(name: str, known: set[str]) -> str:
    """ "; did you mean …?" with the known names closest to `name`, or "" when none is close."""
    import difflib

    near = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    return t("did_you_mean", choices=t("list_sep").join(near)) if near else ""


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


def _flag(r: _Reader, doc: dict, path: tuple, key: str) -> bool:
    value = doc.get(key, False)
    if not isinstance(value, bool):
        r.fail(path + (key,), t("plan_expected_true_or_false"))
    return value


def _unique(r: _Reader, table: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            r.fail((table, i, "id"), t("plan_duplicate_id", ident=ident))
        seen.add(ident)


def load_plan(path: str | None, known_units: dict[str, Unit], registry: Registry | None = None) -> Plan:
    """Load the plan at `path`, or the built-in Linwu plan when `path` is None (see read_plan_text)."""
    if path is None:
        text = resources.files("duban.core.data").joinpath(BUILTIN_PLAN).read_text(encoding="utf-8")
        return read_plan_text(text, BUILTIN_PLAN, known_units, registry)
    try:
        text = read_input(path, PLAN_FILE_LIMIT).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DubanError(t("plan_file_missing", file=path, problem=exc)) from None
    return read_plan_text(text, path, known_units, registry)


def rebase(plan: Plan, new_start: dt.date) -> Plan:
    """The same plan moved so it starts on `new_start`: every date shifts by one offset."""
    offset = new_start - plan.period_start

    def shift(obj):
        if isinstance(obj, dt.date):
            return obj + offset
        if isinstance(obj, tuple):
            return tuple(shift(x) for x in obj)
        if dataclasses.is_dataclass(obj) and not isinstance(obj, (type, Unit)):
            return dataclasses.replace(
                obj, **{f.name: shift(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name != "settings"}
            )
        return obj

    try:
        return shift(plan)
    except OverflowError:
        raise DubanError(t("rebase_out_of_range", start=new_start)) from None
