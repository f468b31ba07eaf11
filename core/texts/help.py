"""Help of the command line: argparse's own words, every command's and option's help, metavars."""

MESSAGES: dict[str, tuple[str, str]] = {
    "h_event": (
        "记录一个触发义务的事件：入站、重点人员登记、安置落户、寒潮、高温（只记案号和单位）",
        "record an event that starts obligations (a case number and a unit only)",
    ),
    "h_event_kind": ("事件类别", "event kind"),
    "h_case": ("案号（不记录姓名或身份证号）", "case number (no names, no ID numbers)"),
    "h_event_unit": (
        "事件所属单位（入站：救助站；重点人员：所在乡镇；极端天气：发起专项救助的单位）",
        "the event's unit (admission: the station; key person: the township; extreme weather: the unit that "
        "starts the campaign)",
    ),
    "h_fulfil": ("记录某个事件触发的义务已完成", "record that an obligation an event started was met"),
    "h_send": (
        "记录 --period 所指的报送节点已报出（方案规定的报送义务）",
        "record that the report for --period went up",
    ),
    "h_copy": ("记录结果已通报该单位（可重复）", "record that the results went to this unit (repeatable)"),
    "h_step_completed": (
        "与 --done 同用：完成的是第几步（截止节点序号）",
        "with --done: the step (deadline number) completed",
    ),
    "h_unit_s_next_open_deadline_met": (
        "本单位的下一个未完成节点（或 --step 指定的步骤）已完成",
        "the unit's next open deadline (or --step) is met",
    ),
    "h_reporting_unit_own_part": (
        "报告单位：报的是本单位自己的分工（任务有多个责任单位时必填）",
        "reporting unit: its own part (needed when the task has several)",
    ),
    "h_tasks_unit_own_part": (
        "该单位有分工的任务（显示其本身的分工）",
        "tasks this unit has a part in (its own part shown)",
    ),
    "h_only_tasks_with_overdue_part": (
        "只列有单位逾期的任务（与 --unit 同用：只看该单位自己的分工）",
        "only tasks with an overdue part (with --unit: its own)",
    ),
    "h_db_migrate": (
        "把旧版 duban 的数据库升级到当前格式（先备份）",
        "upgrade a database from an older duban (a backup is taken first)",
    ),
    # argparse's own words (see duban.cli.parser.ARGPARSE_WORDS); they keep argparse's %-placeholders
    "ap_usage": ("用法：", "usage: "),
    "ap_positionals": ("位置参数", "positional arguments"),
    "ap_options": ("选项", "options"),
    "ap_help": ("显示本帮助并退出", "show this help message and exit"),
    "ap_argument": ("参数 %(argument_name)s：%(message)s", "argument %(argument_name)s: %(message)s"),
    "ap_unrecognized": ("无法识别的参数：%s", "unrecognized arguments: %s"),
    "ap_not_allowed_with": ("不能与参数 %s 同时使用", "not allowed with argument %s"),
    "ap_ignored_explicit": ("多余的参数值 %r", "ignored explicit argument %r"),
    "ap_required": ("缺少必需的参数：%s", "the following arguments are required: %s"),
    "ap_one_required": ("需要以下参数之一：%s", "one of the arguments %s is required"),
    "ap_expected_one": ("需要一个值", "expected one argument"),
    "ap_expected_at_most_one": ("最多一个值", "expected at most one argument"),
    "ap_expected_at_least_one": ("至少需要一个值", "expected at least one argument"),
    "ap_expected_n": ("需要 %s 个值", "expected %s arguments"),
    "ap_ambiguous": (
        "选项 %(option)s 有歧义，可能是 %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "ap_unexpected_option": ("意外的选项 %s", "unexpected option string: %s"),
    "ap_invalid_value": ("值 %(value)r 无效", "invalid value: %(value)r"),
    "ap_invalid_choice": (
        "无效的选择 %(value)r（可选：%(choices)s）",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "ap_invalid_choice_parser": (
        "无效的选择 %(parser_name)r（可选：%(choices)s）",
        "invalid choice: %(parser_name)r (choose from %(choices)s)",
    ),
    "ap_cannot_open": ("无法打开 '%(filename)s'：%(error)s", "can't open '%(filename)s': %(error)s"),
    # the program, its global options and the commands
    "h_duban_supervise_county_s_special_action": (
        "督办：县级专项行动的任务、截止节点、常态化职责与督办标记。",
        "duban — supervise a county's special action: tasks, deadlines, duties, flags.",
    ),
    "h_version": ("显示版本号并退出", "show the version and exit"),
    "h_database_folder_duban_db": ("数据库文件夹（或环境变量 $DUBAN_DB）", "database folder (or $DUBAN_DB)"),
    "h_look_campaign_this_date_yyyy_mm": (
        "查看某一天的情况（YYYY-MM-DD）",
        "look at the campaign on this date (YYYY-MM-DD)",
    ),
    "h_language_messages": (
        "界面语言：zh 中文（默认）或 en 英文；也可设环境变量 DUBAN_LANG",
        "language of messages: zh Chinese (default) or en English; or set DUBAN_LANG",
    ),
    "h_machine_readable_output": ("以 JSON 输出，供程序读取", "machine-readable output"),
    "h_address_listen_default_loopback_only": (
        "监听地址（默认只限本机）",
        "address to listen on (default: loopback only)",
    ),
    "h_another_county_s_plan_toml_see": (
        "其他县的方案文件（TOML，见 docs/plan-format.md）",
        "another county's plan (TOML, see docs/plan-format.md)",
    ),
    "h_audit_trail_newest_first": ("操作记录，最新的在前", "the audit trail, newest first"),
    "h_backup_folder_restore": (
        "要恢复的备份：db backups 列出的名称，或其路径",
        "backup to restore: its name as db backups lists it, or a path",
    ),
    "h_shared_group": (
        "把数据库共享给一个用户组（组内账户都能登记），默认仅所有者可用",
        "share the database with a group whose accounts all record (by default only its owner may)",
    ),
    "mv_group": ("组名", "GROUP"),
    "h_delete_backup_named": ("删除该名称的备份（名称同列表）", "delete the backup of this name (as listed)"),
    "h_restore_yes": (
        "确认恢复（不加时只显示将被撤下的内容）",
        "restore (without it, only show what would be set aside)",
    ),
    "h_bring_back_backup_last_good_one": (
        "从备份恢复（默认恢复最近一份完好的备份）",
        "bring back a backup (the last good one by default)",
    ),
    "h_calendar_feeds_liaisons_subscribe_ics": (
        "联络员订阅的日历（ICS）",
        "calendar feeds liaisons subscribe to (ICS)",
    ),
    "h_check_back_up_restore_database": ("检查、备份或恢复数据库", "check, back up or restore the database"),
    "h_committee_s_flags_flags_confirm_dismiss": (
        "督办标记：规则提出的建议（待认定）与县委政法委的认定；flags confirm|dismiss 编号 --reason 理由 作出认定，"
        "flags rules 说明规则，flags notice 编号 --out 文件 生成督办通知单，flags serious 事件编号 --reason 理由"
        " 认定事件造成严重后果",
        "the committee's flags: the rules' suggestions (pending) and its decisions; `flags confirm|dismiss ID"
        " --reason TEXT` rules on one, `flags rules` explains the rules, `flags notice ID --out FILE` writes a"
        " supervision notice, `flags serious INCIDENT --reason TEXT` judges an incident's consequences serious",
    ),
    "h_flag_order": ("认定时附带的责令事项（仅 confirm）", "with confirm: what the unit is ordered to do"),
    "h_flag_due": ("责令事项的完成期限（与 --order 一起）", "with --order: the date it must be done by"),
    "h_flag_revise": ("改变此前的认定（须写明新的理由）", "change an earlier ruling (needs a new reason)"),
    "h_flag_not_serious": ("与 serious 一起：认定未造成严重后果", "with serious: judge the consequences not serious"),
    "h_flag_notice_out": ("与 notice 一起：督办通知单文件（.xlsx）", "with notice: the workbook to write (.xlsx)"),
    "h_count_percent_done_total_yes_no": (
        "数量、百分比（或 完成数/总数）、yes/no 或金额（元）",
        "a count, a percent (or done/total), yes/no, or yuan",
    ),
    "h_create_database_from_built_plan_plan": (
        "用内置方案或方案文件建立数据库",
        "create a database from the built-in plan or a plan file",
    ),
    "h_create_demo_database_built_plan_data": (
        "建立演示数据库（内置方案，数据截至 2020-10-15）",
        "create a demo database (built-in plan, data as of 2020-10-15)",
    ),
    "h_create_replace_secret_url_this_feed": (
        "生成或更换该日历的私密订阅地址",
        "create or replace the secret URL of this feed",
    ),
    "h_date_report_default_as_date": ("报告日期（默认：查看日期）", "date of the report (default: the as-of date)"),
    "h_date_tick_default_as_date": ("勾选日期（默认：查看日期）", "date of the tick (default: the as-of date)"),
    "h_date_value_stands_default_as_date": (
        "数值对应的日期（默认：查看日期）",
        "date the value stands for (default: the as-of date)",
    ),
    "h_day_it_happened": ("发生日期", "day it happened"),
    "h_day_it_was_reported_up_default": ("上报日期（默认：当天）", "day it was reported up (default: the same day)"),
    "h_day_meeting": ("会议日期", "day of the meeting"),
    "h_day_performed_default_as_date": ("履职日期（默认：查看日期）", "day performed (default: the as-of date)"),
    "h_enter_value_unit_s_metric": ("填报单位的一项指标", "enter a value of a unit's metric"),
    "h_evidence_reference_repeatable": ("佐证材料（可多次给出）", "evidence reference (repeatable)"),
    "h_filling_unit_city_s_civil_affairs": (
        "填报单位（市民政局）",
        "the filling unit (the city's civil-affairs bureau)",
    ),
    "h_import_filled_template_all_it_nothing": (
        "导入填好的模板：要么全部导入，要么一项不导入",
        "import a filled-in template: all of it or nothing",
    ),
    "h_list_backups_newest_first": (
        "列出备份（种类、时间、大小），最新的在前",
        "list backups, newest first (kind, time, size)",
    ),
    "h_list_feeds_with_subscription_urls_rotate": (
        "列出日历及订阅地址；--rotate 生成新地址",
        "list feeds with subscription URLs; --rotate makes a new one",
    ),
    "h_list_leading_group_s_meetings_record": (
        "列出已登记的议事协调机构会议",
        "list the leading group's meetings on record",
    ),
    "h_list_loaded_plugins": ("列出已加载的插件", "list the loaded plugins"),
    "h_list_recorded_incidents": ("列出已登记的事件", "list recorded incidents"),
    "h_list_tasks_with_filters": ("列出任务，可筛选", "list tasks, with filters"),
    "h_list_units_their_liaisons": ("列出单位及联络员", "list the units and their liaisons"),
    "h_list_which_reports_fall_due_when": ("列出各次报告的报送日期", "list which reports fall due when"),
    "h_missing_death_cold_hunger_institution_food": (
        "事件类别：走失 | 死亡 | 冻饿死伤 | 遇灾遇险 | 食品药品（或 missing | death | cold_hunger | institution | food_drug）",
        "missing | death | cold_hunger | institution | food_drug (or the kind in Chinese)",
    ),
    "h_one_task_full": ("查看一项任务的全部情况", "one task in full"),
    "h_one_unit_tasks_duties_checklist_metrics": (
        "查看一个单位：任务、职责、工作清单、指标、督办标记",
        "one unit: tasks, duties, checklist, metrics, flags",
    ),
    "h_only_flags_this_level": (
        "只看该级别的标记（表彰/督导/问责）",
        "only flags of this level (commendation/supervision/accountability)",
    ),
    "h_only_open_flags_hide_resolved_ones": ("只看未解除的标记", "only open flags (hide resolved ones)"),
    "h_only_tasks_due_within_n_days": ("只看 N 天内到期的任务", "only tasks due within N days"),
    "h_only_tasks_with_overdue_deadline": ("只看有逾期节点的任务", "only tasks with an overdue deadline"),
    "h_only_this_unit_s_feed_all": ("只导出该单位的日历（或 all）", "only this unit's feed (or 'all')"),
    "h_only_this_unit_s_flags": ("只看该单位的标记", "only this unit's flags"),
    "h_overview_actions_units_overdue_due_soon": (
        "总览：各项行动、各单位、逾期与即将到期事项",
        "overview: actions, units, overdue and due-soon lists",
    ),
    "h_percent_done_0_100_100_default": (
        "完成百分比，0–100（与 --done 一起用于最后一个节点时默认为 100）",
        "percent done, 0–100 (100 by default with --done on the last deadline)",
    ),
    "h_performing_unit_township_per_township_duties": (
        "履职单位（按乡镇履行的职责填乡镇）",
        "performing unit (a township for per-township duties)",
    ),
    "h_port_default_8787_0_picks_free": (
        "端口（默认 8787；0 表示任选空闲端口）",
        "port (default 8787; 0 picks a free one)",
    ),
    "h_put_meeting_leading_group_record": ("登记一次议事协调机构会议", "put a meeting of the leading group on record"),
    "h_re_base_plan_start_this_date": ("把方案整体平移到从该日开始", "re-base the plan to start on this date"),
    "h_record_incident_missing_person_death_cold": (
        "登记事件（走失、死亡、冻饿等）",
        "record an incident (missing person, death, cold or hunger …)",
    ),
    "h_record_one_performed_occurrence_recurring_duty": (
        "登记一次常态化职责的履行",
        "record one performed occurrence of a recurring duty",
    ),
    "h_record_unit_s_liaison_name_phone": (
        "登记单位联络员：姓名、电话、邮箱",
        "record a unit's liaison: name, phone, e-mail",
    ),
    "h_record_unit_s_progress_report_task": (
        "登记单位对某项任务的进度报告",
        "record a unit's progress report on a task",
    ),
    "h_replace_existing_database_backup_taken_first": (
        "替换已有数据库（先自动备份）",
        "replace an existing database (a backup is taken first)",
    ),
    "h_reporting_county_default_from_plan": (
        "报告单位（默认取自方案）",
        "the reporting county (default: from the plan)",
    ),
    "h_reporting_milestone_r1_r2_r3_date": (
        "报送节点（R1、R2、R3 或其日期）或季度（2020-Q3）",
        "a reporting milestone (R1, R2, R3 or its date) or a quarter (2020-Q3)",
    ),
    "h_reporting_unit_default_task_s_lead": (
        "报告单位（默认：任务的牵头单位）",
        "reporting unit (default: the task's lead unit)",
    ),
    "h_roll_several_counties_reports_up_into": (
        "把多个县的报告汇总成一张汇总表",
        "roll several counties' reports up into one summary table",
    ),
    "h_serve_feeds_token_ics_calendar_apps": (
        "向日历应用提供 /feeds/<token>.ics",
        "serve /feeds/<token>.ics to calendar apps",
    ),
    "h_show_what_would_change_write_nothing": ("只显示将会变更的内容，不写入", "show what would change, write nothing"),
    "h_take_backup_now": ("立即备份", "take a backup now"),
    "h_task_s_next_open_deadline_met": ("任务的下一个未完成节点已完成", "the task's next open deadline is met"),
    "h_tasks_one_action_a1_a6": ("某一项行动的任务（A1–A6）", "tasks of one action (A1–A6)"),
    "h_tasks_this_unit_leads_co_owns": ("该单位牵头或配合的任务", "tasks this unit leads or co-owns"),
    "h_tick_undo_item_unit_s_checklist": (
        "勾选（或 --undo 取消）单位工作清单中的一项",
        "tick (or --undo) an item of a unit's checklist",
    ),
    "h_unit_code_see_duban_units": ("单位（见 duban units）", "unit code (see duban units)"),
    "h_unit_it_counts_against_default_units": (
        "计入的单位（默认：职责涵盖该事件的单位）",
        "the unit it counts against (default: the units whose duties cover it)",
    ),
    "h_unit_s_checklist_what_ticked": ("单位的工作清单及勾选情况", "a unit's checklist and what is ticked"),
    "h_untick_item": ("取消勾选", "untick the item"),
    "h_verify_every_file_database": ("逐一校验数据库的每个文件", "verify every file of the database"),
    "h_what_happened": ("事件经过", "what happened"),
    "h_what_meeting_studied_decided": ("会议研究和决定的事项", "what the meeting studied and decided"),
    "h_what_was_done": ("做了什么", "what was done"),
    "h_where_server_reachable_printed_url": (
        "服务器的访问地址，用于打印订阅地址",
        "where the server is reachable, for the printed URL",
    ),
    "h_where_write_workbook": ("工作簿保存位置", "where to write the workbook"),
    "h_who_chaired_it_government_leader": ("主持人（政府领导）", "who chaired it (a government leader)"),
    "h_who_decides_default_your_login": ("决定人（默认：登录名）", "who decides (default: your login)"),
    "h_who_exports_recorded_when_event_versions": (
        "导出人（事件版本变化时记入操作记录）",
        "who exports (recorded when event versions change)",
    ),
    "h_who_imports_default_your_login": ("导入人（默认：登录名）", "who imports (default: your login)"),
    "h_who_restores_default_your_login": ("恢复操作人（默认：登录名）", "who restores (default: your login)"),
    "h_who_issues_it_default_your_login": ("下发人（默认：登录名）", "who issues it (default: your login)"),
    "h_who_performed_it_default_your_login": ("履职人（默认：登录名）", "who performed it (default: your login)"),
    "h_who_records_it_default_your_login": ("登记人（默认：登录名）", "who records it (default: your login)"),
    "h_who_reports_default_your_login": ("报告人（默认：登录名）", "who reports (default: your login)"),
    "h_who_rotates_recorded_audit_trail": ("更换人（记入操作记录）", "who rotates (recorded in the audit trail)"),
    "h_who_ticks_default_your_login": ("勾选人（默认：登录名）", "who ticks (default: your login)"),
    "h_why_committee_confirms_dismisses_required_decide": (
        "确认或撤销的理由（作出决定时必填）",
        "why the committee confirms or dismisses (required to decide)",
    ),
    "h_write_code_ics_every_unit_all": (
        "为每个单位写出 <代码>.ics 及 all.ics",
        "write <code>.ics for every unit and all.ics",
    ),
    "h_write_summary_table_accountability_report_xlsx": (
        "生成汇总表和问责报告（.xlsx）",
        "write the summary table and accountability report (.xlsx)",
    ),
    "h_write_unit_s_fill_workbook_xlsx": ("生成单位的填报工作簿（.xlsx）", "write a unit's fill-in workbook (.xlsx)"),
    "h_folder_write_into": ("写入的文件夹（默认：{default}）", "folder to write into (default: {default})"),
    "h_completion": ("输出 bash 或 zsh 的命令补全脚本", "print the shell completion script for bash or zsh"),
    "h_completion_long": (
        "补全命令、选项、任务编号和单位名称。\n"
        "安装（bash）：\n"
        "  duban completion bash > ~/.local/share/bash-completion/completions/duban\n"
        "安装（zsh，并在 ~/.zshrc 的 compinit 之前写 fpath=(~/.zfunc $fpath)）：\n"
        "  duban completion zsh > ~/.zfunc/_duban",
        "Completes commands, options, task ids and unit names.\n"
        "Install (bash):\n"
        "  duban completion bash > ~/.local/share/bash-completion/completions/duban\n"
        "Install (zsh, with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc):\n"
        "  duban completion zsh > ~/.zfunc/_duban",
    ),
    "h_completion_shell": ("哪种 shell：bash 或 zsh", "which shell: bash or zsh"),
    "h_help_topics": (
        "概念说明：责任份额、常态化职责、督办标记、本系统解读、查看日期",
        "the concepts: parts, duties, flags, readings, as-of",
    ),
    "h_help_topic": ("主题（{topics}）或命令名", "a topic ({topics}) or a command"),
    # positional arguments
    "h_arg_task": ("任务编号（如 A2.1）或任务名称的一部分", "a task id (A2.1) or part of its title"),
    "h_arg_unit": ("单位名称或代码（如 民政局）", "a unit's code or the name the screens show (civil_affairs)"),
    "h_arg_item": ("工作清单项目编号（见 duban checklist 单位）", "a checklist item (see duban checklist UNIT)"),
    "h_arg_metric": ("指标编号或名称（见 duban unit 单位）", "a metric's id or name (see duban unit UNIT)"),
    "h_arg_duty": ("常态化职责编号（见 duban show 任务）", "a recurring duty's id (see duban show TASK)"),
    "h_arg_file": ("填好的模板（.xlsx）", "the filled-in template (.xlsx)"),
    "h_arg_files": ("各县的报告（.xlsx）", "the counties' reports (.xlsx)"),
    "h_arg_decision": (
        "confirm 认定或 dismiss 不予认定；rules 列出规则；notice 生成督办通知单；serious 认定事件造成严重后果",
        "confirm or dismiss; rules lists the rules; notice writes the supervision notice; serious judges an"
        " incident's consequence serious",
    ),
    "h_arg_flag": ("督办标记编号（见 duban flags）", "a flag's id (see duban flags)"),
    # duban help TOPIC: the first line is the topic's summary in the list
    "topic_list_heading": ("可查看的主题（duban help 主题）：", "Topics (duban help TOPIC):"),
    "topic_list_footer": (
        "每个命令的用法：duban 命令 --help，或 duban help 命令。",
        "How to use a command: duban COMMAND --help, or duban help COMMAND.",
    ),
    "topic_unknown": ("没有主题或命令 '{topic}'（主题：{topics}）", "no topic or command '{topic}' (topics: {topics})"),
    "topic_parts": (
        "责任份额：任务的每个责任单位各自负责自己的那一份\n"
        "\n"
        "方案的责任单位一栏并不区分牵头和配合，所以每个列出的单位都对自己的那一份负责：自己的进度、"
        "自己的职责记录、自己的逾期。不因别的单位的份额而追究一个单位，也不因别的单位“牵头”而放过一个"
        "列出的单位。方案写明由谁做某一步（如“救助管理站……报送”），这一步就是该单位的，有自己的日期。\n"
        "\n"
        "  duban show 任务        看一项任务的各节点和进度报告\n"
        "  duban progress 任务 --unit 单位 --percent 50 --note 说明\n"
        "  duban unit 单位        看一个单位的全部份额",
        "parts: every unit listed for a task answers for its own part of it\n"
        "\n"
        "The plan's lists of responsible units never tell a lead from the units that co-operate, so each "
        "listed unit answers for its own part: its own progress, its own duty logs, its own lateness. No unit "
        'is blamed for another unit\'s part, and no listed unit is let off because another one "leads". '
        'Where the plan names who does a step ("the rescue station files…"), that step is that unit\'s, with '
        "its own date.\n"
        "\n"
        "  duban show TASK        a task's deadlines and progress reports\n"
        "  duban progress TASK --unit UNIT --percent 50 --note TEXT\n"
        "  duban unit UNIT        everything one unit answers for",
    ),
    "topic_duties": (
        "常态化职责与工作清单：反复履行的职责，以及各单位在方案第四部分的职责\n"
        "\n"
        "常态化职责按频次反复履行，如生活区每日巡查、站外托养机构每周检查、重点人员每两个月回访；"
        "每履行一次用 duban log 记录一次，duban 按应履行次数计算完成率。由事件触发的义务（如极端天气）"
        "不按日历计算。共同承担的职责是各单位自己的：每个单位记录自己的那一次。\n"
        "工作清单是方案第四部分写给每个单位的职责，逐项勾选。\n"
        "\n"
        "  duban log 职责 --unit 单位 --date 日期\n"
        "  duban checklist 单位   duban check 单位 项目",
        "duties: recurring duties, and each unit's own duties in section four of the plan\n"
        "\n"
        "A recurring duty falls due again and again: the daily patrol of the living area, the weekly check of "
        "foster institutions, revisiting each key person every two months. Log each time it is performed with "
        "duban log; duban counts the times due and shows the share performed. Obligations started by an event "
        "(extreme weather, an admission) are not counted from the calendar. A joint duty is each unit's own: "
        "each unit logs its own occurrence.\n"
        "The checklist is what section four of the plan gives each unit to do, ticked item by item.\n"
        "\n"
        "  duban log DUTY --unit UNIT --date DATE\n"
        "  duban checklist UNIT   duban check UNIT ITEM",
    ),
    "topic_flags": (
        "督办标记：duban 提出建议，由政法委认定\n"
        "\n"
        "duban 依据记录提出建议（建议表彰、建议督导、建议问责），并列出依据：逾期的份额、落后的职责、"
        "未完成的清单项、未达标的指标、事件。建议只有在政法委确认并写明理由后才成为决定；撤销同样要写理由。"
        "向各部门展示（日历、上报的报告）时，决定显示为决定，建议显示为待认定，绝不混淆。"
        "政法委不评判自己：关于政法委的情况作为情况提交议事协调机构，不作为标记。\n"
        "\n"
        "  duban flags                      列出标记\n"
        "  duban flags confirm 编号 --reason 理由\n"
        "  duban flags dismiss 编号 --reason 理由",
        "flags: duban suggests, the political-legal committee decides\n"
        "\n"
        "From the record duban suggests commendation, supervision or accountability, with the evidence: "
        "overdue parts, duties behind, checklist items not done, metrics missed, incidents. A suggestion becomes "
        "a decision only when the committee confirms it with a reason on the record; dismissing one needs a "
        "reason too. What departments see (calendars, reports sent up) shows decisions as decisions and "
        "suggestions as pending, never one as the other. The committee does not judge itself: findings about "
        "it go to the coordination body as findings, not flags.\n"
        "\n"
        "  duban flags                      list the flags\n"
        "  duban flags confirm ID --reason TEXT\n"
        "  duban flags dismiss ID --reason TEXT",
    ),
    "topic_readings": (
        "本系统解读：方案没有写明之处，duban 的取舍\n"
        "\n"
        "方案没有规定的门槛、频次和目标（如“逾期 30 天”“巡查完成 90%”）由 duban 提出一种解读。"
        "解读保存在方案数据中，附有所依据的原文，界面上标为“本系统解读”，而不是方案原话。"
        "县里可以在自己的方案文件中改动它们（见 docs/plan-format.md），再用 duban init --plan 载入。",
        "readings: what duban chooses where the plan is silent\n"
        "\n"
        'Thresholds, cadences and targets the plan does not state ("30 days overdue", "90 % of patrols") '
        "are duban's readings. A reading is kept in the plan's data with the sentence it reads, and shown as "
        "duban's reading, never as the plan's words. A county changes them in its own plan file "
        "(see docs/plan-format.md) and loads it with duban init --plan.",
    ),
    "topic_as_of": (
        "查看日期：每个视图都是某一天的情况\n"
        "\n"
        "duban 显示的是某一天的情况：--as-of 日期 给出的那天；否则演示数据库自己的日期（2020-10-15）；"
        "否则今天（按北京时间）。逾期天数、即将到期、完成率都按这一天计算。登记时不写 --date，就记在这一天。"
        "报告中的数据截至填报日。\n"
        "\n"
        "  duban --as-of 2020-09-30 status\n"
        "  duban tasks --as-of 2020-08-31 --overdue",
        "as-of: every view is of one day\n"
        "\n"
        "duban shows the campaign as it stood on one day: the day --as-of DATE names; else a demo database's "
        "own day (2020-10-15); else today (China Standard Time). Days overdue, what is due soon and duty "
        "shares are all counted to that day. An entry without --date is recorded on that day. Figures in a "
        "report are as of its filling date.\n"
        "\n"
        "  duban --as-of 2020-09-30 status\n"
        "  duban tasks --as-of 2020-08-31 --overdue",
    ),
    # metavars: the placeholders help and errors show for a value
    "mv_action": ("操作", "ACTION"),
    "mv_backup": ("备份", "BACKUP"),
    "mv_code": ("单位", "CODE"),
    "mv_command": ("命令", "COMMAND"),
    "mv_date": ("日期", "DATE"),
    "mv_dir": ("文件夹", "DIR"),
    "mv_duty": ("职责", "DUTY"),
    "mv_email": ("邮箱", "EMAIL"),
    "mv_file": ("文件", "FILE"),
    "mv_file_xlsx": ("文件.xlsx", "FILE.xlsx"),
    "mv_host": ("地址", "HOST"),
    "mv_id": ("编号", "ID"),
    "mv_item": ("项目", "ITEM"),
    "mv_kind": ("类别", "KIND"),
    "mv_level": ("级别", "LEVEL"),
    "mv_metric": ("指标", "METRIC"),
    "mv_n": ("N", "N"),
    "mv_name": ("姓名", "NAME"),
    "mv_p": ("报告期", "P"),
    "mv_path": ("路径", "PATH"),
    "mv_phone": ("电话", "PHONE"),
    "mv_port": ("端口", "PORT"),
    "mv_ref": ("佐证", "REF"),
    "mv_task": ("任务", "TASK"),
    "mv_shell": ("shell", "SHELL"),
    "mv_topic": ("主题", "TOPIC"),
    "mv_text": ("文字", "TEXT"),
    "mv_unit": ("单位", "UNIT"),
    "mv_url": ("URL", "URL"),
    "mv_value": ("数值", "VALUE"),
}
