"""Charts of a shop: its five dimensions on a radar, its score over periods.

matplotlib is an optional extra (``pip install 'tmall_service[plot]'``). It is
imported here, lazily, so that ``import tmall_service`` stays light.

Chinese text — every label with ``lang="zh"``, and category names such as
服饰 in either language — needs a font with CJK glyphs, which matplotlib's
default font (DejaVu Sans) lacks. When a chart holds such text, the text is
given an installed font that has the glyphs as a fallback behind the default
font: Latin text keeps its look, and Chinese characters come from the CJK
font. Fonts matplotlib knows about are searched, the common CJK families
first; a font file can be added with
``matplotlib.font_manager.fontManager.addfont(path)``.

matplotlib lists the installed fonts once and keeps the list in a cache file
(``fontlist-*.json`` in its cache directory) that every later process reads,
so a font installed after that stays unknown to it. When no known font has the
characters, the fonts installed now are listed again, once a process, and
those missing from matplotlib's list are added to it for this process. If
none has them either, the chart is drawn all the same, with empty boxes for
the characters: when it is rendered, matplotlib warns of each missing glyph,
and a ``UserWarning`` (shown once) names the font to install.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from tmall_service._rules.assessment import Assessment, Status, chronological
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._rules.editions import Editions, edition_of
from tmall_service._rules.standing import PurposeStanding, standing
from tmall_service._values.catalogue import say
from tmall_service._values.declaring import MAX_SCORE, declared
from tmall_service._values.errors import InvalidScoreError, RuleBookError, shown
from tmall_service._values.language import Language, check_language
from tmall_service._values.periods import period_label
from tmall_service._values.schemes import AnyDimension, dimensions_of
from tmall_service._values.text import level_text, named, number, score_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.projections.polar import PolarAxes

__all__ = ["plot_radar", "plot_trend"]


_SCORE_COLOUR: Final = "#1f77b4"
_WEIGHT_COLOUR: Final = "#7f7f7f"
_NOT_ASSESSED_COLOUR: Final = "#b0b0b0"
_PURPOSE_STYLES: Final = {
    Purpose.MARKETING_ACCESS: ("#ff7f0e", (0, (6, 3))),
    Purpose.MERCHANT_ASSESSMENT: ("#d62728", (0, (6, 2, 1, 2))),
    Purpose.ANNUAL_FEE_REFUND: ("#2ca02c", (0, (2, 2))),
}
"""Each standard's colour and dash pattern: told apart without colour too."""

_CJK: Final = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
"""Characters DejaVu Sans lacks: CJK ideographs, radicals, punctuation, full width."""
_CJK_FAMILIES: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Sarasa Gothic SC",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)
"""CJK families tried before any other installed font, sans-serif and
simplified Chinese first."""


def _matplotlib() -> None:
    """Import matplotlib, or say which extra brings it."""
    try:
        import matplotlib as mpl  # noqa: F401 - the optional extra, only when plotting
    except ImportError as error:
        msg = (
            "plotting needs matplotlib, which is not installed; "
            "install it with: pip install 'tmall_service[plot]'"
        )
        raise ImportError(msg, name="matplotlib") from error


def _new_axes(*, polar: bool, figsize: tuple[float, float]) -> Axes:
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=figsize, layout="constrained")
    return figure.add_subplot(projection="polar" if polar else None)


def _described(ax: object) -> str:
    """*ax* for a message: an Axes by its projection, anything else by its repr."""
    from matplotlib.axes import Axes

    if isinstance(ax, Axes):
        return f"an Axes of projection {ax.name!r}"
    return shown(ax)


def _polar_axes(ax: object) -> PolarAxes:
    """*ax* when it is a polar Axes, else a new figure's."""
    from matplotlib.projections.polar import PolarAxes

    made = _new_axes(polar=True, figsize=(7, 7)) if ax is None else ax
    if not isinstance(made, PolarAxes):
        msg = (
            f"ax: {_described(ax)} is not a polar Axes; "
            "make one with fig.add_subplot(projection='polar')"
        )
        raise RuleBookError(msg)
    return made


