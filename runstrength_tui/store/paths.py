"""Where the data lives: platformdirs' user data dir, unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "RUNSTRENGTH_DATA_DIR"


def default_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("runstrength", appauthor=False)


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """--data-dir wins, then RUNSTRENGTH_DATA_DIR, then the platform's data folder."""
    chosen = cli_value or os.environ.get(ENV_DATA_DIR)
    if chosen and "\0" in chosen:
        from ..domain.validate import InputError

        raise InputError(
            f"The data folder {chosen!r} holds a NUL byte, which no file name can; check --data-dir and {ENV_DATA_DIR}."
        )
    if chosen:
        return Path(chosen).expanduser()
    return default_data_dir()


ENV_CACHE_DIR = "RUNSTRENGTH_CACHE_DIR"


def cache_dir() -> Path:
    """Where caches go (notes of checked data files): RUNSTRENGTH_CACHE_DIR, else the
    platform's user cache folder. Losing it only costs time."""
    folder = os.environ.get(ENV_CACHE_DIR)
    if folder:
        return Path(folder)
    import platformdirs

    return platformdirs.user_cache_path("runstrength", appauthor=False)
