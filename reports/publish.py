"""Writing the workbooks duban hands out: a report for a period, a unit's registered template.

One call each, shared by `duban report` / `duban template` and the dashboard's actions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from duban.core import validate
from duban.core.errors import DubanError
from duban.core.feedback import Steps, quiet
from duban.core.i18n import t
from duban.core.narrative import build_report
from duban.core.record import load_record
from duban.core.workspace import Workspace

from .importer import register_template
from .report import build_report_workbook, save
from .template import build_template


def save_checked(wb, path: Path) -> Path:
    """Save a workbook atomically; a file-system failure is a one-line error."""
    try:
        return save(wb, path)
    except OSError as exc:
        raise DubanError(t("rpt_cannot_write", path=path, problem=exc.strerror or exc)) from None


def write_report(
    ws: Workspace, as_of: dt.date, period: str | None, unit_name: str | None, path: Path, steps: Steps = quiet
):
    """Build the report for `period` (or everything up to `as_of`) and save it at `path`; returns its data."""
    # Computed on a snapshot read whole and released: a long report never keeps a clerk from recording.
    steps("fb_report_compute", 0, 3)
    data = build_report(ws.db.snapshot(), ws.registry, as_of, period, unit_name)
    steps("fb_report_sheets", 1, 3)
    workbook = build_report_workbook(data)
    steps("fb_report_save", 2, 3)
    save_checked(workbook, path)
    steps("fb_report_save", 3, 3)
    return data


def issue_template(ws: Workspace, unit: str, as_of: dt.date | None, path: Path, author: str) -> tuple[dict, dict]:
    """Write `unit`'s fill-in workbook and register it, so its import can be checked against it.

    Saved inside the transaction: a file that cannot be written registers nothing. Returns the
    template's identity and its row counts.
    """
    saved = False
    try:
        with ws.db.transaction(author) as tx:
            record = load_record(tx, ws.units)
            unit = validate.unit(record, unit)
            wb, identity, rows, base = build_template(ws.registry, record, unit, ws.as_of(record, as_of))
            register_template(tx, identity, rows, base, author)
            save_checked(wb, path)
            saved = True
    except BaseException:
        # The registration did not commit (a full disk …): a workbook left behind would later be refused
        # as tampered with, so it goes too.
        if saved:
            path.unlink(missing_ok=True)
        raise
    return identity, rows
