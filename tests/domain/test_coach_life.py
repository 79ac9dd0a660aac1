"""The coach through life's events: pain, races of every distance, ultra weekends,
back-to-back hard days, light weeks, tapers, comebacks, level changes, the end of a block.

Concrete cases for each rule first, then a Hypothesis property over runners drawn widely
(running weeks with two long runs or back-to-back hard days, races 5 km to ultra, pain
marks on any family, missed days and breaks) who follow `today` through the service. The
oracles are written from the rules in docs/coaching.md, not from the planner's helpers.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runstrength_tui.domain import plan
from runstrength_tui.domain.coach import Coach
from runstrength_tui.domain.loads import implement, ladder
from runstrength_tui.domain.model import LEVELS, Profile, SessionRecord, SetRecord
from runstrength_tui.domain.rules import RACE_RECOVERY, race_recovery
from runstrength_tui.domain.schedule import RunningWeek
from runstrength_tui.domain.words import DAY_NAMES
from runstrength_tui.service import history_since
from runstrength_tui.store.shipped import load_catalog

CATALOG = load_catalog()
START = date(2026, 1, 5)  # a Monday
LIFE = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
JUMPS = {e.id for e in CATALOG if e.kind == "plyometric"}


def at(n: int) -> date:
    return START + timedelta(days=n)


def first_load(item: plan.Prescribed, profile: Profile) -> float | None:
    weights = ladder(implement(CATALOG.get(item.exercise), profile), profile)
    return weights[len(weights) // 3] if weights else None


def follow(
    profile: Profile,
    days: int,
    skip: frozenset[date] = frozenset(),
    pain: dict[int, str] | None = None,
    extra: int = 0,
    volumes: dict[date, int] | None = None,
):
    """A runner who does what `today` says for ``days`` days (but on ``skip`` days),
    marking pain on the sets of the pain family ``pain[n]`` in their n-th session, and
    doing ``extra`` reps more than asked. Returns the days (date, plan), sessions, sets."""
    pain = pain or {}
    sessions: list[SessionRecord] = []
    history: list[SetRecord] = []
    shown: dict[date, str] = {}
    volumes = {} if volumes is None else volumes  # the ledger's volumes, for the caller
    out: list[tuple[date, plan.TodayPlan]] = []
    for n in range(days):
        day = at(n)
        since = history_since(day, sessions)
        ctx = Coach(
            today=day,
            profile=profile,
            sessions=list(sessions),
            history=[h for h in history if h.date >= since],
            acks=[],
            catalog=CATALOG,
            pain_history=[h for h in history if h.date < since],
            shown=dict(shown),
        )
        today = ctx.today_plan()
        shown.setdefault(day, today.kind)
        volumes.setdefault(day, today.volume)
        out.append((day, today))
        if today.kind != "strength" or day in skip:
            continue
        sid = f"s{len(sessions)}"
        hurt = pain.get(len(sessions))
        for i, item in enumerate(today.exercises):
            load = item.suggested_load_kg
            if (
                load is None
                and CATALOG.get(item.exercise).weighted
                and not any(h.exercise == item.exercise for h in history)
            ):
                load = first_load(item, profile)
            for k in range(item.sets):
                history.append(
                    SetRecord(
                        id=f"{sid}-{i}-{k}",
                        session=sid,
                        exercise=item.exercise,
                        date=day,
                        logged_at=datetime.combine(day, time(18)) + timedelta(minutes=i, seconds=k),
                        reps=item.reps[1] + extra if item.reps else None,
                        seconds=item.seconds,
                        load_kg=load,
                        unit=item.load_unit,
                        pain=hurt is not None and CATALOG.pain_family(item.exercise) == hurt,
                    )
                )
        sessions.append(
            SessionRecord(
                id=sid,
                date=day,
                started_at=datetime.combine(day, time(18)),
                ended_at=datetime.combine(day, time(18, 20)),
                minutes=20,
            )
        )
    return out, sessions, history


# --- pain ------------------------------------------------------------------------------------


def test_pain_counts_by_family_across_the_easier_variation_and_takes_the_family_out():
    """Goblet squat marked, then its easier stand-in marked: two in a row in one family."""
    p = Profile(level="intermediate", equipment=("dumbbells",), dumbbells=(6.0, 8.0, 10.0), block_start=START)
    fam = CATALOG.pain_family("goblet-squat")
    days, sessions, history = follow(p, 35, pain={0: fam, 1: fam})
    after = [t for d, t in days if d > sessions[1].date and t.kind == "strength"]
    assert after, "the runner keeps training"
    for t in after:
        assert not any(CATALOG.pain_family(e.exercise) == fam for e in t.exercises)
        assert not any(e.exercise in JUMPS for e in t.exercises)
        assert any(n.startswith("Pain on") and "runstrength pain clear" in n for n in t.notes)
    marked = {h.exercise for h in history if h.pain}
    assert len(marked) >= 2, "the second mark fell on the easier variation: another id, the same family"


def test_one_mark_gives_the_easier_variation_no_heavier_and_no_jumps_for_a_week():
    p = Profile(
        level="advanced", equipment=("dumbbells",), dumbbells=(6.0, 8.0, 10.0, 12.0), block_start=START, plyo_ready=True
    )
    fam = CATALOG.pain_family("goblet-squat")
    days, sessions, history = follow(p, 21, pain={2: fam})
    marked_day = sessions[2].date
    last_loads = {h.exercise: h.load_kg for h in history if h.date <= marked_day and h.load_kg}
    nxt = next(t for d, t in days if d > marked_day and t.kind == "strength")
    for e in nxt.exercises:
        if CATALOG.pain_family(e.exercise) == fam:
            assert "you marked pain on" in e.note and day_month(marked_day) in e.note
            if e.suggested_load_kg is not None and e.exercise in last_loads:
                assert e.suggested_load_kg <= last_loads[e.exercise]
    for d, t in days:
        if 0 < (d - marked_day).days <= 7:
            assert not any(e.exercise in JUMPS for e in t.exercises), d


def day_month(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.sampled_from(sorted({CATALOG.pain_family(e.id) for e in CATALOG}))), max_size=6
    ),
    st.sampled_from(LEVELS),
    st.sampled_from([("none",), ("bands",), ("dumbbells",), ("gym",), ("kettlebell",)]),
    st.lists(st.integers(0, 60), max_size=3),
)
@LIFE
def test_no_crash_after_any_pain_marks_and_clearances(marks, level, kit, clear_days):
    """Any pain marks on any family, cleared on any days: every day plans, none crashes,
    and a family out of the plan never shows up in a session."""
    p = Profile(level=level, equipment=kit, block_start=START, plyo_ready=True, dumbbells=(4.0, 8.0, 12.0))
    pain = dict(marks)
    days, sessions, history = follow(p, 49, pain=pain)
    marked = sorted({h.exercise for h in history if h.pain})
    cleared = p.with_changes(
        pain_cleared=tuple((marked[i % len(marked)], at(c)) for i, c in enumerate(clear_days)) if marked else ()
    )
    for n in range(0, 56, 3):
        day = at(n)
        t = plan.today_plan(day, cleared, sessions, history, CATALOG)
        status = plan.pain_status([h for h in history if h.date < day], cleared, CATALOG)
        out = {f for f, s in status.items() if s.out_of_plan}
        assert not any(CATALOG.pain_family(e.exercise) in out for e in t.exercises)
        plan.plan_ahead(day, cleared, sessions, history, CATALOG, weeks=1)


# --- races, key runs --------------------------------------------------------------------------


@pytest.mark.parametrize("distance", sorted(RACE_RECOVERY))
def test_recovery_after_a_race_scales_with_its_distance(distance):
    race = at(24)  # a Friday
    p = Profile(
        level="advanced",
        equipment=("dumbbells",),
        dumbbells=(6.0, 8.0, 10.0, 12.0, 14.0),
        block_start=START,
        plyo_ready=True,
        runs=("rest", "easy", "hard", "rest", "easy", "rest", "long"),
        races=(race,),
        race_distances=((race, distance),),
    )
    days, _, history = follow(p, 70)
    rec = race_recovery(distance)
    before = {h.exercise: h.load_kg for h in history if h.date < race and h.load_kg}
    for d, t in days:
        gap = (d - race).days
        if 0 <= gap <= rec.no_strength_days:
            assert t.kind != "strength", (distance, d)
        if 0 < gap <= rec.no_plyo_days and t.kind == "strength":
            assert not any(e.exercise in JUMPS for e in t.exercises), (distance, d)
            for e in t.exercises:
                if e.suggested_load_kg and e.exercise in before:
                    assert e.suggested_load_kg <= before[e.exercise] + 1e-9, (distance, d, e)
        if -10 <= gap < 0 and t.kind == "strength":
            done = {h.exercise for h in history if d - timedelta(days=21) <= h.date < d}
            assert {e.exercise for e in t.exercises} <= done, (d, "nothing new before the race")
            assert not any(e.exercise in JUMPS for e in t.exercises)
            assert "taper" in t.reason


def test_a_bare_race_date_is_a_half_marathon_and_says_so_nowhere_wrong():
    assert race_recovery(None) == RACE_RECOVERY["half"]


@pytest.mark.parametrize(
    ("runs", "free"),
    [
        # an ultra weekend: no strength Friday to Monday
        (("rest", "easy", "hard", "rest", "rest", "long", "long"), {4, 5, 6, 0}),
        # back-to-back hard days Tuesday and Wednesday: nothing Monday to Thursday
        (("rest", "hard", "hard", "rest", "easy", "rest", "long"), {0, 1, 2, 3, 5, 6}),
    ],
)
def test_any_number_of_key_runs(runs, free):
    p = Profile(level="intermediate", target=3, runs=runs, block_start=START)
    days, sessions, _ = follow(p, 42)
    for s in sessions:
        assert s.date.weekday() not in free, (s.date, runs)
    week = RunningWeek(p)
    for d, t in days:
        if "the day after the long run" in t.reason:
            assert week.run_on(d - timedelta(days=1)) == "long"
        if "the day before the long run" in t.reason:
            assert week.run_on(d + timedelta(days=1)) == "long"


# --- light weeks, blocks, level changes ----------------------------------------------------------


def test_a_light_week_never_raises_load_even_for_an_over_doer():
    p = Profile(
        level="intermediate",
        equipment=("dumbbells",),
        dumbbells=(4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0),
        block_start=START,
    )
    days, _, history = follow(p, 84, extra=4)
    light = [(d, t) for d, t in days if t.kind == "strength" and t.light_week]
    assert light, "the block has lighter weeks"
    for d, t in light:
        for e in t.exercises:
            before = [h.load_kg for h in history if h.exercise == e.exercise and h.date < d and h.load_kg]
            if e.suggested_load_kg and before:
                assert e.suggested_load_kg <= max(before[-3:]) + 1e-9, (d, e)
            if "harder variation" in e.note:  # kept from the weeks before, never new in a light week
                assert any(h.exercise == e.exercise and (d - h.date).days <= 21 for h in history if h.date < d), (d, e)
        assert "lighter week" in t.reason


def test_a_block_ends_and_the_next_begins():
    p = Profile(level="beginner", weeks=8, block_start=START)
    days, _, _ = follow(p, 7 * 11)
    weeks = [t.block_week for _, t in days]
    assert max(weeks) <= 8 and all(w >= 1 for w in weeks)
    assert weeks[-1] < 8, "a new block started after week 8"
    assert any(t.block_week_reason and "new one starts at week 1" in t.block_week_reason for _, t in days)


def test_a_move_up_to_advanced_keeps_high_level_jumps_away_for_four_weeks():
    change = at(63)
    p = Profile(
        level="advanced",
        block_start=START,
        plyo_ready=True,
        level_history=((START, "intermediate"), (change, "advanced")),
    )
    days, _, _ = follow(p, 70 + 35)
    high = plan.HIGH_LEVEL_PLYO
    for d, t in days:
        if change <= d < change + timedelta(days=28):
            assert not any(e.exercise in high for e in t.exercises), d


# --- sessions and sentences ---------------------------------------------------------------------


@given(
    st.sampled_from(LEVELS),
    st.sampled_from([("none",), ("bands",), ("dumbbells",), ("gym",), ("kettlebell", "bands")]),
    st.sampled_from((15, 20)),
    st.sampled_from((2, 3)),
)
@LIFE
def test_one_exercise_per_family_and_true_pattern_sentences(level, kit, minutes, target):
    p = Profile(
        level=level,
        equipment=kit,
        minutes=minutes,
        target=target,
        block_start=START,
        plyo_ready=True,
        dumbbells=(4.0, 8.0, 12.0),
    )
    days, _, _ = follow(p, 56, skip=frozenset(at(n) for n in range(0, 56, 2)))
    for d, t in days:
        families = [CATALOG.family(e.exercise) for e in t.exercises]
        assert len(families) == len(set(families)), (d, families)
        m = re.search(r"full-body: ([^.]+)\.", t.reason)
        if m:
            said = set(re.split(r", | and ", m.group(1)))
            words = {plan._PATTERN_WORDS.get(CATALOG.family(e.exercise), "mobility") for e in t.exercises}
            assert said == words, (d, t.reason)
        for e in t.exercises:
            assert "needs " not in e.note or e.note.split("needs ", 1)[1].strip(), e.note


def test_missed_is_said_only_of_a_day_shown_as_a_session_day():
    p = Profile(level="beginner", block_start=START, runs=("rest", "easy", "rest", "rest", "easy", "long", "rest"))
    skip = frozenset(at(n) for n in range(0, 28))
    days, sessions, _ = follow(p, 35, skip=skip)
    shown = {d: t.kind for d, t in days}
    for d, t in days:
        m = re.search(r"(\w+)'s session was missed", t.reason)
        if m:
            day = next(x for x in (d - timedelta(days=n) for n in range(1, 7)) if DAY_NAMES[x.weekday()] == m.group(1))
            assert shown[day] == "strength" and day not in {s.date for s in sessions}


def test_the_ledger_wins_over_a_replanned_past():
    """A day shown as rest that a later change would have made a strength day is not missed."""
    p = Profile(level="beginner", block_start=START)
    sessions = [SessionRecord(id="a", date=at(-7), started_at=datetime.combine(at(-7), time(7)))]
    shown_rest = {at(n): "rest" for n in range(0, 4)}
    t = plan.today_plan(at(4), p, sessions, [], CATALOG, shown=shown_rest)
    assert "missed" not in t.reason
    shown_mon = {at(0): "strength", at(1): "rest", at(2): "rest", at(3): "rest"}
    t = plan.today_plan(at(4), p, sessions, [], CATALOG, shown=shown_mon)
    assert "Monday's session was missed" in t.reason


def test_a_new_running_week_replans_from_its_day_and_never_rewrites_the_days_before():
    """Hard Monday and Tuesday (back-to-back), then on Wednesday the week changes to one with
    an easy Tuesday: Wednesday is still the day after back-to-back hard days."""
    from runstrength_tui.domain.profile import changed_profile

    old = Profile(
        level="intermediate", block_start=START, runs=("hard", "hard", "rest", "rest", "easy", "long", "rest")
    )
    wed = at(9)
    new = changed_profile(old, wed, False, {"runs": ("hard", "easy", "rest", "rest", "easy", "long", "rest")})
    assert new.run_on(at(8)) == "hard" and new.run_on(wed + timedelta(days=6)) == "easy"
    assert RunningWeek(new).blocked(wed) == "the day after back-to-back hard days"
    assert RunningWeek(new).blocked(wed + timedelta(days=7)) is None  # the week after: the new week
    again = changed_profile(new, wed, False, {"runs": ("rest",) * 7})  # a second change that day keeps the first week
    assert again.run_on(at(8)) == "hard"


def test_barbell_loads_for_a_runner_in_pounds_are_pound_steps():
    from runstrength_tui.domain.loads import ladder
    from runstrength_tui.domain.words import KG_PER_LB

    lb = ladder("barbell", Profile(units="lb", equipment=("gym",)))
    assert [round(w / KG_PER_LB, 6) for w in lb[:3]] == [45, 50, 55]


@pytest.mark.parametrize(("extra", "creeps"), [(0, False), (6, True)])
def test_volume_creeping_above_the_plan_for_three_weeks_gets_one_calm_sentence(extra, creeps):
    p = Profile(
        level="intermediate", equipment=("dumbbells",), dumbbells=(4.0, 6.0, 8.0, 10.0, 12.0), block_start=START
    )
    volumes: dict[date, int] = {}
    days, sessions, history = follow(p, 35, extra=extra, volumes=volumes)
    day = at(35)
    ctx = Coach(
        today=day, profile=p, sessions=sessions, history=history, acks=[], catalog=CATALOG, shown_volume=volumes
    )
    notes = [w for w in ctx.review() if w.code == "volume-creep"]
    unknown = Coach(today=day, profile=p, sessions=sessions, history=history, acks=[], catalog=CATALOG)
    assert not [w for w in unknown.review() if w.code == "volume-creep"]  # no ledger, no judgement
    assert bool(notes) == creeps, ctx.past_weeks()
    for w in notes:
        assert w.level == "info" and "above the plan" in w.message and w.message.count("%") == 3


def test_calf_and_soleus_raises_are_one_family_for_pain():
    """Calf pain twice takes bent-knee (soleus) raises out too: the same Achilles tendon."""
    assert (
        CATALOG.pain_family("calf-raise")
        == CATALOG.pain_family("bent-knee-calf-raise")
        == CATALOG.pain_family("seated-calf-raise")
    )
    assert CATALOG.pain_family("calf-raise") != CATALOG.pain_family("tibialis-raise")


def test_the_day_before_a_race_says_so_even_on_a_declared_long_run_day():
    race = at(6)  # a Sunday half marathon; the declared long run is Saturday
    p = Profile(level="intermediate", block_start=START, races=(race,), race_distances=((race, "half"),))
    t = plan.today_plan(at(5), p, [], [], CATALOG)
    assert not t.reason.startswith("Long run today") and "the day before your race" in t.reason
