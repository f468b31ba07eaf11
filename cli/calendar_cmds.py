"""Calendar commands: export feeds, manage subscription tokens, serve the feeds."""

from __future__ import annotations

from duban.core.errors import UsageError
from duban.core.i18n import t

from .feedback import TerminalSteps
from .output import clean, emit_json, long_lived, note_workday_fallback, show_rows
from .parser import command

DEFAULT_OUT = "duban-calendars"


def register(sub, common) -> None:
    """Add `calendars export|tokens|serve`."""
    p = sub.add_parser("calendars", parents=[common], help=t("h_calendar_feeds_liaisons_subscribe_ics"))
    cal = p.add_subparsers(dest="calendars_command", metavar=t("mv_action"), required=True)
    e = command(cal, "export", export, parents=[common], help=t("h_write_code_ics_every_unit_all"))
    e.add_argument(
        "--out", metavar=t("mv_dir"), default=DEFAULT_OUT, help=t("h_folder_write_into", default=DEFAULT_OUT)
    )
    e.add_argument("--unit", metavar=t("mv_code"), help=t("h_only_this_unit_s_feed_all"))
    e.add_argument("--site", metavar=t("mv_dir"), help=t("h_cal_site"))
    e.add_argument("--index", metavar=t("mv_file"), help=t("h_cal_site_index"))
    e.add_argument("--base", metavar=t("mv_url"), default="", help=t("h_cal_site_base"))
    e.add_argument("--by", metavar=t("mv_name"), help=t("h_who_exports_recorded_when_event_versions"))
    u = command(cal, "publish", publish_caldav, parents=[common], help=t("h_cal_publish"))
    u.add_argument("--caldav", metavar=t("mv_url"), required=True, help=t("h_cal_caldav_url"))
    u.add_argument("--user", metavar=t("mv_name"), help=t("h_cal_caldav_user"))
    u.add_argument("--password-file", metavar=t("mv_file"), help=t("h_cal_caldav_password_file"))
    u.add_argument("--by", metavar=t("mv_name"), help=t("h_who_exports_recorded_when_event_versions"))
    k = command(cal, "tokens", tokens, parents=[common], help=t("h_list_feeds_with_subscription_urls_rotate"))
    k.add_argument("--rotate", metavar=t("mv_code"), help=t("h_create_replace_secret_url_this_feed"))
    k.add_argument(
        "--base",
        metavar=t("mv_url"),
        default="http://127.0.0.1:8787",
        help=t("h_where_server_reachable_printed_url"),
    )
    k.add_argument("--by", metavar=t("mv_name"), help=t("h_who_rotates_recorded_audit_trail"))
    s = command(cal, "serve", serve, parents=[common], help=t("h_serve_feeds_token_ics_calendar_apps"))
    s.add_argument(
        "--host", metavar=t("mv_host"), default="127.0.0.1", help=t("h_address_listen_default_loopback_only")
    )
    s.add_argument("--port", metavar=t("mv_port"), default="8787", help=t("h_port_default_8787_0_picks_free"))


def export(ctx, args) -> int:
    """duban calendars export"""
    from duban.calendars.export import export_feeds

    if args.site:
        return export_site(ctx, args)
    if args.index or args.base:
        raise UsageError(t("cal_site_only", option="--index" if args.index else "--base"))

    with TerminalSteps(ctx.json) as steps:
        written = export_feeds(ctx.ws, args.out, args.unit, ctx.as_of_override, who=ctx.author(), steps=steps)
    if ctx.json:
        emit_json(
            [
                {"feed": feed.code, "path": str(path), "events": feed.events, "bytes": feed.size}
                for path, feed in written
            ]
        )
        return 0
    for path, feed in written:
        print(clean(t("cal_export_line", path=path, events=feed.events)))  # paths echo what was typed
    print(clean(t("cal_export_done", feeds=len(written), out=args.out)))
    note_workday_fallback()
    return 0


