"""The app's one active timer (rest, get-ready or hold), kept exact by a monotonic deadline.

It lives on the app, not on a screen, so it keeps running while the runner reads
instructions or looks at the week. The app schedules a one-shot callback at the
deadline (a tick only repaints), so the end is on time however busy the UI is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual.binding import Binding

from ..domain.countdown import Clock, Countdown
from ..domain.rules import THRESHOLDS

GET_READY_SECONDS = THRESHOLDS.get_ready_seconds  # the hold timer's get-ready, as the planner counts it
WARN_LAST_SECONDS = 5
SWITCH_SECONDS = 5  # changing sides in an each-side hold


@dataclass
class ActiveTimer:
    """The timer running now (a rest, a get-ready or a hold) and what it shows."""

    kind: str  # "rest" | "get-ready" | "hold"
    countdown: Countdown
    title: str  # what is timed: "Rest", "Front plank"
    next_text: str = ""  # shown under a rest: what comes next
    exercise: str = ""
    hold_seconds: int = 0  # per side, for an each-side hold
    per_side: bool = False
    switched: bool = False  # the switch-sides bell has rung
    side_one_extra: float = 0.0  # +15 s pressed during side 1 lengthens side 1 (and side 2)

    @property
    def side_one_end(self) -> float:
        return self.hold_seconds + self.side_one_extra

    @property
    def side(self) -> int:
        """1 or 2 in an each-side hold: side 2 starts after the first hold and the switch."""
        return 2 if self.per_side and self.countdown.elapsed() >= self.side_one_end else 1

    def phase(self) -> tuple[str, float, float]:
        """What the big digits count down: ``(phase, seconds left in it, its length)``.

        An each-side hold counts each side on its own (side 1 40 → 0, switch 5 → 0,
        side 2 40 → 0), so side 1 shows when to switch; other timers count their whole
        duration (phase "")."""
        c = self.countdown
        if self.kind not in ("hold", "drill") or not self.per_side:
            return "", c.remaining(), c.duration
        used = c.elapsed()
        if used < self.side_one_end:
            return "side 1", self.side_one_end - used, self.side_one_end
        if used < self.side_one_end + SWITCH_SECONDS:
            return "switch", self.side_one_end + SWITCH_SECONDS - used, SWITCH_SECONDS
        return "side 2", c.remaining(), c.duration - self.side_one_end - SWITCH_SECONDS

    def add(self, seconds: float) -> None:
        """+15 s: on side 1 of an each-side hold both sides get it (the runner holds the
        same time on each side); otherwise the current timer (or side 2) does."""
        if self.kind == "hold" and self.per_side and self.side == 1:
            self.side_one_extra += seconds
            self.countdown.add(seconds * 2)
        else:
            self.countdown.add(seconds)

    def held_per_side(self) -> int:
        """Seconds held, for a hold stopped early: in an each-side hold, once the second
        side has started, the shorter of the two sides counts."""
        used = self.countdown.elapsed()
        if not self.per_side or used <= self.side_one_end:
            return round(used)
        side_two = used - self.side_one_end - SWITCH_SECONDS
        return round(self.side_one_end if side_two <= 0 else min(self.side_one_end, side_two))

    @property
    def side_two_started(self) -> bool:
        """In an each-side hold, whether side 2 was begun (past side 1 and the switch)."""
        return self.countdown.elapsed() > self.side_one_end + SWITCH_SECONDS

    def held_to_end(self) -> int:
        """Seconds held per side when the hold ran to its end (+15 s presses included):
        for an each-side hold, the shorter side."""
        if not self.per_side:
            return round(self.countdown.duration)
        side_two = self.countdown.duration - self.side_one_end - SWITCH_SECONDS
        return round(min(self.side_one_end, side_two))

    def title_text(self) -> str:
        """For the terminal title: 'Rest 0:42', 'Side plank 0:12 · side 1'."""
        phase, left, _ = self.phase()
        total = max(0, math.ceil(left - 1e-9))
        what = "Rest" if self.kind == "rest" else "Get ready" if self.kind == "get-ready" else self.title
        paused = " · paused" if self.countdown.paused else ""
        return f"{what} {total // 60}:{total % 60:02d}" + (f" · {phase}" if phase else "") + paused

    @property
    def closing(self) -> bool:
        """The last seconds: the display changes colour and says so."""
        phase, left, _ = self.phase()
        return self.kind == "hold" and phase != "switch" and left <= WARN_LAST_SECONDS


class TimerModel:
    def __init__(self, clock: Clock):
        self.clock = clock
        self.active: ActiveTimer | None = None

    def start_rest(self, seconds: int, next_text: str) -> ActiveTimer:
        self.active = ActiveTimer("rest", Countdown(self.clock).start(seconds), "Rest", next_text)
        return self.active

    def start_get_ready(
        self, exercise: str, name: str, hold_seconds: int, per_side: bool = False, seconds: int = GET_READY_SECONDS
    ) -> ActiveTimer:
        what = f"Hold {hold_seconds} s" + (" each side" if per_side else "")
        self.active = ActiveTimer(
            "get-ready", Countdown(self.clock).start(seconds), name, what, exercise, hold_seconds, per_side
        )
        return self.active

    def start_hold(self, exercise: str, name: str, seconds: int, per_side: bool = False) -> ActiveTimer:
        """An each-side hold runs both sides: side 1, a bell and 5 s to switch, then side 2."""
        total = seconds * 2 + SWITCH_SECONDS if per_side else seconds
        hint = "Bell = switch sides. " if per_side else ""
        self.active = ActiveTimer(
            "hold",
            Countdown(self.clock).start(total),
            name,
            f"{hint}Enter stops early and logs the time held",
            exercise,
            seconds,
            per_side,
        )
        return self.active

    def start_drill(self, name: str, seconds: int, per_side: bool = False) -> ActiveTimer:
        """A timed warm-up drill ('25 s each side'): counted like a hold, each side on its
        own, but nothing is logged (warm-up drills are not sets)."""
        total = seconds * 2 + SWITCH_SECONDS if per_side else seconds
        hint = "Bell = switch sides. " if per_side else ""
        self.active = ActiveTimer(
            "drill",
            Countdown(self.clock).start(total),
            name,
            f"{hint}Warm-up drill, not logged · enter: done",
            "",
            seconds,
            per_side,
        )
        return self.active

    def clear(self) -> None:
        self.active = None


class SessionClock:
    """How long the session has been going: a monotonic start plus what came before (a
    resumed or reopened session counts on from where it was)."""

    def __init__(self, clock: Clock):
        self.clock = clock
        self._start: float | None = None
        self._offset = 0.0

    def start(self, offset: float = 0.0) -> None:
        self._offset = max(0.0, offset)
        self._start = self.clock()

    def stop(self) -> None:
        self._start = None

    def elapsed(self) -> float:
        if self._start is None:
            return 0.0
        return self._offset + (self.clock() - self._start)


def timer_bindings(prefix: str = "", show: bool = True) -> list[Binding]:
    """The timer keys: the app binds them (hidden) so they work on every screen; the
    screens where the timer shows list them in their footers (``prefix="app."``). The
    app's ``check_action`` keeps them out of the footer while no timer runs, and shows
    Pause or Resume, never both."""
    return [
        Binding("space", f"{prefix}pause_timer", "Pause", show=show, id="timer.pause"),
        Binding("space", f"{prefix}resume_timer", "Resume", show=show, id="timer.pause"),
        Binding("plus,equals_sign", f"{prefix}add_time", "+15 s", show=show, key_display="+", id="timer.add"),
        Binding("k", f"{prefix}skip_timer", "Skip", show=show, id="timer.skip"),
    ]


#: What enter does on Today and in focus mode, one binding per state (the app's
#: ``enter_mode`` picks the one that is live, so the footer names what enter will do).
ENTER_MODES = {
    "warmup-go": "Start warm-up",
    "warmup": "Drill done",
    "drill": "Start drill",
    "log": "Log set",
    "hold": "Start hold",
    "go": "Start now",
    "stop": "Stop & log",
    "finish": "Finish",
    "reopen": "Reopen",
}


def enter_bindings(prefix: str = "") -> list[Binding]:
    return [
        Binding("enter", f"{prefix}primary('{mode}')", label, key_display="⏎", id="primary")
        for mode, label in ENTER_MODES.items()
    ]
