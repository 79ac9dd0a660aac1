"""The exercise catalog: the shipped file, and a loader that names the entry and the field it rejects."""

from __future__ import annotations

import copy
import re
from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st

from runstrength_tui.domain.catalog import Catalog, CatalogError, data_file, load_catalog, load_catalog_file, parse_catalog
from runstrength_tui.domain.model import EQUIPMENT, KINDS, LEVELS

CATALOG = load_catalog()


# --- the shipped catalog ---------------------------------------------------------------------------


def test_shipped_catalog_loads_and_is_big_enough():
    assert len(CATALOG) >= 35
    assert load_catalog_file(data_file("exercises.toml")).ids() == CATALOG.ids()
    assert load_catalog() is CATALOG  # cached


def test_every_kind_is_covered():
    counts = Counter(e.kind for e in CATALOG)
    assert set(counts) == set(KINDS)
    assert all(n >= 3 for n in counts.values()), counts


@pytest.mark.parametrize("exercise", list(CATALOG), ids=lambda e: e.id)
def test_every_exercise_is_complete(exercise):
    e = exercise
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e.id)
    assert e.name and e.name == e.name.strip()
    assert 3 <= len(e.steps) <= 6
    assert 3 <= len(e.cues) <= 4
    assert 2 <= len(e.mistakes) <= 4
    assert (e.easier is None) != (e.easier_text is None)
    assert (e.harder is None) != (e.harder_text is None)
    for ref in (e.easier, e.harder, *e.alternatives):
        if ref is not None:
            assert ref in CATALOG and ref != e.id
    assert e.why.endswith(".") and len(re.findall(r"[.!?](\s|$)", e.why)) == 1
    assert e.muscles
    assert (e.reps is None) != (e.hold is None)
    assert e.level in LEVELS and e.kind in KINDS
    assert set(e.equipment) <= set(EQUIPMENT[1:])
    if e.kind == "plyometric":
        assert e.level != "beginner"
    if e.equipment:
        assert e.alternatives and CATALOG.get(e.alternatives[-1]).equipment == ()
    if e.kind == "strength":
        assert e.intensity


def test_plank_is_a_beginner_hold():
    plank = CATALOG.get("plank")
    assert plank.kind == "core" and plank.is_hold and plank.reps is None
    assert 10 <= plank.hold <= 60
    assert plank.prescription_text == f"{plank.sets} × {plank.hold} s"


def test_the_coach_picks_are_in_the_catalog():
    for ex_id in ("bodyweight-squat", "reverse-lunge", "bulgarian-split-squat", "single-leg-rdl", "goblet-squat",
                  "glute-bridge", "calf-raise", "eccentric-heel-drop", "nordic-hamstring-curl", "copenhagen-plank",
                  "side-plank", "dead-bug", "bird-dog", "pogo-hops", "bounding"):
        assert ex_id in CATALOG, ex_id
    assert CATALOG.get("nordic-hamstring-curl").level == "advanced"


def test_every_level_and_kit_can_find_a_bodyweight_option_for_everything():
    for e in CATALOG:
        for level in LEVELS:
            if not e.suits(level):
                continue
            swapped = CATALOG.swap_for(e.id, (), level)
            assert swapped.available_with(())


def test_available_with_and_suits():
    goblet = CATALOG.get("goblet-squat")
    assert goblet.weighted and not goblet.available_with(())
    assert goblet.available_with(("kettlebell",)) and goblet.available_with(("gym",))
    assert not goblet.available_with(("bands",))
    assert CATALOG.get("band-row").available_with(("gym",))  # a gym has bands
    assert not CATALOG.get("band-row").weighted
    assert CATALOG.get("plank").available_with(())
    pogo = CATALOG.get("pogo-hops")
    assert not pogo.suits("beginner") and pogo.suits("intermediate") and pogo.suits("advanced")


def test_swap_for_and_suggest_and_filter():
    assert CATALOG.swap_for("goblet-squat", ("dumbbells",), "beginner").id == "goblet-squat"
    assert CATALOG.swap_for("goblet-squat", (), "beginner").id == "bodyweight-squat"
    assert CATALOG.swap_for("back-squat", ("dumbbells",), "intermediate").id == "goblet-squat"
    assert "goblet-squat" in CATALOG.suggest("goblet-sqat")
    assert CATALOG.suggest("plank")[0] == "plank"
    assert {e.kind for e in CATALOG.filter(kind="core")} == {"core"}
    assert all(e.suits("beginner") for e in CATALOG.filter(level="beginner"))
    assert all(e.available_with(("bands",)) for e in CATALOG.filter(equipment="bands"))
    with pytest.raises(KeyError):
        CATALOG.get("nope")


