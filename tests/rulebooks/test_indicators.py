"""Indicators, their readings, and the scales from readings to dimension scores."""

import json
from decimal import Decimal
from fractions import Fraction

import pytest
import tomli_w

import tmall_service as ts

D = Decimal
IND = ts.Indicator
P = ts.ScalePoint
BANDED, LINEAR = ts.ScaleKind.BANDED, ts.ScaleKind.LINEAR
HIGHER, LOWER = ts.Direction.HIGHER_IS_BETTER, ts.Direction.LOWER_IS_BETTER


def scale(kind, *points, weight=1):
    return ts.IndicatorScale(
        kind=kind, points=[P(value=v, score=s) for v, s in points], weight=weight
    )


def without_nulls(value):
    """*value* with every null left out, as TOML has none."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


class TestIndicatorFacts:
    @pytest.mark.parametrize(
        ("indicator", "label", "dimension", "unit", "direction", "low", "high"),
        [
            (IND.DSR, "商品DSR", "product", "points", HIGHER, 0, 5),
            (IND.PICKUP_24H, "24小时揽收率", "logistics", "percent", HIGHER, 0, 100),
            (IND.REFUND_DURATION, "退款完结时长", "after_sales", "days", LOWER, 0, None),
            (IND.DISPUTE_REFUND_RATE, "纠纷退款率", "dispute", "percent", LOWER, 0, 100),
            (IND.COMPLAINT_RATE, "投诉成立率", "dispute", "percent", LOWER, 0, 100),
            (IND.RESPONSE_RATE, "旺旺响应率", "consultation", "percent", HIGHER, 0, 100),
            (IND.RESPONSE_TIME, "人工响应时长", "consultation", "seconds", LOWER, 0, None),
        ],
    )
    def test_each_indicator(self, indicator, label, dimension, unit, direction, low, high):
        assert indicator.label_zh == label
        assert indicator.dimension is ts.Dimension(dimension)
        assert indicator.unit == unit
        assert indicator.direction is direction
        assert indicator.low == low
        assert indicator.high == high
        assert isinstance(indicator.low, Decimal)

    def test_there_are_seven_and_every_dimension_has_one(self):
        assert len(IND) == 7
        assert {indicator.dimension for indicator in IND} == set(ts.Dimension)

    def test_an_indicator_is_found_by_its_value(self):
        assert IND("response_time") is IND.RESPONSE_TIME


class TestIndicatorValues:
    def test_readings_become_exact_decimals(self):
        values = ts.IndicatorValues(dsr=4.8, pickup_24h=96, refund_duration="1.50")
        assert values.dsr == D("4.8")
        assert values[IND.PICKUP_24H] == 96
        assert values["refund_duration"] == D("1.50")
        assert values.response_time is None

    def test_given_lists_the_readings_there_are_in_indicator_order(self):
        values = ts.IndicatorValues(response_time=0, dsr=5)
        assert values.given() == {IND.DSR: D(5), IND.RESPONSE_TIME: D(0)}
        assert ts.IndicatorValues().given() == {}

    def test_equal_by_value(self):
        assert ts.IndicatorValues(dsr="4.8") == ts.IndicatorValues(dsr=4.8)
        assert hash(ts.IndicatorValues(dsr="4.8")) == hash(ts.IndicatorValues(dsr=4.8))

    @pytest.mark.parametrize("key", ["price", "product", ts.Dimension.PRODUCT, None])
    def test_an_unknown_indicator_is_refused(self, key):
        with pytest.raises(ts.UnknownDimensionError, match="is not an indicator"):
            ts.IndicatorValues()[key]

    @pytest.mark.parametrize(
        ("readings", "message"),
        [
            ({"dsr": float("nan")}, "dsr: nan is not a finite number"),
            ({"dsr": "NaN"}, "dsr: 'NaN' is not a finite number"),
            ({"pickup_24h": float("inf")}, "pickup_24h: inf is not a finite number"),
            ({"response_time": "-Infinity"}, "response_time: '-Infinity' is not a finite"),
            ({"dsr": True}, "dsr: True is a bool, not a number"),
            ({"dsr": "5.01"}, r"dsr: '5.01' is outside \[0, 5\]"),
            ({"pickup_24h": "100.01"}, r"pickup_24h: '100.01' is outside \[0, 100\]"),
            ({"complaint_rate": -1}, r"complaint_rate: -1 is outside \[0, 100\]"),
            ({"response_time": -1}, r"response_time: -1 is outside \[0, ∞\)"),
            ({"refund_duration": "-0.5"}, r"refund_duration: '-0.5' is outside \[0, ∞\)"),
            ({"dsr": "1e999999"}, r"dsr: '1e999999' is outside \[0, 5\]"),
            ({"response_rate": "1E+400"}, "response_rate: '1E\\+400' is outside"),
            ({"response_time": "1e-40"}, "response_time: '1e-40' has more than 28 decimal"),
            ({"pickup_24h": "九十"}, "pickup_24h: '九十' is not a number"),
            ({"pickup_24h": [96]}, "pickup_24h: \\[96\\] is a list"),
        ],
    )
    def test_bad_readings_are_refused_by_name(self, readings, message):
        with pytest.raises(ts.InvalidScoreError, match=message):
            ts.IndicatorValues(**readings)

    def test_a_duration_has_no_upper_bound(self):
        values = ts.IndicatorValues(response_time="1e999999", refund_duration=10**30)
        assert values.response_time == D("1e999999")
        assert values.refund_duration == 10**30


class TestScalePoint:
    def test_fields_are_exact(self):
        assert P(value=4.5, score="4") == P(value=D("4.5"), score=4)

    @pytest.mark.parametrize(
        ("value", "score", "message"),
        [
            (1, 6, r"score: 6 is outside \[0, 5\]"),
            (1, -1, r"score: -1 is outside \[0, 5\]"),
            (1, True, "score: True is a bool"),
            ("x", 1, "value: 'x' is not a number"),
            (float("nan"), 1, "value: nan is not a finite number"),
            (None, 1, "value: None is a NoneType"),
        ],
    )
    def test_bad_points_are_refused(self, value, score, message):
        with pytest.raises(ts.RuleBookError, match=message):
            P(value=value, score=score)


class TestBandedScales:
    PICKUP = scale(BANDED, (80, 3), (90, 4), (95, 5))  # at least 80%: 3, and so on
    REFUND = scale(BANDED, (1, 5), (3, 4), (5, 3))  # at most 1 day: 5, and so on

    @pytest.mark.parametrize(
        ("reading", "score"),
        [
            (0, "0"),  # below the first point: 0
            ("79.99", "0"),
            (80, "3"),  # exactly on a point
            ("89.99", "3"),
            (90, "4"),
            ("94.99", "4"),
            (95, "5"),
            (100, "5"),  # above the last point: the last score
        ],
    )
    def test_higher_is_better_takes_the_last_point_reached(self, reading, score):
        assert self.PICKUP.score(reading, IND.PICKUP_24H) == D(score)

    @pytest.mark.parametrize(
        ("reading", "score"),
        [
            (0, "5"),  # below the first point: the first score
            (1, "5"),  # exactly on a point
            ("1.01", "4"),
            (3, "4"),
            ("3.5", "3"),
            (5, "3"),
            ("5.01", "0"),  # above the last point: 0
            (1000, "0"),
            ("1e999999", "0"),
        ],
    )
    def test_lower_is_better_takes_the_first_point_not_exceeded(self, reading, score):
        assert self.REFUND.score(reading, IND.REFUND_DURATION) == D(score)

    def test_the_score_is_shown_to_two_places(self):
        assert str(self.PICKUP.score(92, "pickup_24h")) == "4.00"

    def test_one_point_is_a_scale(self):
        at_least = scale(BANDED, (90, "4.5"))
        assert at_least.score(90, IND.RESPONSE_RATE) == D("4.5")
        assert at_least.score(89, IND.RESPONSE_RATE) == 0


class TestLinearScales:
    RATE = scale(LINEAR, (80, 2), (95, 4), (100, 5))
    TIME = scale(LINEAR, (0, 5), (200, 0))

    @pytest.mark.parametrize(
        ("reading", "exact", "shown"),
        [
            (0, Fraction(2), "2.00"),  # flat below the first point
            (80, Fraction(2), "2.00"),
            (81, Fraction(32, 15), "2.13"),  # 2 + 2 × 1/15
            ("87.5", Fraction(3), "3.00"),  # halfway between 80 and 95
            (95, Fraction(4), "4.00"),
            (97, Fraction(22, 5), "4.40"),  # 4 + 1 × 2/5
            (100, Fraction(5), "5.00"),
        ],
    )
    def test_straight_lines_between_points(self, reading, exact, shown):
        assert Fraction(self.RATE.exact(D(reading), IND.RESPONSE_RATE)) == exact
        assert str(self.RATE.score(reading, IND.RESPONSE_RATE)) == shown

    def test_halves_round_up(self):
        # 5 − 5 × 1/200 = 4.975 exactly: half up gives 4.98 (half even would give 4.98 too,
        # so take 3: 5 − 5 × 3/200 = 4.925 → 4.93, where half even gives 4.92).
        assert self.TIME.score(1, IND.RESPONSE_TIME) == D("4.98")
        assert self.TIME.score(3, IND.RESPONSE_TIME) == D("4.93")

    def test_flat_beyond_the_last_point(self):
        assert self.TIME.score(200, IND.RESPONSE_TIME) == 0
        assert self.TIME.score(10**6, IND.RESPONSE_TIME) == 0
        assert self.RATE.score(0, IND.RESPONSE_RATE) == 2

    def test_interpolation_is_exact_however_far_apart_the_points(self):
        # Decimal arithmetic would round 1e20 − 1e-10 to 28 digits.
        wide = scale(LINEAR, ("1e-10", 5), ("1e20", 0))
        low, high = Fraction(D("1e-10")), Fraction(10**20)
        expected = 5 - 5 * (1 - low) / (high - low)
        assert wide.exact(D(1), IND.RESPONSE_TIME) == expected

    def test_a_point_with_a_huge_exponent_does_not_overflow(self):
        # Decimal's default context overflows past 1e999999.
        huge = scale(LINEAR, (0, 5), ("1e1000000", 0))
        assert huge.exact(D(1), IND.RESPONSE_TIME) == 5 - Fraction(5, 10**1000000)
        assert huge.score(1, IND.RESPONSE_TIME) == D("5.00")


class TestScaleScoreArguments:
    PICKUP = scale(BANDED, (80, 3))

    def test_a_reading_out_of_the_indicators_range_is_refused(self):
        with pytest.raises(ts.InvalidScoreError, match=r"pickup_24h: 101 is outside \[0, 100\]"):
            self.PICKUP.score(101, IND.PICKUP_24H)

    def test_none_is_not_a_reading(self):
        with pytest.raises(ts.InvalidScoreError, match="pickup_24h: None is not a reading"):
            self.PICKUP.score(None, IND.PICKUP_24H)

    def test_an_unknown_indicator_is_refused(self):
        with pytest.raises(ts.UnknownDimensionError, match="'price' is not an indicator"):
            self.PICKUP.score(90, "price")


class TestIndicatorScaleValidation:
    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            (
                {"kind": BANDED, "points": [P(value=2, score=1), P(value=1, score=2)]},
                r"points\[1\]: reading 1 does not rise above 2",
            ),
            (
                {"kind": BANDED, "points": [P(value=1, score=1), P(value=1, score=2)]},
                r"points\[1\]: reading 1 does not rise above 1",
            ),
            ({"kind": BANDED, "points": []}, "points: a scale needs at least one point"),
            (
                {"kind": LINEAR, "points": [P(value=1, score=1)]},
                "points: a linear scale needs at least two points",
            ),
            ({"kind": "banded", "points": [P(value=1, score=1)]}, "kind: 'banded' is not"),
            ({"kind": BANDED, "points": "80:3"}, "points: '80:3' is not a sequence"),
            ({"kind": BANDED, "points": P(value=1, score=1)}, "points: .* is not a sequence"),
            ({"kind": BANDED, "points": [(80, 3)]}, r"points\[0\]: \(80, 3\) is not a ScalePoint"),
            ({"kind": BANDED, "points": [P(value=1, score=1)], "weight": 0}, "weight: 0 leaves"),
            (
                {"kind": BANDED, "points": [P(value=1, score=1)], "weight": "1.5"},
                r"weight: '1.5' is outside \[0, 1\]",
            ),
            ({"kind": BANDED, "points": [P(value=1, score=1)], "weight": -1}, "weight: -1 is"),
            ({"kind": BANDED, "points": [P(value=1, score=1)], "weight": True}, "weight: True"),
        ],
    )
    def test_bad_scales_are_refused(self, kwargs, message):
        with pytest.raises(ts.RuleBookError, match=message):
            ts.IndicatorScale(**kwargs)

    def test_the_weight_defaults_to_one(self):
        assert scale(BANDED, (1, 1)).weight == 1
        assert scale(BANDED, (1, 1), weight="0.25").weight == D("0.25")


class TestIndicatorScalesValidation:
    UP = scale(BANDED, (80, 3), (90, 4), (95, 5))
    DOWN = scale(BANDED, (1, 5), (3, 4), (5, 3))

    def test_keys_may_be_values(self):
        scales = ts.IndicatorScales(default={"pickup_24h": self.UP})
        assert dict(scales.default) == {IND.PICKUP_24H: self.UP}
        assert dict(scales.categories) == {}

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"default": {"price": UP}}, "default: indicator: 'price' is not an indicator"),
            ({"default": {"pickup_24h": "banded"}}, "default.pickup_24h: 'banded' is not an"),
            ({"default": "pickup_24h"}, "default: 'pickup_24h' is not a mapping"),
            ({"default": [UP]}, "default: .* is not a mapping"),
            # Readings out of the indicator's range.
            ({"default": {IND.DSR: UP}}, r"default.dsr.points\[0\].value: 80 is outside \[0, 5\]"),
            (
                {"default": {IND.RESPONSE_RATE: scale(BANDED, (90, 4), (101, 5))}},
                r"default.response_rate.points\[1\].value: 101 is outside \[0, 100\]",
            ),
            (
                {"default": {IND.RESPONSE_TIME: scale(BANDED, (-1, 5))}},
                r"default.response_time.points\[0\].value: -1 is outside \[0, ∞\)",
            ),
            # Non-monotone for the direction.
            (
                {"default": {IND.REFUND_DURATION: UP}},
                "default.refund_duration.points: a lower refund_duration must never score less",
            ),
            (
                {"default": {IND.PICKUP_24H: DOWN}},
                "default.pickup_24h.points: a higher pickup_24h must never score less",
            ),
            (
                {"default": {IND.RESPONSE_RATE: scale(LINEAR, (80, 2), (90, 4), (95, 3))}},
                "a higher response_rate must never score less",
            ),
            ({"default": {}, "categories": "服饰"}, "categories: '服饰' is not a mapping"),
            (
                {"default": {}, "categories": {"": {}}},
                "categories: '' is empty once spaces are stripped",
            ),
            ({"default": {}, "categories": {3: {}}}, r"categories: 3 is not a name \(a text\)"),
            (
                {"default": {}, "categories": {"服饰": {IND.DSR: UP}}},
                r"categories.服饰.dsr.points\[0\].value: 80 is outside \[0, 5\]",
            ),
            (
                {"default": {}, "categories": {"服饰": {"price": UP}}},
                "categories.服饰: indicator: 'price' is not an indicator",
            ),
        ],
    )
    def test_bad_scales_are_refused(self, kwargs, message):
        with pytest.raises(ts.RuleBookError, match=message):
            ts.IndicatorScales(**kwargs)

    def test_flat_steps_are_allowed_either_way(self):
        flat_up = scale(BANDED, (80, 3), (90, 3), (95, 5))
        flat_down = scale(BANDED, (1, 5), (3, 5), (5, 3))
        scales = ts.IndicatorScales(
            default={IND.PICKUP_24H: flat_up, IND.REFUND_DURATION: flat_down}
        )
        assert set(scales.default) == {IND.PICKUP_24H, IND.REFUND_DURATION}


class TestDimensionScores:
    RATE = scale(BANDED, (0, "4.01"), weight="0.5")
    TIME = scale(BANDED, (1000, 4), weight="0.5")

    def test_one_indicator_gives_its_dimension_its_score(self):
        scales = ts.IndicatorScales(default={IND.PICKUP_24H: TestBandedScales.PICKUP})
        scores = scales.dimension_scores(ts.IndicatorValues(pickup_24h=92))
        assert scores == ts.DimensionScores(logistics="4.00")

    def test_two_indicators_give_their_weighted_mean(self):
        rate = scale(BANDED, (90, 5), weight="0.75")
        time = scale(BANDED, (10, 5), (30, 3), weight="0.25")
        scales = ts.IndicatorScales(default={IND.RESPONSE_RATE: rate, IND.RESPONSE_TIME: time})
        both = ts.IndicatorValues(response_rate=95, response_time=20)  # 5 and 3
        assert scales.dimension_scores(both).consultation == D("4.50")  # 0.75×5 + 0.25×3
        only_rate = ts.IndicatorValues(response_rate=95)
        assert scales.dimension_scores(only_rate).consultation == D("5.00")

    def test_weights_that_do_not_add_up_to_one_are_a_weighted_mean_still(self):
        rate = scale(BANDED, (90, 5), weight="0.5")
        time = scale(BANDED, (10, 5), (30, 3), weight="0.25")
        scales = ts.IndicatorScales(default={IND.RESPONSE_RATE: rate, IND.RESPONSE_TIME: time})
        both = ts.IndicatorValues(response_rate=95, response_time=20)
        # (0.5×5 + 0.25×3) / 0.75 = 4.333…
        assert scales.dimension_scores(both).consultation == D("4.33")

    def test_the_mean_is_rounded_half_up(self):
        scales = ts.IndicatorScales(
            default={IND.RESPONSE_RATE: self.RATE, IND.RESPONSE_TIME: self.TIME}
        )
        both = ts.IndicatorValues(response_rate=50, response_time=10)  # 4.01 and 4
        assert scales.dimension_scores(both).consultation == D("4.01")  # 4.005, half up

    def test_a_dimension_without_readings_has_no_score(self):
        scores = ts.example_rulebook().dimension_scores(ts.IndicatorValues(), category="服饰")
        assert scores == ts.DimensionScores()

    def test_the_example_editions_scales(self):
        readings = ts.IndicatorValues(
            dsr="4.8",  # linear, 4.5 → 4 to 4.9 → 5: 4 + 0.3/0.4 = 4.75
            pickup_24h=93,  # banded, at least 90: 4
            refund_duration="1.5",  # banded, at most 2 days: 4.5
            dispute_refund_rate="0.02",  # linear, 0 → 5 to 0.05 → 4: 4.6
            complaint_rate="0.01",  # 4.8; the mean with 4.6 is 4.7
            response_rate=99,  # linear, 95 → 4 to 100 → 5: 4.8
            response_time=20,  # banded, at most 30 s: 4; the mean with 4.8 is 4.4
        )
        scores = ts.example_rulebook().dimension_scores(readings, category="服饰")
        assert scores == ts.DimensionScores(
            product="4.75", logistics=4, after_sales="4.5", dispute="4.7", consultation="4.4"
        )

    def test_a_reading_without_a_scale_is_refused(self):
        scales = ts.IndicatorScales(default={IND.DSR: scale(LINEAR, (4, 2), (5, 5))})
        readings = ts.IndicatorValues(dsr="4.5", pickup_24h=90)
        with pytest.raises(
            ts.RuleBookError, match=r"pickup_24h: this edition has no scale for it$"
        ):
            scales.dimension_scores(readings)
        with pytest.raises(ts.RuleBookError, match="no scale for it for 服饰"):
            scales.dimension_scores(readings, category="服饰")

    def test_values_must_be_indicator_values(self):
        with pytest.raises(ts.InvalidScoreError, match=r"values: .* is not an IndicatorValues"):
            ts.example_rulebook().dimension_scores({"dsr": 4}, category="服饰")


class TestCategoryOverrides:
    RULES = ts.example_rulebook()

    def test_a_category_replaces_only_the_scales_it_names(self):
        scales = self.RULES.indicator_scales
        food = scales.for_category("食品")
        assert food[IND.PICKUP_24H] == scales.categories["食品"][IND.PICKUP_24H]
        assert food[IND.PICKUP_24H] != scales.default[IND.PICKUP_24H]
        assert {i: s for i, s in food.items() if i is not IND.PICKUP_24H} == {
            i: s for i, s in scales.default.items() if i is not IND.PICKUP_24H
        }
        assert scales.for_category("服饰") == dict(scales.default)
        assert scales.for_category(None) == dict(scales.default)

    @pytest.mark.parametrize(
        ("category", "reading", "score"),
        [
            ("服饰", 93, "4"),  # default: at least 90
            ("食品", 93, "3"),  # food: at least 90 gives 3, 95 gives 4
            ("食品", 98, "5"),
            ("食品", 79, "0"),  # below food's first point
            ("服饰", 79, "2"),  # at least 70
            ("汽车", 93, "4"),  # a category without overrides: the default
        ],
    )
    def test_scores_by_category(self, category, reading, score):
        readings = ts.IndicatorValues(pickup_24h=reading)
        assert self.RULES.dimension_scores(readings, category=category).logistics == D(score)


class TestRuleBooks:
    APPAREL = ts.WeightProfile(
        product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
    )

    def test_an_edition_without_scales_refuses_readings(self):
        book = ts.RuleBook(profiles={"服饰": self.APPAREL})
        assert book.indicator_scales is None
        with pytest.raises(ts.RuleBookError, match="indicator_scales: this edition sets no"):
            book.dimension_scores(ts.IndicatorValues(dsr=4), category="服饰")

    def test_a_taobao_edition_cannot_hold_scales(self):
        scales = ts.example_rulebook().indicator_scales
        with pytest.raises(ts.RuleBookError, match="indicator_scales: the indicators are those of"):
            ts.RuleBook(profiles={}, scheme=ts.Scheme.TAOBAO, indicator_scales=scales)

    def test_the_scales_must_be_indicator_scales(self):
        with pytest.raises(
            ts.RuleBookError, match=r"indicator_scales: .* is not an IndicatorScales"
        ):
            ts.RuleBook(profiles={}, indicator_scales={"default": {}})


class TestFiles:
    BOOK = ts.example_rulebook()

    def test_the_converter_round_trips_scales(self):
        scales = self.BOOK.indicator_scales
        data = ts.converter.unstructure(scales)
        assert json.loads(json.dumps(data)) == data
        assert data["default"]["pickup_24h"]["points"][0] == {"value": "70", "score": "2"}
        assert data["default"]["complaint_rate"]["weight"] == "0.5"
        assert list(data["categories"]) == ["食品"]
        assert ts.converter.structure(data, ts.IndicatorScales) == scales
        assert ts.converter.structure(ts.converter.unstructure(self.BOOK), ts.RuleBook) == self.BOOK

    def test_toml_and_json_files_load_equal(self, tmp_path):
        data = ts.converter.unstructure(self.BOOK)
        toml_ready = without_nulls(data)
        toml_file, json_file = tmp_path / "book.toml", tmp_path / "book.json"
        toml_file.write_text(tomli_w.dumps(toml_ready), encoding="utf-8")
        json_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        assert ts.load_rulebook(toml_file) == self.BOOK
        assert ts.load_rulebook(json_file) == self.BOOK

    def test_a_hand_written_toml_file(self, tmp_path):
        path = tmp_path / "mine.toml"
        path.write_text(
            """
