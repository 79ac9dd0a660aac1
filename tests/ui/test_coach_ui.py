"""The coach on Today and in Settings: the warm-up step, the coach's notes, pain clearance,
races, owned weights and the jump-readiness questions."""

from datetime import date, timedelta

from helpers import NOW, PINNED, make_app, make_pain_log, wait_for
from test_moment import footer

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.store.repo import Store, new_id
from runstrength_tui.ui.screens.dialogs import LogSetScreen
from runstrength_tui.ui.screens.today import TodayScreen, fit_notes


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
        assert w.session is not None and app.enter_mode() in ("warmup", "drill")
        for _ in range(drills * 2):  # a timed drill takes two: start it, then done
            if not w.in_warmup:
                break
            assert not isinstance(app.screen, LogSetScreen)
            await pilot.press("enter")
            await pilot.pause()
        assert not w.in_warmup and app.enter_mode() in ("log", "hold")
        assert app.logbook.open_session()[1] == []  # drills are not sets
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
        store.log_set(
            SetRecord(
                id=new_id(),
                session=session.id,
                exercise="bodyweight-squat",
                date=PINNED,
                logged_at=NOW - timedelta(minutes=4),
                reps=12,
            )
        )
    app = make_app(beginner_dir, warmed_up=False)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # resume
        await pilot.pause()
        assert app.workout.sets_done == 1 and not app.workout.in_warmup
        assert app.enter_mode() in ("log", "hold")


async def test_pain_referral_stays_on_today_until_cleared_with_a_confirmation(tmp_path, close_stores):
    folder = make_pain_log(tmp_path / "data")
    app = make_app(folder)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notes = str(app.screen.query_one("#coach-notes").render())
        assert "Pain on Bodyweight squat" in notes and "c clears it here" in notes
        assert "bodyweight-squat" not in [it.plan.exercise for it in app.workout.items]
        await pilot.press("c")
        await pilot.pause()
        assert "Bodyweight squat" in app.screen.query_one("#dialog-title").render().plain
        await pilot.press("n")  # keep it out: nothing changes
        await pilot.pause()
        assert app.logbook.profile().pain_cleared == ()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.logbook.profile().pain_cleared == (("bodyweight-squat", PINNED),)
        assert not app.screen.query_one("#coach-notes").display
        assert app.workout.referred == []


def test_notes_that_do_not_fit_end_in_a_cue():
    notes = ["Pain on Goblet squat " + "word " * 60, "Block week 2: the week of 2 Nov had 0 of 2 planned sessions."]
    text = fit_notes(notes, 60, 4, True).plain
    lines = text.splitlines()
    assert len(lines) == 4 and all(len(line) <= 60 for line in lines)
    assert lines[-1].endswith("c: clear · m: all notes")
    short = fit_notes(notes[1:], 60, 4, False).plain
    assert "m: all notes" not in short and short.startswith("• Block week 2")


async def test_settings_races_weights_readiness_and_a_level_change(beginner_dir, close_stores):
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert not screen.query_one("#readiness").display  # beginners: no jump questions
        screen.query_one("#target").query("RadioButton")[1].value = True  # a beginner asks for 3
        await pilot.pause()
        note = screen.query_one("#target-note")
        assert note.display and "Beginners do 2 full sessions a week" in str(note.render())
        screen.query_one("#level").query("RadioButton")[1].value = True  # intermediate: a move up
        await pilot.pause()
        assert screen.query_one("#readiness").display
        # an intermediate runner asking for 3: the leg-free third session is explained instead
        assert note.display and "spares your legs" in str(note.render()) and "Beginners" not in str(note.render())
        boxes = [screen.query_one(f"#ready-{i}") for i in range(5)]
        assert not any(b.value for b in boxes)
        screen.query_one("#races").value = "2026-13-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "YYYY-MM-DD, not '2026-13-01'" in str(screen.query_one("#error").render())
        screen.query_one("#races").value = "2027-04-18, 2026-12-06, 2025-01-01"
        screen.query_one("#dumbbells").value = "4,6, 8,10 "
        screen.query_one("#kettlebells").value = "12, sixteen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Kettlebells look like" in str(screen.query_one("#error").render())
        screen.query_one("#kettlebells").value = "16, 12"
        for box in boxes[:4]:
            box.value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        saved = app.logbook.profile()
        assert saved.races == (date(2026, 12, 6), date(2027, 4, 18))  # the past one is dropped
        assert saved.dumbbells == (4.0, 6.0, 8.0, 10.0) and saved.kettlebells == (12.0, 16.0)
        assert saved.level == "intermediate" and saved.level_history[-1] == (PINNED, "intermediate")
        assert saved.plyo_ready is False  # four yes of five: jumps wait
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.query_one("#races").value == "2026-12-06, 2027-04-18"
        assert app.screen.query_one("#dumbbells").value == "4, 6, 8, 10"
        for i in range(5):
            app.screen.query_one(f"#ready-{i}").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.logbook.profile().plyo_ready is True
        assert app.logbook.profile().level_history[-1] == (PINNED, "intermediate")  # no new level change


