"""The converter: values to JSON-safe documents and back; a converter built anew is the same.

Every value round-trips, through JSON text too, with decimals as strings, dates as ISO
strings and enums by value.

``ts.converter`` is built once, at import, and cattrs caches which hook
serves which type. These tests build a fresh ``Converter()`` in the test
itself, so that every registration and every type predicate of its
``__init__`` runs under test, and check it against the documents of
robustness/test_bad_input.py and the values of the contract.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from cattrs.errors import StructureHandlerNotFoundError

import tmall_service as ts
from contract_values import (
    APPAREL,
    DIGITAL,
    HALF_WEIGHTS,
    JULY,
    SEED_SCORES,
    SEED_WEIGHTS,
    _book,
    _exemption,
    _exemptions,
    _leaves,
    _month,
    _rules,
)
from robustness.test_bad_input import DOCUMENTS, GOOD_DOC
from tmall_service._files.converter import Converter

SCORES = ts.DimensionScores(product="4.5", logistics=3, after_sales=None)
TAOBAO_SCORES = ts.TaobaoScores(description="4.8", customer_service=4)
VALUES = [
    SCORES,
    TAOBAO_SCORES,
    ts.WeightProfile(
        product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
    ),
    ts.AssessmentPeriod.month(2024, 2),
    ts.Exemption(
        start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 9), reason="台风", regions=["浙江", "福建"]
    ),
    ts.example_rulebook(),
    ts.example_rulebook(ts.Scheme.TAOBAO),
    ts.assess(
        ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4),
        category="服饰",
        period=ts.AssessmentPeriod.month(2024, 6),
        rules=ts.example_rulebook(),
        region="浙江",
    ),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_a_fresh_converter_unstructures_and_structures_as_the_library_does(value):
    fresh = Converter()
    data = fresh.unstructure(value)
    assert data == ts.converter.unstructure(value)
    assert json.loads(json.dumps(data)) == data  # JSON-safe: strings, numbers, lists
    assert fresh.structure(data, type(value)) == value
    assert fresh.structure(json.loads(json.dumps(data)), type(value)) == value


def test_a_fresh_converter_writes_numbers_dates_enums_and_names_as_text():
    fresh = Converter()
    book = ts.example_rulebook()
    data = fresh.unstructure(book)
    assert data["profiles"]["服饰"]["logistics"] == "0.3"
    assert data["effective_from"] == "2024-01-01"
    assert data["missing_data"] == "renormalise"
    assert data["thresholds"] == {
        "marketing_access": "4.0",
        "merchant_assessment": "3.5",
        "annual_fee_refund": "4.2",
    }
    assert data["exemptions"][0]["regions"] == ["河南"]
    assert data["star_bands"] == ["3", "3.5", "4", "4.5", "5"]
    exemption = ts.Exemption(
        start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 1), reason="x", regions=["b", "a", "c"]
    )
    assert fresh.unstructure(exemption)["regions"] == ["a", "b", "c"]  # sorted, every run


@pytest.mark.parametrize(("document", "pattern"), DOCUMENTS)
def test_a_fresh_converter_refuses_what_the_library_refuses(document, pattern):
    fresh = Converter()
    with pytest.raises(ts.RuleBookError, match=pattern) as caught:
        fresh.structure(document, ts.RuleBook)
    with pytest.raises(ts.RuleBookError) as expected:
        ts.converter.structure(document, ts.RuleBook)
    assert str(caught.value) == str(expected.value)


@pytest.mark.parametrize(
    ("document", "kind", "message"),
    [
        ({"product": 1, "colour": 2}, ts.DimensionScores, "$: unknown key colour"),
        ({"product": "x"}, ts.DimensionScores, "$.product: 'x' is not a number"),
        ([1], ts.DimensionScores, "$: [1] is not a table of fields"),
        ({"start": "2024-07-01"}, ts.AssessmentPeriod, "$.end: required field missing"),
        (
            {"start": "2024-07-01", "end": dt.datetime(2024, 7, 2)},  # noqa: DTZ001 - a naive datetime is the bad input under test
            ts.AssessmentPeriod,
            "$.end: datetime.datetime(2024, 7, 2, 0, 0) is not an ISO date",
        ),
        ({"start": 20240701, "end": "2024-07-02"}, ts.AssessmentPeriod, "$.start: 20240701"),
        ("renormalise", ts.MissingDataPolicy, None),
        ("sometimes", ts.MissingDataPolicy, "'sometimes' is not a MissingDataPolicy"),
        ({"profiles": {}, "name": 3}, ts.RuleBook, "$.name: 3 is not a text"),
        ({"profiles": {}, "minimum_orders": 1.5}, ts.RuleBook, "1.5 is not a whole number"),
        ({"profiles": {}, "minimum_orders": True}, ts.RuleBook, "True is not a whole number"),
        ({"profiles": {}, "star_bands": "3"}, ts.RuleBook, "$.star_bands: '3' is not a list"),
        ({"profiles": {}, "star_bands": ("3", "4")}, ts.RuleBook, None),
        ({"profiles": "x"}, ts.RuleBook, "$.profiles: 'x' is not a table"),
        ({"profiles": {}, "exemptions": [{"start": "2024-07-01"}]}, ts.RuleBook, "end"),
        (
            {"profiles": {}, "exemptions": [{"start": "x", "end": "y", "reason": "z"}]},
            ts.RuleBook,
            "$.exemptions[0].start: 'x' is not an ISO date",
        ),
        (
            {"profiles": {}, "exemptions": [{"start": "2024-07-01", "end": "2024-07-02"}]},
            ts.RuleBook,
            r"$.exemptions[0].reason: required field missing",
        ),
        (
            {"profiles": {}, "exemptions": [{**dict.fromkeys(["reason"], "r"), "regions": None}]},
            ts.RuleBook,
            "$.exemptions[0].start: required field missing",
        ),
        (
            {"start": "2024-07-01", "end": "2024-07-02", "reason": "r", "regions": None},
            ts.Exemption,
            None,
        ),
    ],
)
def test_a_fresh_converter_names_the_field_at_fault(document, kind, message):
    fresh = Converter()
    if message is None:
        assert fresh.structure(document, kind) == ts.converter.structure(document, kind)
        return
    with pytest.raises(ts.RuleBookError, match=re.escape(message)) as caught:
        fresh.structure(document, kind)
    assert str(caught.value).startswith(f"invalid {kind.__name__}:\n  $")


def test_a_fresh_converter_tells_the_schemes_apart_by_their_keys():
    fresh = Converter()
    taobao = fresh.structure(
        {
            "scheme": "taobao",
            "profiles": {
                "女装": {
                    "description": "0.3",
                    "logistics": "0.2",
                    "customer_service": "0.2",
                    "transaction_security": "0.1",
                    "after_sales": "0.2",
                }
            },
        },
        ts.RuleBook,
    )
    assert isinstance(taobao.profiles["女装"], ts.TaobaoWeights)
    tmall = fresh.structure(GOOD_DOC, ts.RuleBook)
    assert all(isinstance(p, ts.WeightProfile) for p in tmall.profiles.values())
    result = fresh.structure(fresh.unstructure(VALUES[-1]), ts.Assessment)
    assert isinstance(result.scores, ts.DimensionScores)
    assert result == VALUES[-1]
    scores = fresh.unstructure(ts.TaobaoScores(description=4, after_sales=5))
    assert fresh.structure(
        {**fresh.unstructure(VALUES[-1]), "scores": scores, "status": "category_excluded"}
        | {"score": "99", "stars": None},
        ts.Assessment,
    ).scores == ts.TaobaoScores(description=4, after_sales=5)


def test_a_fresh_converter_refuses_a_type_error_by_name():
    fresh = Converter()
    with pytest.raises(ts.RuleBookError, match=r"^invalid RuleBook:\n  \$: "):
        fresh.structure(None, ts.RuleBook)
    with pytest.raises(ts.RuleBookError, match=r"^invalid int:\n  \$: 'x' is not a whole number"):
        fresh.structure("x", int)


@pytest.mark.parametrize(
    ("document", "kind", "message"),
    [
        (
            {"profiles": {}, "missing_data": "sometimes", "colour": 1, "size": 2},
            ts.RuleBook,
            (
                "invalid RuleBook:\n"
                "  $.missing_data: 'sometimes' is not a MissingDataPolicy; "
                "expected one of 'renormalise', 'zero', 'refuse'\n"
                "  $: unknown key colour, size"
            ),
        ),
        (
            {"profiles": {"服饰": {"product": "a @ b"}}},
            ts.RuleBook,
            (
                "invalid RuleBook:\n  $.profiles.服饰.product: 'a @ b' is not a number\n"
                "  $.profiles.服饰.logistics: required field missing\n"
                "  $.profiles.服饰.after_sales: required field missing\n"
                "  $.profiles.服饰.dispute: required field missing\n"
                "  $.profiles.服饰.consultation: required field missing"
            ),
        ),
        (
            {
                "profiles": {},
                "exemptions": [
                    {"start": "2024-07-01", "end": "2024-07-02", "reason": "x", "regions": "浙江"}
                ],
            },
            ts.RuleBook,
            (
                "invalid RuleBook:\n  $.exemptions[0].regions: '浙江' is not a collection of "
                "names; write one name as a one-element list, such as ['浙江']"
            ),
        ),
        ("x", float, "invalid float:\n  $: ValueError: could not convert string to float: 'x'"),
        ("x", int | None, "invalid int | None:\n  $: 'x' is not a whole number"),
    ],
)
def test_a_fresh_converter_writes_the_whole_message(document, kind, message):
    with pytest.raises(ts.RuleBookError) as caught:
        Converter().structure(document, kind)
    assert str(caught.value) == message
    assert isinstance(caught.value.__cause__, Exception)


def test_an_assessment_without_its_bonus_names_is_refused():
    data = Converter().unstructure(VALUES[-1]) | {"bonuses": None}
    with pytest.raises(ts.RuleBookError) as caught:
        Converter().structure(data, ts.Assessment)
    assert "$.bonuses: None is not a collection of names" in str(caught.value)


def test_a_fresh_converter_still_structures_other_types_as_cattrs_does():
    fresh = Converter()
    assert fresh.structure([1, 2], list[int]) == [1, 2]
    with pytest.raises(ts.RuleBookError, match=r"\$\[0\]: '1' is not a whole number"):
        fresh.structure(["1"], list[int])  # each item structured, not the list called
    assert fresh.structure([1, "a"], tuple[int, str]) == (1, "a")
    assert fresh.structure(1.5, float) == 1.5
    assert fresh.structure(["3", "4"], tuple[Decimal, ...]) == (Decimal(3), Decimal(4))


def test_a_fresh_converter_calls_no_class_on_data_that_it_has_no_hook_for():
    """Only enums are made by calling the class on the value; other classes need a hook."""
    fresh = Converter()
    with pytest.raises(StructureHandlerNotFoundError):
        fresh.structure("1/3", Fraction)
    assert fresh.structure("zero", ts.MissingDataPolicy) is ts.MissingDataPolicy.ZERO


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
