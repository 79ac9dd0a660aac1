"""Start a program in tmux, a real terminal emulator, and time exec → the first screen that
shows something: what tmux itself has drawn (``capture-pane``), not the bytes the program
wrote. One tmux server on its own socket for the whole benchmark; each start is a new
window of it, 100×30. Only the standard library and the tmux binary."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
from pathlib import Path

POLL = 0.005  # s between two looks at the screen


def available() -> bool:
    return shutil.which("tmux") is not None


class Tmux:
    """A private tmux server (its own socket under ``folder``), its windows 100×30."""

    def __init__(self, folder: Path, cols: int = 100, rows: int = 30):
        self.socket = str(Path(folder) / "tmux.sock")
        self.count = 0
        # a session that waits, so the server lives between the starts; windows keep their size
        self._tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(cols), "-y", str(rows), "sleep 86400"
        )
        self._tmux("set-option", "-g", "default-size", f"{cols}x{rows}")
        self._tmux("set-option", "-g", "remain-on-exit", "off")
        self._tmux("set-option", "-g", "default-terminal", "tmux-256color")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=30)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def time_to_frame(self, argv: list[str], env: dict[str, str], needles: tuple[str, ...], quit_keys: str) -> float:
        """Seconds from the start of the program (the tmux command that spawns it) to the
        first look at its window that shows all ``needles``; then quit it with ``quit_keys``
        (tmux key names, e.g. ``q`` or ``C-q``)."""
        self.count += 1
        name = f"run{self.count}"
        keep = ("PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
        variables = {k: v for k, v in env.items() if k in keep or k.startswith("RUNSTRENGTH_")}
        command = " ".join(["exec", "env", *(shlex.quote(f"{k}={v}") for k, v in variables.items())])
        command += " " + " ".join(shlex.quote(a) for a in argv)
        started = time.perf_counter()
        self._tmux("new-window", "-d", "-t", "bench", "-n", name, command)
        target = f"bench:{name}"
        deadline = started + 30
        try:
            while True:
                screen = self._tmux("capture-pane", "-p", "-t", target)
                if all(n in screen for n in needles):
                    return time.perf_counter() - started
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{needles!r} never appeared in tmux; last screen: {screen[-600:]!r}")
                time.sleep(POLL)
        finally:
            self._close(target, quit_keys)

    def _close(self, target: str, quit_keys: str) -> None:
        """Quit with the keys (the program cleans up), else kill the window."""
        try:
            self._tmux("send-keys", "-t", target, quit_keys)
        except RuntimeError:  # already gone
            return
        end = time.perf_counter() + 5
        while time.perf_counter() < end:
            if target.split(":", 1)[1] not in self._tmux("list-windows", "-t", "bench", "-F", "#{window_name}").split():
                return
            time.sleep(0.05)
        try:
            self._tmux("kill-window", "-t", target)
        except RuntimeError:
            pass

    def close(self) -> None:
        try:
            self._tmux("kill-server")
        except RuntimeError:
            pass
