"""Loading rule books: from a path, an open file, text, bytes and a mapping, one rule book.

One error for one fault whatever the form; files round-trip, hand-written TOML and JSON load,
numbers are read exactly, and a file too large, unreadable or no table is refused by name.
"""

import datetime as dt
import io
import json
import pathlib
import re
import tomllib
import types
from datetime import date
from decimal import Decimal

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings

import tmall_service as ts
from contract_values import (
    APPAREL,
    SEED_SCORES,
    SEED_WEIGHTS,
    D,
    P,
    _book,
    _month,
    _toml_ready,
)
from strategies import rulebooks
from tmall_service._files import loading as _loading

EXAMPLE_TOML = (pathlib.Path(ts.__file__).parent / "data" / "example-edition.toml").read_text(
    encoding="utf-8"
)
EXAMPLE = ts.example_rulebook()
EXAMPLE_JSON = json.dumps(ts.converter.unstructure(EXAMPLE), ensure_ascii=False)


def without_nulls(data):
    """TOML has no null: a null value is left out, as the file format allows."""
    if isinstance(data, dict):
        return {k: without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [without_nulls(v) for v in data]
    return data


def every_form(tmp_path, text, fmt):
    """The rule book of *text* read every way there is, by the name of the way."""
    path = tmp_path / f"edition.{fmt}"
    path.write_text(text, encoding="utf-8")
    data = text.encode()
    document = tomllib.loads(text, parse_float=Decimal) if fmt == "toml" else json.loads(text)
    with open(path, "rb") as binary, open(path, encoding="utf-8") as textual:  # noqa: PTH123 - the built-in open is the form under test
        return {
            "path": ts.load_rulebook(path),
            "path as str": ts.load_rulebook(str(path)),
            "open binary": ts.load_rulebook(binary),
            "open text": ts.load_rulebook(textual),
            "BytesIO": ts.load_rulebook(io.BytesIO(data), format=fmt),
            "StringIO": ts.load_rulebook(io.StringIO(text), format=fmt),
            "text": ts.loads_rulebook(text, format=fmt),
            "bytes": ts.loads_rulebook(data, format=fmt),
            "bytearray": ts.loads_rulebook(bytearray(data), format=fmt),
            "mapping": ts.rulebook_from_dict(document),
        }


@pytest.mark.parametrize(("text", "fmt"), [(EXAMPLE_TOML, "toml"), (EXAMPLE_JSON, "json")])
def test_every_form_gives_the_same_rule_book(tmp_path, text, fmt):
    books = every_form(tmp_path, text, fmt)
    assert all(book == EXAMPLE for book in books.values()), [
        name for name, book in books.items() if book != EXAMPLE
    ]


def test_toml_is_the_default_format_of_text():
    assert ts.loads_rulebook(EXAMPLE_TOML) == EXAMPLE


def test_a_byte_order_mark_is_dropped_in_every_form(tmp_path):
    text = "\ufeff" + EXAMPLE_TOML
    assert ts.loads_rulebook(text) == EXAMPLE
    assert ts.loads_rulebook(text.encode()) == EXAMPLE
    assert ts.load_rulebook(io.BytesIO(text.encode()), format="toml") == EXAMPLE
    path = tmp_path / "bom.toml"
    path.write_text(text, encoding="utf-8")
    assert ts.load_rulebook(path) == EXAMPLE


BAD_TOML = {
    "syntax": "profiles = {",
    "a threshold of 43": "profiles = {}\n[thresholds]\nmarketing_access = 43\n",
    "an unknown key": 'colour = "red"\nprofiles = {}\n',
    "wrong types": 'name = 3\nprofiles = "x"\n',
    "no profiles": 'name = "x"\n',
    "a weight out of range": (
        '[profiles."服饰"]\nproduct = "2"\nlogistics = "0"\nafter_sales = "0"\n'
        'dispute = "0"\nconsultation = "0"\n'
    ),
    "a raw lone surrogate": 'name = "\ud800"\nprofiles = {}\n',
}
BAD_JSON = {
    "syntax": '{"profiles": {',
    "not a table": "[1, 2]",
    "a threshold of 43": '{"profiles": {}, "thresholds": {"marketing_access": 43}}',
    "an unknown key": '{"profiles": {}, "colour": "red"}',
    "wrong types": '{"profiles": "x", "name": 3}',
    "a key twice": '{"profiles": {}, "profiles": {}}',
    "NaN": '{"profiles": {}, "thresholds": {"marketing_access": NaN}}',
    "a lone surrogate escape": '{"profiles": {}, "name": "\\ud800"}',
}


def error_of(call):
    with pytest.raises(ts.RuleBookError) as caught:
        call()
    return str(caught.value)


def file_error(tmp_path, text, fmt):
    """The error of a file holding *text*, its name taken off the front."""
    path = tmp_path / f"bad.{fmt}"
    # A lone surrogate cannot be written as UTF-8; a file holds those bytes as they come.
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    message = error_of(lambda: ts.load_rulebook(path))
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


@pytest.mark.parametrize(
    ("fmt", "text"),
    [("toml", text) for text in BAD_TOML.values()] + [("json", text) for text in BAD_JSON.values()],
    ids=[f"toml: {name}" for name in BAD_TOML] + [f"json: {name}" for name in BAD_JSON],
)
def test_text_and_streams_fail_as_the_file_does_without_its_name(tmp_path, fmt, text):
    expected = file_error(tmp_path, text, fmt)
    if "\ud800" in text:  # the file's bytes are not UTF-8; the text is not either
        expected = error_of(lambda: ts.loads_rulebook(text, format=fmt))
        assert expected.startswith("not UTF-8 text")
    else:
        assert error_of(lambda: ts.loads_rulebook(text, format=fmt)) == expected
        assert error_of(lambda: ts.load_rulebook(io.StringIO(text), format=fmt)) == expected
    assert error_of(
        lambda: ts.loads_rulebook(text.encode("utf-8", "surrogatepass"), format=fmt)
    ) == file_error(tmp_path, text, fmt)
    stream = io.BytesIO(text.encode("utf-8", "surrogatepass"))
    assert error_of(lambda: ts.load_rulebook(stream, format=fmt)) == file_error(tmp_path, text, fmt)


@pytest.mark.parametrize(
    "text", [t for name, t in BAD_JSON.items() if name not in {"syntax", "a key twice", "NaN"}]
)
def test_a_mapping_fails_as_the_file_of_its_json_does(tmp_path, text):
    document = json.loads(text)
    message = error_of(lambda: ts.rulebook_from_dict(document))
    if "ud800" in text:  # no JSON here: the mapping holds the surrogate itself
        assert message == "$: a string holds a lone surrogate such as \\ud800, which is not text"
    else:
        assert message == file_error(tmp_path, text, "json")


def test_an_open_file_with_a_name_is_named_as_its_path_is(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(BAD_TOML["an unknown key"], encoding="utf-8")
    with open(path, "rb") as file:  # noqa: PTH123 - the built-in open is the form under test
        assert error_of(lambda: ts.load_rulebook(file)) == error_of(lambda: ts.load_rulebook(path))


def test_bytes_that_are_not_utf8_are_refused_as_a_file_is(tmp_path):
    data = "name = '服饰'\nprofiles = {}\n".encode("gbk")
    expected = file_error_bytes(tmp_path, data)
    assert expected.startswith("not UTF-8 text (byte ")
    assert error_of(lambda: ts.loads_rulebook(data)) == expected
    assert error_of(lambda: ts.load_rulebook(io.BytesIO(data), format="toml")) == expected


def file_error_bytes(tmp_path, data):
    path = tmp_path / "gbk.toml"
    path.write_bytes(data)
    return error_of(lambda: ts.load_rulebook(path)).removeprefix(f"{path}: ")


def test_a_text_file_in_the_wrong_encoding_is_refused_with_the_remedy(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes("name = '服饰'\nprofiles = {}\n".encode("gbk"))
    with open(path, encoding="utf-8") as file:  # noqa: PTH123 - the built-in open is the form under test
        message = error_of(lambda: ts.load_rulebook(file))
    assert message.startswith(f"{path}: not text in its encoding (")
    assert "open the file in binary mode ('rb')" in message


# The format


@pytest.mark.parametrize("fmt", ["yaml", "TOML", ".toml", None, 1, ""])
def test_a_bad_format_is_an_option_error_listing_the_formats(fmt):
    with pytest.raises(ts.InvalidOptionError) as caught:
        ts.loads_rulebook(EXAMPLE_TOML, format=fmt)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        f"format: {fmt!r} is not a rule book format; write 'toml' or 'json'"
    )


def test_a_bad_format_is_refused_for_files_too(tmp_path):
    path = tmp_path / "edition.toml"
    path.write_text(EXAMPLE_TOML, encoding="utf-8")
    with pytest.raises(ts.InvalidOptionError, match="format: 'yaml' is not a rule book format"):
        ts.load_rulebook(path, format="yaml")
    with pytest.raises(ts.InvalidOptionError, match="format: 'yaml' is not a rule book format"):
        ts.load_rulebook(io.BytesIO(b""), format="yaml")


def test_format_overrides_the_suffix(tmp_path):
    path = tmp_path / "edition.txt"
    path.write_text(EXAMPLE_JSON, encoding="utf-8")
    assert ts.load_rulebook(path, format="json") == EXAMPLE
    misnamed = tmp_path / "edition.toml"
    misnamed.write_text(EXAMPLE_JSON, encoding="utf-8")
    assert ts.load_rulebook(misnamed, format="json") == EXAMPLE
    with open(misnamed, "rb") as file:  # noqa: PTH123 - the built-in open is the form under test
        assert ts.load_rulebook(file, format="json") == EXAMPLE
    with pytest.raises(ts.RuleBookError, match=r"'\.txt' is not a rule book format"):
        ts.load_rulebook(path)


def test_an_open_file_without_a_name_needs_the_format():
    with pytest.raises(ts.RuleBookError) as caught:
        ts.load_rulebook(io.BytesIO(EXAMPLE_TOML.encode()))
    assert str(caught.value) == (
        "the open file: no .toml or .json name to tell the format by; "
        "give format='toml' or format='json'"
    )


def test_an_open_file_of_another_suffix_needs_the_format(tmp_path):
    path = tmp_path / "edition.txt"
    path.write_text(EXAMPLE_TOML, encoding="utf-8")
    with open(path, "rb") as file:  # noqa: PTH123 - the built-in open is the form under test
        with pytest.raises(ts.RuleBookError, match=rf"^{path}: no \.toml or \.json name"):
            ts.load_rulebook(file)
        assert ts.load_rulebook(file, format="toml") == EXAMPLE


# What is not a source


@pytest.mark.parametrize("source", [42, None, b"edition.toml", ["edition.toml"], object()])
def test_load_rulebook_refuses_what_is_neither_a_path_nor_an_open_file(source):
    with pytest.raises(ts.RuleBookError, match=r"^path: .* is not a path or an open file; "):
        ts.load_rulebook(source)


@pytest.mark.parametrize("data", [42, None, io.BytesIO(b""), {"profiles": {}}, pathlib.Path("x")])
def test_loads_rulebook_refuses_what_is_not_text_or_bytes(data):
    with pytest.raises(ts.RuleBookError, match=r"^data: .* is not text or bytes; "):
        ts.loads_rulebook(data)


@pytest.mark.parametrize("mapping", [[1, 2], "profiles", None, 3])
def test_rulebook_from_dict_refuses_what_is_not_a_table(mapping):
    with pytest.raises(ts.RuleBookError) as caught:
        ts.rulebook_from_dict(mapping)
    assert str(caught.value) == (
        f"$: a rule book is a table of fields, not {type(mapping).__name__}"
    )


def test_rulebook_from_dict_reads_any_mapping_and_keeps_its_input():
    document = ts.converter.unstructure(EXAMPLE)
    before = json.dumps(document, sort_keys=True)
    assert ts.rulebook_from_dict(types.MappingProxyType(document)) == EXAMPLE
    assert json.dumps(document, sort_keys=True) == before


@pytest.mark.parametrize(
    "mapping",
    [
        {"profiles": {}, "name": "\ud800"},
        types.MappingProxyType({"profiles": {}, "name": "\udfff"}),
        {"profiles": {}, "excluded_categories": frozenset({"\ud800"})},
        {"profiles": types.MappingProxyType({"\ud800": {}})},
    ],
)
def test_rulebook_from_dict_refuses_a_lone_surrogate_anywhere(mapping):
    assert error_of(lambda: ts.rulebook_from_dict(mapping)) == (
        "$: a string holds a lone surrogate such as \\ud800, which is not text"
    )


def test_rulebook_from_dict_uses_up_no_iterator():
    names = iter(["汽车"])
    book = ts.rulebook_from_dict({"profiles": {}, "excluded_categories": names})
    assert book.excluded_categories == frozenset({"汽车"})


def test_rulebook_from_dict_names_odd_keys_and_values_by_path():
    message = error_of(lambda: ts.rulebook_from_dict({"profiles": {}, ("a",): 1}))
    assert message.startswith("invalid RuleBook:\n  $: unknown key")
    message = error_of(lambda: ts.rulebook_from_dict({"profiles": {}, "name": object()}))
    assert message.startswith("invalid RuleBook:\n  $.name: ")


def test_a_closed_or_unreadable_file_is_refused(tmp_path):
    stream = io.BytesIO(b"profiles = {}")
    stream.close()
    message = error_of(lambda: ts.load_rulebook(stream, format="toml"))
    assert message.startswith("cannot be read: ")
    path = tmp_path / "edition.toml"
    with open(path, "wb") as file:  # noqa: PTH123 - the built-in open is the form under test
        message = error_of(lambda: ts.load_rulebook(file))
    assert message.startswith(f"{path}: cannot be read: ")


def test_a_stream_whose_read_gives_no_data_is_refused():
    class Odd:
        name = "edition.toml"

        def read(self, _size=-1):
            return 42

    assert error_of(lambda: ts.load_rulebook(Odd())) == (
        "edition.toml: read() gave 42, not bytes or text"
    )


# The size limit holds for every form


class Endless(io.RawIOBase):
    """A stream that never ends (as /dev/zero), counting what was asked of it."""

    def __init__(self):
        self.asked = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        self.asked += len(buffer)
        buffer[:] = b" " * len(buffer)
        return len(buffer)


def test_an_endless_stream_is_read_one_byte_past_the_limit(monkeypatch):
    monkeypatch.setattr(_loading, "MAX_FILE_BYTES", 1000)
    stream = Endless()
    message = error_of(lambda: ts.load_rulebook(stream, format="toml"))
    assert message == "larger than 1000 bytes; not a rule book"
    assert stream.asked == 1001


def test_text_and_bytes_past_the_limit_are_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(_loading, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.toml"
    path.write_text(" " * 1001, encoding="utf-8")
    assert error_of(lambda: ts.load_rulebook(path)) == (
        f"{path}: larger than 1000 bytes (1001 bytes); not a rule book"
    )
    message = "larger than 1000 bytes; not a rule book"
    assert error_of(lambda: ts.loads_rulebook(" " * 1001)) == message
    assert error_of(lambda: ts.loads_rulebook(b" " * 1001)) == message
    assert error_of(lambda: ts.load_rulebook(io.StringIO(" " * 5000), format="toml")) == message
    # 400 characters, 1200 bytes in UTF-8: the bytes count, as in a file.
    assert error_of(lambda: ts.loads_rulebook("#" + "服" * 400)) == message
    assert ts.loads_rulebook("profiles = {}" + " " * 900) == ts.RuleBook(profiles={})


# Properties over any rule book


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(rulebooks())
def test_any_rule_book_reads_back_from_its_json_and_toml_text(book):
    document = ts.converter.unstructure(book)
    text = json.dumps(document, ensure_ascii=False)
    assert ts.loads_rulebook(text, format="json") == book
    assert ts.loads_rulebook(text.encode(), format="json") == book
    assert ts.loads_rulebook(tomli_w.dumps(without_nulls(document))) == book
    assert ts.rulebook_from_dict(document) == book
    assert ts.load_rulebook(io.BytesIO(text.encode()), format="json") == book


# The file format as API.md describes it, written by hand.
HAND_WRITTEN_TOML = """\
missing_data = "refuse"

[profiles."服饰"]
product = "0.2"
logistics = "0.3"
after_sales = "0.2"
dispute = "0.2"
consultation = "0.1"

[[exemptions]]
start = "2024-07-15"
end = "2024-07-31"
reason = "洪水"
regions = ["河南"]
"""


FINE = "0.10000000000000000001"  # more digits than a float holds


WEIGHTS = {
    "product": FINE,
    "logistics": "0.29999999999999999999",
    "after_sales": "0.2",
    "dispute": "0.2",
    "consultation": "0.2",
}


FLOOD = ts.Exemption(start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 2), reason="flood")


class TestLoadRulebook:
    @pytest.mark.parametrize(
        "book",
        [
            pytest.param(_book(), id="book"),
            pytest.param(ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS}), id="minimal"),
            pytest.param(ts.example_rulebook(), id="example"),
        ],
    )
    def test_json_round_trip(self, tmp_path, book):
        path = tmp_path / "edition.json"
        raw = ts.converter.unstructure(book)
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        assert ts.load_rulebook(path) == book

    @pytest.mark.parametrize(
        "book",
        [
            pytest.param(_book(), id="book"),
            pytest.param(ts.RuleBook(profiles={APPAREL: SEED_WEIGHTS}), id="minimal"),
            pytest.param(ts.example_rulebook(), id="example"),
        ],
    )
    def test_toml_round_trip(self, tmp_path, book):
        path = tmp_path / "edition.toml"
        raw = _toml_ready(ts.converter.unstructure(book))
        path.write_text(tomli_w.dumps(raw), encoding="utf-8")
        assert ts.load_rulebook(path) == book

    def test_hand_written_toml(self, tmp_path):
        path = tmp_path / "hand.toml"
        path.write_text(
            HAND_WRITTEN_TOML,
            encoding="utf-8",
        )
        expected = ts.RuleBook(
            profiles={APPAREL: SEED_WEIGHTS},
            exemptions=[
                ts.Exemption(
                    start=date(2024, 7, 15),
                    end=date(2024, 7, 31),
                    reason="洪水",
                    regions=["河南"],
                )
            ],
            missing_data=ts.MissingDataPolicy.REFUSE,
        )
        assert ts.load_rulebook(path) == expected

    def test_hand_written_json(self, tmp_path):
        path = tmp_path / "hand.json"
        document = {
            "profiles": {
                "美妆": {
                    "product": "0.3",
                    "logistics": "0.2",
                    "after_sales": "0.2",
                    "dispute": "0.2",
                    "consultation": "0.1",
                }
            },
        }
        path.write_text(json.dumps(document), encoding="utf-8")
        loaded = ts.load_rulebook(path)
        assert loaded.profiles["美妆"][P.PRODUCT] == D("0.3")
        assert loaded.missing_data is ts.MissingDataPolicy.RENORMALISE
        assert tuple(loaded.exemptions) == ()

    def test_example_rulebook(self):
        book = ts.example_rulebook()
        assert isinstance(book, ts.RuleBook)
        assert book == ts.example_rulebook()
        assert all(isinstance(p, ts.WeightProfile) for p in book.profiles.values())

    def test_loaded_book_assesses(self, tmp_path):
        path = tmp_path / "edition.json"
        raw = ts.converter.unstructure(_book())
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        result = ts.assess(
            SEED_SCORES, category=APPAREL, period=_month(6), rules=ts.load_rulebook(path)
        )
        assert result.score == D("3.30")


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_bare_numbers_in_a_file_are_read_as_exact_decimals(tmp_path, suffix):
    bare = ", ".join(f'"{k}": {v}' for k, v in WEIGHTS.items())
    if suffix == ".json":
        text = '{"profiles": {"服饰": {' + bare + "}}}"
    else:
        text = '[profiles."服饰"]\n' + "\n".join(f"{k} = {v}" for k, v in WEIGHTS.items())
    path = tmp_path / f"edition{suffix}"
    path.write_text(text, encoding="utf-8")
    assert ts.load_rulebook(path).profiles["服饰"].product == Decimal(FINE)


