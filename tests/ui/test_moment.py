"""The TUI follows the moment: footer keys per state, timers you notice, safe quitting,
settings that stick, History that keeps its place, counting that adds up."""

from datetime import timedelta

from helpers import FakeClock, RecordingSignals, log_until_rest, make_app, wait_for

from runstrength_tui.store.repo import Store
from runstrength_tui.ui.screens.dialogs import ChoiceScreen, ConfirmScreen, LogSetScreen
from runstrength_tui.ui.screens.exercise import ExerciseScreen
from runstrength_tui.ui.screens.history import EditSetScreen, HistoryScreen, SessionSetsScreen
from runstrength_tui.ui.screens.keys import KeysScreen
from runstrength_tui.ui.screens.today import TodayScreen
from runstrength_tui.ui.widgets.timer_panel import TimerPanel


def footer(app) -> list[str]:
    """The descriptions the footer shows now, in order."""
    return [b.binding.description for b in app.screen.active_bindings.values() if b.binding.show and b.enabled]


async def test_footer_follows_the_state(demo_dir, close_stores):
    clock = FakeClock()
    app = make_app(demo_dir, clock=clock)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        idle = footer(app)
        assert idle[0] == "Log set" and {"Week", "History", "Keys", "Quit"} <= set(idle)
        assert not {"Pause", "Resume", "+15 s", "Skip"} & set(idle)  # no timer, no timer keys
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LogSetScreen)  # a dialog has its own footer
        assert footer(app)[:2] == ["Save", "Cancel"] and "Week" not in footer(app)
        await pilot.press("enter")
        await pilot.pause()
        assert footer(app)[0] == "Log set" and "Pause" not in footer(app)  # A1 of a superset: A2 next, no rest
        await pilot.press("enter", "enter")  # A2
        await pilot.pause()
        rest = footer(app)
        assert {"Pause", "+15 s", "Skip"} <= set(rest) and "Resume" not in rest
        await pilot.press("space")
        await pilot.pause()
        assert "Resume" in footer(app) and "Pause" not in footer(app)
        await pilot.press("k")
        await pilot.pause()
        w = app.workout
        w.select(next(i for i, it in enumerate(w.items) if it.is_hold))
        app.workout_changed()
        await pilot.pause()
        assert footer(app)[0] == "Start hold"
        await pilot.press("enter")
        await pilot.pause()
        assert footer(app)[0] == "Start now"  # the get-ready
        clock.advance(5)
        await wait_for(pilot, lambda: footer(app)[0] == "Stop & log")


async def test_footer_when_all_done_and_on_a_rest_day(beginner_dir, close_stores):
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        w = app.workout
        for item in w.items[:-1]:
            w.skip_item(item)
        app.workout_changed()
        await pilot.press("enter")  # the plank: get ready ...
        await pilot.press("enter")  # ... start now
        await pilot.press("enter")  # ... stop & log
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        w.skip_item(w.items[-1])
        app.workout_changed()
        await pilot.pause()
        assert w.all_done and footer(app)[0] == "Finish"
        assert "Skip exercise" not in footer(app)
    # a rest day: no session keys at all, navigation still there
    app.logbook.close()
    day = app.today() + timedelta(days=2)  # Saturday, the long run: a rest day
    rest_day = make_app(beginner_dir, today=lambda: day)
    close_stores(rest_day)
    async with rest_day.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(rest_day.screen, ChoiceScreen)  # Thursday's session was never finished:
        assert footer(rest_day) == ["Keep it and go on"]  # one clear choice, not two "OK"s
        await pilot.press("k")
        await pilot.pause()
        assert not rest_day.workout.items
        keys = footer(rest_day)
        assert not {"Log set", "Start hold", "Pause", "Skip", "Finish", "How to"} & set(keys)
        assert {"Week", "History", "Keys"} <= set(keys)


async def test_keys_screen_opens_with_question_mark_and_f1(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, KeysScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)


