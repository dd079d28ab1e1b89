"""Announced exemptions (特大灾害或特殊事件) and what they cover."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from .errors import RuleBookError, shown
from .names import name, names
from .names import region as region_name
from .periods import AssessmentPeriod, as_period, check_range

__all__ = ["Exemption", "covers_names", "names"]


@attrs.frozen(init=False)
class Exemption:
    """An announced exemption: a major disaster or special event.

    The rules leave such events to Tmall's announcements ("以天猫平台发布的
    公告为准"); an exemption records one. It covers a shop in a period when
    the dates overlap the period, the shop's category is covered, and the
    shop's region is covered. ``categories`` or ``regions`` of ``None`` mean
    all; a shop with no known region is covered only when ``regions`` is
    ``None``. Dates are inclusive. Names are read as everywhere (NFKC,
    spaces stripped), and a province-level division's full name as its
    short one, so ``regions=["浙江省"]`` covers a shop in ``浙江``.

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
    #: The regions covered, by short name; ``None`` covers all, shops of unknown region too.
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
            names(regions, "regions", read=region_name),
        )

    @property
    def period(self) -> AssessmentPeriod:
        """The days the exemption runs, as a period."""
        return AssessmentPeriod(self.start, self.end)

    def during(self, period: AssessmentPeriod | str) -> bool:
        """Whether the exemption shares at least one day with *period*."""
        period = as_period(period)
        return self.start <= period.end and period.start <= self.end

    def covers(self, *, category: str, region: str | None, period: AssessmentPeriod | str) -> bool:
        """Whether the exemption covers a shop of *category* and *region* in *period*.

        The names are read as the exemption's own are, so ``" 河南省 "`` is ``河南``.
        """
        category = name(category, "category", RuleBookError)
        place = None if region is None else region_name(region, "region", RuleBookError)
        return self.covers_known(category=category, region=place, period=as_period(period))

    def covers_known(self, *, category: str, region: str | None, period: AssessmentPeriod) -> bool:
        """:meth:`covers`, for names already read (as a rule book reads them)."""
        return self.during(period) and covers_names(self, category, region)


def covers_names(exemption: Exemption, category: str, region: str | None) -> bool:
    """Whether *exemption* covers a shop of *category* and *region*, its dates aside.

    The names are already read (as a rule book reads them).
    """
    categories = exemption.categories
    if categories is not None and category not in categories:
        return False
    regions = exemption.regions
    return regions is None or (region is not None and region in regions)
