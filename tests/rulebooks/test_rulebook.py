"""The RuleBook built in Python: its fields read back, its defaults, equality."""

from __future__ import annotations

import enum

import tmall_service as ts
from contract_values import APPAREL, SEED_WEIGHTS, SOLO_WEIGHTS, _exemption


class TestRuleBook:
    def test_attributes_read_back(self):
        first = _exemption(reason="first")
        second = _exemption(reason="second")
        rules = ts.RuleBook(
            profiles={APPAREL: SEED_WEIGHTS, "美妆": SOLO_WEIGHTS},
            exemptions=[first, second],
            missing_data=ts.MissingDataPolicy.ZERO,
        )
        assert dict(rules.profiles) == {APPAREL: SEED_WEIGHTS, "美妆": SOLO_WEIGHTS}
        assert rules.profiles[APPAREL] == SEED_WEIGHTS
        assert tuple(rules.exemptions) == (first, second)
        assert rules.missing_data is ts.MissingDataPolicy.ZERO

    def test_exemptions_keep_given_order(self):
        exemptions = [_exemption(reason=str(i)) for i in (3, 1, 2)]
        rules = ts.RuleBook(profiles={}, exemptions=exemptions)
        assert [e.reason for e in rules.exemptions] == ["3", "1", "2"]

    def test_defaults(self):
        rules = ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS})
        assert rules.missing_data is ts.MissingDataPolicy.RENORMALISE
        assert tuple(rules.exemptions) == ()

    def test_missing_data_policy_members(self):
        assert issubclass(ts.MissingDataPolicy, enum.Enum)
        assert {"RENORMALISE", "ZERO", "REFUSE"} <= set(ts.MissingDataPolicy.__members__)

    def test_equal_by_value(self):
        a = ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS}, exemptions=[_exemption()])
        b = ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS}, exemptions=(_exemption(),))
        assert a == b
        assert a != ts.RuleBook(profiles={APPAREL: SOLO_WEIGHTS})
