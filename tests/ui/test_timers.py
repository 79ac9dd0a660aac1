"""Timers stay exact: remaining time comes from a monotonic deadline, never from ticks."""

import gc
import time

from helpers import FakeClock, make_app, tick, wait_for

from runstrength_tui.ui.screens.today import TodayScreen


async def test_zero_drift_across_ticks_pause_resume_and_screen_switches(demo_dir, close_stores):
    clock = FakeClock()
    app = make_app(demo_dir, clock=clock, tick_seconds=0.01)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.timers.start_rest(60, "next")
        app.timer_controller.schedule()
        countdown = app.timers.active.countdown
        for _ in range(10):  # ticks while the fake clock moves in odd steps
            clock.advance(1.7)
            await tick(pilot)
        assert abs(countdown.remaining() - (60 - 17)) < 1e-9
        await pilot.press("w")  # leave Today: the timer lives on the app
        await wait_for(pilot, lambda: not isinstance(app.screen, TodayScreen))
        clock.advance(3)
        await pilot.press("space")  # pause on the Week screen
        await wait_for(pilot, lambda: countdown.paused)
        clock.advance(500)  # a long pause costs nothing
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert abs(countdown.remaining() - 40) < 1e-9
        await pilot.press("space")  # resume: a new deadline from the stored remainder
        await pilot.press("plus")  # +15 s
        await pilot.pause()
        assert abs(countdown.deadline() - (clock() + 55)) < 1e-9
        clock.advance(54.999)
        await tick(pilot)
        assert app.timers.active is not None
        clock.advance(0.001)
        await wait_for(pilot, lambda: app.timers.active is None)  # the app's own ticks end it
        assert app.timer_finished_at["rest"] == clock()


async def test_real_clock_three_second_timer_ends_never_early_while_ui_is_busy(demo_dir, close_stores):
    """How late it ends is measured by benchmarks/run.py (a bound on a shared machine is a
    coin toss); here the real clock's timer ends, at or after its deadline, never before."""
    app = make_app(demo_dir, clock=time.monotonic)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen

        def busy() -> None:  # re-render the whole session list, over and over
            screen.workout_changed()

        gc.collect()  # earlier tests' garbage is not this timer's business
        interval = app.set_interval(0.02, busy)
        app.timers.start_rest(3, "next")
        app.timer_controller.schedule()
        deadline = app.timers.active.countdown.deadline()
        await wait_for(pilot, lambda: app.timers.active is None)
        interval.stop()
        assert app.timers.active is None
        assert app.timer_finished_at["rest"] >= deadline, "ended before its deadline"
