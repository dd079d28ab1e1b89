"""How values show themselves: numbers, terminal tables, and notebook HTML.

One rule writes every number (:func:`number`); one measure gives a text's
width in a terminal (:func:`width`); one design makes every notebook
display (:func:`view`), in the language :func:`display_options` sets.
Every text from the data (a category, a region, an exemption's reason) is
escaped, so a name such as ``<script>`` shows as text and never runs.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final

import attrs

from .catalogue import CATALOGUE, say
from .language import Language, check_language

__all__ = [
    "Html",
    "bullets",
    "cell",
    "count",
    "display_language",
    "display_options",
    "facts_table",
    "fields_table",
    "html_table",
    "level_text",
    "named",
    "noun_for",
    "number",
    "padded",
    "score_text",
    "signed",
    "text_table",
    "verdict",
    "view",
    "width",
    "word",
]

_NOT_ASSESSED = Decimal(99)
"""The score of a shop not assessed, ``NOT_ASSESSED_SCORE``.

Its module imports this one, so it is repeated here; a test keeps the two equal.
"""


def number(value: Decimal | None) -> str:
    """A score, points, a cost, a threshold or a weight, as the library shows it.

    The one rule for numbers in text, HTML and reprs: two decimal places,
    never fewer, and more only when the number has more, so that nothing
    exact is hidden (a weight of 0.125, a term 4.85 × 0.25 = 1.2125 of the
    formula before its rounding). Nothing is rounded for show. A dash stands
    for no number.

    >>> number(Decimal("3.3")), number(Decimal("0.200")), number(Decimal("0.125"))
    ('3.30', '0.20', '0.125')
    >>> number(Decimal(5)), number(Decimal("-0.35")), number(None)
    ('5.00', '-0.35', '—')
    """
    if value is None:
        return "—"
    whole, _, places = f"{value.normalize():f}".partition(".")
    return f"{whole}.{places.ljust(2, '0')}"


def score_text(value: Decimal | None) -> str:
    """A shop's score: :func:`number`'s rule, but 99 (not assessed) as the sources write it.

    >>> score_text(Decimal("4.7")), score_text(Decimal(99))
    ('4.70', '99')
    """
    if value == _NOT_ASSESSED:
        return "99"
    return number(value)


def signed(value: Decimal) -> str:
    """A change of score, its sign always written: ``+0.35``, ``-1.20``, ``+0.00``.

    >>> signed(Decimal("0.35")), signed(Decimal("-1.2"))
    ('+0.35', '-1.20')
    """
    text = number(value)
    return text if text.startswith("-") else f"+{text}"


def level_text(value: Decimal | None) -> str:
    """A star level as it is named: ``3``, ``4.5``; a dash for none.

    >>> level_text(Decimal("4.5")), level_text(Decimal("3.0")), level_text(None)
    ('4.5', '3', '—')
    """
    return "—" if value is None else f"{value.normalize():f}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """*n* and *noun*, the noun in the plural unless *n* is 1.

    >>> count(1, "exemption"), count(2, "exemption"), count(0, "category", "categories")
    ('1 exemption', '2 exemptions', '0 categories')
    """
    return f"{n} {noun_for(n, noun, plural)}"


def noun_for(n: int, noun: str, plural: str | None = None) -> str:
    """*noun*, in the plural unless *n* is 1: ``missing columns a, b``.

    >>> noun_for(1, "column"), noun_for(2, "column"), noun_for(3, "category", "categories")
    ('column', 'columns', 'categories')
    """
    return noun if n == 1 else plural or noun + "s"


class Html(str):
    """HTML the library wrote itself: a cell shows it as it is, unescaped."""

    __slots__ = ()


def cell(value: object) -> str:
    """*value* as escaped text for a table cell; ``None`` is a dash.

    >>> cell("<b>服饰</b>"), cell(Decimal("0.2")), cell(None)
    ('&lt;b&gt;服饰&lt;/b&gt;', '0.20', '—')
    """
    if value is None:
        return "—"
    if isinstance(value, Html):
        return value
    if isinstance(value, Decimal):
        return number(value)
    import html  # noqa: PLC0415 - only notebooks show tables: kept out of the import

    return html.escape(str(value))


_NUMERIC = re.compile(r"[+-]?\d+(?:\.\d+)?")


_LONG_TEXT: Final = 24
"""Characters beyond which a cell's text wraps; shorter cells stay on one line."""


