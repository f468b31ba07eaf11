"""Messages only the command line shows."""

MESSAGES: dict[str, tuple[str, str]] = {
    "rpt_report_written": (
        "已生成报告 {path}（{period}，截至 {as_of}）",
        "wrote the report {path} ({period}, as of {as_of})",
    ),
    "rpt_out_required": ("需要 --out FILE.xlsx", "--out FILE.xlsx is required"),
    "rpt_out_not_xlsx": ("输出文件 {path} 应以 .xlsx 结尾", "the output file {path} must end in .xlsx"),
}
