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
        if active is None:
            self.set_class(True, "idle")
            self.set_class(False, "closing")
            self.set_class(False, "paused")
            title.update("TIMER · idle")
            digits.update("--:--")
            bar.update(0, 1)
            nxt.update(self.app.idle_timer_hint())
            return
        c = active.countdown
        phase, left, length = active.phase()
        self.set_class(False, "idle")
        self.set_class(active.closing, "closing")
        self.set_class(c.paused, "paused")
        state = " · PAUSED" if c.paused else (" · LAST SECONDS" if active.closing else "")
        name = "" if active.kind == "rest" else f" · {active.title}"
        if phase == "switch":
            label = "SWITCH SIDES"
        elif phase:
            label = f"{LABELS[active.kind]} {phase.upper()}"
        else:
            label = LABELS[active.kind]
        if len(f"{label}{name}{state}") > self.content_size.width > 0:  # narrow: the list names it
            name = ""
        title.update(f"{label}{name}{state}")
        digits.update(mmss(left))
        bar.update(min(length, length - left), length)
        if phase:  # each side counts on its own; the whole hold in small print
            total = mmss(c.remaining()).lstrip("0")
            total = total if not total.startswith(":") else "0" + total
            step = {"side 1": "Side 2 next", "switch": "Switch sides", "side 2": "Last side"}[phase]
            nxt.update(f"{step} · {total} in all")
        else:
            nxt.update(active.next_text)
