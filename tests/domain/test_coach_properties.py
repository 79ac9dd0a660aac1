"""The coach's invariants, over random runners who do exactly what `today` says.

Hypothesis draws a running week (1–7 runs, 0–2 hard days, the long run on any day), a
level, a target, minutes, equipment, owned weights, race dates and a pattern of missed
days; the runner then follows `today` for 12 weeks, logging every prescribed set at the
top of its range with the suggested load (or an owned weight the first time), except on
missed days. Checked each day and at the end:
- no two strength sessions < 48 h apart; none on the long-run day, the day before or after;
- beginners at most 2 a week; at most 3 in any 7 days;
- comeback weeks at ≤ 70 % / ≤ 85 % of the previous loads and reps, no jumps;
- races: nothing in the 2 days before nor the day after, at most one short session in
  the 6 days before, no jumps in the 9 days before;
- every suggested load is one the runner owns (or a standard step when they own none);
- the guard, fed the same log through the service, never says a caution or warning;
- the reason sentences are true of the data they describe.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runstrength_tui.domain import plan
from runstrength_tui.domain.coach import Coach
from runstrength_tui.domain.loads import implement, ladder
from runstrength_tui.domain.model import LEVELS, Profile, SessionRecord, SetRecord
from runstrength_tui.domain.schedule import RunningWeek
from runstrength_tui.domain.words import DAY_NAMES
from runstrength_tui.service import history_since
from runstrength_tui.store.shipped import load_catalog, load_programs

CATALOG = load_catalog()
PROGRAMS = load_programs(CATALOG)
START = date(2026, 1, 5)  # a Monday
WEEKS = 12
SIM = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Each property at full size (20 runners of 12 weeks: slow, run by .ci/run) and over 3
# runners in the README's test command, so a coach that breaks one still fails it quickly.
SIZES = pytest.mark.parametrize("runners_drawn", [3, pytest.param(20, marks=pytest.mark.slow)])


def check(strategy, prop, runners_drawn: int) -> None:
    settings(SIM, max_examples=runners_drawn)(given(strategy)(prop))()


@st.composite
def runners(draw):
    n_runs = draw(st.integers(1, 7))
    days = draw(st.permutations(range(7)))
    runs = ["rest"] * 7
    run_days = list(days[:n_runs])
    for i in run_days:
        runs[i] = "easy"
    hard = draw(st.integers(0, min(2, n_runs)))
    for i in run_days[:hard]:
        runs[i] = "hard"
    if draw(st.booleans()) and n_runs > hard:
        runs[run_days[-1]] = "long"
        shape = draw(st.sampled_from(("one", "one", "ultra weekend", "back-to-back hard")))
        long_day = run_days[-1]
        if shape == "ultra weekend":  # a second long run the next day
            runs[(long_day + 1) % 7] = "long"
        elif shape == "back-to-back hard":  # a hard day next to another
            i = draw(st.sampled_from([x for x in range(7) if runs[x] != "long"]))
            runs[i] = "hard"
            if runs[(i + 1) % 7] != "long":
                runs[(i + 1) % 7] = "hard"
    level = draw(st.sampled_from(LEVELS))
    kit = draw(
        st.sampled_from([("none",), ("bands",), ("dumbbells",), ("kettlebell",), ("gym",), ("bands", "dumbbells")])
    )
    dumbbells = tuple(sorted(draw(st.sets(st.sampled_from((2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 16.0)), max_size=5))))
    kettlebells = tuple(sorted(draw(st.sets(st.sampled_from((8.0, 12.0, 16.0, 20.0)), max_size=3))))
    races = tuple(sorted(draw(st.sets(st.integers(10, 80).map(lambda n: START + timedelta(days=n)), max_size=2))))
    profile = Profile(
        level=level,
        equipment=kit,
        target=draw(st.sampled_from((2, 3))),
        minutes=draw(st.sampled_from((15, 20))),
        runs=tuple(runs),
        block_start=START,
        weeks=12,
        dumbbells=dumbbells,
        kettlebells=kettlebells,
        races=races,
        race_distances=tuple(
            (r, draw(st.sampled_from(("5k", "10k", "half", "marathon", "ultra")))) for r in races if draw(st.booleans())
        ),
        plyo_ready=draw(st.booleans()),
    )
    missed = draw(
        st.one_of(
            st.sets(st.integers(0, 7 * WEEKS - 1), max_size=12),
            # a break of 2–4 weeks somewhere: the comeback ramp
            st.tuples(st.integers(7, 50), st.integers(15, 30)).map(lambda t: set(range(t[0], t[0] + t[1]))),
        )
    )
    return profile, {START + timedelta(days=n) for n in missed}


def first_load(item: plan.Prescribed, profile: Profile) -> float | None:
    ex = CATALOG.get(item.exercise)
    weights = ladder(implement(ex, profile), profile)
    return weights[len(weights) // 3] if weights else None


def follow(profile: Profile, missed: set[date], actual_all: dict[date, str] | None = None):
    sessions: list[SessionRecord] = []
    history: list[SetRecord] = []
    notes = []
    days: list[tuple[date, plan.TodayPlan]] = []
    shown: dict[date, str] = {}  # the plan ledger, kept as `today` and the TUI keep it
    shown_volume: dict[date, int] = {}  # and the volume each first showing asked for
    day = START
    while day < START + timedelta(days=7 * WEEKS):
        since = history_since(day, sessions)  # what `load_coach` reads from the store
        recent = [h for h in history if h.date >= since]
        # imported runs: known up to yesterday (a runner imports after running)
        actual = {d: k for d, k in (actual_all or {}).items() if d < day} or None
        ctx = Coach(
            today=day,
            profile=profile,
            sessions=list(sessions),
            history=recent,
            acks=[],
            catalog=CATALOG,
            actual=actual,
            shown=dict(shown),
            shown_volume=dict(shown_volume),
        )
        today = ctx.today_plan()
        shown.setdefault(day, today.kind)
        shown_volume.setdefault(day, today.volume)
        days.append((day, today))
        if today.kind == "strength" and day not in missed:
            sid = f"s-{day}"
            notes += [(day, w) for w in ctx.check_session(day, [i.exercise for i in today.exercises])]
            logged = []
            for i, item in enumerate(today.exercises):
                load = item.suggested_load_kg
                if (
                    load is None
                    and CATALOG.get(item.exercise).weighted
                    and not any(h.exercise == item.exercise for h in history)
                ):
                    load = first_load(item, profile)
                for n in range(item.sets):
                    record = SetRecord(
                        id=f"{sid}-{i}-{n}",
                        session=sid,
                        exercise=item.exercise,
                        date=day,
                        logged_at=datetime.combine(day, time(18)) + timedelta(minutes=i, seconds=n),
                        reps=item.reps[1] if item.reps else None,
                        seconds=item.seconds,
                        load_kg=load,
                        unit=item.load_unit,
                    )
                    notes += [(day, w) for w in ctx.set_notes([record], history=recent + logged)]
                    logged.append(record)
            history += logged
            sessions.append(
                SessionRecord(
                    id=sid,
                    date=day,
                    started_at=datetime.combine(day, time(18)),
                    ended_at=datetime.combine(day, time(18, 20)),
                    minutes=20,
                )
            )
        if today.kind == "strength" or day.weekday() == 6:  # what `status` would say that evening
            notes += [
                (day, w)
                for w in Coach(
                    today=day,
                    profile=profile,
                    sessions=list(sessions),
                    history=history[-400:],
                    acks=[],
                    catalog=CATALOG,
                    actual=actual,
                ).review()
            ]
        day += timedelta(days=1)
    return sessions, history, notes, days


@SIZES
def test_a_runner_who_follows_today_is_never_hurt_by_the_plan(runners_drawn):
    check(runners(), _a_runner_who_follows_today_is_never_hurt_by_the_plan, runners_drawn)


def _a_runner_who_follows_today_is_never_hurt_by_the_plan(runner):
    profile, missed = runner
    sessions, history, notes, days = follow(profile, missed)
    dates = sorted(s.date for s in sessions)
    by_day = dict(days)
    _sessions_are_spaced_around_key_runs(profile, dates)
    _races_are_kept_clear(profile, dates, by_day)
    _comebacks_are_eased(profile, missed, dates, by_day, history)
    # loads: only weights the runner owns (or standard steps when they said none)
    for _, today in days:
        for item in today.exercises:
            if item.suggested_load_kg is not None:
                weights = ladder(implement(CATALOG.get(item.exercise), profile), profile)
                assert any(abs(item.suggested_load_kg - w) < 1e-6 for w in weights), (item, weights)
    # the guard and the plan agree: nothing above "info" about the plan's own output
    loud = [(d, w) for d, w in notes if w.level in ("caution", "warning")]
    assert not loud, loud[:3]


def _sessions_are_spaced_around_key_runs(profile, dates):
    week = RunningWeek(profile)
    # spacing
    assert all((b - a).days >= 2 for a, b in zip(dates, dates[1:])), dates
    assert all(sum(1 for e in dates if 0 <= (e - d).days < 7) <= 3 for d in dates)
    for d in dates:
        assert week.blocked(d) is None, (d, week.blocked(d))
        assert week.run_on(d) not in ("long", "race")
        assert week.run_on(d - timedelta(days=1)) not in ("long", "race")
        assert week.run_on(d + timedelta(days=1)) != "long"

        # key runs (long, race, or hard next to another hard/long/race day): none on the
        # session day, the day before or the day after
        def key(x: date) -> bool:
            run = week.run_on(x)
            near = {week.run_on(x - timedelta(days=1)), week.run_on(x + timedelta(days=1))}
            return run in ("long", "race") or (run == "hard" and bool(near & {"hard", "long", "race"}))

        assert not any(key(d + timedelta(days=n)) for n in (-1, 0, 1)), (d, profile.runs)
    # beginners: two a week at most
    if profile.level == "beginner":
        for w in range(WEEKS):
            start = START + timedelta(days=7 * w)
            assert sum(1 for d in dates if start <= d < start + timedelta(days=7)) <= 2


def _races_are_kept_clear(profile, dates, by_day):
    # races
    for race in profile.races:
        near = [d for d in dates if 1 <= (race - d).days <= 6]
        assert len(near) <= 1 and all((race - d).days >= 3 for d in near)
        rest_after = {"5k": 2, "10k": 2, "half": 3, "marathon": 7, "ultra": 10}[profile.race_distance(race) or "half"]
        assert not any(0 <= (d - race).days <= rest_after or (race - d).days in (1, 2) for d in dates)
        for d in dates:
            if 0 < (race - d).days <= 9:
                assert not any(CATALOG.get(i.exercise).kind == "plyometric" for i in by_day[d].exercises)


def _comebacks_are_eased(profile, missed, dates, by_day, history):
    # comeback: no more than 70 % / 85 % of what was done before the break, and no jumps
    for d in dates:
        today = by_day[d]
        if not today.comeback:
            continue
        factor = 0.7 if today.comeback == 1 else 0.85
        for item in today.exercises:
            assert CATALOG.get(item.exercise).kind != "plyometric"
            back_on = min(x for x in dates if x <= d and by_day[x].comeback == 1 and (d - x).days < 14)
            # "previous": what was done in the five weeks before the break
            broke = max(x for x in dates if x < back_on)
            before = [
                h for h in history if h.exercise == item.exercise and broke - timedelta(days=35) <= h.date < back_on
            ]
            if not before:
                continue
            last_session = max(before, key=lambda h: h.logged_at).session
            last = [h for h in before if h.session == last_session]
            if item.suggested_load_kg is not None:
                # the share of the previous load, or the lightest weight the runner has when
                # that share falls below it (the reps carry the ramp then)
                lightest = min(ladder(implement(CATALOG.get(item.exercise), profile), profile), default=0.0)
                assert item.suggested_load_kg <= max(max(h.load_kg or 0 for h in last) * factor, lightest) + 1e-6
            assert item.top <= max(h.volume for h in last) * factor + 1e-6, (
                d,
                back_on,
                today.comeback,
                item.exercise,
                sorted(missed),
            )


@SIZES
def test_every_reason_sentence_is_true(runners_drawn):
    check(runners(), _every_reason_sentence_is_true, runners_drawn)


def _every_reason_sentence_is_true(runner):
    profile, missed = runner
    sessions, history, notes, days = follow(profile, missed)
    done = {s.date for s in sessions}
    week = RunningWeek(profile)
    planned = {d for d, t in days if t.kind == "strength"}
    for d, today in days:
        reason = today.reason
        m = re.search(r"(\w+)'s session was missed", reason)
        if m:
            day = next(x for x in (d - timedelta(days=n) for n in range(1, 7)) if DAY_NAMES[x.weekday()] == m.group(1))
            assert day in planned and day not in done, (d, reason)
        if "no off day is left" in reason:
            raise AssertionError(reason)
        if reason.startswith("Long run today"):
            assert week.run_on(d) == "long"
        if reason.startswith("Race day"):
            assert week.run_on(d) == "race"
        if "the day after the long run" in reason:
            assert week.run_on(d - timedelta(days=1)) == "long"
        if "the day before the long run" in reason:
            assert week.run_on(d + timedelta(days=1)) == "long"
        if reason.startswith("Strength yesterday"):
            assert d - timedelta(days=1) in done
        m = re.search(r"You have done this week's (\d+) session", reason)
        if m:
            start = d - timedelta(days=d.weekday())
            assert sum(1 for s in sessions if start <= s.date < d) >= int(m.group(1))
        if today.kind == "strength":
            _strength_reason_is_true(week, d, today, reason)
        _next_day_is_named_right(d, today, reason)
        if today.block_week_reason:
            assert today.block_week < today.block_weeks + 1


def _strength_reason_is_true(week, d, today, reason):
    if reason.startswith("No run today"):
        assert week.run_on(d) == "rest"
    if reason.startswith("Hard run today"):
        assert week.run_on(d) == "hard"
    if reason.startswith("Easy run today"):
        assert week.run_on(d) == "easy"
    if "lighter week" in reason:
        assert today.light_week


def _next_day_is_named_right(d, today, reason):
    if today.next_strength_day is not None:
        nxt = today.next_strength_day
        assert nxt > d
        m = re.search(r"next session (tomorrow|\w+day)( \d+ \w+)?", reason)
        if m:
            if m.group(1) == "tomorrow":
                assert (nxt - d).days == 1
            else:
                assert m.group(1) == DAY_NAMES[nxt.weekday()]
                assert (1 < (nxt - d).days < 7) == (m.group(2) is None)


@st.composite
def moved_weeks(draw):
    """A runner whose real weeks drift from the declared one: each day's actual run is the
    declared one, or (sometimes) a different kind; imported the day after."""
    profile, missed = draw(runners())
    actual = {}
    for n in range(7 * WEEKS):
        d = START + timedelta(days=n)
        declared = profile.run_on(d)
        actual[d] = declared if draw(st.integers(0, 4)) else draw(st.sampled_from(("rest", "easy", "hard", "long")))
    return profile, missed, actual


def _week_story(day: date, days, history) -> str:
    """What each day of the week of ``day`` showed, and what was logged: for a failure's message."""
    start = day - timedelta(days=day.weekday())
    lines = [f"logged {sum(s.volume for s in history if start <= s.date <= day)} by {day}"]
    for d, p in days:
        if start <= d <= start + timedelta(days=6):
            lines.append(f"{d} {p.kind} volume {p.volume} comeback {p.comeback} light {p.light_week}")
    return "\n".join(lines)


@SIZES
def test_with_imported_runs_the_plan_follows_the_real_week(runners_drawn):
    check(moved_weeks(), _with_imported_runs_the_plan_follows_the_real_week, runners_drawn)


def _with_imported_runs_the_plan_follows_the_real_week(runner):
    profile, missed, actual = runner
    sessions, history, notes, days = follow(profile, missed, actual)
    dates = sorted(s.date for s in sessions)
    assert all((b - a).days >= 2 for a, b in zip(dates, dates[1:])), dates
    for d in dates:
        # never the day after a long run that happened, nor after an unplanned hard one
        assert actual.get(d - timedelta(days=1)) != "long", d
        if actual.get(d - timedelta(days=1)) == "hard":
            assert profile.run_on(d - timedelta(days=1)) not in ("rest", "easy")
        # the declared long run is still the forecast for today
        assert profile.run_on(d) != "long"
    loud = [(d, w) for d, w in notes if w.level in ("caution", "warning") and w.code != "running-load"]
    assert not loud, (loud[:3], _week_story(loud[0][0], days, history) if loud else "")
