"""The repository stands on its own: the code cites only documents inside it, and every
section it cites exists (docs/coaching.md, docs/design.md)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITE = re.compile(r"docs/([\w-]+\.md) §\s+(.{1,60})")


def _sources() -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8")
        for folder in ("runstrength_tui", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
    }


def test_no_reference_to_a_document_outside_the_repository():
    outside = [
        (path.name, name)
        for path, text in _sources().items()
        for name in re.findall(r"\b(COACHING\.md|DESIGN\.md)", text)
    ]
    assert not outside, outside


def test_every_cited_section_exists():
    cited = 0
    for path, text in _sources().items():
        flat = re.sub(r"\s*\n\s*(?:#\s*)?", " ", text)  # a citation may wrap a line
        for doc, rest in CITE.findall(flat):
            target = ROOT / "docs" / doc
            assert target.is_file(), f"{path.name} cites docs/{doc}, which is not in the repository"
            headings = re.findall(r"^#+ (.+)$", target.read_text(encoding="utf-8"), flags=re.M)
            assert any(rest.startswith(h) for h in headings), f"{path.name}: no section {rest[:40]!r} in docs/{doc}"
            cited += 1
    assert cited >= 10  # the planner, the guard, the thresholds and the timers all cite them
