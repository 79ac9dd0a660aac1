"""Input rules shared by the CLI and the TUI, so both say the same thing about bad input.

Every function raises :class:`InputError` with one sentence that says what was wrong
and what to type instead.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from .catalog import Catalog, Exercise
from .model import EQUIPMENT, KG_PER_LB
from .words import first_control

MAX_REPS = 200
MAX_SECONDS = 3600
MAX_LOAD_KG = 400.0
MAX_SETS = 20
MAX_NOTE = 500

# ASCII digits only ([0-9], not \d): "٣" or "３" are not numbers a log should guess at.
_LOAD_RE = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(kg|kgs|kilos?|lb|lbs|pounds?)?\s*$", re.IGNORECASE)
_UNITS = {"kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb"}
_EQUIPMENT_WORDS = {
    "none": "none",
    "bodyweight": "none",
    "body-weight": "none",
    "nothing": "none",
    "band": "bands",
    "bands": "bands",
    "resistance-band": "bands",
    "resistance-bands": "bands",
    "dumbbell": "dumbbells",
    "dumbbells": "dumbbells",
    "db": "dumbbells",
    "kettlebell": "kettlebell",
    "kettlebells": "kettlebell",
    "kb": "kettlebell",
    "gym": "gym",
    "gyms": "gym",
}


class InputError(ValueError):
    """Bad input from a person; the message is meant to be shown as it is."""


def parse_whole(text: object, what: str, lo: int, hi: int, unit: str = "") -> int:
    raw = str(text).strip()
    if not re.fullmatch(r"[+-]?[0-9]+", raw):
        raise InputError(f"{what} must be a whole number from {lo} to {hi}{unit}, not {raw!r}.")
    value = int(raw)
    if not lo <= value <= hi:
        raise InputError(f"{what} must be from {lo} to {hi}{unit}; {value} is out of range.")
    return value


def parse_reps(text: object) -> int:
    return parse_whole(text, "Reps", 1, MAX_REPS)


def parse_seconds(text: object) -> int:
    """'45', '45s', '45 sec', '1:30' (m:ss) → seconds."""
    raw = str(text).strip().lower()
    match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", raw)
    if match:
        minutes, secs = int(match.group(1)), int(match.group(2))
        if secs >= 60:
            raise InputError(f"Hold time {raw!r} has {secs} seconds after the colon; m:ss goes up to 59, as in 1:30.")
        raw = str(minutes * 60 + secs)
    raw = re.sub(r"\s*(s|sec|secs|seconds?)$", "", raw)
    if not re.fullmatch(r"[+-]?[0-9]+", raw):
        raise InputError(
            f"Hold time must be a whole number of seconds (45, 45s) or minutes:seconds (1:30), "
            f"not {str(text).strip()!r}."
        )
    return parse_whole(raw, "Hold time", 1, MAX_SECONDS, " seconds (1 hour)")


def parse_sets(text: object) -> int:
    return parse_whole(text, "Sets", 1, MAX_SETS)


def parse_rpe(text: object) -> int:
    return parse_whole(text, "RPE", 1, 10, " (1 = very easy, 10 = all-out)")


def parse_load(text: object, default_unit: str = "kg") -> tuple[float, str]:
    """'20kg', '45 lb', '12.5' → (kilograms, unit as typed or the default)."""
    raw = str(text).strip()
    if raw.startswith("-"):
        raise InputError(f"Load must be more than 0, not {raw!r}; leave it out for bodyweight sets.")
    match = _LOAD_RE.match(raw)
    if not match:
        raise InputError(f"Load must be a number with an optional unit, like 20kg or 45lb, not {raw!r}.")
    amount = float(match.group(1).replace(",", "."))
    unit = _UNITS[(match.group(2) or default_unit).lower()]
    kg = amount * KG_PER_LB if unit == "lb" else amount
    if round(kg, 3) <= 0:  # 0.0001 would be stored as 0 kg
        raise InputError("Load must be more than 0; leave it out for bodyweight sets.")
    if kg > MAX_LOAD_KG:
        # round the pound limit down (881 lb, not 882): a rejected load is never "within" it
        limit = f"{MAX_LOAD_KG:.0f} kg" if unit == "kg" else f"{math.floor(MAX_LOAD_KG / KG_PER_LB)} lb"
        raise InputError(f"Load {amount:g} {unit} is above the {limit} limit; check for a typo.")
    return round(kg, 3), unit


def parse_weights(text: object, units: str, what: str = "Weights") -> tuple[float, ...]:
    """The one reading of a list of owned weights, for Settings and `runstrength profile`:
    '4,6,8,10' or '4; 6; 8' in the runner's ``units``; a unit written on the last one
    ('4,6,8kg') is the unit of the whole list, a unit written on one weight is that
    weight's own ('10lb, 6kg'). → kilograms, once each, sorted; '' or 'none' → () (none
    listed: the plan uses standard steps). InputError with a person's sentence."""
    raw = str(text).strip()
    if raw.lower() == "none":
        return ()
    parts = [x.strip() for x in raw.replace(";", ",").split(",") if x.strip()]
    last = _LOAD_RE.match(parts[-1]) if parts else None
    unit = _UNITS[last.group(2).lower()] if last and last.group(2) else units
    weights = set()
    for part in parts:
        try:
            kg, _ = parse_load(part, unit)
        except InputError:
            raise InputError(f"{what} look like 4,6,8,10 (in {unit}); {part!r} is not a weight.") from None
        weights.add(kg)
    return tuple(sorted(weights))