def test_a_file_of_exactly_the_largest_size_is_read(tmp_path, monkeypatch):
    text = '{"profiles": {}}'
    monkeypatch.setattr(_loading, "MAX_FILE_BYTES", len(text))
    path = tmp_path / "edition.json"
    path.write_text(text, encoding="utf-8")
    assert ts.load_rulebook(path).profiles == {}
    path.write_text(text + " ", encoding="utf-8")
    with pytest.raises(ts.RuleBookError, match=f"larger than {len(text)} bytes"):
        ts.load_rulebook(path)


def test_a_file_that_cannot_be_read_says_why(tmp_path):
    path = tmp_path / "edition.toml"
    path.mkdir()
    with pytest.raises(ts.RuleBookError, match=f"^{re.escape(str(path))}: cannot be read: Is a"):
        ts.load_rulebook(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("e.json", "[1]", r": \$: a rule book is a table of fields, not list$"),
        ("e.toml", "x = ", r": not valid TOML: "),
        ("e.json", "{", r": not valid JSON: "),
    ],
)
def test_a_document_that_is_no_table_is_named(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ts.RuleBookError, match=message):
        ts.load_rulebook(path)


def test_a_lone_surrogate_is_refused_in_words(tmp_path):
    path = tmp_path / "edition.json"
    path.write_text('{"profiles": {}, "name": "\\ud800"}', encoding="utf-8")
    message = (
        f"{path}: not valid JSON: a string holds a lone surrogate escape such as "
        "\\ud800, which is not text"
    )
    with pytest.raises(ts.RuleBookError) as caught:
        ts.load_rulebook(path)
    assert str(caught.value) == message


