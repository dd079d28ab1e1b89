"""A shop's page and the index of pages: self-contained HTML, in order, escaped, reproducible."""

import datetime as dt
import random
import re
import sys
from decimal import Decimal

import attrs
import pytest

matplotlib = pytest.importorskip("matplotlib")

from matplotlib import font_manager

import tmall_service as ts
from fonts import box_font
from tmall_service._display.webpage import PageEntry, index_page, shop_page
from tmall_service._values.text import _STYLE, display_language

RULES = ts.example_rulebook()
SECTIONS = ["standing", "trend", "radar", "explanation", "plans", "advice"]
HEADINGS = {
    "en": [
        "Standing",
        "Score over time",
        "Dimensions in the latest period",
        "How the score was made",
        "Cheapest plan to each failed standard",
        "Advice",
    ],
    "zh": ["考核状态", "得分趋势", "各项体验雷达图", "得分说明", "最省提升方案", "改进建议"],
}
SVG_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


@pytest.fixture(scope="module", autouse=True)
def cjk_font(tmp_path_factory):
    """The charts' Chinese text is measured without warnings, with or without a CJK font."""
    path = tmp_path_factory.mktemp("fonts") / "boxes.ttf"
    box_font(path, "Test CJK Boxes")
    font_manager.fontManager.addfont(str(path))


def uniform(score):
    return ts.DimensionScores(
        product=score, logistics=score, after_sales=score, dispute=score, consultation=score
    )


def month(m, scores, *, rules=RULES, year=2024):
    if not isinstance(scores, ts.DimensionScores):
        scores = uniform(scores)
    period = ts.AssessmentPeriod.month(year, m)
    book = rules.for_period(period) if isinstance(rules, ts.Editions) else rules
    return ts.assess(scores, category="服饰", period=period, rules=book)


def failing_history(rules=RULES):
    """A shop sliding below every standard: 3.28 in its latest month."""
    latest = ts.DimensionScores(
        product="4.1", logistics=3, after_sales="3.8", dispute=2, consultation=4
    )
    return [
        month(1, "4.6", rules=rules),
        month(2, "4.3", rules=rules),
        month(3, "3.7", rules=rules),
        month(4, latest, rules=rules),
    ]


def section(page, key):
    start = page.index(f'<section id="{key}">')
    return page[start : page.index("</section>", start)]


def svgs(page):
    return re.findall(r"<svg\b.*?</svg>", page, re.DOTALL)


# -- the shop's page -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sections_come_in_order_with_their_headings_in_the_language(lang):
    page = shop_page(failing_history(), rules=RULES, shop="锦衣坊", lang=lang)
    starts = [page.index(f'<section id="{key}"><h2>') for key in SECTIONS]
    assert starts == sorted(starts)
    assert page.index("<h1>锦衣坊</h1>") < starts[0]
    for key, heading in zip(SECTIONS, HEADINGS[lang], strict=True):
        assert section(page, key).startswith(f'<section id="{key}"><h2>{heading}</h2>')
    other = HEADINGS["zh" if lang == "en" else "en"]
    assert not any(f"<h2>{heading}</h2>" in page for heading in other)


@pytest.mark.parametrize(("lang", "tag"), [("en", "en"), ("zh", "zh-CN")])
def test_the_document_is_html5_in_utf8_and_names_its_language(lang, tag):
    page = shop_page(failing_history(), rules=RULES, shop="锦衣坊", lang=lang)
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{tag}">\n<head>\n<meta charset="utf-8">')
    assert page.endswith("</html>\n")
    assert page.count("<style>") == 2  # the displays' design and the page's layout, once each
    assert page.index(_STYLE) < page.index("</head>")
    assert "@media print{@page{size:A4" in page


def test_the_facts_are_those_of_the_latest_period():
    history = failing_history()
    page = shop_page(history[::-1], rules=RULES, shop="锦衣坊", lang="zh")
    head = page[page.index("<header>") : page.index("</header>")]
    assert "<th>最近考核期</th><td>2024-04-01..2024-04-30</td>" in head
    assert "<th>得分</th><td>3.28</td>" in head
    assert "<th>星级</th><td>3</td>" in head
    assert "<th>状态</th><td>已考核</td>" in head
    assert f'<th>版本</th><td class="ts-text">{RULES.name}</td>' in head


