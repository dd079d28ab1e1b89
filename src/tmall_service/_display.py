"""HTML for notebooks: the values show themselves as small tables.

Every text from the data (a category, a region, an exemption's reason) is
escaped, so a name such as ``<script>`` shows as text and never runs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

__all__ = ["cell", "facts_table", "fields_table", "html_table", "number", "text_table"]


def number(value: Decimal | None) -> str:
    """A decimal as the rules write it (``0.3``, ``4.75``), or a dash for none.

    >>> number(Decimal("3.30")), number(None)
    ('3.30', '—')
    """
    return "—" if value is None else f"{value:f}"


def cell(value: object) -> str:
    """*value* as escaped text for a table cell; ``None`` is a dash.

    >>> cell("<b>服饰</b>")
    '&lt;b&gt;服饰&lt;/b&gt;'
    """
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return number(value)
    import html  # noqa: PLC0415 - only notebooks show tables: kept out of the import

    return html.escape(str(value))


def html_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    caption: str = "",
) -> str:
    """An HTML table of *rows* under *header*, every cell escaped.

    >>> print(html_table(["a"], [[1]], caption="x"))
    <table><caption>x</caption><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
    """
    head = "".join(f"<th>{cell(name)}</th>" for name in header)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    title = f"<caption>{cell(caption)}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def fields_table(value: attrs.AttrsInstance, *, caption: str = "") -> str:
    """One row of an attrs value's fields, named by field: scores or weights.

    >>> import tmall_service as ts
    >>> "<td>4.5</td>" in fields_table(ts.DimensionScores(product="4.5"))
    True
    """
    names = [field.name for field in attrs.fields(type(value))]
    return html_table(names, [[getattr(value, name) for name in names]], caption=caption)


def facts_table(facts: Iterable[tuple[str, object]], *, caption: str = "") -> str:
    """A two-column table of named facts, leaving out the ones that are ``None``."""
    return html_table(["", ""], [(k, v) for k, v in facts if v is not None], caption=caption)


def _width(text: str) -> int:
    """Columns *text* takes in a terminal: a wide (Chinese) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, gap: str = "  ", rule: bool = True
) -> str:
    """An aligned text table, columns *gap* apart, a rule under the header if *rule*.

    Chinese characters count as two columns, as a terminal shows them.

    >>> print(text_table(["shop", "score"], [["锦衣坊", "5.00"]]), end="")
    shop    score
    ------  -----
    锦衣坊  5.00
    """
    widths = [max(_width(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = (c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
        return gap.join(padded).rstrip()

    lines = [line(header), *(line(row) for row in rows)]
    if rule:
        lines.insert(1, gap.join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
