"""From database to feed bytes: one read under the shared lock, then building, stamping, rendering.

Export and the subscription server both come here, so a file and a subscribed URL always agree.
SEQUENCE is decided by one view only, the feed as served: today's date (the database's own, for
a demo) in the feed's language (plan setting `calendar_lang`, Chinese by default). A view asked
for with another `--lang` or `--as-of` is built for display and takes its SEQUENCE from that one,
so it never bumps anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from duban.core import names
from duban.core.dates import day_in_view
from duban.core.errors import DubanError
from duban.core.feedback import Steps, quiet
from duban.core.frozen import frozen
from duban.core.i18n import LANGUAGES, language, speaking, t
from duban.core.record import Record, load_record
from duban.core.uids import make_uid
from duban.core.workspace import Workspace

from . import sequence, tokens
from .event_texts import EventTexts
from .feeds import Feed, FeedInputs, build_feeds, current_flags, feed_codes
from .ical import FeedEvent, Stamped, render

DEFAULT_REFRESH_MINUTES = 60


@frozen
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
    #: the date the feeds are served as of (the view that decides SEQUENCE)
    served_day: dt.date
    #: the language of this view
    lang: str

    @property
    def served_view(self) -> bool:
        """Whether this state is the feed as served, the one view whose changes bump SEQUENCE."""
        return self.inputs.as_of == self.served_day and self.lang == feed_language(self.inputs.record)


def read_state(ws: Workspace, as_of: dt.date | None = None, served: bool = False) -> State:
    """Read everything the feeds need in one snapshot; the lock is released on return.

    The view is the run's language on `as_of`, or with `served` the feed as served: today, in the
    feed's own language."""
    with ws.db.reading() as snap:
        record = load_record(snap, ws.units)
        reports = {doc["id"]: doc for doc in snap.all("progress")}
        stored = {doc["uid"]: doc for doc in snap.all(sequence.TABLE)}
        token_docs = snap.all(tokens.TABLE)
    day = ws.as_of(record, as_of)
    fallback = dt.datetime.combine(record.plan.period_start, dt.time(), tzinfo=plan_zone(record))
    lang = feed_language(record) if served else language()
    with speaking(lang):
        inputs = FeedInputs(record, day, reports, current_flags(ws.registry, record, day))
    # The served day is only compared with: the record keeps the plan in force on `day` (ws.as_of would switch it).
    return State(inputs, stored, token_docs, fallback, day_in_view(record.info, None), lang)


def feed_language(record: Record) -> str:
    """The language feeds are served in (plan setting `calendar_lang`, default Chinese)."""
    lang = record.plan.settings.get("calendar_lang", "zh")
    if lang not in LANGUAGES:
        raise DubanError(t("cal_bad_setting", setting="calendar_lang", value=lang, expected=" / ".join(LANGUAGES)))
    return lang


def plan_zone(record: Record) -> ZoneInfo:
    """The plan's time zone (`timezone` in the plan file), where reminders ring and stamps are read."""
    try:
        return ZoneInfo(record.plan.timezone)
    except (ValueError, ZoneInfoNotFoundError):
        raise DubanError(
            t("cal_bad_setting", setting="timezone", value=record.plan.timezone, expected="Asia/Shanghai")
        ) from None


def check_code(state: State, code: str) -> str:
    """The feed `code` names (all, or a unit by code or name), else an error listing the feeds there are."""
    known = feed_codes(state.inputs.record)
    if code in known:
        return code
    units = [u for u in state.inputs.record.units.values() if u.code in known]
    unknown = t("cal_unknown_feed", code=code, known=", ".join(known))
    return names.resolve(code, [(known[0], ()), *names.unit_choices(units)], unknown)


def refresh_interval(state: State) -> dt.timedelta:
    """How often subscribers should refresh (plan setting `calendar_refresh_minutes`, default 60)."""
    minutes = state.inputs.record.plan.settings.get("calendar_refresh_minutes", DEFAULT_REFRESH_MINUTES)
    if not isinstance(minutes, int) or not 5 <= minutes <= 10080:
        raise DubanError(
            t(
                "cal_bad_setting",
                setting="calendar_refresh_minutes",
                value=minutes,
                expected=t("cal_whole_minutes_from"),
            )
        )
    return dt.timedelta(minutes=minutes)


