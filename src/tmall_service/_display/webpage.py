"""A shop's page, and an index of pages: one HTML file each, to open offline and print.

A shop's page holds its standing against each standard, its score over time,
the radar of its latest period, the account of its latest score, the cheapest
plan to each standard it fails, and the advice, in English or Chinese. It is
one HTML document with its style inside and its charts as inline SVG, so
that it needs nothing else: no script, no font or style from elsewhere, no
network. Every text from the data is escaped. The same history and rules
give the same bytes each time: no date is written, and the charts' ids are
fixed. (The charts name the fonts matplotlib finds, so two machines with
different fonts may write different pages.)

The charts need matplotlib, the ``plot`` extra. They are drawn in
matplotlib's default style, whatever the caller's settings, and their text
stays text, so the browser draws it with its own fonts.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final
from urllib.parse import quote

import attrs

from tmall_service._explain.account import explain
from tmall_service._explain.advice import _AdviceList, advise
from tmall_service._rules.assessment import Assessment, chronological
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._rules.editions import Editions, edition_of
from tmall_service._rules.gap import gap
from tmall_service._rules.standing import Verdict, standards, standing
from tmall_service._values.catalogue import say
from tmall_service._values.errors import (
    InvalidOptionError,
    InvalidScoreError,
    RuleBookError,
    instances,
    shown,
)
from tmall_service._values.language import Language, check_language
from tmall_service._values.numbers import to_decimal
from tmall_service._values.periods import AssessmentPeriod
from tmall_service._values.text import (
    _STYLE,
    Html,
    display_options,
    facts_table,
    html_table,
    level_text,
    named,
    score_text,
    verdict,
    word,
)

from .plots import _matplotlib, plot_radar, plot_trend

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["PageEntry", "index_page", "shop_page"]


_HTML_LANG: Final[dict[Language, str]] = {"en": "en", "zh": "zh-CN"}

_PAGE_STYLE: Final = (
    "<style>"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0;background:#fff;color:#1f1f1f;font-size:15px;line-height:1.5;"
    'font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB",'
    '"Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",sans-serif}'
    "main.ts-page{max-width:980px;margin:0 auto;padding:24px 28px 48px}"
    "main.ts-page h1{font-size:1.75em;line-height:1.25;margin:0;overflow-wrap:anywhere}"
    "main.ts-page p.ts-sub{color:#555;margin:.1em 0 .6em}"
    "main.ts-page h2{font-size:1.3em;margin:1.6em 0 .5em;padding-bottom:.2em;"
    "border-bottom:2px solid #e3e3e3}"
    "main.ts-page h3{font-size:1.05em;margin:1.1em 0 .2em}"
    "main.ts-page p.ts-none{margin:.4em 0;color:#333}"
    "main.ts-page .ts-wide{overflow-x:auto}"
    "main.ts-page #standing li{white-space:nowrap}"
    "main.ts-page figure.ts-chart{margin:.4em 0}"
    "main.ts-page figure.ts-chart svg{display:block;width:100%;height:auto;margin:0 auto}"
    "main.ts-page figure.ts-radar svg{max-width:640px}"
    "main.ts-page .ts-plans{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));"
    "gap:0 24px}"
    "main.ts-page pre.ts-explain{white-space:pre-wrap;overflow-wrap:anywhere;margin:.4em 0;"
    "padding:.8em 1em;background:#f7f7f7;border:1px solid #e3e3e3;border-radius:4px;"
    'font-size:.9em;line-height:1.55;font-family:ui-monospace,"SFMono-Regular",Menlo,'
    'Consolas,"Noto Sans Mono CJK SC","Noto Sans Mono",monospace}'
    "main.ts-page a{color:#0b57d0}"
    "@media print{"
    "@page{size:A4;margin:14mm 12mm}"
    "body{font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "main.ts-page{max-width:none;padding:0}"
    "main.ts-page .ts-wide{overflow:visible}"
    "main.ts-page h2,main.ts-page h3{break-after:avoid}"
    "main.ts-page figure,main.ts-page table,main.ts-page pre,main.ts-page tr,main.ts-page .ts-plan"
    "{break-inside:avoid}"
    "main.ts-page figure.ts-trend svg{max-height:110mm}"
    "main.ts-page figure.ts-radar svg{max-height:120mm}"
    "div.tmall-service table.ts th,div.tmall-service table.ts td{padding:.15em .45em}"
    "div.tmall-service table.ts td.ts-text{min-width:12em}"
    "main.ts-page a{color:inherit;text-decoration:none}"
    "}"
    "</style>"
)
"""The page's layout, and how it prints: A4, no chart or table cut by a page break."""


