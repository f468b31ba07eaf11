"""The dashboard's words: key bindings, titles, prompts."""

MESSAGES: dict[str, tuple[str, str]] = {
    # key bindings (shown in the footer and the help screen)
    "tui_quit": ("退出", "Quit"),
    "tui_help": ("帮助", "Help"),
    "tui_as_of": ("查看日期", "As of"),
    "tui_prev_day": ("前一天", "Day −1"),
    "tui_next_day": ("后一天", "Day +1"),
    "tui_flags": ("督办标识", "Flags"),
    "tui_flags_title": (
        "督办标识（截至 {as_of}）：已认定 {decided}；待认定 {pending}　c 认定，x 不予认定，n 督办通知单，r 规则",
        "Flags (as of {as_of}): decided {decided}; pending {pending}   c confirm, x dismiss, n notice, r rules",
    ),
    "tui_notice": ("督办通知单", "Notice"),
    "tui_rules": ("督办规则", "Flag rules"),
    "tui_decided": ("督办标记 {flag} {decision}", "flag {flag} {decision}"),
    "tui_notice_offer": ("按 n 生成督办通知单", "press n to write the supervision notice"),
    "tui_theme": ("明暗主题", "Light/dark"),
    "tui_back": ("返回", "Back"),
    "tui_open": ("打开", "Open"),
    "tui_filter": ("筛选任务", "Filter tasks"),
    "tui_log_duty": ("记录履职", "Log duty"),
    "tui_toggle_item": ("勾选清单", "Toggle item"),
    "tui_edit_metric": ("填报指标", "Edit metric"),
    "tui_submit": ("提交报告", "Submit report"),
    "tui_confirm": ("确认", "Confirm"),
    "tui_dismiss": ("驳回", "Dismiss"),
    "tui_export_calendars": ("导出日历", "Export calendars"),
    "tui_write_report": ("生成报告", "Write report"),
    "tui_make_template": ("单位模板", "Unit template"),
    "tui_import_workbook": ("导入表格", "Import workbook"),
    "tui_palette": ("命令", "Commands"),
    "tui_apply": ("导入", "Import"),
    # notifications and states
    "tui_reloaded": ("数据已更新（第 {generation} 次提交）", "data updated (commit {generation})"),
    "tui_done": ("完成：{what}", "done: {what}"),
    "tui_failed": ("失败：{problem}", "failed: {problem}"),
    "tui_report_ok": (
        "可以提交：{task} 进度 {percent}%（{date}，{unit}）",
        "ready to submit: {task} at {percent}% ({date}, {unit})",
    ),
    "tui_reason_needed": ("请填写理由", "a reason is required"),
}
