"""The report workbook: the seed's attachment 2 (汇总表), the stage summary and the accountability sheets."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font

from duban.core.i18n import pick, t
from duban.core.narrative import SUMMARY_FOOTNOTE, SUMMARY_GUIDANCE, SUMMARY_HEADERS, SUMMARY_TITLE, ReportData

from .cells import CENTER, fit_rows, print_ready, put, write_table
from .identity import write_identity

SHEETS = ("汇总表", "阶段总结", "任务进度", "逾期清单", "表彰与问责", "部门指标", "单位完成情况")
REPORT_KIND = "duban-report"
#: Rows of the 汇总表 layout: the attachment label, title, filling line, headers, guidance, then data.
SUMMARY_HEADER_ROW = 4  # attachment 2: title, filler line, then the nine headers
SUMMARY_FIRST_DATA_ROW = 6
#: Column widths of 汇总表 that print across A4 landscape at 100 % (about PAGE_UNITS in all); the
#: narratives wrap, and each row is as tall as its longest one.
SUMMARY_WIDTHS = {SUMMARY_HEADERS[0]: 4.5, SUMMARY_HEADERS[1]: 8, SUMMARY_HEADERS[2]: 17}
NAME_WIDTH, NARRATIVE_WIDTH = 8, 14


#: the catalogue keys of each sheet's column headings
_FLAGS_HEADS = ("cli_unit", "rpt_level", "rpt_flag_facts", "col_backup_state", "rpt_ruling", "rpt_order")
_METRICS_HEADS = (
    "cli_unit",
    "rpt_checklist_done",
    "cli_metric",
    "rpt_value",
    "cli_target_2",
    "rpt_target",
    "rpt_as_of",
)
_UNITS_HEADS = ("cli_unit", "rpt_tasks", "cal_done", "st_overdue", "rpt_done", "rpt_avg_progress", "rpt_duties")
_TASK_HEADS = (
    "cli_action_2",
    "cli_task",
    "cli_deadline_2",
    "rpt_co_units",
    "reading_mark",
    "rpt_due",
    "cli_status",
    "rpt_percent",
    "rpt_days_overdue",
    "rpt_last_report",
    "rpt_last_note",
)


def write_summary_sheet(
    ws,
    filler: str,
    filled_on: str,
    rows: list[tuple[str, ...]],
    headers: tuple[str, ...] = SUMMARY_HEADERS,
    extra: tuple[tuple[str, ...], ...] = (),
) -> None:
    """Attachment 2 exactly as the seed lays it out, one numbered row per reporting unit, then the
    `extra` rows as given (a roll-up's own mechanism answer and its totals)."""
    last_col = len(headers)
    put(ws, 1, 1, "附件2", border=False, wrap=False)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_col)
    title = put(ws, 2, 1, SUMMARY_TITLE, border=False)
    title.font = Font(name="方正小标宋简体", size=18, bold=True)
    title.alignment = CENTER
    ws.row_dimensions[2].height = 32
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=last_col)
    put(ws, 3, 1, f"填表单位：{filler}　　　　填表日期：{filled_on}", border=False, wrap=False)
    for col, text in enumerate(headers, 1):
        put(ws, SUMMARY_HEADER_ROW, col, text, bold=True).alignment = CENTER
        put(ws, 5, col, SUMMARY_GUIDANCE if text == SUMMARY_HEADERS[2] else "", wrap=True).alignment = Alignment(
            wrap_text=True, vertical="center"
        )
        narrative = col > headers.index(SUMMARY_HEADERS[2]) + 1
        width = SUMMARY_WIDTHS.get(text, NARRATIVE_WIDTH if narrative else NAME_WIDTH)
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    for i, values in enumerate(rows):
        r = SUMMARY_FIRST_DATA_ROW + i
        put(ws, r, 1, i + 1).alignment = CENTER
        for col, value in enumerate(values, 2):
            put(ws, r, col, value)
    for i, values in enumerate(extra):
        r = SUMMARY_FIRST_DATA_ROW + len(rows) + i
        for col, value in enumerate(values, 1):
            put(ws, r, col, value, bold=col == 1)
    foot = SUMMARY_FIRST_DATA_ROW + len(rows) + len(extra)
    ws.merge_cells(start_row=foot, start_column=1, end_row=foot, end_column=last_col)
    put(ws, foot, 1, SUMMARY_FOOTNOTE, border=False, wrap=False)
    fit_rows(ws, SUMMARY_HEADER_ROW)
    ws.row_dimensions[foot].height = 20
    print_ready(ws, "4:5", "C6")


def _flags_sheet(ws, data: ReportData) -> None:
    """The committee's decisions as decisions and the rules' suggestions as 待认定, in plain words."""
    from duban.core.flags import flag_label, order_text, ruling_lines, sort_key

    headers = [t(key) for key in _FLAGS_HEADS]
    order = {u.code: i for i, u in enumerate(data.record.owners())}
    # The committee reads the gravest first; suggestions still to rule on before decided ones, open before resolved.
    flags = sorted(data.extras["flags"], key=lambda f: sort_key(f, order))
    rows, fills = [], []
    for flag in flags:
        rows.append(
            [
                data.record.label(flag.unit),
                flag_label(flag),
                "\n".join(e.text for e in flag.evidence),
                t("rpt_open") if flag.state == "open" else t("rpt_resolved"),
                "\n".join(ruling_lines(flag)[:2]),
                order_text(flag),
            ]
        )
        # Only a decision is coloured as one; a suggestion stays uncoloured, so no one reads it as ruled.
        colour = {"commendation": "green", "supervision": "amber", "accountability": "red"}.get(flag.level)
        fills.append(colour if flag.confirmed else None)
    write_table(
        ws,
        headers,
        rows or [[t("nar_none"), "", "", "", "", ""]],
        fills=fills or None,
        fill_col=2,
        caps={3: 60, 5: 40, 6: 30},
    )


