"""One entry written: one audited transaction that loads the record, checks the entry and applies it."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .record import Record, load_record
from .store import Transaction

if TYPE_CHECKING:
    from .workspace import Workspace

Entry = TypeVar("Entry")
Applied = TypeVar("Applied")


def write_entry(
    ws: Workspace,
    check: Callable[..., Entry],
    apply: Callable[[Transaction, Record, Entry], Applied],
    args: tuple,
    kwargs: dict,
    *,
    author: str | None = None,
    load: Callable[[Transaction, Mapping[str, Any]], Record] | None = None,
    texts: bool = True,
) -> tuple[Entry, Applied]:
    """Check `check(record, *args, **kwargs)` and apply it in one transaction; returns the entry and what
    `apply` returned. The transaction is the entry's author's (its `author` argument unless given);
    `load` reads a narrower record from the check's named arguments."""
    given = inspect.signature(check).bind(None, *args, **kwargs).arguments
    if author is None:
        author = given.get("author", "")
    with ws.db.transaction(author or "duban") as tx:
        record = load(tx, given) if load else load_record(tx, ws.units, texts=texts)
        entry = check(record, *args, **kwargs)
        return entry, apply(tx, record, entry)
