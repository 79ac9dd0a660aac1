"""Reading the coach's inputs from the log: what :class:`~..domain.coach.Coach` needs on a
day, read so that the cost does not grow with years of log, and the week review's, kept
until the log changes.

The CLI and the TUI load the coach here, so that a set logged from either place is checked
by the same guard with the same history, and "today" means the same thing everywhere.
Importing this module does not import Textual.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from weakref import WeakKeyDictionary

from ..domain.catalog import Catalog
from ..domain.coach import Coach, Status
from ..domain.model import SessionRecord
from ..domain.profile import default_profile
from ..domain.rules import THRESHOLDS
from ..domain.weeks import week_start
from ..store import shipped
from ..store.repo import Store
from . import runs as service_runs

HISTORY_DAYS = 41  # the guard looks back 28 days plus the acute week; the planner 5 weeks before each day of this week
SESSION_WEEKS = 10  # plan and guard look at most this far back (plus the last session before)
PAIN_DAYS = 180  # pain marks keep an exercise out of the plan for up to half a year
REVIEW_DAYS = 7 * 27  # the week review's trends and heatmap look back half a year


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
        if (after - before).days >= THRESHOLDS.comeback_gap_days and (day - after).days < 21:
            since = min(since, before - timedelta(days=history_days))
    return since


def load_coach(store: Store, day: date, history_days: int = HISTORY_DAYS, all_sessions: bool = False) -> Coach:
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
    ledger = store.shown_days(day - timedelta(days=14))
    runs = service_runs.runs_between(store, day - timedelta(weeks=6), day)
    actual = service_runs.actual_days(store, day - timedelta(weeks=SESSION_WEEKS), day) if runs else None
    return Coach(
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


_REVIEWS: WeakKeyDictionary[Store, tuple[tuple[object, ...], tuple[Coach, Status]]] = WeakKeyDictionary()


def week_review(store: Store, day: date) -> tuple[Coach, Status]:
    """The week review's coach (every session, half a year of sets) and its status
    (streaks, block, the week's plan ahead, the guard's review, the trends), computed once
    per day and state of the log: opening Week again with nothing logged since costs a look
    at the data files, not a re-plan. Shared between callers, so read them, never change them."""
    key = (day, store.state())  # taken first: a write during the read only means reading again
    hit = _REVIEWS.get(store)
    if hit is not None and hit[0] == key:
        return hit[1]
    coach = load_coach(store, day, history_days=REVIEW_DAYS, all_sessions=True)
    result = (coach, coach.status())
    _REVIEWS[store] = (key, result)
    return result
