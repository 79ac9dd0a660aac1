"""Issue 26 minors: each-side holds say so before they start, and History says when one
was stopped on side 1."""

from datetime import date, datetime

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.ui.screens.history import amount_text
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


def test_history_says_a_hold_stopped_on_side_one_was_one_side():
    """Issue 26 minor: History read '12 s each side' for a hold stopped before side 2."""

    def hold(note: str) -> SetRecord:
        day = date(2026, 11, 26)
        at = datetime(2026, 11, 26, 18)
        return SetRecord(id="a", session="s", exercise="side-plank", date=day, logged_at=at, seconds=12, note=note)

    assert amount_text(hold("side 1 only (stopped before side 2)")) == "12 s on side 1 only"
    assert amount_text(hold("")) == "12 s each side"
