"""The numbers the coach lives by, in one place: the planner and the guard both read them.

docs/coaching.md § The guard and the plan agree: a runner who does exactly what the app
prescribes must never be warned about it, so every threshold the guard checks is also a
limit the planner respects, and both import it from here.
"""

from __future__ import annotations

from typing import NamedTuple


class Thresholds:
    """Every number the rules use, in one place, each with where it comes from.

    Read-only: the numbers are the class's, and an instance has no attributes of its own to
    set (``__slots__ = ()``). A plain class, not a frozen dataclass: nothing builds variants,
    and generating a dataclass's methods for 41 fields cost ~2 ms of every start."""

    __slots__ = ()

    # ACSM 2009 progression position stand: raise load 2–10 % once the target reps are
    # beaten; more than 10 % in one go is a jump, not a step.
    load_jump_fraction: float = 0.10
    # The smallest common dumbbell / plate step (2.5 kg, or 5 lb). A jump must beat both
    # the percentage and one step, so light loads can still move up by one step.
    small_step_kg: float = 2.5
    small_step_lb: float = 5.0
    # Rep/hold jump: our own conservative convention. Percentage caps are progression
    # advice, not injury science (Buist 2008: the 10 % rule made no difference in 532
    # novices; Nielsen 2014: a possible rise only above +30 % in two weeks, 874 novices).
    rep_jump_fraction: float = 0.50
    # "Previous" loads and reps: the 28 days before the set's day (ACSM 2009 progression is
    # judged over weeks; 4 weeks matches the chronic window below).
    lookback_days: int = 28
    # Acute:chronic workload, uncoupled form (Lolli 2019; Windt & Gabbett 2019): the last
    # 7 days against the weekly average of the 28 days before them. Gabbett 2016 names
    # ≥ 1.5 the danger zone; we flag strictly above it.
    acute_days: int = 7
    chronic_days: int = 28
    spike_ratio: float = 1.5
    # Impellizzeri 2020 (J Athl Train 55:893): ratios do not predict an individual's
    # injury and are noisy, so say nothing before 3 weeks of data and when the chronic
    # load is tiny (short 15–20 min sessions make ratios jump around).
    min_history_days: int = 21
    min_chronic_volume: float = 60.0  # reps + hold seconds per week
    min_chronic_rpe_minutes: float = 60.0  # Foster 2001 session RPE × minutes per week
    # Endurance strength for runners works at 12–20 reps (ACSM 2009 muscular endurance;
    # Blagrove 2018); heavier 5–8 rep sets are for advanced runners only
    # (docs/coaching.md § Prescribing and progression).
    heavy_reps_below: int = 8
    # Balsalobre-Fernández 2016 and Blagrove 2018: the studied dose is 2–3 sessions a week.
    max_sessions_in_7_days: int = 3
    over_target_by: int = 2
    # A 4-week break did not erase running-economy gains (PMC7821917): after 14+ days off,
    # restart at 50–70 % (a common coaching convention), calmly.
    comeback_gap_days: int = 15
    comeback_low: float = 0.5
    comeback_high: float = 0.7
    # Blagrove 2018 / Balsalobre-Fernández 2016: fewer than 2 sessions a week over 4 weeks
    # is below the dose that changed running economy.
    irregular_window_days: int = 28
    # ... but one missed session in four weeks is life, not a pattern: speak below 1.5 a
    # week, where the planner also switches to full-body sessions.
    irregular_min_per_week: float = 1.5
    # docs/coaching.md § Prescribing and progression: intermediate runners start low-level plyometrics after
    # 4 consecutive weeks of 2+ sessions; beginners do none.
    plyo_consistent_weeks: int = 4
    plyo_sessions_per_week: float = 2
    # Say a load note at most once a week (docs/coaching.md § Guard rules, after Impellizzeri 2020).
    ack_quiet_days: int = 7
    # ACSM 2009 / NSCA: at least 48 h between resistance sessions that load the same
    # muscles. Our sessions are full-body, so never two strength days in a row.
    min_days_between_sessions: int = 2
    # docs/coaching.md § Scheduling: beginners do 2 sessions a week.
    beginner_max_sessions: int = 2
    # The block moves by sessions done: a week advances when at least half of its
    # planned sessions happened; a week with fewer repeats.
    week_done_fraction: float = 0.5
    # Comeback (docs/coaching.md § Comebacks, levels and blocks): first week back at
    # 50–70 % (we use 60 %), the second at about 80 %; no new variations and no jumps for
    # those two weeks.
    comeback_first_week: float = 0.6
    comeback_second_week: float = 0.8
    # Level change: the new level starts this many weeks back in its dose.
    level_change_weeks_back: int = 3
    # Races (Mujika & Padilla 2003; common taper practice): the last normal session 7+
    # days out; at most one short session (half the sets, no jumps) in the 6 days before,
    # at least 3 days out; nothing in the 2 days before the race nor the day after it.
    taper_days: int = 6
    taper_last_session_days: int = 3
    race_rest_before: int = 2
    race_rest_after: int = 1
    # The sets a runner is used to: their last session of an exercise within three weeks
    # (a lighter week in between does not reset them).
    recent_sets_days: int = 21
    # Low frequency: under 1.5 sessions a week over the last 4 weeks → full-body sessions;
    # the same line as the guard's irregular note above (it speaks where the plan switches).
    low_frequency_per_week: float = irregular_min_per_week
    # Advanced plyometrics: low-level drills in block weeks 1–4; bounding and single-leg
    # hops from week 5 (docs/coaching.md § Prescribing and progression).
    high_level_plyo_from_week: int = 5
    # Honest minutes (docs/coaching.md § Prescribing and progression): 10 s to switch sides, ~30 s between
    # exercises, a 3–4 minute warm-up, the hold timer's 5 s get-ready.
    side_switch_seconds: int = 10
    transition_seconds: int = 30
    warmup_seconds: int = 240
    get_ready_seconds: int = 5
    # Supersets (docs/coaching.md § Supersets): 15 s to move from A1 to A2, and at least
    # 30 s of rest after the pair's round (each exercise still gets its own rest between
    # its sets, the partner's set included).
    pair_move_seconds: int = 15
    # A session holds at most 6 exercises (three supersets): a seventh comes back after a
    # trim only as a second set elsewhere would not.
    max_exercises: int = 6
    # The leg-free session (docs/coaching.md § Scheduling): at most 15 minutes, warm-up included.
    leg_free_minutes: int = 15
    # Progression that happens (docs/coaching.md § Prescribing and progression): a main lift
    # at the top of its range at the same load for 3 sessions moves up two reps, to 20.
    stall_sessions: int = 3
    stall_reps_cap: int = 20
    # The heavier phase (docs/coaching.md § Heavier work): advanced runners' bilateral main
    # lifts at 3 × 5–8 in the middle of the block, at least 2 minutes between sets, never
    # in a lighter week, a taper, a comeback or the days after a race.
    heavy_sets: int = 3
    heavy_reps: tuple[int, int] = (5, 8)
    heavy_rest_seconds: int = 120
    heavy_min_rest_seconds: int = 120
    pair_rest_min_seconds: int = 30
    minutes_slack: int = 1
    light_week_min_minutes: int = 10
    # Volume creep (our convention, after the acute:chronic idea of Gabbett 2016 without its
    # ratio): weekly reps + seconds more than 15 % above the plan, 3 complete weeks in a row.
    creep_weeks: int = 3
    creep_fraction: float = 0.15
    # Pain (docs/coaching.md § Pain): a mark in two sessions in a row in one movement family
    # takes the family (and its jumps) out of the plan until a clinician clears it; one
    # mark on leg work keeps jumps away for a week.
    pain_marks_out_of_plan: int = 2
    pain_no_jumps_days: int = 7
    # Tapers (Mujika & Padilla 2003; Bosquet 2007: cut volume 40–60 %, keep intensity, add
    # nothing new): the 10 days before a race hold only exercises done in the 3 weeks
    # before, at or below their last loads, with half the sets.
    taper_window_days: int = 10
    taper_known_days: int = 21


