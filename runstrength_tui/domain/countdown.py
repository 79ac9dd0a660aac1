"""A countdown driven by an injected monotonic clock.

Remaining time is always ``deadline - clock()``: nothing is decremented per tick, so a
timer cannot drift however often (or rarely) the UI looks at it. Pausing stores the
remaining time; resuming sets a new deadline from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass
class Countdown:
    """A timer on an injected clock: started, paused, resumed and read without a clock of its own."""

    clock: Clock
    duration: float = 0.0
    _deadline: float | None = None
    _paused_remaining: float | None = None
    _started_at: float | None = None
    stopped_early: bool = False

    def start(self, seconds: float) -> Countdown:
        self.duration = float(seconds)
        self._started_at = self.clock()
        self._deadline = self._started_at + self.duration
        self._paused_remaining = None
        self.stopped_early = False
        return self

    @property
    def active(self) -> bool:
        """Started and not yet finished (running or paused)."""
        return self._deadline is not None or self._paused_remaining is not None

    @property
    def running(self) -> bool:
        return self._deadline is not None

    @property
    def paused(self) -> bool:
        return self._paused_remaining is not None

    def remaining(self) -> float:
        if self._paused_remaining is not None:
            return self._paused_remaining
        if self._deadline is None:
            return 0.0
        return max(0.0, self._deadline - self.clock())

    def deadline(self) -> float | None:
        return self._deadline

    @property
    def finished(self) -> bool:
        return self._deadline is not None and self.clock() >= self._deadline

    def elapsed(self) -> float:
        """How much of the duration has been used (pauses excluded)."""
        return max(0.0, self.duration - self.remaining())

    def pause(self) -> None:
        if self._deadline is not None:
            self._paused_remaining = max(0.0, self._deadline - self.clock())
            self._deadline = None

    def resume(self) -> None:
        if self._paused_remaining is not None:
            self._deadline = self.clock() + self._paused_remaining
            self._paused_remaining = None

    def toggle(self) -> None:
        self.resume() if self.paused else self.pause()

    def add(self, seconds: float) -> None:
        """+15 s and friends: extend both the duration and the deadline."""
        self.duration += seconds
        if self._paused_remaining is not None:
            self._paused_remaining += seconds
        elif self._deadline is not None:
            self._deadline += seconds

    def stop(self) -> float:
        """End now; returns the seconds actually counted (for a hold stopped early)."""
        used = self.elapsed()
        self.stopped_early = self.remaining() > 0
        self._deadline = None
        self._paused_remaining = None
        return used

    def clear(self) -> None:
        self._deadline = None
        self._paused_remaining = None


def mmss(seconds: float) -> str:
    """Whole seconds shown rounded up, so 0:00 appears only at the deadline."""
    import math

    total = max(0, math.ceil(seconds - 1e-9))
    return f"{total // 60:02d}:{total % 60:02d}"
