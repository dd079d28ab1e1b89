"""The command line's results: one record per shop, in the columns it writes.

Both ways the command line reads a shop file (a batch of rows at a time
through the frame path, or row by row) give their results here, so that a
shop's record is the same whichever read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tmall_service._rules.assessment import Assessment
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._rules.standing import standards

__all__ = ["columns", "purposes", "record", "text"]

_FIRST = ("shop", "category", "region", "score", "status", "stars", "bonus", "exemption")


def purposes(rules: RuleBook) -> list[Purpose]:
    """The purposes *rules* sets a standard for, generally or for some category."""
    categories = [None, *rules.category_thresholds]
    return [p for p in Purpose if any(rules.threshold(p, c) is not None for c in categories)]


def columns(judged: Sequence[Purpose]) -> list[str]:
    """The columns of the results: the shop, its assessment, then a verdict per purpose."""
    return [*_FIRST, *(purpose.value for purpose in judged)]


def text(value: object) -> str | None:
    """A result's value as the results show it: a decimal as written, nothing as ``None``."""
    return None if value is None else str(value)


def record(
    shop: str, result: Assessment, rules: RuleBook, judged: Sequence[Purpose]
) -> dict[str, str | None]:
    """One shop's results, each value as text (or ``None``), in :func:`columns` order."""
    verdicts = standards(result, rules)
    values: dict[str, Any] = {
        "shop": shop,
        "category": result.category,
        "region": result.region,
        "score": result.score,
        "status": result.status.value,
        "stars": result.stars,
        "bonus": result.bonus or None,
        "exemption": result.exemption.reason if result.exemption else None,
    }
    for purpose in judged:
        passed = verdicts.get(purpose)
        values[purpose.value] = None if passed is None else ("pass" if passed else "fail")
    return {key: text(value) for key, value in values.items()}
