"""SIGKILL a restore and an import at random moments: the next start finds either the old
files or the new ones, whole, never a mix (the issue saw 2 mixed states in 41 kills).

The seed is printed on failure; RUNSTRENGTH_CRASH_SEED=<seed> replays the kill schedule.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from runstrength_tui.store.backups import current_files
from runstrength_tui.store.repo import Store

pytestmark = pytest.mark.slow  # dozens of real processes, killed

RESTORE_CHILD = Path(__file__).with_name("restore_child.py")
RESTORE_KILLS = 44
IMPORT_KILLS = 16


def _kill_after(proc, rng: random.Random, aim: bytes | None, lo: float, hi: float) -> None:
    """Kill ``proc`` lo..hi seconds after it printed ``aim`` (or after it started)."""
    if aim is not None:
        while True:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"child ended early: {proc.wait()} {proc.stderr.read().decode()}")
            if line.strip() == aim:
                break
    time.sleep(rng.uniform(lo, hi))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, f"child ended on its own ({proc.returncode}): {err}"


def _data(folder: Path) -> dict[str, bytes]:
    return current_files(folder)


def test_a_killed_restore_leaves_the_old_or_the_new_files(tmp_path, history, child_kw):
    seed = int(os.environ.get("RUNSTRENGTH_CRASH_SEED") or random.randrange(2**32))
    rng = random.Random(seed)
    data = tmp_path / "log"
    with history(data) as h:
        h.session(date(2025, 3, 3), ("glute-bridge", 2, 15, None, None))
        a = h.store.backup(label="a")
        h.session(date(2024, 12, 30), ("plank", 2, None, 30, None))  # a second year file
        h.session(date(2025, 3, 10), ("goblet-squat", 3, 12, None, 12.0))
        from datetime import datetime

        h.store.start_session(date(2025, 3, 12), datetime(2025, 3, 12, 7, 0))  # and an open journal
        b = h.store.backup(label="b")
    states = {}
    for backup in (a, b):
        import tarfile

        with tarfile.open(backup) as tar:
            states[backup.name] = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    assert set(states[a.name]) != set(states[b.name]), "the two states must differ in their files"

    seen = {a.name: 0, b.name: 0}
    marker_left = 0
    for kill in range(RESTORE_KILLS):
        proc = subprocess.Popen(
            [sys.executable, str(RESTORE_CHILD), str(data), a.name, b.name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            **child_kw,
        )
        if kill % 2:  # aimed at the swap itself
            _kill_after(proc, rng, b"confirm", 0, 0.012)
        else:  # anywhere, from start-up on
            _kill_after(proc, rng, None, 0.05, 0.4)
        marker_left += (data / "swap.pending").exists()
        with Store(data, write=False):  # the next start finishes (or forgets) the cut-short swap
            pass
        now = _data(data)
        match = [name for name, files in states.items() if files == now]
        assert match, f"kill {kill}: a mix of old and new files {sorted(now)} (seed {seed})"
        seen[match[0]] += 1
        assert not (data / "swap.pending").exists()  # (a staging folder without it is cleared by the next writer)
    assert all(seen.values()), f"both states should have been seen: {seen} (seed {seed})"
    with Store(data, write=True) as store:  # and the log opens for writing
        store.sets()
    assert not (data / ".staging").exists()
    print(f"restore kills: {RESTORE_KILLS}, states seen {seen}, marker left by {marker_left} kills")


def test_a_killed_import_adds_everything_or_nothing(tmp_path, history, cli, child_kw):
    seed = int(os.environ.get("RUNSTRENGTH_CRASH_SEED") or random.randrange(2**32))
    rng = random.Random(seed)
    source, base = tmp_path / "source", tmp_path / "base"
    with history(source) as h:
        h.profile(level="intermediate")
        for day in (date(2024, 11, 4), date(2024, 12, 2), date(2025, 2, 3), date(2025, 3, 3)):
            h.session(day, ("glute-bridge", 3, 15, None, None), ("plank", 2, None, 30, None))
    with history(base) as h:
        h.session(date(2025, 3, 10), ("bird-dog", 2, 10, None, None))
    bundle = tmp_path / "bundle.json"
    assert cli("export", "-o", bundle, "--data-dir", source).code == 0
    wanted = {s["id"] for s in json.loads(bundle.read_text())["sets"]}
    base_files = _data(base)

    outcomes = {"before": 0, "after": 0}
    data = tmp_path / "log"
    command = [sys.executable, "-m", "runstrength_tui", "import", str(bundle), "--data-dir", str(data)]
    shutil.copytree(base, data)
    started = time.monotonic()
    subprocess.run(command, capture_output=True, check=True, **child_kw)
    took = time.monotonic() - started  # kills land from a third of that to well after it
    for kill in range(IMPORT_KILLS):
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(base, data)
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **child_kw)
        # early kills, late kills, and (every fourth) one after it could have finished: a
        # loaded machine stretches a run, so the window is wide
        time.sleep(rng.uniform(took * 0.33, took * 1.05) if kill % 4 else rng.uniform(took, took * 2.5))
        proc.send_signal(signal.SIGKILL)  # (if it finished first, that is the "after" state)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode in (0, -signal.SIGKILL), err.decode()
        with Store(data, write=False) as store:
            ids = [s.id for s in store.sets()]
            sessions = {s.id for s in store.sessions()}
            orphans = [s for s in store.sets() if s.session not in sessions]
        assert len(ids) == len(set(ids)), f"duplicated sets (seed {seed})"
        assert not orphans, f"kill {kill}: sets without their session (seed {seed})"
        if _data(data) == base_files:
            outcomes["before"] += 1
        else:
            assert wanted <= set(ids) and len(ids) == len(wanted) + 2, f"kill {kill}: a partial import (seed {seed})"
            outcomes["after"] += 1
    assert all(outcomes.values()), f"both outcomes should have been seen: {outcomes} (seed {seed})"
