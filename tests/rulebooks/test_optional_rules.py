"""The optional rules of an edition: minimum volume, new-shop grace, bonuses, star bands."""

import datetime as dt
from decimal import Decimal

import pytest

import tmall_service as ts
from tmall_service._rules.assessment import bonus_points

D = dt.date
APPAREL = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)
GOOD = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)  # 3.30
JULY = ts.AssessmentPeriod.month(2024, 7)


def rules(**settings):
    return ts.RuleBook(profiles={"服饰": APPAREL}, **settings)


def run(book, scores=GOOD, **facts):
    return ts.assess(scores, category="服饰", period=JULY, rules=book, **facts)


class TestMinimumVolume:
    def test_off_by_default(self):
        assert run(rules(), orders=0).status is ts.Status.SCORED

    @pytest.mark.parametrize(
        ("orders", "status"), [(29, "below_minimum_volume"), (30, "scored"), (None, "scored")]
    )
    def test_fewer_orders_than_the_minimum_is_not_assessed(self, orders, status):
        result = run(rules(minimum_orders=30), orders=orders)
        assert result.status.value == status
        assert result.score == (Decimal(99) if status != "scored" else Decimal("3.30"))

    @pytest.mark.parametrize("orders", [-1, 2.5, "12", True])
    def test_bad_order_counts_are_refused(self, orders):
        with pytest.raises(ts.InvalidScoreError, match="orders: "):
            run(rules(minimum_orders=30), orders=orders)

    @pytest.mark.parametrize("minimum", [0, -3, 1.5, True, "30"])
    def test_bad_minimums_are_refused(self, minimum):
        with pytest.raises(ts.RuleBookError, match="minimum_orders: "):
            rules(minimum_orders=minimum)


class TestNewShopGrace:
    @pytest.mark.parametrize(
        ("opened", "status"),
        [
            (D(2024, 7, 20), "new_shop"),  # opened within the period
            (D(2024, 5, 1), "new_shop"),  # May, June, July are its first three months
            (D(2024, 4, 30), "scored"),  # April, May, June; July is assessed
            (D(2024, 9, 1), "new_shop"),  # opened after the period: no data could exist
            (None, "scored"),
        ],
    )
    def test_the_first_calendar_months_are_not_assessed(self, opened, status):
        assert run(rules(new_shop_grace_months=3), opened=opened).status.value == status

    def test_off_by_default(self):
        assert run(rules(), opened=D(2024, 7, 1)).status is ts.Status.SCORED

    def test_a_bad_opening_date_is_refused(self):
        with pytest.raises(ts.InvalidPeriodError, match="opened: '2024-07-01'"):
            run(rules(new_shop_grace_months=3), opened="2024-07-01")

    def test_a_grace_period_reaching_past_the_calendar_covers_the_shop(self):
        book = rules(new_shop_grace_months=1)
        late = ts.AssessmentPeriod.month(9999, 12)
        result = ts.assess(GOOD, category="服饰", period=late, rules=book, opened=D(9999, 12, 1))
        assert result.status is ts.Status.NEW_SHOP


class TestPrecedence:
    def test_exempt_comes_before_new_shop_and_new_shop_before_minimum_volume(self):
        flood = ts.Exemption(start=D(2024, 7, 1), end=D(2024, 7, 3), reason="flood")
        book = rules(minimum_orders=30, new_shop_grace_months=3, exemptions=[flood])
        assert run(book, orders=1, opened=D(2024, 7, 1)).status is ts.Status.EXEMPT
        book = rules(minimum_orders=30, new_shop_grace_months=3)
        assert run(book, orders=1, opened=D(2024, 7, 1)).status is ts.Status.NEW_SHOP
        assert run(book, orders=1, opened=D(2020, 1, 1)).status is ts.Status.BELOW_MINIMUM_VOLUME
        assert run(book, ts.DimensionScores(), orders=100).status is ts.Status.NO_DATA


