"""Taking a unit's filled-in template back: check every cell, then apply all of it or nothing.

The file is hostile until proven otherwise (see `duban.reports.safe_read`), its own data validation is
only advice, and every row is checked again against the record by the same check_* functions the
commands use. The same file imported twice changes nothing the second time: a row whose report,
tick, value or duty date is already on record counts as unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from duban.core import validate
from duban.core.dates import read_day
from duban.core.errors import DubanError
from duban.core.feedback import Steps, quiet
from duban.core.folds import live
from duban.core.frozen import frozen
from duban.core.i18n import pick, t
from duban.core.record import Record, load_record
from duban.core.status import part_status

from .identity import IDENTITY_SHEET
from .safe_read import open_workbook, rows
from .template import CHECKS, COLUMNS, DUTIES, METRICS, NO, NOTE_MAX, TASKS, TEMPLATE_KIND, YES, unit_duties

if TYPE_CHECKING:
    from duban.core.registry import Registry
    from duban.core.workspace import Workspace

TEMPLATES_TABLE = "templates"


@frozen
class Change:
    """One thing an import changes, where it came from, and how to apply it."""

    place: str
    text: str
    kind: str  # progress | duty | check | metric
    payload: object


@dataclass
class ImportPlan:
    """What a file would change, or why it cannot be imported."""

    file: str
    unit: str = ""
    template: str = ""
    author: str = ""  # the person importing; the unit whose template it is stays in `unit`
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    #: Rows whose state on record moved since the template was issued: `sheet!cell: …` with both values.
    conflicts: list[str] = field(default_factory=list)


@frozen
class Parsed:
    """A template's cells as read: identity values and each sheet's rows."""

    path: Path
    identity: dict[str, tuple[str, object]]
    sheets: dict[str, list[tuple[int, list]]]


def read_template(path: str | Path) -> Parsed:
    """Read a template workbook's identity and input sheets (hostile-file checks first)."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        if IDENTITY_SHEET not in wb.sheetnames:
            raise DubanError(t("rpt_not_a_template", file=path.name))
        identity = {}
        for number, (key, value) in rows(wb, IDENTITY_SHEET, 2, path):
            if key is not None and key.value is not None:
                identity[str(key.value)] = (f"{IDENTITY_SHEET}!B{number}", value)
        sheets = {
            name: list(rows(wb, name, len(cols), path)) for name, cols in COLUMNS.items() if name in wb.sheetnames
        }
    finally:
        wb.close()
    return Parsed(path, identity, sheets)


def _col(index: int) -> str:
    return chr(ord("A") + index)


class _Row:
    """One row's cells, with the place of each for messages."""

    def __init__(self, sheet: str, number: int, cells: list, problems: list[str]):
        self.sheet, self.number, self.cells, self.problems = sheet, number, cells, problems
        self._values: dict[int, object] = {}
        self.failed = False

    def place(self, col: int) -> str:
        return f"{self.sheet}!{_col(col)}{self.number}"

    def problem(self, col: int, text: str) -> None:
        self.failed = True
        self.problems.append(f"{self.place(col)}: {text}")

    def value(self, col: int):
        """The cell's value (text stripped, blank as None); a formula is reported once and read as bad."""
        if col not in self._values:
            self._values[col] = self._read(col)
        return self._values[col]

    def _read(self, col: int):
        cell = self.cells[col]
        if cell is None or cell.value is None:
            return None
        if cell.data_type == "f":
            self.problem(col, t("imp_value_expected_here_not_formula"))
            return _BAD
        value = cell.value
        if isinstance(value, str):
            value = value.strip()
            return value or None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
            # Typing "90%" makes every spreadsheet store 0.9 shown as 90%: read what the clerk typed and sees.
            return f"{round(value * 100, 6):g}%"
        return value

    def blank(self) -> bool:
        return all(
            c is None or c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in self.cells[1:]
        )


_BAD = object()


def _checked(row: _Row, col: int, check, *args):
    """`check(*args)` from core.validate, its DubanError reported at the cell instead of raised."""
    try:
        return check(*args)
    except DubanError as exc:
        row.problem(col, str(exc))
        return None


def _percent(row: _Row, col: int, value) -> int | None:
    if value is None or value is _BAD:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets store whole numbers as floats
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        row.problem(col, t("bad_percent", value=value))
        return None
    return _checked(row, col, validate.percent, value)


