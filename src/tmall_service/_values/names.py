r"""Names of categories and regions: one spelling for each, wherever it enters.

A category (类目) or a region typed by a person or exported by a tool comes
with stray spaces, an ideographic space (``\u3000``) or full-width letters.
Each name is read once, by Unicode NFKC and stripping surrounding
whitespace, so that ``" 服饰 "``, ``"服饰\u3000"`` and ``"服饰"`` are one
category on every path; a name empty after that is no name.

Regions are China's 34 province-level divisions (省级行政区), known by their
short names (``浙江``, ``内蒙古``); their full names (``浙江省``,
``内蒙古自治区``) are read as the short one.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Final, TypeAlias

from .errors import RuleBookError, shown

__all__ = [
    "PROVINCES",
    "REGION_NAMES",
    "SHOWN_NAMES",
    "Reader",
    "known_names",
    "name",
    "names",
    "normalised",
    "region",
    "suggestion",
    "unique_name",
]

Reader: TypeAlias = Callable[[object, str, type[ValueError]], str]
"""How a name is read: :func:`name`, or :func:`region` for a region."""

SHOWN_NAMES: Final = 20
"""The most names a message lists; the rest are counted."""

PROVINCES: Final[Mapping[str, str]] = {
    # 23 provinces (省)
    "河北": "河北省",
    "山西": "山西省",
    "辽宁": "辽宁省",
    "吉林": "吉林省",
    "黑龙江": "黑龙江省",
    "江苏": "江苏省",
    "浙江": "浙江省",
    "安徽": "安徽省",
    "福建": "福建省",
    "江西": "江西省",
    "山东": "山东省",
    "河南": "河南省",
    "湖北": "湖北省",
    "湖南": "湖南省",
    "广东": "广东省",
    "海南": "海南省",
    "四川": "四川省",
    "贵州": "贵州省",
    "云南": "云南省",
    "陕西": "陕西省",
    "甘肃": "甘肃省",
    "青海": "青海省",
    "台湾": "台湾省",
    # 5 autonomous regions (自治区)
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
    # 4 municipalities (直辖市)
    "北京": "北京市",
    "天津": "天津市",
    "上海": "上海市",
    "重庆": "重庆市",
    # 2 special administrative regions (特别行政区)
    "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}
"""China's 34 province-level divisions: short name → full name."""

REGION_NAMES: Final[frozenset[str]] = frozenset(PROVINCES)
"""The short names of the province-level divisions: the regions every edition knows."""

_SHORT: Final[Mapping[str, str]] = {full: short for short, full in PROVINCES.items()}


def normalised(text: str) -> str:
    r"""*text* as the library reads it: Unicode NFKC, surrounding whitespace stripped.

    >>> normalised("　４．５ ")
    '4.5'
    """
    # The quick check answers for almost every text without building a copy.
    read = text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)
    return read.strip()


def name(value: object, field: str, error: type[ValueError]) -> str:
    r"""*value* as a name: NFKC, surrounding whitespace stripped, not empty.

    >>> name(" 服饰\u3000", "category", ValueError)
    '服饰'
    >>> name("ＡＢＣ", "category", ValueError)
    'ABC'
    """
    at = f"{field}: " if field else ""
    if not isinstance(value, str):
        msg = f"{at}{shown(value)} is not a name (a text)"
        raise error(msg)
    text = normalised(value)
    if not text:
        msg = f"{at}{shown(value)} is empty once spaces are stripped"
        raise error(msg)
    return text


def region(value: object, field: str, error: type[ValueError]) -> str:
    """*value* as a region's name: a province-level division's short name where it is one.

    >>> region("内蒙古自治区", "region", ValueError)
    '内蒙古'
    >>> region(" 美国 ", "region", ValueError)
    '美国'
    """
    text = name(value, field, error)
    return _SHORT.get(text, text)


def names(
    value: Iterable[str] | None, field: str, read: Reader | None = None
) -> frozenset[str] | None:
    r"""A collection of names, each *read* (by :func:`name`), as a frozenset; ``None`` stays.

    >>> sorted(names([" 河南", "河南\u3000"], "regions"))
    ['河南']
    >>> sorted(names(["河南省", "河南"], "regions", read=region))
    ['河南']
    """
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
    return frozenset((read or name)(item, field, RuleBookError) for item in value)


def unique_name(value: object, seen: Collection[str], field: str) -> str:
    """*value* as a key of the table *field*: a name that no earlier key is read as too.

    >>> unique_name("服饰 ", {"服饰"}, "profiles")
    Traceback (most recent call last):
    ...
    tmall_service.RuleBookError: profiles: '服饰 ' and another key are both the name '服饰'
    """
    key = name(value, field, RuleBookError)
    if key in seen:
        msg = f"{field}: {shown(value)} and another key are both the name {key!r}"
        raise RuleBookError(msg)
    return key


def closest(wanted: str, known: Collection[str]) -> list[str]:
    """*known*, the names closest to *wanted* first, then the others in order."""
    import difflib  # noqa: PLC0415 - only a message about an unknown name needs it

    ratios = {
        other: difflib.SequenceMatcher(None, wanted, other, autojunk=False).ratio()
        for other in known
    }
    return sorted(known, key=lambda other: (-ratios[other], other))


@functools.lru_cache(maxsize=4096)
def suggestion(wanted: str, known: frozenset[str]) -> str:
    """``did you mean 服饰? `` when a known name is close to *wanted*, else nothing.

    A file with one typo in ten thousand rows asks the same question ten
    thousand times: the answers are kept.
    """
    import difflib  # noqa: PLC0415 - only a message about an unknown name needs it

    near = difflib.get_close_matches(wanted, sorted(known), n=3, cutoff=0.5)
    return f"did you mean {' or '.join(near)}? " if near else ""


@functools.lru_cache(maxsize=256)
def known_names(wanted: str, known: frozenset[str], what: str) -> str:
    """The *known* names for a message, the closest to *wanted* first, at most 20."""
    if not known:
        return f"it knows no {what}"
    ordered = closest(wanted, known)
    listed = ", ".join(ordered[:SHOWN_NAMES])
    more = len(ordered) - SHOWN_NAMES
    return f"its {what}, closest first: {listed}" + (f" … and {more} more" if more > 0 else "")
