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
        "用法：duban flags [confirm|dismiss ID --reason 文字]",
        "usage: duban flags [confirm|dismiss ID --reason TEXT]",
    ),
    # confirmations
    "check_done": ("已勾选 {unit} 清单项 {item}", "checked item {item} of {unit}"),
    "check_undone": ("已撤销 {unit} 清单项 {item} 的勾选", "unchecked item {item} of {unit}"),
    "metric_done": ("已记录 {unit}.{metric} = {value}（{date}）", "recorded {unit}.{metric} = {value} ({date})"),
    "incident_done": (
        "已登记事件 #{id}：{kind}（{date}），计入 {units}；{timely}",
        "recorded incident #{id}: {kind} ({date}), counted against {units}; {timely}",
    ),
    "decision_done": ("督办标记 {flag} 已{decision}：{reason}", "flag {flag} {decision}: {reason}"),
    # words
    "lvl_commendation": ("表彰", "commendation"),
    "lvl_supervision": ("督导", "supervision"),
    "lvl_accountability": ("问责", "accountability"),
    "fstate_open": ("有效", "open"),
    "fstate_resolved": ("已消除", "resolved"),
    "dec_confirmed": ("确认", "confirmed"),
    "dec_dismissed": ("撤销", "dismissed"),
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
