"""`runs import` on real files written by real watches and apps (tests/data/watch, see the
NOTICE there). What each file holds was read once with independent readers (fitdecode
0.11 for FIT, gpxpy 1.6 for GPX, tcxreader for TCX) and is written down here; the app's
own output is checked against that, never against itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from runstrength_tui.store.run_import import FileProblem, NotARun, collect, read_activity_file

WATCH = Path(__file__).resolve().parent.parent / "data" / "watch"
NOW = datetime(2026, 12, 1, tzinfo=UTC)

# file -> runs in it: (UTC start, local offset from the file or None, km, timer seconds), by fitdecode
RUNS = {
    # Forerunner 110: header CRC 0x0000 (allowed by the protocol; garmin-fit-sdk refused it)
    "fitparse__2013-02-06-12-11-14.fit": [(datetime(2013, 2, 6, 12, 11, 14, tzinfo=UTC), None, 4.835, 2625.1)],
    # Stryd with developer fields
    "fitparse__developer-types-sample.fit": [(datetime(2017, 1, 17, 17, 6, 47, tzinfo=UTC), None, 6.754, 3424.0)],
    # fenix 2 multisport: generic, transition, run, transition, run, transition, bike: two run legs
    "fitparse__activity-large-fenxi2-multisport.fit": [
        (datetime(2015, 8, 29, 10, 36, 0, tzinfo=UTC), timedelta(hours=2), 2.245, 2294.8),
        (datetime(2015, 8, 29, 11, 14, 21, tzinfo=UTC), timedelta(hours=2), 12.74, 6764.5),
    ],
    # Forerunner 920XT triathlon (swim, bike, run, with transitions): the run leg
    "fitparse__sample_mulitple_header.fit": [
        (datetime(2018, 5, 27, 9, 23, 41, tzinfo=UTC), timedelta(hours=2), 9.806, 2850.7)
    ],
}
# Forerunner 70, compressed-timestamp records and times counted from switch-on: only the local
# wall time is known (activity.local_timestamp 2012-02-13 12:21:03, 3887 s after the start)
FR70 = "fitparse__compressed-speed-distance.fit"
FR70_LOCAL_START = datetime(2012, 2, 13, 11, 16, 16)

# read fine, not runs: skipped quietly (exit 0)
NOT_RUNS = {
    "fitdecode__garmin-fr935-cr.fit": "swim",
    "fitparse__event_timestamp.fit": "swim",
    "fitparse__2015-10-13-08-43-15.fit": "ride",  # Edge 200, header CRC 0
    "fitparse__Edge810-Vector-2013-08-16-15-35-10.fit": "ride",
    "fitparse__coros-pace-2-cycling-misaligned-fields.fit": "ride",
    "fitparse__elemnt-bolt-no-application-id-inside-developer-data-id.fit": "ride",
    "fitparse__garmin-edge-500-activity.fit": "ride",
    "fitparse__garmin-edge-820-bike.fit": "ride",
    "fitparse__null_compressed_speed_dist.fit": "ride",
    "fitparse__sample-activity-indoor-trainer.fit": "ride",
    "fitparse__sample-activity.fit": "ride",
    "fitparse__20170518-191602-1740899583.fit": "workout",  # fitness equipment
    "fitparse__MonitoringFile.fit": "file without an activity",
    "fitparse__Settings.fit": "file without an activity",
    "fitparse__WorkoutRepeatSteps.fit": "file without an activity",
    "fitparse__nametest.FIT": "file without an activity",
    "gpxpy__gpx_with_garmin_extension.gpx": "waypoint file",  # one waypoint, no track
    "gpxpy__around-visnjan-with-car.gpx": "untyped track too fast for a run",  # 2.7 km in 5 min
    "gpxpy__cerknicko-jezero.gpx": "untyped walk or hike",  # 4.6 km in 2 hours
    "gpxpy__korita-zbevnica.gpx": "untyped walk or hike",
    "gpxpy__track_with_speed.gpx": "untyped walk or hike",
    "tcxreader__cross-country-skiing_activity_1.tcx": "activity of another kind",  # Sport="Other"
    "tcxreader__sup_activity_1.tcx": "activity of another kind",
}

# cannot be read: one line each, naming what is wrong
PROBLEMS = {
    "fitparse__activity-filecrc.fit": "checksum",
    "fitparse__activity-activity-filecrc.fit": "checksum",
    "fitparse__nick.fit": "checksum",
    "fitparse__activity-settings-nodata.fit": "cut short",
    "fitparse__activity-settings-corruptheader.fit": "not FIT data",
    "fitparse__antfs-dump.63.fit": "no distance",  # Forerunner 70 with heart rate only
    "fitparse__Activity.fit": "too short",  # 10 m in 14 s (an SDK sample)
    "fitparse__garmin-fenix-5-run.fit": "too short",  # 160 m in 57 s
    "fitparse__DeveloperData.fit": "no activity",
    "gpxpy__Mojstrovka.gpx": "valid position and time",  # all but one point dated 1901
}


def test_every_file_in_the_corpus_is_accounted_for():
    names = {p.name for p in WATCH.iterdir() if p.suffix.lower() in (".fit", ".gpx", ".tcx")}
    assert names == set(RUNS) | {FR70} | set(NOT_RUNS) | set(PROBLEMS)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_real_runs_have_the_file_s_own_distance_duration_and_day(name):
    runs = read_activity_file(WATCH / name, NOW, zone=UTC)
    assert len(runs) == len(RUNS[name])
    for run, (start, offset, km, seconds) in zip(runs, RUNS[name]):
        assert run.distance_km == pytest.approx(km, rel=0.02)
        assert run.duration_s == pytest.approx(seconds, rel=0.02)
        assert run.start == start  # the same instant…
        local = start.astimezone(timezone(offset) if offset is not None else UTC)
        assert (run.start.utcoffset(), run.date) == (local.utcoffset(), local.date())  # …on the watch's own day


@pytest.mark.parametrize("zone", [timezone(timedelta(hours=9)), timezone(timedelta(hours=-8))])
def test_a_fit_offset_from_the_watch_wins_over_the_computer_s_zone(zone):
    [first, second] = read_activity_file(WATCH / "fitparse__activity-large-fenxi2-multisport.fit", NOW, zone=zone)
    assert first.start.isoformat() == "2015-08-29T12:36:00+02:00" and second.date == date(2015, 8, 29)


def test_compressed_timestamps_and_switch_on_times_are_read_on_the_local_day():
    # garmin-fit-sdk: "Compressed timestamp messages are not currently supported"
    [run] = read_activity_file(WATCH / FR70, NOW, zone=UTC)
    assert run.start.replace(tzinfo=None) == FR70_LOCAL_START and run.date == date(2012, 2, 13)
    assert run.distance_km == pytest.approx(10.249, rel=0.02) and run.duration_s == pytest.approx(3772.75, rel=0.02)
    assert run.laps == 11 and run.avg_hr == 170


@pytest.mark.parametrize("name", sorted(NOT_RUNS))
def test_rides_swims_walks_and_other_files_are_skipped_not_problems(name):
    with pytest.raises(NotARun) as caught:
        read_activity_file(WATCH / name, NOW, zone=UTC)
    assert caught.value.kind == NOT_RUNS[name]
    assert " 1 " not in str(caught.value) and "a other" not in str(caught.value)


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_unreadable_files_get_one_plain_sentence(name):
    with pytest.raises(FileProblem) as caught:
        read_activity_file(WATCH / name, NOW, zone=UTC)
    sentence = str(caught.value)
    assert PROBLEMS[name] in sentence and "\n" not in sentence and "FIT Runtime Error" not in sentence


def test_the_whole_folder_imports_with_exit_1_and_one_line_per_unreadable_file(tmp_path, cli):
    data = tmp_path / "data"
    result = cli("--data-dir", data, "runs", "import", WATCH)
    assert result.code == 1, result  # some files could not be read; the rest is imported
    assert len(result.err_lines) == len(PROBLEMS) and "Traceback" not in result.err
    assert all(line.startswith("runstrength: ") and any(n in line for n in PROBLEMS) for line in result.err_lines)
    assert result.out.splitlines()[0] == "Imported 6 runs (2012-02-13 to 2018-05-27)."
    assert result.out.splitlines()[1].startswith("Skipped, not runs: 9 rides, ")
    again = cli("--data-dir", data, "runs", "import", WATCH)
    assert again.code == 1 and again.out.splitlines()[0] == "Nothing new: all 6 runs were already there."


def test_only_runs_and_skips_give_exit_0(tmp_path, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in [*RUNS, FR70, *NOT_RUNS]:
        shutil.copy(WATCH / name, folder / name)
    result = cli("--data-dir", tmp_path / "data", "runs", "import", folder)
    assert result.code == 0 and result.err == "", result


def test_the_corpus_is_read_fast_and_the_fit_reader_is_not_loaded_by_today(tmp_path):
    """Start-up pays nothing for the importer: `today` loads none of its modules."""
    code = textwrap.dedent("""
        import sys
        from runstrength_tui.cli import run
        assert run(["--data-dir", sys.argv[1], "profile", "--level", "beginner"]) == 0
        assert run(["--data-dir", sys.argv[1], "today"]) == 0
        print(sorted(m for m in sys.modules if m.endswith(("run_import", "fit_reader", "safe_xml")) or m.startswith("xml.")))
    """)
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=False)
    assert out.stdout.strip().splitlines()[-1] == "[]", out


def test_a_utc_file_uses_the_computer_s_zone_from_tz(tmp_path):
    """A FIT file without local time (FR110) takes the computer's zone: with TZ=Asia/Tokyo
    its 12:11 UTC start is 21:11 the same day; with TZ=America/Los_Angeles 04:11."""
    code = textwrap.dedent(f"""
        import sys
        from datetime import datetime, UTC
        from pathlib import Path
        from runstrength_tui.store.run_import import read_activity_file
        [run] = read_activity_file(Path({str(WATCH / "fitparse__2013-02-06-12-11-14.fit")!r}), datetime(2026, 1, 1, tzinfo=UTC))
        print(run.start.isoformat())
    """)
    for tz, expected in (
        ("Asia/Tokyo", "2013-02-06T21:11:14+09:00"),
        ("America/Los_Angeles", "2013-02-06T04:11:14-08:00"),
    ):
        env = {**os.environ, "TZ": tz}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
        assert out.stdout.strip() == expected, out


def test_collect_reports_each_kind_once(tmp_path):
    found = collect([WATCH], NOW, zone=UTC)
    assert len(found.runs) == 6 and len(found.problems) == len(PROBLEMS)
    assert found.skipped_kinds["ride"] == 9 and found.skipped_kinds["swim"] == 2
