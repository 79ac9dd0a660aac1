"""Keys that arrive in one burst (one terminal read, a macro, a busy machine) are applied in
order in the app's text fields: editing keys (backspace, ctrl+a, ctrl+k, arrows) never jump
ahead of or behind typed text (upstream Textualize/textual#6605; fixed in SteadyInput)."""

from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

from helpers import PINNED, make_app
from textual import events
from textual.widgets import Input

ROOT = Path(__file__).resolve().parents[2]

# key name → (bytes a terminal sends, what it does to (value, cursor))
EDITS = {
    "backspace": (b"\x7f", lambda v, c: (v[: c - 1] + v[c:], c - 1) if c else (v, c)),
    "delete": (b"\x1b[3~", lambda v, c: (v[:c] + v[c + 1 :], c)),
    "left": (b"\x1b[D", lambda v, c: (v, max(0, c - 1))),
    "right": (b"\x1b[C", lambda v, c: (v, min(len(v), c + 1))),
    "ctrl+a": (b"\x01", lambda v, c: (v, 0)),
    "home": (b"\x1b[H", lambda v, c: (v, 0)),
    "ctrl+e": (b"\x05", lambda v, c: (v, len(v))),
    "ctrl+k": (b"\x0b", lambda v, c: (v[:c], c)),
}


def burst(n: int, alphabet: str, start: str, seed: int, longest: int = 12) -> tuple[list[str], str]:
    """``n`` keys (typed characters and editing keys, mixed) and the field's value after them."""
    rng = random.Random(seed)
    value, cursor = start, len(start)
    keys = []
    for _ in range(n):
        if rng.random() < 0.5 and len(value) < longest:
            ch = rng.choice(alphabet)
            keys.append(ch)
            value, cursor = value[:cursor] + ch + value[cursor:], cursor + 1
        else:
            key = rng.choice(sorted(EDITS))
            keys.append(key)
            value, cursor = EDITS[key][1](value, cursor)
    return keys, value


def post_all(app, keys: list[str]) -> None:
    """Every key posted before any is handled: as the driver does with one read of a burst."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_a_burst_in_the_log_dialog_and_the_library_search_keeps_its_order(demo_dir, close_stores):
    app = make_app(demo_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        field = app.screen.query_one("#amount", Input)
        assert app.screen.focused is field
        await pilot.press("end")  # the prefilled value is selected on focus
        start = field.value
        keys, expected = burst(200, "0123456789", start, seed=1)
        assert {"backspace", "ctrl+a", "ctrl+k"} <= set(keys)
        post_all(app, keys)
        await pilot.pause()
        await pilot.pause()
        assert field.value == expected
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        search = app.screen.query_one("#search", Input)
        keys, expected = burst(100, "calfbeo", "", seed=2)
        post_all(app, keys)
        await pilot.pause()
        await pilot.pause()
        assert search.value == expected


def test_a_200_key_burst_in_one_write_to_a_real_terminal(demo_dir):
    """The whole path a person's keys take: one write to a pseudo-terminal, Textual's parser,
    the log dialog's field (with the guard re-run on each change)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from ptydrive import Pty, visible

    env = {**os.environ, "RUNSTRENGTH_TODAY": PINNED.isoformat(), "PYTHONPATH": str(ROOT)}
    env.pop("RUNSTRENGTH_DATA_DIR", None)
    term = Pty([sys.executable, "-m", "runstrength_tui", "--data-dir", str(demo_dir)], env)
    try:
        term.wait_for("STRENGTH DAY", "Quit")
        term.send("l")
        term.wait_for("Log set 1 of", "Save")
        term.settle(0.2)
        term.send(EDITS["ctrl+e"][0])  # the prefilled value is selected on focus
        term.settle(0.2)
        start = "12"
        term.send(EDITS["ctrl+a"][0] + EDITS["ctrl+k"][0] + start.encode())
        term.wait_for(f"▊  {start} ")
        keys, expected = burst(200, "0123456789", start, seed=3)
        data = b"".join(EDITS[k][0] if k in EDITS else k.encode() for k in keys)
        term.send(data)
        term.wait_for(f"▊  {expected} ", timeout=10)
        term.settle(0.3)  # and the last frame of the field still shows it
        shown = re.findall(r"▊  (\d*) +▎", visible(bytes(term.buffer[term.mark :])))
        assert shown[-1] == expected
    finally:
        term.close([b"\x1b", b"q"])
