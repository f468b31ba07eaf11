"""The dashboard's words: key bindings, titles, prompts."""

_HELP_ZH = """\
# 督办仪表盘

**总览**：计划名称与文号、查看日期、下一报送节点；**今日要事**——压力最大的单位（按逾期、职责缺漏、督办标记排序），
每个单位的原因与议事协调机构的状态（确认 / 待认定），昨日未记录的职责和久未填报的单位；然后是各行动进度、
逾期事项（按逾期天数）、近期到期事项和各单位情况。焦点从今日要事的第一个单位开始，Tab 依次向下。
状态同时用文字和颜色表示：逾期（红）、逾期完成（橙）、按时完成（绿）、进行中（蓝）、未开始（灰）；
督办级别另有记号：▲▲ 问责、▲ 督导、★ 表彰（无颜色时也看得出）。

| 键 | 作用 |
|---|---|
| ↑ ↓ Tab | 移动 / 切换区域（鼠标也可点击） |
| 回车 | 打开单位或任务 |
| d | 查看某一天的情况（输入日期） |
| [ ] | 前一天 / 后一天 |
| f | 督办标记：规则提出的建议（待认定）与县委政法委的认定；在该页 c 认定、x 不予认定、n 督办通知单、r 督办规则 |
| t | 全部任务（逾期在前，/ 筛选） |
| / | 筛选任务（单位页） |
| l | 记录所选职责在查看日期的履行（单位页；第一次按先切到职责页） |
| y | 记录所选职责昨日的履行（单位页：l 切到职责页，再按 y） |
| Space | 勾选清单事项 |
| m | 填报所选指标 |
| Ctrl+S | 提交进度报告（任务页） |
| Esc | 返回（表单已填写时先提示，再按一次才放弃） |
| Ctrl+P | 命令面板：按编号或名称跳到任务、单位、督办标记（如输入“落户”打开 A4.1）；导出日历、生成报告、单位模板、导入表格 |
| Ctrl+T | 明暗主题 |
| ? | 本帮助 |
| q | 退出 |

其他终端或导入修改数据库后，仪表盘在约两秒内自动更新。
"""

