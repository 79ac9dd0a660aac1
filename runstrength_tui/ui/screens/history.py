"""History: past sessions in a table; open one to see, edit or delete its sets."""

from __future__ import annotations

from datetime import timedelta

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, DataTable, Footer, Input, Label, Static

from ...domain import validate as v
from ...domain.catalog import load_catalog
from ...domain.plan import format_load
from ..widgets.steady_input import SteadyInput
from ..widgets.title_bar import TitleBar
from ..widgets.toggles import ClearCheckbox
from .dialogs import ConfirmScreen

HISTORY_WEEKS = 52


class HistoryScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("enter", "open", "Open session"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Loading…", id="history-note")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"History · last {HISTORY_WEEKS} weeks"
        table = self.query_one("#sessions", DataTable)
        table.add_columns("Date", "Kind", "Exercises", "Sets", "Min", "RPE", "Warnings")
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        from ... import service

        store = self.app.store
        since = self.app.today() - timedelta(weeks=HISTORY_WEEKS)
        sessions = [s for s in store.sessions() if s.date >= since]
        rows = service.history_rows(sessions, store.sets(since=since), load_catalog())
        self.app.call_from_thread(self.show_rows, rows)

    def show_rows(self, rows) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for r in reversed(rows):
            names = ", ".join(r["exercises"])
            table.add_row(
                r["date"], r["kind"] + (" (open)" if r["open"] else ""), names if len(names) < 48 else names[:47] + "…", str(r["sets"]),
                f"{r['minutes']:g}" if r["minutes"] else "—", str(r["rpe"] or "—"),
                ", ".join(r["warnings"]) or "—", key=r["id"],
            )
        self.query_one("#history-note", Static).update(
            f"{len(rows)} sessions · enter opens one to see, edit or delete its sets" if rows else "No sessions yet."
        )
        table.focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(SessionSetsScreen(event.row_key.value), lambda _: self.load())

    def action_open(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self.app.push_screen(SessionSetsScreen(key.value), lambda _: self.load())


class SessionSetsScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("e", "edit", "Edit set"),
        Binding("d", "delete", "Delete set"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.sets = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="session-title")
        yield DataTable(id="sets", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sets", DataTable).add_columns("#", "Exercise", "Reps/time", "Load", "RPE", "Pain", "Note")
        self.reload()

    def reload(self) -> None:
        store = self.app.store
        session = next((s for s in store.sessions() if s.id == self.session_id), None)
        if session is None:
            self.dismiss(None)
            return
        self.sets = [s for s in store.sets(since=session.date, until=session.date) if s.session == self.session_id]
        catalog = load_catalog()
        self.query_one("#session-title", Static).update(
            f"{session.date:%A %d %B %Y} · {session.kind} · {len(self.sets)} sets · e edits, d deletes (with confirmation)"
        )
        table = self.query_one("#sets", DataTable)
        table.clear()
        for i, s in enumerate(self.sets, 1):
            amount = f"{s.seconds} s" if s.seconds is not None else f"{s.reps} reps"
            table.add_row(
                str(i), catalog.get(s.exercise).name if s.exercise in catalog else s.exercise, amount,
                format_load(s.load_kg, s.unit) if s.load_kg else "—", str(s.rpe or "—"),
                "yes" if s.pain else "", s.note + (" (edited)" if s.edited_at else ""), key=s.id,
            )
        table.focus()

    def _selected(self):
        table = self.query_one("#sets", DataTable)
        if not table.row_count:
            return None
        return self.sets[table.cursor_row]

    def action_edit(self) -> None:
        record = self._selected()
        if record is not None:
            self.app.push_screen(EditSetScreen(record), self._edited)

    def _edited(self, changes) -> None:
        if changes:
            self.app.store.edit_set(self._selected().id, self.app.now(), **changes)
            self.notify("Set updated.")
            self.reload()

    def action_delete(self) -> None:
        record = self._selected()
        if record is None:
            return

        def answer(yes: bool) -> None:
            if yes:
                self.app.store.delete_set(record.id)
                self.notify("Set deleted.")
                self.reload()

        catalog = load_catalog()
        name = catalog.get(record.exercise).name if record.exercise in catalog else record.exercise
        amount = f"{record.seconds} s" if record.seconds is not None else f"{record.reps} reps"
        self.app.push_screen(
            ConfirmScreen("Delete this set?", f"{name}, {amount}, {record.date:%a %d %b}: this cannot be undone.", "Delete", "Keep"),
            answer,
        )

    def action_back(self) -> None:
        self.dismiss(None)


class EditSetScreen(ModalScreen[dict | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, record) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical(id="dialog"):
            yield Label(f"Edit set · {r.exercise} · {r.date}", id="dialog-title")
            with Horizontal(classes="fields"):
                with Vertical(classes="field"):
                    yield Label("Seconds" if r.seconds is not None else "Reps")
                    yield SteadyInput(str(r.seconds if r.seconds is not None else r.reps), id="amount", type="integer")
                with Vertical(classes="field"):
                    yield Label("Load")
                    yield SteadyInput(format_load(r.load_kg, r.unit) if r.load_kg else "", id="load")
                with Vertical(classes="field"):
                    yield Label("RPE")
                    yield SteadyInput(str(r.rpe or ""), id="rpe", type="integer")
            yield ClearCheckbox("Pain", value=r.pain, id="pain")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#amount", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        r = self.record
        try:
            amount = self.query_one("#amount", Input).value
            changes = {"seconds": v.parse_seconds(amount)} if r.seconds is not None else {"reps": v.parse_reps(amount)}
            load_text = self.query_one("#load", Input).value.strip()
            if load_text:
                kg, unit = v.parse_load(load_text, r.unit)
                changes.update(load_kg=kg, unit=unit)
            else:
                changes["load_kg"] = None
            rpe_text = self.query_one("#rpe", Input).value.strip()
            changes["rpe"] = v.parse_rpe(rpe_text) if rpe_text else None
            changes["pain"] = self.query_one("#pain", Checkbox).value
        except v.InputError as exc:
            self.query_one("#error", Static).update(f"✗ {exc}")
            return
        self.dismiss(changes)

    def action_cancel(self) -> None:
        self.dismiss(None)
