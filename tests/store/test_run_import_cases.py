"""`runs import`: each class of problem real files showed (issue 24) and hostile bytes
(issue 25: deep nesting, entities, NaN, special files), with files the tests write."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from run_files_maker import fit_bytes, gpx_text, strava_folder, tcx_text, write

from runstrength_tui.store.repo import Store
from runstrength_tui.store.run_import import FileProblem, NotARun, SomeRuns, collect, read_activity_file
from runstrength_tui.store.run_import import read_fit as read_fit_bytes
from runstrength_tui.store.run_log import RunLog

NOW = datetime(2025, 3, 12, 12, tzinfo=UTC)  # tests/conftest.py pins today to 2025-03-12
CET = timezone(timedelta(hours=1))
TOKYO = timezone(timedelta(hours=9))
SAT = datetime(2025, 3, 8, 8, 30, tzinfo=CET)
ROOT = Path(__file__).resolve().parents[2]


def stored_runs(folder):
    with Store(folder, write=False) as store:
        return RunLog(store).runs()


def _activities(tcx: str) -> str:
    return re.search(r"<Activity .*</Activity>", tcx, re.S).group(0)


def _tcx_file(*activities: str, multisport: bool = False) -> str:
    body = "".join(activities)
    if multisport:
        first, *rest = activities
        body = (
            "<MultiSportSession><Id>x</Id><FirstSport>"
            + first
            + "</FirstSport>"
            + "".join(f"<NextSport>{a}</NextSport>" for a in rest)
            + "</MultiSportSession>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f"<Activities>{body}</Activities></TrainingCenterDatabase>"
    )


# --- TCX ------------------------------------------------------------------------------------


def test_a_tcx_with_several_activities_gives_one_run_on_each_day(tmp_path):
    days = [(SAT - timedelta(days=4), 9.2, 3100), (SAT - timedelta(days=2), 7.2, 2500), (SAT, 11.5, 3900)]
    text = _tcx_file(*(_activities(tcx_text(start, km, s)) for start, km, s in days))
    runs = read_activity_file(write(tmp_path / "three.tcx", text), NOW, zone=CET)
    assert [(r.date, r.distance_km) for r in runs] == [
        (date(2025, 3, 4), 9.2),
        (date(2025, 3, 6), 7.2),
        (date(2025, 3, 8), 11.5),
    ]


def test_a_tcx_multisport_session_keeps_its_run_leg(tmp_path):
    bike1 = _activities(tcx_text(SAT, 20, 2400, sport="Biking"))
    run = _activities(tcx_text(SAT + timedelta(minutes=42), 5.0, 1500))
    bike2 = _activities(tcx_text(SAT + timedelta(minutes=70), 10, 1200, sport="Biking"))
    [leg] = read_activity_file(
        write(tmp_path / "duathlon.tcx", _tcx_file(bike1, run, bike2, multisport=True)), NOW, zone=CET
    )
    assert leg.distance_km == 5.0 and leg.duration_s == 1500 and leg.start == SAT + timedelta(minutes=42)


def test_a_tcx_time_with_its_own_offset_keeps_its_local_day_on_a_tokyo_computer(tmp_path):
    evening = datetime(2025, 3, 7, 18, 40, tzinfo=CET)  # Polar writes local times with +01:00
    path = write(tmp_path / "polar.tcx", tcx_text(evening, 8, 2700, time_suffix="+01:00"))
    [run] = read_activity_file(path, NOW, zone=TOKYO)
    assert run.date == date(2025, 3, 7) and run.start.isoformat() == "2025-03-07T18:40:00+01:00"
    # the same file, UTC alone ("Z"): then the computer's zone decides
    [utc] = read_activity_file(write(tmp_path / "utc.tcx", tcx_text(evening, 8, 2700)), NOW, zone=TOKYO)
    assert utc.date == date(2025, 3, 8) and utc.start.utcoffset() == timedelta(hours=9)


def test_tz_asia_tokyo_in_a_real_process_keeps_the_file_s_own_day(tmp_path, cli_proc):
    evening = datetime(2025, 3, 7, 18, 40, tzinfo=CET)
    write(tmp_path / "in" / "polar.tcx", tcx_text(evening, 8, 2700, time_suffix="+01:00"))
    write(
        tmp_path / "in" / "polar.gpx",
        gpx_text(evening - timedelta(days=2), 6, 2000).replace("Z</time>", "+01:00</time>"),
    )
    done = cli_proc("--data-dir", tmp_path / "data", "runs", "--json", "import", tmp_path / "in", TZ="Asia/Tokyo")
    assert done.returncode == 0, done
    assert sorted(r.date.isoformat() for r in stored_runs(tmp_path / "data")) == ["2025-03-05", "2025-03-07"]


def test_a_nan_distance_in_tcx_is_one_line(tmp_path):
    text = tcx_text(SAT, 10, 3000).replace(
        "<DistanceMeters>10000.0</DistanceMeters>", "<DistanceMeters>NaN</DistanceMeters>"
    )
    with pytest.raises(FileProblem, match="not a number"):
        read_activity_file(write(tmp_path / "nan.tcx", text), NOW, zone=CET)


# --- FIT laps, distance -------------------------------------------------------------------


SIX_BY_THREE = [(2.0, 720, "warmup")] + [(0.9, 180, "active"), (0.35, 120, "recovery")] * 6 + [(1.5, 560, "cooldown")]


def test_fit_laps_are_taken_by_order_so_a_clock_jump_keeps_the_intervals(tmp_path):
    km = sum(d for d, _, _ in SIX_BY_THREE)
    seconds = sum(s for _, s, _ in SIX_BY_THREE)
    data = fit_bytes(SAT, km, seconds, laps=SIX_BY_THREE, clock_jump=(2, timedelta(hours=-3)))
    [run] = read_activity_file(write(tmp_path / "jump.fit", data), NOW)
    assert run.laps == len(SIX_BY_THREE) and run.intervals is True


def test_fit_unmarked_intervals_are_found_by_pace_and_strides_are_not(tmp_path):
    plain = [(d, s, "active") for d, s, _ in SIX_BY_THREE]
    [intervals] = read_activity_file(write(tmp_path / "i.fit", fit_bytes(SAT, 12, 4000, laps=plain)), NOW)
    strides = [(1.0, 330, "active")] * 8 + [(0.1, 18, "active"), (0.1, 45, "active")] * 6
    [easy] = read_activity_file(write(tmp_path / "s.fit", fit_bytes(SAT, 9.2, 3018, laps=strides)), NOW)
    assert (intervals.intervals, easy.intervals) == (True, False)


def test_a_fit_session_without_distance_takes_the_sum_of_its_laps(tmp_path):
    laps = [(1.0, 300, "active")] * 12 + [(0.7, 210, "active")]
    data = fit_bytes(SAT, 12.7, 3810, laps=laps, session_distance=False)
    [run] = read_activity_file(write(tmp_path / "suunto.fit", data), NOW)
    assert run.distance_km == 12.7


def test_a_fit_with_header_crc_zero_is_read(tmp_path):
    data = bytearray(fit_bytes(SAT, 10, 3000))
    assert data[0] == 14
    data[12:14] = b"\x00\x00"  # "not computed", allowed by the protocol
    data[-2:] = _sdk_crc(bytes(data[:-2])).to_bytes(2, "little")  # the file CRC covers the header
    [run] = read_activity_file(write(tmp_path / "crc0.fit", bytes(data)), NOW)
    assert run.distance_km == 10.0


def _sdk_crc(data: bytes) -> int:
    """The file CRC as Garmin's SDK computes it (an independent implementation)."""
    from garmin_fit_sdk.crc_calculator import CrcCalculator

    return CrcCalculator.calculate_crc(data, 0, len(data))


