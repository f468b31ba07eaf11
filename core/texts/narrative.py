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
}
