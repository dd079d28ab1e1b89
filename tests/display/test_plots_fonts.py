"""The CJK font of Chinese charts: found even when installed after matplotlib's cache."""

import functools
import json
import os
import re
import subprocess
import sys
import textwrap
import warnings

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.text import Text

import tmall_service as ts
from fonts import CJK_RANGES, box_font
from tmall_service._display import plots

RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
LATE_FONT = "Late CJK Test"
CJK = re.compile("[" + "".join(f"{chr(low)}-{chr(high - 1)}" for low, high in CJK_RANGES) + "]")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def installed(monkeypatch):
    """The fonts a test installs: matplotlib knows only its own, and searches find these.

    The search of the installed fonts is counted, and may run again in each
    test, as in a new process.
    """
    bundled = [e for e in font_manager.fontManager.ttflist if "mpl-data" in str(e.fname)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", bundled)
    fonts = [str(e.fname) for e in bundled]  # a search finds the known fonts too
    searches = []

    def find_system_fonts(fontpaths=None, fontext="ttf"):
        searches.append((fontpaths, fontext))
        return list(fonts)

    monkeypatch.setattr(font_manager, "findSystemFonts", find_system_fonts)
    # Not yet searched in this process: a fresh once-a-process search.
    search = plots._add_installed_fonts  # noqa: SLF001 - the search's state is private
    monkeypatch.setattr(plots, "_add_installed_fonts", functools.cache(search.__wrapped__))
    return fonts, searches


def _chinese_families(ax):
    return {
        text.get_text(): tuple(text.get_fontfamily())
        for text in ax.findobj(Text)
        if CJK.search(text.get_text())
    }


def test_a_font_installed_after_matplotlib_listed_its_fonts_is_found(installed, tmp_path):
    fonts, searches = installed
    box_font(tmp_path / "late.ttf", LATE_FONT)
    (tmp_path / "broken.ttf").write_bytes(b"not a font")
    fonts += [str(tmp_path / "late.ttf"), str(tmp_path / "broken.ttf")]
    known = list(font_manager.fontManager.ttflist)

    result = ts.assess(SEED, category="服饰", period=JULY, rules=RULES)
    ax = ts.plot_radar(result, rules=RULES, lang="zh")
    ax.figure.savefig(tmp_path / "zh.png")  # no warning: every glyph is there

    families = _chinese_families(ax)
    assert families
    assert {family[-1] for family in families.values()} == {LATE_FONT}
    # The fonts matplotlib knew are kept, and not added twice.
    assert font_manager.fontManager.ttflist[: len(known)] == known
    assert [e.name for e in font_manager.fontManager.ttflist[len(known) :]] == [LATE_FONT]
    assert len(searches) == 1


@pytest.mark.usefixtures("installed")
def test_without_any_cjk_font_the_chart_is_drawn_and_a_warning_names_it(tmp_path):
    result = ts.assess(SEED, category="服饰", period=JULY, rules=RULES)
    ax = ts.plot_radar(result, rules=RULES)  # no warning yet: nothing is drawn
    assert ax.get_title().startswith("服饰")
    assert {f[-1] for f in _chinese_families(ax).values()} == {"sans-serif"}

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.savefig(tmp_path / "boxes.png")

    messages = [str(w.message) for w in caught]
    ours = [m for m in messages if "fonts-noto-cjk" in m]
    assert ours
    assert "drawn as empty boxes" in ours[0]
    assert "Noto Sans CJK SC" in ours[0]
    assert any("missing from font" in m for m in messages)  # matplotlib's own, glyph by glyph


def test_the_fonts_are_searched_and_the_warning_shown_once(installed, tmp_path):
    _, searches = installed
    first = ts.plot_radar(ts.assess(SEED, category="服饰", period=JULY, rules=RULES), rules=RULES)
    second = ts.plot_trend(
        [ts.assess(SEED, category="服饰", period=JULY, rules=RULES)], rules=RULES, lang="zh"
    )
    assert len(searches) == 1

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # Python's own filter, as outside the tests
        first.figure.savefig(tmp_path / "first.png")
        second.figure.savefig(tmp_path / "second.png")
    assert len([w for w in caught if "fonts-noto-cjk" in str(w.message)]) == 1


def test_latin_charts_do_not_search_the_fonts(installed):
    _, searches = installed
    rules = ts.RuleBook(profiles={"apparel": RULES.profile("服饰")}, thresholds=RULES.thresholds)
    ts.plot_radar(ts.assess(SEED, category="apparel", period=JULY, rules=rules), rules=rules)
    assert searches == []


_DRAW = """
import json
import sys
import warnings

warnings.simplefilter("error")  # a missing glyph would fail the run

from matplotlib import font_manager
from matplotlib.text import Text

home, family, png = sys.argv[1:]
# Only the user's own font directories: the machine's fonts, CJK or not, stay out.
font_manager.X11FontDirectories[:] = [
    d for d in font_manager.X11FontDirectories if d.startswith(home)
]
listed = family in {entry.name for entry in font_manager.fontManager.ttflist}

import tmall_service as ts

rules = ts.example_rulebook()
scores = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
result = ts.assess(scores, category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
                   rules=rules)
ax = ts.plot_radar(result, rules=rules, lang="zh")
ax.figure.savefig(png)
texts = {t.get_text(): t.get_fontfamily() for t in ax.findobj(Text) if t.get_text()}
print(json.dumps({"listed": listed, "texts": texts}))
"""


@pytest.mark.skipif(
    sys.platform != "linux", reason="the user's font directory is the XDG one of Linux"
)
def test_a_font_installed_after_the_cache_was_built_is_used_in_a_later_process(tmp_path):
    home = tmp_path / "home"
    fonts = home / "share" / "fonts"
    fonts.mkdir(parents=True)
    config = tmp_path / "fonts.conf"  # fontconfig, too, sees only the user's fonts
    config.write_text(
        textwrap.dedent(f"""\
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
            <fontconfig>
              <dir>{fonts}</dir>
              <cachedir>{tmp_path / "fontconfig"}</cachedir>
            </fontconfig>
            """)
    )
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("MPL", "XDG_"))},
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "MPLCONFIGDIR": str(tmp_path / "matplotlib"),
        "MPLBACKEND": "Agg",
        "FONTCONFIG_FILE": str(config),
    }

    # matplotlib runs once, and caches a list of fonts without any CJK one.
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.font_manager"],
        env={**environment, "MPL_IGNORE_SYSTEM_FONTS": "1"},
        check=True,
    )
    assert list((tmp_path / "matplotlib").glob("fontlist-*.json"))
    # Then the user installs a CJK font in their own font directory.
    box_font(fonts / "late.ttf", LATE_FONT)

    drawn = subprocess.run(
        [sys.executable, "-c", _DRAW, str(home), LATE_FONT, str(tmp_path / "zh.png")],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert drawn.returncode == 0, drawn.stderr
    report = json.loads(drawn.stdout)
    assert report["listed"] is False  # matplotlib's cache does not know the font
    chinese = {text: f for text, f in report["texts"].items() if CJK.search(text)}
    assert chinese
    assert {tuple(f) for f in chinese.values()} == {
        (*matplotlib.rcParams["font.family"], LATE_FONT)
    }
    assert report["texts"]["5"] == matplotlib.rcParams["font.family"]  # a number keeps its font
