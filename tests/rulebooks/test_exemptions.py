"""Exemptions: the days, categories and regions they cover, and the names they refuse."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

import tmall_service as ts
from contract_values import (
    APPAREL,
    BEAUTY,
    DIGITAL,
    JULY,
    SEED_SCORES,
    SEED_WEIGHTS,
    SOLO_WEIGHTS,
    _exemption,
)


class TestExemption:
    def _status(self, exemption, *, category=APPAREL, region=None, period=JULY):
        # The book assesses 美妆 too, so that an exemption may name it.
        rules = ts.RuleBook(
            profiles={APPAREL: SEED_WEIGHTS, BEAUTY: SOLO_WEIGHTS},
            excluded_categories={DIGITAL},
            exemptions=(exemption,),
        )
        result = ts.assess(
            SEED_SCORES, category=category, period=period, rules=rules, region=region
        )
        return result.status

    @pytest.mark.parametrize(
        ("start", "end", "covered"),
        [
            pytest.param(date(2024, 6, 20), date(2024, 7, 1), True, id="ends-on-first-day"),
            pytest.param(date(2024, 7, 31), date(2024, 8, 5), True, id="starts-on-last-day"),
            pytest.param(date(2024, 6, 1), date(2024, 6, 30), False, id="ends-day-before"),
            pytest.param(date(2024, 8, 1), date(2024, 8, 9), False, id="starts-day-after"),
            pytest.param(date(2024, 7, 10), date(2024, 7, 10), True, id="one-day-inside"),
            pytest.param(date(2024, 6, 1), date(2024, 9, 30), True, id="encloses"),
        ],
    )
    def test_date_overlap_is_inclusive(self, start, end, covered):
        expected = ts.Status.EXEMPT if covered else ts.Status.SCORED
        assert self._status(_exemption(start, end)) is expected

    def test_single_day_period_on_exemption_end(self):
        day = ts.AssessmentPeriod(date(2024, 7, 20), date(2024, 7, 20))
        assert self._status(_exemption(), period=day) is ts.Status.EXEMPT

    @pytest.mark.parametrize(
        ("categories", "category", "covered"),
        [
            pytest.param(None, APPAREL, True, id="all-categories"),
            pytest.param([APPAREL], APPAREL, True, id="listed"),
            pytest.param((APPAREL, BEAUTY), APPAREL, True, id="listed-tuple"),
            pytest.param(frozenset({APPAREL}), APPAREL, True, id="listed-frozenset"),
            pytest.param([BEAUTY], APPAREL, False, id="not-listed"),
            pytest.param([], APPAREL, False, id="empty-collection"),
        ],
    )
    def test_category_scope(self, categories, category, covered):
        expected = ts.Status.EXEMPT if covered else ts.Status.SCORED
        exemption = _exemption(categories=categories)
        assert self._status(exemption, category=category) is expected

    @pytest.mark.parametrize(
        ("regions", "region", "covered"),
        [
            pytest.param(None, "河南", True, id="all-regions"),
            pytest.param(None, None, True, id="all-regions-unknown-region"),
            pytest.param(["河南"], "河南", True, id="listed"),
            pytest.param(["河南", "浙江"], "浙江", True, id="listed-second"),
            pytest.param(["河南"], "浙江", False, id="not-listed"),
            pytest.param(["河南"], None, False, id="unknown-region-not-covered"),
        ],
    )
    def test_region_scope(self, regions, region, covered):
        expected = ts.Status.EXEMPT if covered else ts.Status.SCORED
        exemption = _exemption(regions=regions)
        assert self._status(exemption, region=region) is expected

    def test_both_scopes_must_match(self):
        exemption = _exemption(categories=[APPAREL], regions=["河南"])
        assert self._status(exemption, region="河南") is ts.Status.EXEMPT
        assert self._status(exemption, region="浙江") is ts.Status.SCORED

    @pytest.mark.parametrize("field", ["categories", "regions"])
    def test_bare_string_scope_is_refused(self, field):
        with pytest.raises(ts.RuleBookError):
            _exemption(**{field: "河南"})

    def test_end_before_start(self):
        with pytest.raises(ts.InvalidPeriodError):
            _exemption(date(2024, 7, 20), date(2024, 7, 19))

    def test_one_day_exemption(self):
        exemption = _exemption(date(2024, 7, 31), date(2024, 7, 31))
        assert self._status(exemption) is ts.Status.EXEMPT

    def test_equal_by_value(self):
        a = _exemption(categories=[APPAREL], regions=("河南",))
        b = _exemption(categories=(APPAREL,), regions=["河南"])
        assert a == b
        assert a != _exemption(reason="特殊事件")


@pytest.mark.parametrize("field", ["categories", "regions"])
def test_an_exemptions_names_are_refused_by_their_field(field):
    with pytest.raises(ts.RuleBookError, match=rf"^{field}: '浙江' is not a collection of names"):
        ts.Exemption(
            start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 2), reason="x", **{field: "浙江"}
        )
