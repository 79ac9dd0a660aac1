"""History's rows: one per sitting, for the History screen and `runstrength history`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from weakref import WeakKeyDictionary

from ..domain.catalog import Catalog
from ..domain.model import SessionRecord, SetRecord
from ..store.repo import Store
from .coach_inputs import catalog

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
