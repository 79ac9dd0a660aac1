"""CSV cells: never a formula for a spreadsheet, and exactly the text back on import."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from runstrength_tui.domain import csvlog

RISKY = ("=", "+", "-", "@", "\t", "\r")


@given(st.text(max_size=40))
def test_a_cell_is_never_a_formula_and_reads_back_as_written(text):
    cell = csvlog.cell(text)
    assert not cell.startswith(RISKY)
    assert csvlog.uncell(cell) == text


@given(st.sampled_from(RISKY + ("'",)), st.text(max_size=10))
def test_risky_cells_get_one_quote(first, rest):
    assert csvlog.cell(first + rest) == "'" + first + rest


def test_numbers_and_empty_cells_stay_as_they_are():
    assert csvlog.cell(12) == "12" and csvlog.cell(12.5) == "12.5" and csvlog.cell(None) == ""
