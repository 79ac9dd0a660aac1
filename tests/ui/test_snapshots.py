"""SVG snapshots of every screen, with a pinned date and a frozen clock.

Update after an intended change with: pytest tests/ui/test_snapshots.py --snapshot-update
"""

from datetime import timedelta

import pytest
from helpers import NOW, PINNED, FakeClock, beginner_profile, make_young_log, wait_for

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.store.repo import Store, new_id
from runstrength_tui.ui import scenes
from runstrength_tui.ui.screens.exercise import ExerciseScreen
from runstrength_tui.ui.screens.history import HistoryScreen, SessionSetsScreen

SIZE = (100, 30)
SMALL = (80, 24)


def test_today(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SIZE)


def test_today_80x24(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SMALL)


def test_instructions(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SIZE, press=["i"])


def test_log_set(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SIZE, press=["enter"])


def scene(name, clock):
    """A scene of ``ui.scenes`` (the README's screenshots press the same) on ``clock``."""

    async def run_before(pilot):
        await getattr(scenes, f"{name}_scene")(pilot, clock)

    return run_before


def test_rest_timer(snap_compare, demo_dir, app_for):
    clock = FakeClock()
    assert snap_compare(app_for(demo_dir, clock=clock), terminal_size=SIZE, run_before=scene("rest", clock))


def test_today_superset_a2_next_80x24(snap_compare, demo_dir, app_for):
    """A1's set logged: no rest, A2 highlighted and named; the pair bracketed, explained once."""
    clock = FakeClock()
    assert snap_compare(app_for(demo_dir, clock=clock), terminal_size=SMALL, run_before=scene("superset", clock))


def test_today_superset_a2_next_120x40(snap_compare, demo_dir, app_for):
    clock = FakeClock()
    assert snap_compare(app_for(demo_dir, clock=clock), terminal_size=(120, 40), run_before=scene("superset", clock))


def test_rest_timer_after_a_pair_80x24(snap_compare, demo_dir, app_for):
    """A2's set logged: the pair's rest, naming A1's next set."""
    clock = FakeClock()
    assert snap_compare(app_for(demo_dir, clock=clock), terminal_size=SMALL, run_before=scene("rest", clock))


def test_rest_timer_160x50(snap_compare, demo_dir, app_for):
    """Issue 26: on a big terminal the normal view's digits are the block font, twice as wide."""
    clock = FakeClock()
    assert snap_compare(app_for(demo_dir, clock=clock), terminal_size=(160, 50), run_before=scene("rest", clock))


def test_hold_timer_focus_mode(snap_compare, beginner_dir, app_for):
    clock = FakeClock()
    assert snap_compare(app_for(beginner_dir, clock=clock), terminal_size=SIZE, run_before=scene("hold_focus", clock))


def test_log_set_shows_warning_before_saving(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SIZE, run_before=scene("warning", FakeClock()))


def test_log_set_with_warning_80x24(snap_compare, demo_dir, app_for):
    """Issue 26: title, fields, note, the warning and the buttons, all on an 80×24 screen."""
    assert snap_compare(app_for(demo_dir), terminal_size=(80, 24), run_before=scene("warning", FakeClock()))


def test_today_shows_comeback_warning(snap_compare, beginner_dir, app_for):
    with Store(beginner_dir) as store:  # a session 20 days ago, nothing since
        day = PINNED - timedelta(days=20)
        store.save_profile(beginner_profile().with_changes(block_start=day))
        session = store.start_session(day, NOW - timedelta(days=20))
        store.log_set(
            SetRecord(
                id=new_id(),
                session=session.id,
                exercise="glute-bridge",
                date=day,
                logged_at=NOW - timedelta(days=20),
                reps=15,
            )
        )
        store.finish_session(NOW - timedelta(days=20), rpe=5, minutes=15)
    assert snap_compare(app_for(beginner_dir), terminal_size=SIZE)


def test_week(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SIZE, press=["w"])


def test_week_80x24(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SMALL, press=["w"])


def test_week_160x50(snap_compare, demo_dir, app_for):
    """Issue 26: on a big terminal the two charts stand side by side."""
    assert snap_compare(app_for(demo_dir), terminal_size=(160, 50), press=["w"])


async def open_history(pilot):
    """History loads its table in a worker: wait for it before the shot."""
    await pilot.press("h")
    await pilot.app.workers.wait_for_complete()
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HistoryScreen))


def test_history(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SIZE, run_before=open_history)


def test_history_80x24(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SMALL, run_before=open_history)


