"""The runner's log, opened: the one door to the data folder for the TUI and the CLI.

The front ends never import ``store``: they open a :class:`Log` and call its methods
(the import-linter contracts in pyproject.toml hold them to it). A method here is where a
rule that touches the log lives (checking a set before it is written, the profile rules,
the export format), so both front ends get the same behaviour from one place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..domain.coach import Coach, Status
from ..domain.model import GuardWarning, Profile, SessionRecord, SetRecord, TuiSettings
from ..domain.profile import changed_profile, default_profile
from ..domain.runs import Run
from ..domain.story import Story, exercise_story
from ..domain.validate import parse_note
from ..domain.words import dated_after_note, json_safe
from ..store.lock import AlreadyRunningError
from ..store.repo import NewerSchemaError, Store, folders_to_make, forget_new_log, new_id
from ..store.storage import CorruptFileError, StoreError, atomic_write_bytes
from . import runs as service_runs
from .coach_inputs import HISTORY_DAYS, catalog, load_coach, week_review
from .history import recent_history_rows
from .runs import runs_between, week_runs

if TYPE_CHECKING:
    from ..store.exchange import Bundle

__all__ = [
    "AlreadyRunningError",
    "CorruptFileError",
    "Log",
    "LogError",
    "NewerSchemaError",
    "make_sets",
    "new_id",
    "stamped_on",
]

LogError = StoreError  # what a front end catches: the message is for the runner, one line


def stamped_on(day: date, now: datetime) -> datetime:
    """When a set logged now for ``day`` is said to be done: now, moved to that day (a
    set logged for yesterday sorts with yesterday's)."""
    return datetime.combine(day, now.time())


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
    """``count`` sets about to be logged (drafts for :meth:`Log.log_checked`), a microsecond
    apart so they keep their order."""
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


def remember_shown(data_dir: Path, day: date, kind: str, volume: int | None = None) -> None:
    """Keep what Today showed (the plan ledger) when the log can be written now; a log held
    by another runstrength, or a folder that cannot be written, just goes without it."""
    try:
        with Log(data_dir, write=True) as log:
            log.remember_shown(day, kind, volume)
    except (StoreError, OSError):
        pass


class Log:
    """Open with ``write=True`` to change anything: that takes the data folder's lock
    (``AlreadyRunningError`` when another runstrength holds it)."""

    def __init__(self, data_dir: Path, write: bool = True):
        # a folder with no log yet: what opening it makes, undone by ``close_unused``
        self._made = folders_to_make(data_dir) if write else None
        self._store = Store(Path(data_dir), write=write)

    @property
    def is_new(self) -> bool:
        """Opened on a folder that held no log (the first start's onboarding writes nothing
        until the runner saves)."""
        return self._made is not None

    def close_unused(self) -> None:
        """Close; a new log left without a profile or a set (onboarding quit before saving)
        is removed with the folders opening made, so a mistyped folder is not left behind."""
        unused = self.is_new and self._store.profile() is None and not self._store.sessions()
        self.close()
        if unused and self._made is not None:
            forget_new_log(self._store.dir, self._made)

    # --- opening -------------------------------------------------------------------------

    @property
    def dir(self) -> Path:
        return self._store.dir

    @property
    def read_only(self) -> bool:
        return not self._store.write

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Log:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # --- reading ---------------------------------------------------------------------------

    def context(self, day: date, history_days: int = HISTORY_DAYS, all_sessions: bool = False) -> Coach:
        """The coach on ``day``: what the planner and the guard need, read from the log
        (see :func:`.coach_inputs.load_coach`)."""
        return load_coach(self._store, day, history_days=history_days, all_sessions=all_sessions)

    def week_review(self, day: date) -> tuple[Coach, Status]:
        """The Week screen's coach and status, computed once per day and state of the log
        (see :func:`.coach_inputs.week_review`): read them, never change them."""
        return week_review(self._store, day)

    def remember_shown(self, day: date, kind: str, volume: int | None = None) -> bool:
        """The plan ledger: keep what Today showed for ``day`` (the first showing stands)."""
        return self._store.remember_shown(day, kind, volume)

    def state(self) -> tuple[object, ...]:
        """Changes whenever anything in the data folder is written (for caches)."""
        return self._store.state()

    def profile(self) -> Profile | None:
        return self._store.profile()

    def sessions(self, include_open: bool = True, since: date | None = None) -> list[SessionRecord]:
        return self._store.sessions(include_open=include_open, since=since)

    def sets(
        self, since: date | None = None, until: date | None = None, exercises: set[str] | None = None
    ) -> list[SetRecord]:
        return self._store.sets(since=since, until=until, exercises=exercises)

    def open_session(self) -> tuple[SessionRecord, list[SetRecord]] | None:
        return self._store.open_session()

    def clock_note(self, today: date) -> str | None:
        """One calm line when sets are dated after ``today`` (a clock set back, a pinned
        date left set): they are not damage and count from their own date."""
        ahead = len(self._store.sets(since=today + timedelta(days=1)))
        return dated_after_note(ahead, today) if ahead else None

    def runs(self, first: date, last: date) -> list[Run]:
        """The imported runs of [first, last], oldest first."""
        return runs_between(self._store, first, last)

    def week_runs(self, day: date, week_start_index: int = 0) -> tuple[date, list[Run]]:
        """The runs of the week holding ``day`` up to ``day``: (the week's first day, runs)."""
        return week_runs(self._store, day, week_start_index)

    # --- changing: profile and sessions ----------------------------------------------------

    def save_profile(self, profile: Profile, settings: TuiSettings | None = None) -> None:
        """Save the profile (and the app's settings kept beside it, when given)."""
        self._store.save_profile(profile, settings)

    def settings(self) -> TuiSettings:
        """The app's own settings (signal, notifications, beeps, theme): not the profile."""
        return self._store.settings()

    def save_settings(self, settings: TuiSettings) -> bool:
        """Keep the app's settings; False when no profile is saved yet (nothing written)."""
        return self._store.save_settings(settings)

    def ack(self, code: str, exercise: str | None, day: date) -> None:
        self._store.ack(code, exercise, day)

    def start_session(self, day: date, now: datetime, kind: str = "strength") -> SessionRecord:
        return self._store.start_session(day, now, kind=kind)

    def session_for_day(self, day: date, now: datetime) -> SessionRecord:
        return self._store.session_for_day(day, now)

    def finish_session(
        self, now: datetime, rpe: int | None = None, minutes: float | None = None
    ) -> SessionRecord | None:
        return self._store.finish_session(now, rpe=rpe, minutes=minutes)

    def close_open_session(self, now: datetime) -> SessionRecord | None:
        return self._store.close_open_session(now)

    def reopen_session(self, session_id: str, now: datetime | None = None) -> SessionRecord:
        return self._store.reopen_session(session_id, now)

    def discard_empty_open_session(self) -> None:
        self._store.discard_empty_open_session()

    def edit_set(self, set_id: str, now: datetime, **changes: object) -> SetRecord:
        return self._store.edit_set(set_id, now, **changes)

    def delete_set(self, set_id: str) -> None:
        self._store.delete_set(set_id)

    def acks(self) -> list[tuple[str, str, date]]:
        """The guard notes the runner said "I know" to: (code, exercise, day)."""
        return self._store.acks()

    def clear_pain(self, exercise: str, day: date) -> Profile:
        """The runner clears the pain mark on ``exercise`` (a sports doctor or physical
        therapist said it is fine): pain marks on or before ``day`` no longer keep it out of
        the plan. Saved in the profile's ``pain_cleared``; returns the profile as saved."""
        profile = self.profile() or default_profile(day)
        cleared = tuple((e, d) for e, d in profile.pain_cleared if e != exercise) + ((exercise, day),)
        profile = profile.with_changes(pain_cleared=cleared)
        self.save_profile(profile)
        return profile

    def log_checked(
        self,
        coach: Coach,
        records: list[SetRecord],
        session: SessionRecord | None,
        *,
        finisher: bool = False,
        shown: set[tuple[str, str]] | None = None,
        write: bool = True,
    ) -> tuple[list[SetRecord], list[GuardWarning]]:
        """Check sets with the guard, then log them: the one way a set is logged, from the
        TUI and from the CLI. Returns the sets (as saved) and the warnings to show.

        ``session`` is the sitting they belong to; ``None`` means a new sitting, so the
        session notes are checked too and, when written, the day's sitting is opened (or
        reused) at the first set's time. ``shown`` are the (code, exercise) pairs already
        shown in the sitting (by default: the codes stored on its sets in ``coach``).
        ``write=False`` only checks (a dry run). The warnings' codes are stored on the
        first set, so later sets stay quiet; the saved sets join ``coach.history``.

        The coach is asked once (:meth:`~..domain.coach.Coach.check_set`); this only
        opens the sitting and writes what it said."""
        if session is not None:
            records = [r.with_changes(session=session.id) for r in records]
        checked = coach.check_set(
            records,
            new_session=session is None,
            session_id=session.id if session else None,
            finisher=finisher,
            shown=shown,
        )
        if not write or not records:
            return records, checked.warnings
        if session is None:
            first = records[0]
            session = self.session_for_day(first.date, first.logged_at)
        saved = self._store.log_sets([r.with_changes(session=session.id) for r in checked.records])
        coach.history.extend(saved)
        return saved, checked.warnings

    # --- data: export, import, backups ---------------------------------------------------

    def export_text(self, now: datetime, kind: str = "json") -> str:
        """The whole log as our JSON export (or our CSV of sets), ready to write or print."""
        if kind == "csv":
            return self._store.export_csv()
        return json_safe(json.dumps(self._store.export_bundle(now), indent=1, ensure_ascii=False)) + "\n"

    def export_to(self, target: Path, now: datetime, kind: str = "json") -> Path:
        """Write the export to ``target`` atomically (a kill leaves the old file or the new one)."""
        atomic_write_bytes(target, self.export_text(now, kind).encode("utf-8"))
        return target

    def default_export_path(self, day: date) -> Path:
        """Where the TUI's export is offered to go: the home folder, one file a day (never
        the data folder, as for `runstrength export -o`)."""
        return Path.home() / f"runstrength-export-{day:%Y%m%d}.json"

    def backups(self) -> list[Path]:
        return self._store.backups()

    def backup_if_stale(self, max_age: timedelta = timedelta(days=1)) -> Path | None:
        return self._store.backup_if_stale(max_age)

    def import_bundle(self, bundle: Bundle) -> dict[str, int]:
        """Merge an export read by :func:`.data.read_import`: what is there already (by id)
        is skipped, the rest swapped in at once after a backup. Counts of added and skipped."""
        return self._store.import_bundle(
            bundle.sessions, bundle.sets, bundle.profile, bundle.acks, runs=bundle.runs, settings=bundle.settings
        )

    def exercise_story(self, exercise: str, unit: str | None = None) -> Story:
        """The runner's sets of ``exercise`` over time (see :mod:`..domain.story`), in
        ``unit`` (the profile's units by default)."""
        ex = catalog().get(exercise)
        profile = self.profile()
        chosen = unit or (profile.units if profile else "kg")
        return exercise_story(exercise, ex.name, self.sets(exercises={exercise}), chosen, ex.is_hold)

    def history_rows(self, since: date) -> list[dict[str, Any]]:
        """The sessions from ``since`` on, one row each (date, sets, minutes, exercises,
        warnings), oldest first: what History and `runstrength history` show. Read again
        only once the log changed (see :func:`.history.recent_history_rows`): shared, so read
        them, never change them."""
        return recent_history_rows(self._store, since)

    # --- logging outside a session (`runstrength log`) -----------------------------------

    def log_outside_session(
        self, drafts: list[SetRecord], today: date, dry_run: bool = False
    ) -> tuple[list[SetRecord], list[GuardWarning]]:
        """Sets done outside a sitting (``drafts``, from :func:`make_sets`, all of one day),
        checked by the guard as of their day; unless ``dry_run``, written to that day's
        sitting (the open one, the day's last one, or a new one). A new sitting on a past
        day is closed at once, or the app would call it "never finished".
        Returns the sets (as written, or as they would be) and the warnings."""
        day, stamp = drafts[0].date, drafts[0].logged_at
        ctx = self.context(today)
        if day < today - timedelta(days=HISTORY_DAYS - 28):
            ctx.history = self.sets(since=day - timedelta(days=HISTORY_DAYS), until=day)
        ctx.history = [s for s in ctx.history if s.date <= day]
        ctx.sessions = [s for s in ctx.sessions if s.date <= day]
        existing = self._store.session_on_day(day)
        records, warnings = self.log_checked(ctx, drafts, existing, write=not dry_run)
        if dry_run:
            return records, warnings
        if existing is None and day != today:
            self._store.close_open_session(stamp)
        self._store.backup_if_stale()  # CLI-only runners get their daily backup too
        return records, warnings

    # --- profile ---------------------------------------------------------------------------

    def change_profile(self, day: date, changes: Callable[[Profile], dict[str, Any]]) -> tuple[Profile | None, Profile]:
        """Change the profile on ``day``: ``changes(current)`` gives the new values (it may
        read the current profile, say to add a race day to those there), the rules of
        :func:`~..domain.profile.changed_profile` apply, and the result is saved. Returns the
        profile as it was (None when none was saved yet) and as saved."""
        existing = self.profile()
        current = existing or default_profile(day)
        saved = changed_profile(current, day, existing is None, changes(current))
        self.save_profile(saved)
        return existing, saved

    # --- runs (imported watch files) -------------------------------------------------------

    def set_run_kind(self, day: date, kind: str | None) -> list[Run]:
        """Correct the kind of ``day``'s runs (None: back to the automatic kind)."""
        return self._store.run_log().set_kind(day, kind, self._week_start_index())

    def import_runs(self, paths: list[Path], now: datetime) -> service_runs.ImportResult:
        """Read watch files and folders and add the new runs (see :func:`.runs.import_paths`)."""
        return service_runs.import_paths(self._store, paths, now, self._week_start_index())

    def add_found_runs(self, found: Any) -> service_runs.ImportResult:
        """Add what :func:`.runs.read_paths` found (read before the log was opened)."""
        return service_runs.add_found(self._store, found, self._week_start_index())

    def _week_start_index(self) -> int:
        """The runner's week start (Monday when there is no profile yet): a run's kind is
        judged within its week."""
        profile = self.profile()
        return profile.week_start_index if profile else 0
