"""A period written as text: ``AssessmentPeriod.parse``, every entry point, the command line."""

import datetime as dt
import io
import pathlib
import subprocess
import sys

import attrs
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import periods
from tmall_service._cli.main import main, parse_period

D = dt.date
SHOPS = str(pathlib.Path(__file__).parents[2] / "examples" / "shops.csv")
RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)
SCORES = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
FORMS = (
    "write 2025-08 (a month), 2025Q3 (a quarter), 2025H1 (a half-year), 2025 (a year) "
    "or 2025-07-01..2025-07-31 (a range)"
)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025-08", ts.AssessmentPeriod.month(2025, 8)),
        ("2024-02", ts.AssessmentPeriod(D(2024, 2, 1), D(2024, 2, 29))),
        ("2025Q3", ts.AssessmentPeriod.quarter(2025, 3)),
        ("2025q1", ts.AssessmentPeriod(D(2025, 1, 1), D(2025, 3, 31))),
        ("2025H1", ts.AssessmentPeriod(D(2025, 1, 1), D(2025, 6, 30))),
        ("2025h2", ts.AssessmentPeriod.half_year(2025, 2)),
        ("2025", ts.AssessmentPeriod(D(2025, 1, 1), D(2025, 12, 31))),
        ("2025-07-01..2025-07-31", ts.AssessmentPeriod(D(2025, 7, 1), D(2025, 7, 31))),
        ("2025-07-09..2025-07-09", ts.AssessmentPeriod(D(2025, 7, 9), D(2025, 7, 9))),
        ("2025-07-01 .. 2025-08-04", ts.AssessmentPeriod(D(2025, 7, 1), D(2025, 8, 4))),
        ("  2025-08\n", ts.AssessmentPeriod.month(2025, 8)),
        ("\u30002025Q3\u3000", ts.AssessmentPeriod.quarter(2025, 3)),  # ideographic spaces
        ("２０２５－０８", ts.AssessmentPeriod.month(2025, 8)),  # full-width
        ("２０２５Ｑ３", ts.AssessmentPeriod.quarter(2025, 3)),
        ("２０２５－０７－０１．．２０２５－０７－３１", ts.AssessmentPeriod.month(2025, 7)),
        ("0001-01", ts.AssessmentPeriod.month(1, 1)),
        ("9999H2", ts.AssessmentPeriod.half_year(9999, 2)),
    ],
)
def test_parse_reads_each_form(text, period):
    assert ts.AssessmentPeriod.parse(text) == period
    assert type(ts.AssessmentPeriod.parse(text)) is ts.AssessmentPeriod


@pytest.mark.parametrize(
    "text",
    [
        "2025-13",
        "2025-00",
        "2025Q5",
        "2025Q0",
        "2025H3",
        "abc",
        "",
        "   ",
        "2025-8",  # a month has two digits
        "25-08",
        "2025/08",
        "2025 Q3",
        "2025-08-01",  # one day is not a period without an edition
        "2025-02-30..2025-03-01",
        "2025-07-01..",
        "..2025-07-01",
        "2025-07-01...2025-07-31",
        "0000",
        "٢٠٢٥",  # Arabic-Indic digits are not read as a year
        "2025-W27",
        "20250701..20250731",
    ],
)
def test_parse_refuses_what_is_no_period_and_lists_the_forms(text):
    with pytest.raises(ts.InvalidPeriodError) as caught:
        ts.AssessmentPeriod.parse(text)
    assert str(caught.value) == f"period: {text!r} is not a period; {FORMS}"


def test_a_range_that_ends_before_it_starts_says_so():
    with pytest.raises(ts.InvalidPeriodError) as caught:
        ts.AssessmentPeriod.parse("2025-08-31..2025-08-01")
    assert str(caught.value) == f"period: '2025-08-31..2025-08-01' ends before it starts; {FORMS}"


@pytest.mark.parametrize("value", [None, 202508, b"2025-08", D(2025, 8, 1), ["2025-08"], 2025.0])
def test_parse_refuses_what_is_not_text(value):
    with pytest.raises(ts.InvalidPeriodError) as caught:
        ts.AssessmentPeriod.parse(value)
    assert str(caught.value).startswith(f"period: {value!r} is not an AssessmentPeriod or a text;")
    assert str(caught.value).endswith(FORMS)


