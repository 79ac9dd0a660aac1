"""The exercise catalog: the shipped file, and a loader that names the entry and the field it rejects."""

from __future__ import annotations

import copy
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrength_tui.domain.catalog import (
    Catalog,
    CatalogError,
    parse_catalog,
)
from runstrength_tui.domain.model import EQUIPMENT, KINDS, LEVELS
from runstrength_tui.store.shipped import data_file, load_catalog, load_catalog_file

CATALOG = load_catalog()


# --- the shipped catalog ---------------------------------------------------------------------------


def test_shipped_catalog_loads_and_is_big_enough():
    assert len(CATALOG) >= 35
    assert load_catalog_file(data_file("exercises.toml")).ids() == CATALOG.ids()
    assert load_catalog() is CATALOG  # cached


def test_every_kind_is_covered():
    counts = Counter(e.kind for e in CATALOG)
    assert set(counts) == set(KINDS)
    assert counts["mobility"] >= 2 and all(n >= 3 for k, n in counts.items() if k != "mobility"), counts


@pytest.mark.parametrize("exercise", list(CATALOG), ids=lambda e: e.id)
def test_every_exercise_is_complete(exercise):
    e = exercise
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e.id)
    assert e.name and e.name == e.name.strip() and len(e.name) <= 30  # the library's name column
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
    for ex_id in (
        "bodyweight-squat",
        "reverse-lunge",
        "bulgarian-split-squat",
        "single-leg-rdl",
        "goblet-squat",
        "glute-bridge",
        "calf-raise",
        "eccentric-heel-drop",
        "nordic-hamstring-curl",
        "copenhagen-plank",
        "side-plank",
        "dead-bug",
        "bird-dog",
        "pogo-hops",
        "bounding",
    ):
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
        "family": "squat",
        "per_side": False,
        "sets": 2,
        "reps": [12, 20],
        "rest": 45,
        "min_rest": 30,
        "tempo": 3,
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


@pytest.mark.parametrize(
    "field",
    [
        "name",
        "kind",
        "level",
        "why",
        "steps",
        "cues",
        "mistakes",
        "muscles",
        "legs",
        "sets",
        "rest",
        "equipment",
        "min_rest",
        "tempo",
    ],
)
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
    jump = entry(kind="plyometric", level="intermediate", rest=60, min_rest=60)
    assert parse_catalog(catalog_of(jump)).get("squat").kind == "plyometric"


def test_equipment_without_alternatives():
    message = fails(
        catalog_of(entry(kind="strength", intensity="moderate", equipment=["dumbbells"])), "squat", "alternatives"
    )
    assert "equipment" in message


def test_last_alternative_must_need_no_equipment():
    raw = catalog_of(
        entry(
            "goblet",
            name="Goblet",
            kind="strength",
            intensity="moderate",
            equipment=["dumbbells"],
            alternatives=["press"],
        ),
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
    "min_rest": [None, 14, 46, "30", 30.0, True],
    "tempo": [None, 0, 0.4, 11, "3", True],
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
    from runstrength_tui.store.shipped import load_toml

    cache = tmp_path / "cache"
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(cache))
    source = tmp_path / "x.toml"
    source.write_text("a = 1\n")
    assert load_toml(source) == {"a": 1}
    assert len(list(cache.glob("x-*.json"))) == 1
    assert load_toml(source) == {"a": 1}  # from the copy
    source.write_text("a = 2\n")
    assert load_toml(source) == {"a": 2}  # an edited file gets a new copy
    (cache).chmod(0o500)  # an unwritable cache folder only means parsing the TOML
    try:
        source.write_text("a = 3\n")
        assert load_toml(source) == {"a": 3}
    finally:
        cache.chmod(0o700)


# --- rest, tempo and hold caps (what the planner trims and times with) ----------------------------------------


def test_min_rest_and_tempo_are_read():
    squat = parse_catalog(catalog_of(entry(rest=60, min_rest=45, tempo=4.5))).get("squat")
    assert (squat.rest, squat.min_rest, squat.tempo) == (60, 45, 4.5)
    assert isinstance(parse_catalog(catalog_of(entry(tempo=3))).get("squat").tempo, float)


@pytest.mark.parametrize("min_rest", [46, 14, 0, -5, "30", 30.5, None])
def test_bad_min_rest(min_rest):
    doc = entry(min_rest=DROP) if min_rest is None else entry(min_rest=min_rest)  # rest = 45
    message = fails(catalog_of(doc), "squat", "min_rest")
    assert "15 to 45" in message


