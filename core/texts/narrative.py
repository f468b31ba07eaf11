"""The sentences duban writes into reports and summaries."""

MESSAGES: dict[str, tuple[str, str]] = {
    "rpt_bad_period": (
        "报告期 '{value}' 无效：应为报送节点（{milestones}）、其日期，或季度如 2020-Q3",
        "report period '{value}' is invalid: expected a reporting milestone ({milestones}), its date, or a quarter such as 2020-Q3",
    ),
    "rpt_period_outside": (
        "报告期 {value}（{start} 至 {end}）不在专项行动期间（{plan_start} 至 {plan_end}）",
        "report period {value} ({start} to {end}) is outside the action ({plan_start} to {plan_end})",
    ),
    "rpt_period_and_as_of": ("--period 与 --as-of 只能用其一", "use either --period or --as-of, not both"),
    "nar_sep": ("；", "; "),
    "nar_metric_value": ("{name}为{value}", "{name}: {value}"),
    "nar_as_of": ("截至{as_of}", "as of {as_of}"),
    "nar_summary_table_stage_summary_city": (
        "县民政局报市州：情况汇总表和阶段总结（方案要求）",
        "county civil affairs to the city: summary table and stage summary (the plan's requirement)",
    ),
    "nar_recurring_duties_performed": (
        "常态化职责履行率{pct:.0f}%（{duty_logged}/{duty_expected}期）。",
        "Recurring duties {pct:.0f}% performed ({duty_logged}/{duty_expected}).",
    ),
    "nar_quarterly_report": (
        "季度督办问责报告（本县自定节奏，非方案要求；供议事协调机构会议使用）",
        "quarterly accountability report (the county's own rhythm, not a plan requirement; for the coordination body)",
    ),
    "nar_full_stop": ("。", "."),
    "nar_key_figures": ("主要指标：", "Key figures: "),
    "nar_latest": ("最新进展：", "Latest: "),
    "nar_studied": ("研究", ": "),
    "nar_not_started": ("{title}尚未开展", "{title} not started"),
    "nar_performed_periods_missed": (
        "{title}（{unit}）履行率{ratio:.0f}%，缺{missed_count}期",
        "{title} ({unit}) {ratio:.0f}% performed, {missed_count} periods missed",
    ),
    "nar_none": ("无", "none"),
    "nar_chaired": ("（{chair}主持）", " (chaired by {chair})"),
    "nar_days_overdue_due": (
        "{title}（{label}）：{unit}逾期{days_overdue}天（截止{due}）",
        "{title} ({label}): {unit} {days_overdue} days overdue (due {due})",
    ),
    "nar_quarter_1": ("{year}年第一季度", "{year} Q1"),
    "nar_quarter_2": ("{year}年第二季度", "{year} Q2"),
    "nar_quarter_3": ("{year}年第三季度", "{year} Q3"),
    "nar_quarter_4": ("{year}年第四季度", "{year} Q4"),
    "nar_done_on_time": ("{title}（{label}）于{done_on}按时完成", "{title} ({label}) done on time on {done_on}"),
    "nar_action_counts": (
        "任务{tasks}项，完成{done}项（按时{on_time}项），进行中{in_progress}项，未开始{not_started}项，逾期{overdue}项",
        "{tasks} tasks: {done} done ({on_time} on time), {in_progress} in progress, {not_started} not started, {overdue} overdue",
    ),
    "nar_average_progress": ("，平均进度{progress:.0f}%。", "; average progress {progress:.0f}%."),
    "nar_metric_no": ("{name}：否", "not yet: {name}"),
    "nar_note": ("{date}，{title}：{note}", "{date}, {title}: {note}"),
    "nar_mechanism_not_set_up": ("领导协调机制尚未建立。", "The leading mechanism has not been set up yet."),
    "nar_mechanism_chairs": ("，由{chairs}主持召开会议", ", its meetings chaired by {chairs}"),
    "nar_mechanism_set_up": ("已于{when}{item}{chaired}。", "Set up on {when}: {item}{chaired}."),
    "nar_no_meetings": ("专项行动期间召开会议：无。", " Meetings during the action: none."),
    "nar_meetings_held": (
        "专项行动期间召开会议{held_count}次：{listed}。",
        " {held_count} meetings held during the action: {listed}.",
    ),
}
