"""Where the runner is in the block: it moves by sessions done, not by the calendar.

docs/coaching.md § Comebacks, levels and blocks:
- a block week advances when at least half of its planned sessions happened; a week with
  fewer is repeated, not skipped over;
- after 14+ days without strength work, the first week back runs at about 60 % of the
  previous loads and reps, the second at about 80 %, with no new variations and no jumps;
  then the block goes on from the last completed normal (not lighter) week;
- after its last week a block is over: the next starts at week 1, with the loads reached;
- a move up a level starts the new level a few weeks back in its dose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import SessionRecord
from .rules import THRESHOLDS as T
from .schedule import RunningWeek, plan_week
from .weeks import week_start
from .words import day_and_month


def clamp_week(week: int, weeks: int) -> int:
    """The block week to use or show (1 … ``weeks``): before the block, week 1; past its
    end, the last week (the dose stays there until a new block starts)."""
    return min(max(week, 1), weeks)


@dataclass(frozen=True)
class BlockState:
    """Where the runner is in the training block on a day, and why."""

    week: int  # the block week whose dose applies (1 … ``weeks``; after the last, a new block)
    weeks: int
    calendar_week: int  # weeks since the current block started, by the calendar
    reason: str | None  # why ``week`` is behind the calendar, in one sentence
    comeback: int  # 0, or 1/2: first or second week back after 14+ days off
    days_off: int  # the break before the comeback, in days
    last_completed: int  # the last block week that was done (0: none yet)
    back_on: date | None = None  # the first day back after the break (comebacks)

    @property
    def dose_week(self) -> int:
        """The block week whose dose applies today (comebacks use the last completed one)."""
        return clamp_week(max(1, self.last_completed) if self.comeback else self.week, self.weeks)

    @property
    def comeback_factor(self) -> float:
        return {1: T.comeback_first_week, 2: T.comeback_second_week}.get(self.comeback, 1.0)


def comeback_phase(day: date, sessions: list[SessionRecord]) -> tuple[int, int, date | None]:
    """(week of the comeback ramp 1/2 or 0, days off before it, the day of the return)
    for a session on ``day``."""
    dates = sorted({s.date for s in sessions if s.date < day})
    if not dates:
        return 0, 0, None
    if (day - dates[-1]).days >= T.comeback_gap_days:
        return 1, (day - dates[-1]).days, day
    # the most recent return after a long gap, if it was within the last two weeks
    for prev, nxt in zip(reversed(dates[:-1]), reversed(dates)):
        if (day - nxt).days >= 14:
            break
        if (nxt - prev).days >= T.comeback_gap_days:
            return (1 if (day - nxt).days < 7 else 2), (nxt - prev).days, nxt
    return 0, 0, None


def _last_normal(week: int, light_weeks: frozenset[int]) -> int:
    """The last normal (not lighter) block week at or before ``week`` (1 at least)."""
    while week > 1 and week in light_weeks:
        week -= 1
    return max(1, week)


def block_state(
    today: date, week: RunningWeek, sessions: list[SessionRecord], light_weeks: frozenset[int] = frozenset()
) -> BlockState:
    profile = week.profile
    ws = profile.week_start_index
    first = week_start(profile.block_start or today, ws)
    current = week_start(today, ws)
    strength = [s for s in sessions if s.kind == "strength" and s.date < today]
    moved_up = profile.moved_up_on()
    n = 1
    last_completed = 0
    reason: str | None = None
    in_comeback = False
    start = first
    block_began = first  # the first week of the block being run (a block that ends starts the next)
    # a very old block start: look at most two years back (beyond that the block is long over)
    if (current - start).days > 7 * 104:
        start = block_began = current - timedelta(days=7 * 104)
    while start <= current:
        end = start + timedelta(days=6)
        if moved_up is not None and start <= moved_up <= end:
            before = n
            n = max(1, n - T.level_change_weeks_back)
            last_completed = min(last_completed, n - 1)
            if n < before:
                reason = f"the move up to {profile.level} on {day_and_month(moved_up)} starts {before - n} weeks back in its dose"
        own = [s for s in strength if start <= s.date <= end]
        anchor = own[0].date if own else min(today, end)
        phase, _, _ = comeback_phase(anchor, sessions)
        if phase and not in_comeback:
            # the ramp's weeks hold the block at the last normal week completed before the
            # break; the block goes on from there (repeating it) once the ramp is over
            in_comeback = True
            n = _last_normal(max(1, last_completed), light_weeks)
            last_completed = max(0, n - 1)
        elif not phase and in_comeback:
            in_comeback = False
            reason = "the block went on from the last normal week you completed before the break"
        if start == current:
            break
        planned = len(plan_week(start, start, week, tuple(s for s in sessions if s.date < start)).planned)
        if phase or planned == 0:
            pass
        elif len(own) >= planned * T.week_done_fraction - 1e-9:
            last_completed = n
            n += 1
            if n > profile.weeks:  # the block is over: the next one starts at week 1, loads carried over
                n, last_completed = 1, 0
                block_began = start + timedelta(days=7)
                reason = None
        else:
            reason = f"the week of {day_and_month(start)} had {len(own)} of {planned} planned sessions, and the block moves by sessions done"
        start += timedelta(days=7)
    calendar_week = (current - block_began).days // 7 + 1
    phase, days_off, back_on = comeback_phase(today, sessions)
    if phase:
        reason = (
            f"after {days_off} days without strength work, two easier weeks come first; then the block "
            f"goes on from week {n}, the last normal week you completed"
        )
    elif block_began > first and n == 1 and current == block_began:
        reason = f"the {profile.weeks}-week block is done, so a new one starts at week 1 this week, with the loads you reached"
    elif n >= calendar_week:
        reason = None
    return BlockState(n, profile.weeks, calendar_week, reason, phase, days_off, last_completed, back_on)
