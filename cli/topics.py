"""`duban help [TOPIC]`: the concepts behind the commands, in the chosen language."""

from __future__ import annotations

from duban.core.i18n import t

from .parser import command

#: Topic name -> catalogue key of its text (one line of summary, then the explanation).
TOPICS = {
    "parts": "topic_parts",
    "duties": "topic_duties",
    "flags": "topic_flags",
    "readings": "topic_readings",
    "as-of": "topic_as_of",
    "corrections": "topic_corrections",
}


def register(sub, common) -> None:
    """Add `help`."""
    p = command(sub, "help", show_help, parents=[common], help=t("h_help_topics"))
    p.add_argument("topic", metavar=t("mv_topic"), nargs="?", help=t("h_help_topic", topics=", ".join(TOPICS)))


def show_help(ctx, args) -> int:
    """duban help [TOPIC | COMMAND]"""
    from duban.core.errors import UsageError

    from .main import build_parser
    from .parser import subcommands

    if args.topic is None:
        print(t("topic_list_heading"))
        width = max(map(len, TOPICS)) + 2
        for name, key in TOPICS.items():
            print(f"  {name:<{width}}{t(key).splitlines()[0]}")
        print(t("topic_list_footer"))
        return 0
    if args.topic in TOPICS:
        print(t(TOPICS[args.topic]))
        return 0
    commands = subcommands(build_parser())
    if args.topic in commands:
        print(commands[args.topic].format_help(), end="")
        return 0
    raise UsageError(t("topic_unknown", topic=args.topic, topics=", ".join(TOPICS)))