def test_the_page_has_two_inline_charts_each_labelled_for_screen_readers():
    page = shop_page(failing_history(), rules=RULES, shop="锦衣坊", lang="zh")
    trend, radar = svgs(page)
    assert trend in section(page, "trend")
    assert radar in section(page, "radar")
    for svg, label in [(trend, "得分趋势 · 锦衣坊"), (radar, "各项体验雷达图 · 锦衣坊")]:
        assert svg.startswith(f'<svg role="img" aria-label="{label}')
        assert "<path" in svg
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    # The text stays text, so the browser draws the Chinese with its own fonts.
    assert "营销准入 ≥ 4.00：暂不能参加营销活动" in trend
    assert "商品体验" in radar


def test_no_two_ids_on_the_page_are_the_same_and_every_reference_finds_its_id():
    page = shop_page(failing_history(), rules=RULES, shop="锦衣坊")
    ids = re.findall(r'\bid="([^"]*)"', page)
    assert len(ids) == len(set(ids))
    assert not [name for name in ids if " " in name]
    references = set(re.findall(r'(?:url\(#|href="#)([^")]+)', page))
    assert references
    assert references <= set(ids)


def test_the_page_needs_nothing_from_elsewhere():
    page = shop_page(failing_history(), rules=RULES, shop="锦衣坊", lang="zh")
    lowered = page.lower()
    for forbidden in ["<script", "<link", "<iframe", "<img", "@import", " src=", "javascript:"]:
        assert forbidden not in lowered
    addresses = set(re.findall(r"(?:https?:)?//[^\s\"'<>)]+", page))
    assert addresses == SVG_NAMESPACES
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {
        f"#{name}" for name in re.findall(r'\bid="([^"]*)"', page)
    }


def test_a_hostile_shop_name_shows_as_text():
    hostile = "<script>alert(1)</script>\"'&"
    page = shop_page(failing_history(), rules=RULES, shop=hostile, lang="zh")
    assert "<script" not in page
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;</h1>" in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp; · " in page
    assert 'aria-label="得分趋势 · &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;"' in page


def test_a_hostile_category_shows_as_text_in_the_tables_the_charts_and_the_account():
    hostile = "<img src=x onerror=alert(1)>"
    rules = attrs.evolve(RULES, profiles={**RULES.profiles, hostile: RULES.profile("服饰")})
    shop = ts.assess(
        uniform(3), category=hostile, period=ts.AssessmentPeriod.month(2024, 7), rules=rules
    )
    page = shop_page([shop], rules=rules, shop="x")
    assert "<img" not in page
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert f'<th>category</th><td class="ts-text">{escaped}</td>' in page
    trend, radar = svgs(page)
    assert escaped in trend
    assert escaped in radar
    assert escaped in section(page, "explanation")


def test_the_page_is_the_same_each_time_whatever_the_callers_matplotlib_settings():
    history = failing_history()
    page = shop_page(history, rules=RULES, shop="锦衣坊", lang="zh")
    assert shop_page(history, rules=RULES, shop="锦衣坊", lang="zh") == page
    shuffled = history[:]
    random.Random(4).shuffle(shuffled)
    with matplotlib.rc_context({"lines.linewidth": 7, "font.size": 20, "svg.fonttype": "path"}):
        assert shop_page(shuffled, rules=RULES, shop="锦衣坊", lang="zh") == page
    assert matplotlib.rcParams["svg.fonttype"] == "path"  # left as it was


def test_the_standing_is_the_standings_own_display_in_the_pages_language():
    history = failing_history()
    page = shop_page(history, rules=RULES, shop="锦衣坊", lang="zh")
    with ts.display_options(lang="zh"):
        standing = ts.standing(history, RULES)._repr_html_().replace(_STYLE, "")
    assert standing in section(page, "standing")
    assert "✗ 面临清退风险" in standing
    with ts.display_options(lang="en"):
        assert ts.standing(history, RULES)._repr_html_() not in page
    assert display_language() == "en"  # the page's language does not stay behind


