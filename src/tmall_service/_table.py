"""Many assessments as one table: for a notebook, or a quick look in a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import overload

import attrs

from ._assessment import Assessment
from ._display import html_table, number, text_table
from ._errors import instances

__all__ = ["AssessmentTable"]

_HEADER = ("category", "period", "region", "status", "score", "stars")


def _assessments(value: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return instances(value, Assessment, "assessments")


@attrs.frozen(repr=False)
class AssessmentTable(Sequence[Assessment]):
    """A list of assessments that shows itself as a table.

    In a notebook it is an HTML table with one row per assessment (the
    shop's category, period, region, status, score, stars and dimension
    scores); ``repr`` gives the same as plain text. It is a sequence of the
    assessments it was given, in their order.

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

    @overload
    def __getitem__(self, index: int) -> Assessment: ...
    @overload
    def __getitem__(self, index: slice) -> AssessmentTable: ...
    def __getitem__(self, index: int | slice) -> Assessment | AssessmentTable:
        """The assessment at *index*; a slice is a table too."""
        if isinstance(index, slice):
            return AssessmentTable(self.assessments[index])
        return self.assessments[index]

    def __len__(self) -> int:
        """How many assessments the table holds."""
        return len(self.assessments)

    def __iter__(self) -> Iterator[Assessment]:
        """The assessments, in order."""
        return iter(self.assessments)

    def _cells(self) -> tuple[list[str], list[list[str]]]:
        """The header, and a row of text per assessment; scores of every scheme present."""
        names = list(
            {field.name: None for a in self.assessments for field in attrs.fields(type(a.scores))}
        )
        rows = [
            [
                a.category,
                str(a.period),
                a.region or "—",
                a.status.value,
                number(a.score),
                number(a.stars),
                *(number(getattr(a.scores, name, None)) for name in names),
            ]
            for a in self.assessments
        ]
        return [*_HEADER, *names], rows

    def __repr__(self) -> str:
        """The table as aligned plain text."""
        return text_table(*self._cells(), gap=" | ", rule=False).rstrip("\n")

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks."""
        return html_table(*self._cells())
