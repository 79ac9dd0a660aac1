"""The timer, in big digits: rest, get-ready or hold. Reads the app's TimerModel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import getters
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from ...domain.countdown import mmss
from ...service import Workout
from ..app import RunStrengthApp
from .big_digits import BigDigits
from .meter import Meter

LABELS = {"rest": "REST", "get-ready": "GET READY", "hold": "HOLD", "drill": "WARM-UP"}


def idle_hint(workout: Workout, get_ready_seconds: int) -> str:
    """What enter will do, under the idle timer."""
    item = workout.current
    if item is None:
        return ""
    if workout.finished_today:
        return "Saved. Enter reopens today's session." if workout.reopenable else ""
    if workout.all_done:
        return "All sets done: enter finishes"
    if workout.in_warmup:
        if workout.session is None:
            return "enter: start the warm-up · x skips it"
        drill = workout.current_drill
        if drill is not None and drill.seconds:
            return (
                f"enter: {drill.seconds} s{' each side' if drill.per_side else ''} on the timer · x skips the warm-up"
            )
        return "enter: drill done · x skips the rest of the warm-up"
    label = workout.label(item)
    partner = workout.partner(item)
    # inside a superset, the second half comes straight after the first: say so by name
    now = ""
    if label.endswith("2") and partner is not None and len(partner.done) > len(item.done):
        now = f"{label} now, no rest · "
    if item.is_hold:
        side = " each side" if item.plan.per_side else ""
        return f"{now}enter: {get_ready_seconds} s get-ready, then hold {item.plan.seconds} s{side}"
    if label.endswith("1") and partner is not None and not partner.complete:
        return f"enter: log the set; {label[0]}2 follows, no rest"
    if now:
        return f"{now}enter: log the set; then the pair's rest"
    return "enter: log the set; rest starts by itself"


class TimerPanel(Vertical):
    """Shows the app's active timer; repaints a few times a second while one runs."""

    app = getters.app(RunStrengthApp)
    DEFAULT_CLASSES = "idle"
    # idle: quiet; closing: the last seconds of a hold; paused: greyed digits; flash: the end
    DEFAULT_CSS = """
    TimerPanel {
        height: auto;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    TimerPanel.idle {
        border: round $panel-lighten-2;
    }
    TimerPanel.closing {
        border: heavy $warning;
        background: $warning 15%;
    }
    TimerPanel.closing .digits {
        color: $warning;
    }
    TimerPanel.paused .digits {
        color: $text-muted;
    }
    TimerPanel.flash {
        background: $success 40%;
        border: heavy $success;
    }
    TimerPanel #timer-title {
        text-style: bold;
        width: 1fr;
    }
    TimerPanel .digits {
        width: auto;
        color: $accent;
        text-style: bold;
    }
    TimerPanel.idle .digits {
        color: $text-muted;
    }
    TimerPanel #timer-big {
        display: none;
        width: 1fr;
    }
    TimerPanel.roomy #timer-big {
        display: block;
    }
    TimerPanel.roomy #timer-digits {
        display: none;
    }
    TimerPanel #timer-next {
        color: $text-muted;
    }
    """

    def __init__(self, big: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.big = big

    def compose(self) -> ComposeResult:
        yield Static("", id="timer-title")
        if self.big:
            yield BigDigits("--:--", id="timer-digits", classes="digits")
        else:  # Textual's 3-row digits; the block font once the screen has room (``roomy``)
            yield Digits("--:--", id="timer-digits", classes="digits")
            yield BigDigits("--:--", id="timer-big", classes="digits")
        yield Meter(id="timer-bar")
        yield Static("", id="timer-next")

    def on_mount(self) -> None:
        self.set_interval(self.app.tick_seconds, self.refresh_view)
        self.refresh_view()

    def flash(self) -> None:
        self.add_class("flash")
        self.set_timer(1.5, lambda: self.remove_class("flash"))

    def refresh_view(self) -> None:
        """Show the timer as it is now; nothing is touched when nothing changed (an idle
        panel would otherwise re-lay out and repaint the screen ten times a second)."""
        active = self.app.timers.active
        if active is None:
            self._show(
                (True, False, False),
                "TIMER · idle",
                "--:--",
                (0, 1),
                idle_hint(self.app.workout, self.app.get_ready_seconds),
            )
            return
        c = active.countdown
        phase, left, length = active.phase()
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
        if phase:  # each side counts on its own; the whole hold in small print
            total = mmss(c.remaining()).lstrip("0")
            total = total if not total.startswith(":") else "0" + total
            step = {"side 1": "Side 2 next", "switch": "Switch sides", "side 2": "Last side"}[phase]
            nxt = f"{step} · {total} in all"
        else:
            nxt = active.next_text
        self._show(
            (False, active.closing, c.paused),
            f"{label}{name}{state}",
            mmss(left),
            (min(length, length - left), length),
            nxt,
        )

    def _set_digits(self, text: str) -> None:
        for digits in self.query(".digits"):  # the 3-row digits and the block font
            if isinstance(digits, (BigDigits, Digits)):
                digits.update(text)

    def _show(
        self, classes: tuple[bool, bool, bool], title: str, digits: str, bar: tuple[float, float], nxt: str
    ) -> None:
        idle, closing, paused = classes
        self.set_class(idle, "idle")
        self.set_class(closing, "closing")
        self.set_class(paused, "paused")
        shown = getattr(self, "_shown", {})
        parts: tuple[tuple[str, Any, Callable[[Any], None]], ...] = (
            ("title", title, lambda v: self.query_one("#timer-title", Static).update(v)),
            ("digits", digits, self._set_digits),
            ("bar", bar, lambda v: self.query_one("#timer-bar", Meter).update(*v)),
            ("next", nxt, lambda v: self.query_one("#timer-next", Static).update(v)),
        )
        for key, value, apply in parts:
            if shown.get(key) != value:
                apply(value)
                shown[key] = value
        self._shown = shown
