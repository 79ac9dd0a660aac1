"""Running-load notes: the guard's rules about the runs themselves.

Pure domain code (no clock reads, no I/O). Both rules return ``GuardWarning``
objects in the guard's style: a fact with the numbers and a suggestion, never injury
odds, said at most once a week. They are registered in the guard's ``RULES`` like every
other rule (``guard.check_session`` and ``guard.review`` run them when runs are given).

- ``running-load``: this week's running distance or time is more than 30 % above the
  weekly average of the 4 weeks before it. Nielsen 2014 (Br J Sports Med 48:440, 874
  novice runners): those who raised weekly distance by more than about 30 % had more
  distance-related injuries. Needs 4 full weeks of runs; silent on the return from a
  lighter week (back to a level run in those 4 weeks is not new load).
- ``after-hard-run``: a strength session planned or logged the day after an unplanned
  long or hard run (a harder run than the declared running week had on that day).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from .model import GuardWarning
from .rules import THRESHOLDS as T
from .runs import KIND_RANK, Run, duration_text
from .weeks import week_start
from .words import number

#: Nielsen 2014: more than ~30 % up over the previous weeks.
LOAD_JUMP_FRACTION = 0.30
#: The 4 weeks before this one make the baseline; each needs at least one run.
BASELINE_WEEKS = 4
#: Back to within 10 % of the biggest of those 4 weeks counts as a return, not a jump.
RETURN_MARGIN = 0.10
#: Too little running to compare (a weekly average under 5 km and under 30 min).
MIN_BASELINE_KM = 5.0
MIN_BASELINE_MINUTES = 30.0
_EPS = 1e-9


def running_load(
    today: date,
    runs: Sequence[Run],
    *,
    week_start_index: int = 0,
    acks: Sequence[tuple[str, str, date]] = (),
) -> list[GuardWarning]:
    """The ``running-load`` note for the week holding ``today`` (runs up to today).

    At most one note, and none when ``running-load`` was acknowledged in the last 7 days
    (so it is said at most once a week)."""
    cutoff = today - timedelta(days=T.ack_quiet_days)
    if any(code == "running-load" and when > cutoff for code, _, when in acks):
        return []
    this_start = week_start(today, week_start_index)
    weeks = [this_start - timedelta(days=7 * i) for i in range(BASELINE_WEEKS, 0, -1)]
    km = {w: 0.0 for w in [*weeks, this_start]}
    minutes = dict.fromkeys(km, 0.0)
    counted = dict.fromkeys(km, 0)
    for r in runs:
        if r.date > today:
            continue
        w = week_start(r.date, week_start_index)
        if w in km:
            km[w] += r.distance_km
            minutes[w] += r.minutes
            counted[w] += 1
    if any(counted[w] == 0 for w in weeks):
        return []  # fewer than 4 full weeks of runs (or a week off): nothing to compare
    for _measure, unit, values in (("distance", "km", km), ("time", "min", minutes)):
        baseline = [values[w] for w in weeks]
        average = sum(baseline) / BASELINE_WEEKS
        now = values[this_start]
        small = MIN_BASELINE_KM if unit == "km" else MIN_BASELINE_MINUTES
        if average < small:
            continue
        if now <= average * (1 + LOAD_JUMP_FRACTION) + _EPS:
            continue
        if now <= max(baseline) * (1 + RETURN_MARGIN) + _EPS:
            continue  # back to a level already run in the last 4 weeks
        pct = round((now / average - 1) * 100)
        if unit == "km":
            fact = (
                f"You have run {number(now)} km this week, {pct} % more than your weekly average of "
                f"{number(average)} km over the previous {BASELINE_WEEKS} weeks."
            )
        else:
            fact = (
                f"You have run {duration_text(round(now * 60))} this week, {pct} % more than your weekly "
                f"average of {duration_text(round(average * 60))} over the previous {BASELINE_WEEKS} weeks."
            )
        advice = (
            "Keep the rest of this week's runs easy and hold about this much next week before adding more; "
            "your strength sessions can stay as planned."
        )
        return [GuardWarning("running-load", "caution", fact, advice)]
    return []


def after_hard_run(day: date, runs: Sequence[Run], declared_yesterday: str) -> list[GuardWarning]:
    """The ``after-hard-run`` note for a strength session planned or logged on ``day``.

    ``declared_yesterday`` is the declared running week's type for the day before
    (rest/easy/hard/long): a long or hard run is *unplanned* when it is harder than that."""
    yesterday = day - timedelta(days=1)
    mine = [r for r in runs if r.date == yesterday and r.kind in ("long", "hard")]
    if not mine:
        return []
    run = max(mine, key=lambda r: (KIND_RANK[r.kind], r.distance_km))
    if KIND_RANK[run.kind] <= KIND_RANK.get(declared_yesterday, 0):
        return []
    planned = {"rest": "a rest day", "easy": "an easy run", "hard": "a hard run"}.get(
        declared_yesterday, declared_yesterday
    )
    fact = (
        f"Yesterday you ran a {run.kind} run ({run.distance_km:.1f} km, {duration_text(run.duration_s)}) "
        f"where your running week had {planned}."
    )
    advice = (
        "Keep today's strength session light (no jumps, easier lower-body sets) or move it one day later, "
        "so your legs recover before the next hard effort."
    )
    return [GuardWarning("after-hard-run", "caution", fact, advice)]


__all__ = ["running_load", "after_hard_run", "LOAD_JUMP_FRACTION", "BASELINE_WEEKS"]
