"""The glue both front ends share: read what a rule needs from the store, ask the domain.

The CLI and the TUI call these so that a set logged from either place is checked by the
same guard with the same history, and "today" means the same thing everywhere.
Importing this module does not import Textual.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ..domain import guard, plan
from ..domain.catalog import Catalog
from ..domain.model import Profile, SessionRecord, SetRecord
from ..domain.schedule import RunningWeek, effective_target
from ..domain.validate import InputError, parse_note
from ..domain.weeks import week_start
from ..store import shipped
from ..store.repo import Store, new_id

if TYPE_CHECKING:
    from ..domain import streaks
    from ..domain.runs import Run

ENV_TODAY = "RUNSTRENGTH_TODAY"
HISTORY_DAYS = 41  # the guard looks back 28 days plus the acute week; the planner 5 weeks before each day of this week
SESSION_WEEKS = 10  # plan and guard look at most this far back (plus the last session before)
PAIN_DAYS = 180  # pain marks keep an exercise out of the plan for up to half a year


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


def catalog() -> Catalog:
    """The shipped exercise catalog, with the shipped program templates the planner reads
    (parsed once per process)."""
    return shipped.load_catalog()


def shipped_files() -> list[Path]:
    """The shipped data files (what a cache built from them depends on)."""
    return shipped.shipped_files()


def history_since(day: date, sessions: list[SessionRecord], history_days: int = HISTORY_DAYS) -> date:
    """How far back the guard and the planner need sets: ``history_days`` (the planner looks
    five weeks before each day of this week), and, within three weeks of a return from a
    14+ day break, as far before the last session before the break (the comeback ramp
    scales what was done then)."""
    since = day - timedelta(days=history_days)
    dates = sorted({s.date for s in sessions if s.date < day})
    for before, after in zip(dates, dates[1:] + [day]):
        if (after - before).days >= guard.T.comeback_gap_days and (day - after).days < 21:
            since = min(since, before - timedelta(days=history_days))
    return since


def default_profile(day: date) -> Profile:
    return Profile(block_start=week_start(day))


def clear_pain_question(name: str) -> str:
    """What the runner reads before clearing a pain mark (TUI dialogs)."""
    return (
        f"Clear the pain mark on {name} only once a sports doctor or physical therapist has looked at it. "
        f"{name} then comes back into the plan, starting light. Stop again if it hurts."
    )


def clear_pain(store: Store, exercise: str, day: date) -> Profile:
    """The runner clears the pain mark on ``exercise`` (a sports doctor or physical
    therapist said it is fine): pain marks on or before ``day`` no longer keep it out of the
    plan. Saved in the profile's ``pain_cleared``; returns the profile as saved."""
    profile = store.profile() or default_profile(day)
    cleared = tuple((e, d) for e, d in profile.pain_cleared if e != exercise) + ((exercise, day),)
    profile = profile.with_changes(pain_cleared=cleared)
    store.save_profile(profile)
    return profile


