"""Opening a v0 (prototype) log migrates it to schema 1, after a backup."""

from __future__ import annotations

import json
import shutil
import tarfile
from collections import Counter
from datetime import date
from pathlib import Path

from runstrength_tui.store import migrations
from runstrength_tui.store.repo import SCHEMA_VERSION, Store

FIXTURE = Path(__file__).with_name("fixtures") / "v0-runstrength.json"
V0 = json.loads(FIXTURE.read_bytes())["sets"]


def install_v0(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURE, folder / "runstrength.json")


def check_migrated(folder: Path) -> None:
    main = json.loads((folder / "runstrength.json").read_bytes())
    assert main["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    assert "sets" not in main
    with Store(folder, write=False) as store:
        sets = store.sets()
        sessions = store.sessions()
    assert len(sets) == len(V0)
    # One session per date, and each set is in its date's session.
    assert sorted(s.date for s in sessions) == [date(2024, 12, 30), date(2025, 1, 3)]
    by_id = {s.id: s for s in sessions}
    assert all(by_id[s.session].date == s.date for s in sets)
    # Loads, holds and RPEs carried over, weight_kg becomes load_kg.
    got = Counter((s.exercise, s.date.isoformat(), s.reps, s.seconds, s.load_kg, s.rpe, s.unit) for s in sets)
    want = Counter(
        (v["exercise"], v["date"], v["reps"], v["seconds"], v["weight_kg"], v["rpe"], "kg") for v in V0.values()
    )
    assert got == want
    assert {s.source for s in sets} == {"v0"}
    assert (folder / "sets-2024.json").exists() and (folder / "sets-2025.json").exists()


def backups_of(folder: Path) -> list[Path]:
    return sorted((folder / "backups").glob("*.tar.gz"))


def test_opening_a_v0_file_migrates_it_after_a_backup(data_dir, folder_bytes):
    install_v0(data_dir)
    with Store(data_dir, write=True):
        pass
    check_migrated(data_dir)
    [backup] = backups_of(data_dir)
    with tarfile.open(backup, "r:gz") as tar:
        assert tar.getnames() == ["runstrength.json"]
        assert tar.extractfile("runstrength.json").read() == FIXTURE.read_bytes()

    # Migrating is done once: opening again changes nothing and makes no new backup.
    before = folder_bytes(data_dir)
    with Store(data_dir, write=True):
        pass
    assert folder_bytes(data_dir) == before


def test_a_read_only_command_migrates_too(data_dir, cli):
    install_v0(data_dir)
    result = cli("history", "--json", "--weeks", "20")
    assert result.code == 0, result
    rows = result.json()["sessions"]
    assert [r["date"] for r in rows] == ["2024-12-30", "2025-01-03"]
    assert [r["sets"] for r in rows] == [3, 4]
    check_migrated(data_dir)
    assert len(backups_of(data_dir)) == 1


def test_a_migration_interrupted_after_the_year_files_is_redone_without_duplicates(data_dir):
    install_v0(data_dir)
    # The first step of the migration wrote the year files, then the process died before
    # runstrength.json was replaced: the folder holds the v0 file plus year files.
    migrations._migrate_0_to_1(data_dir, json.loads(FIXTURE.read_bytes()))
    assert json.loads((data_dir / "runstrength.json").read_bytes()) == json.loads(FIXTURE.read_bytes())
    with Store(data_dir, write=True):
        pass
    check_migrated(data_dir)
    ids = Counter()
    for path in data_dir.glob("sets-*.json"):
        ids.update(d["id"] for d in json.loads(path.read_bytes())["sets"].values())
    assert len(ids) == len(V0) and set(ids.values()) == {1}


def test_a_migrated_log_takes_new_sets(data_dir, cli):
    install_v0(data_dir)
    assert cli("log", "goblet-squat", "--reps", "12", "--load", "10kg", "--date", "2025-01-03").code == 0
    with Store(data_dir, write=False) as store:
        day = [s for s in store.sets() if s.date == date(2025, 1, 3)]
        assert len(day) == len([v for v in V0.values() if v["date"] == "2025-01-03"]) + 1
        assert len({s.session for s in day}) == 1, "joins the migrated session of that day"
