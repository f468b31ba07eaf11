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
}
