"""Backups: making them, reading them without trusting them, and restoring one safely.

A backup is a gzip tar of every data file, byte for byte (:func:`make_backup`; the newest
``KEEP_BACKUPS`` are kept). One found in ``backups/`` may still
be truncated, damaged or hostile, so reading one:

- decompresses through a cap (``MAX_TOTAL`` bytes in all, no single read larger than a
  member may be): a gzip bomb stops there, without using more memory or writing anything;
- accepts only regular members whose names are data files (``store/files.py``), each at
  most ``MAX_MEMBER`` bytes by its header, checked before it is read; no duplicates;
- parses and validates every member with the same schema as the live files.

Restoring then writes all members at once through :mod:`.swap`, so a kill leaves either the
old files or the restored ones, never a mix.
"""

from __future__ import annotations

import io
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .files import JOURNAL, MAIN, SCHEMA_VERSION, SHARD_PREFIX, is_data_file, main_version, outside_window, problems
from .storage import StoreError, atomic_write_bytes, fsync_dir, make_private_dir, parse

BACKUP_DIR = "backups"
KEEP_BACKUPS = 10
MAX_MEMBER = 16 * 2**20  # one data file (a year of sets is about 1 MB; all sessions of ten years 0.3 MB)
MAX_TOTAL = 64 * 2**20  # everything a backup may decompress to (ten years of log: about 10 MB)
MAX_MEMBERS = 200
NAME_RE = re.compile(r"runstrength-([0-9]{8}-[0-9]{6})(?:-[0-9]{6})?(?:-([A-Za-z0-9-]+))?\.tar\.gz")


class BackupError(StoreError):
    """A backup that cannot be used; nothing was changed."""


class BackupNameError(StoreError):
    """A NAME that is not one of the backups (bad input: exit 2)."""


class RestoreCancelled(StoreError):
    pass


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


def write_tar(target: Path, files: list[Path]) -> None:
    """A gzip tar of ``files`` (byte for byte), written atomically (0600, in a 0700 folder)."""
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in files:
            tar.add(path, arcname=path.name)
    make_private_dir(target.parent)
    atomic_write_bytes(target, buffer.getvalue())


def make_backup(data_dir: Path, label: str = "", now: datetime | None = None) -> Path | None:
    """A dated gzip copy of every data file, byte for byte; the newest ``KEEP_BACKUPS`` are
    kept, and the newest daily one whatever its age. When the newest backup already holds
    these exact bytes, it is returned and no copy is made. The caller holds the data
    folder's lock."""
    data_dir = Path(data_dir)
    files = [data_dir / n for n in sorted(os.listdir(data_dir)) if is_data_file(n) and (data_dir / n).is_file()]
    if not files:
        return None
    folder = data_dir / BACKUP_DIR
    found = list_backups(data_dir)
    if found and _holds(found[-1], files):
        return found[-1]  # the newest backup has these very bytes: another copy would only push older ones out
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"runstrength-{stamp}{'-' + label if label else ''}.tar.gz"
    write_tar(target, files)
    found = list_backups(data_dir)
    daily = [p for p in found if label_of(p) in ("", "daily")]
    for old in found[:-KEEP_BACKUPS]:
        if daily and old == daily[-1]:
            continue  # the last daily backup stays, however many others came after it
        old.unlink()
    fsync_dir(folder)
    return target


def _holds(backup: Path, files: list[Path]) -> bool:
    """Whether ``backup`` holds exactly these files, byte for byte."""
    try:
        members = _unpack(backup)
        return members.keys() == {p.name for p in files} and all(members[p.name] == p.read_bytes() for p in files)
    except (StoreError, OSError):
        return False


class _TooLarge(Exception):
    pass


class _Capped:
    """A read-only stream that refuses to yield more than ``limit`` bytes in all, or more
    than ``largest`` in one read."""

    def __init__(self, raw: io.BufferedIOBase, limit: int, largest: int):
        self.raw, self.left, self.largest = raw, limit, largest

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0 or n > self.largest:
            raise _TooLarge(f"it asks for a read of more than {self.largest // 2**20} MB")
        data: bytes = self.raw.read(min(n, self.left + 1))
        self.left -= len(data)
        if self.left < 0:
            raise _TooLarge(f"it unpacks to more than {MAX_TOTAL // 2**20} MB")
        return data


