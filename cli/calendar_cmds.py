"""Calendar commands: export feeds, manage subscription tokens, serve the feeds."""

from __future__ import annotations

import ipaddress

from duban.core.errors import UsageError
from duban.core.i18n import pick, t

from .output import emit_json, table

DEFAULT_OUT = "duban-calendars"


def register(sub, common) -> None:
    """Add `calendars export|tokens|serve`."""
    p = sub.add_parser("calendars", parents=[common], help="calendar feeds liaisons subscribe to (ICS)")
    cal = p.add_subparsers(dest="calendars_command", metavar="ACTION", required=True)
    e = cal.add_parser("export", parents=[common], help="write <code>.ics for every unit and all.ics")
    e.add_argument("--out", metavar="DIR", default=DEFAULT_OUT, help=f"folder to write into (default: {DEFAULT_OUT})")
    e.add_argument("--unit", metavar="CODE", help="only this unit's feed (or 'all')")
    e.add_argument(
        "--site",
        metavar="DIR",
        help="write the feeds as served, under secret names, for a web server to serve (instead of --out)",
    )
    e.add_argument("--index", metavar="FILE", help="with --site: where the list of file names goes (outside DIR)")
    e.add_argument("--base", metavar="URL", default="", help="with --site: the URL DIR is served at, for the index")
    e.add_argument("--by", metavar="NAME", help="who exports (recorded when event versions change)")
    e.set_defaults(handler=export)
    k = cal.add_parser("tokens", parents=[common], help="list feeds with subscription URLs; --rotate makes a new one")
    k.add_argument("--rotate", metavar="CODE", help="create or replace the secret URL of this feed")
    k.add_argument(
        "--base",
        metavar="URL",
        default="http://127.0.0.1:8787",
        help="where the server is reachable, for the printed URL",
    )
    k.add_argument("--by", metavar="NAME", help="who rotates (recorded in the audit trail)")
    k.set_defaults(handler=tokens)
    s = cal.add_parser("serve", parents=[common], help="serve /feeds/<token>.ics to calendar apps")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    s.add_argument("--port", default="8787", help="port (default 8787; 0 picks a free one)")
    s.set_defaults(handler=serve)


def export(ctx, args) -> int:
    """duban calendars export"""
    from duban.calendars.export import export_feeds

    if args.site:
        return export_site(ctx, args)
    if args.index or args.base:
        raise UsageError(t("cal_site_only", option="--index" if args.index else "--base"))

    written = export_feeds(ctx.ws, args.out, args.unit, ctx.as_of_override, who=ctx.author())
    if ctx.json:
        emit_json(
            [
                {"feed": feed.code, "path": str(path), "events": feed.events, "bytes": len(feed.body)}
                for path, feed in written
            ]
        )
        return 0
    for path, feed in written:
        print(t("cal_export_line", path=path, events=feed.events))
    print(t("cal_export_done", feeds=len(written), out=args.out))
    return 0


def export_site(ctx, args) -> int:
    """duban calendars export --site DIR"""
    from pathlib import Path

    from duban.calendars.export import export_site as write_site

    if args.unit or args.out != DEFAULT_OUT or ctx.as_of_override is not None:
        # A site is what subscribers see: every feed, today, in the feed's language.
        raise UsageError(t("cal_site_alone"))
    files, missing, index = write_site(
        ctx.ws, Path(args.site), args.index and Path(args.index), args.base, ctx.author()
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
            print(t("cal_token_new", feed=code, url=url))
        return 0
    created = {doc["feed"]: doc["created"] for doc in state.token_docs}
    rows = [
        {"feed": code, "name": record.label(code) if code != "all" else "—", "created": created.get(code)}
        for code in feed_codes(record)
    ]
    if ctx.json:
        emit_json(rows)
        return 0
    print(
        table(
            [pick("日历", "feed"), pick("单位", "unit"), pick("订阅地址生成于", "URL created")],
            [[r["feed"], r["name"], r["created"] or t("cal_token_none")] for r in rows],
        )
    )
    print(t("cal_token_hint"))
    return 0


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise UsageError(t("cal_bad_port", value=text))
    return int(text)


def serve(ctx, args) -> int:
    """duban calendars serve"""
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
    except OSError as exc:
        raise DubanError(t("cal_bind_failed", host=args.host, port=port, problem=exc.strerror or exc)) from None
    try:
        loopback = ipaddress.ip_address(args.host).is_loopback
    except ValueError:
        loopback = args.host == "localhost"
    if not loopback:
        print(t("cal_not_loopback", host=args.host))
    print(t("cal_serving", host=args.host, port=server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
