"""A cache of notes of data files that passed the schema check, kept in the cache folder, so that a
start does not check again a year file that has not changed since it was last read (for a
10-year log the check costs more than the rest of opening it).

A note is named by a hash of the file's exact bytes, its name, and the checking code (the
app's version and the stamps of the modules that check); it holds the date window the
bytes were checked against. Stored files are checked against the absolute window
(1970 to 2200, domain/schema.py); a note from a narrower window (older versions measured
dates against the clock) is still good, since bytes that passed a narrower window pass a
wider one: a note counts when its window does not reach past the current one. Files smaller
than ``MIN_BYTES`` are quick to check and get no note. Any trouble with the cache folder
only means checking the file.
"""

from __future__ import annotations

import os
import threading
from datetime import date
from hashlib import blake2b
from pathlib import Path

from ..domain.schema import Window
from .paths import cache_dir

MIN_BYTES = 64 * 1024
KEEP = 64  # notes kept (the newest): a few per year file of the logs in use
_CHECKERS = ("domain/schema.py", "domain/runs.py", "store/files.py")
_code: str | None = None


def _code_stamp() -> str:
    global _code
    if _code is None:
        from .. import __version__

        package = Path(__file__).resolve().parents[1]
        stamps = [__version__]
        for name in _CHECKERS:
            try:
                st = os.stat(package / name)
                stamps.append(f"{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                stamps.append("?")
        _code = "|".join(stamps)
    return _code


def note_for(name: str, raw: bytes) -> Path | None:
    """Where the note for these bytes of data file ``name`` is (None: too small for one)."""
    if len(raw) < MIN_BYTES:
        return None
    digest = blake2b(raw, digest_size=20)
    digest.update(f"\0{name}\0{_code_stamp()}".encode())
    try:
        return cache_dir() / "checked" / digest.hexdigest()
    except OSError:
        return None


def passed(note: Path | None, window: Window) -> bool:
    """True when these bytes passed the check against a window within today's."""
    if note is None:
        return False
    try:
        earliest, latest, plan_latest = (date.fromisoformat(x) for x in note.read_text().split())
    except (OSError, ValueError):
        return False
    return earliest == window.earliest and latest <= window.latest and plan_latest <= window.plan_latest


def remember(note: Path | None, window: Window) -> None:
    """Note that the bytes passed the check against ``window`` (keeping the newest notes)."""
    if note is None:
        return
    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        tmp = note.with_name(f".{note.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(f"{window.earliest} {window.latest} {window.plan_latest}")
        os.replace(tmp, note)
        notes = [e for e in os.scandir(note.parent) if not e.name.startswith(".")]
        if len(notes) > KEEP:
            notes.sort(key=lambda e: e.stat().st_mtime_ns)
            for old in notes[: len(notes) - KEEP]:
                os.unlink(old.path)
    except OSError:
        pass
