"""A RuleBook's arguments: each bad one refused by name, its tables read-only and its own."""

from __future__ import annotations

import datetime as dt

import pytest

import tmall_service as ts
from tmall_service._values.mapping import FrozenMapping

MARKETING = ts.Purpose.MARKETING_ACCESS


PURPOSES = "'marketing_access', 'merchant_assessment', 'annual_fee_refund'"


RULES = ts.example_rulebook()


APPAREL = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)


FLOOD = ts.Exemption(start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 2), reason="flood")


def test_example_rulebook_takes_only_a_scheme():
    with pytest.raises(ts.RuleBookError, match=r"^scheme: 'taobao' is not a Scheme"):
        ts.example_rulebook("taobao")  # type: ignore[arg-type]


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


def test_a_missing_data_policy_that_is_not_one_is_named_with_the_valid_ones():
    profile = RULES.profile("服饰")
    scores = ts.DimensionScores(product=4)
    with pytest.raises(ts.RuleBookError) as error:
        ts.composite_score(scores, profile, missing_data="renormalise")  # type: ignore[arg-type]
    assert str(error.value) == (
        "missing_data: 'renormalise' is not a MissingDataPolicy; "
        "expected one of 'renormalise', 'zero', 'refuse'"
    )


class TestRuleBookArguments:
    @pytest.mark.parametrize(
        ("changes", "pattern"),
        [
            ({"profiles": [APPAREL]}, r"profiles: .* is not a mapping"),
            ({"profiles": {"": APPAREL}}, r"profiles: '' is empty once spaces are stripped"),
            ({"profiles": {3: APPAREL}}, r"profiles: 3 is not a name \(a text\)"),
            ({"profiles": {"服饰": {"product": 1}}}, r"profiles\.服饰: .* is not a WeightProfile"),
            ({"exemptions": "flood"}, r"exemptions: 'flood' is not a sequence"),
            ({"exemptions": 7}, r"exemptions: 7 is not a sequence"),
            ({"exemptions": [FLOOD, "x"]}, r"exemptions\[1\]: 'x' is not an Exemption"),
            ({"missing_data": "zero"}, r"missing_data: 'zero' is not a MissingDataPolicy"),
            ({"thresholds": [4]}, r"thresholds: \[4\] is not a mapping"),
            ({"thresholds": {"marketing_access": 4}}, r"'marketing_access' is not a Purpose"),
            (
                {"thresholds": {ts.Purpose.MARKETING_ACCESS: "5.5"}},
                r"thresholds\.marketing_access: '5\.5' is outside \[0, 5\]",
            ),
            ({"name": 5}, r"name: 5 is not a text"),
            ({"source": None}, r"source: None is not a text"),
        ],
        ids=lambda value: str(value)[:30],
    )
    def test_bad_arguments_are_named(self, changes, pattern):
        arguments = {"profiles": {"服饰": APPAREL}, **changes}
        with pytest.raises(ts.RuleBookError, match=pattern):
            ts.RuleBook(**arguments)

    def test_the_rule_book_is_hashable_and_its_tables_read_only(self):
        book = ts.RuleBook(profiles={"服饰": APPAREL}, exemptions=[FLOOD])
        same = ts.RuleBook(profiles={"服饰": APPAREL}, exemptions=(FLOOD,))
        assert hash(book) == hash(same)
        assert book == same
        with pytest.raises(TypeError):
            book.profiles["美妆"] = APPAREL  # type: ignore[index]

    def test_a_changed_source_dict_does_not_change_the_book(self):
        profiles = {"服饰": APPAREL}
        book = ts.RuleBook(profiles=profiles)
        profiles["美妆"] = APPAREL
        assert list(book.profiles) == ["服饰"]


class TestFrozenMapping:
    def test_equal_to_itself_and_to_a_dict(self):
        table = FrozenMapping({"a": 1, "b": 2})
        assert table == FrozenMapping({"b": 2, "a": 1})
        assert table == {"a": 1, "b": 2}
        assert table != FrozenMapping({"a": 1})
        assert len(table) == 2
        assert hash(table) == hash(table)  # the cached hash
        assert repr(table) == "{'a': 1, 'b': 2}"
