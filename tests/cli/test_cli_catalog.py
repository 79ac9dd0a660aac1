"""`runstrength exercises` and `runstrength show`."""

from __future__ import annotations

from collections import Counter

import pytest


def test_exercises_json_lists_the_catalog_across_the_five_kinds(cli, data_dir):
    result = cli("exercises", "--json")
    assert result.code == 0, result
    items = result.json()["exercises"]
    assert len(items) >= 35
    assert set(Counter(e["kind"] for e in items)) == {"strength", "functional", "plyometric", "core", "mobility"}
    assert len({e["id"] for e in items}) == len(items)
    for e in items:
        assert set(e) >= {
            "id",
            "name",
            "kind",
            "level",
            "equipment",
            "prescription",
            "legs",
            "min_rest_seconds",
            "tempo",
        }
        assert e["level"] in ("beginner", "intermediate", "advanced")
    assert not data_dir.exists(), "listing the catalog touches no data folder"


@pytest.mark.parametrize("kind", ["strength", "functional", "plyometric", "core", "mobility"])
def test_kind_filter(cli, kind):
    items = cli("exercises", "--json", "--kind", kind).json()["exercises"]
    assert items and {e["kind"] for e in items} == {kind}


def test_level_filter_keeps_what_suits_the_level(cli):
    everything = cli("exercises", "--json").json()["exercises"]
    beginner = cli("exercises", "--json", "--level", "beginner").json()["exercises"]
    intermediate = cli("exercises", "--json", "--level", "intermediate").json()["exercises"]
    assert beginner and {e["level"] for e in beginner} == {"beginner"}
    assert {e["level"] for e in intermediate} == {"beginner", "intermediate"}
    assert len(beginner) < len(intermediate) < len(everything)
    assert not [e for e in beginner if e["kind"] == "plyometric"]


def test_equipment_filter(cli):
    bodyweight = cli("exercises", "--json", "--equipment", "none").json()["exercises"]
    assert bodyweight and all(e["equipment"] == ["none"] for e in bodyweight)
    bands = cli("exercises", "--json", "--equipment", "bands").json()["exercises"]
    assert {tuple(e["equipment"]) for e in bands} >= {("none",), ("bands",)}
    assert all(e["equipment"] == ["none"] or "bands" in e["equipment"] for e in bands)
    both = cli("exercises", "--json", "--equipment", "dumbbells", "--kind", "strength", "--level", "beginner").json()[
        "exercises"
    ]
    assert both and all(
        e["kind"] == "strength"
        and e["level"] == "beginner"
        and ("dumbbells" in e["equipment"] or e["equipment"] == ["none"])
        for e in both
    )
    assert "goblet-squat" in {e["id"] for e in both}


def test_exercises_text_groups_by_kind(cli):
    result = cli("exercises")
    assert result.code == 0
    for heading in ("STRENGTH", "FUNCTIONAL", "PLYOMETRIC", "CORE", "MOBILITY"):
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


NEW_IDS = (
    "tibialis-raise",
    "single-leg-balance-reach",
    "short-foot",
    "banded-knee-drive",
    "side-lying-hip-abduction",
    "knee-to-wall-ankle-rock",
    "half-kneeling-hip-flexor-stretch",
    "seated-calf-raise",
    "tempo-squat",
    "pause-split-squat",
    "step-down",
    "copenhagen-plank-long",
    "single-leg-hip-thrust",
    "single-leg-bent-knee-calf-raise",
)


def test_exercises_json_has_rest_tempo_and_legs_for_every_exercise(cli):
    from runstrength_tui.store.shipped import load_catalog

    items = {e["id"]: e for e in cli("exercises", "--json").json()["exercises"]}
    catalog = load_catalog()
    assert set(items) == set(catalog.ids()) and set(NEW_IDS) <= set(items)
    for ex in catalog:
        e = items[ex.id]
        assert (e["kind"], e["level"], e["legs"]) == (ex.kind, ex.level, ex.legs)
        assert e["min_rest_seconds"] == ex.min_rest <= e["rest_seconds"] == ex.rest
        assert e["tempo"] == (None if ex.is_hold else ex.tempo)
    assert items["pogo-hops"]["min_rest_seconds"] >= 60 and items["pogo-hops"]["tempo"] == 1
    assert items["back-squat"]["min_rest_seconds"] >= 90
    assert items["glute-bridge"]["legs"] is True and items["plank"]["legs"] is False
    assert items["copenhagen-plank"]["tempo"] is None and items["copenhagen-plank"]["max_hold_seconds"] == 30
    assert items["eccentric-heel-drop"]["tempo"] >= 4


@pytest.mark.parametrize("ex_id", NEW_IDS)
def test_show_prints_the_new_exercises_in_full(cli, ex_id):
    result = cli("show", ex_id)
    assert result.code == 0, result
    out = result.out
    for heading in ("Why it helps a runner", "Steps", "Form cues", "Common mistakes", "Easier:", "Harder:", "Muscles:"):
        assert heading in out, heading
    assert "  4. " in out and ("(at least " in out or "(no less)" in out)
    assert "Tempo: about " in out or "Hold: steady, up to " in out


def test_show_says_tempo_and_min_rest_in_words(cli):
    heel_drop = cli("show", "eccentric-heel-drop").out
    assert "Tempo: about 5 s a rep (slow lowering or pauses)" in heel_drop
    assert "rest 60 s (at least 30 s)" in heel_drop
    pogo = cli("show", "pogo-hops").out
    assert "Tempo: about 1 s a rep (quick and springy)" in pogo and "rest 60 s (no less)" in pogo
    assert "Tempo: about 3 s a rep (controlled, up and down)" in cli("show", "goblet-squat").out
    copenhagen = cli("show", "copenhagen-plank").out
    assert "Hold: steady, up to 30 s" in copenhagen and "Tempo" not in copenhagen
    assert "Copenhagen plank (long lever) (copenhagen-plank-long)" in copenhagen


def test_show_json_has_the_new_fields(cli):
    shown = cli("show", "back-squat", "--json").json()
    assert shown["min_rest"] >= 90 and shown["barbell"] is True and shown["tempo"] == 3.0
