"""Writing feeds to a folder as <code>.ics files, each replaced atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from duban.core.errors import DubanError
from duban.core.i18n import t
from duban.core.store import write_atomic
from duban.core.workspace import Workspace

from .feeds import feed_codes
from .publish import Rendered, check_code, publish, read_state

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")


def feed_filename(code: str) -> str:
    """`<code>.ics`, or a sanitized name with a digest when the code is not a plain file name."""
    if _SAFE_NAME.match(code):
        return f"{code}.ics"
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", code).strip("-")[:40] or "feed"
    return f"{slug}-{hashlib.sha256(code.encode('utf-8')).hexdigest()[:12]}.ics"


def export_feeds(
    ws: Workspace, out: Path, unit: str | None = None, as_of: dt.date | None = None, who: str = "duban"
) -> list[tuple[Path, Rendered]]:
    """Write every feed (or only `unit`'s) into `out`; returns each file with what it holds."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise DubanError(t("cal_out_not_dir", path=out))
    state = read_state(ws, as_of)
    codes = [check_code(state, unit)] if unit else feed_codes(state.inputs.record)
    rendered = publish(ws, state, codes, who)
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for feed in rendered:
            path = out / feed_filename(feed.code)
            write_atomic(path, feed.body)
            written.append((path, feed))
    except OSError as exc:
        raise DubanError(t("cal_write_failed", path=out, problem=exc.strerror or exc)) from None
    return written
