"""Messages of the unit features: checklists, metrics, incidents, flags."""

MESSAGES: dict[str, tuple[str, str]] = {
    # errors
    "unknown_item": ("单位 {unit} 的清单中没有 '{item}' 项", "unit {unit} has no checklist item '{item}'"),
    "item_not_checked": (
        "单位 {unit} 的清单项 {item} 尚未勾选，无需撤销",
        "checklist item {item} of {unit} is not checked, nothing to undo",
    ),
    "unknown_metric": ("单位 {unit} 没有指标 '{metric}'", "unit {unit} has no metric '{metric}'"),
    "metric_computed": (
        "指标 {unit}.{metric} 由记录自动计算，不能手工填报",
        "metric {unit}.{metric} is computed from the record and cannot be entered",
    ),
    "bad_metric_value": (
        "指标 {unit}.{metric}（{kind}）的值 '{value}' 无效：{expected}",
        "value '{value}' of metric {unit}.{metric} ({kind}) is invalid: {expected}",
    ),
    "bad_plugin_item": (
        "插件 {plugin} 登记的{what} {ident} 无效：{problem}",
        "plugin {plugin} registered an invalid {what} {ident}: {problem}",
    ),
    "unknown_level": (
        "级别 '{level}' 无效：应为 {levels} 之一",
        "level '{level}' is invalid: expected one of {levels}",
    ),
    "unknown_incident_kind": (
        "事件类别 '{kind}' 无效：应为 {kinds} 之一",
        "incident kind '{kind}' is invalid: expected one of {kinds}",
    ),
    "reported_before_event": (
        "上报日期 {reported} 早于事件日期 {date}",
        "reported date {reported} is before the incident date {date}",
    ),
    "decision_in_future": (
        "决定日期 {day} 晚于今天 {today}：议事协调机构的决定只能记在今天或以前",
        "the decision date {day} is after today {today}: a decision is recorded on today or a day before",
    ),
    "unknown_flag": (
        "没有编号为 '{flag}' 的督办标记（可运行 duban flags 查看）",
        "no flag with id '{flag}' (run duban flags to list them)",
    ),
    "bad_flag_setting": (
        "计划设置 [settings.flags] 中 {setting} = {value!r} 无效：{expected}",
        "plan setting [settings.flags] {setting} = {value!r} is invalid: {expected}",
    ),
    "bad_level": ("级别 '{level}' 无效：应为 {levels} 之一", "level '{level}' is invalid: expected one of {levels}"),
    "flags_usage": (
        "用法：duban flags [confirm|dismiss ID --reason 文字] | flags rules | flags notice ID --out 文件"
        " | flags serious 事件编号 --reason 文字",
        "usage: duban flags [confirm|dismiss ID --reason TEXT] | flags rules | flags notice ID --out FILE"
        " | flags serious INCIDENT --reason TEXT",
    ),
    "already_decided": (
        "督办标记 {flag} 已有认定：{decision}（{by}，{on}；理由：{reason}）；如需改变，请加 --revise 并写明新的理由",
        "flag {flag} was already {decision} by {by} on {on} (reason: {reason}); to change it, add --revise"
        " with a new reason",
    ),
    "revise_needs_reason": (
        "改变督办标记 {flag} 的认定须写明新的理由（与原理由相同）",
        "changing the ruling on flag {flag} needs a new reason (this one is the same as before)",
    ),
    "order_needs_confirm": ("只有认定（confirm）时才能附带责令事项", "only a confirmation can carry an order"),
    "order_due_needs_order": ("--due 须与 --order 一起使用", "--due needs --order"),
    "order_due_past": ("整改期限 {due} 早于认定日期 {date}", "order due date {due} is before the ruling date {date}"),
    "unknown_incident": (
        "没有编号为 '{incident}' 的事件（可运行 duban incidents 查看）",
        "no incident '{incident}' (run duban incidents to list them)",
    ),
    # confirmations
    "check_done": ("已勾选 {unit} 清单项 {item}", "checked item {item} of {unit}"),
    "check_undone": ("已撤销 {unit} 清单项 {item} 的勾选", "unchecked item {item} of {unit}"),
    "metric_done": ("已记录 {unit}.{metric} = {value}（{date}）", "recorded {unit}.{metric} = {value} ({date})"),
    "incident_done": (
        "已登记事件 #{id}：{kind}（{date}），计入 {units}；{timely}",
        "recorded incident #{id}: {kind} ({date}), counted against {units}; {timely}",
    ),
    "decision_done": ("督办标记 {flag} {decision}：{reason}", "flag {flag} {decision}: {reason}"),
    "serious_done": (
        "已记录：事件 {incident} {judgement}（{reason}）",
        "recorded: incident {incident} {judgement} ({reason})",
    ),
    "judged_serious": ("认定为造成严重后果", "judged to have caused serious consequences"),
    "judged_not_serious": ("认定为未造成严重后果", "judged not to have caused serious consequences"),
    "notice_hint": (
        "可运行 duban flags notice {flag} --out 督办通知单.xlsx 生成督办通知单",
        "run duban flags notice {flag} --out notice.xlsx to write the supervision notice",
    ),
    "notice_done": ("已生成督办通知单 {path}", "wrote the supervision notice {path}"),
    "flags_body_line": ("- {rule}：{facts}", "- {rule}: {facts}"),
    "flags_for_body": (
        "报议事协调机构的情况（{unit}不评价自身，以下不作督办标记）：",
        "For the coordination body ({unit} does not judge itself; these are findings, not flags):",
    ),
    "rules_head": (
        "督办规则（duban 只提出建议，由县委政法委认定）；各项阈值为本系统解读，可在计划文件 [settings.flags] 中修改：",
        "Flag rules (duban suggests; the political-legal committee decides). Every threshold is duban's reading,"
        " set in the plan's [settings.flags]:",
    ),
    "rules_yes": ("是", "yes"),
    "rules_no": ("否", "no"),
    "bad_unit_code_setting": ("应为单位代码", "expected a unit code"),
    "rules_setting": ("{setting} = {value}（本系统解读）", "{setting} = {value} (duban's reading)"),
    "rules_basis": ("依据原文：“{basis}”", "The plan's words: “{basis}”"),
    # words
    "lvl_commendation": ("表彰", "commendation"),
    "lvl_supervision": ("督导", "supervision"),
    "lvl_accountability": ("问责", "accountability"),
    "fstate_open": ("有效", "open"),
    "fstate_resolved": ("已消除", "resolved"),
    "dec_confirmed": ("已认定", "confirmed"),
    "dec_dismissed": ("不予认定", "dismissed"),
    "dec_pending": ("待认定", "pending"),
    "sugg_commendation": ("建议表彰", "suggested commendation"),
    "sugg_supervision": ("建议督导", "suggested supervision"),
    "sugg_accountability": ("建议问责", "suggested accountability"),
    "flag_suggested": ("{level}（{decision}）", "{level} ({decision})"),
    "flag_order_due": ("{order}（限 {due} 前）", "{order} (by {due})"),
    "ruling_pending": (
        "待认定：系统按督办规则提出的建议，尚未经县委政法委认定",
        "Pending: a suggestion duban's rules make; the political-legal committee has not ruled on it",
    ),
    "ruling_reason": ("理由：{reason}", "Reason: {reason}"),
    "ruling_order": ("责令：{order}", "Order: {order}"),
    "flag_decided_by": ("县委政法委{decision}（{by}，{on}）", "{decision} by the committee ({by}, {on})"),
    "ev_incident": ("{date} {kind}：{note}（{timely}）", "{date} {kind}: {note} ({timely})"),
    "ev_serious": (
        "县委政法委认定造成严重后果（{by}，{date}）：{reason}",
        "judged to have caused serious consequences ({by}, {date}): {reason}",
    ),
    "ev_checklist_late": (
        "清单项“{item}”未完成，相关截止日期 {due} 已过",
        "checklist item '{item}' not done; its deadline {due} has passed",
    ),
    "ev_checklist_done": ("工作清单全部完成（{done}/{total} 项）", "checklist complete ({done} of {total} items)"),
    "ev_silent": ("最近一次报送在 {last}，已 {days} 天未报送", "last report on {last}, nothing for {days} days"),
    "ev_never_reported": ("行动开始 {days} 天来从未报送", "nothing reported in the {days} days since the action began"),
    "ev_obligation": (
        "{trigger} {title}：案号 {case} {event_date} 起，截止 {due}，{state}",
        "{trigger} {title}: case {case} from {event_date}, due {due}, {state}",
    ),
    "ev_report": ("{period} {title}：截止 {due}，{state}", "{period} {title}: due {due}, {state}"),
    "ev_report_unsent": ("逾期 {days} 天未报出", "not sent, {days} days overdue"),
    "ev_report_sent": ("{date} 报出", "sent {date}"),
    "ev_done_on": ("{date} 完成", "done {date}"),
    "ev_copies_left": ("尚未通报 {copies}", "not yet copied to {copies}"),
    "decided_meanwhile": (
        "督办标记 {flag} 刚刚已由他人认定；请先运行 duban flags 查看，如需改变请加 --revise 并写明新的理由",
        "flag {flag} was ruled on by someone else just now; run duban flags to see it, and add --revise with a"
        " new reason to change it",
    ),
    "ev_open_tasks": ("{said}；仍有未完成的任务：{tasks}", "{said}; tasks still open: {tasks}"),
    "mkind_count": ("数量", "count"),
    "mkind_percent": ("百分比", "percent"),
    "mkind_yesno": ("是/否", "yes/no"),
    "mkind_yuan": ("金额（元）", "amount in yuan"),
    "inc_missing": ("受助人员走失", "person missing from care"),
    "inc_death": ("受助人员死亡", "death of a person in care"),
    "inc_cold_hunger": ("冻饿死伤", "death or injury from cold or hunger"),
    "inc_institution": ("机构遇灾遇险", "disaster or danger at an institution"),
    "inc_food_drug": ("食品药品安全事故", "food or drug safety incident"),
}
