"""Which days are strength days: recovery-aware scheduling (docs/coaching.md § Scheduling).

Pure functions of the running week, the sessions that happened and the date. The rules:
- never two strength days in a row (48 h between sessions that load the same muscles,
  ACSM 2009), across the week boundary and against what was really done;
- never on a key run (a long run, a race, or a hard run next to another key run, such
  as an ultra runner's two long runs or back-to-back hard days), the day before the first
  or the day after the last (leg soreness peaks 24–72 h after a session);
- at most 3 sessions in any 7 days, and never more than the weekly target (beginners 2);
- avoid the day before a hard run when another day works; intermediate and advanced
  runners prefer the hard-run day (strength after the run) or the day after it, beginners
  prefer days without a run;
- races: nothing in the 2 days before, nor in the race's recovery after it (2 days after a
  5–10 km race, 3 after a half, 7 after a marathon, 10 after an ultra: rules.RACE_RECOVERY);
  in the 6 days before, at most one short session, at least 3 days out;
- a missed session is gone, not owed: the week is re-planned from today with the same
  rules, so it comes back only where they still hold.

A week's choice is the best set of days by one fixed order over the whole week (days done
plus days planned), so a runner who follows the plan sees the same days every morning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import combinations

from .model import Profile, SessionRecord
from .rules import RACE_RECOVERY, RaceRecovery, race_recovery
from .rules import THRESHOLDS as T
from .weeks import week_start


@dataclass(frozen=True)
class RunningWeek:
    """The running around which strength is placed: the declared week (the forecast),
    imported runs on the days they cover (``actual``: date → rest/easy/hard/long), races."""

    profile: Profile
    actual: tuple[tuple[date, str], ...] = ()

    @classmethod
    def of(cls, profile: Profile, actual: dict[date, str] | None = None) -> RunningWeek:
        """The declared week with imported runs (date → kind) on the days they cover."""
        return cls(profile, tuple(sorted((actual or {}).items())))

    def run_on(self, day: date) -> str:
        if day in self.profile.races:
            return "race"
        got = _actual_map(self.actual).get(day)
        return got if got else self.profile.run_on(day)

    def key_run(self, day: date) -> str | None:
        """'race', 'long', or 'hard' when a hard run sits next to another hard, long or race
        day (back-to-back key days): the runs strength keeps a day away from."""
        run = self.run_on(day)
        if run in ("race", "long"):
            return run
        if run == "hard" and any(self.run_on(day + timedelta(days=n)) in ("hard", "long", "race") for n in (-1, 1)):
            return "hard"
        return None

    def recovery(self, race: date) -> RaceRecovery:
        return race_recovery(self.profile.race_distance(race))

    def recovering(self, day: date) -> date | None:
        """The race whose recovery still keeps jumps and load increases away on ``day``."""
        for n in range(1, max(r.no_plyo_days for r in RACE_RECOVERY.values()) + 1):
            race = day - timedelta(days=n)
            if race in self.profile.races and n <= self.recovery(race).no_plyo_days:
                return race
        return None

    def blocked(self, day: date) -> str | None:
        """Why no strength session can go on this day, or None."""
        run = self.run_on(day)
        if run == "race":
            return "race day"
        for n in range(1, T.race_rest_before + 1):  # before a race, the race is the reason (not a long run)
            if self.run_on(day + timedelta(days=n)) == "race":
                return "the day before your race" if n == 1 else f"{n} days before your race"
        if run == "long":
            return "long-run day"
        key = self.key_run(day)
        if key == "hard":
            return "a hard day next to another key run"
        for n in range(1, max(r.no_strength_days for r in RACE_RECOVERY.values()) + 1):
            race = day - timedelta(days=n)
            if race in self.profile.races and n <= self.recovery(race).no_strength_days:
                name = self.profile.race_distance(race)
                what = f"your {_RACE_WORDS[name]}" if name else "your race"
                return f"the day after {what}" if n == 1 else f"{n} days after {what}"
        before = self.key_run(day - timedelta(days=1))
        if before == "long":
            return "the day after the long run"
        if before == "hard":
            return "the day after back-to-back hard days"
        after = self.key_run(day + timedelta(days=1))
        if after == "long":
            return "the day before the long run"
        if after == "hard":
            return "the day before back-to-back hard days"
        actual_before = _actual_map(self.actual).get(day - timedelta(days=1))
        declared_before = self.profile.run_on(day - timedelta(days=1))
        if actual_before == "hard" and declared_before in ("rest", "easy"):
            return "the day after an unplanned hard run"
        return None

    def race_ahead(self, day: date, within: int | None = None) -> date | None:
        """The race this day tapers for (a race 1–``within`` days later, 6 by default), if any."""
        days = T.taper_days if within is None else within
        for r in self.profile.races:
            if 1 <= (r - day).days <= days:
                return r
        return None


_RACE_WORDS = {
    "5k": "5 km race",
    "10k": "10 km race",
    "half": "half marathon",
    "marathon": "marathon",
    "ultra": "ultra",
}


@lru_cache(maxsize=64)
def _actual_map(actual: tuple[tuple[date, str], ...]) -> dict[date, str]:
    return dict(actual)


def _day_cost(day: date, week: RunningWeek, beginner: bool) -> int:
    run = week.run_on(day)
    nxt = week.run_on(day + timedelta(days=1))
    if beginner:
        cost = {"rest": 0, "easy": 2, "hard": 4}.get(run, 4)
    else:
        prev = week.run_on(day - timedelta(days=1))
        cost = {"hard": 0, "rest": 1 if prev == "hard" else 2, "easy": 3}.get(run, 4)
    if nxt == "hard":  # hard days hard, easy days easy: fresh legs for the hard run
        cost += 3
    return cost


def feasible(days: list[date], week: RunningWeek) -> bool:
    """Spacing rules over a sorted list of session days (done and planned together)."""
    for a, b in zip(days, days[1:]):
        if (b - a).days < T.min_days_between_sessions:
            return False
    for i, d in enumerate(days):
        if sum(1 for e in days[i:] if (e - d).days < 7) > T.max_sessions_in_7_days:
            return False
    for race in week.profile.races:
        near = [d for d in days if 1 <= (race - d).days <= T.taper_days]
        if len(near) > 1:
            return False
        if any((race - d).days < T.taper_last_session_days for d in near):
            return False
    return True


@dataclass(frozen=True)
class WeekPlan:
    """The week a day belongs to: the strength days done and still planned against its target."""

    start: date
    done: tuple[date, ...]  # days of this week with a session before ``today``
    planned: tuple[date, ...]  # strength days from ``today`` on
    wanted: int  # sessions still wanted this week when planned
    target: int  # the week's target as the plan places it (Profile.target_for_week)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(sorted({*self.done, *self.planned}))

    @property
    def short_by(self) -> int:
        return self.wanted - len(self.planned)


def plan_week(start: date, today: date, week: RunningWeek, sessions: tuple[SessionRecord, ...]) -> WeekPlan:
    """The strength days of the week starting ``start``, as seen on ``today``.

    After the week's first day, a day that is second best (the day before a hard run; a
    running day for a beginner) is used only if the week's first plan used it too: a
    missed session comes back only where the rules still hold cleanly, else it is dropped."""
    # the full sessions: their days keep the spacing and count against the full sessions
    # wanted; a leg-free session or a finisher never takes a full session's place (the
    # leg-free one makes up a target the full sessions cannot reach: leg_free_day)
    known = tuple(sorted({s.date for s in sessions if s.date < today and s.loads_legs}))
    weight = sum(s.weight for s in sessions if start <= s.date < today and s.loads_legs)
    # a leg-free session done counts where it is a third session in place of a full one
    # (not for a beginner, whose third it is beyond the 2 full sessions)
    profile = week.profile
    beyond = max(0, profile.asked_target_for_week(start) - profile.target_for_week(start))
    free = sum(1 for s in sessions if start <= s.date < today and s.kind == "leg-free")
    weight += max(0, free - beyond)
    first: tuple[date, ...] | None = None
    if today > start:
        at_start = tuple(sorted({s.date for s in sessions if s.date < start and s.loads_legs}))
        first = _plan_week(start, start, week, at_start, 0.0, None).planned
    return _plan_week(start, today, week, known, weight, first)


def second_best(day: date, week: RunningWeek) -> bool:
    """The day before a hard run, or (beginners) a day with a run."""
    if week.run_on(day + timedelta(days=1)) == "hard":
        return True
    return week.profile.level == "beginner" and week.run_on(day) != "rest"


@lru_cache(maxsize=4096)
def _plan_week(
    start: date, today: date, week: RunningWeek, known: tuple[date, ...], weight: float, first: tuple[date, ...] | None
) -> WeekPlan:
    profile = week.profile
    end = start + timedelta(days=6)
    target = profile.target_for_week(start)
    done = tuple(d for d in known if start <= d <= end)
    wanted = max(0, math.ceil(target - weight - 1e-9))
    near = [d for d in known if start - timedelta(days=7) <= d <= end + timedelta(days=7)]
    candidates = [
        start + timedelta(days=i)
        for i in range(7)
        if start + timedelta(days=i) >= today
        and start + timedelta(days=i) not in near
        and week.blocked(start + timedelta(days=i)) is None
        and (first is None or start + timedelta(days=i) in first or not second_best(start + timedelta(days=i), week))
    ]
    beginner = profile.level == "beginner"

    def key(combo: tuple[date, ...]) -> tuple[int, int, int, tuple[date, ...]]:
        days = sorted({*done, *combo})
        running = sum(1 for d in days if week.run_on(d) != "rest") if beginner else 0
        cost = sum(_day_cost(d, week, beginner) for d in days)
        gaps = [(b - a).days for a, b in zip(days, days[1:])]
        wrap = 7 - (days[-1] - days[0]).days if len(days) > 1 else 7
        return (running, cost, -min(gaps + [wrap]), tuple(days))

    chosen: tuple[date, ...] = ()
    for k in range(min(wanted, len(candidates)), 0, -1):
        options = [c for c in combinations(candidates, k) if feasible(sorted({*near, *c}), week)]
        if options:
            chosen = min(options, key=key)
            break
    return WeekPlan(start, done, tuple(sorted(chosen)), wanted, target)


def missed_days(start: date, today: date, week: RunningWeek, sessions: tuple[SessionRecord, ...]) -> list[date]:
    """Days of this week before today that were strength days when they came, and had none.
    Before the runner's first session ever, nothing counts as missed (they were not started)."""
    had = {s.date for s in sessions}
    first = min(had, default=None)
    out = []
    day = start
    while day < today:
        if day not in had and first is not None and first < day:
            seen = plan_week(start, day, week, sessions)
            if seen.planned and seen.planned[0] == day:
                out.append(day)
        day += timedelta(days=1)
    return out


