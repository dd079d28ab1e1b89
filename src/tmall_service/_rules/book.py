"""A rule book: one edition of the rules, as data."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import warnings
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from tmall_service._values.declaring import MAX_SCORE, Marker, SchemeDefinition, SchemeWeights
from tmall_service._values.dimensions import DimensionScores
from tmall_service._values.errors import (
    InvalidPeriodError,
    RuleBookError,
    UnknownCategoryError,
    UnknownRegionError,
    instances,
    shown,
)
from tmall_service._values.exemptions import Exemption, covers_names
from tmall_service._values.indicators import IndicatorScales, IndicatorValues
from tmall_service._values.mapping import FrozenMapping
from tmall_service._values.names import (
    REGION_NAMES,
    Reader,
    known_names,
    name,
    names,
    normalised,
    suggestion,
    unique_name,
)
from tmall_service._values.names import region as region_name
from tmall_service._values.numbers import NumberLike, to_decimal
from tmall_service._values.periods import AssessmentPeriod, PeriodKind, as_period, check_date
from tmall_service._values.purposes import Purpose
from tmall_service._values.schemes import AnyScheme, AnyWeights, Scheme, scheme_of
from tmall_service._values.stars import STAR_LEVELS, star_bands, star_rating
from tmall_service._values.text import display_language

from .described import as_html, as_repr, described, summary

__all__ = ["MissingDataPolicy", "Purpose", "RuleBook"]


class MissingDataPolicy(enum.Enum):
    """How a composite treats a weighted dimension that has no score.

    The sources do not say how partial data is scored, so a rule book
    chooses. Only *some* dimensions missing is a policy matter: a shop with
    no data at all is never scored (see :attr:`Status.NO_DATA
    <tmall_service.Status.NO_DATA>`).

    >>> import tmall_service as ts
    >>> ts.MissingDataPolicy("renormalise") is ts.MissingDataPolicy.RENORMALISE
    True
    """

    RENORMALISE = "renormalise"
    """Score over the dimensions that have data, their weights rescaled to 1."""
    ZERO = "zero"
    """A missing dimension counts as score 0."""
    REFUSE = "refuse"
    """Raise :class:`~tmall_service.MissingDataError`."""


E = TypeVar("E", bound=enum.Enum)


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        msg = f"{field}: {shown(value)} is not a text"
        raise RuleBookError(msg)
    return value


def _mapping(value: object, field: str, what: str) -> Mapping[object, object]:
    if not isinstance(value, Mapping):
        msg = f"{field}: {shown(value)} is not a mapping of {what}"
        raise RuleBookError(msg)
    return value


def _member(value: object, kind: type[E], field: str) -> E:
    if not isinstance(value, kind):
        valid = ", ".join(repr(member.value) for member in kind)
        msg = f"{field}: {shown(value)} is not a {kind.__name__}; expected one of {valid}"
        raise RuleBookError(msg)
    return value


def _profiles(value: Mapping[str, AnyWeights]) -> FrozenMapping[str, AnyWeights]:
    result: dict[str, AnyWeights] = {}
    for category, profile in _mapping(value, "profiles", "category to WeightProfile").items():
        key = unique_name(category, result, "profiles")
        if not isinstance(profile, SchemeWeights):
            msg = f"profiles.{key}: {shown(profile)} is not a WeightProfile"
            raise RuleBookError(msg)
        result[key] = profile  # type: ignore[assignment]  # any declared scheme's weights
    return FrozenMapping(result)


def _name_set(value: Iterable[str], field: str, read: Reader | None = None) -> frozenset[str]:
    result = names(value, field, read)
    if result is None:
        msg = f"{field}: None is not a collection of names; write [] for none"
        raise RuleBookError(msg)
    return result


def _excluded_categories(value: Iterable[str]) -> frozenset[str]:
    return _name_set(value, "excluded_categories")


def _extra_regions(value: Iterable[str]) -> frozenset[str]:
    return _name_set(value, "extra_regions", read=region_name)


def _flag(value: bool, field: str) -> bool:  # noqa: FBT001 - a setting's value
    if not isinstance(value, bool):
        msg = f"{field}: {shown(value)} is not true or false"
        raise RuleBookError(msg)
    return value


def _exclude_unknown_categories(value: bool) -> bool:  # noqa: FBT001 - a setting's value
    return _flag(value, "exclude_unknown_categories")


def _scheme(value: Scheme) -> AnyScheme:
    if isinstance(value, SchemeDefinition):  # a scheme declared beside the built-in ones
        return scheme_of(value)
    return _member(value, Scheme, "scheme")


def _exemptions(value: Iterable[Exemption]) -> tuple[Exemption, ...]:
    return instances(value, Exemption, "exemptions")


def _missing_data(value: MissingDataPolicy) -> MissingDataPolicy:
    return _member(value, MissingDataPolicy, "missing_data")


def _period_kind(value: PeriodKind) -> PeriodKind:
    return _member(value, PeriodKind, "period_kind")


def _scores_by_purpose(
    value: Mapping[Purpose, NumberLike], field: str
) -> FrozenMapping[Purpose, Decimal]:
    result = {}
    for purpose, threshold in _mapping(value, field, "Purpose to score").items():
        key = _member(purpose, Purpose, field)
        result[key] = to_decimal(
            threshold,
            field=f"{field}.{key.value}",
            error=RuleBookError,
            low=Decimal(0),
            high=MAX_SCORE,
        )
    return FrozenMapping(result)


def _thresholds(value: Mapping[Purpose, NumberLike]) -> FrozenMapping[Purpose, Decimal]:
    return _scores_by_purpose(value, "thresholds")


def _category_thresholds(
    value: Mapping[str, Mapping[Purpose, NumberLike]],
) -> FrozenMapping[str, FrozenMapping[Purpose, Decimal]]:
    table = _mapping(value, "category_thresholds", "category to thresholds")
    result: dict[str, FrozenMapping[Purpose, Decimal]] = {}
    for category, thresholds in table.items():
        key = unique_name(category, result, "category_thresholds")
        result[key] = _scores_by_purpose(
            thresholds,  # type: ignore[arg-type]
            f"category_thresholds.{key}",
        )
    return FrozenMapping(result)


def _count(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"{field}: {shown(value)} is not a whole number of at least 1"
        raise RuleBookError(msg)
    return value


def _clearance_after(value: int | None) -> int | None:
    limit: object = value
    if isinstance(limit, Mapping):
        limit = _clearance_table(limit)
    return None if limit is None else _count(limit, "clearance_after")


_INSTEAD: Final = {
    Purpose.MARKETING_ACCESS: "below marketing access, a shop is not eligible for campaigns",
    Purpose.ANNUAL_FEE_REFUND: "below the annual fee refund, the fee year's refund is forfeited",
}


def _clearance_table(table: Mapping[Any, object]) -> object:
    """The limit from the table per purpose of earlier versions, when it means the same."""
    limit = table.get(Purpose.MERCHANT_ASSESSMENT)
    periods = "<periods>" if limit is None else shown(limit)
    for purpose in table:
        key = _member(purpose, Purpose, "clearance_after")
        if key is not Purpose.MERCHANT_ASSESSMENT:
            msg = (
                f"clearance_after.{key.value}: clearance follows failures of the merchant "
                f"assessment (商家考核) only; {_INSTEAD[key]} instead. Remove this limit, "
                f"and write the merchant assessment's as clearance_after = {periods}"
            )
            raise RuleBookError(msg)
    warnings.warn(
        "clearance_after: a table per purpose is the form of earlier versions; "
        f"write clearance_after = {periods}",
        DeprecationWarning,
        stacklevel=4,
    )
    return limit


def _fee_year(value: PeriodKind) -> PeriodKind:
    kind = _member(value, PeriodKind, "fee_year")
    if kind.rolling_days:
        msg = (
            f"fee_year: {kind.value!r} is a rolling window; a fee year is a calendar period: "
            "'year', 'half_year', 'quarter' or 'month'"
        )
        raise RuleBookError(msg)
    return kind


EVERY_PURPOSE: Final[Any] = Marker("frozenset(Purpose)")
"""The default of ``passes_by_default``, shown as what it means (a set's order varies)."""


def _passes_by_default(value: Iterable[Purpose]) -> frozenset[Purpose]:
    if value is EVERY_PURPOSE:
        return frozenset(Purpose)
    if isinstance(value, str | Purpose) or not isinstance(value, Iterable):
        msg = f"passes_by_default: {shown(value)} is not a collection of Purpose"
        raise RuleBookError(msg)
    return frozenset(_member(purpose, Purpose, "passes_by_default") for purpose in value)


def _minimum_orders(value: int | None) -> int | None:
    return None if value is None else _count(value, "minimum_orders")


def _new_shop_grace_months(value: int | None) -> int | None:
    return None if value is None else _count(value, "new_shop_grace_months")


def _bonuses(value: Mapping[str, NumberLike]) -> FrozenMapping[str, Decimal]:
    result: dict[str, Decimal] = {}
    for bonus, points in _mapping(value, "bonuses", "bonus name to points").items():
        key = unique_name(bonus, result, "bonuses")
        result[key] = to_decimal(
            points, field=f"bonuses.{key}", error=RuleBookError, low=Decimal(0), high=MAX_SCORE
        )
    return FrozenMapping(result)


def _star_bands(value: Iterable[NumberLike]) -> tuple[Decimal, ...]:
    return star_bands(value)


def _indicator_scales(value: IndicatorScales | None) -> IndicatorScales | None:
    if value is not None and not isinstance(value, IndicatorScales):
        msg = f"indicator_scales: {shown(value)} is not an IndicatorScales"
        raise RuleBookError(msg)
    return value


def _effective_from(value: dt.date | None) -> dt.date | None:
    return None if value is None else check_date(value, "effective_from")


def _effective_to(value: dt.date | None) -> dt.date | None:
    return None if value is None else check_date(value, "effective_to")


def _name(value: str) -> str:
    return _text(value, "name")


def _source(value: str) -> str:
    return _text(value, "source")


@attrs.frozen(kw_only=True, repr=False)
class RuleBook:
    """One edition of the rules, as data.

    It holds the weight profile of every assessed category, the categories
    it names as not assessed (主营类目不在考核范围内: ``excluded_categories``), the
    announced exemptions in the order given, the missing-data policy, and
    the standards: a threshold per :class:`Purpose`, with per-category
    overrides; how many failing periods of the merchant assessment in a row
    lead to clearance (清退: ``clearance_after``); the fee year the annual fee
    refund is judged on (``fee_year``); and the purposes a shop that is not
    assessed passes by default (``passes_by_default``). The optional rules —
    a minimum volume, a grace period for new shops, bonuses — are off unless
    set. ``name``, ``source`` and the effective dates say which edition this
    is; with dates, the edition judges only the periods wholly inside them.
    Every setting the sources do not fix has a documented default.

    An edition *knows* a category when it gives it a profile or excludes it,
    and knows the 34 province-level divisions and its ``extra_regions``.
    Any other name, where the edition names one or is asked about one, is
    an error: a typo must never pass as a category that is not assessed.
    ``exclude_unknown_categories=True`` treats every unknown category as
    excluded instead, by choice. Names are read by NFKC with surrounding
    spaces stripped; a region's full name (``浙江省``) as its short one.

    >>> import tmall_service as ts
    >>> apparel = ts.WeightProfile(product="0.2", logistics="0.3", after_sales="0.2",
    ...                            dispute="0.2", consultation="0.1")
    >>> rules = ts.RuleBook(profiles={"服饰": apparel},
    ...                     thresholds={ts.Purpose.MARKETING_ACCESS: "4.0"},
    ...                     category_thresholds={"服饰": {ts.Purpose.MARKETING_ACCESS: "4.2"}})
    >>> rules.missing_data
    <MissingDataPolicy.RENORMALISE: 'renormalise'>
    >>> rules.threshold(ts.Purpose.MARKETING_ACCESS, category="服饰")
    Decimal('4.2')
    >>> rules.profile("数码") is None
    True
    >>> ts.RuleBook(profiles={"服饰": apparel}, excluded_categories=["服饰", "汽车"])
    Traceback (most recent call last):
    ...
    tmall_service.RuleBookError: excluded_categories: '服饰' has a weight profile too; ...
    """

    #: The weight profile of every assessed category (类目).
    profiles: Mapping[str, AnyWeights] = attrs.field(converter=_profiles)
    #: The categories this edition names as not assessed (主营类目不在考核范围内).
    excluded_categories: frozenset[str] = attrs.field(
        default=frozenset(), converter=_excluded_categories
    )
    #: Whether a category the edition does not know is taken as excluded (else an error).
    exclude_unknown_categories: bool = attrs.field(
        default=False, converter=_exclude_unknown_categories
    )
    #: Announced exemptions, in the order they apply.
    exemptions: tuple[Exemption, ...] = attrs.field(default=(), converter=_exemptions)
    #: Regions known besides the 34 province-level divisions (say, for overseas shops).
    extra_regions: frozenset[str] = attrs.field(default=frozenset(), converter=_extra_regions)
    #: How a weighted dimension without a score is treated.
    missing_data: MissingDataPolicy = attrs.field(
        default=MissingDataPolicy.RENORMALISE, converter=_missing_data
    )
    #: The standard for each purpose this edition sets.
    thresholds: Mapping[Purpose, Decimal] = attrs.field(
        default=FrozenMapping({}), converter=_thresholds
    )
    #: Standards that differ for a category (按主营类目), overriding ``thresholds``.
    category_thresholds: Mapping[str, Mapping[Purpose, Decimal]] = attrs.field(
        default=FrozenMapping({}), converter=_category_thresholds
    )
    #: How many failing periods of the merchant assessment (商家考核) in a row lead
    #: to clearance (清退); ``None``: the edition sets no number, and a failing
    #: shop is at risk of clearance however long its run.
    clearance_after: int | None = attrs.field(default=None, converter=_clearance_after)
    #: The period the annual fee refund (年费返还) is judged on: a calendar year by default.
    fee_year: PeriodKind = attrs.field(default=PeriodKind.YEAR, converter=_fee_year)
    #: The purposes whose standard a shop that is not assessed (99) meets by default
    #: (默认通过): every purpose unless set.
    passes_by_default: frozenset[Purpose] = attrs.field(
        default=EVERY_PURPOSE, converter=_passes_by_default
    )
    #: The length and alignment of the assessment period (考核周期).
    period_kind: PeriodKind = attrs.field(default=PeriodKind.MONTH, converter=_period_kind)
    #: The star levels (综合体验星级), rising: the score each level needs, by the
    #: library's convention (the sources make the stars an evaluation of their own).
    star_bands: tuple[Decimal, ...] = attrs.field(default=STAR_LEVELS, converter=_star_bands)
    #: Fewer orders than this in a period: not assessed. ``None``: no minimum.
    minimum_orders: int | None = attrs.field(default=None, converter=_minimum_orders)
    #: Calendar months after opening in which a new shop is not assessed.
    new_shop_grace_months: int | None = attrs.field(default=None, converter=_new_shop_grace_months)
    #: Named bonuses and their points, added to a score and capped at 5.
    bonuses: Mapping[str, Decimal] = attrs.field(default=FrozenMapping({}), converter=_bonuses)
    #: Scales from indicator readings to dimension scores; ``None``: none set.
    indicator_scales: IndicatorScales | None = attrs.field(
        default=None, converter=_indicator_scales
    )
    #: The scoring scheme: Tmall's (the default) or Taobao's.
    scheme: Scheme = attrs.field(default=Scheme.TMALL, converter=_scheme)
    #: The edition's name.
    name: str = attrs.field(default="", converter=_name)
    #: Where the edition's figures come from.
    source: str = attrs.field(default="", converter=_source)
    #: The first day the edition is in force; ``None``: since ever.
    effective_from: dt.date | None = attrs.field(default=None, converter=_effective_from)
    #: The last day the edition is in force; ``None``: until replaced.
    effective_to: dt.date | None = attrs.field(default=None, converter=_effective_to)

    def __attrs_post_init__(self) -> None:
        weights = self.scheme.weights
        for category, profile in self.profiles.items():
            if not isinstance(profile, weights):
                msg = (
                    f"profiles.{category}: a {type(profile).__name__} in a rule book of "
                    f"scheme {self.scheme.value!r}, which takes {weights.__name__}"
                )
                raise RuleBookError(msg)
        if self.indicator_scales is not None and self.scheme is not Scheme.TMALL:
            msg = (
                "indicator_scales: the indicators are those of Tmall's dimensions; "
                f"a rule book of scheme {self.scheme.value!r} cannot scale them"
            )
            raise RuleBookError(msg)
        first, last = self.effective_from, self.effective_to
        if first is not None and last is not None and last < first:
            msg = f"effective_to: {last.isoformat()} is before effective_from {first.isoformat()}"
            raise InvalidPeriodError(msg)
        both = sorted(self.excluded_categories & set(self.profiles))
        if both:
            msg = (
                f"excluded_categories: {both[0]!r} has a weight profile too; "
                "a category is either assessed or excluded"
            )
            raise RuleBookError(msg)
        self._check_names()

    def _check_names(self) -> None:
        """Refuse a category or region named anywhere in the edition that it does not know."""
        categories = self.known_categories
        named = [("category_thresholds", set(self.category_thresholds))]
        if self.indicator_scales is not None:
            named.append(("indicator_scales.categories", set(self.indicator_scales.categories)))
        for index, exemption in enumerate(self.exemptions):
            field = f"exemptions[{index}]"
            named.append((f"{field}.categories", set(exemption.categories or ())))
            unknown = sorted((exemption.regions or frozenset()) - self.known_regions)
            if unknown:
                raise RuleBookError(
                    _unknown(f"{field}.regions", unknown, "region", self.known_regions)
                )
        for field, names_there in named:
            unknown = sorted(names_there - categories)
            if unknown:
                raise RuleBookError(_unknown(field, unknown, "category", categories))

    @property
    def known_categories(self) -> frozenset[str]:
        """The categories the edition knows: those it assesses and those it excludes."""
        return frozenset(self.profiles) | self.excluded_categories

    @property
    def known_regions(self) -> frozenset[str]:
        """The regions the edition knows: the province-level divisions and ``extra_regions``."""
        return REGION_NAMES | self.extra_regions

    @property
    def edition(self) -> str:
        """The edition's name and dates, for messages: ``'2024' (2024-01-01..2024-12-31)``."""
        named = repr(self.name) if self.name else "(unnamed)"
        if self.effective_from is None and self.effective_to is None:
            return named
        first = "…" if self.effective_from is None else self.effective_from.isoformat()
        last = "…" if self.effective_to is None else self.effective_to.isoformat()
        return f"{named} ({first}..{last})"

    def known_category(self, category: object) -> str:
        """*category* as the edition knows it: its name read (NFKC, stripped), and known.

        An unknown category raises :class:`~tmall_service.UnknownCategoryError`
        naming the known ones, the closest first, unless the edition excludes
        every unknown category.

        >>> import tmall_service as ts
        >>> ts.example_rulebook().known_category(" 服饰\u3000")
        '服饰'
        """
        return self._lookups.category(self, category)[0]

    def _read_category(self, category: object) -> str:
        key = name(category, "category", RuleBookError)
        if (
            key in self.profiles
            or key in self.excluded_categories
            or self.exclude_unknown_categories
        ):
            return key
        error = UnknownCategoryError(
            _unknown("category", [key], "category", self.known_categories, self.edition)
        )
        error.name = key
        raise error

    def known_region(self, place: object) -> str | None:
        """*place* as the edition knows it: a short name; ``None`` stays ``None`` (no region).

        >>> import tmall_service as ts
        >>> ts.example_rulebook().known_region("浙江省")
        '浙江'
        """
        return self._lookups.region(self, place)

    def _read_region(self, place: object) -> str | None:
        if place is None:
            return None
        key = region_name(place, "region", RuleBookError)
        if key in REGION_NAMES or key in self.extra_regions:
            return key
        error = UnknownRegionError(
            _unknown("region", [key], "region", self.known_regions, self.edition)
        )
        error.name = key
        raise error

    def check_shop(
        self, *, category: str, region: str | None, period: AssessmentPeriod | str
    ) -> None:
        """Refuse a shop this edition cannot judge: out of its dates, or of unknown names."""
        self.check_period(period)
        self.known_category(category)
        self.known_region(region)

    def check_period(self, period: AssessmentPeriod | str) -> None:
        """Refuse a *period* not wholly inside the edition's effective dates.

        >>> import tmall_service as ts
        >>> ts.example_rulebook().check_period(ts.AssessmentPeriod.month(2026, 10))
        Traceback (most recent call last):
        ...
        tmall_service.InvalidPeriodError: period: 2026-10-01..2026-10-31 is outside the edition ...
        """
        period = as_period(period)
        if not (self.in_force(period.start) and self.in_force(period.end)):
            msg = (
                f"period: {period} is outside the edition {self.edition}; "
                "assess it with the edition in force then"
            )
            raise InvalidPeriodError(msg)

    @functools.cached_property
    def _lookups(self) -> Lookups:
        # Not a field: it is not compared, hashed, pickled or converted.
        return Lookups(self)

    def __repr__(self) -> str:
        """The edition's name, dates and size, on one line: its description's summary.

        >>> import tmall_service as ts
        >>> ts.example_rulebook()
        <RuleBook 'Example edition (illustrative, not official)' 2024-01-01..2024-12-31: ...>
        """
        return as_repr(summary(self))

    def _repr_html_(self) -> str:
        """The whole edition, for notebooks, in the display language.

        Its settings, its standards with what falling below each brings,
        its weights and its exemptions: what ``tmall-service rules show``
        prints, from the same description.
        """
        return as_html(described(self, display_language()))

    def profile(self, category: str) -> AnyWeights | None:
        """The weight profile of *category*, or ``None`` when it is not assessed."""
        found = self.profiles.get(category)
        if found is None and isinstance(category, str):
            found = self.profiles.get(normalised(category))
        return found

    def threshold(self, purpose: Purpose, category: str | None = None) -> Decimal | None:
        """The standard for *purpose*, for *category* where it has its own.

        ``None`` when this edition sets no standard for *purpose*.
        """
        if category is not None:
            category = name(category, "category", RuleBookError)
        override = self.category_thresholds.get(category) if category is not None else None
        if override is not None and purpose in override:
            return override[purpose]
        return self.thresholds.get(purpose)

    def dimension_scores(self, values: IndicatorValues, *, category: str) -> DimensionScores:
        """The dimension scores of a shop's indicator *values*, by this edition's scales.

        >>> import tmall_service as ts
        >>> readings = ts.IndicatorValues(dsr="4.8", pickup_24h=93)
        >>> scores = ts.example_rulebook().dimension_scores(readings, category="服饰")
        >>> scores.product, scores.logistics, scores.dispute
        (Decimal('4.75'), Decimal('4.00'), None)
        """
        if self.indicator_scales is None:
            msg = "indicator_scales: this edition sets no scales from indicators to scores"
            raise RuleBookError(msg)
        return self.indicator_scales.dimension_scores(values, category=category)

    def in_force(self, day: dt.date) -> bool:
        """Whether the edition is in force on *day*."""
        day = check_date(day, "day")
        starts, ends = self.effective_from, self.effective_to
        return (starts is None or starts <= day) and (ends is None or day <= ends)

    def period_for(self, day: dt.date) -> AssessmentPeriod:
        """The assessment period of this edition that holds *day*.

        >>> import datetime as dt
        >>> import tmall_service as ts
        >>> str(ts.example_rulebook().period_for(dt.date(2024, 7, 9)))
        '2024-07-01..2024-07-31'
        """
        return self.period_kind.containing(day)

    def stars(self, score: NumberLike) -> Decimal | None:
        """The star level *score* reaches under this edition's ``star_bands``."""
        return star_rating(score, bands=self.star_bands)

    def level_of(self, score: Decimal) -> Decimal | None:
        """Deprecated: :meth:`stars` does the same, for any number.

        >>> import warnings
        >>> from decimal import Decimal
        >>> import tmall_service as ts
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore", DeprecationWarning)
        ...     ts.example_rulebook().level_of(Decimal("4.2"))
        Decimal('4')
        """
        warnings.warn(
            "RuleBook.level_of is deprecated; RuleBook.stars does the same",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.stars(score)

    def exemption_for(
        self, *, category: str, region: str | None, period: AssessmentPeriod | str
    ) -> Exemption | None:
        """The first exemption, in rule-book order, that covers the shop."""
        category = name(category, "category", RuleBookError)
        place = None if region is None else region_name(region, "region", RuleBookError)
        return self.exemption_for_known(category, place, as_period(period))

    def exemption_for_known(
        self, category: str, region: str | None, period: AssessmentPeriod
    ) -> Exemption | None:
        """:meth:`exemption_for`, for names already read."""
        for exemption in self.exemptions:
            if exemption.covers_known(category=category, region=region, period=period):
                return exemption
        return None


_REMEMBERED: Final = 4096
"""The most spellings of names an edition remembers, of categories and of regions each.

Far more than any real file holds; a file of random junk names stays
bounded, and is read as before, name by name.
"""


class Covering(dict[tuple[str, str | None], Exemption | None]):
    """The exemptions during a period, and which of them covers each pair of names.

    ``covering[category, region]`` is the first of ``exemptions`` that
    covers a shop of those names (already read), or ``None``; each answer
    is worked out when first asked for, and kept.
    """

    __slots__ = ("exemptions",)

    def __init__(self, exemptions: tuple[Exemption, ...]) -> None:
        super().__init__()
        #: The exemptions that share a day with the period, in rule-book order.
        self.exemptions = exemptions

    def __missing__(self, names: tuple[str, str | None]) -> Exemption | None:
        category, region = names
        found = next((e for e in self.exemptions if covers_names(e, category, region)), None)
        if len(self) < _REMEMBERED:
            self[names] = found
        return found


class Lookups:
    """What an edition has already worked out for earlier shops.

    A file of shops names the same few categories and regions, in one
    period, row after row: each spelling of a name is read and checked once,
    and the period once, together with the exemptions in force during it
    and which of them covers each pair of names. Only what the edition's
    own methods answered is kept, so the answers are theirs; errors are
    raised again each time, never kept.
    """

    __slots__ = ("categories", "period", "regions", "scores")

    def __init__(self, book: RuleBook) -> None:
        #: The type of a shop's scores under the edition's scheme.
        self.scores: type = book.scheme.scores
        #: Each spelling seen → the category's name and its profile (``None``: excluded).
        self.categories: dict[str, tuple[str, AnyWeights | None]] = {}
        #: Each spelling seen → the region's short name.
        self.regions: dict[str, str] = {}
        #: The period last judged, the exemptions that share a day with it, and
        #: which of them covers each pair of names seen.
        self.period: tuple[AssessmentPeriod | None, Covering] = (None, Covering(()))

    def category(self, book: RuleBook, value: object) -> tuple[str, AnyWeights | None]:
        """:meth:`RuleBook.known_category` of *value*, and the category's profile."""
        if type(value) is not str:  # a str subclass too is read afresh each time
            key = book._read_category(value)  # noqa: SLF001 - the book's own reader - the edition's own reading
            return key, book.profiles.get(key)
        found = self.categories.get(value)
        if found is None:
            key = book._read_category(value)  # noqa: SLF001 - the book's own reader
            found = (key, book.profiles.get(key))
            if len(self.categories) < _REMEMBERED:
                self.categories[value] = found
        return found

    def region(self, book: RuleBook, value: object) -> str | None:
        """:meth:`RuleBook.known_region` of *value*."""
        if type(value) is not str:  # None, a str subclass (read afresh), or no text at all
            return book._read_region(value)  # noqa: SLF001 - the edition's own reading
        found = self.regions.get(value)
        if found is None:
            found = book._read_region(value)  # noqa: SLF001 - the book's own reader
            if found is not None and len(self.regions) < _REMEMBERED:
                self.regions[value] = found
        return found

    def enter(self, book: RuleBook, period: AssessmentPeriod) -> tuple[AssessmentPeriod, Covering]:
        """Check *period* (:meth:`RuleBook.check_period`) and note the exemptions during it."""
        book.check_period(period)
        entered = (period, Covering(tuple(e for e in book.exemptions if e.during(period))))
        self.period = entered
        return entered


def lookups(book: RuleBook) -> Lookups:
    """What *book* has already worked out (see :class:`Lookups`)."""
    return book._lookups  # noqa: SLF001 - read where the edition is used


def _unknown(
    field: str,
    unknown: Sequence[str],
    what: str,
    known: frozenset[str],
    edition: str | None = None,
) -> str:
    """A message naming the first *unknown* name of *field*, and the *known* ones."""
    first = unknown[0]
    others = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
    whose = f"the edition {edition}" if edition else "this edition"
    kinds = "categories" if what == "category" else "regions"
    return (
        f"{field}: {first!r}{others} is not a {what} of {whose}; "
        f"{suggestion(first, known)}{known_names(first, known, kinds)}"
    )
