"""Calendar weeks and session load: the small arithmetic the planner, guard and review share."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from .model import SessionRecord, SetRecord


def week_start(day: date, start_weekday: int = 0) -> date:
    """The first day of the week holding ``day`` (0 = weeks start on Monday, 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - start_weekday) % 7)


def week_days(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(7)]


def weekly_counts(sessions: list[SessionRecord], start_weekday: int = 0) -> dict[date, float]:
    """Week start → sessions done that week (a finisher counts as half)."""
    counts: dict[date, float] = defaultdict(float)
    for s in sessions:
        counts[week_start(s.date, start_weekday)] += s.weight
    return dict(counts)


def session_load(session: SessionRecord, sets: list[SetRecord]) -> float:
    """Foster's session load: session RPE × minutes when both are known; otherwise the
    session's volume (reps + hold seconds) stands in."""
    if session.rpe is not None and session.minutes:
        return float(session.rpe * session.minutes)
    return float(sum(s.volume for s in sets))


def session_loads(sessions: list[SessionRecord], sets: list[SetRecord]) -> dict[str, float]:
    by_session: dict[str, list[SetRecord]] = defaultdict(list)
    for s in sets:
        by_session[s.session].append(s)
    return {s.id: session_load(s, by_session.get(s.id, [])) for s in sessions}


def consistent_weeks(sessions: list[SessionRecord], today: date, start_weekday: int = 0, per_week: float = 2) -> int:
    """Completed weeks in a row, ending with last week, that each had ``per_week`` sessions."""
    counts = weekly_counts(sessions, start_weekday)
    week = week_start(today, start_weekday) - timedelta(days=7)
    n = 0
    while counts.get(week, 0) >= per_week:
        n += 1
        week -= timedelta(days=7)
    return n


def weight_lifted(sets: list[SetRecord], first: date, last: date) -> float:
    """Kilograms moved from ``first`` to ``last`` (both included): reps × load of the sets
    with a load (bodyweight sets and holds add nothing)."""
    return sum((s.reps or 0) * s.load_kg for s in sets if s.load_kg and first <= s.date <= last)
