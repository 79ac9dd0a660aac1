"""The running week editor: seven lines, one per day; ←/→ or space change the run type."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...domain.model import RUN_TYPES
from ...domain.words import DAY_NAMES

RUN_WORDS = {
    "rest": "rest (no run)",
    "easy": "easy run",
    "hard": "hard run (intervals, hills, tempo)",
    "long": "long run",
}


class RunWeek(OptionList):
    BINDINGS = [
        Binding("right,space,l", "cycle(1)", "Next type"),
        Binding("left,h", "cycle(-1)", "Previous type", show=False),
    ]

    def __init__(self, runs: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.runs = list(runs)

    def on_mount(self) -> None:
        self.set_options([Option(self._prompt(i), id=f"day-{i}") for i in range(7)])
        self.highlighted = 0

    def _prompt(self, i: int) -> Text:
        text = Text()
        text.append(f"{DAY_NAMES[i]:<10} ", style="bold")
        text.append(f"◀ {RUN_WORDS[self.runs[i]]} ▶")
        return text

    def action_cycle(self, step: int) -> None:
        i = self.highlighted
        if i is None:
            return
        self.runs[i] = RUN_TYPES[(RUN_TYPES.index(self.runs[i]) + step) % len(RUN_TYPES)]
        self.replace_option_prompt_at_index(i, self._prompt(i))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_cycle(1)
