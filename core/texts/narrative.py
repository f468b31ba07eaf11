"""The sentences duban writes into reports and summaries."""

MESSAGES: dict[str, tuple[str, str]] = {
    "rpt_bad_period": (
        "报告期 '{value}' 无效：应为报送节点（{milestones}）、其日期，或季度如 2020-Q3",
        "report period '{value}' is invalid: expected a reporting milestone ({milestones}), its date, "
        "or a quarter such as 2020-Q3",
    ),
    "rpt_period_outside": (
        "报告期 {value}（{start} 至 {end}）不在专项行动期间（{plan_start} 至 {plan_end}）",
        "report period {value} ({start} to {end}) is outside the action ({plan_start} to {plan_end})",
    ),
    "rpt_period_and_as_of": ("--period 与 --as-of 只能用其一", "use either --period or --as-of, not both"),
    "nar_coordination_mechanism_led_government_leader": (
        "已成立政府负责同志牵头、{lead}牵头协调的领导协调机制。专项行动期间召开会议{held_count}次：{listed}。",
        "A coordination mechanism led by a government leader, coordinated by {lead}, is in place. {held_count} meetings held during the action: {listed}.",
    ),
    "nar_sep": ("；", "; "),
    "nar_metric_value": ("{name}{value}", "{name} {value}"),
    "nar_tasks_done_time_progress_not": (
        "任务{tasks}项，完成{done}项（按时{on_time}项），进行中{in_progress}项，未开始{not_started}项，逾期{overdue}项，平均进度{progress:.0f}%。",
        "{tasks} tasks: {done} done ({on_time} on time), {in_progress} in progress, {not_started} not started, {overdue} overdue; average progress {progress:.0f}%.",
    ),
    "nar_no_meeting_coordination_mechanism_record": (
        "尚无领导协调机制会议记录（可用 duban meeting 登记）。",
        "No meeting of the coordination mechanism on record yet (record them with duban meeting).",
    ),
    "nar_as_of": ("截至{as_of}", "as of {as_of}"),
    "nar_summary_table_stage_summary_city": (
        "情况汇总表和阶段总结报市州",
        "summary table and stage summary to the city",
    ),
    "nar_recurring_duties_performed": (
        "常态化职责履行率{pct:.0f}%（{duty_logged}/{duty_expected}期）。",
        "Recurring duties {pct:.0f}% performed ({duty_logged}/{duty_expected}).",
    ),
    "nar_quarterly_report": (
        "季度督办问责报告（议事协调机构会议）",
        "quarterly accountability report (coordination meeting)",
    ),
    "nar_full_stop": ("。", "."),
    "nar_key_figures": ("主要指标：", "Key figures: "),
    "nar_latest": ("最新进展：", "Latest: "),
    "nar_studied": ("研究", ": "),
    "nar_not_started": ("{id}{title}尚未开展", "{id} {title} not started"),
    "nar_performed_periods_missed": (
        "{title}（{unit}）履行率{ratio:.0f}%，缺{missed_count}期",
        "{title} ({unit}) {ratio:.0f}% performed, {missed_count} periods missed",
    ),
    "nar_none_this_period": ("本期暂无", "none this period"),
    "nar_none": ("暂无", "none"),
    "nar_chaired": ("（{chair}主持）", " (chaired by {chair})"),
    "nar_days_overdue_due": (
        "{id}{title}逾期{days_overdue}天（截止{due}）",
        "{id} {title} {days_overdue} days overdue (due {due})",
    ),
    "nar_quarter_1": ("{year}年第一季度", "{year} Q1"),
    "nar_quarter_2": ("{year}年第二季度", "{year} Q2"),
    "nar_quarter_3": ("{year}年第三季度", "{year} Q3"),
    "nar_quarter_4": ("{year}年第四季度", "{year} Q4"),
    "nar_done_on_time": (
        "{id}{title}（{label}）于{done_on}按时完成",
        "{id} {title} ({label}) done on time on {done_on}",
    ),
}
