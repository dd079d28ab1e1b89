"""Announced exemptions (特大灾害或特殊事件) and what they cover."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from ._errors import RuleBookError, shown
from ._periods import AssessmentPeriod, check_range

__all__ = ["Exemption", "names"]


def names(value: Iterable[str] | None, field: str) -> frozenset[str] | None:
    """A collection of names as a frozenset; ``None`` stays ``None`` (all)."""
    if value is None:
        return None
    at = f"{field}: " if field else ""
    # A table is no list of names: {"浙江": false} must not cover 浙江.
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        msg = (
            f"{at}{shown(value)} is not a collection of names; "
            f"write one name as a one-element list, such as [{shown(value)}]"
        )
        raise RuleBookError(msg)
    result = frozenset(value)
    for name in result:
        if not isinstance(name, str) or not name.strip():
            msg = f"{at}{shown(name)} is not a non-empty name"
            raise RuleBookError(msg)
    return result


@attrs.frozen(init=False)
class Exemption:
    """An announced exemption: a major disaster or special event.

    The rules leave such events to Tmall's announcements ("以天猫平台发布的
    公告为准"); an exemption records one. It covers a shop in a period when
    the dates overlap the period, the shop's category is covered, and the
    shop's region is covered. ``categories`` or ``regions`` of ``None`` mean
    all; a shop with no known region is covered only when ``regions`` is
    ``None``. Dates are inclusive.

    >>> import datetime as dt
    >>> import tmall_service as ts
    >>> flood = ts.Exemption(start=dt.date(2024, 7, 15), end=dt.date(2024, 7, 31),
    ...                      reason="flood", regions=["河南"])
    >>> july = ts.AssessmentPeriod.month(2024, 7)
    >>> flood.covers(category="服饰", region="河南", period=july)
    True
    >>> flood.covers(category="服饰", region=None, period=july)
    False
    """

    #: The first day the exemption covers.
    start: dt.date
    #: The last day the exemption covers (inclusive).
    end: dt.date
    #: The announced event, in the announcement's words.
    reason: str
    #: The main categories covered; ``None`` covers all.
    categories: frozenset[str] | None = None
    #: The regions covered; ``None`` covers all, shops of unknown region too.
    regions: frozenset[str] | None = None

    def __init__(
        self,
        *,
        start: dt.date,
        end: dt.date,
        reason: str,
        categories: Iterable[str] | None = None,
        regions: Iterable[str] | None = None,
    ) -> None:
        first, last = check_range(start, end)
        if not isinstance(reason, str) or not reason.strip():
            msg = f"reason: {shown(reason)} is not a non-empty text"
            raise RuleBookError(msg)
        self.__attrs_init__(
            first,
            last,
            reason,
            names(categories, "categories"),
            names(regions, "regions"),
        )

    @property
    def period(self) -> AssessmentPeriod:
        """The days the exemption runs, as a period."""
        return AssessmentPeriod(self.start, self.end)

    def during(self, period: AssessmentPeriod) -> bool:
        """Whether the exemption shares at least one day with *period*."""
        return self.start <= period.end and period.start <= self.end

    def covers(self, *, category: str, region: str | None, period: AssessmentPeriod) -> bool:
        """Whether the exemption covers a shop of *category* and *region* in *period*."""
        if not self.during(period):
            return False
        if self.categories is not None and category not in self.categories:
            return False
        return self.regions is None or (region is not None and region in self.regions)
