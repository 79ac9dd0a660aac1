"""Each-side holds: side 1, a switch, side 2; what gets logged when stopped early or run out."""

from runstrength_tui.ui.timers import SWITCH_SECONDS, TimerModel

from helpers import FakeClock


def test_each_side_hold_runs_both_sides_and_counts_the_shorter():
    clock = FakeClock()
    timers = TimerModel(clock)
    active = timers.start_hold("side-plank", "Side plank", 30, per_side=True)
    assert active.countdown.duration == 30 * 2 + SWITCH_SECONDS
    clock.advance(20)
    assert active.side == 1 and active.held_per_side() == 20
    clock.advance(10 + SWITCH_SECONDS + 12)
    assert active.side == 2 and active.held_per_side() == 12
    active.countdown.add(15)
    assert active.held_to_end() == round(30 + 15 / 2)  # the 15 s split between the sides


def test_one_side_hold_logs_time_used():
    clock = FakeClock()
    active = TimerModel(clock).start_hold("plank", "Front plank", 30)
    clock.advance(12.4)
    assert active.held_per_side() == 12
    active.countdown.add(15)
    assert active.held_to_end() == 45
