"""`runstrength exercises` and `runstrength show`."""

from __future__ import annotations

from collections import Counter

import pytest


def test_exercises_json_lists_the_catalog_across_the_four_kinds(cli, data_dir):
    result = cli("exercises", "--json")
    assert result.code == 0, result
    items = result.json()
    assert len(items) >= 35
    assert set(Counter(e["kind"] for e in items)) == {"strength", "functional", "plyometric", "core"}
    assert len({e["id"] for e in items}) == len(items)
    for e in items:
        assert set(e) >= {"id", "name", "kind", "level", "equipment", "prescription"}
        assert e["level"] in ("beginner", "intermediate", "advanced")
    assert not data_dir.exists(), "listing the catalog touches no data folder"


@pytest.mark.parametrize("kind", ["strength", "functional", "plyometric", "core"])
def test_kind_filter(cli, kind):
    items = cli("exercises", "--json", "--kind", kind).json()
    assert items and {e["kind"] for e in items} == {kind}


def test_level_filter_keeps_what_suits_the_level(cli):
    everything = cli("exercises", "--json").json()
    beginner = cli("exercises", "--json", "--level", "beginner").json()
    intermediate = cli("exercises", "--json", "--level", "intermediate").json()
    assert beginner and {e["level"] for e in beginner} == {"beginner"}
    assert {e["level"] for e in intermediate} == {"beginner", "intermediate"}
    assert len(beginner) < len(intermediate) < len(everything)
    assert not [e for e in beginner if e["kind"] == "plyometric"]


def test_equipment_filter(cli):
    bodyweight = cli("exercises", "--json", "--equipment", "none").json()
    assert bodyweight and all(e["equipment"] == ["none"] for e in bodyweight)
    bands = cli("exercises", "--json", "--equipment", "bands").json()
    assert {tuple(e["equipment"]) for e in bands} >= {("none",), ("bands",)}
    assert all(e["equipment"] == ["none"] or "bands" in e["equipment"] for e in bands)
    both = cli("exercises", "--json", "--equipment", "dumbbells", "--kind", "strength", "--level", "beginner").json()
    assert both and all(e["kind"] == "strength" and e["level"] == "beginner" and ("dumbbells" in e["equipment"] or e["equipment"] == ["none"]) for e in both)
    assert "goblet-squat" in {e["id"] for e in both}


def test_exercises_text_groups_by_kind(cli):
    result = cli("exercises")
    assert result.code == 0
    for heading in ("STRENGTH", "FUNCTIONAL", "PLYOMETRIC", "CORE"):
        assert heading in result.out
    assert "goblet-squat" in result.out


def test_a_filter_that_matches_nothing_says_so(cli):
    result = cli("exercises", "--kind", "plyometric", "--level", "beginner")
    assert result.code == 0 and "No exercise matches" in result.out


def test_show_plank_prints_steps_and_cues(cli):
    result = cli("show", "plank")
    assert result.code == 0, result
    out = result.out
    assert "Steps" in out and "Form cues" in out and "Common mistakes" in out
    assert "  1. " in out and "  3. " in out
    assert out.count("  • ") >= 3
    assert "30 s" in out and "Easier:" in out and "Harder:" in out


def test_show_json_has_the_instructions(cli):
    shown = cli("show", "goblet-squat", "--json").json()
    assert shown["id"] == "goblet-squat" and len(shown["steps"]) >= 3 and len(shown["cues"]) >= 3


def test_show_unknown_id_suggests_close_ones(cli):
    result = cli("show", "plnk")
    assert result.code == 2 and len(result.err_lines) == 1
    assert "plank" in result.err_lines[0]
