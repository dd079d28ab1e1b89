"""A rule book: one edition of the rules, as data."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from ._dimensions import MAX_SCORE, WeightProfile
from ._errors import RuleBookError, shown
from ._exemptions import Exemption
from ._mapping import FrozenMapping
from ._numbers import NumberLike, to_decimal
from ._periods import AssessmentPeriod

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


class Purpose(enum.Enum):
    """What a score is used for; each use has its own standard (考核标准).

    The sources stress that these standards differ from each other.

    >>> import tmall_service as ts
    >>> ts.Purpose.ANNUAL_FEE_REFUND.label_zh
    '年费返还'
    """

    MARKETING_ACCESS = "marketing_access"
    """营销准入: joining Tmall and Taobao campaigns."""
    MERCHANT_ASSESSMENT = "merchant_assessment"
    """商家考核: the merchant assessment, renewal (续签) included."""
    ANNUAL_FEE_REFUND = "annual_fee_refund"
    """年费返还: the refund of the annual software service fee."""

    @property
    def label_zh(self) -> str:
        """The purpose's Chinese name, as the rules write it."""
        return _PURPOSE_LABELS_ZH[self]


_PURPOSE_LABELS_ZH = {
    Purpose.MARKETING_ACCESS: "营销准入",
    Purpose.MERCHANT_ASSESSMENT: "商家考核",
    Purpose.ANNUAL_FEE_REFUND: "年费返还",
}


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        msg = f"{field}: {shown(value)} is not a text"
        raise RuleBookError(msg)
    return value


def _profiles(value: Mapping[str, WeightProfile]) -> FrozenMapping[str, WeightProfile]:
    if not isinstance(value, Mapping):
        msg = f"profiles: {shown(value)} is not a mapping of category to WeightProfile"
        raise RuleBookError(msg)
    for category, profile in value.items():
        if not isinstance(category, str) or not category.strip():
            msg = f"profiles: {shown(category)} is not a non-empty category name"
            raise RuleBookError(msg)
        if not isinstance(profile, WeightProfile):
            msg = f"profiles.{category}: {shown(profile)} is not a WeightProfile"
            raise RuleBookError(msg)
    return FrozenMapping(value)


def _exemptions(value: Iterable[Exemption]) -> tuple[Exemption, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        msg = f"exemptions: {shown(value)} is not a sequence of Exemption"
        raise RuleBookError(msg)
    result = tuple(value)
    for index, exemption in enumerate(result):
        if not isinstance(exemption, Exemption):
            msg = f"exemptions[{index}]: {shown(exemption)} is not an Exemption"
            raise RuleBookError(msg)
    return result


def _missing_data(value: MissingDataPolicy) -> MissingDataPolicy:
    if not isinstance(value, MissingDataPolicy):
        valid = ", ".join(repr(p.value) for p in MissingDataPolicy)
        msg = f"missing_data: {shown(value)} is not a MissingDataPolicy; expected one of {valid}"
        raise RuleBookError(msg)
    return value


def _thresholds(value: Mapping[Purpose, NumberLike]) -> FrozenMapping[Purpose, Decimal]:
    if not isinstance(value, Mapping):
        msg = f"thresholds: {shown(value)} is not a mapping of Purpose to score"
        raise RuleBookError(msg)
    result = {}
    for purpose, threshold in value.items():
        if not isinstance(purpose, Purpose):
            valid = ", ".join(p.value for p in Purpose)
            msg = f"thresholds: {shown(purpose)} is not a Purpose; expected one of {valid}"
            raise RuleBookError(msg)
        result[purpose] = to_decimal(
            threshold,
            field=f"thresholds.{purpose.value}",
            error=RuleBookError,
            low=Decimal(0),
            high=MAX_SCORE,
        )
    return FrozenMapping(result)


def _name(value: str) -> str:
    return _text(value, "name")


def _source(value: str) -> str:
    return _text(value, "source")


@attrs.frozen(kw_only=True)
class RuleBook:
    """One edition of the rules, as data.

    It holds the weight profile of every assessed category (a category
    absent from ``profiles`` is not assessed), the announced exemptions in
    the order given, the missing-data policy, and a threshold per
    :class:`Purpose` where the edition sets one. ``name`` and ``source`` say
    which edition this is and where its figures come from.

    >>> import tmall_service as ts
    >>> apparel = ts.WeightProfile(product="0.2", logistics="0.3", after_sales="0.2",
    ...                            dispute="0.2", consultation="0.1")
    >>> rules = ts.RuleBook(profiles={"服饰": apparel},
    ...                     thresholds={ts.Purpose.MARKETING_ACCESS: "4.0"})
    >>> rules.missing_data
    <MissingDataPolicy.RENORMALISE: 'renormalise'>
    >>> rules.profile("数码") is None
    True
    """

    #: The weight profile of every assessed category (类目).
    profiles: Mapping[str, WeightProfile] = attrs.field(converter=_profiles)
    #: Announced exemptions, in the order they apply.
    exemptions: tuple[Exemption, ...] = attrs.field(default=(), converter=_exemptions)
    #: How a weighted dimension without a score is treated.
    missing_data: MissingDataPolicy = attrs.field(
        default=MissingDataPolicy.RENORMALISE, converter=_missing_data
    )
    #: The standard for each purpose this edition sets.
    thresholds: Mapping[Purpose, Decimal] = attrs.field(
        default=FrozenMapping({}), converter=_thresholds
    )
    #: The edition's name.
    name: str = attrs.field(default="", converter=_name)
    #: Where the edition's figures come from.
    source: str = attrs.field(default="", converter=_source)

    def profile(self, category: str) -> WeightProfile | None:
        """The weight profile of *category*, or ``None`` when it is not assessed."""
        return self.profiles.get(category)

    def threshold(self, purpose: Purpose) -> Decimal | None:
        """The standard for *purpose*, or ``None`` when this edition sets none."""
        return self.thresholds.get(purpose)

    def exemption_for(
        self, *, category: str, region: str | None, period: AssessmentPeriod
    ) -> Exemption | None:
        """The first exemption, in rule-book order, that covers the shop."""
        for exemption in self.exemptions:
            if exemption.covers(category=category, region=region, period=period):
                return exemption
        return None
