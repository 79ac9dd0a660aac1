"""The "too much too soon" guard: rules that turn the log into short, kind warnings.

Pure domain code: no clock reads, no I/O, no Textual or TinyDB. Every rule gets what it
needs as arguments (``today``, the history, the profile, the catalog), so each one is a
plain unit test. Every warning has a stable ``code``, a ``level`` and two sentences of our
own: what we noticed (with the numbers) and what to do instead. None of them speaks of
injury probabilities: the load ratios behind them do not predict an individual's injury
(Impellizzeri 2020), so they are phrased as progression advice.

Each rule is one function, registered in :data:`RULES` (the table at the end of the rules:
its code, the words people read, what it is about, and when it runs); the code lists
(:data:`SESSION_CODES`, :data:`WEEK_CODES`, :data:`UNSCOPED_CODES`, :data:`CODE_WORDS`…)
derive from that table. A new rule is one function plus one line in the table.

Public API: :class:`GuardWarning`, :data:`RULES`, :data:`SESSION_CODES`, :data:`THRESHOLDS`,
:func:`check_set`, :func:`check_session`, :func:`review`, :func:`quiet`,
:func:`shown_in_session`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from . import running_guard
from .catalog import Catalog, Exercise
from .loads import step_up
from .model import KG_PER_LB, GuardWarning, Profile, SessionRecord, SetRecord
from .rules import THRESHOLDS, Thresholds
from .weeks import consistent_weeks, session_load, week_start
from .words import DAY_NAMES, format_load, number

if TYPE_CHECKING:  # the planner imports the guard's neighbours, not the guard
    from .plan import Prescribed
    from .runs import Run

LEVEL_ORDER = {"warning": 0, "caution": 1, "info": 2}

T = THRESHOLDS
_EPS = 1e-9


# ---------------------------------------------------------------------------- words

_PROPER_FIRST_WORDS = {"Nordic", "Romanian", "Bulgarian", "Copenhagen", "Pallof"}


def _name(exercise_id: str, catalog: Catalog | None) -> str:
    """The display name for use inside a sentence ("goblet squat", "Nordic hamstring curl")."""
    if catalog is None or exercise_id not in catalog:
        return exercise_id.replace("-", " ")
    name = catalog.get(exercise_id).name
    first = name.split(" ", 1)[0]
    if first in _PROPER_FIRST_WORDS or (len(first) > 1 and first[1].isupper()):
        return name
    return name[:1].lower() + name[1:]


def _load_range(kg: float, unit: str, low: float, high: float) -> str:
    """'7–10 kg': kg rounded to 0.5, lb to whole pounds."""
    if unit == "lb":
        lb = kg / KG_PER_LB
        return f"{number(round(lb * low))}–{number(round(lb * high))} lb"
    return f"{number(round(kg * low * 2) / 2)}–{number(round(kg * high * 2) / 2)} kg"


def _percent(fraction: float, threshold: float) -> str:
    """A whole percentage, with one decimal when rounding would hide that it is over the line."""
    pct = fraction * 100
    if round(pct) <= threshold * 100:
        return f"{pct:.1f}%"
    return f"{pct:.0f}%"


def _a(text: str) -> str:
    """The article for a number said aloud: 'an 18 %', 'an 8 %', 'a 25 %', 'a 110 %'."""
    digits = text.strip()
    whole = digits[: len(digits) - len(digits.lstrip("0123456789"))]
    return f"an {text}" if whole.startswith("8") or whole in ("11", "18") else f"a {text}"


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
    return f"{number(volume)} s" if hold else f"{number(volume)} reps"


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


def _sittings(
    sessions: Iterable[SessionRecord], sets: Iterable[SetRecord]
) -> tuple[list[SessionRecord], dict[str, list[SetRecord]]]:
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
class WeekPlanLoad:
    """What the plan prescribes for the calendar week holding a day, in reps + hold
    seconds (the unit sets are logged in), and whether the week before was a lighter one."""

    planned: float
    after_light_week: bool = False
    week_start: date | None = None
    # the last complete weeks, oldest first: (what the plan asked, what was done), reps + seconds
    past_weeks: tuple[tuple[float, float], ...] = ()


def _load_ratio(day: date, sets: list[SetRecord], sessions: Iterable[SessionRecord]) -> float | None:
    """Acute (last 7 days) over chronic (weekly average of the 28 days before), or None when
    the rule has nothing trustworthy to say (under 3 weeks of log, a tiny chronic load)."""
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
    if earliest > day - timedelta(days=T.min_history_days):
        return None  # the first 3 weeks: nothing trustworthy to compare with
    # Foster 2001: session RPE × minutes, but only when every sitting in the window has
    # both; otherwise volume for all of them, so the two units are never mixed.
    rpe_mode = all(s.rpe is not None and s.minutes for s in window)

    def load(s: SessionRecord) -> float:
        group = sets_by_session.get(s.id, [])
        if rpe_mode:
            return session_load(s, group)
        return float(sum(x.volume for x in group))

    acute = sum(load(s) for s in window if acute_from <= s.date <= day)
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
    return acute / chronic


def _volume_spike(
    day: date, sets: list[SetRecord], sessions: Iterable[SessionRecord], week: WeekPlanLoad | None
) -> list[GuardWarning]:
    """The week's load well above the recent average, unless the runner is doing what the
    plan prescribes for this calendar week (docs/coaching.md § The guard and the plan agree)."""
    if week is not None:
        if week.after_light_week:
            return []  # the return from a lighter week always looks like a jump
        if week.week_start is not None:
            logged = sum(s.volume for s in sets if week.week_start <= s.date <= day)
            if logged <= week.planned + _EPS:
                return []
    ratio = _load_ratio(day, sets, sessions)
    if ratio is None or ratio <= T.spike_ratio + _EPS:
        return []
    message = f"This week's strength load is about {_ratio(ratio)}× your recent weekly average."
    if week is not None and week.week_start is not None:
        advice = "Keep to the planned sets and reps for the rest of this week; holding steady is the safer progression."
    else:
        advice = "Hold steady next week; that is the safer progression."
    return [GuardWarning("volume-spike", "warning", message, advice)]


def safer_option(exercise_id: str, profile: Profile, catalog: Catalog) -> Exercise | None:
    """The nearest easier variation that fits the runner's level (never a jump for a
    beginner, never an advanced drill for an intermediate)."""

    def fits(ex: Exercise) -> bool:
        return ex.suits(profile.level) and not (profile.level == "beginner" and ex.kind == "plyometric")

    start = _exercise(exercise_id, catalog)
    if start is None:
        return None
    seen: set[str] = set()
    cur = start
    while cur.easier and cur.easier in catalog and cur.id not in seen:
        seen.add(cur.id)
        cur = catalog.get(cur.easier)
        if fits(cur):
            return cur
    for alt in start.alternatives:  # the catalog's own stand-ins
        if alt in catalog and fits(catalog.get(alt)) and catalog.get(alt).kind != "plyometric":
            return catalog.get(alt)
    # a bodyweight exercise that fits and works the same muscles (the main one first)
    options = [
        ex
        for ex in catalog
        if ex.id != start.id
        and fits(ex)
        and ex.kind not in ("plyometric", "mobility")
        and not ex.equipment
        and ex.legs == start.legs
    ]
    for muscles in (start.muscles[:1], start.muscles):
        for ex in options:
            if set(muscles) & set(ex.muscles):
                return ex
    return options[0] if options else None


def _level_mismatch(
    exercise_id: str, day: date, profile: Profile, sessions: list[SessionRecord], catalog: Catalog
) -> list[GuardWarning]:
    ex = _exercise(exercise_id, catalog)
    if ex is None:
        return []
    name = _name(exercise_id, catalog)
    safer = safer_option(exercise_id, profile, catalog)
    instead = (
        f"Do {_name(safer.id, catalog)} instead" if safer else f"Pick a {profile.level} exercise for the same muscles"
    )
    if profile.level == "beginner":
        if ex.kind == "plyometric":
            message = f"The beginner plan leaves out jumping drills such as {name}."
        elif ex.level == "advanced":
            message = f"The beginner plan leaves out advanced exercises such as {name}."
        else:
            return []
        return [
            GuardWarning(
                "level-mismatch",
                "warning",
                message,
                f"{instead} and build a steady base of strength work first.",
                exercise_id,
            )
        ]
    if profile.level == "intermediate" and ex.level == "advanced":
        message = f"{name[:1].upper() + name[1:]} is an advanced drill, a step beyond the intermediate plan."
        return [
            GuardWarning(
                "level-mismatch",
                "warning",
                message,
                f"{instead}; it trains the same thing with less strain.",
                exercise_id,
            )
        ]
    if profile.level == "intermediate" and ex.kind == "plyometric":
        weeks = consistent_weeks(sessions, day, profile.week_start_index, T.plyo_sessions_per_week)
        need = T.plyo_consistent_weeks
        if weeks >= need and profile.plyo_ready:
            return []
        if weeks >= need:
            message = f"Jumping drills such as {name} wait for a yes to the jump-readiness questions."
            advice = f"{instead} for now, and answer the questions with `runstrength profile --plyo-ready`."
        else:
            message = (
                f"Jumping drills such as {name} come after {need} weeks in a row with "
                f"{number(T.plyo_sessions_per_week)}+ strength sessions, and you have {weeks} so far."
            )
            advice = f"{instead} for now; low-level hops come after week {need}."
        return [GuardWarning("level-mismatch", "warning", message, advice, exercise_id)]
    return []


def _load_within(candidate: SetRecord, prescribed: Prescribed, has_previous: bool) -> bool:
    if candidate.load_kg is None:
        return True
    if prescribed.suggested_load_kg is not None:
        return candidate.load_kg <= prescribed.suggested_load_kg + 1e-6
    return not has_previous  # a first load is the runner's own pick


# ---------------------------------------------------------------------------- what a rule reads


@dataclass(frozen=True)
class SetFacts:
    """What the set-level rules read about one set about to be (or just) logged."""

    candidate: SetRecord
    others: list[SetRecord]  # the history without the candidate (deduplicated by id)
    previous: list[SetRecord]  # sets of the same exercise in the 28 days before its day
    name: str  # the exercise's name inside a sentence
    profile: Profile
    sessions: list[SessionRecord]
    catalog: Catalog
    prescribed: Prescribed | None
    week: WeekPlanLoad | None

    @property
    def within_load(self) -> bool:
        """The load is what the plan asked for, or less."""
        return self.prescribed is not None and _load_within(self.candidate, self.prescribed, bool(self.previous))

    @property
    def within_volume(self) -> bool:
        """The reps or seconds are what the plan asked for, or less."""
        return self.prescribed is not None and self.candidate.volume <= self.prescribed.top


@dataclass(frozen=True)
class SessionFacts:
    """What the session-level rules read about a sitting about to start (or logged) on ``day``."""

    day: date
    exercise_ids: list[str]
    sessions: list[SessionRecord]  # the existing sittings, not the new one
    profile: Profile
    catalog: Catalog
    history: list[SetRecord]
    past: bool  # the day is before today: the sentences look back
    prescribed: bool
    finisher: bool
    run_on: Callable[[date], str]
    runs: Sequence[Run] = ()  # imported runs (the day before matters)

    @property
    def week_start(self) -> date:
        return week_start(self.day, self.profile.week_start_index)


@dataclass(frozen=True)
class WeekFacts:
    """What the week-level rules read on ``today``."""

    today: date
    sets: list[SetRecord]  # deduplicated, up to today
    sessions: list[SessionRecord]  # up to today
    profile: Profile
    week: WeekPlanLoad | None
    runs: Sequence[Run] = ()  # imported runs of the last weeks
    acks: Sequence[tuple[str, str, date]] = ()  # "I know" said to a note: (code, exercise, day)


# ---------------------------------------------------------------------------- set level


def _pain_rule(f: SetFacts) -> list[GuardWarning]:
    """Pain marked on the set (never silenced: pain is the runner's own signal)."""
    return [_pain(f.candidate, f.others, f.name)] if f.candidate.pain else []


def _load_jump(f: SetFacts) -> list[GuardWarning]:
    """The load well above the heaviest of the last 4 weeks (ACSM 2009: 2–10 % steps; the
    next real weight is a step, not a jump)."""
    candidate = f.candidate
    if candidate.load_kg is None or candidate.load_kg <= 0 or f.within_load:
        return []
    loads = [s.load_kg for s in f.previous if s.load_kg is not None and s.load_kg > 0]
    if not loads:
        return []
    best = max(loads)
    unit = f.profile.units  # every sentence in the runner's unit, whatever the set was typed in
    step = T.small_step_lb * KG_PER_LB if unit == "lb" else T.small_step_kg
    ex = _exercise(candidate.exercise, f.catalog)
    real_next = step_up(ex, f.profile, best) if ex is not None else None
    rise = candidate.load_kg - best
    allowed = max(best * (1 + T.load_jump_fraction), best + step, real_next or 0.0)
    if candidate.load_kg <= allowed + 1e-6:
        return []
    message = (
        f"{format_load(best, unit)} → {format_load(candidate.load_kg, unit)} is "
        f"{_a(_percent(rise / best, T.load_jump_fraction))} jump over your heaviest {f.name} "
        f"in the last {T.lookback_days // 7} weeks."
    )
    if real_next is not None and real_next > best + step + 1e-6:
        advice = f"Go up one weight at a time ({format_load(real_next, unit)} next), and only once every set reaches the top of the rep range."
    else:
        advice = (
            f"Go up by at most {format_load(max(step, best * T.load_jump_fraction), unit)} at a time, "
            f"and only once every set reaches the top of the rep range."
        )
    return [GuardWarning("load-jump", "warning", message, advice, candidate.exercise)]


def _rep_jump(f: SetFacts) -> list[GuardWarning]:
    """Reps or hold seconds well above the best set of the last 4 weeks (our convention;
    see THRESHOLDS)."""
    candidate = f.candidate
    volume = candidate.volume
    if volume <= 0 or f.within_volume:
        return []
    volumes = [s.volume for s in f.previous if s.volume > 0]
    if not volumes:
        return []
    best_volume = max(volumes)
    if volume <= best_volume * (1 + T.rep_jump_fraction) + _EPS:
        return []
    hold = bool(candidate.seconds) and not candidate.reps
    message = (
        f"{_amount(volume, hold)} is {_percent(volume / best_volume - 1, T.rep_jump_fraction)} more than "
        f"your best {f.name} set in the last {T.lookback_days // 7} weeks ({_amount(best_volume, hold)})."
    )
    if hold:
        advice = "Add 5–10 seconds a session instead, and past about 60 seconds move to a harder variation."
    else:
        advice = "Add 1–2 reps a session instead, stopping with 2–3 reps still in the tank."
    return [GuardWarning("rep-jump", "caution", message, advice, candidate.exercise)]


def _heavy_low_reps(f: SetFacts) -> list[GuardWarning]:
    """A loaded set of fewer than 8 reps, below what the plan asked for."""
    candidate, prescribed = f.candidate, f.prescribed
    if (
        candidate.load_kg is None
        or candidate.load_kg <= 0
        or candidate.reps is None
        or candidate.reps >= T.heavy_reps_below
        or (prescribed is not None and prescribed.reps is not None and candidate.reps >= prescribed.reps[0])
    ):
        return []
    message = (
        f"{candidate.reps} reps at {format_load(candidate.load_kg, f.profile.units)} on {f.name} is heavier work "
        f"than the 12–20 rep range runners usually train in."
    )
    if f.profile.level == "advanced":
        advice = (
            "Heavy sets can suit an advanced runner: keep them to 3–4 sets of 5–8 with full rest, away from key runs."
        )
    else:
        advice = "Choose a load you can lift 12–20 times with 2–3 reps to spare."
    return [GuardWarning("heavy-low-reps", "info", message, advice, candidate.exercise)]


def _set_level_mismatch(f: SetFacts) -> list[GuardWarning]:
    """An exercise above the runner's level, unless the plan asked for it."""
    if f.prescribed is not None:
        return []
    return _level_mismatch(f.candidate.exercise, f.candidate.date, f.profile, f.sessions, f.catalog)


def _set_volume_spike(f: SetFacts) -> list[GuardWarning]:
    """The week's load with this set's volume added to its own session."""
    considered = [s for s in f.others if s.date <= f.candidate.date] + [f.candidate]
    return _volume_spike(f.candidate.date, considered, f.sessions, f.week)


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


def _comeback(f: SessionFacts) -> list[GuardWarning]:
    """The first session after 14+ days off: a lighter first week back."""
    before = [s for s in f.sessions if s.date < f.day]
    if not before or f.prescribed or any(s.date == f.day for s in f.sessions):
        return []
    last = max(s.date for s in before)
    gap = (f.day - last).days
    if gap < T.comeback_gap_days:
        return []
    lo, hi = round(T.comeback_low * 100), round(T.comeback_high * 100)
    example = _comeback_example(f.exercise_ids, f.history, last, f.catalog, f.profile.units)
    if f.past:
        advice = f"About {lo}–{hi}% of your previous loads and reps should have been the right dose for the first week back{example}."
    else:
        advice = f"Use about {lo}–{hi}% of your previous loads and reps this first week back{example}."
    message = (
        f"It has been {gap} days since your last strength session, and a few weeks off does not erase what you built."
    )
    return [GuardWarning("comeback", "caution", message, advice)]


def _back_to_back(f: SessionFacts) -> list[GuardWarning]:
    """Strength the day before or after another session: 48 h between sessions that load
    the same muscles (ACSM 2009)."""
    day, past = f.day, f.past
    if f.catalog.spares_legs(f.exercise_ids):  # a leg-free session or finisher leaves the legs fresh
        return []
    near = sorted(
        {s.date for s in f.sessions if s.loads_legs and 0 < abs((s.date - day).days) < T.min_days_between_sessions}
    )
    if not near:
        return []
    other = near[-1]
    if past:
        message = (
            f"This session came a day after another one ({DAY_NAMES[other.weekday()]})."
            if other < day
            else (f"This session came a day before another one ({DAY_NAMES[other.weekday()]}).")
        )
        advice = "Next time leave a day between strength sessions: muscles need about 48 hours to recover."
    else:
        when = "yesterday" if (day - other).days == 1 else ("the day before" if other < day else "the day after")
        message = f"You did a strength session {when}, so this one would be two days in a row."
        if f.finisher:
            advice = "Skip today's finisher: muscles need about 48 hours between strength sessions."
        else:
            advice = "Rest today and train tomorrow instead: muscles need about 48 hours between strength sessions."
    return [GuardWarning("back-to-back", "caution", message, advice)]


def _too_many_sessions(f: SessionFacts) -> list[GuardWarning]:
    """More than 3 sessions in 7 days, or 2 over the week's target (Balsalobre-Fernández
    2016, Blagrove 2018: 2–3 a week)."""
    day, past, finisher = f.day, f.past, f.finisher
    if f.catalog.spares_legs(f.exercise_ids):  # the leg-free session and the finisher are never too many
        return []
    recent = [s for s in f.sessions if s.loads_legs and day - timedelta(days=6) <= s.date <= day]
    in_7_days = len(recent) + (0 if finisher else 1)
    start = f.week_start
    # the week's sessions as the target counts them (a finisher after a run is an extra)
    week_count = sum(
        s.weight for s in f.sessions if s.kind != "finisher" and start <= s.date <= start + timedelta(days=6)
    ) + (0.5 if finisher else 1)
    target = f.profile.target_for_week(start)
    level = "caution"
    if finisher:
        advice = "Two or three sessions a week is the dose that helps runners, so skip the finisher and rest today."
    elif past:
        advice = "Two or three sessions a week is the dose that helps runners; spread next week's sessions out."
    else:
        advice = "Two or three sessions a week is the dose that helps runners, so rest today or keep it to a short core finisher."
    if in_7_days > T.max_sessions_in_7_days:
        verb = "was" if past else "would be"
        return [
            GuardWarning(
                "too-many-sessions",
                level,
                f"This {verb} your {_ordinal(in_7_days)} strength session in 7 days.",
                advice,
            )
        ]
    if week_count >= target + T.over_target_by - _EPS:
        verb = "made" if past else "would make"
        message = f"This {verb} {number(week_count)} sessions this week against your target of {target}."
        return [GuardWarning("too-many-sessions", level, message, advice)]
    return []


def _after_long_run(f: SessionFacts) -> list[GuardWarning]:
    """Leg work on the long-run day, the day after it or the day before it (leg soreness
    peaks 24–72 h after a session)."""
    legs = [i for i in f.exercise_ids if (ex := _exercise(i, f.catalog)) is not None and ex.legs]
    if not legs:
        return []
    day, run_on = f.day, f.run_on
    if run_on(day) == "long":
        when = "on your long-run day"
    elif run_on(day - timedelta(days=1)) == "long":
        when = "on the day after your long run"
    elif run_on(day + timedelta(days=1)) == "long":
        when = "on the day before your long run"
    else:
        return []
    shown = [_name(i, f.catalog) for i in dict.fromkeys(legs)]
    listed = ", ".join(shown[:3]) + " and more" if len(shown) > 3 else _list(shown)
    verb = "had" if f.past else "has"
    advice = (
        "Next time keep this day to core work and move the leg exercises to a day when your legs are fresh."
        if f.past
        else "Keep today to core work and move the leg exercises to a day when your legs are fresh."
    )
    return [GuardWarning("after-long-run", "warning", f"This session {verb} leg work ({listed}) {when}.", advice)]


def _same_day_as_run(f: SessionFacts) -> list[GuardWarning]:
    """Beginners: strength on a running day while a rest day is still free this week. Only
    forward-looking, and never about a day the plan chose."""
    day, run_on = f.day, f.run_on
    if f.profile.level != "beginner" or run_on(day) == "rest" or f.prescribed or f.past or f.finisher:
        return []
    taken = {s.date for s in f.sessions}
    end = f.week_start + timedelta(days=6)
    d = day + timedelta(days=1)
    while d <= end:
        if (
            run_on(d) == "rest"
            and run_on(d - timedelta(days=1)) != "long"
            and run_on(d + timedelta(days=1)) != "long"
            and not any(abs((t - d).days) < T.min_days_between_sessions for t in taken)
        ):
            free = DAY_NAMES[d.weekday()]
            message = f"{DAY_NAMES[day.weekday()]} is a running day, and {free} is still a free rest day this week."
            advice = f"The beginner plan puts strength on a rest day when one is free, so consider {free} instead."
            return [GuardWarning("same-day-as-run", "info", message, advice)]
        d += timedelta(days=1)
    return []


def _session_level_mismatch(f: SessionFacts) -> list[GuardWarning]:
    """Exercises above the runner's level, unless the plan put this session on this day."""
    if f.prescribed:
        return []
    out: list[GuardWarning] = []
    for exercise_id in dict.fromkeys(f.exercise_ids):
        out += _level_mismatch(exercise_id, f.day, f.profile, f.sessions, f.catalog)
    return out


def _comeback_example(
    exercise_ids: list[str], history: list[SetRecord], last: date, catalog: Catalog, unit: str
) -> str:
    """', so goblet squat at about 7–10 kg instead of 14 kg' from the last time it was loaded."""
    for exercise_id in exercise_ids:
        loaded = [(s.date, s.load_kg) for s in history if s.exercise == exercise_id and s.load_kg and s.date <= last]
        if not loaded:
            continue
        latest = max(day for day, _ in loaded)
        _, kg = max((x for x in loaded if x[0] == latest), key=lambda x: x[1])
        return (
            f", so {_name(exercise_id, catalog)} at about "
            f"{_load_range(kg, unit, T.comeback_low, T.comeback_high)} instead of {format_load(kg, unit)}"
        )
    return ""


# ---------------------------------------------------------------------------- week level


def _irregular(f: WeekFacts) -> list[GuardWarning]:
    """Fewer than 1.5 sessions a week over the last 4 weeks (with a log that old)."""
    sessions, today = f.sessions, f.today
    if not sessions:
        return []
    first = min(s.date for s in sessions)
    span = timedelta(days=T.irregular_window_days - 1)
    if first > today - timedelta(days=T.irregular_window_days):
        return []
    weeks = T.irregular_window_days / 7
    # The 28 days ending today, or ending yesterday when that counts more: on the
    # morning of a training day, today's session is not logged yet, and a runner
    # doing exactly 2 a week would otherwise read as 1.75.
    count = max(
        sum(s.weight for s in sessions if end - span <= s.date <= end) for end in (today, today - timedelta(days=1))
    )
    per_week = count / weeks
    if per_week >= T.irregular_min_per_week - _EPS:
        return []
    return [
        GuardWarning(
            "irregular",
            "info",
            f"You averaged {number(per_week)} strength session{'' if number(per_week) == '1' else 's'} "
            f"a week over the last {round(weeks)} weeks.",
            "Two short sessions a week is the dose the running studies used, so pick two fixed days that fit around your runs.",
        )
    ]


def _week_volume_spike(f: WeekFacts) -> list[GuardWarning]:
    return _volume_spike(f.today, f.sets, f.sessions, f.week)


def _volume_creep(f: WeekFacts) -> list[GuardWarning]:
    """The weekly sets and reps above the plan three weeks in a row (docs/coaching.md § Guard
    rules): no single jump, but a creep the body has to absorb on top of the running."""
    weeks = f.week.past_weeks[-T.creep_weeks :] if f.week is not None else ()
    if len(weeks) < T.creep_weeks or any(
        planned <= 0 or done <= planned * (1 + T.creep_fraction) for planned, done in weeks
    ):
        return []
    above = ", ".join(f"{round((done / planned - 1) * 100)} %" for planned, done in weeks)
    return [
        GuardWarning(
            "volume-creep",
            "info",
            f"Your last {T.creep_weeks} weeks each ran above the plan's sets and reps ({above} more).",
            "Doing the sessions as written keeps the progression safe; the plan raises the work itself when every set reaches the top.",
        )
    ]


# ---------------------------------------------------------------------------- the runs themselves


def _after_hard_run(f: SessionFacts) -> list[GuardWarning]:
    """Strength the day after an unplanned long or hard run (:mod:`.running_guard`)."""
    declared = f.profile.run_on(f.day - timedelta(days=1))
    return running_guard.after_hard_run(f.day, f.runs, declared) if f.runs else []


def _running_load(f: WeekFacts) -> list[GuardWarning]:
    """This week's running well above the 4 weeks before (:mod:`.running_guard`)."""
    if not f.runs:
        return []
    return running_guard.running_load(f.today, f.runs, week_start_index=f.profile.week_start_index, acks=f.acks)


# ---------------------------------------------------------------------------- the rules


EXERCISE = "exercise"  # about one exercise: the warning carries its id
SESSION = "session"  # about a whole sitting: no exercise id
WEEK = "week"  # about the week: no exercise id, so one showing covers every exercise


@dataclass(frozen=True)
class Rule:
    """One rule: its stable code, the words people read for it, what it is about, and the
    checks that say it (on a set, on a sitting, on the week)."""

    code: str
    words: str  # History, the finish dialog, CLI text; the code stays in --json and on disk
    about: str  # EXERCISE | SESSION | WEEK
    on_set: Callable[[SetFacts], list[GuardWarning]] | None = None
    on_session: Callable[[SessionFacts], list[GuardWarning]] | None = None
    on_week: Callable[[WeekFacts], list[GuardWarning]] | None = None
    silenceable: bool = True  # "I know" quiets it for a week; pain is never quieted


#: Every rule, in the order the checks run (and their warnings are listed).
RULES: tuple[Rule, ...] = (
    Rule("pain", "pain", EXERCISE, on_set=_pain_rule, silenceable=False),
    Rule("load-jump", "big load jump", EXERCISE, on_set=_load_jump),
    Rule("rep-jump", "big rep jump", EXERCISE, on_set=_rep_jump),
    Rule("heavy-low-reps", "heavy, low reps", EXERCISE, on_set=_heavy_low_reps),
    Rule("comeback", "first session back", SESSION, on_session=_comeback),
    Rule("back-to-back", "two days in a row", SESSION, on_session=_back_to_back),
    Rule("too-many-sessions", "too many sessions", SESSION, on_session=_too_many_sessions),
    Rule("after-long-run", "legs near the long run", SESSION, on_session=_after_long_run),
    Rule("same-day-as-run", "on a running day", SESSION, on_session=_same_day_as_run),
    Rule(
        "level-mismatch", "above your level", EXERCISE, on_set=_set_level_mismatch, on_session=_session_level_mismatch
    ),
    Rule("irregular", "irregular weeks", WEEK, on_week=_irregular),
    Rule("volume-spike", "weekly load spike", WEEK, on_set=_set_volume_spike, on_week=_week_volume_spike),
    Rule("volume-creep", "more than planned, week after week", WEEK, on_week=_volume_creep),
    Rule("running-load", "running load jump", WEEK, on_week=_running_load),
    Rule("after-hard-run", "after an unplanned hard run", SESSION, on_session=_after_hard_run),
)

#: What each code means, in the words a person reads (History, finish dialog, CLI text).
CODE_WORDS = {r.code: r.words for r in RULES}
#: Codes about a whole sitting: they carry no exercise id.
SESSION_CODES = frozenset(r.code for r in RULES if r.about == SESSION)
#: Codes about the week (from ``review`` and the set-level load check): no exercise id either,
#: so that one acknowledgement or one showing covers every exercise.
WEEK_CODES = frozenset(r.code for r in RULES if r.about == WEEK)
#: Codes that "I know" does not silence: pain is the runner's own signal.
UNSILENCEABLE = frozenset(r.code for r in RULES if not r.silenceable)
#: Every code whose warnings have ``exercise == ""``.
UNSCOPED_CODES = SESSION_CODES | WEEK_CODES

_SET_CHECKS = tuple(r.on_set for r in RULES if r.on_set is not None)
_SESSION_CHECKS = tuple(r.on_session for r in RULES if r.on_session is not None)
_WEEK_CHECKS = tuple(r.on_week for r in RULES if r.on_week is not None)


def code_words(code: str) -> str:
    """'load-jump' → 'big load jump'; an unknown code reads as its words."""
    return CODE_WORDS.get(code, code.replace("-", " "))


# ---------------------------------------------------------------------------- the checks


def within_prescription(candidate: SetRecord, prescribed: Prescribed | None, history: list[SetRecord]) -> bool:
    """The set does what the plan asked, or less: no more reps or seconds, no more load."""
    if prescribed is None:
        return False
    previous = _previous_window(candidate, _others(candidate, history))
    return candidate.volume <= prescribed.top and _load_within(candidate, prescribed, bool(previous))


def check_set(
    candidate: SetRecord,
    *,
    history: list[SetRecord],
    sessions: list[SessionRecord],
    profile: Profile,
    catalog: Catalog,
    prescribed: Prescribed | None = None,
    week: WeekPlanLoad | None = None,
) -> list[GuardWarning]:
    """Warnings for one set about to be (or just) logged.

    ``history`` holds sets logged before it (at least the last 35 days); it may hold
    earlier sets of the same session and even the candidate itself (ignored by id).
    ``prescribed`` is what the plan asked of this exercise on the set's day, if anything:
    a set at or below it is the plan's own progression, and the guard never warns about
    what the app prescribed. ``week`` is the plan's load for the calendar week.
    """
    others = _others(candidate, history)
    facts = SetFacts(
        candidate=candidate,
        others=others,
        previous=_previous_window(candidate, others),
        name=_name(candidate.exercise, catalog),
        profile=profile,
        sessions=sessions,
        catalog=catalog,
        prescribed=prescribed,
        week=week,
    )
    return [w for check in _SET_CHECKS for w in check(facts)]


def check_session(
    day: date,
    exercise_ids: list[str],
    *,
    sessions: list[SessionRecord],
    profile: Profile,
    catalog: Catalog,
    history: Sequence[SetRecord] = (),
    today: date | None = None,
    prescribed: bool = False,
    finisher: bool = False,
    run_on: Callable[[date], str] | None = None,
    runs: Sequence[Run] = (),
) -> list[GuardWarning]:
    """Warnings for a session about to start (or logged) on ``day`` with these exercises.

    ``sessions`` are the existing sittings, not including the new one; ``history`` (sets)
    only sharpens the comeback advice with a real load. ``prescribed``: the plan put this
    session on this day (the guard never warns about what the app itself prescribed, so
    the day-choice and comeback notes stay quiet; the plan's reason says it instead).
    ``finisher``: the sitting is a 5-minute finisher. ``run_on``: the day's run type
    (imported runs and races included); the declared week by default. ``runs``: the
    imported runs (the day before's decides ``after-hard-run``).
    """
    facts = SessionFacts(
        day=day,
        exercise_ids=list(exercise_ids),
        sessions=list(sessions),
        profile=profile,
        catalog=catalog,
        history=list(history),
        past=day < (today or day),
        prescribed=prescribed,
        finisher=finisher,
        run_on=run_on or profile.run_on,
        runs=runs,
    )
    return [w for check in _SESSION_CHECKS for w in check(facts)]


def review(
    today: date,
    *,
    history: list[SetRecord],
    sessions: list[SessionRecord],
    profile: Profile,
    week: WeekPlanLoad | None = None,
    runs: Sequence[Run] = (),
    acks: Sequence[tuple[str, str, date]] = (),
) -> list[GuardWarning]:
    """Week-level notes for ``status`` and the Week screen (irregular, volume-spike,
    volume-creep, running-load). ``runs`` are the imported runs; ``acks`` the notes the
    runner said "I know" to (running-load reads them itself)."""
    facts = WeekFacts(
        today=today,
        sets=[s for s in {s.id: s for s in history}.values() if s.date <= today],
        sessions=[s for s in sessions if s.date <= today],
        profile=profile,
        week=week,
        runs=runs,
        acks=acks,
    )
    return [w for check in _WEEK_CHECKS for w in check(facts)]


# ---------------------------------------------------------------------------- no nagging


def quiet(
    warnings: list[GuardWarning],
    *,
    acks: list[tuple[str, str, date]],
    day: date,
    shown: Set[tuple[str, str]] = frozenset(),
) -> list[GuardWarning]:
    """Drop what was already shown this session, acknowledged in the last 7 days, or repeated;
    most serious first. Pain notes are never silenced by an acknowledgement."""
    cutoff = day - timedelta(days=T.ack_quiet_days)
    acked = {(code, exercise) for code, exercise, when in acks if when > cutoff and code not in UNSILENCEABLE}
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
    "RULES",
    "Rule",
    "SESSION_CODES",
    "WEEK_CODES",
    "UNSCOPED_CODES",
    "UNSILENCEABLE",
    "THRESHOLDS",
    "CODE_WORDS",
    "code_words",
    "Thresholds",
    "check_set",
    "check_session",
    "review",
    "quiet",
    "shown_in_session",
    "within_prescription",
]
