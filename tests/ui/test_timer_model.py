"""Each-side holds: side 1, a switch, side 2, each counted on its own; what gets logged."""

import pytest
from helpers import FakeClock

from runstrength_tui.ui.timers import SWITCH_SECONDS, TimerModel


def test_each_side_hold_runs_both_sides_and_counts_the_shorter():
    clock = FakeClock()
    timers = TimerModel(clock)
    active = timers.start_hold("side-plank", "Side plank", 30, per_side=True)
    assert active.countdown.duration == 30 * 2 + SWITCH_SECONDS
    clock.advance(20)
    assert active.side == 1 and active.held_per_side() == 20
    clock.advance(10 + SWITCH_SECONDS + 12)
    assert active.side == 2 and active.held_per_side() == 12
    active.add(15)  # on side 2: side 2 only, so the shorter side (30 s) is what was held
    assert active.held_to_end() == 30


# (seconds since the hold started, phase, seconds shown) for a 40 s each-side hold
PHASES = [
    (0, "side 1", 40),
    (0.5, "side 1", 39.5),
    (39, "side 1", 1),
    (40, "switch", 5),
    (42, "switch", 3),
    (45, "side 2", 40),
    (60, "side 2", 25),
    (84.5, "side 2", 0.5),
]


@pytest.mark.parametrize("at,phase,left", PHASES)
def test_each_side_hold_counts_each_side_down_on_its_own(at, phase, left):
    clock = FakeClock()
    active = TimerModel(clock).start_hold("side-plank", "Side plank", 40, per_side=True)
    clock.advance(at)
    got_phase, got_left, _ = active.phase()
    assert (got_phase, got_left) == (phase, pytest.approx(left))
    assert active.countdown.remaining() == pytest.approx(85 - at)  # the total, in small print


def test_plus_fifteen_on_side_one_gives_both_sides_fifteen_more():
    clock = FakeClock()
    active = TimerModel(clock).start_hold("side-plank", "Side plank", 40, per_side=True)
    clock.advance(10)
    active.add(15)
    assert active.phase()[:2] == ("side 1", pytest.approx(45))
    assert active.countdown.remaining() == pytest.approx(85 + 30 - 10)
    assert active.held_to_end() == 55
    clock.advance(45)
    assert active.phase()[0] == "switch"
    clock.advance(5)
    assert active.phase()[:2] == ("side 2", pytest.approx(55))


def test_title_text_for_the_terminal():
    clock = FakeClock()
    timers = TimerModel(clock)
    rest = timers.start_rest(60, "next")
    clock.advance(17.5)
    assert rest.title_text() == "Rest 0:43"
    side = timers.start_hold("side-plank", "Side plank", 40, per_side=True)
    clock.advance(12)
    assert side.title_text() == "Side plank 0:28 · side 1"
    side.countdown.pause()
    assert side.title_text() == "Side plank 0:28 · side 1 · paused"


def test_one_side_hold_logs_time_used():
    clock = FakeClock()
    active = TimerModel(clock).start_hold("plank", "Front plank", 30)
    clock.advance(12.4)
    assert active.held_per_side() == 12
    active.add(15)
    assert active.held_to_end() == 45
    assert active.phase() == ("", active.countdown.remaining(), 45)