def export_site(ctx, args) -> int:
    """duban calendars export --site DIR"""
    from pathlib import Path

    from duban.calendars.export import export_site as write_site

    if args.unit or args.out != DEFAULT_OUT or ctx.as_of_override is not None:
        # A site is what subscribers see: every feed, today, in the feed's language.
        raise UsageError(t("cal_site_alone"))
    with TerminalSteps(ctx.json) as steps:
        files, missing, index = write_site(
            ctx.ws, Path(args.site), args.index and Path(args.index), args.base, ctx.author(), steps
        )
    if ctx.json:
        emit_json(
            {
                "index": str(index),
                "feeds": [{"feed": f.feed.code, "events": f.feed.events, "written": f.written} for f in files],
                "without_url": missing,
            }
        )
        return 0
    for f in files:
        state = t("cal_site_written") if f.written else t("cal_site_unchanged")
        print(t("cal_site_line", feed=f.feed.code, name=f.feed.name, events=f.feed.events, state=state))
    if missing:
        print(t("cal_site_missing", feeds=", ".join(missing)))
    print(t("cal_site_done", feeds=len(files), written=sum(f.written for f in files), site=args.site, index=index))
    note_workday_fallback()
    return 0


def publish_caldav(ctx, args) -> int:
    """duban calendars publish --caldav URL"""
    from duban.calendars.caldav_push import push, read_password

    if ctx.as_of_override is not None:
        raise UsageError(t("cal_site_alone"))
    password = read_password(args.password_file) if args.password_file else None
    results = push(ctx.ws, args.caldav, args.user, password, ctx.author())
    if ctx.json:
        emit_json([vars(r) for r in results])
        return 0
    for r in results:
        print(
            t(
                "cal_push_line",
                feed=r.code,
                name=r.name,
                created=r.created,
                updated=r.updated,
                deleted=r.deleted,
                unchanged=r.unchanged,
            )
        )
    print(t("cal_push_done", feeds=len(results), url=args.caldav))
    note_workday_fallback()
    return 0


def tokens(ctx, args) -> int:
    """duban calendars tokens [--rotate CODE]"""
    from duban.calendars.feeds import feed_codes
    from duban.calendars.publish import check_code, read_state
    from duban.calendars.tokens import rotate

    state = read_state(ctx.ws, ctx.as_of_override)
    record = state.inputs.record
    if args.rotate:
        code = check_code(state, args.rotate)
        token = rotate(ctx.db, code, ctx.author())
        url = f"{args.base.rstrip('/')}/feeds/{token}.ics"
        if ctx.json:
            emit_json({"feed": code, "url": url})
        else:
            print(clean(t("cal_token_new", feed=code, url=url)))  # --base echoes what was typed
        return 0
    created = {doc["feed"]: doc["created"] for doc in state.token_docs}
    rows = [
        {"feed": code, "name": record.label(code) if code != "all" else "—", "created": created.get(code)}
        for code in feed_codes(record)
    ]
    heads = ("cli_feed", "cli_unit", "cli_url_created")
    show_rows(ctx, rows, heads, lambda r: [r["feed"], r["name"], r["created"] or t("cal_token_none")])
    if not ctx.json:
        print(t("cal_token_hint"))
    return 0


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise UsageError(t("cal_bad_port", value=text))
    return int(text)


@long_lived
def serve(ctx, args) -> int:
    """duban calendars serve"""
    import ipaddress

    from duban.calendars.publish import read_state
    from duban.calendars.server import make_server
    from duban.core.errors import DubanError

    port = _port(args.port)
    if ctx.as_of_override is not None:
        # Subscribers see one feed, today's; a past day served as current would bump every SEQUENCE.
        raise UsageError(t("cal_serve_as_of", day=ctx.as_of_override))
    read_state(ctx.ws)  # a missing or damaged database is one clear error now, not a 503 per request
    try:
        server = make_server(ctx.ws, args.host, port)
    except (OSError, UnicodeError, TypeError, ValueError) as exc:  # a host name the resolver cannot even take
        problem = getattr(exc, "strerror", None) or type(exc).__name__
        raise DubanError(t("cal_bind_failed", host=args.host, port=port, problem=problem)) from None
    try:
        loopback = ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = args.host == "localhost"
    if not loopback:
        print(clean(t("cal_not_loopback", host=args.host)))
    print(clean(t("cal_serving", host=args.host, port=server.server_address[1])), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