def _cartesian_axes(ax: object) -> Axes:
    """*ax* when it is an Axes with x and y axes, else a new figure's."""
    from matplotlib.axes import Axes
    from matplotlib.projections.polar import PolarAxes

    if ax is None:
        return _new_axes(polar=False, figsize=(10, 4.8))
    if not isinstance(ax, Axes) or isinstance(ax, PolarAxes):
        msg = f"ax: {_described(ax)} is not a matplotlib Axes with x and y axes"
        raise RuleBookError(msg)
    return ax


def plot_radar(
    assessment: Assessment,
    *,
    rules: RuleBook | Editions,
    ax: Axes | None = None,
    lang: Language = "en",
) -> Axes:
    r"""A radar chart of one assessment's dimension scores, against the category's weights.

    Each spoke is a dimension, scored on a radial axis from 0 to 5 (the score
    polygon, filled when no dimension is missing). The category's weights
    (类目权重) are a second, dashed polygon, scaled so that a weight of 1 would
    reach the outer ring; each spoke's label gives the score and the weight.
    A dimension without data (``None``) breaks the score polygon, is marked at
    the centre and reads "no data" in its label. The title gives the
    category, the period and the score with its star level, or why the shop
    shows 99. Taobao's scheme is drawn with its own five areas.

    *rules* is a :class:`RuleBook`, or :class:`Editions` whose edition in
    force for the assessment's period applies. A category the edition does not
    weigh (not assessed) is drawn with its scores only, and its labels say
    "weight unknown". *ax* must be a polar Axes; without one, a new pyplot
    figure is made. ``lang="zh"`` labels the chart in Chinese. Needs the
    ``plot`` extra.

    >>> import matplotlib.figure
    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> result = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                       dispute=1, consultation=4),
    ...                    category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                    rules=rules)
    >>> ax = matplotlib.figure.Figure().add_subplot(projection="polar")
    >>> ax = ts.plot_radar(result, rules=rules, ax=ax)
    >>> ax.get_title()
    '服饰 · 2024-07\nscore 3.30 · 3 stars'
    >>> [label.get_text() for label in ax.get_xticklabels()][1]
    'logistics\n3.00 · weight 0.30'
    """
    language = check_language(lang)
    book = _radar_rules(assessment, rules)
    _matplotlib()
    polar = _polar_axes(ax)
    dimensions = dimensions_of(book.scheme)
    scores: list[Decimal | None] = [getattr(assessment.scores, d.value) for d in dimensions]
    profile = book.profile(assessment.category)
    weights: list[Decimal] | None = (
        None if profile is None else [getattr(profile, d.value) for d in dimensions]
    )
    angles = [i * 2 * math.pi / len(dimensions) for i in range(len(dimensions))]

    polar.set_theta_offset(math.pi / 2)
    polar.set_theta_direction(-1)
    polar.set_ylim(0, float(MAX_SCORE))
    polar.set_yticks([1, 2, 3, 4, 5])
    polar.set_rlabel_position(180 / len(dimensions))
    polar.tick_params(axis="y", labelsize="small", labelcolor="#555555")
    polar.grid(color="#cccccc", linewidth=0.8)
    _radar_lines(polar, angles, scores, weights, language)
    polar.set_xticks(
        angles,
        [
            _spoke(dimension, score, None if weights is None else weights[i], language)
            for i, (dimension, score) in enumerate(zip(dimensions, scores, strict=True))
        ],
    )
    polar.tick_params(axis="x", pad=14)
    for label, angle in zip(polar.get_xticklabels(), angles, strict=True):
        # Clockwise from the top: a spoke on the right is labelled to its
        # right, one on the left to its left, so no label crosses the ring.
        side = math.sin(angle)
        label.set_horizontalalignment(
            "left" if side > _SIDE else "right" if side < -_SIDE else "center"
        )
    polar.set_title(_radar_title(assessment, language), pad=18)
    polar.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=3, frameon=False, fontsize="small"
    )
    _fit_fonts(polar)
    return polar


