"""Messages of the workbooks: report, template, import, roll-up."""

MESSAGES: dict[str, tuple[str, str]] = {
    # from reports/importer.py
    "rpt_import_rejected": (
        "导入被拒绝：{file} 有 {n} 处问题，数据库未作任何修改",
        "import refused: {file} has {n} problems; the database was not changed",
    ),
    "rpt_not_a_template": (
        "{file} 不是 duban 填报模板（缺少身份信息）",
        "{file} is not a duban fill-in template (no identity)",
    ),
    "rpt_template_registered": (
        "已生成 {unit} 的填报模板 {path}（模板编号 {template}）",
        "wrote {unit}'s fill-in template {path} (template {template})",
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
