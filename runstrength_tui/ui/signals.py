"""How the end of a timer reaches a runner on the mat: bell, chime, desktop note, title.

Everything here goes through one small object the app owns, so tests inject a recording
one (headless Textual has no bell, CI has no audio) and assert that it fired.

The chime is played by the platform's own player (``afplay`` on macOS, ``pw-play`` /
``paplay`` / ``aplay`` on Linux, ``winsound`` on Windows): no extra dependency and no
import cost at start. A desktop notification uses ``notify-send`` (Linux) or
``osascript`` (macOS) where they exist. When no player works, the bell stands in and the
app says so once.
"""

from __future__ import annotations

# Only what start-up needs: the player, wave writer and subprocess are imported when a
# timer first ends (measured: importing them up front costs the first paint ~6 ms).
import os
import sys
from pathlib import Path

SIGNALS = ("off", "bell", "sound")  # TuiSettings.signal
NOTIFY = ("off", "unfocused", "always")  # TuiSettings.notify: desktop notification when…

LINUX_PLAYERS = ("pw-play", "paplay", "aplay")
MAC_SOUND = "/System/Library/Sounds/Glass.aiff"


def chime_wav(folder: Path | None = None) -> Path:
    """A short two-note chime as a WAV file (made once, with the standard library)."""
    import math
    import struct
    import tempfile
    import wave

    folder = folder or Path(os.environ.get("RUNSTRENGTH_CACHE_DIR") or tempfile.gettempdir())
    path = folder / "runstrength-chime.wav"
    if path.exists():
        return path
    rate = 22050
    frames = bytearray()
    for freq, length in ((880.0, 0.18), (1318.5, 0.32)):
        n = int(rate * length)
        for i in range(n):
            fade = min(1.0, i / 200, (n - i) / (n * 0.6))
            frames += struct.pack("<h", int(12000 * fade * math.sin(2 * math.pi * freq * i / rate)))
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    os.replace(tmp, path)
    return path


def player_command(wav: Path) -> list[str] | None:
    """The platform's command that plays ``wav`` (None: nothing found; Windows uses winsound)."""
    import shutil

    if sys.platform == "darwin" and shutil.which("afplay"):
        return ["afplay", MAC_SOUND if Path(MAC_SOUND).exists() else str(wav)]
    for name in LINUX_PLAYERS:
        if shutil.which(name):
            return [name, str(wav)] if name != "aplay" else [name, "-q", str(wav)]
    return None


def play_chime() -> bool:
    """Play the chime and wait for it (call from a thread); False when no audio worked."""
    import subprocess

    try:
        wav = chime_wav()
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(wav), winsound.SND_FILENAME)
            return True
        command = player_command(wav)
        if command is None:
            return False
        done = subprocess.run(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=5
        )
        return done.returncode == 0
    except (OSError, subprocess.SubprocessError, RuntimeError):
        return False


def desktop_notify(title: str, body: str) -> bool:
    """A desktop notification where the platform has one; False when it has none."""
    import shutil
    import subprocess

    try:
        if sys.platform == "darwin" and shutil.which("osascript"):
            script = f"display notification {_applescript(body)} with title {_applescript(title)}"
            command = ["osascript", "-e", script]
        elif shutil.which("notify-send"):
            command = ["notify-send", "--app-name=runstrength", title, body]
        else:
            return False
        return (
            subprocess.run(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=5
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Signals:
    """The real outputs. The app calls these; tests pass a subclass that records calls.

    ``chime`` and ``notify`` block (a player runs to its end): the app calls them from a
    thread worker and falls back to the bell when they return False."""

    def __init__(self, app=None) -> None:
        self.app = app

    def bell(self) -> None:
        if self.app is not None:
            self.app.bell()

    def chime(self) -> bool:
        return play_chime()

    def notify(self, title: str, body: str) -> bool:
        return desktop_notify(title, body)

    def set_title(self, text: str) -> None:
        """The terminal's window (or tmux tab) title, through the standard OSC 2 sequence."""
        app = self.app
        if app is not None and not app.is_headless and app._driver is not None:
            clean = "".join(ch for ch in text if ch.isprintable())
            app._driver.write(f"\x1b]2;{clean}\x07")