@dataclass
class Context:
    """What the planner and the guard need about one data folder on one day."""

    today: date
    profile: Profile
    sessions: list[SessionRecord]
    history: list[SetRecord]
    acks: list[tuple[str, str, date]]
    catalog: Catalog
    actual: dict[date, str] | None = None  # imported runs: date → run kind, on the days they cover
    runs: list[Run] = field(default_factory=list)  # imported runs of the last six weeks
    pain_history: list[SetRecord] = field(default_factory=list)  # older pain-marked sets
    # the plan ledger: what Today showed on each recent day (None: not kept, e.g. in tests)
    shown: dict[date, str] | None = None
    shown_volume: dict[date, int] = field(default_factory=dict)  # what a shown session asked for
    profile_saved: bool = True  # False: the runner has not set up a profile (defaults in use)
    _plans: dict[date, plan.TodayPlan] = field(default_factory=dict)
    _weeks: dict[tuple[date, date], guard.WeekPlanLoad] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store, day: date, history_days: int = HISTORY_DAYS, all_sessions: bool = False) -> Context:
        """Read what today's plan and the guard need. Unless ``all_sessions`` (streaks need
        them), only recent sittings are read, so the cost does not grow with years of log."""
        profile = store.profile()
        chosen = profile or default_profile(day)
        since = None
        if not all_sessions:
            since = day - timedelta(weeks=SESSION_WEEKS)
            if chosen.block_start:  # the session rotation counts from the block's first week
                since = min(since, week_start(chosen.block_start, chosen.week_start_index))
        sessions = store.sessions(since=since)
        recent = history_since(day, sessions, history_days)
        history = store.sets(since=recent)
        # pain keeps an exercise out of the plan until the runner clears it: older sets of
        # exercises with a pain mark are kept for that (and only those are read)
        pain_since = min(recent, day - timedelta(days=PAIN_DAYS))
        painful: set[str] = store.pain_exercises(since=pain_since) if pain_since < recent else set()
        if painful:  # pain is judged by movement family: read the whole family's older sets
            exercises = catalog()
            painful = {m for e in painful for m in exercises.pain_family_members(exercises.pain_family(e))} | painful
        older = store.sets(since=pain_since, until=recent - timedelta(days=1), exercises=painful) if painful else []
        from . import runs as service_runs

        ledger = store.shown_days(day - timedelta(days=14))
        runs = service_runs.runs_between(store, day - timedelta(weeks=6), day)
        actual = service_runs.actual_days(store, day - timedelta(weeks=SESSION_WEEKS), day) if runs else None
        return cls(
            runs=runs,
            actual=actual or None,
            today=day,
            profile=chosen,
            sessions=sessions,
            history=history,
            acks=store.acks(),
            catalog=catalog(),
            pain_history=older,
            shown={d: kind for d, (kind, _) in ledger.items()},
            shown_volume={d: v for d, (_, v) in ledger.items() if v is not None},
            profile_saved=profile is not None,
        )

    def today_plan(self) -> plan.TodayPlan:
        return self.plan_for(self.today)

    def plan_for(self, day: date) -> plan.TodayPlan:
        """The plan as it stood on ``day`` (sessions and sets before it), cached per day."""
        cached = self._plans.get(day)
        if cached is None:
            cached = self._plans[day] = plan.today_plan(
                day,
                self.profile,
                self.sessions,
                self.history + self.pain_history,
                self.catalog,
                actual=self._known(day),
                shown=self.shown,
            )
        return cached

    def prescription(self, exercise: str, day: date, finisher: bool = False) -> plan.Prescribed | None:
        """What the plan asked of this exercise on ``day``, if the plan asked for it."""
        today = self.plan_for(day)
        items = today.finisher if finisher or today.kind == "finisher-only" else today.exercises
        if today.kind == "rest":
            return None
        return next((p for p in items if p.exercise == exercise), None)

    def prescribed_day(self, day: date, finisher: bool = False) -> bool:
        today = self.plan_for(day)
        return today.kind == ("finisher-only" if finisher else "strength")

    def week_load(self, day: date) -> guard.WeekPlanLoad:
        """What the plan prescribed for the calendar week holding ``day`` (reps + hold
        seconds, the unit sets are logged in): each past day's session as the plan stood
        that day, and from ``day`` on the plan ahead."""
        start = week_start(day, self.profile.week_start_index)
        cached = self._weeks.get((start, day))
        if cached is None:
            trained = {s.date for s in self.sessions if s.kind == "strength"}
            planned = 0.0
            d = start
            while d < day:
                if d in trained:
                    if d in self.shown_volume:  # what Today really showed that day (the ledger)
                        planned += self.shown_volume[d]
                    else:
                        then = self.plan_for(d)
                        if then.kind == "strength":
                            planned += then.volume
                d += timedelta(days=1)
            before = [s for s in self.sessions if s.date < day]
            ahead = plan.plan_ahead(
                day,
                self.profile,
                before,
                self.history + self.pain_history,
                self.catalog,
                weeks=1,
                actual=self._known(day),
            )
            planned += float(
                sum(p.sets * p.top for d in ahead if d.date < start + timedelta(days=7) for p in d.exercises)
            )
            previous = plan.block_week(
                self.profile,
                [s for s in self.sessions if s.date < start],
                start - timedelta(days=7),
                self._known(start),
                self.catalog.programs,
            )
            light = plan.lighter_week(self.catalog.programs.templates[self.profile.level], previous)
            cached = self._weeks[(start, day)] = guard.WeekPlanLoad(planned, after_light_week=light, week_start=start)
        return cached

    def _known(self, day: date) -> dict[date, str] | None:
        """The imported runs as they were known on ``day`` (runs are imported after them)."""
        return {d: k for d, k in (self.actual or {}).items() if d < day} or None

    def session_sets(self, session_id: str) -> list[SetRecord]:
        return [s for s in self.history if s.session == session_id]

    def session_notes(
        self,
        day: date,
        exercise_ids: list[str],
        finisher: bool = False,
        shown: AbstractSet[tuple[str, str]] = frozenset(),
        candidates: Sequence[SetRecord] = (),
    ) -> list[guard.GuardWarning]:
        """Notes for a sitting about to start on ``day`` (quieted: no nagging)."""
        found = self._session_found(day, exercise_ids, finisher, candidates)
        return guard.quiet(found, acks=self.acks, day=day, shown=shown)

    def _session_found(
        self, day: date, exercise_ids: list[str], finisher: bool, candidates: Sequence[SetRecord]
    ) -> list[guard.GuardWarning]:
        """Every session note the guard finds for ``day``, before quieting."""
        found = guard.check_session(
            day,
            exercise_ids,
            sessions=self.sessions,
            profile=self.profile,
            catalog=self.catalog,
            history=self.history,
            today=self.today,
            prescribed=self.prescribed_day(day, finisher)
            and all(
                guard.within_prescription(c, self.prescription(c.exercise, day, finisher), self.history)
                for c in candidates
            ),
            finisher=finisher,
            run_on=RunningWeek.of(self.profile, self._known(day)).run_on,
        )
        if self.runs:
            from ..domain import running_guard

            found += running_guard.after_hard_run(day, self.runs, self.profile.run_on(day - timedelta(days=1)))
        return found

    def set_notes(
        self, candidates: list[SetRecord], history: list[SetRecord] | None = None, finisher: bool = False
    ) -> list[guard.GuardWarning]:
        found: list[guard.GuardWarning] = []
        history = list(self.history if history is None else history)
        for candidate in candidates:
            found += guard.check_set(
                candidate,
                history=history,
                sessions=self.sessions,
                profile=self.profile,
                catalog=self.catalog,
                prescribed=self.prescription(candidate.exercise, candidate.date, finisher),
                week=self.week_load(candidate.date),
            )
            history.append(candidate)
        return found

    def check(
        self,
        candidates: list[SetRecord],
        session_id: str | None,
        new_session: bool,
        planned: list[str] | None = None,
        finisher: bool = False,
        shown: set[tuple[str, str]] | None = None,
    ) -> list[guard.GuardWarning]:
        """Warnings for sets about to be logged (quieted: no nagging)."""
        day = candidates[0].date if candidates else self.today
        found: list[guard.GuardWarning] = []
        if new_session:
            found += self._session_found(day, planned or [c.exercise for c in candidates], finisher, candidates)
        found += self.set_notes(candidates, finisher=finisher)
        if shown is None:
            shown = guard.shown_in_session(self.session_sets(session_id)) if session_id else set()
        return guard.quiet(found, acks=self.acks, day=day, shown=shown)

    def past_weeks(self, weeks: int = 3) -> tuple[tuple[float, float], ...]:
        """(planned, done) reps + seconds of the last complete calendar weeks, oldest first:
        what Today showed on each trained day (the plan ledger). A week with a trained day
        the ledger does not know (a log from before the ledger) says (0, done): unknown."""
        start = week_start(self.today, self.profile.week_start_index)
        trained = {s.date for s in self.sessions if s.kind == "strength"}
        strength = {s.id for s in self.sessions if s.kind == "strength"}
        out = []
        for n in range(weeks, 0, -1):
            first = start - timedelta(days=7 * n)
            days = [first + timedelta(days=i) for i in range(7)]
            planned = 0.0
            for d in days:
                if d in trained:
                    if d not in self.shown_volume:
                        planned = 0.0
                        break
                    planned += self.shown_volume[d]
            done = float(sum(s.volume for s in self.history if first <= s.date <= days[-1] and s.session in strength))
            out.append((planned, done))
        return tuple(out)

    def review(self) -> list[guard.GuardWarning]:
        week = replace(self.week_load(self.today), past_weeks=self.past_weeks())
        found = guard.review(
            self.today,
            history=self.history,
            sessions=self.sessions,
            profile=self.profile,
            week=week,
        )
        if self.runs:
            from ..domain import running_guard

            found += running_guard.running_load(
                self.today, self.runs, week_start_index=self.profile.week_start_index, acks=self.acks
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
    note = parse_note(note)  # every front end's notes: plain text (InputError otherwise)
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
    streak: streaks.Streak
    block: streaks.BlockProgress | None
    next_strength_day: date | None
    plan: plan.TodayPlan
    warnings: list[guard.GuardWarning]

    def to_dict(self) -> dict[str, object]:
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
            "block_week": self.plan.block_week,
            "block_week_reason": self.plan.block_week_reason,
            "notes": list(self.plan.notes),
            "next_strength_day": self.next_strength_day.isoformat() if self.next_strength_day else None,
            "warnings": [w.to_dict() for w in self.warnings],
        }


