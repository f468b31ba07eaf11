"""Commands that create a database or describe what is loaded: init, demo, units, plugins."""

from __future__ import annotations

from duban.core.i18n import pick, t

from .output import emit_json, table


def register(sub, common) -> None:
    """Add init, demo, units and plugins."""
    from .main import date_arg

    p = sub.add_parser("init", parents=[common], help="create a database from the built-in plan or a plan file")
    p.add_argument("--plan", metavar="FILE", help="another county's plan (TOML, see docs/plan-format.md)")
    p.add_argument("--start", metavar="DATE", type=date_arg, help="re-base the plan to start on this date")
    p.add_argument("--force", action="store_true", help="replace an existing database (a backup is taken first)")
    p.set_defaults(handler=init)
    p = sub.add_parser("demo", parents=[common], help="create a demo database (built-in plan, data as of 2020-10-15)")
    p.add_argument("--force", action="store_true", help="replace an existing database (a backup is taken first)")
    p.set_defaults(handler=demo)
    sub.add_parser("units", parents=[common], help="list the units and their liaisons").set_defaults(handler=units)
    p = sub.add_parser("contact", parents=[common], help="record a unit's liaison: name, phone, e-mail")
    p.add_argument("unit", metavar="UNIT")
    p.add_argument("--liaison", metavar="NAME")
    p.add_argument("--phone", metavar="PHONE")
    p.add_argument("--email", metavar="EMAIL")
    p.add_argument("--by", metavar="NAME", help="who records it (default: your login)")
    p.set_defaults(handler=contact)
    sub.add_parser("plugins", parents=[common], help="list the loaded plugins").set_defaults(handler=plugins)


def init(ctx, args) -> int:
    """duban init"""
    from duban.core.initdb import build_plan, init_database

    plan = build_plan(ctx.ws.units, args.plan, args.start)
    backup = init_database(ctx.db, plan, ctx.author(), force=args.force)
    if backup:
        print(t("backup_taken", path=backup))
    print(t("init_done", path=ctx.db.path, plan=pick(plan.title, plan.title_en), tasks=len(plan.tasks)))
    return 0


def demo(ctx, args) -> int:
    """duban demo"""
    from duban.core.demo import DEMO_AS_OF, build_demo

    build_demo(ctx.ws, force=args.force)
    print(t("demo_done", path=ctx.db.path, as_of=DEMO_AS_OF))
    return 0


def units(ctx, args) -> int:
    """duban units"""
    record = ctx.ws.record()
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
                pick("代码", "code"),
                pick("单位", "unit"),
                pick("类别", "kind"),
                pick("联络员", "liaison"),
                pick("电话", "phone"),
            ],
            [[u.code, pick(u.name, u.name_en), t(f"kind_{u.kind}"), u.liaison, u.phone] for u in rows],
        )
    )
    return 0


def contact(ctx, args) -> int:
    """duban contact UNIT"""
    from duban.core.contacts import set_contact

    unit = set_contact(ctx.ws, args.unit, ctx.author(), liaison=args.liaison, phone=args.phone, email=args.email)
    print(
        pick(
            f"已登记 {unit.short or unit.name} 联络员：{unit.liaison or '—'} {unit.phone} {unit.email}".rstrip(),
            f"{unit.name_en} liaison on record: {unit.liaison or '—'} {unit.phone} {unit.email}".rstrip(),
        )
    )
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
    if ctx.json:
        emit_json(rows)
        return 0
    print(
        table(
            [pick("插件", "plugin"), pick("钩子", "hooks"), pick("说明", "about")],
            [[r["name"], ", ".join(r["hooks"]), r["doc"]] for r in rows],
            max_width=60,
        )
    )
    return 0
