"""Workout follows a session's supersets (domain/prescribed.py): A1, A2, A1, A2 … with no rest
between the two halves and the pair's rest after A2; skipped exercises count as done; a
session resumed mid-pair goes on at the partner."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from runstrength_tui import service
from runstrength_tui.domain.model import Profile
from runstrength_tui.domain.prescribed import pair_rest

DAY = date(2026, 11, 26)  # the runner's first strength day


class Stamps:
    """Wall-clock stamps one second apart (keeps the sets' order)."""

    def __init__(self) -> None:
        self.t = datetime(2026, 11, 26, 18, 0)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


@pytest.fixture
def demo(tmp_path):
    """A new intermediate runner with dumbbells, 20 minutes, on the first day of the block:
    week 1's two sets a exercise, so each superset has 2+ sets on both sides."""
    target = tmp_path / "data"
    with service.Log(target) as logbook:
        logbook.save_profile(
            Profile(
                level="intermediate",
                equipment=("dumbbells",),
                dumbbells=(4.0, 6.0, 8.0, 10.0, 12.0),
                minutes=20,
                block_start=DAY,
                runs=("rest",) * 7,
            )
        )
    return target


def workout(logbook: service.Log, now=None) -> service.Workout:
    w = service.Workout(logbook, lambda: DAY, now or Stamps())
    w.load()
    w.skip_warmup()
    return w


def log_current(w: service.Workout) -> int:
    """Log the prescribed set of the current exercise; the rest that follows it."""
    item = w.current
    assert item is not None
    reps = None if item.is_hold else item.plan.rep_range[1]
    w.log(w.candidate(reps, item.plan.seconds, None, None, False, item=item))
    return w.after_set(item)


def first_pair(w: service.Workout) -> tuple[service.Item, service.Item]:
    """The session's first superset whose halves both have 2+ sets."""
    labels = w.labels
    for i, label in enumerate(labels):
        if label.endswith("1") and min(w.items[i].plan.sets, w.items[i + 1].plan.sets) >= 2:
            return w.items[i], w.items[i + 1]
    raise AssertionError(f"no superset of 2+ sets in {labels}")


def test_a_pair_alternates_and_rests_only_after_the_second_exercise(demo):
    with service.Log(demo) as logbook:
        w = workout(logbook)
        a, b = first_pair(w)
        g = a.plan.group
        w.select(w.items.index(a))
        assert w.label(a) == f"{g}1" and w.label(b) == f"{g}2" and w.partner(a) is b and w.partner(b) is a
        assert f"{g}1 then {g}2, no rest between" in w.superset_text(a)
        order, rests = [], []
        for _ in range(a.plan.sets + b.plan.sets):
            order.append(w.label(w.current))
            rests.append(log_current(w))
        assert order == [f"{g}1", f"{g}2"] * a.plan.sets
        together = pair_rest(a.plan, b.plan)
        # no rest from A1 to A2; the pair's rest after A2; after the last A2, its own rest
        assert rests == [0, together] * (a.plan.sets - 1) + [0, b.plan.rest]
        assert a.complete and b.complete and w.current is not a and w.current is not b


def test_next_text_names_the_exercise_that_comes_next_with_its_label(demo):
    with service.Log(demo) as logbook:
        w = workout(logbook)
        a, b = first_pair(w)
        g = a.plan.group
        w.select(w.items.index(a))
        log_current(w)
        assert w.next_text().startswith(f"Next: {g}2 {b.plan.name} · set 1 of {b.plan.sets}")
        log_current(w)
        assert w.next_text().startswith(f"Next: {g}1 {a.plan.name} · set 2 of {a.plan.sets}")


def test_skipping_half_a_pair_leaves_the_other_half_with_its_own_rest(demo):
    with service.Log(demo) as logbook:
        w = workout(logbook)
        a, b = first_pair(w)
        w.select(w.items.index(a))
        log_current(w)
        assert w.current is b
        w.skip_current()  # A2 is out for today: A1 goes on alone
        assert w.current is a
        rests = [log_current(w) for _ in range(a.plan.sets - 1)]
        assert rests[-1] == a.plan.rest  # alone now: its own rest, none is skipped
        assert a.complete and w.current is not a and w.current is not b


def test_a_runner_who_picks_a_later_pair_finishes_it_before_the_order(demo):
    with service.Log(demo) as logbook:
        w = workout(logbook)
        labels = w.labels
        last = max(i for i, label in enumerate(labels) if label.endswith("1"))  # the session's last pair
        assert last > 0
        first, second = w.items[last], w.items[last + 1]
        w.select(last)
        assert log_current(w) == 0 and w.current is second  # its partner, not the order's first
        log_current(w)
        if first.complete and second.complete:  # done: back to the order, the first block
            assert w.current is w.items[0]


def test_a_session_resumed_mid_pair_goes_on_at_the_partner(demo):
    stamps = Stamps()
    with service.Log(demo) as logbook:
        w = workout(logbook, stamps)
        a, b = first_pair(w)
        w.select(w.items.index(a))
        log_current(w)  # A1's first set (of a pair that may not be the session's first), then killed
    with service.Log(demo) as logbook:
        again = workout(logbook, stamps)
        a2, b2 = first_pair(again)
        assert len(a2.done) == 1 and again.current is b2  # A2, straight after A1
        assert again.rest_after(a2) == 0  # no rest to resume between the halves
        log_current(again)
        assert again.current is a2 and again.rest_after(b2) == pair_rest(a2.plan, b2.plan)
