"""`import` checks every document against the stored schema before anything is written:
all or nothing, the first problems named with their place in the file, exit 2."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from runstrength_tui.store.repo import Store


@pytest.fixture
def source(tmp_path, history, cli):
    folder = tmp_path / "source"
    with history(folder) as h:
        h.profile(level="intermediate", equipment=("dumbbells",), target=3)
        h.session(
            date(2024, 12, 20), ("goblet-squat", 2, 12, None, 12.0), ("plank", 1, None, 30, None), rpe=6, minutes=18.5
        )
        h.session(date(2025, 3, 3), ("dumbbell-rdl", 2, 15, None, 14.0))
        h.store.ack("load-jump", "goblet-squat", date(2025, 3, 3))
    assert (
        cli(
            "log",
            "goblet-squat",
            "--reps",
            "15",
            "--load",
            "30lb",
            "--rpe",
            "7",
            "--note",
            "=cmd|' /C calc'!A0",
            "--data-dir",
            folder,
        ).code
        == 0
    )
    assert cli("log", "plank", "--seconds", "40", "--pain", "--note", "@SUM(1+1)", "--data-dir", folder).code == 0
    return folder


@pytest.fixture
def bundle(tmp_path, source, cli):
    assert cli("export", "-o", tmp_path / "a.json", "--data-dir", source).code == 0
    return json.loads((tmp_path / "a.json").read_text())


@pytest.fixture
def target(tmp_path, history):
    """A folder with a log of its own, which a refused import must leave byte for byte."""
    folder = tmp_path / "target"
    with history(folder) as h:
        h.session(date(2025, 3, 10), ("glute-bridge", 1, 15, None, None))
    return folder


def first_set(b, key, value):
    b["sets"][0][key] = value


HOSTILE = {
    "reps-as-text": (
        lambda b: first_set(b, "reps", "12"),
        'sets[0].reps: expected a whole number from 1 to 200, found the text "12"',
    ),
    "load-as-text": (lambda b: first_set(b, "load_kg", "20"), "sets[0].load_kg"),
    "seconds-with-unit": (lambda b: b["sets"][2].__setitem__("seconds", "30s"), "sets[2].seconds"),
    "level-godmode": (
        lambda b: b["profile"].__setitem__("level", "godmode"),
        "profile.level: expected one of beginner, intermediate, advanced",
    ),
    "one-day-runs": (lambda b: b["profile"].__setitem__("runs", ["long"]), "profile.runs"),
    "date-9999": (lambda b: first_set(b, "date", "9999-01-01"), "sets[0].date: 9999-01-01 is outside"),
    "date-0001": (lambda b: first_set(b, "date", "0001-01-01"), "sets[0].date: 0001-01-01 is outside"),
    "after-2200": (
        lambda b: first_set(b, "date", "2201-01-01"),
        "sets[0].date: 2201-01-01 is outside 1970-01-01 to 2200-12-31",
    ),
    "session-rpe-99": (lambda b: b["sessions"][0].__setitem__("rpe", 99), "sessions[0].rpe"),
    "huge-note": (
        lambda b: first_set(b, "note", "x" * 5_000_000),
        "sets[0].note: expected text of at most 500 characters",
    ),
    "set-without-id": (lambda b: b["sets"][0].pop("id"), "sets[0].id: missing"),
    "date-as-number": (lambda b: first_set(b, "date", 20250310), "sets[0].date"),
    "unknown-field": (lambda b: first_set(b, "shell", "rm -rf"), "sets[0].shell: not a field of a set"),
    "ack-bad": (lambda b: b["acks"][0].__setitem__("date", None), "acks[0].date"),
}

RAW = {
    "nan-minutes": (lambda text: text.replace('"minutes": 18.5', '"minutes": NaN'), "NaN is not a number"),
    "huge-integer": (lambda text: text.replace('"reps": 12', '"reps": ' + "9" * 5000, 1), "digits"),
    "deep-nesting": (
        lambda text: text.replace('"acks": [', '"acks": ' + "[" * 100_000 + "]" * 100_000 + ", [", 1),
        "nested too deeply",
    ),
}


def check_refused(cli, path, target, folder_bytes, expect):
    before = folder_bytes(target)
    result = cli("import", path, "--data-dir", target)
    assert result.code == 2, result
    assert result.out == "" and len(result.err_lines) == 1, result.err
    assert "Traceback" not in result.err and expect in result.err, result.err
    assert folder_bytes(target) == before, "nothing may be written"
    return result.err_lines[0]


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_document_is_refused_with_its_json_path(tmp_path, bundle, target, cli, folder_bytes, case):
    change, expect = HOSTILE[case]
    change(bundle)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bundle))
    line = check_refused(cli, path, target, folder_bytes, expect)
    assert line.startswith("runstrength: Nothing was imported;"), line


@pytest.mark.parametrize("case", sorted(RAW))
def test_hostile_json_is_one_line_not_a_traceback(tmp_path, bundle, target, cli, folder_bytes, case):
    damage, expect = RAW[case]
    text = json.dumps(bundle, indent=1)
    bad = damage(text)
    assert bad != text
    path = tmp_path / "bad.json"
    path.write_text(bad)
    check_refused(cli, path, target, folder_bytes, expect)


def test_several_problems_are_listed_at_once(tmp_path, bundle, target, cli, folder_bytes):
    bundle["sets"][0]["reps"] = "12"
    bundle["sets"][1]["rpe"] = 11
    bundle["sessions"][1]["minutes"] = -1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bundle))
    line = check_refused(cli, path, target, folder_bytes, "first problems")
    assert "sets[0].reps" in line and "sets[1].rpe" in line and "sessions[1].minutes" in line


def test_a_poisoned_import_can_no_longer_break_log_and_status(tmp_path, bundle, target, cli):
    """What the issue saw: an import with "reps": "12" made every later `log` crash."""
    bundle["sets"][0]["reps"] = "12"
    (tmp_path / "bad.json").write_text(json.dumps(bundle))
    assert cli("import", tmp_path / "bad.json", "--data-dir", target).code == 2
    assert cli("status", "--data-dir", target).code == 0
    assert cli("log", "plank", "--seconds", "30", "--data-dir", target).code == 0


# --- CSV ----------------------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(source, cli):
    result = cli("export", "--format", "csv", "--data-dir", source)
    assert result.code == 0
    rows = list(csv.reader(io.StringIO(result.out)))
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    notes = {row[rows[0].index("note")] for row in rows[1:]}
    assert "'=cmd|' /C calc'!A0" in notes and "'@SUM(1+1)" in notes


def test_a_csv_export_imports_back_without_losing_anything(tmp_path, source, cli):
    assert cli("export", "--format", "csv", "-o", tmp_path / "log.csv", "--data-dir", source).code == 0
    fresh = tmp_path / "fresh"
    result = cli("import", tmp_path / "log.csv", "--data-dir", fresh)
    assert result.code == 0, result
    assert "Imported 7 sets in 3 sessions" in result.out
    with Store(source, write=False) as a, Store(fresh, write=False) as b:
        assert b.sets() == a.sets()
        assert b.sessions() == a.sessions()
    # and the CSV exports are the same, byte for byte
    again = cli("export", "--format", "csv", "--data-dir", fresh).out
    assert again == (tmp_path / "log.csv").read_text()
    # importing it twice adds nothing
    assert "Imported 0 sets in 0 sessions" in cli("import", tmp_path / "log.csv", "--data-dir", fresh).out


@pytest.mark.parametrize(
    "edit,expect",
    [
        (lambda t: t.replace(",15,,", ",fifteen,,", 1), "row "),
        (lambda t: "when,what\n2025-03-01,squats\n", "does not have the columns"),
        (lambda t: t.split("\n", 1)[0] + "\n2025-03-01,x\n", "row 2: 2 cells"),
    ],
)
def test_a_csv_that_is_not_ours_or_is_damaged_is_explained(tmp_path, source, target, cli, folder_bytes, edit, expect):
    assert cli("export", "--format", "csv", "-o", tmp_path / "log.csv", "--data-dir", source).code == 0
    text = (tmp_path / "log.csv").read_text()
    bad = edit(text)
    assert bad != text
    (tmp_path / "bad.csv").write_text(bad)
    check_refused(cli, tmp_path / "bad.csv", target, folder_bytes, expect)


# --- export target ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["runstrength.json", "sets-2025.json", "backups/x.json", "new.json", "."])
def test_export_into_the_data_folder_is_refused(source, cli, folder_bytes, name):
    from runstrength_tui.store.repo import Store

    before = folder_bytes(source)
    with Store(source, write=True):  # even while the app holds the lock
        result = cli("export", "-o", source / name, "--data-dir", source)
    assert result.code == 2 and len(result.err_lines) == 1 and "inside the data folder" in result.err, result
    assert folder_bytes(source) == before


def test_export_to_a_hard_link_of_the_database_is_refused(tmp_path, source, cli, folder_bytes):
    import os

    os.link(source / "runstrength.json", tmp_path / "innocent.json")
    before = folder_bytes(source)
    result = cli("export", "-o", tmp_path / "innocent.json", "--data-dir", source)
    assert result.code == 2 and "inside the data folder" in result.err
    assert folder_bytes(source) == before
