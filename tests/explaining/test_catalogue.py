"""The one message catalogue, and the one description of an edition behind every display of it.

Every text a reader sees (a status, a reason, a purpose, a verdict, the words
of each display) is declared once, in each language, in the catalogue; so
the same status, purpose or verdict reads alike wherever it is shown. And a
rule book's repr, its notebook display and ``rules show`` state the same
facts, from one description.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from pathlib import Path
from typing import get_args

import attrs
import pytest

import tmall_service as ts
from tmall_service._cli.main import main
from tmall_service._explain.report import report
from tmall_service._rules.described import as_repr, as_text, described, summary
from tmall_service._values.catalogue import CATALOGUE, fields, plural, say
from tmall_service._values.language import Language
from tmall_service._values.text import count, named
from views import facts, table, title

SOURCE = Path(ts.__file__).parent
LANGUAGES = get_args(Language)
RULES = ts.example_rulebook()

# -- the catalogue ---------------------------------------------------------------

UNSAID: dict[tuple[str, str], frozenset[str]] = {
    # English says "every dimension"; Chinese lists the scheme's dimensions.
    ("reason.no_data", "en"): frozenset({"dimensions"}),
}
"""The fields a language leaves out of a text on purpose."""


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_text_is_in_every_language(key):
    texts = CATALOGUE[key]
    assert sorted(texts) == sorted(LANGUAGES)
    assert all(isinstance(text, str) and text for text in texts.values())


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_language_fills_the_same_fields(key):
    every = frozenset().union(*(fields(text) for text in CATALOGUE[key].values()))
    for lang, text in CATALOGUE[key].items():
        assert fields(text) | UNSAID.get((key, lang), frozenset()) == every, (key, lang)


def test_the_fields_left_out_are_still_fields_of_the_text():
    for (key, lang), left_out in UNSAID.items():
        others = [fields(text) for other, text in CATALOGUE[key].items() if other != lang]
        assert all(left_out <= found for found in others)
        assert not left_out & fields(CATALOGUE[key][lang])


def test_keys_are_namespaced_and_plurals_come_in_pairs():
    for key in CATALOGUE:
        assert re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", key), key
        if key.endswith(".one"):
            assert plural(key.removesuffix(".one"), 2) in CATALOGUE, key
        if key.endswith(".other"):
            assert plural(key.removesuffix(".other"), 1) in CATALOGUE, key


def test_a_text_is_read_with_its_fields_filled():
    assert say("explain.item", "zh", name="物流体验", value="0.60") == "物流体验（0.60）"
    assert say(plural("cli.summary.shops", 1), "en", n=1) == "1 shop: "
    assert say(plural("cli.summary.shops", 3), "en", n=3) == "3 shops: "


def test_a_missing_key_or_language_or_field_fails_loudly():
    with pytest.raises(KeyError, match=r"status\.unheard_of"):
        say("status.unheard_of", "en")
    with pytest.raises(KeyError, match=r"status\.no_data"):
        say("status.no_data", "fr")  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="category"):
        say("explain.formula", "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_statuses_purposes_and_verdicts_are_named_from_the_catalogue(lang):
    for member in [*ts.Status, *ts.Purpose]:
        key = f"{type(member).__name__.lower()}.{member.value}"
        assert named(member, lang) == say(key, lang)
        assert member.label_zh == say(key, "zh")
    for verdict in ts.Verdict:
        assert verdict.label(lang) == say(f"verdict.{verdict.value}", lang)
        assert verdict.label_zh == say(f"verdict.{verdict.value}", "zh")


def test_dimensions_are_named_by_their_declarations_not_the_catalogue():
    assert not [key for key in CATALOGUE if key.startswith("dimension")]
    for dimension in [*ts.Dimension, *ts.TaobaoDimension]:
        assert named(dimension, "zh") == dimension.label_zh


# -- no table of Chinese words outside the catalogue -----------------------------

_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def _chinese(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and _CJK.search(n.value)
        for n in ast.walk(node)
    )


def word_tables(source: str) -> list[int]:
    """The lines of the tables of Chinese display words in *source*.

    A dict with a ``"zh"`` key whose value holds Chinese text; or a dict
    that gives a Chinese word for each member of an enum (``{Status.X: "…"}``).
    Data keyed by names (regions, categories) is neither.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Dict):
            continue
        by_language = any(
            isinstance(key, ast.Constant) and key.value == "zh" and _chinese(value)
            for key, value in zip(node.keys, node.values, strict=True)
        )
        by_member = len(node.keys) > 1 and all(
            isinstance(key, ast.Attribute)
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
            and _CJK.search(value.value)
            for key, value in zip(node.keys, node.values, strict=True)
        )
        if by_language or by_member:
            found.append(node.lineno)
    return sorted(set(found))


