"""Issue 26, majors 4–6: no dead ends. Onboarding can be left on its first step and writes
nothing; Settings asks before throwing changes away; Export asks where."""

from __future__ import annotations

import pytest
from helpers import log_until_rest, make_app

from runstrength_tui.ui.screens.settings import OnboardingScreen


@pytest.mark.parametrize("keys", [["q"], ["ctrl+q"], ["escape"]])
async def test_onboarding_is_left_from_its_first_step_and_leaves_no_folder(tmp_path, keys):
    folder = tmp_path / "typo" / "runstrenght"  # a mistyped --data-dir, two folders deep
    app = make_app(folder)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, OnboardingScreen)
            shown = str(app.screen.query_one("#onboarding-folder").render())
            assert "runstrenght" in shown and "Nothing is written" in shown
            await pilot.press(*keys)
            await pilot.pause()
            assert not app.is_running
    finally:
        app.logbook.close_unused()
    assert not (tmp_path / "typo").exists()  # not the folder, not the one above it


async def test_onboarding_saved_keeps_its_folder(tmp_path):
    folder = tmp_path / "fresh"
    app = make_app(folder)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, OnboardingScreen)
            await pilot.press("q")
    finally:
        app.logbook.close_unused()
    assert (folder / "runstrength.json").exists()


def test_an_existing_log_is_never_forgotten(tmp_path):
    """A folder that already held a log, profile or not, keeps its files."""
    from runstrength_tui import service

    folder = tmp_path / "old"
    service.Log(folder).close()  # an older version left a log without a profile
    log = service.Log(folder)
    assert not log.is_new
    log.close_unused()
    assert (folder / "runstrength.json").exists()


async def test_settings_asks_before_throwing_changes_away(beginner_dir, close_stores):
    from runstrength_tui.ui.screens.dialogs import ChoiceScreen
    from runstrength_tui.ui.screens.settings import SettingsScreen
    from runstrength_tui.ui.screens.today import TodayScreen

    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")  # nothing changed: straight back
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "space")  # level: intermediate
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("c")  # cancel: back to the form, the change still there
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#level").pressed_button.name == "intermediate"
        await pilot.press("escape", "d")  # discard
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen) and app.logbook.profile().level == "beginner"
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "space")
        await pilot.pause()
        await pilot.press("escape", "s")  # save
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert app.logbook.profile().level == "intermediate"


async def test_export_asks_where_and_refuses_the_data_folder(beginner_dir, close_stores, tmp_path, monkeypatch):
    import json

    from runstrength_tui.ui.screens.dialogs import ExportScreen

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_export()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        field = dialog.query_one("#export-path")
        assert field.value.startswith(str(tmp_path / "home"))  # offered outside the data folder
        field.value = str(beginner_dir / "mine.json")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "inside the data folder" in str(dialog.query_one("#error").render())
        field.value = str(tmp_path / "home" / "log.csv")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        app.action_export()
        await pilot.pause()
        await pilot.press("enter")  # the default
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert not list(beginner_dir.glob("runstrength-export*"))
    assert (tmp_path / "home" / "log.csv").stat().st_size > 0
    (default,) = (tmp_path / "home").glob("runstrength-export-*.json")
    assert "sessions" in json.loads(default.read_text())


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_block_start_field_shows_the_whole_date(tmp_path, close_stores, size):
    app = make_app(tmp_path / "fresh")
    close_stores(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n")  # the step with the block start
        await pilot.pause()
        field = app.screen.query_one("#block-start")
        assert field.content_region.width >= len(field.value) + 1  # the date and the cursor after it


async def test_the_palette_lists_only_what_works_now(demo_dir, close_stores):
    from helpers import FakeClock

    clock = FakeClock()
    app = make_app(demo_dir, clock=clock)
    close_stores(app)

    def titles() -> list[str]:
        return [c.title for c in app.get_system_commands(app.screen)]

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        idle = titles()
        assert "Log set (enter)" in idle and "Log a set" in idle
        assert not any("timer" in t.lower() for t in idle) and "Finish the session" not in idle
        await log_until_rest(pilot)  # sets logged: the rest timer runs
        resting = titles()
        assert {"Pause the timer", "Add 15 seconds to the timer", "Skip the rest", "Finish the session"} <= set(resting)
        await pilot.press("space")
        await pilot.pause()
        assert "Resume the timer" in titles()
        helps = [c.help for c in app.get_system_commands(app.screen)]
        assert all(len(h) > 5 for h in helps)  # every entry says what it does, not only its key


async def test_arrows_pick_in_a_radio_group(beginner_dir, close_stores):
    """The highlight is the choice: down picks the next answer (only space did)."""
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.query_one("#level").pressed_button.name == "intermediate"
        await pilot.press("up")
        await pilot.pause()
        assert app.screen.query_one("#level").pressed_button.name == "beginner"
