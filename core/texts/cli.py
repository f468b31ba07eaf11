"""Messages only the command line shows."""

MESSAGES: dict[str, tuple[str, str]] = {
    "col_unit": ("单位", "unit"),
    "col_units": ("责任单位", "Responsible units"),
    "col_parts": ("各单位分工进展", "Each unit's part"),
    "col_actors": ("由谁完成", "whose step"),
    "col_every_unit": ("各责任单位", "every listed unit"),
    "rpt_report_written": (
        "已生成报告 {path}（{period}，截至 {as_of}）",
        "wrote the report {path} ({period}, as of {as_of})",
    ),
    "rpt_out_required": ("需要 --out FILE.xlsx", "--out FILE.xlsx is required"),
    "rpt_out_not_xlsx": ("输出文件 {path} 应以 .xlsx 结尾", "the output file {path} must end in .xlsx"),
}
