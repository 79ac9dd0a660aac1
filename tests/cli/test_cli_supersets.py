"""`today` and `plan` show a session's supersets: A1/A2 labels, the rest said once after the
pair, one line on how a superset runs; JSON carries each exercise's "group"."""

from __future__ import annotations

from datetime import date

import pytest

from runstrength_tui.domain.prescribed import Prescribed, labels, pair_rest

TODAY = date(2025, 3, 12)  # pinned by tests/conftest.py (a Wednesday)
HOW = "A superset (A1 + A2): one set of each, A2 straight after A1, then rest; again until both are done."


@pytest.fixture
def runner(data_dir, cli):
    assert (
        cli("profile", "--level", "intermediate", "--equipment", "dumbbells", "--block-start", "2025-03-10").code == 0
    )
    return data_dir


def plans(exercises: list[dict]) -> list[Prescribed]:
    return [
        Prescribed(
            e["id"],
            e["name"],
            e["sets"],
            tuple(e["reps"]) if e["reps"] else None,
            e["seconds"],
            e["rest_seconds"],
            e["per_side"],
            role=e["role"],
            tempo=e["tempo"],
            group=e["group"],
        )
        for e in exercises
    ]


def test_today_labels_each_pair_and_says_how_a_superset_runs(runner, cli):
    data = cli("today", "--json").json()
    exercises = data["exercises"]
    assert all("group" in e for e in exercises)
    items = plans(exercises)
    marks = labels(items)
    assert "A1" in marks and "A2" in marks  # the planner pairs today's session
    text = cli("today").out.splitlines()
    assert text.count(f"  {HOW}") == 1
    for e, mark in zip(exercises, marks):
        line = next(x for x in text if f" {e['name']} " in x)
        if mark:
            assert line.startswith(f"  {mark} {e['name']}")
        else:
            assert line.startswith(f"     {e['name']}") and f"rest {e['rest_seconds']} s" in line
    a, b = marks.index("A1"), marks.index("A2")
    first = next(x for x in text if x.startswith(f"  A1 {items[a].name}"))
    second = next(x for x in text if x.startswith(f"  A2 {items[b].name}"))
    assert "then A2 at once" in first and "rest" not in first.split("  · ")[0].split(items[a].name, 1)[1]
    assert f"rest {pair_rest(items[a], items[b])} s after the pair" in second


def test_plan_labels_pairs_in_one_column_and_explains_once(runner, cli):
    out = cli("plan", "--weeks", "2").out
    lines = out.splitlines()
    assert lines.count(HOW) == 1 and lines[-1] == HOW
    days = cli("plan", "--json", "--weeks", "2").json()["days"]
    for day in days:
        assert all("group" in e for e in day["exercises"])
        if day["kind"] == "finisher":  # one line: the optional finisher after an easy run
            assert any("optional 5-minute finisher" in x for x in lines)
            continue
        for e, mark in zip(day["exercises"], labels(plans(day["exercises"]))):
            assert any(x.startswith(f"    {mark or '  '} {e['name']}") for x in lines), (mark, e["name"])


def test_a_rest_day_has_no_superset_line(runner, cli):
    out = cli("today", today="2025-03-15").out  # the long run's day: no session
    assert "Today's session" not in out and HOW not in out
