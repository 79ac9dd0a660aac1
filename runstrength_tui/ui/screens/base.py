"""The screens' base: the app typed once, and what every screen of ours reads from it."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from ...service import Workout
from ..app import RunStrengthApp
from ..widgets.keys_bar import KeysBar
from ..widgets.title_bar import TitleBar

ResultType = TypeVar("ResultType")

#: escape goes back from a place (the app pops the screen)
BACK = Binding("escape", "app.pop_screen", "Back")


class RunStrengthScreen(Screen[ResultType], Generic[ResultType]):
    """A place the runner goes: ``self.app`` is our app, ``self.workout`` its session."""

    app = getters.app(RunStrengthApp)

    PLACE_ACTION: ClassVar[str | None] = None  # the app's action that opens this place
    TITLE_BAR: ClassVar[bool] = True  # the app's name and the screen's sub-title on top

    def compose(self) -> ComposeResult:
        """The title bar, the screen's own widgets (``compose_body``), the bar of keys."""
        if self.TITLE_BAR:
            yield TitleBar()
        yield from self.compose_body()
        yield KeysBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def workout(self) -> Workout:
        return self.app.workout

    def follow_workout(self) -> None:
        """Repaint (``workout_changed``) when the app says the session changed: once for
        all it says within one step (saving a set says it twice), right after that step
        (``call_next``), before the next frame."""
        self._repaint_queued = False
        self.app.workout_signal.subscribe(self, self._workout_signal, immediate=True)

    def _workout_signal(self, _: None) -> None:
        if not self._repaint_queued:
            self._repaint_queued = True
            self.call_next(self._repaint)

    def _repaint(self) -> None:
        self._repaint_queued = False
        self.workout_changed()

    def workout_changed(self) -> None:
        """Show the session as it now is (the screens that follow it say how)."""