def read_members(path: Path) -> dict[str, bytes]:
    """The data files in a backup, each checked (see the module doc); BackupError otherwise."""
    members = _unpack(path)
    if MAIN not in members:
        raise BackupError(f"it has no {MAIN}")
    for name, payload in members.items():
        data, reason = parse(payload)
        if data is None:
            raise BackupError(f"its {name} is damaged ({reason})")
        if reason is None and name == MAIN and (main_version(data) or 0) > SCHEMA_VERSION:
            reason = "written by a newer runstrength"
        if reason is None:
            found = problems(name, data, outside_window())
            reason = found[0] if found else None
        if reason is not None:
            raise BackupError(f"its {name} is damaged ({reason})")
    return members


def _unpack(path: Path) -> dict[str, bytes]:
    """The members of a backup, as bytes, within the caps; not yet checked."""
    import gzip
    import tarfile

    members: dict[str, bytes] = {}
    try:
        with open(path, "rb") as handle, gzip.GzipFile(fileobj=handle, mode="rb") as gz:
            stream = _Capped(gz, MAX_TOTAL, MAX_MEMBER + tarfile.RECORDSIZE)
            with tarfile.open(fileobj=stream, mode="r|") as tar:  # type: ignore[call-overload]
                for member in tar:
                    name = member.name
                    if len(members) >= MAX_MEMBERS:
                        raise BackupError(f"it holds more than {MAX_MEMBERS} files")
                    if not is_data_file(name):
                        raise BackupError(f"it holds {name[:60]!r}, which is not a runstrength data file")
                    if not member.isreg():
                        raise BackupError(f"its {name} is a link or special file, not a regular file")
                    if member.size > MAX_MEMBER:
                        raise BackupError(
                            f"its {name} is {member.size // 2**20} MB, more than the {MAX_MEMBER // 2**20} MB a data file may be"
                        )
                    if name in members:
                        raise BackupError(f"it holds {name} twice")
                    members[name] = tar.extractfile(member).read()
    except _TooLarge as exc:
        raise BackupError(str(exc)) from None
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise BackupError(f"it is not a readable .tar.gz ({_short(exc)})") from None
    return members


def _short(exc: BaseException) -> str:
    text = str(exc).split("\n")[0] or type(exc).__name__
    return text[:120]


@dataclass
class Counts:
    sessions: int
    sets: int

    def __str__(self) -> str:
        s = "session" if self.sessions == 1 else "sessions"
        t = "set" if self.sets == 1 else "sets"
        return f"{self.sessions} {s}, {self.sets} {t}"


def count(files: dict[str, bytes]) -> Counts:
    """Sessions and sets in a set of data files (files that do not parse count nothing)."""
    tables = {name: parse(payload)[0] or {} for name, payload in files.items()}
    main = tables.get(MAIN, {})
    journal = tables.get(JOURNAL, {})
    if main_version(main) == 0:  # a prototype log: one session per date
        days = {d.get("date") for d in main.get("sets", {}).values()}
        return Counts(len(days), len(main.get("sets", {})))
    open_sets = journal.get("sets", {})
    sessions = len(main.get("sessions", {})) + (1 if journal.get("session") and open_sets else 0)
    sets = sum(len(t.get("sets", {})) for n, t in tables.items() if n.startswith(SHARD_PREFIX)) + len(open_sets)
    return Counts(sessions, sets)


def newest_backup_summary(data_dir: Path) -> str | None:
    """'7 Dec 09:14 and holds 12 sessions, 40 sets (the readable files now: 14 sessions,
    46 sets)' for the backup `restore` would choose; None when there is none to use."""
    try:
        chosen, _ = choose(Path(data_dir), None)
        held = count(read_members(chosen))
    except StoreError:
        return None
    now = count(current_files(data_dir))
    return f"{when_text(taken_at(chosen))} and holds {held} (the readable files now: {now})"


