"""A refusal spells out at most 20 problems, then counts the rest.

A rule book with 200,000 bad entries is refused with a message of a few
lines: the first 20 problems, path first, in the order a full listing would
give them, and a last line ``… and N more`` with the exact number left out.
How long such a refusal takes is measured by
benchmarks/bench_rulebook_errors.py, not here.
"""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest

import tmall_service as ts
from tmall_service._files import converter as _converter
from tmall_service._files.converter import Converter

MANY = 200_000
SHOWN = 20
GOOD_WEIGHTS = {"logistics": "0.3", "after_sales": "0.2", "dispute": "0.2", "consultation": "0.1"}
BAD_EXEMPTION = {"start": "2024-13-01", "end": "2024-07-02", "reason": "x"}
NOT_A_DATE = "'2024-13-01' is not an ISO date such as '2024-07-01'"


def bad_profiles(count: int) -> dict[str, object]:
    """A rule book whose *count* categories each have one bad weight."""
    return {"profiles": {f"c{i}": {"product": "abc", **GOOD_WEIGHTS} for i in range(count)}}


def bad_exemptions(count: int) -> dict[str, object]:
    """A rule book whose *count* exemptions each start on a day that does not exist."""
    return {"profiles": {}, "exemptions": [BAD_EXEMPTION] * count}


def refusal(document: object, converter: Converter = ts.converter) -> ts.RuleBookError:
    with pytest.raises(ts.RuleBookError) as caught:
        converter.structure(document, ts.RuleBook)
    return caught.value


def problems(message: str) -> list[str]:
    """The lines of *message* below its first, without their indent."""
    return [line.removeprefix("  ") for line in message.split("\n")[1:]]


@pytest.fixture(scope="module")
def many_bad_weights() -> ts.RuleBookError:
    return refusal(bad_profiles(MANY))


@pytest.fixture(scope="module")
def many_bad_exemptions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("bounded") / "edition.json"
    path.write_text(json.dumps(bad_exemptions(MANY)), encoding="utf-8")
    with pytest.raises(ts.RuleBookError) as caught:
        ts.load_rulebook(path)
    return path, str(caught.value)


def test_200000_bad_weights_are_told_in_20_lines_and_a_count(many_bad_weights):
    message = str(many_bad_weights)
    assert message.startswith("invalid RuleBook:\n")
    assert problems(message) == [
        *(f"$.profiles.c{i}.product: 'abc' is not a number" for i in range(SHOWN)),
        f"… and {MANY - SHOWN} more",
    ]
    assert len(message) < 5_000


def test_the_refusal_keeps_only_the_failures_it_shows(many_bad_weights):
    # Keeping 200,000 failures, each with its traceback, is what made a refusal slow.
    book_error = many_bad_weights.__cause__
    assert isinstance(book_error, ExceptionGroup)
    (profiles_error,) = book_error.exceptions
    assert isinstance(profiles_error, ExceptionGroup)
    assert len(profiles_error.exceptions) == SHOWN


def test_a_file_of_200000_bad_exemptions_is_told_in_20_lines_and_a_count(many_bad_exemptions):
    path, message = many_bad_exemptions
    assert message.startswith(f"{path}: invalid RuleBook:\n")
    assert problems(message) == [
        *(f"$.exemptions[{i}].start: {NOT_A_DATE}" for i in range(SHOWN)),
        f"… and {MANY - SHOWN} more",
    ]
    assert len(message) < 5_000


@pytest.mark.parametrize("converter", [ts.converter, Converter()], ids=["library", "fresh"])
def test_20_problems_are_all_spelled_out(converter):
    lines = problems(str(refusal(bad_exemptions(SHOWN), converter)))
    assert lines == [f"$.exemptions[{i}].start: {NOT_A_DATE}" for i in range(SHOWN)]


@pytest.mark.parametrize("converter", [ts.converter, Converter()], ids=["library", "fresh"])
def test_the_21st_problem_is_counted_not_spelled_out(converter):
    lines = problems(str(refusal(bad_exemptions(SHOWN + 1), converter)))
    assert lines == [
        *(f"$.exemptions[{i}].start: {NOT_A_DATE}" for i in range(SHOWN)),
        "… and 1 more",
    ]


