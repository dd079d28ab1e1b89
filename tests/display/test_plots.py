"""The radar and trend charts, rendered to PNG with the Agg backend."""

import datetime as dt
import math
import random
import subprocess
import sys
from decimal import Decimal

import attrs
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.text import Text

import tmall_service as ts
from fonts import box_font

RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
TEST_FONT = "Test CJK Boxes"


@pytest.fixture(scope="module", autouse=True)
def cjk_font(tmp_path_factory):
    """Chinese text renders without warnings: a CJK font is known to matplotlib.

    CI machines have no CJK font installed, so one is built here; where a
    real one is installed the charts pick that, and these tests hold as well.
    """
    path = tmp_path_factory.mktemp("fonts") / "boxes.ttf"
    box_font(path, TEST_FONT)
    font_manager.fontManager.addfont(str(path))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _render(ax, path):
    ax.figure.savefig(path, dpi=60)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5000


def _line(ax, gid):
    (line,) = [line for line in ax.get_lines() if line.get_gid() == gid]
    return line


def _month(month, score, *, category="服饰", rules=RULES, year=2024):
    scores = (
        ts.DimensionScores()
        if score is None
        else ts.DimensionScores(
            product=score, logistics=score, after_sales=score, dispute=score, consultation=score
        )
    )
    return ts.assess(
        scores, category=category, period=ts.AssessmentPeriod.month(year, month), rules=rules
    )


# -- radar ---------------------------------------------------------------------


def test_the_score_polygon_has_the_scores_and_the_weights_polygon_the_weights(tmp_path):
    result = ts.assess(SEED, category="服饰", period=JULY, rules=RULES)
    ax = ts.plot_radar(result, rules=RULES)
    scores = _line(ax, "scores")
    assert list(scores.get_ydata()) == [5, 3, 4, 1, 4, 5]  # closed: back to the first
    angles = list(scores.get_xdata())
    assert angles[0] == angles[-1] == 0
    assert angles[1:5] == pytest.approx([2 * math.pi * i / 5 for i in range(1, 5)])
    weights = _line(ax, "weights")
    assert list(weights.get_ydata()) == pytest.approx([1, 1.5, 1, 1, 0.5, 1])  # weight × 5
    assert ax.get_ylim() == (0, 5)
    assert len(ax.patches) == 1  # the filled score polygon
    _render(ax, tmp_path / "radar.png")


def test_the_spoke_labels_hold_each_score_and_weight():
    result = ts.assess(SEED, category="服饰", period=JULY, rules=RULES)
    ax = ts.plot_radar(result, rules=RULES)
    labels = [label.get_text() for label in ax.get_xticklabels()]
    assert labels == [
        "product\n5.00 · weight 0.20",
        "logistics\n3.00 · weight 0.30",
        "after-sales\n4.00 · weight 0.20",
        "dispute\n1.00 · weight 0.20",
        "consultation\n4.00 · weight 0.10",
    ]
    assert ax.get_title() == "服饰 · 2024-07\nscore 3.30 · 3 stars"
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["weight (outer ring = 1)", "score"]


def test_a_dimension_without_data_breaks_the_polygon_and_says_so(tmp_path):
    scores = attrs.evolve(SEED, logistics=None)
    result = ts.assess(scores, category="服饰", period=JULY, rules=RULES)
    ax = ts.plot_radar(result, rules=RULES)
    values = list(_line(ax, "scores").get_ydata())
    assert math.isnan(values[1])
    assert [values[0], *values[2:]] == [5, 4, 1, 4, 5]
    marker = _line(ax, "no data")
    assert list(marker.get_ydata()) == [0]
    assert list(marker.get_xdata()) == pytest.approx([2 * math.pi / 5])
    assert ax.get_xticklabels()[1].get_text() == "logistics\nno data · weight 0.30"
    assert not ax.patches  # no fill over a gap
    _render(ax, tmp_path / "missing.png")


def test_a_category_without_weights_is_drawn_with_its_scores_only(tmp_path):
    result = ts.assess(SEED, category="图书", period=JULY, rules=RULES)
    ax = ts.plot_radar(result, rules=RULES)
    assert [line.get_gid() for line in ax.get_lines()] == ["scores"]
    assert all("weight unknown" in label.get_text() for label in ax.get_xticklabels())
    assert ax.get_title() == (
        "图书 · 2024-07\nnot assessed (category excluded): shows 99, passes by default"
    )
    _render(ax, tmp_path / "excluded.png")


