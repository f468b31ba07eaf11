"""Messages of the plan, the record and their checks: errors, status words, confirmations."""

MESSAGES: dict[str, tuple[str, str]] = {
    # from core/i18n.py
    # errors
    "date_out_of_range": (
        "{place}日期 '{value}' 超出范围（{earliest} 至 {latest}）",
        "{place}date '{value}' is out of range ({earliest} to {latest})",
    ),
    "bad_date": (
        "{place}日期 '{value}' 不是有效日期（应为 YYYY-MM-DD）",
        "{place}date '{value}' is not a valid date (expected YYYY-MM-DD)",
    ),
    "bad_written_date": (
        "{place}日期 '{value}' 不是有效日期（应为 YYYY-MM-DD，也可写 2020/10/9、2020年10月9日、今天、昨天）",
        "{place}date '{value}' is not a valid date (expected YYYY-MM-DD; 2020/10/9, today, yesterday also do)",
    ),
    "unknown_task": ("没有编号或名称为 '{task}' 的任务", "no task with id or title '{task}'"),
    "unknown_unit": ("没有代码或名称为 '{unit}' 的单位", "no unit with code or name '{unit}'"),
    "did_you_mean": ("；是不是指 {choices}？", "; did you mean {choices}?"),
    "name_ambiguous": ("：可指 {choices}，请写得更具体些", ": it could be {choices}; be more specific"),
    "unknown_action": ("没有编号为 '{action}' 的行动", "no action with id '{action}'"),
    "unknown_duty": ("没有编号或名称为 '{duty}' 的常态化职责", "no recurring duty with id or title '{duty}'"),
    "bad_percent": (
        "进度百分比 '{value}' 无效：应为 0 到 100 的整数（如 95 或 95%）",
        "percent '{value}' is invalid: expected a whole number from 0 to 100 (e.g. 95 or 95%)",
    ),
    "percent_fraction": (
        "百分比 '{value}' 是小数形式，无法确定是否指 {meant}%：请填写 {meant} 或 {meant}%",
        "percent '{value}' is a fraction; it is unclear whether {meant}% was meant: write {meant} or {meant}%",
    ),
    "bad_number": ("{place} '{value}' 不是有效的数字", "{place} '{value}' is not a valid number"),
    "future_date": (
        "{place}日期 {value} 晚于所查看的日期 {today}：不能记录尚未到来的一天（查看其他日期请用 --as-of）",
        "{place}date {value} is after the day in view, {today}: a day not yet come cannot be recorded "
        "(look at another day with --as-of)",
    ),
    "before_plan": (
        "{place}日期 {value} 早于专项行动开始（{start}）",
        "{place}date {value} is before the action starts ({start})",
    ),
    "duty_not_active": (
        "职责 {duty} 在 {value} 不在履行期内（{start} 至 {end}）",
        "duty {duty} is not active on {value} ({start} to {end})",
    ),
    "duty_already_logged": ("职责 {duty} 在 {value} 已有记录", "duty {duty} already has a log for {value}"),
    "not_owner": ("单位 {unit} 不是 {task} 的责任单位", "unit {unit} is not an owner of {task}"),
    "empty_text": ("{place} 不能为空", "{place} must not be empty"),
    "percent_missing": (
        "缺少进度百分比：请用 --percent 给出 0 到 100 的整数，或用 --done 标记节点完成",
        "no percent given: pass --percent with a whole number from 0 to 100, or --done to mark the deadline met",
    ),
    "done_needs_100": (
        "标记完成时进度应为 100（收到 {value}）",
        "a report marked done must be 100 percent (got {value})",
    ),
    "nothing_open": ("任务 {task} 的所有截止节点均已完成", "every deadline of task {task} is already done"),
    "st_overdue_days": ("逾期{days}天", "{days}d overdue"),
    "lead_county_choice": (
        "本县指定的牵头单位（县的选择，非方案原文）",
        "lead named by the county (its choice, not the plan's words)",
    ),
    "reading_mark": ("本系统解读", "duban's reading"),
    "reading_of": ("本系统解读，原文：“{text}”", "duban's reading of: “{text}”"),
    "duty_unit_needed": (
        "职责 {duty} 由多个单位履行（{units}）：请用 --unit 指明是谁履行的",
        "duty {duty} is performed by several units ({units}): name the one that did it with --unit",
    ),
    "send_not_an_obligation": (
        "{period} 不是方案规定的报送节点（R1、R2、R3 之类）",
        "{period} is not one of the plan's reporting obligations (R1, R2, R3 …)",
    ),
    "send_not_a_copy": (
        "{period} 的结果通报给 {copies}，不通报 {unit}",
        "the results of {period} go to {copies}, not to {unit}",
    ),
    "send_nothing": (
        "{period}：请用 --send 记录已报出，或用 --copy 记录已通报的单位",
        "{period}: record the report going up with --send, or copies going out with --copy",
    ),
    "send_recorded": ("已记录 {period} 于 {date} 报出（{state}）", "recorded {period} sent on {date} ({state})"),
    "send_copies_recorded": ("已记录 {period} 通报：{copies}", "recorded copies of {period} to: {copies}"),
    "bad_case_number": (
        "案号 '{value}' 无效：只用字母、数字和连字符编号（不记录姓名或身份证号）",
        "case number '{value}' is not valid: letters, digits and dashes only (no names, no ID numbers)",
    ),
    "bad_event_kind": ("事件类别 '{value}' 无效：应为 {kinds}", "event kind '{value}' is not valid: expected {kinds}"),
    "event_already_recorded": ("{kind} 案号 {case} 已有记录", "{kind} case {case} is already on record"),
    "unknown_trigger": ("没有编号为 '{trigger}' 的触发义务", "no triggered obligation with id '{trigger}'"),
    "no_such_obligation": (
        "案号 {case} 没有触发 {trigger} 义务（先用 duban event 记录事件）",
        "case {case} has started no {trigger} obligation (record the event with duban event first)",
    ),
    "event_kind_admission": ("入站", "admission"),
    "event_kind_key_person": ("重点人员登记", "key person registered"),
    "event_kind_settlement": ("安置落户", "settlement"),
    "event_kind_cold_spell": ("寒潮", "cold spell"),
    "event_kind_heat_wave": ("高温", "heat wave"),
    "event_recorded": ("已记录 {kind} 案号 {case}（{unit}，{date}）", "recorded {kind} case {case} ({unit}, {date})"),
    "obligation_line": ("  → {trigger} {title}：{unit} 截止 {due}", "  → {trigger} {title}: {unit} due {due}"),
    "fulfilment_recorded": (
        "已记录 {trigger} 案号 {case} 由 {unit} 于 {date} 完成（{state}）",
        "recorded {trigger} case {case} done by {unit} on {date} ({state})",
    ),
    "triggered_overdue": ("事件触发的逾期义务（{count}）", "Overdue obligations started by events ({count})"),
    "send_late": (
        "报送逾期：{period}（{unit}，截止 {due}）逾期 {days} 天未报出",
        "report late: {period} ({unit}, due {due}) not sent, {days} days overdue",
    ),
    "send_copies_left": ("尚未通报：{copies}", "copies still to send: {copies}"),
    "send_state_sent": ("{date} 已报出（{state}）", "sent {date} ({state})"),
    "send_state_copies": ("通报 {sent}/{total}", "copies {sent}/{total}"),
    "nothing_open_part": (
        "{unit} 在任务 {task} 中的各截止节点均已完成",
        "every deadline of {unit}'s part of task {task} is already done",
    ),
    "unit_needed": (
        "任务 {task} 有多个责任单位（{units}），各报各的部分：请用 --unit 指明报告单位",
        "task {task} has several responsible units ({units}), each reporting its own part: name yours with --unit",
    ),
    "unknown_step": (
        "任务 {task} 没有第 {step} 步（共 {count} 步）",
        "task {task} has no step {step} (it has {count})",
    ),
    "step_needs_done": (
        "--step 只用于标记完成：请同时给出 --done（任务 {task} 第 {step} 步）",
        "--step names the step a report completes: add --done (task {task}, step {step})",
    ),
    "not_your_step": (
        "任务 {task} 第 {step} 步不是 {unit} 的：由 {actors} 负责报告",
        "step {step} of task {task} is not {unit}'s to report: it belongs to {actors}",
    ),
    "step_already_done": (
        "{unit} 已于 {date} 完成任务 {task} 第 {step} 步",
        "{unit} already completed step {step} of task {task} on {date}",
    ),
    "step_not_open": (
        "任务 {task} 第 {step} 步自 {start} 起才能完成，报告日期 {value} 早于此",
        "step {step} of task {task} opens on {start}; a report dated {value} cannot complete it",
    ),
    "no_database": (
        "数据库 {path} 不存在。先试用：duban demo 建立演示数据（内置方案，截至 2020-10-15）；"
        "正式使用：duban init 建立空白记录（--plan 载入本县方案，--start 指定开始日期）",
        "database {path} does not exist. To try duban: duban demo builds demo data (the built-in plan, as of "
        "2020-10-15); to use it: duban init starts an empty record (--plan loads your county's plan, --start "
        "sets the start date)",
    ),
    "db_exists": (
        "数据库 {path} 已存在：加 --force 覆盖（会先备份）",
        "database {path} already exists: add --force to replace it (a backup is taken first)",
    ),
    "db_damaged": (
        "数据库文件 {file} 已损坏（{problem}），未作任何修改；最近的完好备份：{backup}。可运行 duban db restore",
        "database file {file} is damaged ({problem}) and was left untouched; last good backup: {backup}. Run duban db restore",
    ),
    "db_not_duban": ("{file} 不是 duban 数据库", "{file} is not a duban database"),
    "db_newer": (
        "数据库 {file} 的格式版本 {found} 比本程序支持的 {supported} 新：请升级 duban",
        "database {file} has schema {found}, newer than the {supported} this duban supports: upgrade duban",
    ),
    "db_write_failed": (
        "写入数据库失败（{problem}）：原有数据未改动",
        "writing the database failed ({problem}); the previous data is intact",
    ),
    "lock_waiting": ("数据库正被另一进程使用，等待中…", "the database is in use by another process, waiting…"),
    "lock_timeout": (
        "等待数据库锁 {seconds} 秒后超时（{file}）：另一进程仍在写入",
        "timed out after {seconds} s waiting for the database lock ({file}): another process is still writing",
    ),
    "backup_damaged": (
        "备份 {backup} 已损坏，未作恢复：{problem}",
        "backup {backup} is damaged and was not restored: {problem}",
    ),
    "no_backup": ("没有可用的备份", "there is no backup"),
    "plan_file_error": ("计划文件 {file} 第 {line} 行：{problem}", "plan file {file} line {line}: {problem}"),
    "plan_file_missing": ("计划文件 {file} 无法读取：{problem}", "plan file {file} cannot be read: {problem}"),
    "plugin_error": ("插件错误：{problem}", "plugin error: {problem}"),
    "plugin_failed": (
        "插件 {plugin} 在 {hook} 中出错：{problem}（插件的问题，数据库未改动）",
        "plugin {plugin} failed in {hook}: {problem} (a fault of the plugin; the database was not changed)",
    ),
    "dup_unit": (
        "单位代码重复：'{unit}'（{first} 与 {second}）",
        "duplicate unit code '{unit}' ({first} and {second})",
    ),
    "bad_limit": ("'{value}' 应为正整数", "'{value}' must be a positive whole number"),
    "dashboard_missing": ("仪表盘不可用：{problem}", "the dashboard is unavailable: {problem}"),
    # status words
    "st_not_started": ("未开始", "not started"),
    "st_in_progress": ("进行中", "in progress"),
    "st_done_on_time": ("按时完成", "done on time"),
    "st_done_late": ("逾期完成", "done late"),
    "st_overdue": ("逾期", "overdue"),
    "st_not_due": ("未到期", "not due"),
    # kinds
    "kind_department": ("部门", "department"),
    "kind_station": ("站所", "station"),
    "kind_township": ("乡镇", "township"),
    "freq_daily": ("每天", "daily"),
    "freq_weekly": ("每周", "weekly"),
    "freq_monthly": ("每{n}个月", "every {n} months"),
    # confirmations
    "init_done": ("已创建数据库 {path}：{plan}（{tasks} 项任务）", "created database {path}: {plan} ({tasks} tasks)"),
    "demo_done": (
        "已创建演示数据库 {path}（数据截至 {as_of}）",
        "created the demo database {path} (data as of {as_of})",
    ),
    "progress_done": ("已记录 {task} 进度 {percent}%", "recorded progress {percent}% on {task}"),
    "progress_done_deadline": (
        "已记录 {task} 进度 {percent}%，截止节点 {due} 已完成",
        "recorded progress {percent}% on {task}; deadline {due} is done",
    ),
    "log_done": ("已记录 {duty} 于 {date} 履行", "logged {duty} performed on {date}"),
    "backup_taken": ("已备份到 {path}", "backed up to {path}"),
    "restored": ("已从 {backup} 恢复数据库 {path}", "restored database {path} from {backup}"),
    "check_ok": (
        "数据库 {path} 完好：{tables} 张表，{docs} 条记录，格式版本 {schema}",
        "database {path} is sound: {tables} tables, {docs} records, schema {schema}",
    ),
    # from core/contacts.py
    "bad_phone": (
        "电话 '{value}' 无效：只能含数字、空格和 + - ( )",
        "phone '{value}' is invalid: digits, spaces and + - ( ) only",
    ),
    "bad_email": ("电子邮箱 '{value}' 无效", "e-mail '{value}' is invalid"),
    "contact_nothing": (
        "至少给出 --liaison、--phone 或 --email 之一",
        "give at least one of --liaison, --phone, --email",
    ),
    # from core/meetings.py
    "rpt_meeting_done": (
        "已记录 {date} 议事协调机构会议：{topics}",
        "recorded the leading group's meeting of {date}: {topics}",
    ),
    "rpt_meeting_exists": (
        "{date} 已有议题相同的会议记录",
        "a meeting on {date} with the same topics is already on record",
    ),
    # from core/planfile.py
    "rebase_out_of_range": (
        "以 {start} 为起点重排后，计划日期超出 0001-01-01 至 9999-12-31",
        "re-basing the plan to start on {start} moves its dates outside 0001-01-01 to 9999-12-31",
    ),
    # from core/validate.py
    "text_not_utf8": (
        "{place} 含有无法识别的字符（不是有效的 UTF-8）",
        "{place} holds characters that are not valid UTF-8",
    ),
    # from core/digest.py: a unit's message for WeChat or SMS
    "dg_day": ("{month}月{day}日", "{month}/{day}"),
    "dg_more": ("，另有 {n} 项", " and {n} more"),
    "dg_head": ("【督办提醒】{unit}（截至{day}）", "[duban] {unit}, as of {day}"),
    "dg_due": ("本周到期：{items}", "Due this week: {items}"),
    "dg_late_days": ("逾期{days}天", "{days} days overdue"),
    "dg_late": ("已逾期：{items}", "Overdue: {items}"),
    "dg_duty": ("{duty} 应{expected}次、实{logged}次", "{duty}: {logged} of {expected} done"),
    "dg_behind": ("职责落后：{items}", "Duties behind: {items}"),
    "dg_decision": ("{label}：{why}", "{label}: {why}"),
    "dg_decided": ("县委政法委认定：{items}", "The committee decided: {items}"),
    "dg_pending": (
        "{n} 项督办建议待县委政法委认定（尚非决定）",
        "{n} suggestions await the committee's decision (not decided yet)",
    ),
    "dg_nothing": ("本周没有到期或逾期事项，谢谢配合。", "Nothing due or overdue this week. Thank you."),
    # from core/trouble.py: the morning page
    "tr_overdue": ("逾期{n}项·最长{days}天", "{n} overdue, longest {days} d"),
    "tr_missed": ("职责缺{n}次", "{n} duty rounds missed"),
    "tr_fine": ("无逾期、无缺漏", "nothing late or missed"),
    "tr_confirmed": ("已认定{n}", "{n} decided"),
    "tr_pending": ("待认定{n}", "{n} to decide"),
    "dg_sep": ("；", "; "),
    "dg_item": ("{item}（{words}）", "{item} ({words})"),
    "tr_sep": (" · ", "; "),
    "tr_committee_sep": ("·", ", "),
    "name_with_code": ("{name}（{code}）", "{name} ({code})"),
    "core_deadline_head": ("{id} {title}：{label}", "{id} {title}: {label}"),
    "core_due_days_overdue": (
        "{head} 截止 {due}，逾期 {days_overdue} 天",
        "{head} due {due}, {days_overdue} days overdue",
    ),
    "core_due_done": ("{head} 截止 {due}，{done_on} 完成", "{head} due {due}, done {done_on}"),
    "core_duty_done_rate": (
        "{title} 完成率 {pct}%（应 {expected} 次，实 {logged} 次）",
        "{title}: {pct}% done ({logged} of {expected})",
    ),
    "core_entered_on": ("，{as_of} 填报", ", entered {as_of}"),
    "core_metric_vs_target": ("{name} {value}（目标 {m}{when}）", "{name}: {value} (target {m}{when})"),
    "core_expected_whole_number_or_more": ("应为非负整数", "expected a whole number, 0 or more"),
    "core_expected_ratio_from": ("应为 0 到 1 之间的比例", "expected a ratio from 0 to 1"),
    "core_expected_table": ("应为表", "expected a table"),
    "core_expected_list_incident_kinds": ("应为事件类别列表：", "expected a list of incident kinds: "),
    "core_reported_same_day": ("当日上报", "reported the same day"),
    "core_reported_after_days": ("{days} 天后上报", "reported after {days} days"),
    "core_later_than_required_once_within": (
        "，超过要求（第一时间，{allowed_days} 天内）",
        ", later than required (at once, within {allowed_days} days)",
    ),
    "core_yes": ("是", "yes"),
    "core_no": ("否", "no"),
    "core_yuan": (" 元", " yuan"),
    "core_monthly": ("每月", "monthly"),
    "list_sep": ("、", ", "),
    "core_expected_yes_no": ("应为 是/否（yes/no）", "expected yes or no"),
    "core_expected_done_total": ("应为 实数/应数，如 17/18", "expected done/total, e.g. 17/18"),
    "core_expected_percent": ("应为 0 到 100 的数，或 实数/应数", "expected a number from 0 to 100, or done/total"),
    "core_expected_yuan": ("应为金额（元），最多两位小数", "expected an amount in yuan with at most two decimals"),
    "plan_missing_plan_table": ("缺少 [plan] 表", "missing the [plan] table"),
    "plan_before_period_start": ("早于 period_start（{start}）", "before period_start ({start})"),
    "plan_expected_whole_number_from": ("应为 0 到 366 的整数", "expected a whole number from 0 to 366"),
    "plan_expected_text_got": ("应为非空文本，收到 {value!r}", "expected text, got {value!r}"),
    "plan_expected_list_unit_codes": ("应为单位代码列表", "expected a list of unit codes"),
    "plan_expected_array_tables": ("应为 [[表]] 列表", "expected an array of tables"),
    "plan_least_one_required": ("至少需要一项", "at least one is required"),
    "plan_expected_one_of": ("应为 {choices} 之一", "expected one of {choices}"),
    "plan_unit_required": ("至少需要一个责任单位", "at least one responsible unit is required"),
    "plan_performer_required": (
        "至少需要一个执行单位（或 per_township = true）",
        "at least one performing unit is required (or per_township = true)",
    ),
    "plan_expected_whole_number_0_or_more": ("应为非负整数", "expected a whole number, 0 or more"),
    "plan_least_one_deadline_required": ("至少需要一个截止节点", "at least one deadline is required"),
    "plan_expected_positive_whole_number": ("应为正整数", "expected a positive whole number"),
    "plan_before_start": ("早于 start（{d_start}）", "before start ({d_start})"),
    "plan_expected_true_or_false": ("应为 true 或 false", "expected true or false"),
    "plan_duplicate_id": ("编号 '{ident}' 重复", "duplicate id '{ident}'"),
    "plan_missing": ("缺少此字段", "missing"),
    "plan_expected_inline_table": ("应为 {{ due = … }}", "expected an inline table"),
    "plan_after_due": ("晚于 due（{due}）", "after due ({due})"),
    "plan_not_valid_date": ("'{value}' 不是有效日期", "'{value}' is not a valid date"),
    "store_truncated": ("截断", "truncated"),
    "store_empty": ("空文件", "empty"),
    "plan_expected_date_yyyy_mm_dd": (
        "应为日期 YYYY-MM-DD，收到 {value!r}",
        "expected a date YYYY-MM-DD, got {value!r}",
    ),
    "workday_holiday": ("{name}假期，非工作日", "{name} holiday, not a working day"),
    "workday_weekend": ("周末，非工作日", "weekend, not a working day"),
    "workday_fallback": (
        "注意：节假日数据未收录 {years} 年，这些年份只按周末计算工作日",
        "note: the holiday data does not cover {years}; working days there are counted by weekends only",
    ),
}