[profiles."服饰"]
product = "0.2"
logistics = "0.3"
after_sales = "0.2"
dispute = "0.2"
consultation = "0.1"

[indicator_scales.default.pickup_24h]
kind = "banded"
points = [{ value = "85", score = "4" }, { value = "95", score = "5" }]

[indicator_scales.categories."服饰".pickup_24h]
kind = "linear"
points = [{ value = 85, score = 4 }, { value = 95, score = 5 }]
""",
            encoding="utf-8",
        )
        book = ts.load_rulebook(path)
        readings = ts.IndicatorValues(pickup_24h=90)
        assert book.dimension_scores(readings, category="服饰").logistics == D("4.50")
        assert book.dimension_scores(readings, category="食品").logistics == D(4)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                lambda d: d["default"].update(price=d["default"]["dsr"]),
                r"\$.indicator_scales.default\.price: 'price' is not an Indicator",
            ),
            (
                lambda d: d["default"]["dsr"].update(kind="steps"),
                r"\$.indicator_scales.default\.dsr\.kind: 'steps' is not a ScaleKind",
            ),
            (
                lambda d: d["default"]["dsr"]["points"][0].update(score="6"),
                r"\$.indicator_scales.default\.dsr\.points\[0\]\.score: .* is outside",
            ),
            (
                lambda d: d["default"]["dsr"].update(colour="red"),
                r"\$.indicator_scales.default\.dsr: unknown key colour",
            ),
            (
                lambda d: d["default"]["dsr"]["points"].reverse(),
                r"\$.indicator_scales.default\.dsr\.points\[1\]: reading 4.5 does not rise",
            ),
            (
                lambda d: d["default"]["pickup_24h"]["points"][3].update(value="101"),
                r"\$\.indicator_scales\.default\.pickup_24h\.points\[3\]\.value: 101 is outside",
            ),
            (
                lambda d: d["categories"]["食品"]["pickup_24h"].update(points=[]),
                r"\$\.indicator_scales\.categories\.食品\.pickup_24h\.points: a scale",
            ),
            (lambda d: d.update(default="dsr"), r"\$.indicator_scales.default: 'dsr' is not a"),
            (lambda d: d.update(extra={}), r"\$.indicator_scales: unknown key extra"),
        ],
    )
    def test_loader_errors_name_the_path(self, tmp_path, change, message):
        data = ts.converter.unstructure(self.BOOK)
        change(data["indicator_scales"])
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ts.RuleBookError, match=message):
            ts.load_rulebook(path)

    def test_a_taobao_file_with_scales_is_refused(self, tmp_path):
        data = ts.converter.unstructure(ts.example_rulebook(ts.Scheme.TAOBAO))
        data["indicator_scales"] = ts.converter.unstructure(self.BOOK.indicator_scales)
        path = tmp_path / "taobao.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ts.RuleBookError, match="indicator_scales: the indicators are those"):
            ts.load_rulebook(path)


RULES = ts.example_rulebook()


def test_messages_about_indicator_scales_in_a_rule_book():
    with pytest.raises(ts.RuleBookError) as error:
        ts.RuleBook(profiles={}, indicator_scales="scales")  # type: ignore[arg-type]
    assert str(error.value) == "indicator_scales: 'scales' is not an IndicatorScales"
    with pytest.raises(ts.RuleBookError) as error:
        ts.RuleBook(profiles={}, scheme=ts.Scheme.TAOBAO, indicator_scales=RULES.indicator_scales)
    assert str(error.value) == (
        "indicator_scales: the indicators are those of Tmall's dimensions; "
        "a rule book of scheme 'taobao' cannot scale them"
    )
    with pytest.raises(ts.RuleBookError) as error:
        ts.RuleBook(profiles={}).dimension_scores(ts.IndicatorValues(dsr=4), category="服饰")
    assert str(error.value) == (
        "indicator_scales: this edition sets no scales from indicators to scores"
    )
