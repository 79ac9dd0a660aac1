"""Every stored document is checked against one strict schema when its file is read.

A file that breaks it is damaged: one line naming the file and the problem, a copy kept
aside (0600), `runstrength restore` advice, a non-zero exit, the file itself untouched.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrength_tui.domain import schema
from runstrength_tui.domain.model import Profile, SetRecord
from runstrength_tui.store.repo import Store

TODAY = date(2025, 3, 12)
SHARD = "sets-2025.json"
WINDOW = schema.Window.for_today(TODAY)


@pytest.fixture
def filled(data_dir, history):
    with history() as h:
        h.profile(level="intermediate", equipment=("dumbbells",))
        h.session(
            date(2025, 3, 10), ("goblet-squat", 2, 12, None, 12.0), ("plank", 1, None, 30, None), rpe=6, minutes=18
        )
        h.store.ack("load-jump", "goblet-squat", date(2025, 3, 10))
        h.store.backup()
    return data_dir


def edit(path, change):
    raw = json.loads(path.read_bytes())
    change(raw)
    path.write_bytes(json.dumps(raw).encode())


def first(table):
    return next(iter(table.values()))


def set_field(name, value):
    return SHARD, lambda raw: first(raw["sets"]).__setitem__(name, value)


def drop_field(name):
    return SHARD, lambda raw: first(raw["sets"]).pop(name)


def profile_field(name, value):
    return "runstrength.json", lambda raw: first(raw["profile"]).__setitem__(name, value)


def session_field(name, value):
    return "runstrength.json", lambda raw: first(raw["sessions"]).__setitem__(name, value)


EDITS = {
    "reps-as-text": set_field("reps", "12"),
    "load-as-text": set_field("load_kg", "20"),
    "seconds-with-unit": set_field("seconds", "30s"),
    "date-as-number": set_field("date", 20250310),
    "date-in-9999": set_field("date", "9999-01-01"),
    "date-in-year-1": set_field("date", "0001-01-01"),
    "date-not-real": set_field("date", "2025-02-30"),
    "time-with-zone": set_field("logged_at", "2025-03-10T18:01:00+02:00"),
    "set-without-id": drop_field("id"),
    "reps-too-many": set_field("reps", 5000),
    "reps-bool": set_field("reps", True),
    "huge-note": set_field("note", "x" * 5000),
    "unknown-field": set_field("colour", "red"),
    "warnings-not-codes": set_field("warnings", [["nested"]]),
    "level-godmode": profile_field("level", "godmode"),
    "one-day-runs": profile_field("runs", ["long"]),
    "target-text": profile_field("target", "3"),
    "equipment-unknown": profile_field("equipment", ["anvil"]),
    "session-rpe-99": session_field("rpe", 99),
    "session-minutes-negative": session_field("minutes", -5),
    "session-kind": session_field("kind", "marathon"),
    "ack-date": ("runstrength.json", lambda raw: first(raw["acks"]).__setitem__("date", "tomorrow")),
    "unknown-table": ("runstrength.json", lambda raw: raw.__setitem__("extra", {})),
    "document-key": (SHARD, lambda raw: raw["sets"].__setitem__("x1", first(raw["sets"]))),
    "schema-version-text": ("runstrength.json", lambda raw: raw.__setitem__("meta", {"1": {"schema_version": "1"}})),
    "set-in-wrong-year": set_field("date", "2024-12-31"),
}


RAW = {
    "huge-integer": (SHARD, lambda valid: valid.replace(b'"reps":12', b'"reps":' + b"9" * 5000, 1)),
    "nan": (SHARD, lambda valid: valid.replace(b'"load_kg":12.0', b'"load_kg":NaN', 1)),
    "infinity-by-exponent": (SHARD, lambda valid: valid.replace(b'"load_kg":12.0', b'"load_kg":1e999', 1)),
    "deep-nesting": ("runstrength.json", lambda valid: b'{"x":' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
}


def check_refused(data_dir, cli, folder_bytes, name, bad):
    before = folder_bytes(data_dir)
    for args in (["status"], ["history", "--json"], ["export"], ["log", "glute-bridge", "--reps", "15"]):
        result = cli(*args)
        assert result.code == 1, (args, result)
        assert result.out == ""
        assert len(result.err_lines) == 1, result.err
        line = result.err_lines[0]
        assert "Traceback" not in result.err
        assert name in line and "damaged" in line and "runstrength restore" in line, line
    after = folder_bytes(data_dir)
    assert after[name] == bad
    kept = {k: v for k, v in after.items() if k not in before and k != "runstrength.lock"}
    assert list(kept.values()) == [bad], "one copy of the damaged file"
    copy = data_dir / next(iter(kept))
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert {k: v for k, v in after.items() if k in before} == before
    return line


@pytest.mark.parametrize("case", sorted(EDITS))
def test_a_document_breaking_the_schema_is_a_damaged_file(filled, cli, folder_bytes, case):
    name, change = EDITS[case]
    edit(filled / name, change)
    bad = (filled / name).read_bytes()
    check_refused(filled, cli, folder_bytes, name, bad)
    # and `restore` (with --yes: no terminal here) brings back a log that works
    assert cli("restore", "--yes").code == 0
    assert cli("status").code == 0


@pytest.mark.parametrize("case", sorted(RAW))
def test_hostile_json_is_a_damaged_file_not_a_traceback(filled, cli, folder_bytes, case):
    name, damage = RAW[case]
    bad = damage((filled / name).read_bytes())
    assert bad != (filled / name).read_bytes()
    (filled / name).write_bytes(bad)
    check_refused(filled, cli, folder_bytes, name, bad)


def test_the_reason_names_the_document_and_field(filled, cli, folder_bytes):
    name, change = EDITS["reps-as-text"]
    edit(filled / name, change)
    line = check_refused(filled, cli, folder_bytes, name, (filled / name).read_bytes())
    assert 'reps: expected a whole number from 1 to 200, found the text "12"' in line


def test_a_bad_date_in_a_v0_log_stops_the_migration_with_one_line(data_dir, cli, folder_bytes):
    data_dir.mkdir()
    v0 = {
        "sets": {
            "1": {
                "exercise": "plank",
                "date": "2025-13-40",
                "reps": None,
                "seconds": 30,
                "weight_kg": None,
                "rpe": None,
            }
        }
    }
    (data_dir / "runstrength.json").write_text(json.dumps(v0))
    bad = (data_dir / "runstrength.json").read_bytes()
    check_refused(data_dir, cli, folder_bytes, "runstrength.json", bad)
    assert not list(data_dir.glob("sets-*.json")), "nothing was migrated"


def test_a_log_from_before_optional_fields_existed_still_loads(data_dir, cli):
    """Old documents without optional fields load with defaults."""
    data_dir.mkdir()
    main = {
        "meta": {"1": {"schema_version": 1}},
        "profile": {"1": {"level": "beginner"}},
        "sessions": {"1": {"id": "s1", "date": "2025-03-10", "started_at": "2025-03-10T18:00:00"}},
    }
    shard = {
        "sets": {
            "1": {
                "id": "a1",
                "session": "s1",
                "exercise": "plank",
                "date": "2025-03-10",
                "logged_at": "2025-03-10T18:01:00",
                "seconds": 30,
            }
        }
    }
    (data_dir / "runstrength.json").write_text(json.dumps(main))
    (data_dir / "sets-2025.json").write_text(json.dumps(shard))
    result = cli("history", "--json")
    assert result.code == 0, result
    assert result.json()["sessions"][0]["sets"] == 1
    with Store(data_dir, write=False) as store:
        assert store.profile() == Profile()


def test_what_the_app_writes_passes_its_own_schema(filled):
    with Store(filled, write=False) as store:
        docs = [s.to_doc() for s in store.sets()]
        sessions = [s.to_doc() for s in store.sessions()]
        profile = store.profile().to_doc()
    for doc in docs:
        assert schema.SET.problems(doc, "set", WINDOW) == []
    for doc in sessions:
        assert schema.SESSION.problems(doc, "session", WINDOW) == []
    assert schema.PROFILE.problems(profile, "profile", WINDOW) == []


@settings(max_examples=60, deadline=None)
@given(
    reps=st.one_of(st.none(), st.integers(1, 200)),
    load=st.one_of(st.none(), st.floats(0.001, 400, allow_nan=False)),
    rpe=st.one_of(st.none(), st.integers(1, 10)),
    note=st.text(max_size=500),
    day=st.dates(date(1970, 1, 1), TODAY),
)
def test_every_valid_set_round_trips_and_passes(reps, load, rpe, note, day):
    record = SetRecord(
        id="a1",
        session="s1",
        exercise="plank",
        date=day,
        logged_at=datetime(day.year, day.month, day.day, 7, 30),
        reps=reps,
        seconds=None if reps else 30,
        load_kg=load,
        rpe=rpe,
        note=note,
    )
    doc = json.loads(json.dumps(record.to_doc()))
    assert schema.SET.problems(doc, "set", WINDOW) == []
    assert SetRecord.from_doc(doc) == record


@settings(max_examples=80, deadline=None)
@given(
    value=st.one_of(
        st.text(max_size=8),
        st.floats(allow_nan=True),
        st.integers(),
        st.booleans(),
        st.none(),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    ),
    name=st.sampled_from([f.name for f in schema.PROFILE.fields]),
)
def test_a_profile_either_passes_or_its_problem_is_named(value, name):
    doc = {name: value}
    problems = schema.PROFILE.problems(doc, "profile", WINDOW)
    if problems:
        assert all(p.startswith((f"profile.{name}", "profile:")) for p in problems) and "\n" not in problems[0]
    else:
        Profile.from_doc(doc)  # what passes loads


def test_safe_json_refuses_what_would_hurt():
    for text, reason in ((b"1" * 30, "digits"), (b"[NaN]", "NaN"), (b"[" * 50_000, "deeply")):
        with pytest.raises(ValueError, match=reason):
            schema.loads(text.decode())
    assert schema.loads('{"a": [1, 2.5]}') == {"a": [1, 2.5]}


def test_folder_and_files_are_private(data_dir, cli):
    assert cli("log", "plank", "--seconds", "30").code == 0
    assert cli("restore", "--list").code == 0
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for path in data_dir.rglob("*"):
        if path.is_dir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
        else:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_an_existing_open_folder_is_made_private_on_start(data_dir, cli):
    assert cli("log", "plank", "--seconds", "30").code == 0
    assert cli("log", "plank", "--seconds", "30", "--date", "2025-03-11").code == 0
    os.chmod(data_dir, 0o755)
    for path in data_dir.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    with Store(data_dir, write=True):
        pass
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "backups").stat().st_mode) == 0o700
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