@dataclass(frozen=True)
class Schedule:
    """This week as seen today, plus what comes after."""

    week: WeekPlan
    missed: tuple[date, ...]
    next_day: date | None  # the next strength day after today
    finisher_ok: bool  # an optional 5-minute finisher fits today
    leg_free: date | None = None  # this week's short leg-free session, when the target needs it


def next_strength_day(
    today: date, this_week: WeekPlan, week: RunningWeek, sessions: tuple[SessionRecord, ...]
) -> date | None:
    later = [d for d in this_week.planned if d > today]
    if later:
        return later[0]
    known = tuple(sessions) + tuple(
        SessionRecord(id=f"planned-{d}", date=d, started_at=_midnight(d)) for d in this_week.planned
    )
    start = this_week.start + timedelta(days=7)
    for _ in range(8):
        plan = plan_week(start, start, week, known)
        if plan.planned:
            return plan.planned[0]
        start += timedelta(days=7)
    return None


def _midnight(day: date) -> datetime:

    return datetime.combine(day, time())


def schedule(today: date, week: RunningWeek, sessions: tuple[SessionRecord, ...]) -> Schedule:
    profile = week.profile
    start = week_start(today, profile.week_start_index)
    before = tuple(s for s in sessions if s.date < today)
    this_week = plan_week(start, today, week, before)
    missed = tuple(d for d in missed_days(start, today, week, before) if d not in this_week.planned)
    nxt = next_strength_day(today, this_week, week, before)
    leg_free = leg_free_day(today, this_week, week, before)
    # the finisher spares the legs (core, hips, feet): any easy-run day without a session,
    # away from the long run and the days before a race
    finisher_ok = (
        today not in this_week.planned
        and week.run_on(today) == "easy"
        and week.blocked(today) is None
        and week.race_ahead(today, T.taper_window_days) is None
        and week.recovering(today) is None
    )
    return Schedule(this_week, missed, nxt, finisher_ok, leg_free)


def leg_free_day(today: date, this_week: WeekPlan, week: RunningWeek, before: tuple[SessionRecord, ...]) -> date | None:
    """The week's short leg-free session (docs/coaching.md § Scheduling, "A third session
    that spares the legs"): when the full sessions done and planned fall short of a target
    of 3 or more, one session of core, upper back, feet and shins on a day no rule forbids
    (no long run or key run, not the day before or after one, no race window), from today
    on, preferring a day next to the fewest full sessions; none when one was done this week."""
    end = this_week.start + timedelta(days=6)
    asked = week.profile.asked_target_for_week(this_week.start)
    if asked < 3 or any(s.kind == "leg-free" and this_week.start <= s.date <= end for s in before):
        return None
    if len(this_week.done) + len(this_week.planned) >= asked:
        return None
    full = set(this_week.days)
    days = (this_week.start + timedelta(days=i) for i in range(7))
    free = [
        d
        for d in days
        if d >= today
        and d not in full
        and week.blocked(d) is None
        and week.race_ahead(d, T.taper_window_days) is None
        and week.recovering(d) is None
    ]
    if not free:
        return None
    return min(free, key=lambda d: (sum(1 for f in full if abs((d - f).days) == 1), d))
