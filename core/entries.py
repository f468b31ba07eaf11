"""One entry written: one audited transaction that loads the record, checks the entry and applies it."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from .errors import DubanError
from .i18n import t
from .record import Record, load_record
from .store import Transaction

if TYPE_CHECKING:
    from .workspace import Workspace

Entry = TypeVar("Entry")
Applied = TypeVar("Applied")


class Correction(NamedTuple):
    """The entry a new one replaces (core.corrections): withdrawn in the same write, with its reason."""

    kind: str  # as `duban withdraw` names it: progress, log …
    entry: int
    reason: str
    #: the field the new entry must share with the wrong one (a correction keeps the task, the duty)
    same: str


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
    correction: Correction | None = None,
) -> tuple[Entry, Applied]:
    """Check `check(record, *args, **kwargs)` and apply it in one transaction; returns the entry and what
    `apply` returned. The transaction is the entry's author's (its `author` argument unless given);
    `load` reads a narrower record from the check's named arguments. With a `correction`, the wrong
    entry is withdrawn first, so the new one is checked against the record without it; an entry that
    names no unit is the wrong one's unit's."""
    given = inspect.signature(check).bind(None, *args, **kwargs).arguments
    if author is None:
        author = given.get("author", "")
    with ws.db.transaction(author or "duban") as tx:
        wrong = None
        if correction is not None:
            from .corrections import withdraw_in

            wrong = withdraw_in(tx, correction.kind, correction.entry, correction.reason)
            if "unit" in given and given["unit"] is None:
                given["unit"] = wrong["unit"]
            first = next(iter(given))  # the record's parameter, bound to None above
            args, kwargs = (), {k: v for k, v in given.items() if k != first}
        record = load(tx, given) if load else load_record(tx, ws.units, texts=texts)
        entry = check(record, *args, **kwargs)
        if correction is not None and wrong is not None and getattr(entry, correction.same) != wrong[correction.same]:
            raise DubanError(t("wd_other_target", id=wrong["id"], target=wrong[correction.same]))
        return entry, apply(tx, record, entry)
