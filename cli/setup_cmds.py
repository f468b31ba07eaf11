"""Commands that create a database or describe what is loaded: init, demo, units, plugins."""

from __future__ import annotations

from duban.core.i18n import pick, t

from .output import clean, emit_json, paged, show_rows, table
from .parser import command


def register(sub, common) -> None:
    """Add init, demo, units and plugins."""
    from .main import date_arg

    p = command(sub, "init", init, parents=[common], help=t("h_create_database_from_built_plan_plan"))
    p.add_argument("--plan", metavar=t("mv_file"), help=t("h_another_county_s_plan_toml_see"))
    p.add_argument("--start", metavar=t("mv_date"), type=date_arg, help=t("h_re_base_plan_start_this_date"))
    p.add_argument("--force", action="store_true", help=t("h_replace_existing_database_wipe"))
    p.add_argument("--shared-group", metavar=t("mv_group"), help=t("h_shared_group"))
    p = command(sub, "demo", demo, parents=[common], help=t("h_create_demo_database_built_plan_data"))
    p.add_argument("--force", action="store_true", help=t("h_replace_existing_database_backup_taken_first"))
    command(sub, "units", units, parents=[common], help=t("h_list_units_their_liaisons"))
    p = command(sub, "contact", contact, parents=[common], help=t("h_record_unit_s_liaison_name_phone"))
    p.add_argument("unit", metavar=t("mv_unit"), help=t("h_arg_unit"))
    p.add_argument("--liaison", metavar=t("mv_name"))
    p.add_argument("--phone", metavar=t("mv_phone"))
    p.add_argument("--email", metavar=t("mv_email"))
    p.add_argument("--by", metavar=t("mv_name"), help=t("h_who_records_it_default_your_login"))
    command(sub, "plugins", plugins, parents=[common], help=t("h_list_loaded_plugins"))


def init(ctx, args) -> int:
    """duban init"""
    from duban.core import dates
    from duban.core.errors import DubanError
    from duban.core.initdb import build_plan, has_records, init_database

    plan = build_plan(ctx.ws.units, args.plan, args.start, ctx.ws.registry if args.plan else None)
    if not args.force and has_records(ctx.db):
        # Replacing a record's plan wipes the record; an amendment keeps it (core.amend).
        raise DubanError(t("init_has_records", path=ctx.db.path))
    backup = init_database(ctx.db, plan, ctx.author(), force=args.force)
    if backup:
        print(t("backup_taken", path=backup))
    if args.shared_group:
        ctx.db.share_with(args.shared_group)
        print(t("db_shared", path=ctx.db.path, group=args.shared_group))
    print(t("init_done", path=ctx.db.path, plan=pick(plan.title, plan.title_en), tasks=len(plan.tasks)))
    today = dates.today()
    if not args.start and plan.period_end < today:
        # Otherwise every deadline shows years overdue and the clerk does not know why.
        print(t("init_period_ended", start=plan.period_start, end=plan.period_end, today=today))
    return 0


def demo(ctx, args) -> int:
    """duban demo"""
    from duban.core.demo import DEMO_AS_OF, build_demo

    build_demo(ctx.ws, force=args.force)
    print(t("demo_done", path=ctx.db.path, as_of=DEMO_AS_OF))
    return 0


@paged
def units(ctx, args) -> int:
    """duban units"""
    record = ctx.ws.record()
    ctx.ws.as_of(record, ctx.as_of_override)  # the units of the plan in force that day
    rows = sorted(record.units.values(), key=lambda u: (u.order, u.code))
    if ctx.json:
        emit_json(
            [
                {
                    "code": u.code,
                    "name": u.name,
                    "name_en": u.name_en,
                    "short": u.short,
                    "kind": u.kind,
                    "liaison": u.liaison,
                    "phone": u.phone,
                    "email": u.email,
                }
                for u in rows
            ]
        )
        return 0
    print(
        table(
            [
                t("cli_code"),
                t("cli_unit"),
                t("cli_kind"),
                t("cli_liaison"),
                t("cli_phone"),
            ],
            [[u.code, pick(u.name, u.name_en), t(f"kind_{u.kind}"), u.liaison, u.phone] for u in rows],
        )
    )
    return 0


def contact(ctx, args) -> int:
    """duban contact UNIT"""
    from duban.core.contacts import set_contact

    unit = set_contact(ctx.ws, args.unit, ctx.author(), liaison=args.liaison, phone=args.phone, email=args.email)
    if ctx.json:
        emit_json({"unit": unit.code, "liaison": unit.liaison, "phone": unit.phone, "email": unit.email})
        return 0
    contact = f"{unit.liaison or '—'} {unit.phone} {unit.email}".rstrip()
    # Echoes what was typed: no terminal escapes smuggled in with a name.
    print(clean(t("cli_contact_recorded", unit=pick(unit.short or unit.name, unit.name_en), contact=contact)))
    return 0


def plugins(ctx, args) -> int:
    """duban plugins"""
    pm = ctx.ws.pm
    rows = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda np: np[0]):
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
        rows.append(
            {"name": name, "hooks": hooks, "doc": (getattr(plugin, "__doc__", "") or "").strip().split("\n")[0]}
        )
    heads = ("cli_plugin", "cli_hooks", "cli_about")
    show_rows(ctx, rows, heads, lambda r: [r["name"], ", ".join(r["hooks"]), r["doc"]], max_width=60)
    return 0
