"""The guard in the TUI: warnings before saving, acknowledged ones stay quiet."""

from helpers import make_app

from runstrength_tui.ui.screens.dialogs import ChoiceScreen, LogSetScreen, NotesScreen
from runstrength_tui.ui.widgets.warnings import WarningsBox


async def test_log_modal_warns_before_saving_and_ack_silences(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        index = next(i for i, it in enumerate(app.workout.items) if it.plan.suggested_load_kg)
        app.workout.select(index)  # a weighted exercise done recently (the demo: reverse lunge, 8 kg)
        app.workout_changed()
        exercise = app.workout.current.plan.exercise
        jump = f"{app.workout.current.plan.suggested_load_kg * 2:g}kg"
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, LogSetScreen)
        modal.query_one("#load").value = jump
        await pilot.pause()
        box = modal.query_one("#preview", WarningsBox)
        assert box.display and [w.code for w in modal.warnings] == ["load-jump"]
        assert app.logbook.sets(since=app.today()) == []  # shown before anything is saved
        await pilot.press("ctrl+g")  # "I know"
        await pilot.pause()
        assert modal.warnings == [] and not box.display
        assert ("load-jump", exercise, app.today()) in app.logbook.acks()
        await pilot.press("enter")
        await pilot.pause()
        saved = app.logbook.sets(since=app.today())
        assert len(saved) == 1 and f"{saved[0].load_kg:g}kg" == jump and saved[0].warnings == ()
        # and on the next set the same jump stays quiet for this exercise
        await pilot.press("k")
        app.workout.select(index)  # the same exercise again (one more set of it: l logs a set)
        app.workout_changed()
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#load").value = jump
        await pilot.pause()
        assert app.screen.warnings == []


async def test_pain_is_not_toasted_again_and_offers_to_skip_the_exercise(demo_dir, close_stores):
    """A note read in the log dialog is not repeated as a toast; after a painful set no
    rest starts: the runner is offered to skip the rest of the exercise."""
    app = make_app(demo_dir)
    close_stores(app)
    toasts = []
    real_notify = app.notify

    def notify(message, **kwargs):  # watch the real toasts go by
        toasts.append(f"{kwargs.get('title')}: {message}")
        return real_notify(message, **kwargs)

    app.notify = notify
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        item = app.workout.current
        assert item.plan.sets > 1
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#pain")
        await pilot.pause()
        assert [w.code for w in app.screen.warnings] == ["pain"]
        # pain is never silenced, so "I know" is not offered for it (button nor key)
        assert not app.screen.query_one("#ack").display
        assert app.screen.check_action("acknowledge", ()) is False
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.logbook.acks() == [] and [w.code for w in app.screen.warnings] == ["pain"]
        await pilot.press("enter")
        await pilot.pause()
        assert not any("pain" in t.lower() for t in toasts if t.startswith("WARNING")), toasts
        assert isinstance(app.screen, ChoiceScreen) and app.timers.active is None  # no rest for the next set
        assert app.screen.query_one("#choice-skip")  # "Skip the rest of …"
        await pilot.press("x")
        await pilot.pause()
        assert item.skipped and app.workout.current is not item and app.timers.active is None
        assert len(app.logbook.sets(since=app.today())) == 1  # the painful set is saved
        assert [n.code for n in app.workout.notes] == ["pain"]  # and listed in the notes (g)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)


async def test_carrying_on_after_pain_starts_the_rest(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # A1 of a superset; the pain comes on A2, before the pair's rest
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#pain")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.timers.active is not None and app.timers.active.kind == "rest"
