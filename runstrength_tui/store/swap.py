"""Replace several data files as one step: after a crash, either all old or all new.

``commit`` writes every new file into ``.staging/`` and fsyncs it, then writes the marker
``swap.pending`` (atomically: this is the commit point), then moves the staged files over
the live ones, removes the files the new state does not have, and deletes the marker.
A kill before the marker leaves the old files untouched (the staging folder is cleared by
the next writer); a kill after it is finished by the next start (``finish`` is idempotent:
a staged file already moved is simply no longer there). Readers wait while a marker exists.

The caller holds the data folder's lock.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from .files import is_data_file
from .storage import StoreError, atomic_write_bytes, fsync_dir, restore_advice, write_private

PENDING = "swap.pending"
STAGING = ".staging"


def commit(data_dir: Path, files: dict[str, bytes], remove: Sequence[str] = ()) -> None:
    stage(data_dir, files)
    publish(data_dir, files, remove)


def stage(data_dir: Path, files: dict[str, bytes]) -> None:
    """Write the new files into ``.staging/`` (nothing live changes yet): a folder that
    cannot be written fails here, before the caller takes a backup for nothing."""
    staging = Path(data_dir) / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    for name, payload in files.items():
        write_private(staging / name, payload)
    fsync_dir(staging)


def publish(data_dir: Path, files: dict[str, bytes], remove: Sequence[str] = ()) -> None:
    """The commit point (the marker), then the staged files moved over the live ones."""
    data_dir = Path(data_dir)
    plan = {"write": sorted(files), "remove": sorted(set(remove) - set(files))}
    atomic_write_bytes(data_dir / PENDING, json.dumps(plan).encode())
    finish(data_dir)


def pending(data_dir: Path) -> bool:
    return (Path(data_dir) / PENDING).exists()


def finish(data_dir: Path) -> bool:
    """Complete an interrupted swap; clear a staging folder left without a marker.
    True when a swap was completed."""
    data_dir = Path(data_dir)
    marker = data_dir / PENDING
    staging = data_dir / STAGING
    try:
        raw = marker.read_bytes()
    except FileNotFoundError:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        return False
    try:
        plan = json.loads(raw)
        names = list(plan["write"]) + list(plan["remove"])
        if not all(isinstance(n, str) and is_data_file(n) for n in names):
            raise ValueError(names)
    except (ValueError, KeyError, TypeError):
        raise StoreError(
            f"{marker} is damaged, so an unfinished restore or import cannot be completed; "
            f"move it away, then restore a backup. {restore_advice(data_dir)}"
        ) from None
    for name in plan["write"]:
        source = staging / name
        if source.exists():
            os.replace(source, data_dir / name)
    for name in plan["remove"]:
        (data_dir / name).unlink(missing_ok=True)
    fsync_dir(data_dir)
    shutil.rmtree(staging, ignore_errors=True)
    marker.unlink()
    fsync_dir(data_dir)
    return True
