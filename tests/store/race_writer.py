"""Racing-reader test child: log sets and fold sessions almost as fast as it can.

    python race_writer.py DATA_DIR [MAX_SETS]

Prints ``set <id>`` after each ``log_set`` has returned. After MAX_SETS sets (if given) it
prints ``done`` and waits to be killed, so the log it leaves has a bounded size. Every third set finishes the
session, so the journal is folded into the year files over and over, and now and then a
set is moved to another year (``edit_set``), the other multi-file write.
"""

from __future__ import annotations

import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.store.repo import Store, new_id


def main() -> None:
    store = Store(Path(sys.argv[1]), write=True)
    most = int(sys.argv[2]) if len(sys.argv) > 2 else None
    n = 0
    while most is None or n < most:
        day = date(2024, 12, 20) + timedelta(days=n % 20)  # two year files
        start = datetime.combine(day, time(18, 0))
        session = store.start_session(day, start)
        for i in range(3):
            n += 1
            record = SetRecord(
                id=new_id(),
                session=session.id,
                exercise="glute-bridge",
                date=day,
                logged_at=start + timedelta(seconds=i),
                reps=15,
            )
            store.log_set(record)
            sys.stdout.write(f"set {record.id}\n")
            sys.stdout.flush()
        done = store.finish_session(start + timedelta(minutes=20), rpe=6, minutes=20)
        if n % 7 == 0:  # move one set of that session to the other year and back
            other = date(2025, 1, 5) if day.year == 2024 else date(2024, 12, 28)
            moved = store.edit_set(record.id, start, date=other)
            store.edit_set(moved.id, start, date=day)
        assert done is not None
        clock.sleep(0.002)  # a breath between sessions, so a reader on a loaded machine is not starved
    sys.stdout.write("done\n")
    sys.stdout.flush()
    while True:  # until killed (the test checks the writer is still alive when it stops reading)
        clock.sleep(1)


if __name__ == "__main__":
    main()
