"""The only code that reads or writes the data folder.

Layout of a data folder (every file a TinyDB database written by AtomicJSONStorage):

- ``runstrength.json``: tables ``meta`` (schema_version), ``profile``, ``sessions``
  (finished sittings) and ``acks`` (acknowledged warnings).
- ``journal.json``: the open session and its sets. Logging a set rewrites only this
  small file, so its cost does not grow with years of history.
- ``sets-YYYY.json``: the sets of finished sessions, one file per year.
- ``backups/``: dated ``.tar.gz`` copies of the files above (the last 10 are kept).

Closing a session *folds* the journal into the year files and the sessions table, then
empties the journal. Folding is idempotent (sets are matched by id), so a crash at any
point of it loses nothing and duplicates nothing.
"""

from __future__ import annotations

import io
import json
import os
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.table import Document

from ..domain.model import Profile, SessionRecord, SetRecord
from .lock import DataDirLock
from .storage import AtomicJSONStorage, StoreError, atomic_write_bytes, decode, fsync_dir

SCHEMA_VERSION = 1
MAIN = "runstrength.json"
JOURNAL = "journal.json"
SHARD_PREFIX = "sets-"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 10
EXPORT_FORMAT = "runstrength-export"


class NewerSchemaError(StoreError):
    pass


def new_id() -> str:
    """A random 128-bit id in hex (what uuid4().hex gives, without importing uuid)."""
    return os.urandom(16).hex()


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
            self.dir.mkdir(parents=True, exist_ok=True)
            self._lock = DataDirLock(self.dir).acquire()
            self._remove_stale_temps()
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
        raw = _read_raw(main_path)
        if raw is None:
            if self.write:
                atomic_write_bytes(main_path, json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION}}}).encode())
        else:
            version = self._version(raw)
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

    def _remove_stale_temps(self) -> None:
        """Temp files of a writer that was killed mid-write (safe: we hold the lock)."""
        patterns = [(self.dir, f".{MAIN}.*.tmp"), (self.dir, f".{JOURNAL}.*.tmp"), (self.dir, f".{SHARD_PREFIX}*.json.*.tmp"),
                    (self.dir / BACKUP_DIR, ".runstrength-*.tar.gz.*.tmp")]
        for folder, pattern in patterns:
            for path in folder.glob(pattern):
                path.unlink(missing_ok=True)

    @staticmethod
    def _version(raw: dict) -> int:
        meta = raw.get("meta")
        if not meta:
            return 0
        doc = next(iter(meta.values()))
        version = doc.get("schema_version")
        if not isinstance(version, int):
            raise StoreError("runstrength.json has no readable schema_version; restore a backup with `runstrength restore`.")
        return version

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
        self.main.table("profile").upsert(Document(profile.to_doc(), doc_id=1))

    def acks(self) -> list[tuple[str, str, date]]:
        docs = self._tables(self.dir / MAIN).get("acks", {}).values()
        return [(a["code"], a.get("exercise") or "", date.fromisoformat(a["date"])) for a in docs]

    def ack(self, code: str, exercise: str | None, day: date) -> None:
        self._need_write()
        self.main.table("acks").insert({"code": code, "exercise": exercise or "", "date": day.isoformat()})

    # --- sessions and sets ---------------------------------------------------------------

    def _shard_path(self, year: int) -> Path:
        return self.dir / f"{SHARD_PREFIX}{year}.json"

    def _shard_years(self) -> list[int]:
        years = []
        for path in self.dir.glob(f"{SHARD_PREFIX}*.json"):
            stem = path.stem[len(SHARD_PREFIX):]
            if stem.isdigit():
                years.append(int(stem))
        return sorted(years)

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
            return list(self._derived(self.dir / MAIN, "sessions", lambda t: [SessionRecord.from_doc(d) for d in docs]))
        lo = since.isoformat()
        recent = [d for d in docs if d["date"] >= lo]
        older = [d for d in docs if d["date"] < lo]
        if older:
            recent.append(max(older, key=lambda d: (d["date"], d["started_at"])))
        return [SessionRecord.from_doc(d) for d in recent]

    def sessions(self, include_open: bool = True, since: date | None = None) -> list[SessionRecord]:
        """Sittings with at least one set, oldest first (the open one included). With
        ``since``: from that day on, plus the last one before it."""
        found = {s.id: s for s in self._closed_sessions(since)}
        current = self.open_session() if include_open else None
        if current and current[1]:
            found[current[0].id] = current[0]
        return sorted(found.values(), key=lambda s: (s.date, s.started_at, s.id))

    def sets(self, since: date | None = None, until: date | None = None, exercises=None) -> list[SetRecord]:
        """Sets logged from ``since`` to ``until`` (inclusive), oldest first; only those of
        ``exercises`` when given. Only the year files that can hold such sets are read."""
        lo = since.isoformat() if since else ""
        hi = until.isoformat() if until else "9999"
        found: dict[str, SetRecord] = {}
        for year in self._shard_years():
            if (since and year < since.year) or (until and year > until.year):
                continue
            raw = self._tables(self._shard_path(year))
            for doc in raw.get("sets", {}).values():
                if lo <= doc["date"] <= hi and (exercises is None or doc["exercise"] in exercises):
                    found[doc["id"]] = SetRecord.from_doc(doc)
        current = self.open_session()
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

    def export_bundle(self, now: datetime) -> dict:
        profile = self.profile()
        return {
            "format": EXPORT_FORMAT,
            "version": SCHEMA_VERSION,
            "exported_at": now.isoformat(timespec="seconds"),
            "profile": profile.to_doc() if profile else None,
            "sessions": [s.to_doc() for s in self.sessions()],
            "sets": [s.to_doc() for s in self.sets()],
            "acks": sorted(
                ({"code": c, "exercise": e, "date": d.isoformat()} for c, e, d in self.acks()),
                key=lambda a: (a["date"], a["code"], a["exercise"]),
            ),
        }

    def export_csv(self) -> str:
        import csv

        out = io.StringIO()
        fields = ["date", "session", "exercise", "reps", "seconds", "load", "unit", "rpe", "pain", "note", "logged_at", "id"]
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for s in self.sets():
            writer.writerow(
                {
                    "date": s.date.isoformat(),
                    "session": s.session,
                    "exercise": s.exercise,
                    "reps": s.reps if s.reps is not None else "",
                    "seconds": s.seconds if s.seconds is not None else "",
                    "load": s.load_display if s.load_kg is not None else "",
                    "unit": s.unit if s.load_kg is not None else "",
                    "rpe": s.rpe if s.rpe is not None else "",
                    "pain": "yes" if s.pain else "",
                    "note": s.note,
                    "logged_at": s.logged_at.isoformat(timespec="seconds"),
                    "id": s.id,
                }
            )
        return out.getvalue()

    def import_bundle(self, sessions: list[SessionRecord], sets: list[SetRecord], profile: Profile | None, acks) -> dict:
        """Merge already-validated records; what is present (by id) is skipped."""
        self._need_write()
        have_sessions = {s.id for s in self.sessions()}
        have_sets = {s.id for s in self.sets()}
        new_sessions = list({s.id: s for s in sessions if s.id not in have_sessions}.values())
        new_sets = list({s.id: s for s in sets if s.id not in have_sets}.values())
        if new_sessions or new_sets:
            self.backup(label="before-import")
        if new_sets:
            self._insert_into_shards(new_sets)
        if new_sessions:
            self.main.table("sessions").insert_multiple([s.to_doc() for s in new_sessions])
        if profile is not None and self.profile() is None:
            self.save_profile(profile)
        have_acks = set(self.acks())
        fresh_acks = [a for a in acks if a not in have_acks]
        if fresh_acks:
            self.main.table("acks").insert_multiple(
                [{"code": c, "exercise": e, "date": d.isoformat()} for c, e, d in fresh_acks]
            )
        return {
            "sessions_added": len(new_sessions),
            "sets_added": len(new_sets),
            "sessions_skipped": len(sessions) - len(new_sessions),
            "sets_skipped": len(sets) - len(new_sets),
        }

    # --- backups -------------------------------------------------------------------------

    def _data_files(self) -> list[Path]:
        names = [MAIN, JOURNAL] + [f"{SHARD_PREFIX}{y}.json" for y in self._shard_years()]
        return [self.dir / n for n in names if (self.dir / n).exists()]

    def backups(self) -> list[Path]:
        folder = self.dir / BACKUP_DIR
        return sorted(folder.glob("runstrength-*.tar.gz")) if folder.exists() else []

    def backup(self, label: str = "", now: datetime | None = None) -> Path | None:
        """A dated gzip copy of every data file, byte for byte; the newest 10 are kept."""
        files = self._data_files()
        if not files:
            return None
        folder = self.dir / BACKUP_DIR
        folder.mkdir(exist_ok=True)
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"runstrength-{stamp}{'-' + label if label else ''}.tar.gz"
        _write_tar(target, files)
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