def test_the_account_of_the_latest_score_is_explains_escaped():
    history = failing_history()
    page = shop_page(history, rules=RULES, shop="锦衣坊")
    account = ts.explain(history[-1], rules=RULES).replace("&", "&amp;").replace("'", "&#x27;")
    assert f'<pre class="ts-explain">{account}</pre>' in section(page, "explanation")


def test_each_failed_standard_has_its_cheapest_plan_and_only_those():
    # 3.90: below marketing access (4.00) and the fee refund (4.20), above the merchant
    # assessment's 3.50.
    latest = month(4, "3.9")
    page = shop_page([latest], rules=RULES, shop="锦衣坊", lang="zh")
    plans = section(page, "plans")
    assert re.findall(r"<h3>(.*?)</h3>", plans) == ["营销准入", "年费返还"]
    with ts.display_options(lang="zh"):
        for purpose in (ts.Purpose.MARKETING_ACCESS, ts.Purpose.ANNUAL_FEE_REFUND):
            shown = ts.gap(latest, purpose, rules=RULES)._repr_html_().replace(_STYLE, "")
            assert shown in plans
    assert "无需提升方案" not in plans


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Every standard is met; no plan is needed."),
        ("zh", "各项考核标准均已达到，无需提升方案。"),
    ],
)
def test_a_shop_that_meets_every_standard_needs_no_plan(lang, sentence):
    page = shop_page([month(6, "4.8")], rules=RULES, shop="锦衣坊", lang=lang)
    plans = section(page, "plans")
    assert f'<p class="ts-none">{sentence}</p>' in plans
    assert "<h3>" not in plans
    assert "<table" not in plans


def test_a_shop_not_assessed_in_its_latest_period_is_explained_and_needs_no_plan():
    history = [*failing_history()[:-1], month(4, ts.DimensionScores())]
    page = shop_page(history, rules=RULES, shop="锦衣坊", lang="zh")
    assert "<th>得分</th><td>99</td>" in page
    assert "<th>状态</th><td>无数据</td>" in page
    assert "星级" not in page[: page.index("</header>")]
    explanation = section(page, "explanation")
    assert "不参与考核，显示99分，默认通过。" in explanation
    assert "原因：考核期内无商品、物流、售后、纠纷、咨询数据" in explanation
    plans = section(page, "plans")
    assert "最近考核期不参与考核，默认通过各项考核标准，无需提升方案。" in plans
    assert "<table" not in plans
    trend, _ = svgs(page)
    # The period is marked as not assessed, never drawn at 99; Chinese is written down.
    assert all(f">{character}<" in trend for character in "无数据")


def test_a_shop_not_assessed_that_its_edition_does_not_pass_by_default_has_no_plan():
    strict = attrs.evolve(RULES, passes_by_default=frozenset({ts.Purpose.MARKETING_ACCESS}))
    page = shop_page([month(4, ts.DimensionScores(), rules=strict)], rules=strict, shop="锦衣坊")
    plans = section(page, "plans")
    assert re.findall(r"<h3>(.*?)</h3>", plans) == ["merchant assessment", "annual fee refund"]
    assert plans.count("no change of the scores meets it") == 2
    assert "<table" not in plans


def test_a_history_across_two_editions_is_judged_by_each_and_named_by_the_latest():
    older = attrs.evolve(
        RULES,
        name="2023 edition",
        effective_from=dt.date(2023, 1, 1),
        effective_to=dt.date(2023, 12, 31),
        thresholds={**RULES.thresholds, ts.Purpose.MARKETING_ACCESS: Decimal("3.0")},
    )
    newer = attrs.evolve(RULES, name="2024 edition", effective_from=dt.date(2024, 1, 1))
    editions = ts.Editions([older, newer])
    history = [
        month(11, "3.6", rules=editions, year=2023),
        month(12, "3.6", rules=editions, year=2023),
        month(1, "3.6", rules=editions),
    ]
    page = shop_page(history, rules=editions, shop="锦衣坊")
    assert "<th>edition</th><td>2024 edition</td>" in page
    assert "Standards of 2024 edition:" in section(page, "explanation")
    trend, _ = svgs(page)
    assert "marketing access ≥ 3.00–4.00 (by edition)" in trend
    # Only the 2024 period fails marketing access: the 2023 edition asked for 3.00.
    standing = section(page, "standing")
    assert "2024-01-01..2024-01-31" in standing
    assert "2023-12-01..2023-12-31" not in standing.split("merchant assessment")[0]
    assert re.findall(r"<h3>(.*?)</h3>", section(page, "plans")) == [
        "marketing access",
        "annual fee refund",
    ]


