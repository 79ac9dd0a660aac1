"""Runs in the domain: the record, strict validation, kinds, de-duplication, the actual week."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrength_tui.domain.runs import (
    KIND_RANK,
    Run,
    actual_week,
    classify,
    day_line,
    effective_days,
    looks_like_intervals,
    make_run,
    merge_new,
    validate_run_doc,
    validate_runs_tables,
)

CET = timezone(timedelta(hours=1))
MONDAY = date(2025, 3, 3)
TODAY = date(2025, 3, 12)


def run(
    day: date,
    km: float,
    minutes: float | None = None,
    *,
    hour: int = 8,
    hr: int | None = None,
    intervals: bool = False,
    kind: str = "easy",
    by_user: bool = False,
) -> Run:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=CET)
    r = make_run(start, km, (minutes if minutes is not None else km * 5.5) * 60, "fit", avg_hr=hr, intervals=intervals)
    return r.with_changes(kind=kind, kind_set_by_user=by_user)


def kinds(runs: list[Run]) -> dict[date, str]:
    return {r.date: r.kind for r in classify(runs)}


# --- the record and its strict validator ---------------------------------------------------


def test_doc_round_trip_and_stable_id():
    r = run(MONDAY, 10.0, hr=140)
    assert Run.from_doc(r.to_doc()) == r
    assert validate_run_doc(r.to_doc(), today=TODAY) == r
    assert make_run(r.start, 10.0, 3300, "gpx").id == r.id  # same start and distance: same id


@pytest.mark.parametrize(
    "change, words",
    [
        ({"distance_km": -1}, "distance_km"),
        ({"distance_km": True}, "distance_km"),
        ({"distance_km": float("nan")}, "distance_km"),
        ({"duration_s": 12.5}, "duration_s"),
        ({"duration_s": 10}, "duration_s"),
        ({"kind": "tempo"}, "kind"),
        ({"source": "garmin"}, "source"),
        ({"avg_hr": 400}, "avg_hr"),
        ({"laps": -1}, "laps"),
        ({"intervals": "yes"}, "intervals"),
        ({"date": "2025-03-04"}, "local date"),
        ({"start": "2025-03-03T08:00:00"}, "UTC offset"),
        ({"start": "2025-03-03T08:00:00+20:00"}, "no time zone"),
        ({"date": "2025-03-14", "start": "2025-03-14T08:00:00+01:00"}, "outside"),
        ({"date": "1969-12-31", "start": "1969-12-31T08:00:00+01:00"}, "outside"),
        ({"id": "../etc"}, "id"),
        ({"extra": 1}, "unknown field"),
    ],
)
def test_validator_refuses_bad_documents(change, words):
    doc = {**run(MONDAY, 10.0).to_doc(), **change}
    with pytest.raises(ValueError, match=words):
        validate_run_doc(doc, today=TODAY)


def test_validator_accepts_tomorrow_and_refuses_non_objects():
    tomorrow = TODAY + timedelta(days=1)
    validate_run_doc(run(tomorrow, 5).to_doc(), today=TODAY)
    with pytest.raises(ValueError, match="object"):
        validate_run_doc(["not", "a", "run"], today=TODAY)
    doc = run(MONDAY, 5).to_doc()
    del doc["start"]
    with pytest.raises(ValueError, match="'start'"):
        validate_run_doc(doc, today=TODAY)


def test_runs_file_validator():
    a, b = run(MONDAY, 10), run(MONDAY + timedelta(days=1), 8)
    good = {"runs": {"1": a.to_doc(), "2": b.to_doc()}}
    assert validate_runs_tables(good, today=TODAY, year=2025) == [a, b]
    assert validate_runs_tables({}, today=TODAY) == []
    for bad, words in [
        ({"runs": {"1": a.to_doc(), "2": a.to_doc()}}, "twice"),
        ({"runs": {"x": a.to_doc()}}, "not a number"),
        ({"runs": [a.to_doc()]}, "object of documents"),
        ({"runs": {}, "sets": {}}, "only"),
        ({"runs": {"1": {**a.to_doc(), "kind": "jog"}}}, "kind"),
    ]:
        with pytest.raises(ValueError, match=words):
            validate_runs_tables(bad, today=TODAY)
    with pytest.raises(ValueError, match="2024 file"):
        validate_runs_tables(good, today=TODAY, year=2024)


# --- kinds ------------------------------------------------------------------------------------


def test_the_weeks_longest_is_long_at_one_and_a_half_times_the_median():
    week = [run(MONDAY + timedelta(days=d), 8) for d in (1, 2, 4)] + [run(MONDAY + timedelta(days=5), 12)]
    assert kinds(week)[MONDAY + timedelta(days=5)] == "long"  # 12 ≥ 1.5 × 8, 66 min
    shorter = week[:-1] + [run(MONDAY + timedelta(days=5), 11.9, 65)]
    assert kinds(shorter)[MONDAY + timedelta(days=5)] == "easy"  # under 1.5 × and under 75 min


def test_seventy_five_minutes_make_the_weeks_longest_long():
    week = [run(MONDAY + timedelta(days=d), 12, 70) for d in (1, 3)] + [run(MONDAY + timedelta(days=5), 13, 75)]
    assert kinds(week)[MONDAY + timedelta(days=5)] == "long"
    assert list(kinds(week).values()).count("long") == 1


def test_only_one_long_run_a_week():
    week = [run(MONDAY + timedelta(days=d), 20, 120) for d in (2, 5)]
    assert sorted(kinds(week).values()) == ["easy", "long"]


def test_hard_by_heart_rate_and_by_pace_and_by_laps():
    base = [run(MONDAY - timedelta(days=d), 8, 48, hr=135) for d in range(1, 15, 2)]
    hr_hard = run(MONDAY, 8, 48, hr=150)
    hr_easy = run(MONDAY + timedelta(days=1), 8, 48, hr=140)
    assert kinds(base + [hr_hard, hr_easy])[MONDAY] == "hard"
    assert kinds(base + [hr_hard, hr_easy])[MONDAY + timedelta(days=1)] == "easy"

    no_hr = [run(MONDAY - timedelta(days=d), 8, 48) for d in range(1, 15, 2)]  # 6:00 /km
    fast = run(MONDAY, 8, 43)  # 5:22 /km: 10 % faster
    steady = run(MONDAY + timedelta(days=1), 8, 46)  # 5:45 /km: 4 % faster
    got = kinds(no_hr + [fast, steady])
    assert got[MONDAY] == "hard" and got[MONDAY + timedelta(days=1)] == "easy"

    assert kinds([run(MONDAY, 8, 48, intervals=True)])[MONDAY] == "hard"


def test_too_few_runs_to_compare_stay_easy():
    assert kinds([run(MONDAY, 8, 48), run(MONDAY + timedelta(days=1), 8, 30)])[MONDAY + timedelta(days=1)] == "easy"


def test_the_runners_correction_wins_and_takes_the_long_slot():
    week = [
        run(MONDAY + timedelta(days=1), 8),
        run(MONDAY + timedelta(days=3), 9, kind="long", by_user=True),
        run(MONDAY + timedelta(days=5), 20, 120),
    ]
    got = kinds(week)
    assert got[MONDAY + timedelta(days=3)] == "long" and got[MONDAY + timedelta(days=5)] == "easy"
    hard_by_user = [
        r.with_changes(kind="easy", kind_set_by_user=True) if r.distance_km == 20 else r for r in week[:1] + week[2:]
    ]
    assert kinds(hard_by_user)[MONDAY + timedelta(days=5)] == "easy"


def test_intervals_from_laps():
    assert looks_like_intervals([(1, 360, "active")] * 6) is False
    assert (
        looks_like_intervals(
            [(2, 720, "active"), (1, 240, "active"), (0.4, 150, "active"), (1, 240, "active"), (2, 720, "active")]
        )
        is True
    )
    assert looks_like_intervals([(1, 360, "warmup"), (1, 300, "interval")]) is True
    assert looks_like_intervals([(0.05, 10, "active")] * 10) is False


runs_strategy = st.lists(
    st.builds(
        lambda d, h, km, pace, hr, iv, user: run(
            MONDAY + timedelta(days=d),
            km,
            km * pace,
            hour=h,
            hr=hr,
            intervals=iv,
            kind=user or "easy",
            by_user=user is not None,
        ),
        st.integers(0, 70),
        st.integers(5, 20),
        st.floats(1, 45),
        st.floats(4, 8),
        st.one_of(st.none(), st.integers(110, 175)),
        st.booleans(),
        st.one_of(st.none(), st.sampled_from(["easy", "hard", "long"])),
    ),
    max_size=40,
    unique_by=lambda r: r.id,  # stored runs are unique (same start and distance: same id)
)


@settings(max_examples=60, deadline=None)
@given(runs_strategy)
def test_classify_properties(runs):
    out = classify(runs)
    assert sorted(r.id for r in out) == sorted(r.id for r in runs)
    by_id = {r.id: r for r in runs}
    for r in out:
        assert r.kind in ("easy", "hard", "long")
        if by_id[r.id].kind_set_by_user:
            assert r.kind == by_id[r.id].kind  # a correction always wins
        if by_id[r.id].intervals and not by_id[r.id].kind_set_by_user:
            assert r.kind in ("hard", "long")
    assert classify(out) == out  # stable: classifying again changes nothing
    weeks: dict[date, int] = {}
    for r in out:
        if r.kind == "long" and not by_id[r.id].kind_set_by_user:
            monday = r.date - timedelta(days=r.date.weekday())
            weeks[monday] = weeks.get(monday, 0) + 1
    assert all(n == 1 for n in weeks.values())  # at most one automatic long run a week


# --- de-duplication -----------------------------------------------------------------------


def test_same_run_twice_is_kept_once():
    a = run(MONDAY, 10)
    b = make_run(a.start + timedelta(seconds=40), 10.1, 3300, "gpx")
    c = make_run(a.start + timedelta(minutes=30), 10, 3300, "gpx")  # later that day: another run
    fresh, skipped = merge_new([a], [b, c])
    assert fresh == [c] and skipped == 1


@settings(max_examples=40, deadline=None)
@given(runs_strategy)
def test_merge_is_idempotent(runs):
    fresh, _ = merge_new([], runs)
    again, skipped = merge_new(fresh, runs)
    assert again == [] and skipped == len(runs)


# --- the actual week --------------------------------------------------------------------------


def test_actual_week_covers_from_the_first_run_to_the_last():
    runs = classify(
        [
            run(MONDAY + timedelta(days=1), 8),
            run(MONDAY + timedelta(days=5), 21.1, 118),
            run(MONDAY + timedelta(days=5), 3, 20, hour=18),
        ]
    )
    week = actual_week(runs, MONDAY, MONDAY + timedelta(days=6))
    assert week == {
        MONDAY + timedelta(days=1): "easy",
        MONDAY + timedelta(days=2): "rest",
        MONDAY + timedelta(days=3): "rest",
        MONDAY + timedelta(days=4): "rest",
        MONDAY + timedelta(days=5): "long",  # long beats the easy shake-out the same evening
    }
    assert actual_week([], MONDAY, MONDAY + timedelta(days=6)) == {}


@settings(max_examples=80, deadline=None)
@given(runs_strategy, st.integers(-10, 80), st.integers(0, 20))
def test_actual_week_properties(runs, offset, length):
    first = MONDAY + timedelta(days=offset)
    last = first + timedelta(days=length)
    week = actual_week(runs, first, last)
    if not runs:
        assert week == {}
        return
    lo, hi = min(r.date for r in runs), max(r.date for r in runs)
    expected_days = {first + timedelta(days=i) for i in range(length + 1) if lo <= first + timedelta(days=i) <= hi}
    assert set(week) == expected_days  # every covered day, nothing outside [first, last] or the span
    for day, kind in week.items():
        mine = [r.kind for r in runs if r.date == day]
        assert kind == (max(mine, key=KIND_RANK.__getitem__) if mine else "rest")


def test_day_line_reads_like_a_person_wrote_it():
    r = classify([run(MONDAY + timedelta(days=d), 8) for d in (1, 3)] + [run(MONDAY + timedelta(days=5), 21.1, 118)])
    assert day_line(MONDAY + timedelta(days=5), r) == "Sat: 21.1 km long run, 1:58"
    assert day_line(MONDAY + timedelta(days=1), r) == "Tue: 8.0 km easy run, 44 min"


DECLARED = ("rest", "easy", "hard", "rest", "easy", "long", "rest")


@settings(max_examples=60, deadline=None)
@given(runs_strategy, st.integers(-10, 80), st.integers(0, 27))
def test_effective_days_take_the_actual_run_where_covered_else_the_declared_week(runs, offset, length):
    first = MONDAY + timedelta(days=offset)
    last = first + timedelta(days=length)
    actual = actual_week(runs, first, last)
    days = effective_days(DECLARED, actual, first, last)
    assert sorted(days) == [first + timedelta(days=i) for i in range(length + 1)]
    for day, kind in days.items():
        assert kind == (actual[day] if day in actual else DECLARED[day.weekday()])
    # a long run done on another day than the declared one: that day is long, the declared
    # long day inside the covered span is whatever was really run there
    for day, kind in actual.items():
        if kind == "long":
            assert days[day] == "long"


def test_strides_on_an_easy_run_stay_easy_and_real_intervals_are_hard():
    easy = [(1.0, 330, "active")] * 6
    strides = [(0.1, 18, "active"), (0.1, 60, "rest")] * 6  # 6 x 100 m strides, walked back
    assert looks_like_intervals(easy + [(0.1, 18, "active")] * 6) is False  # fast, but 18 s each
    assert looks_like_intervals(easy + strides) is False  # marked rest steps, but no work step of a minute
    six_by_three = (
        [(2.0, 720, "warmup")] + [(0.85, 180, "active"), (0.3, 120, "recovery")] * 6 + [(1.5, 560, "cooldown")]
    )
    assert looks_like_intervals(six_by_three) is True
    unmarked = [(2.0, 720, "active")] + [(0.85, 180, "active"), (0.3, 120, "active")] * 6 + [(1.5, 560, "active")]
    assert looks_like_intervals(unmarked) is True  # the fast laps alone, found by pace


def test_skipped_activities_are_counted_in_words():
    from runstrength_tui.domain.runs import skipped_text

    assert skipped_text({"ride": 2, "swim": 1}) == "2 rides, 1 swim"
    assert (
        skipped_text({"activity of another kind": 2, "yoga activity": 3})
        == "3 yoga activities, 2 activities of other kinds"
    )
