"""`runstrength plan --ics`: the coming weeks as iCalendar events a phone calendar can
subscribe to; parsed back here with the icalendar library."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar


def events(payload: bytes | str) -> dict[str, dict]:
    cal = Calendar.from_ical(payload if isinstance(payload, bytes) else payload.encode())
    found = {}
    for e in cal.walk("VEVENT"):
        found[str(e["UID"])] = {
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "summary": str(e["SUMMARY"]),
            "description": str(e["DESCRIPTION"]),
        }
    return found


def plan_json(cli, weeks: str = "4") -> list[dict]:
    result = cli("plan", "--weeks", weeks, "--json")
    assert result.code == 0, result
    return result.json()["days"]


def test_the_ics_holds_the_plans_days_at_the_session_time(cli, tmp_path):
    assert cli("profile", "--level", "intermediate", "--equipment", "dumbbells", "--session-time", "18:30").code == 0
    target = tmp_path / "plan.ics"
    result = cli("plan", "--ics", "-o", target)
    assert result.code == 0 and f"to {target}" in result.err, result
    found = events(target.read_bytes())
    days = plan_json(cli)
    assert len(found) == len(days) > 4
    for day in days:
        event = found[f"{day['date']}-{day['kind']}@runstrength"]
        start = datetime.fromisoformat(day["date"] + "T18:30")
        assert event["start"] == start and event["start"].tzinfo is None  # floating: 18:30 wherever the phone is
        assert event["end"] == start + timedelta(minutes=round(day["estimated_minutes"]))
        for p in day["exercises"]:
            assert p["name"] in event["description"]
    # stdout gives the same events
    assert events(cli("plan", "--ics").out).keys() == found.keys()


def test_all_day_events_without_a_session_time(cli):
    assert cli("profile", "--level", "beginner").code == 0
    found = events(cli("plan", "--ics", "--weeks", "2").out)
    assert found and all(
        type(e["start"]) is date and e["end"] == e["start"] + timedelta(days=1) for e in found.values()
    )


def test_uids_are_stable_and_a_changed_plan_updates_its_events(cli, tmp_path):
    assert cli("profile", "--level", "intermediate", "--equipment", "dumbbells", "--minutes", "20").code == 0
    first = events(cli("plan", "--ics").out)
    again = events(cli("plan", "--ics").out)
    assert first == again  # the same UIDs, the same events: a re-import changes nothing
    assert cli("profile", "--minutes", "15").code == 0
    changed = events(cli("plan", "--ics").out)
    common = first.keys() & changed.keys()
    assert common, (first.keys(), changed.keys())
    # the same days keep their UIDs, so a calendar updates them instead of adding new ones
    assert any(
        first[u]["description"] != changed[u]["description"] or first[u]["end"] != changed[u]["end"] for u in common
    )


def test_session_time_is_checked_and_o_needs_ics(cli, tmp_path):
    bad = cli("profile", "--session-time", "25:00")
    assert bad.code == 2 and "18:30" in bad.err
    assert cli("profile", "--session-time", "7.05").code == 0
    assert cli("profile", "--json").json()["session_time"] == "07:05"
    assert cli("profile", "--session-time", "none").code == 0
    assert cli("profile", "--json").json()["session_time"] == ""
    result = cli("plan", "-o", tmp_path / "x.ics")
    assert result.code == 2 and "--ics" in result.err


CHILD = """
import sys
from runstrength_tui.cli import run
assert run(sys.argv[1:]) == 0
print("icalendar" in sys.modules)
"""


@pytest.mark.parametrize(
    "args,loaded",
    [(["today"], False), (["plan"], False), (["plan", "--json"], False), (["plan", "--ics"], True)],
    ids=lambda a: " ".join(a) if isinstance(a, list) else str(a),
)
def test_only_plan_ics_loads_icalendar(data_dir, child_kw, args, loaded):
    from runstrength_tui.store.repo import Store

    Store(data_dir).close()
    done = subprocess.run([sys.executable, "-c", CHILD, *args], **child_kw, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(str(loaded))
