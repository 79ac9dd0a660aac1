"""Small modal dialogs: log a set, finish the session, choices, the guard's notes.

Each dialog has its own footer with its own keys (the app's navigation keys are off
while a dialog is open)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Input, Label, Static

from ... import service
from ...domain import validate as v
from ...domain.words import format_load
from ..widgets.keys_bar import KeysBar
from ..widgets.steady_input import FinishInput, SaveInput
from ..widgets.toggles import ClearCheckbox
from ..widgets.warnings import WarningsBox, warning_text

if TYPE_CHECKING:
    from ...domain.guard import GuardWarning


class PainBox(ClearCheckbox):
    """Space ticks it; enter saves the set like everywhere else in the dialog."""

    BINDINGS = [Binding("enter", "screen.save", "Save", show=False)]


@dataclass
class SetValues:
    reps: int | None
    seconds: int | None
    load: tuple[float, str] | None
    rpe: int | None
    pain: bool
    seen: frozenset[tuple[str, str]] = frozenset()
    note: str = ""  # (code, exercise) of the guard notes shown before saving


class LogSetScreen(ModalScreen[SetValues | None]):
    """Log one set: prefilled with the prescription; warnings appear before saving."""

    BINDINGS = [
        Binding("enter", "save", "Save", key_display="⏎", show=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+g", "acknowledge", "I know", show=True),
    ]

    def __init__(self, workout: service.Workout) -> None:
        super().__init__()
        if workout.current is None or workout.ctx is None:
            raise RuntimeError("a set is logged for the current exercise of a loaded workout")
        self.workout = workout
        self.item: service.Item = workout.current
        self.units = workout.ctx.profile.units
        self.warnings: list[GuardWarning] = []

    def compose(self) -> ComposeResult:
        p = self.item.plan
        ex = self.workout.catalog.get(p.exercise)
        n = len(self.item.done) + 1
        units = self.units
        just_done = self.item.done[-1] if self.item.done else None  # set 2 starts from what set 1 was
        with Vertical(id="dialog"):
            label = self.workout.label(self.item)  # "A1" in a superset
            yield Label(f"Log set {n} of {p.sets} · {f'{label} ' if label else ''}{p.name}", id="dialog-title")
            yield Static(f"Plan: {p.dose_text}", classes="muted")
            with Horizontal(classes="fields"):
                with Vertical(classes="field"):
                    if p.seconds is not None:
                        # text, not type="integer": '45s' and '1:30' read as the CLI reads them,
                        # and letters get a sentence instead of vanishing
                        yield Label("Seconds held")
                        held = just_done.seconds if just_done and just_done.seconds else p.seconds
                        yield SaveInput(str(held), id="amount")
                    else:
                        yield Label("Reps" + (" (each side)" if p.per_side else ""))
                        reps = just_done.reps if just_done and just_done.reps else (p.reps[1] if p.reps else "")
                        yield SaveInput(str(reps), id="amount")
                with Vertical(classes="field"):
                    yield Label(f"Load ({units})" if ex.weighted else "Added load (optional)")
                    load = format_load(p.suggested_load_kg, units) if p.suggested_load_kg else ""
                    last = next((s for s in reversed(self.item.done) if s.load_kg), None)
                    if last and last.load_kg:
                        load = format_load(last.load_kg, units)
                    example = "e.g. 12kg" if units == "kg" else "e.g. 25lb"
                    yield SaveInput(load, id="load", placeholder=example if ex.weighted else "bodyweight")
                with Vertical(classes="field"):
                    yield Label("RPE 1-10")
                    yield SaveInput("", id="rpe", placeholder="optional")
            with Horizontal(classes="fields"):  # one row: the dialog stays whole at 80×24 with a warning
                yield PainBox("It hurt (pain)", id="pain")
                yield SaveInput("", id="note", placeholder="Note (optional)")
            yield WarningsBox(id="preview")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("I know (ctrl+g)", id="ack")
                yield Button("Cancel (esc)", id="cancel")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one("#amount", Input).focus()
        self.update_preview()

    @property
    def silenceable(self) -> list[GuardWarning]:
        """The notes "I know" can quiet (pain never is: it is the runner's own signal)."""
        from ...domain.guard import UNSILENCEABLE

        return [w for w in self.warnings if w.code not in UNSILENCEABLE]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "acknowledge":
            return bool(self.silenceable)  # in the footer only when there is a note it can quiet
        return True

    def values(self) -> SetValues:
        """Parse the fields with the same rules (and words) as the CLI."""
        amount = self.query_one("#amount", Input).value
        load_text = self.query_one("#load", Input).value.strip()
        rpe_text = self.query_one("#rpe", Input).value.strip()
        is_hold = self.item.plan.seconds is not None
        reps = None if is_hold else v.parse_reps(amount)
        seconds = v.parse_seconds(amount) if is_hold else None
        load = v.parse_load(load_text, self.units) if load_text else None
        rpe = v.parse_rpe(rpe_text) if rpe_text else None
        note = v.parse_note(self.query_one("#note", Input).value)
        return SetValues(reps, seconds, load, rpe, self.query_one("#pain", Checkbox).value, note=note)

    def update_preview(self) -> None:
        error = self.query_one("#error", Static)
        try:
            values = self.values()
        except v.InputError as exc:
            error.update(Text(f"✗ {exc}"))
            self.warnings = []
        else:
            error.update("")
            record = self.workout.candidate(values.reps, values.seconds, values.load, values.rpe, values.pain)
            self.warnings = self.workout.preview(record)
        before = bool(getattr(self, "_could_ack", False))
        self.query_one("#preview", WarningsBox).show(self.warnings)
        self._could_ack = bool(self.silenceable)
        self.query_one("#ack", Button).display = self._could_ack
        if before != self._could_ack:
            self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.update_preview()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.update_preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"save": self.action_save, "ack": self.action_acknowledge, "cancel": self.action_cancel}[
            event.button.id or ""
        ]()

    def action_save(self) -> None:
        try:
            values = self.values()
        except v.InputError as exc:
            self.query_one("#error", Static).update(Text(f"✗ {exc}"))
            return
        values.seen = frozenset((w.code, w.exercise) for w in self.warnings)
        self.workout.remember(self.warnings)  # the notes as read when leaving (not every keystroke's)
        self.dismiss(values)

    def action_acknowledge(self) -> None:
        quiet = self.silenceable
        if not quiet:
            return
        from ...domain.guard import code_words

        words = ", ".join(dict.fromkeys(code_words(w.code) for w in quiet))
        self.workout.remember(self.warnings)
        for w in quiet:
            self.workout.acknowledge(w)
        self.update_preview()
        self.notify(f"Noted: no more “{words}” notes for this exercise for a week.", title="I know")

    def action_cancel(self) -> None:
        self.workout.remember(self.warnings)
        self.dismiss(None)


