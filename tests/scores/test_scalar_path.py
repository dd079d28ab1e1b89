"""The scalar path keeps what it has worked out, and the package loads its parts on first use.

``assess`` answers from what a rule book has already read (names, the
period and its exemptions) and from what is already known of a profile;
these tests hold that every answer is the one worked out afresh, that
errors are raised every time, and that nothing kept changes the rule
book's value. The import tests run in a fresh interpreter.
"""

from __future__ import annotations

import calendar
import datetime as dt
import pickle
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import dimension_scores, weight_profiles
from tmall_service._rules import book as _rules
from tmall_service._rules.scoring import composite, dimension_rows, no_data, scored
from tmall_service._values.numbers import ratio_half_up, round_half_up, to_decimal
from tmall_service._values.periods import _month_days
from tmall_service._values.stars import level_of

JUNE = ts.AssessmentPeriod.month(2024, 6)
JULY = ts.AssessmentPeriod.month(2024, 7)
SCORES = ts.DimensionScores(
    product="4.5", logistics="4.1", after_sales="4.6", dispute="3.9", consultation="4.8"
)


def _book() -> ts.RuleBook:
    return ts.example_rulebook()


def _fresh() -> ts.RuleBook:
    """An equal rule book that has worked nothing out yet."""
    return attrs.evolve(_book())


# -- names, periods and exemptions, worked out once ----------------------------


@pytest.mark.parametrize("spelling", ["服饰", " 服饰 ", "服饰\u3000", "\u3000服饰"])
def test_each_spelling_of_a_category_gives_the_same_assessment_again_and_again(spelling):
    book = _fresh()
    first = ts.assess(SCORES, category=spelling, period=JUNE, rules=book)
    again = ts.assess(SCORES, category=spelling, period=JUNE, rules=book)
    plain = ts.assess(SCORES, category="服饰", period=JUNE, rules=_fresh())
    assert first == again == plain
    assert first.category == "服饰"


@pytest.mark.parametrize("spelling", ["河南", "河南省", " 河南省 ", "河南\u3000"])
def test_each_spelling_of_a_region_is_exempt_alike(spelling):
    book = _fresh()
    for _ in range(2):
        result = ts.assess(SCORES, category="服饰", period=JULY, rules=book, region=spelling)
        assert result.status is ts.Status.EXEMPT
        assert result.region == "河南"
        assert result.exemption is book.exemptions[0]


def test_a_str_subclass_is_read_as_the_plain_name():
    class Name(str):
        __slots__ = ()

    book = _fresh()
    result = ts.assess(
        SCORES, category=Name(" 服饰"), period=JUNE, rules=book, region=Name("浙江省")
    )
    assert (result.category, result.region) == ("服饰", "浙江")
    assert type(result.category) is str
    assert type(result.region) is str


def test_an_unknown_name_is_refused_every_time_and_never_kept():
    book = _fresh()
    messages = set()
    for _ in range(3):
        with pytest.raises(ts.UnknownCategoryError) as caught:
            ts.assess(SCORES, category="服装", period=JUNE, rules=book)
        messages.add(str(caught.value))
        with pytest.raises(ts.UnknownRegionError):
            ts.assess(SCORES, category="服饰", period=JUNE, rules=book, region="浙州")
    assert len(messages) == 1
    assert "服装" not in _rules.lookups(book).categories
    assert "浙州" not in _rules.lookups(book).regions


def test_a_period_outside_the_edition_is_refused_every_time():
    book = _fresh()
    outside = ts.AssessmentPeriod.month(2026, 10)
    for _ in range(2):
        ts.assess(SCORES, category="服饰", period=JUNE, rules=book)
        with pytest.raises(ts.InvalidPeriodError, match="outside the edition"):
            ts.assess(SCORES, category="服饰", period=outside, rules=book)


