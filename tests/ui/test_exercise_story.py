"""The exercise screen tells the runner's story with an exercise when opened from the
library; from Today, mid-session, the how-to stays first."""

from __future__ import annotations

from helpers import wait_for
from textual.widgets import Static

from runstrength_tui.ui.screens.exercise import ExerciseScreen


async def test_from_the_library_the_screen_shows_the_sets_over_time(demo_dir, app_for):
    app = app_for(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", *"copenhagen plank (short", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        story = app.screen.query_one("#story", Static)
        assert story.display
        text = str(story.render())
        assert "Your history" in text and "Best set: 30 s on 2026-10-22" in text and "30 s ┤" in text
        await pilot.press("escape", "escape")


async def test_from_today_mid_session_the_how_to_comes_first(demo_dir, app_for):
    app = app_for(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        assert not app.screen.query_one("#story", Static).display


async def test_an_exercise_never_logged_shows_no_story(demo_dir, app_for):
    app = app_for(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", *"nordic", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        assert not app.screen.query_one("#story", Static).display