def _td(value: object, *, numbers_right: bool = True) -> str:
    """A cell: a number to the right, a long text or a list wrapped, anything else on one line."""
    text = cell(value)
    if numbers_right and (
        (isinstance(value, Decimal | int) and not isinstance(value, bool))
        or (isinstance(value, str) and _NUMERIC.fullmatch(value) is not None)
    ):
        return f'<td class="ts-num">{text}</td>'
    if (isinstance(value, Html) and value.startswith("<ul>")) or (
        not isinstance(value, Html) and isinstance(value, str) and len(value) > _LONG_TEXT
    ):
        return f'<td class="ts-text">{text}</td>'
    return f"<td>{text}</td>"


def html_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    caption: str = "",
) -> Html:
    """An HTML table of *rows* under *header*, every cell escaped, numbers to the right.

    >>> table = html_table(["shop", "score"], [["<b>", Decimal("3.3")]])
    >>> print(table[table.index("<tbody>"):])
    <tbody><tr><td>&lt;b&gt;</td><td class="ts-num">3.30</td></tr></tbody></table>
    """
    head = "".join(f"<th>{cell(name)}</th>" for name in header)
    body = "".join("<tr>" + "".join(map(_td, row)) + "</tr>" for row in rows)
    title = f"<caption>{cell(caption)}</caption>" if caption else ""
    return Html(
        f'<table class="ts">{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def facts_table(facts: Iterable[tuple[str, object]], *, caption: str = "") -> Html:
    """A table of named facts, a fact to a row, leaving out the ones that are ``None``.

    >>> print(facts_table([("score", Decimal("3.3")), ("stars", None)]))
    <table class="ts ts-facts"><tbody><tr><th>score</th><td>3.30</td></tr></tbody></table>
    """
    rows = "".join(
        f"<tr><th>{cell(k)}</th>{_td(v, numbers_right=False)}</tr>"
        for k, v in facts
        if v is not None
    )
    title = f"<caption>{cell(caption)}</caption>" if caption else ""
    return Html(f'<table class="ts ts-facts">{title}<tbody>{rows}</tbody></table>')


def fields_table(value: attrs.AttrsInstance, *, caption: str = "") -> Html:
    r"""Scores or weights as one row, each column named by its dimension.

    >>> import tmall_service as ts
    >>> "<td class=\"ts-num\">4.50</td>" in fields_table(ts.DimensionScores(product="4.5"))
    True
    """
    dimensions = list(getattr(value, "DIMENSIONS"))  # noqa: B009 - scores and weights of any scheme
    lang = display_language()
    return html_table(
        [named(d, lang) for d in dimensions],
        [[getattr(value, d.value) for d in dimensions]],
        caption=caption,
    )


def named(member: enum.Enum, lang: Language) -> str:
    """A dimension, purpose, status or verdict as a reader of *lang* knows it.

    A status, purpose or verdict by its text in the catalogue; a dimension
    as its scheme declares it.

    >>> import tmall_service as ts
    >>> named(ts.Dimension.AFTER_SALES, "en"), named(ts.Dimension.AFTER_SALES, "zh")
    ('after-sales', '售后体验')
    >>> named(ts.Status.NO_DATA, "en"), named(ts.Purpose.ANNUAL_FEE_REFUND, "zh")
    ('no data', '年费返还')
    """
    key = f"{type(member).__name__.lower()}.{member.value}"
    if key in CATALOGUE:
        return say(key, lang)
    if lang == "zh":
        return str(getattr(member, "label_zh"))  # noqa: B009 - every dimension has one
    return "after-sales" if member.value == "after_sales" else str(member.value).replace("_", " ")


def verdict(passed: bool, text: str) -> Html:  # noqa: FBT001 - the verdict itself
    """A verdict in words, marked as a pass or a fail, never by colour alone.

    >>> print(verdict(True, "passes"), verdict(False, "未达标"))
    <span class="ts-pass">✓ passes</span> <span class="ts-fail">✗ 未达标</span>
    """
    kind, mark = ("pass", "✓") if passed else ("fail", "✗")
    return Html(f'<span class="ts-{kind}">{mark} {cell(text)}</span>')


def bullets(items: Iterable[str]) -> Html:
    """A list, each item escaped, for one cell.

    >>> print(bullets(["a", "<b>"]))
    <ul><li>a</li><li>&lt;b&gt;</li></ul>
    """
    return Html("<ul>" + "".join(f"<li>{cell(item)}</li>" for item in items) + "</ul>")


_STYLE: Final = (
    "<style>"
    "div.tmall-service{line-height:1.45}"
    "div.tmall-service .ts-title{font-weight:600;margin:.4em 0 .2em}"
    "div.tmall-service table.ts{border-collapse:collapse;margin:.2em 0 .6em;font-size:.92em}"
    "div.tmall-service table.ts caption{caption-side:top;text-align:left;font-weight:600;"
    "padding:.2em 0}"
    "div.tmall-service table.ts th,div.tmall-service table.ts td{padding:.15em .7em;"
    "text-align:left;vertical-align:baseline;border:0;border-bottom:1px solid #ddd;"
    "white-space:nowrap}"
    "div.tmall-service table.ts thead th{border-bottom:2px solid #888}"
    "div.tmall-service table.ts-facts th{font-weight:normal;color:#555}"
    "div.tmall-service table.ts td.ts-num{text-align:right;font-variant-numeric:tabular-nums}"
    "div.tmall-service table.ts td.ts-text{white-space:normal;min-width:16em;max-width:36em}"
    "div.tmall-service .ts-pass{color:#1a7f37}"
    "div.tmall-service .ts-fail{color:#b3261e;font-weight:600}"
    "div.tmall-service ul{margin:0;padding-left:1.2em}"
    "</style>"
)
"""The one design: scoped to the display, plain text where a notebook drops styles."""


def view(title: str, *parts: str) -> str:
    """A value's whole display: its title, then its tables, in the library's one design.

    Every value a notebook shows is built by this function, so they all
    look alike; the title and the parts are escaped by their makers.

    >>> html = view("服饰 · 2024-07", facts_table([("score", Decimal("3.3"))]))
    >>> html.startswith('<div class="tmall-service">'), "<style>" in html
    (True, True)
    """
    head = f'<div class="ts-title">{cell(title)}</div>'
    return f'<div class="tmall-service">{_STYLE}{head}{"".join(parts)}</div>'


def word(key: str, lang: Language) -> str:
    """A word the displays share, in *lang*: the catalogue's ``word.`` text of *key*.

    >>> word("score", "zh"), word("failing periods", "en")
    ('得分', 'failing periods')
    """
    return say("word." + key.replace(" ", "_"), lang)


_SETTINGS: Final[dict[str, Language]] = {"lang": "en"}


def display_language() -> Language:
    """The language values show themselves in, in a notebook: see :func:`display_options`."""
    return _SETTINGS["lang"]


class display_options:  # noqa: N801 - used as a function, like polars.Config
    """Set how values show themselves in a notebook: for now, the language.

    Called alone it sets the language from then on; in a ``with`` block,
    only inside the block. Every display (an assessment, a table of them,
    a gap, advice, a standing, a rule book, ...) is in this one language,
    English (``"en"``, the default) or Chinese (``"zh"``); the text of
    reprs stays English.

    >>> import tmall_service as ts
    >>> with ts.display_options(lang="zh"):
    ...     "考核标准" in ts.example_rulebook()._repr_html_()
    True
    >>> ts.display_options(lang="fr")
    Traceback (most recent call last):
    ...
    tmall_service.InvalidOptionError: lang: 'fr' is not a language of the library; write ...
    """

    def __init__(self, *, lang: Language) -> None:
        """Set the display language to *lang*, remembering the one it replaces."""
        self._before = _SETTINGS["lang"]
        _SETTINGS["lang"] = check_language(lang)

    def __enter__(self) -> None:
        """Use the language inside the block."""

    def __exit__(self, *_: object) -> None:
        """Put back the language there was before."""
        _SETTINGS["lang"] = self._before


def width(text: str) -> int:
    """The columns *text* takes in a terminal: a wide (Chinese) character takes two.

    East Asian wide and full-width characters take two columns, combining
    marks and zero-width characters none, others one: the rule rich measures
    cells by, from the standard library's Unicode database alone.

    >>> width("锦衣坊"), width("shop"), width("ｓｈｏｐ")
    (6, 4, 8)
    """
    return sum(_column(c) for c in text)


def _column(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def padded(text: str, columns: int) -> str:
    """*text* and the spaces that make it *columns* wide in a terminal.

    >>> padded("锦衣坊", 8) + "|"
    '锦衣坊  |'
    """
    return text + " " * (columns - width(text))


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
    widths = [max(width(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return gap.join(padded(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()

    lines = [line(header), *(line(row) for row in rows)]
    if rule:
        lines.insert(1, gap.join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
