"""The corpus: the nastiest rule book files found while fuzzing, kept as regular tests.

Each file in ``tests/corpus`` is listed here with what must happen when it is
loaded: it loads (and then round-trips and assesses a shop), or it is refused
with a :class:`~tmall_service.RuleBookError` whose message names the file and
shows the given patterns (a ``$`` path when a field is at fault). A new file
without an entry fails :func:`test_every_corpus_file_has_an_expectation`.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

import tmall_service as ts

CORPUS = Path(__file__).parents[1] / "corpus"
LOADS = None

# file -> None (it loads) or the patterns its refusal must show.
EXPECTED: dict[str, tuple[str, ...] | None] = {
    # Nesting deeper than the parsers go, and just under it.
    "deep-brackets.json": ("not valid JSON", "recursion"),
    "deep-tables.json": ("not valid JSON", "recursion"),
    "deep-arrays.toml": ("not valid TOML", "recursion"),
    "deep-inline-tables.toml": ("not valid TOML", "recursion"),
    "nested-just-under-the-parser-limit.json": (r"\$\.source", "is not a text"),
    # Numbers: huge and tiny exponents, more digits than Python reads.
    "huge-exponent-weight.json": (r"\$\.profiles\.服饰\.product", "outside"),
    "huge-exponent-bare-number.json": (r"\$\.profiles\.x\.product", "outside"),
    "huge-int.toml": ("not valid TOML", "digits"),
    "tiny-exponent-weight.toml": (r"\$\.profiles\.服饰\.product", "decimal places"),
    "zero-with-huge-exponents.toml": LOADS,
    "many-decimal-places.json": LOADS,  # 5000 trailing zeros: 0.2 exactly
    "nan-literal.json": ("not valid JSON", "NaN"),
    "nan-and-inf.toml": (r"\$\.star_bands\[0\]", r"\$\.star_bands\[1\]", "finite"),
    "booleans-as-numbers.toml": (r"\$\.star_bands\[0\]", r"\$\.minimum_orders", "bool"),
    # Size: long texts and long lists are data like any other.
    "long-category-name.json": (r"\$\.profiles\['服服服", "sum"),
    "long-text-fields.json": LOADS,
    "many-exemptions.json": LOADS,
    # Encodings and bytes that are not one JSON or TOML document.
    "lone-surrogate.json": ("not valid JSON", "surrogate"),
    "lone-surrogate-key.json": ("not valid JSON", "surrogate"),
    "surrogate-escape.toml": ("not valid TOML", "Unicode"),
    "two-byte-order-marks.json": ("not valid JSON", "BOM"),
    "only-a-bom.json": ("not valid JSON",),
    "utf-16.json": ("not UTF-8",),
    "invalid-utf8.toml": ("not UTF-8",),
    "nul-bytes.toml": ("not valid TOML",),
    "trailing-garbage.json": ("not valid JSON", "Extra data"),
    "empty.toml": (r"\$\.profiles", "required field missing"),
    "duplicate-key.json": ("not valid JSON", "minimum_orders", "twice"),
    "duplicate-key.toml": ("not valid TOML",),
    # The wrong shape or kind of value.
    "datetime-for-date.toml": (r"\$\.exemptions\[0\]\.start", "ISO date"),
    "time-for-date.toml": (r"\$\.exemptions\[0\]\.start", "ISO date"),
    "impossible-date.json": (r"\$\.exemptions\[0\]\.start", "2024-02-30"),
    "table-for-a-list-of-names.json": (r"\$\.exemptions\[0\]\.regions", "collection of names"),
    "string-for-a-list-of-names.json": (r"\$\.exemptions\[0\]\.regions", "collection of names"),
    "table-for-star-bands.json": (r"\$\.star_bands", "not a list"),
    "list-for-profiles.json": (r"\$\.profiles", "not a table"),
    "editions-in-a-rule-book.json": (r"\$: unknown key editions",),
    "unknown-keys-everywhere.json": (
        r"\$\.profiles\.服饰: unknown key price",
        r"\$\.exemptions\[0\]: unknown key why",
        r"\$: unknown key colour",
    ),
    "scheme-mismatch.toml": (r"\$\.profiles\.服饰", "taobao"),
    "dates-backwards.json": (r"\$\.effective_to",),
    # Names the edition does not know: paths-in-strings.json without its
    # excluded_categories and extra_regions, so its exemption's region and
    # category are neither a province-level division nor declared.
    "paths-as-unknown-names.json": (
        r"\$\.exemptions\[0\]\.regions: '/dev/zero' is not a region of this edition",
    ),
    # Strings that look like code, paths or formulas are text, nothing more.
    "code-in-strings.json": LOADS,
    "paths-in-strings.json": LOADS,  # each path-like name declared: excluded, or an extra region
    "formulas-in-strings.json": LOADS,
    "control-characters.json": LOADS,
}

FILES = sorted(CORPUS.iterdir())


def test_every_corpus_file_has_an_expectation():
    assert sorted(path.name for path in FILES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_a_corpus_file_loads_or_is_refused_as_expected(path):
    expected = EXPECTED[path.name]
    started = time.perf_counter()
    if expected is LOADS:
        book = ts.load_rulebook(path)
        data = ts.converter.unstructure(book)
        assert ts.converter.structure(json.loads(json.dumps(data)), ts.RuleBook) == book
        period = ts.AssessmentPeriod.month(2024, 7)
        scores = ts.DimensionScores(
            product=4, logistics=4, after_sales=4, dispute=4, consultation=4
        )
        for category in book.profiles:
            result = ts.assess(scores, category=category, period=period, rules=book)
            assert result.score == 4
    else:
        with pytest.raises(ts.RuleBookError) as caught:
            ts.load_rulebook(path)
        message = str(caught.value)
        assert message.startswith(f"{path}: ")
        for pattern in expected:
            assert re.search(pattern, message), (pattern, message[:500])
    assert time.perf_counter() - started < 5


def parsed(path: Path) -> object:
    """The JSON document in *path*, or ``None`` when Python's parser refuses it."""
    try:
        return json.loads(path.read_bytes())
    except (ValueError, RecursionError):
        return None


DOCUMENTS = {
    path.name: document
    for path in FILES
    if path.suffix == ".json" and (document := parsed(path)) is not None
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_a_corpus_document_given_to_the_converter_is_refused_or_loads(name):
    """The same documents, parsed by the caller and handed to the converter."""
    try:
        book = ts.converter.structure(DOCUMENTS[name], ts.RuleBook)
    except ts.RuleBookError as error:
        message = str(error)
    else:
        assert ts.converter.structure(ts.converter.unstructure(book), ts.RuleBook) == book
        return
    assert message.startswith("invalid RuleBook:\n  $")
