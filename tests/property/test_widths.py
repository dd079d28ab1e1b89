"""A cell's width in a terminal: rich's measure and the library's own agree on names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tmall_service._values.text import padded, text_table, width

# What shop names, categories, regions and reasons are made of: Chinese,
# Latin letters and digits, full-width forms, CJK punctuation, accents.
NAMES = st.text(
    st.characters(
        codec="utf-8",
        categories=("Lu", "Ll", "Lo", "Nd", "Po", "Ps", "Pe", "Zs", "Mn"),
        exclude_characters="\u00ad\u115f\u1160",
    ).filter(
        lambda c: (
            c.isascii()
            or "\u3000" <= c <= "\u9fff"
            or "\uff01" <= c <= "\uff60"
            or "\u00c0" <= c <= "\u024f"
            or "\u0300" <= c <= "\u036f"
        )
    ),
    max_size=20,
)


@given(NAMES)
def test_the_standard_librarys_measure_agrees_with_richs(text):
    assert width(text) == cell_len(text)


@given(st.lists(st.lists(NAMES, min_size=2, max_size=2), min_size=1, max_size=5))
def test_every_column_of_a_text_table_starts_at_the_same_terminal_column(rows):
    header = ["name", "other"]
    lines = text_table(header, rows, rule=False).splitlines()
    for line, row in zip(lines, [header, *rows], strict=True):
        first = padded(row[0], max(width(r[0]) for r in [header, *rows]))
        assert line.startswith(first + "  ") or line == first.rstrip()
