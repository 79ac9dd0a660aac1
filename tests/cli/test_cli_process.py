"""Real processes: exit codes, --version, and no Textual import for scriptable commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from runstrength_tui import __version__

ROOT = Path(__file__).resolve().parents[2]

NO_TEXTUAL = """
import sys
from runstrength_tui.cli import run
code = run(sys.argv[1:])
assert code == 0, code
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not loaded, loaded
print("clean")
"""


@pytest.mark.parametrize(
    "args",
    [
        ["log", "plank", "--seconds", "30"],
        ["log", "goblet-squat", "--reps", "12", "--load", "10kg", "--dry-run", "--json"],
        ["status", "--json"],
        ["exercises"],
        ["show", "plank"],
        ["today"],
        ["export", "--format", "csv"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_scriptable_commands_do_not_import_textual(data_dir, child_kw, args):
    from runstrength_tui.store.repo import Store

    Store(data_dir).close()  # an empty log (read commands refuse a folder without one)
    done = subprocess.run(
        [sys.executable, "-c", NO_TEXTUAL, *args], **child_kw, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("clean")


def test_version(cli_proc):
    done = cli_proc("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"runstrength {__version__}"


def test_one_version_source():
    """pyproject.toml reads the version from runstrength_tui/__init__.py; it writes none."""
    import importlib.metadata
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "runstrength_tui.__version__"}
    assert importlib.metadata.version("runstrength") == __version__  # as installed


def test_exit_codes_of_a_real_process(data_dir, cli_proc):
    ok = cli_proc("log", "glute-bridge", "--reps", "15")
    assert ok.returncode == 0 and ok.stdout.startswith("Logged 1 × 15 glute bridge")
    bad = cli_proc("log", "glute-bridge", "--reps", "ten")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and bad.stderr.startswith("runstrength: ")
    usage = cli_proc("log", "glute-bridge", "--reps")
    assert usage.returncode == 2 and usage.stderr.count("\n") == 1
    (data_dir / "journal.json").write_text("")
    broken = cli_proc("status")
    assert broken.returncode == 1 and broken.stderr.count("\n") == 1 and "runstrength restore" in broken.stderr
