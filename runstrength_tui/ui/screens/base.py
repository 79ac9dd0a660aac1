"""The screens' base: the app typed once, and what every screen of ours reads from it."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ...service import Workout
from ..app import RunStrengthApp
from ..widgets.title_bar import TitleBar

ResultType = TypeVar("ResultType")

#: escape goes back from a place (the app pops the screen)
BACK = Binding("escape", "app.pop_screen", "Back")


class KeysFooter(Footer):
    """Textual's Footer, recomposed only when the keys it shows change.

    Textual's Footer recomposes (every key widget removed and made again, then a new
    layout) each time the screen says its bindings *may* have changed: at start-up that is
    three times in a row (the screen stacked, focus given, the app's first check), each a
    frame later, so the keys appeared three refreshes after Today. Here the keys are
    composed with the screen, the requests within one refresh make one check, and the
    footer is recomposed only when the keys differ from the ones it shows."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(Footer._bindings_ready, True)  # the keys are drawn with the screen's first frame
        self._pending = False
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # born in the footer's style: a FooterKey starts compact and is then bound
                # to the footer's (not compact), two style updates per key otherwise
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    def _keys(self) -> tuple[object, ...]:
        """What ``compose`` draws from: the shown bindings and their state."""
        return (self.compact, self.show_command_palette,
                tuple((binding.key, binding.key_display, binding.description, binding.action, binding.group,
                       enabled, tooltip)
                      for _, binding, enabled, tooltip in self.screen.active_bindings.values() if binding.show))

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        if self._keys() != self._shown:
            await self.recompose()


class RunStrengthScreen(Screen[ResultType], Generic[ResultType]):
    """A place the runner goes: ``self.app`` is our app, ``self.workout`` its session."""

    app = getters.app(RunStrengthApp)

    PLACE_ACTION: ClassVar[str | None] = None  # the app's action that opens this place
    TITLE_BAR: ClassVar[bool] = True  # the app's name and the screen's sub-title on top

    def compose(self) -> ComposeResult:
        """The title bar, the screen's own widgets (``compose_body``), the footer of keys."""
        if self.TITLE_BAR:
            yield TitleBar()
        yield from self.compose_body()
        yield KeysFooter(show_command_palette=False)

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def workout(self) -> Workout:
        return self.app.workout

    def follow_workout(self) -> None:
        """Repaint (``workout_changed``) whenever the app says the session changed."""
        self.app.workout_signal.subscribe(self, self._workout_signal)

    def _workout_signal(self, _: None) -> None:
        self.workout_changed()

    def workout_changed(self) -> None:
        """Show the session as it now is (the screens that follow it say how)."""