def test_advice_keeps_the_first_pieces_asked_for():
    history = failing_history()
    page = shop_page(history, rules=RULES, shop="锦衣坊", lang="zh", advice=2)
    advice = section(page, "advice")
    assert advice.count("<tr>") == 3  # the header and two pieces
    first = ts.advise(history[-1], rules=RULES, lang="zh")[0]
    assert first.title in advice
    everything = shop_page(history, rules=RULES, shop="锦衣坊", advice=None)
    assert section(everything, "advice").count("<tr>") == 1 + len(
        ts.advise(history[-1], rules=RULES)
    )


@pytest.mark.parametrize(
    ("lang", "sentence"), [("en", "This page gives no advice."), ("zh", "本页不列出改进建议。")]
)
def test_no_advice_asked_for_says_so(lang, sentence):
    page = shop_page(failing_history(), rules=RULES, shop="锦衣坊", lang=lang, advice=0)
    advice = section(page, "advice")
    assert f'<p class="ts-none">{sentence}</p>' in advice
    assert "<table" not in advice


def test_wrong_options_are_refused_by_name():
    history = failing_history()
    with pytest.raises(ts.InvalidOptionError, match=r"^lang: 'fr' is not a language"):
        shop_page(history, rules=RULES, shop="锦衣坊", lang="fr")
    with pytest.raises(ts.InvalidOptionError, match=r"^shop: 7 is not a shop's name"):
        shop_page(history, rules=RULES, shop=7)
    with pytest.raises(ts.InvalidOptionError, match=r"^limit: -1 is not a number"):
        shop_page(history, rules=RULES, shop="锦衣坊", advice=-1)
    with pytest.raises(ts.RuleBookError, match=r"^history: no assessments"):
        shop_page([], rules=RULES, shop="锦衣坊")
    with pytest.raises(ts.InvalidPeriodError, match="overlap"):
        shop_page([history[0], history[0]], rules=RULES, shop="锦衣坊")


def test_without_matplotlib_the_page_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"pip install 'tmall_service\[plot\]'"):
        shop_page(failing_history(), rules=RULES, shop="锦衣坊")


# -- the index -------------------------------------------------------------------

JULY = ts.AssessmentPeriod.month(2024, 7)


def entry(shop, verdict, purpose=None, file=None, score="4.5"):
    return PageEntry(
        shop=shop,
        file=f"{shop}.html" if file is None else file,
        period=JULY,
        score=score,
        verdict=verdict,
        purpose=purpose,
    )


def test_the_index_lists_the_worst_verdicts_first_then_by_name():
    entries = [
        entry("甲", ts.Verdict.GOOD),
        entry("b", ts.Verdict.FORFEITED, ts.Purpose.ANNUAL_FEE_REFUND),
        entry("c", ts.Verdict.CLEARANCE, ts.Purpose.MERCHANT_ASSESSMENT),
        entry("a", ts.Verdict.FORFEITED, ts.Purpose.ANNUAL_FEE_REFUND),
        entry("d", ts.Verdict.NOT_ELIGIBLE, ts.Purpose.MARKETING_ACCESS),
        entry("e", ts.Verdict.AT_RISK, ts.Purpose.MERCHANT_ASSESSMENT),
    ]
    page = index_page(entries)
    assert re.findall(r'<a href="[^"]*">(.*?)</a>', page) == ["c", "e", "d", "a", "b", "甲"]
    assert '<span class="ts-fail">✗ due for clearance</span>' in page
    assert '<span class="ts-pass">✓ meets the standard</span>' in page


