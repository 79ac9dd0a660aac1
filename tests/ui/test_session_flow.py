"""Pilot walks through a whole session against a real data folder."""

from helpers import FakeClock, make_app, wait_for

from runstrength_tui.store.repo import Store
from runstrength_tui.ui.screens.dialogs import ChoiceScreen, FinishScreen, LogSetScreen
from runstrength_tui.ui.screens.today import TodayScreen


async def test_full_session_start_log_rest_hold_finish(beginner_dir, close_stores):
    clock = FakeClock()
    app = make_app(beginner_dir, clock=clock)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        w = app.workout
        names = [it.plan.exercise for it in w.items]
        assert names[-1] == "plank" and w.items[-1].plan.seconds == 20 and w.items[-1].plan.sets >= 1
        rep_items = [it for it in w.items if not it.is_hold]
        for n, item in enumerate(rep_items):
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, LogSetScreen)
            await pilot.press("enter")  # save the prefilled prescription
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)
            # the set is durable before the modal closed: a second reader sees it
            reader = Store(beginner_dir, write=False)
            assert len(reader.sets()) == n + 1
            partner = w.partner(item)
            if w.label(item).endswith("1") and partner is not None:
                # A1 of a superset (one set each here): no rest, A2 is next
                assert app.timers.active is None and w.current is partner
                continue
            # the rest timer started by itself, with the prescription's rest (a superset
            # done: its second exercise's own rest)
            assert app.timers.active is not None and app.timers.active.kind == "rest"
            assert app.timers.active.countdown.duration == item.plan.rest
            await pilot.press("k")  # skip the rest
            await pilot.pause()
            assert app.timers.active is None
        assert w.current.plan.exercise == "plank"
        holds = w.items[-1].plan.sets
        # hold 1: get ready, then stop early after 12 s: the time actually held is logged
        await pilot.press("enter")
        await pilot.pause()
        assert app.timers.active.kind == "get-ready"
        clock.advance(5)
        await wait_for(pilot, lambda: app.timers.active.kind == "hold")
        clock.advance(12)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert w.items[-1].done[-1].seconds == 12
        for _ in range(holds - 1):
            assert app.timers.active.kind == "rest"
            await pilot.press("k")
            # later holds held to the end: the prescribed hold is logged by itself, with a bell
            await pilot.press("enter")
            await pilot.pause()
            clock.advance(5)
            await wait_for(pilot, lambda: app.timers.active.kind == "hold")
            done = len(w.items[-1].done)
            clock.advance(20)
            await wait_for(pilot, lambda done=done: len(w.items[-1].done) == done + 1)
            assert w.items[-1].done[-1].seconds == 20
        assert w.all_done
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("6", "enter")
        await pilot.pause()
        assert w.session is None and w.finished_today
    app.logbook.close()
    with Store(beginner_dir, write=False) as store:
        sets = store.sets()
        sessions = store.sessions()
    assert len(sessions) == 1 and sessions[0].rpe == 6 and sessions[0].ended_at is not None
    assert [s.exercise for s in sets] == names[:-1] + ["plank"] * holds
    assert [s.seconds for s in sets[-holds:]] == [12] + [20] * (holds - 1)
    assert all(s.reps == it.plan.reps[1] for s, it in zip(sets, rep_items))
    assert store.open_session() is None


async def test_invalid_input_is_explained_and_nothing_is_saved(beginner_dir, close_stores):
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        amount = modal.query_one("#amount")
        amount.value = "0"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LogSetScreen)
        assert "Reps must be from 1 to 200" in str(modal.query_one("#error").render())
        modal.query_one("#load").value = "heavy"
        amount.value = "12"
        await pilot.pause()
        assert "like 20kg or 45lb" in str(modal.query_one("#error").render())
        await pilot.press("escape")
        await pilot.pause()
    assert app.logbook.sets() == []


