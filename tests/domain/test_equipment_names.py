"""Issue 26 minor: a dumbbell-only runner was offered "Kettlebell deadlift". The name a
runner reads matches the tool they own: the catalog has a dumbbell deadlift of its own,
and the kettlebell one needs a kettlebell (or a gym)."""

from datetime import date, datetime, time

from runstrength_tui.domain.model import Profile, SessionRecord, SetRecord
from runstrength_tui.domain.plan import plan_ahead
from runstrength_tui.store.shipped import load_catalog

CATALOG = load_catalog()
MON = date(2024, 6, 10)
DUMBBELLS = ("dumbbells",)


def test_nothing_a_dumbbell_only_runner_can_do_is_named_for_a_kettlebell():
    for ex in CATALOG:
        if ex.available_with(DUMBBELLS):
            assert "kettlebell" not in ex.name.lower(), ex.id
            for other in (ex.easier, ex.harder):  # the how-to's [ and ] name these
                if other and CATALOG.get(other).available_with(DUMBBELLS):
                    assert "kettlebell" not in CATALOG.get(other).name.lower(), (ex.id, other)


def test_each_deadlift_names_its_own_tool():
    assert CATALOG.get("dumbbell-rdl").easier == "dumbbell-deadlift"
    assert CATALOG.get("dumbbell-deadlift").equipment == ("dumbbells",)
    assert not CATALOG.get("kettlebell-deadlift").available_with(DUMBBELLS)
    assert CATALOG.get("kettlebell-deadlift").available_with(("kettlebell",))
    # the kettlebell one's first stand-in for a runner with dumbbells is the dumbbell one
    swapped = CATALOG.swap_for("kettlebell-deadlift", DUMBBELLS, "beginner")
    assert swapped is not None and swapped.id == "dumbbell-deadlift"


def test_pain_on_the_romanian_deadlift_offers_the_dumbbell_deadlift():
    p = Profile(block_start=MON, level="intermediate", equipment=DUMBBELLS, dumbbells=(6.0, 8.0, 10.0))
    day = date(2024, 6, 7)
    hurt = SetRecord(
        id="x1",
        session="a",
        exercise="dumbbell-rdl",
        date=day,
        logged_at=datetime.combine(day, time(7)),
        reps=12,
        load_kg=8.0,
        pain=True,
    )
    sessions = [SessionRecord(id="a", date=day, started_at=datetime.combine(day, time(7)))]
    week = plan_ahead(MON, p, sessions, [hurt], CATALOG, weeks=1)
    hinge = [i for x in week for i in x.exercises if CATALOG.get(i.exercise).family == "hinge"]
    assert [i.name for i in hinge] == ["Dumbbell deadlift"]  # it was "Kettlebell deadlift"
    assert hinge[0].note.startswith("easier than Dumbbell Romanian deadlift: you marked pain")


def test_twelve_weeks_for_a_dumbbell_only_runner_never_name_a_kettlebell():
    for level in ("beginner", "intermediate", "advanced"):
        p = Profile(block_start=MON, level=level, equipment=DUMBBELLS)
        for x in plan_ahead(MON, p, [], [], CATALOG, weeks=12):
            assert not any("kettlebell" in i.name.lower() for i in x.exercises), (level, x)
