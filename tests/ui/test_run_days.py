"""Imported runs on Today (yesterday and today) and Week (this week so far)."""

from datetime import datetime, timedelta, timezone

import pytest
from helpers import PINNED

from runstrength_tui.domain.runs import make_run
from runstrength_tui.store.repo import Store
from runstrength_tui.store.run_log import RunLog
from runstrength_tui.ui.widgets.run_days import RunDays

CET = timezone(timedelta(hours=1))


def add_runs(folder):
    """Sun long run (last week), Tue easy, Wed a tempo the runner marked hard, Thu morning easy."""

    def at(days_back, hour, km, minutes):
        day = PINNED - timedelta(days=days_back)
        return make_run(datetime(day.year, day.month, day.day, hour, tzinfo=CET), km, minutes * 60, "fit")

    with Store(folder) as store:
        log = RunLog(store)
        log.add([at(4, 9, 21.1, 118), at(2, 7, 8, 46), at(1, 18, 10, 50), at(0, 7, 5, 30)])
        log.set_kind(PINNED - timedelta(days=1), "hard")
    return folder


@pytest.fixture
def runs_dir(demo_dir):
    return add_runs(demo_dir)


async def test_today_and_week_show_a_line_per_run_day(runs_dir, app_for):
    app = app_for(runs_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#today-runs", RunDays)
        assert box.display
        assert str(box.render()).splitlines() == [
            "» Wed: 10.0 km hard run, 50 min (yesterday)",
            "» Thu: 5.0 km easy run, 30 min (today)",
        ]
        await pilot.press("w")
        await pilot.pause()
        week = app.screen.query_one("#week-runs", RunDays)
        assert [line.split(" (")[0] for line in str(week.render()).splitlines()] == [
            "» Tue: 8.0 km easy run, 46 min",
            "» Wed: 10.0 km hard run, 50 min",
            "» Thu: 5.0 km easy run, 30 min",
        ]


async def test_no_runs_no_lines(demo_dir, app_for):
    app = app_for(demo_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#today-runs", RunDays).display


def test_week_with_runs_80x24(snap_compare, runs_dir, app_for):
    assert snap_compare(app_for(runs_dir), terminal_size=(80, 24), press=["w"])