class TestBonuses:
    def test_a_bonus_is_added_and_shown(self):
        result = run(rules(bonuses={"special_service": "0.25"}), bonuses=["special_service"])
        assert result.score == Decimal("3.55")
        assert result.bonus == Decimal("0.25")
        assert result.bonuses == frozenset({"special_service"})
        assert result.score - result.bonus == ts.composite_score(GOOD, APPAREL)

    def test_the_score_is_capped_at_5_and_the_bonus_shows_what_was_added(self):
        top = ts.DimensionScores(
            product="4.9", logistics="4.9", after_sales="4.9", dispute="4.9", consultation="4.9"
        )
        result = run(rules(bonuses={"a": "0.25", "b": "0.25"}), top, bonuses=["a", "b"])
        assert str(result.score) == "5.00"
        assert result.bonus == Decimal("0.10")
        assert result.stars == Decimal(5)

    def test_a_bonus_is_rounded_with_the_score(self):
        result = run(rules(bonuses={"odd": "0.125"}), bonuses=["odd"])
        assert str(result.score) == "3.43"  # 3.425 rounds half up

    def test_an_unknown_bonus_is_refused(self):
        with pytest.raises(
            ts.RuleBookError, match="bonuses: 'vip' is not a bonus of this edition; it has special"
        ):
            run(rules(bonuses={"special": "0.25"}), bonuses=["vip"])

    def test_a_bonus_does_not_apply_to_a_shop_not_assessed(self):
        result = run(rules(bonuses={"a": "0.25"}), ts.DimensionScores(), bonuses=["a"])
        assert result.score == Decimal(99)
        assert result.bonus == 0

    @pytest.mark.parametrize("points", ["-0.1", "5.1", "NaN"])
    def test_bad_bonus_points_are_refused(self, points):
        with pytest.raises(ts.RuleBookError, match=r"bonuses\.a: "):
            rules(bonuses={"a": points})


class TestStarBands:
    def test_an_edition_may_set_its_own_bands(self):
        book = rules(star_bands=["2", "3", "4"])
        assert run(book).stars == Decimal(3)
        assert book.stars("1.99") is None
        assert ts.star_rating("4.2", bands=["2", "3", "4"]) == Decimal(4)

    @pytest.mark.parametrize("bands", [[], ["4", "3"], ["3", "3"], ["6"], "345"])
    def test_bands_must_rise_within_0_to_5(self, bands):
        with pytest.raises(ts.RuleBookError, match="star_bands"):
            rules(star_bands=bands)


class TestAssessmentFields:
    def base(self, **changes):
        arguments = {
            "scores": GOOD,
            "category": "服饰",
            "period": JULY,
            "status": ts.Status.SCORED,
            "score": "3.55",
            **changes,
        }
        return ts.Assessment(**arguments)

    def test_stars_default_to_the_sources_levels(self):
        assert self.base().stars == Decimal("3.5")
        assert self.base(stars=None).stars is None

    @pytest.mark.parametrize(
        ("changes", "pattern"),
        [
            ({"stars": "4"}, r"stars: '4' is outside \[0, 3\.55\]"),
            ({"status": ts.Status.NO_DATA, "score": 99, "stars": "3"}, "has none"),
            ({"bonus": "4"}, "bonus: '4' does not fit"),
            ({"bonus": "-1"}, "bonus: '-1' is outside"),
            ({"status": ts.Status.NO_DATA, "score": 99, "bonus": "0.25"}, "does not fit"),
        ],
    )
    def test_inconsistent_fields_are_refused(self, changes, pattern):
        with pytest.raises(ts.InvalidScoreError, match=pattern):
            self.base(**changes)


def test_bonus_names_are_checked_whatever_the_status():
    with pytest.raises(ts.RuleBookError, match="'bogus' is not a bonus"):
        run(rules(bonuses={"a": "0.25"}), ts.DimensionScores(), bonuses=["bogus"])


def test_level_of_is_stars_and_says_it_is_deprecated():
    book = ts.example_rulebook()
    with pytest.warns(DeprecationWarning, match="RuleBook.stars does the same"):
        level = book.level_of(Decimal("4.2"))
    assert level == book.stars("4.2") == Decimal(4)


RULES = ts.example_rulebook()


SCORES = ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4, consultation=4)


def test_a_grace_period_ending_in_the_last_year_of_the_calendar():
    rules = ts.RuleBook(profiles=RULES.profiles, new_shop_grace_months=1)
    opened = dt.date(9998, 12, 5)
    december = ts.AssessmentPeriod.month(9998, 12)
    january = ts.AssessmentPeriod.month(9999, 1)
    grace = ts.assess(SCORES, category="服饰", period=december, rules=rules, opened=opened)
    after = ts.assess(SCORES, category="服饰", period=january, rules=rules, opened=opened)
    assert grace.status is ts.Status.NEW_SHOP
    assert after.status is ts.Status.SCORED
    late = ts.RuleBook(profiles=RULES.profiles, new_shop_grace_months=13)
    result = ts.assess(SCORES, category="服饰", period=january, rules=late, opened=opened)
    assert result.status is ts.Status.NEW_SHOP  # the grace runs past year 9999


def test_a_count_below_one_is_shown_in_the_message():
    with pytest.raises(
        ts.RuleBookError, match=r"^minimum_orders: 0 is not a whole number of at least 1$"
    ):
        ts.RuleBook(profiles={}, minimum_orders=0)


def test_a_star_band_may_be_0():
    assert ts.RuleBook(profiles={}, star_bands=["0", "3"]).star_bands == (0, 3)


def test_no_bonus_is_a_decimal_zero():
    points = bonus_points(RULES, frozenset())
    assert repr(points) == "Decimal('0')"
