"""The uses of the score, each with its own standard, and what falling below it brings."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from .catalogue import say
from .language import Language

if TYPE_CHECKING:
    from tmall_service._rules.book import RuleBook

__all__ = ["Purpose", "below_standard", "sets_standard"]


class Purpose(enum.Enum):
    """What a score is used for; each use has its own standard (考核标准).

    The sources name the three uses (002: 用于营销准入、商户考核和年费返还考核)
    and stress that their standards differ. Each has its own consequence
    (see :class:`~tmall_service.Verdict`): below marketing access, a shop is
    not eligible for campaigns; consecutive failures of the merchant
    assessment lead to clearance; below the annual fee refund's standard,
    the fee year's refund is forfeited.

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
        return say(f"purpose.{self.value}", "zh")


def below_standard(purpose: Purpose, lang: Language) -> str:
    """What falling below *purpose*'s standard brings, in a few words of *lang*.

    >>> below_standard(Purpose.MARKETING_ACCESS, "en")
    'not eligible for campaigns while below'
    """
    return say(f"below.{purpose.value}", lang)


def sets_standard(book: RuleBook, purpose: Purpose) -> bool:
    """Whether *book* sets a standard for *purpose*, generally or for some category."""
    return purpose in book.thresholds or any(
        purpose in table for table in book.category_thresholds.values()
    )
