"""Boundaries and messages: the cases a changed comparison or a changed word would break.

Mutation testing (docs/quality.md) showed which of these were not pinned by
any other test: an inclusive bound, a field named in a message, a file size
exactly at the limit. Each test states the rule it protects.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
from decimal import Decimal

import pytest

import tmall_service as ts
from tmall_service._files import loading as _loading
from tmall_service._rules.scoring import has_no_data
from tmall_service._values.declaring import Marker

JULY = ts.AssessmentPeriod.month(2024, 7)
SCORES = ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4, consultation=4)
RULES = ts.example_rulebook()
FLOOD = ts.Exemption(start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 9), reason="flood")


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


# Thresholds: a standard is a score in [0, 5], both ends included.


@pytest.mark.parametrize("threshold", ["0", "5", Decimal("4.00"), 3])
def test_a_threshold_at_either_end_is_a_standard(threshold):
    assert ts.passes(scored("4"), threshold) is (Decimal(4) >= Decimal(threshold))


@pytest.mark.parametrize(
    ("threshold", "message"),
    [
        ("5.01", r"^threshold: '5\.01' is outside \[0, 5\]$"),
        ("-0.01", r"^threshold: '-0\.01' is outside \[0, 5\]$"),
        ("high", r"^threshold: 'high' is not a number$"),
        (None, r"^threshold: None is a NoneType; expected"),
    ],
)
def test_a_threshold_outside_the_scores_is_refused_by_name(threshold, message):
    with pytest.raises(ts.InvalidScoreError, match=message):
        ts.passes(scored(), threshold)
    with pytest.raises(ts.InvalidScoreError, match=message):
        ts.consecutive_failures([scored()], threshold)


# Assessments made by hand are checked like those made by assess.


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


def test_overlapping_periods_in_a_history_are_named():
    overlapping = ts.AssessmentPeriod(dt.date(2024, 7, 15), dt.date(2024, 8, 14))
    message = (
        r"^period: 2024-07-01\.\.2024-07-31 and 2024-07-15\.\.2024-08-14 overlap; "
        r"a history holds one assessment per period$"
    )
    with pytest.raises(ts.InvalidPeriodError, match=message):
        ts.consecutive_failures([scored(), scored(period=overlapping)], "3")


# Dimensions.


def test_an_unknown_dimension_is_refused_listing_the_valid_ones():
    message = (
        r"^dimension: 'price' is not a dimension; "
        r"expected one of product, logistics, after_sales, dispute, consultation$"
    )
    with pytest.raises(ts.UnknownDimensionError, match=message):
        SCORES["price"]  # type: ignore[index]


def test_a_marker_shows_by_its_name():
    assert repr(Marker("FROM_SCORE")) == "FROM_SCORE"
    assert "= REQUIRED" in str(inspect.signature(ts.WeightProfile))


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (ts.DimensionScores(), True),
        (ts.DimensionScores(product=0, consultation=0), True),
        (ts.DimensionScores(consultation=4), True),  # weight 0 there: nothing weighted
        (ts.DimensionScores(product=0, consultation=4), False),
        (ts.DimensionScores(product="0.01"), False),
    ],
)
def test_has_no_data_looks_at_every_dimension_and_at_the_weighted_ones(scores, expected):
    product_only = ts.WeightProfile(
        product=1, logistics=0, after_sales=0, dispute=0, consultation=0
    )
    assert has_no_data(scores, product_only) is expected


def test_has_no_data_refuses_scores_of_the_other_scheme():
    with pytest.raises(ts.TmallServiceError):
        has_no_data(ts.TaobaoScores(description=4), RULES.profiles["服饰"])


# Stars.


def test_a_score_outside_the_scores_has_no_star_level():
    with pytest.raises(ts.InvalidScoreError, match=r"^score: 99 is outside \[0, 5\]$"):
        ts.star_rating(99)


# Periods.


def test_a_rolling_period_is_at_most_36600_days():
    end = dt.date(2024, 7, 31)
    assert ts.AssessmentPeriod.rolling(end, 36_600).days == 36_600
    with pytest.raises(ts.InvalidPeriodError, match=r"^days: 36601 is not a days; expected 1"):
        ts.AssessmentPeriod.rolling(end, 36_601)


@pytest.mark.parametrize(
    "call",
    [
        lambda: "2024-07-01" in JULY,
        lambda: ts.PeriodKind.MONTH.containing("2024-07-01"),  # type: ignore[arg-type]
        lambda: RULES.in_force("2024-07-01"),  # type: ignore[arg-type]
    ],
    ids=["in", "containing", "in_force"],
)
def test_a_day_that_is_no_date_is_named_day(call):
    with pytest.raises(ts.InvalidPeriodError, match=r"^day: '2024-07-01' is not a datetime\.date$"):
        call()


def test_periods_sharing_one_day_overlap():
    first = ts.AssessmentPeriod(dt.date(2024, 7, 1), dt.date(2024, 7, 10))
    second = ts.AssessmentPeriod(dt.date(2024, 7, 10), dt.date(2024, 7, 20))
    assert first.overlaps(second)
    assert second.overlaps(first)
    assert not first.overlaps(ts.AssessmentPeriod(dt.date(2024, 7, 11), dt.date(2024, 7, 20)))


def test_one_day_gives_one_rolling_window_and_one_calendar_period():
    day = dt.date(2024, 7, 15)
    assert list(ts.periods(ts.PeriodKind.ROLLING_30_DAYS, day, day)) == [
        ts.AssessmentPeriod.rolling(day, 30)
    ]
    assert list(ts.periods(ts.PeriodKind.MONTH, day, dt.date(2024, 7, 31))) == [JULY]


def test_a_one_day_gap_is_a_gap():
    history = [
        ts.AssessmentPeriod(dt.date(2024, 7, 1), dt.date(2024, 7, 10)),
        ts.AssessmentPeriod(dt.date(2024, 7, 12), dt.date(2024, 7, 20)),
        ts.AssessmentPeriod(dt.date(2024, 7, 21), dt.date(2024, 7, 31)),
    ]
    assert ts.gaps(history) == [ts.AssessmentPeriod(dt.date(2024, 7, 11), dt.date(2024, 7, 11))]


def test_gaps_names_what_is_not_a_collection():
    with pytest.raises(ts.InvalidPeriodError, match=r"^covered: 5 is not a collection of"):
        ts.gaps(5)  # type: ignore[arg-type]


# Loading.

FINE = "0.10000000000000000001"  # more digits than a float holds
WEIGHTS = {
    "product": FINE,
    "logistics": "0.29999999999999999999",
    "after_sales": "0.2",
    "dispute": "0.2",
    "consultation": "0.2",
}


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_bare_numbers_in_a_file_are_read_as_exact_decimals(tmp_path, suffix):
    bare = ", ".join(f'"{k}": {v}' for k, v in WEIGHTS.items())
    if suffix == ".json":
        text = '{"profiles": {"服饰": {' + bare + "}}}"
    else:
        text = '[profiles."服饰"]\n' + "\n".join(f"{k} = {v}" for k, v in WEIGHTS.items())
    path = tmp_path / f"edition{suffix}"
    path.write_text(text, encoding="utf-8")
    assert ts.load_rulebook(path).profiles["服饰"].product == Decimal(FINE)


def test_a_file_of_exactly_the_largest_size_is_read(tmp_path, monkeypatch):
    text = '{"profiles": {}}'
    monkeypatch.setattr(_loading, "MAX_FILE_BYTES", len(text))
    path = tmp_path / "edition.json"
    path.write_text(text, encoding="utf-8")
    assert ts.load_rulebook(path).profiles == {}
    path.write_text(text + " ", encoding="utf-8")
    with pytest.raises(ts.RuleBookError, match=f"larger than {len(text)} bytes"):
        ts.load_rulebook(path)


def test_a_file_that_cannot_be_read_says_why(tmp_path):
    path = tmp_path / "edition.toml"
    path.mkdir()
    with pytest.raises(ts.RuleBookError, match=f"^{re.escape(str(path))}: cannot be read: Is a"):
        ts.load_rulebook(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("e.json", "[1]", r": \$: a rule book is a table of fields, not list$"),
        ("e.toml", "x = ", r": not valid TOML: "),
        ("e.json", "{", r": not valid JSON: "),
    ],
)
def test_a_document_that_is_no_table_is_named(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ts.RuleBookError, match=message):
        ts.load_rulebook(path)


def test_overlapping_editions_in_a_folder_show_every_file_and_its_dates(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps({"profiles": {}, "effective_to": "2024-12-31"}), encoding="utf-8"
    )
    (tmp_path / "b.json").write_text(
        json.dumps({"profiles": {}, "effective_from": "2024-06-01"}), encoding="utf-8"
    )
    with pytest.raises(ts.RuleBookError) as caught:
        ts.load_editions(tmp_path)
    assert str(caught.value).endswith("(the files: a.json: …..2024-12-31; b.json: 2024-06-01..…)")
    assert str(caught.value).startswith(f"{tmp_path}: ")


def test_example_rulebook_takes_only_a_scheme():
    with pytest.raises(ts.RuleBookError, match=r"^scheme: 'taobao' is not a Scheme"):
        ts.example_rulebook("taobao")  # type: ignore[arg-type]


# Assessing: what assess names when its arguments are wrong.


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


# Scoring: the messages of missing data, and a renormalised zero.

PRODUCT_AND_LOGISTICS = ts.WeightProfile(
    product="0.5", logistics="0.5", after_sales=0, dispute=0, consultation=0
)


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


# Rule books and exemptions name the field at fault, and only it.


def test_a_count_below_one_is_shown_in_the_message():
    with pytest.raises(
        ts.RuleBookError, match=r"^minimum_orders: 0 is not a whole number of at least 1$"
    ):
        ts.RuleBook(profiles={}, minimum_orders=0)


@pytest.mark.parametrize("field", ["categories", "regions"])
def test_an_exemptions_names_are_refused_by_their_field(field):
    with pytest.raises(ts.RuleBookError, match=rf"^{field}: '浙江' is not a collection of names"):
        ts.Exemption(
            start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 2), reason="x", **{field: "浙江"}
        )


def test_a_lone_surrogate_is_refused_in_words(tmp_path):
    path = tmp_path / "edition.json"
    path.write_text('{"profiles": {}, "name": "\\ud800"}', encoding="utf-8")
    message = (
        f"{path}: not valid JSON: a string holds a lone surrogate escape such as "
        "\\ud800, which is not text"
    )
    with pytest.raises(ts.RuleBookError) as caught:
        ts.load_rulebook(path)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"scheme": "tmall"},
            r"^scheme: 'tmall' is not a Scheme; expected one of 'tmall', 'taobao'$",
        ),
        (
            {"new_shop_grace_months": 0},
            r"^new_shop_grace_months: 0 is not a whole number of at least 1$",
        ),
        ({"bonuses": "vip"}, r"^bonuses: 'vip' is not a mapping of bonus name to points$"),
        (
            {"effective_from": "2024-01-01"},
            r"^effective_from: '2024-01-01' is not a datetime\.date$",
        ),
        ({"effective_to": "2024-12-31"}, r"^effective_to: '2024-12-31' is not a datetime\.date$"),
    ],
)
def test_a_rule_book_built_in_python_names_the_field_at_fault(changes, message):
    with pytest.raises(ts.TmallServiceError, match=message):
        ts.RuleBook(profiles={}, **changes)


def test_an_assessment_names_the_kinds_of_scores_it_takes():
    with pytest.raises(
        ts.InvalidScoreError, match=r"^scores: 'x' is not a DimensionScores or TaobaoScores$"
    ):
        scored(scores="x")


def test_the_first_year_of_the_calendar_has_periods():
    assert str(ts.AssessmentPeriod.month(1, 1)) == "0001-01-01..0001-01-31"
    assert ts.AssessmentPeriod.year(9999).days == 365
    with pytest.raises(ts.InvalidPeriodError, match=r"^year: 0 is outside 1 to 9999$"):
        ts.AssessmentPeriod.month(0, 1)


MARKETING = ts.Purpose.MARKETING_ACCESS
PURPOSES = "'marketing_access', 'merchant_assessment', 'annual_fee_refund'"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"period_kind": "month"},
            r"^period_kind: 'month' is not a PeriodKind; expected one of 'month', ",
        ),
        (
            {"category_thresholds": "x"},
            r"^category_thresholds: 'x' is not a mapping of category to thresholds$",
        ),
        (
            {"category_thresholds": {" ": {MARKETING: "4"}}},
            r"^category_thresholds: ' ' is empty once spaces are stripped$",
        ),
        (
            {"category_thresholds": {"服饰": {MARKETING: "9"}}},
            r"^category_thresholds\.服饰\.marketing_access: '9' is outside \[0, 5\]$",
        ),
        (
            {"clearance_after": "x"},
            r"^clearance_after: 'x' is not a whole number of at least 1$",
        ),
        ({"clearance_after": 0}, r"^clearance_after: 0 is not a whole number of at least 1$"),
        ({"clearance_after": True}, r"^clearance_after: True is not a whole number of at least 1$"),
        (
            {"clearance_after": {"merchant": 3}},
            rf"^clearance_after: 'merchant' is not a Purpose; expected one of {PURPOSES}$",
        ),
        (
            {"clearance_after": {ts.Purpose.MARKETING_ACCESS: 2}},
            (
                r"^clearance_after\.marketing_access: clearance follows failures of the merchant "
                r"assessment \(商家考核\) only; below marketing access, a shop is not eligible for "
                r"campaigns instead\. Remove this limit, and write the merchant assessment's as "
                r"clearance_after = <periods>$"
            ),
        ),
        ({"fee_year": "year"}, r"^fee_year: 'year' is not a PeriodKind; expected one of .*$"),
        (
            {"fee_year": ts.PeriodKind.ROLLING_30_DAYS},
            (
                r"^fee_year: 'rolling_30_days' is a rolling window; "
                r"a fee year is a calendar period: 'year', 'half_year', 'quarter' or 'month'$"
            ),
        ),
        (
            {"passes_by_default": ts.Purpose.MARKETING_ACCESS},
            (
                r"^passes_by_default: <Purpose\.MARKETING_ACCESS: 'marketing_access'> is not a "
                r"collection of Purpose$"
            ),
        ),
        (
            {"passes_by_default": ["marketing_access"]},
            (
                rf"^passes_by_default: 'marketing_access' is not a Purpose; "
                rf"expected one of {PURPOSES}$"
            ),
        ),
        ({"bonuses": {" ": "0.1"}}, r"^bonuses: ' ' is empty once spaces are stripped$"),
        ({"bonuses": {3: "0.1"}}, r"^bonuses: 3 is not a name \(a text\)$"),
        ({"star_bands": "3"}, r"^star_bands: '3' is not a list of scores$"),
        ({"star_bands": ["-1", "3"]}, r"^star_bands\[0\]: '-1' is outside \[0, 5\]$"),
        (
            {"star_bands": ["4", "3"]},
            r"^star_bands: \['4', '3'\] is not a rising list of at least one score$",
        ),
        ({"star_bands": []}, r"^star_bands: \[\] is not a rising list of at least one score$"),
    ],
)
def test_the_tables_of_a_rule_book_name_the_entry_at_fault(changes, message):
    with pytest.raises(ts.RuleBookError, match=message):
        ts.RuleBook(profiles={}, **changes)


def test_a_star_band_may_be_0():
    assert ts.RuleBook(profiles={}, star_bands=["0", "3"]).star_bands == (0, 3)


# Weights.


def test_weights_that_do_not_sum_to_1_are_shown_each():
    message = (
        "weights sum to 1.1, not exactly 1 "
        "(product=0.2, logistics=0.3, after_sales=0.2, dispute=0.2, consultation=0.2)"
    )
    with pytest.raises(ts.InvalidWeightsError) as caught:
        ts.WeightProfile(
            product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.2"
        )
    assert str(caught.value) == message


def test_a_weight_above_1_is_refused_on_its_own():
    with pytest.raises(ts.InvalidWeightsError, match=r"^product: '1\.5' is outside \[0, 1\]$"):
        ts.WeightProfile(product="1.5", logistics="-0.5", after_sales=0, dispute=0, consultation=0)


# Numbers: at most 28 decimal places, trailing zeros not counted.


@pytest.mark.parametrize(
    "value",
    ["1E-28", "0." + "0" * 27 + "1", "1." + "0" * 40, "0E-50", "4.1000000000000000000000000000000"],
)
def test_28_places_or_trailing_zeros_are_a_score(value):
    assert ts.DimensionScores(product=value).product == Decimal(value)


@pytest.mark.parametrize("value", ["1E-29", "0." + "0" * 28 + "1", "1." + "0" * 40 + "1"])
def test_more_than_28_places_are_refused(value):
    with pytest.raises(ts.InvalidScoreError, match="more than 28 decimal places"):
        ts.DimensionScores(product=value)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2024-07-01", dt.date(2024, 7, 2), r"^start: '2024-07-01' is not a datetime\.date$"),
        (dt.date(2024, 7, 1), "2024-07-02", r"^end: '2024-07-02' is not a datetime\.date$"),
    ],
)
def test_a_period_names_the_end_that_is_no_date(start, end, message):
    with pytest.raises(ts.InvalidPeriodError, match=message):
        ts.AssessmentPeriod(start, end)


def test_a_very_long_key_is_cut_short_in_the_path_and_the_reason_kept():
    name = "服" * 10_000
    with pytest.raises(ts.RuleBookError) as error:
        ts.converter.structure({"profiles": {name: {"product": "a"}}}, ts.RuleBook)
    message = str(error.value)
    assert f"$.profiles['{'服' * 60}…(10000 characters)'].product: 'a' is not a number" in message
    assert len(message) < 2_000
