"""The only code that reads or writes the data folder.

Layout of a data folder (every file a TinyDB database written by AtomicJSONStorage):

- ``runstrength.json``: tables ``meta`` (schema_version), ``profile``, ``sessions``
  (finished sittings) and ``acks`` (acknowledged warnings).
- ``journal.json``: the open session and its sets. Logging a set rewrites only this
  small file, so its cost does not grow with years of history.
- ``sets-YYYY.json``: the sets of finished sessions, one file per year.
- ``runs-YYYY.json``: imported runs (table ``runs``), one file per year (see run_log.py).
- ``backups/``: dated ``.tar.gz`` copies of the files above (the last 10 are kept).
- ``swap.pending`` and ``.staging/``: only while a restore or import swaps several files
  in at once (see ``swap.py``); a start finishes a swap that a kill cut short.

Which files may be there, and the schema each must follow, is registered in ``files.py``
(document tables in ``domain/schema.py``); every read and every write is checked. The
folder and ``backups/`` are 0700, every file 0600.

Closing a session *folds* the journal into the year files and the sessions table, then
empties the journal. Folding is idempotent (sets are matched by id), so a crash at any
point of it loses nothing and duplicates nothing.
"""

from __future__ import annotations

import io
import json
import os
import re
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import Query, TinyDB
from tinydb.table import Document

from ..domain import schema
from ..domain.model import Profile, SessionRecord, SetRecord
from . import swap
from .files import JOURNAL, MAIN, SCHEMA_VERSION, SHARD_PREFIX, default_window, main_version
from .lock import DataDirLock
from .storage import AtomicJSONStorage, StoreError, atomic_write_bytes, decode, encode, fsync_dir, make_private_dir

if TYPE_CHECKING:
    from .run_log import RunLog

RUNS_PREFIX = "runs-"  # imported runs, one file per year (store/run_log.py)
SHARD_RE = re.compile(r"sets-([0-9]{4})\.json")
BACKUP_DIR = "backups"
KEEP_BACKUPS = 10
EXPORT_FORMAT = "runstrength-export"


class NewerSchemaError(StoreError):
    pass


def new_id() -> str:
    """A random 128-bit id in hex (what uuid4().hex gives, without importing uuid)."""
    return os.urandom(16).hex()


def make_private_files(data_dir: Path) -> None:
    """Data folder and backups/ 0700, every file in them 0600 (older versions made them
    readable by others)."""
    if os.name != "posix":
        return
    backups = data_dir / BACKUP_DIR
    if backups.is_dir():
        make_private_dir(backups)
    for folder in (data_dir, backups):
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mode & 0o077:
                    os.chmod(entry.path, 0o600)
            except OSError:
                continue


def _check(kind: schema.Doc, docs: list[dict]) -> None:
    """Nothing that breaks the schema is written (it would make the log unreadable)."""
    window = default_window()
    for doc in docs:
        problems = kind.problems(doc, kind.name, window)
        if problems:
            raise StoreError(f"refusing to save a {kind.name} that breaks the schema ({problems[0]}); nothing was written.")


def _append(table: dict, docs: list[dict]) -> None:
    """Add documents to a TinyDB table (as TinyDB numbers them: the next free integer)."""
    next_key = max((int(k) for k in table), default=0) + 1
    for doc in docs:
        table[str(next_key)] = doc
        next_key += 1


def _db(path: Path, read_only: bool) -> TinyDB:
    return TinyDB(path, storage=AtomicJSONStorage, read_only=read_only)


def _read_raw(path: Path) -> dict | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return decode(path, raw)


# --- migrations: ordered functions, each (data_dir, main_raw) -> new main_raw -------------


def _migrate_0_to_1(data_dir: Path, raw: dict) -> dict:
    """v0 (the prototype) kept every set in one ``sets`` table with ``weight_kg`` and no
    sessions. v1 groups them into one session per date and moves them to year files."""
    import uuid  # stable ids, so a migration interrupted and run again gives the same records

    sessions: dict[str, dict] = {}
    by_year: dict[int, list[dict]] = defaultdict(list)
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
        existing = _read_raw(path) or {}
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


