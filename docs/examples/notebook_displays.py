"""Show the library's values in a real notebook, and take a screenshot of it.

The notebook below is executed by a Jupyter kernel, exported to HTML as
JupyterLab shows it, and opened in headless Chromium, which takes the
screenshot the docs show (``docs/_static/notebook-displays.png``). It needs
what a notebook needs, beside the library: ``pip install nbclient nbconvert
ipykernel``, and Chromium (Debian's ``chromium``) with a CJK font
(``fonts-noto-cjk``).

    python docs/examples/notebook_displays.py [--lang zh|en] [--output FILE]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

CELLS = [
    """\
import tmall_service as ts
ts.display_options(lang=LANG)
rules = ts.example_rulebook()
july = ts.AssessmentPeriod.parse("2024-07")
shop = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1,
                                    consultation=4), category="服饰", period=july, rules=rules)
shop""",
    """\
ts.AssessmentTable(
    [shop, ts.assess(ts.DimensionScores(product="4.8", logistics="4.7", after_sales="4.9",
                                        dispute="4.6", consultation="4.8"),
                     category="服饰", period=july, rules=rules, bonuses=["special_service"])],
    shops=["云裳服饰旗舰店", "锦衣坊"], rules=rules)""",
    "ts.gap(shop, ts.Purpose.MERCHANT_ASSESSMENT, rules=rules)",
    'ts.what_if(shop, rules=rules, scores={"logistics": 4, "dispute": 3})',
    """\
history = [ts.assess(ts.DimensionScores(product=3, logistics=3, after_sales=3, dispute=3,
                                        consultation=3), category="服饰", rules=rules,
                     period=ts.AssessmentPeriod.month(2024, m)) for m in (4, 5, 6)]
ts.standing(history, rules)""",
    "ts.advise(shop, rules=rules, lang=LANG, limit=3)",
    "rules",
]


def main() -> None:
    """Run the notebook, export it, and take the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["en", "zh"], default="zh")
    parser.add_argument("--output", type=Path, default=Path("docs/_static/notebook-displays.png"))
    parser.add_argument("--height", type=int, default=3200)
    args = parser.parse_args()
    notebook = nbformat.v4.new_notebook()
    cells = [c.replace("LANG", repr(args.lang)) for c in CELLS]
    notebook.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    page, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "notebook.html"
        html.write_text(page, encoding="utf-8")
        subprocess.run(  # noqa: S603 - a fixed command line
            [  # noqa: S607 - Chromium from the system's packages
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                f"--screenshot={args.output.resolve()}",
                f"--window-size=1100,{args.height}",
                html.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    _trim(args.output)
    print(args.output)


def _trim(path: Path) -> None:
    """Cut the blank page below the notebook's last output."""
    from PIL import Image, ImageChops  # noqa: PLC0415 - pillow comes with matplotlib

    with Image.open(path) as image:
        shot = image.convert("RGB")
    blank = Image.new("RGB", shot.size, (255, 255, 255))
    box = ImageChops.difference(shot, blank).getbbox()
    if box is not None:
        shot = shot.crop((0, 0, shot.width, min(shot.height, box[3] + 24)))
    shot.save(path, optimize=True)


if __name__ == "__main__":
    main()
