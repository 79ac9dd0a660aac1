"""SIGKILL an `import` that carries runs, and a `runs import` spanning several years, at
random moments (issue 25, part 4: 7 of 209 kills left runs half there). The next start finds
the log exactly as before or exactly as after, byte for byte, never a mix.

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
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from run_files_maker import gpx_text, write

from runstrength_tui.store.backups import current_files
from runstrength_tui.store.repo import Store
from runstrength_tui.store.run_log import RunLog

KILLS = 50
CET = timezone(timedelta(hours=1))

pytestmark = pytest.mark.slow


def _run_doc(i: int, day: date, km: float = 8.0) -> dict:
    start = datetime(day.year, day.month, day.day, 7, 0, tzinfo=CET)
    return {
        "id": f"{i:016x}",
        "date": day.isoformat(),
        "start": start.isoformat(),
        "distance_km": km,
        "duration_s": int(km * 330),
        "kind": "easy",
        "source": "gpx",
    }


def _kills(command: list[str], base: Path, data: Path, child_kw, seed: int) -> dict[str, int]:
    """Kill ``command`` KILLS times on a fresh copy of ``base``; count the states left."""
    rng = random.Random(seed)
    before = current_files(base)
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(base, data)
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, **child_kw)
    assert done.returncode == 0, done.stderr.decode()
    took = time.monotonic() - started
    after = current_files(data)
    assert after != before
    seen = {"before": 0, "after": 0}
    for kill in range(KILLS):
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(base, data)
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **child_kw)
        # most kills inside the run (start-up excluded), every fourth one around its end
        time.sleep(rng.uniform(took * 0.3, took * 1.05) if kill % 4 else rng.uniform(took * 0.8, took * 2))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, -signal.SIGKILL), err.decode()
        with Store(data, write=False):  # the next start finishes (or forgets) a cut-short swap
            pass
        now = current_files(data)
        if now == before:
            seen["before"] += 1
        elif now == after:
            seen["after"] += 1
        else:
            raise AssertionError(f"kill {kill}: a mix of old and new files {sorted(now)} (seed {seed})")
        assert not (data / "swap.pending").exists()
    return seen


def test_a_killed_import_with_runs_leaves_all_old_or_all_new(tmp_path, history, cli, child_kw):
    seed = int(os.environ.get("RUNSTRENGTH_CRASH_SEED") or random.randrange(2**32))
    source, base = tmp_path / "source", tmp_path / "base"
    with history(source) as h:
        h.profile(level="intermediate")
        for day in (date(2023, 11, 6), date(2024, 11, 4), date(2024, 12, 2), date(2025, 2, 3), date(2025, 3, 3)):
            h.session(day, ("glute-bridge", 3, 15, None, None), ("plank", 2, None, 30, None))
    with history(base) as h:
        h.session(date(2025, 3, 10), ("bird-dog", 2, 10, None, None))
        RunLog(h.store).add([])  # no runs yet in the base log
    bundle = tmp_path / "bundle.json"
    assert cli("export", "-o", bundle, "--data-dir", source).code == 0
    doc = json.loads(bundle.read_text())
    days = [date(2023, 10, 3) + timedelta(days=9 * i) for i in range(60)]  # runs over three years
    doc["runs"] = [_run_doc(i + 1, d) for i, d in enumerate(days)]
    bundle.write_text(json.dumps(doc))
    data = tmp_path / "log"
    command = [sys.executable, "-m", "runstrength_tui", "import", str(bundle), "--data-dir", str(data)]
    seen = _kills(command, base, data, child_kw, seed)
    with Store(data, write=False) as store:  # the last state opens and reads
        store.sets()
    print(f"import kills: {KILLS}, states {seen} (seed {seed})")


def test_a_killed_multi_year_runs_import_leaves_all_old_or_all_new(tmp_path, history, child_kw):
    seed = int(os.environ.get("RUNSTRENGTH_CRASH_SEED") or random.randrange(2**32))
    folder, base = tmp_path / "watch", tmp_path / "base"
    for i in range(12):  # runs in twelve years: twelve year files to write
        day = date(2013, 6, 1) + timedelta(days=365 * i)
        write(folder / f"{day}.gpx", gpx_text(datetime(day.year, day.month, day.day, 7, tzinfo=CET), 8.0, 2800))
    with history(base) as h:
        h.session(date(2025, 3, 10), ("bird-dog", 2, 10, None, None))
    data = tmp_path / "log"
    command = [sys.executable, "-m", "runstrength_tui", "runs", "import", str(folder), "--data-dir", str(data)]
    seen = _kills(command, base, data, child_kw, seed)
    print(f"runs import kills: {KILLS}, states {seen} (seed {seed})")
