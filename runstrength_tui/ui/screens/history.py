"""History: past sessions in a table; open one to see, edit or delete its sets."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Static

from ... import service
from ...domain import validate as v
from ...domain.guard import code_words
from ...domain.words import format_load, plural, printable
from ..widgets.keys_bar import KeysBar
from ..widgets.steady_input import SaveInput
from ..widgets.toggles import ClearCheckbox
from .base import RunStrengthScreen
from .dialogs import ConfirmScreen, FormDialog

if TYPE_CHECKING:
    from ...domain.model import SetRecord

HISTORY_WEEKS = 52


class SessionsTable(DataTable[object]):
    """The sessions; enter opens one (shown in the footer, which the table's own hidden
    enter binding would otherwise keep out)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open session", key_display="⏎", id="history.open")]


class HistoryScreen(RunStrengthScreen[None]):
    PLACE_ACTION = "show_history"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("enter", "open", "Open session", id="history.open"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("Loading…", id="history-note")
        yield SessionsTable(id="sessions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.sub_title = f"History · last {HISTORY_WEEKS} weeks"
        self.rows: list[dict[str, Any]] = []
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        since = self.app.today() - timedelta(weeks=HISTORY_WEEKS)
        rows = self.app.logbook.history_rows(since)  # read again only once the log changed
        self.app.call_from_thread(self.show_rows, rows)

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        """One row a session; the columns fit the width: short ones first, the notes (in
        words) and the exercises last, cut with "…" where they do not fit."""
        self.rows = rows
        table = self.query_one("#sessions", DataTable)
        keep = None
        if table.row_count:
            keep = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear(columns=True)
        room = max(40, self.size.width or 100)
        fixed = 10 + 8 + 4 + 3 + 3 + 6 * 2 + 2  # date, kind, sets, min, RPE, cell padding, scrollbar
        notes_width = max(8, min(24, (room - fixed) // 2))
        names_width = max(10, room - fixed - notes_width - 2)
        table.add_column("Date", width=10)
        table.add_column("Kind", width=8)
        table.add_column("Sets", width=4)
        table.add_column("Min", width=3)
        table.add_column("RPE", width=3)
        table.add_column("Notes", width=notes_width)
        table.add_column("Exercises", width=names_width)
        for r in reversed(rows):
            day = date_text(r["date"])
            kind = r["kind"] + (" (open)" if r["open"] else "")
            table.add_row(
                day,
                clip(kind, 8),
                str(r["sets"]),
                f"{round(r['minutes'])}" if r["minutes"] else "—",
                str(r["rpe"] or "—"),
                clip(", ".join(code_words(c) for c in r["warnings"]) or "—", notes_width),
                plain(clip(", ".join(r["exercises"]), names_width)),
                key=r["id"],
            )
        self.query_one("#history-note", Static).update(
            f"{plural(len(rows), 'session')} · enter opens one to see, edit or delete its sets"
            if rows
            else "No sessions yet."
        )
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep), animate=False)
            except Exception:  # the session is gone (its last set deleted)
                pass
        table.focus()

    def on_resize(self) -> None:
        if getattr(self, "rows", None):
            self.show_rows(self.rows)

    def action_back(self) -> None:
        self.dismiss(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.push_screen(SessionSetsScreen(event.row_key.value), self._reload)

    def action_open(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            if key.value:
                self.app.push_screen(SessionSetsScreen(key.value), self._reload)

    def _reload(self, _: object = None) -> None:
        self.load()


def clip(text: str, width: int) -> str:
    """Cut to ``width`` with a visible "…" (never silently)."""
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def plain(text: str) -> Text:
    """Text from the log shown as it is: never parsed as markup (a note's "[/bold]" or
    "[@click=app.quit]" is just text), its control characters shown escaped on one line."""
    return Text(printable(text, one_line=True), no_wrap=True, overflow="ellipsis")


def date_text(iso: str) -> str:
    from datetime import date

    return f"{date.fromisoformat(iso):%a %d %b}"


class SessionSetsScreen(RunStrengthScreen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("e", "edit", "Edit set", id="history.edit"),
        Binding("d", "delete", "Delete set", id="history.delete"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.sets: list[SetRecord] = []

    def compose_body(self) -> ComposeResult:
        yield Static("", id="session-title")
        yield DataTable(id="sets", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#sets", DataTable).add_columns("#", "Exercise", "Reps/time", "Load", "RPE", "Pain", "Note")
        self.reload()

    def reload(self, cursor: int | None = None) -> None:
        """Show the session's sets; the cursor stays on the row it was on (or the one that
        took its place after a delete)."""
        logbook = self.app.logbook
        session = next((s for s in logbook.sessions() if s.id == self.session_id), None)
        if session is None:
            self.dismiss(None)
            return
        mine = sorted(
            (s for s in logbook.sets(since=session.date, until=session.date) if s.session == self.session_id),
            key=lambda s: s.logged_at,
        )
        # a superset's sets were logged A1, A2, A1, A2: listed per exercise, in the order begun
        first = {ex: i for i, ex in reversed(list(enumerate(s.exercise for s in mine)))}
        self.sets = sorted(mine, key=lambda s: first[s.exercise])  # stable: each exercise's sets in order
        catalog = service.catalog()
        self.query_one("#session-title", Static).update(
            f"{session.date:%a %d %b %Y} · {session.kind} · {plural(len(self.sets), 'set')} · e edits, d deletes (asks first)"
        )
        table = self.query_one("#sets", DataTable)
        if cursor is None and table.row_count:
            cursor = table.cursor_row
        table.clear()
        units = self.app.profile.units
        for i, s in enumerate(self.sets, 1):
            table.add_row(
                str(i),
                plain(catalog.get(s.exercise).name if s.exercise in catalog else s.exercise),
                amount_text(s),
                format_load(s.load_kg, units) if s.load_kg else "—",
                str(s.rpe or "—"),
                "yes" if s.pain else "",
                plain(s.note + (" (edited)" if s.edited_at else "")),
                key=s.id,
            )
        if cursor is not None and table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), animate=False)
        table.focus()

    def describe(self, record: SetRecord) -> str:
        """'set 3 of 4 · Goblet squat, 12 reps @ 8 kg, RPE 7' (tells identical sets apart)."""
        catalog = service.catalog()
        name = catalog.get(record.exercise).name if record.exercise in catalog else record.exercise
        same = [s for s in self.sets if s.exercise == record.exercise]
        amount = amount_text(record)
        load = f" @ {format_load(record.load_kg, self.app.profile.units)}" if record.load_kg else ""
        rpe = f", RPE {record.rpe}" if record.rpe else ""
        return f"set {same.index(record) + 1} of {len(same)} · {name}, {amount}{load}{rpe}"

    def _selected(self) -> SetRecord | None:
        table = self.query_one("#sets", DataTable)
        if not table.row_count:
            return None
        return self.sets[table.cursor_row]

    def action_edit(self) -> None:
        record = self._selected()
        if record is not None:
            self.app.push_screen(
                EditSetScreen(record, self.describe(record), self.app.profile.units),
                lambda changes: self._edited(record, changes),
            )

    def _edited(self, record: SetRecord, changes: dict[str, Any] | None) -> None:
        if changes:
            self.app.logbook.edit_set(record.id, self.app.now(), **changes)
            self.notify("Set updated.")
            self.reload()

    def action_delete(self) -> None:
        record = self._selected()
        if record is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.logbook.delete_set(record.id)
                self.notify("Set deleted.")
                self.reload()

        what = self.describe(record)
        self.app.push_screen(
            ConfirmScreen(
                "Delete this set?", f"Delete {what} ({record.date:%a %d %b})? This cannot be undone.", "Delete", "Keep"
            ),
            answer,
        )

    def action_back(self) -> None:
        self.dismiss(None)


def amount_text(record: SetRecord) -> str:
    """'12 reps', '12 reps each side', '30 s each side' (as the plan said it); an each-side
    hold stopped before side 2 (the app notes it so) says '12 s on side 1 only'."""
    catalog = service.catalog()
    side = " each side" if record.exercise in catalog and catalog.get(record.exercise).per_side else ""
    if side and record.seconds is not None and (record.note or "").startswith("side 1 only"):
        side = " on side 1 only"
    amount = f"{record.seconds} s" if record.seconds is not None else f"{record.reps} reps"
    return amount + side


class EditSetScreen(FormDialog[dict[str, Any]]):
    BINDINGS = [
        Binding("enter", "save", "Save", key_display="⏎", id="dialog.save"),
        Binding("escape", "cancel", "Cancel", id="back"),
    ]

    def __init__(self, record: SetRecord, what: str = "", units: str = "kg") -> None:
        super().__init__()
        self.record = record
        self.what = what
        self.units = units  # the runner's: the load is shown, and read, in it
        self.load_shown = format_load(record.load_kg, units) if record.load_kg else ""

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical(id="dialog"):
            yield Label(f"Edit {self.what or 'set'} · {r.date:%a %d %b}", id="dialog-title")
            with Horizontal(classes="fields"):
                with Vertical(classes="field"):
                    yield Label("Seconds" if r.seconds is not None else "Reps")
                    yield SaveInput(str(r.seconds if r.seconds is not None else r.reps), id="amount", type="integer")
                with Vertical(classes="field"):
                    yield Label(f"Load ({self.units})")
                    yield SaveInput(self.load_shown, id="load")
                with Vertical(classes="field"):
                    yield Label("RPE")
                    yield SaveInput(str(r.rpe or ""), id="rpe", type="integer")
            yield ClearCheckbox("Pain", value=r.pain, id="pain")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")
        yield KeysBar()

    def submit(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        r = self.record
        try:
            amount = self.query_one("#amount", Input).value
            changes: dict[str, Any] = (
                {"seconds": v.parse_seconds(amount)} if r.seconds is not None else {"reps": v.parse_reps(amount)}
            )
            load_text = self.query_one("#load", Input).value.strip()
            if load_text and load_text == self.load_shown:
                pass  # unchanged: the load keeps the unit it was entered in
            elif load_text:
                kg, unit = v.parse_load(load_text, self.units)
                changes.update(load_kg=kg, unit=unit)
            else:
                changes["load_kg"] = None
            rpe_text = self.query_one("#rpe", Input).value.strip()
            changes["rpe"] = v.parse_rpe(rpe_text) if rpe_text else None
            changes["pain"] = self.query_one("#pain", Checkbox).value
        except v.InputError as exc:
            self.query_one("#error", Static).update(Text(f"✗ {exc}"))
            return
        self.dismiss(changes)
