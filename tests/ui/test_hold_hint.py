"""Issue 26 minors: the idle timer says what enter does for an each-side hold."""

from runstrength_tui.ui.widgets.timer_panel import TimerPanel


async def test_an_each_side_hold_says_each_side_before_it_starts(demo_dir, app_for):
    app = app_for(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        w = app.workout
        index = next(i for i, it in enumerate(w.items) if it.is_hold and it.plan.per_side)
        w.select(index)
        app.workout_changed()
        panel = app.screen.query_one("#timer", TimerPanel)
        panel.refresh_view()
        await pilot.pause()
        seconds = w.items[index].plan.seconds
        assert str(panel.query_one("#timer-next").render()).replace("\n", " ") == (
            f"enter: {app.get_ready_seconds} s get-ready, then hold {seconds} s each side"
        )
