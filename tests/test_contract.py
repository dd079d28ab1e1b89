"""The public contract, rule by rule, as written in the design's API.md.

Every expected value here is worked out by hand from the rules in API.md
(the arithmetic is in the comments), never copied from the library's output.
"""

from __future__ import annotations

import enum
import json
from datetime import date
from decimal import Decimal

import pytest
import tomli_w

import tmall_service as ts

D = Decimal
P = ts.Dimension

# The seed example: product 5, consultation 4, logistics 3, after-sales 4,
# dispute 1; weights 0.2, 0.1, 0.3, 0.2, 0.2.
SEED_SCORES = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
SEED_WEIGHTS = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)
# All the weight on product.
SOLO_WEIGHTS = ts.WeightProfile(product=1, logistics=0, after_sales=0, dispute=0, consultation=0)
# Half on product, half on logistics, nothing on the other three.
HALF_WEIGHTS = ts.WeightProfile(
    product="0.5", logistics="0.5", after_sales=0, dispute=0, consultation=0
)

JULY = ts.AssessmentPeriod.month(2024, 7)
APPAREL = "服饰"
BEAUTY = "美妆"
DIGITAL = "数码"  # a category the books here name as not assessed


def _rules(
    profile: ts.WeightProfile = SEED_WEIGHTS,
    *,
    exemptions: tuple[ts.Exemption, ...] = (),
    missing_data: ts.MissingDataPolicy = ts.MissingDataPolicy.RENORMALISE,
) -> ts.RuleBook:
    return ts.RuleBook(
        profiles={APPAREL: profile},
        excluded_categories={DIGITAL},
        exemptions=exemptions,
        missing_data=missing_data,
    )


def _exemption(
    start: date = date(2024, 7, 10),
    end: date = date(2024, 7, 20),
    *,
    reason: str = "特大灾害",
    categories: object = None,
    regions: object = None,
) -> ts.Exemption:
    return ts.Exemption(start=start, end=end, reason=reason, categories=categories, regions=regions)


def _leaves(value: object) -> list[object]:
    """Every scalar inside an unstructured value, keys included."""
    if isinstance(value, dict):
        out: list[object] = []
        for key, item in value.items():
            out.append(key)
            out.extend(_leaves(item))
        return out
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def _toml_ready(value: object) -> object:
    """*value* without the ``None``s TOML cannot hold, tuples as lists."""
    if isinstance(value, dict):
        return {k: _toml_ready(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_toml_ready(v) for v in value if v is not None]
    return value


class TestDimension:
    def test_five_members_in_order(self):
        assert [d.name for d in ts.Dimension] == [
            "PRODUCT",
            "LOGISTICS",
            "AFTER_SALES",
            "DISPUTE",
            "CONSULTATION",
        ]

    def test_is_an_enum(self):
        assert issubclass(ts.Dimension, enum.Enum)

    @pytest.mark.parametrize(
        ("member", "value", "label"),
        [
            pytest.param(P.PRODUCT, "product", "商品体验", id="product"),
            pytest.param(P.LOGISTICS, "logistics", "物流体验", id="logistics"),
            pytest.param(P.AFTER_SALES, "after_sales", "售后体验", id="after_sales"),
            pytest.param(P.DISPUTE, "dispute", "纠纷体验", id="dispute"),
            pytest.param(P.CONSULTATION, "consultation", "咨询体验", id="consultation"),
        ],
    )
    def test_value_and_chinese_label(self, member, value, label):
        assert member.value == value
        assert member.label_zh == label
        assert ts.Dimension(value) is member


class TestDimensionScores:
    def test_indexing_by_dimension(self):
        scores = ts.DimensionScores(
            product=1, logistics="2", after_sales=D("3"), dispute=4.5, consultation=0
        )
        assert scores[P.PRODUCT] == D(1)
        assert scores[P.LOGISTICS] == D(2)
        assert scores[P.AFTER_SALES] == D(3)
        assert scores[P.DISPUTE] == D("4.5")
        assert scores[P.CONSULTATION] == D(0)
        assert all(isinstance(scores[d], Decimal) for d in ts.Dimension)

    def test_missing_dimension_is_none(self):
        scores = ts.DimensionScores(product=4)
        assert scores[P.PRODUCT] == D(4)
        for dimension in [P.LOGISTICS, P.AFTER_SALES, P.DISPUTE, P.CONSULTATION]:
            assert scores[dimension] is None

    def test_all_default_to_none(self):
        scores = ts.DimensionScores()
        assert [scores[d] for d in ts.Dimension] == [None] * 5

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param(0, id="int-0"),
            pytest.param(5, id="int-5"),
            pytest.param("5.00", id="str-5.00"),
            pytest.param(D("0.00"), id="decimal-0.00"),
            pytest.param(5.0, id="float-5.0"),
        ],
    )
    def test_range_ends_are_inclusive(self, value):
        assert ts.DimensionScores(product=value)[P.PRODUCT] == D(value)

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param(-1, id="int-minus-1"),
            pytest.param("5.01", id="str-5.01"),
            pytest.param(D("-0.01"), id="decimal-minus-0.01"),
            pytest.param(5.1, id="float-5.1"),
            pytest.param("four", id="non-numeric"),
        ],
    )
    def test_out_of_range_or_non_numeric_is_invalid(self, value):
        with pytest.raises(ts.InvalidScoreError):
            ts.DimensionScores(logistics=value)

    def test_float_taken_by_shortest_repr(self):
        score = ts.DimensionScores(product=4.3)[P.PRODUCT]
        assert score == D("4.3")
        assert str(score) == "4.3"

    def test_float_0_1_is_exactly_one_tenth(self):
        # Decimal(0.1) would be 0.1000000000000000055511151231257827...
        assert ts.DimensionScores(dispute=0.1)[P.DISPUTE] == D("0.1")

    def test_immutable(self):
        scores = ts.DimensionScores(product=4)
        with pytest.raises(AttributeError):
            scores.product = D(3)  # type: ignore[misc]
        assert scores[P.PRODUCT] == D(4)

    def test_equal_by_value_whatever_the_input_type(self):
        a = ts.DimensionScores(product=4.3, dispute=1)
        b = ts.DimensionScores(product="4.3", dispute=D(1))
        c = ts.DimensionScores(product=D("4.3"), dispute="1")
        assert a == b == c
        assert hash(a) == hash(b) == hash(c)
        assert len({a, b, c}) == 1

    def test_different_values_are_unequal(self):
        assert ts.DimensionScores(product=4) != ts.DimensionScores(product=3)
        assert ts.DimensionScores(product=4) != ts.DimensionScores(logistics=4)
        assert ts.DimensionScores(product=0) != ts.DimensionScores()

    def test_usable_as_dict_key(self):
        table = {ts.DimensionScores(product=4): "a"}
        assert table[ts.DimensionScores(product="4")] == "a"


