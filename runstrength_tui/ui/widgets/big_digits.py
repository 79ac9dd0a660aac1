"""Digits big enough to read from a yoga mat: a 5-row block font, twice as wide as tall."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widget import Widget

FONT = {
    "0": ("█████", "█   █", "█   █", "█   █", "█████"),
    "1": ("  █  ", " ██  ", "  █  ", "  █  ", " ███ "),
    "2": ("█████", "    █", "█████", "█    ", "█████"),
    "3": ("█████", "    █", " ████", "    █", "█████"),
    "4": ("█   █", "█   █", "█████", "    █", "    █"),
    "5": ("█████", "█    ", "█████", "    █", "█████"),
    "6": ("█████", "█    ", "█████", "█   █", "█████"),
    "7": ("█████", "    █", "   █ ", "  █  ", "  █  "),
    "8": ("█████", "█   █", "█████", "█   █", "█████"),
    "9": ("█████", "█   █", "█████", "    █", "█████"),
    ":": ("   ", " █ ", "   ", " █ ", "   "),
    "-": ("     ", "     ", " ███ ", "     ", "     "),
}


def big_lines(value: str, scale: int = 2) -> list[str]:
    """The rows of ``value`` drawn in the block font, each column repeated ``scale`` times."""
    glyphs = [FONT.get(ch, FONT["-"]) for ch in value]
    rows = []
    for r in range(5):
        row = " ".join(g[r] for g in glyphs)
        rows.append("".join(ch * scale for ch in row))
    return rows


class BigDigits(Widget):
    DEFAULT_CSS = "BigDigits { height: 5; width: 1fr; content-align: center middle; }"

    def __init__(self, value: str = "--:--", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.value = value

    def update(self, value: str) -> None:
        if value != self.value:
            self.value = value
            self.refresh()

    def render(self) -> Text:
        natural = len(big_lines(self.value, 1)[0])
        scale = 2 if self.size.width >= natural * 2 else 1
        return Text("\n".join(big_lines(self.value, scale)), no_wrap=True)
