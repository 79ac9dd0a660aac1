"""The bar of keys at the bottom of every screen (widgets/keys_bar.py): one widget that shows
what the screen offers now, follows the moment, and answers the mouse like Textual's Footer."""

from helpers import log_until_rest
from test_moment import footer

from runstrength_tui.ui.screens.dialogs import LogSetScreen
from runstrength_tui.ui.screens.week import WeekScreen
from runstrength_tui.ui.widgets.keys_bar import KeysBar


def bar_of(app) -> KeysBar:
    return app.screen.query_one(KeysBar)


def shown(app) -> list[str]:
    """The bar's line as drawn: " ⏎ Start warm-up  i How to  ... q Quit "."""
    bar = bar_of(app)
    return [key.description for key in bar.keys], bar.render().plain


async def test_the_bar_shows_the_screens_keys_and_follows_the_moment(app_for, demo_dir):
    app = app_for(demo_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = bar_of(app)
        descriptions, line = shown(app)
        # every shown key, in the screen's order, once per action (? and f1 are one "Keys")
        assert descriptions == list(dict.fromkeys(footer(app)))
        assert line.startswith(" ⏎ Log set ") and line.rstrip().endswith("q Quit")
        assert not bar.children  # one widget, not a widget per key
        await pilot.press("enter")  # the log dialog: its own bar
        await pilot.pause()
        assert isinstance(app.screen, LogSetScreen)
        assert shown(app)[0][:2] == ["Save", "Cancel"]
        await pilot.press("enter")  # saved: A1 of a superset, A2 comes next
        await pilot.pause()
        await log_until_rest(pilot)  # A2 saved: the pair's rest runs, its keys join the bar on Today
        descriptions, line = shown(app)
        assert {"Pause", "+15 s", "Skip"} <= set(descriptions) and "space Pause" in line
        assert bar_of(app) is bar  # redrawn, not made again
        await pilot.press("space")
        await pilot.pause()
        descriptions, _ = shown(app)
        assert "Resume" in descriptions and "Pause" not in descriptions


async def test_a_click_presses_the_key_and_the_pointer_highlights_it(app_for, demo_dir):
    app = app_for(demo_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = bar_of(app)
        line = bar.render().plain
        x = line.index(" w Week ") + 2
        await pilot.hover(KeysBar, offset=(x, 0))
        await pilot.pause()
        assert bar.hovered.description == "Week"
        # drawn under the key's own colours (as the Footer): the hover background shows, the
        # description keeps its colour
        line = bar.render()
        start = line.plain.index(" w Week ")
        hover = bar.get_component_rich_style("keys-bar--hover")
        description = bar.get_component_rich_style("keys-bar--description")
        week_style = line.get_style_at_offset(app.console, start + 3)  # the "W" of "Week"
        assert week_style.bgcolor == hover.bgcolor and week_style.color == description.color
        other = line.get_style_at_offset(app.console, line.plain.index(" h History ") + 3)
        assert other.bgcolor != hover.bgcolor
        assert bar.styles.pointer == "pointer"
        await pilot.click(KeysBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)
        await pilot.click(KeysBar, offset=(99, 0))  # past the last key: nothing
        await pilot.pause()
        assert isinstance(app.screen, WeekScreen)


async def test_a_narrow_terminal_gets_the_compact_form_then_a_cue(app_for, demo_dir):
    app = app_for(demo_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await log_until_rest(pilot)  # sets logged: the rest's keys join the bar
        bar = bar_of(app)
        wide = bar.render().plain
        assert "  space Pause  + +15 s  k Skip " in wide and wide.rstrip().endswith("q Quit")  # the Footer's look
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        compact = bar.render().plain
        assert len(wide.rstrip()) > 80 >= len(compact)  # too wide for 80 columns as the Footer draws it...
        assert compact.startswith(" ⏎ Log set space Pause + +15 s k Skip") and compact.endswith(
            "q Quit"
        )  # ...every key
        x = compact.index("k Skip")
        await pilot.hover(KeysBar, offset=(x, 0))
        await pilot.pause()
        assert bar.hovered.description == "Skip"  # the pointer follows the compact places
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        drawn = bar.render_line(0).text
        assert drawn.endswith("…") and len(drawn) == 60  # what does not fit says so


async def test_a_press_between_a_change_of_keys_and_the_redraw_presses_the_key_that_was_drawn(app_for, demo_dir):
    from textual import events

    app = app_for(demo_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await log_until_rest(pilot)  # a rest runs: its keys are drawn
        bar = bar_of(app)
        drawn = bar.render().plain
        app.action_skip_timer()  # the rest ends: fewer keys...
        bar._check_keys()  # ...known to the bar, not drawn yet
        assert "Skip" not in [key.description for key in bar.keys]
        pressed = []
        app.simulate_key = pressed.append
        for label in ("q Quit", "k Skip"):  # the last drawn key (past the new ones' end) and a gone one
            x = drawn.index(label)
            bar.on_mouse_down(events.MouseDown(bar, x, 0, 0, 0, 1, False, False, False))
        assert pressed == ["q", "k"]  # the keys the runner saw, no IndexError
