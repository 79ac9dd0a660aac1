"""Bad input: one clear line on stderr, exit status 2, nothing written."""

from __future__ import annotations

import pytest

LOG = ["log"]
CASES = {
    "unknown exercise": (LOG + ["goblet-sqat", "--reps", "12"], "goblet-squat"),
    "reps ten": (LOG + ["goblet-squat", "--reps", "ten"], "'ten'"),
    "reps 0": (LOG + ["goblet-squat", "--reps", "0"], "1 to 200"),
    "reps negative": (LOG + ["goblet-squat", "--reps", "-3"], "1 to 200"),
    "reps 201": (LOG + ["goblet-squat", "--reps", "201"], "201"),
    "reps 1.5": (LOG + ["goblet-squat", "--reps", "1.5"], "whole number"),
    "hold 3601": (LOG + ["plank", "--seconds", "3601"], "3600"),
    "hold 0": (LOG + ["plank", "--seconds", "0"], "Hold time"),
    "load heavy": (LOG + ["goblet-squat", "--reps", "12", "--load", "heavy"], "'heavy'"),
    "load 401kg": (LOG + ["goblet-squat", "--reps", "12", "--load", "401kg"], "400 kg"),
    "load 0": (LOG + ["goblet-squat", "--reps", "12", "--load", "0kg"], "more than 0"),
    "load 900lb": (LOG + ["goblet-squat", "--reps", "12", "--load", "900lb"], "lb"),
    "rpe 11": (LOG + ["goblet-squat", "--reps", "12", "--rpe", "11"], "RPE"),
    "rpe 0": (LOG + ["goblet-squat", "--reps", "12", "--rpe", "0"], "RPE"),
    "future date": (LOG + ["goblet-squat", "--reps", "12", "--date", "2025-03-13"], "future"),
    "not a date": (
        LOG + ["goblet-squat", "--reps", "12", "--date", "2025-02-30"],
        "does not exist: February 2025 has 28 days",
    ),
    "month 13": (LOG + ["goblet-squat", "--reps", "12", "--date", "2025-13-01"], "months go from 01 to 12"),
    "word date": (LOG + ["goblet-squat", "--reps", "12", "--date", "someday"], "YYYY-MM-DD, 'today' or 'yesterday'"),
    "arabic-indic reps": (LOG + ["goblet-squat", "--reps", "٣"], "whole number"),
    "fullwidth seconds": (LOG + ["plank", "--seconds", "３０"], "whole number"),
    "negative load": (LOG + ["goblet-squat", "--reps", "12", "--load", "-5kg"], "more than 0"),
    "m:ss too many seconds": (LOG + ["plank", "--seconds", "1:75"], "up to 59"),
    "reps on a hold": (LOG + ["plank", "--reps", "10"], "--seconds"),
    "seconds on reps": (LOG + ["goblet-squat", "--seconds", "30"], "--reps"),
    "reps and seconds": (LOG + ["plank", "--reps", "10", "--seconds", "30"], "not allowed"),
    "sets 0": (LOG + ["goblet-squat", "--reps", "12", "--sets", "0"], "Sets"),
    "sets 21": (LOG + ["goblet-squat", "--reps", "12", "--sets", "21"], "Sets"),
    "long note": (LOG + ["goblet-squat", "--reps", "12", "--note", "x" * 501], "500"),
    "level pro": (["profile", "--level", "pro"], "'pro'"),
    "target 4": (["profile", "--target", "4"], "Target"),
    "minutes 30": (["profile", "--minutes", "30"], "Minutes"),
    "race distance far": (["profile", "--race", "2030-01-01:far"], "YYYY-MM-DD:DISTANCE"),
    "runs without =": (["profile", "--runs", "mon"], "="),
    "run type": (["profile", "--runs", "mon=sprint"], "'sprint'"),
    "weeks 13": (["profile", "--weeks", "13"], "8 to 12"),
    "weeks 7": (["profile", "--weeks", "7"], "8 to 12"),
    "units stone": (["profile", "--units", "stone"], "kg or lb"),
    "exercises equipment": (["exercises", "--equipment", "barbell"], "'barbell'"),
    "equipment": (["profile", "--equipment", "barbell"], "'barbell'"),
    "block start": (["profile", "--block-start", "soon"], "YYYY-MM-DD"),
    "plan weeks": (["plan", "--weeks", "13"], "Weeks"),
    "history weeks": (["history", "--weeks", "zero"], "Weeks"),
    "unknown command": (["lgo", "plank"], "unknown command 'lgo'; did you mean log?"),
    "missing exercise": (["log"], "EXERCISE"),
    "unknown option": (["log", "plank", "--secs", "30"], "unrecognized"),
}


@pytest.fixture
def logged(data_dir, cli):
    """A data folder with a profile and a session in it."""
    assert cli("profile", "--level", "intermediate", "--equipment", "dumbbells").code == 0
    assert cli("log", "goblet-squat", "--reps", "12", "--load", "10kg", "--date", "2025-03-10").code == 0
    return data_dir


@pytest.mark.parametrize("args,hint", CASES.values(), ids=list(CASES))
def test_bad_input_exits_2_with_one_line_and_writes_nothing(logged, cli, folder_bytes, args, hint):
    before = folder_bytes(logged)
    result = cli(*args)
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    line = result.err_lines[0]
    assert line.startswith("runstrength: ")
    assert hint in line, line
    assert "Traceback" not in result.err
    assert folder_bytes(logged) == before


@pytest.mark.parametrize(
    "args",
    [
        CASES[k][0]
        for k in (
            "unknown exercise",
            "reps 0",
            "load heavy",
            "load 401kg",
            "future date",
            "reps on a hold",
            "level pro",
            "race distance far",
        )
    ],
    ids=[
        "unknown exercise",
        "reps 0",
        "load heavy",
        "load 401kg",
        "future date",
        "reps on a hold",
        "level pro",
        "race distance far",
    ],
)
def test_bad_input_on_a_new_folder_creates_nothing(tmp_path, cli, args):
    fresh = tmp_path / "fresh"
    result = cli(*args, "--data-dir", fresh)
    assert result.code == 2, result
    assert not fresh.exists()


def test_load_in_lb_is_checked_against_the_profile_units(logged, cli, folder_bytes):
    assert cli("profile", "--units", "lb").code == 0
    before = folder_bytes(logged)
    # 900 with the profile's lb is 408 kg: above the limit; 800 (363 kg) is fine.
    result = cli("log", "goblet-squat", "--reps", "12", "--load", "900", "--dry-run")
    assert result.code == 2 and "lb" in result.err
    assert cli("log", "goblet-squat", "--reps", "12", "--load", "800", "--dry-run").code == 0
    assert folder_bytes(logged) == before


@pytest.mark.parametrize("command", [["status"], ["log", "plank", "--seconds", "30"], ["today", "--json"]])
@pytest.mark.parametrize("pinned", ["2025-13-01", "tomorrow", "12/03/2025"])
def test_a_malformed_runstrength_today_is_bad_input(logged, cli, folder_bytes, monkeypatch, command, pinned):
    monkeypatch.setenv("RUNSTRENGTH_TODAY", pinned)
    before = folder_bytes(logged)
    result = cli(*command)
    assert result.code == 2 and len(result.err_lines) == 1
    assert "RUNSTRENGTH_TODAY" in result.err and repr(pinned) in result.err
    assert folder_bytes(logged) == before
