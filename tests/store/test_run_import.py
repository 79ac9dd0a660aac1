"""`runstrength runs import`: FIT, GPX, TCX, gzip variants, a Strava export folder, and
hostile files (each one line, nothing written), on real files in tmp_path."""

from __future__ import annotations

import gzip
import json
import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from run_files_maker import fit_bytes, gpx_text, strava_folder, tcx_text, write

from runstrength_tui.store.repo import Store
from runstrength_tui.store.run_log import RunLog

# tests/conftest.py pins today to 2025-03-12
CET = timezone(timedelta(hours=1))
SAT = datetime(2025, 3, 8, 8, 30, tzinfo=CET)  # a Saturday morning, local time


@pytest.fixture(autouse=True)
def berlin_time(monkeypatch):
    """GPX and TCX times are UTC: they are shown in the computer's time zone, fixed here."""
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def stored_runs(folder):
    with Store(folder, write=False) as store:
        return RunLog(store).runs()


def test_a_fit_file_becomes_one_run_with_its_local_date_and_numbers(tmp_path, data_dir, cli):
    path = write(tmp_path / "in" / "sat.fit", fit_bytes(SAT, 21.1, 7080, avg_hr=150))
    result = cli("runs", "import", path)
    assert result.code == 0, result
    assert result.out.strip() == "Imported 1 run (2025-03-08)."
    [run] = stored_runs(data_dir)
    assert (run.date, run.start.isoformat(), run.distance_km, run.duration_s, run.avg_hr, run.source) == (
        date(2025, 3, 8),
        "2025-03-08T08:30:00+01:00",
        21.1,
        7080,
        150,
        "fit",
    )
    assert (data_dir / "runs-2025.json").exists()


def test_fit_local_time_comes_from_the_watch_not_the_computer(tmp_path, data_dir, cli):
    # 23:30 UTC on Friday is already Saturday in Sydney (UTC+11): the watch said so
    late = datetime(2025, 3, 7, 23, 30, tzinfo=UTC)
    path = write(tmp_path / "sydney.fit", fit_bytes(late, 10, 3000, local_offset=timedelta(hours=11)))
    assert cli("runs", "import", path).code == 0
    [run] = stored_runs(data_dir)
    assert run.date == date(2025, 3, 8) and run.start.utcoffset() == timedelta(hours=11)


@pytest.mark.parametrize("gz", [False, True])
def test_gpx_and_tcx_files_and_their_gzip_variants(tmp_path, data_dir, cli, gz):
    suffix = ".gz" if gz else ""
    write(tmp_path / "in" / f"tue.gpx{suffix}", gpx_text(SAT - timedelta(days=4), 8.0, 2880, hr=138), gz=gz)
    write(tmp_path / "in" / f"thu.tcx{suffix}", tcx_text(SAT - timedelta(days=2), 10.0, 3300, hr=141), gz=gz)
    write(tmp_path / "in" / f"sat.fit{suffix}", fit_bytes(SAT, 21.1, 7080), gz=gz)
    (tmp_path / "in" / "notes.txt").write_text("not an activity")  # other files in a folder are ignored
    result = cli("runs", "import", tmp_path / "in")
    assert result.code == 0, result
    runs = stored_runs(data_dir)
    assert [(r.date.isoformat(), r.source) for r in runs] == [
        ("2025-03-04", "gpx"),
        ("2025-03-06", "tcx"),
        ("2025-03-08", "fit"),
    ]
    gpx, tcx, fit = runs
    assert gpx.distance_km == pytest.approx(8.0, abs=0.05) and gpx.avg_hr == 138
    assert gpx.start.isoformat() == "2025-03-04T08:30:00+01:00"  # UTC shown in the computer's zone
    assert tcx.distance_km == 10.0 and tcx.duration_s == 3300 and tcx.avg_hr == 141
    assert fit.kind == "long"


