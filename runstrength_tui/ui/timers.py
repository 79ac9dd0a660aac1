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
SWITCH_SECONDS = 5  # changing sides in an each-side hold


@dataclass
class ActiveTimer:
    kind: str  # "rest" | "get-ready" | "hold"
    countdown: Countdown
    title: str  # what is timed: "Rest", "Front plank"
    next_text: str = ""  # shown under a rest: what comes next
    exercise: str = ""
    hold_seconds: int = 0  # per side, for an each-side hold
    per_side: bool = False
    switched: bool = False  # the switch-sides bell has rung

    @property
    def side(self) -> int:
        """1 or 2 in an each-side hold: side 2 starts after the first hold and the switch."""
        return 2 if self.per_side and self.countdown.elapsed() >= self.hold_seconds else 1

    def held_per_side(self) -> int:
        """Seconds held, for a hold stopped early: in an each-side hold, once the second
        side has started, the shorter of the two sides counts."""
        used = self.countdown.elapsed()
        if not self.per_side or used <= self.hold_seconds:
            return round(used)
        side_two = used - self.hold_seconds - SWITCH_SECONDS
        return round(self.hold_seconds if side_two <= 0 else min(self.hold_seconds, side_two))

    def held_to_end(self) -> int:
        """Seconds held per side when the hold ran to its end (+15 s presses included)."""
        planned = self.hold_seconds * 2 + SWITCH_SECONDS if self.per_side else self.hold_seconds
        extra = self.countdown.duration - planned
        return round(self.hold_seconds + (extra / 2 if self.per_side else extra))

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

    def start_get_ready(self, exercise: str, name: str, hold_seconds: int, per_side: bool = False,
                        seconds: int = GET_READY_SECONDS) -> ActiveTimer:
        what = f"Hold {hold_seconds} s" + (" each side" if per_side else "")
        self.active = ActiveTimer("get-ready", Countdown(self.clock).start(seconds), name, what, exercise,
                                  hold_seconds, per_side)
        return self.active

    def start_hold(self, exercise: str, name: str, seconds: int, per_side: bool = False) -> ActiveTimer:
        """An each-side hold runs both sides: side 1, a bell and 5 s to switch, then side 2."""
        total = seconds * 2 + SWITCH_SECONDS if per_side else seconds
        hint = "Bell = switch sides. " if per_side else ""
        self.active = ActiveTimer("hold", Countdown(self.clock).start(total), name,
                                  f"{hint}Enter stops early and logs the time held", exercise, seconds, per_side)
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
