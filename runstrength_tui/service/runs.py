"""The runs glue both front ends share: import watch files, read runs, the actual week.

Importing this module imports neither Textual nor the file-parsing libraries (those
load inside :func:`read_paths` only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.runs import Run, actual_week
from ..domain.weeks import week_start
from ..store.repo import Store
from ..store.run_log import RunLog

if TYPE_CHECKING:
    from ..store.run_import import Collected


def runs_between(store: Store, first: date, last: date) -> list[Run]:
    """The runs of [first, last], oldest first."""
    return RunLog(store).runs(first, last)


def actual_days(store: Store, first: date, last: date) -> dict[date, str]:
    """What the planner needs: for each day of [first, last] the imported runs cover, the
    day's run kind ("rest" with no run); days not covered are absent (forecast there)."""
    return actual_week(RunLog(store).runs_with_edges(first, last), first, last)


def week_runs(store: Store, day: date, week_start_index: int = 0) -> tuple[date, list[Run]]:
    """The runs of the week holding ``day`` up to ``day`` (for the Week and Today lines)."""
    start = week_start(day, week_start_index)
    return start, RunLog(store).runs(start, day)


@dataclass
class ImportResult:
    """What ``runs import`` did: the runs added, those already there, and each file's problem."""

    added: list[Run]
    skipped: int  # already there (same start and distance)
    files: int
    problems: list[tuple[str, str]]
    not_runs: list[tuple[str, str]]
    skipped_kinds: dict[str, int] = field(default_factory=dict)  # "ride" -> 2: read, not runs


def read_paths(paths: list[Path], now: datetime, zone: tzinfo | None = None) -> Collected:
    """Read every file and folder (no data folder involved: this runs before the log is
    opened, so a slow or stuck file never holds its lock). Returns the store's
    ``Collected``: runs, problems, skipped activities."""
    from ..store import run_import

    aware_now = now.astimezone() if now.tzinfo is None else now
    return run_import.collect(paths, aware_now, zone)


def add_found(store: Store | None, found: Collected, week_start_index: int = 0) -> ImportResult:
    """Add the runs ``read_paths`` found in one go (all-or-nothing for the runs that were
    read: each year file is written once, atomically). ``store`` may be None when nothing
    was found: then nothing is opened or created."""
    added: list[Run] = []
    skipped = 0
    if found.runs:
        if store is None:
            raise ValueError("runs were found but no store was given")
        log = RunLog(store)
        from ..domain.runs import merge_new

        if merge_new(log.runs(), found.runs)[0]:
            store.backup_if_stale()
        added, skipped = log.add(found.runs, week_start_index)
    return ImportResult(added, skipped, found.files, found.problems, found.not_runs, dict(found.skipped_kinds))


def import_paths(store: Store, paths: list[Path], now: datetime, week_start_index: int = 0) -> ImportResult:
    """Read every file and folder, then add the new runs (:func:`read_paths` + :func:`add_found`)."""
    return add_found(store, read_paths(paths, now), week_start_index)
