"""The "too much too soon" guard: every rule on both sides of its threshold, plus properties."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runstrength_tui.domain.catalog import Catalog, Exercise
from runstrength_tui.domain.guard import (
    SESSION_CODES,
    THRESHOLDS,
    UNSCOPED_CODES,
    GuardWarning,
    WeekPlanLoad,
    check_session,
    check_set,
    quiet,
    review,
    shown_in_session,
)
from runstrength_tui.domain.model import KG_PER_LB, WEEKDAYS, Profile, SessionRecord, SetRecord
from runstrength_tui.store.shipped import load_catalog

DAY = date(2024, 6, 12)  # a Wednesday
_ids = itertools.count()


def ex(id, name, kind="functional", level="beginner", equipment=(), legs=True, hold=None, easier=None):
    return Exercise(
        id=id,
        name=name,
        kind=kind,
        level=level,
        equipment=tuple(equipment),
        legs=legs,
        per_side=False,
        family=id,
        sets=2,
        reps=None if hold else (12, 20),
        hold=hold,
        rest=60,
        intensity=None,
        steps=("a", "b", "c"),
        cues=("a", "b", "c"),
        mistakes=("a", "b"),
        easier=easier,
        easier_text=None if easier else "Easier.",
        harder=None,
        harder_text="Harder.",
        alternatives=(),
        muscles=("legs",),
        why="Why.",
    )


CATALOG = Catalog(
    [
        ex("goblet-squat", "Goblet squat", "strength", equipment=("dumbbells",)),
        ex("single-arm-row", "Single-arm dumbbell row", "strength", equipment=("dumbbells",), legs=False),
        ex("bodyweight-squat", "Bodyweight squat"),
        ex("reverse-lunge", "Reverse lunge"),
        ex("plank", "Front plank", "core", legs=False, hold=20),
        ex("dead-bug", "Dead bug", "core", legs=False),
        ex("pogo-hops", "Pogo hops", "plyometric", "intermediate", easier="calf-raise"),
        ex("calf-raise", "Calf raise"),
        ex("jump-squat", "Jump squat", "plyometric", "advanced"),
        ex("nordic-hamstring-curl", "Nordic hamstring curl", "functional", "advanced"),
    ]
)
BEGINNER = Profile()  # mon rest, tue easy, wed hard, thu rest, fri easy, sat long, sun rest
ADVANCED = Profile(level="advanced")


def sset(exercise, day, reps=None, seconds=None, load=None, unit="kg", session=None, pain=False, id=None, warnings=()):
    n = next(_ids)
    return SetRecord(
        id=id or f"set-{n}",
        session=session or f"s-{day.isoformat()}",
        exercise=exercise,
        date=day,
        logged_at=datetime.combine(day, time(18)) + timedelta(seconds=n),
        reps=reps,
        seconds=seconds,
        load_kg=load,
        unit=unit,
        pain=pain,
        warnings=tuple(warnings),
    )


def sess(day, kind="strength", rpe=None, minutes=None, id=None):
    return SessionRecord(
        id=id or f"s-{day.isoformat()}",
        date=day,
        started_at=datetime.combine(day, time(18)),
        kind=kind,
        rpe=rpe,
        minutes=minutes,
    )


def days(n):
    return timedelta(days=n)


def codes(warnings):
    return [w.code for w in warnings]


def on_set(candidate, history=(), sessions=None, profile=ADVANCED, planned=None):
    history = list(history)
    if sessions is None:
        sessions = [sess(d) for d in sorted({s.date for s in history} | {candidate.date})]
    week = (
        None
        if planned is None
        else WeekPlanLoad(planned, week_start=candidate.date - timedelta(days=candidate.date.weekday()))
    )
    return check_set(candidate, history=history, sessions=sessions, profile=profile, catalog=CATALOG, week=week)


def on_session(day, ids, sessions=(), profile=ADVANCED, history=()):
    return check_session(
        day, list(ids), sessions=list(sessions), profile=profile, catalog=CATALOG, history=list(history)
    )


# ---------------------------------------------------------------------------- load-jump


@pytest.mark.parametrize(
    "before, after, fires",
    [
        (30.0, 33.0, False),  # exactly +10 %
        (20.0, 22.0, False),  # exactly +10 %, and under a step
        (30.0, 33.03, True),  # +10.1 %, +3.03 kg
        (16.0, 17.92, False),  # +12 % but only +1.92 kg
        (10.0, 12.5, False),  # +25 % but exactly one 2.5 kg step
        (10.0, 12.6, True),  # +26 %, +2.6 kg
        (8.0, 12.0, True),
    ],
)
def test_load_jump_threshold(before, after, fires):
    history = [sset("goblet-squat", DAY - days(7), reps=12, load=before)]
    warnings = on_set(sset("goblet-squat", DAY, reps=12, load=after), history)
    assert ("load-jump" in codes(warnings)) is fires


def test_load_jump_message_uses_numbers_and_name():
    history = [sset("goblet-squat", DAY - days(7), reps=12, load=8.0)]
    (w,) = [w for w in on_set(sset("goblet-squat", DAY, reps=12, load=12.0), history) if w.code == "load-jump"]
    assert w.level == "warning" and w.exercise == "goblet-squat"
    assert w.message == "8 kg → 12 kg is a 50% jump over your heaviest goblet squat in the last 4 weeks."


def test_load_jump_in_pounds():
    lb = KG_PER_LB
    runner = ADVANCED.with_changes(units="lb")
    history = [sset("goblet-squat", DAY - days(3), reps=12, load=40 * lb, unit="lb")]
    assert "load-jump" not in codes(
        on_set(sset("goblet-squat", DAY, reps=12, load=45 * lb, unit="lb"), history, profile=runner)
    )  # one 5 lb step
    (w,) = [
        w
        for w in on_set(sset("goblet-squat", DAY, reps=12, load=50 * lb, unit="lb"), history, profile=runner)
        if w.code == "load-jump"
    ]
    assert w.message.startswith("40 lb → 50 lb is a 25% jump")
    assert "kg" not in w.message + w.advice


def test_guard_sentences_are_in_the_runners_unit_whatever_the_set_was_typed_in():
    """A runner in pounds who typed one set in kg still reads pounds (issue 26: "10 kg → 20 kg … at
    most 2.5 kg" on a profile in lb); a runner in kg reads kg for sets typed in pounds."""
    runner = ADVANCED.with_changes(units="lb")
    history = [sset("goblet-squat", DAY - days(3), reps=12, load=10.0, unit="kg")]
    (w,) = [
        w
        for w in on_set(sset("goblet-squat", DAY, reps=12, load=20.0, unit="kg"), history, profile=runner)
        if w.code == "load-jump"
    ]
    assert w.message.startswith("22 lb → 44.1 lb is a 100% jump") and "kg" not in w.message + w.advice
    (w,) = [
        w
        for w in on_set(sset("goblet-squat", DAY, reps=5, load=20.0, unit="kg"), history, profile=runner)
        if w.code == "heavy-low-reps"
    ]
    assert "5 reps at 44.1 lb" in w.message and "kg" not in w.message + w.advice
    history = [sset("goblet-squat", DAY - days(3), reps=12, load=40 * KG_PER_LB, unit="lb")]
    (w,) = [
        w
        for w in on_set(sset("goblet-squat", DAY, reps=12, load=50 * KG_PER_LB, unit="lb"), history)
        if w.code == "load-jump"
    ]
    assert w.message.startswith("18.14 kg → 22.68 kg") and "lb" not in w.message + w.advice


@pytest.mark.parametrize("age, fires", [(28, True), (29, False), (1, True)])
def test_load_jump_window_edges(age, fires):
    history = [sset("goblet-squat", DAY - days(age), reps=12, load=10.0)]
    assert ("load-jump" in codes(on_set(sset("goblet-squat", DAY, reps=12, load=20.0), history))) is fires


def test_load_jump_ignores_same_day_sets_and_the_candidate_itself():
    history = [
        sset("goblet-squat", DAY - days(7), reps=12, load=10.0),
        sset("goblet-squat", DAY, reps=12, load=20.0),  # earlier today: not "previous"
        sset("goblet-squat", DAY - days(2), reps=12, load=30.0, id="me"),  # the candidate's own id
        sset("single-arm-row", DAY - days(2), reps=12, load=30.0),  # another exercise
    ]
    assert "load-jump" in codes(on_set(sset("goblet-squat", DAY, reps=12, load=20.0, id="me"), history))


def test_load_jump_needs_a_previous_load():
    history = [sset("goblet-squat", DAY - days(7), reps=12)]
    assert "load-jump" not in codes(on_set(sset("goblet-squat", DAY, reps=12, load=20.0), history))


# ---------------------------------------------------------------------------- rep-jump


@pytest.mark.parametrize("reps, fires", [(15, False), (16, True)])
def test_rep_jump_threshold(reps, fires):
    history = [sset("bodyweight-squat", DAY - days(5), reps=10), sset("bodyweight-squat", DAY - days(5), reps=8)]
    warnings = on_set(sset("bodyweight-squat", DAY, reps=reps), history)
    assert ("rep-jump" in codes(warnings)) is fires
    if fires:
        (w,) = [w for w in warnings if w.code == "rep-jump"]
        assert w.level == "caution" and "16 reps" in w.message and "(10 reps)" in w.message


def test_rep_jump_for_holds_and_window():
    history = [sset("plank", DAY - days(28), seconds=20), sset("plank", DAY - days(29), seconds=60)]
    (w,) = [w for w in on_set(sset("plank", DAY, seconds=31), history) if w.code == "rep-jump"]
    assert "31 s" in w.message and "front plank" in w.message and "seconds" in w.advice
    assert "rep-jump" not in codes(on_set(sset("plank", DAY, seconds=30), history))
    assert "rep-jump" not in codes(on_set(sset("plank", DAY, seconds=90), history[1:]))  # only a 29-day-old set


# ---------------------------------------------------------------------------- heavy-low-reps


@pytest.mark.parametrize("reps, load, fires", [(7, 20.0, True), (8, 20.0, False), (5, None, False)])
def test_heavy_low_reps(reps, load, fires):
    warnings = on_set(sset("goblet-squat", DAY, reps=reps, load=load))
    assert ("heavy-low-reps" in codes(warnings)) is fires
    if fires:
        assert [w.level for w in warnings if w.code == "heavy-low-reps"] == ["info"]


# ---------------------------------------------------------------------------- level-mismatch


def weeks_of_sessions(n, per_week=2, before=DAY):
    """n complete Monday weeks before ``before``'s week, each with ``per_week`` sessions."""
    monday = before - days(before.weekday())
    return [sess(monday - days(7 * w) + days(d)) for w in range(1, n + 1) for d in range(per_week)]


@pytest.mark.parametrize(
    "level, exercise, consistent, fires",
    [
        ("beginner", "pogo-hops", 10, True),
        ("beginner", "nordic-hamstring-curl", 10, True),
        ("beginner", "goblet-squat", 0, False),
        ("intermediate", "pogo-hops", 3, True),
        ("intermediate", "pogo-hops", 4, False),
        ("intermediate", "nordic-hamstring-curl", 0, True),  # an advanced drill
        ("advanced", "jump-squat", 0, False),
    ],
)
def test_level_mismatch(level, exercise, consistent, fires):
    profile = Profile(level=level, plyo_ready=True)
    sessions = weeks_of_sessions(consistent)
    on_a_set = on_set(sset(exercise, DAY, reps=10), sessions=sessions, profile=profile)
    at_start = on_session(DAY, ["dead-bug", exercise], sessions=sessions, profile=profile)
    for warnings in (on_a_set, at_start):
        found = [w for w in warnings if w.code == "level-mismatch"]
        assert bool(found) is fires
        if fires:
            assert found[0].exercise == exercise and found[0].level == "warning"


def test_level_mismatch_suggests_the_easier_variation():
    (w,) = [w for w in on_session(DAY, ["pogo-hops"], profile=BEGINNER) if w.code == "level-mismatch"]
    assert "pogo hops" in w.message and "calf raise" in w.advice


# ---------------------------------------------------------------------------- pain


def test_pain_once_then_twice_in_a_row():
    first = sset("reverse-lunge", DAY, reps=10, pain=True)
    (w,) = [w for w in on_set(first) if w.code == "pain"]
    assert w.level == "warning" and "today" in w.advice and "doctor" not in w.advice

    before = [sset("reverse-lunge", DAY - days(3), reps=10, pain=True)]
    (w,) = [w for w in on_set(first, before) if w.code == "pain"]
    assert "two sessions in a row" in w.message and "physical therapist" in w.advice


def test_pain_compares_with_the_latest_earlier_session_only():
    history = [
        sset("reverse-lunge", DAY - days(6), reps=10, pain=True),
        sset("reverse-lunge", DAY - days(3), reps=10),  # fine last time
        sset("reverse-lunge", DAY, reps=10, pain=True),  # earlier set of this session
    ]
    (w,) = [w for w in on_set(sset("reverse-lunge", DAY, reps=10, pain=True), history) if w.code == "pain"]
    assert "in a row" not in w.message
    assert "pain" not in codes(on_set(sset("reverse-lunge", DAY, reps=10), history))


# ---------------------------------------------------------------------------- volume-spike


def chronic(day, weekly, exercise="bodyweight-squat", rpe=None, minutes=None):
    """Four weekly sessions filling the chronic window day-34..day-7, one set each."""
    dates = [day - days(34 - 7 * i) for i in range(4)]
    return [sset(exercise, d, reps=weekly) for d in dates], [sess(d, rpe=rpe, minutes=minutes) for d in dates]


@pytest.mark.parametrize("acute, fires", [(150, False), (151, True)])
def test_volume_spike_ratio_edge(acute, fires):
    sets, sessions = chronic(DAY, 100, exercise="plank")
    warnings = on_set(sset("bodyweight-squat", DAY, reps=acute), sets, sessions + [sess(DAY)])
    assert ("volume-spike" in codes(warnings)) is fires
    if fires:
        (w,) = [w for w in warnings if w.code == "volume-spike"]
        assert w.message == "This week's strength load is about 1.51× your recent weekly average."
        assert w.advice == "Hold steady next week; that is the safer progression."
        assert w.exercise == "" and w.level == "warning"


def test_volume_spike_counts_the_candidate_with_its_session():
    sets, sessions = chronic(DAY, 100)
    today = [sset("plank", DAY, seconds=100)]
    assert "volume-spike" not in codes(on_set(sset("plank", DAY, seconds=50), sets + today))
    assert "volume-spike" in codes(on_set(sset("plank", DAY, seconds=51), sets + today))


def test_volume_spike_acute_window_is_the_last_seven_days():
    sets, sessions = chronic(DAY, 100)
    assert "volume-spike" in codes(
        review(
            DAY,
            history=sets + [sset("plank", DAY - days(6), seconds=160)],
            sessions=sessions + [sess(DAY - days(6))],
            profile=ADVANCED,
        )
    )
    # the same set a day earlier falls into the chronic window instead
    assert "volume-spike" not in codes(
        review(
            DAY,
            history=sets + [sset("plank", DAY - days(7), seconds=160)],
            sessions=sessions + [sess(DAY - days(7))],
            profile=ADVANCED,
        )
    )


def test_volume_spike_uses_session_rpe_only_when_every_session_has_it():
    sets, sessions = chronic(DAY, 100, rpe=5, minutes=20)  # 100 RPE-minutes a week
    light = sset("plank", DAY - days(1), seconds=20)  # tiny volume, long hard sitting
    hard = sess(DAY - days(1), rpe=8, minutes=20)  # 160 RPE-minutes
    (w,) = [
        w
        for w in review(DAY, history=sets + [light], sessions=sessions + [hard], profile=ADVANCED)
        if w.code == "volume-spike"
    ]
    assert "1.6×" in w.message
    # one sitting without RPE: everything falls back to volume (20 vs 100 a week: no spike)
    mixed = [sessions[0].with_changes(rpe=None)] + sessions[1:]
    assert "volume-spike" not in codes(review(DAY, history=sets + [light], sessions=mixed + [hard], profile=ADVANCED))


@pytest.mark.parametrize("first_age, fires", [(21, True), (20, False)])
def test_volume_spike_needs_three_weeks_of_history(first_age, fires):
    starts = [DAY - days(first_age), DAY - days(first_age - 7)]
    history = [sset("plank", d, seconds=100) for d in starts]
    warnings = on_set(sset("bodyweight-squat", DAY, reps=1000), history)
    assert ("volume-spike" in codes(warnings)) is fires


@pytest.mark.parametrize("weekly, fires", [(59, False), (60, True)])
def test_volume_spike_suppressed_when_chronic_load_is_tiny(weekly, fires):
    sets, sessions = chronic(DAY, weekly, exercise="plank")
    warnings = on_set(sset("bodyweight-squat", DAY, reps=500), sets, sessions + [sess(DAY)])
    assert ("volume-spike" in codes(warnings)) is fires


def test_volume_spike_is_silent_in_the_first_three_weeks_even_above_the_plan():
    history = [sset("plank", DAY - days(10), seconds=40)]
    assert "volume-spike" not in codes(on_set(sset("bodyweight-squat", DAY, reps=500), history))
    assert "volume-spike" not in codes(on_set(sset("bodyweight-squat", DAY, reps=151), history, planned=100))


def test_volume_spike_never_fires_at_or_below_the_weeks_prescription():
    sets, sessions = chronic(DAY, 100)
    # 160 in the last 7 days would be 1.6× the average, but the plan asked for 200 this week
    assert "volume-spike" not in codes(on_set(sset("plank", DAY, seconds=160), sets, planned=200))
    assert "volume-spike" in codes(on_set(sset("plank", DAY, seconds=160), sets, planned=150))
    week = WeekPlanLoad(100, after_light_week=True, week_start=DAY - days(DAY.weekday()))
    assert "volume-spike" not in codes(
        check_set(
            sset("plank", DAY, seconds=160),
            history=sets,
            sessions=sessions + [sess(DAY)],
            profile=ADVANCED,
            catalog=CATALOG,
            week=week,
        )
    )


def test_volume_spike_steady_three_a_week_from_three_weeks_ago_is_quiet():
    # Dividing the 2 covered weeks by 4 (instead of by the weeks the log covers) would read 1.7×.
    offsets = [21, 19, 17, 14, 12, 10, 7, 5, 3]
    history = [sset("bodyweight-squat", DAY - days(o), reps=100) for o in offsets]
    assert "volume-spike" not in codes(on_set(sset("bodyweight-squat", DAY, reps=100), history))


# ---------------------------------------------------------------------------- too-many-sessions


@pytest.mark.parametrize("offsets, fires", [((1, 3), False), ((1, 3, 6), True), ((1, 3, 7), False)])
def test_too_many_sessions_in_seven_days(offsets, fires):
    profile = ADVANCED.with_changes(target=5)
    sessions = [sess(DAY - days(o)) for o in offsets]
    warnings = on_session(DAY, ["goblet-squat"], sessions, profile)
    assert ("too-many-sessions" in codes(warnings)) is fires
    if fires:
        (w,) = [w for w in warnings if w.code == "too-many-sessions"]
        assert w.message == "This would be your 4th strength session in 7 days." and w.exercise == ""


def test_finishers_do_not_count_in_seven_days():
    sessions = [sess(DAY - days(1)), sess(DAY - days(2)), sess(DAY - days(3), kind="finisher")]
    assert "too-many-sessions" not in codes(
        on_session(DAY, ["goblet-squat"], sessions, ADVANCED.with_changes(target=5))
    )


@pytest.mark.parametrize("extra, fires", [("finisher", False), ("leg-free", True)])
def test_too_many_sessions_against_weekly_target(extra, fires):
    """A finisher after a run is an extra (it never makes a week "too many"); a leg-free
    session counts towards the target like a full one."""
    monday = DAY - days(DAY.weekday())
    sessions = [sess(monday)] + [sess(monday + days(1), kind=extra, id=f"x{i}") for i in range(2)]
    profile = ADVANCED.with_changes(target=1)
    warnings = on_session(DAY, ["goblet-squat"], sessions, profile)
    assert ("too-many-sessions" in codes(warnings)) is fires
    if fires:
        (w,) = [w for w in warnings if w.code == "too-many-sessions"]
        assert w.message == "This would make 4 sessions this week against your target of 1."


def test_weekly_target_follows_week_start_and_target_history():
    # Monday and Tuesday sessions, a new one on Wednesday, target 1: a 3rd this week for
    # Monday weeks, but the 1st for weeks starting on Wednesday.
    sessions = [sess(DAY - days(2)), sess(DAY - days(1))]
    assert "too-many-sessions" in codes(on_session(DAY, ["goblet-squat"], sessions, ADVANCED.with_changes(target=1)))
    profile = ADVANCED.with_changes(target=1, week_start="wed")
    assert "too-many-sessions" not in codes(on_session(DAY, ["goblet-squat"], sessions, profile))
    profile = ADVANCED.with_changes(target=5, target_history=((date(2024, 1, 1), 1),))
    assert "too-many-sessions" in codes(on_session(DAY, ["goblet-squat"], sessions, profile))


# ---------------------------------------------------------------------------- after-long-run


@pytest.mark.parametrize(
    "day, ids, fires",
    [
        (date(2024, 6, 15), ["goblet-squat", "dead-bug"], True),  # Saturday: the long run
        (date(2024, 6, 16), ["reverse-lunge"], True),  # Sunday: the day after
        (date(2024, 6, 17), ["goblet-squat"], False),  # Monday
        (date(2024, 6, 16), ["plank", "dead-bug", "single-arm-row"], False),  # no leg work
    ],
)
def test_after_long_run(day, ids, fires):
    warnings = on_session(day, ids, profile=ADVANCED)
    assert ("after-long-run" in codes(warnings)) is fires
    if fires:
        (w,) = [w for w in warnings if w.code == "after-long-run"]
        assert w.level == "warning" and "long" in w.message and "dead bug" not in w.message


# ---------------------------------------------------------------------------- same-day-as-run

TUESDAY, FRIDAY = date(2024, 6, 11), date(2024, 6, 14)


@pytest.mark.parametrize(
    "profile, day, taken, fires",
    [
        (BEGINNER, TUESDAY, [], True),  # Thursday is free
        (BEGINNER, TUESDAY, [date(2024, 6, 13)], False),  # Thursday taken; Sunday follows the long run
        (BEGINNER, FRIDAY, [], False),  # only Sunday left, after the long run
        (BEGINNER, date(2024, 6, 13), [], False),  # Thursday itself is a rest day
        (Profile(level="intermediate"), TUESDAY, [], False),
    ],
)
def test_same_day_as_run(profile, day, taken, fires):
    warnings = on_session(day, ["goblet-squat"], [sess(d) for d in taken], profile)
    assert ("same-day-as-run" in codes(warnings)) is fires
    if fires:
        (w,) = [w for w in warnings if w.code == "same-day-as-run"]
        assert w.level == "info" and "Thursday" in w.advice


# ---------------------------------------------------------------------------- comeback


@pytest.mark.parametrize("gap, fires", [(14, False), (15, True)])
def test_comeback(gap, fires):
    sessions = [sess(DAY - days(gap)), sess(DAY - days(gap + 3))]
    warnings = on_session(DAY, ["goblet-squat"], sessions)
    assert ("comeback" in codes(warnings)) is fires
    if fires:
        (w,) = [w for w in warnings if w.code == "comeback"]
        assert w.level == "caution" and "15 days" in w.message and "50–70%" in w.advice


def test_comeback_needs_an_earlier_session_and_only_the_first_one():
    assert "comeback" not in codes(on_session(DAY, ["dead-bug"], []))
    assert "comeback" not in codes(
        on_session(DAY, ["goblet-squat"], [sess(DAY - days(30)), sess(DAY, id="earlier-today")])
    )


def test_comeback_advice_names_a_real_load():
    last = DAY - days(28)
    history = [sset("goblet-squat", last, reps=12, load=14.0)]
    (w,) = [w for w in on_session(DAY, ["goblet-squat"], [sess(last)], history=history) if w.code == "comeback"]
    assert "goblet squat at about 7–10 kg instead of 14 kg" in w.advice


# ---------------------------------------------------------------------------- irregular


def spread(n, first_age, today=DAY, kind="strength"):
    """n sessions inside today-27..today plus one on today-first_age to set the history length."""
    return [sess(today - days(first_age), id="first")] + [
        sess(today - days(3 * i), kind=kind, id=f"r{i}") for i in range(n)
    ]


@pytest.mark.parametrize("in_window, first_age, fires", [(5, 28, True), (6, 28, False), (5, 27, False)])
def test_irregular(in_window, first_age, fires):
    # 6 sessions in 28 days is 1.5 a week (one missed session is not "irregular"); with
    # first_age 27 the log is shorter than 4 weeks
    warnings = review(DAY, history=[], sessions=spread(in_window, first_age), profile=ADVANCED)
    assert ("irregular" in codes(warnings)) is fires


def test_irregular_counts_finishers_as_half_and_forgives_this_mornings_session():
    sessions = [sess(DAY - days(30), id="old")] + [sess(DAY - days(2 * i + 1), id=f"a{i}") for i in range(5)]
    sessions += [sess(DAY - days(2), kind="finisher", id="f1"), sess(DAY - days(4), kind="finisher", id="f2")]
    assert "irregular" not in codes(review(DAY, history=[], sessions=sessions, profile=ADVANCED))  # 5 + 2 × 0.5
    (w,) = review(DAY, history=[], sessions=sessions[:-1], profile=ADVANCED)
    assert w.code == "irregular" and "1.4 strength sessions a week" in w.message
    # exactly 2 a week (Wednesdays and Sundays): Sunday morning, before logging, is not "irregular"
    sunday = date(2024, 6, 16)
    pattern = [sess(sunday - days(7 * w + o)) for w in range(6) for o in (4, 7)]
    assert "irregular" not in codes(review(sunday, history=[], sessions=pattern, profile=ADVANCED))


# ---------------------------------------------------------------------------- quiet / shown_in_session


def W(code, level="warning", exercise=""):
    return GuardWarning(code, level, "Message.", "Advice.", exercise)


def test_quiet_orders_dedupes_and_respects_shown_and_acks():
    warnings = [
        W("heavy-low-reps", "info", "goblet-squat"),
        W("rep-jump", "caution", "plank"),
        W("load-jump", "warning", "goblet-squat"),
        W("rep-jump", "caution", "plank"),
        W("comeback", "caution"),
        W("pain", "warning", "reverse-lunge"),
        W("irregular", "info"),
    ]
    acks = [("comeback", "", DAY - days(6)), ("irregular", "", DAY - days(7))]
    out = quiet(warnings, acks=acks, day=DAY, shown={("pain", "reverse-lunge")})
    assert [(w.code, w.exercise) for w in out] == [
        ("load-jump", "goblet-squat"),
        ("rep-jump", "plank"),
        ("heavy-low-reps", "goblet-squat"),
        ("irregular", ""),
    ]


def test_shown_in_session_scopes_codes():
    sets = [
        sset("goblet-squat", DAY, reps=10, warnings=("load-jump", "volume-spike")),
        sset("plank", DAY, seconds=30, warnings=("comeback", "rep-jump")),
    ]
    assert shown_in_session(sets) == {
        ("load-jump", "goblet-squat"),
        ("volume-spike", ""),
        ("comeback", ""),
        ("rep-jump", "plank"),
    }
    assert {
        "comeback",
        "too-many-sessions",
        "after-long-run",
        "same-day-as-run",
        "back-to-back",
        "after-hard-run",
    } == SESSION_CODES
    assert SESSION_CODES < UNSCOPED_CODES


def test_a_week_level_warning_is_not_repeated_for_the_next_exercise():
    sets, sessions = chronic(DAY, 100, exercise="plank")
    first = sset("bodyweight-squat", DAY, reps=200)
    shown = shown_in_session([first.with_changes(warnings=tuple(codes(on_set(first, sets))))])
    second = on_set(sset("reverse-lunge", DAY, reps=20), sets + [first])
    assert "volume-spike" in codes(second)
    assert "volume-spike" not in codes(quiet(second, acks=[], day=DAY, shown=shown))


def test_to_dict():
    assert W("pain", exercise="plank").to_dict() == {
        "code": "pain",
        "level": "warning",
        "message": "Message.",
        "advice": "Advice.",
        "exercise": "plank",
    }


# ---------------------------------------------------------------------------- wording


def _everything():
    sets, sessions = chronic(DAY, 100, exercise="plank")
    lb = KG_PER_LB
    out = []
    out += on_set(
        sset("goblet-squat", DAY, reps=5, load=30.0, pain=True),
        [sset("goblet-squat", DAY - days(3), reps=2, load=8.0, pain=True)] + sets,
        profile=BEGINNER,
    )
    out += on_set(
        sset("single-arm-row", DAY, reps=6, load=60 * lb, unit="lb"),
        [sset("single-arm-row", DAY - days(3), reps=2, load=40 * lb, unit="lb")],
        profile=ADVANCED,
    )
    out += on_set(
        sset("plank", DAY, seconds=90),
        [sset("plank", DAY - days(2), seconds=30)],
        profile=Profile(level="intermediate"),
    )
    out += on_set(sset("pogo-hops", DAY, reps=20), profile=Profile(level="intermediate"))
    sunday = date(2024, 6, 16)
    leg_day = ["goblet-squat", "reverse-lunge", "bodyweight-squat", "pogo-hops", "jump-squat"]
    out += on_session(
        sunday,
        leg_day,
        [sess(DAY - days(20))],
        BEGINNER,
        history=[sset("goblet-squat", DAY - days(20), reps=12, load=14.0, unit="lb")],
    )
    out += on_session(sunday, ["bodyweight-squat"], [sess(sunday - days(i)) for i in (1, 2, 3)], ADVANCED)
    out += on_session(TUESDAY, ["dead-bug"], [], BEGINNER)
    out += on_session(DAY, ["bodyweight-squat"], [sess(DAY - days(1))], ADVANCED)
    out += review(
        DAY, history=sets + [sset("plank", DAY, seconds=900)], sessions=sessions + [sess(DAY)], profile=BEGINNER
    )
    sets2, sessions2 = chronic(DAY, 100)
    out += on_set(sset("plank", DAY, seconds=300), sets2, planned=100)
    return out


def test_every_message_and_advice_is_one_kind_sentence():
    warnings = _everything()
    assert {
        "pain",
        "load-jump",
        "rep-jump",
        "heavy-low-reps",
        "level-mismatch",
        "volume-spike",
        "comeback",
        "too-many-sessions",
        "after-long-run",
        "same-day-as-run",
        "irregular",
        "back-to-back",
    } <= set(codes(warnings))
    for w in warnings:
        assert w.level in {"info", "caution", "warning"}
        assert (w.exercise == "") is (w.code in UNSCOPED_CODES)
        for text in (w.message, w.advice):
            assert text.endswith(".") and (text[0].isupper() or text[0].isdigit()), text
            assert not re.search(r"[.!?]\s+[A-Z]", text), text  # one sentence
            assert not re.search(r"injur|risk|probab|danger", text, re.I), text
            assert not re.search(r"[a-z]+-[a-z]+-[a-z]+", text), text  # display names, not ids


def test_thresholds_live_in_one_place():
    assert THRESHOLDS.load_jump_fraction == 0.10 and THRESHOLDS.spike_ratio == 1.5
    with pytest.raises(Exception):
        THRESHOLDS.spike_ratio = 2  # frozen


def test_smoke_with_the_shipped_catalog():
    catalog = load_catalog()
    ids = ["goblet-squat", "plank", "pogo-hops", "dead-bug"]
    assert all(i in catalog for i in ids)
    warnings = check_session(date(2024, 6, 16), ids, sessions=[sess(DAY - days(20))], profile=BEGINNER, catalog=catalog)
    assert {"comeback", "after-long-run", "level-mismatch"} <= set(codes(warnings))
    history = [sset("goblet-squat", DAY - days(4), reps=12, load=8.0)]
    warnings = check_set(
        sset("goblet-squat", DAY, reps=12, load=12.0), history=history, sessions=[], profile=BEGINNER, catalog=catalog
    )
    assert "goblet squat" in [w for w in warnings if w.code == "load-jump"][0].message


# ---------------------------------------------------------------------------- properties

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(
    start=st.floats(2.5, 120),
    unit=st.sampled_from(["kg", "lb"]),
    growth=st.lists(st.floats(0, 0.10), min_size=1, max_size=10),
    per_week=st.integers(1, 3),
    last_growth=st.floats(0, 0.10),
)
def test_property_ten_percent_a_week_never_jumps(start, unit, growth, per_week, last_growth):
    first = DAY - days(7 * len(growth))
    load, history = start, []
    for w, g in enumerate(growth):
        for s in range(per_week):
            history.append(sset("goblet-squat", first + days(7 * w + 2 * s), reps=12, load=load, unit=unit))
        load *= 1 + g
    candidate = sset(
        "goblet-squat", first + days(7 * len(growth)), reps=12, load=history[-1].load_kg * (1 + last_growth), unit=unit
    )
    assert "load-jump" not in codes(on_set(candidate, history))


@st.composite
def steady_logs(draw):
    k = draw(st.integers(2, 3))
    pattern = sorted(draw(st.lists(st.integers(0, 6), min_size=k, max_size=k, unique=True)))
    n_weeks = draw(st.integers(3, 8))
    base = draw(st.integers(20, 120))
    n_sets = draw(st.integers(2, 4))
    rpe_mode = draw(st.sampled_from(["none", "all", "some"]))
    rpe = draw(st.integers(3, 8))
    minutes = draw(st.integers(15, 30))
    week_start = draw(st.sampled_from(WEEKDAYS))
    origin = DAY - days(DAY.weekday()) - days(7 * n_weeks)  # a Monday
    sessions, sets = [], []
    for w in range(n_weeks):
        for wd in pattern:
            d = origin + days(7 * w + wd)
            m = draw(st.floats(0.9, 1.1))
            has_rpe = rpe_mode == "all" or (rpe_mode == "some" and draw(st.booleans()))
            sessions.append(sess(d, rpe=rpe if has_rpe else None, minutes=round(minutes * m) if has_rpe else None))
            sets += [sset("bodyweight-squat", d, reps=round(base * m)) for _ in range(n_sets)]
    last = sessions[-1].date
    nxt = next(last + days(i) for i in range(1, 8) if (last + days(i)).weekday() in pattern)
    new = [sset("bodyweight-squat", nxt, reps=round(base * draw(st.floats(0.9, 1.1)))) for _ in range(n_sets)]
    profile = Profile(level="advanced", target=k, week_start=week_start)
    return sessions, sets, nxt, new, profile


@PROPS
@given(steady_logs())
def test_property_steady_training_is_never_flagged(log):
    sessions, sets, nxt, new, profile = log
    bad = {"volume-spike", "irregular", "too-many-sessions"}
    last = sessions[-1].date
    assert not bad & set(codes(review(last, history=sets, sessions=sessions, profile=profile)))
    assert not bad & set(codes(review(nxt, history=sets, sessions=sessions, profile=profile)))
    assert not bad & set(codes(on_session(nxt, ["bodyweight-squat"], sessions, profile)))
    logged = list(sets)
    for candidate in new:
        assert not bad & set(codes(on_set(candidate, logged, sessions + [sess(nxt)], profile)))
        logged.append(candidate)
    assert not bad & set(codes(review(nxt, history=logged, sessions=sessions + [sess(nxt)], profile=profile)))


CODES = ["load-jump", "rep-jump", "pain", "comeback", "volume-spike"]
EXERCISES = ["", "plank", "goblet-squat"]
LEVELS = ["info", "caution", "warning"]


@PROPS
@given(
    warnings=st.lists(
        st.builds(W, st.sampled_from(CODES), st.sampled_from(LEVELS), st.sampled_from(EXERCISES)), max_size=20
    ),
    acks=st.lists(
        st.tuples(st.sampled_from(CODES), st.sampled_from(EXERCISES), st.integers(-20, 3).map(lambda n: DAY + days(n))),
        max_size=8,
    ),
    shown=st.sets(st.tuples(st.sampled_from(CODES), st.sampled_from(EXERCISES)), max_size=4),
)
def test_property_quiet_never_nags(warnings, acks, shown):
    out = quiet(warnings, acks=acks, day=DAY, shown=shown)
    keys = [(w.code, w.exercise) for w in out]
    assert len(keys) == len(set(keys))
    recent = {(c, e) for c, e, d in acks if d > DAY - days(7) and c != "pain"}  # pain is never silenced
    assert not set(keys) & (recent | shown)
    order = [LEVELS[::-1].index(w.level) for w in out]
    assert order == sorted(order)
    # nothing else is lost
    assert set(keys) == {(w.code, w.exercise) for w in warnings} - recent - shown


@pytest.mark.parametrize(
    "text, said",
    [
        ("18%", "an 18%"),
        ("8%", "an 8%"),
        ("11.5%", "an 11.5%"),
        ("80%", "an 80%"),
        ("25%", "a 25%"),
        ("110%", "a 110%"),
        ("1.5%", "a 1.5%"),
        ("180%", "a 180%"),
    ],
)
def test_numbers_take_the_article_they_are_read_with(text, said):
    from runstrength_tui.domain.guard import _a

    assert _a(text) == said


def test_pain_notes_cannot_be_silenced_with_i_know():
    note = GuardWarning("pain", "warning", "You marked pain on goblet squat.", "Stop.", "goblet-squat")
    jump = GuardWarning("load-jump", "warning", "Big jump.", "Smaller.", "goblet-squat")
    acks = [("pain", "goblet-squat", DAY), ("load-jump", "goblet-squat", DAY)]
    assert [w.code for w in quiet([note, jump], acks=acks, day=DAY)] == ["pain"]


@pytest.mark.parametrize("exercise", [e.id for e in load_catalog() if e.kind == "plyometric" or e.level == "advanced"])
def test_level_advice_always_names_a_safer_option_that_fits(exercise):
    catalog = load_catalog()
    for level in ("beginner", "intermediate"):
        profile = Profile(level=level, plyo_ready=True)
        found = [
            w
            for w in check_set(sset(exercise, DAY, reps=8), history=[], sessions=[], profile=profile, catalog=catalog)
            if w.code == "level-mismatch"
        ]
        for w in found:
            named = [
                ex
                for ex in catalog
                if w.advice.startswith(f"Do {ex.name[:1].lower() + ex.name[1:]} instead")
                or w.advice.startswith(f"Do {ex.name} instead")
            ]
            assert named, w.advice
            assert named[0].suits(level) and named[0].id != exercise
            if level == "beginner":
                assert named[0].kind != "plyometric"


def test_a_session_that_spares_the_legs_is_never_back_to_back_nor_too_many():
    """The leg-free session and the finisher (upper back, core, shins, feet): the day after
    a leg session, or as a 4th sitting in 7 days, the guard stays quiet; and a leg session
    the day after one of them is not two leg days in a row."""
    profile = ADVANCED.with_changes(target=3)
    legs_yesterday = [sess(DAY - days(1))]
    for ids in (
        ["dead-bug"],
        ["single-arm-row", "tibialis-raise", "pallof-press", "short-foot"],
        ["plank", "side-plank"],
    ):
        warnings = on_session(DAY, ids, legs_yesterday + [sess(DAY - days(o)) for o in (3, 5)], profile)
        assert not {"back-to-back", "too-many-sessions"} & set(codes(warnings)), ids
    leg_free_yesterday = [sess(DAY - days(1)).with_changes(kind="leg-free")]
    assert "back-to-back" not in codes(on_session(DAY, ["goblet-squat"], leg_free_yesterday, profile))
    assert "back-to-back" in codes(on_session(DAY, ["goblet-squat", "dead-bug"], legs_yesterday, profile))
