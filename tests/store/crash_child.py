"""Crash-test child: log sets on a data folder until killed.

    python crash_child.py DATA_DIR SEED

Prints ``set <id>`` after each ``log_set`` call has returned (so the id is acknowledged),
and ``fold-begin`` / ``fold-end`` around closing a session and opening the next one, so the
parent can aim some of its SIGKILLs at a fold. Session dates are spread over three years,
so folds write to several ``sets-YYYY.json`` files. Now and then a set goes straight into a
closed session (what ``runstrength log --date`` does for a day already trained).
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.store.repo import Store, new_id

EXERCISES = [
    ("goblet-squat", 12, None, 12.0),
    ("dumbbell-rdl", 15, None, 14.0),
    ("glute-bridge", 15, None, None),
    ("plank", None, 30, None),
]


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    store = Store(data_dir, write=True)
    current = store.open_session()
    session = current[0] if current else None
    first_day = date(2023, 11, 1)
    minute = 0
    while True:
        roll = rng.random()
        if session is None or roll < 0.08:
            emit("fold-begin")
            day = first_day + timedelta(days=rng.randrange(0, 3 * 365))
            now = datetime.combine(day, time(18, 0))
            if session is not None and rng.random() < 0.5:
                store.finish_session(now + timedelta(minutes=30), rpe=rng.randint(4, 8), minutes=20)
            session = store.start_session(day, now)  # closes (folds) any session still open
            emit("fold-end")
        target = session
        if roll > 0.95:
            closed = store.sessions(include_open=False)
            if closed:
                target = rng.choice(closed)
        exercise, reps, seconds, load = rng.choice(EXERCISES)
        minute += 1
        record = SetRecord(
            id=new_id(),
            session=target.id,
            exercise=exercise,
            date=target.date,
            logged_at=datetime.combine(target.date, time(18, 0)) + timedelta(seconds=minute),
            reps=reps,
            seconds=seconds,
            load_kg=load,
            rpe=rng.randint(5, 8),
        )
        store.log_set(record)
        emit(f"set {record.id}")


if __name__ == "__main__":
    main()
