"""Imported runs on disk: ``runs-YYYY.json``, one TinyDB file per year (table ``runs``).

Every change to a year file is one atomic write of the whole file (AtomicJSONStorage's
temp file + fsync + replace), so a kill leaves each year file old or new, whole. An
import computes every year file it changes first and writes them only then, all in one
staged swap when there are several (store/swap.py): a kill leaves every year old or every
year new, and nothing is written for a file that could not be read.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..domain.runs import Run, classify, merge_new, validate_runs_tables
from . import swap
from .files import RUNS_PREFIX
from .repo import Store
from .storage import StoreError, atomic_write_bytes, restore_advice

RUNS_TABLE = "runs"
_YEAR_RE = re.compile(r"^runs-(\d{4})\.json$")
#: Kinds depend on the runs around them (4 weeks either side): an import re-classifies
#: the runs this close to a new one.
CLASSIFY_MARGIN_DAYS = 35
#: The store reads no clock: a stored run's date is checked against 1970.. only.
_NO_FUTURE_CHECK = date(9998, 12, 31)


class RunLog:
    """Read and change the runs of one data folder (through its :class:`Store`)."""

    def __init__(self, store: Store):
        self.store = store
        self.dir: Path = store.dir

    # --- reading -------------------------------------------------------------------------

    def years(self) -> list[int]:
        return sorted(int(m.group(1)) for p in self.dir.glob(f"{RUNS_PREFIX}*.json") if (m := _YEAR_RE.match(p.name)))

    def path(self, year: int) -> Path:
        return self.dir / f"{RUNS_PREFIX}{year}.json"

    def _year_runs(self, year: int) -> list[Run]:
        """The runs of one year file, checked strictly once per version of the file."""
        path = self.path(year)

        def build(tables: dict[str, Any]) -> list[Run]:
            try:
                return validate_runs_tables(tables, today=_NO_FUTURE_CHECK, year=year)
            except ValueError as exc:
                raise StoreError(
                    f"{path} holds a run that is not valid ({exc}); it was left untouched. {restore_advice(self.dir)}"
                ) from None

        return self.store.derived(path, "runs", build)

    def runs(self, since: date | None = None, until: date | None = None) -> list[Run]:
        """Runs from ``since`` to ``until`` (inclusive), oldest first; only the year files
        that can hold them are read."""
        found: list[Run] = []
        for year in self.years():
            if (since and year < since.year) or (until and year > until.year):
                continue
            found += [
                r for r in self._year_runs(year) if (not since or r.date >= since) and (not until or r.date <= until)
            ]
        return sorted(found, key=lambda r: (r.start, r.id))

    def runs_with_edges(self, first: date, last: date) -> list[Run]:
        """The runs of [first, last] plus the nearest run before and after it, which is
        what :func:`runs.actual_week` needs to know the span the imports cover."""
        inside = self.runs(first, last)
        years = self.years()
        before = None
        for year in reversed([y for y in years if y <= first.year]):
            earlier = [r for r in self._year_runs(year) if r.date < first]
            if earlier:
                before = max(earlier, key=lambda r: r.start)
                break
        after = None
        for year in [y for y in years if y >= last.year]:
            later = [r for r in self._year_runs(year) if r.date > last]
            if later:
                after = min(later, key=lambda r: r.start)
                break
        return [r for r in (before, *inside, after) if r is not None]

    # --- writing -------------------------------------------------------------------------

    def _year_files(self, by_year: dict[int, list[Run]]) -> dict[str, bytes]:
        """The bytes of each changed year file, whole."""
        files = {}
        for year, runs in sorted(by_year.items()):
            docs = sorted((r.to_doc() for r in runs), key=lambda d: (d["start"], d["id"]))
            tables = {RUNS_TABLE: {str(i): doc for i, doc in enumerate(docs, start=1)}}
            files[self.path(year).name] = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return files

    def _commit(self, files: dict[str, bytes]) -> None:
        """One year file: one atomic write. Several: one staged swap (store/swap.py), so a
        kill leaves all of them old or all new, never some years imported."""
        if len(files) > 1:
            swap.commit(self.dir, files)
            return
        for name, payload in files.items():
            atomic_write_bytes(self.dir / name, payload)

    def _reclassified(self, everything: list[Run], around: list[date], week_start_index: int) -> list[Run]:
        """``everything`` with the runs near the dates ``around`` classified again."""
        if not around:
            return everything
        lo = min(around) - timedelta(days=CLASSIFY_MARGIN_DAYS)
        hi = max(around) + timedelta(days=CLASSIFY_MARGIN_DAYS)
        margin = timedelta(days=CLASSIFY_MARGIN_DAYS)
        context = [r for r in everything if lo - margin <= r.date <= hi + margin]
        fresh = {r.id: r for r in classify(context, week_start_index)}
        return [fresh.get(r.id, r) if lo <= r.date <= hi else r for r in everything]

    def _changed_files(self, before: list[Run], after: list[Run], touched: set[int]) -> dict[str, bytes]:
        """The year files in ``touched`` and those whose runs changed, once each."""
        old = {r.id: r for r in before}
        years = set(touched) | {r.date.year for r in after if old.get(r.id) != r}
        by_year: dict[int, list[Run]] = {y: [] for y in years}
        for r in after:
            if r.date.year in by_year:
                by_year[r.date.year].append(r)
        return self._year_files(by_year)

    def _save(self, before: list[Run], after: list[Run], touched: set[int]) -> None:
        self._commit(self._changed_files(before, after, touched))

    def plan_add(self, incoming: list[Run], week_start_index: int = 0) -> tuple[dict[str, bytes], list[Run], int]:
        """What adding ``incoming`` would write, without writing: (year files by name, the
        runs added, how many were already stored). ``import`` swaps these files in with the
        sets and sessions, as one step."""
        existing = self.runs()
        fresh, skipped = merge_new(existing, incoming)
        if not fresh:
            return {}, [], skipped
        after = self._reclassified(existing + fresh, [r.date for r in fresh], week_start_index)
        added = {r.id for r in fresh}
        files = self._changed_files(existing, after, {r.date.year for r in fresh})
        return files, [r for r in after if r.id in added], skipped

    def add(self, incoming: list[Run], week_start_index: int = 0) -> tuple[list[Run], int]:
        """Add runs not already stored (by start time and distance); return (added, skipped).

        All-or-nothing for the runs given: every changed year file is computed first, then
        all are written in one step (a swap when there are several)."""
        self.store.need_write()
        files, added, skipped = self.plan_add(incoming, week_start_index)
        if files:
            self._commit(files)
        return added, skipped

    def set_kind(self, day: date, kind: str | None, week_start_index: int = 0) -> list[Run]:
        """Set the kind of every run on ``day`` (a runner's correction); ``None`` goes back
        to the automatic kind. Returns the day's runs as stored."""
        self.store.need_write()
        everything = self.runs()
        mine = [r for r in everything if r.date == day]
        if not mine:
            return []
        updated = {
            r.id: (r.with_changes(kind=kind, kind_set_by_user=True) if kind else r.with_changes(kind_set_by_user=False))
            for r in mine
        }
        after = self._reclassified([updated.get(r.id, r) for r in everything], [day], week_start_index)
        self._save(everything, after, {day.year})
        return sorted((r for r in after if r.date == day), key=lambda r: r.start)

    def merge_docs(self, runs: list[Run], week_start_index: int = 0) -> tuple[int, int]:
        """Import already-validated runs from an export bundle: (added, skipped)."""
        added, skipped = self.add(runs, week_start_index)
        return len(added), skipped