def test_history_session_sets(snap_compare, demo_dir, app_for):
    async def run_before(pilot):
        await open_history(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionSetsScreen))

    assert snap_compare(app_for(demo_dir), terminal_size=SIZE, run_before=run_before)


def test_library(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SIZE, press=["e", "c", "a", "l", "f"])


def test_settings(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SIZE, press=["o"])


@pytest.mark.parametrize("step", [0, 1, 2, 3, 4])
def test_onboarding_steps(snap_compare, tmp_path, app_for, step, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the folder it names reads ~/fresh in every run
    assert snap_compare(app_for(tmp_path / "fresh"), terminal_size=SIZE, press=["ctrl+n"] * step)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_onboarding_first_step(snap_compare, tmp_path, app_for, monkeypatch, size):
    """Issue 26: the folder it will make, and the way out (q, ctrl+q, esc), on the first step."""
    monkeypatch.setenv("HOME", str(tmp_path))
    assert snap_compare(app_for(tmp_path / "fresh"), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_session_clock_counts_what_ran(snap_compare, beginner_dir, app_for, size):
    """Issue 26: the session clock beside the estimate after 7 minutes and two sets."""
    clock = FakeClock()

    async def run_before(pilot):
        for _ in range(2):
            await pilot.press("enter")  # the log dialog
            await pilot.pause()
            await pilot.press("enter")  # saved
            await pilot.pause()
            await pilot.press("k")  # the rest skipped
            await pilot.pause()
            clock.advance(7 * 60 / 2)
        pilot.app.screen.update_clock()
        await pilot.pause()

    assert snap_compare(app_for(beginner_dir, clock=clock), terminal_size=size, run_before=run_before)


# --- the moments of a session (issue 14) -----------------------------------------------------


def test_each_side_hold_side_one(snap_compare, demo_dir, app_for):
    """Side 1 counts its own 40 s (12 s in: 0:28), the whole hold in small print."""
    clock = FakeClock()
    assert snap_compare(app_for(demo_dir, clock=clock), terminal_size=SIZE, run_before=scene("each_side", clock))


def test_today_all_done(snap_compare, beginner_dir, app_for):
    async def run_before(pilot):
        w = pilot.app.workout
        for item in w.items:  # one set of each (the plank: one of two, the rest skipped)
            w.log(
                w.candidate(
                    None if item.is_hold else item.plan.reps[1], item.plan.seconds, None, None, False, item=item
                )
            )
            if not item.complete:
                w.skip_item(item)
        pilot.app.workout_changed()
        await pilot.pause()

    assert snap_compare(app_for(beginner_dir), terminal_size=SMALL, run_before=run_before)


def test_today_rest_day(snap_compare, beginner_dir, app_for):
    day = PINNED + timedelta(days=2)  # Saturday: the long run
    assert snap_compare(app_for(beginner_dir, today=lambda: day), terminal_size=SMALL)


def test_instructions_scrolled_to_the_end_80x24(snap_compare, demo_dir, app_for):
    async def run_before(pilot):
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseScreen))
        box = pilot.app.screen.query_one("#instructions-scroll")
        await wait_for(pilot, lambda: box.max_scroll_y > 0)
        await pilot.press("end")
        await wait_for(pilot, lambda: box.scroll_y == box.max_scroll_y)  # the scroll animates there

    assert snap_compare(app_for(demo_dir), terminal_size=SMALL, run_before=run_before)


def test_week_80x24_one_week_old_log(snap_compare, tmp_path, app_for):
    folder = make_young_log(tmp_path / "young")
    assert snap_compare(app_for(folder), terminal_size=SMALL, press=["w"])


def test_history_notes_in_words_80x24(snap_compare, tmp_path, app_for):
    folder = make_young_log(tmp_path / "young")
    assert snap_compare(app_for(folder), terminal_size=SMALL, run_before=open_history)


def test_keys_screen(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SMALL, press=["question_mark"])


