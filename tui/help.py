"""The help screen's text: what each screen shows and its keys."""

from __future__ import annotations

from duban.core.i18n import pick

HELP_ZH = """\
# 督办仪表盘

**总览**：计划名称与文号、查看日期、总体与各行动进度、下一报送节点、各单位情况、逾期事项（按逾期天数）、近期到期事项。
状态同时用文字和颜色表示：逾期（红）、逾期完成（橙）、按时完成（绿）、进行中（蓝）、未开始（灰）。

| 键 | 作用 |
|---|---|
| ↑ ↓ Tab | 移动 / 切换区域（鼠标也可点击） |
| 回车 | 打开单位或任务 |
| d | 查看某一天的情况（输入日期） |
| [ ] | 前一天 / 后一天 |
| f | 督办标识：规则提出的建议（待认定）与县委政法委的认定；在该页 c 认定、x 不予认定、n 督办通知单、r 督办规则 |
| / | 筛选任务（单位页） |
| l | 记录所选职责在查看日期的履行 |
| Space | 勾选清单事项 |
| m | 填报所选指标 |
| Ctrl+S | 提交进度报告（任务页） |
| Esc | 返回 |
| Ctrl+P | 命令面板：导出日历、生成报告、单位模板、导入表格 |
| Ctrl+T | 明暗主题 |
| ? | 本帮助 |
| q | 退出 |

其他终端或导入修改数据库后，仪表盘在约两秒内自动更新。
"""

HELP_EN = """\
# duban dashboard

**Overview**: plan title and document number, the as-of date, progress overall and per action, the next
reporting milestone, every unit, overdue items (longest first) and deadlines coming up.
Status is shown in words and colour: overdue (red), done late (orange), done on time (green),
in progress (blue), not started (grey).

| Key | Does |
|---|---|
| ↑ ↓ Tab | move / next area (the mouse works too) |
| Enter | open a unit or a task |
| d | look at another day (type a date) |
| [ ] | one day back / forward |
| f | flags: the rules' suggestions (pending) and the committee's decisions; there c confirm, x dismiss, n notice, r the rules |
| / | filter tasks (unit screen) |
| l | log the selected duty as performed on the day in view |
| Space | tick or untick a checklist item |
| m | enter a value for the selected metric |
| Ctrl+S | submit a progress report (task screen) |
| Esc | back |
| Ctrl+P | command palette: export calendars, write a report, unit template, import a workbook |
| Ctrl+T | light / dark theme |
| ? | this help |
| q | quit |

When another terminal or an import changes the database, the dashboard follows within about two seconds.
"""


def help_text() -> str:
    """The help in the user's language."""
    return pick(HELP_ZH, HELP_EN)
