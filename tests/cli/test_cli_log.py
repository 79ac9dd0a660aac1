"""`runstrength log`: sets go into the day's session; --dry-run shows the guard's codes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runstrength_tui.store.repo import Store

TODAY = date(2025, 3, 12)  # pinned by tests/conftest.py (a Wednesday)
RUNNER = dict(
    level="intermediate",
    equipment=("dumbbells",),
    target=2,
    runs=("rest", "easy", "hard", "rest", "easy", "long", "rest"),
)


def stored(folder):
    with Store(folder, write=False) as store:
        return store.sessions(), store.sets()


def test_log_writes_n_identical_sets_into_the_days_session(data_dir, cli):
    result = cli(
        "log",
        "goblet-squat",
        "--sets",
        "3",
        "--reps",
        "15",
        "--load",
        "12.5kg",
        "--rpe",
        "7",
        "--note",
        "easy",
        "--json",
    )
    assert result.code == 0, result
    out = result.json()
    assert {"logged", "warnings"} <= set(out)
    assert isinstance(out["warnings"], list)
    sessions, sets = stored(data_dir)
    assert [s.id for s in sets] == [d["id"] for d in out["logged"]]
    assert len(sets) == 3 and len(sessions) == 1
    assert {(s.exercise, s.reps, s.seconds, s.load_kg, s.unit, s.rpe, s.note, s.date, s.session) for s in sets} == {
        ("goblet-squat", 15, None, 12.5, "kg", 7, "easy", TODAY, sessions[0].id)
    }

    # a second log on the same date joins the same session
    assert cli("log", "plank", "--seconds", "35").code == 0
    sessions, sets = stored(data_dir)
    assert len(sessions) == 1 and len(sets) == 4
    assert {s.session for s in sets} == {sessions[0].id}
    assert [s.seconds for s in sets if s.exercise == "plank"] == [35]


def test_defaults_are_one_set_of_the_catalog_dose(data_dir, cli):
    assert cli("log", "plank").code == 0
    assert cli("log", "glute-bridge").code == 0
    _, sets = stored(data_dir)
    by = {s.exercise: s for s in sets}
    assert by["plank"].seconds == 30 and by["plank"].reps is None
    assert by["glute-bridge"].reps == 12 and by["glute-bridge"].load_kg is None


def test_a_past_date_gets_its_own_session_and_a_later_log_joins_it(data_dir, cli):
    assert cli("log", "glute-bridge", "--reps", "15").code == 0
    assert cli("log", "glute-bridge", "--reps", "15", "--date", "2025-03-10").code == 0
    assert cli("log", "plank", "--seconds", "30", "--date", "2025-03-10").code == 0
    sessions, sets = stored(data_dir)
    assert sorted(s.date for s in sessions) == [date(2025, 3, 10), TODAY]
    monday = next(s for s in sessions if s.date == date(2025, 3, 10))
    assert sorted(s.exercise for s in sets if s.session == monday.id) == ["glute-bridge", "plank"]
    assert all(s.date == s_date for s in sets for s_date in [next(x.date for x in sessions if x.id == s.session)])


def test_lb_loads_are_kept_in_lb_and_stored_in_kg(data_dir, cli):
    out = cli("log", "goblet-squat", "--reps", "12", "--load", "25lb", "--json").json()
    [doc] = out["logged"]
    assert doc["unit"] == "lb" and doc["load_kg"] == pytest.approx(11.34, abs=0.01)
    text = cli("log", "goblet-squat", "--reps", "12", "--load", "25lb")
    assert "@ 25 lb" in text.out


def test_dry_run_writes_nothing(data_dir, cli, tmp_path, folder_bytes):
    fresh = tmp_path / "fresh"
    result = cli("log", "goblet-squat", "--reps", "12", "--load", "10kg", "--dry-run", "--json", "--data-dir", fresh)
    assert result.code == 0, result
    assert not fresh.exists()
    out = result.json()
    assert out["logged"] == [] and out["dry_run"] is True

    assert cli("log", "goblet-squat", "--reps", "12", "--load", "10kg").code == 0
    before = folder_bytes(data_dir)
    result = cli("log", "goblet-squat", "--sets", "2", "--reps", "12", "--load", "14kg", "--dry-run")
    assert result.code == 0 and result.out.startswith("Would log 2 × 12")
    assert folder_bytes(data_dir) == before


# --- the guard through --dry-run, on histories written with the Store API ----------------


def steady(h, weeks=5, load=10.0, until=TODAY - timedelta(days=2)):
    """Mondays and Thursdays: 2 × 12 goblet squats and 2 × 15 glute bridges."""
    day = until - timedelta(weeks=weeks)
    while day <= until:
        if day.weekday() in (0, 3):
            h.session(day, ("goblet-squat", 2, 12, None, load), ("glute-bridge", 2, 15, None, None))
        day += timedelta(days=1)


def codes(cli, *args):
    result = cli("log", *args, "--dry-run", "--json")
    assert result.code == 0, result
    return [w["code"] for w in result.json()["warnings"]]


@pytest.fixture
def steady_runner(data_dir, history):
    with history() as h:
        h.profile(**RUNNER)
        steady(h)
    return data_dir


def test_steady_history_gives_no_warning(steady_runner, cli):
    assert codes(cli, "goblet-squat", "--reps", "12", "--load", "10kg") == []
    assert codes(cli, "goblet-squat", "--reps", "13", "--load", "11kg") == []


def test_load_jump_10_to_14kg(steady_runner, cli):
    assert codes(cli, "goblet-squat", "--reps", "12", "--load", "14kg") == ["load-jump"]


def test_pain(steady_runner, cli):
    assert codes(cli, "goblet-squat", "--reps", "12", "--load", "10kg", "--pain") == ["pain"]


def test_comeback_after_20_days_off(data_dir, history, cli):
    with history() as h:
        h.profile(**RUNNER)
        steady(h, until=TODAY - timedelta(days=20))
    assert codes(cli, "goblet-squat", "--reps", "12", "--load", "10kg") == ["comeback"]


def test_plyometric_for_a_beginner(data_dir, history, cli):
    with history() as h:
        h.profile(level="beginner", runs=("rest",) * 7)
    assert codes(cli, "pogo-hops", "--reps", "10") == ["level-mismatch"]


def test_dry_run_matches_what_a_real_log_stores(steady_runner, cli):
    dry = codes(cli, "goblet-squat", "--reps", "12", "--load", "14kg")
    real = cli("log", "goblet-squat", "--reps", "12", "--load", "14kg", "--json").json()
    assert [w["code"] for w in real["warnings"]] == dry
    assert real["logged"][0]["warnings"] == dry
    # shown once per session: the next set of the same jump stays quiet
    assert codes(cli, "goblet-squat", "--reps", "12", "--load", "14kg") == []


# --- forgiving input ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Plank", "front plank", "FRONT-PLANK"])
def test_show_and_log_take_names_in_any_case(data_dir, cli, name):
    shown = cli("show", name)
    assert shown.code == 0 and shown.out.startswith("Front plank"), shown
    logged = cli("log", name, "--seconds", "30", "--json")
    assert logged.code == 0 and logged.json()["logged"][0]["exercise"] == "plank"


def test_seconds_as_minutes_and_seconds(data_dir, cli):
    result = cli("log", "plank", "--seconds", "1:30", "--json")
    assert result.code == 0 and result.json()["logged"][0]["seconds"] == 90


def test_date_words(data_dir, cli):
    import os

    today = date.fromisoformat(os.environ["RUNSTRENGTH_TODAY"])
    result = cli("log", "goblet-squat", "--reps", "12", "--date", "yesterday", "--json")
    assert result.code == 0, result
    assert result.json()["logged"][0]["date"] == (today - timedelta(days=1)).isoformat()


def test_a_past_day_logged_from_the_cli_is_not_left_open(data_dir, cli):
    from runstrength_tui.store.repo import Store

    assert cli("log", "goblet-squat", "--reps", "12", "--date", "yesterday").code == 0
    with Store(data_dir, write=False) as store:
        assert store.open_session() is None  # the app will not call it "never finished"
        assert [s.ended_at is not None for s in store.sessions()] == [True]


def test_units_lbs_and_singular_equipment(data_dir, cli):
    result = cli("profile", "--units", "lbs", "--equipment", "dumbbell,kettlebells", "--json")
    assert result.code == 0, result
    assert result.json()["units"] == "lb" and result.json()["equipment"] == ["dumbbells", "kettlebell"]
    listed = cli("exercises", "--equipment", "Dumbbell", "--json")
    assert listed.code == 0 and listed.json()["exercises"]


def test_default_measure_is_said_out_loud(data_dir, cli):
    result = cli("log", "plank")
    assert result.code == 0
    assert "No --seconds given" in result.err and "30 s" in result.err


def test_help_says_no_command_opens_the_app(cli):
    from runstrength_tui.cli import build_parser

    text = build_parser().format_help()
    assert "With no COMMAND, runstrength opens the app" in " ".join(text.split())


def test_warnings_in_text_output_are_words(data_dir, cli):
    logged = cli("log", "goblet-squat", "--reps", "12", "--pain")
    assert logged.code == 0 and "warning · pain:" in logged.err and "[pain]" not in logged.err
    history = cli("history")
    assert "pain" in history.out and "[" not in history.out


def test_a_line_that_opens_the_app_parses_the_same_without_the_commands():
    from runstrength_tui.cli.parser import build_parser, opens_app

    for line in (
        [],
        ["--demo"],
        ["--data-dir", "/x"],
        ["--data-dir=/y", "--demo"],
        ["--data-dir", "log"],
        ["--data-dir", "/a", "--data-dir", "/b"],
    ):
        assert opens_app(line), line
        assert vars(build_parser(commands=False).parse_args(line)) == vars(build_parser().parse_args(line)), line
    for line in (["log"], ["--help"], ["--version"], ["--data-dir"], ["--data-dir", "--demo"], ["--dem"], ["-h"]):
        assert not opens_app(line), line