async def test_each_side_hold_counts_each_side_on_screen(demo_dir, close_stores):
    clock = FakeClock()
    app = make_app(demo_dir, clock=clock)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w = app.workout
        w.select(next(i for i, it in enumerate(w.items) if it.plan.per_side and it.is_hold))  # an each-side hold
        app.workout_changed()
        item = w.current
        hold, name = item.plan.seconds, item.plan.name
        mmss = lambda s: f"00:{s:02d}"
        await pilot.press("enter")
        clock.advance(5)
        await wait_for(pilot, lambda: app.timers.active is not None and app.timers.active.kind == "hold")
        panel = app.screen.query_one(TimerPanel)

        def shown():
            panel.refresh_view()
            return str(panel.query_one("#timer-title").render()), str(panel.query_one("#timer-digits").value)

        title, digits = shown()
        assert title in ("HOLD SIDE 1", f"HOLD SIDE 1 · {name}") and digits == mmss(hold)  # long names give way
        clock.advance(hold - 0.5)
        assert shown()[1] == "00:01"
        clock.advance(0.5)
        await wait_for(pilot, lambda: app.timers.active.switched)
        assert shown()[0].startswith("SWITCH SIDES") and shown()[1] == "00:05"
        assert ("bell",) in app.signals.calls or ("chime", True) in app.signals.calls  # the switch signal
        clock.advance(5)
        assert shown()[0].startswith("HOLD SIDE 2") and shown()[1] == mmss(hold)
        clock.advance(15)
        left = hold - 15
        assert shown()[1] == mmss(left) and f"0:{left:02d} in all" in str(panel.query_one("#timer-next").render())


async def test_timer_end_signals_title_and_desktop_note(demo_dir, close_stores):
    clock = FakeClock()
    signals = RecordingSignals()
    app = make_app(demo_dir, clock=clock, signals=signals)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.settings.signal == "sound"
        rest = await log_until_rest(pilot)  # log sets: the prescribed rest starts
        await wait_for(pilot, lambda: signals.titles()[-1:] == [f"Rest {rest // 60}:{rest % 60:02d} · runstrength"])
        clock.advance(rest - 12)
        await wait_for(pilot, lambda: signals.titles()[-1] == "Rest 0:12 · runstrength")
        app.app_focus = False  # the runner looks at another window
        clock.advance(12)
        await wait_for(pilot, lambda: app.timers.active is None and signals.titles()[-1] == "runstrength")
        await app.workers.wait_for_complete()
        assert ("chime", True) in signals.calls
        notes = [c for c in signals.calls if c[0] == "notify"]
        assert notes and notes[0][1] == "runstrength · Rest over"
        assert signals.titles()[-1] == "runstrength"


async def test_no_audio_falls_back_to_the_bell_with_one_notice(demo_dir, close_stores):
    clock = FakeClock()
    signals = RecordingSignals(audio=False)
    app = make_app(demo_dir, clock=clock, signals=signals)
    close_stores(app)
    notices = []
    real = app.notify
    app.notify = lambda message, **kw: (notices.append(message), real(message, **kw))[1]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(2):
            rest = await log_until_rest(pilot)
            clock.advance(rest + 1)
            await wait_for(pilot, lambda: app.timers.active is None)
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert signals.kinds().count("chime") == 2 and signals.kinds().count("bell") == 2
        assert sum("No sound device" in n for n in notices) == 1
        assert not [c for c in signals.calls if c[0] == "notify"]  # the terminal is in front


async def test_signal_off_and_bell_settings(demo_dir, close_stores):
    with Store(demo_dir) as store:
        assert store.save_settings(store.settings().with_changes(signal="bell", notify="always"))
    clock = FakeClock()
    app = make_app(demo_dir, clock=clock)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rest = await log_until_rest(pilot)
        clock.advance(rest + 1)
        await wait_for(pilot, lambda: app.timers.active is None)
        await app.workers.wait_for_complete()
        assert app.signals.kinds() == ["bell", "notify"]