def test_an_equal_period_that_is_another_object_is_judged_alike():
    book = _fresh()
    first = ts.assess(SCORES, category="服饰", period=JULY, rules=book, region="河南")
    other = ts.AssessmentPeriod.month(2024, 7)
    assert other is not JULY
    assert ts.assess(SCORES, category="服饰", period=other, rules=book, region="河南") == first


def test_switching_periods_back_and_forth_keeps_each_period_s_exemptions():
    book = _fresh()
    august = ts.AssessmentPeriod.month(2024, 8)
    for _ in range(2):
        flooded = ts.assess(SCORES, category="食品", period=JULY, rules=book, region="河南")
        typhoon = ts.assess(SCORES, category="食品", period=august, rules=book, region="河南")
        dry = ts.assess(SCORES, category="食品", period=JUNE, rules=book, region="河南")
        assert flooded.exemption is book.exemptions[0]
        assert typhoon.exemption is book.exemptions[1]
        assert dry.status is ts.Status.SCORED


def test_the_first_covering_exemption_is_kept_for_each_pair_of_names():
    regional = ts.Exemption(
        start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 5), reason="flood", regions=["河南"]
    )
    everyone = ts.Exemption(start=dt.date(2024, 6, 3), end=dt.date(2024, 6, 9), reason="outage")
    apparel = ts.Exemption(
        start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 2), reason="fire", categories=["服饰"]
    )
    book = attrs.evolve(_book(), exemptions=(regional, apparel, everyone))
    for _ in range(2):
        for category, region, expected in [
            ("服饰", "河南", regional),
            ("服饰", "浙江", apparel),
            ("服饰", None, apparel),
            ("食品", "河南", regional),
            ("食品", None, everyone),
            ("食品", "浙江", everyone),
        ]:
            result = ts.assess(SCORES, category=category, period=JUNE, rules=book, region=region)
            assert result.exemption is expected
            assert result.exemption is book.exemption_for(
                category=category, region=region, period=JUNE
            )


def test_a_region_only_exemption_does_not_cover_a_shop_without_a_region():
    book = _fresh()
    result = ts.assess(SCORES, category="服饰", period=JULY, rules=book)
    assert result.status is ts.Status.SCORED


def test_what_a_rule_book_worked_out_is_no_part_of_its_value():
    used, fresh = _fresh(), _fresh()
    for region in ("河南", "浙江省", None):
        ts.assess(SCORES, category=" 服饰", period=JULY, rules=used, region=region)
    assert used == fresh
    assert hash(used) == hash(fresh)
    assert repr(used) == repr(fresh)
    assert ts.converter.unstructure(used) == ts.converter.unstructure(fresh)
    again = pickle.loads(pickle.dumps(used))  # noqa: S301 - our own value
    assert again == used
    assert _rules.lookups(again).categories == {}
    assert attrs.evolve(used, name="other").name == "other"
    assert "_lookups" not in {field.name for field in attrs.fields(ts.RuleBook)}


def test_a_file_of_junk_names_is_read_name_by_name_once_the_bound_is_reached(monkeypatch):
    monkeypatch.setattr(_rules, "_REMEMBERED", 3)
    book = attrs.evolve(_book(), exclude_unknown_categories=True)
    names = [f"类目{n}" for n in range(10)]
    for name in names * 2:
        result = ts.assess(SCORES, category=f" {name} ", period=JUNE, rules=book)
        assert (result.category, result.status) == (name, ts.Status.CATEGORY_EXCLUDED)
    assert len(_rules.lookups(book).categories) == 3


def test_known_category_and_region_answer_as_assess_reads():
    book = _fresh()
    for _ in range(2):
        assert book.known_category(" 服饰\u3000") == "服饰"
        assert book.known_region("内蒙古自治区") == "内蒙古"
        assert book.known_region(None) is None
    with pytest.raises(ts.RuleBookError, match="is not a name"):
        book.known_category(7)