def test_plyometrics_need_at_least_60_s():
    message = fails(catalog_of(entry(kind="plyometric", level="advanced", rest=90, min_rest=45)), "squat", "min_rest")
    assert "60" in message
    assert parse_catalog(catalog_of(entry(kind="plyometric", level="advanced", rest=90, min_rest=60)))


def test_barbell_lifts_need_at_least_90_s_and_a_gym():
    lift = dict(
        kind="strength", intensity="Moderate.", equipment=["gym"], alternatives=["bodyweight"], barbell=True, rest=90
    )
    bodyweight = entry("bodyweight", name="Bodyweight")
    message = fails(catalog_of(entry(min_rest=60, **lift), bodyweight), "squat", "min_rest")
    assert "90" in message
    assert parse_catalog(catalog_of(entry(min_rest=90, **lift), bodyweight)).get("squat").barbell
    fails(catalog_of(entry(min_rest=90, **{**lift, "equipment": ["dumbbells"]}), bodyweight), "squat", "barbell")
    fails(catalog_of(entry(min_rest=90, **{**lift, "barbell": "yes"}), bodyweight), "squat", "barbell")
    assert not parse_catalog(catalog_of(entry())).get("squat").barbell  # optional, false by default


@pytest.mark.parametrize("tempo", [0, 0.4, 10.5, "3 s", True, [3], None])
def test_bad_tempo_for_reps(tempo):
    doc = entry(tempo=DROP) if tempo is None else entry(tempo=tempo)
    fails(catalog_of(doc), "squat", "tempo")


def test_holds_need_no_tempo_but_a_given_one_is_checked():
    plank = parse_catalog(catalog_of(entry(reps=DROP, hold=30, tempo=DROP))).get("squat")
    assert plank.is_hold and plank.tempo == 3.0  # a default that is never used for a hold
    fails(catalog_of(entry(reps=DROP, hold=30, tempo=0)), "squat", "tempo")


def test_max_hold_caps_a_hold():
    capped = parse_catalog(catalog_of(entry(reps=DROP, hold=20, max_hold=30))).get("squat")
    assert capped.max_hold == 30 and capped.longest_hold == 30
    plain = parse_catalog(catalog_of(entry(reps=DROP, hold=20))).get("squat")
    assert plain.max_hold is None and plain.longest_hold == 60
    assert parse_catalog(catalog_of(entry())).get("squat").longest_hold is None  # reps: no hold at all
    fails(catalog_of(entry(reps=DROP, hold=30, max_hold=25)), "squat", "max_hold")  # below the hold itself
    fails(catalog_of(entry(reps=DROP, hold=30, max_hold=121)), "squat", "max_hold")
    fails(catalog_of(entry(max_hold=30)), "squat", "max_hold")  # reps exercise


def test_a_beginners_easier_option_is_never_a_jump():
    hop = entry("hop", name="Hop", kind="plyometric", level="intermediate", rest=60, min_rest=60)
    message = fails(catalog_of(entry(easier="hop", easier_text=DROP), hop), "squat", "easier")
    assert "'hop'" in message and "plyometric" in message
    # an intermediate exercise may regress to a jump (the rule is about beginners)
    assert parse_catalog(catalog_of(entry(level="intermediate", easier="hop", easier_text=DROP), hop))


def test_a_beginner_bodyweight_exercise_progresses_without_jumps_or_equipment():
    hop = entry("hop", name="Hop", kind="plyometric", level="intermediate", rest=60, min_rest=60)
    goblet = entry(
        "goblet", name="Goblet", kind="strength", intensity="Moderate.", equipment=["dumbbells"], alternatives=["squat"]
    )
    fails(catalog_of(entry(harder="hop", harder_text=DROP), hop), "squat", "harder")
    fails(catalog_of(entry(harder="goblet", harder_text=DROP), goblet), "squat", "harder")
    lunge = entry("lunge", name="Lunge")
    assert parse_catalog(catalog_of(entry(harder="lunge", harder_text=DROP), lunge)).get("squat").harder == "lunge"
    # an equipped beginner exercise may progress to other equipment it already implies
    band = entry("band", name="Band", equipment=["bands"], alternatives=["squat"], harder="goblet", harder_text=DROP)
    assert parse_catalog(catalog_of(band, goblet, entry()))


