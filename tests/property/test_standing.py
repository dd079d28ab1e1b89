"""Invariants of editions, standards and standings, in every declared scheme."""

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import (
    dimension_scores,
    every_scheme,
    rulebooks,
    schemes,
    scores_2dp,
    weight_profiles,
)

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


CALENDAR_KINDS = [kind for kind in ts.PeriodKind if not kind.rolling_days]


@st.composite
def standard_rules(draw, scheme):
    """An edition of *scheme*: one category with standards, a clearance limit, every setting."""
    return ts.RuleBook(
        scheme=scheme,
        profiles={"服饰": draw(weight_profiles(scheme=scheme))},
        thresholds=draw(st.dictionaries(st.sampled_from(ts.Purpose), scores_2dp, min_size=1)),
        clearance_after=draw(st.none() | st.integers(1, 4)),
        fee_year=draw(st.sampled_from(CALENDAR_KINDS)),
        passes_by_default=draw(st.frozensets(st.sampled_from(ts.Purpose))),
        missing_data=draw(st.sampled_from([p for p in ts.MissingDataPolicy if p.name != "REFUSE"])),
    )


def _fails(result, rules, purpose):
    threshold = rules.threshold(purpose, result.category)
    if not result.assessed:
        return purpose not in rules.passes_by_default
    return result.score < threshold


@st.composite
def histories(draw):
    """Any declared scheme, an edition of it, and up to 14 months' scores of a shop."""
    scheme = draw(schemes)
    scores = draw(st.lists(dimension_scores(scheme=scheme), min_size=1, max_size=14))
    return scheme, scores, draw(standard_rules(scheme))


# Histories are slow to assess: each example draws its scheme.
@given(
    histories(),
    st.sets(st.integers(0, 13), max_size=3),
    st.randoms(use_true_random=False),
)
def test_standing_does_not_depend_on_input_order(history_of, dropped, rng):
    _, scores, rules = history_of
    history = _history(scores, rules, dropped)
    shuffled = list(history)
    rng.shuffle(shuffled)
    expected = ts.standing(history, rules)
    assert ts.standing(shuffled, rules) == expected
    for purpose, result in expected.purposes.items():
        assert (result.verdict is ts.Verdict.GOOD) == (result.failures == 0)
        assert result.failures == len(result.periods)
        if purpose is ts.Purpose.ANNUAL_FEE_REFUND:
            year = rules.fee_year.containing(history[-1].period.end) if history else None
            assert result.fee_year == year
            failing = [
                a.period
                for a in history
                if year and a.period.end in year and _fails(a, rules, purpose)
            ]
            assert list(result.periods) == failing
            continue
        if purpose in rules.passes_by_default:
            assert result.failures == ts.consecutive_failures(history, rules.thresholds[purpose])
        if purpose is ts.Purpose.MARKETING_ACCESS:
            assert result.verdict in {ts.Verdict.GOOD, ts.Verdict.NOT_ELIGIBLE}
        else:
            limit = rules.clearance_after
            reached = limit is not None and result.failures >= limit
            assert (result.verdict is ts.Verdict.CLEARANCE) == reached


@given(histories(), st.data())
def test_a_better_score_never_makes_a_verdict_worse(history_of, data):
    """Raising one dimension of one period: no purpose's verdict or count of failures grows."""
    scheme, scores, rules = history_of
    index = data.draw(st.integers(0, len(scores) - 1), label="period")
    dimension = data.draw(st.sampled_from(list(scheme.dimensions)), label="dimension")
    before = scores[index][dimension]
    if before is None or before == 5:
        return
    higher = data.draw(scores_2dp.filter(lambda s: s > before), label="higher")
    better = list(scores)
    better[index] = attrs.evolve(scores[index], **{dimension.value: higher})
    low, high = _history(scores, rules, set()), _history(better, rules, set())
    if not (low[index].assessed and high[index].assessed):
        return  # not assessed to scored (no data to data) is the 99 rule, not a score
    assert high[index].score >= low[index].score
    worse, better_standing = ts.standing(low, rules), ts.standing(high, rules)
    for purpose, result in better_standing.purposes.items():
        assert result.verdict.severity <= worse[purpose].verdict.severity
        assert result.failures <= worse[purpose].failures


@every_scheme
@given(
    data=st.data(),
    thresholds=st.dictionaries(st.sampled_from(ts.Purpose), scores_2dp, min_size=1),
    other=scores_2dp,
)
def test_a_higher_score_never_turns_a_pass_into_a_fail(scheme, data, thresholds, other):
    scores = data.draw(dimension_scores(allow_none=False, scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    dimension = data.draw(st.sampled_from(list(scheme.dimensions)), label="dimension")
    rules = ts.RuleBook(profiles={"服饰": profile}, thresholds=thresholds, scheme=scheme)
    period = ts.AssessmentPeriod.month(2024, 1)
    before = scores[dimension]
    assert before is not None
    if other < before or other == 0:
        return
    better = attrs.evolve(scores, **{dimension.value: other})
    lower = ts.assess(scores, category="服饰", period=period, rules=rules)
    if lower.status is ts.Status.NO_DATA:
        # Every score 0 is no data, passed by default ("all indicator scores are
        # zero"); one score above 0, even of a dimension without weight, is data.
        return
    low = ts.standards(lower, rules)
    high = ts.standards(ts.assess(better, category="服饰", period=period, rules=rules), rules)
    assert all(high[p] for p, passed in low.items() if passed)


MARCH = ts.AssessmentPeriod.month(2024, 3)

# Drawing a whole rule book is slow: one run draws the scheme too.
books_and_shops = schemes.flatmap(
    lambda scheme: st.tuples(
        rulebooks(scheme=scheme, covering=MARCH), dimension_scores(scheme=scheme)
    )
)


@given(books_and_shops, st.sampled_from(["服饰", "美妆", "食品"]))
def test_stars_follow_the_editions_bands(book_and_shop, category):
    rules, scores = book_and_shop
    rules = attrs.evolve(rules, missing_data=ts.MissingDataPolicy.ZERO, bonuses={})
    result = ts.assess(scores, category=category, period=MARCH, rules=rules)
    if result.status is ts.Status.SCORED:
        assert result.stars == rules.stars(result.score)
        assert result.stars is None or result.stars in rules.star_bands
    else:
        assert result.stars is None
