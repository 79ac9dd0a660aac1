"""Focus mode: just the timer and the current exercise, readable from the mat."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Static

from ..timers import enter_bindings, timer_bindings
from ..widgets.timer_panel import TimerPanel
from .base import RunStrengthScreen


class FocusScreen(RunStrengthScreen[None]):
    TITLE_BAR = False  # just the timer, big
    BINDINGS = [
        Binding("z", "app.pop_screen", "Leave focus", id="focus"),
        Binding("escape", "app.pop_screen", "Leave focus", show=False, id="back"),
        *enter_bindings("app."),
        *timer_bindings("app."),
    ]

    def compose_body(self) -> ComposeResult:
        with Vertical(id="focus-body"):
            yield Static("", id="focus-exercise")
            with Center():
                yield TimerPanel(big=True, id="focus-timer")
            yield Static("", id="focus-next")

    def on_mount(self) -> None:
        self.follow_workout()
        self.workout_changed()

    def workout_changed(self) -> None:
        w = self.workout
        item = w.current
        if w.in_warmup:
            drill = w.warmup[min(w.warmup_ticked, len(w.warmup) - 1)]
            step = f"drill {w.warmup_ticked + 1} of {len(w.warmup)}" if w.session is not None else "enter starts it"
            self.query_one("#focus-exercise", Static).update(
                f"WARM-UP · {drill.name.upper()}\n{drill.dose_text.split(' × ', 1)[-1]} · {step}"
            )
        elif item is None:
            self.query_one("#focus-exercise", Static).update("No exercise today")
        else:
            label = w.label(item)  # "A1 · " in a superset
            self.query_one("#focus-exercise", Static).update(
                f"{f'{label} · ' if label else ''}{item.plan.name.upper()}\n{item.plan.dose_text} · set {min(len(item.done) + 1, item.plan.sets)} of {item.plan.sets}"
            )
        self.query_one("#focus-next", Static).update(f"{w.sets_done} of {w.sets_planned} sets done")