class TestWeightProfile:
    def test_indexing_returns_decimals(self):
        assert SEED_WEIGHTS[P.PRODUCT] == D("0.2")
        assert SEED_WEIGHTS[P.LOGISTICS] == D("0.3")
        assert SEED_WEIGHTS[P.AFTER_SALES] == D("0.2")
        assert SEED_WEIGHTS[P.DISPUTE] == D("0.2")
        assert SEED_WEIGHTS[P.CONSULTATION] == D("0.1")
        assert all(isinstance(SEED_WEIGHTS[d], Decimal) for d in ts.Dimension)

    def test_floats_sum_exactly_by_their_shortest_repr(self):
        # As binary floats 0.2+0.3+0.2+0.2+0.1 is not exactly 1; as decimals it is.
        profile = ts.WeightProfile(
            product=0.2, logistics=0.3, after_sales=0.2, dispute=0.2, consultation=0.1
        )
        assert profile == SEED_WEIGHTS
        assert profile[P.LOGISTICS] == D("0.3")

    @pytest.mark.parametrize(
        "weights",
        [
            pytest.param((1, 0, 0, 0, 0), id="all-on-one"),
            pytest.param(("0.25", "0.25", "0.25", "0.25", "0"), id="quarters"),
            pytest.param(("0.05", "0.15", "0.35", "0.4", "0.05"), id="two-places"),
        ],
    )
    def test_valid_profiles(self, weights):
        names = [d.value for d in ts.Dimension]
        profile = ts.WeightProfile(**dict(zip(names, weights, strict=True)))
        assert [profile[d] for d in ts.Dimension] == [D(w) for w in weights]

    @pytest.mark.parametrize(
        "weights",
        [
            pytest.param(("0.2", "0.3", "0.2", "0.2", "0.2"), id="sum-1.1"),
            pytest.param(("0.2", "0.3", "0.2", "0.2", "0.0999999999"), id="sum-just-under"),
            pytest.param(("0.2", "0.3", "0.2", "0.2", "0.1000000001"), id="sum-just-over"),
            pytest.param(("1.1", "-0.1", "0", "0", "0"), id="out-of-range-sum-1"),
            pytest.param(("0.2", "0.3", "0.2", "0.2", "x"), id="non-numeric"),
        ],
    )
    def test_invalid_profiles(self, weights):
        names = [d.value for d in ts.Dimension]
        with pytest.raises(ts.InvalidWeightsError):
            ts.WeightProfile(**dict(zip(names, weights, strict=True)))

    def test_all_five_required(self):
        with pytest.raises(ts.InvalidWeightsError):
            ts.WeightProfile(  # type: ignore[call-arg]
                product="0.2", logistics="0.3", after_sales="0.3", dispute="0.2"
            )

    def test_equal_by_value(self):
        other = ts.WeightProfile(
            product=D("0.20"),
            logistics="0.3",
            after_sales=0.2,
            dispute="0.2",
            consultation="0.1",
        )
        assert other == SEED_WEIGHTS
        assert hash(other) == hash(SEED_WEIGHTS)


class TestCompositeScore:
    @pytest.mark.parametrize(
        ("scores", "weights"),
        [
            pytest.param(
                {"product": 5, "logistics": 3, "after_sales": 4},
                {"product": "0.2", "logistics": "0.3", "after_sales": "0.2"},
                id="int-scores-str-weights",
            ),
            pytest.param(
                {"product": "5", "logistics": "3", "after_sales": "4.0"},
                {"product": "0.2", "logistics": "0.30", "after_sales": "0.2"},
                id="strs",
            ),
            pytest.param(
                {"product": D(5), "logistics": D("3"), "after_sales": D("4")},
                {"product": D("0.2"), "logistics": D("0.3"), "after_sales": D("0.2")},
                id="decimals",
            ),
            pytest.param(
                {"product": 5.0, "logistics": 3.0, "after_sales": 4.0},
                {"product": 0.2, "logistics": 0.3, "after_sales": 0.2},
                id="floats",
            ),
        ],
    )
    def test_seed_example_is_3_30(self, scores, weights):
        # 5×0.2 + 4×0.1 + 3×0.3 + 4×0.2 + 1×0.2 = 1 + 0.4 + 0.9 + 0.8 + 0.2 = 3.3
        s = ts.DimensionScores(dispute=1, consultation=4, **scores)
        w = ts.WeightProfile(dispute="0.2", consultation="0.1", **weights)
        result = ts.composite_score(s, w)
        assert isinstance(result, Decimal)
        assert result == D("3.30")
        assert str(result) == "3.30"

    @pytest.mark.parametrize(
        ("product", "logistics", "expected"),
        [
            # 0.5×3.01 + 0.5×3.00 = 3.005 → 3.01 (half-even would give 3.00)
            pytest.param("3.01", "3.00", "3.01", id="3.005-up"),
            # 0.5×0.01 + 0.5×2 = 1.005 → 1.01 (a float sum would give 1.00)
            pytest.param("0.01", "2", "1.01", id="1.005-up"),
            # 0.5×4.99 + 0.5×4.98 = 4.985 → 4.99 (half-even would give 4.98)
            pytest.param("4.99", "4.98", "4.99", id="4.985-up"),
            # 0.5×3.02 + 0.5×3 = 3.01 exactly
            pytest.param("3.02", "3", "3.01", id="exact"),
            # 0.5×0.03 + 0.5×0 = 0.015 → 0.02
            pytest.param("0.03", "0", "0.02", id="0.015-up"),
        ],
    )
    def test_round_half_up_at_second_place(self, product, logistics, expected):
        scores = ts.DimensionScores(product=product, logistics=logistics)
        result = ts.composite_score(scores, HALF_WEIGHTS)
        assert result == D(expected)
        assert str(result) == expected

    def test_weighted_dimension_without_score_raises(self):
        scores = ts.DimensionScores(product=5, logistics=3, dispute=1, consultation=4)
        with pytest.raises(ts.MissingDataError):
            ts.composite_score(scores, SEED_WEIGHTS)

    def test_no_scores_at_all_raises(self):
        with pytest.raises(ts.MissingDataError):
            ts.composite_score(ts.DimensionScores(), SEED_WEIGHTS)

    def test_zero_weight_dimension_may_be_none(self):
        # 0.5×4 + 0.5×3 = 3.5
        scores = ts.DimensionScores(product=4, logistics=3)
        assert ts.composite_score(scores, HALF_WEIGHTS) == D("3.50")

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            pytest.param(5, "5.00", id="all-5"),
            pytest.param(0, "0.00", id="all-0"),
        ],
    )
    def test_result_within_0_and_5(self, value, expected):
        scores = ts.DimensionScores(
            product=value,
            logistics=value,
            after_sales=value,
            dispute=value,
            consultation=value,
        )
        result = ts.composite_score(scores, SEED_WEIGHTS)
        assert str(result) == expected

    def test_not_assessed_score_is_99(self):
        assert D("99") == ts.NOT_ASSESSED_SCORE
        assert isinstance(ts.NOT_ASSESSED_SCORE, Decimal)


