"""The benchmark script, in its quick form, so it never rots: every row runs and prints.

Not a timed test: whether a row meets its bound depends on the machine and its load, so
pass or FAIL is the benchmark's business (run it on a quiet machine), not the suite's."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_quick_benchmark_runs_and_prints_every_row():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"], capture_output=True, text=True, timeout=600
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 1: a bound missed, not a crash
    assert "measurement" in result.stdout, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.endswith(("pass", "FAIL"))]
    tmux = [line for line in rows if line.startswith("tmux:")]
    assert len(rows) - len(tmux) == 26, result.stdout
    # the start in tmux: empty log, the big log and --demo when tmux is installed, else one line that says so
    assert len(tmux) == (3 if shutil.which("tmux") else 1), result.stdout
    assert sum(line.startswith("terminal:") for line in rows) == 11, result.stdout
    assert not [line for line in rows if "nan" in line.split()], result.stdout
    # the bound printed is the bound checked (the quick run loosens it ×3)
    log_set = next(line for line in rows if line.startswith("log one set, 1 year log, median"))
    assert "< 45 ms" in log_set, log_set
