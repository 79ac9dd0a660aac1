"""Shared fixtures for the store and CLI suites.

Every data folder is under ``tmp_path``: an autouse fixture points RUNSTRENGTH_DATA_DIR at a
per-test folder and pins RUNSTRENGTH_TODAY, so nothing here can reach the real data folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No test asserts a wall-clock duration, Hypothesis's included: its per-example deadline and
# its "too slow" health check are timings, and fail on a loaded machine.
settings.register_profile("runstrength", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("runstrength")

ROOT = Path(__file__).resolve().parents[1]

# The parsed-TOML cache goes to a throwaway folder, never the real ~/.cache (children inherit it).
os.environ["RUNSTRENGTH_CACHE_DIR"] = tempfile.mkdtemp(prefix="runstrength-test-cache-")
TODAY = date(2025, 3, 12)  # a Wednesday


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Default data folder and date for every test (tests may override either)."""
    data = tmp_path / "data"
    monkeypatch.setenv("RUNSTRENGTH_DATA_DIR", str(data))
    monkeypatch.setenv("RUNSTRENGTH_TODAY", TODAY.isoformat())
    return data


@pytest.fixture
def data_dir(_isolated_data_dir) -> Path:
    return _isolated_data_dir


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (recursively) by relative path, byte for byte."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def folder_bytes():
    """folder_bytes(folder) -> {relative path: bytes} of every file under folder."""
    return _snapshot


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]

    def json(self):
        import json

        return json.loads(self.out)

    def __repr__(self):
        return f"CliResult(code={self.code}, out={self.out[:300]!r}, err={self.err[:300]!r})"


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``runstrength ARGS`` in this process: cli("log", "plank", "--seconds", "30")."""
    from runstrength_tui.cli import run

    def invoke(*args: str, today: date | str | None = None) -> CliResult:
        if today is not None:
            monkeypatch.setenv("RUNSTRENGTH_TODAY", str(today))
        capsys.readouterr()
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke


def _child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


@pytest.fixture
def child_kw():
    """Keyword arguments for subprocess: run from the checkout, with it on PYTHONPATH."""
    return {"cwd": ROOT, "env": _child_env()}


@pytest.fixture
def cli_proc():
    """Run ``python -m runstrength_tui ARGS`` as a real process (exit codes, imports, locks)."""

    def invoke(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "runstrength_tui", *map(str, args)],
            cwd=ROOT,
            env=_child_env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return invoke


# --- building histories through the Store API ---------------------------------------------


class History:
    """Write a crafted log with the real Store: sessions of sets on chosen days."""

    def __init__(self, folder: Path):
        from runstrength_tui.store.repo import Store

        self.folder = Path(folder)
        self.store = Store(self.folder, write=True)

    def profile(self, **fields):
        from runstrength_tui.domain.model import Profile

        self.store.save_profile(Profile(**fields))
        return self

    def session(self, day: date, *sets: tuple, rpe: int | None = None, minutes: float | None = None):
        """sets: (exercise, count, reps, seconds, load_kg) tuples; the session is finished."""
        from runstrength_tui.domain.model import SetRecord
        from runstrength_tui.store.repo import new_id

        start = datetime.combine(day, time(18, 0))
        session = self.store.start_session(day, start)
        records = []
        i = 0
        for exercise, count, reps, seconds, load in sets:
            for _ in range(count):
                i += 1
                record = SetRecord(
                    id=new_id(),
                    session=session.id,
                    exercise=exercise,
                    date=day,
                    logged_at=start + timedelta(minutes=i),
                    reps=reps,
                    seconds=seconds,
                    load_kg=load,
                )
                records.append(self.store.log_set(record))
        self.store.finish_session(start + timedelta(minutes=i + 1), rpe=rpe, minutes=minutes)
        return records

    def close(self):
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@pytest.fixture
def history(data_dir):
    made = []

    def build(folder: Path | None = None) -> History:
        h = History(folder or data_dir)
        made.append(h)
        return h

    yield build
    for h in made:
        h.close()