_SIDE: Final = 0.1
"""How far from the vertical a spoke's label leaves the centre line."""


def _radar_rules(assessment: object, rules: RuleBook | Editions) -> RuleBook:
    """The edition that weighs *assessment*, refusing a mismatch of schemes."""
    if not isinstance(assessment, Assessment):
        msg = f"assessment: {shown(assessment)} is not an Assessment"
        raise RuleBookError(msg)
    book = edition_of(rules, assessment)
    if not isinstance(assessment.scores, book.scheme.scores):
        scheme = next(s for s in declared() if isinstance(assessment.scores, s.scores))
        msg = (
            f"assessment: scores of the {scheme.value} scheme, "
            f"but rules of the {book.scheme.value} scheme"
        )
        raise InvalidScoreError(msg)
    return book


def _radar_lines(
    polar: PolarAxes,
    angles: list[float],
    scores: list[Decimal | None],
    weights: list[Decimal] | None,
    lang: Language,
) -> None:
    """The weights' polygon, the scores' polygon, and a mark for each missing score."""
    ring = [*angles, angles[0]]
    if weights is not None:
        shares = [float(weight * MAX_SCORE) for weight in weights]
        polar.plot(
            ring,
            [*shares, shares[0]],
            color=_WEIGHT_COLOUR,
            linestyle="--",
            linewidth=1.2,
            marker="s",
            markersize=4,
            label=say("plot.weights", lang),
            gid="weights",
        )
    values = [math.nan if s is None else float(s) for s in scores]
    polar.plot(
        ring,
        [*values, values[0]],
        color=_SCORE_COLOUR,
        linewidth=2,
        marker="o",
        label=say("word.score", lang),
        gid="scores",
    )
    missing = [angle for angle, s in zip(angles, scores, strict=True) if s is None]
    if missing:
        polar.plot(
            missing,
            [0] * len(missing),
            linestyle="none",
            marker="X",
            markersize=9,
            color="#d62728",
            label=say("word.no_data", lang),
            gid="no data",
        )
    else:
        polar.fill(ring, [*values, values[0]], color=_SCORE_COLOUR, alpha=0.2)


def _spoke(
    dimension: AnyDimension,
    score: Decimal | None,
    weight: Decimal | None,
    lang: Language,
) -> str:
    """A spoke's label: the dimension, its score and its weight."""
    value = say("word.no_data", lang) if score is None else number(score)
    weighs = (
        say("plot.unknown", lang)
        if weight is None
        else f"{say('word.weight', lang)} {number(weight)}"
    )
    return f"{named(dimension, lang)}\n{value} · {weighs}"


def _radar_title(assessment: Assessment, lang: Language) -> str:
    head = f"{assessment.category} · {period_label(assessment.period)}"
    if assessment.status is not Status.SCORED:
        why = say("plot.not_assessed", lang, status=named(assessment.status, lang))
        return f"{head}\n{why}"
    summary = f"{say('word.score', lang)} {score_text(assessment.score)}"
    if assessment.stars is not None:
        summary += " · " + say("plot.stars", lang, stars=level_text(assessment.stars))
    return f"{head}\n{summary}"


def _purposes(
    purposes: object, ordered: Sequence[Assessment], books: Sequence[RuleBook]
) -> list[Purpose]:
    def sets(purpose: Purpose) -> bool:
        return any(
            book.threshold(purpose, a.category) is not None
            for a, book in zip(ordered, books, strict=True)
        )

    if purposes is None:
        return [purpose for purpose in Purpose if sets(purpose)]
    if isinstance(purposes, str | Purpose) or not isinstance(purposes, Iterable):
        msg = f"purposes: {shown(purposes)} is not a collection of Purpose"
        raise RuleBookError(msg)
    chosen = []
    for purpose in purposes:
        if not isinstance(purpose, Purpose):
            valid = ", ".join(f"Purpose.{p.name}" for p in Purpose)
            msg = f"purposes: {shown(purpose)} is not a Purpose; expected {valid}"
            raise RuleBookError(msg)
        if not sets(purpose):
            msg = f"purposes: {purpose.value} has no standard in these rules for these periods"
            raise RuleBookError(msg)
        if purpose not in chosen:
            chosen.append(purpose)
    return chosen


