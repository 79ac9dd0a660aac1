"""A pain mark keeps an exercise out of the plan for half a year: the context for a day holds
the recent sets, plus the older sets (up to PAIN_DAYS back) of exactly the exercises with a
pain mark in that half year, the open session's marks included."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from runstrength_tui import service
from runstrength_tui.domain.model import SetRecord

DAY = date(2025, 3, 12)  # tests/conftest.py pins it


def sitting(store, day, *sets, finish=True):
    """sets: (exercise, pain) pairs, one set each."""
    start = datetime.combine(day, datetime.min.time()).replace(hour=18)
    session = store.start_session(day, start)
    out = []
    for i, (exercise, pain) in enumerate(sets):
        hold = exercise == "plank"
        out.append(
            store.log_set(
                SetRecord(
                    id=service.new_id(),
                    session=session.id,
                    exercise=exercise,
                    date=day,
                    logged_at=start + timedelta(minutes=i),
                    reps=None if hold else 12,
                    seconds=30 if hold else None,
                    pain=pain,
                )
            )
        )
    if finish:
        store.finish_session(start + timedelta(minutes=30), rpe=7, minutes=20)
    return out


def weekly_planks(store, first: date, last: date) -> list:
    """A plank sitting a week (no break of two weeks, so no comeback reaches further back)."""
    out, day = [], first
    while day <= last:
        out += sitting(store, day, ("plank", False))
        day += timedelta(days=7)
    return out


def test_older_sets_are_kept_only_for_exercises_with_a_pain_mark_in_half_a_year(history):
    h = history().profile(level="intermediate", equipment=("dumbbells",))
    store = h.store
    too_old = sitting(store, DAY - timedelta(days=service.PAIN_DAYS + 20), ("calf-raise", True))
    hurt = sitting(
        store,
        DAY - timedelta(days=100),
        ("goblet-squat", True),
        ("goblet-squat", False),
        ("plank", False),
        ("calf-raise", False),
    )
    planks = weekly_planks(store, DAY - timedelta(days=93), DAY - timedelta(days=2))
    later = sitting(store, DAY - timedelta(days=61), ("goblet-squat", False))
    recent = sitting(store, DAY - timedelta(days=1), ("goblet-squat", False))

    ctx = service.load_coach(store, DAY)
    since = DAY - timedelta(days=service.HISTORY_DAYS)
    assert [s.id for s in ctx.history] == [s.id for s in planks if s.date >= since] + [recent[0].id]
    # goblet-squat hurt 100 days ago: its older sets stay (hurt or not); the calf raise's mark
    # is older than half a year, the plank never hurt
    assert [s.id for s in ctx.pain_history] == [hurt[0].id, hurt[1].id, later[0].id]
    assert too_old[0].id not in {s.id for s in ctx.history + ctx.pain_history}
    assert store.pain_exercises(since=DAY - timedelta(days=service.PAIN_DAYS)) == {"goblet-squat"}
    assert store.pain_exercises() == {"goblet-squat", "calf-raise"}


def test_a_pain_mark_in_the_open_session_keeps_that_exercise_s_older_sets(history):
    h = history().profile(level="intermediate", equipment=("dumbbells",))
    store = h.store
    old = sitting(store, DAY - timedelta(days=90), ("calf-raise", False), ("goblet-squat", False))
    weekly_planks(store, DAY - timedelta(days=83), DAY - timedelta(days=6))
    assert service.load_coach(store, DAY).pain_history == []
    [now] = sitting(store, DAY, ("calf-raise", True), finish=False)
    ctx = service.load_coach(store, DAY)
    assert [s.id for s in ctx.pain_history] == [old[0].id]
    assert ctx.history[-1].id == now.id
