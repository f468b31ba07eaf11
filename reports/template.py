"""A unit's fill-in workbook: its tasks, checklist, metrics and duty log, with validation and protection.

The layout here is the contract `duban.reports.importer` reads back: sheet names, column order, the hidden
identity. Locked cells hold what duban knows; only the shaded input cells can be edited.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from duban.core.frozen import frozen
from duban.core.i18n import pick
from duban.core.record import Record
from duban.core.status import part_of

from .cells import DATE_WIDTH, INPUT_FILL, fit_columns, fit_rows, header_row, print_ready, put
from .identity import write_identity

if TYPE_CHECKING:
    from duban.core.registry import Registry

TEMPLATE_KIND = "duban-template"
HELP, TASKS, CHECKS, METRICS, DUTIES, LISTS = "说明", "任务进度", "职责清单", "指标", "常态职责", "_lists"
YES, NO = "是", "否"
DUTY_ROWS = 300
NOTE_WIDTH = 30
NOTE_MAX = 500

#: Each sheet's columns: (header, is an input cell). The importer reads them by position.
COLUMNS = {
    TASKS: [
        ("单位代码", False),
        ("任务编号", False),
        ("任务", False),
        ("下一截止节点", False),
        ("截止日期", False),
        ("当前进度%", False),
        ("填报进度%", True),
        ("情况说明", True),
        ("完成该节点（是/否）", True),
        ("日期（填报或完成）", True),
    ],
    CHECKS: [
        ("单位代码", False),
        ("事项编号", False),
        ("事项", False),
        ("当前状态", False),
        ("完成（是/否）", True),
        ("情况说明", True),
        ("佐证材料（分号分隔）", True),
        ("完成日期", True),
    ],
    METRICS: [
        ("单位代码", False),
        ("指标编号", False),
        ("指标", False),
        ("目标", False),
        ("当前值", False),
        ("填报值", True),
        ("日期", True),
    ],
    DUTIES: [("单位代码", False), ("职责编号", True), ("履行日期", True), ("说明", True)],
}
#: The date columns of each sheet (1-based), kept wide enough that a date never prints as ###.
DATE_COLUMNS = {TASKS: (5, 10), CHECKS: (8,), METRICS: (7,), DUTIES: (3,)}


@frozen
class TemplateContent:
    """What a unit's template lists, computed from the record."""

    unit: str
    tasks: list[list[object]]
    checks: list[list[object]]
    metrics: list[list[object]]
    duties: list[tuple[str, str]]
    #: Per task: the percent and the deadline (index) each row names, as issued; the importer compares.
    base: dict[str, dict]


def unit_duties(record: Record, unit: str) -> list:
    """The recurring duties `unit` performs."""
    return [d for d in record.plan.duties if unit in record.duty_units(d)]


def template_content(registry: Registry, record: Record, unit: str, as_of: dt.date) -> TemplateContent:
    """The rows of `unit`'s template on `as_of`."""
    tasks, base = [], {}
    for task in record.plan.tasks:
        if unit not in task.parties:
            continue
        status = part_of(record, task, unit, as_of)  # the unit's own part, its extensions included
        nxt = status.next_open()
        base[task.id] = {"percent": status.percent, "deadline": nxt.index if nxt else None}
        tasks.append(
            [
                unit,
                task.id,
                task.title,
                nxt.deadline.label if nxt else "已全部完成",
                nxt.deadline.due if nxt else None,
                status.percent,
            ]
        )
    from duban.core.checklists import checklist_status
    from duban.core.metrics import format_target, format_value, metric_status

    checks = [
        [unit, s.item.id, s.item.title, f"已完成 {s.when}" if s.done else "未完成"]
        for s in checklist_status(registry, record, unit)
    ]
    metrics = [
        [unit, m.metric.id, m.metric.name, format_target(m.metric), format_value(m.metric, m.value)]
        for m in metric_status(registry, record, unit, as_of)
        if m.metric.source == "entered"
    ]
    duties = [(d.id, d.title) for d in unit_duties(record, unit)]
    return TemplateContent(unit, tasks, checks, metrics, duties, base)


def _sheet(wb: Workbook, name: str, rows: list[list[object]], extra_input_rows: int = 0):
    ws = wb.create_sheet(name)
    columns = COLUMNS[name]
    header_row(ws, 1, [h for h, _ in columns])
    for i in range(len(rows) + extra_input_rows):
        values = rows[i] if i < len(rows) else []
        for col, (_, is_input) in enumerate(columns, 1):
            value = values[col - 1] if col - 1 < len(values) else None
            if is_input and name == TASKS and col == 7:
                value = values[5]  # the input percent starts at the current percent
            cell = put(ws, i + 2, col, value, fill=INPUT_FILL if is_input else None)
            if is_input:
                cell.protection = Protection(locked=False)
    # Text input columns start wide enough for a sentence: their cells are empty when the width is set.
    floors = {col: NOTE_WIDTH for col, (header, is_input) in enumerate(columns, 1) if is_input and "说明" in header}
    fit_columns(ws, {3: 30, 8: 40, 6: 40, 7: 30}, floors=floors | dict.fromkeys(DATE_COLUMNS[name], DATE_WIDTH))
    fit_rows(ws, 2, only_wrapped=True)
    print_ready(ws, "1:1", "C2")
    protect_content(ws)
    return ws


def protect_content(ws) -> None:
    """Lock what duban wrote, but let the clerk widen columns, heighten rows and format cells to print."""
    ws.protection.sheet = True
    ws.protection.password = "duban"
    ws.protection.formatColumns = ws.protection.formatRows = ws.protection.formatCells = False


