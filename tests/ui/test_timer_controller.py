"""The timer controller's public API (what the app's keys, the tests and the benchmark call)."""

from helpers import FakeClock, make_app, tick, wait_for


async def test_get_ready_then_hold_pause_resume_add_and_skip(beginner_dir, close_stores):
    clock = FakeClock()
    app = make_app(beginner_dir, clock=clock, tick_seconds=10)  # no tick: only the controller acts
    close_stores(app)
    control = app.timer_controller
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ready = control.start_get_ready("plank", "Plank", 20, seconds=5)
        assert control.active is ready and ready.kind == "get-ready"
        hold = control.start_hold()  # the get-ready skipped: the hold it announced
        assert hold is not None and (hold.kind, hold.exercise, hold.countdown.duration) == ("hold", "plank", 20)
        clock.advance(4)
        control.pause()
        clock.advance(100)  # paused: no time passes for the hold
        assert hold.countdown.paused and abs(hold.countdown.remaining() - 16) < 1e-9
        control.pause()  # already paused: nothing changes
        control.resume()
        control.add()  # +15 s
        assert abs(hold.countdown.deadline() - (clock() + 31)) < 1e-9
        skipped = control.skip()
        assert skipped is hold and control.active is None
        assert "hold" not in control.finished_at  # a skipped timer's end is not handled


async def test_the_deadline_ends_a_rest_once_and_stop_forgets_it(demo_dir, close_stores):
    clock = FakeClock()
    app = make_app(demo_dir, clock=clock, tick_seconds=0.01)
    close_stores(app)
    control = app.timer_controller
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        control.start_rest(30, "next")
        clock.advance(29.9)
        await tick(pilot)
        assert control.active is not None
        clock.advance(0.1)
        await wait_for(pilot, lambda: control.active is None)  # the app's own ticks end it
        assert control.finished_at["rest"] == clock()
        control.start_rest(30, "next")
        stopped = control.stop()
        assert stopped is not None and control.active is None
        clock.advance(60)
        await tick(pilot)
        assert control.finished_at["rest"] == clock() - 60  # the stopped rest never ended


async def test_the_end_of_a_get_ready_starts_its_hold_in_the_controller(beginner_dir, close_stores):
    """The controller alone, its ends told to no one: a get-ready's end starts its hold
    (as a skip does), whatever the app does with the end."""
    from runstrength_tui.ui.timer_controller import TimerController

    clock = FakeClock()
    app = make_app(beginner_dir, clock=clock, tick_seconds=10)
    close_stores(app)
    ended = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        control = TimerController(
            app, clock, on_end=ended.append, on_switch=lambda _: None, beeps=lambda: False, bell=lambda: None
        )
        control.start_get_ready("plank", "Plank", 20, seconds=5)
        clock.advance(5)
        control.tick()  # the deadline's backstop, as the app's tick calls it
        hold = control.active
        assert hold is not None and (hold.kind, hold.exercise, hold.countdown.duration) == ("hold", "plank", 20)
        assert control.finished_at["get-ready"] == clock()
        control.tick()  # the get-ready is handled once: the hold runs on
        assert control.active is hold and not hold.countdown.finished
        assert [t.kind for t in ended] == ["get-ready"]