def test_a_long_text_is_shown_cut_short():
    text = "2025-08" * 1000
    with pytest.raises(ts.InvalidPeriodError) as caught:
        ts.AssessmentPeriod.parse(text)
    assert len(str(caught.value)) < 300


@given(periods())
def test_a_period_reads_back_from_its_text(period):
    assert ts.AssessmentPeriod.parse(str(period)) == period


@given(st.integers(1, 9999), st.integers(1, 12))
def test_the_short_forms_are_the_named_constructors(year, month):
    assert ts.AssessmentPeriod.parse(f"{year:04d}-{month:02d}") == ts.AssessmentPeriod.month(
        year, month
    )
    quarter, half = (month + 2) // 3, (month + 5) // 6
    assert ts.AssessmentPeriod.parse(f"{year:04d}Q{quarter}") == ts.AssessmentPeriod.quarter(
        year, quarter
    )
    assert ts.AssessmentPeriod.parse(f"{year:04d}H{half}") == ts.AssessmentPeriod.half_year(
        year, half
    )
    assert ts.AssessmentPeriod.parse(f"{year:04d}") == ts.AssessmentPeriod.year(year)


@given(st.text(max_size=40))
def test_any_text_is_a_period_or_an_invalid_period_error(text):
    try:
        period = ts.AssessmentPeriod.parse(text)
    except ts.InvalidPeriodError as error:
        message = str(error)
    else:
        assert isinstance(period, ts.AssessmentPeriod)
        return
    assert message.startswith("period: ")
    assert message.endswith(FORMS)


# Every public entry point that takes a period takes its text too; a bad text is
# refused with the forms listed.

EDITIONS = ts.Editions(
    [
        attrs.evolve(
            RULES, name="2023", effective_from=D(2023, 1, 1), effective_to=D(2023, 12, 31)
        ),
        attrs.evolve(RULES, name="2024", effective_from=D(2024, 1, 1), effective_to=None),
    ]
)
FLOOD = RULES.exemptions[0]  # 河南, 2024-07-15..2024-07-31


def _frame_scores(result):
    return result["score"].to_list()


