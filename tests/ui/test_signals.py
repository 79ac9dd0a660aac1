"""The real signal paths, with real processes standing in for the platform's player and
notifier (small scripts on PATH): no audio device or desktop is needed."""

import stat
import sys
import wave

import pytest

from runstrength_tui.ui import signals

pytestmark = pytest.mark.skipif(sys.platform not in ("linux",), reason="the Linux players and notify-send")


def _tool(folder, name, code=0):
    """An executable that records its arguments and exits with ``code``."""
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "$@" >> "{folder}/{name}.calls"\nexit {code}\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return folder / f"{name}.calls"


def test_chime_is_a_short_wav(tmp_path):
    path = signals.chime_wav(tmp_path)
    with wave.open(str(path)) as chime:
        seconds = chime.getnframes() / chime.getframerate()
    assert 0.3 <= seconds <= 1.0 and chime.getnchannels() == 1
    assert signals.chime_wav(tmp_path) == path  # made once


@pytest.mark.parametrize("player", ["pw-play", "paplay", "aplay"])
def test_chime_plays_through_the_first_player_found(tmp_path, monkeypatch, player):
    calls = _tool(tmp_path, player)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(tmp_path))
    assert signals.play_chime() is True
    assert calls.read_text().strip().endswith("runstrength-chime.wav")


def test_no_player_or_a_failing_one_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert signals.play_chime() is False
    _tool(tmp_path, "aplay", code=1)  # aplay without a sound card
    monkeypatch.setenv("PATH", str(tmp_path))
    assert signals.play_chime() is False


def test_desktop_notification_through_notify_send(tmp_path, monkeypatch):
    calls = _tool(tmp_path, "notify-send")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert signals.desktop_notify("runstrength · Rest over", "Set 2 of 3") is True
    assert "Rest over" in calls.read_text() and "Set 2 of 3" in calls.read_text()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert signals.desktop_notify("t", "b") is False
