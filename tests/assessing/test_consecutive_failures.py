"""consecutive_failures: the run of failed periods up to the latest, and the histories refused."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

import tmall_service as ts
from contract_values import (
    APPAREL,
    FAIL,
    JULY,
    OK,
    SOLO_WEIGHTS,
    _assessment,
    _excluded,
    _exemption,
    _month,
    _rules,
)

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


class TestConsecutiveFailures:
    @pytest.mark.parametrize(
        ("history", "expected"),
        [
            pytest.param([], 0, id="empty"),
            pytest.param([FAIL], 1, id="one-failure"),
            pytest.param([OK], 0, id="one-pass"),
            pytest.param([FAIL, FAIL, FAIL, FAIL], 4, id="all-fail"),
            pytest.param([FAIL, OK, FAIL, FAIL], 2, id="stops-at-pass"),
            pytest.param([FAIL, FAIL, FAIL, OK], 0, id="latest-passes"),
            pytest.param([FAIL, "excluded", FAIL, FAIL], 2, id="stops-at-excluded"),
            pytest.param([FAIL, FAIL, "excluded"], 0, id="latest-not-assessed"),
            pytest.param([OK, FAIL, "3.5", FAIL], 1, id="at-threshold-passes"),
            pytest.param([FAIL, FAIL, "3.49"], 3, id="just-below-fails"),
        ],
    )
    def test_runs_by_month(self, history, expected):
        assessments = [
            _excluded(_month(i)) if value == "excluded" else _assessment(value, _month(i))
            for i, value in enumerate(history, start=1)
        ]
        assert ts.consecutive_failures(assessments, "3.5") == expected

    @pytest.mark.parametrize(
        "order",
        [(0, 1, 2, 3, 4), (4, 3, 2, 1, 0), (2, 0, 4, 1, 3), (3, 4, 0, 2, 1)],
        ids=["sorted", "reversed", "mixed-1", "mixed-2"],
    )
    def test_any_input_order(self, order):
        # Jan passes, then Feb..May fail: 4 in a row whatever the order given.
        history = [_assessment(OK, _month(1))]
        history += [_assessment(FAIL, _month(m)) for m in (2, 3, 4, 5)]
        assessments = [history[i] for i in order]
        assert ts.consecutive_failures(assessments, "3.5") == 4

    def test_reverse_order(self):
        assessments = [
            _assessment(FAIL, _month(3)),
            _assessment(FAIL, _month(2)),
            _assessment(OK, _month(1)),
        ]
        assert ts.consecutive_failures(assessments, "3.5") == 2

    def test_latest_is_by_period_not_position(self):
        # The pass is the latest period though it comes first in the list.
        assessments = [
            _assessment(OK, _month(6)),
            _assessment(FAIL, _month(4)),
            _assessment(FAIL, _month(5)),
        ]
        assert ts.consecutive_failures(assessments, "3.5") == 0

    def test_stops_at_no_data_period(self):
        no_data = ts.assess(
            ts.DimensionScores(), category=APPAREL, period=_month(2), rules=_rules()
        )
        assessments = [_assessment(FAIL, _month(1)), no_data]
        assessments.append(_assessment(FAIL, _month(3)))
        assert ts.consecutive_failures(assessments, "3.5") == 1

    def test_stops_at_exempt_period(self):
        exempt = ts.assess(
            ts.DimensionScores(product=1),
            category=APPAREL,
            period=_month(7),
            rules=_rules(SOLO_WEIGHTS, exemptions=(_exemption(),)),
        )
        assert exempt.status is ts.Status.EXEMPT
        assessments = [_assessment(FAIL, _month(6)), exempt]
        assessments.append(_assessment(FAIL, _month(8)))
        assert ts.consecutive_failures(assessments, "3.5") == 1

    def test_stops_at_missing_month(self):
        assessments = [_assessment(FAIL, _month(m)) for m in (1, 2, 4, 5)]
        assert ts.consecutive_failures(assessments, "3.5") == 2

    def test_missing_latest_month_gap_is_not_bridged(self):
        assessments = [_assessment(FAIL, _month(m)) for m in (1, 2, 3, 6)]
        assert ts.consecutive_failures(assessments, "3.5") == 1

    def test_across_year_end(self):
        assessments = [
            _assessment(FAIL, _month(11, 2023)),
            _assessment(FAIL, _month(12, 2023)),
            _assessment(FAIL, _month(1, 2024)),
        ]
        assert ts.consecutive_failures(assessments, "3.5") == 3

    def test_year_gap_same_month_is_a_gap(self):
        assessments = [
            _assessment(FAIL, _month(1, 2023)),
            _assessment(FAIL, _month(1, 2024)),
        ]
        assert ts.consecutive_failures(assessments, "3.5") == 1

    def test_adjacent_non_month_periods(self):
        periods = [
            ts.AssessmentPeriod(date(2024, 1, 1), date(2024, 1, 10)),
            ts.AssessmentPeriod(date(2024, 1, 11), date(2024, 1, 20)),
            ts.AssessmentPeriod(date(2024, 1, 21), date(2024, 2, 29)),
        ]
        assessments = [_assessment(FAIL, p) for p in periods]
        assert ts.consecutive_failures(assessments, "3.5") == 3

    def test_one_day_gap(self):
        periods = [
            ts.AssessmentPeriod(date(2024, 1, 1), date(2024, 1, 30)),
            ts.AssessmentPeriod(date(2024, 2, 1), date(2024, 2, 29)),
        ]
        assessments = [_assessment(FAIL, p) for p in periods]
        assert ts.consecutive_failures(assessments, "3.5") == 1

    @pytest.mark.parametrize(
        "second",
        [
            pytest.param(_month(1), id="same-period-twice"),
            pytest.param(
                ts.AssessmentPeriod(date(2024, 1, 31), date(2024, 2, 29)),
                id="share-one-day",
            ),
            pytest.param(
                ts.AssessmentPeriod(date(2024, 1, 10), date(2024, 1, 12)),
                id="inside",
            ),
        ],
    )
    def test_overlapping_periods_raise(self, second):
        assessments = [_assessment(FAIL, _month(1)), _assessment(OK, second)]
        with pytest.raises(ts.InvalidPeriodError):
            ts.consecutive_failures(assessments, "3.5")

    def test_overlap_raises_even_far_from_latest(self):
        assessments = [_assessment(FAIL, _month(m)) for m in (1, 2, 3, 4, 5)]
        assessments.append(_assessment(OK, _month(1)))
        with pytest.raises(ts.InvalidPeriodError):
            ts.consecutive_failures(assessments, "3.5")

    def test_accepts_any_iterable(self):
        assessments = (_assessment(FAIL, _month(m)) for m in (1, 2))
        assert ts.consecutive_failures(assessments, "3.5") == 2


def test_overlapping_periods_in_a_history_are_named():
    overlapping = ts.AssessmentPeriod(dt.date(2024, 7, 15), dt.date(2024, 8, 14))
    message = (
        r"^period: 2024-07-01\.\.2024-07-31 and 2024-07-15\.\.2024-08-14 overlap; "
        r"a history holds one assessment per period$"
    )
    with pytest.raises(ts.InvalidPeriodError, match=message):
        ts.consecutive_failures([scored(), scored(period=overlapping)], "3")
