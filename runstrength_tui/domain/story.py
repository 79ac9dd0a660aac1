"""An exercise's story: the runner's sets of it over time, per session, its best set and
when, the last sessions, and a small chart of load (or reps, or hold seconds) per session.

Pure: the sets come in, numbers and lines of text come out, in the runner's units. The
CLI (`show EXERCISE --history`) and the exercise screen show the same story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import SetRecord
from .words import day_and_month, format_load, load_in_unit, number

BARS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class SessionPoint:
    """One session of the exercise: its day, its sets, and the value the chart shows."""

    day: date
    sets: tuple[SetRecord, ...]
    value: float  # the top load (kg), or the best reps / seconds

    def sets_text(self, unit: str) -> str:
        """'12, 12, 10 @ 16 kg', '45 s, 40 s', '3 × 12 @ 16 kg' when every set is alike."""
        parts = [_set_text(s, unit) for s in self.sets]
        if len(set(parts)) == 1 and len(parts) > 1:
            return f"{len(parts)} × {parts[0]}"
        return ", ".join(parts)


def _set_text(s: SetRecord, unit: str) -> str:
    what = f"{s.seconds} s" if s.seconds is not None else f"{s.reps}"
    return f"{what} @ {format_load(s.load_kg, unit)}" if s.load_kg else what


@dataclass(frozen=True)
class Story:
    """An exercise's sets over time: one point a session and the best set."""

    exercise: str
    name: str
    measure: str  # "load", "reps" or "seconds": what the chart shows
    unit: str  # the runner's unit for loads
    points: tuple[SessionPoint, ...]  # oldest first
    best: SetRecord | None

    @property
    def total_sets(self) -> int:
        return sum(len(p.sets) for p in self.points)

    def value_text(self, value: float) -> str:
        if self.measure == "load":
            return format_load(value, self.unit)
        return f"{number(value)} s" if self.measure == "seconds" else f"{number(value)} reps"

    def best_text(self) -> str:
        if self.best is None:
            return ""
        return f"{_set_text(self.best, self.unit)} on {self.best.date.isoformat()}"

    def last(self, n: int = 5) -> tuple[SessionPoint, ...]:
        return self.points[-n:]

    def lines(self, width: int = 80, height: int = 6) -> list[str]:
        """The story as text: a summary, the chart, the best set, the last five sessions."""
        if not self.points:
            return [f"No sets of {self.name} logged yet."]
        first, last = self.points[0].day, self.points[-1].day
        what = {"load": f"top load ({self.unit})", "reps": "best reps", "seconds": "longest hold (s)"}[self.measure]
        out = [
            f"{self.name}: {self.total_sets} sets in {len(self.points)} sessions, "
            f"{first.isoformat()} to {last.isoformat()}",
            "",
            f"{what.capitalize()} per session:",
        ]
        out += chart(self, width=width, height=height)
        out += ["", f"Best set: {self.best_text()}", "", "Last sessions:"]
        out += [f"  {p.day.isoformat()}  {p.sets_text(self.unit)}" for p in reversed(self.last())]
        return out

    def to_dict(self) -> dict[str, Any]:
        def set_doc(s: SetRecord) -> dict[str, Any]:
            return {
                "date": s.date.isoformat(),
                "reps": s.reps,
                "seconds": s.seconds,
                "load": load_in_unit(s.load_kg, self.unit) if s.load_kg else None,
                "load_kg": s.load_kg,
                "pain": s.pain,
            }

        return {
            "exercise": self.exercise,
            "name": self.name,
            "unit": self.unit,
            "measure": self.measure,
            "sets": self.total_sets,
            "sessions": [
                {
                    "date": p.day.isoformat(),
                    "value": load_in_unit(p.value, self.unit) if self.measure == "load" else p.value,
                    "sets": [set_doc(s) for s in p.sets],
                }
                for p in self.points
            ],
            "best": set_doc(self.best) if self.best else None,
            "last_sessions": [p.day.isoformat() for p in reversed(self.last())],
        }


def exercise_story(exercise: str, name: str, sets: list[SetRecord], unit: str, is_hold: bool = False) -> Story:
    """The story of ``exercise`` from the runner's ``sets`` (any order, any exercises)."""
    mine = sorted((s for s in sets if s.exercise == exercise), key=lambda s: (s.date, s.logged_at))
    measure = "load" if any(s.load_kg for s in mine) else ("seconds" if is_hold else "reps")

    def amount(s: SetRecord) -> float:
        return float(s.seconds if s.seconds is not None else s.reps or 0)

    by_session: dict[tuple[date, str], list[SetRecord]] = {}
    for s in mine:
        by_session.setdefault((s.date, s.session), []).append(s)
    points = []
    for (day, _), group in by_session.items():
        value = max((s.load_kg or 0.0) for s in group) if measure == "load" else max(amount(s) for s in group)
        points.append(SessionPoint(day, tuple(group), value))
    points.sort(key=lambda p: p.day)
    best = None
    if mine:  # the heaviest (then the most reps or seconds), the earliest of equals
        best = max(
            mine, key=lambda s: ((s.load_kg or 0.0) if measure == "load" else 0.0, amount(s), -s.date.toordinal())
        )
    return Story(exercise, name, measure, unit, tuple(points), best)


def chart(story: Story, width: int = 80, height: int = 6) -> list[str]:
    """Bars of the value per session (the latest sessions that fit), with the top and
    bottom values on the left and the first and last days below: plain text, the same in
    a terminal and in the app."""
    if not story.points:
        return []
    values = [p.value for p in story.points]
    hi, lo = max(values), min(values)
    labels = [story.value_text(hi), story.value_text(lo)]
    margin = max(len(t) for t in labels) + 2
    room = max(8, width - margin - 1)
    column = 3 if len(values) * 3 <= room else 2 if len(values) * 2 <= room else 1
    shown = story.points[-(room // column) :]
    values = [p.value for p in shown]
    base = lo - (hi - lo) / 3 if hi > lo else 0.0  # the lowest bar is a third high, not empty
    steps = height * 8
    levels = [max(1, round((v - base) / (hi - base) * steps)) if hi > lo else steps // 2 for v in values]
    rows = []
    for r in range(height - 1, -1, -1):
        cells = []
        for level in levels:
            fill = min(8, max(0, level - r * 8))
            bar = BARS[fill] * (column - 1 if column > 1 else 1)
            cells.append(bar + (" " if column > 1 else ""))
        top_row = height - 1 if hi > lo else (steps // 2 - 1) // 8  # a flat story: its one value where the bars end
        label = labels[0] if r == top_row else labels[1] if r == 0 and hi > lo else ""
        tick = "┤" if label else "│"
        rows.append(f"{label:>{margin - 1}} {tick}{''.join(cells)}".rstrip())
    start, end = day_and_month(shown[0].day), day_and_month(shown[-1].day)
    span = len(levels) * column
    if len(shown) == 1:
        axis = start
    elif span < len(start) + len(end) + 2:
        axis = f"{start} → {end}"
    else:
        axis = start + " " * (span - len(start) - len(end)) + end
    rows.append(" " * (margin + 1) + axis)
    return rows