class TestStatus:
    def test_four_members_exist(self):
        assert issubclass(ts.Status, enum.Enum)
        assert {"SCORED", "CATEGORY_EXCLUDED", "EXEMPT", "NO_DATA"} <= set(ts.Status.__members__)

    def test_members_are_distinct(self):
        members = {
            ts.Status.SCORED,
            ts.Status.CATEGORY_EXCLUDED,
            ts.Status.EXEMPT,
            ts.Status.NO_DATA,
        }
        assert len(members) == 4


class TestAssessmentPeriod:
    def test_month_is_first_to_last_day(self):
        assert ts.AssessmentPeriod(date(2024, 7, 1), date(2024, 7, 31)) == JULY

    def test_keyword_arguments(self):
        period = ts.AssessmentPeriod(start=date(2024, 7, 1), end=date(2024, 7, 31))
        assert period == JULY

    @pytest.mark.parametrize(
        ("year", "month", "last"),
        [
            pytest.param(2024, 2, date(2024, 2, 29), id="feb-leap-2024"),
            pytest.param(2023, 2, date(2023, 2, 28), id="feb-2023"),
            pytest.param(2000, 2, date(2000, 2, 29), id="feb-leap-2000"),
            pytest.param(1900, 2, date(1900, 2, 28), id="feb-1900-not-leap"),
            pytest.param(2024, 12, date(2024, 12, 31), id="december"),
            pytest.param(2024, 1, date(2024, 1, 31), id="january"),
            pytest.param(2024, 4, date(2024, 4, 30), id="april"),
        ],
    )
    def test_month_lengths(self, year, month, last):
        period = ts.AssessmentPeriod.month(year, month)
        assert period == ts.AssessmentPeriod(date(year, month, 1), last)
        assert last in period
        assert date(year, month, 1) in period

    def test_december_does_not_reach_into_january(self):
        period = ts.AssessmentPeriod.month(2024, 12)
        assert date(2025, 1, 1) not in period
        assert date(2024, 11, 30) not in period

    @pytest.mark.parametrize("month", [0, 13, -1], ids=["0", "13", "-1"])
    def test_month_outside_1_to_12(self, month):
        with pytest.raises(ts.InvalidPeriodError):
            ts.AssessmentPeriod.month(2024, month)

    def test_end_before_start(self):
        with pytest.raises(ts.InvalidPeriodError):
            ts.AssessmentPeriod(date(2024, 7, 31), date(2024, 7, 1))

    def test_single_day_period(self):
        period = ts.AssessmentPeriod(date(2024, 7, 4), date(2024, 7, 4))
        assert date(2024, 7, 4) in period
        assert date(2024, 7, 3) not in period
        assert date(2024, 7, 5) not in period

    @pytest.mark.parametrize(
        ("day", "inside"),
        [
            pytest.param(date(2024, 6, 30), False, id="day-before"),
            pytest.param(date(2024, 7, 1), True, id="first-day"),
            pytest.param(date(2024, 7, 15), True, id="middle"),
            pytest.param(date(2024, 7, 31), True, id="last-day"),
            pytest.param(date(2024, 8, 1), False, id="day-after"),
        ],
    )
    def test_in_is_inclusive_at_both_ends(self, day, inside):
        assert (day in JULY) is inside

    def test_equal_and_hashable(self):
        a = ts.AssessmentPeriod.month(2024, 7)
        assert a == JULY
        assert hash(a) == hash(JULY)
        assert a != ts.AssessmentPeriod.month(2024, 8)


class TestExemption:
    def _status(self, exemption, *, category=APPAREL, region=None, period=JULY):
        # The book assesses 美妆 too, so that an exemption may name it.
        rules = ts.RuleBook(
            profiles={APPAREL: SEED_WEIGHTS, BEAUTY: SOLO_WEIGHTS},
            excluded_categories={DIGITAL},
            exemptions=(exemption,),
        )
        result = ts.assess(
            SEED_SCORES, category=category, period=period, rules=rules, region=region
        )
        return result.status

    @pytest.mark.parametrize(
        ("start", "end", "covered"),
        [
            pytest.param(date(2024, 6, 20), date(2024, 7, 1), True, id="ends-on-first-day"),
            pytest.param(date(2024, 7, 31), date(2024, 8, 5), True, id="starts-on-last-day"),
            pytest.param(date(2024, 6, 1), date(2024, 6, 30), False, id="ends-day-before"),
            pytest.param(date(2024, 8, 1), date(2024, 8, 9), False, id="starts-day-after"),
            pytest.param(date(2024, 7, 10), date(2024, 7, 10), True, id="one-day-inside"),
            pytest.param(date(2024, 6, 1), date(2024, 9, 30), True, id="encloses"),
        ],
    )
    def test_date_overlap_is_inclusive(self, start, end, covered):
        expected = ts.Status.EXEMPT if covered else ts.Status.SCORED
        assert self._status(_exemption(start, end)) is expected

    def test_single_day_period_on_exemption_end(self):
        day = ts.AssessmentPeriod(date(2024, 7, 20), date(2024, 7, 20))
        assert self._status(_exemption(), period=day) is ts.Status.EXEMPT

    @pytest.mark.parametrize(
        ("categories", "category", "covered"),
        [
            pytest.param(None, APPAREL, True, id="all-categories"),
            pytest.param([APPAREL], APPAREL, True, id="listed"),
            pytest.param((APPAREL, BEAUTY), APPAREL, True, id="listed-tuple"),
            pytest.param(frozenset({APPAREL}), APPAREL, True, id="listed-frozenset"),
            pytest.param([BEAUTY], APPAREL, False, id="not-listed"),
            pytest.param([], APPAREL, False, id="empty-collection"),
        ],
    )
    def test_category_scope(self, categories, category, covered):
        expected = ts.Status.EXEMPT if covered else ts.Status.SCORED
        exemption = _exemption(categories=categories)
        assert self._status(exemption, category=category) is expected

    @pytest.mark.parametrize(
        ("regions", "region", "covered"),
        [
            pytest.param(None, "河南", True, id="all-regions"),
            pytest.param(None, None, True, id="all-regions-unknown-region"),
            pytest.param(["河南"], "河南", True, id="listed"),
            pytest.param(["河南", "浙江"], "浙江", True, id="listed-second"),
            pytest.param(["河南"], "浙江", False, id="not-listed"),
            pytest.param(["河南"], None, False, id="unknown-region-not-covered"),
        ],
    )
    def test_region_scope(self, regions, region, covered):
        expected = ts.Status.EXEMPT if covered else ts.Status.SCORED
        exemption = _exemption(regions=regions)
        assert self._status(exemption, region=region) is expected

    def test_both_scopes_must_match(self):
        exemption = _exemption(categories=[APPAREL], regions=["河南"])
        assert self._status(exemption, region="河南") is ts.Status.EXEMPT
        assert self._status(exemption, region="浙江") is ts.Status.SCORED

    @pytest.mark.parametrize("field", ["categories", "regions"])
    def test_bare_string_scope_is_refused(self, field):
        with pytest.raises(ts.RuleBookError):
            _exemption(**{field: "河南"})

    def test_end_before_start(self):
        with pytest.raises(ts.InvalidPeriodError):
            _exemption(date(2024, 7, 20), date(2024, 7, 19))

    def test_one_day_exemption(self):
        exemption = _exemption(date(2024, 7, 31), date(2024, 7, 31))
        assert self._status(exemption) is ts.Status.EXEMPT

    def test_equal_by_value(self):
        a = _exemption(categories=[APPAREL], regions=("河南",))
        b = _exemption(categories=(APPAREL,), regions=["河南"])
        assert a == b
        assert a != _exemption(reason="特殊事件")


