"""Guard warnings as words and symbols (never colour alone); never codes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from ...domain.guard import GuardWarning, code_words

ORDER = ("warning", "caution", "info")
SYMBOLS = {"warning": "▲ WARNING", "caution": "● CAUTION", "info": "ℹ INFO"}


def warning_text(warnings: Sequence[GuardWarning]) -> Text:
    text = Text()
    for i, w in enumerate(warnings):
        if i:
            text.append("\n")
        text.append(f"{SYMBOLS.get(w.level, w.level.upper())} ", style="bold")
        text.append(f"{code_words(w.code)}: ", style="italic")
        text.append(f"{w.message} {w.advice}")
    return text


class WarningsBox(Static):
    """A box of warnings; hidden when there are none. Its edge and tint follow the most
    serious one (``-warning``, ``-caution``, ``-info``)."""

    DEFAULT_CSS = """
    WarningsBox {
        height: auto;
        max-height: 6;
        padding: 0 1;
        margin: 0 1;
        border-left: thick $warning;
        background: $warning 10%;
    }
    WarningsBox.-warning {
        border-left: thick $error;
        background: $error 10%;
    }
    WarningsBox.-info {
        border-left: thick $primary;
        background: $primary 10%;
    }
    """

    def show(self, warnings: Sequence[GuardWarning]) -> None:
        self.display = bool(warnings)
        levels = {w.level for w in warnings}
        top = next((level for level in ORDER if level in levels), None)
        for level in ORDER:
            self.set_class(level == top, f"-{level}")
        self.update(warning_text(warnings))
