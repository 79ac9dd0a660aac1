"""Issue 26, major 3: a session saved as it was and reopened keeps its minutes (the sum of
the stretches it ran), and the session clock counts on from them."""

from __future__ import annotations

from datetime import timedelta

from helpers import NOW, FakeClock, SteppingNow, log_until_rest, make_app

from runstrength_tui.ui.screens.today import TodayScreen


class WallClock(SteppingNow):
    def advance(self, minutes: float) -> None:
        self.t += timedelta(minutes=minutes)


async def _log_set(pilot) -> None:
    await pilot.press("enter")  # the log dialog
    await pilot.pause()
    await pilot.press("enter")  # saved
    await pilot.pause()
    await pilot.press("k")  # rest skipped
    await pilot.pause()


async def test_save_reopen_and_finish_keep_every_stretchs_minutes(beginner_dir, close_stores):
    now, clock = WallClock(NOW), FakeClock()
    app = make_app(beginner_dir, clock=clock, now=now)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await _log_set(pilot)
        now.advance(7)
        clock.advance(7 * 60)
        await _log_set(pilot)  # 7 minutes after the first
    app.logbook.close()  # gone without finishing

    now.advance(30)  # back half an hour later: saved as it was, then reopened
    app2 = make_app(beginner_dir, clock=clock, now=now)
    close_stores(app2)
    async with app2.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        (saved,) = app2.logbook.sessions()
        assert saved.minutes == 7  # from its start to its last set (it stored nothing: "under a minute")
        assert "7 min" in str(app2.screen.query_one("#session-clock").render())
        await pilot.press("enter")  # reopen
        await pilot.pause()
        assert isinstance(app2.screen, TodayScreen) and app2.workout.session is not None
        assert round(app2.session_elapsed()) == 7 * 60  # the clock counts on from 07:00, not 00:00
        app2.screen.update_clock()
        assert "Session 07:00" in str(app2.screen.query_one("#session-clock").render())
        now.advance(4)
        clock.advance(4 * 60)
        await _log_set(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    (done,) = app2.logbook.sessions()
    assert done.minutes == 11 and done.ended_at is not None and done.resumed_at is None


def test_a_sitting_saved_after_a_reopen_counts_only_its_running_stretches(tmp_path):
    """Saved as it was after a reopen: the earlier minutes plus the stretch since the reopen
    (not the hours between the first start and the reopen)."""
    from runstrength_tui.domain.model import SessionRecord

    s = SessionRecord(id="a", date=NOW.date(), started_at=NOW, minutes=12.0, resumed_at=NOW + timedelta(hours=3))
    assert s.active_minutes(NOW + timedelta(hours=3, minutes=5)) == 17.0
    assert SessionRecord.from_doc(s.to_doc()) == s


async def test_resume_after_a_kill_mid_rest_goes_on_with_the_rest_left(beginner_dir, close_stores):
    now, clock = WallClock(NOW), FakeClock()
    app = make_app(beginner_dir, clock=clock, now=now)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await log_until_rest(pilot)  # sets, and a rest starts
        rest = app.timers.active.countdown.duration
        assert app.timers.active.kind == "rest" and rest > 25
    app.logbook.close()  # killed mid-rest

    now.t += timedelta(seconds=20)
    app2 = make_app(beginner_dir, clock=clock, now=now)
    close_stores(app2)
    async with app2.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # resume
        await pilot.pause()
        active = app2.timers.active
        assert active is not None and active.kind == "rest"
        assert rest - 23 <= active.countdown.remaining() <= rest - 19  # the 20 s gone are gone