def _date(row: _Row, col: int, value, record: Record) -> dt.date | None:
    if value is None or value is _BAD:
        return None
    latest = validate.latest_day(record.info)
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        # Pasted cells carry dates as text, written the ways clerks write them (2020/10/10, 2020年10月10日).
        day = _checked(row, col, read_day, value, latest)
        if day is None:
            return None
    else:
        row.problem(col, t("bad_date", place="", value=value))
        return None
    # The same rule as duban progress and duban log: not in the future, not before the action.
    return _checked(row, col, validate.event_date, record.plan, day, "", latest)


def _choice(row: _Row, col: int, value) -> bool | None:
    if value is None or value is _BAD:
        return None
    if value in (YES, NO):
        return value == YES
    row.problem(col, t("imp_not_one_listed_values", value=value, YES=YES, NO=NO))
    return None


def _text(row: _Row, col: int, value, limit: int = NOTE_MAX) -> str:
    if value is None or value is _BAD:
        return ""
    text = str(value)
    if len(text) > limit:
        row.problem(col, t("imp_text_longer_than_characters", limit=limit))
    return text


def _unit_cell(row: _Row, unit: str) -> bool:
    code = row.value(0)
    if code != unit:
        row.problem(0, t("imp_row_unit_this_template_only", code=code, unit=unit))
        return False
    return True


def _check_identity(parsed: Parsed, issued: dict | None, plan_id: str, result: ImportPlan) -> None:
    ident = {
        k: (place, None if v is None or v.value is None else str(v.value)) for k, (place, v) in parsed.identity.items()
    }
    if ident.get("kind", ("", None))[1] != TEMPLATE_KIND:
        place = ident.get("kind", (f"{IDENTITY_SHEET}!B1", None))[0]
        result.problems.append(t("imp_not_duban_template", place=place))
        return
    if issued is None:
        place = ident.get("template", (f"{IDENTITY_SHEET}!B4", None))[0]
        result.problems.append(t("imp_unknown_template_id_identity_edited", place=place))
        return
    for key in ("plan", "unit", "template", "issued"):
        place, value = ident.get(key, (f"{IDENTITY_SHEET}!?", None))
        if value != str(issued[key]):
            result.problems.append(t("imp_identity_edited", place=place, key=key))
    if issued["plan"] != plan_id:
        result.problems.append(t("imp_template_another_plan", plan=ident["plan"][0]))


def _headers(parsed: Parsed, sheet: str, result: ImportPlan) -> list[tuple[int, list]]:
    found = parsed.sheets.get(sheet, [])
    expected = [h for h, _ in COLUMNS[sheet]]
    if not found or found[0][0] != 1 or [None if c is None else c.value for c in found[0][1]] != expected:
        result.problems.append(t("imp_header_row_was_changed", sheet=sheet))
        return []
    return found[1:]


def plan_import(registry: Registry, record: Record, snap, parsed: Parsed, author: str) -> ImportPlan:
    """Check every cell of `parsed` against the record; the changes `author` would make, or its problems."""
    result = ImportPlan(parsed.path.name, author=author)
    template_id = parsed.identity.get("template", ("", None))[1]
    template_id = None if template_id is None else str(template_id.value)
    issued = next((d for d in snap.all(TEMPLATES_TABLE) if d["template"] == template_id), None)
    _check_identity(parsed, issued, record.plan.id, result)
    if result.problems:
        return result
    result.unit, result.template = issued["unit"], template_id
    for sheet in issued.get("rows", {}):
        if sheet not in parsed.sheets:
            result.problems.append(t("imp_sheet_missing", sheet=sheet))
    bases = issued.get("base", {})
    _plan_tasks(record, live(snap, "progress"), parsed, result, bases.get(TASKS, {}))
    _plan_duties(record, live(snap, "duty_logs"), parsed, result)
    _plan_checks(registry, record, parsed, result)
    _plan_metrics(registry, record, parsed, result)
    return result


def _rows(parsed: Parsed, sheet: str, result: ImportPlan):
    """The non-blank data rows of `sheet` (none if its header was changed)."""
    for number, cells in _headers(parsed, sheet, result) if sheet in parsed.sheets else []:
        row = _Row(sheet, number, cells, result.problems)
        if not row.blank():
            yield row


def _first_time(row: _Row, seen: set[str], key: str) -> bool:
    """False (and a problem) when the same id is listed twice."""
    if key in seen:
        row.problem(1, t("imp_listed_twice", key=key))
        return False
    seen.add(key)
    return True


