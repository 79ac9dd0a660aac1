"""Input rules shared by the CLI and the TUI: both sides of every bound, and a message every time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrength_tui.domain.model import KG_PER_LB
from runstrength_tui.domain.validate import (
    MAX_LOAD_KG,
    MAX_REPS,
    MAX_SECONDS,
    MAX_SETS,
    InputError,
    check_measure,
    parse_day,
    parse_load,
    parse_reps,
    parse_rpe,
    parse_seconds,
    parse_sets,
)
from runstrength_tui.store.shipped import load_catalog

TODAY = date(2024, 6, 12)
CATALOG = load_catalog()
PROPS = settings(max_examples=200, deadline=None)


def rejects(fn, *args, match=None) -> str:
    with pytest.raises(InputError) as info:
        fn(*args)
    message = str(info.value)
    assert message.endswith(".") and (message[0].isupper() or message.split()[0] in CATALOG), message
    if match:
        assert match in message, message
    return message


# --- reps, seconds, sets, RPE ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [("1", 1), ("200", 200), (" 12 ", 12), (15, 15), ("+5", 5)])
def test_reps_accepted(text, value):
    assert parse_reps(text) == value


@pytest.mark.parametrize("text", ["0", "201", "-1", "-0"])
def test_reps_out_of_range(text):
    message = rejects(parse_reps, text, match="from 1 to 200")
    assert "out of range" in message


@pytest.mark.parametrize("text", ["", "twelve", "12.5", "1e2", "12 reps", "True"])
def test_reps_not_a_whole_number(text):
    rejects(parse_reps, text, match="whole number")


@pytest.mark.parametrize(
    "text, value",
    [
        ("1", 1),
        ("3600", 3600),
        ("30s", 30),
        ("45 S", 45),
        (" 20 s ", 20),
        ("1:30", 90),
        ("0:45", 45),
        ("60:00", 3600),
        ("40 sec", 40),
    ],
)
def test_seconds_accepted(text, value):
    assert parse_seconds(text) == value


@pytest.mark.parametrize("text", ["0", "3601", "0s", "3601s"])
def test_seconds_out_of_range(text):
    rejects(parse_seconds, text, match="1 to 3600 seconds")


@pytest.mark.parametrize("text", ["s", "1m", "30ss", "half a minute", "1:3", "١٢", "３０"])
def test_seconds_not_a_number(text):
    rejects(parse_seconds, text, match="Hold time must be a whole number")


def test_seconds_mss_with_too_many_seconds():
    rejects(parse_seconds, "1:75", match="up to 59")


@pytest.mark.parametrize("text", ["٣", "３", "1٢", "²"])
def test_only_ascii_digits_are_numbers(text):
    rejects(parse_reps, text, match="whole number")
    rejects(parse_rpe, text, match="whole number")
    rejects(parse_load, f"{text}kg", match="like 20kg")


@pytest.mark.parametrize("text, ok", [("0", False), ("1", True), ("20", True), ("21", False), ("x", False)])
def test_sets_bounds(text, ok):
    if ok:
        assert parse_sets(text) == int(text)
    else:
        rejects(parse_sets, text, match="Sets")


@pytest.mark.parametrize(
    "text, ok", [("0", False), ("1", True), ("10", True), ("11", False), ("7.5", False), ("hard", False)]
)
def test_rpe_bounds(text, ok):
    if ok:
        assert parse_rpe(text) == int(text)
    else:
        message = rejects(parse_rpe, text, match="RPE")
        assert "1 = very easy" in message and "10 = all-out" in message


# --- load ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kg, unit",
    [
        ("20", 20.0, "kg"),
        ("20kg", 20.0, "kg"),
        ("20 KG", 20.0, "kg"),
        ("12.5kgs", 12.5, "kg"),
        ("12,5", 12.5, "kg"),
        ("400", 400.0, "kg"),
        ("400kg", 400.0, "kg"),
        ("0.5", 0.5, "kg"),
        ("45lb", round(45 * KG_PER_LB, 3), "lb"),
        ("45 LBS", round(45 * KG_PER_LB, 3), "lb"),
        ("881 lb", round(881 * KG_PER_LB, 3), "lb"),
    ],
)
def test_load_accepted(text, kg, unit):
    assert parse_load(text) == (kg, unit)


def test_load_default_unit():
    assert parse_load("45", default_unit="lb") == (round(45 * KG_PER_LB, 3), "lb")
    assert parse_load("20kg", default_unit="lb") == (20.0, "kg")


@pytest.mark.parametrize("text", ["400.1", "400.1 kg", "401kg", "1000"])
def test_load_above_the_limit_in_kg(text):
    rejects(parse_load, text, match="above the 400 kg limit")


@pytest.mark.parametrize("text", ["882 lb", "881.9lb", "2000 lb"])
def test_load_above_the_limit_in_pounds(text):
    message = rejects(parse_load, text, match="lb limit")
    limit = float(message.split("above the ")[1].split(" lb")[0])
    amount = float(text.lower().replace("lb", "").strip())
    assert amount > limit  # the message never names a limit the rejected load is within
    assert limit * KG_PER_LB <= MAX_LOAD_KG


@pytest.mark.parametrize("text", ["0", "0kg", "0.0", "0 lb", "0.0001", "0.0004 kg", "0.001 lb", "-5", "-5kg"])
def test_load_must_be_more_than_zero(text):
    rejects(parse_load, text, match="more than 0")


@pytest.mark.parametrize("text", ["heavy", "", "20 stone", "20kg kg", "1e2", "kg", "20..5"])
def test_load_not_a_number(text):
    rejects(parse_load, text, match="like 20kg or 45lb")


# --- dates ------------------------------------------------------------------------------------------------------


def test_day_today_and_past_accepted():
    assert parse_day("2024-06-12", TODAY) == TODAY
    assert parse_day(" 2024-06-11 ", TODAY) == TODAY - timedelta(days=1)
    assert parse_day("2020-01-01", TODAY) == date(2020, 1, 1)


def test_day_in_the_future_is_rejected():
    rejects(parse_day, "2024-06-13", TODAY, match="in the future")


@pytest.mark.parametrize("text", ["not a date", "12/06/2024", "", "tomorrow", "2024-6-1"])
def test_day_not_a_date(text):
    message = rejects(parse_day, text, TODAY, match="YYYY-MM-DD")
    assert TODAY.isoformat() in message


@pytest.mark.parametrize(
    "text, message",
    [
        ("2024-02-30", "does not exist: February 2024 has 29 days"),
        ("2023-02-29", "does not exist: February 2023 has 28 days"),
        ("2024-11-31", "does not exist: November 2024 has 30 days"),
        ("2024-13-01", "months go from 01 to 12"),
        ("2024-00-10", "months go from 01 to 12"),
    ],
)
def test_impossible_dates_are_named_honestly(text, message):
    rejects(parse_day, text, TODAY, match=message)


def test_day_words():
    assert parse_day("today", TODAY) == TODAY
    assert parse_day("Yesterday", TODAY) == TODAY - timedelta(days=1)


# --- check_measure ----------------------------------------------------------------------------------------------------


def test_hold_takes_seconds_not_reps():
    plank = CATALOG.get("plank")
    check_measure(plank, None, 30)
    check_measure(plank, None, None)
    message = rejects(check_measure, plank, 10, None, match="plank is a hold")
    assert f"--seconds {plank.hold}" in message
    rejects(check_measure, plank, 10, 30, match="not --reps")


def test_rep_exercise_takes_reps_not_seconds():
    squat = CATALOG.get("bodyweight-squat")
    check_measure(squat, 12, None)
    message = rejects(check_measure, squat, None, 30, match="counted in reps")
    assert f"--reps {squat.reps[1]}" in message


# --- properties ---------------------------------------------------------------------------------------------------------

BOUNDS = [(parse_reps, 1, MAX_REPS), (parse_seconds, 1, MAX_SECONDS), (parse_sets, 1, MAX_SETS), (parse_rpe, 1, 10)]


@PROPS
@given(st.sampled_from(BOUNDS), st.data())
def test_any_int_in_range_round_trips(bound, data):
    fn, lo, hi = bound
    n = data.draw(st.integers(lo, hi))
    assert fn(str(n)) == n
    assert fn(n) == n
    assert fn(f"  {n} ") == n


@PROPS
@given(st.sampled_from(BOUNDS), st.data())
def test_any_int_out_of_range_raises_with_a_message(bound, data):
    fn, lo, hi = bound
    n = data.draw(st.one_of(st.integers(max_value=lo - 1), st.integers(min_value=hi + 1)))
    message = rejects(fn, str(n))
    assert f"from {lo} to {hi}" in message and str(n) in message


@PROPS
@given(st.text(max_size=12))
def test_any_text_either_parses_to_a_valid_rep_count_or_raises_input_error(text):
    try:
        value = parse_reps(text)
    except InputError as exc:
        assert str(exc)
    else:
        assert 1 <= value <= MAX_REPS


@PROPS
@given(st.integers(1, 40000).map(lambda n: n / 100), st.sampled_from(["kg", "lb", "KG", "lbs", ""]))
def test_load_round_trips_or_names_the_limit(amount, unit):
    text = f"{amount:g}{unit}"
    in_lb = unit.lower().startswith("lb")
    kg = amount * KG_PER_LB if in_lb else amount
    if kg <= MAX_LOAD_KG:
        value, got_unit = parse_load(text)
        assert got_unit == ("lb" if in_lb else "kg")
        assert value == pytest.approx(kg, abs=0.0005)
    else:
        rejects(parse_load, text, match="limit")


@PROPS
@given(st.decimals(min_value=0, max_value=400, places=4), st.sampled_from(["kg", "lb"]))
def test_an_accepted_load_is_always_more_than_zero_and_within_the_limit(amount, unit):
    try:
        kg, _ = parse_load(f"{amount}{unit}")
    except InputError as exc:
        assert "more than 0" in str(exc)
    else:
        assert 0 < kg <= MAX_LOAD_KG


@PROPS
@given(st.floats(400.001, 10_000, allow_nan=False).map(lambda x: round(x, 3)))
def test_any_load_above_400kg_is_rejected(amount):
    rejects(parse_load, f"{amount}kg", match="400 kg")


@PROPS
@given(st.integers(-3000, 3000))
def test_day_offsets(offset):
    day = TODAY + timedelta(days=offset)
    if offset <= 0:
        assert parse_day(day.isoformat(), TODAY) == day
    else:
        rejects(parse_day, day.isoformat(), TODAY, match="future")


# --- forgiving words: units, equipment, exercise names -----------------------------------------


@pytest.mark.parametrize(
    "text, unit",
    [
        ("kg", "kg"),
        ("KG", "kg"),
        ("kgs", "kg"),
        ("lb", "lb"),
        ("lbs", "lb"),
        ("LBS", "lb"),
        ("pounds", "lb"),
        (" kilos ", "kg"),
    ],
)
def test_units_words(text, unit):
    from runstrength_tui.domain.validate import parse_units

    assert parse_units(text) == unit


def test_units_unknown_names_the_choices():
    from runstrength_tui.domain.validate import parse_units

    rejects(parse_units, "stone", match="kg or lb")


@pytest.mark.parametrize(
    "text, value",
    [
        ("dumbbell", "dumbbells"),
        ("Dumbbells", "dumbbells"),
        ("band", "bands"),
        ("kettlebells", "kettlebell"),
        ("bodyweight", "none"),
        ("GYM", "gym"),
    ],
)
def test_equipment_singular_or_plural(text, value):
    from runstrength_tui.domain.validate import parse_equipment

    assert parse_equipment(text) == value


def test_equipment_unknown_names_the_choices():
    from runstrength_tui.domain.validate import parse_equipment

    rejects(parse_equipment, "barbell", match="none, bands, dumbbells, kettlebell, gym")


@pytest.mark.parametrize("text", ["plank", "Plank", "PLANK", "front plank", "Front Plank", "front-plank"])
def test_exercise_by_id_or_name_in_any_case(text):
    from runstrength_tui.domain.validate import resolve_exercise

    assert resolve_exercise(load_catalog(), text).id == "plank"


def test_unknown_exercise_suggests():
    from runstrength_tui.domain.validate import resolve_exercise

    with pytest.raises(InputError, match=r"Unknown exercise 'plnk'\. Did you mean plank"):
        resolve_exercise(load_catalog(), "plnk")
