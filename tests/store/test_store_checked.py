"""A large data file that passed the schema check leaves a note in the cache folder, so a
later start (another process, or a copy such as the demo's) does not check the same bytes
again. The note counts only for the very same bytes and a date window within today's: any
change to the file, or a day pinned earlier than the one it was checked on, means checking."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta

import pytest

from runstrength_tui.domain.schema import Window
from runstrength_tui.store import check_cache
from runstrength_tui.store.files import default_window
from runstrength_tui.store.storage import CorruptFileError, decode

TODAY = date(2025, 3, 12)  # tests/conftest.py pins it


def shard(day: date, n: int = 400) -> bytes:
    """A valid year file of ``n`` sets on ``day`` (well over the size worth a note)."""
    start = datetime.combine(day, datetime.min.time()).replace(hour=18)
    sets = {
        str(i + 1): {
            "id": uuid.UUID(int=i + 1).hex,
            "session": "s1",
            "exercise": "goblet-squat",
            "date": day.isoformat(),
            "logged_at": (start + timedelta(seconds=i)).isoformat(),
            "reps": 12,
            "seconds": None,
            "load_kg": 12.0,
            "unit": "kg",
            "rpe": None,
            "pain": False,
            "note": "",
            "source": "tui",
            "edited_at": None,
            "warnings": [],
        }
        for i in range(n)
    }
    return json.dumps({"sets": sets}).encode()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(folder))
    return folder / "checked"


def place(folder, raw: bytes, name: str = "sets-2025.json"):
    """The bytes as a data file in a folder of their own (a path this process has not read)."""
    folder.mkdir(parents=True)
    path = folder / name
    path.write_bytes(raw)
    return path


def test_a_checked_large_file_leaves_a_note_that_a_copy_elsewhere_uses(tmp_path, cache):
    raw = shard(TODAY)
    assert len(raw) >= check_cache.MIN_BYTES
    assert decode(place(tmp_path / "a", raw), raw)["sets"]["1"]["reps"] == 12
    [note] = cache.iterdir()
    now = default_window()  # the later of the real day and the pinned one
    assert note.read_text().split() == [now.earliest.isoformat(), now.latest.isoformat(), now.plan_latest.isoformat()]
    # the note is what lets the copy through: written for bytes that break the schema, it is
    # trusted, which shows the copy's bytes are not checked again
    broken = raw.replace(b'"reps": 12', b'"reps": -1', 1)
    check_cache.remember(check_cache.note_for("sets-2025.json", broken), now)
    assert decode(place(tmp_path / "b", broken), broken)["sets"]["1"]["reps"] == -1


def test_changed_bytes_are_checked_again(tmp_path, cache):
    raw = shard(TODAY)
    decode(place(tmp_path / "a", raw), raw)
    broken = raw.replace(b'"goblet-squat"', b'"GOBLET-SQUAT"', 1)  # same size, not an exercise id
    with pytest.raises(CorruptFileError, match="exercise"):
        decode(place(tmp_path / "b", broken), broken)


def test_a_day_after_today_is_not_damage_but_one_after_2200_is(tmp_path, cache, monkeypatch):
    later = date.today() + timedelta(days=5)  # a clock set back, a pinned date left set
    raw = shard(later)
    name = f"sets-{later.year}.json"
    monkeypatch.delenv("RUNSTRENGTH_TODAY")
    assert decode(place(tmp_path / "a", raw, name), raw)["sets"]["1"]["date"] == later.isoformat()
    far = raw.replace(later.isoformat().encode(), b"2201-01-01")
    with pytest.raises(CorruptFileError, match="outside"):
        decode(place(tmp_path / "b", far, "sets-2201.json"), far)


def test_a_note_from_an_earlier_day_counts_later(tmp_path, cache):
    raw = shard(TODAY)
    decode(place(tmp_path / "a", raw), raw)
    note = check_cache.note_for("sets-2025.json", raw)
    day = default_window().latest - timedelta(days=1)
    assert check_cache.passed(note, Window.for_today(day))
    assert check_cache.passed(note, Window.for_today(day + timedelta(days=30)))
    assert not check_cache.passed(note, Window.for_today(day - timedelta(days=1)))


def test_small_files_get_no_note(tmp_path, cache):
    small = json.dumps({"sets": {"1": json.loads(shard(TODAY))["sets"]["1"]}}).encode()
    assert len(small) < check_cache.MIN_BYTES
    decode(place(tmp_path / "a", small), small)
    assert not cache.exists()


def test_a_cache_folder_that_cannot_be_used_only_means_checking(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(blocker))
    raw = shard(TODAY)
    assert decode(place(tmp_path / "a", raw), raw)["sets"]["400"]["reps"] == 12
    broken = raw.replace(b'"goblet-squat"', b'"GOBLET-SQUAT"', 1)
    with pytest.raises(CorruptFileError):
        decode(place(tmp_path / "b", broken), broken)


def test_noted_bytes_are_read_without_the_safe_parsers_guards_and_read_the_same(tmp_path, cache):
    raw = shard(TODAY)
    first = decode(place(tmp_path / "a", raw), raw)  # checked in full, noted
    assert decode(place(tmp_path / "b", raw), raw) == first  # read through the note: the same tables
    # a note written for bytes the safe parser refuses (a 25-digit integer) is trusted too:
    # noted bytes skip the per-integer guard as they skip the schema check
    huge = raw.replace(b'"reps": 12', b'"reps": 1234567890123456789012345', 1)
    with pytest.raises(CorruptFileError, match="digits"):
        decode(place(tmp_path / "c", huge), huge)
    check_cache.remember(check_cache.note_for("sets-2025.json", huge), default_window())
    assert decode(place(tmp_path / "d", huge), huge)["sets"]["1"]["reps"] == 1234567890123456789012345
    # the guards that cost nothing stay, note or not: deep nesting is refused, not a crash
    deep = raw[:-1] + b', "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    check_cache.remember(check_cache.note_for("sets-2025.json", deep), default_window())
    with pytest.raises(CorruptFileError, match="nested too deeply"):
        decode(place(tmp_path / "e", deep), deep)


def test_a_write_is_checked_before_it_is_made_and_noted_after(tmp_path, cache):
    from runstrength_tui.store.storage import AtomicJSONStorage, StoreError

    raw = shard(TODAY)
    path = place(tmp_path / "a", raw)
    storage = AtomicJSONStorage(path)
    data = storage.read()
    notes_before = set(cache.iterdir())
    # contents that would not pass the check are not written: the file keeps its bytes
    data["sets"]["1"]["reps"] = -1
    with pytest.raises(StoreError, match="was not written"):
        storage.write(data)
    assert path.read_bytes() == raw
    # contents that pass are written and noted: a later start (another process: a copy of
    # the bytes elsewhere) reads them without checking them again
    data["sets"]["1"]["reps"] = 13
    storage.write(data)
    written = path.read_bytes()
    assert set(cache.iterdir()) - notes_before  # a note for the new bytes
    assert check_cache.passed(check_cache.note_for(path.name, written), default_window())
