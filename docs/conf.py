"""Sphinx configuration for the tmall_service documentation."""

import doctest
from importlib.metadata import version as _version
from pathlib import Path

project = "tmall_service"
author = "tmall_service developers"
copyright = "tmall_service developers"
release = _version("tmall_service")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "matplotlib.sphinxext.plot_directive",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# Report every cross-reference that does not resolve.
nitpicky = True

# Standard-library names in the type hints of the API. Their targets live in
# Python's own documentation, whose inventory would have to be fetched over the
# network (intersphinx); the docs build offline, so these names are shown
# unlinked instead of failing the nitpicky build.
nitpick_ignore = [
    ("py:class", "collections.abc.Iterable"),  # consecutive_failures, Exemption
    ("py:class", "collections.abc.Iterator"),  # periods, Editions.__iter__
    ("py:class", "collections.abc.Mapping"),  # RuleBook.profiles, .thresholds
    ("py:class", "datetime.date"),  # AssessmentPeriod and Exemption dates
    ("py:class", "decimal.Decimal"),  # every score, weight and threshold
    ("py:class", "fractions.Fraction"),  # Breakdown.exact, IndicatorScale.exact
    ("py:class", "os.PathLike"),  # load_rulebook's path
    ("py:class", "matplotlib.axes.Axes"),  # the charts' Axes; matplotlib's inventory is online
    # The private bases every scheme's dimensions, scores and weights derive
    # from; docs/architecture.md says how a scheme is declared with them.
    ("py:class", "tmall_service._values.declaring.SchemeDimension"),
    ("py:class", "tmall_service._values.declaring.SchemeScores"),
    ("py:class", "tmall_service._values.declaring.SchemeWeights"),
]

# -- MyST ---------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc ------------------------------------------------------------------

# Types in the signature are the constructor's: what a value accepts (a score
# as int, str, Decimal or float), not only what it stores.
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_class_signature = "mixed"


# -- doctest ------------------------------------------------------------------

# The example rule book files the pages show are the very files they load.
_EXAMPLES = Path(__file__).resolve().parent / "examples"

doctest_global_setup = f"""
import tmall_service as ts
EXAMPLES = {str(_EXAMPLES)!r}
"""
doctest_default_flags = (
    doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1
)

# -- plot directive -----------------------------------------------------------

# Figures are drawn at build time from the code on the page; the page shows
# its own code in doctest blocks, so the directive adds no source or links.
plot_include_source = False
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]

# -- HTML ---------------------------------------------------------------------

html_theme = "furo"
html_title = f"tmall_service {release}"

# Code in a monospace font whose Chinese characters are two columns wide, so
# the command line's tables line up as in a terminal (see the file).
html_static_path = ["_static"]
html_css_files = ["monospace.css"]
