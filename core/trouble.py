"""Where the pressure is: units ranked by trouble with the reason in a few words, yesterday's missing
duty logs and units gone quiet — the secretariat's morning page."""

from __future__ import annotations

import datetime as dt

from .frozen import frozen
from .i18n import t
from .overview import Overview
from .record import Record
from .status import parts_by_unit


@frozen
class Trouble:
    """One unit's trouble on a day, from its own record: what is late, what is behind, what the committee
    has on it."""

    unit: str
    overdue: int
    longest: int
    missed: int
    expected: int
    pending: int
    confirmed: int
    worst: str | None  # the most severe level the committee has confirmed among its open flags
    cause: str = ""  # the first fact behind that flag, for a unit with nothing late or missed

    @property
    def score(self) -> float:
        """Bigger is worse: a confirmed flag weighs most, then overdue work, then duties, then suggestions."""
        behind = self.missed / self.expected if self.expected else 0.0
        return 4 * self.confirmed + 3 * self.overdue + 10 * behind + 2 * self.pending

    def why(self) -> str:
        """The reasons in a few words (逾期2项·最长45天 · 职责缺67次)."""
        parts = []
        if self.overdue:
            parts.append(t("tr_overdue", n=self.overdue, days=self.longest))
        if self.missed:
            parts.append(t("tr_missed", n=self.missed))
        return t("tr_sep").join(parts) or self.cause or t("tr_fine")

    def committee(self) -> str:
        """What the committee has on the unit: decided flags, or suggestions awaiting its decision."""
        parts = []
        if self.confirmed:
            parts.append(t("tr_confirmed", n=self.confirmed))
        if self.pending:
            parts.append(t("tr_pending", n=self.pending))
        return t("tr_committee_sep").join(parts) or "—"


def ranked(record: Record, ov: Overview, flags) -> list[Trouble]:
    """Every owning unit with its trouble, the most troubled first (ties in the plan's order)."""
    from .flags import LEVELS

    found = []
    parts = parts_by_unit(ov.tasks)
    open_flags: dict[str, list] = {}
    for f in flags:
        # A commendation is no trouble: only supervision and accountability weigh. A suggestion is only
        # pending (待认定): it never shows as a level, which is the committee's to decide.
        if f.state == "open" and f.level != "commendation":
            open_flags.setdefault(f.unit, []).append(f)
    for rollup in ov.units:
        code = rollup.key
        # Its own parts only: a co-responsible unit's late step is not this unit's trouble.
        late = [d for part in parts.get(code, ()) for d in part.deadlines if d.done_on is None and d.days_overdue > 0]
        mine = open_flags.get(code, [])
        mine = [f for f in mine if f.decision != "dismissed"]
        decided = [f for f in mine if f.confirmed]
        worst = max(decided, key=lambda f: LEVELS.index(f.level), default=None)
        first = worst or max(mine, key=lambda f: LEVELS.index(f.level), default=None)
        found.append(
            Trouble(
                unit=code,
                overdue=len(late),
                longest=max((d.days_overdue for d in late), default=0),
                missed=max(0, rollup.duty_expected - rollup.duty_logged),
                expected=rollup.duty_expected,
                pending=sum(1 for f in mine if not f.decision),
                confirmed=len(decided),
                worst=worst.level if worst else None,
                cause=first.evidence[0].text if first and first.evidence else "",
            )
        )
    order = {u.code: i for i, u in enumerate(record.owners())}
    return sorted(found, key=lambda x: (-x.score, order.get(x.unit, 0)))


def missing_yesterday(record: Record, as_of: dt.date) -> list[tuple[str, str]]:
    """(duty, unit) of daily duties due the day before `as_of` with no log for that day."""
    day = as_of - dt.timedelta(days=1)
    return [
        (duty.id, unit)
        for duty in record.plan.duties
        if duty.freq == "daily" and duty.start <= day <= duty.end
        for unit in record.duty_units(duty)
        if day not in record.duty_dates_for(duty, unit)  # a joint "any" day is kept by either performer
    ]


def silent_units(record: Record, as_of: dt.date, days: int | None = None) -> list[tuple[str, int | None]]:
    """(unit, days since its last entry, None if it never made one) of owners with nothing entered for
    `days` days (plan setting `quiet_days`), the longest silent first."""
    days = record.plan.days_setting("quiet_days") if days is None else days
    last = record.last_entries(as_of)
    quiet = []
    for unit in record.owners():
        since = (as_of - last[unit.code]).days if unit.code in last else None
        if since is None or since >= days:
            quiet.append((unit.code, since))
    return sorted(quiet, key=lambda q: -(q[1] if q[1] is not None else 10**6))