def test_arguments_of_the_wrong_kind_are_refused_by_name_as_before():
    book = _fresh()
    cases = [
        ({"rules": "book"}, ts.RuleBookError, "rules: 'book' is not a RuleBook"),
        ({"scores": {"product": 4}}, ts.InvalidScoreError, "scores: {'product': 4} is not"),
        ({"category": 7}, ts.RuleBookError, "category: 7 is not a str"),
        ({"period": "2024-13"}, ts.InvalidPeriodError, "period: '2024-13' is not a period; write"),
        ({"region": 7}, ts.RuleBookError, "region: 7 is not a str"),
    ]
    for change, error, message in cases:
        arguments = {"scores": SCORES, "category": "服饰", "period": JUNE, "rules": book} | change
        with pytest.raises(error) as caught:
            ts.assess(**arguments)
        assert str(caught.value).startswith(message)


def test_subclasses_of_the_values_take_the_checked_road_to_the_same_answer():
    @attrs.frozen(init=False)
    class MyScores(ts.DimensionScores):
        pass

    book = _fresh()
    mine = MyScores(product="4.5", logistics="4.1", after_sales="4.6", dispute="3.9")
    result = ts.assess(mine, category="服饰", period=JUNE, rules=book)
    plain = ts.assess(
        ts.DimensionScores(product="4.5", logistics="4.1", after_sales="4.6", dispute="3.9"),
        category="服饰",
        period=JUNE,
        rules=book,
    )
    assert (result.status, result.score, result.stars) == (plain.status, plain.score, plain.stars)


# -- the composite in one pass ---------------------------------------------------


@given(dimension_scores(), weight_profiles(), st.sampled_from(list(ts.MissingDataPolicy)))
def test_scored_is_no_data_then_composite(scores, profile, policy):
    table = dimension_rows(scores, profile)
    if no_data(table):
        assert scored(scores, profile, policy) is None
        return
    try:
        expected = composite(table, policy)
    except ts.MissingDataError as error:
        with pytest.raises(ts.MissingDataError, match=str(error)):
            scored(scores, profile, policy)
        return
    got = scored(scores, profile, policy)
    assert got == expected
    assert str(got) == str(expected)


def test_scored_refuses_what_composite_refuses():
    profile = ts.WeightProfile(
        product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
    )
    with pytest.raises(ts.RuleBookError, match="missing_data: 'zero' is not a MissingDataPolicy"):
        scored(SCORES, profile, "zero")  # type: ignore[arg-type]
    with pytest.raises(ts.InvalidWeightsError, match="is not a WeightProfile or TaobaoWeights"):
        scored(SCORES, "weights", ts.MissingDataPolicy.ZERO)  # type: ignore[arg-type]
    taobao = ts.TaobaoScores(description="4.8")
    with pytest.raises(ts.InvalidScoreError, match="expected DimensionScores"):
        scored(taobao, profile, ts.MissingDataPolicy.ZERO)  # type: ignore[arg-type]


@given(
    st.decimals(min_value=0, max_value=5, places=4, allow_nan=False, allow_infinity=False),
    st.decimals(min_value="0.0001", max_value=1, places=4, allow_nan=False, allow_infinity=False),
)
def test_ratio_half_up_is_the_exact_rounding_of_the_fraction(numerator, denominator):
    expected = round_half_up(Fraction(numerator) / Fraction(denominator))
    got = ratio_half_up(numerator, denominator)
    assert got == expected
    assert str(got) == str(expected)


def test_ratio_half_up_rounds_halves_up():
    assert ratio_half_up(Decimal("0.0005"), Decimal("0.1")) == Decimal("0.01")  # 0.005
    assert ratio_half_up(Decimal("0.0004999"), Decimal("0.1")) == Decimal("0.00")
    with pytest.raises(ValueError, match="is negative"):
        ratio_half_up(Decimal(-1), Decimal(3))


