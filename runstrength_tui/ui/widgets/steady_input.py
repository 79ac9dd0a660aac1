"""An Input whose cursor does not blink when the app runs headless (tests, screenshots),
so a snapshot never depends on the moment it was taken."""

from __future__ import annotations

from textual.widgets import Input


class SteadyInput(Input):
    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False
