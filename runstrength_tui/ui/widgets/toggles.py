"""Check boxes and radio buttons whose state shows in the glyph, not in colour alone."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, RadioButton, RadioSet


class ClearCheckbox(Checkbox):
    """Ticked shows ✓; unticked is empty."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button


class ClearRadioButton(RadioButton):
    """The chosen one shows ●; the others are empty."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class PickRadioSet(RadioSet):
    """A radio group where the arrows pick, as in a desktop radio group: the highlight is
    never a second "choice" that only space would make real. It starts on the answer
    chosen (not on the first one)."""

    BINDINGS = [
        Binding("down,right", "pick(1)", "Next option", show=False),
        Binding("up,left", "pick(-1)", "Previous option", show=False),
    ]

    def on_mount(self) -> None:
        self.call_after_refresh(self._start_on_the_choice)

    def _start_on_the_choice(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def action_pick(self, step: int) -> None:
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()
