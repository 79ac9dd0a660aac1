"""One line at the bottom: the keys the screen offers now, as Textual's Footer shows them.

A single widget that redraws its line when the keys change, rather than Textual's Footer:
that is a container of one widget per key, and it removes and makes them all again each
time the screen's keys may have changed. Eight widgets to style and lay out on every
screen made Today's first frame ~15 ms later, and each timer start or stop (the footer
follows the moment) a new set of widgets. Like the Footer: the first binding of each action
the screen shows (``Binding.show``), a disabled key dimmed, the key under the pointer
highlighted, a click presses the key.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class Key(NamedTuple):
    key: str  # what a click presses
    display: str  # how the key is written ("enter" → "⏎" as the app says)
    description: str
    enabled: bool


class KeysBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-bar--key", "keys-bar--description", "keys-bar--hover"}
    # the Footer's look: its colours, " key " bold and padded, "description " after it
    DEFAULT_CSS = """
    KeysBar {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        .keys-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keys-bar--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[Key, ...] = ()
        self._drawn: list[tuple[int, int, Key]] = []  # each key as last drawn: its cells [start, end)
        self._pointer: int | None = None  # the mouse's column over the bar
        self._check_queued = False

    def on_mount(self) -> None:
        self.keys = self._read_keys()
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _: Screen[object]) -> None:
        """The screen says its keys may have changed (several times in one step, when a set
        is saved): read them once, right after the step."""
        if not self._check_queued:
            self._check_queued = True
            self.call_next(self._check_keys)

    def _check_keys(self) -> None:
        self._check_queued = False
        keys = self._read_keys()
        if keys != self.keys:
            self.keys = keys
            self.refresh()

    def _read_keys(self) -> tuple[Key, ...]:
        """The first shown binding of each action, in the screen's order (as the Footer)."""
        first: dict[str, Key] = {}
        for _, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in first:
                first[binding.action] = Key(
                    binding.key, self.app.get_key_display(binding), binding.description, enabled
                )
        return tuple(first.values())

    def render(self) -> Text:
        """The keys as the Footer draws them (" k Desc " each); when that is wider than the
        bar, as its compact form does ("k Desc", a space apart), so an 80-column terminal
        still shows every key of a running rest; what still does not fit ends in "…"."""
        line, drawn = self._line(compact=False)
        if self.size.width and line.cell_len > self.size.width:
            line, drawn = self._line(compact=True)
        self._drawn = drawn
        return line

    def _line(self, compact: bool) -> tuple[Text, list[tuple[int, int, Key]]]:
        key_style = self.get_component_rich_style("keys-bar--key")
        description_style = self.get_component_rich_style("keys-bar--description")
        hover = Style(bgcolor=self.get_component_rich_style("keys-bar--hover").bgcolor)
        dim = Style(dim=True)
        text = Text(no_wrap=True)
        drawn: list[tuple[int, int, Key]] = []
        if compact:
            text.append(" ")
        for i, key in enumerate(self.keys):
            if compact and i:
                text.append(" ")
            start, start_cell = len(text), text.cell_len
            text.append(key.display if compact else f" {key.display} ", key_style)
            if key.description:
                text.append(f" {key.description}" if compact else f"{key.description} ", description_style)
            drawn.append((start_cell, text.cell_len, key))
            if self._pointer is not None and start_cell <= self._pointer < text.cell_len:
                text.stylize(hover, start, len(text))  # the hover background, the key's own colours (as the Footer)
            if not key.enabled:
                text.stylize(dim, start, len(text))
        return text, drawn

    @property
    def hovered(self) -> Key | None:
        """The key under the mouse, as drawn."""
        return self._key_at(self._pointer)

    def _key_at(self, x: int | None) -> Key | None:
        if x is None:
            return None
        return next((key for start, end, key in self._drawn if start <= x < end), None)

    def _point(self, x: int | None) -> None:
        before = self.hovered
        self._pointer = x
        if self.hovered != before:
            self.styles.pointer = "default" if self.hovered is None else "pointer"
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._point(event.x)

    def on_leave(self, _: events.Leave) -> None:
        self._point(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key drawn where the mouse is (the one the runner saw, even when the keys
        have just changed and the line is not redrawn yet)."""
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