def test_the_index_escapes_names_and_links():
    entries = [
        entry("<script>alert(1)</script>", ts.Verdict.GOOD, file='a"b<c>&d #1?.html'),
        entry("x", ts.Verdict.GOOD, file="javascript:alert(1)"),
        entry("锦衣坊", ts.Verdict.GOOD, file="shops/锦衣坊.html"),
    ]
    page = index_page(entries, title="<b>Shops</b>")
    assert "<script" not in page
    assert "<b>" not in page
    assert '<a href="a%22b%3Cc%3E%26d%20%231%3F.html">&lt;script&gt;' in page
    assert '<a href="javascript%3Aalert%281%29">x</a>' in page
    assert '<a href="shops/%E9%94%A6%E8%A1%A3%E5%9D%8A.html">锦衣坊</a>' in page
    assert "<h1>&lt;b&gt;Shops&lt;/b&gt;</h1>" in page
    assert "<title>&lt;b&gt;Shops&lt;/b&gt;</title>" in page


@pytest.mark.parametrize("file", ["", "/etc/passwd", "//example.com/x.html", "\\\\host\\x"])
def test_an_index_entry_links_only_to_a_relative_path(file):
    with pytest.raises(ts.InvalidOptionError, match=r"^file: .* is not a path relative"):
        entry("a", ts.Verdict.GOOD, file=file)


@pytest.mark.parametrize(
    ("lang", "tag", "words"),
    [
        ("en", "en", ["<h1>Shops&#x27; basic service scores</h1>", "<th>worst verdict</th>"]),
        (
            "zh",
            "zh-CN",
            ["<h1>各店铺基础服务考核分</h1>", "<th>最需关注的结论</th>", "<th>店铺</th>"],
        ),
    ],
)
def test_the_index_is_in_the_language_asked_for(lang, tag, words):
    page = index_page([entry("a", ts.Verdict.AT_RISK, ts.Purpose.MERCHANT_ASSESSMENT)], lang=lang)
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{tag}">')
    for word in words:
        assert word in page
    assert "<script" not in page
    assert not re.search(r"https?://", page)


def test_an_empty_index_says_so():
    assert '<p class="ts-none">没有店铺。</p>' in index_page([], lang="zh")


def test_an_index_of_things_that_are_not_entries_is_refused():
    with pytest.raises(ts.RuleBookError, match=r"^pages\[0\]: 'a' is not"):
        index_page(["a"])
    with pytest.raises(ts.InvalidOptionError, match=r"^lang: 'de'"):
        index_page([], lang="de")


def test_an_entry_from_a_history_has_the_latest_period_and_the_worst_verdict():
    history = failing_history()
    made = PageEntry.of(history, rules=RULES, shop="锦衣坊", file="锦衣坊.html")
    assert made.period == ts.AssessmentPeriod.month(2024, 4)
    assert made.score == Decimal("3.28")
    # Two failing months in a row: at risk of clearance is worse than the other verdicts.
    assert (made.verdict, made.purpose) == (
        ts.Verdict.AT_RISK,
        ts.Purpose.MERCHANT_ASSESSMENT,
    )
    good = PageEntry.of([month(6, "4.8")], rules=RULES, shop="b", file="b.html")
    assert (good.verdict, good.purpose) == (ts.Verdict.GOOD, None)


def test_rules_without_a_standard_for_the_category_say_so_and_plan_nothing():
    bare = attrs.evolve(RULES, thresholds={}, category_thresholds={})
    page = shop_page([month(4, "3.2", rules=bare)], rules=bare, shop="锦衣坊", lang="zh")
    plans = section(page, "plans")
    assert '<p class="ts-none">规则未对本店铺的类目设定考核标准。</p>' in plans
    assert "<table" not in plans


def test_an_entry_needs_a_history_and_an_index_a_title_of_text():
    with pytest.raises(ts.RuleBookError, match=r"^history: no assessments"):
        PageEntry.of([], rules=RULES, shop="a", file="a.html")
    with pytest.raises(ts.InvalidOptionError, match=r"^title: 3 is not a title"):
        index_page([], title=3)
