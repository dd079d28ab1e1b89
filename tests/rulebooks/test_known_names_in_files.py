"""Known names and edition dates through the converter and rule book files."""

from __future__ import annotations

import enum
import json
from datetime import date
from decimal import Decimal

import pytest
import tomli_w

import tmall_service as ts
from contract_values import APPAREL, BEAUTY, DIGITAL, JULY, _leaves

FOOD = "食品"


# The seed example: 5×0.2 + 3×0.3 + 4×0.2 + 1×0.2 + 4×0.1 = 1 + 0.9 + 0.8 + 0.2 + 0.4 = 3.30.
SCORES = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)


def _assess(rules: ts.RuleBook, category: str = APPAREL, **kwargs: object) -> ts.Assessment:
    kwargs.setdefault("period", JULY)
    return ts.assess(SCORES, category=category, rules=rules, **kwargs)


YEAR_END = date(2024, 12, 31)


YEAR_START = date(2024, 1, 1)


FOUR = (APPAREL, BEAUTY, DIGITAL, FOOD)


WEIGHTS = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)


def _book(*profiled: str, **fields: object) -> ts.RuleBook:
    """A rule book with the seed weights for each of *profiled* (default: all four)."""
    names = profiled or FOUR
    return ts.RuleBook(profiles=dict.fromkeys(names, WEIGHTS), **fields)


def _exemption(
    *,
    categories: object = None,
    regions: object = None,
    start: date = date(2024, 7, 10),
    end: date = date(2024, 7, 20),
) -> ts.Exemption:
    return ts.Exemption(
        start=start, end=end, reason="特大灾害", categories=categories, regions=regions
    )


def _full_book() -> ts.RuleBook:
    """A rule book that sets every v1.1 field."""
    return _book(
        APPAREL,
        BEAUTY,
        excluded_categories=frozenset({FOOD, DIGITAL}),
        exclude_unknown_categories=True,
        extra_regions=frozenset({"美国"}),
        name="2024版",
        effective_from=YEAR_START,
        effective_to=YEAR_END,
        exemptions=(
            _exemption(categories=[APPAREL, FOOD], regions=["浙江省", "美国"]),
            _exemption(regions=["内蒙古"]),
        ),
    )


ASSESSMENTS = [
    pytest.param(lambda: _assess(_full_book(), APPAREL, region="浙江省"), id="exempt-in-region"),
    pytest.param(lambda: _assess(_full_book(), BEAUTY, region="美国"), id="scored-overseas"),
    pytest.param(lambda: _assess(_full_book(), FOOD), id="excluded"),
    pytest.param(lambda: _assess(_full_book(), "服装"), id="unknown-excluded"),
]


def _edition(
    effective_from: date | None = YEAR_START, effective_to: date | None = YEAR_END
) -> ts.RuleBook:
    return _book(name="2024版", effective_from=effective_from, effective_to=effective_to)


# Values are built inside each test, so that one the library refuses fails only
# the tests that use it.
BOOKS = [
    pytest.param(_full_book, id="every-field"),
    pytest.param(lambda: _book(excluded_categories=frozenset()), id="nothing-excluded"),
    pytest.param(lambda: _edition(effective_to=None), id="open-ended-after"),
    pytest.param(lambda: _edition(effective_from=None), id="open-ended-before"),
    pytest.param(
        lambda: ts.RuleBook(profiles={}, excluded_categories=frozenset({FOOD})),
        id="excluded-only",
    ),
]


HAND_WRITTEN_TOML = """\
name = "2024版"
effective_from = "2024-01-01"
effective_to = "2024-12-31"
excluded_categories = ["食品"]
exclude_unknown_categories = true
extra_regions = ["美国"]

[profiles."服饰"]
product = "0.2"
logistics = "0.3"
after_sales = "0.2"
dispute = "0.2"
consultation = "0.1"

[[exemptions]]
start = "2024-07-10"
end = "2024-07-20"
reason = "特大灾害"
categories = ["服饰"]
regions = ["浙江省", "美国"]
"""


