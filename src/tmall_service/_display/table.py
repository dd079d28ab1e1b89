"""Many assessments as one table: for a notebook, or a quick look in a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import overload

import attrs

from tmall_service._rules.assessment import Assessment
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._rules.editions import Editions, edition_of
from tmall_service._rules.standing import meets
from tmall_service._values.catalogue import plural, say
from tmall_service._values.errors import RuleBookError, instances, shown
from tmall_service._values.language import Language
from tmall_service._values.purposes import sets_standard
from tmall_service._values.text import (
    count,
    display_language,
    html_table,
    level_text,
    named,
    number,
    score_text,
    text_table,
    verdict,
    view,
    word,
)

__all__ = ["AssessmentTable"]

_HEADER = ("category", "period", "region", "status", "score", "stars")


def _assessments(value: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return instances(value, Assessment, "assessments")


def _shops(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else instances(value, str, "shops")


def _rules(value: RuleBook | Editions | None) -> RuleBook | Editions | None:
    if value is None or isinstance(value, RuleBook | Editions):
        return value
    msg = f"rules: {shown(value)} is not a RuleBook or Editions"
    raise RuleBookError(msg)


@attrs.frozen(repr=False)
class AssessmentTable(Sequence[Assessment]):
    """A list of assessments that shows itself as a table.

    In a notebook it is an HTML table with one row per assessment (the
    shop's category, period, region, status, score, stars and dimension
    scores), in the display language (:func:`~tmall_service.display_options`);
    ``repr`` gives the same as plain text, in English. Given ``shops``, one
    name per assessment, each row starts with its shop; given ``rules`` (a
    rule book, or editions for a history), each row says whether the shop
    meets each standard, judged by the edition in force for its period.
    It is a sequence of the assessments it was given, in their order.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> july = ts.AssessmentPeriod.month(2024, 7)
    >>> table = ts.AssessmentTable([
    ...     ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1,
    ...                                  consultation=4), category="服饰", period=july,
    ...               rules=rules),
    ...     ts.assess(ts.DimensionScores(), category="美妆", period=july, rules=rules),
    ... ])
    >>> for line in repr(table).splitlines():
    ...     print(" | ".join(line.split(" | ")[:5]).rstrip())
    category | period                 | region | status  | score
    服饰     | 2024-07-01..2024-07-31 | —      | scored  | 3.30
    美妆     | 2024-07-01..2024-07-31 | —      | no_data | 99
    >>> len(table), table[0].score
    (2, Decimal('3.30'))
    """

    #: The assessments, in the order given.
    assessments: tuple[Assessment, ...] = attrs.field(converter=_assessments)
    #: The shop of each assessment, in the same order; ``None``: not shown.
    shops: tuple[str, ...] | None = attrs.field(default=None, converter=_shops, kw_only=True)
    #: The rules to judge each standard by; ``None``: no standards shown.
    rules: RuleBook | Editions | None = attrs.field(default=None, converter=_rules, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """Check one shop name per assessment, and rules that judge every one of them.

        So a display never fails: a rule book out of force for a row's period,
        or that does not know its category, is refused here.
        """
        if self.shops is not None and len(self.shops) != len(self.assessments):
            msg = (
                f"shops: {count(len(self.shops), 'name')} for "
                f"{count(len(self.assessments), 'assessment')}; give one name per assessment"
            )
            raise RuleBookError(msg)
        if self.rules is not None:
            for assessment in self.assessments:
                edition_of(self.rules, assessment)

    @overload
    def __getitem__(self, index: int) -> Assessment: ...
    @overload
    def __getitem__(self, index: slice) -> AssessmentTable: ...
    def __getitem__(self, index: int | slice) -> Assessment | AssessmentTable:
        """The assessment at *index*; a slice is a table too."""
        if isinstance(index, slice):
            shops = None if self.shops is None else self.shops[index]
            return AssessmentTable(self.assessments[index], shops=shops, rules=self.rules)
        return self.assessments[index]

    def __len__(self) -> int:
        """How many assessments the table holds."""
        return len(self.assessments)

    def __iter__(self) -> Iterator[Assessment]:
        """The assessments, in order."""
        return iter(self.assessments)

    def _purposes(self) -> list[Purpose]:
        """The purposes any edition of ``rules`` sets a standard for."""
        books = self.rules.editions if isinstance(self.rules, Editions) else (self.rules,)
        return [p for p in Purpose if any(book and sets_standard(book, p) for book in books)]

    def _cells(self, lang: Language, *, html: bool) -> tuple[list[str], list[list[object]]]:
        """The header, and a row per assessment; scores of every scheme present."""
        # One column per dimension name: Tmall's and Taobao's share logistics and after-sales.
        members = list(
            {d.value: d for a in self.assessments for d in type(a.scores).DIMENSIONS}.values()
        )
        purposes = self._purposes() if self.rules is not None else []
        header = [word("shop", lang)] if self.shops is not None else []
        header += [word(key, lang) for key in _HEADER]
        header += [named(p, lang) for p in purposes]
        header += [named(d, lang) if html else d.value for d in members]
        rows: list[list[object]] = []
        for index, a in enumerate(self.assessments):
            row: list[object] = [] if self.shops is None else [self.shops[index]]
            row += [
                a.category,
                str(a.period),
                a.region or "—",
                named(a.status, lang) if html else a.status.value,
                score_text(a.score),
                level_text(a.stars),
            ]
            if purposes:
                assert self.rules is not None  # noqa: S101 - purposes come from the rules
                book = edition_of(self.rules, a)
                for purpose in purposes:
                    ok = meets(a, book, purpose)
                    row.append(_judged(ok, lang, html=html))
            row += [number(getattr(a.scores, d.value, None)) for d in members]
            rows.append(row)
        return header, rows

    def __repr__(self) -> str:
        """The table as aligned plain text, in English."""
        header, rows = self._cells("en", html=False)
        return text_table(
            header, [list(map(str, row)) for row in rows], gap=" | ", rule=False
        ).rstrip("\n")

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks, in the display language."""
        lang = display_language()
        n = len(self.assessments)
        return view(
            say(plural("table.title", n), lang, n=n), html_table(*self._cells(lang, html=True))
        )


def _judged(ok: bool | None, lang: Language, *, html: bool) -> object:  # noqa: FBT001 - the verdict itself
    """A standard met or not: marked words in HTML, ``pass``/``FAIL`` in text."""
    if ok is None:
        return "—"
    if html:
        return verdict(ok, word("passes" if ok else "fails", lang))
    return "pass" if ok else "FAIL"