def test_strava_export_folder_reads_the_files_it_names_and_its_manual_runs(tmp_path, data_dir, cli):
    folder = strava_folder(
        tmp_path / "export_123",
        [
            {
                "start": SAT - timedelta(days=5),
                "type": "Run",
                "file": "activities/101.gpx",
                "payload": gpx_text(SAT - timedelta(days=5), 6.0, 2100),
            },
            {
                "start": SAT - timedelta(days=3),
                "type": "Run",
                "file": "activities/102.fit.gz",
                "payload": fit_bytes(SAT - timedelta(days=3), 9.0, 3000),
            },
            {
                "start": SAT - timedelta(days=2),
                "type": "Ride",
                "file": "activities/103.gpx",
                "payload": gpx_text(SAT - timedelta(days=2), 40, 5400, kind="cycling"),
            },
            {
                "start": SAT - timedelta(days=1),
                "type": "Run",
                "km": 5.0,
                "seconds": 1650,
                "hr": "131.5",
            },  # entered by hand: no file
            {
                "start": SAT,
                "type": "Run",
                "file": "activities/105.tcx.gz",
                "payload": "   " + tcx_text(SAT, 18.0, 6300),
            },
        ],
    )
    result = cli("runs", "import", folder)
    assert result.code == 0, result
    runs = stored_runs(data_dir)
    assert [(r.date.isoformat(), r.source, r.distance_km) for r in runs] == [
        ("2025-03-03", "gpx", pytest.approx(6.0, abs=0.05)),
        ("2025-03-05", "fit", 9.0),
        ("2025-03-07", "strava", 5.0),
        ("2025-03-08", "tcx", 18.0),
    ]
    assert runs[2].duration_s == 1650 and runs[2].avg_hr == 132
    assert result.err == ""  # a ride is skipped quietly: not a problem
    assert result.out.splitlines() == ["Imported 4 runs (2025-03-03 to 2025-03-08).", "Skipped, not runs: 1 ride."]


def test_the_same_run_from_the_watch_and_from_strava_is_kept_once(tmp_path, data_dir, cli):
    write(tmp_path / "watch" / "sat.fit", fit_bytes(SAT, 21.1, 7080))
    folder = strava_folder(
        tmp_path / "strava",
        [
            {
                "start": SAT + timedelta(seconds=20),
                "type": "Run",
                "file": "activities/1.gpx",
                "payload": gpx_text(SAT + timedelta(seconds=20), 21.05, 7080),
            },
        ],
    )
    result = cli("runs", "import", tmp_path / "watch", folder)
    assert result.code == 0, result
    assert result.out.strip() == "Imported 1 run (2025-03-08); 1 was already there."
    assert len(stored_runs(data_dir)) == 1


# --- hostile files: one line each, nothing written --------------------------------------------


