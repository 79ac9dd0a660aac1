"""Synthetic training logs for benchmarks: 3 sessions a week, 6 exercises × 3 sets."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

from runstrength_tui.domain.model import Profile, SessionRecord, SetRecord
from runstrength_tui.domain.weeks import week_start
from runstrength_tui.store.repo import Store

EXERCISES = ["goblet-squat", "dumbbell-rdl", "reverse-lunge", "calf-raise", "glute-bridge", "plank"]
DAYS = (0, 2, 4)  # Monday, Wednesday, Friday


def build(folder: Path, weeks: int, today: date, seed: int = 1) -> Path:
    """A data folder whose log covers the ``weeks`` weeks before ``today`` (0: empty)."""
    rng = random.Random(seed)
    profile = Profile(level="intermediate", equipment=("dumbbells",), target=3,
                      runs=("rest", "hard", "rest", "easy", "rest", "long", "easy"),
                      block_start=week_start(today))
    sessions, sets = [], []
    first = week_start(today) - timedelta(weeks=weeks)
    for w in range(weeks):
        for d in DAYS:
            day = first + timedelta(weeks=w, days=d)
            if day >= today:
                continue
            start = datetime.combine(day, time(18, 0))
            sid = uuid.UUID(int=rng.getrandbits(128)).hex
            sessions.append(SessionRecord(id=sid, date=day, started_at=start, ended_at=start + timedelta(minutes=19),
                                          rpe=rng.choice([6, 7, 8]), minutes=19.0))
            n = 0
            for ex in EXERCISES:
                for _ in range(3):
                    n += 1
                    hold = ex == "plank"
                    sets.append(SetRecord(
                        id=uuid.UUID(int=rng.getrandbits(128)).hex, session=sid, exercise=ex, date=day,
                        logged_at=start + timedelta(minutes=n), reps=None if hold else rng.randint(12, 15),
                        seconds=30 if hold else None,
                        load_kg=None if ex in ("reverse-lunge", "calf-raise", "glute-bridge", "plank") else 12.0 + w * 0.05,
                        rpe=7, source="bench"))
    with Store(folder) as store:
        store.save_profile(profile)
        if sessions:
            store.import_bundle(sessions, sets, None, [])
        for old in store.backups():  # the import's safety backup is not part of a user's folder
            old.unlink()
    return folder
