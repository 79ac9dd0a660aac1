"""The one hash the store keys its caches with (checked notes, the shipped data's JSON copy,
the demo log): BLAKE2b, taken from hashlib's own module so no start loads OpenSSL (~2 ms)."""

from __future__ import annotations

from typing import Any


def blake2b(data: bytes, digest_size: int) -> Any:
    try:
        from _blake2 import blake2b as make
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b as make
    return make(data, digest_size=digest_size)
