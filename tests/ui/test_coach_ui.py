"""The coach on Today and in Settings: the warm-up step, the coach's notes, pain clearance,
races, owned weights and the jump-readiness questions."""

from datetime import datetime, timedelta

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.store.repo import Store, new_id
from runstrength_tui.ui.screens.dialogs import LogSetScreen

from helpers import NOW, PINNED, make_app
from test_moment import footer


async def test_warmup_is_a_step_before_the_first_set_and_logs_nothing(beginner_dir, close_stores):
    app = make_app(beginner_dir, warmed_up=False)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        w = app.workout
        drills = len(w.plan.warmup)
        assert 3 <= drills <= 5 and w.in_warmup
        assert app.enter_mode() == "warmup-go"
        detail = str(app.screen.query_one("#detail").render())
        assert "WARM-UP" in detail and w.plan.warmup[0].name in detail
        await pilot.press("enter")  # starts the warm-up and the session clock
        await pilot.pause()
        assert w.session is not None and app.enter_mode() == "warmup"
        for _ in range(drills):
            assert not isinstance(app.screen, LogSetScreen)
            await pilot.press("enter")
            await pilot.pause()
        assert not w.in_warmup and app.enter_mode() in ("log", "hold")
        assert app.store.open_session()[1] == []  # drills are not sets
        await pilot.press("enter")
        await pilot.pause()
        if app.enter_mode() == "log":
            assert isinstance(app.screen, LogSetScreen)


async def test_x_skips_the_warmup_and_the_footer_says_so(beginner_dir, close_stores):
    app = make_app(beginner_dir, warmed_up=False)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = set(footer(app))
        assert {"Start warm-up", "Skip warm-up"} <= keys and "Skip exercise" not in keys
        await pilot.press("x")
        await pilot.pause()
        assert not app.workout.in_warmup
        assert app.workout.items[0].skipped is False  # x skipped the warm-up, not an exercise
        keys = set(footer(app))
        assert "Skip warm-up" not in keys and "Skip exercise" in keys


async def test_a_resumed_session_goes_straight_on(beginner_dir, close_stores):
    with Store(beginner_dir) as store:
        session = store.start_session(PINNED, NOW - timedelta(minutes=5))
        store.log_set(SetRecord(id=new_id(), session=session.id, exercise="bodyweight-squat", date=PINNED,
                                logged_at=NOW - timedelta(minutes=4), reps=12))
    app = make_app(beginner_dir, warmed_up=False)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # resume
        await pilot.pause()
        assert app.workout.sets_done == 1 and not app.workout.in_warmup
        assert app.enter_mode() in ("log", "hold")
