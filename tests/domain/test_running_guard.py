"""Running-load notes: a weekly jump of more than 30 % (Nielsen 2014) and strength the day
after an unplanned long or hard run."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from runstrength_tui.domain import guard
from runstrength_tui.domain.running_guard import after_hard_run, running_load
from runstrength_tui.domain.runs import make_run

CET = timezone(timedelta(hours=1))
THIS_MONDAY = date(2025, 3, 10)
TODAY = date(2025, 3, 16)  # the Sunday that ends this week


def week_of_runs(monday: date, km: float, pace_min: float = 6.0, days=(1, 3, 6)) -> list:
    """``km`` spread over three runs (Tue, Thu, Sun) at ``pace_min`` min/km."""
    parts = [0.25, 0.25, 0.5]
    out = []
    for day_offset, share in zip(days, parts):
        day = monday + timedelta(days=day_offset)
        start = datetime(day.year, day.month, day.day, 8, tzinfo=CET)
        out.append(make_run(start, km * share, km * share * pace_min * 60, "fit"))
    return out


def history(weekly_km: list[float], this_week: float, **kw) -> list:
    runs = []
    for i, km in enumerate(weekly_km):
        monday = THIS_MONDAY - timedelta(weeks=len(weekly_km) - i)
        runs += week_of_runs(monday, km, **kw)
    return runs + week_of_runs(THIS_MONDAY, this_week, **kw)


def test_fires_at_35_percent_with_four_weeks_of_history():
    [note] = running_load(TODAY, history([30, 30, 30, 30], 40.5))
    assert note.code == "running-load" and note.level == "caution"
    assert (
        note.message
        == "You have run 40.5 km this week, 35 % more than your weekly average of 30 km over the previous 4 weeks."
    )
    assert "easy" in note.advice and "%" not in note.advice
    text = (note.message + note.advice).lower()
    assert "injur" not in text and "risk" not in text  # fact and suggestion, no odds
    assert guard.code_words(note.code) == "running load jump"


def test_silent_at_25_percent():
    assert running_load(TODAY, history([30, 30, 30, 30], 37.5)) == []


def test_silent_with_only_three_weeks_of_history():
    assert running_load(TODAY, history([30, 30, 30], 45)) == []


def test_silent_on_a_deload_week_and_on_the_return_from_it():
    assert running_load(TODAY, history([40, 40, 40, 40], 24)) == []  # the lighter week itself
    # back to 40 after a 12 km week: 36 % above the 4-week average, but a level already run
    assert running_load(TODAY, history([40, 40, 40, 12], 40)) == []
    # more than 10 % above anything in those weeks is a real jump again
    assert running_load(TODAY, history([40, 40, 40, 12], 46))


def test_time_counts_too():
    # same distance, much slower (trail): time is up 40 %
    runs = history([30, 30, 30, 30], 30)
    slow = [r.with_changes(duration_s=int(r.duration_s * 1.4)) if r.date >= THIS_MONDAY else r for r in runs]
    [note] = running_load(TODAY, slow)
    assert "4:12 this week" in note.message and "3:00" in note.message


def test_the_week_so_far_counts_and_runs_after_today_do_not():
    runs = history([30, 30, 30, 30], 42)
    assert running_load(THIS_MONDAY + timedelta(days=3), runs) == []  # Thu: 21 km so far
    assert running_load(TODAY, runs)


def test_at_most_once_a_week_after_an_acknowledgement():
    runs = history([30, 30, 30, 30], 42)
    assert running_load(TODAY, runs, acks=[("running-load", "", TODAY - timedelta(days=3))]) == []
    assert running_load(TODAY, runs, acks=[("running-load", "", TODAY - timedelta(days=7))])


def test_tiny_weeks_are_not_compared():
    assert running_load(TODAY, history([2, 2, 2, 2], 4, pace_min=6)) == []


def test_a_sunday_week_start_moves_the_weeks():
    runs = history([30, 30, 30, 30], 40.5)
    assert running_load(TODAY, runs, week_start_index=6) != running_load(TODAY, runs)


# --- after an unplanned hard or long run ------------------------------------------------------


def _one(day: date, km: float, minutes: float, kind: str):
    start = datetime(day.year, day.month, day.day, 9, tzinfo=CET)
    return make_run(start, km, minutes * 60, "gpx").with_changes(kind=kind)


@pytest.mark.parametrize(
    "declared, kind, fires",
    [
        ("rest", "long", True),
        ("easy", "long", True),
        ("hard", "long", True),
        ("long", "long", False),
        ("easy", "hard", True),
        ("rest", "hard", True),
        ("hard", "hard", False),
        ("long", "hard", False),
        ("rest", "easy", False),
    ],
)
def test_after_an_unplanned_hard_or_long_run(declared, kind, fires):
    saturday = date(2025, 3, 15)
    runs = [_one(saturday, 21.1, 118, kind)]
    notes = after_hard_run(saturday + timedelta(days=1), runs, declared)
    assert bool(notes) is fires
    if fires:
        [note] = notes
        assert note.code == "after-hard-run"
        assert note.message.startswith(f"Yesterday you ran a {kind} run (21.1 km, 1:58)")
        assert "light" in note.advice
        assert guard.code_words(note.code) == "after an unplanned hard run"


def test_only_yesterdays_runs_count():
    saturday = date(2025, 3, 15)
    runs = [_one(saturday - timedelta(days=1), 21.1, 118, "long")]
    assert after_hard_run(saturday + timedelta(days=1), runs, "rest") == []