def plot_trend(
    history: Iterable[Assessment],
    *,
    rules: RuleBook | Editions,
    purposes: Iterable[Purpose] | None = None,
    ax: Axes | None = None,
    lang: Language = "en",
) -> Axes:
    """A shop's score over its periods, with the standards it is held to.

    *history* is one shop's assessments in any order; they are drawn by
    period, on a date axis, and the score axis runs from 0 to 5. Each
    purpose's standard (考核标准) is a line of its own; the edition in force
    for each period (*rules* is a :class:`RuleBook` or :class:`Editions`)
    and the shop's category decide its height, so it steps where an edition
    or the category changes it, and its legend says the shop's standing
    against it in that purpose's terms (:func:`standing`). *purposes* chooses the standards to draw
    (default: every one that the rules set for these periods). A period in
    which the shop was not assessed is never plotted as 99: it is shaded, and
    marked "99" at the top (显示99分, 默认通过). A missing period breaks the
    lines. *ax* must be an Axes with x and y axes; without one, a new pyplot
    figure is made. ``lang="zh"`` labels the chart in Chinese. Needs the
    ``plot`` extra.

    >>> import matplotlib.figure
    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> history = [
    ...     ts.assess(ts.DimensionScores(product=s, logistics=s, after_sales=s,
    ...                                  dispute=s, consultation=s),
    ...               category="服饰", period=ts.AssessmentPeriod.month(2024, m), rules=rules)
    ...     for m, s in [(1, "4.6"), (2, "4.1"), (3, 0), (4, "3.4")]
    ... ]
    >>> ax = ts.plot_trend(history, rules=rules, ax=matplotlib.figure.Figure().add_subplot())
    >>> ax.get_ylim() == (0, 5)
    True
    >>> for line in ax.get_lines():
    ...     print(line.get_label())
    score
    marketing access ≥ 4.00: not eligible for campaigns
    merchant assessment ≥ 3.50: at risk of clearance
    annual fee refund ≥ 4.20: refund forfeited
    """
    language = check_language(lang)
    ordered = chronological(history)
    if not ordered:
        msg = "history: no assessments to plot; give at least one"
        raise RuleBookError(msg)
    books = [edition_of(rules, a) for a in ordered]
    chosen = _purposes(purposes, ordered, books)
    _matplotlib()
    axes = _cartesian_axes(ax)
    spans = _Spans.of(ordered)

    scores = [float(a.score) if a.status is Status.SCORED else math.nan for a in ordered]
    axes.plot(
        *spans.points(spans.middles, scores),
        color=_SCORE_COLOUR,
        linewidth=2,
        marker="o",
        label=say("word.score", language),
        gid="score",
        zorder=3,
        clip_on=False,
    )
    standings = standing(ordered, rules).purposes
    for purpose in chosen:
        levels = [
            book.threshold(purpose, a.category) for a, book in zip(ordered, books, strict=True)
        ]
        _standard_line(axes, standings[purpose], levels, spans, language)
    by_default = all(set(chosen) <= book.passes_by_default for book in books)
    _not_assessed(axes, ordered, spans, language, by_default=by_default)

    axes.set_ylim(0, float(MAX_SCORE))
    axes.set_xlim(spans.starts[0], spans.ends[-1])
    axes.set_ylabel(say("word.score", language))
    axes.set_xlabel(say("word.assessment_period", language))
    labels = [period_label(a.period) for a in ordered]
    axes.set_xticks(spans.middles, labels)
    if len(labels) > _UPRIGHT_LABELS or any(len(label) > len("2024-07") for label in labels):
        axes.tick_params(axis="x", labelrotation=30)
        for label in axes.get_xticklabels():
            label.set_horizontalalignment("right")
    axes.grid(axis="y", color="#e0e0e0", linewidth=0.8)
    axes.set_axisbelow(True)
    categories = say("sep.list", language).join(dict.fromkeys(a.category for a in ordered))
    axes.set_title(f"{say('plot.trend', language)} · {categories}")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
    _fit_fonts(axes)
    return axes


