"""Fuzzing the loaders: whatever a rule book file holds, the library refuses it cleanly.

Every document below goes to ``ts.converter.structure`` and, written to a
file, to ``ts.load_rulebook``. The only outcomes allowed are a rule book (that
then survives a round trip) or a :class:`~tmall_service.RuleBookError` whose
message names the file and, when a field is at fault, the field's ``$`` path.
Any other exception fails the test; so does a case slower than the deadline.

The normal suite runs a short fuzz (the active hypothesis profile); the long
run is ``HYPOTHESIS_PROFILE=fuzz pytest tests/fuzz`` (see docs/quality.md).
"""

from __future__ import annotations

import json
import math
import os
import re
import string
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import tmall_service as ts
from strategies import rulebooks

# The normal suite fuzzes briefly; the "fuzz" profile runs as many cases as it sets.
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
# Any single case must finish well within the deadline: nothing hangs.
FUZZ = settings(
    max_examples=settings.default.max_examples if LONG else 60,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

FIELDS = [field.name for field in attrs.fields(ts.RuleBook)]
# Fields that hold a list of names, where one list of a text is a valid value.
NAME_LISTS = {"excluded_categories", "extra_regions"}
# Fields whose names the rest of a rule book may name (an exemption's categories, say).
MAKES_NAMES_KNOWN = {"profiles", "excluded_categories", "extra_regions"}
UNKNOWN_NAME = re.compile(
    r"^  \$\S*: '([^']*)'(?: \(and \d+ more\))? "
    r"is not a (category|region) of this edition;",
    re.MULTILINE,
)
INNER_KEYS = [
    *(d.value for d in ts.Dimension),
    *(d.value for d in ts.TaobaoDimension),
    *(p.value for p in ts.Purpose),
    *(f.name for f in attrs.fields(ts.Exemption)),
    "服饰",
    "editions",
]

# Numbers that are hard on a decimal reader: huge and tiny exponents, more
# digits than Python prints, digits of other scripts, signalling NaN.
NASTY_NUMBERS: list[object] = [
    "1e999999999",
    "-1e999999999",
    "0E-1000000000",
    "0E+1000000000",
    "1E-1000000000",
    "1e-29",
    "0." + "0" * 27 + "1",
    "0." + "0" * 28 + "1",
    "9" * 5000,
    "0." + "3" * 5000,
    "1_0",
    " 4 ",
    "\u0663",
    "１",
    "NaN",
    "-sNaN",
    "Infinity",
    "+5",
    "5.",
    ".5",
    "0x10",
    "-0",
    "-0.0",
    "",
    " ",
    "\x00",
    2**63,
    -1,
    0,
    True,
    False,
    math.nan,
    math.inf,
    -math.inf,
    5e-324,
    1.7976931348623157e308,
    -0.0,
    Decimal("sNaN"),
    Decimal("-Infinity"),
    Decimal("1E+999999999"),
]
# Text that looks like something else: paths, URLs, formulas, control characters.
NASTY_TEXTS: list[object] = [
    "../../../../etc/passwd",
    "/dev/zero",
    "/dev/stdin",
    "file:///etc/shadow",
    "~/.ssh/id_rsa",
    "\\\\server\\share\\x.toml",
    "=cmd|' /C calc'!A0",
    "{{7*7}}",
    "__import__('os').system('true')",
    "\ud800",
    "\x00",
    "\u202e\u2066",
    "a" * 1_000_000,
    "服" * 100_000,
    "2024-02-30",
    "0000-01-01",
    "9999-12-31",
    "2024-07-01T00:00:00",
    "+002024-07-01",
    "2024-W27-1",
    "20240701",
    "2024-07-01\n",
]


def nested(depth: int, leaf: object, *, table: bool) -> object:
    """*leaf* inside *depth* lists (or one-key tables)."""
    value = leaf
    for _ in range(depth):
        value = {"a": value} if table else [value]
    return value


# Ints too long for str() (Python refuses to print them), built lazily so
# that hypothesis never has to show one in a strategy's repr.
huge_ints = st.builds(pow, st.sampled_from([10, -10]), st.sampled_from([5000, 20_000]))
nasty_values = st.one_of(st.sampled_from(NASTY_NUMBERS + NASTY_TEXTS), huge_ints)

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    nasty_values,
)
keys = st.one_of(st.sampled_from(FIELDS + INNER_KEYS), st.text(max_size=10))
json_trees = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)
deep_values = st.builds(
    nested,
    st.integers(1, 20_000),
    json_scalars,
    table=st.booleans(),
)
hostile_values = st.one_of(json_trees, deep_values)

