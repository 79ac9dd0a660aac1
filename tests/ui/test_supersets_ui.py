"""Supersets in the app: after A1's set no rest, A2 is highlighted and named; after A2's set
the pair's rest runs and names A1; a kill mid-pair resumes where the runner was; holds
(each side too) work inside a pair."""

from __future__ import annotations

from datetime import timedelta

from helpers import NOW, FakeClock, SteppingNow, make_app, wait_for

from runstrength_tui.domain.prescribed import pair_rest
from runstrength_tui.ui.screens.dialogs import ChoiceScreen, LogSetScreen
from runstrength_tui.ui.screens.today import SUPERSET_HINT, TodayScreen


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render()).replace("\xa0", " ")


async def log_prescribed(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LogSetScreen)
    await pilot.press("enter")
    await pilot.pause()


async def test_a1_then_a2_without_rest_then_the_pairs_rest_naming_a1(demo_dir, close_stores):
    app = make_app(demo_dir, clock=FakeClock())
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        w = app.workout
        a, b = w.items[0], w.items[1]
        assert w.labels[:2] == ["A1", "A2"] and w.current is a
        options = app.screen.query_one("#exercises")
        assert options.border_subtitle == SUPERSET_HINT  # what a superset is, said once
        first = str(options.get_option_at_index(0).prompt).replace("\xa0", " ")
        second = str(options.get_option_at_index(1).prompt).replace("\xa0", " ")
        assert first.startswith(f"▶ A1 {a.plan.name}") and second.startswith(f"· A2 {b.plan.name}")
        assert second.splitlines()[-1].startswith("└")  # the bracket closes under A2
        assert "A2 follows, no rest" in text_of(app, "#timer-next")

        await log_prescribed(pilot)  # A1's set
        assert app.timers.active is None  # no rest inside the pair
        assert w.current is b and options.highlighted == 1
        assert text_of(app, "#timer-next").startswith("A2 now, no rest")
        assert text_of(app, "#detail").startswith(f"A2 {b.plan.name}")
        assert "no rest between" in text_of(app, "#detail")

        await log_prescribed(pilot)  # A2's set: the pair's rest, naming A1's next set
        active = app.timers.active
        assert active is not None and active.kind == "rest"
        assert active.countdown.duration == pair_rest(a.plan, b.plan)
        assert active.next_text.startswith(f"Next: A1 {a.plan.name} · set 2 of {a.plan.sets}")
        assert text_of(app, "#timer-next").startswith("Next: A1")
        assert w.current is a and options.highlighted == 0