def _needs_date(row: _Row, col: int, day: dt.date | None) -> bool:
    """Whether a changed row can go ahead: it has a valid date (a missing one is a problem)."""
    if day is None and row.value(col) is None:
        row.problem(col, t("imp_date_required"))
    return day is not None


def _named_deadline(task, base: dict | None, label) -> int | None:
    """The deadline a task row names: the one on record when the template was issued, else by its label."""
    if base is not None:
        return base["deadline"]
    return next((i for i, d in enumerate(task.deadlines) if d.label == label), None)


def _plan_tasks(record: Record, progress_docs: list[dict], parsed: Parsed, result: ImportPlan, bases: dict) -> None:
    from duban.core.progress import check_report, lowering

    unit, seen = result.unit, set()
    for row in _rows(parsed, TASKS, result):
        task_id, label = row.value(1), row.value(3)
        pct, note = _percent(row, 6, row.value(6)), _text(row, 7, row.value(7))
        done, day = _choice(row, 8, row.value(8)), _date(row, 9, row.value(9), record)
        if not _unit_cell(row, unit):
            continue
        task = record.plan.task(str(task_id)) if task_id is not None else None
        if task is None:
            row.problem(1, t("imp_unknown_task_id", task_id=task_id))
            continue
        if unit not in task.parties:
            row.problem(1, t("imp_task_not_s_row_another", id=task.id, unit=unit))
            continue
        if not _first_time(row, seen, task.id) or row.failed:
            continue
        base = bases.get(task.id)
        issued_pct = base["percent"] if base is not None else _percent(row, 5, row.value(5))
        named = _named_deadline(task, base, label)
        if done and pct == issued_pct:
            pct = None  # left as issued: duban fills in 100 for the last deadline, as `duban progress --done` does
        if not ((pct is not None and pct != issued_pct) or note or done):
            result.unchanged += 1
            continue
        if not _needs_date(row, 9, day):
            continue
        if any(
            d["task"] == task.id
            and d["unit"] == unit
            and d["date"] == day.isoformat()
            and d.get("note", "") == note
            and (pct in (None, issued_pct) or d["percent"] == pct)
            and (d.get("done_deadline") == named if done else d.get("done_deadline") is None)
            for d in progress_docs
        ):
            result.unchanged += 1
            continue
        # The unit's own part: its percent, and whether it has already done the deadline the row names.
        now = part_status(task, unit, record.history.get(task.id, []), dt.date.max)
        if done and named is None:
            row.problem(8, t("rpt_import_nothing_named", task=task.title))
            continue
        mine = next((d for d in now.deadlines if d.index == named), None) if done else None
        if mine is not None and mine.done_on is not None:
            result.conflicts.append(
                f"{row.place(8)}: "
                + t(
                    "rpt_conflict_done",
                    task=task.title,
                    deadline=task.deadlines[named].label,
                    on=mine.done_on,
                )
            )
            done = False  # accepted: the deadline stays done as recorded; the row's percent and note still count
            if not ((pct is not None and pct != issued_pct) or note):
                continue
        stale = pct is not None and pct not in (issued_pct, now.percent) and now.percent != issued_pct
        if stale:
            result.conflicts.append(
                f"{row.place(6)}: "
                + t("rpt_conflict_percent", task=task.title, issued=issued_pct, now=now.percent, filled=pct)
            )
        if (pct is None and not done) or pct == issued_pct:
            # Only a note: keep the percent on record that day, which may have moved since the template was issued.
            pct = part_status(task, unit, record.history.get(task.id, []), day).percent
        try:
            report = check_report(
                record,
                task.id,
                pct,
                day,
                unit,
                bool(done),
                note,
                (),
                author=result.author,
                step=named + 1 if done else None,
                lower=True,  # a lowering row is a conflict, accepted only with --accept-conflicts
            )
        except DubanError as exc:
            row.problem(8 if done else 6, str(exc))
            continue
        lowered_from = lowering(record, report)
        if lowered_from is not None and not stale:
            result.conflicts.append(
                f"{row.place(6)}: "
                + t(
                    "imp_conflict_lower",
                    task=task.title,
                    unit=record.label(unit),
                    before=lowered_from,
                    after=report.percent,
                )
            )
        before = part_status(task, unit, record.history.get(task.id, []), day).percent
        what = t("imp_change_progress", title=pick(task.title, task.title_en), before=before, after=report.percent)
        if report.done_deadline is not None:
            deadline = task.deadlines[report.done_deadline]
            what += t("imp_change_deadline_met", label=pick(deadline.label, deadline.label_en))
        if note:
            what += t("imp_change_note", note=note)
        result.changes.append(Change(row.place(6), t("imp_change_on", what=what, day=day), "progress", report))