def test_the_scan_finds_the_tables_it_looks_for_and_leaves_data_alone():
    tables = """
_WORDS = {"advice": {"en": "Advice", "zh": "建议"}}
_HEADERS = {"en": ("shop", "score"), "zh": ("店铺", "得分")}
_LABELS = {Status.SCORED: "已考核", Status.NO_DATA: "无数据"}
"""
    assert word_tables(tables) == [2, 3, 4]
    data = """
_HTML_LANG = {"en": "en", "zh": "zh-CN"}
REGIONS = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区"}
profiles = {"服饰": WeightProfile(product=1)}
"""
    assert word_tables(data) == []


def test_no_module_but_the_catalogue_has_a_table_of_chinese_words():
    found = {
        str(path.relative_to(SOURCE)): lines
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "catalogue.py" and (lines := word_tables(path.read_text(encoding="utf-8")))
    }
    assert found == {}


# -- the same words in every display ---------------------------------------------

WEAK = ts.DimensionScores(product=3, logistics=3, after_sales=3, dispute=3, consultation=3)


def history():
    """Two failing months, then one without data: the refund forfeited, the shop shown 99."""
    months = [(5, WEAK), (6, WEAK), (7, ts.DimensionScores())]
    return [
        ts.assess(scores, category="服饰", period=ts.AssessmentPeriod.month(2024, m), rules=RULES)
        for m, scores in months
    ]


