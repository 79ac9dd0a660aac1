"""Our export format: writing it, reading it back strictly, and merging it into a log.

An export is either our JSON bundle (``{"format": "runstrength-export", "version": N,
"profile", "sessions", "sets", "acks", "runs"}``) or our CSV of sets (domain/csvlog.py).
Reading one checks the whole file against the stored schema (domain/schema.py does the
pure checks) before anything is written, and names the first problems with their place in
the file; merging adds only what is not there yet (by id), all files swapped in at once.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import csvlog, schema
from ..domain.model import Profile, SessionRecord, SetRecord, TuiSettings
from ..domain.validate import InputError
from . import swap
from .files import MAIN, SCHEMA_VERSION
from .storage import encode

if TYPE_CHECKING:
    from .repo import Store

EXPORT_FORMAT = "runstrength-export"
MAX_IMPORT_BYTES = 64 * 2**20
TOP_KEYS = ("format", "version", "exported_at", "profile", "sessions", "sets", "acks", "runs")


@dataclass
class Bundle:
    """An export file read and checked: records ready to merge."""

    sessions: list[SessionRecord]
    sets: list[SetRecord]
    profile: Profile | None
    acks: list[tuple[str, str, date]]
    runs: list = field(default_factory=list)
    app: str = ""  # "Strong" or "Hevy" for a phone logger's export ("" for ours)
    left_out: str = ""  # one line: what such an export held that was not imported
    settings: TuiSettings | None = None  # the app's settings, kept in the export's profile


# --- writing -----------------------------------------------------------------------------


def export_bundle(store: Store, now: datetime) -> dict:
    """The whole log as our JSON export (a dict, ready for json.dumps)."""

    def read():
        sets = store.sets()  # sets first: every set's session is then in sessions()
        return store.profile(), store.settings(), store.sessions(), sets, store.acks()

    profile, settings, sessions, sets, acks = store._snapshot(read)
    return {
        "format": EXPORT_FORMAT,
        "version": SCHEMA_VERSION,
        "exported_at": now.isoformat(timespec="seconds"),
        # as kept: the runner's profile and, in the same object, the app's settings
        "profile": profile.to_doc() | settings.to_doc() if profile else None,
        "sessions": [s.to_doc() for s in sessions],
        "sets": [s.to_doc() for s in sets],
        "acks": sorted(
            ({"code": c, "exercise": e, "date": d.isoformat()} for c, e, d in acks),
            key=lambda a: (a["date"], a["code"], a["exercise"]),
        ),
        "runs": [r.to_doc() for r in store.run_log().runs()],
    }


def export_csv(store: Store) -> str:
    """One row per set (with its session's fields); formula-like cells neutralised."""

    def read():
        sets = store.sets()
        return sets, store.sessions()

    sets, sessions = store._snapshot(read)
    return csvlog.write(sets, {s.id: s for s in sessions})


# --- reading (nothing is written until the whole file is found valid) ---------------------


def read_export(path: Path, catalog, today: date, strong_unit: str = "kg") -> Bundle:
    """An export file from disk (ours, or Strong's or Hevy's CSV), checked completely;
    InputError (one line) otherwise. ``strong_unit``: the unit of Strong's current export,
    which does not say (the runner's units)."""
    path = Path(path).expanduser()
    try:
        text = read_regular(path, MAX_IMPORT_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise InputError(f"No file {path}; check the path.") from None
    except InputError:
        raise
    except ValueError as exc:
        if isinstance(exc, UnicodeDecodeError):
            raise InputError(f"{path} is not a runstrength export (not a JSON or CSV text file).") from None
        raise InputError(f"{path} cannot be a file name (it holds a NUL byte); check the path.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is not a runstrength export (not a JSON or CSV text file).") from None
    from ..domain import loggers

    if loggers.detect(text):
        return parse_logger(text, catalog, strong_unit)
    sessions, sets, profile, acks, run_docs, settings = parse_bundle(text, catalog, today)
    return Bundle(sessions, sets, profile, acks, parse_bundle_runs(run_docs, today), settings=settings)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. A FIFO, device or socket
    (or a link to one) is refused before a byte is read: opened without blocking, then
    fstat; and no more than ``limit`` + 1 bytes are ever read (a file growing as it is
    read, /proc, a link swapped in after the check)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path} is not a regular file (a FIFO, device or socket); nothing was imported.")
        too_big = InputError(
            f"{path} is larger than {limit // 2**20} MB, far more than a runstrength export; nothing was imported."
        )
        if st.st_size > limit:
            raise too_big
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(2**20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise too_big
        return b"".join(chunks)
    finally:
        os.close(fd)


def parse_bundle(raw_text: str, catalog, today: date | None = None):
    """Validate an export file (our JSON or our CSV) completely against the stored schema;
    raise InputError listing the first problems with their place in the file. The file's
    ``runs`` come back unchecked, as found (see :func:`parse_bundle_runs`; none in a CSV)."""

    def refuse(problems: list[str], more: bool = False) -> None:
        shown = "; ".join(problems[: schema.MAX_PROBLEMS])
        first = "the first problems" if len(problems) > 1 or more else "the problem"
        raise InputError(f"Nothing was imported; {first} in the file: {shown}.")

    window = schema.Window.absolute(plain=True)  # dates 1970..2200 (not the clock's); notes plain text
    is_csv = False
    if csvlog.looks_like_csv(raw_text):
        if not csvlog.is_ours(raw_text):
            raise InputError(
                "Not a runstrength export: this CSV does not have the columns `runstrength export --format csv` "
                "writes (date,session,exercise,...); nothing was imported."
            )
        raw, problems = csvlog.read(raw_text)
        if problems:
            refuse(problems)
        is_csv = True
    else:
        try:
            raw = schema.loads(raw_text)
        except ValueError as exc:
            raise InputError(f"Not a runstrength export: {exc}; nothing was imported.") from None
        if not isinstance(raw, dict) or raw.get("format") != EXPORT_FORMAT:
            raise InputError('Not a runstrength export: the file has no "format": "runstrength-export" field.')
        version = raw.get("version", SCHEMA_VERSION)
        if type(version) is not int or version > SCHEMA_VERSION:
            raise InputError(
                f"This export was written by a newer runstrength (version {schema.found(version)}); upgrade to import it."
            )
        if not isinstance(raw.get("sessions"), list) or not isinstance(raw.get("sets"), list):
            raise InputError('Not a runstrength export: "sessions" and "sets" must be lists.')
        unknown = [k for k in raw if k not in TOP_KEYS]
        if unknown:
            refuse([f"{schema.show_key(unknown[0])}: not part of a runstrength export"])

    problems: list[str] = []
    schema.check_list(schema.SESSION, raw["sessions"], "sessions", window, problems)
    schema.check_list(schema.SET, raw["sets"], "sets", window, problems)
    if raw.get("profile") is not None:
        problems += schema.PROFILE.problems(raw["profile"], "profile", window)
    if raw.get("acks") is not None:
        schema.check_list(schema.ACK, raw["acks"], "acks", window, problems)
    if not problems:
        session_ids = {d["id"] for d in raw["sessions"]}
        for i, doc in enumerate(raw["sets"]):
            if doc["exercise"] not in catalog:
                problems.append(f"sets[{i}].exercise: unknown exercise {doc['exercise']!r}")
            elif doc["session"] not in session_ids:
                problems.append(f"sets[{i}].session: its session is not in the file")
            if len(problems) >= schema.MAX_PROBLEMS:
                break
    if problems:
        if is_csv:  # name CSV rows as a spreadsheet shows them (the header is row 1)
            problems = [
                re.sub(r"^(?:sets|sessions)\[(\d+)\]\.", lambda m: f"row {int(m.group(1)) + 2}, ", p) for p in problems
            ]
        refuse(problems)
    sessions = [SessionRecord.from_doc(d) for d in raw["sessions"]]
    sets = [SetRecord.from_doc(d) for d in raw["sets"]]
    profile = Profile.from_doc(raw["profile"]) if raw.get("profile") else None
    settings = TuiSettings.from_doc(raw["profile"]) if raw.get("profile") else None
    acks = [
        (d["code"], d.get("exercise") or "", datetime.fromisoformat(d["date"]).date()) for d in raw.get("acks") or []
    ]
    return sessions, sets, profile, acks, ([] if is_csv else raw.get("runs") or []), settings


def parse_logger(text: str, catalog, strong_unit: str = "kg") -> Bundle:
    """A Strong or Hevy CSV export as a bundle of finished sessions and sets (see
    domain/loggers.py), every set checked against the stored schema like our own import's;
    a bad row refuses the whole file and is named by its row (the header is row 1)."""
    from ..domain import loggers
    from .shipped import load_name_map

    found_, problems = loggers.read(text, catalog, load_name_map(catalog), strong_unit)
    window = schema.Window.absolute(plain=True)
    if not problems:
        for i, doc in enumerate(found_.sets):
            for problem in schema.SET.problems(doc, "", window, schema.MAX_PROBLEMS - len(problems)):
                problems.append(f"row {found_.rows[i]}, {problem.lstrip('.').replace(': ', ': ', 1)}")
            if len(problems) >= schema.MAX_PROBLEMS:
                break
        for doc in found_.sessions:
            problems += [
                f"workout of {doc['started_at']}: {p.lstrip('.')}" for p in schema.SESSION.problems(doc, "", window)
            ]
    if problems:
        shown = "; ".join(problems[: schema.MAX_PROBLEMS])
        first = "the first problems" if len(problems) > 1 else "the problem"
        raise InputError(f"Nothing was imported; {first} in this {found_.app} export: {shown}.")
    sessions = [SessionRecord.from_doc(d) for d in found_.sessions]
    sets = [SetRecord.from_doc(d) for d in found_.sets]
    return Bundle(sessions, sets, None, [], app=found_.app, left_out=found_.left_out())


def parse_bundle_runs(docs: object, today: date) -> list:
    """The ``runs`` of an export file (absent in older exports), each checked strictly;
    their dates, like the sets', against 1970..2200 rather than ``today`` (the clock of the
    computer that exported them may differ from this one's)."""
    from ..domain.runs import validate_run_doc

    if not isinstance(docs, list):
        raise InputError('Not a runstrength export: "runs" must be a list.')
    runs = []
    for i, doc in enumerate(docs, 1):
        try:
            runs.append(validate_run_doc(doc, today=schema.LATEST - timedelta(days=1)))
        except ValueError as exc:
            raise InputError(f"Run #{i} in the file: {exc}; nothing was imported.") from None
    return runs


# --- merging -------------------------------------------------------------------------------


def _append(table: dict, docs: list[dict]) -> None:
    """Add documents to a TinyDB table (as TinyDB numbers them: the next free integer)."""
    next_key = max((int(k) for k in table), default=0) + 1
    for doc in docs:
        table[str(next_key)] = doc
        next_key += 1


def _fits_a_backup(store: Store, files: dict[str, bytes]) -> None:
    """Refuse an import after which no backup could be restored (a year file over the
    per-file cap of a restore, or a log over its total cap): better nothing imported than
    a log whose every later backup is refused."""
    from . import backups
    from .files import is_data_file

    mb = 2**20
    for name, payload in files.items():
        if len(payload) > backups.MAX_MEMBER:
            raise InputError(
                f"Nothing was imported: {name} would be {len(payload) / mb:.0f} MB, more than the "
                f"{backups.MAX_MEMBER // mb} MB a backup can restore for one file; import a smaller export "
                f"(a runstrength log holds about 1 MB a year)."
            )
    others = sum(
        p.stat().st_size for p in store.dir.iterdir() if is_data_file(p.name) and p.name not in files and p.is_file()
    )
    total = others + sum(len(b) for b in files.values())
    if total > backups.MAX_TOTAL:
        raise InputError(
            f"Nothing was imported: the log would be {total / mb:.0f} MB, more than the {backups.MAX_TOTAL // mb} MB "
            f"a backup can restore; import a smaller export."
        )


def import_bundle(
    store: Store,
    sessions: list[SessionRecord],
    sets: list[SetRecord],
    profile: Profile | None,
    acks,
    runs=(),
    settings: TuiSettings | None = None,
) -> dict:
    """Merge already-validated records; what is present (by id) is skipped (runs: by
    start time and distance). All the changed files (sets, sessions, profile, acks and the
    runs' year files) are swapped in at once: a kill leaves the log before or after."""
    from .repo import check_docs, open_db

    store._need_write()
    have_sessions = {s.id for s in store.sessions()}
    have_sets = {s.id for s in store.sets()}
    new_sessions = list({s.id: s for s in sessions if s.id not in have_sessions}.values())
    new_sets = list({s.id: s for s in sets if s.id not in have_sets}.values())
    have_acks = set(store.acks())
    fresh_acks = list(dict.fromkeys(a for a in acks if a not in have_acks))
    take_profile = profile is not None and store.profile() is None
    check_docs(schema.SESSION, [s.to_doc() for s in new_sessions])
    check_docs(schema.SET, [s.to_doc() for s in new_sets])
    if take_profile:
        profile_doc = profile.to_doc() | (settings or TuiSettings()).to_doc()
        check_docs(schema.PROFILE, [profile_doc])

    files: dict[str, bytes] = {}
    main = json.loads(json.dumps(store._tables(store.dir / MAIN)))  # a copy to change
    if new_sessions or take_profile or fresh_acks:
        _append(main.setdefault("sessions", {}), [s.to_doc() for s in new_sessions])
        _append(
            main.setdefault("acks", {}), [{"code": c, "exercise": e, "date": d.isoformat()} for c, e, d in fresh_acks]
        )
        if take_profile:
            main["profile"] = {"1": profile_doc}
        files[MAIN] = encode(main)
    by_year: dict[int, list[dict]] = defaultdict(list)
    for record in new_sets:
        by_year[record.date.year].append(record.to_doc())
    for year, docs in by_year.items():
        tables = json.loads(json.dumps(store._tables(store._shard_path(year))))
        _append(tables.setdefault("sets", {}), docs)
        files[store._shard_path(year).name] = encode(tables)
    _fits_a_backup(store, files)
    new_runs = []
    if runs:  # the runs' year files join the same swap: a kill leaves all old or all new
        chosen = profile or store.profile()
        run_files, new_runs, _ = store.run_log().plan_add(list(runs), chosen.week_start_index if chosen else 0)
        files.update(run_files)
    if files:
        swap.stage(store.dir, files)  # a folder that cannot take the files fails here, before any backup
    if new_sessions or new_sets or new_runs:
        store.backup(label="before-import")
    if files:
        swap.publish(store.dir, files)
        store.main = open_db(store.dir / MAIN, read_only=False)  # TinyDB keeps its next ids: start afresh
    return {
        "sessions_added": len(new_sessions),
        "sets_added": len(new_sets),
        "sessions_skipped": len(sessions) - len(new_sessions),
        "sets_skipped": len(sets) - len(new_sets),
        "runs_added": len(new_runs),
        "runs_skipped": len(runs) - len(new_runs),
    }
