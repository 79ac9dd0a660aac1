"""Onboarding and Settings, driven from the keyboard."""

from helpers import make_app

from runstrength_tui.store.repo import Store
from runstrength_tui.ui.screens.settings import OnboardingScreen, SettingsScreen
from runstrength_tui.ui.screens.today import TodayScreen


async def test_onboarding_by_keyboard_saves_the_profile(tmp_path, close_stores):
    """Enter takes the highlighted answer and goes on; esc goes back; no ctrl+b (tmux's prefix)."""
    folder = tmp_path / "fresh"
    app = make_app(folder)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("down", "enter")  # level: intermediate, and on to step 2
        await pilot.pause()
        assert app.screen.step == 1
        await pilot.press("escape")  # back to step 1: the answer is kept
        await pilot.pause()
        assert app.screen.step == 0
        assert app.screen.query_one("#level").pressed_button.name == "intermediate"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "tab", "space")  # equipment: dumbbells (None is unticked by itself)
        await pilot.pause()
        boxes = {b.name: b.value for b in app.screen.query_one("#equipment").query("ClearCheckbox")}
        assert boxes["dumbbells"] and not boxes["none"]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # sessions: keep 2 a week, 20 min
        await pilot.pause()
        assert app.screen.step == 3
        await pilot.press("down", "right")  # Tuesday: easy -> hard
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step == 4  # races and owned weights: optional
        await pilot.press("enter")  # the last step: save and start
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        profile = app.logbook.profile()
    assert profile.level == "intermediate"
    assert set(profile.equipment) == {"dumbbells"}
    assert profile.runs[1] == "hard"


async def test_none_and_equipment_exclude_each_other(tmp_path, close_stores):
    app = make_app(tmp_path / "fresh")
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        boxes = {b.name: b for b in app.screen.query_one("#equipment").query("ClearCheckbox")}
        boxes["bands"].value = True
        await pilot.pause()
        assert not boxes["none"].value
        boxes["none"].value = True
        await pilot.pause()
        assert not boxes["bands"].value


async def test_onboarding_keeps_two_long_runs(tmp_path, close_stores):
    """An ultra runner's weekend (two long runs) is declared as it is."""
    app = make_app(tmp_path / "fresh")
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("right", "right", "right")  # Monday: rest -> easy -> hard -> long (Saturday is long)
        await pilot.press("enter", "enter")  # on, past the optional races and weights, to save
        await pilot.pause()
        saved = app.logbook.profile()
        assert saved is not None and saved.runs.count("long") == 2 and saved.runs[0] == "long"


async def test_settings_change_level_and_target_replans_today(beginner_dir, close_stores):
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("down", "down", "enter")  # level: advanced
        app.screen.query_one("#target").query("RadioButton")[1].value = True  # 3 a week
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.workout.ctx.profile.level == "advanced"
        assert app.workout.ctx.profile.target == 3
        assert app.workout.ctx.profile.target_history[-1][1] == 3
    app.logbook.close()
    with Store(beginner_dir, write=False) as store:
        assert store.profile().level == "advanced"