_UPRIGHT_LABELS: Final = 6
"""Up to this many periods, their labels stand upright; more are slanted."""


@attrs.frozen
class _Spans:
    """Where each period of a history lies on the date axis."""

    starts: list[float]
    ends: list[float]
    middles: list[float]
    follows: list[bool]
    """Whether each period starts the day after the one before ends."""

    @classmethod
    def of(cls, ordered: Sequence[Assessment]) -> _Spans:
        from matplotlib.dates import date2num

        starts = [float(date2num(a.period.start)) for a in ordered]  # type: ignore[no-untyped-call]
        ends = [
            float(date2num(a.period.end + dt.timedelta(days=1)))  # type: ignore[no-untyped-call]
            for a in ordered
        ]
        follows = [True] + [
            (later.period.start - earlier.period.end).days == 1
            for earlier, later in itertools.pairwise(ordered)
        ]
        middles = [(start + end) / 2 for start, end in zip(starts, ends, strict=True)]
        return cls(starts, ends, middles, follows)

    def points(self, xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
        """*xs* and *ys*, broken (by a NaN) wherever a period is missing."""
        line_x: list[float] = []
        line_y: list[float] = []
        for x, y, joined in zip(xs, ys, self.follows, strict=True):
            if not joined:
                line_x.append(math.nan)
                line_y.append(math.nan)
            line_x.append(x)
            line_y.append(y)
        return line_x, line_y


def _standard_line(
    axes: Axes,
    judged: PurposeStanding,
    levels: list[Decimal | None],
    spans: _Spans,
    lang: Language,
) -> None:
    """A purpose's standard, period by period (a step where it changes), and the verdict."""
    purpose = judged.purpose
    xs: list[float] = []
    ys: list[float] = []
    for level, start, end, joined in zip(
        levels, spans.starts, spans.ends, spans.follows, strict=True
    ):
        if not joined or level is None:
            xs.append(math.nan)
            ys.append(math.nan)
        if level is not None:
            xs += [start, end]
            ys += [float(level), float(level)]
    known = [level for level in levels if level is not None]
    low, high = min(known), max(known)
    name = named(purpose, lang)
    label = (
        say("plot.at_least", lang, purpose=name, level=number(low))
        if low == high
        else say("plot.by_edition", lang, purpose=name, level=f"{number(low)}–{number(high)}")
    ) + f"{say('sep.colon', lang)}{judged.verdict.label(lang)}"
    colour, dashes = _PURPOSE_STYLES[purpose]
    axes.plot(xs, ys, color=colour, linestyle=dashes, linewidth=1.5, label=label, gid=purpose.value)


def _not_assessed(
    axes: Axes,
    ordered: Sequence[Assessment],
    spans: _Spans,
    lang: Language,
    *,
    by_default: bool,
) -> None:
    """Shade each period shown as 99, and mark it "99" at the top.

    The legend says it passes by default where the editions say so for every
    standard drawn (``passes_by_default``).
    """
    labelled = False
    for i, a in enumerate(ordered):
        if a.status is Status.SCORED:
            continue
        axes.axvspan(
            spans.starts[i],
            spans.ends[i],
            color=_NOT_ASSESSED_COLOUR,
            alpha=0.3,
            linewidth=0,
            label=None
            if labelled
            else say("plot.not_assessed_short" if by_default else "plot.not_assessed_only", lang),
            gid="not assessed",
        )
        labelled = True
        # "99" across, and why down the band: side by side, periods' reasons
        # written across would run into each other. Chinese is written down
        # upright, a character a line; English turned.
        why = named(a.status, lang)
        down = ("\n".join(why), 0) if lang == "zh" else (why, 90)
        for text, height, rotation in (("99", 0.98, 0), (down[0], 0.92, down[1])):
            axes.annotate(
                text,
                xy=(spans.middles[i], height),
                xycoords=axes.get_xaxis_transform(),
                ha="center",
                va="top",
                rotation=rotation,
                fontsize="x-small",
                color="#444444",
                bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none", "pad": 1},
            )


def _fit_fonts(axes: Axes) -> None:
    """Give the chart's texts a CJK fallback font where they hold CJK text.

    Without one, even among the fonts installed since matplotlib listed them,
    the chart warns when it is drawn.
    """
    from matplotlib import rcParams
    from matplotlib.text import Text

    texts = [t for t in axes.findobj(Text) if isinstance(t, Text) and _CJK.search(t.get_text())]
    if not texts:
        return
    needed = frozenset("".join(_CJK.findall("".join(t.get_text() for t in texts))))
    family = _cjk_family(needed)
    if family is None:
        _add_installed_fonts()
        family = _cjk_family(needed)
    if family is None:
        # Warned when drawn, not now: a chart that is never rendered shows no boxes.
        axes.figure.canvas.mpl_connect("draw_event", _warn_boxes)
        return
    for text in texts:
        text.set_fontfamily([*rcParams["font.family"], family])


@functools.cache
def _add_installed_fonts() -> None:
    """Add to matplotlib's font list the installed fonts it lacks, once a process.

    matplotlib reads its list from a cache file written when it first ran, so
    a font installed since is missing from it. The fonts are found as
    matplotlib finds them when it builds the list (``findSystemFonts``) and
    added with ``addfont``: fonts a program added itself are kept, and the
    cache file is left as it is.
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {str(entry.fname) for entry in manager.ttflist}
    for path in sorted(set(font_manager.findSystemFonts()) - known):
        try:
            manager.addfont(path)
        # matplotlib skips a font it cannot read, whatever the error, when it
        # builds its list; one broken file must not stop a chart either.
        except Exception:  # noqa: BLE001, S112 - a font file matplotlib cannot read is passed over
            continue


_NO_CJK_FONT: Final = (
    "no installed font has the Chinese characters of this chart, so they are drawn as "
    "empty boxes; install a font with them and start Python again: on Debian and Ubuntu "
    "the package fonts-noto-cjk (apt install fonts-noto-cjk), elsewhere Noto Sans CJK SC "
    "or Source Han Sans SC from their sites (macOS has PingFang SC and Windows Microsoft "
    "YaHei built in); or register a font file with "
    "matplotlib.font_manager.fontManager.addfont(path)"
)


def _warn_boxes(event: object) -> None:  # noqa: ARG001 - matplotlib passes its draw event
    """Warn that a chart's Chinese text is drawn as boxes, and which font to install."""
    # The warning is raised in matplotlib's drawing, far from the caller's code,
    # so it names this line; Python then shows it once, not once per chart.
    warnings.warn(_NO_CJK_FONT, UserWarning, stacklevel=1)


def _cjk_family(needed: frozenset[str]) -> str | None:
    """An installed font family with a glyph for every character of *needed*."""
    from matplotlib import font_manager

    entries = font_manager.fontManager.ttflist
    preferred = {name: rank for rank, name in enumerate(_CJK_FAMILIES)}
    ordered = sorted(entries, key=lambda e: preferred.get(e.name, len(preferred)))
    codes = {ord(c) for c in needed}
    for entry in ordered:
        # matplotlib's Last Resort font maps every character to a placeholder.
        if entry.name.startswith("Last Resort"):
            continue
        if codes <= _charmap(str(entry.fname)):
            return str(entry.name)
    return None


@functools.cache
def _charmap(path: str) -> frozenset[int]:
    """The characters the font file at *path* has glyphs for."""
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):  # unreadable: it is skipped
        return frozenset()
