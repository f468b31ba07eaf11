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
}
