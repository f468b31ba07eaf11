"""Duty compliance by period arithmetic agrees with walking the duty's periods one by one."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from duban.core.dates import add_months
from duban.core.model import RecurringDuty
from duban.core.status import duty_compliance, periods

START = dt.date(2019, 12, 25)


def spans_of(duty, as_of):
    """The duty's periods ended by `as_of`, stepped out one by one without core.status."""

    def first(k):
        if duty.freq == "monthly":
            return add_months(duty.start, k * duty.interval)
        return duty.start + dt.timedelta(days=k * duty.interval * (1 if duty.freq == "daily" else 7))

    spans, k = [], 0
    while first(k) <= duty.end:
        last = min(first(k + 1) - dt.timedelta(days=1), duty.end)
        if last > as_of:
            break
        spans.append((first(k), last))
        k += 1
    return spans


def walk(duty, dates, as_of):
    """The obvious computation: each ended period counts if a logged date falls inside it."""
    spans = spans_of(duty, as_of)
    hit = [any(first <= d <= last and d <= as_of for d in dates) for first, last in spans]
    return len(spans), sum(hit), tuple(first for (first, _), h in zip(spans, hit) if not h)


@settings(max_examples=150, deadline=None)
@given(
    freq=st.sampled_from(["daily", "weekly", "monthly"]),
    interval=st.integers(1, 3),
    start_offset=st.integers(0, 40),
    length=st.integers(0, 400),
    as_of_offset=st.integers(-10, 450),
    logged=st.lists(st.integers(-5, 420), max_size=40),
)
def test_arithmetic_matches_the_period_walk(freq, interval, start_offset, length, as_of_offset, logged):
    start = START + dt.timedelta(days=start_offset)
    duty = RecurringDuty(
        "d", "A1.3", "t", "t", freq, start, start + dt.timedelta(days=length), "civil_affairs", interval
    )
    dates = sorted({start + dt.timedelta(days=n) for n in logged})
    as_of = start + dt.timedelta(days=as_of_offset)
    c = duty_compliance(duty, "civil_affairs", dates, as_of)
    assert (c.expected, c.logged, c.missed) == walk(duty, dates, as_of)
    assert periods(duty, as_of) == spans_of(duty, as_of)
