"""Who is acting: the one rule for the name every write records."""

from __future__ import annotations

import os


def acting_person(explicit: str | None = None) -> str:
    """The person recording: `--by` (or the dashboard's), else DUBAN_USER, else the login name."""
    name = explicit or os.environ.get("DUBAN_USER") or os.environ.get("USER") or "duban"
    # A login name in another encoding must not stop the record: keep what is readable of it.
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
