"""One writer per data folder: a lock file beside the database."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from .storage import StoreError

LOCK_NAME = "runstrength.lock"


class AlreadyRunningError(StoreError):
    pass


class DataDirLock:
    """Held for as long as a process may write; a second writer is refused at once."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_NAME
        self._lock = FileLock(str(self.path), timeout=0, thread_local=False, is_singleton=False)

    def acquire(self) -> "DataDirLock":
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise AlreadyRunningError(
                f"runstrength is already open on {self.path.parent} (in another window or process); "
                "close it first, then try again."
            ) from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()