def test_finish_dialog_notes_in_words(snap_compare, demo_dir, app_for):
    async def run_before(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#pain")
        await pilot.press("enter")  # saved with pain: the dialog asks about the rest of the exercise
        await pilot.pause()
        await pilot.press("c")  # carry on
        await pilot.pause()
        await pilot.press("k", "f")
        await pilot.pause()

    assert snap_compare(app_for(demo_dir), terminal_size=SIZE, run_before=run_before)


# --- the coach on Today and in Settings (issues 10 and 11) ---------------------------------


@pytest.mark.parametrize("case", ["TAPER", "COMEBACK", "MISSED"])
def test_today_coach_days(snap_compare, tmp_path, app_for, case):
    """A taper day (race in 4 days), a comeback day (20 days off), a missed, not owed day."""
    import helpers

    spec = dict(getattr(helpers, case))
    folder = helpers.make_log(tmp_path / "data", spec.pop("days_ago"), **spec)
    assert snap_compare(app_for(folder), terminal_size=SMALL if case != "TAPER" else SIZE)


def test_today_warmup_step_80x24(snap_compare, beginner_dir, app_for):
    async def run_before(pilot):
        await pilot.press("enter", "enter")  # warm-up started, first drill ticked
        await pilot.pause()

    assert snap_compare(app_for(beginner_dir, warmed_up=False), terminal_size=SMALL, run_before=run_before)


def test_today_pain_referral_80x24(snap_compare, tmp_path, app_for):
    from helpers import make_pain_log

    assert snap_compare(app_for(make_pain_log(tmp_path / "data")), terminal_size=SMALL)


def test_settings_readiness_questions(snap_compare, tmp_path, app_for):
    from helpers import make_log

    folder = make_log(tmp_path / "data", (3, 7), level="intermediate", plyo_ready=False)
    assert snap_compare(app_for(folder), terminal_size=SIZE, press=["o"])


def test_settings_races_weights_and_pain(snap_compare, tmp_path, app_for):
    from datetime import date

    from helpers import make_pain_log

    folder = make_pain_log(tmp_path / "data")
    with Store(folder) as store:
        store.save_profile(
            store.profile().with_changes(target=3, races=(date(2027, 4, 18),), dumbbells=(4.0, 6.0, 8.0, 10.0))
        )

    async def run_before(pilot):
        await pilot.press("o")
        await pilot.pause()
        pilot.app.screen.query_one("#sec-sessions").scroll_visible(top=True, animate=False)
        await pilot.pause()

    assert snap_compare(app_for(folder), terminal_size=SIZE, run_before=run_before)


# --- no dead ends (issue 26) -----------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_settings_asks_save_discard_cancel(snap_compare, beginner_dir, app_for, size):
    """Esc after a change in Settings: Save / Discard / Cancel, each with its key."""
    assert snap_compare(app_for(beginner_dir), terminal_size=size, press=["o", "down", "space", "escape"])


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_export_asks_where(snap_compare, beginner_dir, app_for, size, tmp_path, monkeypatch):
    """ctrl+p → Export log: a file in the home folder by default, never the data folder."""
    monkeypatch.setenv("HOME", "/home/runner")

    async def open_export(pilot):
        pilot.app.action_export()
        await pilot.pause()

    assert snap_compare(app_for(beginner_dir), terminal_size=size, run_before=open_export)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_x_after_a_set_says_what_happened(snap_compare, demo_dir, app_for, size):
    """One set logged, then x: 'sets 1/2, stopped' (it said '1 of 2 sets, rest skipped')."""
    # A1 and A2 of the superset, the rest skipped: A1 again, one set of two done, then x
    assert snap_compare(app_for(demo_dir), terminal_size=size, press=["enter", "enter", "enter", "enter", "k", "x"])


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_timed_warmup_drill(snap_compare, beginner_dir, app_for, size):
    """A timed drill ('25 s each side') on the timer, 10 s into side 1; nothing is logged."""
    clock = FakeClock()

    async def run_before(pilot):
        w = pilot.app.workout
        timed = next(i for i, d in enumerate(w.plan.warmup) if d.seconds)
        await pilot.press("enter", *["enter"] * timed, "enter")  # started, the drills before ticked, this one on
        await pilot.pause()
        clock.advance(10)
        scenes.repaint_timers(pilot)
        await pilot.pause()

    assert snap_compare(app_for(beginner_dir, clock=clock, warmed_up=False), terminal_size=size, run_before=run_before)


# --- an exercise's story (issue 28) ------------------------------------------------------------


async def open_goblet_story(pilot):
    """Library → search → the goblet squat's screen: the demo's sets of it, charted."""
    await pilot.press("e", *"goblet", "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseScreen))
    await pilot.pause()


def test_exercise_history_80x24(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=SMALL, run_before=open_goblet_story)


def test_exercise_history_120x40(snap_compare, demo_dir, app_for):
    assert snap_compare(app_for(demo_dir), terminal_size=(120, 40), run_before=open_goblet_story)


def test_exercise_history_of_a_hold_80x24(snap_compare, demo_dir, app_for):
    async def run_before(pilot):
        await pilot.press("e", *"copenhagen plank (short", "enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExerciseScreen))
        await pilot.pause()

    assert snap_compare(app_for(demo_dir), terminal_size=SMALL, run_before=run_before)