FormResult = TypeVar("FormResult")


class FormDialog(ModalScreen[FormResult | None], Generic[FormResult]):
    """A dialog of fields and two buttons: the first field has the focus; enter in a field
    or the primary button submits (``submit``), the other button or esc cancels (None)."""

    FIRST_FIELD: ClassVar[str] = "#amount"

    def on_mount(self) -> None:
        self.query_one(self.FIRST_FIELD, Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.submit() if event.button.variant == "primary" else self.action_cancel()

    def submit(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class FinishScreen(FormDialog[tuple[int | None]]):
    """Close the session: one question, the session RPE (Foster's session load)."""

    BINDINGS = [
        Binding("enter", "finish", "Finish", key_display="⏎", show=True),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Finish the session", id="dialog-title")
            yield Static(self.summary)
            yield Label("How hard was the whole session? RPE 1 (easy) to 10 (all-out), optional")
            yield FinishInput("", id="rpe", type="integer", placeholder="e.g. 6")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Finish (enter)", id="finish", variant="primary")
                yield Button("Back (esc)", id="back")
        yield KeysBar()

    FIRST_FIELD = "#rpe"

    def submit(self) -> None:
        self.action_finish()

    def action_finish(self) -> None:
        text = self.query_one("#rpe", Input).value.strip()
        try:
            rpe = v.parse_rpe(text) if text else None
        except v.InputError as exc:
            self.query_one("#error", Static).update(Text(f"✗ {exc}"))
            return
        self.dismiss((rpe,))


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y / n / enter / escape."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, body: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text, self.body, self.yes, self.no = title, body, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title")
            yield Static(self.body)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few named answers, each with its own key (shown on its button and
    in the footer); escape gives ``cancel``."""

    def __init__(self, title: str, body: str, choices: list[tuple[str, str, str]], cancel: str | None = None) -> None:
        super().__init__()
        self.title_text, self.body, self.choices, self.cancel = title, body, choices, cancel
        for value, label, key in choices:
            self._bindings.bind(key, f"choose('{value}')", label)
        # escape gives the safe answer (named on its button), so the footer lists only the choices
        self._bindings.bind("escape", "choose_cancel", "Back", show=False)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title")
            yield Static(self.body, id="choice-body")
            with Horizontal(classes="buttons"):
                for i, (value, label, key) in enumerate(self.choices):
                    yield Button(f"{label} ({key})", id=f"choice-{value}", variant="primary" if i == 0 else "default")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_choose(self, value: str) -> None:
        self.dismiss(value)

    def action_choose_cancel(self) -> None:
        self.dismiss(self.cancel)


class NotesScreen(ModalScreen[None]):
    """The guard's notes already shown since the app started (g on Today)."""

    BINDINGS = [Binding("escape,g,enter", "close", "Close", key_display="esc")]

    def __init__(self, notes: list[GuardWarning]) -> None:
        super().__init__()
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Notes from the guard, this session", id="dialog-title")
            with VerticalScroll(id="notes-body"):
                if self.notes:
                    yield Static(warning_text(self.notes))
                else:
                    yield Static("No notes so far: nothing looked like too much too soon.")
        yield KeysBar()

    def action_close(self) -> None:
        self.dismiss(None)


def confirm_clear_pain(
    screen: Screen[Any], name: str, clear: Callable[[], object], cleared: Callable[[], None]
) -> None:
    """Ask, naming the exercise, before a pain mark is cleared (Today and Settings alike):
    ``clear`` saves it; ``cleared`` shows it on the screen that asked."""

    def answer(choice: str | None) -> None:
        if choice != "clear":
            return
        try:
            clear()
        except (OSError, ValueError) as exc:
            screen.notify(f"The pain mark could not be cleared: {exc}", severity="error", timeout=10)
            return
        cleared()
        screen.notify(f"{name}: pain mark cleared; it is back in the plan, starting light.", title="Cleared")

    screen.app.push_screen(
        ChoiceScreen(
            f"Clear the pain mark on {name}?",
            service.clear_pain_question(name),
            [("keep", "Keep it out", "n"), ("clear", f"Clear {name}", "y")],
            cancel="keep",
        ),
        answer,
    )


class ExportScreen(FormDialog[Path]):
    """Where the export goes: a file outside the data folder (a .csv name writes CSV)."""

    FIRST_FIELD = "#export-path"
    BINDINGS = [Binding("enter", "save", "Export", key_display="⏎"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: Path, data_dir: Path) -> None:
        super().__init__()
        self.default, self.data_dir = default, data_dir

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Export the log", id="dialog-title")
            yield Static(
                "A file outside the data folder; a name ending in .csv writes CSV, any other JSON "
                "(`runstrength import` reads either).",
                classes="muted",
            )
            yield SaveInput(str(self.default), id="export-path")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Export (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")
        yield KeysBar()

    def submit(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        from ...service.data import export_target

        text = self.query_one("#export-path", Input).value.strip()
        try:
            if not text:
                raise v.InputError("Give a file name to write the export to, e.g. ~/runstrength-export.json.")
            target = export_target(text, self.data_dir)
        except v.InputError as exc:
            self.query_one("#error", Static).update(Text(f"✗ {exc}"))
            return
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