def test_an_entry_with_several_problems_counts_each():
    # Each category misses four weights and has one bad one: five problems each.
    document = {"profiles": {f"c{i}": {"product": "abc"} for i in range(10)}}
    lines = problems(str(refusal(document)))
    assert lines[:SHOWN] == [
        line
        for i in range(4)
        for line in (
            f"$.profiles.c{i}.product: 'abc' is not a number",
            *(f"$.profiles.c{i}.{name}: required field missing" for name in GOOD_WEIGHTS),
        )
    ]
    assert lines[SHOWN:] == ["… and 30 more"]


MIXED = {
    # Problems in tables within tables, in keys and in values, in lists, in the
    # book's own fields and keys, more than 20 in several places.
    "profiles": {
        **{f"c{i}": {"product": "abc", **GOOD_WEIGHTS} for i in range(7)},
        "d": "heavy",
        **{f"e{i}": {"product": "0.4", "colour": 1, **GOOD_WEIGHTS} for i in range(30)},
    },
    "exemptions": [BAD_EXEMPTION | {"regions": "浙江"}] * 25,
    "category_thresholds": {
        f"k{i}": {f"purpose{j}": "4" for j in range(3 + 10 * i)} for i in range(4)
    },
    "thresholds": {"marketing_access": "x", "sales": "4"},
    "star_bands": ["3", "x", None] * 9,
    "missing_data": "sometimes",
    **{f"extra{i}": 1 for i in range(3)},
}


@pytest.mark.parametrize(
    "document",
    [
        MIXED,
        {"profiles": {}, "category_thresholds": MIXED["category_thresholds"]},
        {"profiles": {"c": {"product": "abc"}}, "category_thresholds": {"k": {"a": 1}}},
        bad_profiles(3) | {"exemptions": [BAD_EXEMPTION] * 17},
        bad_profiles(3) | {"exemptions": [BAD_EXEMPTION] * 18},
    ],
    ids=["mixed", "nested", "few", "20-in-two-places", "21-in-two-places"],
)
def test_the_lines_shown_are_the_first_of_the_full_listing(monkeypatch, document):
    bounded = problems(str(refusal(document)))
    monkeypatch.setattr(_converter, "_SHOWN_PROBLEMS", 10**9)
    full = problems(str(refusal(document, Converter())))
    if len(full) <= SHOWN:
        assert bounded == full
    else:
        assert bounded == [*full[:SHOWN], f"… and {len(full) - SHOWN} more"]


def test_the_count_follows_the_full_listing_of_a_mixed_book(monkeypatch):
    bounded = problems(str(refusal(MIXED)))
    monkeypatch.setattr(_converter, "_SHOWN_PROBLEMS", 10**9)
    full = problems(str(refusal(MIXED, Converter())))
    assert len(full) > 100  # every place holds problems beyond those shown
    assert bounded[-1] == f"… and {len(full) - SHOWN} more"


def test_a_loaded_file_is_cut_as_the_converter_cuts(tmp_path):
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(MIXED), encoding="utf-8")
    with pytest.raises(ts.RuleBookError) as caught:
        ts.load_rulebook(path)
    assert str(caught.value) == f"{path}: {refusal(MIXED)}"


def test_many_unknown_keys_are_counted_past_the_first_20():
    document = {"profiles": {}, **{f"extra{i:02}": 1 for i in range(25)}}
    (line,) = problems(str(refusal(document)))
    listed = ", ".join(f"extra{i:02}" for i in range(SHOWN))
    assert line == f"$: unknown key {listed} and 5 more"


def test_20_unknown_keys_are_all_named():
    document = {"profiles": {}, **{f"extra{i:02}": 1 for i in range(SHOWN)}}
    (line,) = problems(str(refusal(document)))
    assert line == "$: unknown key " + ", ".join(f"extra{i:02}" for i in range(SHOWN))


def test_a_very_long_unknown_key_is_cut_short():
    document = {"profiles": {}, "x" * 81: 1, "y" * 80: 2}
    (line,) = problems(str(refusal(document)))
    assert line == f"$: unknown key {'x' * 60}…(81 characters), {'y' * 80}"


def test_unknown_keys_that_are_not_texts_are_named_not_a_type_error():
    (line,) = problems(str(refusal({"profiles": {}, 1: 2, "a": 3, None: 4})))
    assert line == "$: unknown key 1, None, a"


def test_a_mapping_of_no_declared_types_is_structured_as_cattrs_does():
    fresh = Converter()
    assert fresh.structure({"a": 1}, dict) == {"a": 1}
    assert fresh.structure({"a": 1, "b": 1}, collections.Counter[str]) == {"a": 1, "b": 1}