@given(st.decimals(min_value=0, max_value=5, places=3, allow_nan=False, allow_infinity=False))
def test_a_star_level_is_the_highest_band_reached(score):
    reached = None
    for level in ts.STAR_LEVELS:
        if score >= level:
            reached = level
    assert level_of(score, ts.STAR_LEVELS) == reached


# -- numbers and dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(4.3, "4.3"), (5, "5"), (1e-05, "0.00001"), (Decimal("4.50"), "4.50"), ("４．５", "4.5")],
)
def test_numbers_of_the_usual_kinds_are_read_exactly(value, expected):
    got = to_decimal(value, field="product", error=ValueError)
    assert str(got) == str(Decimal(expected))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1e-30, "product: 1e-30 has more than 28 decimal places"),
        (True, "product: True is a bool, not a number"),
        (float("nan"), "product: nan is not a finite number"),
        (7.5, "product: 7.5 is outside [0, 5]"),
        (-1, "product: -1 is outside [0, 5]"),
        (Decimal("1E-29"), "product: 1E-29 has more than 28 decimal places"),
        ([4], "product: [4] is a list; expected an int, str, Decimal or float"),
        ("N/A", "product: 'N/A' is not a number"),
    ],
)
def test_numbers_are_refused_with_the_same_messages(value, message):
    with pytest.raises(ts.InvalidScoreError) as caught:
        to_decimal(
            value, field="product", error=ts.InvalidScoreError, low=Decimal(0), high=Decimal(5)
        )
    assert str(caught.value) == message


def test_a_float_subclass_is_read_as_a_float():
    class Reading(float):
        def __repr__(self) -> str:
            return f"Reading({float(self)})"

    assert to_decimal(Reading(4.3), field="x", error=ValueError) == Decimal("4.3")


def test_the_days_of_every_month_are_the_calendar_s():
    for year in (*range(1, 2401), 9999):
        for month in range(1, 13):
            assert _month_days(year, month) == calendar.monthrange(year, month)[1]


# -- the import -------------------------------------------------------------------

DEFERRED = (
    "tmall_service._explain.advice",
    "tmall_service._rules.breakdown",
    "tmall_service._files.converter",
    "tmall_service._rules.editions",
    "tmall_service._explain.account",
    "tmall_service._frames.assessing",
    "tmall_service._rules.gap",
    "tmall_service._files.loading",
    "tmall_service._display.plots",
    "tmall_service._rules.standing",
    "tmall_service._display.table",
    "tmall_service._rules.whatif",
    "cattrs",
    "difflib",
    "html",
    "calendar",
    "tomllib",
    "json",
    "pathlib",
    "importlib.metadata",
    "numpy",
    "pandas",
    "polars",
    "pyarrow",
    "narwhals",
)


def _fresh_modules(statement: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def test_the_import_loads_the_core_values_only():
    baseline = _fresh_modules("pass")
    loaded = _fresh_modules("import tmall_service")
    assert sorted(set(DEFERRED) & (loaded - baseline)) == []


def test_a_part_loads_when_first_asked_for():
    loaded = _fresh_modules("import tmall_service as ts\nts.explain")
    assert "tmall_service._explain.account" in loaded
    assert "tmall_service._display.plots" not in loaded


def test_every_public_name_is_there_and_listed():
    assert set(ts.__all__) <= set(dir(ts))
    for name in ts.__all__:
        assert getattr(ts, name) == getattr(ts, name)
    from tmall_service import explain, what_if

    assert explain is ts.explain
    assert what_if.__module__ == "tmall_service._rules.whatif"
    assert vars(ts)["explain"] is explain  # kept once asked for


def test_a_name_the_package_does_not_have_is_an_attribute_error():
    with pytest.raises(AttributeError, match=r"^module 'tmall_service' has no attribute 'nope'$"):
        ts.nope  # type: ignore[attr-defined]  # noqa: B018 - the look-up is the test