def _toml_ready(value: object) -> object:
    """*value* without the ``None``s TOML cannot hold."""
    if isinstance(value, dict):
        return {k: _toml_ready(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_toml_ready(v) for v in value if v is not None]
    return value


class TestConverterV11:
    @pytest.mark.parametrize("make", BOOKS + ASSESSMENTS)
    def test_round_trip(self, make):
        value = make()
        raw = ts.converter.unstructure(value)
        assert ts.converter.structure(raw, type(value)) == value

    @pytest.mark.parametrize("make", BOOKS + ASSESSMENTS)
    def test_round_trip_through_json_text(self, make):
        value = make()
        text = json.dumps(ts.converter.unstructure(value), ensure_ascii=False)
        assert ts.converter.structure(json.loads(text), type(value)) == value

    @pytest.mark.parametrize("make", BOOKS + ASSESSMENTS)
    def test_json_safe_leaves(self, make):
        for leaf in _leaves(ts.converter.unstructure(make())):
            assert not isinstance(leaf, Decimal | date | enum.Enum | float | set | frozenset), leaf

    def test_new_fields_are_keyed_by_their_names(self):
        raw = ts.converter.unstructure(_full_book())
        assert sorted(raw["excluded_categories"]) == sorted([FOOD, DIGITAL])
        assert raw["exclude_unknown_categories"] is True
        assert list(raw["extra_regions"]) == ["美国"]
        assert raw["effective_from"] == "2024-01-01"
        assert raw["effective_to"] == "2024-12-31"
        assert raw["name"] == "2024版"

    def test_exemption_regions_unstructure_as_short_names(self):
        raw = ts.converter.unstructure(_full_book())
        assert sorted(raw["exemptions"][0]["regions"]) == sorted(["浙江", "美国"])

    def test_assessment_region_unstructures_as_short_name(self):
        result = _assess(_full_book(), BEAUTY, region="内蒙古自治区")
        assert "内蒙古" in _leaves(ts.converter.unstructure(result))

    def test_structure_refuses_a_name_both_profiled_and_excluded(self):
        raw = ts.converter.unstructure(_full_book())
        raw["excluded_categories"] = [*raw["excluded_categories"], APPAREL]
        with pytest.raises(ts.RuleBookError):
            ts.converter.structure(raw, ts.RuleBook)


class TestRuleBookFilesV11:
    @pytest.mark.parametrize("make", BOOKS)
    def test_json_round_trip(self, tmp_path, make):
        book = make()
        path = tmp_path / "edition.json"
        raw = ts.converter.unstructure(book)
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        assert ts.load_rulebook(path) == book

    @pytest.mark.parametrize("make", BOOKS)
    def test_toml_round_trip(self, tmp_path, make):
        book = make()
        path = tmp_path / "edition.toml"
        raw = _toml_ready(ts.converter.unstructure(book))
        path.write_text(tomli_w.dumps(raw), encoding="utf-8")
        assert ts.load_rulebook(path) == book

    def test_hand_written_toml(self, tmp_path):
        path = tmp_path / "hand.toml"
        path.write_text(HAND_WRITTEN_TOML, encoding="utf-8")
        expected = ts.RuleBook(
            profiles={APPAREL: WEIGHTS},
            excluded_categories=frozenset({FOOD}),
            exclude_unknown_categories=True,
            extra_regions=frozenset({"美国"}),
            name="2024版",
            effective_from=YEAR_START,
            effective_to=YEAR_END,
            exemptions=(_exemption(categories=[APPAREL], regions=["浙江", "美国"]),),
        )
        assert ts.load_rulebook(path) == expected

    def test_file_without_new_fields_gets_the_defaults(self, tmp_path):
        path = tmp_path / "plain.json"
        raw = {"profiles": {APPAREL: ts.converter.unstructure(WEIGHTS)}}
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        loaded = ts.load_rulebook(path)
        assert loaded.excluded_categories == frozenset()
        assert loaded.exclude_unknown_categories is False
        assert loaded.effective_from is None
        assert loaded.effective_to is None

    def test_file_naming_a_category_both_profiled_and_excluded_is_refused(self, tmp_path):
        path = tmp_path / "both.json"
        raw = {
            "profiles": {APPAREL: ts.converter.unstructure(WEIGHTS)},
            "excluded_categories": [APPAREL],
        }
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ts.RuleBookError) as caught:
            ts.load_rulebook(path)
        assert APPAREL in str(caught.value)

    def test_file_with_an_exemption_for_an_unknown_category_is_refused(self, tmp_path):
        path = tmp_path / "typo.json"
        raw = ts.converter.unstructure(_book(APPAREL))
        raw["exemptions"] = [ts.converter.unstructure(_exemption(categories=["服装"]))]
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ts.RuleBookError) as caught:
            ts.load_rulebook(path)
        message = str(caught.value)
        assert "服装" in message
        assert "categories" in message

    def test_file_with_an_exemption_for_an_unknown_region_is_refused(self, tmp_path):
        path = tmp_path / "abroad.toml"
        raw = ts.converter.unstructure(_book(APPAREL))
        raw["exemptions"] = [ts.converter.unstructure(_exemption(regions=["浙江"]))]
        raw["exemptions"][0]["regions"] = ["美国"]
        path.write_text(tomli_w.dumps(_toml_ready(raw)), encoding="utf-8")
        with pytest.raises(ts.RuleBookError) as caught:
            ts.load_rulebook(path)
        message = str(caught.value)
        assert "美国" in message
        assert "regions" in message

    def test_loaded_edition_refuses_a_period_outside_it(self, tmp_path):
        path = tmp_path / "hand.toml"
        path.write_text(HAND_WRITTEN_TOML, encoding="utf-8")
        rules = ts.load_rulebook(path)
        with pytest.raises(ts.InvalidPeriodError):
            _assess(rules, period=ts.AssessmentPeriod.month(2025, 1))
        assert _assess(rules, "服装").status is ts.Status.CATEGORY_EXCLUDED
