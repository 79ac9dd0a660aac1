"""`runstrength show EXERCISE --history [--json]`: the runner's sets of it over time, in
their units: a chart per session, the best set and when, the last five sessions."""

from __future__ import annotations

from datetime import date, timedelta

from runstrength_tui.domain.model import KG_PER_LB
from runstrength_tui.domain.story import chart, exercise_story


def test_history_in_text_and_json_in_the_runners_units(cli, history, data_dir):
    with history() as h:
        h.profile(units="lb")
        for i, kg in enumerate(
            (10 * KG_PER_LB, 15 * KG_PER_LB, 20 * KG_PER_LB, 20 * KG_PER_LB, 25 * KG_PER_LB, 25 * KG_PER_LB)
        ):
            h.session(date(2025, 2, 1) + timedelta(days=4 * i), ("goblet-squat", 2, 12 + (i == 4), None, kg))
    text = cli("show", "goblet squat", "--history")
    assert text.code == 0, text
    assert "Goblet squat: 12 sets in 6 sessions, 2025-02-01 to 2025-02-21" in text.out
    assert "Best set: 13 @ 25 lb on 2025-02-17" in text.out  # heaviest, then most reps, then earliest
    last = text.out.split("Last sessions:\n")[1].splitlines()
    assert last == [
        "  2025-02-21  2 × 12 @ 25 lb",
        "  2025-02-17  2 × 13 @ 25 lb",
        "  2025-02-13  2 × 12 @ 20 lb",
        "  2025-02-09  2 × 12 @ 20 lb",
        "  2025-02-05  2 × 12 @ 15 lb",
    ]
    assert "25 lb ┤" in text.out and "10 lb ┤" in text.out and "█" in text.out
    data = cli("show", "goblet-squat", "--history", "--json").json()
    assert data["unit"] == "lb" and data["measure"] == "load" and data["sets"] == 12
    assert [s["value"] for s in data["sessions"]] == [10, 15, 20, 20, 25, 25]
    assert data["best"]["date"] == "2025-02-17" and data["best"]["load"] == 25 and data["best"]["reps"] == 13
    assert data["last_sessions"][0] == "2025-02-21" and len(data["last_sessions"]) == 5


def test_a_hold_charts_its_seconds_and_nothing_logged_says_so(cli, history, tmp_path):
    with history() as h:
        h.session(date(2025, 3, 1), ("plank", 2, None, 30, None))
        h.session(date(2025, 3, 5), ("plank", 1, None, 45, None))
    data = cli("show", "plank", "--history", "--json").json()
    assert data["measure"] == "seconds" and [s["value"] for s in data["sessions"]] == [30, 45]
    none = cli("show", "dead-bug", "--history")
    assert none.code == 0 and none.out.strip() == "No sets of Dead bug logged yet."
    empty = tmp_path / "nothing-here"
    assert cli("show", "plank", "--history", "--data-dir", empty).code == 0 and not empty.exists()


def test_the_chart_fits_its_width_and_shows_the_latest_sessions():
    from datetime import datetime

    from runstrength_tui.domain.model import SetRecord

    sets = [
        SetRecord(
            id=f"s{i}",
            session=f"x{i}",
            exercise="push-up",
            date=date(2024, 1, 1) + timedelta(days=2 * i),
            logged_at=datetime(2024, 1, 1, 18) + timedelta(days=2 * i),
            reps=5 + i % 20,
        )
        for i in range(200)
    ]
    story = exercise_story("push-up", "Push-up", sets, "kg")
    for width in (40, 80, 120):
        lines = chart(story, width=width, height=5)
        assert len(lines) == 6 and all(len(line) <= width for line in lines), lines
    assert (
        story.best is not None
        and story.best.reps == 24
        and story.best.date == date(2024, 1, 1) + timedelta(days=2 * 19)
    )
