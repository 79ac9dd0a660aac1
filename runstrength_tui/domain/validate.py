"""Input rules shared by the CLI and the TUI, so both say the same thing about bad input.

Every function raises :class:`InputError` with one sentence that says what was wrong
and what to type instead.
"""

from __future__ import annotations

import math
import re
from datetime import date

from .model import KG_PER_LB

MAX_REPS = 200
MAX_SECONDS = 3600
MAX_LOAD_KG = 400.0
MAX_SETS = 20

_LOAD_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(kg|kgs|lb|lbs)?\s*$", re.IGNORECASE)


class InputError(ValueError):
    """Bad input from a person; the message is meant to be shown as it is."""


def parse_whole(text, what: str, lo: int, hi: int, unit: str = "") -> int:
    raw = str(text).strip()
    if not re.fullmatch(r"[+-]?\d+", raw):
        raise InputError(f"{what} must be a whole number from {lo} to {hi}{unit}, not {raw!r}.")
    value = int(raw)
    if not lo <= value <= hi:
        raise InputError(f"{what} must be from {lo} to {hi}{unit}; {value} is out of range.")
    return value


def parse_reps(text) -> int:
    return parse_whole(text, "Reps", 1, MAX_REPS)


def parse_seconds(text) -> int:
    raw = str(text).strip().lower().removesuffix("s").strip()
    return parse_whole(raw, "Hold time", 1, MAX_SECONDS, " seconds (1 hour)")


def parse_sets(text) -> int:
    return parse_whole(text, "Sets", 1, MAX_SETS)


def parse_rpe(text) -> int:
    return parse_whole(text, "RPE", 1, 10, " (1 = very easy, 10 = all-out)")


def parse_load(text, default_unit: str = "kg") -> tuple[float, str]:
    """'20kg', '45 lb', '12.5' → (kilograms, unit as typed or the default)."""
    raw = str(text).strip()
    match = _LOAD_RE.match(raw)
    if not match:
        raise InputError(f"Load must be a number with an optional unit, like 20kg or 45lb, not {raw!r}.")
    amount = float(match.group(1).replace(",", "."))
    unit = (match.group(2) or default_unit).lower().rstrip("s")
    kg = amount * KG_PER_LB if unit == "lb" else amount
    if round(kg, 3) <= 0:  # 0.0001 would be stored as 0 kg
        raise InputError("Load must be more than 0; leave it out for bodyweight sets.")
    if kg > MAX_LOAD_KG:
        # round the pound limit down (881 lb, not 882): a rejected load is never "within" it
        limit = f"{MAX_LOAD_KG:.0f} kg" if unit == "kg" else f"{math.floor(MAX_LOAD_KG / KG_PER_LB)} lb"
        raise InputError(f"Load {amount:g} {unit} is above the {limit} limit; check for a typo.")
    return round(kg, 3), unit


def parse_day(text, today: date) -> date:
    raw = str(text).strip()
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"Date must look like YYYY-MM-DD (for example {today.isoformat()}), not {raw!r}.") from None
    if day > today:
        raise InputError(f"Date {day.isoformat()} is in the future; you can only log what you have done.")
    return day


def check_measure(exercise, reps, seconds) -> None:
    """Holds take seconds, rep exercises take reps: say which when the wrong one is given."""
    if exercise.is_hold and reps is not None:
        raise InputError(f"{exercise.id} is a hold: give --seconds (for example --seconds {exercise.hold}), not --reps.")
    if not exercise.is_hold and seconds is not None:
        lo, hi = exercise.reps
        raise InputError(f"{exercise.id} is counted in reps: give --reps (for example --reps {hi}), not --seconds.")
