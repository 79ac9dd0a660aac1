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
from ..domain.model import Profile, SessionRecord, SetRecord, TuiSettings
from . import swap
from .files import JOURNAL, MAIN, SCHEMA_VERSION, SHARD_PREFIX, default_window, main_version
from .lock import LOCK_NAME, DataDirLock
from .storage import AtomicJSONStorage, StoreError, atomic_write_bytes, make_private_dir, read_raw, restore_advice

if TYPE_CHECKING:
    from .run_log import RunLog

RUNS_PREFIX = "runs-"  # imported runs, one file per year (store/run_log.py)
SHARD_RE = re.compile(r"sets-([0-9]{4})\.json")


class NewerSchemaError(StoreError):
    pass


def new_id() -> str:
    """A random 128-bit id in hex (what uuid4().hex gives, without importing uuid)."""
    return os.urandom(16).hex()


def check_docs(kind: schema.Doc, docs: list[dict]) -> None:
    """Nothing that breaks the schema is written (it would make the log unreadable)."""
    window = default_window()
    for doc in docs:
        problems = kind.problems(doc, kind.name, window)
        if problems:
            raise StoreError(
                f"refusing to save a {kind.name} that breaks the schema ({problems[0]}); nothing was written."
            )


def open_db(path: Path, read_only: bool) -> TinyDB:
    return TinyDB(path, storage=AtomicJSONStorage, read_only=read_only)


