"""The keys screen (? or F1): every key, grouped by where it works."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..widgets.keys_bar import KeysBar

KEYS = (
    (
        "Today",
        (
            ("enter", "the next thing (the footer names it: Log set, Finish…)"),
            ("l", "log a set (also during a rest)"),
            ("↑ ↓  n p", "choose the exercise"),
            ("i", "how to do it: steps, mistakes, variations"),
            ("x", "skip this exercise today (in the warm-up: the warm-up)"),
            ("f", "finish the session"),
            ("g", "notes from the guard shown this session"),
            ("z", "focus mode: just the timer, big"),
            ("m", "the coach's notes in full (pain, a held-back week…)"),
            ("c", "clear a pain mark once a physio says so (asks first)"),
        ),
    ),
    (
        "While a timer runs",
        (
            ("space", "pause / resume"),
            ("+", "15 s more (on side 1 of an each-side hold: each side)"),
            ("k", "skip it (a skipped hold logs nothing)"),
        ),
    ),
    (
        "How to (instructions)",
        (
            ("↑ ↓ PgDn End", "scroll"),
            ("[  ]", "easier / harder variation"),
        ),
    ),
    (
        "History",
        (
            ("enter", "open a session"),
            ("e  d", "edit / delete a set (delete asks first)"),
        ),
    ),
    (
        "Everywhere",
        (
            ("w  h", "your week · history"),
            ("e  o", "exercise library · settings (signal, running week…)"),
            ("ctrl+p", "every command, searchable (Theme too)"),
            ("esc", "back"),
            ("?  F1", "this screen"),
            ("q", "quit (asks while a timer runs)"),
        ),
    ),
)


def keys_text() -> Text:
    text = Text()
    width = max(len(k) for _, rows in KEYS for k, _ in rows) + 2
    for i, (title, rows) in enumerate(KEYS):
        if i:
            text.append("\n")
        text.append(f"{title}\n", style="bold")
        for key, what in rows:
            text.append(f"  {key:<{width}}", style="bold")
            text.append(f"{what}\n")
    return text


class KeysScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1", "close", "Close", key_display="esc")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", can_focus=True):
            yield Label("Keys", id="dialog-title")
            yield Static(keys_text(), id="keys-list")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one("#dialog").focus()

    def action_close(self) -> None:
        self.dismiss(None)