def current_files(data_dir: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(Path(data_dir).iterdir()) if Path(data_dir).is_dir() else []:
        if is_data_file(path.name) and path.is_file() and not path.is_symlink():
            out[path.name] = path.read_bytes()
    return out


def taken_at(path: Path) -> datetime:
    match = NAME_RE.fullmatch(path.name)
    if match:
        try:
            return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            pass
    return datetime.fromtimestamp(path.stat().st_mtime)


def label_of(path: Path) -> str:
    match = NAME_RE.fullmatch(path.name)
    return (match.group(2) or "") if match else ""


def when_text(moment: datetime, now: datetime | None = None) -> str:
    """'25 Nov 22:37' this year, '25 Nov 2024 22:37' before."""
    now = now or datetime.now()
    fmt = "%d %b %H:%M" if moment.year == now.year else "%d %b %Y %H:%M"
    return moment.strftime(fmt).lstrip("0")


def list_backups(data_dir: Path) -> list[Path]:
    """Backups, oldest first: regular files named like ours (links are not followed)."""
    folder = Path(data_dir) / BACKUP_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if NAME_RE.fullmatch(p.name) and p.is_file() and not p.is_symlink())


def choose(data_dir: Path, name: str | None) -> tuple[Path, list[Path]]:
    """The backup NAME (confined to backups/), or the newest one that is not a copy made
    before a restore; and the others, newest first (fallbacks)."""
    found = list_backups(data_dir)
    folder = Path(data_dir) / BACKUP_DIR
    if name is not None:
        if not NAME_RE.fullmatch(name):
            raise BackupNameError(
                f"{name!r} is not a backup name; give a file name from `runstrength restore --list`, "
                "like runstrength-20250312-180000-daily.tar.gz."
            )
        chosen = folder / name
        if chosen not in found:
            raise BackupNameError(
                f"there is no backup named {name} in {folder}; `runstrength restore --list` shows them."
            )
    else:
        usable = [p for p in found if "before-restore" not in p.name] or found
        if not usable:
            raise StoreError(f"there are no backups in {folder} yet; nothing was changed.")
        chosen = usable[-1]
    others = [p for p in reversed(found) if p != chosen and "before-restore" not in p.name]
    return chosen, others


def restore(data_dir: Path, name: str | None, confirm: Callable[[str], bool], now: datetime | None = None) -> Path:
    """Put back a backup. Every member is read and validated first; ``confirm`` is shown
    what will change and must say yes; the current files are backed up (even damaged
    ones); then all files are swapped in at once."""
    from . import swap
    from .lock import DataDirLock

    data_dir = Path(data_dir)
    with DataDirLock(data_dir):
        swap.finish(data_dir)
        chosen, others = choose(data_dir, name)
        try:
            members = read_members(chosen)
        except BackupError as exc:
            fallback = next((p for p in others if _usable(p)), None)
            hint = (
                f" The next newest usable backup is {fallback.name}: `runstrength restore {fallback.name}`."
                if fallback
                else ""
            )
            raise BackupError(f"backup {chosen.name} cannot be used: {exc}; nothing was changed.{hint}") from None
        current = current_files(data_dir)
        now_counts = count(current) if current else None
        summary = (
            f"Backup of {when_text(taken_at(chosen), now)}: {count(members)}; "
            f"your log now: {now_counts if now_counts is not None else 'empty'}."
        )
        if not confirm(summary):
            raise RestoreCancelled("nothing was restored; your log is as it was.")
        if current:
            stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
            write_tar(
                data_dir / BACKUP_DIR / f"runstrength-{stamp}-before-restore.tar.gz", [data_dir / n for n in current]
            )
        try:
            swap.commit(data_dir, members, remove=[n for n in current if n not in members])
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            if swap.pending(data_dir):
                raise StoreError(
                    f"the restore stopped half-way: {exc.strerror or exc}{where}; it will be finished the next time runstrength starts."
                ) from None
            raise StoreError(
                f"the restore could not be written: {exc.strerror or exc}{where}; your log is as it was."
            ) from None
        make_private_files(data_dir)
    return chosen


def _usable(path: Path) -> bool:
    try:
        read_members(path)
    except BackupError:
        return False
    return True


def restore_backup(
    data_dir: Path, name: str | None = None, confirm: Callable[[str], bool] = lambda summary: True
) -> Path:
    """Put back the newest (or the named) backup without asking (scripts and tests)."""
    return restore(data_dir, name, confirm)
