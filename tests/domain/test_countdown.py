from hypothesis import given, settings
from hypothesis import strategies as st

from runstrength_tui.domain.countdown import Countdown, mmss


class FakeClock:
    def __init__(self, t: float = 1000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, dt: float) -> None:
        self.t += dt


def test_remaining_follows_the_deadline_not_ticks():
    clock = FakeClock()
    c = Countdown(clock).start(60)
    for _ in range(480):  # many ticks of 0.125 s: nothing is decremented per tick
        clock.advance(0.125)
        c.remaining()
    assert abs(c.remaining()) < 1e-6
    assert c.finished


def test_pause_freezes_and_resume_sets_a_new_deadline():
    clock = FakeClock()
    c = Countdown(clock).start(30)
    clock.advance(10)
    c.pause()
    clock.advance(500)
    assert c.remaining() == 20
    assert c.paused and not c.finished
    c.resume()
    assert c.deadline() == clock.t + 20
    clock.advance(19.999)
    assert not c.finished
    clock.advance(0.001)
    assert c.finished


def test_add_fifteen_seconds_running_and_paused():
    clock = FakeClock()
    c = Countdown(clock).start(10)
    c.add(15)
    clock.advance(20)
    assert c.remaining() == 5
    c.pause()
    c.add(15)
    assert c.remaining() == 20
    assert c.duration == 40


def test_stop_early_reports_time_actually_counted():
    clock = FakeClock()
    c = Countdown(clock).start(45)
    clock.advance(12.4)
    c.pause()
    clock.advance(100)
    c.resume()
    clock.advance(5)
    assert round(c.stop(), 6) == 17.4
    assert c.stopped_early
    assert not c.active


def test_mmss_rounds_up():
    assert mmss(60) == "01:00"
    assert mmss(59.01) == "01:00"
    assert mmss(0.2) == "00:01"
    assert mmss(0) == "00:00"


@given(st.lists(st.tuples(st.sampled_from(["tick", "pause", "resume", "add"]), st.floats(0, 5)), max_size=60))
@settings(max_examples=200, deadline=None)
def test_no_drift_under_any_sequence(ops):
    """Remaining time always equals duration + additions - running time elapsed."""
    clock = FakeClock()
    c = Countdown(clock).start(120)
    expected = 120.0
    running = True
    for op, dt in ops:
        if op == "tick":
            clock.advance(dt)
            if running:
                expected = max(0.0, expected - dt)
        elif op == "pause":
            c.pause()
            running = False
        elif op == "resume":
            c.resume()
            running = True
        elif op == "add":
            if c.active:
                c.add(15)
                expected += 15
        if expected == 0.0:
            break
        assert abs(c.remaining() - expected) < 1e-6
