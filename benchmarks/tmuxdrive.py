"""Start a program in tmux, a real terminal emulator, and time exec → the first screen that
shows something: what tmux itself has drawn (``capture-pane``), not the bytes the program
wrote. One tmux server on its own socket for the whole benchmark, driven by one control-mode
client (``tmux -C``): each start is a new 100×30 window, and its screen is read again each
time tmux says the program wrote to it, so no process is spawned while a program starts
(polling ``tmux capture-pane`` from outside would load the machine it measures). Only the
standard library and the tmux binary."""

from __future__ import annotations

import os
import select
import shlex
import shutil
import subprocess
import time
from pathlib import Path


def available() -> bool:
    return shutil.which("tmux") is not None


class Tmux:
    """A private tmux server (its own socket under ``folder``) and a control client on it."""

    def __init__(self, folder: Path, cols: int = 100, rows: int = 30):
        self.socket = str(Path(folder) / "tmux.sock")
        self.count = 0
        size = ["-x", str(cols), "-y", str(rows)]
        # a session that waits, so the server lives between the starts
        subprocess.run(
            ["tmux", "-S", self.socket, "-f", "/dev/null", "new-session", "-d", "-s", "bench", *size, "sleep 86400"],
            check=True,
            timeout=30,
        )
        self.proc = subprocess.Popen(
            ["tmux", "-S", self.socket, "-C", "attach-session", "-t", "bench"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        self._pending = b""
        self._reply("attach-session")  # the attach itself is answered first
        self.command(f"refresh-client -C {cols}x{rows}")  # a control client's size is its windows' size
        self.command(f"set-option -g default-size {cols}x{rows}")
        self.command("set-option -g default-terminal tmux-256color")

    # --- the control-mode protocol: a command's reply is the lines between %begin and %end

    def _line(self, timeout: float) -> bytes | None:
        """The next line from tmux (without its newline); None if none came in ``timeout`` s."""
        end = time.perf_counter() + timeout
        while b"\n" not in self._pending:
            left = end - time.perf_counter()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise EOFError("the tmux control client ended")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line

    def command(self, text: str, timeout: float = 30.0) -> tuple[list[str], set[str]]:
        """Run a tmux command: its reply lines, and the panes that wrote output meanwhile."""
        self.proc.stdin.write(text.encode() + b"\n")
        return self._reply(text, timeout)

    def _reply(self, text: str, timeout: float = 30.0) -> tuple[list[str], set[str]]:
        reply: list[str] = []
        wrote: set[str] = set()
        inside = False
        end = time.perf_counter() + timeout
        while True:
            line = self._line(max(0.0, end - time.perf_counter()))
            if line is None:
                raise TimeoutError(f"tmux did not answer {text!r}")
            if inside:
                if line.startswith((b"%end", b"%error")):
                    if line.startswith(b"%error"):
                        raise RuntimeError(f"tmux {text}: {' '.join(reply)}")
                    return reply, wrote
                reply.append(line.decode("utf-8", "replace"))
            elif line.startswith(b"%begin"):
                inside = True
            elif line.startswith(b"%output "):
                wrote.add(line.split(b" ", 2)[1].decode())

    def _wait_output(self, pane: str, timeout: float) -> bool:
        """Wait until ``pane`` writes something (True), or ``timeout`` s (False)."""
        end = time.perf_counter() + timeout
        while (left := end - time.perf_counter()) > 0:
            line = self._line(left)
            if line is None:
                return False
            if line.startswith(b"%output ") and line.split(b" ", 2)[1].decode() == pane:
                return True
        return False

    # --- timing a start ---------------------------------------------------------------------

    def time_to_frame(self, argv: list[str], env: dict[str, str], needles: tuple[str, ...], quit_keys: str) -> float:
        """Seconds from the start of the program (the command that spawns it) to the first
        screen of its window that shows all ``needles``, read each time it writes; then quit
        it with ``quit_keys`` (tmux key names, e.g. ``q`` or ``C-q``)."""
        self.count += 1
        keep = ("PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
        variables = {k: v for k, v in env.items() if k in keep or k.startswith("RUNSTRENGTH_")}
        program = " ".join(["exec", "env", *(shlex.quote(f"{k}={v}") for k, v in variables.items())])
        program += " " + " ".join(shlex.quote(a) for a in argv)
        started = time.perf_counter()
        reply, _ = self.command(
            f"new-window -d -P -F '#{{pane_id}}' -t bench -n run{self.count} {shlex.quote(program)}"
        )
        pane = reply[0].strip()
        deadline = started + 30
        try:
            while True:
                screen, _ = self.command(f"capture-pane -p -t {pane}")
                if all(any(n in line for line in screen) for n in needles):
                    return time.perf_counter() - started
                if not self._wait_output(pane, deadline - time.perf_counter()):
                    raise TimeoutError(f"{needles!r} never appeared in tmux; last screen: {screen[-10:]!r}")
        finally:
            self._close(pane, quit_keys)

    def _close(self, pane: str, quit_keys: str) -> None:
        """Quit with the keys (the program cleans up), else kill its window."""
        try:
            self.command(f"send-keys -t {pane} {quit_keys}")
        except RuntimeError:  # already gone
            return
        end = time.perf_counter() + 5
        while time.perf_counter() < end:
            panes, _ = self.command("list-panes -s -t bench -F '#{pane_id}'")
            if pane not in [p.strip() for p in panes]:
                return
            time.sleep(0.05)
        try:
            self.command(f"kill-pane -t {pane}")
        except RuntimeError:
            pass

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, timeout=30)