THRESHOLDS = Thresholds()


class RaceRecovery(NamedTuple):
    """After a race: days with no strength at all, and days with no jumps and no load
    increase (counted from the race day: 2 means the two days after it)."""

    no_strength_days: int
    no_plyo_days: int


# Recovery after a race, by distance (coaching convention, in line with the muscle-damage
# markers that stay up for days after a marathon and longer after an ultra: Warhol 1985,
# Kim 2007; Mujika & Padilla 2003 on tapering and return). The longer the race, the longer
# the legs need before load and impact come back.
RACE_RECOVERY: dict[str, RaceRecovery] = {
    "5k": RaceRecovery(2, 4),
    "10k": RaceRecovery(2, 4),
    "half": RaceRecovery(3, 7),
    "marathon": RaceRecovery(7, 14),
    "ultra": RaceRecovery(10, 21),
}
#: A race given as a bare date: treated as a half marathon (the middle of the table).
DEFAULT_RACE_DISTANCE = "half"


def race_distance_name(km: float) -> str:
    """A race length in km → the row of RACE_RECOVERY that applies."""
    if km <= 7.5:
        return "5k"
    if km <= 15:
        return "10k"
    if km <= 30:
        return "half"
    if km <= 42.5:
        return "marathon"
    return "ultra"


def race_recovery(distance: str | None) -> RaceRecovery:
    return RACE_RECOVERY[distance or DEFAULT_RACE_DISTANCE]
