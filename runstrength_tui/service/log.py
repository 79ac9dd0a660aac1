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

from ..domain import guard
from ..domain.model import Profile, SessionKind, SessionRecord, SetRecord
from ..domain.profile import changed_profile
from ..domain.runs import Run
from ..domain.story import Story, exercise_story
from ..domain.words import dated_after_note, json_safe
from ..store.lock import AlreadyRunningError
from ..store.repo import NewerSchemaError, Store, folders_to_make, forget_new_log, new_id
from ..store.run_log import RunLog
from ..store.storage import CorruptFileError, StoreError, atomic_write_bytes
from . import runs as service_runs
from .context import (
    HISTORY_DAYS,
    Context,
    Status,
    attach_warnings,
    clear_pain,
    default_profile,
    recent_history_rows,
    week_review,
)
from .runs import runs_between, week_runs

if TYPE_CHECKING:
    from ..store.transfer import Bundle

__all__ = ["AlreadyRunningError", "CorruptFileError", "Log", "LogError", "NewerSchemaError", "new_id", "stamped_on"]

LogError = StoreError  # what a front end catches: the message is for the runner, one line


def stamped_on(day: date, now: datetime) -> datetime:
    """When a set logged now for ``day`` is said to be done: now, moved to that day (a
    set logged for yesterday sorts with yesterday's)."""
    return datetime.combine(day, now.time())


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

    def context(self, day: date, history_days: int = HISTORY_DAYS, all_sessions: bool = False) -> Context:
        """What the planner and the guard need on ``day``."""
        return Context.load(self._store, day, history_days=history_days, all_sessions=all_sessions)

    def week_review(self, day: date) -> tuple[Context, Status]:
        """The Week screen's context and status, computed once per day and state of the log
        (see ``context.week_review``): read them, never change them."""
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

    def save_profile(self, profile: Profile) -> None:
        self._store.save_profile(profile)

    def ack(self, code: str, exercise: str | None, day: date) -> None:
        self._store.ack(code, exercise, day)

    def start_session(self, day: date, now: datetime, kind: SessionKind = "strength") -> SessionRecord:
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

    def log_sets(self, records: list[SetRecord]) -> list[SetRecord]:
        return self._store.log_sets(records)

    def edit_set(self, set_id: str, now: datetime, **changes: object) -> SetRecord:
        return self._store.edit_set(set_id, now, **changes)

    def delete_set(self, set_id: str) -> None:
        self._store.delete_set(set_id)

    def acks(self) -> list[tuple[str, str, date]]:
        """The guard notes the runner said "I know" to: (code, exercise, day)."""
        return self._store.acks()

    def clear_pain(self, exercise: str, day: date) -> Profile:
        """The runner clears a pain mark (see :func:`context.clear_pain`); the profile as saved."""
        return clear_pain(self._store, exercise, day)

    def log_checked(
        self,
        ctx: Context,
        records: list[SetRecord],
        session: SessionRecord | None,
        *,
        finisher: bool = False,
        shown: set[tuple[str, str]] | None = None,
        write: bool = True,
    ) -> tuple[list[SetRecord], list[guard.GuardWarning]]:
        """Check sets with the guard, then log them: the one way a set is logged, from the
        TUI and from the CLI. Returns the sets (as saved) and the warnings to show.

        ``session`` is the sitting they belong to; ``None`` means a new sitting, so the
        session notes are checked too and, when written, the day's sitting is opened (or
        reused) at the first set's time. ``shown`` are the (code, exercise) pairs already
        shown in the sitting (by default: the codes stored on its sets in ``ctx``).
        ``write=False`` only checks (a dry run). The warnings' codes are stored on the
        first set, so later sets stay quiet; the saved sets join ``ctx.history``."""
        if session is not None:
            records = [r.with_changes(session=session.id) for r in records]
        warnings = ctx.check(
            records, session.id if session else None, new_session=session is None, finisher=finisher, shown=shown
        )
        if not write or not records:
            return records, warnings
        if session is None:
            first = records[0]
            session = self.session_for_day(first.date, first.logged_at)
            records = [r.with_changes(session=session.id) for r in records]
        saved = self._store.log_sets(attach_warnings(records, warnings))
        ctx.history.extend(saved)
        return saved, warnings

    # --- data: export, import, backups ---------------------------------------------------

    def export_text(self, now: datetime, kind: str = "json") -> str:
        """The whole log as our JSON export (or our CSV of sets), ready to write or print."""
        from ..store import transfer

        if kind == "csv":
            return transfer.export_csv(self._store)
        return json_safe(json.dumps(transfer.export_bundle(self._store, now), indent=1, ensure_ascii=False)) + "\n"

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
        from ..store import transfer

        return transfer.import_bundle(
            self._store, bundle.sessions, bundle.sets, bundle.profile, bundle.acks, runs=bundle.runs
        )

    def exercise_story(self, exercise: str, unit: str | None = None) -> Story:
        """The runner's sets of ``exercise`` over time (see :mod:`..domain.story`), in
        ``unit`` (the profile's units by default)."""
        from .context import catalog

        ex = catalog().get(exercise)
        profile = self.profile()
        chosen = unit or (profile.units if profile else "kg")
        return exercise_story(exercise, ex.name, self.sets(exercises={exercise}), chosen, ex.is_hold)

    def history_rows(self, since: date) -> list[dict[str, Any]]:
        """The sessions from ``since`` on, one row each (date, sets, minutes, exercises,
        warnings), oldest first: what History and `runstrength history` show. Read again
        only once the log changed (see ``context.recent_history_rows``): shared, so read
        them, never change them."""
        return recent_history_rows(self._store, since)

    # --- logging outside a session (`runstrength log`) -----------------------------------

    def log_outside_session(
        self, drafts: list[SetRecord], today: date, dry_run: bool = False
    ) -> tuple[list[SetRecord], list[guard.GuardWarning]]:
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
        return RunLog(self._store).set_kind(day, kind, self._week_start_index())

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