# --- the shipped catalog: the coach's rules, entry by entry ----------------------------------------------------

LEG_MUSCLES = {
    "glutes",
    "glute medius",
    "quadriceps",
    "hamstrings",
    "calves",
    "soleus",
    "adductors",
    "abductors",
    "hip flexors",
    "tibialis anterior",
    "foot arch muscles",
}
EQUIPMENT_OR_JUMP = re.compile(r"dumbbell|kettlebell|barbell|\bbands?\b|weight|backpack|load|\bjump|\bhop|bound", re.I)


@pytest.mark.parametrize("exercise", list(CATALOG), ids=lambda e: e.id)
def test_legs_follows_the_muscles(exercise):
    """Lower-body work (hip and glute work included) is legs work for the long-run rule; core-only and
    upper-body work is not. A core exercise is legs work when its main (first) muscle is a leg muscle
    (Copenhagen planks), since planks and bird dogs only brace the glutes; mobility drills stretch
    rather than tire the legs."""
    e = exercise
    if e.kind == "mobility":
        assert not e.legs
    elif e.kind == "core":
        assert e.legs == (e.muscles[0] in LEG_MUSCLES), e.muscles
    else:
        assert e.legs == any(m in LEG_MUSCLES for m in e.muscles), e.muscles


def test_hip_and_glute_work_counts_as_legs():
    for ex_id in (
        "glute-bridge",
        "single-leg-glute-bridge",
        "hip-thrust",
        "clamshell",
        "lateral-band-walk",
        "side-lying-hip-abduction",
        "banded-knee-drive",
        "tibialis-raise",
        "calf-raise",
        "seated-calf-raise",
        "pogo-hops",
        "copenhagen-plank",
        "copenhagen-plank-long",
        "short-foot",
        "single-leg-balance-reach",
    ):
        assert CATALOG.get(ex_id).legs, ex_id
    for ex_id in ("plank", "side-plank", "dead-bug", "bird-dog", "pallof-press", "hollow-hold", "push-up", "band-row"):
        assert not CATALOG.get(ex_id).legs, ex_id


@pytest.mark.parametrize("exercise", list(CATALOG), ids=lambda e: e.id)
def test_rests_and_tempo_fit_the_exercise(exercise):
    e = exercise
    assert 15 <= e.min_rest <= e.rest
    if e.kind == "plyometric":
        assert e.min_rest >= 60
    if e.barbell:
        assert e.equipment == ("gym",) and e.min_rest >= 90
    if e.kind in ("core", "mobility") and not e.legs:
        assert e.min_rest <= 30  # light endurance work
    if not e.is_hold:
        assert 0.5 <= e.tempo <= 10
    else:
        assert e.longest_hold >= e.hold


def test_the_named_rests_and_tempos():
    assert {e.id for e in CATALOG if e.barbell} == {"back-squat", "trap-bar-deadlift"}
    for ex_id in ("goblet-squat", "dumbbell-rdl", "bulgarian-split-squat", "dumbbell-split-squat", "hip-thrust"):
        assert 45 <= CATALOG.get(ex_id).min_rest <= 60, ex_id
    for ex_id in ("clamshell", "dead-bug", "bird-dog", "plank", "calf-raise", "tibialis-raise"):
        assert 15 <= CATALOG.get(ex_id).min_rest <= 30, ex_id
    for ex_id in ("pogo-hops", "a-skip"):
        assert CATALOG.get(ex_id).tempo <= 1.5, ex_id
    for ex_id in ("eccentric-heel-drop", "nordic-hamstring-curl", "tempo-squat", "pause-split-squat", "step-down"):
        assert 4 <= CATALOG.get(ex_id).tempo <= 6, ex_id
    assert 2.5 <= CATALOG.get("goblet-squat").tempo <= 3.5


@pytest.mark.parametrize("exercise", [e for e in CATALOG if e.level == "beginner"], ids=lambda e: e.id)
def test_no_beginner_exercise_regresses_to_a_jump(exercise):
    if exercise.easier:
        assert CATALOG.get(exercise.easier).kind != "plyometric"
    else:
        assert not re.search(r"\bjump|\bhop|bound|skip", exercise.easier_text, re.I)


