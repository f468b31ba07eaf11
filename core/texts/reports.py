"""Messages of the workbooks: report, template, import, roll-up."""

MESSAGES: dict[str, tuple[str, str]] = {
    # from reports/importer.py
    "rpt_import_rejected": (
        "导入被拒绝：{file} 有 {n} 处问题，数据库未作任何修改",
        "import refused: {file} has {n} problems; the database was not changed",
    ),
    "rpt_import_conflicts": (
        "导入被拒绝：{file} 有 {n} 行在模板下发后记录已有变化（见上）；核对后如确认以本表为准，请加 --accept-conflicts 重新导入",
        "import refused: {file} has {n} rows whose record changed since the template was issued (above); "
        "if the file is right, import again with --accept-conflicts",
    ),
    "h_accept_conflicts": (
        "导入模板下发后记录已有变化的行（冲突会先列出）",
        "import rows whose record changed since the template was issued (listed first)",
    ),
    "rpt_conflict_line": ("冲突（以本表为准）{line}", "conflict (the file wins) {line}"),
    "rpt_conflict_done": (
        "{task}：模板下发时“{deadline}”尚未完成，现已记录于 {on} 完成；本表又填“完成该节点=是”（接受后该节点不再重复完成，只导入本行的进度和说明）",
        "{task}: '{deadline}' was open when the template was issued and is now recorded done on {on}; "
        "this row marks it done again (if accepted, only the row's percent and note are imported)",
    ),
    "rpt_conflict_percent": (
        "{task}：模板下发时进度 {issued}%，现记录为 {now}%；本表填报 {filled}%",
        "{task}: {issued}% when the template was issued, {now}% on record now; this row says {filled}%",
    ),
    "rpt_conflict_duty_note": (
        "{duty}：{day} 已有履行记录，说明为“{recorded}”；本表说明为“{filled}”（同一天只记一次，本表说明不会导入）",
        "{duty}: {day} is already logged with the note '{recorded}'; this row's note is '{filled}' "
        "(a day is logged once; this note will not be imported)",
    ),
    "rpt_import_nothing_named": (
        "{task} 在模板下发时已全部完成，本行没有可完成的截止节点",
        "{task} was fully done when the template was issued; this row names no deadline to complete",
    ),
    "rpt_not_a_template": (
        "{file} 不是 duban 填报模板（缺少身份信息）",
        "{file} is not a duban fill-in template (no identity)",
    ),
    "rpt_template_registered": (
        "已生成 {unit} 的填报模板 {path}（模板编号 {template}）",
        "wrote {unit}'s fill-in template {path} (template {template})",
    ),
    # from reports/notice.py
    "notice_not_decided": (
        "督办标记 {flag} 尚未经县委政法委认定为督导或问责，不能生成督办通知单（先运行 duban flags confirm {flag}"
        " --reason …）",
        "flag {flag} is not a supervision or accountability the committee has confirmed; no notice can be"
        " written (first run duban flags confirm {flag} --reason …)",
    ),
    "notice_bad_suffix": ("督办通知单须保存为 .xlsx 文件：{path}", "the notice must be an .xlsx file: {path}"),
    "notice_title": ("{level}通知单", "Notice of {level}"),
    "notice_doc": ("依据：{doc} {plan}", "Under {doc} {plan}"),
    "notice_unit": ("被督办单位", "Unit"),
    "notice_no": ("编号", "No."),
    "notice_level": ("认定类别", "Ruling"),
    "notice_date": ("认定日期", "Ruled on"),
    "notice_facts": ("事实与依据", "Facts"),
    "notice_more": ("另有 {n} 项，见 duban flags", "{n} more: see duban flags"),
    "notice_decision": ("认定及理由", "Decision and reason"),
    "notice_decided": (
        "县委政法委于 {on} 认定为{level}（{by}）",
        "The political-legal committee ruled this {level} on {on} ({by})",
    ),
    "notice_order": ("责令事项及期限", "Order and due date"),
    "notice_no_order": ("（未附责令事项）", "(no order)"),
    "notice_due": ("整改期限：{due}", "Due: {due}"),
    "notice_no_due": ("未定", "none set"),
    "notice_reply": ("整改落实情况\n（被督办单位填写）", "Reply\n(by the unit)"),
    "notice_reply_form": (
        "整改措施：\n\n\n完成情况及日期：\n\n\n佐证材料：\n\n负责人（签字）：　　　　　　联系电话：",
        "Measures taken:\n\n\nDone, and on what date:\n\n\nEvidence:\n\nResponsible (signature):              Phone:",
    ),
    "notice_sign": (
        "县委政法委（盖章）　　　　　　签发人：　　　　　　　年　　月　　日",
        "Political-legal committee (seal)        Issued by:             Date:",
    ),
    # from reports/publish.py
    "rpt_cannot_write": ("无法写入 {path}：{problem}", "cannot write {path}: {problem}"),
    # from reports/rollup.py
    "rpt_not_a_report": (
        "{file} 不是 duban 生成的情况汇总表报告（{problem}）",
        "{file} is not a duban summary-table report ({problem})",
    ),
    "rpt_rollup_duplicate": ("{file} 与 {other} 都填报了“{name}”", "{file} and {other} both report '{name}'"),
    "rpt_rollup_mixed_periods": (
        "不能汇总不同报告期的报告：{files}",
        "cannot roll up reports of different periods: {files}",
    ),
    "rpt_rollup_no_name": (
        "汇总表的填表单位（--unit-name）不能为空",
        "the filling unit (--unit-name) must not be blank",
    ),
    "rpt_rollup_blank_name": (
        "{file} 的汇总表有一行没有填写县（市、区）名称",
        "{file}: a row of the summary table has no county name",
    ),
    "h_rollup_mechanism": (
        "本级领导协调机制的情况（成立、牵头人、会议），写在汇总表“本级”一行",
        "this level's own mechanism answer (set up, who leads, meetings), written in the summary's own row",
    ),
    "rpt_rollup_written": ("已汇总 {n} 个单位到 {path}", "rolled up {n} units into {path}"),
    # from reports/safe_read.py
    "rpt_xlsx_missing": ("文件 {file} 无法读取：{problem}", "cannot read {file}: {problem}"),
    "rpt_xlsx_refused": ("拒绝读取 {file}：{problem}", "refused to read {file}: {problem}"),
    "rpt_xlsx_too_many_rows": (
        "拒绝读取 {file}：工作表“{sheet}”超过 {limit} 行",
        "refused to read {file}: sheet '{sheet}' has more than {limit} rows",
    ),
    "rpt_xlsx_no_defusedxml": (
        "未安装 defusedxml，出于安全原因拒绝读取工作簿",
        "defusedxml is not installed; refusing to read workbooks",
    ),
    "rpt_completion_unit": ("各单位任务完成情况", "Completion by unit"),
    "rpt_level": ("等级", "level"),
    "rpt_flag_facts": ("依据事实", "evidence"),
    "rpt_ruling": ("县委政法委认定", "the committee's ruling"),
    "rpt_order": ("责令事项及期限", "order and due date"),
    "rpt_checklist_done": ("职责清单完成", "checklist done"),
    "rpt_value": ("当前值", "value"),
    "rpt_target": ("是否达标", "on target"),
    "rpt_as_of": ("填报日期", "as of"),
    "rpt_tasks": ("任务数", "tasks"),
    "rpt_done": ("完成率%", "done %"),
    "rpt_avg_progress": ("平均进度%", "avg progress %"),
    "rpt_duties": ("常态职责履行率%", "duties %"),
    "rpt_co_units": ("责任单位", "responsible unit"),
    "rpt_due": ("截止日期", "due"),
    "rpt_percent": ("进度%", "percent"),
    "rpt_days_overdue": ("逾期天数", "days overdue"),
    "rpt_last_report": ("最近报告", "last report"),
    "rpt_last_note": ("最近说明", "last note"),
    "rpt_progress": ("进展情况", "progress"),
    "rpt_highlights": ("工作亮点", "highlights"),
    "rpt_shortcomings": ("存在不足", "shortcomings"),
    "rpt_yes": ("达标", "yes"),
    "rpt_no": ("未达标", "no"),
    "rpt_not_reported": ("未填报", "not reported"),
    "rpt_open": ("未结", "open"),
    "rpt_resolved": ("已结", "resolved"),
    "rpt_none": ("（本期无）", "(none)"),
    "rpt_nothing_overdue": ("（无逾期事项）", "(nothing overdue)"),
    # what an import would change, one line per change
    "imp_change_progress": ("{title}：进度 {before}% → {after}%", "{title}: progress {before}% → {after}%"),
    "imp_change_deadline_met": ("，完成“{label}”", ", “{label}” met"),
    "imp_change_note": ("，说明「{note}」", ", note “{note}”"),
    "imp_change_on": ("{what}（{day}）", "{what} ({day})"),
    "imp_change_duty": ("{title}：记录履行 {day}", "{title}: performed on {day}"),
    "imp_change_tick": ("{item} {title}：完成", "{item} {title}: done"),
    "imp_change_untick": ("{item} {title}：撤销完成", "{item} {title}: no longer done"),
    "imp_change_metric": (
        "{metric} {name}：{before} → {after}（{day}）",
        "{metric} {name}: {before} → {after} ({day})",
    ),
    "imp_not_unit_duty": ("'{duty}' 不在本单位的职责列表中", "'{duty}' is not one of this unit's duties"),
    "imp_not_one_listed_values": (
        "'{value}' 不在下拉列表中（{YES}/{NO}）",
        "'{value}' is not one of the listed values ({YES}/{NO})",
    ),
    "imp_text_longer_than_characters": ("文字超过 {limit} 字", "text longer than {limit} characters"),
    "imp_row_unit_this_template_only": (
        "本行属于单位 '{code}'，本模板只能填报 '{unit}'",
        "a row for unit '{code}'; this template is for '{unit}' only",
    ),
    "imp_not_duban_template": ("{place}: 不是 duban 填报模板", "{place}: not a duban template"),
    "imp_unknown_template_id_identity_edited": (
        "{place}: 模板编号未登记，身份信息可能被改动",
        "{place}: unknown template id (identity edited)",
    ),
    "imp_template_another_plan": ("{plan}: 模板属于另一计划", "{plan}: template of another plan"),
    "imp_header_row_was_changed": ("{sheet}!A1: 表头被改动", "{sheet}!A1: the header row was changed"),
    "imp_listed_twice": ("'{key}' 重复填报", "'{key}' listed twice"),
    "imp_date_required": ("缺少日期", "a date is required"),
    "imp_value_expected_here_not_formula": ("此处应填写数值，不能是公式", "a value is expected here, not a formula"),
    "imp_identity_edited": ("{place}: 身份信息被改动（{key}）", "{place}: identity edited ({key})"),
    "imp_sheet_missing": ("{sheet}!A1: 工作表缺失", "{sheet}!A1: the sheet is missing"),
    "imp_unknown_task_id": ("未知任务编号 '{task_id}'", "unknown task id '{task_id}'"),
    "imp_task_not_s_row_another": (
        "任务 {id} 不属于单位 {unit}，是其他单位的行",
        "task {id} is not {unit}'s: a row for another unit",
    ),
    "imp_unknown_checklist_item": ("未知事项编号 '{item_id}'", "unknown checklist item '{item_id}'"),
    "imp_unknown_metric": ("未知指标编号 '{metric_id}'", "unknown metric '{metric_id}'"),
    "imp_no_summary_sheet_or_identity": ("缺少汇总表或身份信息", "no summary sheet or identity"),
    "imp_wrong_identity": ("身份信息不符", "wrong identity"),
    "imp_header_differs_from_attachment": ("表头与附件2不符", "the header differs from attachment 2"),
    "imp_no_data_rows": ("没有数据行", "no data rows"),
    "imp_file_too_large_bytes_limit": (
        "文件 {size} 字节，超过上限 {file_bytes}",
        "file too large: {size} bytes, the limit is {file_bytes}",
    ),
    "imp_not_xlsx_workbook": ("不是 xlsx 工作簿", "not an .xlsx workbook"),
    "imp_damaged_zip": ("压缩包损坏（{error}）", "damaged zip ({error})"),
    "imp_too_many_members": ("压缩包内 {info_count} 个文件，过多", "too many members: {info_count}"),
    "imp_bytes_unpacked_zip_bomb": ("解压后 {declared} 字节，疑似压缩炸弹", "{declared} bytes unpacked: a zip bomb"),
    "imp_unpacks_beyond_limit_zip_bomb": (
        "{filename} 解压后超过上限，疑似压缩炸弹",
        "{filename} unpacks beyond the limit: a zip bomb",
    ),
    "imp_xml_entity_declarations_are_not": (
        "{filename} 含 DTD/实体声明，不允许",
        "{filename}: XML entity declarations are not allowed",
    ),
    "imp_bytes_unpacked_zip_bomb_2": (
        "{filename} 解压后 {file_size} 字节，疑似压缩炸弹",
        "{filename}: {file_size} bytes unpacked: a zip bomb",
    ),
}