def status(ctx: Context) -> Status:
    from ..domain import streaks  # only the review needs it: keeps TUI start light

    profile, day = ctx.profile, ctx.today
    start = week_start(day, profile.week_start_index)
    this_week = [s for s in ctx.sessions if start <= s.date <= day]
    done = sum(s.weight for s in this_week)
    target = effective_target(profile, start)
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


REVIEW_DAYS = 7 * 27  # the week review's trends and heatmap look back half a year
_REVIEWS: WeakKeyDictionary[Store, tuple[tuple[object, ...], tuple[Context, Status]]] = WeakKeyDictionary()


def week_review(store: Store, day: date) -> tuple[Context, Status]:
    """The week review's context (every session, half a year of sets) and its status
    (streaks, block, the week's plan ahead, the guard's review), computed once per day and
    state of the log: opening Week again with nothing logged since costs a look at the
    data files, not a re-plan. Shared between callers, so read them, never change them."""
    key = (day, store.state())  # taken first: a write during the read only means reading again
    hit = _REVIEWS.get(store)
    if hit is not None and hit[0] == key:
        return hit[1]
    ctx = Context.load(store, day, history_days=REVIEW_DAYS, all_sessions=True)
    result = (ctx, status(ctx))
    _REVIEWS[store] = (key, result)
    return result


_HISTORY: WeakKeyDictionary[Store, tuple[tuple[object, ...], list[dict[str, object]]]] = WeakKeyDictionary()


def recent_history_rows(store: Store, since: date) -> list[dict[str, object]]:
    """The History table's rows (see ``history_rows``) for the sittings from ``since`` on,
    computed once per state of the log: History opened again with nothing logged since
    reads nothing. Shared between callers (and threads), so read them, never change them."""
    key = (since, store.state())  # taken first: a write during the read only means reading again
    hit = _HISTORY.get(store)
    if hit is not None and hit[0] == key:
        return hit[1]
    sessions = [s for s in store.sessions() if s.date >= since]
    rows = history_rows(sessions, store.sets(since=since), catalog())
    _HISTORY[store] = (key, rows)
    return rows


def history_rows(
    sessions: Iterable[SessionRecord], sets: Iterable[SetRecord], catalog: Catalog
) -> list[dict[str, object]]:
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