@pytest.mark.parametrize(
    "exercise",
    [e for e in CATALOG if e.level == "beginner" and not e.equipment and e.kind != "mobility"],
    ids=lambda e: e.id,
)
def test_beginner_bodyweight_exercises_progress_without_jumps_or_equipment(exercise):
    e = exercise
    if e.harder:
        harder = CATALOG.get(e.harder)
        assert harder.equipment == () and harder.kind != "plyometric", e.harder
    else:
        assert not EQUIPMENT_OR_JUMP.search(e.harder_text), e.harder_text


# The bodyweight exercises a no-equipment beginner's program is built from (the beginner templates and the
# bodyweight swaps of their equipped slots): each has a catalog harder variation a beginner may do, so weeks
# 9–12 progress without weights.
BEGINNER_BASICS = (
    "bodyweight-squat",
    "tempo-squat",
    "reverse-lunge",
    "split-squat",
    "step-up",
    "glute-bridge",
    "single-leg-glute-bridge",
    "calf-raise",
    "single-leg-calf-raise",
    "bent-knee-calf-raise",
    "clamshell",
    "knee-plank",
    "knee-side-plank",
    "side-plank",
    "incline-push-up",
    "short-foot",
)


@pytest.mark.parametrize("ex_id", BEGINNER_BASICS)
def test_beginner_basics_have_a_beginner_bodyweight_harder_variation(ex_id):
    e = CATALOG.get(ex_id)
    assert e.level == "beginner" and e.equipment == ()
    harder = CATALOG.get(e.harder)
    assert harder.suits("beginner") and harder.equipment == () and harder.kind != "plyometric"


def test_every_reference_names_a_catalog_exercise():
    for e in CATALOG:
        for ref in (e.easier, e.harder, *e.alternatives):
            assert ref is None or (ref in CATALOG and ref != e.id), (e.id, ref)


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


def test_the_new_exercises_are_written_in_full():
    for ex_id in NEW_IDS:
        e = CATALOG.get(ex_id)
        assert len(e.steps) >= 4 and len(e.cues) >= 3 and len(e.mistakes) >= 2 and e.muscles and e.why, ex_id
        assert (e.easier or e.easier_text) and (e.harder or e.harder_text), ex_id
    assert {e.id for e in CATALOG if e.kind == "mobility"} == {
        "knee-to-wall-ankle-rock",
        "half-kneeling-hip-flexor-stretch",
    }
    assert (
        CATALOG.get("banded-knee-drive").equipment == ("bands",)
        and "hip flexors" in CATALOG.get("banded-knee-drive").muscles
    )
    assert CATALOG.get("tibialis-raise").muscles == ("tibialis anterior",)


def test_equipped_runners_have_loaded_calf_and_soleus_work():
    straight, bent = CATALOG.get("weighted-calf-raise"), CATALOG.get("seated-calf-raise")
    for e in (straight, bent):
        assert e.weighted and e.kind == "strength" and e.suits("beginner") and e.available_with(("dumbbells",))
    assert bent.muscles[0] == "soleus" and bent.easier == "bent-knee-calf-raise"
    assert CATALOG.swap_for("seated-calf-raise", (), "beginner").id == "bent-knee-calf-raise"


def test_catalog_fixes_from_issue_11():
    good_morning = CATALOG.get("band-good-morning")
    assert not any("neck" in step for step in good_morning.steps)  # the band is under the feet, held at the shoulders
    assert any("under both feet" in step for step in good_morning.steps)
    assert any("neck" in m for m in good_morning.mistakes)
    jump_squat = CATALOG.get("jump-squat")
    assert jump_squat.easier is None and "without leaving the floor" in jump_squat.easier_text
    assert CATALOG.get("dumbbell-rdl").harder == "single-leg-rdl"
    short, long = CATALOG.get("copenhagen-plank"), CATALOG.get("copenhagen-plank-long")
    assert short.level == "beginner" and long.level == "intermediate"
    assert (
        short.harder == "copenhagen-plank-long" and long.easier == "copenhagen-plank" and short.easier == "side-plank"
    )
    for e in (short, long):
        assert e.is_hold and e.hold <= 30 and e.longest_hold <= 30
    assert "knee" in " ".join(short.steps) and "foot" in " ".join(long.steps)
    pallof = CATALOG.get("pallof-press")
    assert pallof.kind == "core" and set(pallof.equipment) == {"bands", "gym"} and "cable" in pallof.steps[0]
    assert not [e.id for e in CATALOG if e.intensity and "%" in e.intensity]  # reps in reserve, not % of 1RM