_HELP_EN = """\
# duban dashboard

**Overview**: plan title and document number, the as-of date and the next reporting milestone; **this
morning** — the units under most pressure (ranked by overdue work, missed duty rounds and flags), each with
why and the committee's state (confirmed / to decide), yesterday's unlogged duties and units gone quiet;
then progress overall and per action, overdue items (longest first), deadlines coming up and every unit.
Focus starts on the first unit of the morning page; Tab goes down the page.
Status is shown in words and colour: overdue (red), done late (orange), done on time (green),
in progress (blue), not started (grey); flag levels also carry marks: ▲▲ accountability, ▲ supervision,
★ commendation (visible without colour).

| Key | Does |
|---|---|
| ↑ ↓ Tab | move / next area (the mouse works too) |
| Enter | open a unit or a task |
| d | look at another day (type a date) |
| [ ] | one day back / forward |
| f | flags: the rules' suggestions (pending) and the committee's decisions; there c confirm, x dismiss, n notice, r the rules |
| t | every task (overdue first, / to filter) |
| / | filter tasks (unit screen) |
| l | log the selected duty as performed on the day in view (unit screen; the first press shows the duties) |
| y | log the selected duty for yesterday (unit screen: l for the duties, then y) |
| Space | tick or untick a checklist item |
| m | enter a value for the selected metric |
| Ctrl+S | submit a progress report (task screen) |
| Esc | back (a filled-in form asks first; a second Esc discards it) |
| Ctrl+P | command palette: jump to a task, unit or flag by id or name (a word of a task's title opens it); export calendars, write a report, unit template, import a workbook |
| Ctrl+T | light / dark theme |
| ? | this help |
| q | quit |

When another terminal or an import changes the database, the dashboard follows within about two seconds.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "tui_done_own_next": ("完成本单位的下一截止节点", "completes this unit's next deadline"),
    "role_county_lead": ("本单位分工（县指定牵头）", "own part (county's lead)"),
    "role_own_part": ("本单位分工", "own part"),
    # key bindings (shown in the footer and the help screen)
    "tui_quit": ("退出", "Quit"),
    "tui_help": ("帮助", "Help"),
    "tui_as_of": ("查看日期", "As of"),
    "tui_prev_day": ("前一天", "Day −1"),
    "tui_next_day": ("后一天", "Day +1"),
    "tui_flags": ("督办标记", "Flags"),
    "tui_flags_title": (
        "督办标记（截至 {as_of}）：已认定 {decided}；待认定 {pending}　c 认定，x 不予认定，n 督办通知单，r 规则",
        "Flags (as of {as_of}): decided {decided}; pending {pending}   c confirm, x dismiss, n notice, r rules",
    ),
    "tui_notice": ("督办通知单", "Notice"),
    "tui_rules": ("督办规则", "Flag rules"),
    "tui_notice_offer": ("按 n 生成督办通知单", "press n to write the supervision notice"),
    "tui_theme": ("明暗主题", "Light/dark"),
    "tui_back": ("返回", "Back"),
    "tui_open": ("打开", "Open"),
    "tui_filter": ("筛选任务", "Filter tasks"),
    "tui_log_duty": ("记录履职", "Log duty"),
    "tui_toggle_item": ("勾选清单", "Toggle item"),
    "tui_edit_metric": ("填报指标", "Edit metric"),
    "tui_submit": ("提交报告", "Submit report"),
    "tui_confirm": ("认定", "Confirm"),
    "tui_dismiss": ("不予认定", "Dismiss"),
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
    "tui_jump_task": ("打开这项任务", "Open this task"),
    "tui_jump_unit": ("打开单位：{name}", "Open unit: {name}"),
    "tui_jump_flag": ("在督办标记中查看", "Show among the flags"),
    "tui_trouble_title": (
        "今日要事：压力最大的单位（回车查看）",
        "This morning: units under most pressure (Enter to open)",
    ),
    "tui_trouble_unit": ("单位", "unit"),
    "tui_trouble_why": ("原因", "why"),
    "tui_trouble_committee": ("县委政法委", "committee"),
    "tui_missing_yesterday": ("昨日未记录（{n}）：{items}", "Not logged yesterday ({n}): {items}"),
    "tui_silent": ("久未填报（{n}）：{items}", "Gone quiet ({n}): {items}"),
    "tui_silent_days": ("{days}天", " {days} d"),
    "tui_never": ("从未填报", " never"),
    "tui_all_logged": (
        "昨日职责均已记录，各单位近期都有填报。",
        "Every duty was logged yesterday; every unit reported recently.",
    ),
    "tui_wrote_calendar_files": (
        "已写入 {written_count} 个日历文件到 {folder}",
        "wrote {written_count} calendar files to {folder}",
    ),
    "tui_imported_changes": ("已导入 {unit} 的 {change_count} 项变更", "imported {change_count} changes for {unit}"),
    "tui_checklist": ("清单“{item}”", "checklist “{item}”"),
    "tui_value_metric": ("指标“{metric}”的数值", "Value of metric “{metric}”"),
    "tui_working": ("{title_key}：进行中…", "{title_key}: working…"),
    "tui_metric": ("指标“{metric}” = {value}", "metric “{metric}” = {value}"),
    "tui_problems_not_imported": (
        "{path}：有 {problem_count} 处问题，未导入",
        "{path}: {problem_count} problems, not imported",
    ),
    "tui_changes_rows_unchanged": (
        "{path}：将导入 {unit} 的 {change_count} 项变更（{unchanged} 行无变化）",
        "{path}: {change_count} changes for {unit} ({unchanged} rows unchanged)",
    ),
    "tui_look_which_day_yyyy_mm": ("查看哪一天的情况？（YYYY-MM-DD）", "Look at which day? (YYYY-MM-DD)"),
    "tui_look_another_day": ("查看某一天的情况", "Look at another day"),
    "tui_commendation_supervision_accountability": (
        "表彰 / 督导 / 问责",
        "commendation / supervision / accountability",
    ),
    "tui_key_bindings": ("按键说明", "Key bindings"),
    "tui_no_changes": ("（没有变更）", "(no changes)"),
    "tui_enter_accept_esc_cancel": ("回车确定，Esc 取消", "Enter to accept, Esc to cancel"),
    "tui_enter_import_esc_cancel": ("回车导入，Esc 取消", "Enter to import, Esc to cancel"),
    "tui_esc_go_back": ("Esc 返回", "Esc to go back"),
    "tui_rule": ("依据", "rule"),
    "tui_evidence": ("证据", "evidence"),
    "tui_state": ("状态", "state"),
    "tui_reason": ("理由", "reason"),
    "tui_no_flags": ("没有督办标记。", "No flags."),
    "tui_as": ("截至 ", "As of "),
    "tui_demo_data": ("（演示数据）", " (demo data)"),
    "tui_next_report_due": ("  下一报送节点 ", "  Next report due "),
    "tui_days": ("（还有 {days} 天） ", " (in {days} days) "),
    "tui_done_2": ("{done}/{tasks} 完成", "{done}/{tasks} done"),
    "tui_all_tasks": ("全部任务", "All tasks"),
    "tui_overdue_longest_first": (
        "逾期事项（{overdue_count}，按逾期天数）",
        "Overdue ({overdue_count}, longest first)",
    ),
    "tui_due_within_days": (
        "{soon_days} 天内到期（{due_soon_count}）",
        "Due within {soon_days} days ({due_soon_count})",
    ),
    "tui_d": ("{soon_days}天内", "≤{soon_days} d"),
    "tui_flag": ("标记", "flag"),
    "tui_overdue": (" · 逾期 {overdue}", " · {overdue} overdue"),
    "tui_due_soon": (" · 临近 {due_soon}", " · {due_soon} due soon"),
    "tui_d_2": ("还有 {days_left} 天", "in {days_left} d"),
    "tui_units_enter_open": ("各单位（回车查看）", "Units (Enter to open)"),
    "tui_action": ("行动 {id} {title}\n", "Action {id} {title}\n"),
    "tui_lead": ("牵头单位：", "Lead: "),
    "tui_as_2": ("\n截至 {as_of}", "\nAs of {as_of}"),
    "tui_window_opens": ("窗口开始", "window opens"),
    "tui_progress_reports": ("进度报告（{report_count}）", "Progress reports ({report_count})"),
    "tui_add_progress_report_dated": (
        "新增进度报告（日期 {entry_date}，报告人 {author}）",
        "Add a progress report (dated {entry_date}, by {author})",
    ),
    "tui_co_owners": ("  责任单位：", "  Co-owners: "),
    "tui_deadlines": ("截止节点", "Deadlines"),
    "tui_submit_report_ctrl_s": ("提交报告 (Ctrl+S)", "Submit report (Ctrl+S)"),
    "tui_enter_percent_or_tick_done": ("填写进度百分比，或勾选完成", "Enter a percent, or tick done"),
    "tui_unit": ("单位", "Unit"),
    "tui_percent": ("进度 %", "Percent"),
    "tui_completes_next_deadline": ("完成下一截止节点", "completes the next deadline"),
    "tui_note": ("说明", "Note"),
    "tui_evidence_2": ("佐证", "Evidence"),
    "tui_file_or_record_references_separated": (
        "文件或记录编号，用 ; 分隔",
        "file or record references, separated by ;",
    ),
    "tui_role": ("职责", "role"),
    "tui_select_duty_press_l_log": (
        "选中职责后按 l 记录 {day} 已履行",
        "Select a duty and press l to log it as performed on {day}",
    ),
    "tui_due": ("应履行", "due"),
    "tui_logged": ("已记录", "logged"),
    "tui_last_logged": ("最近记录", "last logged"),
    "tui_select_item_press_space_tick": (
        "选中事项后按空格勾选或取消（记录人、时间、说明）",
        "Select an item and press Space to tick or untick it (who, when, note are recorded)",
    ),
    "tui_item": ("事项", "item"),
    "tui_select_entered_metric_press_m": (
        "选中填报类指标后按 m 录入数值",
        "Select an entered metric and press m to enter its value",
    ),
    "tui_target": ("达标", "on target"),
    "tui_liaison": ("  联络员 {liaison} {phone}", "  liaison {liaison} {phone}"),
    "tui_tasks_done": (" · {tasks} 项任务，完成 {done}，", " · {tasks} tasks, {done} done, "),
    "tui_overdue_2": ("逾期 {overdue}", "{overdue} overdue"),
    "tui_no_current_flag": ("当前没有督办标记。", "No current flag."),
    "tui_duties": ("常态职责", "Duties"),
    "tui_metrics": ("考核指标", "Metrics"),
    "tui_flag_2": ("督办标记", "Flag"),
    "tui_no_value": ("未填报", "no value"),
    "tui_target_2": ("✓ 达标", "✓ on target"),
    "tui_below_target": ("✗ 未达标", "✗ below target"),
    "tui_filter_tasks_id_title_or": ("筛选任务：编号、名称或状态（/）", "Filter tasks: id, title or status (/)"),
    "tui_computed": ("自动计算", "computed"),
    "tui_done_3": ("✓ 已完成", "✓ done"),
    "tui_open_2": ("✗ 未完成", "✗ open"),
    "tui_decision": ("决定：{flag} {reason}\n", "Decision: {flag} {reason}\n"),
    "tui_tick_note": ("勾选“{item}”：说明（可空）", "Tick “{item}”: note (optional)"),
    "tui_untick_note": ("取消勾选“{item}”：说明（可空）", "Untick “{item}”: note (optional)"),
    "tui_flag_decided": ("{unit}的{level}标记已{decision}", "{level} flag of {unit} {decision}"),
    "tui_decision_reason": ("{verb}标记 {flag}：理由", "{verb} flag {flag}: reason"),
    "tui_long_action_question": ("{title}：{question}", "{title}: {question}"),
    "tui_ask_output_folder": ("目标文件夹", "Output folder"),
    "tui_ask_period": (
        "报告期（R1/R2/R3 或 2020-Q3，空为当前）",
        "Period (R1/R2/R3 or 2020-Q3; empty for the current one)",
    ),
    "tui_ask_unit_code": ("单位代码", "Unit code"),
    "tui_ask_workbook_path": ("表格文件路径", "Workbook path"),
    "tui_app_title": ("督办", "duban"),
    "tui_palette_prompt": ("搜索命令…", "Search for commands…"),
    # Textual's own command-palette words (duban.tui.text.TEXTUAL_WORDS)
    "tui_tx_bell": ("响铃", "Bell"),
    "tui_tx_ring_bell": ("让终端响铃", "Ring the bell"),
    "tui_tx_theme": ("主题", "Theme"),
    "tui_tx_change_theme": ("更换配色主题", "Change the current theme"),
    "tui_tx_quit": ("退出", "Quit"),
    "tui_tx_quit_help": ("立即退出仪表盘", "Quit the application as soon as possible"),
    "tui_tx_keys": ("按键", "Keys"),
    "tui_tx_hide_keys": ("隐藏按键与部件帮助面板", "Hide the keys and widget help panel"),
    "tui_tx_show_keys": (
        "显示当前部件的帮助和可用按键",
        "Show help for the focused widget and a summary of available keys",
    ),
    "tui_tx_minimize": ("还原", "Minimize"),
    "tui_tx_minimize_help": ("把部件还原为正常大小", "Minimize the widget and restore to normal size"),
    "tui_tx_maximize": ("最大化", "Maximize"),
    "tui_tx_maximize_help": ("最大化当前部件", "Maximize the focused widget"),
    "tui_tx_screenshot": ("截图", "Screenshot"),
    "tui_tx_screenshot_help": ("把当前屏幕保存为 SVG 截图", "Save an SVG 'screenshot' of the current screen"),
    # the help screen, a Markdown document
    "tui_help_screen": (_HELP_ZH, _HELP_EN),
    "tui_for_day": ("{title}（截至 {day}）", "{title} (as of {day})"),
    "tui_other_day_title": ("{title}：针对 {day}，不是今天", "{title}: for {day}, not today"),
    "tui_other_day_line": (
        "屏幕正在查看 {day}，导出的内容将截至 {day}；平时查看的是 {usual}。",
        "The screen shows {day}, so the files will be as of {day}; the usual day is {usual}.",
    ),
    "tui_other_day_hint": (
        "回车继续（截至所查看的日期），Esc 取消",
        "Enter to go on (as of the day shown), Esc to cancel",
    ),
    "tui_discard_changes": (
        "已填写的内容尚未提交：再按 Esc 放弃",
        "What you typed is not saved: press Esc again to discard it",
    ),
    "tui_log_yesterday": ("记录昨日履行", "Log yesterday"),
    "tui_tasks_screen": ("全部任务", "All tasks"),
    "tui_all_tasks_title": (
        "全部任务（{n}/{total}，截至 {as_of}；逾期在前，/ 筛选，回车打开）",
        "All tasks ({n}/{total}, as of {as_of}; overdue first, / to filter, Enter to open)",
    ),
    "tui_col_task": ("任务", "task"),
    "tui_col_lead": ("牵头", "lead"),
    "tui_col_state": ("状态", "state"),
    "tui_col_percent": ("进度", "done"),
    "tui_col_next_due": ("下一截止", "next due"),
}
