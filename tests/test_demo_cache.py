"""`runstrength --demo` copies a demo log built once into the cache folder: the copy is the
demo the planner would build, a new day (or version, data, code) builds a new one, and a cache
folder that cannot be used just means building in place."""

from __future__ import annotations

import shutil
from datetime import date

from runstrength_tui.service import demo
from runstrength_tui.store.repo import Store

DAY = date(2026, 11, 26)


def contents(folder):
    with Store(folder, write=False) as store:
        sets = [(s.exercise, s.date, s.reps, s.seconds, s.load_kg, s.rpe) for s in store.sets()]
        sessions = [(s.date, s.kind, s.rpe, s.minutes) for s in store.sessions()]
        return store.profile(), sessions, sets


def built_in_place(tmp_path, day=DAY):
    folder = tmp_path / "in-place"
    with Store(folder) as store:
        demo.fill_demo(store, day)
    return contents(folder)


def test_the_copy_is_the_demo_and_the_second_start_reuses_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(tmp_path / "cache"))
    first = demo.make_demo_dir(DAY)
    cached = list((tmp_path / "cache").glob("demo-*"))
    assert len(cached) == 1 and (cached[0] / "runstrength.json").is_file()
    assert not list(cached[0].glob("*.lock"))
    stamp = (cached[0] / "runstrength.json").stat().st_mtime_ns
    second = demo.make_demo_dir(DAY)
    try:
        assert first != second
        expected = built_in_place(tmp_path)
        assert contents(first) == contents(second) == expected
        assert len(expected[2]) > 50  # a real history, not an empty folder
        assert (cached[0] / "runstrength.json").stat().st_mtime_ns == stamp  # copied, not rebuilt
        # the throwaway copy is the runner's to change: the cache is untouched
        with Store(second) as store:
            store.save_profile(store.profile().with_changes(target=3))
        assert contents(cached[0])[0].target == expected[0].target
    finally:
        shutil.rmtree(first)
        shutil.rmtree(second)


def test_a_new_day_builds_a_new_demo_and_drops_the_old(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(tmp_path / "cache"))
    shutil.rmtree(demo.make_demo_dir(DAY))
    assert demo.demo_key(DAY) != demo.demo_key(date(2026, 11, 27))
    later = demo.make_demo_dir(date(2026, 11, 27))
    try:
        names = [p.name for p in (tmp_path / "cache").glob("demo-*")]
        assert names == [f"demo-{demo.demo_key(date(2026, 11, 27))}"]
        assert contents(later) == built_in_place(tmp_path, date(2026, 11, 27))
    finally:
        shutil.rmtree(later)


def test_an_unusable_cache_folder_still_gives_the_demo(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(blocker))
    folder = demo.make_demo_dir(DAY)
    try:
        assert contents(folder) == built_in_place(tmp_path)
    finally:
        shutil.rmtree(folder)
