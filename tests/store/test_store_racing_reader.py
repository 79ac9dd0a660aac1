"""A reader that holds no lock never misses a set while a writer folds sessions and moves
sets between year files (the issue saw 5 misses in 1,911 reads).

Bounded both ways: the writer stops at MAX_SETS sets (each read reads the whole log, so an
unbounded log made the reads ever slower: 1,168 s in one run on a loaded machine), and the
reader stops at READS reads, when the writer is done, or after SECONDS, whichever is first."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from runstrength_tui.store import transfer
from runstrength_tui.store.repo import Store

pytestmark = pytest.mark.slow  # a real writer process, raced for up to 90 s

WRITER = Path(__file__).with_name("race_writer.py")
READS = 2000
MAX_SETS = 1500  # the log the reads race over stays small
SECONDS = 90  # reading time at most; a loaded machine reads less, never longer
ENOUGH = 100  # reads that raced the writer (a quiet machine does hundreds)


def test_a_racing_reader_misses_nothing(tmp_path, child_kw):
    data = tmp_path / "race"
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(data), str(MAX_SETS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **child_kw,
    )
    acked: list[str] = []
    done = threading.Event()

    def follow():
        for line in proc.stdout:
            if line.startswith(b"set "):
                acked.append(line[4:].strip().decode())
            elif line.startswith(b"done"):
                done.set()

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while len(acked) < 10:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the writer logged nothing"
            time.sleep(0.01)
        store = Store(data, write=False)
        misses, bundles, reads, seen_growth = [], 0, 0, set()
        stop = time.monotonic() + SECONDS
        while reads < READS and not done.is_set() and time.monotonic() < stop:
            known = list(acked)  # acknowledged before this read began
            if reads % 20 == 0:  # a whole export: every set, and every set's session
                bundle = transfer.export_bundle(store, now=__import__("datetime").datetime(2025, 3, 12))
                got = {s["id"] for s in bundle["sets"]}
                sessions = {s["id"] for s in bundle["sessions"]}
                assert {s["session"] for s in bundle["sets"]} <= sessions, "an exported set without its session"
                bundles += 1
            else:
                got = {s.id for s in store.sets()}
            missing = [i for i in known if i not in got]
            if missing:
                misses.append((reads, len(known), missing[:3]))
            seen_growth.add(len(known))
            reads += 1
        assert proc.poll() is None, proc.stderr.read().decode()
    finally:
        proc.kill()
        proc.wait()
    assert not misses, f"{len(misses)} of {reads} reads missed acknowledged sets: {misses[:3]}"
    assert len(seen_growth) > 20, "the writer must really have been writing during the reads"
    assert reads >= ENOUGH, f"only {reads} reads raced the writer"
    assert bundles >= reads // 20
