"""The calendar feeds' words."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cal_overdue": ("逾期{days}天", "overdue {days}d"),
    "cal_done": ("已完成", "done"),
    "cal_in_progress": ("进行中{percent}%", "in progress {percent}%"),
    "cal_milestone": ("报送节点", "report due"),
    "cal_duty_rate": ("履行率{rate}", "performed {rate}"),
    "cal_duty_not_due": ("尚无到期周期", "no period ended yet"),
    "cal_remind": ("{days}天后到期：{what}", "due in {days} days: {what}"),
    "cal_remind_today": ("今天到期：{what}", "due today: {what}"),
    "cal_all_name": ("{plan}（全部）", "{plan} (all units)"),
    "cal_unit_name": ("{unit}·督办日历", "{unit} · duban calendar"),
    "cal_desc_window": ("时间：{start} 至 {due}", "Window: {start} to {due}"),
    "cal_desc_due": ("截止：{due}", "Due: {due}"),
    "cal_desc_state": ("状态：{state}；进度 {percent}%", "State: {state}; {percent}% done"),
    "cal_desc_units": ("责任单位（各负其责）：{units}", "Responsible units (each for its own part): {units}"),
    "cal_desc_parts": ("各单位进展：{parts}", "Each unit: {parts}"),
    "cal_desc_last": ("最近报告：{date} {unit} {percent}% {note}", "Last report: {date} {unit} {percent}% {note}"),
    "cal_desc_none": ("最近报告：无", "Last report: none"),
    "cal_desc_source": ("依据：{doc} {plan}", "Source: {doc} {plan}"),
    "cal_desc_duty": (
        "{freq}，{start} 至 {end}；履行单位：{units}",
        "{freq}, {start} to {end}; performed by: {units}",
    ),
    "cal_desc_duty_rate": (
        "截至 {as_of}：应履行 {expected} 期，已记录 {logged} 期（{rate}）",
        "As of {as_of}: {expected} periods due, {logged} logged ({rate})",
    ),
    "cal_desc_missed": ("最近缺漏：{dates}", "Recently missed: {dates}"),
    "cal_desc_evidence": ("依据事实：", "Evidence:"),
    "cal_export_line": ("{path}：{events} 个事件", "{path}: {events} events"),
    "cal_export_done": ("已导出 {feeds} 个日历到 {out}", "exported {feeds} calendars to {out}"),
    "cal_unknown_feed": (
        "没有名为 '{code}' 的日历（可用：{known}）",
        "no calendar named '{code}' (available: {known})",
    ),
    "cal_token_new": (
        "{feed} 的新订阅地址（旧地址已失效，请妥善保管）：{url}",
        "new subscription URL for {feed} (the old one no longer works; keep it secret): {url}",
    ),
    "cal_token_none": ("未生成", "none yet"),
    "cal_token_hint": (
        "用 duban calendars tokens --rotate CODE 生成或更换订阅地址（地址只显示一次）",
        "run duban calendars tokens --rotate CODE to create or replace a URL (it is shown once)",
    ),
    "cal_serving": (
        "日历订阅服务已启动：http://{host}:{port}/feeds/<令牌>.ics（Ctrl+C 停止）",
        "serving calendar feeds at http://{host}:{port}/feeds/<token>.ics (Ctrl+C to stop)",
    ),
    "cal_not_loopback": (
        "注意：{host} 不是本机回环地址，订阅地址中的令牌将以明文传输；请在前面加 HTTPS 反向代理",
        "warning: {host} is not a loopback address; tokens travel in clear text, put an HTTPS proxy in front",
    ),
    "cal_bad_port": (
        "端口 '{value}' 无效：应为 0 到 65535 的整数",
        "port '{value}' is invalid: expected 0 to 65535",
    ),
    "cal_serve_as_of": (
        "订阅服务只提供当天的日历，不接受 --as-of {day}；查看某日的日历请用 duban --as-of {day} calendars export",
        "the feed server serves today's feeds only and does not take --as-of {day}; use duban --as-of {day} calendars export to see a past day",
    ),
    "cal_site_only": ("{option} 只能与 --site 一起使用", "{option} only goes with --site"),
    "cal_site_alone": (
        "发布的是订阅者看到的当天全部日历，不能与 --out、--unit 或 --as-of 同用",
        "publishing writes every feed as subscribers see it today; it does not go with --out, --unit or --as-of",
    ),
    "cal_index_inside_site": (
        "索引 {index} 不能放在网站文件夹 {site} 里（索引列出全部秘密文件名）",
        "the index {index} must not be inside the site folder {site} (it lists every secret file name)",
    ),
    "cal_site_line": ("{feed}（{name}）：{events} 个事件，{state}", "{feed} ({name}): {events} events, {state}"),
    "cal_site_written": ("已更新", "updated"),
    "cal_site_unchanged": ("未变", "unchanged"),
    "cal_site_missing": (
        "以下日历还没有订阅地址，未写出：{feeds}（用 duban calendars tokens --rotate CODE 生成）",
        "these feeds have no URL yet and were not written: {feeds} (run duban calendars tokens --rotate CODE)",
    ),
    "cal_site_done": (
        "{feeds} 个日历在 {site}，其中 {written} 个文件有更新；文件名清单（仅供办公室）：{index}",
        "{feeds} feeds in {site}, {written} files updated; the list of file names (secretariat only): {index}",
    ),
    "h_cal_site": (
        "按订阅时的样子写出日历，文件名保密，供网站服务器发布（代替 --out）",
        "write the feeds as served, under secret names, for a web server to serve (instead of --out)",
    ),
    "h_cal_site_index": (
        "与 --site 同用：文件名清单写到哪里（须在网站文件夹之外）",
        "with --site: where the list of file names goes (outside DIR)",
    ),
    "h_cal_site_base": (
        "与 --site 同用：网站文件夹对外的地址，写进清单",
        "with --site: the URL DIR is served at, for the index",
    ),
    "h_cal_publish": (
        "把各单位日历推送到已有的日历同步服务器（每个单位一个日历）",
        "push every unit's feed to an existing CalDAV server (one calendar each)",
    ),
    "h_cal_caldav_url": (
        "日历同步服务器的地址",
        "the CalDAV server, e.g. https://dav.example.gov.cn/",
    ),
    "h_cal_caldav_user": ("登录日历同步服务器的用户名", "user name on the CalDAV server"),
    "h_cal_caldav_password_file": (
        "存放密码的文件（第一行），密码不进命令历史",
        "a file whose first line is the password (keeps it out of the shell history)",
    ),
    "cal_push_line": (
        "{feed}（{name}）：新增 {created}，更新 {updated}，删除 {deleted}，未变 {unchanged}",
        "{feed} ({name}): {created} added, {updated} updated, {deleted} deleted, {unchanged} unchanged",
    ),
    "cal_push_done": ("已把 {feeds} 个日历推送到 {url}", "pushed {feeds} calendars to {url}"),
    "cal_caldav_failed": (
        "推送到 CalDAV 服务器 {url} 失败：{problem}",
        "publishing to the CalDAV server {url} failed: {problem}",
    ),
    "cal_password_file": ("无法读取密码文件 {path}：{problem}", "cannot read the password file {path}: {problem}"),
    "cal_remind_window": ("{start} 起办理，{due} 截止：{what}", "from {start}, due {due}: {what}"),
    "cal_desc_off_day": ("注意：截止日为{note}", "Note: the due date is a {note}"),
    "cal_within_week": ("本周内", "within the week"),
    "cal_within_weeks": ("每{n}周内", "within each {n} weeks"),
    "cal_within_month": ("本月内", "within the month"),
    "cal_within_months": ("{n}个月内", "within {n} months"),
    "cal_bind_failed": ("无法在 {host}:{port} 上启动服务：{problem}", "cannot serve on {host}:{port}: {problem}"),
    "cal_out_not_dir": ("导出位置 {path} 不是文件夹", "export location {path} is not a folder"),
    "cal_bad_setting": (
        "计划设置 {setting} 的值 '{value}' 无效：应为{expected}",
        "plan setting {setting} = '{value}' is invalid: expected {expected}",
    ),
    "cal_write_failed": ("写入 {path} 失败：{problem}", "writing {path} failed: {problem}"),
    "cal_list_whole_days_e_g": ("0 到 366 的整数列表，如 [7, 1]", "a list of whole days 0–366, e.g. [7, 1]"),
    "cal_whole_minutes_from": ("5 到 10080 的整数（分钟）", "whole minutes from 5 to 10080"),
}