def _metrics_sheet(ws, data: ReportData) -> None:
    headers = [t(key) for key in _METRICS_HEADS]
    units = data.extras["units"]
    from duban.core.metrics import format_target, format_value

    rows, fills = [], []
    for u in data.units:
        found = units.get(u.code, {"checklist": [], "metrics": []})
        items = found["checklist"]
        done = f"{sum(1 for i in items if i.done)}/{len(items)}" if items else "—"
        metrics = found["metrics"] or [None]
        for m in metrics:
            if m is None:
                rows.append([u.name, done, "", "", "", "", None])
                fills.append(None)
                continue
            verdict = {True: t("rpt_yes"), False: t("rpt_no"), None: t("rpt_not_reported")}
            rows.append(
                [
                    u.name,
                    done,
                    pick(m.metric.name, m.metric.name_en),
                    format_value(m.metric, m.value),
                    format_target(m.metric),
                    verdict[m.on_target],
                    m.as_of,
                ]
            )
            fills.append({True: "green", False: "red", None: "amber"}[m.on_target])
    write_table(ws, headers, rows, fills=fills, fill_col=6, caps={3: 36})


def _units_sheet(ws, data: ReportData) -> None:
    headers = [t(key) for key in _UNITS_HEADS]
    rows = [
        [
            u.name,
            u.tasks,
            u.done,
            u.overdue,
            round(u.done_pct, 1),
            round(u.progress, 1),
            None if u.duty_pct is None else round(u.duty_pct, 1),
        ]
        for u in data.units
    ]
    write_table(ws, headers, rows, formats={5: "0.0", 6: "0.0", 7: "0.0"})
    chart = BarChart()
    chart.type = "bar"
    chart.title = t("rpt_completion_unit")
    chart.y_axis.title = "%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    last = len(rows) + 1
    chart.add_data(Reference(ws, min_col=5, max_col=6, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"  # units top to bottom in the plan's order, as in the table
    chart.x_axis.tickLblSkip = 1
    chart.height = max(8, 0.9 * len(rows))
    chart.width = 18
    ws.add_chart(chart, f"A{last + 3}")  # below the table, so that the sheet prints as wide as its table


def build_report_workbook(data: ReportData) -> Workbook:
    """The whole report as a workbook (not yet saved)."""
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {name: wb.create_sheet(name) for name in SHEETS}
    write_summary_sheet(sheets["汇总表"], data.filler, data.as_of.isoformat(), [data.summary_row])
    write_table(
        sheets["阶段总结"],
        [
            t("cli_action_2"),
            t("rpt_progress"),
            t("rpt_highlights"),
            t("rpt_shortcomings"),
        ],
        [[a.action, a.progress, a.highlights, a.shortcomings] for a in data.actions],
        fills=[a.rag for a in data.actions],
        fill_col=1,
        caps={1: 20, 2: 50, 3: 45, 4: 45},
    )
    task_headers = [t(key) for key in _TASK_HEADS]
    caps = {1: 18, 2: 24, 3: 20, 5: 30, 11: 44}
    write_table(
        sheets["任务进度"],
        task_headers,
        [_task_values(r) for r in data.tasks],
        fills=[r.rag for r in data.tasks],
        fill_col=7,
        caps=caps,
    )
    write_table(
        sheets["逾期清单"],
        task_headers,
        [_task_values(r) for r in data.overdue] or [[t("nar_none")] + [""] * 10],
        fills=[r.rag for r in data.overdue],
        fill_col=7,
        caps=caps,
    )
    _flags_sheet(sheets["表彰与问责"], data)
    _metrics_sheet(sheets["部门指标"], data)
    _units_sheet(sheets["单位完成情况"], data)
    write_identity(
        wb,
        {
            "kind": REPORT_KIND,
            "plan": data.record.plan.id,
            "county": data.county,
            "filler": data.filler,
            "as_of": data.as_of.isoformat(),
            "period": data.period.key,
        },
    )
    wb.active = 0
    return wb


def _task_values(r) -> list[object]:
    return [
        r.action,
        r.task,
        r.deadline,
        r.unit,
        r.reading,
        r.due,
        r.state_words,
        r.percent,
        r.days_overdue or None,
        r.last_report,
        r.last_note,
    ]


def save(wb: Workbook, out: str | Path) -> Path:
    """Save `wb` to `out` atomically (a half-written workbook never replaces a good one)."""
    import io

    from duban.core.store import write_atomic

    buf = io.BytesIO()
    wb.save(buf)
    path = Path(out)
    write_atomic(path, buf.getvalue())
    return path