_NO_METADATA: Final = {"Date": None, "Creator": None, "Format": None, "Type": None}
"""No date, and no metadata naming a site: the chart is the same bytes each time."""


def shop_page(
    history: Sequence[Assessment],
    *,
    rules: RuleBook | Editions,
    shop: str,
    lang: Language = "en",
    advice: int | None = 5,
) -> str:
    r"""One shop's page: a whole HTML document, to save as a file, open offline and print.

    *history* is the shop's assessments in any order, one per period, judged
    by *rules* (a :class:`RuleBook`, or :class:`Editions` whose edition in
    force judges each period). The page gives, in order: the shop's name and
    its latest period (score, star level, status, edition in force); its
    standing against each standard (:func:`standing`); its score over time
    (:func:`plot_trend`); the radar of its latest period
    (:func:`plot_radar`); the account of its latest score
    (:func:`explain`); the cheapest plan to each standard the latest period
    fails (:func:`gap`); and the first *advice* pieces of advice
    (:func:`advise`; ``None``: all of them, 0: none). A section with
    nothing to show says so. It is in English (``lang="en"``) or Chinese
    (``lang="zh"``). Needs the ``plot`` extra.

    >>> import attrs
    >>> import tmall_service as ts
    >>> from tmall_service._display.webpage import shop_page
    >>> example = ts.example_rulebook()
    >>> rules = attrs.evolve(example, profiles={**example.profiles,
    ...                                         "apparel": example.profile("服饰")})
    >>> history = [
    ...     ts.assess(ts.DimensionScores(product=s, logistics=s, after_sales=s,
    ...                                  dispute=s, consultation=s),
    ...               category="apparel", period=ts.AssessmentPeriod.month(2024, m),
    ...               rules=rules)
    ...     for m, s in [(5, "4.5"), (6, "3.9"), (7, "3.4")]
    ... ]
    >>> page = shop_page(history, rules=rules, shop="Jinyi <Fang>")
    >>> page.startswith('<!DOCTYPE html>\n<html lang="en">'), page.count("<svg")
    (True, 2)
    >>> "<h1>Jinyi &lt;Fang&gt;</h1>" in page, "<script" in page
    (True, False)
    >>> shop_page(history, rules=rules, shop="Jinyi", lang="fr")
    Traceback (most recent call last):
    ...
    tmall_service.InvalidOptionError: lang: 'fr' is not a language of the library; write ...
    """
    language = check_language(lang)
    if not isinstance(shop, str):
        msg = f"shop: {shown(shop)} is not a shop's name; give it as text"
        raise InvalidOptionError(msg)
    ordered = chronological(history)
    if not ordered:
        msg = "history: no assessments for the page; give at least one"
        raise RuleBookError(msg)
    _matplotlib()
    latest = ordered[-1]
    edition = edition_of(rules, latest)
    judged = standing(ordered, rules)
    with display_options(lang=language):
        standing_html = _unstyled(judged._repr_html_())
        plans = _plans(latest, edition, language)
        pieces = advise(latest, rules=edition, lang=language, limit=advice)
        advice_html = (
            _unstyled(_AdviceList(pieces)._repr_html_())
            if pieces
            else _none(say("page.no_advice", language))
        )
    trend = _chart(
        lambda figure: plot_trend(ordered, rules=rules, lang=language, ax=figure.add_subplot()),
        size=(8.4, 3.9),
        scope="trend",
        label=f"{say('page.trend', language)} · {shop}",
    )
    radar = _chart(
        lambda figure: plot_radar(
            latest, rules=rules, lang=language, ax=figure.add_subplot(projection="polar")
        ),
        size=(5.8, 5.6),
        scope="radar",
        label=f"{say('page.radar', language)} · {shop} · {latest.period}",
    )
    facts = facts_table(
        [
            (word("category", language), latest.category),
            (word("latest", language), str(latest.period)),
            (word("score", language), score_text(latest.score)),
            (word("stars", language), None if latest.stars is None else level_text(latest.stars)),
            (word("status", language), named(latest.status, language)),
            (word("edition", language), edition.name or "—"),
        ]
    )
    account = explain(latest, rules=edition, lang=language)
    sections = [
        ("standing", standing_html),
        ("trend", f'<figure class="ts-chart ts-trend">{trend}</figure>'),
        ("radar", f'<figure class="ts-chart ts-radar">{radar}</figure>'),
        ("explanation", f'<pre class="ts-explain">{_escaped(account)}</pre>'),
        ("plans", plans),
        ("advice", advice_html),
    ]
    body = "".join(
        f'<section id="{key}"><h2>{say(f"page.{key}", language)}</h2>'
        f'<div class="ts-wide">{content}</div></section>'
        for key, content in sections
    )
    header = (
        f"<header><h1>{_escaped(shop)}</h1>"
        f'<p class="ts-sub">{say("page.report", language)}</p>'
        f'<div class="tmall-service">{facts}</div></header>'
    )
    return _document(f"{shop} · {say('page.report', language)}", language, header + body)