def test_a_very_long_key_is_cut_short_in_the_path_and_the_reason_kept():
    name = "服" * 10_000
    with pytest.raises(ts.RuleBookError) as error:
        ts.converter.structure({"profiles": {name: {"product": "a"}}}, ts.RuleBook)
    message = str(error.value)
    assert f"$.profiles['{'服' * 60}…(10000 characters)'].product: 'a' is not a number" in message
    assert len(message) < 2_000


class TestLoadingLimits:
    def test_a_file_over_the_size_limit_is_refused(self, tmp_path, monkeypatch):
        monkeypatch.setattr(_loading, "MAX_FILE_BYTES", 10)
        path = tmp_path / "big.json"
        path.write_text('{"profiles": {}}', encoding="utf-8")
        with pytest.raises(ts.RuleBookError, match=r"big\.json: larger than 10 bytes"):
            ts.load_rulebook(path)

    def test_a_byte_order_mark_is_accepted(self, tmp_path):
        path = tmp_path / "bom.json"
        path.write_bytes(b"\xef\xbb\xbf" + b'{"profiles": {}}')
        assert ts.load_rulebook(path) == ts.RuleBook(profiles={})

    def test_toml_dates_are_accepted_as_dates(self, tmp_path):
        path = tmp_path / "dates.toml"
        path.write_text(
            "profiles = {}\n[[exemptions]]\nstart = 2024-07-01\nend = 2024-07-02\n"
            'reason = "flood"\n',
            encoding="utf-8",
        )
        (exemption,) = ts.load_rulebook(path).exemptions
        assert exemption == FLOOD

    def test_structuring_none_as_names_is_refused(self):
        with pytest.raises(ts.RuleBookError, match="None is not a collection of names"):
            ts.converter.structure(None, frozenset[str])


@pytest.mark.parametrize(
    ("field", "value"),
    [("minimum_orders", 1.5), ("minimum_orders", True), ("new_shop_grace_months", 2.0)],
)
def test_whole_numbers_in_files_are_never_cut(field, value):
    with pytest.raises(ts.RuleBookError, match=rf"\$\.{field}: {value} is not a whole number"):
        ts.converter.structure({"profiles": {}, field: value}, ts.RuleBook)


def test_clearance_counts_in_files_are_whole_numbers():
    document = {"profiles": {}, "clearance_after": {"merchant_assessment": 2.7}}
    with pytest.raises(ts.RuleBookError, match=r"2\.7 is not a whole number"):
        ts.converter.structure(document, ts.RuleBook)
