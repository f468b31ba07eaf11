"""Messages of the database: opening, damage, locks, backups."""

MESSAGES: dict[str, tuple[str, str]] = {
    "db_unusable": ("无法使用数据库 {path}：{problem}", "cannot use the database {path}: {problem}"),
    "db_folder_in_use": (
        "{path} 既不是空文件夹，也不是 duban 数据库（其中有 {file}）：请另选一个文件夹",
        "{path} is neither empty nor a duban database (it holds {file}): choose another folder",
    ),
}
