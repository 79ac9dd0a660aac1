"""Log.log_checked: the one way a set is checked by the guard and written (TUI and CLI)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from runstrength_tui import service
from runstrength_tui.domain.model import Profile
from runstrength_tui.domain.weeks import week_start

DAY = date(2025, 3, 12)
AT = datetime(2025, 3, 12, 18, 0)


def _log(folder) -> service.Log:
    logbook = service.Log(folder)
    logbook.save_profile(Profile(level="beginner", block_start=week_start(DAY)))
    return logbook


def _sets(ctx, count=1, pain=False, exercise="bodyweight-squat", session="(new)"):
    return service.make_sets(exercise, session, DAY, AT, count, 12, None, None, None, pain, "", "test")


def test_a_new_sitting_is_opened_checked_and_written(tmp_path):
    with _log(tmp_path / "data") as logbook:
        ctx = logbook.context(DAY)
        records = _sets(ctx, count=2, pain=True)
        expected = ctx.check_set(records, new_session=True).warnings
        saved, warnings = logbook.log_checked(ctx, records, None)
        assert [w.code for w in warnings] == [w.code for w in expected] and "pain" in [w.code for w in warnings]
        session, on_disk = logbook.open_session()
        assert session.date == DAY and [s.id for s in on_disk] == [s.id for s in saved]
        assert all(s.session == session.id for s in saved)
        assert "pain" in saved[0].warnings and saved[1].warnings == ()  # codes on the first set only
        assert ctx.history[-2:] == saved  # the context knows them (the TUI keeps planning on it)


def test_a_dry_run_checks_the_same_and_writes_nothing(tmp_path, folder_bytes):
    folder = tmp_path / "data"
    with _log(folder) as logbook:
        before = folder_bytes(folder)
        ctx = logbook.context(DAY)
        records, warnings = logbook.log_checked(ctx, _sets(ctx, pain=True), None, write=False)
        assert "pain" in [w.code for w in warnings] and records[0].session == "(new)"
        assert logbook.open_session() is None and logbook.sets() == []
        assert folder_bytes(folder) == before


def test_notes_already_shown_in_the_sitting_stay_quiet(tmp_path):
    with _log(tmp_path / "data") as logbook:
        ctx = logbook.context(DAY)
        _, first = logbook.log_checked(ctx, _sets(ctx, pain=True), None)
        session, _ = logbook.open_session()
        later = _sets(ctx, pain=True, session=session.id)
        saved, again = logbook.log_checked(
            ctx, [r.with_changes(logged_at=AT + timedelta(minutes=2)) for r in later], session
        )
        assert "pain" in [w.code for w in first] and "pain" not in [w.code for w in again]
        assert saved[0].session == session.id and saved[0].warnings == tuple(dict.fromkeys(w.code for w in again))
