"""One line at the top: the app's name and what this screen is about.

A single Static rather than Textual's Header (icon, title and clock widgets): the Today
screen appears ~30 ms sooner, which matters for a tool opened on the floor before a set."""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-align: center;
        text-style: bold;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", self._show, init=True)

    def _show(self, sub_title: str) -> None:
        self.update(f"runstrength · {sub_title}" if sub_title else "runstrength")