def test_a_shop_not_assessed_says_why_in_chinese_in_explains_terms():
    new = ts.assess(SEED, category="服饰", period=JULY, rules=RULES, opened=dt.date(2024, 7, 1))
    excluded = ts.assess(SEED, category="图书", period=JULY, rules=RULES)
    titles = [ts.plot_radar(a, rules=RULES, lang="zh").get_title() for a in (new, excluded)]
    assert titles == [
        "服饰 · 2024-07\n不参与考核（新店宽限期）：显示99分，默认通过",
        "图书 · 2024-07\n不参与考核（主营类目不在考核范围）：显示99分，默认通过",
    ]
    opened = dt.date(2024, 2, 1)
    history = [
        ts.assess(SEED, category="服饰", period=ts.AssessmentPeriod.month(2024, m), rules=RULES,
                  opened=opened)
        for m in (2, 6)
    ]  # fmt: skip
    trend = ts.plot_trend(history, rules=RULES, lang="zh")
    assert [text.get_text() for text in trend.texts] == ["99", "\n".join("新店宽限期")]


def test_chinese_labels_use_the_dimensions_chinese_names():
    result = ts.assess(SEED, category="服饰", period=JULY, rules=RULES)
    english = ts.plot_radar(result, rules=RULES, lang="en")
    chinese = ts.plot_radar(result, rules=RULES, lang="zh")
    labels = [label.get_text() for label in chinese.get_xticklabels()]
    assert [label.split("\n")[0] for label in labels] == [d.label_zh for d in ts.Dimension]
    assert labels[1] == "物流体验\n3.00 · 权重 0.30"
    assert chinese.get_title() == "服饰 · 2024-07\n得分 3.30 · 3星"
    assert labels != [label.get_text() for label in english.get_xticklabels()]


def test_taobao_scores_are_drawn_with_taobaos_areas(tmp_path):
    rules = ts.example_rulebook(ts.Scheme.TAOBAO)
    scores = ts.TaobaoScores(
        description="4.8",
        logistics="4.6",
        customer_service="4.7",
        transaction_security=5,
        after_sales="4.5",
    )
    result = ts.assess(scores, category="女装", period=JULY, rules=rules)
    ax = ts.plot_radar(result, rules=rules, lang="zh")
    labels = [label.get_text().split("\n")[0] for label in ax.get_xticklabels()]
    assert labels == [d.label_zh for d in ts.TaobaoDimension]
    assert list(_line(ax, "scores").get_ydata()) == [4.8, 4.6, 4.7, 5, 4.5, 4.8]
    _render(ax, tmp_path / "taobao.png")


def test_the_radar_takes_the_weights_of_the_edition_in_force():
    lighter = ts.WeightProfile(
        product="0.6", logistics="0.1", after_sales="0.1", dispute="0.1", consultation="0.1"
    )
    editions = ts.Editions(
        [
            attrs.evolve(
                RULES,
                name="2023",
                effective_from=dt.date(2023, 1, 1),
                effective_to=dt.date(2023, 12, 31),
            ),
            attrs.evolve(RULES, name="2024", profiles={**RULES.profiles, "服饰": lighter}),
        ]
    )
    result = ts.assess(SEED, category="服饰", period=JULY, rules=editions.for_period(JULY))
    ax = ts.plot_radar(result, rules=editions)
    assert list(_line(ax, "weights").get_ydata()) == pytest.approx([3, 0.5, 0.5, 0.5, 0.5, 3])


def test_the_radar_draws_on_the_polar_axes_given():
    result = ts.assess(SEED, category="服饰", period=JULY, rules=RULES)
    ax = Figure().add_subplot(projection="polar")
    assert ts.plot_radar(result, rules=RULES, ax=ax) is ax


def test_the_radar_refuses_axes_that_are_not_polar():
    result = ts.assess(SEED, category="服饰", period=JULY, rules=RULES)
    with pytest.raises(
        ts.RuleBookError, match=r"ax: an Axes of projection 'rectilinear' is not a polar Axes"
    ):
        ts.plot_radar(result, rules=RULES, ax=Figure().add_subplot())