ENTRY_POINTS = {
    "assess": lambda period: ts.assess(SCORES, category="服饰", period=period, rules=RULES),
    "assess (Taobao rules)": lambda period: ts.assess(
        ts.TaobaoScores(
            description=5, logistics=5, customer_service=5, transaction_security=5, after_sales=5
        ),
        category="女装",
        period=period,
        rules=ts.example_rulebook(ts.Scheme.TAOBAO),
    ),
    "Assessment": lambda period: (
        ts.Assessment(
            scores=ts.DimensionScores(),
            category="服饰",
            period=period,
            status=ts.Status.NO_DATA,
            score=99,
        ).period
    ),
    "assess_frame": lambda period: _frame_scores(
        ts.assess_frame(
            pl.DataFrame(
                {
                    "category": ["服饰"],
                    "product": [5],
                    "logistics": [3],
                    "after_sales": [4],
                    "dispute": [1],
                    "consultation": [4],
                }
            ),
            rules=RULES,
            period=period,
        )
    ),
    "Editions.for_period": lambda period: EDITIONS.for_period(period).name,
    "RuleBook.check_period": RULES.check_period,
    "RuleBook.check_shop": lambda period: RULES.check_shop(
        category="服饰", region="河南", period=period
    ),
    "RuleBook.exemption_for": lambda period: RULES.exemption_for(
        category="服饰", region="河南", period=period
    ),
    "Exemption.during": FLOOD.during,
    "Exemption.covers": lambda period: FLOOD.covers(category="服饰", region="河南", period=period),
    "AssessmentPeriod.overlaps": JULY.overlaps,
    "gaps": lambda period: ts.gaps([ts.AssessmentPeriod.month(2024, 1), period]),
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("text", ["2024-07", "2024-07-01..2024-07-31", " ２０２４－０７ "])
def test_every_entry_point_takes_a_period_as_text(entry, text):
    call = ENTRY_POINTS[entry]
    assert call(text) == call(JULY)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_every_entry_point_takes_other_forms(entry):
    call = ENTRY_POINTS[entry]
    if entry == "Assessment":
        assert call("2024Q3") == ts.AssessmentPeriod.quarter(2024, 3)
        return
    if entry.startswith("assess"):  # the example editions are in force in 2024 only
        call("2024H2")
        return
    call("2024Q3")


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("bad", ["2024-13", "July", "2024-07-31..2024-07-01"])
def test_every_entry_point_refuses_a_bad_text_with_the_forms(entry, bad):
    field = "other" if entry == "AssessmentPeriod.overlaps" else "period"
    field = r"covered\[1\]" if entry == "gaps" else field
    with pytest.raises(ts.InvalidPeriodError, match=rf"^{field}: '{bad}' .*; write 2025-08 "):
        ENTRY_POINTS[entry](bad)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_every_entry_point_refuses_what_is_no_period(entry):
    with pytest.raises(ts.InvalidPeriodError, match=r"42 is not an AssessmentPeriod or a text; "):
        ENTRY_POINTS[entry](42)


def test_a_text_period_is_held_as_a_period():
    made = ts.assess(SCORES, category="服饰", period="2024-07", rules=RULES)
    assert made.period == JULY
    assert type(made.period) is ts.AssessmentPeriod
    assert made == ts.assess(SCORES, category="服饰", period=JULY, rules=RULES)


def test_a_text_period_outside_the_edition_is_refused_as_a_period_is():
    with pytest.raises(ts.InvalidPeriodError, match=r"period: 2026-01-01\.\.2026-01-31 is outside"):
        ts.assess(SCORES, category="服饰", period="2026-01", rules=RULES)


def test_gaps_refuses_one_text_for_a_collection():
    with pytest.raises(ts.InvalidPeriodError, match="covered: '2024' is not a collection"):
        ts.gaps("2024")


# The command line: the same grammar, and a day.


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2024-07", JULY),
        ("2024Q3", ts.AssessmentPeriod.quarter(2024, 3)),
        ("2024h1", ts.AssessmentPeriod.half_year(2024, 1)),
        ("2024", ts.AssessmentPeriod.year(2024)),
        ("2024-07-05..2024-08-04", ts.AssessmentPeriod(D(2024, 7, 5), D(2024, 8, 4))),
        ("2024-07-09", JULY),  # the edition's period holding that day
        (" ２０２４－０７－０９ ", JULY),
    ],
)
def test_the_command_line_reads_the_same_forms_and_a_day(text, period):
    assert parse_period(text, RULES) == period


@pytest.mark.parametrize("text", ["2024-13", "2024/06", "2024-02-30", "x..y"])
def test_the_command_line_lists_its_forms_a_day_included(text):
    with pytest.raises(ts.InvalidPeriodError) as caught:
        parse_period(text)
    assert str(caught.value) == (
        f"period: {text!r} is not a period; write 2025-08 (a month), 2025Q3 (a quarter), "
        "2025H1 (a half-year), 2025 (a year), 2025-07-01..2025-07-31 (a range) "
        "or 2025-07-15 (the edition's period holding that day)"
    )


def test_the_command_line_assesses_a_quarter(capsys):
    out = io.StringIO()
    code = main(["assess", SHOPS, "--period", "2024Q3"], out=out)
    assert code == 0, capsys.readouterr().err
    assert "period 2024-07-01..2024-09-30" in out.getvalue()


def test_the_command_line_refuses_a_bad_period_with_the_forms(capsys):
    code = main(["assess", SHOPS, "--period", "2024Q5"], out=io.StringIO())
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("tmall-service: error: period: '2024Q5' is not a period; write 2025-08")
    assert "2025-07-15 (the edition's period holding that day)" in err


def test_the_period_option_help_lists_the_forms(capsys):
    with pytest.raises(SystemExit):
        main(["assess", "--help"])
    help_text = "".join(capsys.readouterr().out.split())  # wrapped, at hyphens too
    for form in (
        "2025-08 (a month)",
        "2025Q3 (a quarter)",
        "2025H1 (a half-year)",
        "2025 (a year)",
    ):
        assert form.replace(" ", "") in help_text


# --version


def test_version_prints_the_version_and_exits_0(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"tmall-service {ts.__version__}\n"


def test_version_from_the_installed_command():
    result = subprocess.run(
        [sys.executable, "-m", "tmall_service", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == f"tmall-service {ts.__version__}\n"
    assert result.stderr == ""


def test_version_is_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--version" in capsys.readouterr().out
