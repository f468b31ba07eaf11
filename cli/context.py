"""What every command handler gets: the parsed options, the database and the as-of date."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
from typing import TYPE_CHECKING

from duban.core.dates import entry_day
from duban.core.people import acting_person
from duban.core.store import Database, default_path

if TYPE_CHECKING:
    from duban.core.workspace import Workspace


class Context:
    """The options of one invocation and lazily opened resources."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.json: bool = getattr(args, "json", False)
        self.as_of_override: dt.date | None = getattr(args, "as_of", None)
        #: whether the command ends soon after it reads (cli.output.long_lived marks those that do not)
        self.short_lived = True
        #: whether the process ends with the command (the `duban` command, not a program calling main):
        #: work a command leaves for later may then go to a process of its own (cli.folding)
        self.process_ends = False

    @functools.cached_property
    def db(self) -> Database:
        """The database named by --db, $DUBAN_DB, or the default folder."""
        return Database(getattr(self.args, "db", None) or default_path())

    @functools.cached_property
    def ws(self) -> Workspace:
        """The database with its plugins (the plan model is imported only by commands that read it)."""
        from duban.core.workspace import Workspace

        return Workspace(self.db, short_lived=self.short_lived)

    def entry_date(self) -> dt.date:
        """The date an entry is recorded on: --date, else the day in view (a demo's own date), never after today."""
        return getattr(self.args, "date", None) or entry_day(self.ws.as_of_date(self.as_of_override))

    def author(self) -> str:
        """Who is acting: --by, else the login name."""
        return acting_person(getattr(self.args, "by", None))

    def writer(self) -> dict:
        """What every entry a command writes carries: its author, and the day in view (--as-of), after
        which nothing may be dated."""
        return {"author": self.author(), "in_view": self.as_of_override}

    def entry(self) -> dict:
        """An entry made now: `writer()` and the day it is recorded on (`entry_date()`)."""
        return {"day": self.entry_date(), **self.writer()}
