"""Notes are text, never markup or terminal codes (issue 25, part 2): History shows a note
holding "[/bold]" or "[@click=app.quit]" as it is written, without crashing or quitting, and
a legacy note's escape sequences are shown escaped, so none reaches the terminal."""

from __future__ import annotations

import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from helpers import NOW, make_app, make_young_log
from rich.text import Text

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.store.repo import Store, new_id
from runstrength_tui.ui.screens.history import HistoryScreen, SessionSetsScreen

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NOTES = [
    "[/bold]",
    "[@click=app.quit]tap me[/]",
    "[bold red]loud[/bold red] [link=https://example.com]x[/link]",
    "\x1b]0;pwned title\x07",
    "\x1b[2J\x1b[H",
    "\x1b]52;c;c2VjcmV0\x07",
    "\x9b31mC1",
    "two\nlines\tand a tab",
]


def _hostile_log(folder):
    make_young_log(folder)
    day = NOW.date() - timedelta(days=1)
    with Store(folder) as store:  # written before notes were checked: the store takes them as they are
        at = datetime.combine(day, NOW.time())
        session = store.start_session(day, at)
        for i, note in enumerate(NOTES):
            store.log_set(
                SetRecord(
                    id=new_id(),
                    session=session.id,
                    exercise="plank",
                    date=day,
                    logged_at=at + timedelta(minutes=i + 1),
                    seconds=20,
                    note=note,
                )
            )
        store.finish_session(at + timedelta(minutes=20), rpe=6, minutes=16)
    return folder


async def test_history_shows_markup_and_escapes_in_notes_as_plain_text(tmp_path, close_stores):
    app = make_app(_hostile_log(tmp_path / "data"))
    close_stores(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")  # the newest session: the hostile one
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, SessionSetsScreen)
        table = screen.query_one("#sets")
        shown = []
        for row in range(table.row_count):
            cell = table.get_row_at(row)[-1]
            assert isinstance(cell, Text)  # a Text is never parsed as markup
            assert RAW_CONTROL.search(cell.plain) is None and "\n" not in cell.plain
            shown.append(cell.plain)
        assert shown[:3] == NOTES[:3]  # as written, brackets and all
        assert shown[3] == "\\x1b]0;pwned title\\x07"
        assert shown[-1] == "two\\nlines\\tand a tab"
        for _row in range(table.row_count):  # walk every row: each is drawn, none crashes the app
            await pilot.press("down")
        await pilot.pause()
        await pilot.click("#sets", offset=(100, 2))  # on the "[@click=app.quit]" note: no action link
        await pilot.pause()
        assert app.is_running and app.return_code is None
        svg = app.export_screenshot()
        assert RAW_CONTROL.search(svg.replace("\n", "")) is None
        assert "[@click=app.quit]tap" in svg  # drawn as the runner wrote it


CRASHING_APP = """
import sys
from pathlib import Path
from runstrength_tui.ui import app as appmod

def crash(self):
    raise RuntimeError("a bug in a screen")

appmod.RunStrengthApp.on_mount = crash
sys.exit(appmod.run_tui(Path(sys.argv[1])))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_an_app_that_crashes_does_not_exit_0(tmp_path):
    """Textual reports the crash; the process must say it failed too (issue 25: exit 0)."""
    import os
    import pty

    folder = make_young_log(tmp_path / "data")
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING_APP)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]), TERM="xterm-256color")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real app in a real (pseudo) terminal
        os.execve(sys.executable, [sys.executable, str(script), str(folder)], env)
    while True:  # drain what it draws until it ends
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1


async def test_the_app_works_with_sets_dated_after_today(tmp_path, close_stores):
    """A clock set back (issue 25, part 3): sets a week ahead are not damage; Today, Week and
    History open, and the runner is told once."""
    folder = make_young_log(tmp_path / "data")
    day = NOW.date() + timedelta(days=6)
    with Store(folder) as store:
        at = datetime.combine(day, NOW.time())
        session = store.start_session(day, at)
        for i in range(2):
            store.log_set(
                SetRecord(
                    id=new_id(),
                    session=session.id,
                    exercise="plank",
                    date=day,
                    logged_at=at + timedelta(minutes=i + 1),
                    seconds=20,
                )
            )
        store.finish_session(at + timedelta(minutes=10), rpe=6, minutes=10)
    app = make_app(folder)
    close_stores(app)
    told = []
    app.notify = lambda message, **kw: told.append(message)  # the toast's words (toasts are hidden in tests)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause(0.1)
        await pilot.press("escape", "h")
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        assert isinstance(app.screen, HistoryScreen)
        assert app.is_running and app.return_code is None
    assert [m for m in told if "dated after today" in m] == [
        f"2 sets are dated after today ({NOW.date().isoformat()}): is the computer's clock (or RUNSTRENGTH_TODAY) "
        "right? Nothing is damaged; they count from their own date."
    ]


async def test_markup_typed_into_the_log_dialog_is_an_error_line_not_a_crash(tmp_path, close_stores):
    from runstrength_tui.ui.screens.dialogs import LogSetScreen

    app = make_app(make_young_log(tmp_path / "data"))
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogSetScreen)
        app.screen.query_one("#load").value = "[/bold][@click=app.quit]"  # the error line quotes it
        await pilot.pause(0.1)
        error = app.screen.query_one("#error")
        assert "[/bold][@click=app.quit]" in str(error.render())
        assert app.is_running and app.return_code is None