def _plans(latest: Assessment, edition: RuleBook, lang: Language) -> str:
    """The cheapest plan to each standard *latest* fails, or why there is none."""
    results = standards(latest, edition)
    if not results:
        return _none(say("page.no_standard", lang))
    failed = [purpose for purpose, passed in results.items() if not passed]
    if not failed:
        return _none(say("page.all_met" if latest.assessed else "page.met_by_default", lang))
    parts = []
    for purpose in failed:
        plan = (
            _unstyled(gap(latest, purpose, rules=edition)._repr_html_())
            if latest.assessed
            # The edition does not pass such a shop by default: no scores change that.
            else _none(say("page.no_plan", lang))
        )
        parts.append(f'<div class="ts-plan"><h3>{_escaped(named(purpose, lang))}</h3>{plan}</div>')
    return f'<div class="ts-plans">{"".join(parts)}</div>'


def _score(value: object) -> Decimal:
    return to_decimal(value, field="score", error=InvalidScoreError)


@attrs.frozen
class PageEntry:
    """One row of the index of shops' pages: the shop, its page and its worst verdict.

    ``file`` is the page's path relative to the index (``"锦衣坊.html"``,
    ``"shops/a.html"``); ``purpose`` is the standard whose verdict is the
    worst, ``None`` when every standard is met (``verdict`` is then
    ``GOOD``). :meth:`of` makes the entry from the shop's history.

    >>> import tmall_service as ts
    >>> from tmall_service._display.webpage import PageEntry
    >>> entry = PageEntry(shop="锦衣坊", file="锦衣坊.html",
    ...                   period=ts.AssessmentPeriod.month(2024, 7), score="3.4",
    ...                   verdict=ts.Verdict.AT_RISK, purpose=ts.Purpose.MERCHANT_ASSESSMENT)
    >>> entry.score
    Decimal('3.4')
    """

    #: The shop's name.
    shop: str = attrs.field(validator=attrs.validators.instance_of(str))
    #: The path of the shop's page, relative to the index.
    file: str = attrs.field()
    #: The latest period of the shop's history.
    period: AssessmentPeriod = attrs.field(validator=attrs.validators.instance_of(AssessmentPeriod))
    #: The score in the latest period (99: not assessed).
    score: Decimal = attrs.field(converter=_score)
    #: The worst of the shop's verdicts, by :attr:`Verdict.severity`.
    verdict: Verdict = attrs.field(validator=attrs.validators.instance_of(Verdict))
    #: The purpose of that verdict; ``None`` when every standard is met.
    purpose: Purpose | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Purpose))
    )

    @file.validator
    def _relative(self, _: object, file: object) -> None:
        if not isinstance(file, str) or not file or file.startswith(("/", "\\")):
            msg = f"file: {shown(file)} is not a path relative to the index; give one"
            raise InvalidOptionError(msg)

    @classmethod
    def of(
        cls,
        history: Iterable[Assessment],
        *,
        rules: RuleBook | Editions,
        shop: str,
        file: str,
    ) -> PageEntry:
        """The entry of a shop from its *history*: its latest period and worst verdict.

        Of verdicts equally bad, the first purpose's (营销准入, 商家考核, 年费返还).

        >>> import tmall_service as ts
        >>> from tmall_service._display.webpage import PageEntry
        >>> rules = ts.example_rulebook()
        >>> weak = ts.DimensionScores(product=3, logistics=3, after_sales=3,
        ...                           dispute=3, consultation=3)
        >>> history = [ts.assess(weak, category="服饰", rules=rules,
        ...                      period=ts.AssessmentPeriod.month(2024, m)) for m in (6, 7)]
        >>> entry = PageEntry.of(history, rules=rules, shop="锦衣坊", file="锦衣坊.html")
        >>> entry.verdict, entry.purpose, entry.score
        (<Verdict.AT_RISK: 'at_risk'>, <Purpose.MERCHANT_ASSESSMENT: 'merchant_assessment'>,
         Decimal('3.00'))
        """
        ordered = chronological(history)
        if not ordered:
            msg = "history: no assessments for the entry; give at least one"
            raise RuleBookError(msg)
        judged = standing(ordered, rules).purposes.values()
        worst = max(judged, key=lambda p: p.verdict.severity, default=None)
        bad = worst is not None and worst.verdict is not Verdict.GOOD
        return cls(
            shop=shop,
            file=file,
            period=ordered[-1].period,
            score=ordered[-1].score,
            verdict=worst.verdict if worst is not None else Verdict.GOOD,
            purpose=worst.purpose if bad and worst is not None else None,
        )


