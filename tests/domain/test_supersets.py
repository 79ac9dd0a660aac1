"""Supersets: how a session pairs its exercises, the order of sets and the rests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from runstrength_tui.domain.prescribed import (
    Prescribed,
    groups,
    labels,
    next_set,
    pair_rest,
    pair_up,
    rest_after,
    session_seconds,
)
from runstrength_tui.domain.rules import THRESHOLDS as T


def item(ex: str, role: str, sets: int = 2, rest: int = 60, reps=(10, 12), seconds=None) -> Prescribed:
    return Prescribed(ex, ex, sets, None if seconds else reps, seconds, rest, False, role=role)


SESSION = [
    item("pogo", "power", rest=90, reps=(10, 15)),
    item("squat", "main", rest=90),
    item("rdl", "main", rest=90),
    item("calf", "prehab", rest=45, reps=(12, 15)),
    item("clam", "prehab", rest=30),
    item("tib", "prehab", rest=30),
    item("pallof", "core", rest=30),
]


def test_main_lifts_take_a_calf_hip_or_core_exercise_into_their_rest():
    paired = pair_up(SESSION)
    assert [p.exercise for p in paired] == ["pogo", "squat", "calf", "rdl", "clam", "tib", "pallof"]
    assert labels(paired) == ["", "A1", "A2", "B1", "B2", "C1", "C2"]
    assert groups(paired) == [[0], [1, 2], [3, 4], [5, 6]]


def test_pairing_is_idempotent_and_keeps_every_exercise():
    once = pair_up(SESSION)
    assert pair_up(once) == once
    assert sorted(p.exercise for p in once) == sorted(p.exercise for p in SESSION)


def test_a_pair_alternates_and_rests_after_the_second_exercise():
    paired = pair_up(SESSION[1:4])  # squat + calf, rdl alone
    assert labels(paired) == ["A1", "A2", ""]
    done = [0, 0, 0]
    order = []
    rests = []
    while (i := next_set(paired, done)) is not None:
        done[i] += 1
        order.append(paired[i].exercise)
        rests.append(rest_after(paired, i, done))
    assert order == ["squat", "calf", "squat", "calf", "rdl", "rdl"]
    pr = pair_rest(paired[0], paired[1])
    assert rests == [0, pr, 0, paired[1].rest, paired[2].rest, 0]


def test_each_exercise_of_a_pair_still_gets_its_own_rest_between_its_sets():
    a, b = item("squat", "main", rest=120), item("calf", "prehab", rest=45, reps=(12, 15))
    pr = pair_rest(a, b)
    assert pr >= T.pair_rest_min_seconds
    assert b.set_seconds + T.pair_move_seconds + pr >= a.rest - 1
    assert a.set_seconds + T.pair_move_seconds + pr >= b.rest - 1


def test_a_pair_takes_less_time_than_its_two_exercises_one_after_the_other():
    a, b = item("squat", "main", sets=3, rest=90), item("calf", "prehab", sets=3, rest=45)
    alone = session_seconds([a, b], warmup=False)
    together = session_seconds(pair_up([a, b]), warmup=False)
    assert together < alone


roles = st.sampled_from(["main", "accessory", "prehab", "core", "power"])
items = st.lists(
    st.builds(
        item,
        ex=st.text("abcdefgh", min_size=1, max_size=4),
        role=roles,
        sets=st.integers(1, 4),
        rest=st.integers(15, 150),
    ),
    max_size=8,
    unique_by=lambda p: p.exercise,
)


@given(items)
def test_the_flow_does_every_set_once_and_a_pair_never_waits_between_its_halves(session):
    paired = pair_up(session)
    done = [0] * len(paired)
    steps = 0
    while (i := next_set(paired, done)) is not None:
        done[i] += 1
        steps += 1
        rest = rest_after(paired, i, done)
        assert rest >= 0
        assert steps <= 100
    assert done == [p.sets for p in paired]
    for block in groups(paired):
        assert len(block) <= 2
        if len(block) == 2:
            a, b = (paired[j] for j in block)
            assert a.group == b.group != ""
            assert a.role != "power" and b.role != "power"
    letters = [p.group for p in paired if p.group]
    assert all(letters.count(g) == 2 for g in letters)


def test_a_runner_who_picks_an_exercise_out_of_order_finishes_its_block_first():
    paired = pair_up(SESSION[1:5])  # squat + calf, rdl + clam
    assert labels(paired) == ["A1", "A2", "B1", "B2"]
    done = [0, 0, 1, 0]  # B1 picked first
    assert next_set(paired, done) == 0  # the order alone goes back to A1
    assert next_set(paired, done, after=2) == 3  # after B1: B2, no rest between
    assert rest_after(paired, 2, done) == 0
    done = [0, 0, 2, 2]  # the pair B finished: back to the order, with B2's own rest
    assert next_set(paired, done, after=3) == 0
    assert rest_after(paired, 3, done) == paired[3].rest