class TestRuleBook:
    def test_attributes_read_back(self):
        first = _exemption(reason="first")
        second = _exemption(reason="second")
        rules = ts.RuleBook(
            profiles={APPAREL: SEED_WEIGHTS, "美妆": SOLO_WEIGHTS},
            exemptions=[first, second],
            missing_data=ts.MissingDataPolicy.ZERO,
        )
        assert dict(rules.profiles) == {APPAREL: SEED_WEIGHTS, "美妆": SOLO_WEIGHTS}
        assert rules.profiles[APPAREL] == SEED_WEIGHTS
        assert tuple(rules.exemptions) == (first, second)
        assert rules.missing_data is ts.MissingDataPolicy.ZERO

    def test_exemptions_keep_given_order(self):
        exemptions = [_exemption(reason=str(i)) for i in (3, 1, 2)]
        rules = ts.RuleBook(profiles={}, exemptions=exemptions)
        assert [e.reason for e in rules.exemptions] == ["3", "1", "2"]

    def test_defaults(self):
        rules = ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS})
        assert rules.missing_data is ts.MissingDataPolicy.RENORMALISE
        assert tuple(rules.exemptions) == ()

    def test_missing_data_policy_members(self):
        assert issubclass(ts.MissingDataPolicy, enum.Enum)
        assert {"RENORMALISE", "ZERO", "REFUSE"} <= set(ts.MissingDataPolicy.__members__)

    def test_equal_by_value(self):
        a = ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS}, exemptions=[_exemption()])
        b = ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS}, exemptions=(_exemption(),))
        assert a == b
        assert a != ts.RuleBook(profiles={APPAREL: SOLO_WEIGHTS})


POLICIES = [pytest.param(policy, id=policy.name.lower()) for policy in ts.MissingDataPolicy]


