"""A shop's page as a browser shows it: headless Chromium renders, prints and logs no error.

Chromium is found as ``chromium`` or ``chromium-browser``. Without one these
tests are skipped, unless ``TMALL_SERVICE_REQUIRE_BROWSER=1``, which makes a
missing browser a failure (the long checks, ``.ci/long``, set it).
"""

import os
import re
import shutil
import subprocess

import pytest

matplotlib = pytest.importorskip("matplotlib")

from matplotlib import font_manager
from PIL import Image

import tmall_service as ts
from fonts import box_font
from tmall_service._display.webpage import shop_page

RULES = ts.example_rulebook()
SHOP = "锦衣坊旗舰店"
HEADINGS = ["考核状态", "得分趋势", "各项体验雷达图", "得分说明", "最省提升方案", "改进建议"]
CONSOLE = re.compile(r"CONSOLE|Uncaught")
"""What Chromium's log (``--enable-logging=stderr``) writes for a message of a page's
console, an uncaught script error among them: ``INFO:CONSOLE:1] "Uncaught ReferenceError:
..."``."""


@pytest.fixture(scope="module")
def browser():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("TMALL_SERVICE_REQUIRE_BROWSER") == "1":
            pytest.fail("TMALL_SERVICE_REQUIRE_BROWSER=1, but no chromium or chromium-browser")
        pytest.skip("no chromium or chromium-browser on PATH")
    return found


@pytest.fixture(scope="module", autouse=True)
def cjk_font(tmp_path_factory):
    """The page is made without warnings where matplotlib knows no CJK font."""
    path = tmp_path_factory.mktemp("fonts") / "boxes.ttf"
    box_font(path, "Test CJK Boxes")
    font_manager.fontManager.addfont(str(path))


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    """The Chinese page of a shop below every standard, its latest month 3.28."""
    months = [
        ts.DimensionScores(product=p, logistics=lo, after_sales=a, dispute=d, consultation=c)
        for p, lo, a, d, c in [
            ("4.8", "4.5", "4.6", "4.4", "4.7"),
            ("4.5", "4.0", "4.2", "3.5", "4.4"),
            ("4.2", "3.6", "4.0", "3.0", "4.1"),
            ("4.1", "3.0", "3.8", "2.0", "4.0"),
        ]
    ]
    history = [
        ts.assess(scores, category="服饰", period=ts.AssessmentPeriod.month(2024, m), rules=RULES)
        for m, scores in enumerate(months, 1)
    ]
    path = tmp_path_factory.mktemp("page") / "shop.html"
    path.write_text(shop_page(history, rules=RULES, shop=SHOP, lang="zh"), encoding="utf-8")
    return path


def run(browser, tmp_path, *options):
    """Chromium, headless, with a profile of its own and its log on stderr."""
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'profile'}",
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def console_errors(stderr):
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


def test_the_console_check_sees_a_script_error(browser, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>x</p>'
        "<script>undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    result = run(browser, tmp_path, "--dump-dom", broken.as_uri())
    assert "<p>x</p>" in result.stdout
    errors = console_errors(result.stderr)
    assert any("undefinedFunction" in line for line in errors), result.stderr


def test_the_page_renders_with_its_headings_its_name_and_no_console_error(
    browser, tmp_path, page_file
):
    result = run(browser, tmp_path, "--dump-dom", page_file.as_uri())
    dom = result.stdout
    assert '<html lang="zh-CN">' in dom
    assert f"<h1>{SHOP}</h1>" in dom
    positions = [dom.index(f"<h2>{heading}</h2>") for heading in HEADINGS]
    assert positions == sorted(positions)
    assert console_errors(result.stderr) == []


def test_the_charts_have_their_marks_in_the_rendered_page(browser, tmp_path, page_file):
    dom = run(browser, tmp_path, "--dump-dom", page_file.as_uri()).stdout
    charts = re.findall(r"<svg\b.*?</svg>", dom, re.DOTALL)
    assert len(charts) == 2
    trend, radar = charts
    for chart in charts:
        assert chart.count("<path") > 10
    for legend in [
        "营销准入 ≥ 4.00：暂不能参加营销活动",
        "商家考核 ≥ 3.50：面临清退风险",
        "年费返还 ≥ 4.20：年费不予返还",
    ]:
        assert legend in trend
    assert "商品体验" in radar


def test_the_page_makes_a_screenshot_with_something_drawn(browser, tmp_path, page_file):
    shot = tmp_path / "shop.png"
    result = run(
        browser,
        tmp_path,
        f"--screenshot={shot}",
        "--window-size=1100,3000",
        "--hide-scrollbars",
        page_file.as_uri(),
    )
    assert console_errors(result.stderr) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(shot) as image:
        assert image.size == (1100, 3000)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None
    assert len(colours) > 50  # text, lines and fills, not a blank page


def test_the_page_prints_to_a_pdf_of_several_pages(browser, tmp_path, page_file):
    pdf = tmp_path / "shop.pdf"
    run(browser, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page_file.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2
