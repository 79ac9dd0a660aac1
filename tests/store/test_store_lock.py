"""One writer per data folder: a second instance is refused with one clear line."""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager

import pytest

from runstrength_tui.store.lock import AlreadyRunningError
from runstrength_tui.store.repo import Store

HOLDER = """
import sys
from runstrength_tui.store.repo import Store
store = Store(sys.argv[1], write=True)
print("ready", flush=True)
sys.stdin.read()  # hold the lock until the parent closes our stdin
store.close()
"""


@contextmanager
def writer_in_another_process(folder, child_kw):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        **child_kw,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        yield proc
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()


def test_second_instance_is_refused_and_writes_nothing(data_dir, cli, cli_proc, child_kw, folder_bytes):
    assert cli("log", "glute-bridge", "--reps", "15").code == 0
    before = folder_bytes(data_dir)
    with writer_in_another_process(data_dir, child_kw):
        result = cli_proc("log", "glute-bridge", "--reps", "15", "--data-dir", data_dir)
        assert result.returncode != 0
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, result.stderr
        assert "already open" in lines[0] and str(data_dir) in lines[0]
        assert "Traceback" not in result.stderr
        assert result.stdout == ""
        assert folder_bytes(data_dir) == before
        # In this process too: the lock is refused at once, not waited for.
        with pytest.raises(AlreadyRunningError):
            Store(data_dir, write=True)
        # Reading is still allowed while another process writes.
        status = cli_proc("status", "--json", "--data-dir", data_dir)
        assert status.returncode == 0, status.stderr
    # Once the other process has gone, writing works again.
    assert cli("log", "glute-bridge", "--reps", "15").code == 0


def test_lock_is_released_when_the_holder_is_killed(data_dir, child_kw):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        **child_kw,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "ready"
    proc.kill()
    proc.wait(timeout=30)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        stream.close()
    with Store(data_dir, write=True) as store:
        assert store.sets() == []