class TestAssess:
    def test_scored(self):
        result = ts.assess(SEED_SCORES, category=APPAREL, period=JULY, rules=_rules())
        assert result.status is ts.Status.SCORED
        assert result.score == D("3.30")
        assert str(result.score) == "3.30"
        assert result.category == APPAREL
        assert result.period == JULY
        assert result.exemption is None

    def test_excluded_category_is_excluded(self):
        result = ts.assess(SEED_SCORES, category=DIGITAL, period=JULY, rules=_rules())
        assert result.status is ts.Status.CATEGORY_EXCLUDED
        assert result.score == D(99)
        assert result.category == DIGITAL

    def test_category_neither_assessed_nor_excluded_is_refused(self):
        # v1.1: a category the edition does not know is an error, never a silent 99.
        with pytest.raises(ts.UnknownCategoryError) as raised:
            ts.assess(SEED_SCORES, category="服装", period=JULY, rules=_rules())
        assert isinstance(raised.value, ts.TmallServiceError)
        assert isinstance(raised.value, ValueError)
        assert str(raised.value) == (
            "category: '服装' is not a category of the edition (unnamed); "
            "did you mean 服饰? its categories, closest first: 服饰, 数码"
        )

    def test_unknown_category_is_excluded_when_the_edition_says_so(self):
        rules = ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS}, exclude_unknown_categories=True)
        result = ts.assess(SEED_SCORES, category="服装", period=JULY, rules=rules)
        assert result.status is ts.Status.CATEGORY_EXCLUDED
        assert result.score == D(99)
        assert result.category == "服装"

    def test_exempt(self):
        exemption = _exemption()
        rules = _rules(exemptions=(exemption,))
        result = ts.assess(SEED_SCORES, category=APPAREL, period=JULY, rules=rules)
        assert result.status is ts.Status.EXEMPT
        assert result.score == D(99)
        assert result.exemption == exemption

    def test_excluded_beats_exempt(self):
        rules = _rules(exemptions=(_exemption(),))
        result = ts.assess(SEED_SCORES, category=DIGITAL, period=JULY, rules=rules)
        assert result.status is ts.Status.CATEGORY_EXCLUDED
        assert result.score == D(99)

    def test_excluded_beats_no_data(self):
        result = ts.assess(ts.DimensionScores(), category=DIGITAL, period=JULY, rules=_rules())
        assert result.status is ts.Status.CATEGORY_EXCLUDED

    def test_exempt_beats_no_data(self):
        exemption = _exemption()
        rules = _rules(exemptions=(exemption,))
        result = ts.assess(ts.DimensionScores(), category=APPAREL, period=JULY, rules=rules)
        assert result.status is ts.Status.EXEMPT
        assert result.exemption == exemption
        assert result.score == D(99)

    def test_exempt_beats_refuse_policy(self):
        # Partial data under REFUSE would raise, but the exemption decides first.
        rules = _rules(exemptions=(_exemption(),), missing_data=ts.MissingDataPolicy.REFUSE)
        scores = ts.DimensionScores(product=5)
        result = ts.assess(scores, category=APPAREL, period=JULY, rules=rules)
        assert result.status is ts.Status.EXEMPT

    def test_no_data(self):
        result = ts.assess(ts.DimensionScores(), category=APPAREL, period=JULY, rules=_rules())
        assert result.status is ts.Status.NO_DATA
        assert result.score == D(99)
        assert result.score == ts.NOT_ASSESSED_SCORE

    @pytest.mark.parametrize(
        ("order", "expected"),
        [
            pytest.param(("elsewhere", "a", "b"), "a", id="first-covering-a"),
            pytest.param(("elsewhere", "b", "a"), "b", id="first-covering-b"),
            pytest.param(("b", "elsewhere", "a"), "b", id="skip-non-covering"),
        ],
    )
    def test_first_covering_exemption_in_rule_book_order(self, order, expected):
        made = {
            "elsewhere": _exemption(reason="elsewhere", regions=["浙江"]),
            "a": _exemption(reason="a"),
            "b": _exemption(date(2024, 7, 1), date(2024, 7, 31), reason="b"),
        }
        rules = _rules(exemptions=tuple(made[name] for name in order))
        result = ts.assess(SEED_SCORES, category=APPAREL, period=JULY, rules=rules, region="河南")
        assert result.status is ts.Status.EXEMPT
        assert result.exemption == made[expected]
        assert result.exemption.reason == expected

    def test_assessment_is_immutable(self):
        result = ts.assess(SEED_SCORES, category=APPAREL, period=JULY, rules=_rules())
        with pytest.raises(AttributeError):
            result.score = D(5)  # type: ignore[misc]
        assert result.score == D("3.30")

    @pytest.mark.parametrize("policy", POLICIES)
    @pytest.mark.parametrize(
        ("profile", "scores", "expected"),
        [
            pytest.param(SEED_WEIGHTS, {}, None, id="all-none"),
            pytest.param(
                SEED_WEIGHTS,
                dict.fromkeys(
                    ["product", "logistics", "after_sales", "dispute", "consultation"],
                    0,
                ),
                None,
                id="all-zero",
            ),
            pytest.param(
                SEED_WEIGHTS,
                {"product": 0, "after_sales": "0.00", "consultation": D(0)},
                None,
                id="mix-none-and-zero",
            ),
            pytest.param(
                SOLO_WEIGHTS,
                {"consultation": 4},
                None,
                id="weighted-none-unweighted-has-data",
            ),
            pytest.param(
                HALF_WEIGHTS,
                {"after_sales": 5, "dispute": 1, "consultation": 3},
                None,
                id="every-weighted-none",
            ),
            pytest.param(
                SOLO_WEIGHTS,
                {"product": 0},
                None,
                id="product-0-consultation-none",
            ),
            # 1×0 + 0×4 = 0: a real 0 beside other data is a score.
            pytest.param(
                SOLO_WEIGHTS,
                {"product": 0, "consultation": 4},
                "0.00",
                id="product-0-consultation-4",
            ),
            # 0×0.2 + 3×0.3 + 4×0.2 + 1×0.2 + 4×0.1 = 0.9+0.8+0.2+0.4 = 2.3
            pytest.param(
                SEED_WEIGHTS,
                {
                    "product": 0,
                    "logistics": 3,
                    "after_sales": 4,
                    "dispute": 1,
                    "consultation": 4,
                },
                "2.30",
                id="real-zero-is-a-score",
            ),
            # 0.5×4 + 0.5×3 = 3.5; the unweighted None dimensions are not missing.
            pytest.param(
                HALF_WEIGHTS,
                {"product": 4, "logistics": 3},
                "3.50",
                id="zero-weight-never-missing",
            ),
        ],
    )
    def test_no_data_fine_points(self, policy, profile, scores, expected):
        rules = _rules(profile, missing_data=policy)
        result = ts.assess(ts.DimensionScores(**scores), category=APPAREL, period=JULY, rules=rules)
        if expected is None:
            assert result.status is ts.Status.NO_DATA
            assert result.score == D(99)
        else:
            assert result.status is ts.Status.SCORED
            assert str(result.score) == expected

    @pytest.mark.parametrize(
        ("missing", "renormalised", "zeroed"),
        [
            # present weights 0.2+0.3+0.2+0.1 = 0.8; Σ = 1+0.9+0.2+0.4 = 2.5
            # 2.5/0.8 = 3.125 → 3.13 (half-up; half-even would give 3.12)
            pytest.param(("after_sales",), "3.13", "2.50", id="after_sales"),
            # present 0.2+0.2+0.2+0.1 = 0.7; Σ = 1+0.8+0.2+0.4 = 2.4
            # 2.4/0.7 = 3.428571… → 3.43
            pytest.param(("logistics",), "3.43", "2.40", id="logistics"),
            # present 0.9; Σ = 1+0.9+0.8+0.2 = 2.9; 2.9/0.9 = 3.222… → 3.22
            pytest.param(("consultation",), "3.22", "2.90", id="consultation"),
            # present 0.8; Σ = 1+0.9+0.8+0.4 = 3.1; 3.1/0.8 = 3.875 → 3.88
            pytest.param(("dispute",), "3.88", "3.10", id="dispute"),
            # present 0.6; Σ = 1+0.8+0.2 = 2.0; 2.0/0.6 = 3.333… → 3.33
            pytest.param(("logistics", "consultation"), "3.33", "2.00", id="two-missing"),
            # present 0.3 (logistics); Σ = 0.9; 0.9/0.3 = 3 → 3.00
            pytest.param(
                ("product", "after_sales", "dispute", "consultation"),
                "3.00",
                "0.90",
                id="one-left",
            ),
        ],
    )
    @pytest.mark.parametrize("policy", POLICIES)
    def test_partial_data_policy(self, policy, missing, renormalised, zeroed):
        seed = {"product": 5, "logistics": 3, "after_sales": 4, "dispute": 1}
        seed["consultation"] = 4
        scores = ts.DimensionScores(**{k: v for k, v in seed.items() if k not in missing})
        rules = _rules(missing_data=policy)
        if policy is ts.MissingDataPolicy.REFUSE:
            with pytest.raises(ts.MissingDataError):
                ts.assess(scores, category=APPAREL, period=JULY, rules=rules)
            return
        result = ts.assess(scores, category=APPAREL, period=JULY, rules=rules)
        assert result.status is ts.Status.SCORED
        assert isinstance(result.score, Decimal)
        expected = renormalised if policy is ts.MissingDataPolicy.RENORMALISE else zeroed
        assert str(result.score) == expected

    def test_renormalise_with_a_real_zero_present(self):
        # product 0 (a score), logistics missing: present 0.7;
        # Σ = 0 + 0.8 + 0.2 + 0.4 = 1.4; 1.4/0.7 = 2 → 2.00
        scores = ts.DimensionScores(product=0, after_sales=4, dispute=1, consultation=4)
        result = ts.assess(scores, category=APPAREL, period=JULY, rules=_rules())
        assert result.status is ts.Status.SCORED
        assert str(result.score) == "2.00"

    def test_renormalise_thirds_exactly(self):
        # weights 0.1 / 0.2 / 0.7, the 0.7 missing: rescaled to 1/3 and 2/3.
        # (1.015×0.1 + 1×0.2)/0.3 = 0.3015/0.3 = 1.005 → 1.01
        profile = ts.WeightProfile(
            product="0.1", logistics="0.2", after_sales="0.7", dispute=0, consultation=0
        )
        scores = ts.DimensionScores(product="1.015", logistics=1)
        result = ts.assess(scores, category=APPAREL, period=JULY, rules=_rules(profile))
        assert str(result.score) == "1.01"

    def test_missing_zero_weight_dimension_under_refuse(self):
        rules = _rules(HALF_WEIGHTS, missing_data=ts.MissingDataPolicy.REFUSE)
        scores = ts.DimensionScores(product="4.25", logistics="3.5")
        result = ts.assess(scores, category=APPAREL, period=JULY, rules=rules)
        # 0.5×4.25 + 0.5×3.5 = 2.125 + 1.75 = 3.875 → 3.88
        assert str(result.score) == "3.88"


