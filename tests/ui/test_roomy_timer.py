"""Issue 26: on a big terminal the normal view's timer digits grow (the block font, twice as
wide); 80×24 keeps Textual's 3-row digits."""

import pytest
from helpers import FakeClock

from runstrength_tui.ui import scenes
from runstrength_tui.ui.widgets.big_digits import BigDigits
from runstrength_tui.ui.widgets.timer_panel import TimerPanel


@pytest.mark.parametrize(("size", "roomy"), [((80, 24), False), ((160, 50), True), ((120, 30), False)])
async def test_timer_digits_grow_with_the_terminal(demo_dir, app_for, size, roomy):
    clock = FakeClock()
    app = app_for(demo_dir, clock=clock)
    async with app.run_test(size=size) as pilot:
        await scenes.rest_scene(pilot, clock)
        panel = app.screen.query_one("#timer", TimerPanel)
        big = panel.query_one("#timer-big", BigDigits)
        small = panel.query_one("#timer-digits")
        assert big.display == roomy and small.display == (not roomy)
        shown = big if roomy else small
        assert shown.region.height == (5 if roomy else 3)
        left = round(app.timers.active.countdown.duration) - 12  # the pair's rest, 12 s in
        assert big.value == small.value == f"00:{left:02d}"  # both follow the timer
        if roomy:
            lines = str(big.render()).splitlines()
            assert len(lines) == 5 and len(lines[0]) == 54  # twice the font's width: fits the side column
            assert big.region.width >= 54
        await pilot.resize_terminal(80, 24) if roomy else await pilot.resize_terminal(160, 50)
        await pilot.pause()
        assert big.display == (not roomy)  # follows a resize
