"""The weekly review: which weeks met their target, streaks, block progress, heatmap, trend,
and the review's figures (:func:`week_figures`) both front ends show.

Pure Python: no clock reads, no I/O. ``today`` is always an argument.

Rules shared by every function here:

- Weeks are calendar weeks that begin on the profile's week start
  (``profile.week_start_index``: 0 = Monday … 6 = Sunday), as in :mod:`.weeks`.
- A session belongs to the date it started (``SessionRecord.date``), so a sitting
  that runs past midnight or across a DST change counts once, on its start date.
  ``started_at``/``ended_at`` are never used for bucketing.
- A finisher counts as half a session (``SessionRecord.weight``).
- Sessions dated after ``today`` are ignored (they have not happened yet).
- A week *counts* when it has at least that week's target
  (``profile.target_for_week(start)``: beginners 2 at most) and at least one session: a week with a
  target of 0 and nothing done is not part of a streak.
- Block weeks are the same calendar weeks: block week 1 is the week holding
  ``profile.block_start`` (sessions earlier in that week count towards it).

Every function is O(sessions + weeks shown) apart from sorting the at most
``7 × weeks`` daily loads of the heatmap.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .model import Profile, SessionRecord, SetRecord
from .weeks import session_loads, week_days, week_start, weekly_counts

HEAT_SYMBOLS = "·░▒▓█"  # heat level 0..4 → character, readable without colour

_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class WeekSummary:
    start: date
    sessions: float
    target: int
    counts: bool
    in_progress: bool


@dataclass(frozen=True)
class Streak:
    current: int
    best: int


@dataclass(frozen=True)
class BlockProgress:
    week: int  # 1..weeks inside the block; 0 before it starts; weeks after it ends
    weeks: int
    done: float
    planned_to_date: float
    planned_total: int
    adherence: int  # percent, 0..100
    finished: bool


@dataclass(frozen=True)
class HeatCell:
    day: date
    load: float
    level: int  # 0..4; 0 = nothing (or a future day)
    future: bool

    @property
    def symbol(self) -> str:
        return HEAT_SYMBOLS[self.level]


@dataclass(frozen=True)
class TrendPoint:
    start: date
    sessions: float
    load: float


# ---------------------------------------------------------------- helpers


def _past(sessions: Iterable[SessionRecord], today: date) -> list[SessionRecord]:
    return [s for s in sessions if s.date <= today]


def _counts(sessions: float, target: int) -> bool:
    return sessions > 0 and sessions >= target


# ---------------------------------------------------------------- weeks and streaks


def week_summaries(sessions: Iterable[SessionRecord], profile: Profile, today: date) -> list[WeekSummary]:
    """Every week from the first session's week through today's week, oldest first.

    Weeks without sessions are included (``sessions == 0``). No sessions → ``[]``.
    """
    past = _past(sessions, today)
    if not past:
        return []
    start_weekday = profile.week_start_index
    counts = weekly_counts(past, start_weekday)
    current = week_start(today, start_weekday)
    week = week_start(min(s.date for s in past), start_weekday)
    out: list[WeekSummary] = []
    while week <= current:
        done = counts.get(week, 0.0)
        target = profile.target_for_week(week)
        out.append(WeekSummary(week, done, target, _counts(done, target), week == current))
        week += _WEEK
    return out


def streaks(sessions: Iterable[SessionRecord], profile: Profile, today: date) -> Streak:
    """Consecutive counting weeks.

    ``current`` ends with the last completed week, plus the week in progress once it
    counts; the week in progress never breaks it. ``best`` is the longest run over
    all history (the week in progress included when it counts), so ``best >= current``.
    """
    summaries = week_summaries(sessions, profile, today)
    best = run = 0
    for w in summaries:
        run = run + 1 if w.counts else 0
        best = max(best, run)
    current = 0
    for w in reversed(summaries):
        if w.counts:
            current += 1
        elif not w.in_progress:
            break
    return Streak(current=current, best=best)


# ---------------------------------------------------------------- block


def block_progress(sessions: Iterable[SessionRecord], profile: Profile, today: date) -> BlockProgress | None:
    """Where today falls in the current block and how much of its plan is done.

    ``None`` when the profile has no block. Planned-to-date is the targets of the
    completed block weeks plus ``min(done this week, this week's target)``, so the
    week in progress never lowers adherence. Adherence is
    ``floor(done / planned_to_date × 100)`` capped at 100 (100 when nothing is
    planned yet); flooring means 100 is shown only when the plan is fully met.
    """
    if profile.block_start is None:
        return None
    start_weekday = profile.week_start_index
    n = max(1, profile.weeks)
    first = week_start(profile.block_start, start_weekday)
    starts = [first + i * _WEEK for i in range(n)]
    targets = [profile.target_for_week(w) for w in starts]
    planned_total = sum(targets)

    current = week_start(today, start_weekday)
    index = (current - first).days // 7  # 0-based block week of today
    if index < 0:
        return BlockProgress(0, n, 0.0, 0.0, planned_total, 100, False)

    end = starts[-1] + timedelta(days=6)
    per_week: dict[date, float] = defaultdict(float)
    for s in sessions:
        if first <= s.date <= end and s.date <= today:
            per_week[week_start(s.date, start_weekday)] += s.weight
    done = sum(per_week.values())

    if index >= n:
        week, finished = n, True
        planned = float(planned_total)
    else:
        week, finished = index + 1, False
        planned = float(sum(targets[:index])) + min(per_week.get(current, 0.0), targets[index])

    if planned <= 0:
        adherence = 100
    else:
        adherence = min(100, math.floor(done / planned * 100 + 1e-9))
    return BlockProgress(week, n, done, planned, planned_total, adherence, finished)


# ---------------------------------------------------------------- heatmap and trend


def _heat_level(load: float, ranked: list[float]) -> int:
    """1..4 from the mid-rank percentile of ``load`` among the window's non-zero loads."""
    if load <= 0 or not ranked:
        return 1
    below = bisect_left(ranked, load)
    equal = bisect_right(ranked, load) - below
    percentile = (below + equal / 2) / len(ranked)
    return min(4, 1 + int(percentile * 4))


def heatmap(
    sessions: Iterable[SessionRecord],
    loads: Mapping[str, float],
    profile: Profile,
    today: date,
    weeks: int = 26,
) -> list[list[HeatCell]]:
    """``weeks`` columns (oldest first; the last holds today), 7 cells each from the week start.

    A cell's load is the sum of ``loads[session.id]`` for the sessions started that
    day (a session missing from ``loads`` adds 0). Levels:

    - 0: no session that day, or the day is after today (``future=True``);
    - 1..4: ``1 + floor(4 × p)`` capped at 4, where ``p`` is the mid-rank percentile of
      the day's load among the non-zero daily loads shown —
      ``p = (#loads below + ½ · #loads equal) / #loads``. So the lightest quarter is 1 and the
      heaviest 4, equal loads share a level, and a single distinct load is level 3;
      a day with sessions but zero load is level 1.
    """
    if weeks < 1:
        return []
    first = _first_shown_week(profile, today, weeks)

    day_load: dict[date, float] = defaultdict(float)
    for s in sessions:
        if first <= s.date <= today:
            day_load[s.date] += max(0.0, float(loads.get(s.id, 0.0)))
    ranked = sorted(v for v in day_load.values() if v > 0)

    columns: list[list[HeatCell]] = []
    for i in range(weeks):
        column = []
        for day in week_days(first + i * _WEEK):
            if day > today:
                column.append(HeatCell(day, 0.0, 0, True))
            elif day in day_load:
                load = day_load[day]
                column.append(HeatCell(day, load, _heat_level(load, ranked), False))
            else:
                column.append(HeatCell(day, 0.0, 0, False))
        columns.append(column)
    return columns


def _first_shown_week(profile: Profile, today: date, weeks: int) -> date:
    """The start of the oldest of ``weeks`` weeks ending with the current one."""
    return week_start(today, profile.week_start_index) - (weeks - 1) * _WEEK


def trend(
    sessions: Iterable[SessionRecord],
    loads: Mapping[str, float],
    profile: Profile,
    today: date,
    weeks: int = 12,
) -> list[TrendPoint]:
    """The last ``weeks`` weeks including the current one, oldest first: sessions and load."""
    if weeks < 1:
        return []
    first = _first_shown_week(profile, today, weeks)
    start_weekday = profile.week_start_index
    done: dict[date, float] = defaultdict(float)
    load: dict[date, float] = defaultdict(float)
    for s in sessions:
        if first <= s.date <= today:
            w = week_start(s.date, start_weekday)
            done[w] += s.weight
            load[w] += float(loads.get(s.id, 0.0))
    return [TrendPoint(w, done.get(w, 0.0), load.get(w, 0.0)) for w in (first + i * _WEEK for i in range(weeks))]


# ---------------------------------------------------------------- the week review's figures


@dataclass(frozen=True)
class WeekFigures:
    """The Week review's figures, for the Week screen and `runstrength status --json`.

    Loads are Foster's session load (session RPE × minutes, or the session's reps + hold
    seconds when either is missing: :func:`.weeks.session_load`)."""

    weeks_logged: int  # calendar weeks from the log's first (or the block's) to this one
    heatmap: list[list[HeatCell]]  # 4–26 weeks, oldest first (see :func:`heatmap`)
    trend: list[TrendPoint]  # 2–12 weeks, oldest first; the last is this week
    sessions_average_before: float | None  # sessions a week before this one, since the log began
    loads_before: tuple[float, ...]  # the load of up to 4 weeks before this one, oldest first
    sets_this_week: dict[str, int]  # session id → sets logged, for this week's sessions

    @property
    def load_this_week(self) -> float:
        return self.trend[-1].load if self.trend else 0.0

    @property
    def load_average_before(self) -> float | None:
        return sum(self.loads_before) / len(self.loads_before) if self.loads_before else None

    def to_dict(self) -> dict[str, object]:
        return {
            "weeks_logged": self.weeks_logged,
            "weeks": [
                {"start": p.start.isoformat(), "sessions": p.sessions, "load": round(p.load, 1)} for p in self.trend
            ],
            "sessions_average_before": (
                None if self.sessions_average_before is None else round(self.sessions_average_before, 2)
            ),
            "load_this_week": round(self.load_this_week, 1),
            "load_average_before": (None if self.load_average_before is None else round(self.load_average_before, 1)),
            "load_weeks_before": len(self.loads_before),
            "heatmap": [
                {"start": column[0].day.isoformat(), "levels": [None if c.future else c.level for c in column]}
                for column in self.heatmap
            ],
        }


def week_figures(sessions: list[SessionRecord], sets: list[SetRecord], profile: Profile, today: date) -> WeekFigures:
    """The review's figures on ``today``: a young log shows its own weeks (at least 4 in the
    heatmap, 2 in the trend), not months of empty weeks before it began; the sessions
    average counts only the weeks before this one since the log began (none in a first
    week: this week is not over)."""
    loads = session_loads(sessions, sets)
    first = min((s.date for s in sessions), default=today)
    if profile.block_start:
        first = min(first, profile.block_start)
    start = week_start(today, profile.week_start_index)
    age = (start - week_start(first, profile.week_start_index)).days // 7 + 1
    points = trend(sessions, loads, profile, today, weeks=max(2, min(12, age)))
    series = [p.sessions for p in points]
    before = series[:-1][-(age - 1) :] if age > 1 else []
    mine = {s.id for s in sessions if start <= s.date < start + _WEEK}
    counts: dict[str, int] = {}
    for record in sets:
        if record.session in mine:
            counts[record.session] = counts.get(record.session, 0) + 1
    return WeekFigures(
        weeks_logged=age,
        heatmap=heatmap(sessions, loads, profile, today, weeks=max(4, min(26, age))),
        trend=points,
        sessions_average_before=sum(before) / len(before) if before else None,
        loads_before=tuple(p.load for p in points[-5:-1]),
        sets_this_week=counts,
    )
