"""Invariants of editions, standards and standings."""

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import dimension_scores, rulebooks, scores_2dp, weight_profiles

D = dt.date


@given(st.lists(st.integers(1, 400), min_size=1, max_size=6), st.integers(0, 2000))
def test_edition_lookup_is_total_over_the_covered_range(lengths, offset):
    """Back-to-back editions: every covered day has exactly one edition in force."""
    start = D(2020, 1, 1)
    books = []
    first = start
    for index, length in enumerate(lengths):
        last = first + dt.timedelta(days=length - 1)
        books.append(
            ts.RuleBook(profiles={}, name=str(index), effective_from=first, effective_to=last)
        )
        first = last + dt.timedelta(days=1)
    editions = ts.Editions(reversed(books))
    day = start + dt.timedelta(days=offset % sum(lengths))
    found = editions.on(day)
    assert found.in_force(day)
    assert sum(book.in_force(day) for book in editions) == 1


def _history(scores, rules, dropped):
    return [
        ts.assess(
            s,
            category="服饰",
            rules=rules,
            period=ts.AssessmentPeriod.month(2024 + i // 12, i % 12 + 1),
        )
        for i, s in enumerate(scores)
        if i not in dropped
    ]


@given(
    st.lists(dimension_scores(), min_size=1, max_size=10),
    weight_profiles(),
    st.dictionaries(st.sampled_from(ts.Purpose), scores_2dp, min_size=1),
    st.dictionaries(st.sampled_from(ts.Purpose), st.integers(1, 4)),
    st.sets(st.integers(0, 9), max_size=3),
    st.randoms(use_true_random=False),
)
def test_standing_does_not_depend_on_input_order(scores, profile, thresholds, limits, dropped, rng):
    rules = ts.RuleBook(profiles={"服饰": profile}, thresholds=thresholds, clearance_after=limits)
    history = _history(scores, rules, dropped)
    shuffled = list(history)
    rng.shuffle(shuffled)
    expected = ts.standing(history, rules)
    assert ts.standing(shuffled, rules) == expected
    for purpose, result in expected.purposes.items():
        assert result.failures == ts.consecutive_failures(history, thresholds[purpose])
        assert (result.verdict is ts.Verdict.GOOD) == (result.failures == 0)


@given(
    dimension_scores(allow_none=False),
    weight_profiles(),
    st.dictionaries(st.sampled_from(ts.Purpose), scores_2dp, min_size=1),
    st.sampled_from(list(ts.Dimension)),
    scores_2dp,
)
def test_a_higher_score_never_turns_a_pass_into_a_fail(
    scores, profile, thresholds, dimension, other
):
    rules = ts.RuleBook(profiles={"服饰": profile}, thresholds=thresholds)
    period = ts.AssessmentPeriod.month(2024, 1)
    before = scores[dimension]
    assert before is not None
    if other < before or other == 0:
        return
    better = attrs.evolve(scores, **{dimension.value: other})
    low = ts.standards(ts.assess(scores, category="服饰", period=period, rules=rules), rules)
    high = ts.standards(ts.assess(better, category="服饰", period=period, rules=rules), rules)
    assert all(high[p] for p, passed in low.items() if passed)


MARCH = ts.AssessmentPeriod.month(2024, 3)


@given(
    rulebooks(scheme=ts.Scheme.TMALL, covering=MARCH),
    dimension_scores(),
    st.sampled_from(["服饰", "美妆", "食品"]),
)
def test_stars_follow_the_editions_bands(rules, scores, category):
    rules = attrs.evolve(rules, missing_data=ts.MissingDataPolicy.ZERO, bonuses={})
    result = ts.assess(scores, category=category, period=MARCH, rules=rules)
    if result.status is ts.Status.SCORED:
        assert result.stars == rules.stars(result.score)
        assert result.stars is None or result.stars in rules.star_bands
    else:
        assert result.stars is None
