"""The app's timer, scheduled: when the one active timer (rest, get-ready, hold) ends.

A plain object the app owns (so timers survive screens being closed), with a public API
the app, the tests and the benchmark use. Two habits keep it exact (docs/design.md § Timers): the
end is a one-shot callback on the event loop's own ``call_later`` (a Textual Timer can
queue behind a busy screen's repaints), and the time left is always the deadline minus
the monotonic clock, never a count of ticks.

What an end *means* (ring, log the hold, start the hold after the get-ready) is the
app's business: the controller calls ``on_end(timer)`` and ``on_switch(timer)``, and
``on_change()`` whenever the timer starts, pauses, resumes, grows or stops (the app's
footer keys and terminal title follow it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.timer import Timer

from ..domain.countdown import Clock
from .timers import GET_READY_SECONDS, ActiveTimer, TimerModel

ADD_SECONDS = 15  # what + adds


class TimerController:
    def __init__(
        self,
        app: App[Any],
        clock: Clock,
        *,
        on_end: Callable[[ActiveTimer], None],
        on_switch: Callable[[ActiveTimer], None],
        beeps: Callable[[], bool],
        bell: Callable[[], None],
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.app = app
        self.clock = clock
        self.model = TimerModel(clock)
        self.finished_at: dict[str, float] = {}  # kind → clock() when its end was handled
        self._on_end = on_end
        self._on_switch = on_switch
        self._beeps = beeps
        self._bell = bell
        self._on_change = on_change or (lambda: None)
        self._deadline: asyncio.TimerHandle | None = None
        self._beep_timers: list[Timer] = []

    @property
    def active(self) -> ActiveTimer | None:
        return self.model.active

    # --- starting ------------------------------------------------------------------------

    def start_rest(self, seconds: int, next_text: str) -> ActiveTimer:
        timer = self.model.start_rest(seconds, next_text)
        self.schedule()
        self._on_change()
        return timer

    def start_drill(self, name: str, seconds: int, per_side: bool = False) -> ActiveTimer:
        timer = self.model.start_drill(name, seconds, per_side)
        self.schedule()
        self._on_change()
        return timer

    def start_get_ready(
        self, exercise: str, name: str, hold_seconds: int, per_side: bool = False, seconds: int = GET_READY_SECONDS
    ) -> ActiveTimer:
        timer = self.model.start_get_ready(exercise, name, hold_seconds, per_side, seconds)
        self.schedule()
        self._on_change()
        return timer

    def start_hold(self) -> ActiveTimer | None:
        """The get-ready is over (or skipped): the hold it announced starts now."""
        ready = self.active
        if ready is None:
            return None
        self.cancel()
        timer = self.model.start_hold(ready.exercise, ready.title, ready.hold_seconds, ready.per_side)
        self.schedule()
        self._on_change()
        return timer

    # --- while it runs -------------------------------------------------------------------

    def pause(self) -> None:
        active = self.active
        if active is not None and not active.countdown.paused:
            self.toggle()

    def resume(self) -> None:
        active = self.active
        if active is not None and active.countdown.paused:
            self.toggle()

    def toggle(self) -> None:
        """Pause keeps the time left; resume sets a new deadline from it."""
        active = self.active
        if active is None:
            return
        active.countdown.toggle()
        if active.countdown.paused:
            self.cancel()
        else:
            self.schedule()
        self._on_change()

    def add(self, seconds: float = ADD_SECONDS) -> None:
        active = self.active
        if active is not None:
            active.add(seconds)
            self.schedule()
            self._on_change()

    def skip(self) -> ActiveTimer | None:
        """Skip the timer: a get-ready goes straight to its hold, a rest or a hold ends
        (a skipped hold logs nothing). Returns the timer skipped."""
        active = self.active
        if active is None:
            return None
        if active.kind == "get-ready":
            self.start_hold()
        else:
            self.stop()
        return active

    def stop(self) -> ActiveTimer | None:
        """End the timer now, without its end being handled (no ring, nothing logged)."""
        active = self.active
        self.cancel()
        self.model.clear()
        if active is not None:
            self._on_change()
        return active

    # --- the deadline --------------------------------------------------------------------

    def schedule(self) -> None:
        """(Re)schedule the end of the active timer, and its 3-2-1 beeps when wanted."""
        self.cancel()
        active = self.active
        if active is None or active.countdown.paused:
            return
        # The event loop's own timer, not a Textual Timer: its callback runs at the deadline
        # instead of waiting in the message queue behind a busy screen's repaints.
        loop = asyncio.get_running_loop()
        self._deadline = loop.call_later(max(0.0, active.countdown.remaining()), self._on_deadline)
        if self._beeps() and active.kind in ("rest", "hold"):
            for n in (3, 2, 1):
                at = active.countdown.remaining() - n
                if at > 0:
                    self._beep_timers.append(self.app.set_timer(at, self._beep_if_running))

    def cancel(self) -> None:
        """Forget the scheduled end and beeps (the timer itself is untouched)."""
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        for timer in self._beep_timers:
            timer.stop()
        self._beep_timers.clear()

    def tick(self) -> None:
        """The app's tick: a backstop for the one-shot deadline (and for injected test
        clocks), and the switch-sides moment of an each-side hold."""
        active = self.active
        if active is not None and active.countdown.finished:
            self._on_deadline()
        elif active is not None and active.kind in ("hold", "drill") and active.side == 2 and not active.switched:
            active.switched = True
            self._on_switch(active)

    def _beep_if_running(self) -> None:
        if self.active is not None and not self.active.countdown.paused:
            self._bell()

    def _on_deadline(self) -> None:
        active = self.active
        if active is None or active.countdown.paused:
            return
        if active.countdown.remaining() > 0:  # woke a little early: wait for the rest
            self.schedule()
            return
        self._deadline = None
        self.finished_at[active.kind] = self.clock()
        if active.kind == "get-ready":  # its end starts the hold it announced, as a skip does
            self.start_hold()
        else:
            self.model.clear()
            self._on_change()
        self._on_end(active)
