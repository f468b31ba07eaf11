"""From database to feed bytes: one read under the shared lock, then building, stamping, rendering.

Export and the subscription server both come here, so a file and a subscribed URL always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duban.core.errors import DubanError
from duban.core.i18n import pick, t
from duban.core.record import load_record
from duban.core.workspace import Workspace

from . import sequence, tokens
from .feeds import Feed, FeedInputs, build_feed, current_flags, feed_codes
from .ical import FeedEvent, make_uid, render

DEFAULT_REFRESH_MINUTES = 60


@dataclass(frozen=True)
class Rendered:
    """One feed ready to publish."""

    code: str
    name: str
    events: int
    body: bytes
    modified: dt.datetime  # the newest change time of its events (HTTP Last-Modified)


@dataclass
class State:
    """What one read of the database gives the feeds."""

    inputs: FeedInputs
    stored: dict[str, dict]
    token_docs: list[dict]
    #: the change time of events never stamped before, if the record holds no change at all
    fallback: dt.datetime


def read_state(ws: Workspace, as_of: dt.date | None = None) -> State:
    """Read everything the feeds need in one snapshot; the lock is released on return."""
    with ws.db.reading() as snap:
        record = load_record(snap, ws.plugin_units)
        reports = {doc["id"]: doc for doc in snap.all("progress")}
        stored = {doc["uid"]: doc for doc in snap.all(sequence.TABLE)}
        token_docs = snap.all(tokens.TABLE)
    day = ws.as_of(record, as_of)
    fallback = dt.datetime.combine(record.plan.period_start, dt.time())
    inputs = FeedInputs(record, day, reports, current_flags(ws.pm, record, day))
    return State(inputs, stored, token_docs, fallback)


def check_code(state: State, code: str) -> str:
    """`code` if it names a feed, else an error listing the feeds there are."""
    known = feed_codes(state.inputs.record)
    if code not in known:
        raise DubanError(t("cal_unknown_feed", code=code, known=", ".join(known)))
    return code


def refresh_interval(state: State) -> dt.timedelta:
    """How often subscribers should refresh (plan setting `calendar_refresh_minutes`, default 60)."""
    minutes = state.inputs.record.plan.settings.get("calendar_refresh_minutes", DEFAULT_REFRESH_MINUTES)
    if not isinstance(minutes, int) or not 5 <= minutes <= 10080:
        raise DubanError(
            t(
                "cal_bad_setting",
                setting="calendar_refresh_minutes",
                value=minutes,
                expected=pick("5 到 10080 的整数（分钟）", "whole minutes from 5 to 10080"),
            )
        )
    return dt.timedelta(minutes=minutes)


def publish(ws: Workspace, state: State, codes: list[str], who: str) -> list[Rendered]:
    """The feeds `codes` rendered; new or changed events get a higher SEQUENCE first."""
    feeds: list[Feed] = [build_feed(state.inputs, code) for code in codes]
    events = {e.uid: e for feed in feeds for e in feed.events}
    plan = state.inputs.record.plan
    members = {feed.code: membership(plan.id, feed) for feed in feeds}
    stamped = sequence.stamp(ws.db, state.stored, [*events.values(), *members.values()], state.fallback, who)
    result = []
    for feed in feeds:
        items = [stamped[e.uid] for e in feed.events]
        body = render(feed.name, items, refresh_interval(state), f"{plan.doc_number} {plan.title}")
        modified = max((i.changed for i in (*items, stamped[members[feed.code].uid])), default=state.fallback)
        result.append(Rendered(feed.code, feed.name, len(items), body, modified))
    return result


def membership(plan_id: str, feed: Feed) -> FeedEvent:
    """Which events a feed holds, stamped like an event but never rendered: an event that leaves a feed
    (a withdrawn flag) has no change time of its own left there, yet the feed must read as modified,
    or a client asking If-Modified-Since would keep the withdrawn event."""
    uids = "\n".join(sorted(e.uid for e in feed.events))
    return FeedEvent(make_uid(plan_id, "feed", feed.code), "", uids, dt.date.min, dt.date.min)