def _hostile_cases(tmp_path):
    good = fit_bytes(SAT, 10, 3000)
    return {
        "truncated FIT": write(tmp_path / "cut.fit", good[: len(good) // 2]),
        "non-running FIT": write(tmp_path / "ride.fit", fit_bytes(SAT, 40, 5400, sport="cycling")),
        "non-running GPX": write(tmp_path / "swim.gpx", gpx_text(SAT, 2, 2400, kind="swimming")),
        "non-running TCX": write(tmp_path / "bike.tcx", tcx_text(SAT, 30, 3600, sport="Biking")),
        "wrong time zone FIT": write(tmp_path / "tz.fit", fit_bytes(SAT, 10, 3000, local_offset=timedelta(hours=20))),
        "wrong time zone TCX": write(tmp_path / "tz.tcx", tcx_text(SAT, 10, 3000, time_suffix="+20:00")),
        "future run": write(tmp_path / "future.gpx", gpx_text(datetime(2031, 1, 1, 8, tzinfo=UTC), 10, 3000)),
        "not gzip": write(tmp_path / "bad.gpx.gz", b"plain text, not gzip"),
        "not XML": write(tmp_path / "bad.tcx", "<TrainingCenterDatabase><Activities>"),
        "not a FIT": write(tmp_path / "text.fit", b"hello, I am not a FIT file"),
        "missing": tmp_path / "nowhere.fit",
    }


@pytest.mark.parametrize(
    "case",
    [
        "truncated FIT",
        "non-running FIT",
        "non-running GPX",
        "non-running TCX",
        "wrong time zone FIT",
        "wrong time zone TCX",
        "future run",
        "not gzip",
        "not XML",
        "not a FIT",
        "missing",
    ],
)
def test_a_hostile_file_gets_one_line_and_nothing_is_written(tmp_path, data_dir, cli, folder_bytes, case):
    path = _hostile_cases(tmp_path)[case]
    assert cli("profile", "--level", "beginner").code == 0  # a data folder that exists already
    before = folder_bytes(data_dir)
    result = cli("runs", "import", path)
    assert "Traceback" not in result.err
    if case.startswith("non-running"):  # read fine, not a run: skipped quietly, exit 0
        assert result.code == 0 and result.err == "", result
        assert result.out.startswith("Skipped, not runs: 1 "), result
    else:  # 1: a file could not be read; 2 only for a path that is not there (a usage error)
        assert len(result.err_lines) == 1, result
        assert str(path.name) in result.err_lines[0]
        assert result.code == (2 if case == "missing" else 1), result
    assert folder_bytes(data_dir) == before


def test_hostile_files_do_not_stop_the_good_ones(tmp_path, data_dir, cli):
    cases = _hostile_cases(tmp_path / "bad")
    write(tmp_path / "bad" / "good.fit", fit_bytes(SAT, 10, 3000))
    result = cli("runs", "import", tmp_path / "bad")
    assert result.code == 1, result
    unreadable = [c for c in cases if not c.startswith("non-running") and c != "missing"]
    assert len(result.err_lines) == len(unreadable)  # one line for each bad file, none for the good one
    assert [r.distance_km for r in stored_runs(data_dir)] == [10.0]
    assert "Skipped, not runs: 1 hike" not in result.out and "Skipped, not runs:" in result.out


def test_a_missing_path_is_a_usage_error_and_nothing_is_read(tmp_path, data_dir, cli):
    write(tmp_path / "good.fit", fit_bytes(SAT, 10, 3000))
    result = cli("runs", "import", tmp_path / "good.fit", tmp_path / "nowhere.fit")
    assert result.code == 2 and len(result.err_lines) == 1 and "nowhere.fit" in result.err
    assert not data_dir.exists() or not list(data_dir.glob("runs-*.json"))


def test_importing_again_is_a_no_op(tmp_path, data_dir, cli, folder_bytes):
    write(tmp_path / "in" / "a.fit", fit_bytes(SAT, 10, 3000))
    write(tmp_path / "in" / "b.gpx", gpx_text(SAT - timedelta(days=2), 8, 2800))
    assert cli("runs", "import", tmp_path / "in").code == 0
    before = folder_bytes(data_dir)
    result = cli("runs", "import", tmp_path / "in")
    assert result.code == 0 and result.err == ""
    assert result.out.strip() == "Nothing new: all 2 runs were already there."
    assert folder_bytes(data_dir) == before


def test_runs_are_in_backups_and_survive_export_and_import(tmp_path, data_dir, cli):
    import tarfile

    write(tmp_path / "in" / "a.fit", fit_bytes(SAT, 10, 3000))
    write(tmp_path / "in" / "old.fit", fit_bytes(SAT - timedelta(days=400), 12, 3900))
    assert cli("runs", "import", tmp_path / "in").code == 0
    assert cli("runs", "set", "2025-03-08", "--kind", "hard").code == 0
    with Store(data_dir) as store:
        backup = store.backup(label="test")
    with tarfile.open(backup) as tar:
        assert {"runs-2024.json", "runs-2025.json"} <= set(tar.getnames())

    export = tmp_path / "log.json"
    assert cli("export", "-o", export).code == 0
    bundle = json.loads(export.read_text())
    assert [(r["date"], r["kind"], r["kind_set_by_user"]) for r in bundle["runs"]] == [
        ("2024-02-02", "easy", False),
        ("2025-03-08", "hard", True),
    ]
    other = tmp_path / "other"
    result = cli("--data-dir", other, "import", export)
    assert result.code == 0, result
    assert "Imported 2 runs (0 were already there)." in result.out
    assert [r.to_doc() for r in stored_runs(other)] == [r.to_doc() for r in stored_runs(data_dir)]
    again = cli("--data-dir", other, "import", export)
    assert "Imported 0 runs (2 were already there)." in again.out


def test_an_export_with_a_bad_run_is_refused_whole(tmp_path, data_dir, cli, folder_bytes):
    write(tmp_path / "a.fit", fit_bytes(SAT, 10, 3000))
    assert cli("runs", "import", tmp_path / "a.fit").code == 0
    export = tmp_path / "log.json"
    assert cli("export", "-o", export).code == 0
    bundle = json.loads(export.read_text())
    bundle["runs"][0]["distance_km"] = -3
    export.write_text(json.dumps(bundle))
    other = tmp_path / "other"
    result = cli("--data-dir", other, "import", export)
    assert result.code == 2 and len(result.err_lines) == 1
    assert "Run #1" in result.err and "distance_km" in result.err
    assert not (other / "runs-2025.json").exists()


def test_a_restore_brings_back_the_runs_files(tmp_path, data_dir, cli):
    write(tmp_path / "a.fit", fit_bytes(SAT, 10, 3000))
    assert cli("runs", "import", tmp_path / "a.fit").code == 0
    with Store(data_dir) as store:
        store.backup(label="mine")
    write(tmp_path / "b.fit", fit_bytes(SAT - timedelta(days=1), 7, 2400))
    assert cli("runs", "import", tmp_path / "b.fit").code == 0
    assert len(stored_runs(data_dir)) == 2
    assert cli("restore", "--yes").code == 0
    assert [r.distance_km for r in stored_runs(data_dir)] == [10.0]


def test_a_damaged_runs_file_is_refused_and_kept(tmp_path, data_dir, cli):
    write(tmp_path / "a.fit", fit_bytes(SAT, 10, 3000))
    assert cli("runs", "import", tmp_path / "a.fit").code == 0
    (data_dir / "runs-2025.json").write_text('{"runs": {"1": ')
    result = cli("runs")
    assert result.code == 1 and len(result.err_lines) == 1
    assert "runs-2025.json is damaged" in result.err
    assert (data_dir / "runs-2025.json").read_text() == '{"runs": {"1": '


def test_a_run_file_with_a_bad_document_is_refused_in_one_line(tmp_path, data_dir, cli):
    write(tmp_path / "a.fit", fit_bytes(SAT, 10, 3000))
    assert cli("runs", "import", tmp_path / "a.fit").code == 0
    path = data_dir / "runs-2025.json"
    tables = json.loads(path.read_text())
    del tables["runs"]["1"]["distance_km"]
    path.write_text(json.dumps(tables))
    result = cli("runs")
    assert result.code == 1 and len(result.err_lines) == 1 and "Traceback" not in result.err
    assert "runs-2025.json is damaged" in result.err and "runstrength restore" in result.err


def test_import_writes_each_year_file_in_one_atomic_replace(tmp_path, data_dir, cli):
    for i in range(30):
        write(tmp_path / "in" / f"{i}.fit", fit_bytes(SAT - timedelta(days=i * 20), 8 + i % 5, 2700))
    assert cli("runs", "import", tmp_path / "in").code == 0
    years = sorted(p.name for p in data_dir.glob("runs-*.json"))
    assert years == ["runs-2023.json", "runs-2024.json", "runs-2025.json"]
    assert not list(data_dir.glob(".runs-*.tmp"))
    for name in years:
        tables = json.loads((data_dir / name).read_text())
        assert set(tables) == {"runs"} and all(d["date"].startswith(name[5:9]) for d in tables["runs"].values())


def test_gzip_bomb_guard_and_plain_gzip_round_trip(tmp_path):
    from runstrength_tui.store.run_import import read_activity_file

    path = write(tmp_path / "a.gpx.gz", gpx_text(SAT, 5, 1500), gz=True)
    [run] = read_activity_file(path, datetime(2025, 3, 12, tzinfo=UTC))
    assert run.distance_km == pytest.approx(5, abs=0.05)
    assert gzip.decompress(path.read_bytes()).startswith(b"<?xml")
