"""Database care: check, list and delete backups, back up, restore."""

from __future__ import annotations

from duban.core.i18n import t

from .output import emit_json, paged, table
from .parser import command

TYPE_CHECKING = False  # typing itself costs `duban --help` a tenth of its time

if TYPE_CHECKING:
    from duban.core.store import Backup


def register(sub, common) -> None:
    """Add `db check`, `db backups`, `db backup` and `db restore`."""
    p = sub.add_parser("db", parents=[common], help=t("h_check_back_up_restore_database"))
    dbsub = p.add_subparsers(dest="db_command", metavar=t("mv_action"), required=True)
    command(dbsub, "check", check, parents=[common], help=t("h_verify_every_file_database"))
    b = command(dbsub, "backups", backups, parents=[common], help=t("h_list_backups_newest_first"))
    b.add_argument("--delete", metavar=t("mv_name"), help=t("h_delete_backup_named"))
    command(dbsub, "backup", backup, parents=[common], help=t("h_take_backup_now"))
    command(dbsub, "migrate", migrate, parents=[common], help=t("h_db_migrate"))
    command(dbsub, "fold", fold, parents=[common], help=t("h_db_fold"))
    s = command(dbsub, "share", share, parents=[common], help=t("h_shared_group"))
    s.add_argument("group", metavar=t("mv_group"))
    r = command(dbsub, "restore", restore, parents=[common], help=t("h_bring_back_backup_last_good_one"))
    r.add_argument("--from", dest="source", metavar=t("mv_backup"), help=t("h_backup_folder_restore"))
    r.add_argument("--yes", action="store_true", help=t("h_restore_yes"))
    r.add_argument("--by", metavar=t("mv_name"), help=t("h_who_restores_default_your_login"))


def check(ctx, args) -> int:
    """duban db check"""
    report = ctx.db.check()
    # Every file reads; now whether the documents fit together (a table emptied by hand reads fine).
    ctx.ws.record()
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


def _taken(b: Backup) -> str:
    return b.taken.strftime("%Y-%m-%d %H:%M:%S")


@paged
def backups(ctx, args) -> int:
    """duban db backups [--delete NAME]"""
    if args.delete:
        ctx.db.delete_backup(args.delete)
        print(t("backup_deleted", name=args.delete))
        return 0
    found = ctx.db.backups()
    rows = []
    for b in found:
        try:
            counts = ctx.db.check_folder(b.path)["tables"]
            state = "ok"
        except Exception as exc:  # a damaged backup is listed as such, not fatal
            counts, state = {}, str(exc)
        rows.append(
            {
                "name": b.name,
                "path": str(b.path),
                "kind": b.kind,
                "taken": b.taken.isoformat(),
                "size": b.size(),
                "state": state,
                "records": sum(counts.values()),
            }
        )
    if ctx.json:
        emit_json(rows)
        return 0
    shown = [
        [r["name"], t(f"backup_kind_{r['kind']}"), _taken(b), _size(r["size"]), r["state"], r["records"]]
        for r, b in zip(rows, found, strict=True)
    ]
    headers = [t(f"col_backup_{c}") for c in ("name", "kind", "taken", "size", "state", "records")]
    print(table(headers, shown, max_width=80))
    return 0


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if n < 1024:
            return f"{n:g} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"


def backup(ctx, args) -> int:
    """duban db backup"""
    ctx.db.check()  # a backup asked for by hand is of a sound database, or none at all
    from duban.core.store import MANUAL

    print(t("backup_taken", path=ctx.db.backup("manual", MANUAL)))
    return 0


def restore(ctx, args) -> int:
    """duban db restore [--from BACKUP] [--yes]: says what it would set aside; restores with --yes."""
    source, discarded = ctx.db.restore_source(args.source)
    print(t("restore_plan", backup=source.name, kind=t(f"backup_kind_{source.kind}"), taken=_taken(source)))
    if discarded is None:
        print(t("restore_discards_unknown"))
    elif not discarded:
        print(t("restore_discards_nothing"))
    else:
        kinds = ", ".join(f"{what} {n}" for what, n in sorted(discarded.items()))
        print(t("restore_discards", n=sum(discarded.values()), kinds=kinds))
    if not args.yes:
        print(t("restore_needs_yes"))
        return 1
    kept = ctx.db.restore(source, ctx.author())
    if kept is None:
        print(t("restored", backup=source.name, path=ctx.db.path))
    else:
        print(t("restored_kept", backup=source.name, path=ctx.db.path, kept=kept.name))
    return 0


def migrate(ctx, args) -> int:
    """duban db migrate"""
    from duban.core.migrate import migrated_message, upgrade
    from duban.core.store import SCHEMA

    backup = upgrade(ctx.db)
    print(migrated_message(backup) if backup else t("db_migrate_done", schema=SCHEMA))
    return 0


def fold(ctx, args) -> int:
    """duban db fold: what a write leaves to a process of its own (cli.folding), done now."""
    from duban.core.folds import fold_due

    views = fold_due(ctx.db)
    if ctx.json:
        emit_json({"folded": views})
    elif views:
        print(t("db_folded", views=t("list_sep").join(t(f"fold_view_{v}") for v in views)))
    else:
        print(t("db_fold_nothing"))
    return 0


def share(ctx, args) -> int:
    """duban db share GROUP: what `init --shared-group` does, for a database that exists."""
    ctx.db.check()
    ctx.db.share_with(args.group)
    print(t("db_shared", path=ctx.db.path, group=args.group))
    return 0
