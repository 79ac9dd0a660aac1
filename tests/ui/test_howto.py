"""Issue 26 minor: How to paints with its first frame (it was blank for over a second on a
loaded machine), and a key pressed before it is laid out still scrolls."""

from helpers import wait_for
from textual import events

from runstrength_tui.ui.screens.exercise import ExerciseScreen, Instructions


async def test_the_how_to_is_there_with_the_screen(demo_dir, app_for):
    app = app_for(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_instructions()  # pushed: its text is composed with it, nothing mounts later
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        await pilot.pause()  # the first frame
        text = screen.query_one(Instructions)
        assert text.source.startswith(f"# {app.workout.current.plan.name}")
        assert text.region.height > 20  # laid out whole on the first frame: one widget, no blocks
        assert len(screen.query("#instructions-scroll > *")) == 2  # the story and the how-to


async def test_page_down_pressed_at_once_is_not_lost(demo_dir, app_for):
    app = app_for(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # "i" then PgDn, as fast as a terminal sends them: PgDn arrives before any layout
        app.post_message(events.Key("i", "i"))
        app.post_message(events.Key("pagedown", None))
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        box = app.screen.query_one("#instructions-scroll")
        await wait_for(pilot, lambda: box.scroll_y > 0)  # it scrolled a page, once laid out
        await pilot.pause(0.2)
        assert box.scroll_y == box.size.height or box.scroll_y == box.max_scroll_y  # one page, not more
        assert isinstance(app.screen, ExerciseScreen)


async def test_early_down_and_end_act_too(demo_dir, app_for):
    app = app_for(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.post_message(events.Key("i", "i"))
        app.post_message(events.Key("end", None))
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        box = app.screen.query_one("#instructions-scroll")
        await wait_for(pilot, lambda: box.max_scroll_y > 0 and box.scroll_y == box.max_scroll_y)