async def test_settings_clears_a_pain_mark_after_naming_it(tmp_path, close_stores):
    app = make_app(make_pain_log(tmp_path / "data"))
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        button = app.screen.query_one("#clear-bodyweight-squat")
        button.press()
        await pilot.pause()
        assert "Bodyweight squat" in str(app.screen.query_one("#choice-body").render())
        await pilot.press("y")
        await pilot.pause()
        assert app.logbook.profile().pain_cleared == (("bodyweight-squat", PINNED),)
        await pilot.press("ctrl+s")  # saving the form keeps the clearance
        await pilot.pause()
        assert app.logbook.profile().pain_cleared == (("bodyweight-squat", PINNED),)
        assert isinstance(app.screen, TodayScreen) and app.workout.referred == []


async def test_m_lists_the_notes_and_clears_from_there(tmp_path, close_stores):
    app = make_app(make_pain_log(tmp_path / "data"))
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert "Pain on Bodyweight squat" in str(app.screen.query_one("#choice-body").render())
        await pilot.press("1")  # "Clear pain: Bodyweight squat": asks first
        await pilot.pause()
        assert app.logbook.profile().pain_cleared == ()
        await pilot.press("y")
        await pilot.pause()
        assert app.logbook.profile().pain_cleared == (("bodyweight-squat", PINNED),)


async def test_a_held_back_block_week_is_said_on_today(tmp_path, close_stores):
    from helpers import COMEBACK, make_log

    spec = dict(COMEBACK)
    app = make_app(make_log(tmp_path / "data", spec.pop("days_ago"), **spec))
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plan = app.workout.plan
        assert plan.comeback == 1 and plan.block_week_reason
        notes = str(app.screen.query_one("#coach-notes").render())
        assert f"Block week {plan.block_week}: after 20 days" in notes.replace("\n  ", " ")
        assert "(week 1 back)" in app.header_text()


async def test_onboarding_intermediate_answers_the_readiness_questions(tmp_path, close_stores):
    app = make_app(tmp_path / "fresh")
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#readiness").display
        await pilot.press("down", "space")  # intermediate: the questions show in the same step
        await pilot.pause()
        assert app.screen.query_one("#readiness").display
        for i in range(5):
            app.screen.query_one(f"#ready-{i}").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.logbook.profile()
    assert saved.level == "intermediate" and saved.plyo_ready is True
    assert saved.level_history == ()  # a new profile picks its level: no ramp


def test_weights_and_races_are_read_like_the_cli():
    from runstrength_tui.ui.screens.settings import parse_races, parse_weights, weights_text

    assert parse_weights("10, 4,6;8 ,", "kg", "Dumbbells") == (4.0, 6.0, 8.0, 10.0)
    assert parse_weights("", "kg", "Dumbbells") == ()
    assert parse_weights("10lb, 4kg", "kg", "Dumbbells") == (4.0, 4.536)
    assert weights_text((4.536, 9.072), "lb") == "10, 20"
    for bad in ("0", "-4", "four", "4 stone"):
        try:
            parse_weights(bad, "kg", "Dumbbells")
        except ValueError as exc:
            assert "Dumbbells look like 4,6,8,10" in str(exc)
        else:
            raise AssertionError(bad)
    assert parse_races("2026-12-06, 2026-11-25, 2026-11-01", PINNED) == ((date(2026, 11, 25), date(2026, 12, 6)), ())
    assert parse_races("2026-12-06:ultra", PINNED) == ((date(2026, 12, 6),), ((date(2026, 12, 6), "ultra"),))
    try:
        parse_races("06/12/2026", PINNED)
    except ValueError as exc:
        assert str(exc) == "Race day must look like YYYY-MM-DD, not '06/12/2026'."
    else:
        raise AssertionError("accepted a day that is not YYYY-MM-DD")


async def test_a_timed_warmup_drill_runs_on_the_timer_and_logs_nothing(beginner_dir, close_stores):
    """Issue 26: '25 s each side' has a timer (side 1, switch, side 2); its end ticks it."""
    from helpers import FakeClock, wait_for

    clock = FakeClock()
    app = make_app(beginner_dir, clock=clock, warmed_up=False)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        w = app.workout
        timed = next(i for i, d in enumerate(w.plan.warmup) if d.seconds)
        await pilot.press("enter")  # the warm-up starts
        await pilot.pause()
        for _ in range(timed):  # the drills before it, ticked
            await pilot.press("enter")
            await pilot.pause()
        drill = w.current_drill
        assert drill.seconds and app.enter_mode() == "drill"
        await pilot.press("enter")
        await pilot.pause()
        active = app.timers.active
        assert active is not None and active.kind == "drill" and active.title == drill.name
        assert app.enter_mode() == "warmup"  # enter now says the drill is done
        total = drill.seconds * 2 + 5 if drill.per_side else drill.seconds
        clock.advance(total + 0.1)
        await wait_for(pilot, lambda: app.timers.active is None)
        assert w.warmup_ticked == timed + 1
    assert app.logbook.open_session()[1] == []  # drills are not sets


async def test_the_app_keeps_what_today_showed_in_the_plan_ledger_after_its_first_paint(beginner_dir, close_stores):
    """The plan ledger: the day and what Today showed, written once after the first paint."""
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await wait_for(pilot, lambda: app.logbook.context(app.today()).shown)
        shown = app.logbook.context(app.today()).shown
        assert shown == {app.today(): app.workout.plan.kind}
