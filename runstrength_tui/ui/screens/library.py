"""The exercise library: search by name, kind, muscle or equipment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ..widgets.steady_input import SteadyInput
from .base import BACK, RunStrengthScreen

if TYPE_CHECKING:
    from ...domain.catalog import Exercise
from .exercise import ExerciseScreen


def matches(ex: Exercise, query: str) -> bool:
    words = query.lower().split()
    hay = " ".join(
        [ex.id, ex.name.lower(), ex.kind, ex.level, " ".join(ex.muscles), " ".join(ex.equipment) or "bodyweight"]
    )
    return all(w in hay for w in words)


class LibraryScreen(RunStrengthScreen[None]):
    PLACE_ACTION = "show_library"
    BINDINGS = [
        BACK,
        Binding("down", "focus_list", "List", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield SteadyInput(
            placeholder="Search: name, kind, muscle, equipment (e.g. 'core', 'calf', 'dumbbells')", id="search"
        )
        yield OptionList(id="library")

    def on_mount(self) -> None:
        self.sub_title = "Exercise library"
        self.fill("")
        self.query_one("#search", Input).focus()

    def fill(self, query: str) -> None:
        items = [e for e in self.workout.catalog if matches(e, query)]
        options = []
        # one line an exercise, always: the equipment column is cut with "…" where it
        # would wrap into the next row (the exercise's screen lists all of it)
        room = max(40, (self.size.width or 100) - 6)
        name_width = min(30, max(len(e.name) for e in items) if items else 30)
        for e in items:
            text = Text(no_wrap=True, overflow="ellipsis")
            text.append(f"{e.name:<{name_width}}", style="bold")
            rest = f" {e.kind:<11} {e.level:<13} {', '.join(e.equipment) or 'bodyweight'}"
            space = room - name_width
            text.append(rest if len(rest) <= space else rest[: max(1, space - 1)] + "…")
            options.append(Option(text, id=e.id))
        lib = self.query_one("#library", OptionList)
        lib.set_options(options)
        if options:
            lib.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_resize(self) -> None:
        self.fill(self.query_one("#search", Input).value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        lib = self.query_one("#library", OptionList)
        exercise = lib.get_option_at_index(lib.highlighted or 0).id if lib.option_count else None
        if exercise:
            self.app.push_screen(ExerciseScreen(exercise))

    def action_focus_list(self) -> None:
        self.query_one("#library", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.push_screen(ExerciseScreen(event.option.id))
