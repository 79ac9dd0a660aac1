"""Issue 26, major 1: a runner in pounds, from onboarding to History and Week, never reads kg."""

from __future__ import annotations

import html
import re

from helpers import make_app

from runstrength_tui.domain.validate import parse_weights
from runstrength_tui.ui.screens.settings import OnboardingScreen, SettingsScreen
from runstrength_tui.ui.screens.today import TodayScreen

KG = re.compile(r"\bkg\b|\dkg", re.IGNORECASE)


def screen_text(app) -> str:
    """What is on the screen, as a person reads it (the SVG's text, tags and styles removed)."""
    svg = app.export_screenshot()
    svg = re.sub(r"<style.*?</style>", "", svg, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_a_runner_in_pounds_never_reads_kg(tmp_path, close_stores):
    app = make_app(tmp_path / "fresh")
    close_stores(app)
    seen: list[tuple[str, str]] = []

    async def look(where: str) -> None:
        await pilot.pause()
        seen.append((where, screen_text(app)))

    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("enter")  # level: beginner
        await pilot.pause()
        await pilot.press("tab", "tab", "space", "enter")  # equipment: dumbbells
        await pilot.pause()
        await pilot.press("tab", "tab")  # to the units
        await pilot.press("down", "enter")  # lb, and on
        await pilot.pause()
        await look("onboarding: running week")
        await pilot.press("enter")
        await pilot.pause()
        await look("onboarding: races and weights")
        await pilot.press("tab", *"10, 15, 20, 25", "enter")  # the dumbbells owned, in pounds
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        profile = app.logbook.profile()
        # read in the unit chosen two steps before (it was read in kg: 10 kg, 15 kg, …)
        assert profile.units == "lb" and profile.dumbbells == parse_weights("10, 15, 20, 25", "lb")
        await look("today")
        await pilot.press("l", "tab", *"25")  # the first time: no load suggested yet
        await look("log dialog")
        await pilot.press("enter")
        await look("today after a set")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await look("settings")
        await pilot.press("escape")
        await pilot.press("f")
        await look("finish")
        await pilot.press("enter")
        await look("today after finishing")
        await pilot.press("h")
        await look("history")
        await pilot.press("enter")
        await look("history: the session")
        await pilot.press("e")
        await look("history: edit a set")
        await pilot.press("escape", "escape", "escape")
        await pilot.press("w")
        await look("week")
    logged = [s for s in app.logbook.sets() if s.load_kg]
    assert logged and all(s.unit == "lb" for s in logged)
    assert any(" lb" in text for _, text in seen)
    week = dict(seen)["week"]
    assert "· your first week" in week and "avg 0.0" not in week  # a first week has no average before it
    for where, text in seen:
        text = text.replace("▐▌ kg ▎", "")  # Settings' choice of units offers kg, unpicked
        assert not KG.search(text), (where, text)


async def test_settings_weights_follow_a_change_of_units(beginner_dir, close_stores):
    """Owned 4, 6, 8 kg shown as 8.8, 13.2, 17.6 once lb is picked (label too); saved as
    they were (not 3.992 kg); a weight typed then is read in pounds."""
    from runstrength_tui.domain.validate import parse_load

    app = make_app(beginner_dir)
    close_stores(app)
    app.logbook.save_profile(app.logbook.profile().with_changes(equipment=("dumbbells",), dumbbells=(4.0, 6.0, 8.0)))
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert screen.query_one("#dumbbells").value == "4, 6, 8"
        screen.query_one("#units").query("ClearRadioButton").last().value = True  # lb
        await pilot.pause()
        assert screen.query_one("#dumbbells").value == "8.8, 13.2, 17.6"
        assert "weights in lb" in str(screen.query_one("#coach-title").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.logbook.profile().units == "lb" and app.logbook.profile().dumbbells == (4.0, 6.0, 8.0)
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#dumbbells").value = "10, 15"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.logbook.profile().dumbbells == (parse_load("10lb")[0], parse_load("15lb")[0])
