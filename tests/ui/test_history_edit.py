"""History: open a session, edit a set (a new durable write), delete one after confirming."""

from helpers import make_app, wait_for

from runstrength_tui.cli import run
from runstrength_tui.store.repo import Store
from runstrength_tui.ui.screens.dialogs import ConfirmScreen
from runstrength_tui.ui.screens.history import EditSetScreen, HistoryScreen, SessionSetsScreen


async def test_edit_and_delete_a_set(demo_dir, close_stores, capsys):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("enter")  # the newest session
        await wait_for(pilot, lambda: isinstance(app.screen, SessionSetsScreen))
        sets_screen = app.screen
        assert isinstance(sets_screen, SessionSetsScreen)
        first = sets_screen.sets[0]
        count = len(sets_screen.sets)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditSetScreen)
        app.screen.query_one("#amount").value = "7" if first.seconds is None else "33"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is sets_screen)
        edited = next(s for s in app.logbook.sets(since=first.date, until=first.date) if s.id == first.id)
        assert (edited.reps, edited.seconds) in ((7, None), (None, 33)) and edited.edited_at is not None
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert len(sets_screen.sets) == count
        await pilot.press("d", "y")
        await wait_for(pilot, lambda: len(sets_screen.sets) == count - 1)
        assert len(sets_screen.sets) == count - 1
    app.logbook.close()
    with Store(demo_dir, write=False) as store:  # durable, and the export shows the edit
        assert first.id in {s.id for s in store.sets()}
    assert run(["--data-dir", str(demo_dir), "export"]) == 0
    exported = capsys.readouterr().out
    assert '"edited_at": "2026-11-26T18:' in exported
