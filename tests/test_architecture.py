"""The layer contracts in pyproject.toml hold, and would catch a side door.

`.ci/run` runs `lint-imports` on the package itself; these tests show that the contracts
are not toothless: a copy of the package with one forbidden import fails them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tmp_path: Path, edits: dict[str, str]) -> subprocess.CompletedProcess:
    """lint-imports on a copy of the package, with ``edits`` (file → line) appended."""
    shutil.copytree(
        ROOT / "runstrength_tui", tmp_path / "runstrength_tui", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for relative, line in edits.items():
        path = tmp_path / "runstrength_tui" / relative
        path.write_text(path.read_text() + f"\n{line}\n")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="lint-imports is installed with the test extra")


@pytest.mark.parametrize(
    "module, line, contract, culprit",
    [
        (
            "ui/screens/week.py",
            "from ...store import repo",
            "Only the service opens the store",
            "runstrength_tui.ui.screens.week -> runstrength_tui.store.repo",
        ),
        ("domain/plan.py", "import tinydb", "The domain is pure", "runstrength_tui.domain.plan -> tinydb"),
        (
            "service/coach_inputs.py",
            "from ..ui import app",
            "Layers",
            "runstrength_tui.service.coach_inputs -> runstrength_tui.ui.app",
        ),
    ],
)
def test_a_forbidden_import_breaks_the_contracts(tmp_path, module, line, contract, culprit):
    result = _lint(tmp_path, {module: line})
    assert result.returncode == 1, result.stdout + result.stderr
    broken = result.stdout[result.stdout.index("Broken contracts") :]
    assert contract in broken and culprit in broken


def test_the_guard_is_asked_only_through_the_coach():
    """The service and the front ends ask the coach (domain/coach.py), which runs every
    rule through the guard's RULES: none of them calls a guard check, or a running rule,
    by hand (issue 27: the coach behind one door)."""
    import re

    by_hand = re.compile(r"\bguard\.(check_set|check_session|review|quiet|within_prescription)\(|\brunning_guard\b")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for layer in ("service", "ui", "cli")
        for path in sorted((ROOT / "runstrength_tui" / layer).rglob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if by_hand.search(line)
    ]
    assert found == []