def _assessment(product, period=JULY, category=APPAREL):
    # Consultation carries no weight; its data makes a product 0 a real score.
    return ts.assess(
        ts.DimensionScores(product=product, consultation=5),
        category=category,
        period=period,
        rules=_rules(SOLO_WEIGHTS),
    )


def _excluded(period=JULY):
    return _assessment(4, period, category=DIGITAL)


class TestPasses:
    @pytest.mark.parametrize(
        "threshold",
        [0, "3.5", D("4.2"), 4.5, 5],
        ids=["0", "3.5", "4.2", "4.5-float", "5"],
    )
    @pytest.mark.parametrize(
        "make",
        [
            pytest.param(_excluded, id="excluded"),
            pytest.param(
                lambda: ts.assess(
                    SEED_SCORES,
                    category=APPAREL,
                    period=JULY,
                    rules=_rules(exemptions=(_exemption(),)),
                ),
                id="exempt",
            ),
            pytest.param(
                lambda: ts.assess(
                    ts.DimensionScores(), category=APPAREL, period=JULY, rules=_rules()
                ),
                id="no-data",
            ),
        ],
    )
    def test_not_assessed_passes_any_threshold(self, make, threshold):
        assessment = make()
        assert assessment.score == D(99)
        assert ts.passes(assessment, threshold) is True

    @pytest.mark.parametrize(
        ("score", "threshold", "expected"),
        [
            pytest.param("3.5", "3.5", True, id="at"),
            pytest.param("3.51", "3.5", True, id="just-above"),
            pytest.param("3.49", "3.5", False, id="just-below"),
            pytest.param("3.5", 3.5, True, id="at-float-threshold"),
            pytest.param("3.5", D("3.50"), True, id="at-decimal-threshold"),
            pytest.param("4", 4, True, id="at-int-threshold"),
            pytest.param("3.99", 4, False, id="below-int-threshold"),
            pytest.param("0", 0, True, id="zero-at-zero"),
            pytest.param("5", 5, True, id="five-at-five"),
            pytest.param("4.99", 5, False, id="just-below-five"),
        ],
    )
    def test_scored_passes_at_or_above(self, score, threshold, expected):
        assessment = _assessment(score)
        assert assessment.status is ts.Status.SCORED
        assert ts.passes(assessment, threshold) is expected

    def test_seed_example_against_clearance_figure(self):
        result = ts.assess(SEED_SCORES, category=APPAREL, period=JULY, rules=_rules())
        assert ts.passes(result, "3.5") is False
        assert ts.passes(result, "3.3") is True


def _month(month, year=2024):
    return ts.AssessmentPeriod.month(year, month)


FAIL = "2"  # below the 3.5 threshold
OK = "4"


class TestConsecutiveFailures:
    @pytest.mark.parametrize(
        ("history", "expected"),
        [
            pytest.param([], 0, id="empty"),
            pytest.param([FAIL], 1, id="one-failure"),
            pytest.param([OK], 0, id="one-pass"),
            pytest.param([FAIL, FAIL, FAIL, FAIL], 4, id="all-fail"),
            pytest.param([FAIL, OK, FAIL, FAIL], 2, id="stops-at-pass"),
            pytest.param([FAIL, FAIL, FAIL, OK], 0, id="latest-passes"),
            pytest.param([FAIL, "excluded", FAIL, FAIL], 2, id="stops-at-excluded"),
            pytest.param([FAIL, FAIL, "excluded"], 0, id="latest-not-assessed"),
            pytest.param([OK, FAIL, "3.5", FAIL], 1, id="at-threshold-passes"),
            pytest.param([FAIL, FAIL, "3.49"], 3, id="just-below-fails"),
        ],
    )
    def test_runs_by_month(self, history, expected):
        assessments = [
            _excluded(_month(i)) if value == "excluded" else _assessment(value, _month(i))
            for i, value in enumerate(history, start=1)
        ]
        assert ts.consecutive_failures(assessments, "3.5") == expected

    @pytest.mark.parametrize(
        "order",
        [(0, 1, 2, 3, 4), (4, 3, 2, 1, 0), (2, 0, 4, 1, 3), (3, 4, 0, 2, 1)],
        ids=["sorted", "reversed", "mixed-1", "mixed-2"],
    )
    def test_any_input_order(self, order):
        # Jan passes, then Feb..May fail: 4 in a row whatever the order given.
        history = [_assessment(OK, _month(1))]
        history += [_assessment(FAIL, _month(m)) for m in (2, 3, 4, 5)]
        assessments = [history[i] for i in order]
        assert ts.consecutive_failures(assessments, "3.5") == 4

    def test_reverse_order(self):
        assessments = [
            _assessment(FAIL, _month(3)),
            _assessment(FAIL, _month(2)),
            _assessment(OK, _month(1)),
        ]
        assert ts.consecutive_failures(assessments, "3.5") == 2

    def test_latest_is_by_period_not_position(self):
        # The pass is the latest period though it comes first in the list.
        assessments = [
            _assessment(OK, _month(6)),
            _assessment(FAIL, _month(4)),
            _assessment(FAIL, _month(5)),
        ]
        assert ts.consecutive_failures(assessments, "3.5") == 0

    def test_stops_at_no_data_period(self):
        no_data = ts.assess(
            ts.DimensionScores(), category=APPAREL, period=_month(2), rules=_rules()
        )
        assessments = [_assessment(FAIL, _month(1)), no_data]
        assessments.append(_assessment(FAIL, _month(3)))
        assert ts.consecutive_failures(assessments, "3.5") == 1

    def test_stops_at_exempt_period(self):
        exempt = ts.assess(
            ts.DimensionScores(product=1),
            category=APPAREL,
            period=_month(7),
            rules=_rules(SOLO_WEIGHTS, exemptions=(_exemption(),)),
        )
        assert exempt.status is ts.Status.EXEMPT
        assessments = [_assessment(FAIL, _month(6)), exempt]
        assessments.append(_assessment(FAIL, _month(8)))
        assert ts.consecutive_failures(assessments, "3.5") == 1

    def test_stops_at_missing_month(self):
        assessments = [_assessment(FAIL, _month(m)) for m in (1, 2, 4, 5)]
        assert ts.consecutive_failures(assessments, "3.5") == 2

    def test_missing_latest_month_gap_is_not_bridged(self):
        assessments = [_assessment(FAIL, _month(m)) for m in (1, 2, 3, 6)]
        assert ts.consecutive_failures(assessments, "3.5") == 1

    def test_across_year_end(self):
        assessments = [
            _assessment(FAIL, _month(11, 2023)),
            _assessment(FAIL, _month(12, 2023)),
            _assessment(FAIL, _month(1, 2024)),
        ]
        assert ts.consecutive_failures(assessments, "3.5") == 3

    def test_year_gap_same_month_is_a_gap(self):
        assessments = [
            _assessment(FAIL, _month(1, 2023)),
            _assessment(FAIL, _month(1, 2024)),
        ]
        assert ts.consecutive_failures(assessments, "3.5") == 1

    def test_adjacent_non_month_periods(self):
        periods = [
            ts.AssessmentPeriod(date(2024, 1, 1), date(2024, 1, 10)),
            ts.AssessmentPeriod(date(2024, 1, 11), date(2024, 1, 20)),
            ts.AssessmentPeriod(date(2024, 1, 21), date(2024, 2, 29)),
        ]
        assessments = [_assessment(FAIL, p) for p in periods]
        assert ts.consecutive_failures(assessments, "3.5") == 3

    def test_one_day_gap(self):
        periods = [
            ts.AssessmentPeriod(date(2024, 1, 1), date(2024, 1, 30)),
            ts.AssessmentPeriod(date(2024, 2, 1), date(2024, 2, 29)),
        ]
        assessments = [_assessment(FAIL, p) for p in periods]
        assert ts.consecutive_failures(assessments, "3.5") == 1

    @pytest.mark.parametrize(
        "second",
        [
            pytest.param(_month(1), id="same-period-twice"),
            pytest.param(
                ts.AssessmentPeriod(date(2024, 1, 31), date(2024, 2, 29)),
                id="share-one-day",
            ),
            pytest.param(
                ts.AssessmentPeriod(date(2024, 1, 10), date(2024, 1, 12)),
                id="inside",
            ),
        ],
    )
    def test_overlapping_periods_raise(self, second):
        assessments = [_assessment(FAIL, _month(1)), _assessment(OK, second)]
        with pytest.raises(ts.InvalidPeriodError):
            ts.consecutive_failures(assessments, "3.5")

    def test_overlap_raises_even_far_from_latest(self):
        assessments = [_assessment(FAIL, _month(m)) for m in (1, 2, 3, 4, 5)]
        assessments.append(_assessment(OK, _month(1)))
        with pytest.raises(ts.InvalidPeriodError):
            ts.consecutive_failures(assessments, "3.5")

    def test_accepts_any_iterable(self):
        assessments = (_assessment(FAIL, _month(m)) for m in (1, 2))
        assert ts.consecutive_failures(assessments, "3.5") == 2


