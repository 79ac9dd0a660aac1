"""Drive a program in a pseudo-terminal as a person's terminal would show it: start it at a
given size, read what it draws, send keys, and time from exec (or a key) to the frame that
shows something. Only the standard library (pty, termios, select)."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time

# CSI, OSC (to BEL or ST), DCS/APC/PM (to ST), two-byte escapes: what a terminal would not print.
ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[P_^][^\x1b]*\x1b\\|\x1b[@-Z\\-_]"
)


def visible(data: bytes) -> str:
    """The printed text in ``data`` (escape sequences removed)."""
    return ESCAPES.sub(b"", data).decode("utf-8", "replace")


class Pty:
    """One program running in its own pseudo-terminal (cols × rows)."""

    def __init__(self, argv: list[str], env: dict, cols: int = 100, rows: int = 30):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {**env, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.buffer = bytearray()  # everything read so far
        self.mark = 0  # where the text searched by wait_for starts

    def read(self, timeout: float) -> bool:
        """Read what is available within ``timeout`` s; False if nothing came."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program has ended (EIO)
            raise EOFError("the program ended") from None
        if not chunk:
            raise EOFError("the program ended")
        self.buffer += chunk
        return True

    def wait_for(self, *needles: str, timeout: float = 30.0) -> float:
        """Seconds (perf_counter) at which all ``needles`` have been drawn since the mark."""
        deadline = time.perf_counter() + timeout
        while True:
            text = visible(bytes(self.buffer[self.mark :]))
            if all(n in text for n in needles):
                return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{needles!r} never appeared; last screen text: {text[-600:]!r}")
            self.read(min(left, 0.5))

    def drain(self, quiet: float = 0.15, limit: float = 5.0) -> None:
        """Read until the program has drawn nothing for ``quiet`` s."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end and self.read(quiet):
            pass

    def settle(self, seconds: float) -> None:
        """Read (and keep) whatever is drawn during the next ``seconds``."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self.read(left)

    def send(self, keys: str | bytes) -> float:
        """Send keys in one write; the mark moves to here. Returns the time of the write."""
        self.mark = len(self.buffer)
        data = keys.encode() if isinstance(keys, str) else keys
        t = time.perf_counter()
        os.write(self.master, data)
        return t

    def close(self, quit_keys: bytes | list[bytes] | None = b"q", timeout: float = 5.0) -> None:
        """Quit with ``quit_keys`` (so the program cleans up: a list is sent one write at a
        time, 0.3 s apart), killing it if it does not end."""
        try:
            for keys in [quit_keys] if isinstance(quit_keys, bytes) else quit_keys or []:
                if self.proc.poll() is not None:
                    break
                os.write(self.master, keys)
                try:
                    self.settle(0.3)
                except EOFError:  # ended: let it finish cleaning up
                    try:
                        self.proc.wait(timeout)
                    except subprocess.TimeoutExpired:
                        pass
                    break
            if quit_keys and self.proc.poll() is None:
                end = time.perf_counter() + timeout
                while self.proc.poll() is None and time.perf_counter() < end:
                    try:
                        self.read(0.05)
                    except EOFError:  # the terminal is given back; the program may still be cleaning up
                        try:
                            self.proc.wait(max(0.0, end - time.perf_counter()))
                        except subprocess.TimeoutExpired:
                            pass
                        break
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout)
        finally:
            os.close(self.master)


def time_to_frame(argv: list[str], env: dict, needles: tuple[str, ...], quit_keys: bytes | list[bytes] = b"q") -> float:
    """Seconds from exec to the first frame that shows all ``needles``."""
    term = Pty(argv, env)
    try:
        return term.wait_for(*needles) - term.started
    finally:
        term.close(quit_keys)
