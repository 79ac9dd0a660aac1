"""The coach behind one door: what the plan says and what the guard notes, for one day.

Pure domain code (no clock reads, no I/O). The service reads the coach's inputs from the
log (:class:`Coach`'s fields: the profile, the recent sittings and sets, the imported
runs, the plan ledger…), asks one of these questions, and saves what comes back:

- :meth:`Coach.plan` / :meth:`Coach.today_plan`: the day's session, or why it is a rest day;
  :meth:`Coach.ahead`: the coming weeks; :meth:`Coach.pain`: what pain keeps out;
- :meth:`Coach.prescription`: what the plan asked of an exercise on a day;
- :meth:`Coach.week_load`: what the plan prescribed for a calendar week;
- :meth:`Coach.check_set`: the guard's notes on sets about to be logged (with the codes to
  store on them), the sitting's notes too when they open one;
- :meth:`Coach.check_session`: the notes for a sitting about to start;
- :meth:`Coach.review` and :meth:`Coach.status`: the week's notes and the week review.

Every guard rule runs through the guard's ``RULES`` table (the running rules too); "what
the plan prescribed", which tells the guard to stay quiet about the plan's own
progression, is worked out here and never in a front end or the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple

from . import guard, streaks
from .catalog import Catalog
from .model import GuardWarning, Profile, SessionRecord, SetRecord
from .plan import (
    PainStatus,
    PlannedDay,
    Prescribed,
    TodayPlan,
    block_week,
    lighter_week,
    pain_status,
    plan_ahead,
    today_plan,
)
from .runs import Run
from .schedule import RunningWeek
from .weeks import week_start

__all__ = ["Checked", "Coach", "Status", "attach_warnings"]


class Checked(NamedTuple):
    """What :meth:`Coach.check_set` says: the sets with the codes to store on them (on the
    first set: see :func:`attach_warnings`) and the notes to show, quieted."""

    records: list[SetRecord]
    warnings: list[GuardWarning]


def attach_warnings(records: list[SetRecord], warnings: list[GuardWarning]) -> list[SetRecord]:
    """Store the shown codes on the first set, so later sets in the session stay quiet.

    Only codes about this exercise or about the whole sitting are stored on it: a code
    about another exercise would be remembered under the wrong one."""
    if not warnings or not records:
        return records
    codes = tuple(dict.fromkeys(w.code for w in warnings if w.exercise in ("", records[0].exercise)))
    return [records[0].with_changes(warnings=codes), *records[1:]]


@dataclass
class Coach:
    """What the planner and the guard need about one runner on one day, and their answers.

    The fields are the coach's inputs, read by the service; plans and week loads are worked
    out once per day asked and kept (so the fields are read, not changed, once a question
    was asked, except ``history`` and ``acks``, which grow as sets are logged and notes
    acknowledged)."""

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
    _plans: dict[date, TodayPlan] = field(default_factory=dict)
    _weeks: dict[tuple[date, date], guard.WeekPlanLoad] = field(default_factory=dict)

    # --- the plan ----------------------------------------------------------------------

    def today_plan(self) -> TodayPlan:
        return self.plan(self.today)

    def plan(self, day: date) -> TodayPlan:
        """The plan as it stood on ``day`` (sessions and sets before it), kept per day."""
        cached = self._plans.get(day)
        if cached is None:
            cached = self._plans[day] = today_plan(
                day,
                self.profile,
                self.sessions,
                self.history + self.pain_history,
                self.catalog,
                actual=self._known(day),
                shown=self.shown,
            )
        return cached

    def ahead(self, weeks: int = 2, finishers: bool = False) -> list[PlannedDay]:
        """The strength days of the coming ``weeks`` weeks, this one included (`plan`);
        ``finishers``: the easy-run days that offer the optional finisher too."""
        return plan_ahead(
            self.today,
            self.profile,
            self.sessions,
            self.history + self.pain_history,
            self.catalog,
            weeks=weeks,
            actual=self.actual,
            finishers=finishers,
        )

    def pain(self) -> dict[str, PainStatus]:
        """Movement family → its pain marks not yet cleared (what keeps exercises out)."""
        return pain_status(self.history + self.pain_history, self.profile, self.catalog)

    def prescription(self, exercise: str, day: date, finisher: bool = False) -> Prescribed | None:
        """What the plan asked of this exercise on ``day``, if the plan asked for it."""
        today = self.plan(day)
        items = today.finisher if finisher or today.kind == "finisher-only" else today.exercises
        if today.kind == "rest":
            return None
        return next((p for p in items if p.exercise == exercise), None)

    def prescribed_day(self, day: date, finisher: bool = False) -> bool:
        """The plan put a session (or a finisher) on ``day``."""
        return self.plan(day).kind == ("finisher-only" if finisher else "strength")

    def week_load(self, day: date) -> guard.WeekPlanLoad:
        """What the plan prescribed for the calendar week holding ``day`` (reps + hold
        seconds, the unit sets are logged in): each past day's session as the plan stood
        that day, and from ``day`` on the plan ahead."""
        start = week_start(day, self.profile.week_start_index)
        cached = self._weeks.get((start, day))
        if cached is None:
            trained = {s.date for s in self.sessions}  # full, leg-free and finisher days
            planned = 0.0
            d = start
            while d < day:
                if d in trained:
                    if d in self.shown_volume:  # what Today really showed that day (the ledger)
                        planned += self.shown_volume[d]
                    else:
                        then = self.plan(d)
                        if then.kind in ("strength", "leg-free", "finisher-only"):
                            planned += then.volume
                d += timedelta(days=1)
            before = [s for s in self.sessions if s.date < day]
            ahead = plan_ahead(
                day,
                self.profile,
                before,
                self.history + self.pain_history,
                self.catalog,
                weeks=1,
                actual=self._known(day),
                finishers=True,  # the optional finishers the plan offers count as planned
            )
            planned += float(
                sum(p.sets * p.top for d in ahead if d.date < start + timedelta(days=7) for p in d.exercises)
            )
            previous = block_week(
                self.profile,
                [s for s in self.sessions if s.date < start],
                start - timedelta(days=7),
                self._known(start),
                self.catalog.programs,
            )
            light = lighter_week(self.catalog.programs.templates[self.profile.level], previous)
            cached = self._weeks[(start, day)] = guard.WeekPlanLoad(planned, after_light_week=light, week_start=start)
        return cached

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

    def _known(self, day: date) -> dict[date, str] | None:
        """The imported runs as they were known on ``day`` (runs are imported after them)."""
        return {d: k for d, k in (self.actual or {}).items() if d < day} or None

    # --- the guard ---------------------------------------------------------------------

    def check_session(
        self,
        day: date,
        exercise_ids: list[str],
        finisher: bool = False,
        shown: AbstractSet[tuple[str, str]] = frozenset(),
        candidates: Sequence[SetRecord] = (),
    ) -> list[GuardWarning]:
        """Notes for a sitting about to start on ``day`` (quieted: no nagging)."""
        found = self._session_found(day, exercise_ids, finisher, candidates)
        return guard.quiet(found, acks=self.acks, day=day, shown=shown)

    def _session_found(
        self, day: date, exercise_ids: list[str], finisher: bool, candidates: Sequence[SetRecord]
    ) -> list[GuardWarning]:
        """Every session note the guard finds for ``day``, before quieting."""
        return guard.check_session(
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
            runs=self.runs,
        )

    def set_notes(
        self, candidates: list[SetRecord], history: list[SetRecord] | None = None, finisher: bool = False
    ) -> list[GuardWarning]:
        """Every set note the guard finds for ``candidates`` (each checked after the ones
        before it), before quieting; ``history``: the sets before them (``self.history``)."""
        found: list[GuardWarning] = []
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

    def check_set(
        self,
        candidates: list[SetRecord],
        *,
        new_session: bool,
        session_id: str | None = None,
        planned: list[str] | None = None,
        finisher: bool = False,
        shown: AbstractSet[tuple[str, str]] | None = None,
    ) -> Checked:
        """The guard's notes for sets about to be logged (quieted: no nagging), and the sets
        with the codes to store on them.

        ``new_session``: they open a sitting, so the session notes are checked too (for
        the ``planned`` exercises, by default the sets' own). ``shown`` are the (code,
        exercise) pairs already shown in the sitting; by default those stored on the sets
        of ``session_id`` in ``history``."""
        day = candidates[0].date if candidates else self.today
        found: list[GuardWarning] = []
        if new_session:
            found += self._session_found(day, planned or [c.exercise for c in candidates], finisher, candidates)
        found += self.set_notes(candidates, finisher=finisher)
        if shown is None:
            mine = [s for s in self.history if s.session == session_id] if session_id else []
            shown = guard.shown_in_session(mine)
        warnings = guard.quiet(found, acks=self.acks, day=day, shown=shown)
        return Checked(attach_warnings(candidates, warnings), warnings)

    def review(self) -> list[GuardWarning]:
        """The week's notes on ``today`` (quieted): the rules about the week and the runs."""
        week = replace(self.week_load(self.today), past_weeks=self.past_weeks())
        found = guard.review(
            self.today,
            history=self.history,
            sessions=self.sessions,
            profile=self.profile,
            week=week,
            runs=self.runs,
            acks=self.acks,
        )
        return guard.quiet(found, acks=self.acks, day=self.today)

    # --- the week review -----------------------------------------------------------------

    def status(self) -> Status:
        """This week, the streak, the block, the next session, the week's notes, and the
        review's figures (see :func:`.streaks.week_figures`: its loads need the sets of the
        weeks shown, so load the coach with the review's history for them)."""
        profile, day = self.profile, self.today
        start = week_start(day, profile.week_start_index)
        this_week = [s for s in self.sessions if start <= s.date <= day]
        done = sum(s.weight for s in this_week)
        target = profile.target_for_week(start)
        todays = self.today_plan()
        upcoming = todays.next_strength_day
        if todays.kind == "strength" and not todays.done_today:
            upcoming = day
        return Status(
            today=day,
            week_start=start,
            week_sessions=done,
            target=target,
            counts=done >= target,
            week_days=sorted({s.date for s in this_week}),
            streak=streaks.streaks(self.sessions, profile, day),
            block=streaks.block_progress(self.sessions, profile, day),
            next_strength_day=upcoming,
            plan=todays,
            warnings=self.review(),
            figures=streaks.week_figures(self.sessions, self.history, profile, day),
        )


@dataclass
class Status:
    """The week review as both front ends show it (the Week screen, `runstrength status`)."""

    today: date
    week_start: date
    week_sessions: float
    target: int  # this week's target as the plan places it (beginners 2 at most)
    counts: bool
    week_days: list[date]
    streak: streaks.Streak
    block: streaks.BlockProgress | None
    next_strength_day: date | None
    plan: TodayPlan
    warnings: list[GuardWarning]
    figures: streaks.WeekFigures  # the trends and the heatmap (loads from the sets the coach read)

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
            "trends": self.figures.to_dict(),
        }