class TestStarRating:
    @pytest.mark.parametrize(
        ("score", "expected"),
        [
            pytest.param(0, None, id="0"),
            pytest.param("2.99", None, id="2.99"),
            pytest.param(3, "3", id="3"),
            pytest.param("3.49", "3", id="3.49"),
            pytest.param("3.5", "3.5", id="3.5"),
            pytest.param("3.99", "3.5", id="3.99"),
            pytest.param(4, "4", id="4"),
            pytest.param("4.49", "4", id="4.49"),
            pytest.param(D("4.50"), "4.5", id="4.50"),
            pytest.param("4.99", "4.5", id="4.99"),
            pytest.param(5, "5", id="5"),
            pytest.param(4.3, "4", id="float-4.3"),
            pytest.param(D("3.30"), "3", id="seed-3.30"),
        ],
    )
    def test_levels(self, score, expected):
        result = ts.star_rating(score)
        if expected is None:
            assert result is None
        else:
            assert isinstance(result, Decimal)
            assert result == D(expected)

    @pytest.mark.parametrize(
        "score",
        [99, D("99"), "-0.01", -1, "5.01", 5.01],
        ids=["99", "decimal-99", "-0.01", "-1", "5.01", "float-5.01"],
    )
    def test_outside_0_to_5(self, score):
        with pytest.raises(ts.InvalidScoreError):
            ts.star_rating(score)

    def test_not_assessed_score_has_no_stars(self):
        with pytest.raises(ts.InvalidScoreError):
            ts.star_rating(ts.NOT_ASSESSED_SCORE)


def _exemptions():
    return (
        _exemption(date(2024, 7, 15), date(2024, 7, 31), reason="洪水 in 河南"),
        _exemption(
            date(2024, 9, 1),
            date(2024, 9, 3),
            reason="台风",
            categories=[APPAREL, "美妆"],
            regions=["浙江", "上海"],
        ),
    )


def _book():
    return ts.RuleBook(
        profiles={APPAREL: SEED_WEIGHTS, "美妆": SOLO_WEIGHTS, "食品": HALF_WEIGHTS},
        exemptions=_exemptions(),
        missing_data=ts.MissingDataPolicy.ZERO,
    )


def _values():
    rules = _rules(exemptions=(_exemption(),))
    return [
        pytest.param(SEED_SCORES, id="scores"),
        pytest.param(
            ts.DimensionScores(product="4.3", after_sales=0, consultation="3.75"),
            id="scores-partial",
        ),
        pytest.param(ts.DimensionScores(), id="scores-empty"),
        pytest.param(SEED_WEIGHTS, id="weights"),
        pytest.param(HALF_WEIGHTS, id="weights-half"),
        pytest.param(JULY, id="period"),
        pytest.param(_month(2), id="period-february"),
        pytest.param(_exemption(), id="exemption"),
        pytest.param(_exemptions()[1], id="exemption-scoped"),
        pytest.param(_book(), id="rulebook"),
        pytest.param(ts.RuleBook(profiles={}), id="rulebook-empty"),
        pytest.param(ts.example_rulebook(), id="rulebook-example"),
        pytest.param(
            ts.assess(SEED_SCORES, category=APPAREL, period=JULY, rules=_rules()),
            id="assessment-scored",
        ),
        pytest.param(
            ts.assess(SEED_SCORES, category=APPAREL, period=JULY, rules=rules),
            id="assessment-exempt",
        ),
        pytest.param(
            ts.assess(SEED_SCORES, category=DIGITAL, period=JULY, rules=rules),
            id="assessment-excluded",
        ),
        pytest.param(
            ts.assess(ts.DimensionScores(), category=APPAREL, period=JULY, rules=_rules()),
            id="assessment-no-data",
        ),
    ]


