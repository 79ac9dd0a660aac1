"""A one-line progress meter: lighter than ProgressBar (no child widgets, no ETA clock)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class Meter(Widget):
    """Done part drawn ━ and the rest ─, so it reads without colour too."""

    COMPONENT_CLASSES = {"meter--done", "meter--todo"}
    DEFAULT_CSS = """
    Meter { height: 1; width: 1fr; }
    Meter > .meter--done { color: $accent; }
    Meter > .meter--todo { color: $foreground 30%; }
    """

    fraction: reactive[float] = reactive(0.0)

    def update(self, progress: float, total: float) -> None:
        self.fraction = max(0.0, min(1.0, progress / total)) if total else 0.0

    def render(self) -> Text:
        width = self.size.width
        done = round(width * self.fraction)
        text = Text(no_wrap=True)
        text.append("━" * done, style=self.get_component_rich_style("meter--done"))
        text.append("─" * (width - done), style=self.get_component_rich_style("meter--todo"))
        return text
