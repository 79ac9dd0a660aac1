"""Issue 26 minors: a mistyped command gets "did you mean", a load's unit typed apart gets how
to write it; one line, exit 2, as every bad input."""

from __future__ import annotations

import re


def test_a_mistyped_command_gets_did_you_mean(cli):
    result = cli("todya")
    assert result.code == 2 and "unknown command 'todya'; did you mean today?" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    result = cli("runs", "sett", "2025-03-01", "--kind", "easy")
    assert result.code == 2 and "did you mean set?" in result.err
    result = cli("exercises", "--kind", "zzz")
    assert result.code == 2 and "unknown --kind value 'zzz' (one of strength" in result.err


def test_a_load_with_its_unit_apart_says_how_to_write_it(cli, data_dir):
    result = cli("log", "goblet-squat", "--reps", "12", "--load", "12", "kilos")
    assert result.code == 2 and "--load 12kg" in result.err and "kilos" in result.err
    assert not data_dir.exists()  # nothing written


def test_plan_keeps_its_columns_under_long_names(cli):
    """The doses start in one column, a name longer than 28 characters included."""
    assert cli("--demo", "plan", "--weeks", "2").code == 0
    result = cli("--demo", "plan", "--weeks", "2")
    rows = [line for line in result.out.splitlines() if line.startswith("    ") and not line.startswith("    later")]
    starts = {re.search(r" (\d+ ×)", row).start(1) for row in rows}  # where each dose begins
    assert rows and len(starts) == 1, result.out


def test_status_says_what_a_streak_counts(cli):
    result = cli("--demo", "status")
    assert result.code == 0 and "in a row with 2+ sessions (best" in result.out, result.out
