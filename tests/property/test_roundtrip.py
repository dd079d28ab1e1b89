"""Invariant: unstructuring and structuring, and writing and reading files, lose nothing."""

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
    exemptions,
    periods,
    rulebooks,
    weight_profiles,
)

values = st.one_of(
    dimension_scores(),
    weight_profiles(),
    periods(),
    exemptions(),
    rulebooks(),
    assessments(),
)


def without_nulls(data):
    """TOML has no null: a null value is left out, as the file format allows."""
    if isinstance(data, dict):
        return {k: without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [without_nulls(v) for v in data]
    return data


@given(values)
def test_structure_of_unstructure_is_identity(value):
    data = ts.converter.unstructure(value)
    assert ts.converter.structure(data, type(value)) == value


@given(values)
def test_unstructured_form_is_json_safe_and_survives_json(value):
    text = json.dumps(ts.converter.unstructure(value), ensure_ascii=False, allow_nan=False)
    assert ts.converter.structure(json.loads(text), type(value)) == value


@given(values)
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