async def test_pain_on_a1_carries_on_to_a2_without_rest(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#pain")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert str(app.screen.query_one("#choice-go").label).startswith("Carry on (A2 next, no rest)")
        await pilot.press("c")
        await pilot.pause()
        assert app.timers.active is None and app.workout.label(app.workout.current) == "A2"


async def test_a_kill_mid_pair_resumes_at_a2_and_mid_rest_after_a2(demo_dir, close_stores):
    now, clock = SteppingNow(NOW), FakeClock()
    app = make_app(demo_dir, clock=clock, now=now)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await log_prescribed(pilot)  # A1, then killed
    app.logbook.close()

    app2 = make_app(demo_dir, clock=clock, now=now)
    close_stores(app2)
    async with app2.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # resume
        await pilot.pause()
        w = app2.workout
        assert w.label(w.current) == "A2" and app2.timers.active is None  # no rest to resume
        await log_prescribed(pilot)  # A2: the pair's rest, then killed 10 s into it
        together = app2.timers.active.countdown.duration
        assert together == pair_rest(w.items[0].plan, w.items[1].plan)
    app2.logbook.close()

    now.t += timedelta(seconds=10)
    app3 = make_app(demo_dir, clock=clock, now=now)
    close_stores(app3)
    async with app3.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        active = app3.timers.active
        assert active is not None and active.kind == "rest"
        assert together - 13 <= active.countdown.remaining() <= together - 9
        assert active.next_text.startswith("Next: A1")


async def test_an_each_side_hold_as_the_second_half_runs_after_the_first_with_no_rest(demo_dir, close_stores):
    clock = FakeClock()
    app = make_app(demo_dir, clock=clock)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        w = app.workout
        found = [i for i, it in enumerate(w.items) if it.is_hold and w.labels[i].endswith("2")]
        assert found, "the demo's session has a hold as the second half of a superset"
        hold = found[0]
        item = w.items[hold]
        w.select(hold - 1)
        app.workout_changed()
        await log_prescribed(pilot)  # the first half; the hold comes straight after
        assert app.timers.active is None and w.current is item
        assert text_of(app, "#timer-next").startswith(f"{w.labels[hold]} now, no rest · enter: 5 s get-ready")
        await pilot.press("enter")  # the get-ready
        await pilot.pause()
        assert app.timers.active.kind == "get-ready"
        clock.advance(5)
        await wait_for(pilot, lambda: app.timers.active is not None and app.timers.active.kind == "hold")
        if item.plan.per_side:
            clock.advance(item.plan.seconds + 1)
            await wait_for(pilot, lambda: app.timers.active.switched)  # side 2
            clock.advance(item.plan.seconds + 5)
        else:
            clock.advance(item.plan.seconds)
        await wait_for(pilot, lambda: len(item.done) == 1)
        assert item.done[0].seconds == item.plan.seconds
        partner = w.partner(item)
        if not partner.complete:  # the pair's rest, naming the first half
            assert app.timers.active.kind == "rest" and app.timers.active.next_text.startswith("Next: ")


async def test_a_pairs_interleaved_sets_are_listed_per_exercise_in_history(demo_dir, close_stores):
    from runstrength_tui.ui.screens.history import HistoryScreen, SessionSetsScreen

    app = make_app(demo_dir, clock=FakeClock())
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w = app.workout
        a, b = w.items[0].plan.exercise, w.items[1].plan.exercise
        for _ in range(3):  # A1, A2, A1 (the pair's rest skipped)
            await log_prescribed(pilot)
            await pilot.press("k")
            await pilot.pause()
        logged = [s.exercise for s in app.logbook.open_session()[1]]
        assert logged == [a, b, a]
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("enter")  # today's open session, the newest
        await wait_for(pilot, lambda: isinstance(app.screen, SessionSetsScreen))
        assert [s.exercise for s in app.screen.sets] == [a, a, b]
        assert app.screen.describe(app.screen.sets[1]).startswith("set 2 of 2 · ")


async def test_a_user_keymap_moves_a_key_by_its_binding_id(demo_dir, close_stores):
    from helpers import log_until_rest

    app = make_app(demo_dir, clock=FakeClock())
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.set_keymap({"timer.skip": "j", "today.log": "L"})
        await log_until_rest(pilot)
        await pilot.press("k")  # moved away: k does nothing now
        await pilot.pause()
        assert app.timers.active is not None
        await pilot.press("j")
        await pilot.pause()
        assert app.timers.active is None
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LogSetScreen)


async def test_a_burst_of_enter_enter_opens_the_dialog_and_saves_the_set(demo_dir, close_stores):
    """Keys that arrive in one read: the first enter's action opens the log dialog at once,
    so the second lands in it and saves (why Today's keys are bound to the app's actions,
    not posted as Messages, which would let the second enter run first)."""
    from textual import events

    app = make_app(demo_dir, clock=FakeClock())
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w = app.workout
        for key in ("enter", "enter"):
            app.post_message(events.Key(key, None))
        await wait_for(pilot, lambda: w.sets_done == 1)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen) and w.label(w.current) == "A2"


async def test_x_on_a2_leaves_a1_to_go_on_alone_with_its_own_rest(demo_dir, close_stores):
    app = make_app(demo_dir, clock=FakeClock())
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        w = app.workout
        a, b = w.items[0], w.items[1]
        assert a.plan.sets >= 2
        await log_prescribed(pilot)  # A1
        assert w.current is b
        await pilot.press("x")  # A2 left out today
        await pilot.pause()
        assert b.skipped and w.current is a and app.timers.active is None
        assert text_of(app, "#timer-next") == "enter: log the set; rest starts by itself"
        await log_prescribed(pilot)  # A1 alone now: its own rest, then the next pair
        active = app.timers.active
        if not a.complete:
            assert active.countdown.duration == a.plan.rest and w.current is a
        else:
            assert active.countdown.duration == a.plan.rest and w.label(w.current) == "B1"
