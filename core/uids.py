"""The identity of a calendar event: its UID, stable for as long as the thing it shows exists.

It lives in core because the record refers to it too: a plan amendment counts the feed events a
change touches (core.amend), and an amended deadline must keep the UID phones already hold.
"""

from __future__ import annotations

import hashlib
import re

_UID_SAFE = re.compile(r"[^A-Za-z0-9.\-]+")


def make_uid(*parts: str, domain: str = "duban") -> str:
    """A stable UID from `parts`: a readable slug plus a digest of the exact parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]
    slug = _UID_SAFE.sub("-", "-".join(parts)).strip("-")[:60]
    return f"{slug}-{digest}@{domain}"


def deadline_uids(plan_id: str, task_id: str, index: int, units) -> set[str]:
    """The UIDs a task's deadline has in the feeds: the whole task's event and each unit's part."""
    return {make_uid(plan_id, "task", task_id, str(index), *part) for part in [(), *((u,) for u in units)]}
