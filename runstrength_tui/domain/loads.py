"""Real loads: only weights the runner owns, or the next standard step (docs/coaching.md §
Prescribing and progression: dumbbells 1–2.5 kg / 5 lb, kettlebells 4 kg / 8 lb, plates 2.5 kg)."""

from __future__ import annotations

from .catalog import Exercise
from .model import KG_PER_LB, Profile

# What a gym or a shop rack has, in kg. Pounds racks go by 5 lb (kettlebells by ~8 lb).
STANDARD_DUMBBELLS_KG = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 22.5, 25, 27.5, 30, 32.5, 35, 37.5, 40)
STANDARD_KETTLEBELLS_KG = (4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 36, 40, 48)
BARBELL_KG = tuple(20 + 2.5 * i for i in range(65))
BARBELL_LB = tuple((45 + 5 * i) * KG_PER_LB for i in range(64))  # a 45 lb bar, 2.5 lb plates a side
STANDARD_DUMBBELLS_LB = tuple(5 * i * KG_PER_LB for i in range(1, 21))
STANDARD_KETTLEBELLS_LB = tuple(lb * KG_PER_LB for lb in (9, 13, 18, 26, 35, 44, 53, 62, 70))
BARBELL_EXERCISES = ("back-squat", "trap-bar-deadlift")


def implement(ex: Exercise, profile: Profile) -> str | None:
    """Which loaded tool the runner would use for this exercise: dumbbells, kettlebell,
    barbell (gym), or None (bodyweight or bands)."""
    if not ex.weighted:
        return None
    owned = set(profile.equipment)
    if ex.id in BARBELL_EXERCISES:
        return "barbell"
    options = [e for e in ex.equipment if e in owned]
    if "dumbbells" in options:
        return "dumbbells"
    if "kettlebell" in options:
        return "kettlebell"
    if "gym" in owned:  # a gym has both: the exercise's own tool
        return "dumbbells" if "dumbbells" in ex.equipment or ex.equipment == ("gym",) else "kettlebell"
    return None


def ladder(tool: str | None, profile: Profile) -> tuple[float, ...]:
    """The weights available for a tool, lightest first (kg)."""
    gym = "gym" in profile.equipment
    lb = profile.units == "lb"
    if tool == "barbell":
        return BARBELL_LB if lb else BARBELL_KG
    if tool == "dumbbells":
        if profile.dumbbells and not gym:
            return tuple(sorted(profile.dumbbells))
        return tuple(sorted(set(profile.dumbbells) | set(STANDARD_DUMBBELLS_LB if lb else STANDARD_DUMBBELLS_KG)))
    if tool == "kettlebell":
        if profile.kettlebells and not gym:
            return tuple(sorted(profile.kettlebells))
        return tuple(sorted(set(profile.kettlebells) | set(STANDARD_KETTLEBELLS_LB if lb else STANDARD_KETTLEBELLS_KG)))
    return ()


# A first weight, conservative, by tool and level (kg): a runner new to an exercise starts
# light and adjusts so every set ends with 2–3 reps in reserve (docs/coaching.md §
# Prescribing and progression). Single-leg work starts one step lower.
FIRST_LOAD_KG = {
    "dumbbells": {"beginner": 4.0, "intermediate": 6.0, "advanced": 8.0},
    "kettlebell": {"beginner": 8.0, "intermediate": 12.0, "advanced": 16.0},
    "barbell": {"beginner": 20.0, "intermediate": 30.0, "advanced": 40.0},
}


def first_load(ex: Exercise, profile: Profile) -> float | None:
    """A starting weight the runner owns (or the standard step) for a first loaded set."""
    tool = implement(ex, profile)
    weights = ladder(tool, profile)
    if tool is None or not weights:
        return None
    target = FIRST_LOAD_KG[tool][profile.level]
    if ex.per_side and tool != "barbell":
        target = at_or_below(weights, target - 1e-3) or target
    return at_or_below(weights, target) or min(weights)


def at_or_below(weights: tuple[float, ...], kg: float) -> float | None:
    fits = [w for w in weights if w <= kg + 1e-6]
    return max(fits) if fits else None


def next_above(weights: tuple[float, ...], kg: float) -> float | None:
    above = [w for w in weights if w > kg + 1e-6]
    return min(above) if above else None


def step_up(ex: Exercise, profile: Profile, kg: float) -> float | None:
    """The next real weight above ``kg`` for this exercise, or None when there is none."""
    return next_above(ladder(implement(ex, profile), profile), kg)
