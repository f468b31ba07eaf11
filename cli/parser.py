"""argparse speaking duban's language: its own words, its errors and its help in Chinese or English."""

from __future__ import annotations

import argparse
import contextlib
import functools
import re

from duban.core.errors import UsageError
from duban.core.foreign import foreign_word

from .output import width

#: argparse's own words (its gettext message ids) and the catalogue keys that translate them.
ARGPARSE_WORDS = {
    "usage: ": "ap_usage",
    "positional arguments": "ap_positionals",
    "options": "ap_options",
    "show this help message and exit": "ap_help",
    "argument %(argument_name)s: %(message)s": "ap_argument",
    "unrecognized arguments: %s": "ap_unrecognized",
    "not allowed with argument %s": "ap_not_allowed_with",
    "ignored explicit argument %r": "ap_ignored_explicit",
    "the following arguments are required: %s": "ap_required",
    "one of the arguments %s is required": "ap_one_required",
    "expected one argument": "ap_expected_one",
    "expected at most one argument": "ap_expected_at_most_one",
    "expected at least one argument": "ap_expected_at_least_one",
    "expected %s argument": "ap_expected_n",
    "expected %s arguments": "ap_expected_n",
    "ambiguous option: %(option)s could match %(matches)s": "ap_ambiguous",
    "unexpected option string: %s": "ap_unexpected_option",
    "invalid %(type)s value: %(value)r": "ap_invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "ap_invalid_choice",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "ap_invalid_choice_parser",
    "can't open '%(filename)s': %(error)s": "ap_cannot_open",
}


def _ngettext(singular: str, plural: str, n: int) -> str:
    return foreign_word(ARGPARSE_WORDS, singular if n == 1 else plural)


def command(sub, name: str, handler, **options):
    """The subcommand `name` (argparse's `add_parser` options), run by `handler`: a command and the
    function that carries it out are named together."""
    parser = sub.add_parser(name, **options)
    parser.set_defaults(handler=handler)
    return parser


@contextlib.contextmanager
def argparse_words():
    """While inside, argparse's own words come from the catalogue (argparse looks them up by gettext)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = functools.partial(foreign_word, ARGPARSE_WORDS), _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


# Runs of ASCII that must not be split (options, paths, numbers), single spaces, or one other character.
_TOKEN = re.compile(r"[!-~]+|\s+|.")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help laid out by display width, so columns line up and lines fit with Chinese text."""

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            shown = [self._format_action_invocation(a) for a in (action, *self._iter_indented_subactions(action))]
            self._action_max_length = max(self._action_max_length, max(map(width, shown)) + self._current_indent)

    def _format_action(self, action):
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        extra = width(header) - len(header)
        start = self._current_indent + len(header)
        first, _, rest = text.partition("\n")
        if extra and action.help and first.strip() != header and first[start : start + extra + 2].isspace():
            # argparse padded by characters; a wide character takes two columns
            first = first[:start] + first[start + extra :]
        return f"{first}\n{rest}"

    def _format_usage(self, usage, actions, groups, prefix):
        text = super()._format_usage(usage, actions, groups, prefix)
        shown = foreign_word(ARGPARSE_WORDS, "usage: ") if prefix is None else prefix
        # continuation lines are indented by the prefix's characters, not its columns
        return text.replace("\n ", "\n" + " " * (width(shown) - len(shown)) + " ")

    def _split_lines(self, text, width_):
        if text.isascii():
            return super()._split_lines(text, width_)
        lines, line, used = [], "", 0  # `used`: the columns `line` takes, counted as it grows
        for token in _TOKEN.findall(self._whitespace_matcher.sub(" ", text).strip()):
            columns = width(token)
            if line and used + columns > width_ and not token.isspace():
                lines.append(line.rstrip())
                line, used = "", 0
            if line or not token.isspace():
                line += token
                used += columns
        return [*lines, line.rstrip()] if line else lines

    def _fill_text(self, text, width_, indent):
        return "\n".join(indent + line for line in self._split_lines(text, width_ - len(indent)))


class VersionAction(argparse.Action):
    """--version: the installed version, read only when asked (reading package metadata costs time)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import version

        print(f"duban {version('duban')}")
        parser.exit()


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line, in our words."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        with argparse_words():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):
        with argparse_words():
            return super().parse_known_args(args, namespace)

    def parse_args(self, args=None, namespace=None):
        with argparse_words():
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with argparse_words():
            return super().format_usage()

    def format_help(self) -> str:
        with argparse_words():
            return super().format_help()

    def error(self, message: str):
        # main() prints the one `duban:` prefix; a subcommand says which one it is.
        command = self.prog.removeprefix("duban").strip()
        raise UsageError(f"{command}: {message}" if command else message)


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands a parser offers, by name (`db` → check, backups, …)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}