def _write_tar(target: Path, files: list[Path]) -> None:
    """A gzip tar of ``files`` (byte for byte), written atomically."""
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in files:
            tar.add(path, arcname=path.name)
    atomic_write_bytes(target, buffer.getvalue())


def restore_backup(data_dir: Path, name: str | None = None) -> Path:
    """Put a backup's files back. The current files are backed up first (even damaged ones),
    so a restore never loses anything."""
    import tarfile

    data_dir = Path(data_dir)
    with DataDirLock(data_dir):
        folder = data_dir / BACKUP_DIR
        candidates = sorted(folder.glob("runstrength-*.tar.gz")) if folder.exists() else []
        candidates = [c for c in candidates if "before-restore" not in c.name] or candidates
        if name:
            chosen = folder / name
            if not chosen.exists():
                raise StoreError(f"no backup named {name} in {folder}; `runstrength restore --list` shows them.")
        elif candidates:
            chosen = candidates[-1]
        else:
            raise StoreError(f"there are no backups in {folder} yet.")
        with tarfile.open(chosen, "r:gz") as tar:
            members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
        for member in members:
            if "/" in member or member.startswith("."):
                raise StoreError(f"{chosen.name} holds an unexpected file {member!r}; nothing was restored.")
        current = [p for p in [data_dir / MAIN, data_dir / JOURNAL, *data_dir.glob(f"{SHARD_PREFIX}*.json")] if p.exists()]
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        keep = folder / f"runstrength-{stamp}-before-restore.tar.gz"
        _write_tar(keep, current)
        for path in current:
            if path.name not in members:
                path.unlink()
        for member, payload in members.items():
            atomic_write_bytes(data_dir / member, payload)
        return chosen
