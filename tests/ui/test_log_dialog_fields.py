"""Issue 26 minors: the log dialog reads its fields as the CLI does, says what a number field
wants when letters are typed, starts set 2 from what set 1 was, and keeps a note."""

from __future__ import annotations

from helpers import log_until_rest, make_app

from runstrength_tui.ui.screens.dialogs import LogSetScreen


async def test_letters_in_reps_are_explained_not_dropped(beginner_dir, close_stores):
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, LogSetScreen)
        modal.query_one("#amount").value = ""
        await pilot.press(*"twelve")  # a type="integer" field dropped these and saved the default
        await pilot.pause()
        assert modal.query_one("#amount").value == "twelve"
        assert "Reps must be a whole number from 1 to 200, not 'twelve'" in str(modal.query_one("#error").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is modal and app.logbook.sets() == []
        modal.query_one("#rpe").value = "hard"
        modal.query_one("#amount").value = "12"
        await pilot.pause()
        assert "RPE must be a whole number from 1 to 10" in str(modal.query_one("#error").render())


async def test_set_two_starts_from_set_one_and_a_note_is_kept(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        item = app.workout.current
        assert item.plan.sets >= 2 and item.plan.reps is not None
        await pilot.press("l")
        await pilot.pause()
        modal = app.screen
        done = item.plan.reps[0]  # the bottom of the range, not the top the field starts at
        modal.query_one("#amount").value = str(done)
        modal.query_one("#note").value = "left knee fine"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        prompt = str(app.screen.query_one("#exercises").get_option_at_index(0).prompt).replace("\xa0", " ")
        assert f"today 1×{done}" in prompt  # Today lists what was just done
        await log_until_rest(pilot)  # A2 of the superset, then the pair's rest: A1's set 2 is next
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.query_one("#amount").value == str(done)
        await pilot.press("escape")
        await pilot.pause()
    first = app.logbook.open_session()[1][0]
    assert first.reps == done and first.note == "left knee fine"


async def test_the_dialog_stays_whole_at_80x24_with_a_warning(demo_dir, close_stores):
    """Title, fields, the warning and the buttons all on screen (the title scrolled away)."""
    from runstrength_tui.ui.scenes import FakeClock, warning_scene

    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await warning_scene(pilot, FakeClock())
        await pilot.pause()
        dialog = app.screen
        assert "WARNING" in str(dialog.query_one("#preview").render()) or dialog.warnings
        for selector in ("#dialog-title", "#amount", "#note", "#preview", "#save"):
            region = dialog.query_one(selector).region
            assert region.y >= 0 and region.bottom <= 24, (selector, region)
