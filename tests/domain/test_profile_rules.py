"""The rules of a profile change (domain/profile.py), shared by Settings and `runstrength profile`."""

from __future__ import annotations

from datetime import date

import pytest

from runstrength_tui.domain.model import Profile
from runstrength_tui.domain.profile import (
    changed_profile,
    equipment_choice,
    parse_race,
    parse_race_day,
    race_days,
    races_with_distances,
)
from runstrength_tui.domain.validate import InputError

DAY = date(2026, 11, 26)  # a Thursday
BLOCK = date(2026, 11, 2)


def base(**changes) -> Profile:
    return Profile(block_start=BLOCK, level="intermediate", target=2, plyo_ready=True).with_changes(**changes)


def test_a_new_profile_takes_its_level_without_a_ramp():
    made = changed_profile(base(), DAY, new=True, changes={"level": "advanced"})
    assert made.level == "advanced" and made.level_history == () and made.plyo_ready


def test_a_change_of_level_is_remembered_with_its_day_and_jumps_wait():
    made = changed_profile(base(), DAY, new=False, changes={"level": "advanced"})
    assert made.level == "advanced"
    assert made.level_history == ((BLOCK, "intermediate"), (DAY, "advanced"))
    assert not made.plyo_ready
    # answered in the same change, the readiness questions count
    ready = changed_profile(base(), DAY, new=False, changes={"level": "advanced", "plyo_ready": True})
    assert ready.plyo_ready


def test_a_new_target_applies_from_this_week_as_the_changed_profile_starts_it():
    made = changed_profile(base(), DAY, new=False, changes={"target": 3})
    assert made.target == 3
    assert made.target_history == ((BLOCK, 2), (date(2026, 11, 23), 3))
    sunday = changed_profile(base(), DAY, new=False, changes={"target": 3, "week_start": "sun"})
    assert sunday.target_history == ((BLOCK, 2), (date(2026, 11, 22), 3))
    same = changed_profile(base(), DAY, new=False, changes={"target": 2, "minutes": 15})
    assert same.target_history == () and same.minutes == 15


def test_race_days_equipment_and_running_week():
    assert parse_race_day(" 2026-12-06 ") == date(2026, 12, 6)
    with pytest.raises(InputError, match=r"not '2026-13-01 '"):
        parse_race_day("2026-13-01 ")
    kept = race_days([date(2026, 12, 6), DAY.replace(day=25), DAY.replace(day=24), date(2026, 12, 6)], DAY)
    assert kept == (DAY.replace(day=25), date(2026, 12, 6))  # yesterday stays, older ones go
    assert equipment_choice(["none", "bands", "bands"]) == ("bands",)
    assert equipment_choice(["none"]) == ("none",) and equipment_choice([]) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-06", None),
        ("2027-03-06:5k", "5k"),
        ("2027-03-06:10K", "10k"),
        ("2027-03-06:half", "half"),
        ("2027-03-06:marathon", "marathon"),
        ("2027-03-06:ultra", "ultra"),
        ("2027-03-06:50", "ultra"),
        ("2027-03-06:42.2km", "marathon"),
        ("2027-03-06:21.1", "half"),
        ("2027-03-06:8", "10k"),
        ("2027-03-06:5", "5k"),
    ],
)
def test_a_race_is_a_date_with_an_optional_distance(text, expected):
    assert parse_race(text) == (date(2027, 3, 6), expected)


@pytest.mark.parametrize(
    "text", ["2027-03-06:far", "2027-03-06:0", "2027-03-06:nan", "2027-03-06:inf", "2027-03-06:", "03/06/2027:5k"]
)
def test_a_bad_race_is_one_sentence(text):
    with pytest.raises(InputError) as exc:
        parse_race(text)
    assert "\n" not in str(exc.value) and ("YYYY-MM-DD" in str(exc.value))


def test_a_new_distance_replaces_the_old_and_past_races_go():
    races, distances = races_with_distances(
        (date(2026, 11, 1), date(2027, 3, 6)),
        ((date(2026, 11, 1), "5k"), (date(2027, 3, 6), "half")),
        [(date(2027, 3, 6), "marathon"), (date(2027, 5, 1), None)],
        DAY,
    )
    assert races == (date(2027, 3, 6), date(2027, 5, 1))
    assert distances == ((date(2027, 3, 6), "marathon"),)
