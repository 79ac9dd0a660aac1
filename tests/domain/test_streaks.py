"""Weekly review: counting weeks, streaks, block progress, heatmap and trend."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrength_tui.domain.model import WEEKDAYS, Profile, SessionRecord, SetRecord
from runstrength_tui.domain.streaks import (
    HEAT_SYMBOLS,
    BlockProgress,
    HeatCell,
    Streak,
    TrendPoint,
    WeekSummary,
    block_progress,
    heatmap,
    streaks,
    trend,
    week_figures,
    week_summaries,
)
from runstrength_tui.domain.weeks import session_loads, week_start

MON = date(2024, 6, 3)  # a Monday
_counter = iter(range(10**9))


def sess(day: date, kind: str = "strength", hour: int = 18, minute: int = 0, tz=None, **kw) -> SessionRecord:
    return SessionRecord(
        id=kw.pop("id", f"s{next(_counter)}"),
        date=day,
        started_at=datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz),
        kind=kind,
        **kw,
    )


def weekly(first_monday: date, per_week: list[int], days=(0, 2, 4, 5)) -> list[SessionRecord]:
    """``per_week[i]`` strength sessions in the week starting ``first_monday + i weeks``."""
    out = []
    for i, n in enumerate(per_week):
        for d in days[:n]:
            out.append(sess(first_monday + timedelta(weeks=i, days=d)))
    return out


# ---------------------------------------------------------------- empty log


def test_empty_log():
    p = Profile(block_start=MON, weeks=8)
    today = MON + timedelta(days=10)
    assert week_summaries([], p, today) == []
    assert streaks([], p, today) == Streak(0, 0)
    b = block_progress([], p, today)
    assert b == BlockProgress(
        week=2, weeks=8, done=0.0, planned_to_date=2.0, planned_total=16, adherence=0, finished=False
    )
    grid = heatmap([], {}, p, today)
    assert len(grid) == 26 and all(c.level == 0 and c.load == 0 for col in grid for c in col)
    points = trend([], {}, p, today)
    assert len(points) == 12 and all(t.sessions == 0 and t.load == 0 for t in points)


def test_empty_log_in_first_block_week_is_fully_adherent():
    p = Profile(block_start=MON, weeks=8)
    b = block_progress([], p, MON + timedelta(days=3))
    assert (b.week, b.done, b.planned_to_date, b.adherence) == (1, 0.0, 0.0, 100)


def test_no_block():
    assert block_progress([sess(MON)], Profile(), MON) is None


# ---------------------------------------------------------------- week summaries and streaks


def test_week_summaries_cover_gaps_oldest_first():
    log = weekly(MON, [2, 0, 1])
    today = MON + timedelta(weeks=3, days=1)
    ws = week_summaries(log, Profile(), today)
    assert [w.start for w in ws] == [MON + timedelta(weeks=i) for i in range(4)]
    assert [w.sessions for w in ws] == [2, 0, 1, 0]
    assert [w.counts for w in ws] == [True, False, False, False]
    assert [w.in_progress for w in ws] == [False, False, False, True]
    assert all(w.target == 2 for w in ws)
    assert isinstance(ws[0], WeekSummary)


def test_week_in_progress_does_not_break_streak_and_counts_once_it_reaches_target():
    p = Profile(target=2)
    log = weekly(MON, [2, 2, 2])
    today = MON + timedelta(weeks=3, days=2)  # Wednesday of week 4
    assert streaks(log, p, today) == Streak(3, 3)  # nothing yet this week: no break
    log.append(sess(MON + timedelta(weeks=3)))
    assert streaks(log, p, today) == Streak(3, 3)  # 1 of 2: still no break
    log.append(sess(MON + timedelta(weeks=3, days=2)))
    assert streaks(log, p, today) == Streak(4, 4)  # reached the target: counts


def test_gap_week_breaks_current_but_best_keeps_old_run():
    p = Profile(target=2)
    log = weekly(MON, [2, 2, 2, 0, 2])
    today = MON + timedelta(weeks=5, days=1)
    assert streaks(log, p, today) == Streak(current=1, best=3)


def test_missed_last_completed_week_resets_current():
    p = Profile(target=2)
    log = weekly(MON, [2, 2, 1])
    today = MON + timedelta(weeks=3)
    assert streaks(log, p, today) == Streak(current=0, best=2)


def test_completed_week_short_of_target_breaks_even_with_current_week_done():
    p = Profile(target=2)
    log = weekly(MON, [2, 0, 2])
    today = MON + timedelta(weeks=2, days=6)  # last day of week 3, week 3 counts
    assert streaks(log, p, today) == Streak(current=1, best=1)


def test_changed_week_start_buckets_a_sunday_session_differently():
    sat, sun = date(2024, 6, 8), date(2024, 6, 9)
    assert sun.weekday() == 6
    log = [sess(sat), sess(sun)]
    today = date(2024, 6, 12)

    monday = week_summaries(log, Profile(week_start="mon"), today)
    assert [(w.start, w.sessions, w.counts) for w in monday] == [
        (date(2024, 6, 3), 2.0, True),
        (date(2024, 6, 10), 0.0, False),
    ]

    sunday = week_summaries(log, Profile(week_start="sun"), today)
    assert [(w.start, w.sessions, w.counts) for w in sunday] == [
        (date(2024, 6, 2), 1.0, False),
        (date(2024, 6, 9), 1.0, False),
    ]
    assert streaks(log, Profile(week_start="mon"), today) == Streak(1, 1)
    assert streaks(log, Profile(week_start="sun"), today) == Streak(0, 0)


def test_target_changed_mid_history():
    d2 = MON + timedelta(weeks=2)
    p = Profile(level="intermediate", target=3, target_history=((MON, 2), (d2, 3)))
    log = weekly(MON, [2, 2, 2, 3])
    today = MON + timedelta(weeks=4)
    ws = week_summaries(log, p, today)
    assert [w.target for w in ws] == [2, 2, 3, 3, 3]
    assert [w.counts for w in ws] == [True, True, False, True, False]
    assert streaks(log, p, today) == Streak(current=1, best=2)
    # with no history the current target (3) would apply to every week
    assert streaks(log, Profile(level="intermediate", target=3), today) == Streak(current=1, best=1)


def test_two_finishers_make_one_session():
    p = Profile(target=1)
    log = [sess(MON, "finisher"), sess(MON + timedelta(days=2), "finisher")]
    ws = week_summaries(log, p, MON + timedelta(days=7))
    assert ws[0].sessions == 1.0 and ws[0].counts
    assert streaks(log, p, MON + timedelta(days=7)) == Streak(1, 1)


def test_one_finisher_plus_one_session_short_of_target_two():
    p = Profile(target=2)
    log = [sess(MON), sess(MON + timedelta(days=2), "finisher")]
    ws = week_summaries(log, p, MON + timedelta(days=7))
    assert ws[0].sessions == 1.5 and not ws[0].counts
    log.append(sess(MON + timedelta(days=4), "finisher"))
    assert week_summaries(log, p, MON + timedelta(days=7))[0].counts


@pytest.mark.parametrize(
    "start, end",
    [
        # last Saturday of March: clocks go forward (CET → CEST) during the sitting
        (datetime(2024, 3, 30, 23, 50), datetime(2024, 3, 31, 3, 10)),
        # last Saturday of October: clocks go back (CEST → CET) during the sitting
        (datetime(2024, 10, 26, 23, 50), datetime(2024, 10, 27, 2, 30, fold=1)),
    ],
)
def test_session_across_midnight_and_dst_counts_once_on_its_start_date(start, end):
    tz = ZoneInfo("Europe/Berlin")
    start, end = start.replace(tzinfo=tz), end.replace(tzinfo=tz)
    assert start.utcoffset() != end.utcoffset()  # really crosses a DST change
    saturday = start.date()
    s = SessionRecord(id="x", date=saturday, started_at=start, ended_at=end, rpe=5, minutes=200)
    today = saturday + timedelta(days=3)
    # Weeks starting Sunday: Saturday is the last day of its week, Sunday starts the next.
    p = Profile(week_start="sun", target=1)
    ws = week_summaries([s], p, today)
    assert [(w.start, w.sessions, w.counts) for w in ws] == [
        (saturday - timedelta(days=6), 1.0, True),
        (saturday + timedelta(days=1), 0.0, False),
    ]
    assert streaks([s], p, today) == Streak(1, 1)
    cells = {c.day: c for col in heatmap([s], session_loads([s], []), p, today, weeks=2) for c in col}
    assert cells[saturday].load == 1000.0 and cells[saturday].level > 0
    assert cells[saturday + timedelta(days=1)].level == 0
    assert sum(c.load for c in cells.values()) == 1000.0
    points = trend([s], {"x": 1000.0}, p, today, weeks=2)
    assert [pt.sessions for pt in points] == [1.0, 0.0]


def test_future_sessions_are_ignored():
    p = Profile(target=1)
    log = [sess(MON), sess(MON + timedelta(days=9))]
    today = MON + timedelta(days=8)
    assert [w.sessions for w in week_summaries(log, p, today)] == [1.0, 0.0]
    assert week_summaries([sess(MON + timedelta(days=30))], p, today) == []


def test_target_zero_empty_week_does_not_count():
    p = Profile(target=0)
    log = weekly(MON, [1, 0, 1])
    today = MON + timedelta(weeks=3)
    assert [w.counts for w in week_summaries(log, p, today)] == [True, False, True, False]
    assert streaks(log, p, today) == Streak(1, 1)


# ---------------------------------------------------------------- block progress


def test_block_before_start():
    p = Profile(block_start=MON + timedelta(weeks=2), weeks=10, target=2)
    b = block_progress(weekly(MON, [2]), p, MON + timedelta(days=3))
    assert b == BlockProgress(0, 10, 0.0, 0.0, 20, 100, False)


def test_block_in_progress_week_never_lowers_adherence():
    p = Profile(block_start=MON + timedelta(days=2), weeks=8, target=2)  # starts on a Wednesday
    log = weekly(MON, [2, 1])
    today = MON + timedelta(weeks=1, days=1)  # Tuesday of block week 2
    b = block_progress(log, p, today)
    assert (b.week, b.weeks, b.finished) == (2, 8, False)
    assert b.done == 3.0
    assert b.planned_to_date == 2 + 1  # week 1 target + min(1 done, 2)
    assert b.adherence == 100
    assert b.planned_total == 16


def test_block_missed_week_lowers_adherence():
    p = Profile(block_start=MON, weeks=8, target=2)
    log = weekly(MON, [2, 0, 1])
    b = block_progress(log, p, MON + timedelta(weeks=2, days=3))
    assert (b.week, b.done, b.planned_to_date) == (3, 3.0, 5.0)
    assert b.adherence == 60


def test_block_extra_sessions_cap_adherence_at_100():
    p = Profile(block_start=MON, weeks=4, target=2)
    b = block_progress(weekly(MON, [4, 0]), p, MON + timedelta(weeks=2))
    assert (b.done, b.planned_to_date, b.adherence) == (4.0, 4.0, 100)
    b = block_progress(weekly(MON, [4, 1]), p, MON + timedelta(weeks=2))
    assert b.adherence == 100


def test_block_finished_clamps_week_and_ignores_sessions_after_it():
    p = Profile(
        level="intermediate", block_start=MON, weeks=3, target_history=((MON, 2), (MON + timedelta(weeks=2), 3))
    )
    log = weekly(MON, [2, 2, 2, 4, 4])
    b = block_progress(log, p, MON + timedelta(weeks=5))
    assert b == BlockProgress(
        week=3, weeks=3, done=6.0, planned_to_date=7.0, planned_total=7, adherence=85, finished=True
    )


def test_block_last_week_is_not_finished():
    p = Profile(block_start=MON, weeks=3, target=2)
    b = block_progress(weekly(MON, [2, 2, 2]), p, MON + timedelta(weeks=2, days=6))
    assert (b.week, b.finished, b.adherence) == (3, False, 100)


def test_block_weeks_follow_week_start():
    sun = date(2024, 6, 9)
    p_sun = Profile(block_start=sun, weeks=4, week_start="sun")
    p_mon = Profile(block_start=sun, weeks=4, week_start="mon")
    today = date(2024, 6, 10)  # Monday
    assert block_progress([], p_sun, today).week == 1
    assert block_progress([], p_mon, today).week == 2


# ---------------------------------------------------------------- heatmap


def test_heatmap_shape_and_future_cells():
    today = MON + timedelta(days=2)  # Wednesday
    grid = heatmap([], {}, Profile(), today, weeks=3)
    assert len(grid) == 3 and all(len(col) == 7 for col in grid)
    assert grid[-1][0].day == MON and grid[0][0].day == MON - timedelta(weeks=2)
    assert [c.future for c in grid[-1]] == [False, False, False, True, True, True, True]
    assert isinstance(grid[0][0], HeatCell)


def test_heatmap_quartile_levels():
    days = [MON + timedelta(days=i) for i in range(4)]
    log = [sess(d, id=f"q{i}") for i, d in enumerate(days)]
    loads = {"q0": 10.0, "q1": 20.0, "q2": 30.0, "q3": 40.0}
    grid = heatmap(log, loads, Profile(), MON + timedelta(days=6), weeks=1)
    assert [c.level for c in grid[0]] == [1, 2, 3, 4, 0, 0, 0]
    assert "".join(c.symbol for c in grid[0]) == "░▒▓█···"
    assert [c.load for c in grid[0][:4]] == [10.0, 20.0, 30.0, 40.0]


def test_heatmap_single_distinct_load_is_level_three():
    log = [sess(MON, id="a"), sess(MON + timedelta(days=3), id="b")]
    grid = heatmap(log, {"a": 50.0, "b": 50.0}, Profile(), MON + timedelta(days=6), weeks=1)
    assert [c.level for c in grid[0]] == [3, 0, 0, 3, 0, 0, 0]


def test_heatmap_sums_sessions_on_one_day_and_zero_load_session_is_level_one():
    log = [sess(MON, id="a"), sess(MON, "finisher", hour=20, id="b"), sess(MON + timedelta(days=1), id="c")]
    grid = heatmap(log, {"a": 30.0, "b": 10.0}, Profile(), MON + timedelta(days=6), weeks=1)
    assert grid[0][0].load == 40.0 and grid[0][0].level == 3
    assert grid[0][1].load == 0.0 and grid[0][1].level == 1  # a session, but no load known


def test_heatmap_levels_use_only_the_shown_window():
    old = sess(MON - timedelta(weeks=30), id="old")
    new = sess(MON, id="new")
    grid = heatmap([old, new], {"old": 1000.0, "new": 10.0}, Profile(), MON, weeks=4)
    assert grid[-1][0].level == 3  # the only load shown: the big old one is outside


def test_heat_symbols():
    assert len(HEAT_SYMBOLS) == 5 and HEAT_SYMBOLS[0] == "·" and HEAT_SYMBOLS[4] == "█"


def test_heatmap_sunday_start():
    today = date(2024, 6, 12)
    grid = heatmap([], {}, Profile(week_start="sun"), today, weeks=2)
    assert grid[-1][0].day == date(2024, 6, 9) and grid[-1][0].day.weekday() == 6


# ---------------------------------------------------------------- trend


def test_trend_last_weeks_with_loads_from_sets():
    a = sess(MON, id="a")
    b = sess(MON + timedelta(weeks=1), "finisher", id="b", rpe=6, minutes=10)
    sets = [
        SetRecord(id="1", session="a", exercise="squat", date=MON, logged_at=datetime(2024, 6, 3, 18), reps=10),
        SetRecord(id="2", session="a", exercise="plank", date=MON, logged_at=datetime(2024, 6, 3, 18), seconds=30),
    ]
    loads = session_loads([a, b], sets)
    points = trend([a, b], loads, Profile(), MON + timedelta(weeks=1, days=2), weeks=3)
    assert points == [
        TrendPoint(MON - timedelta(weeks=1), 0.0, 0.0),
        TrendPoint(MON, 1.0, 40.0),
        TrendPoint(MON + timedelta(weeks=1), 0.5, 60.0),
    ]


def test_trend_default_is_twelve_weeks_ending_with_current():
    today = date(2024, 6, 12)
    points = trend([], {}, Profile(), today)
    assert len(points) == 12 and points[-1].start == week_start(today)


# ---------------------------------------------------------------- ten years


def test_ten_years_of_history():  # how fast: benchmarks/run.py, not a test
    first = date(2014, 6, 2)
    log = weekly(first, [3] * 520, days=(0, 2, 5))
    loads = {s.id: 100.0 + (i % 7) * 10 for i, s in enumerate(log)}
    today = first + timedelta(weeks=520, days=1)
    p = Profile(
        target=3, block_start=today - timedelta(weeks=4), weeks=10, target_history=((first, 2), (date(2020, 1, 6), 3))
    )
    assert len(log) == 1560

    s = streaks(log, p, today)
    grid = heatmap(log, loads, p, today)
    points = trend(log, loads, p, today)
    b = block_progress(log, p, today)
    ws = week_summaries(log, p, today)

    assert s == Streak(520, 520)
    assert len(ws) == 521 and len(grid) == 26 and len(points) == 12
    assert b.week == 5 and b.adherence == 100


# ---------------------------------------------------------------- properties

TODAY = date(2024, 6, 12)

session_specs = st.lists(
    st.tuples(st.integers(min_value=-10, max_value=400), st.sampled_from(["strength", "finisher"])),
    max_size=60,
)
profiles = st.builds(
    Profile,
    target=st.integers(min_value=0, max_value=4),
    week_start=st.sampled_from(WEEKDAYS),
    block_start=st.one_of(st.none(), st.dates(min_value=date(2023, 1, 1), max_value=date(2025, 1, 1))),
    weeks=st.integers(min_value=1, max_value=12),
    target_history=st.lists(
        st.tuples(st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 12, 31)), st.integers(0, 4)),
        max_size=3,
    ).map(tuple),
)
todays = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31))


def build(specs, today):
    return [
        SessionRecord(id=f"p{i}", date=today - timedelta(days=back), started_at=datetime(2020, 1, 1), kind=kind)
        for i, (back, kind) in enumerate(specs)
    ]


PROPS = settings(max_examples=150, deadline=None)


@PROPS
@given(session_specs, profiles, todays)
def test_prop_streak_bounds(specs, profile, today):
    log = build(specs, today)
    s = streaks(log, profile, today)
    n_weeks = len(week_summaries(log, profile, today))
    assert 0 <= s.current <= s.best <= n_weeks


@PROPS
@given(session_specs, profiles, todays, st.integers(-10, 400), st.sampled_from(["strength", "finisher"]))
def test_prop_adding_a_session_never_lowers_streaks(specs, profile, today, back, kind):
    log = build(specs, today)
    before = streaks(log, profile, today)
    extra = SessionRecord(id="extra", date=today - timedelta(days=back), started_at=datetime(2020, 1, 1), kind=kind)
    after = streaks(log + [extra], profile, today)
    assert after.current >= before.current
    assert after.best >= before.best


@PROPS
@given(session_specs, profiles, todays, st.integers(min_value=1, max_value=60), st.data())
def test_prop_heatmap_shape(specs, profile, today, weeks, data):
    log = build(specs, today)
    loads = {s.id: data.draw(st.floats(0, 500, allow_nan=False)) for s in log}
    grid = heatmap(log, loads, profile, today, weeks=weeks)
    assert len(grid) == weeks and all(len(col) == 7 for col in grid)
    days = [c.day for col in grid for c in col]
    assert all(b - a == timedelta(days=1) for a, b in zip(days, days[1:]))
    assert all(col[0].day.weekday() == profile.week_start_index for col in grid)
    assert today in [c.day for c in grid[-1]]
    for c in (c for col in grid for c in col):
        assert 0 <= c.level <= 4
        assert c.future == (c.day > today)
        if c.future:
            assert c.level == 0
    active = [c for col in grid for c in col if c.level > 0]
    # heavier days never get a lower level
    for a in active:
        for b in active:
            if a.load < b.load:
                assert a.level <= b.level


@PROPS
@given(session_specs, profiles, todays)
def test_prop_block_adherence_in_range(specs, profile, today):
    log = build(specs, today)
    b = block_progress(log, profile, today)
    if profile.block_start is None:
        assert b is None
        return
    assert 0 <= b.adherence <= 100
    assert 0 <= b.week <= b.weeks == profile.weeks
    assert b.finished == (
        b.week == b.weeks
        and week_start(today, profile.week_start_index)
        > week_start(profile.block_start, profile.week_start_index) + timedelta(weeks=b.weeks - 1)
    )
    assert 0 <= b.planned_to_date <= b.planned_total


@PROPS
@given(session_specs, profiles, todays, st.integers(min_value=1, max_value=30))
def test_prop_trend_matches_week_summaries(specs, profile, today, weeks):
    log = build(specs, today)
    points = trend(log, {}, profile, today, weeks=weeks)
    assert len(points) == weeks and points[-1].start == week_start(today, profile.week_start_index)
    by_start = {w.start: w.sessions for w in week_summaries(log, profile, today)}
    for pt in points:
        assert pt.sessions == by_start.get(pt.start, 0.0)


def test_a_beginner_asking_for_three_is_counted_against_the_two_the_plan_places():
    p = Profile(level="beginner", target=3)
    log = [sess(MON + timedelta(days=7 * w + off)) for w in range(3) for off in (0, 3)]
    assert streaks(log, p, MON + timedelta(days=20)).current == 3


# ---------------------------------------------------------------- the review's figures


def test_week_figures_show_a_young_log_its_own_weeks():
    """Two weeks of log: the trend shows 2 weeks, the heatmap 4; the average counts only the
    week before this one; the sets of this week's sessions are counted for the day list."""
    p = Profile(target=2)
    monday = sess(MON, rpe=6, minutes=20)
    last = [sess(MON - timedelta(days=7), rpe=7, minutes=20), sess(MON - timedelta(days=4), rpe=5, minutes=20)]
    sets = [
        SetRecord(
            id=f"x{i}", session=monday.id, exercise="plank", date=MON, logged_at=datetime(2024, 6, 3, 18), seconds=30
        )
        for i in range(3)
    ]
    f = week_figures([*last, monday], sets, p, MON + timedelta(days=2))
    assert f.weeks_logged == 2 and len(f.trend) == 2 and len(f.heatmap) == 4
    assert [t.sessions for t in f.trend] == [2, 1] and f.sessions_average_before == 2
    assert f.load_this_week == 120 and f.loads_before == (240.0,) and f.load_average_before == 240
    assert f.sets_this_week == {monday.id: 3}
    out = f.to_dict()
    assert out["weeks"][-1] == {"start": MON.isoformat(), "sessions": 1, "load": 120}
    assert (
        out["heatmap"][-1]["levels"][:3] == [f.heatmap[-1][0].level, 0, 0] and out["heatmap"][-1]["levels"][3] is None
    )


def test_week_figures_in_a_first_week_have_no_average():
    f = week_figures([], [], Profile(), MON)
    assert f.weeks_logged == 1 and f.sessions_average_before is None and f.load_this_week == 0
    assert len(f.trend) == 2 and f.loads_before == (0.0,)