def _plan_duties(record: Record, log_docs: list[dict], parsed: Parsed, result: ImportPlan) -> None:
    from duban.core.dutylog import check_log

    unit = result.unit
    duties = {d.id: d for d in unit_duties(record, unit)}
    notes = {(d["duty"], d["date"]): d.get("note", "") for d in log_docs if d["unit"] == unit}
    planned: set[tuple[str, dt.date]] = set()
    for row in _rows(parsed, DUTIES, result):
        duty_id, day, note = row.value(1), _date(row, 2, row.value(2), record), _text(row, 3, row.value(3))
        if row.value(0) is not None and not _unit_cell(row, unit):
            continue
        if str(duty_id) not in duties:
            row.problem(1, t("imp_not_unit_duty", duty=duty_id or ""))
            continue
        if not _needs_date(row, 2, day) or row.failed:
            continue
        key = (str(duty_id), day)
        if key in planned:
            result.unchanged += 1
            continue
        if day in record.duty_dates.get((key[0], unit), []):
            recorded = notes.get((key[0], day.isoformat()), "")
            if note and note != recorded:
                # One log per duty and day: the row's note cannot be added to the one on record.
                result.conflicts.append(
                    f"{row.place(3)}: "
                    + t(
                        "rpt_conflict_duty_note",
                        duty=pick(duties[key[0]].title, duties[key[0]].title_en),
                        day=day,
                        recorded=recorded or t("nar_none"),
                        filled=note,
                    )
                )
            result.unchanged += 1
            continue
        try:
            log = check_log(record, str(duty_id), day, unit, author=result.author, note=note)
        except DubanError as exc:
            row.problem(2, str(exc))
            continue
        planned.add(key)
        result.changes.append(
            Change(
                row.place(2),
                t("imp_change_duty", title=pick(duties[str(duty_id)].title, duties[str(duty_id)].title_en), day=day),
                "duty",
                log,
            )
        )


def _plan_checks(registry: Registry, record: Record, parsed: Parsed, result: ImportPlan) -> None:
    """The checklist sheet: ticks (是) and unticks (否) with their dates."""
    from duban.core.checklists import check_tick, checklist_status

    unit, seen = result.unit, set()
    status = {s.item.id: s for s in checklist_status(registry, record, unit)}
    for row in _rows(parsed, CHECKS, result):
        item_id = row.value(1)
        done, note, evidence = _choice(row, 4, row.value(4)), _text(row, 5, row.value(5)), _text(row, 6, row.value(6))
        day = _date(row, 7, row.value(7), record)
        if not _unit_cell(row, unit):
            continue
        if item_id not in status:
            row.problem(1, t("imp_unknown_checklist_item", item_id=item_id))
            continue
        if not _first_time(row, seen, item_id):
            continue
        current = status[item_id]
        if done is None or (done == current.done and (not done or (current.when == day and current.note == note))):
            result.unchanged += 1
            continue
        if not _needs_date(row, 7, day):
            continue
        refs = validate.evidence_refs(evidence)
        try:
            doc = check_tick(
                registry, record, unit, item_id, day, undo=not done, note=note, evidence=refs, author=result.author
            )
        except DubanError as exc:
            row.problem(4, str(exc))
            continue
        what = t(
            "imp_change_tick" if done else "imp_change_untick",
            item=item_id,
            title=pick(current.item.title, current.item.title_en),
        )
        result.changes.append(Change(row.place(4), t("imp_change_on", what=what, day=day), "check", doc))


