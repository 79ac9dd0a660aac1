"""The Week screen's 'Lifted (reps × load)': kilograms moved in a span of days."""

from datetime import date, datetime

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.domain.weeks import weight_lifted


def a_set(day: int, reps=None, seconds=None, load=None, unit="kg") -> SetRecord:
    when = date(2026, 11, day)
    return SetRecord(
        id=f"s{day}{reps}{seconds}{load}",
        session="x",
        exercise="goblet-squat",
        date=when,
        logged_at=datetime(2026, 11, day, 18),
        reps=reps,
        seconds=seconds,
        load_kg=load,
        unit=unit,
    )


def test_reps_times_load_within_the_days_only():
    sets = [
        a_set(23, reps=10, load=8.0),
        a_set(25, reps=12, load=10.0),
        a_set(25, reps=15),  # bodyweight: nothing lifted
        a_set(26, seconds=30, load=5.0),  # a weighted hold has no reps
        a_set(22, reps=10, load=20.0),  # the week before
        a_set(30, reps=10, load=20.0),  # the week after
    ]
    assert weight_lifted(sets, date(2026, 11, 23), date(2026, 11, 29)) == 80 + 120
    assert weight_lifted([], date(2026, 11, 23), date(2026, 11, 29)) == 0
