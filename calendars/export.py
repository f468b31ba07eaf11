"""Writing feeds to a folder: as <code>.ics files, or as a site any web server can serve.

A site holds one file per feed under a name derived from the feed's token, so only the liaison
given the URL can find it; the list of which file is whose goes to the secretariat, outside the
site. Each file is replaced atomically and only when its bytes change, so a web server's ETag
and Last-Modified stay put while nothing changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

from duban.core.errors import DubanError
from duban.core.feedback import Steps, quiet
from duban.core.frozen import frozen
from duban.core.i18n import t
from duban.core.store import write_atomic
from duban.core.workspace import Workspace

from .feeds import feed_codes
from .publish import Rendered, check_code, publish_each, read_state
from .tokens import site_name

SITE_FILE = re.compile(r"^[0-9a-f]{32}\.ics$")  # what export_site writes, and so may remove

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")


def feed_filename(code: str) -> str:
    """`<code>.ics`, or a sanitized name with a digest when the code is not a plain file name."""
    if _SAFE_NAME.match(code):
        return f"{code}.ics"
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", code).strip("-")[:40] or "feed"
    return f"{slug}-{hashlib.sha256(code.encode('utf-8')).hexdigest()[:12]}.ics"


@frozen
class Exported:
    """A feed written to a file: what it is and how much it holds (its text is in the file, not kept)."""

    code: str
    name: str
    events: int
    size: int  # bytes

    @classmethod
    def of(cls, feed: Rendered) -> Exported:
        return cls(feed.code, feed.name, feed.events, len(feed.body))


def export_feeds(
    ws: Workspace,
    out: Path,
    unit: str | None = None,
    as_of: dt.date | None = None,
    who: str = "duban",
    steps: Steps = quiet,
) -> list[tuple[Path, Exported]]:
    """Write every feed (or only `unit`'s) into `out`, each as soon as it is rendered; returns each
    file with what it holds."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise DubanError(t("cal_out_not_dir", path=out))
    state = read_state(ws, as_of)
    codes = [check_code(state, unit)] if unit else feed_codes(state.inputs.record)
    rendered = publish_each(ws, state, codes, who, steps, keep_texts=not unit)
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for feed in rendered:
            path = out / feed_filename(feed.code)
            write_atomic(path, feed.body)
            written.append((path, Exported.of(feed)))
    except OSError as exc:
        raise DubanError(t("cal_write_failed", path=out, problem=exc.strerror or exc)) from None
    return written


@frozen
class SiteFile:
    """One feed on the site: where it is and whether this export rewrote it."""

    path: Path
    feed: Exported
    written: bool


def site_index_path(site: Path) -> Path:
    """Where the secretariat's index of a site goes: beside the folder, never inside it."""
    return site.parent / f"{site.name}.index.json"


def _write_if_changed(path: Path, body: bytes) -> bool:
    try:
        if path.read_bytes() == body:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, body)
    return True


def export_site(
    ws: Workspace, site: Path, index: Path | None = None, base: str = "", who: str = "duban", steps: Steps = quiet
) -> tuple[list[SiteFile], list[str], Path]:
    """Write each feed that has a token into `site`, as served; returns the files, the feeds with no
    token yet, and the index written for the secretariat."""
    site = Path(site).absolute()
    index = Path(index).absolute() if index else site_index_path(site)
    if site.exists() and not site.is_dir():
        raise DubanError(t("cal_out_not_dir", path=site))
    if index.is_relative_to(site):
        raise DubanError(t("cal_index_inside_site", index=index, site=site))
    state = read_state(ws, served=True)
    names = {doc["feed"]: site_name(doc) for doc in state.token_docs}
    codes = [code for code in feed_codes(state.inputs.record) if code in names]
    missing = [code for code in feed_codes(state.inputs.record) if code not in names]
    files: list[SiteFile] = []
    try:
        site.mkdir(parents=True, exist_ok=True)
        for feed in publish_each(ws, state, codes, who, steps, keep_texts=not missing):
            path = site / names[feed.code]
            files.append(SiteFile(path, Exported.of(feed), _write_if_changed(path, feed.body)))
        # A rotated token's old file must stop answering, as the old URL does on the server.
        current = {f.path.name for f in files}
        for old in site.iterdir():
            if SITE_FILE.match(old.name) and old.name not in current:
                old.unlink()
        listing = [
            {
                "feed": f.feed.code,
                "name": f.feed.name,
                "file": f.path.name,
                "url": f"{base.rstrip('/')}/{f.path.name}" if base else None,
                "events": f.feed.events,
            }
            for f in files
        ]
        _write_if_changed(index, json.dumps(listing, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
    except OSError as exc:
        raise DubanError(t("cal_write_failed", path=exc.filename or site, problem=exc.strerror or exc)) from None
    return files, missing, index