def _validate(ws, kind: str, cells: str, plan=None, source: str = "", title: str = "") -> None:
    """Attach one data validation; it guides the user, the importer re-checks everything anyway."""
    if kind == "list":
        dv = DataValidation(type="list", formula1=source, allow_blank=True)
    elif kind == "percent":
        # Decimal, not whole: a clerk typing "90%" gives the cell 0.9, which the importer reads as 90.
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
    elif kind == "date":
        start, end = plan.period_start, plan.period_end
        dv = DataValidation(
            type="date",
            operator="between",
            allow_blank=True,
            formula1=f"DATE({start.year},{start.month},{start.day})",
            formula2=f"DATE({end.year},{end.month},{end.day})",
        )
    else:
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(NOTE_MAX), allow_blank=True)
    dv.error = title
    dv.errorTitle = "duban"
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(cells)


def build_template(registry: Registry, record: Record, unit: str, as_of: dt.date, template_id: str | None = None):
    """The fill-in workbook for `unit`; returns (workbook, identity values, row ids per sheet, issued state)."""
    content = template_content(registry, record, unit, as_of)
    template_id = template_id or secrets.token_hex(8)
    plan = record.plan
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = HELP
    lines = [
        f"{pick(plan.title, plan.title_en)}（{plan.doc_number}）",
        f"填报单位：{record.units[unit].name}（{unit}）    模板编号：{template_id}    生成日期：{as_of}",
        "只需填写浅黄色单元格；其余单元格已锁定（列宽、行高可以调整）。填好后交回秘书组导入。",
        "任务进度：改“填报进度%”或写“情况说明”，并填“日期”；某一截止节点完成时，“完成该节点”选“是”，日期填完成日。",
        "职责清单：完成的事项选“是”，填完成日期，可附说明与佐证材料名称。",
        "指标：在“填报值”填数，并填日期。常态职责：每履行一次写一行（职责编号、履行日期）。",
        "日期如 2020-10-10 或 2020年10月10日；进度填 0 到 100 的整数，可带 %。文件中的校验仅为提示，导入时会逐格复核。",
        "",
        "本单位的常态化职责：",
    ] + [f"  {d_id}  {title}" for d_id, title in content.duties]
    for row, text in enumerate(lines, 1):
        put(help_ws, row, 1, text, border=False, wrap=False, bold=row == 1)
    help_ws.column_dimensions["A"].width = 110
    help_ws["A1"].font = Font(name="宋体", size=14, bold=True)
    print_ready(help_ws, "1:1", None)
    protect_content(help_ws)

    yes_no = f"'{LISTS}'!$A$1:$A$2"

    ws = _sheet(wb, TASKS, content.tasks)
    last = len(content.tasks) + 1
    if content.tasks:
        _validate(ws, "percent", f"G2:G{last}", title="进度应为 0 到 100 的整数")
        _validate(ws, "text", f"H2:H{last}", title=f"说明不超过 {NOTE_MAX} 字")
        _validate(ws, "list", f"I2:I{last}", source=yes_no, title="请选择 是 或 否")
        _validate(ws, "date", f"J2:J{last}", plan, title="日期应在专项行动期间")
        for row in range(2, last + 1):
            ws.cell(row=row, column=10).number_format = "yyyy-mm-dd"
    rows = {TASKS: [r[1] for r in content.tasks]}
    ws = _sheet(wb, CHECKS, content.checks)
    last = len(content.checks) + 1
    if content.checks:
        _validate(ws, "list", f"E2:E{last}", source=yes_no, title="请选择 是 或 否")
        _validate(ws, "text", f"F2:G{last}", title=f"不超过 {NOTE_MAX} 字")
        _validate(ws, "date", f"H2:H{last}", plan, title="日期应在专项行动期间")
    ws = _sheet(wb, METRICS, content.metrics)
    last = len(content.metrics) + 1
    if content.metrics:
        _validate(ws, "date", f"G2:G{last}", plan, title="日期应在专项行动期间")
    rows[CHECKS] = [r[1] for r in content.checks]
    rows[METRICS] = [r[1] for r in content.metrics]
    if content.duties:
        # Empty rows carry no unit code, so that only the rows the clerk fills in count as content.
        ws = _sheet(wb, DUTIES, [], extra_input_rows=DUTY_ROWS)
        _validate(
            ws,
            "list",
            f"B2:B{DUTY_ROWS + 1}",
            source=f"'{LISTS}'!$B$1:$B${len(content.duties)}",
            title="请从列表中选择本单位的职责编号",
        )
        _validate(ws, "date", f"C2:C{DUTY_ROWS + 1}", plan, title="日期应在专项行动期间")
        for row in range(2, DUTY_ROWS + 2):
            ws.cell(row=row, column=3).number_format = "yyyy-mm-dd"
        rows[DUTIES] = [d_id for d_id, _ in content.duties]
    lists = wb.create_sheet(LISTS)
    put(lists, 1, 1, YES, border=False)
    put(lists, 2, 1, NO, border=False)
    for row, (d_id, _) in enumerate(content.duties, 1):
        put(lists, row, 2, d_id, border=False)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    identity = {
        "kind": TEMPLATE_KIND,
        "plan": plan.id,
        "unit": unit,
        "template": template_id,
        "issued": as_of.isoformat(),
    }
    write_identity(wb, identity)
    wb.security = WorkbookProtection(workbookPassword="duban", lockStructure=True)
    wb.active = 1 if content.tasks else 0
    return wb, identity, rows, {TASKS: content.base}
