"""Bad input, each refused with a named leaf of TmallServiceError.

API.md: "No bad input escapes as a bare TypeError, KeyError, decimal signal
or cattrs exception", and STYLE.md: "Messages name the field and the bad
value". Each case says which leaf it expects and what the message must show;
``pytest.raises`` also lets any other exception fail the test.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
import tomli_w

import tmall_service as ts

D = Decimal

NAN = float("nan")
INF = float("inf")


class Opaque:
    """An object that is no number, no date and no name."""

    def __repr__(self) -> str:
        return "<opaque>"


def shows(*patterns: str) -> str:
    """A ``match`` regex requiring every pattern, in any order."""
    return "(?s)" + "".join(f"(?=.*(?:{p}))" for p in patterns)


def field(name: str) -> str:
    return re.escape(name)


def text(value: str) -> str:
    """A string value as a message may show it: bare or quoted."""
    return re.escape(value)


def quoted(value: str) -> str:
    """A string value whose bare form would not be visible (empty, blank)."""
    return f"'{re.escape(value)}'|\"{re.escape(value)}\""


WEIGHTS = {
    "product": "0.2",
    "logistics": "0.3",
    "after_sales": "0.2",
    "dispute": "0.2",
    "consultation": "0.1",
}


def weights(**changes: object) -> dict[str, object]:
    return {**WEIGHTS, **changes}


JULY_1 = date(2024, 7, 1)
JULY_31 = date(2024, 7, 31)


def exemption(**changes: object) -> partial[ts.Exemption]:
    arguments: dict[str, object] = {
        "start": JULY_1,
        "end": JULY_31,
        "reason": "台风",
        "categories": None,
        "regions": None,
    }
    return partial(ts.Exemption, **{**arguments, **changes})


def score_cases(name: str) -> list[object]:
    """Bad values for a dimension score given as *name*."""
    bad = [
        ("float-nan", NAN, r"(?i:nan)"),
        ("str-nan", "NaN", text("NaN")),
        ("decimal-nan", D("NaN"), r"(?i:nan)"),
        ("decimal-snan", D("sNaN"), r"(?i:snan)"),
        ("float-inf", INF, r"(?i:inf)"),
        ("float-minus-inf", -INF, r"(?i:-inf)"),
        ("str-infinity", "Infinity", text("Infinity")),
        ("decimal-inf", D("Infinity"), r"(?i:inf)"),
        ("decimal-huge-exponent", D("1e999999"), r"(?i:1e\+?999999)"),
        ("decimal-too-many-places", D("1e-999999"), r"(?i:1e-999999)"),
        ("true", True, "True"),
        ("false", False, "False"),
        ("list", [4], r"\[4\]"),
        ("dict", {"value": 4}, r"\{'value': 4\}"),
        ("tuple", (4,), r"\(4,\)"),
        ("bytes", b"4", r"b'4'"),
        ("object", Opaque(), "<opaque>"),
        ("complex", 4j, r"4j"),
        ("abc", "abc", text("abc")),
        ("empty", "", quoted("")),
        ("blank", " ", quoted(" ")),
        ("comma-decimal", "4,5", text("4,5")),
        ("negative-int", -1, r"-1"),
        ("negative-str", "-0.01", r"-0\.01"),
        ("negative-float", -0.5, r"-0\.5"),
        ("just-over-five-float", 5.0000001, r"5\.0000001"),
        ("just-over-five-str", "5.01", r"5\.01"),
        ("six", 6, r"\b6\b"),
        # Too long for repr() under the int-to-str digit limit.
        ("huge-int", 10**5000, r"10000000000|5001"),
    ]
    return [
        pytest.param(
            partial(ts.DimensionScores, **{name: value}),
            ts.InvalidScoreError,
            shows(field(name), pattern),
            id=f"score-{name}-{case}",
        )
        for case, value, pattern in bad
    ]


def weight_cases() -> list[object]:
    bad = [
        ("none", None, "None"),
        ("nan", NAN, r"(?i:nan)"),
        ("str-nan", "NaN", text("NaN")),
        ("inf", INF, r"(?i:inf)"),
        ("true", True, "True"),
        ("abc", "abc", text("abc")),
        ("empty", "", quoted("")),
        ("list", ["0.2"], r"\['0\.2'\]"),
        ("object", Opaque(), "<opaque>"),
        ("decimal-too-many-places", D("1e-999999"), r"(?i:1e-999999)"),
    ]
    return [
        pytest.param(
            partial(ts.WeightProfile, **weights(dispute=value)),
            ts.InvalidWeightsError,
            shows(field("dispute"), pattern),
            id=f"weight-dispute-{case}",
        )
        for case, value, pattern in bad
    ]


DIRECT = [
    *score_cases("product"),
    *score_cases("consultation"),
    *weight_cases(),
    # The five weights: each in [0, 1], summing to exactly 1.
    pytest.param(
        partial(ts.WeightProfile, **weights(consultation="0.09")),
        ts.InvalidWeightsError,
        shows("sum", r"0\.99"),
        id="weights-sum-0.99",
    ),
    pytest.param(
        partial(ts.WeightProfile, **weights(consultation="0.11")),
        ts.InvalidWeightsError,
        shows("sum", r"1\.01"),
        id="weights-sum-1.01",
    ),
    pytest.param(
        partial(
            ts.WeightProfile,
            product="1.5",
            logistics=0,
            after_sales=0,
            dispute=0,
            consultation=0,
        ),
        ts.InvalidWeightsError,
        shows(field("product"), r"1\.5"),
        id="weight-1.5",
    ),
    pytest.param(
        partial(ts.WeightProfile, **weights(product="-0.1", logistics="0.6")),
        ts.InvalidWeightsError,
        shows(field("product"), r"-0\.1"),
        id="weight-minus-0.1-sum-1",
    ),
    # Months and years.
    pytest.param(
        partial(ts.AssessmentPeriod.month, 2024, 0),
        ts.InvalidPeriodError,
        shows(field("month"), r"\b0\b"),
        id="month-0",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod.month, 2024, 13),
        ts.InvalidPeriodError,
        shows(field("month"), r"\b13\b"),
        id="month-13",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod.month, 2024, "7"),
        ts.InvalidPeriodError,
        shows(field("month"), quoted("7")),
        id="month-str-7",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod.month, 2024, True),  # noqa: FBT003 - the bad input
        ts.InvalidPeriodError,
        shows(field("month"), "True"),
        id="month-true",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod.month, 2024, 7.0),
        ts.InvalidPeriodError,
        shows(field("month"), r"7\.0"),
        id="month-float",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod.month, 2024, None),
        ts.InvalidPeriodError,
        shows(field("month"), "None"),
        id="month-none",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod.month, "2024", 7),
        ts.InvalidPeriodError,
        shows(field("year"), quoted("2024")),
        id="year-str",
    ),
    # Period dates: datetime.date, nothing else.
    pytest.param(
        partial(ts.AssessmentPeriod, "2024-07-01", JULY_31),
        ts.InvalidPeriodError,
        shows(field("start"), text("2024-07-01")),
        id="period-start-str",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod, JULY_1, "2024-07-31"),
        ts.InvalidPeriodError,
        shows(field("end"), text("2024-07-31")),
        id="period-end-str",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod, datetime(2024, 7, 1, 8, 30), JULY_31),  # noqa: DTZ001 - the bad input
        ts.InvalidPeriodError,
        shows(field("start"), "datetime"),
        id="period-start-datetime",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod, JULY_1, datetime(2024, 7, 31, 23, 59)),  # noqa: DTZ001 - the bad input
        ts.InvalidPeriodError,
        shows(field("end"), "datetime"),
        id="period-end-datetime",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod, None, JULY_31),
        ts.InvalidPeriodError,
        shows(field("start"), "None"),
        id="period-start-none",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod, JULY_1, 20240731),
        ts.InvalidPeriodError,
        shows(field("end"), "20240731"),
        id="period-end-int",
    ),
    pytest.param(
        partial(ts.AssessmentPeriod, JULY_31, JULY_1),
        ts.InvalidPeriodError,
        shows(field("end"), r"2024-07-01|2024, 7, 1\)"),
        id="period-end-before-start",
    ),
    # Exemptions.
    pytest.param(
        exemption(start="2024-07-01"),
        ts.InvalidPeriodError,
        shows(field("start"), text("2024-07-01")),
        id="exemption-start-str",
    ),
    pytest.param(
        exemption(end=datetime(2024, 7, 31, 12, 0)),  # noqa: DTZ001 - the bad input
        ts.InvalidPeriodError,
        shows(field("end"), "datetime"),
        id="exemption-end-datetime",
    ),
    pytest.param(
        exemption(end=date(2024, 6, 30)),
        ts.InvalidPeriodError,
        shows(field("end"), r"2024-06-30|2024, 6, 30\)"),
        id="exemption-end-before-start",
    ),
    pytest.param(
        exemption(categories="服饰"),
        ts.RuleBookError,
        shows(field("categories"), text("服饰")),
        id="exemption-categories-bare-string",
    ),
    pytest.param(
        exemption(regions="河南"),
        ts.RuleBookError,
        shows(field("regions"), text("河南")),
        id="exemption-regions-bare-string",
    ),
    pytest.param(
        exemption(regions={"河南": False}),
        ts.RuleBookError,
        shows(field("regions"), text("河南")),
        id="exemption-regions-table",
    ),
    pytest.param(
        exemption(categories=["服饰", 3]),
        ts.RuleBookError,
        shows(field("categories"), r"\b3\b"),
        id="exemption-categories-non-string-item",
    ),
    pytest.param(
        exemption(regions=[Opaque()]),
        ts.RuleBookError,
        shows(field("regions"), "<opaque>"),
        id="exemption-regions-object-item",
    ),
    pytest.param(
        exemption(reason=None),
        ts.RuleBookError,
        shows(field("reason"), "None"),
        id="exemption-reason-none",
    ),
    pytest.param(
        exemption(reason=5),
        ts.RuleBookError,
        shows(field("reason"), r"\b5\b"),
        id="exemption-reason-int",
    ),
    # Rule books built in code.
    pytest.param(
        partial(ts.RuleBook, profiles=None),
        ts.RuleBookError,
        shows(field("profiles"), "None"),
        id="rulebook-profiles-none",
    ),
    pytest.param(
        partial(ts.RuleBook, profiles=["服饰"]),
        ts.RuleBookError,
        shows(field("profiles"), text("服饰")),
        id="rulebook-profiles-list",
    ),
    pytest.param(
        partial(ts.RuleBook, profiles={"服饰": "0.2"}),
        ts.RuleBookError,
        shows(field("服饰"), text("0.2")),
        id="rulebook-profile-str",
    ),
    pytest.param(
        partial(ts.RuleBook, profiles={}, exemptions=["台风"]),
        ts.RuleBookError,
        shows(field("exemptions"), text("台风")),
        id="rulebook-exemption-str",
    ),
    pytest.param(
        partial(ts.RuleBook, profiles={}, missing_data="sometimes"),
        ts.RuleBookError,
        shows(field("missing_data"), text("sometimes")),
        id="rulebook-missing-data-bad-value",
    ),
    pytest.param(
        partial(ts.RuleBook, profiles={}, missing_data=None),
        ts.RuleBookError,
        shows(field("missing_data"), "None"),
        id="rulebook-missing-data-none",
    ),
    # Star ratings.
    pytest.param(
        partial(ts.star_rating, NAN),
        ts.InvalidScoreError,
        shows(field("score"), r"(?i:nan)"),
        id="stars-nan",
    ),
    pytest.param(
        partial(ts.star_rating, "abc"),
        ts.InvalidScoreError,
        shows(field("score"), text("abc")),
        id="stars-abc",
    ),
    pytest.param(
        partial(ts.star_rating, True),  # noqa: FBT003 - the bad input
        ts.InvalidScoreError,
        shows(field("score"), "True"),
        id="stars-true",
    ),
    pytest.param(
        partial(ts.star_rating, None),
        ts.InvalidScoreError,
        shows(field("score"), "None"),
        id="stars-none",
    ),
    pytest.param(
        partial(ts.star_rating, D("1e999999")),
        ts.InvalidScoreError,
        shows(field("score"), r"(?i:1e\+?999999)"),
        id="stars-huge-exponent",
    ),
    pytest.param(
        partial(ts.star_rating, 99),
        ts.InvalidScoreError,
        shows(field("score"), r"\b99\b"),
        id="stars-99",
    ),
]


@pytest.mark.parametrize(("call", "error", "pattern"), DIRECT)
def test_direct_bad_input(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


# Rule book documents: the converter's unstructured form, spoiled one way each.

EXEMPTION_DOC = {
    "start": "2024-07-15",
    "end": "2024-07-31",
    "reason": "台风",
    "regions": ["浙江"],
}
GOOD_DOC = {
    "profiles": {"服饰": dict(WEIGHTS)},
    "exemptions": [dict(EXEMPTION_DOC)],
    "missing_data": "renormalise",
}

MISSING = object()


def spoiled(path: tuple[str | int, ...], value: object) -> dict[str, object]:
    """GOOD_DOC with the item at *path* set to *value* (or removed: MISSING)."""
    doc = copy.deepcopy(GOOD_DOC)
    *parents, last = path
    node: object = doc
    for key in parents:
        node = node[key]  # type: ignore[index]
    if value is MISSING:
        del node[last]  # type: ignore[attr-defined]
    else:
        node[last] = value  # type: ignore[index]
    return doc


DOCUMENTS = [
    pytest.param(
        spoiled(("colour",), "red"),
        shows(field("colour")),
        id="top-unknown-key",
    ),
    pytest.param(
        spoiled(("profiles",), MISSING),
        shows(field("profiles")),
        id="top-profiles-missing",
    ),
    pytest.param(
        spoiled(("profiles",), "everything"),
        shows(field("profiles"), text("everything")),
        id="profiles-str",
    ),
    pytest.param(
        spoiled(("profiles",), ["服饰"]),
        shows(field("profiles")),
        id="profiles-list",
    ),
    pytest.param(
        spoiled(("profiles", "服饰"), "half"),
        shows(field("服饰"), text("half")),
        id="profile-str",
    ),
    pytest.param(
        spoiled(("profiles", "服饰"), [0.2, 0.3, 0.2, 0.2, 0.1]),
        shows(field("服饰")),
        id="profile-list",
    ),
    pytest.param(
        spoiled(("profiles", "服饰", "product"), "abc"),
        shows(field("product"), text("abc")),
        id="weight-abc",
    ),
    pytest.param(
        spoiled(("profiles", "服饰", "product"), "NaN"),
        shows(field("product"), text("NaN")),
        id="weight-nan-str",
    ),
    pytest.param(
        spoiled(("profiles", "服饰", "product"), True),  # noqa: FBT003 - the bad input
        shows(field("product"), "True|true"),
        id="weight-bool",
    ),
    pytest.param(
        spoiled(("profiles", "服饰", "product"), ["0.2"]),
        shows(field("product"), r"0\.2"),
        id="weight-list",
    ),
    pytest.param(
        spoiled(("profiles", "服饰", "product"), {"value": "0.2"}),
        shows(field("product")),
        id="weight-table",
    ),
    pytest.param(
        spoiled(("profiles", "服饰", "product"), "1e999999"),
        shows(field("product"), r"(?i:1e\+?999999)"),
        id="weight-huge-exponent",
    ),
    pytest.param(
        spoiled(("profiles", "服饰", "product"), "0.5"),
        shows(field("服饰"), r"1\.3"),
        id="weights-sum-1.3",
    ),
    pytest.param(
        spoiled(("profiles", "服饰", "dispute"), MISSING),
        shows(field("dispute")),
        id="weight-missing",
    ),
    pytest.param(
        spoiled(("profiles", "服饰", "colour"), "0"),
        shows(field("colour")),
        id="profile-unknown-key",
    ),
    pytest.param(
        spoiled(("exemptions",), "none"),
        shows(field("exemptions"), text("none")),
        id="exemptions-str",
    ),
    pytest.param(
        spoiled(("exemptions",), dict(EXEMPTION_DOC)),
        shows(field("exemptions")),
        id="exemptions-table",
    ),
    pytest.param(
        spoiled(("exemptions", 0), "typhoon"),
        shows(field("exemptions"), text("typhoon")),
        id="exemption-str",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "start"), "not a date"),
        shows(field("start"), text("not a date")),
        id="exemption-start-not-a-date",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "start"), "2024-13-01"),
        shows(field("start"), text("2024-13-01")),
        id="exemption-start-month-13",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "start"), 20240715),
        shows(field("start"), "20240715"),
        id="exemption-start-int",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "end"), MISSING),
        shows(field("end")),
        id="exemption-end-missing",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "reason"), 5),
        shows(field("reason"), r"\b5\b"),
        id="exemption-reason-int",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "reason"), MISSING),
        shows(field("reason")),
        id="exemption-reason-missing",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "categories"), "服饰"),
        shows(field("categories"), text("服饰")),
        id="exemption-categories-bare-string",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "regions"), {"浙江": False}),
        shows(field("regions"), text("浙江")),
        id="exemption-regions-table",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "regions"), [3]),
        shows(field("regions"), r"\b3\b"),
        id="exemption-regions-int-item",
    ),
    pytest.param(
        spoiled(("exemptions", 0, "note"), "x"),
        shows(field("note")),
        id="exemption-unknown-key",
    ),
    pytest.param(
        spoiled(("missing_data",), "sometimes"),
        shows(field("missing_data"), text("sometimes")),
        id="missing-data-bad-enum",
    ),
    pytest.param(
        spoiled(("missing_data",), "RENORMALISE"),
        shows(field("missing_data"), text("RENORMALISE")),
        id="missing-data-enum-name-not-value",
    ),
    pytest.param(
        spoiled(("missing_data",), 3),
        shows(field("missing_data"), r"\b3\b"),
        id="missing-data-int",
    ),
]


@pytest.mark.parametrize(("document", "pattern"), DOCUMENTS)
def test_structure_bad_document(document, pattern):
    with pytest.raises(ts.RuleBookError, match=pattern):
        ts.converter.structure(document, ts.RuleBook)


@pytest.mark.parametrize(
    "document",
    [
        pytest.param([GOOD_DOC], id="list"),
        pytest.param("profiles", id="str"),
        pytest.param(None, id="none"),
        pytest.param(3, id="int"),
    ],
)
def test_structure_bad_top_level(document):
    with pytest.raises(ts.RuleBookError):
        ts.converter.structure(document, ts.RuleBook)


def names_file(path: Path, *patterns: str) -> str:
    return shows(re.escape(path.name), *patterns)


@pytest.mark.parametrize(("document", "pattern"), DOCUMENTS)
def test_load_bad_json_document(tmp_path, document, pattern):
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ts.RuleBookError, match=shows(re.escape(path.name))):
        ts.load_rulebook(path)
    with pytest.raises(ts.RuleBookError, match=pattern):
        ts.load_rulebook(path)


@pytest.mark.parametrize(("document", "pattern"), DOCUMENTS)
def test_load_bad_toml_document(tmp_path, document, pattern):
    path = tmp_path / "edition.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    with pytest.raises(ts.RuleBookError, match=shows(re.escape(path.name))):
        ts.load_rulebook(path)
    with pytest.raises(ts.RuleBookError, match=pattern):
        ts.load_rulebook(path)


GOOD_JSON = json.dumps(GOOD_DOC, ensure_ascii=False)
HUGE = "1" + "0" * 5000

FILES = [
    pytest.param(
        "edition.toml",
        'missing_data = "zero"\n[profiles."服饰"]\nproduct = "0.'.encode(),
        (),
        id="toml-truncated",
    ),
    pytest.param(
        "edition.toml",
        b'[profiles."\xe6\x9c\x8d',
        (),
        id="toml-truncated-mid-character",
    ),
    pytest.param("edition.json", GOOD_JSON[:40].encode(), (), id="json-truncated"),
    pytest.param("edition.json", b"", (), id="json-empty"),
    pytest.param("edition.toml", b"", (), id="toml-empty"),
    pytest.param("edition.json", b"   \n", (), id="json-blank"),
    pytest.param("edition.json", GOOD_JSON.encode("gbk"), (), id="json-gbk"),
    pytest.param(
        "edition.toml",
        tomli_w.dumps(GOOD_DOC).encode("gbk"),
        (),
        id="toml-gbk",
    ),
    pytest.param("edition.json", json.dumps([GOOD_DOC]).encode(), (), id="json-top-level-list"),
    pytest.param("edition.json", b'"profiles"', (), id="json-top-level-str"),
    pytest.param("edition.json", b"null", (), id="json-top-level-null"),
    # NaN and Infinity are not JSON (RFC 8259): a syntax error, shown as written.
    pytest.param(
        "edition.json",
        GOOD_JSON.replace('"product": "0.2"', '"product": NaN').encode(),
        (re.escape("NaN"),),
        id="json-nan-literal",
    ),
    pytest.param(
        "edition.json",
        GOOD_JSON.replace('"product": "0.2"', '"product": Infinity').encode(),
        (re.escape("Infinity"),),
        id="json-infinity-literal",
    ),
    pytest.param(
        "edition.json",
        GOOD_JSON.replace('"product": "0.2"', '"product": -Infinity').encode(),
        (re.escape("-Infinity"),),
        id="json-minus-infinity-literal",
    ),
    pytest.param(
        "edition.json",
        GOOD_JSON.replace('"product": "0.2"', f'"product": {HUGE}').encode(),
        (),
        id="json-huge-int",
    ),
    pytest.param(
        "edition.json",
        GOOD_JSON.replace('"product": "0.2"', '"product": 1e999999').encode(),
        (),
        id="json-huge-float",
    ),
    pytest.param(
        "edition.toml",
        tomli_w.dumps(GOOD_DOC).replace('product = "0.2"', f"product = {HUGE}").encode(),
        (),
        id="toml-huge-int",
    ),
    pytest.param(
        "edition.toml",
        tomli_w.dumps(GOOD_DOC).replace('product = "0.2"', "product = nan").encode(),
        (field("product"),),
        id="toml-nan",
    ),
    pytest.param(
        "edition.toml",
        tomli_w.dumps(GOOD_DOC).replace('product = "0.2"', "product = inf").encode(),
        (field("product"),),
        id="toml-inf",
    ),
    pytest.param("edition.json", b"[" * 100_000, (), id="json-deeply-nested"),
    # Two equal keys: JSON kept the last one silently, where TOML refuses.
    pytest.param(
        "edition.json",
        GOOD_JSON.replace('"product": "0.2"', '"product": "0.9", "product": "0.2"').encode(),
        ("product", "twice"),
        id="json-duplicate-key",
    ),
    pytest.param(
        "edition.toml",
        tomli_w.dumps(GOOD_DOC)
        .replace('product = "0.2"', 'product = "0.9"\nproduct = "0.2"')
        .encode(),
        (),
        id="toml-duplicate-key",
    ),
    # Half of a UTF-16 pair is no text: it loaded, then no output could hold it.
    pytest.param(
        "edition.json",
        json.dumps({**GOOD_DOC, "name": "\ud800"}).encode(),
        ("surrogate",),
        id="json-lone-surrogate-value",
    ),
    pytest.param(
        "edition.json",
        json.dumps({**GOOD_DOC, "profiles": {"\udfff": WEIGHTS}}).encode(),
        ("surrogate",),
        id="json-lone-surrogate-key",
    ),
    pytest.param("edition.yaml", GOOD_JSON.encode(), (), id="unsupported-yaml"),
    pytest.param("edition.txt", GOOD_JSON.encode(), (), id="unsupported-txt"),
    pytest.param("edition", GOOD_JSON.encode(), (), id="no-extension"),
]


@pytest.mark.parametrize(("name", "content", "patterns"), FILES)
def test_load_bad_file(tmp_path, name, content, patterns):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ts.RuleBookError, match=names_file(path, *patterns)):
        ts.load_rulebook(path)


def test_load_missing_file(tmp_path):
    path = tmp_path / "absent.json"
    with pytest.raises(ts.RuleBookError, match=names_file(path)):
        ts.load_rulebook(path)


def test_load_directory(tmp_path):
    path = tmp_path / "folder.toml"
    path.mkdir()
    with pytest.raises(ts.RuleBookError, match=names_file(path)):
        ts.load_rulebook(path)


def test_an_escaped_surrogate_pair_is_text(tmp_path):
    path = tmp_path / "edition.json"
    path.write_text(json.dumps({**GOOD_DOC, "name": "\U0001f600"}), encoding="utf-8")
    assert '"\\ud83d\\ude00"' in path.read_text(encoding="utf-8")
    assert ts.load_rulebook(path).name == "\U0001f600"


def test_good_document_is_good(tmp_path):
    """The spoiled documents start from one that loads: a control."""
    path = tmp_path / "edition.json"
    path.write_text(GOOD_JSON, encoding="utf-8")
    assert isinstance(ts.load_rulebook(path), ts.RuleBook)
    assert isinstance(ts.converter.structure(GOOD_DOC, ts.RuleBook), ts.RuleBook)
    toml_path = tmp_path / "edition.toml"
    toml_path.write_text(tomli_w.dumps(GOOD_DOC), encoding="utf-8")
    assert ts.load_rulebook(toml_path) == ts.load_rulebook(path)
