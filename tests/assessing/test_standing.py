"""Standards per purpose, and a shop's standing over its history."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import tmall_service as ts
from tmall_service._rules.standing import VERDICTS

D = dt.date
APPAREL = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)
RULES = ts.RuleBook(
    profiles={"服饰": APPAREL, "美妆": APPAREL},
    thresholds={ts.Purpose.MARKETING_ACCESS: "4.0", ts.Purpose.MERCHANT_ASSESSMENT: "3.5"},
    category_thresholds={"美妆": {ts.Purpose.MARKETING_ACCESS: "4.5"}},
    clearance_after=3,
)


def uniform(score):
    return ts.DimensionScores(
        product=score, logistics=score, after_sales=score, dispute=score, consultation=score
    )


def month(m, score, category="服饰", rules=RULES, year=2024):
    scores = ts.DimensionScores() if score is None else uniform(score)
    return ts.assess(
        scores, category=category, period=ts.AssessmentPeriod.month(year, m), rules=rules
    )


class TestStandards:
    def test_each_purpose_with_a_standard_is_judged(self):
        verdicts = ts.standards(month(1, "3.8"), RULES)
        assert verdicts == {
            ts.Purpose.MARKETING_ACCESS: False,
            ts.Purpose.MERCHANT_ASSESSMENT: True,
        }

    def test_a_category_override_replaces_the_general_standard(self):
        assert ts.standards(month(1, "4.2", "美妆"), RULES)[ts.Purpose.MARKETING_ACCESS] is False
        assert ts.standards(month(1, "4.2", "服饰"), RULES)[ts.Purpose.MARKETING_ACCESS] is True
        assert RULES.threshold(ts.Purpose.MERCHANT_ASSESSMENT, "美妆") == Decimal("3.5")
        assert RULES.threshold(ts.Purpose.ANNUAL_FEE_REFUND) is None

    def test_a_shop_not_assessed_passes_every_standard(self):
        assert all(ts.standards(month(1, None), RULES).values())

    def test_an_edition_may_have_a_shop_not_assessed_fail_a_standard(self):
        strict = attrs.evolve(RULES, passes_by_default={ts.Purpose.MARKETING_ACCESS})
        assert ts.standards(month(1, None, rules=strict), strict) == {
            ts.Purpose.MARKETING_ACCESS: True,
            ts.Purpose.MERCHANT_ASSESSMENT: False,
        }
        assert ts.passes(month(1, None, rules=strict), "3.5")  # passes() keeps the default


class TestStanding:
    def test_six_months_ending_in_three_failures_is_clearance(self):
        history = [month(m, s) for m, s in enumerate(["4.2", "3.9", "4.1", "3.4", "3.2", "3.0"], 1)]
        standing = ts.standing(history, RULES)
        merchant = standing[ts.Purpose.MERCHANT_ASSESSMENT]
        assert merchant.verdict is ts.Verdict.CLEARANCE
        assert merchant.failures == 3
        assert merchant.limit == 3
        assert merchant.periods == tuple(ts.AssessmentPeriod.month(2024, m) for m in (4, 5, 6))
        marketing = standing[ts.Purpose.MARKETING_ACCESS]
        assert marketing.verdict is ts.Verdict.NOT_ELIGIBLE  # no clearance for this purpose
        assert marketing.failures == 3
        assert marketing.limit is None
        assert marketing.fee_year is None
        assert standing.latest == ts.AssessmentPeriod.month(2024, 6)
        assert standing.gaps == ()

    def test_a_gap_is_reported_and_stops_the_run(self):
        history = [month(m, "3.0") for m in (1, 2, 4, 5)]  # March is missing
        standing = ts.standing(history, RULES)
        assert standing.gaps == (ts.AssessmentPeriod.month(2024, 3),)
        merchant = standing[ts.Purpose.MERCHANT_ASSESSMENT]
        assert merchant.failures == 2
        assert merchant.verdict is ts.Verdict.AT_RISK

    def test_a_passing_latest_period_is_good_standing(self):
        history = [month(1, "3.0"), month(2, "3.0"), month(3, "4.5")]
        merchant = ts.standing(history, RULES)[ts.Purpose.MERCHANT_ASSESSMENT]
        assert merchant.verdict is ts.Verdict.GOOD
        assert merchant.failures == 0
        assert merchant.periods == ()

    def test_a_not_assessed_period_ends_the_run(self):
        history = [month(1, "3.0"), month(2, None), month(3, "3.0")]
        assert ts.standing(history, RULES)[ts.Purpose.MERCHANT_ASSESSMENT].failures == 1

    def test_a_not_assessed_period_continues_the_run_where_it_fails_by_setting(self):
        strict = attrs.evolve(RULES, passes_by_default=frozenset())
        history = [month(m, s, rules=strict) for m, s in ((1, "3.0"), (2, None), (3, "3.0"))]
        merchant = ts.standing(history, strict)[ts.Purpose.MERCHANT_ASSESSMENT]
        assert (merchant.failures, merchant.verdict) == (3, ts.Verdict.CLEARANCE)

    def test_an_empty_history_stands_well(self):
        standing = ts.standing([], REFUND)
        assert standing.latest is None
        assert standing[ts.Purpose.MERCHANT_ASSESSMENT].verdict is ts.Verdict.GOOD
        assert standing[ts.Purpose.ANNUAL_FEE_REFUND].fee_year is None
        assert standing[ts.Purpose.ANNUAL_FEE_REFUND].verdict is ts.Verdict.GOOD

    def test_without_a_limit_a_failing_shop_is_at_risk_however_long_it_fails(self):
        open_ended = attrs.evolve(RULES, clearance_after=None)
        history = [month(m, "3.0", rules=open_ended) for m in range(1, 13)]
        merchant = ts.standing(history, open_ended)[ts.Purpose.MERCHANT_ASSESSMENT]
        assert (merchant.verdict, merchant.failures, merchant.limit) == (
            ts.Verdict.AT_RISK,
            12,
            None,
        )
        assert merchant.consequence() == "failed 12 periods in a row: at risk of clearance"

    def test_a_purpose_without_a_standard_is_absent(self):
        standing = ts.standing([month(1, "3.0")], RULES)
        assert set(standing.purposes) == {
            ts.Purpose.MARKETING_ACCESS,
            ts.Purpose.MERCHANT_ASSESSMENT,
        }
        with pytest.raises(ts.RuleBookError, match="annual_fee_refund"):
            standing[ts.Purpose.ANNUAL_FEE_REFUND]

    def test_each_period_is_judged_by_its_own_edition(self):
        strict = attrs.evolve(
            RULES,
            name="2024",
            effective_from=D(2024, 1, 1),
            thresholds={ts.Purpose.MERCHANT_ASSESSMENT: "4.0"},
            clearance_after=2,
        )
        lenient = attrs.evolve(
            RULES, name="2023", effective_from=D(2023, 1, 1), effective_to=D(2023, 12, 31)
        )
        editions = ts.Editions([lenient, strict])
        # 3.8 passes 2023's 3.5 but fails 2024's 4.0.
        history = [month(12, "3.8", year=2023), month(1, "3.8"), month(2, "3.8")]
        merchant = ts.standing(history, editions)[ts.Purpose.MERCHANT_ASSESSMENT]
        assert merchant.failures == 2
        assert merchant.limit == 2
        assert merchant.verdict is ts.Verdict.CLEARANCE

    def test_rules_of_the_wrong_type_are_refused(self):
        with pytest.raises(ts.RuleBookError, match="rules: 'x' is not a RuleBook or Editions"):
            ts.standing([month(1, "3.0")], "x")  # type: ignore[arg-type]


REFUND = attrs.evolve(RULES, thresholds={**RULES.thresholds, ts.Purpose.ANNUAL_FEE_REFUND: "4.2"})


class TestAnnualFeeRefund:
    def test_one_failing_period_of_the_fee_year_forfeits_its_refund(self):
        history = [month(m, s, rules=REFUND) for m, s in ((1, "4.5"), (2, "4.0"), (3, "4.5"))]
        refund = ts.standing(history, REFUND)[ts.Purpose.ANNUAL_FEE_REFUND]
        assert refund.verdict is ts.Verdict.FORFEITED
        assert refund.failures == 1
        assert refund.periods == (ts.AssessmentPeriod.month(2024, 2),)
        assert refund.fee_year == ts.AssessmentPeriod.year(2024)
        assert refund.limit is None
        # marketing access looks at the latest period only: eligible again
        assert ts.standing(history, REFUND)[ts.Purpose.MARKETING_ACCESS].verdict is ts.Verdict.GOOD

    def test_the_failures_of_an_earlier_fee_year_do_not_count(self):
        history = [
            month(11, "3.0", rules=REFUND, year=2023),
            month(12, "3.0", rules=REFUND, year=2023),
            month(1, "4.5", rules=REFUND),
        ]
        refund = ts.standing(history, REFUND)[ts.Purpose.ANNUAL_FEE_REFUND]
        assert (refund.verdict, refund.failures, refund.periods) == (ts.Verdict.GOOD, 0, ())
        assert refund.fee_year == ts.AssessmentPeriod.year(2024)

    def test_the_fee_year_is_a_setting_of_the_edition(self):
        halves = attrs.evolve(REFUND, fee_year=ts.PeriodKind.HALF_YEAR)
        history = [month(m, s, rules=halves) for m, s in ((5, "3.0"), (7, "4.5"))]
        refund = ts.standing(history, halves)[ts.Purpose.ANNUAL_FEE_REFUND]
        assert refund.fee_year == ts.AssessmentPeriod.half_year(2024, 2)
        assert refund.verdict is ts.Verdict.GOOD

    def test_a_year_assessed_as_one_period_is_judged_on_it(self):
        yearly = attrs.evolve(REFUND, period_kind=ts.PeriodKind.YEAR)
        result = ts.assess(
            uniform("4.1"), category="服饰", period=ts.AssessmentPeriod.year(2024), rules=yearly
        )
        refund = ts.standing([result], yearly)[ts.Purpose.ANNUAL_FEE_REFUND]
        assert refund.verdict is ts.Verdict.FORFEITED
        assert refund.periods == (ts.AssessmentPeriod.year(2024),)

    def test_the_refund_never_leads_to_clearance(self):
        history = [month(m, "3.0", rules=REFUND) for m in range(1, 13)]
        standing = ts.standing(history, REFUND)
        assert standing[ts.Purpose.ANNUAL_FEE_REFUND].verdict is ts.Verdict.FORFEITED
        assert standing[ts.Purpose.MARKETING_ACCESS].verdict is ts.Verdict.NOT_ELIGIBLE
        verdicts = {s.verdict for s in standing.purposes.values()}
        assert verdicts & {ts.Verdict.CLEARANCE} == {ts.Verdict.CLEARANCE}  # merchant only
        assert standing[ts.Purpose.MERCHANT_ASSESSMENT].verdict is ts.Verdict.CLEARANCE


class TestConsequences:
    def test_each_purpose_reaches_only_its_own_verdicts(self):
        assert VERDICTS[ts.Purpose.MARKETING_ACCESS] == (ts.Verdict.GOOD, ts.Verdict.NOT_ELIGIBLE)
        assert VERDICTS[ts.Purpose.ANNUAL_FEE_REFUND] == (ts.Verdict.GOOD, ts.Verdict.FORFEITED)
        assert ts.Verdict.CLEARANCE in VERDICTS[ts.Purpose.MERCHANT_ASSESSMENT]
        assert sorted(ts.Verdict, key=lambda v: v.severity) == [
            ts.Verdict.GOOD,
            ts.Verdict.FORFEITED,
            ts.Verdict.NOT_ELIGIBLE,
            ts.Verdict.AT_RISK,
            ts.Verdict.CLEARANCE,
        ]

    def test_each_verdict_says_its_consequence_in_both_languages(self):
        history = [month(m, "3.0", rules=REFUND) for m in (4, 5, 6)]
        standing = ts.standing(history, REFUND)
        said = {p: (s.consequence(), s.consequence("zh")) for p, s in standing.purposes.items()}
        assert said[ts.Purpose.MARKETING_ACCESS] == (
            "below the standard: not eligible for campaigns while it stays below",
            "未达营销准入标准：达标之前不能参加营销活动",
        )
        assert said[ts.Purpose.MERCHANT_ASSESSMENT] == (
            (
                "failed 3 periods in a row, the edition's limit of 3: due for clearance, "
                "and with it the risk of losing the annual fee"
            ),
            "连续 3 期考核不达标，达到本版规则 3 期的清退条件，并面临年费损失的风险",
        )
        assert said[ts.Purpose.ANNUAL_FEE_REFUND] == (
            (
                "below the standard in 3 periods of the fee year 2024-01-01..2024-12-31: "
                "its refund is forfeited"
            ),
            "年费结算期 2024-01-01..2024-12-31 内有 3 期未达标：该结算期的年费不予返还",
        )
        one = ts.standing(history[-1:], REFUND)[ts.Purpose.MERCHANT_ASSESSMENT]
        assert one.consequence() == "failed the latest period: at risk of clearance"
        assert one.consequence("zh") == "最近 1 期考核不达标：面临清退风险"
        with pytest.raises(ValueError, match="lang: 'cn' is not a language"):
            one.consequence("cn")  # type: ignore[arg-type]

    def test_the_notebook_table_shows_the_consequences(self):
        history = [month(m, "3.0", rules=REFUND) for m in (5, 6)]
        html = ts.standing(history, REFUND)._repr_html_()
        assert "✗ at risk of clearance" in html
        assert "not eligible for campaigns" in html
        assert "its refund is forfeited" in html
        with ts.display_options(lang="zh"):
            assert "✗ 面临清退风险" in ts.standing(history, REFUND)._repr_html_()


class TestOldClearanceTables:
    def test_a_table_with_the_merchant_assessment_alone_still_reads_with_a_warning(self):
        with pytest.warns(DeprecationWarning, match="write clearance_after = 3"):
            book = ts.RuleBook(profiles={}, clearance_after={ts.Purpose.MERCHANT_ASSESSMENT: 3})
        assert book.clearance_after == 3

    def test_an_old_file_with_other_purposes_is_refused_with_what_to_write(self, tmp_path):
        path = tmp_path / "old.toml"
        path.write_text(
            "profiles = {}\n[clearance_after]\nmerchant_assessment = 3\nannual_fee_refund = 2\n",
            "utf-8",
        )
        with pytest.raises(ts.RuleBookError) as caught:
            ts.load_rulebook(path)
        message = str(caught.value)
        assert "clearance_after.annual_fee_refund: clearance follows failures of the merchant" in (
            message
        )
        assert "the fee year's refund is forfeited instead" in message
        assert message.endswith("write the merchant assessment's as clearance_after = 3")

    def test_an_old_file_with_the_merchant_assessment_alone_loads(self, tmp_path):
        path = tmp_path / "old.toml"
        path.write_text("profiles = {}\n[clearance_after]\nmerchant_assessment = 4\n", "utf-8")
        with pytest.warns(DeprecationWarning, match="write clearance_after = 4"):
            assert ts.load_rulebook(path).clearance_after == 4

    def test_the_new_form_round_trips(self):
        book = ts.example_rulebook()
        data = ts.converter.unstructure(book)
        assert (data["clearance_after"], data["fee_year"]) == (3, "year")
        assert data["passes_by_default"] == [p.value for p in ts.Purpose]
        assert ts.converter.structure(data, ts.RuleBook) == book


JULY = ts.AssessmentPeriod.month(2024, 7)


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
