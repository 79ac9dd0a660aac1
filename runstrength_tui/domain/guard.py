"""The "too much too soon" guard: rules that turn the log into short, kind warnings.

Pure domain code: no clock reads, no I/O, no Textual or TinyDB. Every rule gets what it
needs as arguments (``today``, the history, the profile, the catalog), so each one is a
plain unit test. Every warning has a stable ``code``, a ``level`` and two sentences of our
own: what we noticed (with the numbers) and what to do instead. None of them speaks of
injury probabilities: the load ratios behind them do not predict an individual's injury
(Impellizzeri 2020), so they are phrased as progression advice.

Public API: :class:`GuardWarning`, :data:`SESSION_CODES`, :data:`THRESHOLDS`,
:func:`check_set`, :func:`check_session`, :func:`review`, :func:`quiet`,
:func:`shown_in_session`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Iterable

from .catalog import Catalog, Exercise
from .model import KG_PER_LB, SessionRecord, SetRecord, Profile
from .weeks import consistent_weeks, session_load, week_start

LEVEL_ORDER = {"warning": 0, "caution": 1, "info": 2}

#: Codes about a whole sitting: they carry no exercise id.
SESSION_CODES = frozenset({"comeback", "too-many-sessions", "after-long-run", "same-day-as-run"})
#: Codes about the week (from ``review`` and the set-level load check): no exercise id either,
#: so that one acknowledgement or one showing covers every exercise.
WEEK_CODES = frozenset({"volume-spike", "irregular"})
#: Every code whose warnings have ``exercise == ""``.
UNSCOPED_CODES = SESSION_CODES | WEEK_CODES


@dataclass(frozen=True)
class Thresholds:
    """Every number the rules use, in one place, each with where it comes from."""

    # ACSM 2009 progression position stand: raise load 2–10 % once the target reps are
    # beaten; more than 10 % in one go is a jump, not a step.
    load_jump_fraction: float = 0.10
    # The smallest common dumbbell / plate step (2.5 kg, or 5 lb). A jump must beat both
    # the percentage and one step, so light loads can still move up by one step.
    small_step_kg: float = 2.5
    small_step_lb: float = 5.0
    # Rep/hold jump: our own conservative convention. Percentage caps are progression
    # advice, not injury science (Buist 2008: the 10 % rule made no difference in 532
    # novices; Nielsen 2014: a possible rise only above +30 % in two weeks, 874 novices).
    rep_jump_fraction: float = 0.50
    # "Previous" loads and reps: the 28 days before the set's day (ACSM 2009 progression is
    # judged over weeks; 4 weeks matches the chronic window below).
    lookback_days: int = 28
    # Acute:chronic workload, uncoupled form (Lolli 2019; Windt & Gabbett 2019): the last
    # 7 days against the weekly average of the 28 days before them. Gabbett 2016 names
    # ≥ 1.5 the danger zone; we flag strictly above it.
    acute_days: int = 7
    chronic_days: int = 28
    spike_ratio: float = 1.5
    # Impellizzeri 2020 (J Athl Train 55:893): ratios do not predict an individual's
    # injury and are noisy, so say nothing before 3 weeks of data and when the chronic
    # load is tiny (short 15–20 min sessions make ratios jump around).
    min_history_days: int = 21
    min_chronic_volume: float = 60.0  # reps + hold seconds per week
    min_chronic_rpe_minutes: float = 60.0  # Foster 2001 session RPE × minutes per week
    # Endurance strength for runners works at 12–20 reps (ACSM 2009 muscular endurance;
    # Blagrove 2018); heavier 5–8 rep sets are for advanced runners only (COACHING.md).
    heavy_reps_below: int = 8
    # Balsalobre-Fernández 2016 and Blagrove 2018: the studied dose is 2–3 sessions a week.
    max_sessions_in_7_days: int = 3
    over_target_by: int = 2
    # A 4-week break did not erase running-economy gains (PMC7821917): after 14+ days off,
    # restart at 50–70 % (a common coaching convention), calmly.
    comeback_gap_days: int = 15
    comeback_low: float = 0.5
    comeback_high: float = 0.7
    # Blagrove 2018 / Balsalobre-Fernández 2016: fewer than 2 sessions a week over 4 weeks
    # is below the dose that changed running economy.
    irregular_window_days: int = 28
    irregular_min_per_week: float = 2.0
    # COACHING.md program defaults: intermediate runners start low-level plyometrics after
    # 4 consecutive weeks of 2+ sessions; beginners do none.
    plyo_consistent_weeks: int = 4
    plyo_sessions_per_week: float = 2
    # Say a load note at most once a week (COACHING.md, after Impellizzeri 2020).
    ack_quiet_days: int = 7


#: What each code means, in the words a person reads (History, finish dialog, CLI text).
#: Codes stay in ``--json`` output and on disk; people see these words.
CODE_WORDS = {
    "pain": "pain",
    "load-jump": "big load jump",
    "rep-jump": "big rep jump",
    "heavy-low-reps": "heavy, low reps",
    "level-mismatch": "above your level",
    "volume-spike": "weekly load spike",
    "comeback": "first session back",
    "too-many-sessions": "too many sessions",
    "after-long-run": "legs near the long run",
    "same-day-as-run": "on a running day",
    "back-to-back": "two days in a row",
    "irregular": "irregular weeks",
    "running-load": "running load jump",
    "after-hard-run": "after an unplanned hard run",
}


def code_words(code: str) -> str:
    """'load-jump' → 'big load jump'; an unknown code reads as its words."""
    return CODE_WORDS.get(code, code.replace("-", " "))


THRESHOLDS = Thresholds()
T = THRESHOLDS
_EPS = 1e-9


@dataclass(frozen=True)
class GuardWarning:
    code: str
    level: str  # "info" | "caution" | "warning"
    message: str
    advice: str
    exercise: str = ""

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "level": self.level,
            "message": self.message,
            "advice": self.advice,
            "exercise": self.exercise,
        }


# ---------------------------------------------------------------------------- words

_PROPER_FIRST_WORDS = {"Nordic", "Romanian", "Bulgarian", "Copenhagen", "Pallof"}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _name(exercise_id: str, catalog: Catalog | None) -> str:
    """The display name for use inside a sentence ("goblet squat", "Nordic hamstring curl")."""
    if catalog is None or exercise_id not in catalog:
        return exercise_id.replace("-", " ")
    name = catalog.get(exercise_id).name
    first = name.split(" ", 1)[0]
    if first in _PROPER_FIRST_WORDS or (len(first) > 1 and first[1].isupper()):
        return name
    return name[:1].lower() + name[1:]


def _num(value: float, places: int = 1) -> str:
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _load(kg: float, unit: str) -> str:
    if unit == "lb":
        return f"{_num(kg / KG_PER_LB, 1)} lb"
    return f"{_num(kg, 2)} kg"


def _load_range(kg: float, unit: str, low: float, high: float) -> str:
    """'7–10 kg': kg rounded to 0.5, lb to whole pounds."""
    if unit == "lb":
        lb = kg / KG_PER_LB
        return f"{_num(round(lb * low))}–{_num(round(lb * high))} lb"
    return f"{_num(round(kg * low * 2) / 2)}–{_num(round(kg * high * 2) / 2)} kg"


def _percent(fraction: float, threshold: float) -> str:
    """A whole percentage, with one decimal when rounding would hide that it is over the line."""
    pct = fraction * 100
    if round(pct) <= threshold * 100:
        return f"{pct:.1f}%"
    return f"{pct:.0f}%"


def _ratio(ratio: float) -> str:
    if round(ratio, 1) <= T.spike_ratio:
        return f"{ratio:.2f}"
    return f"{ratio:.1f}"


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _amount(volume: float, hold: bool) -> str:
    return f"{_num(volume)} s" if hold else f"{_num(volume)} reps"


# ---------------------------------------------------------------------------- helpers


def _exercise(exercise_id: str, catalog: Catalog) -> Exercise | None:
    return catalog.get(exercise_id) if exercise_id in catalog else None


def _others(candidate: SetRecord, history: Iterable[SetRecord]) -> list[SetRecord]:
    """History without the candidate itself (by id), deduplicated by id."""
    seen: dict[str, SetRecord] = {}
    for s in history:
        if s.id != candidate.id:
            seen[s.id] = s
    return list(seen.values())


def _previous_window(candidate: SetRecord, history: list[SetRecord]) -> list[SetRecord]:
    """Sets of the same exercise dated in [date - 28, date - 1]."""
    first = candidate.date - timedelta(days=T.lookback_days)
    return [s for s in history if s.exercise == candidate.exercise and first <= s.date < candidate.date]


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def _sittings(sessions: Iterable[SessionRecord], sets: Iterable[SetRecord]) -> tuple[list[SessionRecord], dict[str, list[SetRecord]]]:
    """Sessions plus a stand-in for any session id that only appears on sets."""
    by_id: dict[str, SessionRecord] = {s.id: s for s in sessions}
    sets_by_session: dict[str, list[SetRecord]] = {}
    for s in sets:
        sets_by_session.setdefault(s.session, []).append(s)
    for sid, group in sets_by_session.items():
        if sid not in by_id:
            day = min(s.date for s in group)
            by_id[sid] = SessionRecord(id=sid, date=day, started_at=datetime.combine(day, time()))
    return list(by_id.values()), sets_by_session


@dataclass(frozen=True)
class _LoadCheck:
    ratio: float
    against_plan: bool


def _load_ratio(
    day: date,
    sets: list[SetRecord],
    sessions: Iterable[SessionRecord],
    planned_weekly_load: float | None,
) -> _LoadCheck | None:
    """Acute (last 7 days) over chronic (weekly average of the 28 days before), or None when
    the rule has nothing trustworthy to say."""
    sittings, sets_by_session = _sittings(sessions, sets)
    if not sittings and not sets:
        return None
    acute_from = day - timedelta(days=T.acute_days - 1)
    chronic_to = day - timedelta(days=T.acute_days)
    chronic_from = chronic_to - timedelta(days=T.chronic_days - 1)
    window = [s for s in sittings if chronic_from <= s.date <= day]
    if not window:
        return None
    earliest = min([s.date for s in sittings] + [s.date for s in sets])
    enough_history = earliest <= day - timedelta(days=T.min_history_days)

    # Foster 2001: session RPE × minutes, but only when every sitting in the window has
    # both; otherwise volume for all of them, so the two units are never mixed.
    rpe_mode = enough_history and all(s.rpe is not None and s.minutes for s in window)

    def load(s: SessionRecord) -> float:
        group = sets_by_session.get(s.id, [])
        if rpe_mode:
            return session_load(s, group)
        return float(sum(x.volume for x in group))

    acute = sum(load(s) for s in window if acute_from <= s.date <= day)
    if enough_history:
        # Weekly average over the part of the chronic window the log covers: with exactly
        # 3 weeks of history, dividing 2 weeks of sessions by 4 would make steady training
        # look like a spike. With 5+ weeks of history this is exactly sum / 4.
        covered_from = max(chronic_from, earliest)
        covered_days = (chronic_to - covered_from).days + 1
        chronic_sum = sum(load(s) for s in window if covered_from <= s.date <= chronic_to)
        chronic = chronic_sum / (covered_days / 7)
        floor = T.min_chronic_rpe_minutes if rpe_mode else T.min_chronic_volume
        if chronic < floor - _EPS:
            return None
        return _LoadCheck(acute / chronic, against_plan=False)
    if planned_weekly_load:
        # The plan is counted in reps + hold seconds, so acute is too (volume mode).
        if planned_weekly_load < T.min_chronic_volume - _EPS:
            return None
        return _LoadCheck(acute / planned_weekly_load, against_plan=True)
    return None


def _volume_spike(check: _LoadCheck | None) -> list[GuardWarning]:
    if check is None or check.ratio <= T.spike_ratio + _EPS:
        return []
    if check.against_plan:
        message = f"This week's strength volume is about {_ratio(check.ratio)}× what your plan sets for a week."
        advice = "Stick to the planned sets and reps for the rest of the week; that is the safer progression."
    else:
        message = f"This week's strength load is about {_ratio(check.ratio)}× your recent weekly average."
        advice = "Hold steady next week; that is the safer progression."
    return [GuardWarning("volume-spike", "warning", message, advice)]


def _level_mismatch(exercise_id: str, day: date, profile: Profile, sessions: list[SessionRecord], catalog: Catalog) -> list[GuardWarning]:
    ex = _exercise(exercise_id, catalog)
    if ex is None:
        return []
    name = _name(exercise_id, catalog)
    easier = ex.easier if ex.easier and ex.easier in catalog else None
    if profile.level == "beginner":
        if ex.kind == "plyometric":
            message = f"The beginner plan leaves out jumping drills such as {name}."
        elif ex.level == "advanced":
            message = f"The beginner plan leaves out advanced exercises such as {name}."
        else:
            return []
        if easier:
            advice = f"Do {_name(easier, catalog)} instead and build a steady base of strength work first."
        else:
            advice = "Pick a beginner exercise for the same muscles and build a steady base of strength work first."
        return [GuardWarning("level-mismatch", "warning", message, advice, exercise_id)]
    if profile.level == "intermediate" and ex.kind == "plyometric":
        weeks = consistent_weeks(sessions, day, profile.week_start_index, T.plyo_sessions_per_week)
        need = T.plyo_consistent_weeks
        if weeks >= need:
            return []
        message = (
            f"Jumping drills such as {name} come after {need} weeks in a row with "
            f"{_num(T.plyo_sessions_per_week)}+ strength sessions, and you have {weeks} so far."
        )
        advice = f"Keep to the strength exercises for now and start with low-level hops after week {need}."
        return [GuardWarning("level-mismatch", "warning", message, advice, exercise_id)]
    return []


# ---------------------------------------------------------------------------- set level


def check_set(
    candidate: SetRecord,
    *,
    history: list[SetRecord],
    sessions: list[SessionRecord],
    profile: Profile,
    catalog: Catalog,
    today: date,
    planned_weekly_load: float | None = None,
) -> list[GuardWarning]:
    """Warnings for one set about to be (or just) logged.

    ``history`` holds sets logged before it (at least the last 35 days); it may hold
    earlier sets of the same session and even the candidate itself (ignored by id).
    ``planned_weekly_load`` is in reps + hold seconds; it stands in for the chronic load
    while the log is shorter than 3 weeks. Rules run on ``candidate.date``; ``today`` is
    accepted for symmetry with the callers and not otherwise needed.
    """
    others = _others(candidate, history)
    name = _name(candidate.exercise, catalog)
    out: list[GuardWarning] = []

    if candidate.pain:
        out.append(_pain(candidate, others, name))

    previous = _previous_window(candidate, others)

    # load-jump (ACSM 2009: 2–10 % steps)
    if candidate.load_kg is not None and candidate.load_kg > 0:
        loads = [s.load_kg for s in previous if s.load_kg is not None and s.load_kg > 0]
        if loads:
            best = max(loads)
            step = T.small_step_lb * KG_PER_LB if candidate.unit == "lb" else T.small_step_kg
            rise = candidate.load_kg - best
            if candidate.load_kg > best * (1 + T.load_jump_fraction) + 1e-6 and rise > step + 1e-6:
                unit = candidate.unit
                message = (
                    f"{_load(best, unit)} → {_load(candidate.load_kg, unit)} is a "
                    f"{_percent(rise / best, T.load_jump_fraction)} jump over your heaviest {name} "
                    f"in the last {T.lookback_days // 7} weeks."
                )
                advice = (
                    f"Go up by at most {_load(max(step, best * T.load_jump_fraction), unit)} at a time, "
                    f"and only once every set reaches the top of the rep range."
                )
                out.append(GuardWarning("load-jump", "warning", message, advice, candidate.exercise))

    # rep-jump (our convention; see THRESHOLDS)
    volume = candidate.volume
    if volume > 0:
        volumes = [s.volume for s in previous if s.volume > 0]
        if volumes:
            best_volume = max(volumes)
            if volume > best_volume * (1 + T.rep_jump_fraction) + _EPS:
                hold = bool(candidate.seconds) and not candidate.reps
                message = (
                    f"{_amount(volume, hold)} is {_percent(volume / best_volume - 1, T.rep_jump_fraction)} more than "
                    f"your best {name} set in the last {T.lookback_days // 7} weeks ({_amount(best_volume, hold)})."
                )
                if hold:
                    advice = "Add 5–10 seconds a session instead, and past about 60 seconds move to a harder variation."
                else:
                    advice = "Add 1–2 reps a session instead, stopping with 2–3 reps still in the tank."
                out.append(GuardWarning("rep-jump", "caution", message, advice, candidate.exercise))

    # heavy-low-reps
    if candidate.load_kg is not None and candidate.load_kg > 0 and candidate.reps is not None and candidate.reps < T.heavy_reps_below:
        message = (
            f"{candidate.reps} reps at {_load(candidate.load_kg, candidate.unit)} on {name} is heavier work "
            f"than the 12–20 rep range runners usually train in."
        )
        if profile.level == "advanced":
            advice = "That fits an advanced block, so keep heavy work to 3–4 sets of 5–8 with full rest between them."
        else:
            advice = "Choose a load you can lift 12–20 times with 2–3 reps to spare."
        out.append(GuardWarning("heavy-low-reps", "info", message, advice, candidate.exercise))

    out += _level_mismatch(candidate.exercise, candidate.date, profile, sessions, catalog)

    # volume-spike: the candidate's volume is added to its own session
    considered = [s for s in others if s.date <= candidate.date] + [candidate]
    out += _volume_spike(_load_ratio(candidate.date, considered, sessions, planned_weekly_load))
    return out


def _pain(candidate: SetRecord, others: list[SetRecord], name: str) -> GuardWarning:
    """Pain today; pain two sessions in a row means someone should look at it."""
    own = [s for s in others if s.session == candidate.session] + [candidate]
    own_key = (candidate.date, min(_naive(s.logged_at) for s in own))
    by_session: dict[str, list[SetRecord]] = {}
    for s in others:
        if s.exercise == candidate.exercise and s.session != candidate.session:
            by_session.setdefault(s.session, []).append(s)
    earlier = []
    for group in by_session.values():
        key = (min(s.date for s in group), min(_naive(s.logged_at) for s in group))
        if key < own_key:
            earlier.append((key, group))
    repeated = bool(earlier) and any(s.pain for s in max(earlier, key=lambda kg: kg[0])[1])
    if repeated:
        return GuardWarning(
            "pain",
            "warning",
            f"You marked pain on {name} two sessions in a row.",
            "Stop this exercise for now and have a sports doctor or physical therapist look at it before you load it again.",
            candidate.exercise,
        )
    return GuardWarning(
        "pain",
        "warning",
        f"You marked pain on {name}.",
        "Stop this exercise for today and finish with exercises that feel fine, or call it a day.",
        candidate.exercise,
    )


# ---------------------------------------------------------------------------- session level


def check_session(
    day: date,
    exercise_ids: list[str],
    *,
    sessions: list[SessionRecord],
    profile: Profile,
    catalog: Catalog,
    history: list[SetRecord] = (),
) -> list[GuardWarning]:
    """Warnings for a (strength) session about to start on ``day`` with these exercises.

    ``sessions`` are the existing sittings, not including the new one; ``history`` (sets)
    only sharpens the comeback advice with a real load.
    """
    out: list[GuardWarning] = []
    sessions = list(sessions)

    # comeback
    before = [s for s in sessions if s.date < day]
    if before and not any(s.date == day for s in sessions):
        last = max(s.date for s in before)
        gap = (day - last).days
        if gap >= T.comeback_gap_days:
            lo, hi = round(T.comeback_low * 100), round(T.comeback_high * 100)
            example = _comeback_example(exercise_ids, list(history), last, catalog)
            advice = f"Use about {lo}–{hi}% of your previous loads and reps this first week back{example}."
            out.append(
                GuardWarning(
                    "comeback",
                    "caution",
                    f"It has been {gap} days since your last strength session, and a few weeks off does not erase what you built.",
                    advice,
                )
            )

    # too-many-sessions (Balsalobre-Fernández 2016, Blagrove 2018: 2–3 a week)
    recent = [s for s in sessions if s.kind != "finisher" and day - timedelta(days=6) <= s.date <= day]
    in_7_days = len(recent) + 1
    start = week_start(day, profile.week_start_index)
    week_count = sum(s.weight for s in sessions if start <= s.date <= start + timedelta(days=6)) + 1
    target = profile.target_for_week(start)
    advice = "Two or three sessions a week is the dose that helps runners, so rest today or keep it to a short core finisher."
    if in_7_days > T.max_sessions_in_7_days:
        out.append(GuardWarning("too-many-sessions", "caution", f"This would be your {_ordinal(in_7_days)} strength session in 7 days.", advice))
    elif week_count >= target + T.over_target_by - _EPS:
        out.append(
            GuardWarning(
                "too-many-sessions",
                "caution",
                f"This would make {_num(week_count)} sessions this week against your target of {target}.",
                advice,
            )
        )

    # after-long-run
    legs = [i for i in exercise_ids if (ex := _exercise(i, catalog)) is not None and ex.legs]
    if legs:
        when = None
        if profile.run_on(day) == "long":
            when = "on your long-run day"
        elif profile.run_on(day - timedelta(days=1)) == "long":
            when = "on the day after your long run"
        if when:
            shown = [_name(i, catalog) for i in dict.fromkeys(legs)]
            listed = ", ".join(shown[:3]) + " and more" if len(shown) > 3 else _list(shown)
            out.append(
                GuardWarning(
                    "after-long-run",
                    "warning",
                    f"This session has leg work ({listed}) {when}.",
                    "Keep today to core work and move the leg exercises to a day when your legs are fresh.",
                )
            )

    # same-day-as-run (beginners: strength on a free rest day when one is left this week)
    if profile.level == "beginner" and profile.run_on(day) != "rest":
        taken = {s.date for s in sessions}
        end = start + timedelta(days=6)
        free = None
        d = day
        while d <= end:
            if profile.run_on(d) == "rest" and profile.run_on(d - timedelta(days=1)) != "long" and d not in taken:
                free = d
                break
            d += timedelta(days=1)
        if free is not None:
            out.append(
                GuardWarning(
                    "same-day-as-run",
                    "info",
                    f"{_WEEKDAY_NAMES[day.weekday()]} is a running day, and {_WEEKDAY_NAMES[free.weekday()]} is still a free rest day this week.",
                    f"The beginner plan puts strength on a rest day when one is free, so consider {_WEEKDAY_NAMES[free.weekday()]} instead.",
                )
            )

    for exercise_id in dict.fromkeys(exercise_ids):
        out += _level_mismatch(exercise_id, day, profile, sessions, catalog)
    return out


def _comeback_example(exercise_ids: list[str], history: list[SetRecord], last: date, catalog: Catalog) -> str:
    """', so goblet squat at about 7–10 kg instead of 14 kg' from the last time it was loaded."""
    for exercise_id in exercise_ids:
        loaded = [s for s in history if s.exercise == exercise_id and s.load_kg and s.date <= last]
        if not loaded:
            continue
        latest = max(s.date for s in loaded)
        heaviest = max((s for s in loaded if s.date == latest), key=lambda s: s.load_kg)
        unit = heaviest.unit
        return (
            f", so {_name(exercise_id, catalog)} at about "
            f"{_load_range(heaviest.load_kg, unit, T.comeback_low, T.comeback_high)} instead of {_load(heaviest.load_kg, unit)}"
        )
    return ""


# ---------------------------------------------------------------------------- week level


def review(
    today: date,
    *,
    history: list[SetRecord],
    sessions: list[SessionRecord],
    profile: Profile,
    planned_weekly_load: float | None = None,
) -> list[GuardWarning]:
    """Week-level notes for ``status`` and the Week screen: irregular, volume-spike."""
    out: list[GuardWarning] = []
    sessions = list(sessions)
    if sessions:
        first = min(s.date for s in sessions)
        span = timedelta(days=T.irregular_window_days - 1)
        if first <= today - timedelta(days=T.irregular_window_days):
            weeks = T.irregular_window_days / 7
            # The 28 days ending today, or ending yesterday when that counts more: on the
            # morning of a training day, today's session is not logged yet, and a runner
            # doing exactly 2 a week would otherwise read as 1.75.
            count = max(
                sum(s.weight for s in sessions if end - span <= s.date <= end)
                for end in (today, today - timedelta(days=1))
            )
            per_week = count / weeks
            if per_week < T.irregular_min_per_week - _EPS:
                out.append(
                    GuardWarning(
                        "irregular",
                        "info",
                        f"You averaged {_num(per_week)} strength session{'' if _num(per_week) == '1' else 's'} "
                        f"a week over the last {round(weeks)} weeks.",
                        "Two short sessions a week is the dose the running studies used, so pick two fixed days that fit around your runs.",
                    )
                )
    sets = [s for s in {s.id: s for s in history}.values() if s.date <= today]
    out += _volume_spike(_load_ratio(today, sets, [s for s in sessions if s.date <= today], planned_weekly_load))
    return out


# ---------------------------------------------------------------------------- no nagging


def quiet(
    warnings: list[GuardWarning],
    *,
    acks: list[tuple[str, str, date]],
    day: date,
    shown: set[tuple[str, str]] = frozenset(),
) -> list[GuardWarning]:
    """Drop what was already shown this session, acknowledged in the last 7 days, or repeated;
    most serious first."""
    cutoff = day - timedelta(days=T.ack_quiet_days)
    acked = {(code, exercise) for code, exercise, when in acks if when > cutoff}
    out: list[GuardWarning] = []
    seen: set[tuple[str, str]] = set()
    for w in sorted(warnings, key=lambda w: LEVEL_ORDER.get(w.level, len(LEVEL_ORDER))):
        key = (w.code, w.exercise)
        if key in seen or key in shown or key in acked:
            continue
        seen.add(key)
        out.append(w)
    return out


def shown_in_session(session_sets: list[SetRecord]) -> set[tuple[str, str]]:
    """(code, exercise) pairs already shown in this session, from the codes stored on its sets."""
    out: set[tuple[str, str]] = set()
    for s in session_sets:
        for code in s.warnings:
            out.add((code, "") if code in UNSCOPED_CODES else (code, s.exercise))
    return out


__all__ = [
    "GuardWarning",
    "SESSION_CODES",
    "WEEK_CODES",
    "UNSCOPED_CODES",
    "THRESHOLDS",
    "CODE_WORDS",
    "code_words",
    "Thresholds",
    "check_set",
    "check_session",
    "review",
    "quiet",
    "shown_in_session",
]
