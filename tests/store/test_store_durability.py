"""What log_set, edit_set and delete_set return is already on disk: a new process sees it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.store.repo import Store, new_id

READER = """
import json, sys
from runstrength_tui.store.repo import Store
with Store(sys.argv[1], write=False) as store:
    print(json.dumps({s.id: s.to_doc() for s in store.sets()}))
"""


def read_in_new_process(folder, child_kw) -> dict[str, dict]:
    done = subprocess.run(
        [sys.executable, "-c", READER, str(folder)], **child_kw, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def a_set(session, exercise="goblet-squat", reps=12, load=10.0, day=None):
    return SetRecord(
        id=new_id(),
        session=session.id,
        exercise=exercise,
        date=day or session.date,
        logged_at=datetime(2025, 3, 12, 18, 5),
        reps=reps,
        load_kg=load,
    )


def test_log_edit_and_delete_are_on_disk_when_they_return(data_dir, child_kw):
    store = Store(data_dir, write=True)
    try:
        session = store.start_session(date(2025, 3, 12), datetime(2025, 3, 12, 18))
        kept, dropped = store.log_set(a_set(session)), store.log_set(a_set(session))
        # the writer is still open (and holds the lock): a reader in another process sees them
        seen = read_in_new_process(data_dir, child_kw)
        assert set(seen) == {kept.id, dropped.id}

        store.edit_set(kept.id, datetime(2025, 3, 12, 18, 30), reps=15, load_kg=12.5)
        store.delete_set(dropped.id)
        seen = read_in_new_process(data_dir, child_kw)
        assert set(seen) == {kept.id}
        assert seen[kept.id]["reps"] == 15 and seen[kept.id]["load_kg"] == 12.5 and seen[kept.id]["edited_at"]

        # after the session is folded into the year file, the same holds there
        store.finish_session(datetime(2025, 3, 12, 18, 40), rpe=6, minutes=20)
        other = store.log_set(a_set(session, exercise="plank", reps=None, load=None).with_changes(seconds=30))
        assert set(read_in_new_process(data_dir, child_kw)) == {kept.id, other.id}
        store.edit_set(other.id, datetime(2025, 3, 12, 19), seconds=45)
        store.delete_set(kept.id)
        seen = read_in_new_process(data_dir, child_kw)
        assert set(seen) == {other.id} and seen[other.id]["seconds"] == 45
    finally:
        store.close()
    with Store(data_dir, write=False) as again:
        [session] = again.sessions()
        assert (session.rpe, session.minutes) == (6, 20)


def test_an_edit_that_moves_a_set_to_another_year_keeps_it_once(data_dir):
    with Store(data_dir, write=True) as store:
        session = store.start_session(date(2025, 1, 2), datetime(2025, 1, 2, 18))
        record = store.log_set(a_set(session))
        store.finish_session(datetime(2025, 1, 2, 19))
        store.edit_set(record.id, datetime(2025, 1, 3, 9), date=date(2024, 12, 31))
        assert [s.date for s in store.sets()] == [date(2024, 12, 31)]
    shards = {
        p.name: [d["id"] for d in json.loads(p.read_bytes())["sets"].values()] for p in data_dir.glob("sets-*.json")
    }
    assert shards == {"sets-2024.json": [record.id], "sets-2025.json": []}


def test_cli_log_is_durable_across_processes(data_dir, cli_proc, child_kw):
    done = cli_proc("log", "glute-bridge", "--sets", "3", "--reps", "15", "--json")
    assert done.returncode == 0, done.stderr
    logged = [d["id"] for d in json.loads(done.stdout)["logged"]]
    assert len(logged) == 3
    assert set(read_in_new_process(data_dir, child_kw)) == set(logged)
