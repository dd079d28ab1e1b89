"""assess: the statuses and their order, missing data, and the facts an assessment holds."""

from __future__ import annotations

import datetime as dt
import enum
from datetime import date
from decimal import Decimal

import pytest

import tmall_service as ts
from contract_values import (
    APPAREL,
    DIGITAL,
    HALF_WEIGHTS,
    JULY,
    SEED_SCORES,
    SEED_WEIGHTS,
    SOLO_WEIGHTS,
    D,
    _exemption,
    _rules,
)

POLICIES = [pytest.param(policy, id=policy.name.lower()) for policy in ts.MissingDataPolicy]


SCORES = ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4, consultation=4)


def scored(score: str = "4", **changes: object) -> ts.Assessment:
    arguments: dict[str, object] = {
        "scores": SCORES,
        "category": "服饰",
        "period": JULY,
        "status": ts.Status.SCORED,
        "score": score,
    }
    return ts.Assessment(**(arguments | changes))  # type: ignore[arg-type]


def not_assessed(**changes: object) -> ts.Assessment:
    return scored(**({"status": ts.Status.NO_DATA, "score": 99} | changes))  # type: ignore[arg-type]


FLOOD = ts.Exemption(start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 9), reason="flood")


RULES = ts.example_rulebook()


PRODUCT_AND_LOGISTICS = ts.WeightProfile(
    product="0.5", logistics="0.5", after_sales=0, dispute=0, consultation=0
)


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


def test_a_scored_assessment_takes_any_score_from_0_to_5():
    assert scored("0").score == 0
    assert scored("0.5").score == Decimal("0.5")
    assert scored("5").score == 5
    with pytest.raises(ts.InvalidScoreError, match=r"^score: '-0\.01' is outside \[0, 5\]$"):
        scored("-0.01")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"score": "x"}, r"^score: 'x' is not a number$"),
        ({"score": 50}, r"^score: 50 must be 99 for status 'no_data'$"),
        ({"stars": "3"}, r"^stars: '3' given, but a shop with status 'no_data' has none$"),
        ({"bonuses": "vip"}, r"^bonuses: 'vip' is not a collection of names"),
    ],
)
def test_a_not_assessed_assessment_refuses_a_score_or_stars(changes, message):
    with pytest.raises(ts.TmallServiceError, match=message):
        not_assessed(**changes)


def test_a_not_assessed_assessment_has_no_stars_and_keeps_its_bonuses_empty():
    assert not_assessed().stars is None
    assert not_assessed().bonuses == frozenset()
    assert not_assessed(score="99.00").score == 99


def test_an_exemption_must_fit_the_status():
    with pytest.raises(ts.RuleBookError, match=r"^exemption: Exemption\(.*'scored'$"):
        scored(exemption=FLOOD)
    with pytest.raises(ts.RuleBookError, match=r"^exemption: None does not fit status 'exempt'$"):
        not_assessed(status=ts.Status.EXEMPT)


def test_a_bonus_may_be_the_whole_score_but_no_more():
    assert scored("0.25", bonus="0.25").bonus == Decimal("0.25")
    with pytest.raises(ts.InvalidScoreError, match=r"^bonus: '0\.26' does not fit score 0\.25"):
        scored("0.25", bonus="0.26")


def test_the_names_of_the_bonuses_earned_are_kept():
    assert scored(bonus="0.1", bonuses=["vip", "vip", "special"]).bonuses == {"vip", "special"}


def test_an_assessment_names_the_kinds_of_scores_it_takes():
    with pytest.raises(
        ts.InvalidScoreError, match=r"^scores: 'x' is not a DimensionScores or TaobaoScores$"
    ):
        scored(scores="x")


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"category": 3}, ts.RuleBookError, r"^category: 3 is not a str$"),
        ({"region": 3}, ts.RuleBookError, r"^region: 3 is not a str$"),
        ({"bonuses": "vip"}, ts.RuleBookError, r"^bonuses: 'vip' is not a collection of names"),
        ({"orders": "x"}, ts.InvalidScoreError, r"^orders: 'x' is not a number of orders$"),
        (
            {"bonuses": ["vip"]},
            ts.RuleBookError,
            r"^bonuses: 'vip' is not a bonus of this edition; it has special_service$",
        ),
    ],
)
def test_assess_names_the_argument_at_fault(changes, error, message):
    arguments = {"category": "服饰", "period": JULY, "rules": RULES} | changes
    with pytest.raises(error, match=message):
        ts.assess(SCORES, **arguments)


@pytest.mark.parametrize(("bonuses", "listed"), [({}, "none"), ({"b": "0.1", "a": "0.2"}, "a, b")])
def test_an_unknown_bonus_is_refused_listing_the_editions_bonuses(bonuses, listed):
    rules = ts.RuleBook(profiles=RULES.profiles, bonuses=bonuses)
    message = f"^bonuses: 'vip' is not a bonus of this edition; it has {listed}$"
    with pytest.raises(ts.RuleBookError, match=message):
        ts.assess(SCORES, category="服饰", period=JULY, rules=rules, bonuses=["vip"])


def test_assess_keeps_the_region():
    result = ts.assess(SCORES, category="服饰", period=JULY, rules=RULES, region="浙江")
    assert result.region == "浙江"
    assert ts.assess(SCORES, category="服饰", period=JULY, rules=RULES).region is None


def test_a_missing_weighted_score_is_named_with_its_weight():
    message = (
        r"^logistics: no score, but its weight is 0\.5; "
        r"give a score or choose a missing-data policy$"
    )
    with pytest.raises(ts.MissingDataError, match=message):
        ts.composite_score(ts.DimensionScores(product=4), PRODUCT_AND_LOGISTICS)


def test_no_weighted_score_at_all_cannot_be_renormalised():
    message = r"^no dimension with weight has a score; the shop has no data to score$"
    with pytest.raises(ts.MissingDataError, match=message):
        ts.composite_score(
            ts.DimensionScores(consultation=4),
            PRODUCT_AND_LOGISTICS,
            missing_data=ts.MissingDataPolicy.RENORMALISE,
        )


def test_a_renormalised_zero_is_zero():
    scores = ts.DimensionScores(product=0, consultation=4)
    renormalised = ts.composite_score(
        scores, PRODUCT_AND_LOGISTICS, missing_data=ts.MissingDataPolicy.RENORMALISE
    )
    assert renormalised == Decimal("0.00")
    assert str(renormalised) == "0.00"
