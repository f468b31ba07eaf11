"""The sentences duban writes into reports and summaries."""

MESSAGES: dict[str, tuple[str, str]] = {
    "nar_schedule_milestone": (
        "县民政局报市州：情况汇总表和阶段总结（方案要求）",
        "county civil affairs to the city: summary table and stage summary (the plan's requirement)",
    ),
    "nar_schedule_quarterly": (
        "季度督办问责报告（本县自定节奏，非方案要求；供议事协调机构会议使用）",
        "quarterly accountability report (the county's own rhythm, not a plan requirement; for the coordination body)",
    ),
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
}
