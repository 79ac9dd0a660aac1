"""today, plan, profile, status, history: JSON shapes, determinism, profile changes."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

TODAY = date(2025, 3, 12)  # pinned by tests/conftest.py (a Wednesday)


@pytest.fixture
def runner(data_dir, history, cli):
    """A pinned profile and three weeks of Monday/Thursday sessions before TODAY (a Wednesday)."""
    assert (
        cli(
            "profile",
            "--level",
            "intermediate",
            "--equipment",
            "dumbbells",
            "--block-start",
            "2025-02-17",
            "--weeks",
            "10",
        ).code
        == 0
    )
    with history() as h:
        day = date(2025, 2, 17)
        while day < TODAY:
            if day.weekday() in (0, 3):
                h.session(day, ("goblet-squat", 2, 12, None, 10.0), ("plank", 2, None, 30, None), rpe=6, minutes=20)
            day += timedelta(days=1)
    return data_dir


def test_today_json_is_deterministic_and_complete(runner, cli, cli_proc):
    first = cli("today", "--json", today="2025-03-12")  # a Wednesday, hard run: strength after it
    assert first.code == 0, first
    assert cli("today", "--json").out == first.out
    # and across processes (different hash seeds)
    for seed in ("1", "2"):
        again = cli_proc("today", "--json", PYTHONHASHSEED=seed)
        assert again.returncode == 0, again.stderr
        assert again.stdout == first.out
    plan = first.json()
    assert set(plan) >= {"date", "kind", "reason", "block_week", "exercises", "estimated_minutes", "next_strength_day"}
    assert plan["date"] == "2025-03-12"
    assert plan["kind"] == "strength" and plan["next_strength_day"] > plan["date"]
    assert plan["reason"].strip() and plan["block_week"] == 4
    for e in plan["exercises"]:
        assert set(e) >= {"id", "sets", "rest_seconds", "suggested_load"}
        assert (e["reps"] is None) != (e["seconds"] is None)
    assert plan["exercises"] and 0 < plan["estimated_minutes"] <= 25
    assert "block_week_reason" in plan and plan["block_week_reason"] is None
    rest_day = cli("today", "--json", today="2025-03-11").json()
    assert rest_day["kind"] in ("finisher-only", "rest") and rest_day["exercises"] == []
    assert rest_day["reason"] and rest_day["next_strength_day"] == "2025-03-12"


@pytest.mark.parametrize("command", ["today", "plan", "status", "history", "export"])
def test_a_read_command_on_a_missing_folder_says_there_is_no_log(tmp_path, cli, command):
    fresh = tmp_path / "typo"
    result = cli(command, "--data-dir", fresh)
    assert result.code == 2 and result.out == "" and len(result.err_lines) == 1, result
    assert f"No log at {fresh}; run `runstrength` to set up, or check --data-dir." in result.err
    assert not fresh.exists()


def test_plan_json(runner, cli):
    result = cli("plan", "--json", "--weeks", "3")
    assert result.code == 0, result
    out = result.json()
    assert out["today"] == TODAY.isoformat()
    days = [date.fromisoformat(d["date"]) for d in out["days"]]
    assert days == sorted(days) and all(TODAY <= d < TODAY + timedelta(weeks=3) for d in days)
    assert 4 <= len(days) <= 9
    assert all(d["exercises"] for d in out["days"])
    assert cli("plan", "--json", "--weeks", "3").out == result.out


def test_profile_shows_defaults_and_changes_values(data_dir, cli):
    shown = cli("profile", "--json")
    assert shown.code == 0
    assert shown.json()["saved"] is False and shown.json()["level"] == "beginner"
    assert not data_dir.exists(), "showing the defaults saves nothing"

    changed = cli(
        "profile",
        "--level",
        "Intermediate",
        "--equipment",
        "dumbbells,bands",
        "--target",
        "3",
        "--minutes",
        "15",
        "--units",
        "lb",
        "--week-start",
        "sun",
        "--runs",
        "mon=easy,sat=rest,sun=long",
        "--block-start",
        "2025-03-02",
        "--weeks",
        "8",
        "--json",
    )
    assert changed.code == 0, changed
    p = changed.json()
    assert p["saved"] is True
    assert (
        p["level"],
        p["equipment"],
        p["target"],
        p["minutes"],
        p["units"],
        p["week_start"],
        p["block_start"],
        p["weeks"],
    ) == (
        "intermediate",
        ["dumbbells", "bands"],
        3,
        15,
        "lb",
        "sun",
        "2025-03-02",
        8,
    )
    assert p["runs"] == ["easy", "easy", "hard", "rest", "easy", "rest", "long"]
    assert p["target_history"][-1] == ["2025-03-09", 3]

    again = cli("profile", "--json").json()
    assert again == p
    text = cli("profile")
    assert "intermediate" in text.out and "dumbbells, bands" in text.out and "sun:long" in text.out

    # one value at a time leaves the others alone
    assert cli("profile", "--minutes", "20").code == 0
    after = cli("profile", "--json").json()
    assert after["minutes"] == 20 and after["level"] == "intermediate" and after["units"] == "lb"


def test_status_json(runner, cli):
    result = cli("status", "--json")
    assert result.code == 0, result
    st = result.json()
    assert st["today"] == TODAY.isoformat()
    assert set(st["week"]) >= {"start", "sessions", "target", "counts"}
    assert st["week"]["start"] == "2025-03-10" and st["week"]["sessions"] == 1 and st["week"]["target"] == 2
    assert st["week"]["counts"] is False
    assert set(st["streak"]) == {"current", "best"} and st["streak"]["best"] >= 3
    assert set(st["block"]) >= {"week", "weeks", "adherence"}
    assert (st["block"]["week"], st["block"]["weeks"]) == (4, 10)
    assert 0 <= st["block"]["adherence"] <= 100
    assert st["next_strength_day"] is None or st["next_strength_day"] >= TODAY.isoformat()
    assert isinstance(st["warnings"], list)
    # the Week screen's figures (domain/streaks.week_figures): Monday and Thursday at RPE 6 × 20 min
    trends = st["trends"]
    assert trends["weeks_logged"] == 4
    assert [(w["start"], w["sessions"], w["load"]) for w in trends["weeks"]] == [
        ("2025-02-17", 2, 240),
        ("2025-02-24", 2, 240),
        ("2025-03-03", 2, 240),
        ("2025-03-10", 1, 120),
    ]
    assert trends["sessions_average_before"] == 2 and trends["load_this_week"] == 120
    assert (trends["load_average_before"], trends["load_weeks_before"]) == (240, 3)
    assert len(trends["heatmap"]) == 4 and trends["heatmap"][-1]["start"] == "2025-03-10"
    assert trends["heatmap"][-1]["levels"][:3] == [3, 0, 0] and trends["heatmap"][-1]["levels"][3:] == [None] * 4
    text = cli("status")
    assert text.code == 0 and "This week:" in text.out and "Streak:" in text.out


def test_status_on_an_empty_log(tmp_path, cli):
    from runstrength_tui.store.repo import Store

    Store(tmp_path / "fresh").close()
    result = cli("status", "--json", "--data-dir", tmp_path / "fresh")
    assert result.code == 0, result
    st = result.json()
    assert st["week"]["sessions"] == 0 and st["streak"] == {"current": 0, "best": 0} and st["warnings"] == []
    assert st["trends"]["weeks_logged"] == 1 and st["trends"]["sessions_average_before"] is None


def test_history_json(runner, cli):
    assert cli("log", "glute-bridge", "--reps", "15", "--pain").code == 0
    result = cli("history", "--json", "--weeks", "2")
    assert result.code == 0, result
    out = result.json()
    assert out["since"] == (TODAY - timedelta(weeks=2)).isoformat()
    rows = out["sessions"]
    assert [r["date"] for r in rows] == ["2025-02-27", "2025-03-03", "2025-03-06", "2025-03-10", "2025-03-12"]
    assert rows[0]["sets"] == 4 and rows[0]["exercises"] == ["Goblet squat", "Front plank"] and rows[0]["rpe"] == 6
    assert "pain" in rows[-1]["warnings"]
    text = cli("history", "--weeks", "2")
    assert text.code == 0 and text.out.splitlines()[0].startswith("2025-03-12")


def _without_ledger(files: dict) -> dict:
    main = json.loads(files["runstrength.json"])
    shown = main.pop("shown", {})
    return {**files, "runstrength.json": main}, shown


def test_read_commands_change_nothing_but_the_plan_ledger(runner, cli, folder_bytes):
    """Reading changes nothing in the log; `today` and `plan` keep what Today showed (the
    plan ledger, once a day: "missed" is then said only of a day that was shown)."""
    before, _ = _without_ledger(folder_bytes(runner))
    for args in (
        ["today"],
        ["plan"],
        ["status"],
        ["history"],
        ["profile"],
        ["export"],
        ["exercises"],
        ["show", "plank"],
        ["restore", "--list"],
    ):
        assert cli(*args).code == 0, args
    after, shown = _without_ledger(folder_bytes(runner))
    assert after == before
    today = cli("today", "--json").json()
    volume = sum(e["sets"] * (e["seconds"] or e["reps"][1]) for e in today["exercises"])
    assert list(shown.values()) == [{"date": "2025-03-12", "kind": today["kind"], "volume": volume}]
    again = folder_bytes(runner)
    for args in (["today"], ["plan"]):
        assert cli(*args).code == 0, args
    assert folder_bytes(runner) == again  # once a day: the first showing stands
