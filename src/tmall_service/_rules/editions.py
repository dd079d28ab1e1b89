"""Several editions of the rules side by side, and which one applies when."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator

import attrs

from tmall_service._values.errors import RuleBookError, instances, shown
from tmall_service._values.periods import AssessmentPeriod, as_period, check_date
from tmall_service._values.text import display_language, html_table, view, word

from .assessment import Assessment, check_fits
from .book import RuleBook
from .described import summary

__all__ = ["Editions", "edition_for", "edition_of"]


def _span(book: RuleBook) -> str:
    first = book.effective_from.isoformat() if book.effective_from else "…"
    last = book.effective_to.isoformat() if book.effective_to else "…"
    return f"{book.name or 'unnamed edition'} ({first}..{last})"


@attrs.frozen(init=False)
class Editions:
    """Yearly editions of the rules, held side by side (年度规则).

    Tmall publishes its standards as editions that replace each other. Each
    edition's ``effective_from`` and ``effective_to`` say when it is in
    force; two editions in force on the same day are refused. A day that no
    edition covers is a gap, reported when asked about, never filled by a
    neighbouring edition.

    >>> import datetime as dt
    >>> import attrs
    >>> import tmall_service as ts
    >>> base = ts.example_rulebook()
    >>> editions = ts.Editions([
    ...     attrs.evolve(base, name="2023", effective_from=dt.date(2023, 1, 1),
    ...                  effective_to=dt.date(2023, 12, 31)),
    ...     attrs.evolve(base, name="2024", effective_from=dt.date(2024, 1, 1),
    ...                  effective_to=None),
    ... ])
    >>> editions.on(dt.date(2024, 3, 8)).name
    '2024'
    >>> editions.for_period(ts.AssessmentPeriod.month(2023, 12)).name
    '2023'
    """

    #: The editions, in the order they came into force.
    editions: tuple[RuleBook, ...]

    def __init__(self, editions: Iterable[RuleBook]) -> None:
        listed = instances(editions, RuleBook, "editions")
        ordered = sorted(listed, key=lambda book: book.effective_from or dt.date.min)
        for earlier, later in itertools.pairwise(ordered):
            ends, starts = earlier.effective_to, later.effective_from
            if ends is None or starts is None or ends >= starts:
                msg = (
                    f"editions: {_span(earlier)} and {_span(later)} are both in force on "
                    "some day; give each edition its own effective dates"
                )
                raise RuleBookError(msg)
        self.__attrs_init__(tuple(ordered))

    def _repr_html_(self) -> str:
        """The editions side by side, for notebooks, in the display language.

        Each edition with its dates and size, as its own view states them
        (:func:`~tmall_service._rules.described.summary`); each shows itself
        whole on its own.
        """
        lang = display_language()
        outlines = [summary(book) for book in self.editions]
        rows = [
            (outline.title(lang), outline.in_force(lang), outline.assessed, outline.exemptions)
            for outline in outlines
        ]
        header = [word(key, lang) for key in ("edition", "in force", "categories", "exemptions")]
        return view(word("editions", lang), html_table(header, rows))

    def __iter__(self) -> Iterator[RuleBook]:
        return iter(self.editions)

    def __len__(self) -> int:
        return len(self.editions)

    def on(self, day: dt.date) -> RuleBook:
        """The edition in force on *day*; an error names the editions when none is."""
        day = check_date(day, "day")
        for book in self.editions:
            if book.in_force(day):
                return book
        known = "; ".join(map(_span, self.editions)) or "no editions"
        msg = f"day: no edition is in force on {day.isoformat()}; the editions are {known}"
        raise RuleBookError(msg)

    def for_period(self, period: AssessmentPeriod | str) -> RuleBook:
        """The edition in force for the whole of *period*.

        A period that straddles two editions is refused: which one applies
        is for the rules to say, not for the library to guess.
        """
        period = as_period(period)
        first, last = self.on(period.start), self.on(period.end)
        if first is not last:
            msg = f"period: {period} straddles {_span(first)} and {_span(last)}"
            raise RuleBookError(msg)
        return first


def edition_for(rules: RuleBook | Editions, period: AssessmentPeriod) -> RuleBook:
    """The edition that judges *period*: *rules* itself, or the one of *rules* in force."""
    if isinstance(rules, RuleBook):
        return rules
    if isinstance(rules, Editions):
        return rules.for_period(period)
    msg = f"rules: {shown(rules)} is not a RuleBook or Editions"
    raise RuleBookError(msg)


def edition_of(rules: RuleBook | Editions, assessment: Assessment) -> RuleBook:
    """The edition that judges *assessment*, once it is known to fit it.

    The edition must be in force for the assessment's period and know its
    category and region (:func:`~tmall_service._rules.assessment.check_fits`).
    """
    book = edition_for(rules, assessment.period)
    check_fits(assessment, book)
    return book
