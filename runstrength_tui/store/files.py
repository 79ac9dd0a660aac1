"""Which files a data folder (and a backup) may hold, and what each must contain.

A registry of file-name pattern → validator. Reading any of these files applies its
validator (a violation is a damaged file); `restore` accepts only archive members whose
names match a pattern here, and validates each one the same way before anything changes.
Registering a new kind of file is one ``register(...)`` line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ..domain.schema import ACK, META, PROFILE, SESSION, SET, SHOWN, V0_SET, Doc, Window, check_table, show_key

SCHEMA_VERSION = 1
MAIN = "runstrength.json"
JOURNAL = "journal.json"
SHARD_PREFIX = "sets-"
RUNS_PREFIX = "runs-"  # imported runs, one file per year (store/run_log.py)

Validator = Callable[[str, dict[str, Any], Window], list[str]]
_REGISTRY: list[tuple[re.Pattern[str], Validator]] = []


def register(pattern: str, validator: Validator) -> None:
    """Files whose whole name matches ``pattern`` are data files checked by ``validator``."""
    _REGISTRY.append((re.compile(pattern), validator))


def validator_for(name: str) -> Validator | None:
    for pattern, validator in _REGISTRY:
        if pattern.fullmatch(name):
            return validator
    return None


def is_data_file(name: str) -> bool:
    return validator_for(name) is not None


def default_window() -> Window:
    """Stored dates are checked against 1970..2200, not against the clock: a set dated
    after today (a clock set wrong, a pinned RUNSTRENGTH_TODAY) is not damage."""
    return Window.absolute()


def outside_window() -> Window:
    """For files from outside the log (a backup to restore): notes must be plain text too."""
    return Window.absolute(plain=True)


def problems(name: str, data: dict[str, Any], window: Window | None = None) -> list[str]:
    """What is wrong with the parsed contents of data file ``name`` (empty: nothing)."""
    validator = validator_for(name)
    if validator is None:
        return [f"{name} is not a runstrength data file"]
    return validator(name, data, window or default_window())


def _tables(data: dict[str, Any], allowed: dict[str, tuple[Doc, int | None]], window: Window) -> list[str]:
    out: list[str] = []
    for table, docs in data.items():
        spec = allowed.get(table)
        if spec is None:
            out.append(f"{show_key(table)}: not a table runstrength keeps in this file")
        else:
            check_table(spec[0], docs, table, window, out, max_docs=spec[1])
        if out:
            break
    return out


def main_version(data: dict[str, Any]) -> int | None:
    """The schema version in runstrength.json (0: the prototype's, which had no meta); None
    when the meta table itself is malformed."""
    meta = data.get("meta")
    if not meta:
        return 0
    if type(meta) is not dict or len(meta) != 1:
        return None
    doc = next(iter(meta.values()))
    version = doc.get("schema_version") if type(doc) is dict else None
    return version if type(version) is int and version >= 0 else None


MAIN_TABLES = {
    "meta": (META, 1),
    "profile": (PROFILE, 1),
    "sessions": (SESSION, None),
    "acks": (ACK, None),
    "shown": (SHOWN, 400),
}
V0_TABLES = {"sets": (V0_SET, None), "profile": (PROFILE, 1)}
JOURNAL_TABLES: dict[str, tuple[Doc, int | None]] = {"session": (SESSION, 1), "sets": (SET, None)}
SHARD_TABLES: dict[str, tuple[Doc, int | None]] = {"sets": (SET, None)}


def _main(name: str, data: dict[str, Any], window: Window) -> list[str]:
    version = main_version(data)
    if version is None:
        return ["meta: expected one document with a whole-number schema_version"]
    if version > SCHEMA_VERSION:
        return []  # a newer app's file: refused as newer by the store, not judged here
    return _tables(data, MAIN_TABLES if version >= 1 else V0_TABLES, window)


def _journal(name: str, data: dict[str, Any], window: Window) -> list[str]:
    return _tables(data, JOURNAL_TABLES, window)


def _shard(name: str, data: dict[str, Any], window: Window) -> list[str]:
    out = _tables(data, SHARD_TABLES, window)
    if not out:
        year = name[len(SHARD_PREFIX) : -len(".json")]
        for key, doc in data.get("sets", {}).items():
            if not doc["date"].startswith(year + "-"):
                return [f"sets.{key}.date: {doc['date']} does not belong in {name}"]
    return out


def _loose(name: str, data: dict[str, Any], window: Window) -> list[str]:
    """Files owned by other parts of the app: an object of tables of documents (checked by
    the storage already); their own schema is theirs to register."""
    return []


register(re.escape(MAIN), _main)
register(re.escape(JOURNAL), _journal)
register(r"sets-[0-9]{4}\.json", _shard)


def _runs(name: str, data: dict[str, Any], window: Window) -> list[str]:
    """Imported running activities: every run valid and in the file's year."""
    from ..domain.runs import validate_runs_tables

    try:
        validate_runs_tables(data, today=window.latest - timedelta(days=1), year=int(name[5:9]))
    except ValueError as exc:
        return [str(exc)]
    return []


register(r"runs-[0-9]{4}\.json", _runs)  # imported running activities (year files)
