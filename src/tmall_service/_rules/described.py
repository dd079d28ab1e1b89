"""An edition described for a reader: the one account behind every display of a rule book.

A rule book's ``repr``, its notebook display and ``tmall-service rules
show`` are all made from the :class:`Description` here, so they state the
same facts, each rendered for its medium: :func:`as_repr` gives its
:class:`Summary` on one line, :func:`as_html` and :func:`as_text` the whole
of it, in the catalogue's words, English or Chinese.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from tmall_service._values.catalogue import plural, say
from tmall_service._values.language import Language
from tmall_service._values.purposes import Purpose, below_standard, sets_standard
from tmall_service._values.schemes import AnyScheme, Scheme
from tmall_service._values.text import (
    count,
    facts_table,
    html_table,
    level_text,
    named,
    number,
    signed,
    text_table,
    view,
)

if TYPE_CHECKING:
    from tmall_service._values.periods import PeriodKind

    from .book import RuleBook

__all__ = ["Description", "Summary", "as_html", "as_repr", "as_text", "described", "summary"]


@attrs.frozen
class Summary:
    """What every display of an edition states of it first: name, scheme, dates and size."""

    #: The edition's name; empty when it has none.
    name: str
    #: The scheme it scores by.
    scheme: AnyScheme
    #: Its first and last days in force; ``None``: open on that side.
    effective_from: dt.date | None
    effective_to: dt.date | None
    #: How many categories it weighs (assessed), names as not assessed, and its exemptions.
    assessed: int
    excluded: int
    exemptions: int

    def title(self, lang: Language) -> str:
        """The edition's name, or a word for an edition without one."""
        return self.name or say("edition.unnamed", lang)

    def in_force(self, lang: Language) -> str:
        """The edition's dates: ``2024-01-01..2024-12-31``, an open side in words."""
        first, last = self.effective_from, self.effective_to
        if first is None and last is None:
            return say("edition.always", lang)
        since = first.isoformat() if first else say("edition.since_ever", lang)
        until = last.isoformat() if last else say("edition.until_replaced", lang)
        return f"{since}..{until}"


def summary(book: RuleBook) -> Summary:
    """What every display of *book* states first.

    >>> import tmall_service as ts
    >>> outline = summary(ts.example_rulebook())
    >>> outline.assessed, outline.excluded, outline.exemptions, outline.in_force("en")
    (5, 4, 2, '2024-01-01..2024-12-31')
    """
    return Summary(
        name=book.name,
        scheme=book.scheme,
        effective_from=book.effective_from,
        effective_to=book.effective_to,
        assessed=len(book.profiles),
        excluded=len(book.excluded_categories),
        exemptions=len(book.exemptions),
    )