async def test_q_during_a_timer_asks_first(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await log_until_rest(pilot)  # a rest runs
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and app.is_running
        await pilot.press("n")  # stay
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen) and app.timers.active is not None
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_without_a_timer_quits_at_once(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_theme_picked_is_remembered(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.theme = "nord"  # as the palette's "Change theme" does
        await pilot.pause()
    app.logbook.close()
    with Store(demo_dir, write=False) as store:
        assert store.settings().theme == "nord"
    again = make_app(demo_dir)
    close_stores(again)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_instructions_scroll_to_the_last_section_at_80x24(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        w = app.workout
        w.select(next(i for i, it in enumerate(w.items) if w.catalog.get(it.plan.exercise).easier))
        app.workout_changed()
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen))
        box = app.screen.query_one("#instructions-scroll")
        await wait_for(pilot, lambda: box.max_scroll_y > 0)  # laid out: there is more
        assert box.show_vertical_scrollbar  # and it shows
        await pilot.press("end")
        await wait_for(pilot, lambda: box.scroll_y == box.max_scroll_y)  # the scroll animates there
        assert "Easier" in footer(app) or "Harder" in footer(app)
        text = app.screen.query_one("#instructions").source
        assert text.rstrip().splitlines()[-1].startswith("**Main muscles:**")


async def test_skipping_counts_what_was_planned_and_done(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w = app.workout
        planned = w.sets_planned
        await pilot.press("enter", "enter")  # one set of the first exercise
        await pilot.pause()
        await pilot.press("k", "up")  # end the rest, back to the first exercise
        w.select(0)
        app.workout_changed()
        await pilot.press("x")  # skip its second set
        await pilot.pause()
        first = w.items[0]
        assert first.skipped and w.sets_done == 1 and w.sets_planned == planned - first.plan.sets + 1
        assert w.sets_done <= w.sets_planned
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert w.finished_today
        status = app.screen.query_one("#exercises").get_option_at_index(0).prompt
        assert "sets 1/2, stopped" in str(status) and "rest skipped" not in str(status)
        assert str(app.screen.query_one("#session-clock").render()) == "Saved · 1 set"


async def test_history_keeps_the_cursor_after_edit_and_delete(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "enter")  # the second session
        await pilot.pause()
        sets_screen = app.screen
        assert isinstance(sets_screen, SessionSetsScreen)
        table = sets_screen.query_one("#sets")
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert table.cursor_row == 3
        target = sets_screen.sets[3]
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditSetScreen)
        assert "set " in str(app.screen.query_one("#dialog-title").render()) and target.exercise not in str(
            app.screen.query_one("#dialog-title").render()
        )  # a name, not an id
        await pilot.press("enter")
        await pilot.pause()
        assert table.cursor_row == 3
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "set " in app.screen.body and " of " in app.screen.body  # "set 2 of 2 · …"
        await pilot.press("y")
        await pilot.pause()
        assert table.cursor_row == 3 and all(s.id != target.id for s in sets_screen.sets)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#sessions").cursor_row == 1  # History kept its row too


async def test_80x24_never_breaks_a_phrase_in_the_exercise_list(demo_dir, close_stores):
    """'… 11 d' / 'ago' was the old wrap: each line of a prompt now holds whole phrases."""
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        laid_out = lambda: [
            o for o in app.screen.query("#exercises") if o.option_count and o.scrollable_content_region.width
        ]
        await wait_for(pilot, laid_out)
        options = app.screen.query_one("#exercises")
        width = options.scrollable_content_region.width
        for i in range(options.option_count):
            prompt = options.get_option_at_index(i).prompt
            lines = [line.plain.replace("\xa0", " ") for line in prompt.wrap(app.console, width)]
            for line in lines:
                if line.lstrip().startswith("last") or " · last" in line:  # "last 2×15, 11 d ago"
                    assert line.rstrip().endswith("ago"), lines
            assert not any(line.strip() in ("ago", "min.") for line in lines), lines


async def test_an_each_side_hold_stopped_on_side_one_logs_one_side(demo_dir, close_stores):
    """Issue 26: stopped 12 s into side 1, the set says so (it read as both sides done)."""
    clock = FakeClock()
    app = make_app(demo_dir, clock=clock)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        w = app.workout
        w.select(next(i for i, it in enumerate(w.items) if it.plan.per_side and it.is_hold))
        app.workout_changed()
        exercise = w.current.plan.exercise
        await pilot.press("enter")
        clock.advance(5)
        await wait_for(pilot, lambda: app.timers.active is not None and app.timers.active.kind == "hold")
        clock.advance(12)
        await pilot.press("enter")  # stop & log
        await pilot.pause()
    (logged,) = [s for s in app.logbook.open_session()[1] if s.exercise == exercise]
    assert logged.seconds == 12 and logged.note == "side 1 only (stopped before side 2)"
