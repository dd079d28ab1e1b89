"""Invariant: unstructuring and structuring, and writing and reading files, lose nothing.

Each property holds for every declared scheme: its scores, weights, rule
books and assessments, and the values every scheme shares. The round trip
runs once per scheme; the slower ones, which draw whole rule books for
every value, draw the scheme too (``rulebooks()`` draws any declared one).
"""

import json
import pathlib
import tempfile

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import (
    assessments,
    dimension_scores,
    every_scheme,
    exemptions,
    periods,
    rulebooks,
    schemes,
    weight_profiles,
)


def values(scheme):
    """Any value the converter reads and writes, of *scheme* where it has one."""
    return st.one_of(
        dimension_scores(scheme=scheme),
        weight_profiles(scheme=scheme),
        periods(),
        exemptions(),
        rulebooks(scheme=scheme),
        assessments(scheme=scheme),
    )


any_values = schemes.flatmap(values)


def without_nulls(data):
    """TOML has no null: a null value is left out, as the file format allows."""
    if isinstance(data, dict):
        return {k: without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [without_nulls(v) for v in data]
    return data


@every_scheme
@given(data=st.data())
def test_structure_of_unstructure_is_identity(scheme, data):
    value = data.draw(values(scheme), label="value")
    unstructured = ts.converter.unstructure(value)
    assert ts.converter.structure(unstructured, type(value)) == value


@given(any_values)
def test_unstructured_form_is_json_safe_and_survives_json(value):
    text = json.dumps(ts.converter.unstructure(value), ensure_ascii=False, allow_nan=False)
    assert ts.converter.structure(json.loads(text), type(value)) == value


@given(any_values)
def test_unstructured_form_is_deterministic(value):
    first = json.dumps(ts.converter.unstructure(value), ensure_ascii=False)
    again = json.dumps(
        ts.converter.unstructure(
            ts.converter.structure(ts.converter.unstructure(value), type(value))
        ),
        ensure_ascii=False,
    )
    assert first == again


@given(rulebooks(), st.sampled_from([".json", ".toml"]))
def test_a_rulebook_file_loads_back_equal(book, suffix):
    data = ts.converter.unstructure(book)
    if suffix == ".json":
        text = json.dumps(data, ensure_ascii=False)
    else:
        text = tomli_w.dumps(without_nulls(data))
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / f"edition{suffix}"
        path.write_text(text, encoding="utf-8")
        assert ts.load_rulebook(path) == book
