"""Messages of the database: opening, damage, locks, backups."""

MESSAGES: dict[str, tuple[str, str]] = {
    "db_migrated": (
        "数据库已升级到第 {schema} 版格式（各责任单位分别记录各自的分工）；升级前的备份：{backup}",
        "the database was upgraded to format {schema} (each responsible unit now has its own part); backup: {backup}",
    ),
    "db_migrate_done": ("数据库已是最新格式（第 {schema} 版）", "the database is up to date (format {schema})"),
    "db_unusable": ("无法使用数据库 {path}：{problem}", "cannot use the database {path}: {problem}"),
    "db_folder_in_use": (
        "{path} 既不是空文件夹，也不是 duban 数据库（其中有 {file}）：请另选一个文件夹",
        "{path} is neither empty nor a duban database (it holds {file}): choose another folder",
    ),
    "backup_not_found": (
        "找不到备份 {backup}（备份在 {folder}，用 duban db backups 查看名称）",
        "backup {backup} not found (backups are in {folder}; duban db backups lists their names)",
    ),
    "col_backup_name": ("备份", "backup"),
    "col_backup_kind": ("种类", "kind"),
    "col_backup_taken": ("时间", "taken"),
    "col_backup_size": ("大小", "size"),
    "col_backup_state": ("状态", "state"),
    "col_backup_records": ("记录数", "records"),
    "backup_deleted": ("已删除备份 {name}", "deleted backup {name}"),
    "backup_kind_auto": ("自动（导入前）", "automatic (before an import)"),
    "backup_kind_manual": ("手动", "manual"),
    "backup_kind_pre-init": ("重建前", "before init --force"),
    "backup_kind_pre-migrate": ("升级前", "before an upgrade"),
    "backup_kind_pre-restore": ("恢复前", "before a restore"),
    "backup_kind_damaged": ("损坏状态原样保留", "damaged state, kept as it was"),
    "restore_plan": ("将从备份 {backup}（{kind}，{taken}）恢复", "will restore backup {backup} ({kind}, {taken})"),
    "restore_discards_nothing": (
        "当前数据库中没有该备份之后的记录",
        "the current database holds nothing recorded after that backup",
    ),
    "restore_discards": (
        "当前数据库中该备份之后的 {n} 条记录将被撤下（另存为备份，可用 --from 找回）：{kinds}",
        "{n} entries recorded after that backup will be set aside (kept as a backup, --from brings them back): {kinds}",
    ),
    "restore_discards_unknown": (
        "当前数据库已损坏，无法清点将被撤下的记录；其文件将原样保存在 backups/ 中",
        "the current database is damaged, so what will be set aside cannot be counted; its files are kept as they are in backups/",
    ),
    "restore_needs_yes": ("确认无误后加 --yes 再运行一次", "run again with --yes to restore"),
    "restored_kept": (
        "已从 {backup} 恢复数据库 {path}；原有数据另存为备份 {kept}",
        "restored database {path} from {backup}; what was there is kept as backup {kept}",
    ),
    "lock_waiting_for": (
        "数据库正被进程 {holders} 使用，等待中…",
        "the database is in use by process {holders}, waiting…",
    ),
    "lock_timeout_held": (
        "等待数据库锁 {seconds} 秒后超时（{file}）：进程 {holders} 仍占用着它",
        "timed out after {seconds} s waiting for the database lock ({file}): process {holders} still holds it",
    ),
    "db_permission": (
        "没有权限使用 {file}：请数据库所有者运行 duban --db {path} init --shared-group 组名 共享给你所在的组，或换用有权限的账户",
        "no permission to use {file}: ask the database's owner to share it with your group"
        " (duban --db {path} init --shared-group GROUP), or use an account that may",
    ),
    "db_no_group": ("没有名为 {group} 的用户组", "there is no group named {group}"),
    "db_shared": (
        "数据库 {path} 已共享给用户组 {group}：组内账户均可读写",
        "database {path} is shared with group {group}: every account in it may read and record",
    ),
    # input files (core/inputs.py)
    "input_unreadable": ("无法读取 {file}：{problem}", "cannot read {file}: {problem}"),
    "input_not_regular": (
        "{file} 不是普通文件（设备、管道或文件夹），未读取",
        "{file} is not a regular file (a device, a pipe or a folder) and was not read",
    ),
    "input_too_large": ("{file} 超过 {limit} 字节，未读取", "{file} is larger than {limit} bytes and was not read"),
}
