"""The benchmark script, in its quick form, so it never rots (loose bounds; not a timed test)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_benchmark_runs_and_passes_its_loose_bounds():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
                            capture_output=True, text=True, timeout=300)
    assert "measurement" in result.stdout, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.endswith(("pass", "FAIL"))]
    assert len(rows) == 26, result.stdout
    assert sum(line.startswith("terminal:") for line in rows) == 11, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