def test_a_flipped_byte_in_a_fit_file_is_damage(tmp_path):
    data = bytearray(fit_bytes(SAT, 10, 3000))
    data[len(data) // 2] ^= 0xFF
    with pytest.raises(FileProblem, match="checksum"):
        read_activity_file(write(tmp_path / "flip.fit", bytes(data)), NOW)


# --- GPX --------------------------------------------------------------------------------------


def test_one_bad_gpx_point_is_skipped_not_the_run(tmp_path):
    text = gpx_text(SAT, 6, 2100)
    points = text.split("<trkpt ")
    points[10] = re.sub(r'lat="[^"]*" lon="[^"]*"', "", points[10], count=1)  # a point with no position
    points[20] = re.sub(r'lat="[^"]*"', 'lat="NaN"', points[20], count=1)
    points[30] = re.sub(r'lon="[^"]*"', 'lon="inf"', points[30], count=1)
    [run] = read_activity_file(write(tmp_path / "bad-point.gpx", "<trkpt ".join(points)), NOW, zone=CET)
    assert run.distance_km == pytest.approx(6, rel=0.02)


@pytest.mark.parametrize(
    ("km", "seconds", "verdict"),
    [
        (10, 3000, "run"),  # 5:00 min/km
        (10, 5700, "run"),  # 9:30 min/km
        (5, 3900, "walk"),  # 13:00 min/km
        (30, 3600, "ride"),  # 2:00 min/km
    ],
)
def test_an_untyped_gpx_is_a_run_only_at_a_running_pace(tmp_path, km, seconds, verdict):
    text = gpx_text(SAT, km, seconds, kind=None).replace("<name>Morning Run</name>", "<name>Track 12</name>")
    path = write(tmp_path / "untyped.gpx", text)
    if verdict == "run":
        [run] = read_activity_file(path, NOW, zone=CET)
        assert run.distance_km == pytest.approx(km, rel=0.02)
    else:
        with pytest.raises(NotARun) as caught:
            read_activity_file(path, NOW, zone=CET)
        assert caught.value.kind == (
            "untyped walk or hike" if verdict == "walk" else "untyped track too fast for a run"
        )


def test_a_gpx_route_is_not_a_run(tmp_path, data_dir, cli):
    route = (
        '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><rte><name>Plan</name>'
        '<rtept lat="52.0" lon="13.0"/><rtept lat="52.004" lon="13.0"/></rte></gpx>'
    )
    result = cli("runs", "import", write(tmp_path / "plan.gpx", route))
    assert result.code == 0 and result.err == "" and result.out.strip() == "Skipped, not runs: 1 planned route."
    assert not data_dir.exists()  # nothing imported: nothing created


@pytest.mark.parametrize(
    ("code", "word"), [("1", "ride"), ("4", "hike"), ("10", "walk"), ("99", "activity of another kind")]
)
def test_strava_gpx_type_codes_are_named_in_words(tmp_path, code, word):
    path = write(tmp_path / "s.gpx", gpx_text(SAT, 20, 3000, kind=code))
    with pytest.raises(NotARun) as caught:
        read_activity_file(path, NOW, zone=CET)
    assert caught.value.kind == word and code not in str(caught.value)


# --- Strava ------------------------------------------------------------------------------------


@pytest.fixture
def utc_computer(monkeypatch):
    """The computer's zone pinned to UTC for a test whose days come from UTC times."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_strava_s_older_export_with_a_lower_case_header_is_imported(tmp_path, data_dir, cli, utc_computer):
    # Strava's times are UTC and the computer's zone gives the day (in Tokyo the 17:00 UTC
    # run is the next morning's, as it should be): the test pins the zone
    folder = tmp_path / "export_old"
    write(folder / "activities" / "11.gpx", gpx_text(SAT - timedelta(days=3), 8, 2700))
    (folder / "activities.csv").write_text(
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n"
        "11,2025-03-05 07:30:00,Morning Run,Run,,2700,8000.0,false,,activities/11.gpx\n"
        "12,2025-03-06 17:00:00,Evening Run,Run,,1800,5.2,false,,\n"  # by hand, distance in km
        "13,2025-03-07 17:00:00,Ride,Ride,,3600,30000,false,,\n"
        "14,2025-03-07 18:00:00,Swim,Swim,,1800,1500,false,,\n"
        "15,2025-03-07 19:00:00,Other,Other,,1800,1500,false,,\n"
    )
    result = cli("runs", "import", folder)
    assert result.code == 0 and result.err == "", result
    assert result.out.splitlines() == [
        "Imported 2 runs (2025-03-05 to 2025-03-06).",
        "Skipped, not runs: 1 activity of another kind, 1 ride, 1 swim.",
    ]
    assert [(r.source, r.distance_km) for r in stored_runs(data_dir)] == [
        ("gpx", pytest.approx(8, rel=0.02)),
        ("strava", 5.2),
    ]


def test_strava_nan_and_huge_cells_are_one_line_each(tmp_path, data_dir, cli):
    folder = strava_folder(
        tmp_path / "export",
        [
            {"start": SAT - timedelta(days=1), "type": "Run", "km": 5.0, "seconds": 1650},
            {"start": SAT, "type": "Run", "km": 6.0, "seconds": 1900},
        ],
    )
    csv_text = (folder / "activities.csv").read_text().replace("5000.0", "nan")
    (folder / "activities.csv").write_text(csv_text)
    result = cli("runs", "import", folder)
    assert result.code == 1 and len(result.err_lines) == 1 and "Traceback" not in result.err, result
    assert "nothing to import; nothing" not in result.err
    assert [r.distance_km for r in stored_runs(data_dir)] == [6.0]
    (folder / "activities.csv").write_text(csv_text.replace("Run,Run", "Run," + "x" * 2_000_000, 1))
    huge = cli("runs", "import", folder)
    assert huge.code == 1 and len(huge.err_lines) == 1 and "Traceback" not in huge.err, huge


# --- exit codes and side effects ----------------------------------------------------------------


def test_nothing_is_created_in_a_folder_without_a_log_when_nothing_is_imported(tmp_path, cli):
    mistyped = tmp_path / "no-such-data"
    write(tmp_path / "ride.fit", fit_bytes(SAT, 40, 5400, sport="cycling"))
    write(tmp_path / "cut.fit", fit_bytes(SAT, 10, 3000)[:100])
    result = cli("--data-dir", mistyped, "runs", "import", tmp_path / "ride.fit", tmp_path / "cut.fit")
    assert result.code == 1 and not mistyped.exists(), result


# --- hostile bytes (issue 25) -------------------------------------------------------------------


def test_a_gpx_nested_200000_levels_is_refused_and_the_good_files_still_import(tmp_path, cli_proc):
    deep = (
        '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk>'
        + "<a>" * 200_000
        + "</a>" * 200_000
        + "</trk></gpx>"
    )
    write(tmp_path / "in" / "deep.gpx", deep)
    write(tmp_path / "in" / "good.gpx", gpx_text(SAT, 6, 2100))
    done = cli_proc("--data-dir", tmp_path / "data", "runs", "import", tmp_path / "in")
    assert done.returncode == 1, done  # not 139 (a segfault)
    assert len(done.stderr.splitlines()) == 1 and "nested more than 1000 levels" in done.stderr
    assert "Imported 1 run" in done.stdout


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file://{secret}">]>',
        '<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    ],
)
def test_xml_entities_are_never_resolved(tmp_path, doctype):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret-token-12345")
    text = gpx_text(SAT, 6, 2100, kind="&secret;&c;").replace("<gpx ", doctype.format(secret=secret) + "<gpx ", 1)
    with pytest.raises(FileProblem) as caught:
        read_activity_file(write(tmp_path / "xxe.gpx", text), NOW, zone=CET)
    assert "DOCTYPE" in str(caught.value) and "secret-token" not in str(caught.value)


def test_xxe_stays_refused_when_lxml_is_importable(tmp_path):
    """gpxpy prefers lxml when it can import it; the importer does not use gpxpy at all."""
    fake = tmp_path / "site" / "lxml"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "etree.py").write_text("raise RuntimeError('lxml must not be used')\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret-token-12345")
    gpx = write(
        tmp_path / "xxe.gpx",
        gpx_text(SAT, 6, 2100, kind="&secret;").replace(
            "<gpx ", f'<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file://{secret}">]><gpx ', 1
        ),
    )
    code = textwrap.dedent(f"""
        from datetime import datetime, UTC
        from pathlib import Path
        from runstrength_tui.store.run_import import collect
        found = collect([Path({str(gpx)!r})], datetime(2025, 3, 12, tzinfo=UTC))
        print(found.problems, found.not_runs)
    """)
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert done.returncode == 0 and "DOCTYPE" in done.stdout and "secret-token" not in done.stdout, done


def test_nan_and_inf_coordinates_everywhere_are_one_line(tmp_path):
    text = re.sub(r'lat="[^"]*"', 'lat="nan"', gpx_text(SAT, 6, 2100))
    with pytest.raises(FileProblem, match="valid position"):
        read_activity_file(write(tmp_path / "nan.gpx", text), NOW, zone=CET)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_never_opened_and_nothing_hangs(tmp_path, cli_proc):
    fifo = tmp_path / "in" / "run.fit"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    write(tmp_path / "in" / "good.fit", fit_bytes(SAT, 10, 3000))
    folder = strava_folder(
        tmp_path / "export", [{"start": SAT - timedelta(days=1), "type": "Run", "file": "activities/1.gpx"}]
    )
    (folder / "activities").mkdir()
    os.mkfifo(folder / "activities" / "1.gpx")
    done = cli_proc("--data-dir", tmp_path / "data", "runs", "import", fifo, tmp_path / "in", folder, timeout=30)
    assert done.returncode == 1, done
    # named on the command line or in activities.csv: one line each; met in a folder: passed over
    assert len(done.stderr.splitlines()) == 2 and all("not a regular file" in line for line in done.stderr.splitlines())
    assert "Imported 1 run" in done.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_symlink_to_a_device_is_refused_before_reading(tmp_path):
    link = tmp_path / "zero.gpx"
    link.symlink_to("/dev/zero")
    found = collect([link, Path("/dev/zero")], NOW)
    assert found.problems[0][1] == "it is not a regular file (a device, pipe or socket); only files are read"
    assert len(found.problems) == 2 and not found.runs


def test_an_oversized_file_is_refused_by_its_size(tmp_path, monkeypatch):
    from runstrength_tui.store import run_import

    monkeypatch.setattr(run_import, "MAX_FILE_BYTES", 1000)
    with pytest.raises(FileProblem, match="MB"):
        read_activity_file(write(tmp_path / "big.gpx", gpx_text(SAT, 6, 2100)), NOW)
    with pytest.raises(FileProblem, match="unpacks to more"):
        read_activity_file(write(tmp_path / "bomb.gpx.gz", b"<gpx>" + b" " * 100_000 + b"</gpx>", gz=True), NOW)


def _with_crc_fixed(data: bytearray) -> bytes:
    """Damage that the CRC would catch, made to pass it, so the reader meets it inside."""
    if len(data) > 14 and data[0] in (12, 14):
        end = data[0] + int.from_bytes(data[4:8], "little")
        if end + 2 <= len(data):
            if data[0] == 14:
                data[12:14] = b"\x00\x00"
            data[end : end + 2] = _sdk_crc(bytes(data[:end])).to_bytes(2, "little")
    return bytes(data)


_FIT_SEEDS = [fit_bytes(SAT, 12, 4000, laps=SIX_BY_THREE)] + [  # and the small real files
    p.read_bytes() for p in sorted((ROOT / "tests" / "data" / "watch").glob("*.fit")) if p.stat().st_size < 60_000
]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, len(_FIT_SEEDS) - 1),
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
    cut=st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_damaged_fit_bytes_give_a_sentence_never_an_exception(seed, edits, cut):
    data = bytearray(_FIT_SEEDS[seed])
    for where, value in edits:
        data[where % len(data)] = value
    if cut is not None:
        data = data[: cut % len(data)]
    try:
        read_fit_bytes(_with_crc_fixed(data), NOW, UTC)
    except (FileProblem, NotARun):
        pass


def test_an_unknown_xml_encoding_is_one_line(tmp_path):
    text = gpx_text(SAT, 6, 2100).replace('encoding="UTF-8"', 'encoding="NaN-8"', 1)
    assert 'encoding="NaN-8"' in text
    with pytest.raises(FileProblem, match="encoding"):
        read_activity_file(write(tmp_path / "enc.gpx", text), NOW, zone=CET)


def test_control_characters_from_names_cells_and_types_never_reach_the_terminal(tmp_path, data_dir, cli):
    write(tmp_path / "in" / "evil\x1b]0;pwned\x07.gpx", "not xml at all")
    write(tmp_path / "in" / "typed.gpx", gpx_text(SAT, 20, 3000, kind="\x1b[2Jcycling\x9b"))
    folder = strava_folder(
        tmp_path / "export",
        [
            {"start": SAT, "type": "Ride\x1b[31m", "km": 30.0, "seconds": 3600},
            {"start": SAT, "type": "Run", "km": float("nan"), "seconds": 3600},
        ],
    )
    result = cli("runs", "import", tmp_path / "in", folder)
    assert result.code == 1, result
    for text in (result.out, result.err):
        assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text), text
    assert "\\x1b]0;pwned\\x07" in result.err


def test_one_bad_activity_in_a_tcx_does_not_lose_the_others(tmp_path):
    good = _activities(tcx_text(SAT, 9.2, 3100))
    bad = _activities(tcx_text(SAT - timedelta(days=1), 7.2, 2500)).replace(
        "<DistanceMeters>7200.0</DistanceMeters>", "<DistanceMeters>inf</DistanceMeters>"
    )
    path = write(tmp_path / "two.tcx", _tcx_file(bad, good))
    with pytest.raises(SomeRuns, match="not a number; the file is damaged; its other runs were read") as caught:
        read_activity_file(path, NOW, zone=CET)
    assert [r.distance_km for r in caught.value.runs] == [9.2]
    found = collect([path], NOW, zone=CET)  # the good run is imported, the bad one is a problem
    assert [r.distance_km for r in found.runs] == [9.2] and len(found.problems) == 1


@pytest.mark.parametrize(
    ("name", "verdict"), [("Running 6/17/16 4:41 pm", "run"), ("Morning Ride", "ride"), ("Afternoon Walk", "walk")]
)
def test_an_untyped_gpx_track_s_name_says_what_it_was(tmp_path, name, verdict):
    text = gpx_text(SAT, 5, 4200, kind=None).replace("<name>Morning Run</name>", f"<name>{name}</name>")  # 14 min/km
    path = write(tmp_path / "named.gpx", text)
    if verdict == "run":  # a slow run the app called a run stays a run
        [run] = read_activity_file(path, NOW, zone=CET)
        assert run.distance_km == pytest.approx(5, rel=0.02)
    else:
        with pytest.raises(NotARun) as caught:
            read_activity_file(path, NOW, zone=CET)
        assert caught.value.kind == verdict


def test_a_fit_session_without_a_sport_takes_its_laps_sport(tmp_path):
    [run] = read_activity_file(write(tmp_path / "run.fit", fit_bytes(SAT, 10, 3000, session_sport=False)), NOW)
    assert run.distance_km == 10.0
    ride = fit_bytes(SAT, 40, 5400, sport="cycling", session_sport=False)
    with pytest.raises(NotARun, match="a ride"):
        read_activity_file(write(tmp_path / "ride.fit", ride), NOW)


@pytest.mark.parametrize("kind", ["running", "trail_running", "Laufen", "Course à pied", "9"])
def test_gpx_run_types_in_the_words_apps_write(tmp_path, kind):
    [run] = read_activity_file(write(tmp_path / "t.gpx", gpx_text(SAT, 6, 2100, kind=kind)), NOW, zone=CET)
    assert run.distance_km == pytest.approx(6, rel=0.02)
