"""Check boxes and radio buttons whose state shows in the glyph, not in colour alone."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


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
