"""Schema migrations: ordered functions, each ``(data_dir, main_raw) -> new main_raw``.

:meth:`Store._migrate <.repo.Store._migrate>` runs them under the data folder's lock, after
a backup (``before-vN``). Each step writes what it moves with stable ids, so a migration
interrupted and run again gives the same records, never duplicates. Adding a schema
version: one function here, one line in ``MIGRATIONS``, ``SCHEMA_VERSION`` in files.py.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain.model import SessionRecord, SetRecord
from .files import MAIN, SHARD_PREFIX
from .storage import atomic_write_bytes, read_raw


def _migrate_0_to_1(data_dir: Path, raw: dict[str, Any]) -> dict[str, Any]:
    """v0 (the prototype) kept every set in one ``sets`` table with ``weight_kg`` and no
    sessions. v1 groups them into one session per date and moves them to year files."""
    import uuid  # stable ids, so a migration interrupted and run again gives the same records

    sessions: dict[str, dict[str, Any]] = {}
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for key, old in sorted(raw.get("sets", {}).items(), key=lambda kv: int(kv[0])):
        day = date.fromisoformat(old["date"])
        session = sessions.setdefault(
            old["date"],
            SessionRecord(
                id=uuid.uuid5(uuid.NAMESPACE_URL, f"runstrength-v0-session-{old['date']}").hex,
                date=day,
                started_at=datetime.combine(day, datetime.min.time()).replace(hour=18),
                ended_at=datetime.combine(day, datetime.min.time()).replace(hour=18, minute=20),
            ).to_doc(),
        )
        record = SetRecord(
            id=uuid.uuid5(uuid.NAMESPACE_URL, f"runstrength-v0-set-{key}").hex,
            session=session["id"],
            exercise=old["exercise"],
            date=day,
            logged_at=datetime.fromisoformat(session["started_at"]),
            reps=old.get("reps"),
            seconds=old.get("seconds"),
            load_kg=old.get("weight_kg"),
            rpe=old.get("rpe"),
            source="v0",
        )
        by_year[day.year].append(record.to_doc())
    for year, docs in by_year.items():
        path = data_dir / f"{SHARD_PREFIX}{year}.json"
        existing = read_raw(path) or {}
        table = existing.setdefault("sets", {})
        have = {d["id"] for d in table.values()}
        next_key = max((int(k) for k in table), default=0) + 1
        for doc in docs:
            if doc["id"] not in have:
                table[str(next_key)] = doc
                next_key += 1
        atomic_write_bytes(path, json.dumps(existing, separators=(",", ":")).encode())
    return {
        "meta": {"1": {"schema_version": 1}},
        "profile": raw.get("profile", {}),
        "sessions": {str(i): s for i, s in enumerate(sessions.values(), start=1)},
        "acks": {},
    }


MIGRATIONS: list[tuple[int, Callable[[Path, dict[str, Any]], dict[str, Any]]]] = [(1, _migrate_0_to_1)]


def run(data_dir: Path, raw: dict[str, Any], version: int) -> None:
    """Bring the main file from ``version`` to the newest schema, one step at a time (each
    step's result written atomically, so a kill resumes from the last finished step).
    The caller holds the lock and has made the backup."""
    for target, step in MIGRATIONS:
        if version < target:
            raw = step(data_dir, raw)
            raw["meta"] = {"1": {"schema_version": target}}
            atomic_write_bytes(data_dir / MAIN, json.dumps(raw, separators=(",", ":")).encode())
            version = target
