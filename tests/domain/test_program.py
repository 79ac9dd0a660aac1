"""The program a coach would sign (issue 23): every week covers calves (straight and bent
knee), hips, shins, feet and anti-rotation; supersets fit 5–6 exercises into 20 minutes;
advanced runners lift heavier mid-block; a target of 3 gets a leg-free third session; the
finisher is offered on easy-run days. Measured over 12-week plans, as a runner who does
exactly what the plan says."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from statistics import median

import pytest

from runstrength_tui.domain import plan
from runstrength_tui.domain.model import Profile
from runstrength_tui.domain.plan import plan_ahead, today_plan
from runstrength_tui.domain.rules import THRESHOLDS as T
from runstrength_tui.domain.schedule import RunningWeek
from runstrength_tui.store.shipped import load_catalog

CATALOG = load_catalog()
MON = date(2024, 6, 10)
KITS = {
    "bodyweight": {"equipment": ()},
    "bands": {"equipment": ("bands",)},
    "dumbbells": {"equipment": ("dumbbells",), "dumbbells": (4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0)},
    "gym": {"equipment": ("gym", "bands")},
}


def runner(level: str, kit: str, minutes: int = 20, target: int = 2, **more) -> Profile:
    return Profile(block_start=MON).with_changes(level=level, minutes=minutes, target=target, **KITS[kit], **more)


def weeks_of(days):
    out = defaultdict(list)
    for d in days:
        out[(d.date - MON).days // 7].append(d)
    return out


def families(day) -> set[str]:
    return {CATALOG.family(p.exercise) for p in day.exercises}


@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
@pytest.mark.parametrize("kit", list(KITS))
def test_every_week_covers_calves_soleus_hips_and_often_shins_feet_and_anti_rotation(level, kit):
    days = plan_ahead(MON, runner(level, kit), [], [], CATALOG, weeks=12)
    weeks = [set().union(*(families(d) for d in ds)) for ds in weeks_of(days).values()]
    assert len(weeks) == 12
    share = {
        name: sum(1 for w in weeks if group & w) / len(weeks)
        for name, group in {
            "calf": {"calf", "soleus"},
            "soleus": {"soleus"},
            "hips": {"hip-abduction"},
            "shins": {"tibialis"},
            "feet": {"foot"},
            "anti-rotation": {"anti-rotation"},
        }.items()
    }
    assert share["calf"] >= 0.95 and share["soleus"] >= 0.8 and share["hips"] >= 0.8, share
    assert min(share["shins"], share["feet"], share["anti-rotation"]) >= 0.5, share


@pytest.mark.parametrize("minutes, least", [(20, 5), (15, 4)])
@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
def test_sessions_hold_five_or_six_exercises_in_twenty_minutes_and_never_run_over(minutes, least, level):
    counts = []
    for kit in KITS:
        for d in plan_ahead(MON, runner(level, kit, minutes), [], [], CATALOG, weeks=12):
            assert plan.estimated_minutes(d.exercises) <= minutes, (kit, d.date)
            counts.append(len(d.exercises))
    assert median(counts) >= least


def test_a_pair_is_a_main_lift_with_a_calf_hip_or_core_exercise():
    day = plan_ahead(MON, runner("intermediate", "dumbbells"), [], [], CATALOG, weeks=1)[0]
    groups = defaultdict(list)
    for p in day.exercises:
        if p.group:
            groups[p.group].append(p)
    assert groups and all(len(g) == 2 for g in groups.values())
    first = groups["A"]
    assert first[0].role == "main" and first[1].role in ("prehab", "core")


def test_advanced_runners_lift_heavier_mid_block_but_never_in_a_lighter_week_or_a_taper():
    p = runner("advanced", "gym")
    days = plan_ahead(MON, p, [], [], CATALOG, weeks=12)
    heavy_weeks = set()
    for d in days:
        heavy = [x for x in d.exercises if x.reps is not None and x.reps[1] <= 8 and x.role == "main" and x.rest >= 120]
        if heavy:
            assert not d.light_week and not d.taper
            assert all(x.sets >= T.heavy_sets and x.reps == T.heavy_reps for x in heavy)
            assert all(CATALOG.get(x.exercise).kind == "strength" for x in heavy)
            heavy_weeks.add(d.block_week)
    assert heavy_weeks and heavy_weeks <= {5, 6, 7, 9, 10}
    normal_weeks = {d.block_week for d in days if not d.light_week}
    assert len(heavy_weeks) / len(normal_weeks) >= 0.25
    race = MON + timedelta(days=7 * 5 + 6)  # a half marathon on the Sunday of block week 6
    raced = plan_ahead(MON, p.with_changes(races=(race,)), [], [], CATALOG, weeks=12)
    for d in raced:
        if 0 <= (race - d.date).days <= T.taper_window_days:
            assert not any(x.reps == T.heavy_reps and x.rest >= T.heavy_min_rest_seconds for x in d.exercises), d.date


def test_entering_the_heavier_phase_takes_the_next_weight_and_says_why():
    days = plan_ahead(MON, runner("advanced", "gym"), [], [], CATALOG, weeks=6)
    squats = [(d, x) for d in days for x in d.exercises if x.exercise == "back-squat"]
    before = [x for d, x in squats if d.block_week < 5 and not d.light_week]
    first_heavy = next(x for d, x in squats if d.block_week >= 5)
    assert first_heavy.reps == T.heavy_reps
    assert first_heavy.suggested_load_kg > before[-1].suggested_load_kg
    assert "heavier phase" in first_heavy.note


LONG_SUNDAY = ("rest", "hard", "easy", "hard", "rest", "easy", "long")


@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
def test_a_target_of_three_gets_a_leg_free_third_session_that_keeps_every_rule(level):
    p = runner(level, "dumbbells", target=3, runs=LONG_SUNDAY)
    days = plan_ahead(MON, p, [], [], CATALOG, weeks=12)
    week = RunningWeek.of(p)
    with_three = 0
    for ds in weeks_of(days).values():
        full = [d.date for d in ds if d.kind == "strength"]
        legfree = [d for d in ds if d.kind == "leg-free"]
        assert len(legfree) <= 1
        for a, b in zip(full, full[1:]):
            assert (b - a).days >= 2  # the 48 hours between leg sessions still hold
        for d in legfree:
            assert week.blocked(d.date) is None and week.run_on(d.date) != "long"
            assert CATALOG.spares_legs(p.exercise for p in d.exercises)
            assert not d.light_week and plan.estimated_minutes(d.exercises) <= T.leg_free_minutes
        with_three += len(full) + len(legfree) >= 3
    assert with_three / 12 >= 0.5
    assert "spares your legs" in (plan.target_note(p) or "")


def test_a_target_of_two_gets_no_leg_free_session():
    p = runner("intermediate", "dumbbells", target=2, runs=LONG_SUNDAY)
    assert all(d.kind == "strength" for d in plan_ahead(MON, p, [], [], CATALOG, weeks=4))


def test_the_finisher_is_offered_on_easy_run_days_and_spares_the_legs():
    p = runner("intermediate", "dumbbells", target=2, runs=LONG_SUNDAY)
    week = RunningWeek.of(p)
    offered = 0
    easy = 0
    for n in range(14):
        day = MON + timedelta(days=n)
        t = today_plan(day, p, [], [], CATALOG)
        if t.kind == "finisher-only":
            assert week.run_on(day) == "easy" and week.blocked(day) is None
            assert CATALOG.spares_legs(x.exercise for x in t.finisher)
            assert "nothing that tires the legs" in t.reason
        if week.run_on(day) == "easy" and t.kind != "strength" and week.blocked(day) is None:
            easy += 1
            offered += t.kind == "finisher-only"
    assert easy and offered == easy


@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
@pytest.mark.parametrize("kit", ["dumbbells", "gym"])
def test_every_first_loaded_exercise_has_a_starting_weight_and_an_effort_cue(level, kit):
    seen: set[str] = set()
    for d in plan_ahead(MON, runner(level, kit), [], [], CATALOG, weeks=12):
        for x in d.exercises:
            assert x.effort
            ex = CATALOG.get(x.exercise)
            if x.exercise not in seen and ex.weighted and x.reps is not None:
                assert x.suggested_load_kg is not None, (d.date, x.exercise)
            seen.add(x.exercise)


@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
@pytest.mark.parametrize("kit", list(KITS))
@pytest.mark.parametrize("minutes", [15, 20])
def test_no_main_lift_stays_the_same_for_more_than_three_sessions_at_the_top(level, kit, minutes):
    """A runner who reaches the top of every set (what plan_ahead simulates) sees each main
    lift change (reps, load, sets or variation) within three sessions; a lighter week's hold
    neither counts nor resets."""
    last: dict[str, tuple] = {}
    same: dict[str, int] = defaultdict(int)
    for d in plan_ahead(MON, runner(level, kit, minutes), [], [], CATALOG, weeks=12):
        if d.light_week:
            continue
        for x in d.exercises:
            if x.role != "main" or (x.exercise == plan.NORDIC and x.reps == plan.NORDIC_DOSES[-1][1]):
                continue  # the Nordic curl's top dose is its maintenance dose
            key = (x.sets, x.reps, x.seconds, x.suggested_load_kg, x.tempo)
            same[x.exercise] = same[x.exercise] + 1 if last.get(x.exercise) == key else 1
            last[x.exercise] = key
            assert same[x.exercise] <= 3, (d.date, x.exercise, x.dose_text)
