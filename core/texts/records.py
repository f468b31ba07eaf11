"""Messages of extensions (延期) and corrections (更正/撤回)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "extended_to": ("延期至 {due}（原 {was}）", "extended to {due} (was {was})"),
    "ext_not_your_deadline": (
        "单位 {unit} 在 {task} 第 {step} 步没有自己的截止节点，不能为它申请延期",
        "unit {unit} has no deadline of its own in {task} step {step} to extend",
    ),
    "ext_not_your_task": (
        "单位 {unit} 在 {task} 没有自己的部分，不能为它申请延期",
        "unit {unit} has no part of its own in {task} to extend",
    ),
    "ext_undated": (
        "{task} 第 {step} 步没有截止日期，无需延期",
        "{task} step {step} has no due date to extend",
    ),
    "ext_not_later": (
        "--to {value} 不晚于现在的截止日期 {due}：延期须推后截止日期",
        "--to {value} is not after the current due date {due}: an extension moves a deadline later",
    ),
    "ext_unknown": (
        "没有编号为 {id} 的延期申请（duban extensions 列出全部）",
        "no extension request {id} (duban extensions lists them)",
    ),
    "ext_already_ruled": ("延期申请 {id} 已{state}，不能再审批", "extension request {id} is already {state}"),
    "ext_pending": ("待审批", "pending"),
    "ext_approved": ("批准", "approved"),
    "ext_refused": ("不予批准", "refused"),
    "ext_requested": (
        "已登记延期申请 {id}：{task} 第 {step} 步 {unit} 申请延期至 {to}（原 {was}），待秘书处审批",
        "extension request {id} recorded: {unit} asks to move {task} step {step} to {to} (was {was}); pending",
    ),
    "ext_ruled": (
        "延期申请 {id}：{state}（{task} 第 {step} 步 {unit}）",
        "extension request {id}: {state} ({task} step {step}, {unit})",
    ),
    "ext_none": ("没有延期申请", "no extension requests"),
    "ext_need_action": (
        "请给出任务（申请延期），或 --approve 编号 / --refuse 编号（审批）",
        "give a TASK (to request an extension), or --approve ID / --refuse ID (to rule on one)",
    ),
    "ext_need_fields": ("申请延期需要 --to、--reason 和 --unit", "a request needs --to, --reason and --unit"),
    "col_ext_to": ("延期至", "to"),
    "col_ext_was": ("原截止", "was"),
    "col_ext_reason": ("理由", "reason"),
    "col_ext_ruling": ("审批", "ruling"),
    "lower_needs_flag": (
        "{task} {unit} 的进度将从 {before}% 降为 {after}%：如确需调低，请加 --lower（审计记录会注明已调低）",
        "{task}: this report lowers {unit}'s part from {before}% to {after}%; add --lower if that is meant "
        "(the audit notes it was lowered)",
    ),
    "imp_conflict_lower": (
        "{task}：本表把 {unit} 的进度从 {before}% 调低为 {after}%",
        "{task}: this row lowers {unit}'s part from {before}% to {after}%",
    ),
    "progress_lowered": ("（已调低）", " (lowered)"),
    "progress_corrected": ("（更正报告 {id}）", " (corrects report {id})"),
    "wd_unknown_kind": ("不能撤回 {kind}：可撤回的是 {kinds}", "cannot withdraw {kind}: the kinds are {kinds}"),
    "wd_unknown_entry": ("没有编号为 {id} 的 {kind} 记录", "no {kind} entry {id}"),
    "wd_already": ("{kind} 记录 {id} 已撤回", "{kind} entry {id} is already withdrawn"),
    "wd_other_target": (
        "被更正的记录 {id} 属于 {target}：更正须针对同一项",
        "entry {id} being corrected is on {target}: a correction keeps it",
    ),
    "wd_done": (
        "已撤回 {kind} 记录 {id}（原记录保留在审计记录中）",
        "withdrew {kind} entry {id} (the original stays in the audit trail)",
    ),
    "wd_mark": ("已撤回：{reason}", "withdrawn: {reason}"),
    "wd_needs_reason": ("--corrects 需要 --reason 说明更正原因", "--corrects needs --reason to say why"),
    "confirm_lower": (
        "这份报告会把 {unit} 的进度从 {before}% 降为 {after}%。确定要调低吗？",
        "This report lowers {unit}'s part from {before}% to {after}%. Lower it?",
    ),
    "topic_corrections": (
        "延期与更正：改记录而不抹掉记录\n"
        "\n"
        "延期：单位为自己的截止节点申请（duban extend 任务 --step 步 --to 日期 --reason 理由 --unit 单位），"
        "秘书处批准或不批准（duban extend --approve 编号 --reason 理由）。批准后只移动该单位自己那一部分，"
        "各处显示“延期至 日期（原 日期）”；不批准则除记录外什么都不变。\n"
        "撤回与更正：任何一条记录都可以撤回（duban withdraw 种类 编号 --reason 理由），或更正"
        "（duban progress … --corrects 编号 --reason 理由）。原记录保留在历史和操作记录中，各视图按更正后的记录计算。"
        "调低某单位的进度须加 --lower。详见 docs/corrections.md。\n"
        "\n"
        "  duban extensions --pending\n"
        "  duban withdraw progress 28 --reason 填错",
        "extensions and corrections: changing the record without erasing it\n"
        "\n"
        "Extensions: a unit asks to move one of its own deadlines (duban extend TASK --step S --to DATE "
        "--reason TEXT --unit CODE); the secretariat approves or refuses (duban extend --approve ID --reason "
        'TEXT). An approved one moves only that unit\'s part, shown everywhere as "extended to DATE (was DATE)"; '
        "a refused one changes nothing but the record.\n"
        "Withdrawals and corrections: any entry can be withdrawn (duban withdraw KIND ID --reason TEXT) or "
        "corrected (duban progress ... --corrects ID --reason TEXT). The original stays in history and the "
        "audit; every view uses the corrected record. Lowering a unit's percent needs --lower. See "
        "docs/corrections.md.\n"
        "\n"
        "  duban extensions --pending\n"
        "  duban withdraw progress 28 --reason typo",
    ),
    "tui_enter_lower_esc_cancel": ("回车确认调低，Esc 取消", "Enter to lower it, Esc to cancel"),
    "h_extend": (
        "申请延期（某单位自己的截止节点），或由秘书处审批",
        "request an extension of a unit's own deadline, or rule on one",
    ),
    "h_extensions": ("列出延期申请", "list extension requests"),
    "h_ext_to": ("申请延期至哪一天", "the new due date asked for"),
    "h_ext_reason": ("理由（申请或审批都需要）", "why (a request and a ruling both need one)"),
    "h_ext_unit": ("申请延期的单位（只能是它自己的截止节点）", "the unit asking (only for its own deadline)"),
    "h_ext_step": (
        "第几步（默认：该单位最早未完成的截止节点）",
        "which step (default: the unit's earliest open deadline)",
    ),
    "h_ext_approve": ("批准该编号的延期申请", "approve extension request ID"),
    "h_ext_refuse": ("不批准该编号的延期申请", "refuse extension request ID"),
    "h_ext_pending": ("只列待审批的", "only pending requests"),
    "h_ext_unit_filter": ("只列该单位的", "only this unit's requests"),
    "h_withdraw": (
        "撤回一条记录（原记录保留在历史和审计中）",
        "withdraw a recorded entry (the original stays in history and the audit)",
    ),
    "h_wd_kind": (
        "记录种类：progress 进度报告、log 职责记录、check 清单勾选、metric 指标数值、incident 事件、meeting 会议",
        "the kind: progress, log, check, metric, incident, meeting",
    ),
    "h_wd_id": ("记录编号（show 列出的编号，或 --json 输出中的编号）", "the entry's id (the id in --json output)"),
    "h_wd_reason": ("撤回原因", "why it is withdrawn"),
    "h_corrects": (
        "更正该编号的记录（原记录撤回，需 --reason）",
        "correct entry ID (it is withdrawn; needs --reason)",
    ),
    "h_lower": (
        "确认调低进度（或把已完成的部分改回未完成）",
        "confirm lowering the part's percent (or taking a done part back)",
    ),
    "h_corr_reason": ("更正原因（与 --corrects 一起用）", "why (with --corrects)"),
}