class Store:
    """Open with ``write=True`` to change anything: that takes the data folder's lock."""

    def __init__(self, data_dir: Path, write: bool = True):
        self.dir = Path(data_dir)
        self.write = write
        self._cache: dict[Path, tuple] = {}
        self._lock: DataDirLock | None = None
        if write:
            from . import backups  # a reader never needs it: `runstrength today` stays quick

            make_private_dir(self.dir)
            self._lock = DataDirLock(self.dir).acquire()
            backups.make_private_files(self.dir)
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
        tables = read_raw(path) or {}
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
        raw = read_raw(main_path)  # parsed and checked against the schema (store/files.py)
        if raw is None:
            if self.write:
                atomic_write_bytes(main_path, json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION}}}).encode())
        else:
            version = main_version(raw)
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(
                    f"{main_path} was written by a newer runstrength (schema {version}; this version knows "
                    f"{SCHEMA_VERSION}). It was left untouched: upgrade runstrength to open it. {restore_advice(self.dir)}"
                )
            if version < SCHEMA_VERSION:
                self._migrate(raw, version)
            else:  # parsed already: the first reads need not parse it again
                st = os.stat(main_path)
                self._cache[main_path] = ((st.st_ino, st.st_size, st.st_mtime_ns), raw, {})
        self.main = open_db(main_path, read_only=not self.write)
        self.journal = open_db(self.dir / JOURNAL, read_only=not self.write)
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
        from fnmatch import fnmatchcase

        from .backups import BACKUP_DIR

        # one listing per folder matched with fnmatch: pathlib's glob built its selector
        # machinery for each of the six patterns, ~1 ms of every start
        temps = {
            self.dir: (
                f".{MAIN}.*.tmp",
                f".{JOURNAL}.*.tmp",
                f".{SHARD_PREFIX}*.json.*.tmp",
                f".{swap.PENDING}.*.tmp",
                f".{RUNS_PREFIX}*.json.*.tmp",
            ),
            self.dir / BACKUP_DIR: (".runstrength-*.tar.gz.*.tmp",),
        }
        for folder, patterns in temps.items():
            try:
                names = os.listdir(folder)
            except FileNotFoundError:
                continue
            for name in names:
                if any(fnmatchcase(name, pattern) for pattern in patterns):
                    (folder / name).unlink(missing_ok=True)

    def _migrate(self, raw: dict, version: int) -> None:
        from . import migrations

        lock = self._lock
        temporary = None
        if lock is None:  # a read-only command still upgrades the folder, under the lock
            temporary = lock = DataDirLock(self.dir).acquire()
        try:
            self.backup(label=f"before-v{SCHEMA_VERSION}")
            migrations.run(self.dir, raw, version)
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

    def profile_doc(self) -> dict | None:
        """The profile's document as kept: the runner's profile and the app's settings."""
        docs = list(self._tables(self.dir / MAIN).get("profile", {}).values())
        return dict(docs[0]) if docs else None

    def profile(self) -> Profile | None:
        doc = self.profile_doc()
        return Profile.from_doc(doc) if doc is not None else None

    def settings(self) -> TuiSettings:
        """The app's own settings, kept in the profile's document (defaults without one)."""
        return TuiSettings.from_doc(self.profile_doc())

    def save_profile(self, profile: Profile, settings: TuiSettings | None = None) -> None:
        """Save the profile; the app's settings kept beside it stay as they are, unless
        ``settings`` are given (one write for both)."""
        self._need_write()
        doc = profile.to_doc() | (settings or self.settings()).to_doc()
        check_docs(schema.PROFILE, [doc])
        self.main.table("profile").upsert(Document(doc, doc_id=1))

    def save_settings(self, settings: TuiSettings) -> bool:
        """Keep the app's settings beside the saved profile; False (nothing written) when no
        profile is saved yet (the first start writes nothing until the runner saves)."""
        profile = self.profile()
        if profile is None:
            return False
        self.save_profile(profile, settings)
        return True

    def acks(self) -> list[tuple[str, str, date]]:
        docs = self._tables(self.dir / MAIN).get("acks", {}).values()
        return [(a["code"], a.get("exercise") or "", date.fromisoformat(a["date"])) for a in docs]

    def ack(self, code: str, exercise: str | None, day: date) -> None:
        self._need_write()
        doc = {"code": code, "exercise": exercise or "", "date": day.isoformat()}
        check_docs(schema.ACK, [doc])
        self.main.table("acks").insert(doc)

    # --- the plan ledger ---------------------------------------------------------------

    def shown_days(self, since: date) -> dict[date, tuple[str, int | None]]:
        """Day → what Today showed for it on that day (strength | finisher-only | rest) and
        the volume (reps + hold seconds) the shown session asked for."""
        lo = since.isoformat()
        docs = self._tables(self.dir / MAIN).get("shown", {}).values()
        return {date.fromisoformat(d["date"]): (d["kind"], d.get("volume")) for d in docs if d["date"] >= lo}

    def remember_shown(self, day: date, kind: str, volume: int | None = None, keep_days: int = 60) -> bool:
        """Keep what Today showed for ``day`` (once a day: the first showing stands, so a
        later re-plan never rewrites it); days older than ``keep_days`` are dropped.
        True when something was written."""
        self._need_write()
        table = self._tables(self.dir / MAIN).get("shown", {})
        if any(d["date"] == day.isoformat() for d in table.values()):
            return False
        doc: dict[str, object] = {"date": day.isoformat(), "kind": kind}
        if volume is not None:
            doc["volume"] = volume
        check_docs(schema.SHOWN, [doc])
        shown = self.main.table("shown")
        old = (day - timedelta(days=keep_days)).isoformat()
        stale = [int(k) for k, d in table.items() if d["date"] < old]
        if stale:
            shown.remove(doc_ids=stale)
        shown.insert(doc)
        return True

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
        check_docs(schema.SESSION, [session.to_doc()])
        self.journal.storage.write({"session": {"1": session.to_doc()}, "sets": {}})
        return session

    def session_on_day(self, day: date) -> SessionRecord | None:
        """The sitting a CLI set on ``day`` would join, if there is one: the open one (when it
        is that day's), else the day's last finished one."""
        current = self.open_session()
        if current and current[0].date == day:
            return current[0]
        same_day = [s for s in self._closed_sessions() if s.date == day]
        return max(same_day, key=lambda s: s.started_at) if same_day else None

    def session_for_day(self, day: date, now: datetime) -> SessionRecord:
        """The sitting a CLI set on ``day`` joins: the open one, the day's last one, or a new one."""
        return self.session_on_day(day) or self.start_session(day, now)

    def log_sets(self, records: list[SetRecord]) -> list[SetRecord]:
        """Save sets durably: when this returns, they are on disk."""
        self._need_write()
        if not records:
            return []
        check_docs(schema.SET, [r.to_doc() for r in records])
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
        doc = session.to_doc()
        check_docs(schema.SESSION, [doc])

        def replace(stored: dict) -> None:  # the whole document: a field set back to "none" goes
            stored.clear()
            stored.update(doc)

        self.journal.table("session").update(replace, doc_ids=[1])
        return session

    def finish_session(
        self, now: datetime, rpe: int | None = None, minutes: float | None = None
    ) -> SessionRecord | None:
        """Close the open sitting with its session RPE and minutes, and fold it into the log."""
        self._need_write()
        current = self.open_session()
        if current is None:
            return None
        self.update_open_session(ended_at=now, rpe=rpe, minutes=minutes, resumed_at=None)
        return self._fold()

    def close_open_session(self, now: datetime) -> SessionRecord | None:
        """Close an interrupted sitting as it stands (its last set marks its end)."""
        current = self.open_session()
        if current is None:
            return None
        session, sets = current
        end = max((s.logged_at for s in sets), default=session.started_at)
        # the minutes it ran: its earlier stretches and this one up to its last set (a sitting
        # saved as it was, then reopened, keeps its time; the weekly load reads it)
        total = session.active_minutes(end)
        minutes = session.minutes if session.ended_at else (max(1, round(total)) if total > 0 else None)
        self.update_open_session(ended_at=session.ended_at or end, minutes=minutes, resumed_at=None)
        return self._fold()

    def reopen_session(self, session_id: str, now: datetime | None = None) -> SessionRecord:
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
        saved = SessionRecord.from_doc(doc)
        # its minutes so far stay with it; the stretch that starts now is added at the end
        minutes = (
            saved.minutes
            if saved.minutes is not None or saved.ended_at is None
            else saved.active_minutes(saved.ended_at)
        )
        session = saved.with_changes(ended_at=None, minutes=minutes, resumed_at=now)
        sets = [s for s in self.sets(since=session.date, until=session.date) if s.session == session_id]
        self.journal.storage.write(
            {"session": {"1": session.to_doc()}, "sets": {str(i): r.to_doc() for i, r in enumerate(sets, 1)}}
        )
        db = open_db(self._shard_path(session.date.year), read_only=False)
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
        # not TinyDB's upsert: its update writes the file even when nothing matched, and
        # then its insert writes it again (each write is checked, see storage.py)
        table, match = self.main.table("sessions"), Query().id == session.id
        if table.contains(match):
            table.update(session.to_doc(), match)
        else:
            table.insert(session.to_doc())

    def _insert_into_shards(self, records: list[SetRecord]) -> None:
        by_year: dict[int, list[SetRecord]] = defaultdict(list)
        for record in records:
            by_year[record.date.year].append(record)
        for year, group in by_year.items():
            db = open_db(self._shard_path(year), read_only=False)
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
            return list(
                self._derived(
                    self.dir / MAIN,
                    "sessions",
                    lambda t: [SessionRecord.from_doc(d) for d in t.get("sessions", {}).values()],
                )
            )
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
            db = open_db(self._shard_path(year), read_only=not self.write)
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
        check_docs(schema.SET, [new.to_doc()])
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
        """The whole log as our JSON export (see exchange.py)."""
        from .exchange import export_bundle

        return export_bundle(self, now)

    def export_csv(self) -> str:
        from .exchange import export_csv

        return export_csv(self)

    def import_bundle(
        self,
        sessions: list[SessionRecord],
        sets: list[SetRecord],
        profile: Profile | None,
        acks,
        runs=(),
        settings: TuiSettings | None = None,
    ) -> dict:
        """Merge already-validated records (see exchange.py)."""
        from .exchange import import_bundle

        return import_bundle(self, sessions, sets, profile, acks, runs, settings)

    # --- backups (backups.py) -----------------------------------------------------------

    def backups(self) -> list[Path]:
        from .backups import list_backups

        return list_backups(self.dir)

    def backup(self, label: str = "", now: datetime | None = None) -> Path | None:
        """A dated gzip copy of every data file, byte for byte; the newest 10 are kept."""
        from .backups import make_backup

        return make_backup(self.dir, label, now)

    def backup_if_stale(self, max_age: timedelta = timedelta(days=1)) -> Path | None:
        """The daily backup: made when the newest one is older than ``max_age`` (or missing)."""
        last = self.last_backup_time()
        if last is not None and datetime.now() - last <= max_age:
            return None
        return self.backup(label="daily")

    def last_backup_time(self) -> datetime | None:
        newest = self.backups()
        return datetime.fromtimestamp(newest[-1].stat().st_mtime) if newest else None


def folders_to_make(data_dir: Path) -> list[Path] | None:
    """None when ``data_dir`` already holds a log; else the folders of its path that do not
    exist yet, deepest first (what opening it for writing would create)."""
    data_dir = Path(data_dir).absolute()
    if (data_dir / MAIN).exists():
        return None
    missing = []
    for folder in (data_dir, *data_dir.parents):
        if folder.exists():
            break
        missing.append(folder)
    return missing


def forget_new_log(data_dir: Path, made: list[Path]) -> None:
    """Undo opening a new log that was never used (onboarding left before saving): the
    files opening wrote, then the folders it made, each only if empty. Closed first."""
    for name in (MAIN, JOURNAL, LOCK_NAME):
        try:
            (Path(data_dir) / name).unlink()
        except FileNotFoundError:
            pass
    for folder in made:
        try:
            folder.rmdir()
        except OSError:
            break
