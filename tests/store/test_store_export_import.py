"""Export → import gives the same log; importing twice adds nothing; bad files write nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest

from runstrength_tui.store.backups import current_files, read_members
from runstrength_tui.store.repo import Store


@pytest.fixture
def source(tmp_path, history, cli):
    """A log with a profile, sessions in two years, an open session, acks, lb loads, notes."""
    folder = tmp_path / "source"
    with history(folder) as h:
        h.profile(
            level="intermediate",
            equipment=("dumbbells", "bands"),
            target=3,
            runs=("rest", "easy", "hard", "rest", "easy", "long", "rest"),
        )
        h.session(
            date(2024, 12, 20), ("goblet-squat", 2, 12, None, 12.0), ("plank", 2, None, 30, None), rpe=6, minutes=18
        )
        h.session(date(2025, 3, 3), ("dumbbell-rdl", 3, 15, None, 14.0), ("dead-bug", 2, 10, None, None))
        h.store.ack("load-jump", "goblet-squat", date(2025, 3, 3))
    assert (
        cli(
            "log",
            "goblet-squat",
            "--sets",
            "2",
            "--reps",
            "15",
            "--load",
            "30lb",
            "--rpe",
            "7",
            "--note",
            "felt good",
            "--data-dir",
            folder,
        ).code
        == 0
    )
    assert cli("log", "plank", "--seconds", "40", "--pain", "--data-dir", folder).code == 0
    return folder


def export(cli, folder, target):
    result = cli("export", "-o", target, "--data-dir", folder)
    assert result.code == 0, result
    return json.loads(target.read_text())


def without_stamp(bundle):
    return {k: v for k, v in bundle.items() if k != "exported_at"}


def test_export_then_import_into_an_empty_folder_gives_the_same_log(tmp_path, source, cli, folder_bytes):
    first = export(cli, source, tmp_path / "a.json")
    assert len(first["sets"]) == 4 + 5 + 3 and len(first["sessions"]) == 3 and first["profile"]["target"] == 3
    target = tmp_path / "empty"
    result = cli("import", tmp_path / "a.json", "--data-dir", target)
    assert result.code == 0, result
    assert "Imported 12 sets in 3 sessions" in result.out
    second = export(cli, target, tmp_path / "b.json")
    assert without_stamp(second) == without_stamp(first)

    # Importing the same file again adds nothing and changes nothing.
    before = folder_bytes(target)
    again = cli("import", tmp_path / "a.json", "--data-dir", target)
    assert again.code == 0, again
    assert "Imported 0 sets in 0 sessions" in again.out
    assert folder_bytes(target) == before
    # And back into the folder it came from: nothing new there either.
    before = folder_bytes(source)
    assert "Imported 0 sets" in cli("import", tmp_path / "a.json", "--data-dir", source).out
    assert folder_bytes(source) == before


def test_csv_export_has_a_row_per_set(tmp_path, source, cli):
    result = cli("export", "--format", "csv", "--data-dir", source)
    assert result.code == 0
    rows = result.out.strip().splitlines()
    assert rows[0].startswith("date,session,exercise,reps,seconds,load,unit")
    assert len(rows) == 1 + 12
    assert any(",30.0,lb," in r and "felt good" in r for r in rows)


def test_import_merges_and_backs_up_first(tmp_path, source, cli):
    exported = tmp_path / "a.json"
    export(cli, source, exported)
    other = tmp_path / "other"
    assert cli("log", "bird-dog", "--reps", "10", "--date", "2025-03-11", "--data-dir", other).code == 0
    before = current_files(other)
    result = cli("import", exported, "--data-dir", other)
    assert result.code == 0, result
    with Store(other, write=False) as store:
        assert len(store.sets()) == 13
        assert store.profile().target == 3  # the folder had no profile saved: the file's is taken
        newest = store.backups()[-1]
    # the files as they were before the import are in the newest backup (the daily one made by
    # `log` already held these very bytes, so no second copy was made)
    assert read_members(newest) == before


def _malformed(valid: dict, case: str):
    bundle = json.loads(json.dumps(valid))
    if case == "bad-json":
        return json.dumps(bundle)[:-20]
    if case == "wrong-format":
        bundle["format"] = "something-else"
    elif case == "not-an-object":
        return json.dumps([bundle])
    elif case == "reps-0":
        next(s for s in bundle["sets"] if s["reps"])["reps"] = 0
    elif case == "unknown-exercise":
        bundle["sets"][0]["exercise"] = "bench-press"
    elif case == "missing-session":
        first = bundle["sets"][0]["session"]
        bundle["sessions"] = [s for s in bundle["sessions"] if s["id"] != first]
    elif case == "bad-date":
        bundle["sets"][-1]["date"] = "2025-02-30"
    elif case == "rpe-11":
        bundle["sets"][-1]["rpe"] = 11
    elif case == "load-401kg":
        bundle["sets"][0]["load_kg"] = 401
    elif case == "sets-not-a-list":
        bundle["sets"] = {}
    else:
        raise AssertionError(case)
    return json.dumps(bundle)


MALFORMED = [
    "bad-json",
    "wrong-format",
    "not-an-object",
    "reps-0",
    "unknown-exercise",
    "missing-session",
    "bad-date",
    "rpe-11",
    "load-401kg",
    "sets-not-a-list",
]


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_import_file_exits_2_and_writes_nothing(tmp_path, source, cli, folder_bytes, case):
    valid = export(cli, source, tmp_path / "a.json")
    bad = tmp_path / f"{case}.json"
    bad.write_text(_malformed(valid, case))
    # into a folder with a log, and into one that does not exist yet
    for folder in (source, tmp_path / "fresh"):
        before = folder_bytes(folder)
        result = cli("import", bad, "--data-dir", folder)
        assert result.code == 2, result
        assert len(result.err_lines) == 1, result.err
        assert result.out == ""
        assert folder_bytes(folder) == before
    assert not (tmp_path / "fresh").exists()


def test_import_of_a_missing_file_exits_2(tmp_path, cli, data_dir):
    result = cli("import", tmp_path / "nope.json")
    assert result.code == 2 and len(result.err_lines) == 1 and "No file" in result.err
    assert not data_dir.exists()


def test_a_set_or_session_listed_twice_in_the_file_is_stored_once(tmp_path, source, cli):
    bundle = export(cli, source, tmp_path / "a.json")
    bundle["sets"].append(dict(bundle["sets"][0]))
    bundle["sessions"].append(dict(bundle["sessions"][0]))
    doubled = tmp_path / "doubled.json"
    doubled.write_text(json.dumps(bundle))
    target = tmp_path / "target"
    result = cli("import", doubled, "--data-dir", target)
    assert result.code == 0, result
    raw_sets = [d["id"] for p in target.glob("sets-*.json") for d in json.loads(p.read_bytes())["sets"].values()]
    raw_sessions = [d["id"] for d in json.loads((target / "runstrength.json").read_bytes())["sessions"].values()]
    assert sorted(raw_sets) == sorted({s["id"] for s in bundle["sets"]})
    assert sorted(raw_sessions) == sorted({s["id"] for s in bundle["sessions"]})


def test_an_import_no_backup_could_restore_is_refused(tmp_path, source, cli, folder_bytes, monkeypatch):
    """A year file over a restore's per-file cap would make every later backup unusable
    (issue 25: a 59 MB import, a 54 MB year file, a 16 MB cap): the import is refused instead.
    The cap is lowered here so the file stays small."""
    from runstrength_tui.store import backups

    exported = tmp_path / "a.json"
    export(cli, source, exported)
    other = tmp_path / "other"
    assert cli("log", "bird-dog", "--reps", "10", "--date", "2025-03-11", "--data-dir", other).code == 0
    before = folder_bytes(other)
    monkeypatch.setattr(backups, "MAX_MEMBER", 2000)
    result = cli("import", exported, "--data-dir", other)
    assert result.code == 2, result
    assert "a backup can restore for one file" in result.err and len(result.err_lines) == 1, result
    assert folder_bytes(other) == before
    monkeypatch.setattr(backups, "MAX_MEMBER", 16 * 2**20)
    assert cli("import", exported, "--data-dir", other).code == 0
