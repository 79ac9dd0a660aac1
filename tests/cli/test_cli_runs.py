"""`runstrength runs`, `runs set`, and the service functions the planner will use."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from run_files_maker import fit_bytes, write

from runstrength_tui.service import runs as service_runs
from runstrength_tui.store.repo import Store

CET = timezone(timedelta(hours=1))
TODAY = date(2025, 3, 12)  # pinned by tests/conftest.py (a Wednesday)


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CET)


@pytest.fixture
def imported(tmp_path, data_dir, cli):
    """Two weeks of runs: easy Tue/Thu, long on Saturday, the last on Monday 2025-03-10."""
    folder = tmp_path / "watch"
    days = [
        date(2025, 2, 25),
        date(2025, 2, 27),
        date(2025, 3, 1),
        date(2025, 3, 4),
        date(2025, 3, 6),
        date(2025, 3, 8),
        date(2025, 3, 10),
    ]
    for d in days:
        km, secs = (21.1, 7080) if d.weekday() == 5 else (8.0, 2880)
        write(folder / f"{d}.fit", fit_bytes(at(d), km, secs))
    assert cli("runs", "import", folder).code == 0
    return data_dir


def test_runs_lists_a_line_per_day(imported, cli):
    result = cli("runs")
    assert result.code == 0
    assert result.out.splitlines() == [
        "2025-02-27 Thu: 8.0 km easy run, 48 min",
        "2025-03-01 Sat: 21.1 km long run, 1:58",
        "2025-03-04 Tue: 8.0 km easy run, 48 min",
        "2025-03-06 Thu: 8.0 km easy run, 48 min",
        "2025-03-08 Sat: 21.1 km long run, 1:58",
        "2025-03-10 Mon: 8.0 km easy run, 48 min",
    ]


def test_runs_json_has_the_promised_fields(imported, cli):
    out = cli("runs", "--weeks", "1", "--json").json()
    assert out["since"] == "2025-03-05"
    assert [r["date"] for r in out["runs"]] == ["2025-03-06", "2025-03-08", "2025-03-10"]
    first = out["runs"][1]
    assert {"date", "start", "distance_km", "duration_s", "kind", "source"} <= set(first)
    assert (first["start"], first["distance_km"], first["duration_s"], first["kind"], first["source"]) == (
        "2025-03-08T08:00:00+01:00",
        21.1,
        7080,
        "long",
        "fit",
    )


def test_runs_set_corrects_a_kind_and_auto_takes_it_back(imported, cli):
    result = cli("runs", "set", "2025-03-06", "--kind", "HARD")
    assert result.code == 0, result
    assert result.out.strip() == "2025-03-06: 8.0 km hard run, 48 min (set by you)."
    with Store(imported, write=False) as store:
        [r] = store.run_log().runs(date(2025, 3, 6), date(2025, 3, 6))
    assert (r.kind, r.kind_set_by_user) == ("hard", True)
    # a new import does not undo the correction
    write(imported.parent / "more" / "x.fit", fit_bytes(at(date(2025, 3, 11)), 5, 1800))
    assert cli("runs", "import", imported.parent / "more").code == 0
    assert "hard run" in cli("runs").out.splitlines()[3]
    assert (
        cli("runs", "set", "2025-03-06", "--kind", "auto").out.strip()
        == "2025-03-06: 8.0 km easy run, 48 min (automatic)."
    )


@pytest.mark.parametrize(
    "args, words",
    [
        (["runs", "set", "2025-03-07", "--kind", "hard"], "No imported run on 2025-03-07"),
        (["runs", "set", "2025-03-06", "--kind", "tempo"], "Kind must be one of easy, hard, long or auto"),
        (["runs", "set", "06/03/2025", "--kind", "hard"], "Date must be YYYY-MM-DD"),
        (["runs", "set", "2025-04-01", "--kind", "hard"], "in the future"),
        (["runs", "--weeks", "0"], "Weeks must be from 1 to 520"),
        (["runs", "set", "2025-03-06"], "--kind"),
        (["runs", "import"], "PATH"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(imported, cli, folder_bytes, args, words):
    before = folder_bytes(imported)
    result = cli(*args)
    assert result.code == 2 and len(result.err_lines) == 1, result
    assert words in result.err
    assert folder_bytes(imported) == before


def test_no_runs_yet(cli):
    result = cli("runs")
    assert result.code == 0 and "runstrength runs import" in result.out


def test_actual_days_knows_the_covered_span_at_its_edges(imported):
    monday = date(2025, 3, 10)
    with Store(imported, write=False) as store:
        week = service_runs.actual_days(store, monday, monday + timedelta(days=6))
        last_week = service_runs.actual_days(store, monday - timedelta(days=7), monday - timedelta(days=1))
    # covered up to the last imported run (Monday); the rest of this week stays the forecast
    assert week == {monday: "easy"}
    assert last_week == {
        date(2025, 3, 3): "rest",
        date(2025, 3, 4): "easy",
        date(2025, 3, 5): "rest",
        date(2025, 3, 6): "easy",
        date(2025, 3, 7): "rest",
        date(2025, 3, 8): "long",
        date(2025, 3, 9): "rest",
    }


def test_running_notes_from_the_store(imported):
    from runstrength_tui.domain import running_guard

    day = date(2025, 3, 9)  # Sunday after the Saturday long run that the declared week called easy
    with Store(imported, write=False) as store:
        runs = service_runs.runs_between(store, day - timedelta(weeks=6), day)  # what the coach's context reads
    # the review's running-load check and a strength session's after-hard-run check (domain.coach, through the guard's RULES)
    notes = running_guard.running_load(day, runs) + running_guard.after_hard_run(day, runs, "easy")
    assert [n.code for n in notes] == ["after-hard-run"]


def test_start_up_commands_never_import_the_parsers(child_kw, data_dir):
    import subprocess
    import sys

    code = (
        "import sys; from runstrength_tui.cli import run; run(['runs']); run(['status']); run(['today']); "
        "print(sorted(m for m in ('textual', 'gpxpy', 'garmin_fit_sdk', 'tcxreader') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, **child_kw)
    assert out.stdout.strip().splitlines()[-1] == "[]", out
