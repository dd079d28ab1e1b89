"""The JSON Schema of rule book files: shipped, current, and agreeing with the loader."""

import json
import tomllib
from importlib import resources

import jsonschema
import pytest

import tmall_service as ts

SHIPPED = json.loads(
    resources.files("tmall_service").joinpath("data", "rulebook.schema.json").read_text("utf-8")
)


def test_the_shipped_schema_is_the_generated_one():
    assert ts.rulebook_json_schema() == SHIPPED


def test_the_schema_is_a_valid_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SHIPPED)


@pytest.mark.parametrize("scheme", list(ts.Scheme))
def test_the_bundled_editions_are_valid(scheme):
    name = {
        ts.Scheme.TMALL: "example-edition.toml",
        ts.Scheme.TAOBAO: "example-taobao-edition.toml",
    }[scheme]
    document = tomllib.loads(
        resources.files("tmall_service").joinpath("data", name).read_text("utf-8")
    )
    jsonschema.validate(document, SHIPPED)
    data = ts.converter.unstructure(ts.example_rulebook(scheme))
    jsonschema.validate(json.loads(json.dumps(data)), SHIPPED)


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"profiles": {}, "colour": "red"},
        {"profiles": {"x": {"product": "0.2"}}},
        {"profiles": {}, "missing_data": "maybe"},
        {"profiles": {}, "thresholds": {"vip": "4"}},
        {"profiles": {}, "minimum_orders": 0},
        {"profiles": {}, "effective_from": 20240101},
    ],
    ids=[
        "no-profiles",
        "unknown-key",
        "short-profile",
        "bad-enum",
        "bad-purpose",
        "zero-minimum",
        "date-as-int",
    ],
)
def test_documents_the_loader_refuses_the_schema_refuses_too(document):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SHIPPED)
    with pytest.raises(ts.RuleBookError):
        ts.converter.structure(document, ts.RuleBook)


def test_a_file_of_several_editions_is_valid_too():
    editions = ts.Editions([ts.example_rulebook()])
    jsonschema.validate(json.loads(json.dumps(ts.converter.unstructure(editions))), SHIPPED)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"editions": [{}]}, SHIPPED)