@attrs.frozen
class Table:
    """A table of a description: its caption, header and rows of text."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen
class Description:
    """An edition as a reader sees it: a title, its settings, and its tables."""

    #: Its name, scheme, dates and size, which every display states.
    summary: Summary
    #: The edition's name.
    title: str
    #: Each setting that is set, as (what, its value), in the order read.
    facts: tuple[tuple[str, str], ...]
    #: The standards, the weights and the exemptions (left out when none).
    tables: tuple[Table, ...]


def described(book: RuleBook, lang: Language) -> Description:
    """*book* described in *lang*, for every display of it.

    >>> import tmall_service as ts
    >>> description = described(ts.example_rulebook(), "en")
    >>> description.facts[1]
    ('in force', '2024-01-01..2024-12-31')
    >>> [table.caption for table in description.tables]
    ['standards', 'weights', 'exemptions']
    """
    outline = summary(book)
    tables = [_standards(book, lang), _weights(book, lang), _exemptions(book, lang)]
    return Description(
        summary=outline,
        title=outline.title(lang),
        facts=tuple(_facts(book, outline, lang)),
        tables=tuple(table for table in tables if table.rows),
    )


def _facts(book: RuleBook, outline: Summary, lang: Language) -> list[tuple[str, str]]:
    joined = say("sep.list", lang).join
    said: list[tuple[str, str]] = []

    def state(key: str, value: str) -> None:
        said.append((say(key, lang), value))

    if book.source:
        state("edition.source", book.source)
    state("word.in_force", outline.in_force(lang))
    state("edition.scheme", f"{outline.scheme.value} ({outline.scheme.label_zh})")
    state("word.assessment_period", _kind(book.period_kind, lang))
    state("edition.missing_data", say(f"missing_data.{book.missing_data.value}", lang))
    state("edition.star_bands", joined(map(level_text, book.star_bands)))
    if Purpose.ANNUAL_FEE_REFUND in _purposes(book):
        state("edition.fee_year", _kind(book.fee_year, lang))
    if book.minimum_orders is not None:
        state("edition.minimum_orders", str(book.minimum_orders))
    if book.new_shop_grace_months is not None:
        state("edition.grace", say("edition.months", lang, n=book.new_shop_grace_months))
    if book.bonuses:
        state(
            "edition.bonuses",
            joined(f"{name} {signed(points)}" for name, points in book.bonuses.items()),
        )
    if book.excluded_categories:
        state("edition.excluded", joined(sorted(book.excluded_categories)))
    if book.exclude_unknown_categories:
        state("edition.unknown", say("edition.unknown_excluded", lang))
    if book.extra_regions:
        state("edition.extra_regions", joined(sorted(book.extra_regions)))
    state("edition.by_default", _by_default(book, lang))
    return said


def _kind(kind: PeriodKind, lang: Language) -> str:
    if kind.rolling_days:
        return say("period_kind.rolling", lang, days=kind.rolling_days)
    return say(f"period_kind.{kind.value}", lang)


def _by_default(book: RuleBook, lang: Language) -> str:
    passing = [p for p in Purpose if p in book.passes_by_default]
    if len(passing) == len(Purpose):
        return say("edition.passes_every", lang)
    if not passing:
        return say("edition.passes_none", lang)
    purposes = say("sep.list", lang).join(named(p, lang) for p in passing)
    return say("edition.passes_some", lang, purposes=purposes)


def _purposes(book: RuleBook) -> list[Purpose]:
    return [p for p in Purpose if sets_standard(book, p)]


def _standards(book: RuleBook, lang: Language) -> Table:
    rows = []
    for purpose in _purposes(book):
        threshold = book.threshold(purpose)
        overrides = say("sep.list", lang).join(
            f"{category} {number(table[purpose])}"
            for category, table in book.category_thresholds.items()
            if purpose in table
        )
        below = below_standard(purpose, lang)
        limit = book.clearance_after
        if purpose is Purpose.MERCHANT_ASSESSMENT and limit is not None:
            clearance = say(plural("edition.clearance", limit), lang, n=limit)
            below += say("sep.clause", lang) + clearance
        rows.append((named(purpose, lang), number(threshold), overrides or "—", below))
    keys = ("word.purpose", "edition.threshold", "edition.by_category", "edition.below")
    header = tuple(say(key, lang) for key in keys)
    return Table(caption=say("edition.standards", lang), header=header, rows=tuple(rows))


def _weights(book: RuleBook, lang: Language) -> Table:
    dimensions = list(book.scheme.dimensions)
    rows = tuple(
        (category, *(number(getattr(profile, d.value)) for d in dimensions))
        for category, profile in book.profiles.items()
    )
    header = (say("word.category", lang), *(named(d, lang) for d in dimensions))
    return Table(caption=say("word.weights", lang), header=header, rows=rows)


def _exemptions(book: RuleBook, lang: Language) -> Table:
    every = say("word.all", lang)
    joined = say("sep.list", lang).join
    rows = tuple(
        (
            str(e.period),
            joined(sorted(e.categories)) if e.categories is not None else every,
            joined(sorted(e.regions)) if e.regions is not None else every,
            e.reason,
        )
        for e in book.exemptions
    )
    keys = ("word.dates", "word.categories", "word.regions", "word.reason")
    header = tuple(say(key, lang) for key in keys)
    return Table(caption=say("word.exemptions", lang), header=header, rows=rows)


# -- the description, rendered for each medium ----------------------------------


def as_repr(outline: Summary) -> str:
    """The edition as ``repr`` gives it: its name, dates and size, on one line, in English.

    An open side of its dates is ``…``; a scheme other than Tmall's is named.

    >>> import tmall_service as ts
    >>> print(as_repr(summary(ts.example_rulebook(ts.Scheme.TAOBAO))))
    <RuleBook 'Example Taobao edition ...' 2024-01-01..…: taobao scheme, 2 categories, 0 exemptions>
    """
    first = "…" if outline.effective_from is None else outline.effective_from.isoformat()
    last = "…" if outline.effective_to is None else outline.effective_to.isoformat()
    scheme = "" if outline.scheme is Scheme.TMALL else f"{outline.scheme.value} scheme, "
    return (
        f"<RuleBook {outline.name!r} {first}..{last}: {scheme}"
        f"{count(outline.assessed, 'category', 'categories')}, "
        f"{count(outline.exemptions, 'exemption')}>"
    )


def as_html(description: Description) -> str:
    """The edition whole, for a notebook: its settings, then each table."""
    tables = [html_table(t.header, t.rows, caption=t.caption) for t in description.tables]
    return view(description.title, facts_table(description.facts), *tables)


def as_text(description: Description) -> str:
    """The edition whole, as ``rules show`` prints it: its settings, then each table.

    >>> import tmall_service as ts
    >>> print(as_text(described(ts.RuleBook(profiles={}), "en")))
    unnamed edition
      in force: always (no effective dates)
      scheme: tmall (天猫基础服务考核分)
      assessment period: month
      missing data: renormalise (the other weights rescaled)
      star bands: 3, 3.5, 4, 4.5, 5
      a shop not assessed: passes every standard by default
    """
    return "\n".join(_text_lines(description))


def _text_lines(description: Description) -> Iterator[str]:
    yield description.title
    yield from (f"  {what}: {value}" for what, value in description.facts)
    for table in description.tables:
        yield ""
        yield f"  {table.caption}:"
        yield from ("  " + line for line in text_table(table.header, table.rows).splitlines())
