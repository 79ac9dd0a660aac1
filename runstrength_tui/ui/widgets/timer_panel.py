"""The timer, in big digits: rest, get-ready or hold. Reads the app's TimerModel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from ...domain.countdown import mmss
from .big_digits import BigDigits
from .meter import Meter

LABELS = {"rest": "REST", "get-ready": "GET READY", "hold": "HOLD"}


class TimerPanel(Vertical):
    """Shows the app's active timer; repaints a few times a second while one runs."""

    DEFAULT_CLASSES = "idle"

    def __init__(self, big: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.big = big

    def compose(self) -> ComposeResult:
        yield Static("", id="timer-title")
        yield BigDigits("--:--", id="timer-digits") if self.big else Digits("--:--", id="timer-digits")
        yield Meter(id="timer-bar")
        yield Static("", id="timer-next")
        yield Static("", id="timer-keys")

    def on_mount(self) -> None:
        self.set_interval(self.app.tick_seconds, self.refresh_view)
        self.refresh_view()

    def flash(self) -> None:
        self.add_class("flash")
        self.set_timer(1.5, lambda: self.remove_class("flash"))

    def refresh_view(self) -> None:
        active = self.app.timers.active
        title = self.query_one("#timer-title", Static)
        digits = self.query_one("#timer-digits")
        bar = self.query_one("#timer-bar", Meter)
        nxt = self.query_one("#timer-next", Static)
        keys = self.query_one("#timer-keys", Static)
        if active is None:
            self.set_class(True, "idle")
            self.set_class(False, "closing")
            self.set_class(False, "paused")
            title.update("TIMER · idle")
            digits.update("--:--")
            bar.update(0, 1)
            nxt.update(self.app.idle_timer_hint())
            keys.update("")
            return
        c = active.countdown
        remaining = c.remaining()
        self.set_class(False, "idle")
        self.set_class(active.closing, "closing")
        self.set_class(c.paused, "paused")
        state = " · PAUSED" if c.paused else (" · LAST SECONDS" if active.closing else "")
        name = "" if active.kind == "rest" else f" · {active.title}"
        if active.kind == "hold" and active.per_side:
            name += f" · side {active.side}"
        title.update(f"{LABELS[active.kind]}{name}{state}")
        digits.update(mmss(remaining))
        bar.update(min(c.duration, c.elapsed()), c.duration)
        nxt.update(active.next_text)
        pause = "space resume" if c.paused else "space pause"
        keys.update(f"{pause} · + 15 s · k skip")