class TestConverter:
    @pytest.mark.parametrize("value", _values())
    def test_round_trip(self, value):
        raw = ts.converter.unstructure(value)
        assert ts.converter.structure(raw, type(value)) == value

    @pytest.mark.parametrize("value", _values())
    def test_round_trip_through_json_text(self, value):
        text = json.dumps(ts.converter.unstructure(value), ensure_ascii=False)
        assert ts.converter.structure(json.loads(text), type(value)) == value

    @pytest.mark.parametrize("value", _values())
    def test_json_safe_leaves(self, value):
        leaves = _leaves(ts.converter.unstructure(value))
        for leaf in leaves:
            assert not isinstance(leaf, Decimal | date | enum.Enum | float), leaf

    def test_decimals_as_strings(self):
        raw = ts.converter.unstructure(ts.DimensionScores(product=4.3, consultation="3.75"))
        assert raw["product"] == "4.3"
        assert raw["consultation"] == "3.75"

    def test_weight_profile_keyed_by_dimension_value(self):
        assert ts.converter.unstructure(SEED_WEIGHTS) == {
            "product": "0.2",
            "logistics": "0.3",
            "after_sales": "0.2",
            "dispute": "0.2",
            "consultation": "0.1",
        }

    def test_dates_as_iso_strings(self):
        leaves = _leaves(ts.converter.unstructure(_month(2)))
        assert "2024-02-01" in leaves
        assert "2024-02-29" in leaves

    def test_exemption_dates_as_iso_strings(self):
        raw = ts.converter.unstructure(_exemption())
        assert raw["start"] == "2024-07-10"
        assert raw["end"] == "2024-07-20"
        assert raw["reason"] == "特大灾害"

    def test_enums_by_value(self):
        raw = ts.converter.unstructure(_book())
        assert raw["missing_data"] == "zero"
        assert raw["profiles"][APPAREL]["logistics"] == "0.3"

    def test_assessment_status_by_value(self):
        result = ts.assess(SEED_SCORES, category=APPAREL, period=JULY, rules=_rules())
        leaves = _leaves(ts.converter.unstructure(result))
        assert ts.Status.SCORED.value in leaves
        assert "3.30" in leaves
        assert APPAREL in leaves


# The file format as API.md describes it, written by hand.
HAND_WRITTEN_TOML = """\
missing_data = "refuse"

[profiles."服饰"]
product = "0.2"
logistics = "0.3"
after_sales = "0.2"
dispute = "0.2"
consultation = "0.1"

[[exemptions]]
start = "2024-07-15"
end = "2024-07-31"
reason = "洪水"
regions = ["河南"]
"""


class TestLoadRulebook:
    @pytest.mark.parametrize(
        "book",
        [
            pytest.param(_book(), id="book"),
            pytest.param(ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS}), id="minimal"),
            pytest.param(ts.example_rulebook(), id="example"),
        ],
    )
    def test_json_round_trip(self, tmp_path, book):
        path = tmp_path / "edition.json"
        raw = ts.converter.unstructure(book)
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        assert ts.load_rulebook(path) == book

    @pytest.mark.parametrize(
        "book",
        [
            pytest.param(_book(), id="book"),
            pytest.param(ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS}), id="minimal"),
            pytest.param(ts.example_rulebook(), id="example"),
        ],
    )
    def test_toml_round_trip(self, tmp_path, book):
        path = tmp_path / "edition.toml"
        raw = _toml_ready(ts.converter.unstructure(book))
        path.write_text(tomli_w.dumps(raw), encoding="utf-8")
        assert ts.load_rulebook(path) == book

    def test_hand_written_toml(self, tmp_path):
        path = tmp_path / "hand.toml"
        path.write_text(
            HAND_WRITTEN_TOML,
            encoding="utf-8",
        )
        expected = ts.RuleBook(
            profiles={APPAREL: SEED_WEIGHTS},
            exemptions=[
                ts.Exemption(
                    start=date(2024, 7, 15),
                    end=date(2024, 7, 31),
                    reason="洪水",
                    regions=["河南"],
                )
            ],
            missing_data=ts.MissingDataPolicy.REFUSE,
        )
        assert ts.load_rulebook(path) == expected

    def test_hand_written_json(self, tmp_path):
        path = tmp_path / "hand.json"
        document = {
            "profiles": {
                "美妆": {
                    "product": "0.3",
                    "logistics": "0.2",
                    "after_sales": "0.2",
                    "dispute": "0.2",
                    "consultation": "0.1",
                }
            },
        }
        path.write_text(json.dumps(document), encoding="utf-8")
        loaded = ts.load_rulebook(path)
        assert loaded.profiles["美妆"][P.PRODUCT] == D("0.3")
        assert loaded.missing_data is ts.MissingDataPolicy.RENORMALISE
        assert tuple(loaded.exemptions) == ()

    def test_example_rulebook(self):
        book = ts.example_rulebook()
        assert isinstance(book, ts.RuleBook)
        assert book == ts.example_rulebook()
        assert all(isinstance(p, ts.WeightProfile) for p in book.profiles.values())

    def test_loaded_book_assesses(self, tmp_path):
        path = tmp_path / "edition.json"
        raw = ts.converter.unstructure(_book())
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        result = ts.assess(
            SEED_SCORES, category=APPAREL, period=_month(6), rules=ts.load_rulebook(path)
        )
        assert result.score == D("3.30")


class TestErrors:
    @pytest.mark.parametrize(
        "leaf",
        [
            ts.InvalidScoreError,
            ts.InvalidWeightsError,
            ts.InvalidPeriodError,
            ts.MissingDataError,
            ts.RuleBookError,
        ],
        ids=lambda leaf: leaf.__name__,
    )
    def test_leaf_is_base_and_value_error(self, leaf):
        assert issubclass(leaf, ts.TmallServiceError)
        assert issubclass(leaf, ValueError)

    def test_base_is_an_exception(self):
        assert issubclass(ts.TmallServiceError, Exception)

    @pytest.mark.parametrize(
        "call",
        [
            pytest.param(lambda: ts.DimensionScores(product="x"), id="score"),
            pytest.param(lambda: ts.AssessmentPeriod.month(2024, 13), id="month"),
            pytest.param(
                lambda: ts.composite_score(ts.DimensionScores(), SEED_WEIGHTS),
                id="missing",
            ),
            pytest.param(lambda: _exemption(categories="服饰"), id="bare-string"),
        ],
    )
    def test_caught_as_base_and_value_error(self, call):
        with pytest.raises(ts.TmallServiceError):
            call()
        with pytest.raises(ValueError):  # noqa: PT011 - the base class is the point
            call()
