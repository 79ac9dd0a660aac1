"""Kill the app mid-session (SIGKILL): the next start offers to resume with every saved set."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_app
from textual.widgets import Button

from runstrength_tui.ui.screens.dialogs import ChoiceScreen

HERE = Path(__file__).parent


@pytest.mark.slow
async def test_sigkill_mid_session_then_resume(beginner_dir, close_stores):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parents[1]), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, str(HERE / "crash_child.py"), str(beginner_dir), "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = child.stdout.readline()
        assert line.startswith("LOGGED"), child.stderr.read()
        _, session_id, count = line.split()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    app = make_app(beginner_dir)
    close_stores(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "saved 3 sets" in app.screen.body
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Resume (r)", "Save what I did (s)", "Decide later (l)"]
        await pilot.press("r")  # Resume
        await pilot.pause()
        assert app.workout.session.id == session_id
        assert app.workout.sets_done == int(count) == 3
        assert sum(len(it.done) for it in app.workout.items) == 3
