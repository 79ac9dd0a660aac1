"""One writer per data folder: an OS lock on a file beside the database.

The lock is the operating system's (flock on Linux and macOS, msvcrt on Windows), so it
is released when the process ends, however it ends: a killed app never leaves a stale
lock behind. (We use the OS call directly: the `filelock` package costs ~80 ms of imports,
a third of `runstrength status`.)
"""

from __future__ import annotations

import os
from pathlib import Path

from .storage import StoreError

LOCK_NAME = "runstrength.lock"


class AlreadyRunningError(StoreError):
    pass


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


class DataDirLock:
    """Held for as long as a process may write; a second writer is refused at once."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> DataDirLock:
        if self._fd is not None:
            return self
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            raise AlreadyRunningError(
                f"runstrength is already open on {self.path.parent} (in another window or process); "
                "close it first, then try again."
            )
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the OS lock
            self._fd = None

    def __enter__(self) -> DataDirLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
