"""An Input whose cursor does not blink when the app runs headless (tests, screenshots),
so a snapshot never depends on the moment it was taken, and whose editing keys keep their
order with typed text."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input


class SteadyInput(Input):
    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False

    async def _on_key(self, event: events.Key) -> None:
        """Run the field's own editing keys (backspace, ctrl+a, ctrl+k, arrows…) here, in
        order. Textual's Input inserts a typed character at once but lets a bound key bubble
        up to the app before its action runs, so in a burst ("backspace 7" in one read, a
        paste from a macro, a busy machine) the 7 lands first and the backspace deletes it.
        Upstream: Textualize/textual#6605 (fix proposed in #6631)."""
        if not event.is_printable and await self._run_own_binding(event.key):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    async def _run_own_binding(self, key: str) -> bool:
        chain = self.screen._modal_binding_chain  # keymaps applied, as the app resolves keys
        if not chain or chain[0][0] is not self:
            return False
        for binding in chain[0][1].key_to_bindings.get(key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                return True
        return False


class SaveInput(SteadyInput):
    """A dialog field where enter saves: the dialog's footer shows "⏎ Save" while it has focus
    (a focused Input's own enter binding would hide the dialog's)."""

    BINDINGS = [Binding("enter", "submit", "Save", key_display="⏎")]


class FinishInput(SteadyInput):
    BINDINGS = [Binding("enter", "submit", "Finish", key_display="⏎")]
