"""Issue 26, major 1–2: one units rule. A load keeps the unit it was typed in, everything is
shown in the runner's unit, and one parser reads weights and races for Settings and the CLI."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from runstrength_tui.domain import validate as v
from runstrength_tui.domain.model import SetRecord
from runstrength_tui.service.session import last_time_text
from runstrength_tui.store.repo import Store
from runstrength_tui.ui.screens.settings import parse_races, parse_weights

TODAY = date(2025, 3, 12)  # pinned by tests/conftest.py

WEIGHT_LISTS = ["4,6,8", "4; 6; 8", "4,6,8kg", "10lb, 6kg", " 15 , 25 lb", "12.5,15", "none", ""]
BAD_WEIGHT_LISTS = ["4,six", "4;-6", "4,6,8 stone", "0"]


def _profile_weights(cli, data_dir, raw: str, units: str):
    result = cli("profile", "--units", units, "--equipment", "dumbbells", "--weights", raw or "none")
    assert result.code == 0, result
    with Store(data_dir, write=False) as store:
        return store.profile().dumbbells


@pytest.mark.parametrize("units", ["kg", "lb"])
def test_settings_and_cli_read_the_same_weight_lists_alike(cli, data_dir, units):
    for raw in WEIGHT_LISTS:
        expected = v.parse_weights(raw, units)
        assert parse_weights(raw, units, "Dumbbells") == expected, raw
        assert _profile_weights(cli, data_dir, raw, units) == expected, raw
    assert v.parse_weights("4,6,8kg", "lb") == (4.0, 6.0, 8.0)  # the unit on the last is the list's
    assert v.parse_weights("4,6,8", "lb") == (1.814, 2.722, 3.629)
    assert v.parse_weights("10lb, 6kg", "kg") == (4.536, 6.0)
    for raw in BAD_WEIGHT_LISTS:
        with pytest.raises(v.InputError) as settings_error:
            parse_weights(raw, units, "Dumbbells")
        result = cli("profile", "--weights", raw)
        assert result.code == 2 and "is not a weight" in result.err and "Traceback" not in result.err, (raw, result)
        assert "is not a weight" in str(settings_error.value)


def test_settings_and_cli_read_the_same_race_lists_alike(cli, data_dir):
    raw = "2025-05-04:marathon; 2025-06-01, 2025-03-01"  # the last one is past: dropped by both
    expected = parse_races(raw, TODAY)
    assert expected == ((date(2025, 5, 4), date(2025, 6, 1)), ((date(2025, 5, 4), "marathon"),))
    assert cli("profile", "--race", raw).code == 0
    with Store(data_dir, write=False) as store:
        p = store.profile()
    assert (p.races, p.race_distances) == expected


def test_units_set_with_the_weights_are_the_weights_unit(cli, data_dir):
    """`--units lb --weights 10,15` on a kg profile means pounds (it read kilograms)."""
    assert cli("profile", "--units", "kg").code == 0
    result = cli("profile", "--units", "lb", "--equipment", "dumbbells", "--weights", "10,15,20,25")
    assert "Dumbbells:  10 lb, 15 lb, 20 lb, 25 lb" in result.out, result.out


def _set(n: int, load_kg: float, unit: str, session: str = "s1") -> SetRecord:
    return SetRecord(
        id=f"x{n}",
        session=session,
        exercise="goblet-squat",
        date=date(2025, 3, 10),
        logged_at=datetime(2025, 3, 10, 18, 0, n),
        reps=12,
        load_kg=load_kg,
        unit=unit,
    )


def test_last_time_never_merges_different_loads():
    kg12, lb12 = v.parse_load("12kg")[0], v.parse_load("12lb")[0]
    sets = [_set(1, kg12, "kg"), _set(2, kg12, "kg"), _set(3, lb12, "lb"), _set(4, lb12, "lb")]
    assert last_time_text(sets, TODAY, "kg") == "last 2×12 @ 12 kg, 2×12 @ 5.44 kg, 2 d ago"
    assert last_time_text(sets, TODAY, "lb") == "last 2×12 @ 26.5 lb, 2×12 @ 12 lb, 2 d ago"
    same = [_set(i, lb12, "lb") for i in range(3)]
    assert last_time_text(same, TODAY, "lb") == "last 3×12 @ 12 lb, 2 d ago"


def test_a_runner_in_pounds_never_reads_kg_from_the_cli(cli, data_dir):
    """Every read command, and the log and profile commands, after a week in pounds; the
    guard's sentences too (a load jump, typed in pounds)."""
    assert (
        cli(
            "profile",
            "--units",
            "lb",
            "--level",
            "beginner",
            "--equipment",
            "dumbbells",
            "--weights",
            "10,15,20,25,30,35",
            "--race",
            "2025-06-01:10k",
        ).code
        == 0
    )
    outputs = []
    for day, load in (("2025-03-03", "15"), ("2025-03-05", "15lb"), ("2025-03-10", "20 lbs")):
        outputs.append(
            cli("log", "goblet-squat", "--sets", "2", "--reps", "15", "--load", load, "--rpe", "6", "--date", day)
        )
    outputs.append(cli("log", "goblet-squat", "--sets", "1", "--reps", "6", "--load", "35", "--dry-run"))
    for args in (
        ("today",),
        ("plan", "--weeks", "2"),
        ("plan", "--ics"),
        ("status",),
        ("history",),
        ("profile",),
        ("pain",),
        ("show", "goblet squat"),
        ("exercises",),
        ("runs",),
        ("export",),
        ("export", "--format", "csv"),
    ):
        outputs.append(cli(*args))
    warned = "".join(r.err for r in outputs)
    assert "lb → 35 lb" in warned and "6 reps at 35 lb" in warned, warned  # the guard spoke, in pounds
    for r in outputs:
        assert r.code == 0, r
        text = (r.out + r.err).replace("load_kg", "")  # the export's column name is the file format
        assert " kg" not in text and "kg " not in text and "kg," not in text, (r, text)
