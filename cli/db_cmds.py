"""Database care: check, list backups, back up, restore."""

from __future__ import annotations

from duban.core.i18n import t

from .output import emit_json, table


def register(sub, common) -> None:
    """Add `db check`, `db backups`, `db backup` and `db restore`."""
    p = sub.add_parser("db", parents=[common], help=t("h_check_back_up_restore_database"))
    dbsub = p.add_subparsers(dest="db_command", metavar=t("mv_action"), required=True)
    dbsub.add_parser("check", parents=[common], help=t("h_verify_every_file_database")).set_defaults(handler=check)
    dbsub.add_parser("backups", parents=[common], help=t("h_list_backups_newest_first")).set_defaults(handler=backups)
    dbsub.add_parser("backup", parents=[common], help=t("h_take_backup_now")).set_defaults(handler=backup)
    dbsub.add_parser("migrate", parents=[common], help=t("h_db_migrate")).set_defaults(handler=migrate)
    r = dbsub.add_parser("restore", parents=[common], help=t("h_bring_back_backup_last_good_one"))
    r.add_argument("--from", dest="source", metavar=t("mv_backup"), help=t("h_backup_folder_restore"))
    r.set_defaults(handler=restore)


def check(ctx, args) -> int:
    """duban db check"""
    report = ctx.db.check()
    if ctx.json:
        emit_json({"path": str(ctx.db.path), **report})
    else:
        print(
            t(
                "check_ok",
                path=ctx.db.path,
                tables=len(report["tables"]),
                docs=sum(report["tables"].values()),
                schema=report["schema"],
            )
        )
    return 0


def backups(ctx, args) -> int:
    """duban db backups"""
    rows = []
    for path in ctx.db.backups():
        try:
            counts = ctx.db.check_folder(path)["tables"]
            state = "ok"
        except Exception as exc:  # a damaged backup is listed as such, not fatal
            counts, state = {}, str(exc)
        rows.append({"path": str(path), "state": state, "records": sum(counts.values())})
    if ctx.json:
        emit_json(rows)
    else:
        print(
            table(["backup", "state", "records"], [[r["path"], r["state"], r["records"]] for r in rows], max_width=80)
        )
    return 0


def backup(ctx, args) -> int:
    """duban db backup"""
    ctx.db.check()  # a backup asked for by hand is of a sound database, or none at all
    print(t("backup_taken", path=ctx.db.backup("manual")))
    return 0


def restore(ctx, args) -> int:
    """duban db restore"""
    source = ctx.db.restore(args.source)
    print(t("restored", backup=source, path=ctx.db.path))
    return 0


def migrate(ctx, args) -> int:
    """duban db migrate"""
    from duban.core.migrate import migrated_message, upgrade
    from duban.core.store import SCHEMA

    backup = upgrade(ctx.db)
    print(migrated_message(backup) if backup else t("db_migrate_done", schema=SCHEMA))
    return 0
