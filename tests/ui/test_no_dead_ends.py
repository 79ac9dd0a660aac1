"""Issue 26, majors 4–6: no dead ends. Onboarding can be left on its first step and writes
nothing; Settings asks before throwing changes away; Export asks where."""

from __future__ import annotations

import pytest
from helpers import make_app

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