def served_feeds(ws: Workspace, state: State, codes: list[str]) -> list[Feed]:
    """The feeds `codes` as served: today, in the feed's language."""
    record = state.inputs.record
    with speaking(feed_language(record)):
        day = state.served_day
        inputs = FeedInputs(record, day, state.inputs.reports, current_flags(ws.registry, record, day))
        return build_feeds(inputs, codes)


def _events(feeds: list[Feed]) -> list[FeedEvent]:
    return list({e.uid: e for feed in feeds for e in feed.events}.values())


def stamped_feeds(
    ws: Workspace, state: State, codes: list[str], who: str, steps: Steps = quiet
) -> list[tuple[Feed, list[Stamped]]]:
    """The feeds `codes` with each event's SEQUENCE; events whose served content changed are bumped first."""
    return [(feed, items) for feed, items, _listed in _stamp(ws, state, codes, who, steps)]


def _stamp(
    ws: Workspace, state: State, codes: list[str], who: str, steps: Steps = quiet
) -> list[tuple[Feed, list[Stamped], dt.datetime]]:
    """Each feed `codes` with its stamped events and the time its set of events last changed."""
    with speaking(state.lang):
        feeds = build_feeds(state.inputs, codes)
    steps("fb_feeds", len(feeds), len(codes))
    served = feeds if state.served_view else served_feeds(ws, state, codes)
    plan = state.inputs.record.plan
    members = [membership(plan.id, feed) for feed in served]
    if not state.served_view:  # another view starts no bookkeeping of its own, as for events
        members = [m for m in members if m.uid in state.stored]
    stamped = sequence.stamp(ws.db, state.stored, [*_events(served), *members], state.fallback, who)
    result = []
    for feed in feeds:
        items = [sequence.shown(e, stamped, state.stored, state.fallback) for e in feed.events]
        listed = stamped.get(make_uid(plan.id, "feed", feed.code))
        result.append((feed, items, listed.changed if listed else state.fallback))
    return result


def publish(ws: Workspace, state: State, codes: list[str], who: str, steps: Steps = quiet) -> list[Rendered]:
    """The feeds `codes` rendered, in the order asked (`steps` told of each feed built)."""
    return list(publish_each(ws, state, codes, who, steps))


def publish_each(
    ws: Workspace, state: State, codes: list[str], who: str, steps: Steps = quiet, keep_texts: bool = False
) -> Iterator[Rendered]:
    """As `publish`, but each feed is rendered only when the iterator reaches it, so a caller that
    writes each away holds one feed's text at a time. Building and stamping are done on return.

    Event texts come from the cache file beside the database where an earlier export left them; with
    `keep_texts` (an export of every feed) this run's are left there once the last feed is rendered
    (calendars.event_texts)."""
    plan = state.inputs.record.plan
    zone = plan_zone(state.inputs.record)
    refresh = refresh_interval(state)
    description = f"{plan.doc_number} {plan.title}"
    stamped = _stamp(ws, state, codes, who, steps)

    def rendered() -> Iterator[Rendered]:
        with EventTexts(zone, [items for _feed, items, _listed in stamped], ws.db, keep_texts) as texts:
            for feed, items, listed in stamped:
                body = render(feed.name, items, refresh, description, zone, texts)
                yield Rendered(feed.code, feed.name, len(items), body, max((listed, *(i.changed for i in items))))
            texts.save()

    return rendered()


def membership(plan_id: str, feed: Feed) -> FeedEvent:
    """Which events a feed holds, stamped like an event but never rendered: an event that leaves a feed
    (a withdrawn flag) has no change time of its own left there, yet the feed must read as modified,
    or a client asking If-Modified-Since would keep the withdrawn event."""
    uids = "\n".join(sorted(e.uid for e in feed.events))
    return FeedEvent(make_uid(plan_id, "feed", feed.code), "", uids, dt.date.min, dt.date.min)
