"""An Input whose cursor does not blink when the app runs headless (tests, screenshots),
so a snapshot never depends on the moment it was taken."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SteadyInput(Input):
    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False


class SaveInput(SteadyInput):
    """A dialog field where enter saves: the dialog's footer shows "⏎ Save" while it has focus
    (a focused Input's own enter binding would hide the dialog's)."""

    BINDINGS = [Binding("enter", "submit", "Save", key_display="⏎")]


class FinishInput(SteadyInput):
    BINDINGS = [Binding("enter", "submit", "Finish", key_display="⏎")]
