"""Editions side by side: which applies when, and loading them."""

import datetime as dt
import json

import attrs
import pytest

import tmall_service as ts

D = dt.date
BASE = ts.RuleBook(profiles={}, name="base")


def edition(name, first, last):
    return attrs.evolve(BASE, name=name, effective_from=first, effective_to=last)


Y2023 = edition("2023", D(2023, 1, 1), D(2023, 12, 31))
Y2024 = edition("2024", D(2024, 1, 1), None)


def test_editions_are_kept_in_the_order_they_came_into_force():
    editions = ts.Editions([Y2024, Y2023])
    assert [book.name for book in editions] == ["2023", "2024"]
    assert len(editions) == 2


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2023, 1, 1), "2023"),
        (D(2023, 12, 31), "2023"),
        (D(2024, 1, 1), "2024"),
        (D(2099, 1, 1), "2024"),
    ],
)
def test_the_edition_in_force_on_a_day(day, name):
    assert ts.Editions([Y2023, Y2024]).on(day).name == name


def test_a_day_before_every_edition_is_refused_naming_the_editions():
    with pytest.raises(ts.RuleBookError, match=r"no edition is in force on 2022-12-31.*2023"):
        ts.Editions([Y2023, Y2024]).on(D(2022, 12, 31))


def test_a_day_in_a_gap_between_editions_is_refused():
    editions = ts.Editions([Y2023, edition("2025", D(2025, 1, 1), None)])
    with pytest.raises(ts.RuleBookError, match="no edition is in force on 2024-06-01"):
        editions.on(D(2024, 6, 1))


def test_a_period_straddling_two_editions_is_refused():
    editions = ts.Editions([Y2023, Y2024])
    with pytest.raises(ts.RuleBookError, match=r"straddles 2023 .* and 2024"):
        editions.for_period(ts.AssessmentPeriod(D(2023, 12, 15), D(2024, 1, 14)))
    assert editions.for_period(ts.AssessmentPeriod.month(2024, 1)).name == "2024"


@pytest.mark.parametrize(
    "books",
    [
        [Y2023, edition("overlap", D(2023, 12, 31), None)],
        [edition("open", D(2020, 1, 1), None), Y2023],
        [edition("always", None, None), Y2023],
    ],
    ids=["one-day", "open-ended", "since-ever"],
)
def test_overlapping_editions_are_refused(books):
    with pytest.raises(ts.RuleBookError, match="both in force"):
        ts.Editions(books)


@pytest.mark.parametrize(
    ("books", "pattern"),
    [
        ("2023", r"editions: '2023' is not a sequence of RuleBook"),
        ([Y2023, "x"], r"editions\[1\]: 'x' is not a RuleBook"),
    ],
)
def test_bad_collections_are_refused(books, pattern):
    with pytest.raises(ts.RuleBookError, match=pattern):
        ts.Editions(books)


def test_effective_dates_in_the_wrong_order_are_refused():
    with pytest.raises(ts.InvalidPeriodError, match="effective_to: 2023-01-01 is before"):
        edition("x", D(2023, 6, 1), D(2023, 1, 1))


def test_in_force_is_inclusive():
    assert Y2023.in_force(D(2023, 12, 31))
    assert not Y2023.in_force(D(2024, 1, 1))
    assert BASE.in_force(D(1, 1, 1))


def test_editions_round_trip_through_the_converter_as_an_editions_table():
    editions = ts.Editions([Y2023, Y2024])
    data = ts.converter.unstructure(editions)
    assert list(data) == ["editions"]
    assert ts.converter.structure(json.loads(json.dumps(data)), ts.Editions) == editions


def test_load_editions_from_a_file_of_several(tmp_path):
    path = tmp_path / "all.json"
    path.write_text(
        json.dumps(ts.converter.unstructure(ts.Editions([Y2023, Y2024]))), encoding="utf-8"
    )
    assert [book.name for book in ts.load_editions(path)] == ["2023", "2024"]


def test_load_editions_from_a_file_of_one(tmp_path):
    path = tmp_path / "one.toml"
    path.write_text('name = "only"\nprofiles = {}\n', encoding="utf-8")
    (book,) = ts.load_editions(path)
    assert book.name == "only"


def test_load_editions_from_a_folder_ignores_other_files(tmp_path):
    for book in (Y2023, Y2024):
        (tmp_path / f"{book.name}.json").write_text(
            json.dumps(ts.converter.unstructure(book)), encoding="utf-8"
        )
    (tmp_path / "notes.txt").write_text("not a rule book", encoding="utf-8")
    (tmp_path / "nested.toml").mkdir()
    assert [book.name for book in ts.load_editions(tmp_path)] == ["2023", "2024"]


def test_load_editions_names_the_folder_when_editions_overlap(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.toml").write_text(
            f'name = "{name}"\nprofiles = {{}}\n', encoding="utf-8"
        )
    with pytest.raises(ts.RuleBookError, match=str(tmp_path)):
        ts.load_editions(tmp_path)


def test_load_editions_refuses_an_empty_folder(tmp_path):
    with pytest.raises(ts.RuleBookError, match=r"holds no \.toml or \.json"):
        ts.load_editions(tmp_path)


def test_a_bad_edition_in_a_file_of_several_is_named_by_path(tmp_path):
    path = tmp_path / "all.toml"
    path.write_text(
        '[[editions]]\nprofiles = {}\n[[editions]]\nprofiles = {}\ncolour = "red"\n',
        encoding="utf-8",
    )
    with pytest.raises(
        ts.RuleBookError, match=r"(?s)all\.toml.*\$\.editions\[1\]: unknown key colour"
    ):
        ts.load_editions(path)


def test_load_editions_names_a_path_that_does_not_exist(tmp_path):
    with pytest.raises(ts.RuleBookError, match="no such file or folder"):
        ts.load_editions(tmp_path / "missing")


def test_overlapping_files_are_named_with_their_dates(tmp_path):
    (tmp_path / "a.toml").write_text(
        'effective_from = "2024-01-01"\nprofiles = {}\n', encoding="utf-8"
    )
    (tmp_path / "b.toml").write_text(
        'effective_from = "2024-06-01"\nprofiles = {}\n', encoding="utf-8"
    )
    with pytest.raises(
        ts.RuleBookError, match=r"a\.toml: 2024-01-01\.\.…; b\.toml: 2024-06-01\.\.…"
    ):
        ts.load_editions(tmp_path)


def test_overlapping_editions_in_a_folder_show_every_file_and_its_dates(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps({"profiles": {}, "effective_to": "2024-12-31"}), encoding="utf-8"
    )
    (tmp_path / "b.json").write_text(
        json.dumps({"profiles": {}, "effective_from": "2024-06-01"}), encoding="utf-8"
    )
    with pytest.raises(ts.RuleBookError) as caught:
        ts.load_editions(tmp_path)
    assert str(caught.value).endswith("(the files: a.json: …..2024-12-31; b.json: 2024-06-01..…)")
    assert str(caught.value).startswith(f"{tmp_path}: ")