# A document that is mostly a rule book: its keys are mostly the real fields.
rule_book_like = st.dictionaries(keys, hostile_values, max_size=8)


def paths(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path to a value inside a JSON-like document, the root excluded."""
    found: list[tuple[object, ...]] = []
    items: list[tuple[object, object]] = []
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    for key, child in items:
        found.append((*prefix, key))
        found.extend(paths(child, (*prefix, key)))
    return found


def at(document: Any, path: tuple[object, ...]) -> Any:
    node = document
    for key in path:
        node = node[key]
    return node


Mutation = Callable[[Any, object], None]


def replace(parent: Any, key: object, value: object) -> None:
    parent[key] = value


def delete(parent: Any, key: object, _: object) -> None:
    del parent[key]


def add_key(parent: Any, key: object, value: object) -> None:
    target = parent[key]
    if isinstance(target, dict):
        target["unexpected_key"] = value
    else:
        parent[key] = {"unexpected_key": value}


def as_table(parent: Any, key: object, _: object) -> None:
    """A list written as a table of its items, or a value wrapped in one."""
    target = parent[key]
    items = target if isinstance(target, list) else [target]
    parent[key] = {str(item): True for item in items}


def as_list(parent: Any, key: object, _: object) -> None:
    parent[key] = [parent[key]]


MUTATIONS: list[Mutation] = [replace, delete, add_key, as_table, as_list]


@st.composite
def mutated_documents(
    draw: st.DrawFn,
) -> tuple[dict[str, Any], tuple[object, ...], ts.RuleBook]:
    """A valid rule book's unstructured form, spoiled at one path; and the book."""
    book = draw(rulebooks())
    document = ts.converter.unstructure(book)
    path = draw(st.sampled_from(paths(document)))
    mutation = draw(st.sampled_from(MUTATIONS))
    value = draw(hostile_values)
    *parents, last = path
    mutation(at(document, tuple(parents)), last, value)
    return document, path, book


def without_nulls(data: object) -> object:
    if isinstance(data, dict):
        return {k: without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [without_nulls(v) for v in data if v is not None]
    return data


def attempt(load: Callable[[], ts.RuleBook]) -> tuple[ts.RuleBook | None, str]:
    """The rule book *load* gives, or ``None`` and the message of its refusal."""
    try:
        return load(), ""
    except ts.RuleBookError as error:
        return None, str(error)


def structure(document: object) -> ts.RuleBook | None:
    """The rule book *document* holds, or ``None`` after checking the refusal."""
    book, message = attempt(lambda: ts.converter.structure(document, ts.RuleBook))
    if book is None:
        assert message.startswith("invalid RuleBook:\n  $")
        assert re.search(r"^  \$\S*: ", message, re.MULTILINE)
        return None
    check_accepted(book)
    return book


def check_accepted(book: ts.RuleBook) -> None:
    """A document that loads gives a rule book that round-trips exactly."""
    data = ts.converter.unstructure(book)
    assert ts.converter.structure(data, ts.RuleBook) == book
    try:
        text = json.dumps(data)
    except ValueError:
        # A count of more than 4300 digits (Python will not print it) can only
        # come from Python objects: no JSON or TOML file can hold one.
        assert any(isinstance(v, int) and v > 10**4000 for v in scalars(data))
        return
    assert ts.converter.structure(json.loads(text), ts.RuleBook) == book


def scalars(data: object) -> list[object]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in scalars(v)]
    if isinstance(data, list):
        return [s for v in data for s in scalars(v)]
    return [data]


def load(path: Path) -> ts.RuleBook | None:
    """The rule book in *path*, or ``None`` after checking the refusal names the file."""
    book, message = attempt(lambda: ts.load_rulebook(path))
    if book is None:
        assert message.startswith(f"{path}: ")
        return None
    check_accepted(book)
    return book


def json_text(document: object) -> str | None:
    try:
        return json.dumps(document, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):  # a Decimal, an int too long to print, too deep
        return None


def ascii_json_text(document: object) -> str | None:
    """JSON with every non-ASCII character escaped, lone surrogates included."""
    try:
        return json.dumps(document)
    except (TypeError, ValueError, RecursionError):
        return None


def toml_text(document: object) -> str | None:
    if not isinstance(document, dict):  # a TOML document is a table
        return None
    try:
        return tomli_w.dumps(without_nulls(document))  # type: ignore[arg-type]
    except (TypeError, ValueError, RecursionError):  # not every tree is TOML
        return None


def write(folder: Path, suffix: str, text: str) -> Path | None:
    path = folder / f"edition{suffix}"
    try:
        path.write_text(text, encoding="utf-8", errors="strict")
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8 file can hold it
        return None
    return path


def check_everywhere(document: object, folder: Path) -> ts.RuleBook | None:
    """Structure *document*, and load it from JSON and TOML files; all must agree."""
    book = structure(document)
    texts = (
        (".json", json_text(document)),
        (".json", ascii_json_text(document)),
        (".toml", toml_text(document)),
    )
    for suffix, text in texts:
        if text is None:
            continue
        path = write(folder, suffix, text)
        if path is not None:
            load(path)
    return book


@FUZZ
@given(mutated_documents())
def test_a_spoiled_rule_book_is_refused_naming_the_field(tmp_path_factory, case):
    document, path, original = case
    book = check_everywhere(document, tmp_path_factory.mktemp("fuzz"))
    if book is None:
        # The refusal names the top-level field that was spoiled ...
        _, message = attempt(lambda: ts.converter.structure(document, ts.RuleBook))
        if str(path[0]) in message:
            return
        # ... or, where that field made names known, a field naming a name it
        # made known and no longer does: the edition's check across its fields.
        assert path[0] in MAKES_NAMES_KNOWN, message
        unknown = UNKNOWN_NAME.search(message)
        assert unknown is not None, message
        name, kind = unknown.groups()
        known = original.known_categories if kind == "category" else original.known_regions
        assert name in known, message


@FUZZ
@given(rule_book_like)
def test_a_random_tree_is_a_rule_book_or_refused(tmp_path_factory, document):
    check_everywhere(document, tmp_path_factory.mktemp("fuzz"))


@FUZZ
@given(json_trees)
def test_any_json_value_at_the_top_is_refused_or_loaded(tmp_path_factory, document):
    check_everywhere(document, tmp_path_factory.mktemp("fuzz"))


@FUZZ
@given(
    st.sampled_from(FIELDS),
    st.integers(1, 50_000),
    st.booleans(),
)
def test_deep_nesting_in_any_field_is_refused(tmp_path_factory, field, depth, table):
    if field in NAME_LISTS and not table:
        depth += 1  # ["x"] is such a field's valid value: the nesting starts below it
    document = {"profiles": {}, field: nested(depth, "x", table=table)}
    assert check_everywhere(document, tmp_path_factory.mktemp("fuzz")) is None


@FUZZ
@given(st.sampled_from([".json", ".toml"]), st.binary(max_size=2000))
def test_random_bytes_are_refused_or_loaded(tmp_path_factory, suffix, data):
    path = tmp_path_factory.mktemp("fuzz") / f"edition{suffix}"
    path.write_bytes(data)
    load(path)


GOOD_TOML = tomli_w.dumps(without_nulls(ts.converter.unstructure(ts.example_rulebook())))  # type: ignore[arg-type]


@FUZZ
@given(
    st.sampled_from([".json", ".toml"]),
    st.data(),
)
def test_a_valid_file_with_bytes_spliced_in_is_refused_or_loaded(tmp_path_factory, suffix, data):
    good = (
        GOOD_TOML
        if suffix == ".toml"
        else json.dumps(ts.converter.unstructure(ts.example_rulebook()), ensure_ascii=False)
    ).encode()
    start = data.draw(st.integers(0, len(good)))
    end = data.draw(st.integers(start, min(len(good), start + 40)))
    splice = data.draw(
        st.one_of(
            st.binary(max_size=40),
            st.sampled_from([b"[" * 5000, b"{" * 5000, b"\xef\xbb\xbf", b"\x00", b'"\\ud800"']),
            st.text(string.printable, max_size=40).map(str.encode),
        )
    )
    path = tmp_path_factory.mktemp("fuzz") / f"edition{suffix}"
    path.write_bytes(good[:start] + splice + good[end:])
    load(path)


@FUZZ
@given(st.sampled_from(FIELDS), nasty_values)
def test_a_nasty_value_in_any_field(tmp_path_factory, field, value):
    assume(field != "profiles")
    document = {"profiles": {}, field: value}
    check_everywhere(document, tmp_path_factory.mktemp("fuzz"))


@FUZZ
@given(
    st.sampled_from([d.value for d in ts.Dimension]),
    st.one_of(st.sampled_from(NASTY_NUMBERS), huge_ints),
)
def test_a_nasty_weight_is_refused_naming_it(dimension, value):
    weights = {d.value: "0.2" for d in ts.Dimension} | {dimension: value}
    book = structure({"profiles": {"服饰": weights}})
    if book is None:
        _, message = attempt(
            lambda: ts.converter.structure({"profiles": {"服饰": weights}}, ts.RuleBook)
        )
        assert "$.profiles.服饰" in message
    else:
        assert sum(book.profiles["服饰"][d] for d in ts.Dimension) == 1