def parse_session_time(text: object) -> str:
    """'18:30', '7:05' → '18:30', '07:05'; 'none' → '' (all-day calendar events)."""
    raw = str(text).strip().lower()
    if raw in ("none", "all-day", "allday", ""):
        return ""
    match = re.fullmatch(r"([01]?[0-9]|2[0-3])[:.h]([0-5][0-9])", raw)
    if not match:
        raise InputError(
            f"Session time looks like 18:30 (24-hour), or none for all-day events; not {str(text).strip()!r}."
        )
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_units(text: object) -> str:
    """'kg', 'KG', 'lbs', 'pounds' → 'kg' or 'lb'."""
    raw = str(text).strip().lower()
    if raw not in _UNITS:
        raise InputError(f"Units must be kg or lb, not {str(text).strip()!r}.")
    return _UNITS[raw]


def parse_equipment(text: object) -> str:
    """One equipment word, singular or plural ('dumbbell', 'Kettlebells', 'bodyweight')."""
    raw = re.sub(r"[\s_]+", "-", str(text).strip().lower())
    if raw not in _EQUIPMENT_WORDS:
        raise InputError(
            f"Equipment must be one of {', '.join(EQUIPMENT)} (singular or plural is fine), not {str(text).strip()!r}."
        )
    return _EQUIPMENT_WORDS[raw]


def parse_date(text: object, today: date, what: str = "Date") -> date:
    """'2026-11-24', 'today', 'yesterday' → a date; an impossible day is named as such."""
    raw = str(text).strip()
    word = raw.lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", raw)
    if not match:
        raise InputError(
            f"{what} must be YYYY-MM-DD, 'today' or 'yesterday' (for example {today.isoformat()}), not {raw!r}."
        )
    year, month, day_ = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise InputError(f"{what} {raw} has month {month}; months go from 01 to 12.")
    import calendar  # here: ~0.5 ms of every start, for a typed date only

    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if year < 1 or not 1 <= day_ <= days:
        name = date(2000, month, 1).strftime("%B")
        raise InputError(f"{what} {raw} does not exist: {name} {year} has {days} days.")
    return date(year, month, day_)


def parse_day(text: object, today: date) -> date:
    day = parse_date(text, today)
    if day > today:
        raise InputError(f"Date {day.isoformat()} is in the future; you can only log what you have done.")
    if day.year < 1970:
        raise InputError(f"Date {day.isoformat()} is before 1970, earlier than any log keeps; check the year.")
    return day


def parse_note(text: object) -> str:
    """A note as stored: trimmed, at most MAX_NOTE characters, plain text (tab and newline
    are fine; escape sequences and other control characters are refused, not stripped, so
    nothing is silently changed)."""
    note = str(text).strip()
    if len(note) > MAX_NOTE:
        raise InputError(f"Notes are limited to {MAX_NOTE} characters; this one has {len(note)}.")
    bad = first_control(note)
    if bad:
        raise InputError(
            f"Notes are plain text: this one holds the control character {bad} "
            f"(an escape sequence or a pasted byte); remove it and try again."
        )
    return note


def check_measure(exercise: Exercise, reps: int | None, seconds: int | None) -> None:
    """Holds take seconds, rep exercises take reps: say which when the wrong one is given."""
    if exercise.is_hold and reps is not None:
        raise InputError(
            f"{exercise.id} is a hold: give --seconds (for example --seconds {exercise.hold}), not --reps."
        )
    if not exercise.is_hold and seconds is not None:
        _, hi = exercise.reps or (0, 0)
        raise InputError(f"{exercise.id} is counted in reps: give --reps (for example --reps {hi}), not --seconds.")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def resolve_exercise(catalog: Catalog, text: str) -> Exercise:
    """An exercise by id or by name, in any case: 'plank', 'Plank', 'front plank', 'Front-Plank'.

    Unknown names raise InputError with the closest ids."""
    raw = str(text).strip()
    if raw in catalog:
        return catalog.get(raw)
    slug = _slug(raw)
    for exercise in catalog:
        if slug and slug in (exercise.id, _slug(exercise.name)):
            return exercise
    close = catalog.suggest(slug or raw)
    hint = f" Did you mean {', '.join(close)}?" if close else " `runstrength exercises` lists them."
    raise InputError(f"Unknown exercise {raw!r}.{hint}")
