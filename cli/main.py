"""Entry point of the `duban` command."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from duban.core.dates import RelativeDay, read_date, today
from duban.core.errors import DubanError, UsageError
from duban.core.i18n import set_language, t

#: Modules that each add a group of subcommands (`register(subparsers, common)`).
COMMAND_MODULES = (
    "duban.cli.setup_cmds",
    "duban.cli.read_cmds",
    "duban.cli.write_cmds",
    "duban.cli.db_cmds",
    "duban.cli.unit_cmds",
    "duban.cli.report_cmds",
    "duban.cli.calendar_cmds",
)


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str):
        raise UsageError(f"{self.prog}: {message}")


def date_arg(text: str):
    """argparse type for a date option: 2020-10-9, 2020/10/9, 2020年10月9日, 今天, 昨天 …"""
    return read_date(text, usage=True)


def _settle_days(ctx) -> None:
    """Turn 今天/昨天 into dates: --as-of and --start count from today, the others from the day in view."""
    args = ctx.args
    for name in ("as_of", "start"):
        if isinstance(getattr(args, name, None), RelativeDay):
            setattr(args, name, getattr(args, name).of(today()))
    ctx.as_of_override = getattr(args, "as_of", None)
    for name, value in vars(args).items():
        if isinstance(value, RelativeDay):
            setattr(args, name, value.of(ctx.ws.as_of_date(ctx.as_of_override)))


def positive_int(text: str) -> int:
    """argparse type for a count."""
    if not (text.isascii() and text.isdigit() and len(text) <= 9) or int(text) < 1:
        raise UsageError(t("bad_limit", place="", value=text))
    return int(text)


def build_parser() -> Parser:
    """The whole command line: global options work before or after the subcommand."""
    common = Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="database folder (or $DUBAN_DB)")
    common.add_argument(
        "--as-of",
        metavar="DATE",
        type=date_arg,
        default=argparse.SUPPRESS,
        help="look at the campaign on this date (YYYY-MM-DD)",
    )
    common.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help="language of messages")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    parser = Parser(
        prog="duban",
        parents=[common],
        description="督办 duban — supervise a county's special action: tasks, deadlines, duties, flags.",
    )
    # Only `handler` here: set_defaults would also rewrite the shared global options' defaults.
    parser.set_defaults(handler=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def _check_utf8(argv: list[str]) -> None:
    """Refuse arguments holding bytes that are not UTF-8 (they arrive as lone surrogates)."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(t("text_not_utf8", place=shown)) from None


def main(argv: list[str] | None = None) -> int:
    """Run duban; returns the exit status (0 ok, 1 domain error, 2 usage error)."""
    argv = sys.argv[1:] if argv is None else argv
    lang = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"), None)
    if lang in ("zh", "en"):
        set_language(lang)  # so that even parse errors speak the chosen language
    try:
        _check_utf8(argv)
        args = build_parser().parse_args(argv)
        if getattr(args, "lang", None):
            set_language(args.lang)
        from .context import Context

        ctx = Context(args)
        _settle_days(ctx)
        handler = args.handler
        if handler is None:
            from .read_cmds import dashboard

            handler = dashboard
        return handler(ctx, args) or 0
    except DubanError as exc:
        from .output import clean

        # Messages quote what the user typed: one line, and no terminal escapes smuggled in with it.
        print(f"duban: {clean(exc)}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (duban tasks | head); exit quietly like other Unix tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # after BrokenPipeError, which is one
        # Last resort for a file system refusing something no check foresaw: still one line, no traceback.
        from .output import clean

        where = f" ({exc.filename})" if exc.filename else ""
        print(f"duban: {clean(exc.strerror or exc)}{clean(where)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
