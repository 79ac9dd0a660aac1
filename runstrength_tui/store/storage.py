"""A TinyDB storage that never leaves a half-written file behind.

TinyDB's stock JSONStorage rewrites the file in place, so a kill mid-write can leave
it unreadable. Here every write encodes first, writes a temp file in the same folder,
fsyncs it, ``os.replace``s it over the old file and fsyncs the folder: after a crash the
file is either the old version or the new one, never a mix.

A file that exists but cannot be read as a TinyDB database (empty, truncated, trailing
garbage, not an object of tables, huge integers, deep nesting) or whose documents break
the schema (a string where a number belongs, a date in year 9999…) is *corrupt*: it is left exactly as it is, a copy is
kept beside it as ``<name>.corrupt-<time>``, and :class:`CorruptFileError` explains how
to restore the newest backup.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage


class StoreError(Exception):
    """A problem with the data folder that a person must act on; the message says how."""


class CorruptFileError(StoreError):
    def __init__(self, path: Path, reason: str, kept_as: Path | None):
        self.path, self.reason, self.kept_as = path, reason, kept_as
        kept = f" A copy is kept as {kept_as.name}." if kept_as else ""
        super().__init__(f"{path} is damaged ({reason}) and was left untouched.{kept} {restore_advice(path.parent)}")


def restore_advice(data_dir: Path) -> str:
    """What a restore would put back, said before advising one: when the newest backup was
    made and what it holds, against what the readable files hold now."""
    try:
        from .backups import newest_backup_summary

        summary = newest_backup_summary(data_dir)
    except Exception:  # advice must never hide the error it comes with
        summary = None
    where = f" (add --data-dir {data_dir} if you use one)"
    if summary is None:
        return f"`runstrength restore --list` shows the backups there are{where}."
    return (
        f"The newest backup was made {summary}; `runstrength restore` puts it back (what was logged after "
        f"it is lost), and `runstrength restore --list` shows the others{where}."
    )


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_written = [0]  # durable writes made by this process (see writes_done)


def writes_done() -> int:
    """How many files this process has written durably: a command whose report cannot be
    printed afterwards still did its work, and must not say it failed."""
    return _written[0]


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves the old or the new file, whole."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write_private(tmp, payload)
    os.replace(tmp, path)
    fsync_dir(path.parent)
    _written[0] += 1


def encode(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def parse(raw: bytes, passed_before: bool = False) -> tuple[dict[str, Any] | None, str | None]:
    """(tables, None) for the bytes of a TinyDB file, or (None, why it is not one).

    ``passed_before``: these exact bytes passed this check (and the schema's) before, so
    the safe parser's integer guard (a call per integer: ~1 ms of a 10-year log's year file) cannot fire
    and is skipped; its other guards cost nothing and stay."""
    from ..domain.schema import loads

    if not raw.strip():
        return None, "the file is empty"
    try:
        data = loads(raw.decode("utf-8"), check_ints=not passed_before)
    except UnicodeDecodeError:
        return None, "the file is not UTF-8 text"
    except ValueError as exc:
        return None, str(exc)
    if not isinstance(data, dict):
        return None, f"expected an object of tables, found a JSON {type(data).__name__}"
    if not all(isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in data.values()):
        return None, "a table is not an object of documents"
    return data, None


# Contents already found valid, by path: (length, hash). TinyDB re-reads a file on every
# operation; a file is validated once per change, not once per read.
_VALID: dict[str, tuple[int, int]] = {}


def decode(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse and validate a data file; raise CorruptFileError (after keeping a copy) when it
    is not a TinyDB file or breaks the schema (domain/schema.py, via store/files.py).
    Bytes that passed before, in this process or (large files) in an earlier one (see
    check_cache.py), are not checked again."""
    from . import check_cache
    from .files import default_window, problems

    key = str(path)
    stamp = (len(raw), hash(raw))
    trusted = _VALID.get(key) == stamp
    if not trusted:
        window = default_window()
        note = check_cache.note_for(path.name, raw)
        trusted = check_cache.passed(note, window)
    data, reason = parse(raw, passed_before=trusted)
    if data is not None and not trusted:
        found = problems(path.name, data, window)
        reason = found[0] if found else None
        if reason is None:
            check_cache.remember(note, window)
    if data is None or reason is not None:
        raise CorruptFileError(path, reason or "unreadable", keep_corrupt_copy(path, raw))
    _VALID[key] = stamp
    return data


def read_raw(path: Path) -> dict[str, Any] | None:
    """A data file's tables, parsed and validated (see :func:`decode`); None when it is missing."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return decode(path, raw)


def write_private(path: Path, payload: bytes, exclusive: bool = False) -> None:
    """Write a file readable by its owner only (0600), fsynced."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (0700) or make an existing one private again."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)


def keep_corrupt_copy(path: Path, raw: bytes) -> Path | None:
    """Copy a damaged file aside once (an identical copy already kept is reused), 0600."""
    for existing in sorted(path.parent.glob(f"{path.name}.corrupt-*")):
        try:
            if existing.read_bytes() == raw:
                return existing
        except OSError:
            continue
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        write_private(target, raw, exclusive=True)
        fsync_dir(path.parent)
    except OSError:
        return None
    return target


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic, durable writes; damaged files refused, never overwritten."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only

    def read(self) -> dict[str, Any] | None:
        return read_raw(self.path)

    def write(self, data: dict[str, Any]) -> None:
        """Check the new contents as a later read would (the schema of store/files.py), then
        write them atomically and note that they passed: the next read, in this process or
        (large files) the next start, does not check them again. Contents that would not
        pass are not written: a bug of ours is refused here rather than read as damage."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; nothing was written.")
        from . import check_cache
        from .files import default_window, problems

        payload = encode(data)
        window = default_window()
        found = problems(self.path.name, json.loads(payload), window)
        if found:
            raise StoreError(
                f"{self.path} was not written: {found[0]}. Nothing was changed; "
                "this is a bug in runstrength, please report it."
            )
        atomic_write_bytes(self.path, payload)
        _VALID[str(self.path)] = (len(payload), hash(payload))
        check_cache.remember(check_cache.note_for(self.path.name, payload), window)

    def close(self) -> None:
        pass