def index_page(
    pages: Sequence[PageEntry], *, lang: Language = "en", title: str | None = None
) -> str:
    """An index of shops' pages: a whole HTML document, the shops most at risk first.

    A row per shop: its name, linking to its page; its latest period and
    score; its worst verdict and that verdict's standard. The rows run from
    the worst verdict (:attr:`Verdict.severity`) to the best, then by name.

    >>> import tmall_service as ts
    >>> from tmall_service._display.webpage import PageEntry, index_page
    >>> july = ts.AssessmentPeriod.month(2024, 7)
    >>> page = index_page([
    ...     PageEntry(shop="b", file="b.html", period=july, score="4.5",
    ...               verdict=ts.Verdict.GOOD),
    ...     PageEntry(shop="a", file="a&b.html", period=july, score="3.1",
    ...               verdict=ts.Verdict.CLEARANCE, purpose=ts.Purpose.MERCHANT_ASSESSMENT),
    ... ], lang="zh")
    >>> page.index('href="a%26b.html"') < page.index('href="b.html"')
    True
    >>> "<h1>各店铺基础服务考核分</h1>" in page, "✗ 达到清退条件" in page
    (True, True)
    """
    language = check_language(lang)
    if title is not None and not isinstance(title, str):
        msg = f"title: {shown(title)} is not a title; give it as text"
        raise InvalidOptionError(msg)
    entries = sorted(
        instances(pages, PageEntry, "pages"), key=lambda e: (-e.verdict.severity, e.shop)
    )
    heading = say("page.index", language) if title is None else title
    header = [word("shop", language), word("latest", language), word("score", language)]
    header += [say("page.worst", language), word("purpose", language)]
    rows = [
        (
            Html(f'<a href="{_href(entry.file)}">{_escaped(entry.shop)}</a>'),
            str(entry.period),
            score_text(entry.score),
            verdict(entry.verdict is Verdict.GOOD, entry.verdict.label(language)),
            None if entry.purpose is None else named(entry.purpose, language),
        )
        for entry in entries
    ]
    table = (
        f'<div class="tmall-service ts-wide">{html_table(header, rows)}</div>'
        if rows
        else _none(say("page.no_shops", language))
    )
    # A title of one's own is followed by what the pages are about.
    about = "" if title is None else f'<p class="ts-sub">{say("page.report", language)}</p>'
    body = f"<header><h1>{_escaped(heading)}</h1>{about}</header>{table}"
    return _document(heading, language, body)


