"""The app's one active timer (rest, get-ready or hold), kept exact by a monotonic deadline.

It lives on the app, not on a screen, so it keeps running while the runner reads
instructions or looks at the week. The app schedules a one-shot callback at the
deadline (a tick only repaints), so the end is on time however busy the UI is.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from ..domain.countdown import Clock, Countdown

GET_READY_SECONDS = 5
WARN_LAST_SECONDS = 5


@dataclass
class ActiveTimer:
    kind: str  # "rest" | "get-ready" | "hold"
    countdown: Countdown
    title: str  # what is timed: "Rest", "Front plank"
    next_text: str = ""  # shown under a rest: what comes next
    exercise: str = ""
    hold_seconds: int = 0

    @property
    def closing(self) -> bool:
        """The last seconds: the display changes colour and says so."""
        return self.kind == "hold" and self.countdown.remaining() <= WARN_LAST_SECONDS


class TimerModel:
    def __init__(self, clock: Clock):
        self.clock = clock
        self.active: ActiveTimer | None = None

    def start_rest(self, seconds: int, next_text: str) -> ActiveTimer:
        self.active = ActiveTimer("rest", Countdown(self.clock).start(seconds), "Rest", next_text)
        return self.active

    def start_get_ready(self, exercise: str, name: str, hold_seconds: int, seconds: int = GET_READY_SECONDS) -> ActiveTimer:
        self.active = ActiveTimer("get-ready", Countdown(self.clock).start(seconds), name,
                                  f"Hold {hold_seconds} s", exercise, hold_seconds)
        return self.active

    def start_hold(self, exercise: str, name: str, seconds: int) -> ActiveTimer:
        self.active = ActiveTimer("hold", Countdown(self.clock).start(seconds), name,
                                  "Enter stops early and logs the time held", exercise, seconds)
        return self.active

    def clear(self) -> None:
        self.active = None

    @property
    def running(self) -> bool:
        return self.active is not None


def timer_bindings(prefix: str = "", show: bool = True) -> list[Binding]:
    """The timer keys: the app binds them (hidden) so they work on every screen; the
    screens where the timer shows list them in their footers (``prefix="app."``)."""
    return [
        Binding("space", f"{prefix}pause_timer", "Pause", show=show),
        Binding("plus,equals_sign", f"{prefix}add_time", "+15 s", show=show, key_display="+"),
        Binding("k", f"{prefix}skip_timer", "Skip", show=show),
    ]
