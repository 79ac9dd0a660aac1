"""The words and numbers people read, said one way everywhere: day names, dates in a
sentence, loads in the runner's unit.

Every front end (the TUI, the CLI) and every rule's sentence (the guard, the planner's
reasons) takes these from here, so "12.5 kg" or "Friday" never reads two ways.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

KG_PER_LB = 0.45359237
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# Characters a terminal may act on rather than show: C0 (but tab and newline), DEL, C1.
# ESC (\x1b) starts ANSI/OSC sequences; C1's CSI (\x9b) and OSC (\x9d) do on some terminals.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ANY = re.compile("[\x00-\x1f\x7f-\x9f]")


def _shown(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]  # '\\x1b', '\\n', '\\x9b': visible, and says which byte it was


def printable(text: object, one_line: bool = False) -> str:
    """``text`` safe to write to a terminal: every control character (C0 but tab and newline,
    DEL, C1; with ``one_line`` tab and newline too) is shown escaped, as ``\\x1b`` or ``\\n``,
    so no byte of it can move the cursor, set a title, reach the clipboard or clear a screen."""
    text = text if isinstance(text, str) else str(text)
    return (_CONTROL_ANY if one_line else _CONTROL).sub(_shown, text)


_JSON_RAW = re.compile("[\x7f-\x9f]")


def json_safe(text: str) -> str:
    """JSON text (from json.dumps) with DEL and C1 written as \\u escapes, as json.dumps
    already writes C0: the same JSON, and no raw control byte to reach a terminal."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def first_control(text: str) -> str | None:
    """The first control character a note may not hold (escaped, as printable shows it), or None."""
    match = _CONTROL.search(text)
    return _shown(match) if match else None


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


def dated_after_note(count: int, today: date) -> str:
    """'2 sets are dated after today (…)': a clock that went back is not a damaged log."""
    verb = "is" if count == 1 else "are"
    return (
        f"{plural(count, 'set')} {verb} dated after today ({today.isoformat()}): is the computer's clock "
        f"(or RUNSTRENGTH_TODAY) right? Nothing is damaged; they count from their own date."
    )


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


def load_as_typed(kg: float, typed: str, units: str) -> str:
    """A load the runner just typed, as typed, with their ``units`` beside it when it was the
    other unit: '12 kg (26.5 lb)', '25 lb'."""
    shown = format_load(kg, typed)
    return shown if typed == units else f"{shown} ({format_load(kg, units)})"


def clear_pain_question(name: str) -> str:
    """What the runner reads before clearing a pain mark on the exercise ``name``."""
    return (
        f"Clear the pain mark on {name} only once a sports doctor or physical therapist has looked at it. "
        f"{name} then comes back into the plan, starting light. Stop again if it hurts."
    )