async def test_variation_switch_changes_todays_session(beginner_dir, close_stores):
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = app.workout.current.plan.exercise
        easier_or_harder = app.workout.catalog.get(first).harder
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.workout.current.plan.exercise == easier_or_harder
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def _leave_two_sets_open(folder, close_stores):
    app = make_app(folder)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(2):
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("k")
    app.logbook.close()  # the app is gone without finishing: the session stays open


async def test_resume_choice_save_then_reopen_with_enter(beginner_dir, close_stores):
    await _leave_two_sets_open(beginner_dir, close_stores)
    app2 = make_app(beginner_dir)
    close_stores(app2)
    async with app2.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")  # save what I did
        await pilot.pause()
        w = app2.workout
        assert w.session is None and w.finished_today and app2.logbook.open_session() is None
        assert [s.ended_at is not None for s in app2.logbook.sessions()] == [True]
        assert app2.enter_mode() == "reopen"
        await pilot.press("enter")  # reopen today's saved session: its sets are kept
        await pilot.pause()
        assert w.session is not None and not w.finished_today and w.sets_done == 2
        assert app2.logbook.open_session()[0].id == app2.logbook.sessions()[0].id
        await pilot.press("enter", "enter")  # and it goes on: a third set in the same session
        await pilot.pause()
        assert len(app2.logbook.open_session()[1]) == 3
        assert len(app2.logbook.sessions()) == 1


async def test_resume_choice_decide_later_keeps_it_open(beginner_dir, close_stores):
    await _leave_two_sets_open(beginner_dir, close_stores)
    app2 = make_app(beginner_dir)
    close_stores(app2)
    async with app2.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app2.screen, TodayScreen)
        assert app2.logbook.open_session() is not None and app2.workout.sets_done == 2
    app2.logbook.close()
    app3 = make_app(beginner_dir)
    close_stores(app3)
    async with app3.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app3.screen, ChoiceScreen)  # asked again next time


async def test_hold_logs_to_the_timed_exercise_with_added_time(beginner_dir, close_stores):
    """Moving the highlight during a hold, or adding 15 s, still logs the hold right."""
    clock = FakeClock()
    app = make_app(beginner_dir, clock=clock)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w = app.workout
        plank = len(w.items) - 1
        # skipping a hold logs nothing (and leaves the set to do)
        w.select(plank)
        app.workout_changed()
        await pilot.press("enter")
        clock.advance(5)
        await wait_for(pilot, lambda: app.timers.active.kind == "hold")
        clock.advance(3)
        await pilot.press("k")
        await pilot.pause()
        assert app.timers.active is None and not w.items[plank].done
        assert app.logbook.sets(since=app.today()) == []
        # then held, with the highlight moved and 15 s added
        w.select(plank)
        app.workout_changed()
        await pilot.press("enter")
        clock.advance(5)
        await wait_for(pilot, lambda: app.timers.active.kind == "hold")
        await pilot.press("up", "plus")  # highlight another exercise, add 15 s
        await pilot.pause()
        clock.advance(35)
        await wait_for(pilot, lambda: w.items[plank].done)
        saved = app.logbook.sets(since=app.today())
        assert [(s.exercise, s.seconds) for s in saved] == [("plank", 35)]
        assert len(w.items[plank].done) == 1 and not w.items[plank - 1].done


async def test_finish_with_nothing_logged_saves_nothing(beginner_dir, close_stores):
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s", "f")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)  # no finish dialog for an empty session
        assert app.logbook.sessions() == []


async def test_variation_survives_a_reload_with_its_sets(beginner_dir, close_stores):
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = app.workout.current.plan.exercise
        harder = app.workout.catalog.get(first).harder
        app.workout.switch_variation(harder)
        await pilot.press("enter", "enter")  # log a set of the variation
        await pilot.pause()
        await pilot.press("o", "escape")  # leave Settings without saving
        await pilot.pause()
        app.workout.reload()  # as after an edit in History
        item = app.workout.items[0]
        assert item.plan.exercise == harder and len(item.done) == 1
        assert all(it.plan.exercise != first for it in app.workout.items)