def _href(file: str) -> str:
    """*file* as a relative link: every character that could end it or change it escaped."""
    return _escaped(quote(file, safe="/"))


def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


def _none(sentence: str) -> str:
    return f'<p class="ts-none">{_escaped(sentence)}</p>'


def _unstyled(display: str) -> str:
    """A notebook display without its style, which the page's head holds once."""
    return display.replace(_STYLE, "")


def _document(title: str, lang: Language, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_HTML_LANG[lang]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_escaped(title)}</title>\n{_STYLE}\n{_PAGE_STYLE}\n</head>\n"
        f'<body>\n<main class="ts-page">{body}</main>\n</body>\n</html>\n'
    )


_PROLOG: Final = re.compile(r"\A.*?(?=<svg[\s>])", re.DOTALL)
_ID: Final = re.compile(r'\bid="([^"]*)"')


def _chart(
    draw: Callable[[Figure], object], *, size: tuple[float, float], scope: str, label: str
) -> str:
    """A chart *draw* makes on a new figure, as an inline ``<svg>`` element.

    It is drawn in matplotlib's default style, whatever the caller's
    settings; its ids begin with *scope*, so two charts on a page never
    share one; *label* names it for a screen reader.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure

    with mpl.rc_context():
        mpl.rcdefaults()
        # Text stays text, drawn by the browser (Chinese too); ids are the same each time.
        mpl.rcParams["svg.fonttype"] = "none"
        mpl.rcParams["svg.hashsalt"] = "tmall-service"
        figure = Figure(figsize=size, layout="constrained")
        draw(figure)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata=_NO_METADATA, bbox_inches="tight")
    svg = _scoped(_PROLOG.sub("", out.getvalue(), count=1), scope)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_escaped(label)}" ', 1).strip()


def _scoped(svg: str, scope: str) -> str:
    """*svg* with each id, and each reference to one, prefixed by *scope*; no spaces in ids.

    >>> _scoped('<svg><clipPath id="p1"/><g id="no data" clip-path="url(#p1)"/></svg>', "trend")
    '<svg><clipPath id="trend-p1"/><g id="trend-no-data" clip-path="url(#trend-p1)"/></svg>'
    >>> _scoped("<svg/>", "radar")
    '<svg/>'
    """
    ids = {name: f"{scope}-{re.sub(r'[^A-Za-z0-9_.:-]', '-', name)}" for name in _ID.findall(svg)}
    if not ids:
        return svg
    names = "|".join(sorted(map(re.escape, ids), key=len, reverse=True))
    reference = re.compile(rf'(\bid="|url\(#|href="#)({names})(?=[")])')
    return reference.sub(lambda match: match.group(1) + ids[match.group(2)], svg)
