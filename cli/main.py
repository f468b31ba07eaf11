"""Entry point of the `duban` command."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys

from duban.core.errors import DubanError, UsageError
from duban.core.i18n import LANGUAGES, set_language, t

from .parser import Parser, VersionAction

#: Modules that each add a group of subcommands (`register(subparsers, common)`).
COMMAND_MODULES = (
    "duban.cli.setup_cmds",
    "duban.cli.read_cmds",
    "duban.cli.write_cmds",
    "duban.cli.record_cmds",
    "duban.cli.event_cmds",
    "duban.cli.db_cmds",
    "duban.cli.plan_cmds",
    "duban.cli.unit_cmds",
    "duban.cli.report_cmds",
    "duban.cli.calendar_cmds",
    "duban.cli.digest_cmds",
    "duban.cli.completion",
    "duban.cli.topics",
)


def date_arg(text: str):
    """argparse type for a date option: 2020-10-9, 2020/10/9, 2020年10月9日, 今天, 昨天 … (argparse puts
    the option's name in front of the problem)."""
    from duban.core.dates import read_date  # not at the top: `duban --help` needs no dates

    try:
        return read_date(text, usage=True)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _settle_days(ctx) -> None:
    """Turn 今天/昨天 into dates: --as-of and --start count from today, the others from the day in view."""
    from duban.core.dates import RelativeDay, today

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
        raise argparse.ArgumentTypeError(t("bad_limit", value=text))
    return int(text)


class _Unbuilt(Exception):
    """The command being parsed is one build_parser() left unbuilt (its name was not guessed)."""


class _Skipped:
    """A subcommand this run does not use: it takes every call and builds nothing."""

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        return self._any

    def _any(self, *args, **kwargs):
        return self

    def parse_known_args(self, *args, **kwargs):
        raise _Unbuilt


class _OnlyOne:
    """The top-level subcommands, of which only `wanted` is built: the others keep their name and their
    help line (all `duban --help` shows) but no parser, so a command does not pay for forty others."""

    def __init__(self, sub, wanted: str | None):
        self.sub, self.wanted = sub, wanted

    def add_parser(self, name, **kwargs):
        if name == self.wanted:
            return self.sub.add_parser(name, **kwargs)
        kwargs.pop("parents", None)
        real, self.sub._parser_class = self.sub._parser_class, _Skipped
        try:
            return self.sub.add_parser(name, **kwargs)
        finally:
            self.sub._parser_class = real

    def __getattr__(self, name):
        return getattr(self.sub, name)


#: Global options that take a value: the word after them is not the command's name.
_VALUED = ("--db", "--as-of", "--lang")


def _command_word(argv: list[str]) -> str | None:
    """The word in `argv` that names the subcommand, as far as it can be told before parsing (a wrong
    guess only costs a second, full build: see parse)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def parse(argv: list[str]) -> argparse.Namespace:
    """`argv` parsed, building only the parser of the command it names."""
    try:
        return build_parser(_command_word(argv)).parse_args(argv)
    except _Unbuilt:
        return build_parser().parse_args(argv)


_ALL = object()


def build_parser(wanted=_ALL) -> Parser:
    """The whole command line: global options work before or after the subcommand. Given the name of
    one subcommand (or None), only that one is built; the others are only listed."""
    common = Parser(add_help=False)
    common.add_argument("--db", metavar=t("mv_path"), default=argparse.SUPPRESS, help=t("h_database_folder_duban_db"))
    common.add_argument(
        "--as-of",
        metavar=t("mv_date"),
        type=date_arg,
        default=argparse.SUPPRESS,
        help=t("h_look_campaign_this_date_yyyy_mm"),
    )
    common.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help=t("h_language_messages"))
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=t("h_machine_readable_output"))
    parser = Parser(
        prog="duban",
        parents=[common],
        description=t("h_duban_supervise_county_s_special_action"),
    )
    parser.add_argument("--version", action=VersionAction, help=t("h_version"))
    # Only `handler` here: set_defaults would also rewrite the shared global options' defaults.
    parser.set_defaults(handler=None)
    sub = parser.add_subparsers(dest="command", metavar=t("mv_command"))
    subs = sub if wanted is _ALL else _OnlyOne(sub, wanted)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subs, common)
    return parser


def _check_utf8(argv: list[str]) -> None:
    """Refuse arguments holding bytes that are not UTF-8 (they arrive as lone surrogates), and an option
    whose value is "--" (argparse would drop it and use the default: --date=-- must not mean today)."""
    for arg in argv:
        option, equals, value = arg.partition("=")
        if option.startswith("--") and equals and value == "--":
            raise UsageError(t("bad_option_value", option=option, value=value))
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(t("text_not_utf8", place=shown)) from None


def _language_asked(argv: list[str]) -> str | None:
    """The language --lang chooses (its last mention wins, as in argparse), read before parsing."""
    chosen = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and value in LANGUAGES:
            chosen = value
    return chosen


def run() -> None:
    """The `duban` command: runs duban and ends the process with its exit status.

    The record a command froze stays frozen: the process ends with the command, and unfrozen, the
    interpreter's last collection at exit would walk all of it (a tenth of `tasks` at 100,000 tasks).
    """
    sys.exit(main(process_ends=True))


def main(argv: list[str] | None = None, *, process_ends: bool = False) -> int:
    """Run duban; returns the exit status (0 ok, 1 domain error, 2 usage error).

    `process_ends`: the process ends with the command (see `run`): what a command froze stays frozen,
    and a fold a write left due runs in a process of its own (cli.folding). Otherwise what a command
    froze is collectable again when it returns, and the fold runs before it does.
    """
    argv = sys.argv[1:] if argv is None else argv
    thresholds = gc.get_threshold()
    # The cyclic collector would pass over the record's objects again and again while a command
    # loads them (status at 10,000 tasks: a quarter of its CPU time). Turned off, it let the feeds'
    # garbage grow a third; a young generation of 50,000 objects keeps most of the gain (status -20 %
    # CPU) at the memory of the default (measured on the record of benchmarks/stress.py).
    gc.set_threshold(50_000, 20, 100)
    try:
        return _run(argv, process_ends)
    finally:
        gc.set_threshold(*thresholds)
        if not process_ends:
            gc.unfreeze()  # what a command's workspace froze (core.workspace) is collectable again


def _run(argv: list[str], process_ends: bool) -> int:
    lang = _language_asked(argv)
    if lang:
        set_language(lang)  # so that even help and parse errors speak the chosen language
    try:
        _check_utf8(argv)
        args = parse(argv)
        from .context import Context

        ctx = Context(args)
        ctx.process_ends = process_ends
        handler = args.handler
        if handler is None:
            from .read_cmds import dashboard

            handler = dashboard
        ctx.short_lived = not getattr(handler, "long_lived", False)
        _settle_days(ctx)
        from .output import run_paged

        return run_paged(handler, ctx, args)
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
    run()
