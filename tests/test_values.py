"""Unit tests of the value types' own checks, beyond the contract's examples."""

import datetime as dt
import inspect
from decimal import Decimal
from fractions import Fraction

import pytest

import tmall_service as ts
from tmall_service._files import loading as _loading
from tmall_service._values.mapping import FrozenMapping
from tmall_service._values.numbers import round_half_up

APPAREL = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)
JULY = ts.AssessmentPeriod.month(2024, 7)
FLOOD = ts.Exemption(start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 2), reason="flood")


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


class TestAssessmentConsistency:
    def make(self, **changes):
        arguments = {
            "scores": ts.DimensionScores(product=4),
            "category": "服饰",
            "period": JULY,
            "status": ts.Status.SCORED,
            "score": "4.00",
            **changes,
        }
        return ts.Assessment(**arguments)

    def test_a_consistent_assessment_is_accepted(self):
        assert self.make().score == Decimal("4.00")

    @pytest.mark.parametrize(
        ("changes", "error", "pattern"),
        [
            ({"score": 99}, ts.InvalidScoreError, r"score: 99 is outside"),
            ({"status": ts.Status.NO_DATA}, ts.InvalidScoreError, r"must be 99 for status"),
            ({"status": "scored"}, ts.RuleBookError, r"status: 'scored' is not a Status"),
            ({"exemption": FLOOD}, ts.RuleBookError, r"does not fit status 'scored'"),
            (
                {"status": ts.Status.EXEMPT, "score": 99},
                ts.RuleBookError,
                r"exemption: None does not fit status 'exempt'",
            ),
            ({"exemption": "flood"}, ts.RuleBookError, r"exemption: 'flood' is not an Exemption"),
            ({"region": 3}, ts.RuleBookError, r"region: 3 is not a str"),
            ({"category": None}, ts.RuleBookError, r"category: None is not a str"),
            ({"scores": {}}, ts.InvalidScoreError, r"scores: \{\} is not a DimensionScores"),
            ({"period": "2024-13"}, ts.InvalidPeriodError, r"period: '2024-13' is not a period"),
        ],
    )
    def test_inconsistent_facts_are_refused(self, changes, error, pattern):
        with pytest.raises(error, match=pattern):
            self.make(**changes)

    def test_functions_refuse_things_that_are_not_assessments(self):
        with pytest.raises(ts.RuleBookError, match=r"assessment: 3\.5 is not an Assessment"):
            ts.passes(3.5, 3)  # type: ignore[arg-type]
        with pytest.raises(ts.RuleBookError, match="assessments: 'x' is not an Assessment"):
            ts.consecutive_failures(["x"], 3)  # type: ignore[list-item]

    def test_assess_refuses_a_bad_rule_book_or_period(self):
        with pytest.raises(ts.RuleBookError, match=r"rules: .* is not a RuleBook"):
            ts.assess(ts.DimensionScores(), category="服饰", period=JULY, rules={})  # type: ignore[arg-type]
        book = ts.RuleBook(profiles={"服饰": APPAREL})
        with pytest.raises(ts.InvalidPeriodError, match="period: 7 is not an AssessmentPeriod"):
            ts.assess(ts.DimensionScores(), category="服饰", period=7, rules=book)  # type: ignore[arg-type]


class TestPeriodsAndNumbers:
    @pytest.mark.parametrize("year", [0, 10_000])
    def test_a_year_outside_the_calendar_is_refused(self, year):
        with pytest.raises(ts.InvalidPeriodError, match=f"year: {year} is outside"):
            ts.AssessmentPeriod.month(year, 1)

    def test_round_half_up_of_a_fraction_is_exact(self):
        assert round_half_up(Fraction(1, 200)) == Decimal("0.01")
        assert round_half_up(Fraction(1, 201)) == Decimal("0.00")
        with pytest.raises(ValueError, match="negative"):
            round_half_up(Fraction(-1, 3))

    def test_missing_weights_show_as_required_in_the_signature(self):
        signature = inspect.signature(ts.WeightProfile)
        assert repr(signature.parameters["product"].default) == "REQUIRED"


class TestFrozenMapping:
    def test_equal_to_itself_and_to_a_dict(self):
        table = FrozenMapping({"a": 1, "b": 2})
        assert table == FrozenMapping({"b": 2, "a": 1})
        assert table == {"a": 1, "b": 2}
        assert table != FrozenMapping({"a": 1})
        assert len(table) == 2
        assert hash(table) == hash(table)  # the cached hash
        assert repr(table) == "{'a': 1, 'b': 2}"


class TestLoadingLimits:
    def test_a_file_over_the_size_limit_is_refused(self, tmp_path, monkeypatch):
        monkeypatch.setattr(_loading, "MAX_FILE_BYTES", 10)
        path = tmp_path / "big.json"
        path.write_text('{"profiles": {}}', encoding="utf-8")
        with pytest.raises(ts.RuleBookError, match=r"big\.json: larger than 10 bytes"):
            ts.load_rulebook(path)

    def test_a_byte_order_mark_is_accepted(self, tmp_path):
        path = tmp_path / "bom.json"
        path.write_bytes(b"\xef\xbb\xbf" + b'{"profiles": {}}')
        assert ts.load_rulebook(path) == ts.RuleBook(profiles={})

    def test_toml_dates_are_accepted_as_dates(self, tmp_path):
        path = tmp_path / "dates.toml"
        path.write_text(
            "profiles = {}\n[[exemptions]]\nstart = 2024-07-01\nend = 2024-07-02\n"
            'reason = "flood"\n',
            encoding="utf-8",
        )
        (exemption,) = ts.load_rulebook(path).exemptions
        assert exemption == FLOOD

    def test_structuring_none_as_names_is_refused(self):
        with pytest.raises(ts.RuleBookError, match="None is not a collection of names"):
            ts.converter.structure(None, frozenset[str])


@pytest.mark.parametrize(
    ("field", "value"),
    [("minimum_orders", 1.5), ("minimum_orders", True), ("new_shop_grace_months", 2.0)],
)
def test_whole_numbers_in_files_are_never_cut(field, value):
    with pytest.raises(ts.RuleBookError, match=rf"\$\.{field}: {value} is not a whole number"):
        ts.converter.structure({"profiles": {}, field: value}, ts.RuleBook)


def test_clearance_counts_in_files_are_whole_numbers():
    document = {"profiles": {}, "clearance_after": {"merchant_assessment": 2.7}}
    with pytest.raises(ts.RuleBookError, match=r"2\.7 is not a whole number"):
        ts.converter.structure(document, ts.RuleBook)
