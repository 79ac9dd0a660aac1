"""The words and numbers people read, said one way everywhere: day names, dates in a
sentence, loads in the runner's unit.

Every front end (the TUI, the CLI) and every rule's sentence (the guard, the planner's
reasons) takes these from here, so "12.5 kg" or "Friday" never reads two ways.
"""

from __future__ import annotations

from datetime import date, timedelta

KG_PER_LB = 0.45359237
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_and_month(day: date) -> str:
    """'7 Dec'."""
    return f"{day.day} {day.strftime('%b')}"


def day_name(day: date, today: date) -> str:
    """'tomorrow', 'Friday' (within a week), or 'Monday 7 Dec'."""
    if day == today + timedelta(days=1):
        return "tomorrow"
    if 0 < (day - today).days < 7:
        return DAY_NAMES[day.weekday()]
    return f"{DAY_NAMES[day.weekday()]} {day_and_month(day)}"


def plural(n: int, word: str) -> str:
    """'1 set', '3 sets'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def minutes_text(seconds: float) -> str:
    """'under a minute', '1 min', '19 min': whole minutes, as a person says them."""
    return "under a minute" if seconds < 60 else f"{round(seconds / 60)} min"


def number(value: float, places: int = 1) -> str:
    """At most ``places`` decimals, without trailing zeros: 12.50 → '12.5', 12.0 → '12'."""
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def load_in_unit(kg: float, unit: str) -> float:
    """A load as the runner reads it: pounds to 0.1 lb, kilograms to 0.01 kg."""
    if unit == "lb":
        return round(kg / KG_PER_LB, 1)
    return round(kg, 2)


def format_load(kg: float, unit: str) -> str:
    """'12.5 kg', '25 lb'."""
    return f"{number(load_in_unit(kg, unit), 2)} {unit}"
