"""The Week screen's review (context + status) and the History table's rows are computed
once per day and state of the log: opened again with nothing written it is the same result;
any write to the log, a new day or an imported run computes it again, and the new result
shows the change."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from run_files_maker import gpx_text, write

from runstrength_tui import service

DAY = date(2025, 3, 12)  # a Wednesday (tests/conftest.py pins this day)


def review(store, day=DAY):
    return service.week_review(store, day)


def test_opening_again_without_a_change_reuses_the_review(history):
    h = history().profile(level="intermediate", target=2, block_start=DAY - timedelta(weeks=2))
    h.session(DAY - timedelta(days=2), ("goblet-squat", 2, 12, None, 12.0), rpe=7, minutes=18)
    first = review(h.store)
    assert review(h.store) is first
    ctx, st = first
    assert st.week_sessions == 1 and len(ctx.sessions) == 1


def test_a_logged_session_a_new_day_and_a_profile_change_each_compute_it_again(history):
    h = history().profile(level="intermediate", target=2, block_start=DAY - timedelta(weeks=2))
    h.session(DAY - timedelta(days=2), ("goblet-squat", 2, 12, None, 12.0), rpe=7, minutes=18)
    before = review(h.store)

    h.session(DAY, ("goblet-squat", 2, 12, None, 12.0), rpe=7, minutes=18)
    after_session = review(h.store)
    assert after_session is not before
    assert after_session[1].week_sessions == 2 and after_session[1].counts

    next_day = review(h.store, DAY + timedelta(days=1))
    assert next_day is not after_session and next_day[1].today == DAY + timedelta(days=1)

    h.store.save_profile(h.store.profile().with_changes(target=3))
    changed = review(h.store)
    assert changed is not after_session and changed[1].target == 3 and not changed[1].counts


def test_an_open_session_with_a_new_set_computes_it_again(history):
    h = history().profile(target=2)
    before = review(h.store)
    from runstrength_tui.domain.model import SetRecord

    now = datetime(2025, 3, 12, 18, 0)
    session = h.store.start_session(DAY, now)
    h.store.log_set(
        SetRecord(
            id=service.new_id(),
            session=session.id,
            exercise="goblet-squat",
            date=DAY,
            logged_at=now,
            reps=12,
            load_kg=12.0,
        )
    )
    after = review(h.store)
    assert after is not before
    assert [s.exercise for s in after[0].history] == ["goblet-squat"]


def test_imported_runs_compute_it_again(history, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    h = history().profile(target=2, runs=("rest",) * 7)
    before = review(h.store)
    path = write(tmp_path / "in" / "mon.gpx", gpx_text(datetime(2025, 3, 10, 7, 0).astimezone(), 12.0, 4000, hr=140))
    service.runs.import_paths(h.store, [path], datetime(2025, 3, 12, 9, 0))
    after = review(h.store)
    assert after is not before
    assert [r.date for r in after[0].runs] == [date(2025, 3, 10)]


def test_two_logs_keep_their_own_review(history, tmp_path):
    a = history(tmp_path / "a").profile(target=2)
    b = history(tmp_path / "b").profile(level="intermediate", target=3)
    a.session(DAY - timedelta(days=1), ("goblet-squat", 1, 12, None, 12.0))
    assert review(a.store)[1].week_sessions == 1
    assert review(b.store)[1].week_sessions == 0 and review(b.store)[1].target == 3
    assert review(a.store)[1].week_sessions == 1


def test_history_rows_are_read_again_only_after_a_change(history):
    h = history().profile(target=2)
    [first, _] = h.session(DAY - timedelta(days=2), ("goblet-squat", 2, 12, None, 12.0), rpe=7, minutes=18)
    since = DAY - timedelta(weeks=52)
    rows = service.recent_history_rows(h.store, since)
    assert service.recent_history_rows(h.store, since) is rows
    assert [(r["sets"], r["exercises"]) for r in rows] == [(2, ["Goblet squat"])]

    h.store.delete_set(first.id)
    after_delete = service.recent_history_rows(h.store, since)
    assert after_delete is not rows and [r["sets"] for r in after_delete] == [1]

    h.session(DAY, ("plank", 1, None, 30, None))
    assert [r["sets"] for r in service.recent_history_rows(h.store, since)] == [1, 1]
