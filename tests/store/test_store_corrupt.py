"""Damaged files are refused, kept aside and never overwritten; `restore` puts back a backup.

The schema version lives only in runstrength.json (journal.json and sets-YYYY.json have no
meta table), so the "newer than the app" case applies to that file.
"""

from __future__ import annotations

import json
import tarfile
from datetime import date, datetime

import pytest

from runstrength_tui.store.repo import NewerSchemaError, Store
from runstrength_tui.store.storage import CorruptFileError

TODAY = date(2025, 3, 12)  # pinned by tests/conftest.py
SHARD = f"sets-{TODAY.year}.json"


def damage(kind: str, valid: bytes) -> bytes:
    if kind == "empty":
        return b""
    if kind == "truncated":
        return valid[: len(valid) // 2]
    if kind == "trailing-garbage":
        return valid + b'\n{"oops": '
    if kind == "list":
        return json.dumps([{"sets": {}}]).encode()
    if kind == "newer-schema":
        raw = json.loads(valid)
        raw["meta"] = {"1": {"schema_version": 99}}
        return json.dumps(raw).encode()
    raise AssertionError(kind)


CASES = [
    (name, kind)
    for name in ("runstrength.json", "journal.json", SHARD)
    for kind in ("empty", "truncated", "trailing-garbage", "list")
]
CASES.append(("runstrength.json", "newer-schema"))


@pytest.fixture
def filled(data_dir, history):
    """A log with a profile, a finished session (in the year file), an open session (in the
    journal) and one backup of all of it."""
    with history() as h:
        h.profile(level="intermediate", equipment=("dumbbells",))
        h.session(date(2025, 3, 10), ("goblet-squat", 2, 12, None, 12.0), ("plank", 2, None, 30, None))
        store = h.store
        session = store.start_session(TODAY, datetime(2025, 3, 12, 7, 0))
        from runstrength_tui.domain.model import SetRecord
        from runstrength_tui.store.repo import new_id

        store.log_set(
            SetRecord(
                id=new_id(),
                session=session.id,
                exercise="glute-bridge",
                date=TODAY,
                logged_at=datetime(2025, 3, 12, 7, 1),
                reps=15,
            )
        )
        backup = store.backup()
    assert {"runstrength.json", "journal.json", SHARD} <= {p.name for p in data_dir.iterdir()}
    return backup


def backup_members(path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


@pytest.mark.parametrize("name,kind", CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_damaged_file_is_refused_kept_and_restorable(data_dir, filled, cli, folder_bytes, name, kind):
    target = data_dir / name
    bad = damage(kind, target.read_bytes())
    target.write_bytes(bad)
    before = folder_bytes(data_dir)

    for args in (["status"], ["status", "--json"], ["log", "glute-bridge", "--reps", "15"], ["today"]):
        result = cli(*args)
        assert result.code != 0, (args, result)
        assert result.out == ""
        assert len(result.err_lines) == 1, result.err
        line = result.err_lines[0]
        assert "runstrength restore" in line, line
        assert name in line
        if kind == "newer-schema":
            assert "newer" in line and "upgrade" in line
        else:
            assert "damaged" in line

    after = folder_bytes(data_dir)
    assert after[name] == bad, "the damaged file must stay byte for byte"
    kept = {k: v for k, v in after.items() if k not in before}
    if kind == "newer-schema":
        assert kept == {}, "a newer file is not damaged: no corrupt copy"
    else:
        assert list(kept) and all(k.startswith(f"{name}.corrupt-") for k in kept), kept
        assert list(kept.values()) == [bad], "one copy, identical to the damaged file"
    assert {k: v for k, v in after.items() if k in before} == before, "nothing else changed"

    # The Store itself refuses, for writing and for reading.
    # (Year files are read when their sets are asked for, so opening is not enough there.)
    for write in (True, False):
        with pytest.raises(NewerSchemaError if kind == "newer-schema" else CorruptFileError):
            with Store(data_dir, write=write) as store:
                store.sets()
    assert (data_dir / name).read_bytes() == bad

    # `runstrength restore` brings back the newest backup, after keeping the damaged files.
    restored = cli("restore", "--yes")
    assert restored.code == 0, restored
    assert filled.name in restored.out
    for member, payload in backup_members(filled).items():
        assert (data_dir / member).read_bytes() == payload
    saved = [p for p in (data_dir / "backups").iterdir() if "before-restore" in p.name]
    assert len(saved) == 1 and backup_members(saved[0])[name] == bad
    status = cli("status", "--json")
    assert status.code == 0, status
    with Store(data_dir, write=False) as store:
        assert len(store.sets()) == 5


def test_a_table_that_is_not_an_object_is_corrupt(data_dir, filled, cli):
    path = data_dir / "runstrength.json"
    raw = json.loads(path.read_bytes())
    raw["sessions"] = ["not", "documents"]
    bad = json.dumps(raw).encode()
    path.write_bytes(bad)
    result = cli("status")
    assert result.code == 1 and len(result.err_lines) == 1 and "runstrength restore" in result.err
    assert path.read_bytes() == bad


def test_restore_without_backups_says_so(data_dir, history, cli):
    with history() as h:  # a log made through the store: no backup yet
        h.session(date(2025, 3, 10), ("plank", 1, None, 30, None))
    assert not (data_dir / "backups").exists()
    result = cli("restore", "--yes")
    assert result.code == 1 and len(result.err_lines) == 1
    assert "no backups" in result.err


def test_a_damaged_file_found_twice_is_copied_once(data_dir, filled, cli):
    (data_dir / "journal.json").write_bytes(b"{")
    for _ in range(3):
        assert cli("status").code == 1
    assert len(list(data_dir.glob("journal.json.corrupt-*"))) == 1
