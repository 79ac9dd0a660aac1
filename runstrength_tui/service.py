"""The glue both front ends share: read what a rule needs from the store, ask the domain.

The CLI and the TUI call these so that a set logged from either place is checked by the
same guard with the same history, and "today" means the same thing everywhere.
Importing this module does not import Textual.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .domain import guard, plan
from .domain.catalog import Catalog, load_catalog
from .domain.model import Profile, SessionRecord, SetRecord
from .domain.validate import InputError
from .domain.weeks import week_start
from .store.repo import Store, new_id

ENV_TODAY = "RUNSTRENGTH_TODAY"
HISTORY_DAYS = 35  # the guard looks back 28 days plus the acute week
SESSION_WEEKS = 10  # plan and guard look at most this far back (plus the last session before)


def today() -> date:
    """The real date, unless RUNSTRENGTH_TODAY pins it (demos, screenshots, tests)."""
    pinned = os.environ.get(ENV_TODAY)
    if pinned:
        try:
            return date.fromisoformat(pinned.strip())
        except ValueError:
            raise InputError(f"{ENV_TODAY} must look like YYYY-MM-DD, not {pinned!r}.") from None
    return date.today()


def now() -> datetime:
    """Wall-clock time on the (possibly pinned) date: used to stamp records."""
    real = datetime.now().replace(microsecond=0)
    return datetime.combine(today(), real.time())


def default_profile(day: date) -> Profile:
    return Profile(block_start=week_start(day))


@dataclass
class Context:
    """What the planner and the guard need about one data folder on one day."""

    today: date
    profile: Profile
    sessions: list[SessionRecord]
    history: list[SetRecord]
    acks: list[tuple[str, str, date]]
    catalog: Catalog
    _planned_load: float | None = None

    @classmethod
    def load(cls, store: Store, day: date, history_days: int = HISTORY_DAYS, all_sessions: bool = False) -> "Context":
        """Read what today's plan and the guard need. Unless ``all_sessions`` (streaks need
        them), only recent sittings are read, so the cost does not grow with years of log."""
        profile = store.profile()
        chosen = profile or default_profile(day)
        since = None
        if not all_sessions:
            since = day - timedelta(weeks=SESSION_WEEKS)
            if chosen.block_start:  # the session rotation counts from the block's first week
                since = min(since, week_start(chosen.block_start, chosen.week_start_index))
        return cls(
            today=day,
            profile=chosen,
            sessions=store.sessions(since=since),
            history=store.sets(since=day - timedelta(days=history_days)),
            acks=store.acks(),
            catalog=load_catalog(),
        )

    def today_plan(self) -> plan.TodayPlan:
        return plan.today_plan(self.today, self.profile, self.sessions, self.history, self.catalog)

    def planned_weekly_load(self) -> float:
        """This week's prescription in volume units (reps + hold seconds), for new runners.

        Planned once per context: the log dialog asks on every keystroke."""
        if self._planned_load is None:
            days = plan.plan_ahead(self.today, self.profile, [], [], self.catalog, weeks=1)
            self._planned_load = float(sum(
                p.sets * (p.seconds if p.seconds is not None else p.reps[1]) * (2 if p.per_side else 1)
                for day in days for p in day.exercises
            ))
        return self._planned_load

    def session_sets(self, session_id: str) -> list[SetRecord]:
        return [s for s in self.history if s.session == session_id]

    def check(
        self,
        candidates: list[SetRecord],
        session_id: str | None,
        new_session: bool,
        planned: list[str] | None = None,
    ) -> list[guard.GuardWarning]:
        """Warnings for sets about to be logged (quieted: no nagging)."""
        day = candidates[0].date if candidates else self.today
        found: list[guard.GuardWarning] = []
        if new_session:
            ids = planned or [c.exercise for c in candidates]
            found += guard.check_session(
                day, ids, sessions=self.sessions, profile=self.profile, catalog=self.catalog, history=self.history
            )
        history = list(self.history)
        weekly = self.planned_weekly_load()
        for candidate in candidates:
            found += guard.check_set(
                candidate,
                history=history,
                sessions=self.sessions,
                profile=self.profile,
                catalog=self.catalog,
                today=self.today,
                planned_weekly_load=weekly,
            )
            history.append(candidate)
        shown = guard.shown_in_session(self.session_sets(session_id)) if session_id else set()
        return guard.quiet(found, acks=self.acks, day=day, shown=shown)

    def review(self) -> list[guard.GuardWarning]:
        found = guard.review(
            self.today,
            history=self.history,
            sessions=self.sessions,
            profile=self.profile,
            planned_weekly_load=self.planned_weekly_load(),
        )
        return guard.quiet(found, acks=self.acks, day=self.today)


def make_sets(
    exercise: str,
    session: str,
    day: date,
    stamp: datetime,
    count: int,
    reps: int | None,
    seconds: int | None,
    load: tuple[float, str] | None,
    rpe: int | None,
    pain: bool,
    note: str,
    source: str,
) -> list[SetRecord]:
    return [
        SetRecord(
            id=new_id(),
            session=session,
            exercise=exercise,
            date=day,
            logged_at=stamp + timedelta(microseconds=i),
            reps=reps,
            seconds=seconds,
            load_kg=load[0] if load else None,
            unit=load[1] if load else "kg",
            rpe=rpe,
            pain=pain,
            note=note,
            source=source,
        )
        for i in range(count)
    ]


def attach_warnings(records: list[SetRecord], warnings: list[guard.GuardWarning]) -> list[SetRecord]:
    """Store the shown codes on the first set, so later sets in the session stay quiet.

    Only codes about this exercise or about the whole sitting are stored on it: a code
    about another exercise would be remembered under the wrong one."""
    if not warnings or not records:
        return records
    codes = tuple(dict.fromkeys(w.code for w in warnings if w.exercise in ("", records[0].exercise)))
    return [records[0].with_changes(warnings=codes), *records[1:]]


@dataclass
class Status:
    today: date
    week_start: date
    week_sessions: float
    target: int
    counts: bool
    week_days: list[date]
    streak: "streaks.Streak"
    block: "streaks.BlockProgress | None"
    next_strength_day: date | None
    plan: plan.TodayPlan
    warnings: list[guard.GuardWarning]

    def to_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "week": {
                "start": self.week_start.isoformat(),
                "sessions": self.week_sessions,
                "target": self.target,
                "counts": self.counts,
                "days": [d.isoformat() for d in self.week_days],
            },
            "streak": {"current": self.streak.current, "best": self.streak.best},
            "block": (
                {"week": self.block.week, "weeks": self.block.weeks, "adherence": self.block.adherence}
                if self.block
                else None
            ),
            "today_kind": self.plan.kind,
            "next_strength_day": self.next_strength_day.isoformat() if self.next_strength_day else None,
            "warnings": [w.to_dict() for w in self.warnings],
        }


def status(ctx: Context) -> Status:
    from .domain import streaks  # only the review needs it: keeps TUI start light

    profile, day = ctx.profile, ctx.today
    start = week_start(day, profile.week_start_index)
    this_week = [s for s in ctx.sessions if start <= s.date <= day]
    done = sum(s.weight for s in this_week)
    target = profile.target_for_week(start)
    today_plan = ctx.today_plan()
    upcoming = today_plan.next_strength_day
    if today_plan.kind == "strength" and not today_plan.done_today:
        upcoming = day
    return Status(
        today=day,
        week_start=start,
        week_sessions=done,
        target=target,
        counts=done >= target,
        week_days=sorted({s.date for s in this_week}),
        streak=streaks.streaks(ctx.sessions, profile, day),
        block=streaks.block_progress(ctx.sessions, profile, day),
        next_strength_day=upcoming,
        plan=today_plan,
        warnings=ctx.review(),
    )


def history_rows(sessions, sets, catalog) -> list[dict]:
    """One row per sitting for the History table and `runstrength history`."""
    by_session = defaultdict(list)
    for s in sets:
        by_session[s.session].append(s)
    rows = []
    for session in sessions:
        mine = by_session.get(session.id, [])
        names = list(dict.fromkeys(catalog.get(s.exercise).name if s.exercise in catalog else s.exercise for s in mine))
        rows.append(
            {
                "id": session.id,
                "date": session.date.isoformat(),
                "kind": session.kind,
                "open": session.ended_at is None,  # not finished yet (or logged from the CLI today)
                "exercises": names,
                "sets": len(mine),
                "minutes": session.minutes,
                "rpe": session.rpe,
                "warnings": sorted({c for s in mine for c in s.warnings}),
            }
        )
    return rows
