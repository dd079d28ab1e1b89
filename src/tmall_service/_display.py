"""HTML for notebooks: the values show themselves as small tables.

Every text from the data (a category, a region, an exemption's reason) is
escaped, so a name such as ``<script>`` shows as text and never runs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

__all__ = ["cell", "facts_table", "fields_table", "html_table", "number"]


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