def _taobao_assessing(category):
    """The Taobao example edition, assessing *category* too: only the scheme differs."""
    taobao = ts.example_rulebook(ts.Scheme.TAOBAO)
    return attrs.evolve(taobao, profiles={**taobao.profiles, category: taobao.profiles["女装"]})


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: ts.plot_radar(SEED, rules=RULES), ts.RuleBookError, "assessment: .* not an"),
        (
            lambda: ts.plot_radar(_month(7, 4), rules={"服饰": None}),
            ts.RuleBookError,
            "rules: .* is not a RuleBook or Editions",
        ),
        (
            lambda: ts.plot_radar(_month(7, 4), rules=RULES, lang="fr"),
            ts.InvalidOptionError,
            "lang: 'fr' is not a language of the library; write 'en' or 'zh'",
        ),
        (
            lambda: ts.plot_radar(_month(7, 4), rules=_taobao_assessing("服饰")),
            ts.InvalidScoreError,
            "assessment: scores of the tmall scheme, but rules of the taobao scheme",
        ),
    ],
    ids=["not an assessment", "not rules", "bad lang", "other scheme"],
)
def test_the_radar_refuses_bad_input(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


# -- trend ---------------------------------------------------------------------


def test_the_trend_plots_the_scores_and_never_99(tmp_path):
    history = [_month(1, "4.6"), _month(2, "4.1"), _month(3, None), _month(4, "3.4")]
    ax = ts.plot_trend(history, rules=RULES)
    ys = list(_line(ax, "score").get_ydata())
    assert ys[:2] == [4.6, 4.1]
    assert math.isnan(ys[2])
    assert ys[3] == 3.4
    assert all(y <= 5 for y in ys if not math.isnan(y))
    assert ax.get_ylim() == (0, 5)
    spans = [patch for patch in ax.patches if patch.get_gid() == "not assessed"]
    assert len(spans) == 1
    assert [text.get_text() for text in ax.texts] == ["99", "no data"]
    assert [label.get_text() for label in ax.get_xticklabels()] == [
        "2024-01",
        "2024-02",
        "2024-03",
        "2024-04",
    ]
    _render(ax, tmp_path / "trend.png")


def test_the_thresholds_are_drawn_at_their_values():
    history = [_month(m, "4.0") for m in (1, 2, 3)]
    ax = ts.plot_trend(history, rules=RULES)
    for purpose in ts.Purpose:
        line = _line(ax, purpose.value)
        assert set(line.get_ydata()) == {float(RULES.threshold(purpose, "服饰"))}
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == [
        "score",
        "marketing access ≥ 4.00: meets the standard",
        "merchant assessment ≥ 3.50: meets the standard",
        "annual fee refund ≥ 4.20: refund forfeited",
    ]


def test_the_legend_says_each_purposes_own_consequence():
    history = [_month(m, "3.4") for m in (1, 2, 3)]
    legend = [t.get_text() for t in ts.plot_trend(history, rules=RULES).get_legend().get_texts()]
    verdicts = ts.standing(history, RULES)
    assert verdicts[ts.Purpose.MERCHANT_ASSESSMENT].verdict is ts.Verdict.CLEARANCE
    assert legend[1:] == [
        "marketing access ≥ 4.00: not eligible for campaigns",
        "merchant assessment ≥ 3.50: due for clearance",
        "annual fee refund ≥ 4.20: refund forfeited",
    ]


def test_each_period_is_judged_by_the_edition_in_force(tmp_path):
    stricter = {
        ts.Purpose.MARKETING_ACCESS: "4.2",
        ts.Purpose.MERCHANT_ASSESSMENT: "3.8",
        ts.Purpose.ANNUAL_FEE_REFUND: "4.5",
    }
    old = attrs.evolve(
        RULES, name="2023", effective_from=dt.date(2023, 1, 1), effective_to=dt.date(2023, 12, 31)
    )
    new = attrs.evolve(RULES, name="2024", thresholds=stricter)
    editions = ts.Editions([old, new])
    history = [_month(m, "4.0", rules=old, year=2023) for m in (11, 12)]
    history += [_month(m, "4.0", rules=new) for m in (1, 2)]
    ax = ts.plot_trend(history, rules=editions, purposes=[ts.Purpose.MERCHANT_ASSESSMENT])
    line = _line(ax, "merchant_assessment")
    assert list(line.get_ydata()) == [3.5] * 4 + [3.8] * 4  # a step at the new edition
    xs = line.get_xdata()
    assert xs[3] == xs[4]  # the step is upright, where the year turns
    assert "(by edition)" in line.get_label()
    assert [line.get_gid() for line in ax.get_lines()] == ["score", "merchant_assessment"]
    _render(ax, tmp_path / "editions.png")


def test_a_category_with_its_own_standard_gets_it():
    history = [_month(5, "4.0", category="服饰"), _month(6, "4.0", category="食品")]
    ax = ts.plot_trend(history, rules=RULES, purposes=[ts.Purpose.MARKETING_ACCESS])
    assert list(_line(ax, "marketing_access").get_ydata()) == [4.0, 4.0, 4.2, 4.2]
    assert ax.get_title() == "Score over time · 服饰, 食品"


def test_the_order_of_the_history_does_not_matter():
    history = [_month(m, s) for m, s in [(1, "4.6"), (2, None), (3, "3.9"), (4, "3.2")]]
    shuffled = history[:]
    random.Random(5).shuffle(shuffled)
    ordered = ts.plot_trend(history, rules=RULES)
    mixed = ts.plot_trend(shuffled, rules=RULES)
    for gid in ("score", "marketing_access"):
        assert _line(ordered, gid).get_xydata().flatten().tolist() == pytest.approx(
            _line(mixed, gid).get_xydata().flatten().tolist(), nan_ok=True
        )


def test_a_missing_period_breaks_the_lines():
    history = [_month(1, "4.6"), _month(2, "4.1"), _month(4, "3.4")]
    ax = ts.plot_trend(history, rules=RULES)
    ys = list(_line(ax, "score").get_ydata())
    assert ys[:2] == [4.6, 4.1]
    assert math.isnan(ys[2])
    assert ys[3] == 3.4
    assert sum(math.isnan(y) for y in _line(ax, "marketing_access").get_ydata()) == 1


def test_chinese_labels_name_the_purposes_in_chinese(tmp_path):
    history = [_month(m, "3.6") for m in (1, 2, 3)] + [_month(4, None)]
    ax = ts.plot_trend(history, rules=RULES, lang="zh")
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == [
        "得分",
        "营销准入 ≥ 4.00：达标",
        "商家考核 ≥ 3.50：达标",
        "年费返还 ≥ 4.20：年费不予返还",
        "不参与考核：显示99分，默认通过",
    ]
    assert ax.get_ylabel() == "得分"
    assert [text.get_text() for text in ax.texts] == ["99", "无\n数\n据"]
    _render(ax, tmp_path / "trend_zh.png")


def test_something_that_is_no_axes_is_named_by_its_repr():
    with pytest.raises(ts.RuleBookError, match="ax: 'axes' is not a matplotlib Axes"):
        ts.plot_trend([_month(1, "4")], rules=RULES, ax="axes")
    with pytest.raises(ts.RuleBookError, match="ax: 'axes' is not a polar Axes"):
        ts.plot_radar(_month(1, "4"), rules=RULES, ax="axes")


def test_the_trend_draws_on_the_axes_given():
    ax = Figure().add_subplot()
    assert ts.plot_trend([_month(1, "4")], rules=RULES, ax=ax) is ax


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: ts.plot_trend([], rules=RULES), ts.RuleBookError, "history: no assessments"),
        (lambda: ts.plot_trend([SEED], rules=RULES), ts.RuleBookError, "assessments: "),
        (
            lambda: ts.plot_trend([_month(1, "4"), _month(1, "3")], rules=RULES),
            ts.InvalidPeriodError,
            "overlap",
        ),
        (lambda: ts.plot_trend([_month(1, "4")], rules=None), ts.RuleBookError, "rules: None"),
        (
            lambda: ts.plot_trend([_month(1, "4")], rules=RULES, lang="EN"),
            ts.InvalidOptionError,
            "lang: 'EN'",
        ),
        (
            lambda: ts.plot_trend([_month(1, "4")], rules=RULES, purposes="marketing_access"),
            ts.RuleBookError,
            "purposes: 'marketing_access' is not a collection of Purpose",
        ),
        (
            lambda: ts.plot_trend([_month(1, "4")], rules=RULES, purposes=["marketing_access"]),
            ts.RuleBookError,
            "purposes: 'marketing_access' is not a Purpose",
        ),
        (
            lambda: ts.plot_trend(
                [_month(1, "4")], rules=ts.RuleBook(profiles=RULES.profiles), purposes=ts.Purpose
            ),
            ts.RuleBookError,
            "purposes: marketing_access has no standard",
        ),
        (
            lambda: ts.plot_trend(
                [_month(1, "4")], rules=RULES, ax=Figure().add_subplot(projection="polar")
            ),
            ts.RuleBookError,
            "ax: an Axes of projection 'polar' is not a matplotlib Axes with x and y axes",
        ),
        (
            lambda: ts.plot_trend(
                [_month(1, "4")],
                rules=ts.Editions(
                    [attrs.evolve(RULES, effective_from=dt.date(2025, 1, 1), effective_to=None)]
                ),
            ),
            ts.RuleBookError,
            "no edition is in force on 2024-01-01",
        ),
    ],
    ids=[
        "empty",
        "not assessments",
        "overlapping",
        "no rules",
        "bad lang",
        "purposes as a string",
        "purpose as a string",
        "purpose without standard",
        "polar axes",
        "no edition",
    ],
)
def test_the_trend_refuses_bad_input(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_a_history_without_standards_draws_the_score_alone():
    rules = ts.RuleBook(profiles=RULES.profiles)
    ax = ts.plot_trend([_month(1, "4", rules=rules)], rules=rules)
    assert [line.get_gid() for line in ax.get_lines()] == ["score"]


def test_quarters_are_labelled_by_their_dates():
    rules = attrs.evolve(RULES, period_kind=ts.PeriodKind.QUARTER)
    quarter = ts.AssessmentPeriod.quarter(2024, 3)
    result = ts.assess(SEED, category="服饰", period=quarter, rules=rules)
    ax = ts.plot_trend([result], rules=rules)
    assert [label.get_text() for label in ax.get_xticklabels()] == ["2024-07-01..2024-09-30"]
    assert ax.get_xticklabels()[0].get_rotation() == 30


# -- fonts, the extra, the import ----------------------------------------------


def _families(ax):
    return {
        text.get_text(): tuple(text.get_fontfamily())
        for text in ax.findobj(Text)
        if text.get_text()
    }


def test_chinese_text_gets_a_cjk_font_behind_the_default(tmp_path):
    result = ts.assess(SEED, category="服饰", period=JULY, rules=RULES)
    ax = ts.plot_radar(result, rules=RULES, lang="zh")
    _render(ax, tmp_path / "zh.png")  # no warning of a missing glyph
    families = _families(ax)
    fallback = families[ax.get_title()]
    assert fallback[:-1] == tuple(matplotlib.rcParams["font.family"])
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    assert fallback[-1] in names
    assert not fallback[-1].startswith("Last Resort")
    assert families["5"] == tuple(matplotlib.rcParams["font.family"])  # a number keeps its font


def test_latin_text_keeps_the_default_font(monkeypatch):
    def refuse(needed):
        raise AssertionError(needed)

    monkeypatch.setattr("tmall_service._display.plots._cjk_family", refuse)  # not even looked for
    rules = ts.RuleBook(profiles={"apparel": RULES.profile("服饰")}, thresholds=RULES.thresholds)
    result = ts.assess(SEED, category="apparel", period=JULY, rules=rules)
    ax = ts.plot_radar(result, rules=rules)
    assert set(_families(ax).values()) == {tuple(matplotlib.rcParams["font.family"])}


def test_without_matplotlib_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = ts.assess(SEED, category="服饰", period=JULY, rules=RULES)
    with pytest.raises(ImportError, match=r"pip install 'tmall_service\[plot\]'"):
        ts.plot_radar(result, rules=RULES)
    with pytest.raises(ImportError, match=r"tmall_service\[plot\]"):
        ts.plot_trend([result], rules=RULES)


def test_importing_the_library_loads_no_matplotlib():
    code = "import sys, tmall_service; print(sorted(m for m in sys.modules if 'matplotlib' in m))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_scores_are_drawn_from_their_exact_values():
    scores = ts.DimensionScores(
        product="4.87", logistics="4.91", after_sales="4.79", dispute="5", consultation="4.83"
    )
    result = ts.assess(scores, category="服饰", period=JULY, rules=RULES)
    ax = ts.plot_radar(result, rules=RULES)
    assert ax.get_xticklabels()[0].get_text() == "product\n4.87 · weight 0.20"
    assert Decimal(str(_line(ax, "scores").get_ydata()[0])) == Decimal("4.87")


def test_the_legend_says_passes_by_default_only_where_the_edition_says_so():
    strict = attrs.evolve(RULES, passes_by_default={ts.Purpose.MARKETING_ACCESS})
    history = [_month(1, "4.5", rules=strict), _month(2, None, rules=strict)]
    everything = ts.plot_trend(history, rules=strict)
    legend = [t.get_text() for t in everything.get_legend().get_texts()]
    assert legend[-1] == "not assessed: shows 99"
    assert legend[2] == "merchant assessment ≥ 3.50: at risk of clearance"
    only = ts.plot_trend(history, rules=strict, purposes=[ts.Purpose.MARKETING_ACCESS])
    legend = [t.get_text() for t in only.get_legend().get_texts()]
    assert legend[-1] == "not assessed: shows 99, passes by default"
