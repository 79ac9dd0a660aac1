"""Issue 26: the Week screen reads at a glance (month names over their own weeks, a legend
for every mark, charts with a scale and units, the streak in one line, loads in the
runner's unit)."""

import re
from datetime import date, datetime, timedelta

import pytest
from helpers import NOW, PINNED, make_log

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.domain.weeks import week_start
from runstrength_tui.store.repo import Store, new_id
from runstrength_tui.ui.screens.week import WeekScreen
from runstrength_tui.ui.widgets.week_charts import HeatMap, WeekBars, bars_text, month_labels, nice_top


def test_each_month_name_stands_over_its_own_weeks():
    starts = [date(2026, 10, 26) + timedelta(weeks=i) for i in range(7)]  # Oct, 4 × Nov, Nov 30, Dec 7
    line = month_labels(starts, 2)
    assert line.index("Nov") == 2 * 1  # the column of 2 Nov, not October's
    assert line[0] == "O" and "Oct" not in line  # one October column: its initial, not "Oct" over November
    assert line.index("D") == 2 * 6  # 30 Nov is November's; 7 Dec begins December
    wide = month_labels([date(2026, 9, 7) + timedelta(weeks=i) for i in range(12)], 2)
    assert [wide.index(m) for m in ("Sep", "Oct", "Nov")] == [0, 8, 16]


def test_a_chart_has_a_scale_and_the_weeks_under_its_bars():
    starts = [date(2026, 10, 12) + timedelta(weeks=i) for i in range(4)]
    sessions = bars_text(starts, [2, 1, 0, 2.5], 40, target=2).plain.splitlines()
    assert [line.split("┤")[0].strip() for line in sessions[:3]] == ["3", "2", "1"]
    assert sessions[1].count("┄") > 0  # the target marks the week that fell short of it
    assert "▄" in sessions[0]  # half a session (a finisher) is half a row
    assert sessions[3].startswith("0 └")
    assert sessions[4].split() == ["12", "19", "26", "2"] and sessions[5].split() == ["Oct", "Nov"]
    load = bars_text(starts, [150, 310, 0, 90], 40, rows=4).plain.splitlines()
    assert load[0].split("┤")[0].strip() == "400" and load[2].split("┤")[0].strip() == "200"
    assert nice_top(141) == 150 and nice_top(0) == 1


async def test_week_screen_says_what_every_mark_and_figure_means(demo_dir, app_for):
    app = app_for(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WeekScreen)
        summary = str(screen.query_one("#week-summary").render())
        assert "Streak: 3 weeks in a row with 2+ sessions (best 3)" in summary
        days = str(screen.query_one("#week-days").render())
        assert days.splitlines()[0].split() == ["run", "strength"]
        assert "○ planned" not in days and "✓ done  ○ to do  ✗ missed" in days and "· no strength planned" in days
        heat = str(screen.query_one(HeatMap).render())
        assert "· no session" in heat and "light→hard day" in heat
        months = heat.splitlines()[0]
        assert months.split() == ["Oct", "Nov"]  # 12 Oct to 26 Nov: each over its own weeks
        assert months.index("Nov") == 4 + 2 * 3  # the fourth week, 2 Nov
        sessions = str(screen.query_one("#trend-sessions", WeekBars).render())
        assert "Sessions a week · target 2 ┄" in sessions and "avg 0.0" not in sessions
        assert "This week 0 · average before this week: 1.8" in sessions
        load = str(screen.query_one("#trend-load", WeekBars).render())
        assert "0 └" in load
        assert "points = session RPE × minutes" in load
        assert re.search(r"This week 0 · average of the 4 weeks before: \d+\n", load)
        assert "Lifted (reps × load):" in load and " kg last week" in load
        assert screen.query_one("#trends").has_class("narrow")  # stacked at 80 columns


@pytest.fixture
def half_year_in_pounds(tmp_path):
    """Half a year of sessions (twice a week) for a runner in pounds, with a 25 lb goblet
    squat this week."""
    folder = make_log(tmp_path / "data", days_ago=tuple(range(1, 190, 4)), units="lb")
    day = week_start(PINNED)
    with Store(folder) as store:
        at = datetime.combine(day, NOW.time())
        session = store.start_session(day, at)
        store.log_set(
            SetRecord(
                id=new_id(),
                session=session.id,
                exercise="goblet-squat",
                date=day,
                logged_at=at,
                reps=10,
                load_kg=25 * 0.45359237,
                unit="lb",
            )
        )
        store.finish_session(at + timedelta(minutes=10), rpe=6, minutes=10)
    return folder


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_a_long_log_fits_the_heatmap_to_the_terminal(half_year_in_pounds, app_for, size):
    app = app_for(half_year_in_pounds)
    async with app.run_test(size=size) as pilot:
        await pilot.press("w")
        await pilot.pause()
        heat = app.screen.query_one(HeatMap)
        lines = str(heat.render()).splitlines()
        assert max(len(line.rstrip()) for line in lines) <= heat.size.width  # nothing cut off
        weeks = (len(lines[1].rstrip()) - 4 + 1) // 2
        assert weeks == (26 if size[0] >= 160 else (heat.size.width - 4) // 2)
        load = str(app.screen.query_one("#trend-load", WeekBars).render())
        assert "250 lb this week" in load and "kg" not in load  # the runner's unit
        assert app.screen.query_one("#trends").has_class("narrow") == (size[0] < 120)