def _plan_metrics(registry: Registry, record: Record, parsed: Parsed, result: ImportPlan) -> None:
    """The metric sheet: entered values with their dates."""
    from duban.core.metrics import check_value, entered_value, find_metric, format_value

    unit, seen = result.unit, set()
    for row in _rows(parsed, METRICS, result):
        metric_id, value, day = row.value(1), row.value(5), _date(row, 6, row.value(6), record)
        if not _unit_cell(row, unit):
            continue
        try:
            metric = find_metric(registry, record, unit, str(metric_id))
        except DubanError:
            row.problem(1, t("imp_unknown_metric", metric_id=metric_id))
            continue
        if not _first_time(row, seen, metric.id):
            continue
        if value is None or value is _BAD:
            result.unchanged += value is None
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not _needs_date(row, 6, day):
            continue
        try:
            doc = check_value(registry, record, unit, metric.id, value, day, author=result.author)
        except DubanError as exc:
            row.problem(5, str(exc))
            continue
        if any(
            d["unit"] == unit and d["metric"] == metric.id and d["date"] == doc["date"] and d["value"] == doc["value"]
            for d in record.metric_values
        ):
            result.unchanged += 1
            continue
        before = entered_value(record, unit, metric.id, day)
        result.changes.append(
            Change(
                row.place(5),
                t(
                    "imp_change_metric",
                    metric=metric.id,
                    name=pick(metric.name, metric.name_en),
                    before=format_value(metric, before and before[0]),
                    after=format_value(metric, doc["value"]),
                    day=day,
                ),
                "metric",
                doc,
            )
        )


def apply_changes(tx, record: Record, changes: list[Change]) -> None:
    """Apply checked changes inside an open transaction (each audits itself)."""
    from duban.core.dutylog import apply_log
    from duban.core.progress import apply_report

    for change in changes:
        if change.kind == "progress":
            apply_report(tx, record, change.payload)
        elif change.kind == "duty":
            apply_log(tx, record, change.payload)
        elif change.kind == "check":
            from duban.core.checklists import apply_tick

            apply_tick(tx, record, change.payload)
        else:
            from duban.core.metrics import apply_value

            apply_value(tx, record, change.payload)


class ImportRejected(DubanError):
    """The file has problems (`sheet!cell: problem`), or conflicts not accepted; nothing was written."""

    def __init__(self, plan: ImportPlan):
        if plan.problems:
            super().__init__(t("rpt_import_rejected", file=plan.file, n=len(plan.problems)))
        else:
            super().__init__(t("rpt_import_conflicts", file=plan.file, n=len(plan.conflicts)))
        self.plan = plan


def _checked_plan(
    registry: Registry, record: Record, snap, parsed: Parsed, author: str, accept_conflicts: bool
) -> ImportPlan:
    result = plan_import(registry, record, snap, parsed, author)
    if result.problems or (result.conflicts and not accept_conflicts):
        raise ImportRejected(result)
    return result


def import_file(
    ws: Workspace,
    path: str | Path,
    author: str,
    dry_run: bool = False,
    accept_conflicts: bool = False,
    steps: Steps = quiet,
) -> ImportPlan:
    """Check the file, then (unless `dry_run`) back up and apply everything in one transaction, by `author`.

    Rows whose state on record changed since the template was issued are conflicts: the whole file
    is refused unless `accept_conflicts`, and a dry run shows them either way.
    """
    steps("fb_import_read", 0, 4)
    parsed = read_template(path)
    db = ws.db
    steps("fb_import_check", 1, 4)
    with db.reading() as snap:
        result = _checked_plan(
            ws.registry, load_record(snap, ws.units), snap, parsed, author, accept_conflicts or dry_run
        )
    if dry_run or not result.changes:
        return result
    steps("fb_import_backup", 2, 4)
    db.backup("import")
    steps("fb_import_write", 3, 4)
    with db.transaction(author) as tx:
        record = load_record(tx, ws.units)
        # Checked again under the write lock: someone may have written since the first check.
        result = _checked_plan(ws.registry, record, tx, parsed, author, accept_conflicts)
        apply_changes(tx, record, result.changes)
        tx.audit(
            "import",
            result.template,
            None,
            {
                "file": result.file,
                "unit": result.unit,
                "changes": len(result.changes),
                "unchanged": result.unchanged,
                "conflicts_accepted": len(result.conflicts),
            },
        )
    steps("fb_import_write", 4, 4)
    return result


def register_template(tx, identity: dict, rows: dict, base: dict, by: str) -> None:
    """Put an issued template on record with the state it was issued against, so that its identity
    can be checked and its rows compared with what changed since when it comes back."""
    doc = dict(identity, rows=rows, base=base, by=by)
    tx.table(TEMPLATES_TABLE).insert(doc)
    tx.audit("template", identity["unit"], None, {"template": identity["template"], "issued": identity["issued"]})
