"""The clock both front ends read: "today" (pinned by RUNSTRENGTH_TODAY for demos,
screenshots and tests) and the time that stamps records. Nothing else here reads the clock."""

from __future__ import annotations

import os
from datetime import date, datetime

from ..domain.validate import InputError

ENV_TODAY = "RUNSTRENGTH_TODAY"


def today() -> date:
    """The real date, unless RUNSTRENGTH_TODAY pins it (demos, screenshots, tests)."""
    pinned = os.environ.get(ENV_TODAY)
    if pinned:
        try:
            return date.fromisoformat(pinned.strip())
        except ValueError:
            raise InputError(f"{ENV_TODAY} must look like YYYY-MM-DD, not {pinned!r}.") from None
    return date.today()


def now() -> datetime:
    """Wall-clock time on the (possibly pinned) date: used to stamp records."""
    real = datetime.now().replace(microsecond=0)
    return datetime.combine(today(), real.time())
