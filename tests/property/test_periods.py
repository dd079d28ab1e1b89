"""Invariant: periods order and contain their days; histories do not depend on order."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import dates, dimension_scores, periods, schemes, weight_profiles


@given(periods(), dates)
def test_a_day_is_in_a_period_exactly_between_its_inclusive_ends(period, day):
    assert (day in period) == (period.start <= day <= period.end)
    assert period.start in period
    assert period.end in period


@given(periods(), periods())
def test_periods_order_by_start_then_end(a, b):
    assert (a < b) == ((a.start, a.end) < (b.start, b.end))
    assert a.overlaps(b) == b.overlaps(a)


@given(st.integers(2000, 2099), st.integers(1, 12))
def test_consecutive_months_touch_without_overlap(year, month):
    this = ts.AssessmentPeriod.month(year, month)
    following = ts.AssessmentPeriod.month(year + month // 12, month % 12 + 1)
    assert following.start - this.end == dt.timedelta(days=1)
    assert not this.overlaps(following)
    assert this.days in (28, 29, 30, 31)


@st.composite
def shop_histories(draw):
    """An edition of one category in any declared scheme, and up to 12 months' scores."""
    scheme = draw(schemes)
    rules = ts.RuleBook(profiles={"服饰": draw(weight_profiles(scheme=scheme))}, scheme=scheme)
    return rules, draw(st.lists(dimension_scores(scheme=scheme), min_size=1, max_size=12))


# A history: each example draws its scheme.
@given(
    shop_histories(),
    st.integers(2000, 2090),
    st.decimals(0, 5, places=2),
    st.randoms(use_true_random=False),
    st.sets(st.integers(0, 11), max_size=3),
)
def test_consecutive_failures_ignores_input_order(shop_history, year, threshold, rng, dropped):
    rules, scores = shop_history
    history = [
        ts.assess(
            s,
            category="服饰",
            rules=rules,
            period=ts.AssessmentPeriod.month(year + i // 12, i % 12 + 1),
        )
        for i, s in enumerate(scores)
        if i not in dropped  # gaps: a missing month
    ]
    shuffled = list(history)
    rng.shuffle(shuffled)
    count = ts.consecutive_failures(history, threshold)
    assert ts.consecutive_failures(shuffled, threshold) == count
    # The run is exactly the failing, contiguous tail of the history.
    tail = 0
    for later, earlier in zip(history[::-1], [None, *history[::-1]], strict=False):
        if earlier is not None and (earlier.period.start - later.period.end).days != 1:
            break
        if ts.passes(later, threshold):
            break
        tail += 1
    assert count == tail
