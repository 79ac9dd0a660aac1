"""Issue 26 minor: a dumbbell-only runner reads dumbbell names (it was "Kettlebell deadlift")."""

from helpers import wait_for
from textual.widgets import OptionList

from runstrength_tui.ui.screens.exercise import ExerciseScreen, Instructions


async def test_the_library_and_the_how_to_name_the_dumbbell_deadlift(beginner_dir, app_for):
    app = app_for(beginner_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", *"dumbbells deadlift")
        await pilot.pause()
        listed = app.screen.query_one("#library", OptionList)
        names = [str(listed.get_option_at_index(i).prompt).split("  ")[0] for i in range(listed.option_count)]
        assert "Dumbbell deadlift" in names and not any("Kettlebell" in n for n in names)
        await pilot.press("enter")  # the first match: the Romanian deadlift
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        text = app.screen.query_one(Instructions).source
        assert "Easier: **Dumbbell deadlift**" in text and "Kettlebell" not in text
