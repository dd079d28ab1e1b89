"""The languages the library writes its accounts, advice and charts in."""

from __future__ import annotations

from typing import Literal

from .errors import InvalidOptionError, shown

__all__ = ["Language", "check_language"]

Language = Literal["en", "zh"]
"""English or Chinese."""


def check_language(lang: object) -> Language:
    """*lang* if the library writes in it, else a :class:`InvalidOptionError`.

    >>> check_language("zh")
    'zh'
    """
    if lang == "en":
        return "en"
    if lang == "zh":
        return "zh"
    msg = f"lang: {shown(lang)} is not a language of the library; write 'en' or 'zh'"
    raise InvalidOptionError(msg)