MIGRATIONS = [(1, _migrate_0_to_1)]


class Store:
    """Open with ``write=True`` to change anything: that takes the data folder's lock."""

    def __init__(self, data_dir: Path, write: bool = True):
        self.dir = Path(data_dir)
        self.write = write
        self._cache: dict[Path, tuple] = {}
        self._lock: DataDirLock | None = None
        if write:
            make_private_dir(self.dir)
            self._lock = DataDirLock(self.dir).acquire()
            make_private_files(self.dir)
            self._remove_stale_temps()
            swap.finish(self.dir)  # a restore or import cut short is completed (or cleared)
        else:
            self._settle_swap()
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    # --- opening, schema, migrations ---------------------------------------------------

    def _tables(self, path: Path) -> dict:
        """A file's tables as last parsed, re-read only when the file changed.

        Every write replaces the file (a new inode), so (inode, size, mtime) tells a fresh
        file from the one parsed before. Callers must not change what they get: TinyDB's
        own reads, which it mutates, still go through the storage."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            self._cache.pop(path, None)
            return {}
        signature = (st.st_ino, st.st_size, st.st_mtime_ns)
        hit = self._cache.get(path)
        if hit is not None and hit[0] == signature:
            return hit[1]
        tables = _read_raw(path) or {}
        self._cache[path] = (signature, tables, {})
        return tables

    def _derived(self, path: Path, key: str, build):
        """Something computed from a file's tables, kept as long as the file is unchanged."""
        tables = self._tables(path)
        memo = self._cache[path][2] if path in self._cache else {}
        if key not in memo:
            memo[key] = build(tables)
        return memo[key]

    def _open(self) -> None:
        main_path = self.dir / MAIN
        raw = _read_raw(main_path)  # parsed and checked against the schema (store/files.py)
        if raw is None:
            if self.write:
                atomic_write_bytes(main_path, json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION}}}).encode())
        else:
            version = main_version(raw)
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(
                    f"{main_path} was written by a newer runstrength (schema {version}; this version knows "
                    f"{SCHEMA_VERSION}). It was left untouched: upgrade runstrength to open it, or go back to the "
                    f"newest backup with `runstrength restore` (add --data-dir {self.dir} if you use one)."
                )
            if version < SCHEMA_VERSION:
                self._migrate(raw, version)
            else:  # parsed already: the first reads need not parse it again
                st = os.stat(main_path)
                self._cache[main_path] = ((st.st_ino, st.st_size, st.st_mtime_ns), raw, {})
        self.main = _db(main_path, read_only=not self.write)
        self.journal = _db(self.dir / JOURNAL, read_only=not self.write)
        self._recover_journal()

    def _settle_swap(self, wait: float = 5.0) -> None:
        """A reader never reads half a restore or import: a swap marker left by a killed
        process is finished (under the lock); one being written is waited for."""
        deadline = time.monotonic() + wait
        while swap.pending(self.dir):
            lock = DataDirLock(self.dir)
            try:
                lock.acquire()
            except StoreError:  # the writer is still at it
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"a restore or import is being written to {self.dir} by another runstrength; "
                        "try again in a moment."
                    ) from None
                time.sleep(0.01)
                continue
            try:
                swap.finish(self.dir)
            finally:
                lock.release()

    def _remove_stale_temps(self) -> None:
        """Temp files of a writer that was killed mid-write (safe: we hold the lock)."""
        patterns = [(self.dir, f".{MAIN}.*.tmp"), (self.dir, f".{JOURNAL}.*.tmp"), (self.dir, f".{SHARD_PREFIX}*.json.*.tmp"),
                    (self.dir, f".{swap.PENDING}.*.tmp"), (self.dir, f".{RUNS_PREFIX}*.json.*.tmp"), (self.dir / BACKUP_DIR, ".runstrength-*.tar.gz.*.tmp")]
        for folder, pattern in patterns:
            for path in folder.glob(pattern):
                path.unlink(missing_ok=True)

    def _migrate(self, raw: dict, version: int) -> None:
        lock = self._lock
        temporary = None
        if lock is None:  # a read-only command still upgrades the folder, under the lock
            temporary = lock = DataDirLock(self.dir).acquire()
        try:
            self.backup(label=f"before-v{SCHEMA_VERSION}")
            for target, step in MIGRATIONS:
                if version < target:
                    raw = step(self.dir, raw)
                    raw["meta"] = {"1": {"schema_version": target}}
                    atomic_write_bytes(self.dir / MAIN, json.dumps(raw, separators=(",", ":")).encode())
                    version = target
        finally:
            if temporary is not None:
                temporary.release()

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _need_write(self) -> None:
        if not self.write:
            raise StoreError("this data folder was opened read-only; nothing was written.")

    # --- profile and acknowledgements --------------------------------------------------

    def profile(self) -> Profile | None:
        docs = list(self._tables(self.dir / MAIN).get("profile", {}).values())
        return Profile.from_doc(docs[0]) if docs else None

    def save_profile(self, profile: Profile) -> None:
        self._need_write()
        _check(schema.PROFILE, [profile.to_doc()])
        self.main.table("profile").upsert(Document(profile.to_doc(), doc_id=1))

    def acks(self) -> list[tuple[str, str, date]]:
        docs = self._tables(self.dir / MAIN).get("acks", {}).values()
        return [(a["code"], a.get("exercise") or "", date.fromisoformat(a["date"])) for a in docs]

    def ack(self, code: str, exercise: str | None, day: date) -> None:
        self._need_write()
        doc = {"code": code, "exercise": exercise or "", "date": day.isoformat()}
        _check(schema.ACK, [doc])
        self.main.table("acks").insert(doc)

    # --- sessions and sets ---------------------------------------------------------------

    def _shard_path(self, year: int) -> Path:
        return self.dir / f"{SHARD_PREFIX}{year}.json"

    def _shard_years(self) -> list[int]:
        try:
            names = os.listdir(self.dir)
        except FileNotFoundError:
            return []
        return sorted(int(m.group(1)) for n in names if (m := SHARD_RE.fullmatch(n)))

    def _signature(self) -> tuple:
        """What the data files are right now (each write replaces a file: a new inode)."""
        try:  # the journal by content: rewritten within one clock tick, a reused inode and the
            # same size could pass for the same file (year files and the main file only grow
            # when a set or session arrives, so their size tells)
            out = [hash((self.dir / JOURNAL).read_bytes())]
        except FileNotFoundError:
            out = [None]
        for name in [MAIN, swap.PENDING] + [f"{SHARD_PREFIX}{y}.json" for y in self._shard_years()]:
            try:
                st = os.stat(self.dir / name)
            except FileNotFoundError:
                out.append((name, None))
            else:
                out.append((name, st.st_ino, st.st_size, st.st_mtime_ns))
        return tuple(out)

    def state(self) -> tuple:
        """What the log is right now, for caches of things computed from it: it changes
        whenever anything in the folder is written (sets, sessions, profile, acks, imported
        runs), since every write replaces a file (the journal is compared by content)."""
        runs = []
        for name in sorted(os.listdir(self.dir)) if self.dir.is_dir() else []:
            if name.startswith(RUNS_PREFIX) and name.endswith(".json"):
                try:
                    st = os.stat(self.dir / name)
                except FileNotFoundError:
                    continue
                runs.append((name, st.st_ino, st.st_size, st.st_mtime_ns))
        return self._signature() + tuple(runs)

    def _snapshot(self, read):
        """``read()`` as of one moment: a reader (which holds no lock) reads again when a
        writer replaced a file meanwhile, so a set being folded from the journal into a year
        file, or moved between year files, is never missed."""
        if self.write:  # we hold the lock: nobody else writes
            return read()
        for _ in range(100):
            before = self._signature()
            if swap.pending(self.dir):
                self._settle_swap()
                continue
            result = read()
            if self._signature() == before:
                return result
        raise StoreError(f"{self.dir} kept changing while it was read; try again.")

    def open_session(self) -> tuple[SessionRecord, list[SetRecord]] | None:
        raw = self.journal.storage.read() or {}
        docs = list(raw.get("session", {}).values())
        if not docs:
            return None
        sets = [SetRecord.from_doc(d) for d in raw.get("sets", {}).values()]
        return SessionRecord.from_doc(docs[0]), sets

    def start_session(self, day: date, now: datetime, kind: str = "strength") -> SessionRecord:
        """Open a new sitting; any other open one is closed (folded) first."""
        self._need_write()
        if self.open_session() is not None:
            self.close_open_session(now)
        session = SessionRecord(id=new_id(), date=day, started_at=now, kind=kind)
        _check(schema.SESSION, [session.to_doc()])
        self.journal.storage.write({"session": {"1": session.to_doc()}, "sets": {}})
        return session

    def session_for_day(self, day: date, now: datetime) -> SessionRecord:
        """The sitting a CLI set on ``day`` joins: the open one, the day's last one, or a new one."""
        current = self.open_session()
        if current and current[0].date == day:
            return current[0]
        same_day = [s for s in self._closed_sessions() if s.date == day]
        if same_day:
            return max(same_day, key=lambda s: s.started_at)
        return self.start_session(day, now)

    def log_sets(self, records: list[SetRecord]) -> list[SetRecord]:
        """Save sets durably: when this returns, they are on disk."""
        self._need_write()
        if not records:
            return []
        _check(schema.SET, [r.to_doc() for r in records])
        session_id = records[0].session
        current = self.open_session()
        if current and current[0].id == session_id:
            self.journal.table("sets").insert_multiple([r.to_doc() for r in records])
            return records
        if not any(s.id == session_id for s in self._closed_sessions()):
            raise StoreError(f"session {session_id} does not exist; nothing was written.")
        self._insert_into_shards(records)
        return records

    def log_set(self, record: SetRecord) -> SetRecord:
        return self.log_sets([record])[0]

    def update_open_session(self, **changes) -> SessionRecord:
        self._need_write()
        current = self.open_session()
        if current is None:
            raise StoreError("no session is open.")
        session = current[0].with_changes(**changes)
        _check(schema.SESSION, [session.to_doc()])
        self.journal.table("session").update(session.to_doc(), doc_ids=[1])
        return session

    def finish_session(self, now: datetime, rpe: int | None = None, minutes: float | None = None) -> SessionRecord | None:
        """Close the open sitting with its session RPE and minutes, and fold it into the log."""
        self._need_write()
        current = self.open_session()
        if current is None:
            return None
        self.update_open_session(ended_at=now, rpe=rpe, minutes=minutes)
        return self._fold()

    def close_open_session(self, now: datetime) -> SessionRecord | None:
        """Close an interrupted sitting as it stands (its last set marks its end)."""
        current = self.open_session()
        if current is None:
            return None
        session, sets = current
        end = max((s.logged_at for s in sets), default=session.started_at)
        self.update_open_session(ended_at=session.ended_at or end)
        return self._fold()

    def reopen_session(self, session_id: str) -> SessionRecord:
        """Open a finished sitting again (today's, after "save what I did"): it and its sets
        go back to the journal first, then leave the log. A kill in between leaves the same
        ids in both places, which every read merges by id and the next fold skips."""
        self._need_write()
        if self.open_session() is not None:
            raise StoreError("another session is open; finish it first.")
        docs = self._tables(self.dir / MAIN).get("sessions", {}).values()
        doc = next((d for d in docs if d["id"] == session_id), None)
        if doc is None:
            raise StoreError(f"no finished session with id {session_id}; nothing was changed.")
        session = SessionRecord.from_doc(doc).with_changes(ended_at=None)
        sets = [s for s in self.sets(since=session.date, until=session.date) if s.session == session_id]
        self.journal.storage.write({"session": {"1": session.to_doc()},
                                    "sets": {str(i): r.to_doc() for i, r in enumerate(sets, 1)}})
        db = _db(self._shard_path(session.date.year), read_only=False)
        db.table("sets").remove(Query().session == session_id)
        self.main.table("sessions").remove(Query().id == session_id)
        return session

    def discard_empty_open_session(self) -> None:
        current = self.open_session()
        if current is not None and not current[1]:
            self.journal.storage.write({})

    def _recover_journal(self) -> None:
        """A session that was being folded when the process died is folded again."""
        current = self.open_session()
        if current is not None and current[0].ended_at is not None and self.write:
            self._fold()

    def _fold(self) -> SessionRecord | None:
        current = self.open_session()
        if current is None:
            return None
        session, sets = current
        if sets:
            self._insert_into_shards(sets)
            self._upsert_session(session)
        self.journal.storage.write({})
        return session if sets else None

    def _upsert_session(self, session: SessionRecord) -> None:
        self.main.table("sessions").upsert(session.to_doc(), Query().id == session.id)

    def _insert_into_shards(self, records: list[SetRecord]) -> None:
        by_year: dict[int, list[SetRecord]] = defaultdict(list)
        for record in records:
            by_year[record.date.year].append(record)
        for year, group in by_year.items():
            db = _db(self._shard_path(year), read_only=False)
            table = db.table("sets")
            have = {doc["id"] for doc in table.all()}
            fresh = [r.to_doc() for r in group if r.id not in have]
            if fresh:
                table.insert_multiple(fresh)

    def _closed_sessions(self, since: date | None = None) -> list[SessionRecord]:
        """Finished sittings; with ``since``, those from that day on plus the last one before
        it (so "how long since the last session" stays answerable from a short list)."""
        docs = self._tables(self.dir / MAIN).get("sessions", {}).values()
        if since is None:
            return list(self._derived(self.dir / MAIN, "sessions", lambda t: [SessionRecord.from_doc(d) for d in t.get("sessions", {}).values()]))
        lo = since.isoformat()
        recent = [d for d in docs if d["date"] >= lo]
        older = [d for d in docs if d["date"] < lo]
        if older:
            recent.append(max(older, key=lambda d: (d["date"], d["started_at"])))
        return [SessionRecord.from_doc(d) for d in recent]

    def sessions(self, include_open: bool = True, since: date | None = None) -> list[SessionRecord]:
        """Sittings with at least one set, oldest first (the open one included). With
        ``since``: from that day on, plus the last one before it."""
        def read():
            current = self.open_session() if include_open else None  # the journal first (see sets)
            found = {s.id: s for s in self._closed_sessions(since)}
            if current and current[1]:
                found[current[0].id] = current[0]
            return sorted(found.values(), key=lambda s: (s.date, s.started_at, s.id))

        return self._snapshot(read)

    def sets(self, since: date | None = None, until: date | None = None, exercises=None) -> list[SetRecord]:
        """Sets logged from ``since`` to ``until`` (inclusive), oldest first; only those of
        ``exercises`` when given. Only the year files that can hold such sets are read."""
        return self._snapshot(lambda: self._read_sets(since, until, exercises))

    def pain_exercises(self, since: date | None = None) -> set[str]:
        """The exercises with a pain-marked set from ``since`` on (the open session's
        included), found without building the sets."""
        def read():
            lo = since.isoformat() if since else ""
            found = set()
            current = self.open_session()  # the journal first (see sets)
            for year in self._shard_years():
                if since and year < since.year:
                    continue
                for doc in self._tables(self._shard_path(year)).get("sets", {}).values():
                    if doc.get("pain") and doc["date"] >= lo:
                        found.add(doc["exercise"])
            if current:
                found.update(s.exercise for s in current[1] if s.pain and s.date.isoformat() >= lo)
            return found

        return self._snapshot(read)

    def _read_sets(self, since, until, exercises) -> list[SetRecord]:
        lo = since.isoformat() if since else ""
        hi = until.isoformat() if until else "9999"
        found: dict[str, SetRecord] = {}
        current = self.open_session()  # the journal first: a fold moves sets from it to the year files
        for year in self._shard_years():
            if (since and year < since.year) or (until and year > until.year):
                continue
            raw = self._tables(self._shard_path(year))
            for doc in raw.get("sets", {}).values():
                if lo <= doc["date"] <= hi and (exercises is None or doc["exercise"] in exercises):
                    found[doc["id"]] = SetRecord.from_doc(doc)
        if current:
            for record in current[1]:
                if lo <= record.date.isoformat() <= hi and (exercises is None or record.exercise in exercises):
                    found[record.id] = record
        return sorted(found.values(), key=lambda s: (s.date, s.logged_at, s.id))

    def _locate_set(self, set_id: str) -> TinyDB | None:
        if any(doc["id"] == set_id for doc in self.journal.table("sets").all()):
            return self.journal
        for year in reversed(self._shard_years()):
            db = _db(self._shard_path(year), read_only=not self.write)
            if db.table("sets").contains(Query().id == set_id):
                return db
        return None

    def edit_set(self, set_id: str, now: datetime, **changes) -> SetRecord:
        """Change a logged set (a new durable write; ``edited_at`` records when)."""
        self._need_write()
        db = self._locate_set(set_id)
        if db is None:
            raise StoreError(f"no set with id {set_id}; nothing was changed.")
        table = db.table("sets")
        old = SetRecord.from_doc(table.get(Query().id == set_id))
        new = old.with_changes(**changes, edited_at=now)
        _check(schema.SET, [new.to_doc()])
        if new.date.year != old.date.year and db is not self.journal:
            self._insert_into_shards([new])
            table.remove(Query().id == set_id)
        else:
            table.update(new.to_doc(), Query().id == set_id)
        return new

    def delete_set(self, set_id: str) -> None:
        self._need_write()
        db = self._locate_set(set_id)
        if db is None:
            raise StoreError(f"no set with id {set_id}; nothing was deleted.")
        db.table("sets").remove(Query().id == set_id)

    # --- export and import ---------------------------------------------------------------

    def run_log(self) -> RunLog:
        """The imported runs of this folder (``runs-YYYY.json``)."""
        from .run_log import RunLog

        return RunLog(self)

    def export_bundle(self, now: datetime) -> dict:
        def read():
            sets = self.sets()  # sets first: every set's session is then in sessions()
            return self.profile(), self.sessions(), sets, self.acks()

        profile, sessions, sets, acks = self._snapshot(read)
        return {
            "format": EXPORT_FORMAT,
            "version": SCHEMA_VERSION,
            "exported_at": now.isoformat(timespec="seconds"),
            "profile": profile.to_doc() if profile else None,
            "sessions": [s.to_doc() for s in sessions],
            "sets": [s.to_doc() for s in sets],
            "acks": sorted(
                ({"code": c, "exercise": e, "date": d.isoformat()} for c, e, d in acks),
                key=lambda a: (a["date"], a["code"], a["exercise"]),
            ),
            "runs": [r.to_doc() for r in self.run_log().runs()],
        }

    def export_csv(self) -> str:
        """One row per set (with its session's fields); formula-like cells neutralised."""
        from ..domain import csvlog

        def read():
            sets = self.sets()
            return sets, self.sessions()

        sets, sessions = self._snapshot(read)
        return csvlog.write(sets, {s.id: s for s in sessions})

    def import_bundle(self, sessions: list[SessionRecord], sets: list[SetRecord], profile: Profile | None, acks, runs=()) -> dict:
        """Merge already-validated records; what is present (by id) is skipped. All the
        changed files are swapped in at once: a kill leaves the log before or after.
        Runs are matched by start time and distance and added after the swap (their own
        atomic year files; re-importing adds what a kill left out)."""
        self._need_write()
        have_sessions = {s.id for s in self.sessions()}
        have_sets = {s.id for s in self.sets()}
        new_sessions = list({s.id: s for s in sessions if s.id not in have_sessions}.values())
        new_sets = list({s.id: s for s in sets if s.id not in have_sets}.values())
        have_acks = set(self.acks())
        fresh_acks = list(dict.fromkeys(a for a in acks if a not in have_acks))
        take_profile = profile is not None and self.profile() is None
        _check(schema.SESSION, [s.to_doc() for s in new_sessions])
        _check(schema.SET, [s.to_doc() for s in new_sets])
        if take_profile:
            _check(schema.PROFILE, [profile.to_doc()])

        files: dict[str, bytes] = {}
        main = json.loads(json.dumps(self._tables(self.dir / MAIN)))  # a copy to change
        if new_sessions or take_profile or fresh_acks:
            _append(main.setdefault("sessions", {}), [s.to_doc() for s in new_sessions])
            _append(main.setdefault("acks", {}), [{"code": c, "exercise": e, "date": d.isoformat()} for c, e, d in fresh_acks])
            if take_profile:
                main["profile"] = {"1": profile.to_doc()}
            files[MAIN] = encode(main)
        by_year: dict[int, list[dict]] = defaultdict(list)
        for record in new_sets:
            by_year[record.date.year].append(record.to_doc())
        for year, docs in by_year.items():
            tables = json.loads(json.dumps(self._tables(self._shard_path(year))))
            _append(tables.setdefault("sets", {}), docs)
            files[self._shard_path(year).name] = encode(tables)
        from ..domain.runs import merge_new

        log = self.run_log()
        new_runs = merge_new(log.runs(), list(runs))[0] if runs else []
        if new_sessions or new_sets or new_runs:
            self.backup(label="before-import")
        if files:
            swap.commit(self.dir, files)
            self.main = _db(self.dir / MAIN, read_only=False)  # TinyDB keeps its next ids: start afresh
        if new_runs:
            chosen = profile or self.profile()
            log.add(new_runs, chosen.week_start_index if chosen else 0)
        return {
            "sessions_added": len(new_sessions),
            "sets_added": len(new_sets),
            "sessions_skipped": len(sessions) - len(new_sessions),
            "sets_skipped": len(sets) - len(new_sets),
            "runs_added": len(new_runs),
            "runs_skipped": len(runs) - len(new_runs),
        }

    # --- backups -------------------------------------------------------------------------

    def _data_files(self) -> list[Path]:
        from .files import is_data_file

        return [self.dir / n for n in sorted(os.listdir(self.dir)) if is_data_file(n) and (self.dir / n).is_file()]

    def backups(self) -> list[Path]:
        from .backups import list_backups

        return list_backups(self.dir)

    def backup(self, label: str = "", now: datetime | None = None) -> Path | None:
        """A dated gzip copy of every data file, byte for byte; the newest 10 are kept."""
        files = self._data_files()
        if not files:
            return None
        folder = self.dir / BACKUP_DIR
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"runstrength-{stamp}{'-' + label if label else ''}.tar.gz"
        write_tar(target, files)
        for old in self.backups()[:-KEEP_BACKUPS]:
            old.unlink()
        fsync_dir(folder)
        return target

    def backup_if_stale(self, max_age: timedelta = timedelta(days=1)) -> Path | None:
        """The daily backup: made when the newest one is older than ``max_age`` (or missing)."""
        last = self.last_backup_time()
        if last is not None and datetime.now() - last <= max_age:
            return None
        return self.backup(label="daily")

    def last_backup_time(self) -> datetime | None:
        newest = self.backups()
        return datetime.fromtimestamp(newest[-1].stat().st_mtime) if newest else None


def write_tar(target: Path, files: list[Path]) -> None:
    """A gzip tar of ``files`` (byte for byte), written atomically (0600, in a 0700 folder)."""
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in files:
            tar.add(path, arcname=path.name)
    make_private_dir(target.parent)
    atomic_write_bytes(target, buffer.getvalue())


def restore_backup(data_dir: Path, name: str | None = None, confirm=lambda summary: True) -> Path:
    """Put back the newest (or the named) backup; see :func:`.backups.restore`."""
    from .backups import restore

    return restore(data_dir, name, confirm)
