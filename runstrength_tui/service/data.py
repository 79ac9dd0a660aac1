"""The data folder as a whole, for the front ends: where it is, whether it holds a log,
where an export may go, reading an export to import, listing backups and restoring one.

What needs the log opened is a :class:`~.log.Log` method (``export_text``, ``import_bundle``);
what works on the folder itself (before a log is opened, or in place of it) is here.
Nothing here imports the backup or export code until it is used: the quick commands stay quick.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.validate import InputError
from ..store.files import MAIN
from ..store.paths import ENV_DATA_DIR, default_data_dir, resolve_data_dir
from ..store.storage import StoreError, writes_done

if TYPE_CHECKING:
    from ..store.exchange import Bundle

__all__ = [
    "ENV_DATA_DIR",
    "BackupRow",
    "RestoreCancelled",
    "backup_rows",
    "backups_folder",
    "check_backup_name",
    "default_data_dir",
    "export_target",
    "has_log",
    "profile_units",
    "read_import",
    "write_file",
    "resolve_data_dir",
    "restore",
    "writes_done",
]


class RestoreCancelled(StoreError):
    """The runner said no: nothing was restored."""


def has_log(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds a log (a read command on a folder without one is most
    likely a typo in --data-dir)."""
    return (Path(data_dir) / MAIN).is_file()


def export_target(output: str, data_dir: Path) -> Path:
    """The file an export may be written to: refused inside the data folder (it could
    replace the live log), in a missing folder, or over something that is not a file."""
    target = Path(output).expanduser().resolve()  # write through a link, not over it
    data = Path(data_dir).expanduser().resolve()
    inside = target == data or data in target.parents
    if not inside and target.exists() and data.is_dir():  # another name (a hard link) for a data file
        st = target.stat()
        inside = any(os.path.samestat(st, p.stat()) for p in data.iterdir() if p.is_file())
    if inside:
        raise InputError(
            f"{target} is inside the data folder {data}; export to a file outside it, for example ~/runstrength-export.json."
        )
    if not target.parent.is_dir():
        raise InputError(f"Folder {target.parent} does not exist; create it or pick another -o path.")
    if target.exists() and not target.is_file():
        raise InputError(f"{target} is not a regular file; give a file name to write the export to.")
    return target


def write_file(target: Path, payload: bytes) -> None:
    """Write an export (a plan's calendar…) to ``target`` atomically: a calendar app
    reading the file sees the old one or the new one, never half of one."""
    from ..store.storage import atomic_write_bytes

    atomic_write_bytes(Path(target), payload)


def read_import(path: Path, today: date, strong_unit: str = "kg") -> Bundle:
    """An export file (our JSON or CSV, or Strong's or Hevy's CSV) read and checked
    completely, before any log is opened: an ``exchange.Bundle`` for
    :meth:`Log.import_bundle`; InputError otherwise. ``strong_unit`` is the unit of
    Strong's current export (it does not say)."""
    from ..store.exchange import read_export
    from .coach_inputs import catalog

    return read_export(Path(path), catalog(), today, strong_unit)


def profile_units(data_dir: Path) -> str:
    """The runner's units (kg when there is no log or profile yet), read without a lock."""
    if not has_log(data_dir):
        return "kg"
    from .log import Log

    with Log(Path(data_dir), write=False) as log:
        profile = log.profile()
    return profile.units if profile else "kg"


# --- backups -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupRow:
    """One backup as `restore --list` shows it."""

    when: str  # '25 Nov 22:37'
    label: str  # 'daily', 'before-import', … or ''
    contents: str  # '12 sessions, 140 sets', or why it cannot be used
    name: str


def backups_folder(data_dir: Path) -> Path:
    from ..store.backups import BACKUP_DIR

    return Path(data_dir) / BACKUP_DIR


def backup_rows(data_dir: Path) -> list[BackupRow]:
    """The backups, newest first, each read (untrusted) to say what it holds."""
    from ..store import backups

    rows = []
    for path in reversed(backups.list_backups(Path(data_dir))):
        try:
            contents = str(backups.count(backups.read_members(path)))
        except StoreError as exc:
            contents = f"cannot be used: {exc}"
        rows.append(BackupRow(backups.when_text(backups.taken_at(path)), backups.label_of(path), contents, path.name))
    return rows


def check_backup_name(data_dir: Path, name: str | None) -> None:
    """A NAME that is not one of the backups is bad input (InputError), found before anything else."""
    from ..store import backups

    try:
        backups.choose(Path(data_dir), name)
    except backups.BackupNameError as exc:
        raise InputError(str(exc)) from None


def restore(data_dir: Path, name: str | None, confirm: Callable[[str], bool]) -> Path:
    """Put back the newest (or the named) backup once ``confirm(summary)`` says yes; the
    current files are backed up first. RestoreCancelled when it says no."""
    from ..store import backups

    try:
        return backups.restore(Path(data_dir), name, confirm)
    except backups.BackupNameError as exc:
        raise InputError(str(exc)) from None
    except backups.RestoreCancelled as exc:
        raise RestoreCancelled(str(exc)) from None