def html_text(display: str) -> str:
    """A display's text, its tags and entities gone."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", display)))


def standing_table(folder: Path, lang: str) -> str:
    path = folder / "history.csv"
    rows = ["shop,period,category,product,logistics,after_sales,dispute,consultation"]
    rows += [f"锦衣坊,2024-0{m},服饰,3,3,3,3,3" for m in (5, 6)]
    rows.append("锦衣坊,2024-07,服饰,,,,,")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    main(["standing", str(path), "--lang", lang, "--all"], out=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def charts(tmp_path_factory):
    """matplotlib, drawing Chinese without warnings whether or not a CJK font is installed."""
    pytest.importorskip("matplotlib")
    from matplotlib import font_manager

    from fonts import box_font

    path = tmp_path_factory.mktemp("fonts") / "boxes.ttf"
    box_font(path, "Test CJK Boxes")
    font_manager.fontManager.addfont(str(path))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_purpose_and_a_verdict_read_alike_in_every_text_display(lang, tmp_path):
    shops = history()
    purpose = named(ts.Purpose.ANNUAL_FEE_REFUND, lang)
    forfeited = ts.Verdict.FORFEITED.label(lang)
    with ts.display_options(lang=lang):
        standing = html_text(ts.standing(shops, RULES)._repr_html_())
        edition = html_text(RULES._repr_html_())
    explained = ts.explain(shops[1], rules=RULES, lang=lang)
    reported = report(shops[1], rules=RULES, lang=lang, advice=0)
    printed = standing_table(tmp_path, lang)
    for shown in (standing, edition, explained, reported, printed):
        assert purpose in shown
    for shown in (standing, printed):
        assert forfeited in shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_status_reads_alike_in_every_table(lang):
    empty = history()[-1]
    status = named(ts.Status.NO_DATA, lang)
    with ts.display_options(lang=lang):
        one = facts(empty._repr_html_())
        many = table(ts.AssessmentTable([empty], rules=RULES)._repr_html_())
    assert one[say("word.status", lang)] == status
    assert many["rows"][0][many["header"].index(say("word.status", lang))] == status


@pytest.mark.usefixtures("charts")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_and_the_charts_use_the_same_words(lang):
    import matplotlib.figure

    from tmall_service._display.webpage import shop_page

    shops = history()
    status = named(ts.Status.NO_DATA, lang)
    purpose = named(ts.Purpose.ANNUAL_FEE_REFUND, lang)
    forfeited = ts.Verdict.FORFEITED.label(lang)
    page = html_text(
        re.sub(
            r"<svg.*?</svg>",
            "",
            shop_page(shops, rules=RULES, shop="锦衣坊", lang=lang),
            flags=re.DOTALL,
        )
    )
    for word in (status, purpose, forfeited):
        assert word in page
    radar = ts.plot_radar(
        shops[-1],
        rules=RULES,
        lang=lang,
        ax=matplotlib.figure.Figure().add_subplot(projection="polar"),
    )
    assert status in radar.get_title()
    trend = ts.plot_trend(
        shops, rules=RULES, lang=lang, ax=matplotlib.figure.Figure().add_subplot()
    )
    legend = trend.get_legend_handles_labels()[1]
    assert any(label.startswith(purpose) and label.endswith(forfeited) for label in legend)


# -- one description of an edition -----------------------------------------------

BOOKS = {
    "example": RULES,
    "taobao": ts.example_rulebook(ts.Scheme.TAOBAO),
    "unnamed": ts.RuleBook(profiles={}),
    "open": attrs.evolve(RULES, name="open", effective_from=None),
}


@pytest.mark.parametrize("book", BOOKS.values(), ids=BOOKS.keys())
def test_repr_the_notebook_and_rules_show_state_the_same_facts(book):
    description = described(book, "en")
    settings = as_text(description).split("\n\n")[0].splitlines()[1:]
    facts_of_text = dict(line.removeprefix("  ").split(": ", 1) for line in settings)
    shown = book._repr_html_()
    assert title(shown) == as_text(description).splitlines()[0] == description.title
    assert facts(shown) == facts_of_text == dict(description.facts)
    for index, part in enumerate(description.tables):
        assert table(shown, index)["rows"] == [list(row) for row in part.rows]
        assert f"  {part.caption}:" in as_text(description)
    outline = description.summary
    assert repr(book) == as_repr(outline) == as_repr(summary(book))
    assert f"<RuleBook {book.name!r} " in repr(book)
    size = f"{count(outline.assessed, 'category', 'categories')}, "
    assert repr(book).endswith(f"{size}{count(outline.exemptions, 'exemption')}>")
    if book.effective_from and book.effective_to:
        assert f" {outline.in_force('en')}: " in repr(book)
        assert (say("word.in_force", "en"), outline.in_force("en")) in description.facts
    weights = [t.rows for t in description.tables if t.caption == say("word.weights", "en")]
    assert sum(map(len, weights)) == outline.assessed


def test_rules_show_prints_the_description_as_text():
    out = io.StringIO()
    main(["rules", "show"], out=out)
    assert out.getvalue() == as_text(described(RULES, "en")) + "\n"


def test_the_repr_names_a_scheme_other_than_tmalls():
    assert "taobao scheme, " in repr(BOOKS["taobao"])
    assert "scheme" not in repr(RULES)
    assert repr(BOOKS["unnamed"]) == "<RuleBook '' …..…: 0 categories, 0 exemptions>"


@pytest.mark.parametrize("lang", get_args(Language))
def test_editions_side_by_side_state_each_editions_name_dates_and_size_as_it_does(lang):
    later = attrs.evolve(
        RULES, name="", effective_from=dt.date(2025, 1, 1), effective_to=None
    )  # unnamed, and in force until replaced
    editions = ts.Editions([RULES, later])
    with ts.display_options(lang=lang):
        shown = editions._repr_html_()
        rows = table(shown, 0)["rows"]
    for row, book in zip(rows, editions, strict=True):
        outline = summary(book)
        assert row == [
            outline.title(lang),
            outline.in_force(lang),
            str(outline.assessed),
            str(outline.exemptions),
        ]
