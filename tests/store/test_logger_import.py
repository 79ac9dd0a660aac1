"""Strong and Hevy CSV exports into `runstrength import`: detected by header, names mapped
to the catalog (the rest reported and left out), loads in their unit, all or nothing, and
a second import adds nothing.

The sample files are written here from the apps' published column lists, with made-up
workouts: no real person's export is in the repository.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from runstrength_tui.domain.catalog import CatalogError
from runstrength_tui.domain.loggers import normal_name, parse_name_map
from runstrength_tui.store.shipped import data_file, load_catalog, load_name_map, load_toml

STRONG_CURRENT = """\
Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2025-03-03 18:30:00,"Legs",42m,"Goblet Squat (Kettlebell)",W,8,10,0,0,,,
2025-03-03 18:30:00,"Legs",42m,"Goblet Squat (Kettlebell)",1,16,12,0,0,"felt good",,8
2025-03-03 18:30:00,"Legs",42m,"Goblet Squat (Kettlebell)",2,16,12,0,0,,,8.5
2025-03-03 18:30:00,"Legs",42m,"Goblet Squat (Kettlebell)",Rest Timer,0,0,0,90,,,
2025-03-03 18:30:00,"Legs",42m,"Plank",1,0,0,0,45,,,
2025-03-03 18:30:00,"Legs",42m,"Bench Press (Barbell)",1,60,8,0,0,,,
2025-03-03 18:30:00,"Legs",42m,"Bench Press (Barbell)",2,60,8,0,0,,,
2025-03-06 23:40:00,"Late one",1h 5m,"Romanian Deadlift (Dumbbell)",1,20,12,0,0,,,
"""

STRONG_OLDER_SEMICOLON = """\
Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration
2025-03-04 07:10:00;"Morning";"Romanian Deadlift (Dumbbell)";1;22,5;kg;12;;;;0;"";"";1h 5m
2025-03-04 07:10:00;"Morning";"Romanian Deadlift (Dumbbell)";2;22,5;kg;12;;;;0;;;1h 5m
2025-03-04 07:10:00;"Morning";"Calf Raise (Machine)";1;100;lbs;15;;;;0;;;1h 5m
2025-03-04 07:10:00;"Morning";"Side Plank";1;0;kg;0;;;;30;;;1h 5m
2025-03-04 07:10:00;"Morning";"Lat Pulldown (Cable)";1;40;kg;10;;;;0;;;1h 5m
"""

STRONG_OLDER_COMMA = STRONG_OLDER_SEMICOLON.replace(";", ",").replace("22,5", "22.5")
STRONG_CURRENT_SEMICOLON = STRONG_CURRENT.replace(",", ";")

HEVY_HEADER = "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,{w},reps,{d},duration_seconds,rpe"


def hevy(weight: str = "weight_kg", rows: list[str] | None = None) -> str:
    distance = "distance_km" if weight == "weight_kg" else "distance_miles"
    rows = (
        rows
        if rows is not None
        else [
            '"Lower A","3 Mar 2025, 18:32","3 Mar 2025, 19:10","","Goblet Squat","","slow down",0,warmup,8,10,,,',
            '"Lower A","3 Mar 2025, 18:32","3 Mar 2025, 19:10","","Goblet Squat","","slow down",1,normal,16,12,,,8',
            '"Lower A","3 Mar 2025, 18:32","3 Mar 2025, 19:10","","Goblet Squat","","slow down",2,failure,16,10,,,',
            '"Lower A","3 Mar 2025, 18:32","3 Mar 2025, 19:10","","Plank","","",0,normal,,,,60,',
            '"Lower A","3 Mar 2025, 18:32","3 Mar 2025, 19:10","","Leg Extension (Machine)","","",0,normal,40,12,,,',
            '"Lower B","6 Mar 2025, 07:05","6 Mar 2025, 07:30","","Romanian Deadlift (Dumbbell)","","",0,normal,20,12,,,',
        ]
    )
    return HEVY_HEADER.format(w=weight, d=distance) + "\n" + "\n".join(rows) + "\n"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def exported(cli, folder) -> dict:
    result = cli("export", "--data-dir", folder)
    assert result.code == 0, result
    return json.loads(result.out)


def sets_of(bundle: dict) -> list[tuple]:
    return sorted(
        (
            s["date"],
            s["exercise"],
            s["reps"],
            s["seconds"],
            s["load_kg"] and round(s["load_kg"], 3),
            s["unit"],
            s["rpe"],
        )
        for s in bundle["sets"]
    )


def test_the_current_strong_export_imports_exactly(tmp_path, cli, data_dir):
    path = write(tmp_path, "strong.csv", STRONG_CURRENT)
    result = cli("import", path)
    assert result.code == 0, result
    assert "From Strong: imported 4 sets in 2 workouts" in result.out
    # one summary: the unknown names with their set counts, the warm-up left out
    assert (
        "Left out: 2 sets of 1 exercise runstrength does not know: Bench Press (Barbell) (2); 1 warm-up set."
        in result.out
    )
    bundle = exported(cli, data_dir)
    assert sets_of(bundle) == [
        ("2025-03-03", "goblet-squat", 12, None, 16, "kg", 8),
        ("2025-03-03", "goblet-squat", 12, None, 16, "kg", 9),  # RPE 8.5 rounds up
        ("2025-03-03", "plank", None, 45, None, "kg", None),
        ("2025-03-06", "dumbbell-rdl", 12, None, 20, "kg", None),  # 23:40 local stays on its day
    ]
    sessions = sorted(bundle["sessions"], key=lambda s: s["date"])
    assert [(s["date"], s["minutes"], s["started_at"], s["ended_at"]) for s in sessions] == [
        ("2025-03-03", 42, "2025-03-03T18:30:00", "2025-03-03T19:12:00"),
        ("2025-03-06", 65, "2025-03-06T23:40:00", "2025-03-07T00:45:00"),
    ]
    assert [s["note"] for s in bundle["sets"] if s["note"]] == ["felt good"]
    assert {s["source"] for s in bundle["sets"]} == {"strong"}


@pytest.mark.parametrize("text", [STRONG_OLDER_SEMICOLON, STRONG_OLDER_COMMA], ids=["semicolon", "comma"])
def test_the_older_strong_export_imports_exactly_with_either_separator(tmp_path, cli, data_dir, text):
    result = cli("import", write(tmp_path, "strong.csv", text))
    assert result.code == 0, result
    assert "imported 4 sets in 1 workout" in result.out and "Lat Pulldown (Cable) (1)" in result.out
    bundle = exported(cli, data_dir)
    assert sets_of(bundle) == [
        ("2025-03-04", "dumbbell-rdl", 12, None, 22.5, "kg", None),
        ("2025-03-04", "dumbbell-rdl", 12, None, 22.5, "kg", None),
        ("2025-03-04", "side-plank", None, 30, None, "kg", None),
        ("2025-03-04", "weighted-calf-raise", 15, None, 45.359, "lb", None),  # 100 lb stays 100 lb
    ]
    assert bundle["sessions"][0]["minutes"] == 65


def test_the_current_strong_export_with_semicolons_takes_the_runners_units(tmp_path, cli, data_dir):
    assert cli("profile", "--units", "lb").code == 0
    result = cli("import", write(tmp_path, "strong.csv", STRONG_CURRENT_SEMICOLON))
    assert result.code == 0, result
    loads = {
        (s["exercise"], s["unit"], round(s["load_kg"], 3)) for s in exported(cli, data_dir)["sets"] if s["load_kg"]
    }
    assert loads == {("goblet-squat", "lb", 7.257), ("dumbbell-rdl", "lb", 9.072)}  # 16 lb, 20 lb
    # --units says otherwise for a file from a kg phone (a new folder: the first import stands)
    other = tmp_path / "other"
    assert cli("import", write(tmp_path, "s2.csv", STRONG_CURRENT), "--units", "kg", "--data-dir", other).code == 0
    assert {s["unit"] for s in exported(cli, other)["sets"]} == {"kg"}


@pytest.mark.parametrize("weight,unit,kg", [("weight_kg", "kg", 16), ("weight_lbs", "lb", 7.257)])
def test_a_hevy_export_imports_exactly_in_kg_or_lb(tmp_path, cli, data_dir, weight, unit, kg):
    result = cli("import", write(tmp_path, "workouts.csv", hevy(weight)))
    assert result.code == 0, result
    assert "From Hevy: imported 4 sets in 2 workouts" in result.out
    assert "Leg Extension (Machine) (1); 1 warm-up set." in result.out
    bundle = exported(cli, data_dir)
    rdl = 20 if unit == "kg" else 9.072
    assert sets_of(bundle) == [
        ("2025-03-03", "goblet-squat", 10, None, kg, unit, None),  # a failure set is a working set
        ("2025-03-03", "goblet-squat", 12, None, kg, unit, 8),
        ("2025-03-03", "plank", None, 60, None, unit, None),
        ("2025-03-06", "dumbbell-rdl", 12, None, rdl, unit, None),
    ]
    assert sorted(s["minutes"] for s in bundle["sessions"]) == [25, 38]
    assert [s["note"] for s in bundle["sets"] if s["note"]] == ["slow down"]  # Hevy's per-exercise note, once


def test_a_second_import_adds_nothing(tmp_path, cli, data_dir, folder_bytes):
    path = write(tmp_path, "workouts.csv", hevy())
    assert cli("import", path).code == 0
    before = exported(cli, data_dir)
    again = cli("import", path)
    assert again.code == 0 and "imported 0 sets in 0 workouts (4 sets were already there)" in again.out
    assert exported(cli, data_dir)["sets"] == before["sets"]


def test_a_bad_row_imports_nothing_and_names_the_row(tmp_path, cli, data_dir):
    rows = hevy().splitlines()[1:]
    rows[4] = rows[4].replace(",40,12,", ",forty,12,")  # an unmapped exercise's row is still read
    result = cli("import", write(tmp_path, "bad.csv", hevy(rows=rows)))
    assert result.code == 2 and not data_dir.exists()
    assert result.err_lines == [
        'runstrength: Nothing was imported; the problem in this Hevy export: row 6, weight: expected a number, found "forty".'
    ]
    rows = hevy().splitlines()[1:]
    rows[1] = rows[1].replace(",16,12,", ",16,500,")
    result = cli("import", write(tmp_path, "bad2.csv", hevy(rows=rows)))
    assert result.code == 2 and "row 3, reps: expected a whole number from 1 to 200, found 500" in result.err
    bad_date = STRONG_CURRENT.replace("2025-03-06 23:40:00", "06/03/2025 23:40")
    result = cli("import", write(tmp_path, "bad3.csv", bad_date))
    assert result.code == 2 and "row 9, Date: expected a date like 2024-03-12 18:30:00" in result.err
    assert not data_dir.exists()


def test_a_control_character_in_a_note_is_refused_as_in_our_own_import(tmp_path, cli, data_dir):
    rows = hevy().splitlines()[1:]
    rows[1] = rows[1].replace('"slow down"', '"\x1b]0;pwned\x07"')
    result = cli("import", write(tmp_path, "bad.csv", hevy(rows=rows)))
    assert result.code == 2 and not data_dir.exists()
    assert "row 3, note: expected plain text, found the control character \\x1b" in result.err
    assert "\x1b" not in result.err
    # an unknown exercise's name is shown escaped in the summary, never raw
    rows = hevy().splitlines()[1:]
    rows[4] = rows[4].replace("Leg Extension (Machine)", "Leg\x1b[2J Extension")
    result = cli("import", write(tmp_path, "name.csv", hevy(rows=rows)))
    assert result.code == 0 and "Leg\\x1b[2J Extension (1)" in result.out and "\x1b" not in result.out


def test_names_map_with_variants_and_equipment_suffixes():
    names = load_name_map(load_catalog())
    assert names.lookup("Goblet Squat (Kettlebell)") == "goblet-squat"
    assert names.lookup("goblet squat") == "goblet-squat"
    assert names.lookup("Romanian Deadlift (Dumbbell)") == "dumbbell-rdl"
    assert names.lookup("Romanian Deadlift (Barbell)") is None  # a barbell load is not our dumbbell one
    assert names.lookup("Plank") == "plank"
    assert names.lookup("Calf Raise (Machine)") == "weighted-calf-raise"
    assert names.lookup("Standing Calf Raise") == "calf-raise"
    assert names.lookup("Push-Ups") == "push-up"
    assert names.lookup("Nordic Hamstrings Curls") == "nordic-hamstring-curl"
    assert normal_name("  Push-Ups ") == "push up"


def test_the_name_table_is_checked_when_loaded():
    catalog = load_catalog()
    doc = load_toml(data_file("logger_names.toml"))
    parse_name_map(doc, catalog)
    with pytest.raises(CatalogError, match="not an exercise of the catalog"):
        parse_name_map({"barbell-curl": {"names": ["Curl"]}}, catalog)
    with pytest.raises(CatalogError, match="already leads to 'plank'"):
        parse_name_map({"plank": {"names": ["Plank"]}, "side-plank": {"names": ["plank"]}}, catalog)


def test_after_a_hevy_history_the_first_today_suggests_its_loads_and_the_guard_compares(tmp_path, cli, data_dir):
    weeks = [date(2025, 2, 10), date(2025, 2, 17), date(2025, 2, 24), date(2025, 3, 3)]
    rows = []
    for day in weeks:
        for other in (day, day.replace(day=day.day + 3)):
            when = f"{other.day} {other.strftime('%b %Y')}"
            for i in range(3):
                rows.append(
                    f'"Lower","{when}, 18:00","{when}, 18:20","","Goblet Squat (Dumbbell)","","",{i},normal,16,12,,,'
                )
    assert cli("profile", "--level", "intermediate", "--equipment", "dumbbells").code == 0
    result = cli("import", write(tmp_path, "hevy.csv", hevy(rows=rows)))
    assert result.code == 0 and "imported 24 sets in 8 workouts" in result.out, result
    today = cli("today", "--json").json()
    assert today["kind"] == "strength", today
    goblet = [p for p in today["exercises"] if p["id"] == "goblet-squat"]
    assert goblet and goblet[0]["suggested_load_kg"] is not None, today
    assert 16 <= goblet[0]["suggested_load_kg"] <= 18, goblet  # from the imported 16 kg (or one step up)
    # the guard compares with the imported sets: 24 kg is a jump from 16 kg
    jump = cli("log", "goblet-squat", "--reps", "12", "--load", "24kg", "--dry-run", "--json")
    assert jump.code == 0, jump
    assert "load-jump" in jump.out and "16 kg → 24 kg" in jump.err + jump.out, jump


def test_a_newer_export_of_the_same_app_adds_only_the_workouts_since(tmp_path, cli, data_dir):
    rows = hevy().splitlines()[1:]
    assert cli("import", write(tmp_path, "old.csv", hevy(rows=rows[:5]))).code == 0
    newer = cli("import", write(tmp_path, "new.csv", hevy(rows=rows)))
    assert newer.code == 0 and "imported 1 set in 1 workout (3 sets were already there)" in newer.out, newer
    assert len(exported(cli, data_dir)["sets"]) == 4
    # a file with the header alone imports nothing and says so
    empty = cli("import", write(tmp_path, "empty.csv", hevy(rows=[])))
    assert empty.code == 0 and "imported 0 sets in 0 workouts" in empty.out


def test_the_summary_names_the_most_left_out_exercises_first_and_counts_the_rest(tmp_path, cli, data_dir):
    rows = [
        f'"W","3 Mar 2025, 18:32","3 Mar 2025, 19:10","","Machine {i:02d}","","",{j},normal,40,12,,,'
        for i in range(20)
        for j in range(1 + (i == 7))
    ]
    result = cli("import", write(tmp_path, "many.csv", hevy(rows=rows)))
    assert result.code == 0, result
    assert "Left out: 21 sets of 20 exercises runstrength does not know: Machine 07 (2), Machine 00 (1)," in result.out
    assert result.out.rstrip().endswith("Machine 14 (1) and 5 more.")