def test_broken_toml_is_a_catalog_error(tmp_path):
    path = tmp_path / "exercises.toml"
    path.write_text("[[exercise]\nid = ", encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_catalog_file(path)


# --- the loader: small catalogs built by hand ------------------------------------------------------------


def entry(id="squat", **changes) -> dict:
    doc = {
        "id": id,
        "name": "Squat",
        "kind": "functional",
        "level": "beginner",
        "equipment": [],
        "legs": True,
        "per_side": False,
        "sets": 2,
        "reps": [12, 20],
        "rest": 45,
        "steps": ["Stand tall.", "Sit back.", "Stand up."],
        "cues": ["Knees out.", "Chest up.", "Heels down."],
        "mistakes": ["Knees cave in.", "Heels lift."],
        "easier_text": "Squat to a chair.",
        "harder_text": "Hold a weight.",
        "alternatives": [],
        "muscles": ["quadriceps"],
        "why": "Squats build leg strength for running.",
    }
    doc.update(changes)
    return {k: v for k, v in doc.items() if v is not DROP}


DROP = object()


def catalog_of(*entries) -> dict:
    return {"exercise": list(entries)}


def fails(raw, entry_name, field):
    with pytest.raises(CatalogError) as info:
        parse_catalog(raw)
    message = str(info.value)
    assert f"entry {entry_name!r}" in message and f"field {field!r}" in message, message
    return message


def test_a_minimal_catalog_parses():
    cat = parse_catalog(catalog_of(entry(), entry("lunge", name="Lunge", easier="squat", easier_text=DROP)))
    assert isinstance(cat, Catalog) and cat.ids() == ["squat", "lunge"]
    assert cat.get("lunge").easier == "squat" and cat.get("lunge").easier_text is None
    assert cat.get("squat").reps == (12, 20) and cat.get("squat").prescription_text == "2 × 12–20"


def test_empty_catalog_is_rejected():
    for raw in ({}, {"exercise": []}, {"exercise": "squat"}):
        with pytest.raises(CatalogError, match="no \\[\\[exercise\\]\\] entries"):
            parse_catalog(raw)


@pytest.mark.parametrize("field", ["name", "kind", "level", "why", "steps", "cues", "mistakes", "muscles", "legs", "sets", "rest", "equipment"])
def test_missing_field_names_entry_and_field(field):
    fails(catalog_of(entry(**{field: DROP})), "squat", field)


def test_missing_id_names_the_position():
    message = fails(catalog_of(entry(), entry(id=DROP)), "#2", "id")
    assert "missing" in message


def test_wrong_kind():
    message = fails(catalog_of(entry(kind="cardio")), "squat", "kind")
    assert "'cardio'" in message and "strength" in message


def test_wrong_level():
    fails(catalog_of(entry(level="expert")), "squat", "level")


def test_duplicate_id():
    message = fails(catalog_of(entry(), entry(name="Squat again")), "squat", "id")
    assert "two entries" in message


def test_unknown_easier_id():
    message = fails(catalog_of(entry(easier="wall-sit", easier_text=DROP)), "squat", "easier")
    assert "'wall-sit'" in message


def test_easier_pointing_at_itself_and_unknown_harder():
    fails(catalog_of(entry(easier="squat", easier_text=DROP)), "squat", "easier")
    fails(catalog_of(entry(harder="jump", harder_text=DROP)), "squat", "harder")


def test_easier_needs_exactly_one_of_id_or_text():
    fails(catalog_of(entry(easier="squat")), "squat", "easier")  # both
    fails(catalog_of(entry(easier_text=DROP)), "squat", "easier")  # neither


@pytest.mark.parametrize("reps", [[0, 10], [12], [20, 12], [12, 31], "12-20", [12.0, 20], [True, 5], [12, 20, 25]])
def test_bad_reps(reps):
    fails(catalog_of(entry(reps=reps)), "squat", "reps")


def test_reps_and_hold_exactly_one():
    fails(catalog_of(entry(hold=30)), "squat", "reps")  # both
    fails(catalog_of(entry(reps=DROP)), "squat", "reps")  # neither
    assert parse_catalog(catalog_of(entry(reps=DROP, hold=30))).get("squat").is_hold


@pytest.mark.parametrize("hold", [9, 121, "30", True])
def test_bad_hold(hold):
    fails(catalog_of(entry(reps=DROP, hold=hold)), "squat", "hold")


def test_plyometrics_for_beginners_are_rejected():
    message = fails(catalog_of(entry(kind="plyometric")), "squat", "level")
    assert "beginner" in message
    assert parse_catalog(catalog_of(entry(kind="plyometric", level="intermediate"))).get("squat").kind == "plyometric"


def test_equipment_without_alternatives():
    message = fails(catalog_of(entry(kind="strength", intensity="moderate", equipment=["dumbbells"])), "squat", "alternatives")
    assert "equipment" in message


def test_last_alternative_must_need_no_equipment():
    raw = catalog_of(
        entry("goblet", name="Goblet", kind="strength", intensity="moderate", equipment=["dumbbells"], alternatives=["press"]),
        entry("press", name="Press", kind="strength", intensity="moderate", equipment=["gym"], alternatives=["squat"]),
        entry(),
    )
    fails(raw, "goblet", "alternatives")
    raw["exercise"][0]["alternatives"] = ["press", "squat"]
    assert parse_catalog(raw).get("goblet").alternatives == ("press", "squat")


def test_unknown_alternative_and_bad_equipment():
    fails(catalog_of(entry(alternatives=["lunge"])), "squat", "alternatives")
    fails(catalog_of(entry(alternatives="lunge")), "squat", "alternatives")
    fails(catalog_of(entry(equipment=["barbell"])), "squat", "equipment")
    fails(catalog_of(entry(equipment=["none"])), "squat", "equipment")  # [] means bodyweight


def test_strength_needs_an_intensity():
    fails(catalog_of(entry(kind="strength")), "squat", "intensity")


@pytest.mark.parametrize(
    "field, value",
    [
        ("cues", ["One.", "Two."]),
        ("cues", ["One.", "Two.", "Three.", "Four.", "Five."]),
        ("steps", ["One.", "Two."]),
        ("mistakes", ["One."]),
        ("cues", ["One.", " Two.", "Three."]),
        ("cues", ["One.", "", "Three."]),
        ("muscles", []),
        ("why", "Two sentences. Not allowed."),
        ("why", "No period"),
        ("name", "  Squat"),
        ("name", ""),
        ("id", "Squat"),
        ("id", "squat--deep"),
        ("sets", 4),
        ("sets", 0),
        ("rest", 10),
        ("legs", "yes"),
        ("per_side", 1),
    ],
)
def test_bad_values_name_the_field(field, value):
    name = value if field == "id" and isinstance(value, str) and value else "squat"
    fails(catalog_of(entry(**{field: value})), name, field)


# --- property: any single broken field of a valid entry is caught and named -----------------------------------

BREAKS = {
    "name": [None, 3, ""],
    "kind": [None, "cardio", 1],
    "level": [None, "pro"],
    "equipment": [None, "dumbbells", ["rope"]],
    "legs": [None, "true"],
    "per_side": [None, 0],
    "sets": [None, 0, 4, "2", 2.0],
    "reps": [[0, 5], [15, 10], [1, 31], "x"],
    "rest": [None, 14, 181],
    "steps": [None, [], ["a"], "step"],
    "cues": [None, ["a", "b"], ["a", "b", "c", "d", "e"]],
    "mistakes": [None, ["a"], [1, 2]],
    "muscles": [None, []],
    "why": [None, "no period", "One. Two."],
    "alternatives": ["nope", ["nope"]],
}


@settings(max_examples=120, deadline=None)
@given(field=st.sampled_from(sorted(BREAKS)), data=st.data(), position=st.integers(0, 2))
def test_any_single_broken_field_is_named(field, data, position):
    value = data.draw(st.sampled_from(BREAKS[field]))
    entries = [entry("squat"), entry("lunge", name="Lunge"), entry("bridge", name="Bridge")]
    broken = copy.deepcopy(entries)
    if value is None:
        del broken[position][field]
    else:
        broken[position][field] = value
    fails(catalog_of(*broken), broken[position]["id"], field)
    assert len(parse_catalog(catalog_of(*entries))) == 3


def test_toml_cache_is_keyed_by_content(tmp_path, monkeypatch):
    """The JSON copy speeds loading up but is never read stale."""
    from runstrength_tui.domain.catalog import load_toml

    cache = tmp_path / "cache"
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(cache))
    source = tmp_path / "x.toml"
    source.write_text('a = 1\n')
    assert load_toml(source) == {"a": 1}
    assert len(list(cache.glob("x-*.json"))) == 1
    assert load_toml(source) == {"a": 1}  # from the copy
    source.write_text('a = 2\n')
    assert load_toml(source) == {"a": 2}  # an edited file gets a new copy
    (cache).chmod(0o500)  # an unwritable cache folder only means parsing the TOML
    try:
        source.write_text('a = 3\n')
        assert load_toml(source) == {"a": 3}
    finally:
        cache.chmod(0o700)
