"""The words every front end and every rule shares: one way to say a load, a day, a block week."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from runstrength_tui.domain.block import clamp_week
from runstrength_tui.domain.model import KG_PER_LB, SetRecord
from runstrength_tui.domain.words import DAY_NAMES, day_and_month, day_name, format_load, load_in_unit, number

MON = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    "kg, unit, text",
    [
        (12.5, "kg", "12.5 kg"),
        (12.0, "kg", "12 kg"),
        (8.125, "kg", "8.12 kg"),  # two decimals at most
        (20 * KG_PER_LB, "lb", "20 lb"),
        (27.55 * KG_PER_LB, "lb", "27.6 lb"),  # one decimal in pounds
        (100.0, "kg", "100 kg"),  # trailing zeros go, not the zeros of the number
    ],
)
def test_a_load_reads_one_way(kg, unit, text):
    assert format_load(kg, unit) == text


def test_a_logged_set_shows_its_load_as_format_load_says_it():
    record = SetRecord(
        id="a",
        session="s",
        exercise="goblet-squat",
        date=MON,
        logged_at=datetime(2026, 3, 2, 7),
        load_kg=25 * KG_PER_LB,
        unit="lb",
    )
    assert record.load_display == load_in_unit(record.load_kg, "lb") == 25.0
    assert f"{record.load_display:g} {record.unit}" == format_load(record.load_kg, record.unit)


def test_numbers_drop_trailing_zeros_only():
    assert [number(x) for x in (1.0, 1.5, 10.0, 0.0, 12.34)] == ["1", "1.5", "10", "0", "12.3"]
    assert number(100.0, 2) == "100" and number(7.25, 2) == "7.25"


def test_day_names_start_on_monday_and_say_tomorrow():
    assert DAY_NAMES[MON.weekday()] == "Monday" and len(DAY_NAMES) == 7
    assert day_name(date(2026, 3, 3), MON) == "tomorrow"
    assert day_name(date(2026, 3, 6), MON) == "Friday"
    assert day_name(date(2026, 3, 10), MON) == "Tuesday 10 Mar" == f"Tuesday {day_and_month(date(2026, 3, 10))}"


@pytest.mark.parametrize("week, weeks, shown", [(0, 10, 1), (1, 10, 1), (7, 10, 7), (10, 10, 10), (13, 10, 10)])
def test_the_block_week_stays_inside_the_block(week, weeks, shown):
    assert clamp_week(week, weeks) == shown


def test_counts_and_minutes_read_one_way():
    from runstrength_tui.domain.words import minutes_text, plural

    assert [plural(n, "set") for n in (0, 1, 2)] == ["0 sets", "1 set", "2 sets"]
    assert plural(3, "strength session") == "3 strength sessions"
    assert [minutes_text(s) for s in (0, 59, 60, 89, 90, 1140)] == [
        "under a minute",
        "under a minute",
        "1 min",
        "1 min",
        "2 min",
        "19 min",
    ]
