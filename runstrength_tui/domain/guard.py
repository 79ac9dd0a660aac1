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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .catalog import Catalog, Exercise
from .loads import step_up

if False:  # typing only: the planner imports the guard's neighbours, not the guard
    from .plan import Prescribed  # noqa: F401
from .model import KG_PER_LB, Profile, SessionRecord, SetRecord
from .rules import THRESHOLDS, Thresholds
from .weeks import consistent_weeks, session_load, week_start

LEVEL_ORDER = {"warning": 0, "caution": 1, "info": 2}

#: Codes about a whole sitting: they carry no exercise id.
SESSION_CODES = frozenset({"comeback", "too-many-sessions", "after-long-run", "same-day-as-run", "back-to-back", "after-hard-run"})
#: Codes about the week (from ``review`` and the set-level load check): no exercise id either,
#: so that one acknowledgement or one showing covers every exercise.
WEEK_CODES = frozenset({"volume-spike", "irregular", "running-load"})
#: Codes that "I know" does not silence: pain is the runner's own signal.
UNSILENCEABLE = frozenset({"pain"})
#: Every code whose warnings have ``exercise == ""``.
UNSCOPED_CODES = SESSION_CODES | WEEK_CODES


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
class WeekPlanLoad:
    """What the plan prescribes for the calendar week holding a day, in reps + hold
    seconds (the unit sets are logged in), and whether the week before was a lighter one."""

    planned: float
    after_light_week: bool = False
    week_start: date | None = None


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


def _volume_spike(day: date, sets: list[SetRecord], sessions, week: WeekPlanLoad | None) -> list[GuardWarning]:
    """The week's load well above the recent average, unless the runner is doing what the
    plan prescribes for this calendar week (COACHING.md: the guard and the plan agree)."""
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
    options = [ex for ex in catalog if ex.id != start.id and fits(ex) and ex.kind not in ("plyometric", "mobility")
               and not ex.equipment and ex.legs == start.legs]
    for muscles in (start.muscles[:1], start.muscles):
        for ex in options:
            if set(muscles) & set(ex.muscles):
                return ex
    return options[0] if options else None


def _level_mismatch(exercise_id: str, day: date, profile: Profile, sessions: list[SessionRecord], catalog: Catalog) -> list[GuardWarning]:
    ex = _exercise(exercise_id, catalog)
    if ex is None:
        return []
    name = _name(exercise_id, catalog)
    safer = safer_option(exercise_id, profile, catalog)
    instead = f"Do {_name(safer.id, catalog)} instead" if safer else f"Pick a {profile.level} exercise for the same muscles"
    if profile.level == "beginner":
        if ex.kind == "plyometric":
            message = f"The beginner plan leaves out jumping drills such as {name}."
        elif ex.level == "advanced":
            message = f"The beginner plan leaves out advanced exercises such as {name}."
        else:
            return []
        return [GuardWarning("level-mismatch", "warning", message, f"{instead} and build a steady base of strength work first.", exercise_id)]
    if profile.level == "intermediate" and ex.level == "advanced":
        message = f"{name[:1].upper() + name[1:]} is an advanced drill, a step beyond the intermediate plan."
        return [GuardWarning("level-mismatch", "warning", message, f"{instead}; it trains the same thing with less strain.", exercise_id)]
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
                f"{_num(T.plyo_sessions_per_week)}+ strength sessions, and you have {weeks} so far."
            )
            advice = f"{instead} for now; low-level hops come after week {need}."
        return [GuardWarning("level-mismatch", "warning", message, advice, exercise_id)]
    return []


# ---------------------------------------------------------------------------- set level


def _load_within(candidate: SetRecord, prescribed: Prescribed, has_previous: bool) -> bool:
    if candidate.load_kg is None:
        return True
    if prescribed.suggested_load_kg is not None:
        return candidate.load_kg <= prescribed.suggested_load_kg + 1e-6
    return not has_previous  # a first load is the runner's own pick


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
    name = _name(candidate.exercise, catalog)
    out: list[GuardWarning] = []

    if candidate.pain:
        out.append(_pain(candidate, others, name))

    previous = _previous_window(candidate, others)
    within_load = prescribed is not None and _load_within(candidate, prescribed, bool(previous))
    within_volume = prescribed is not None and candidate.volume <= prescribed.top

    # load-jump (ACSM 2009: 2–10 % steps; the next real weight is a step, not a jump)
    if candidate.load_kg is not None and candidate.load_kg > 0 and not within_load:
        loads = [s.load_kg for s in previous if s.load_kg is not None and s.load_kg > 0]
        if loads:
            best = max(loads)
            unit = candidate.unit
            step = T.small_step_lb * KG_PER_LB if unit == "lb" else T.small_step_kg
            ex = _exercise(candidate.exercise, catalog)
            real_next = step_up(ex, profile, best) if ex is not None else None
            rise = candidate.load_kg - best
            allowed = max(best * (1 + T.load_jump_fraction), best + step, real_next or 0.0)
            if candidate.load_kg > allowed + 1e-6:
                message = (
                    f"{_load(best, unit)} → {_load(candidate.load_kg, unit)} is "
                    f"{_a(_percent(rise / best, T.load_jump_fraction))} jump over your heaviest {name} "
                    f"in the last {T.lookback_days // 7} weeks."
                )
                if real_next is not None and real_next > best + step + 1e-6:
                    advice = f"Go up one weight at a time ({_load(real_next, unit)} next), and only once every set reaches the top of the rep range."
                else:
                    advice = (
                        f"Go up by at most {_load(max(step, best * T.load_jump_fraction), unit)} at a time, "
                        f"and only once every set reaches the top of the rep range."
                    )
                out.append(GuardWarning("load-jump", "warning", message, advice, candidate.exercise))

    # rep-jump (our convention; see THRESHOLDS)
    volume = candidate.volume
    if volume > 0 and not within_volume:
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
    if (
        candidate.load_kg is not None
        and candidate.load_kg > 0
        and candidate.reps is not None
        and candidate.reps < T.heavy_reps_below
        and not (prescribed is not None and prescribed.reps is not None and candidate.reps >= prescribed.reps[0])
    ):
        message = (
            f"{candidate.reps} reps at {_load(candidate.load_kg, candidate.unit)} on {name} is heavier work "
            f"than the 12–20 rep range runners usually train in."
        )
        if profile.level == "advanced":
            advice = "Heavy sets can suit an advanced runner: keep them to 3–4 sets of 5–8 with full rest, away from key runs."
        else:
            advice = "Choose a load you can lift 12–20 times with 2–3 reps to spare."
        out.append(GuardWarning("heavy-low-reps", "info", message, advice, candidate.exercise))

    if prescribed is None:
        out += _level_mismatch(candidate.exercise, candidate.date, profile, sessions, catalog)

    # volume-spike: the candidate's volume is added to its own session
    considered = [s for s in others if s.date <= candidate.date] + [candidate]
    out += _volume_spike(candidate.date, considered, sessions, week)
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
    today: date | None = None,
    prescribed: bool = False,
    finisher: bool = False,
    run_on=None,
) -> list[GuardWarning]:
    """Warnings for a session about to start (or logged) on ``day`` with these exercises.

    ``sessions`` are the existing sittings, not including the new one; ``history`` (sets)
    only sharpens the comeback advice with a real load. ``prescribed``: the plan put this
    session on this day (the guard never warns about what the app itself prescribed, so
    the day-choice and comeback notes stay quiet; the plan's reason says it instead).
    ``finisher``: the sitting is a 5-minute finisher. ``run_on``: the day's run type
    (imported runs and races included); the declared week by default.
    """
    today = today or day
    run_on = run_on or profile.run_on
    past = day < today
    out: list[GuardWarning] = []
    others = list(sessions)

    # comeback
    before = [s for s in others if s.date < day]
    if before and not prescribed and not any(s.date == day for s in others):
        last = max(s.date for s in before)
        gap = (day - last).days
        if gap >= T.comeback_gap_days:
            lo, hi = round(T.comeback_low * 100), round(T.comeback_high * 100)
            example = _comeback_example(exercise_ids, list(history), last, catalog)
            verb = "should have been" if past else "are"
            advice = (
                f"Use about {lo}–{hi}% of your previous loads and reps this first week back{example}."
                if not past
                else f"About {lo}–{hi}% of your previous loads and reps {verb} the right dose for the first week back{example}."
            )
            out.append(
                GuardWarning(
                    "comeback",
                    "caution",
                    f"It has been {gap} days since your last strength session, and a few weeks off does not erase what you built.",
                    advice,
                )
            )

    # back-to-back: 48 h between sessions that load the same muscles (ACSM 2009)
    near = sorted({s.date for s in others if 0 < abs((s.date - day).days) < T.min_days_between_sessions})
    if near:
        other = near[-1]
        when = "yesterday" if (day - other).days == 1 and not past else ("the day before" if other < day else "the day after")
        if past:
            message = f"This session came a day after another one ({_WEEKDAY_NAMES[other.weekday()]})." if other < day else (
                f"This session came a day before another one ({_WEEKDAY_NAMES[other.weekday()]})."
            )
            advice = "Next time leave a day between strength sessions: muscles need about 48 hours to recover."
        else:
            message = f"You did a strength session {when}, so this one would be two days in a row."
            if finisher:
                advice = "Skip today's finisher: muscles need about 48 hours between strength sessions."
            else:
                advice = "Rest today and train tomorrow instead: muscles need about 48 hours between strength sessions."
        out.append(GuardWarning("back-to-back", "caution", message, advice))

    # too-many-sessions (Balsalobre-Fernández 2016, Blagrove 2018: 2–3 a week)
    recent = [s for s in others if s.kind != "finisher" and day - timedelta(days=6) <= s.date <= day]
    in_7_days = len(recent) + (0 if finisher else 1)
    start = week_start(day, profile.week_start_index)
    week_count = sum(s.weight for s in others if start <= s.date <= start + timedelta(days=6)) + (0.5 if finisher else 1)
    target = profile.planned_target_for_week(start)
    known = [ex for i in exercise_ids if (ex := _exercise(i, catalog)) is not None]
    core_only = bool(known) and all(ex.kind in ("core", "mobility") and not ex.legs for ex in known)
    level = "info" if core_only else "caution"  # a few minutes of core work is not "too much"
    if finisher:
        advice = "Two or three sessions a week is the dose that helps runners, so skip the finisher and rest today."
    elif core_only and not past:
        advice = "A few minutes of core work like this is fine; keep the leg work for the planned days."
    elif past:
        advice = "Two or three sessions a week is the dose that helps runners; spread next week's sessions out."
    else:
        advice = "Two or three sessions a week is the dose that helps runners, so rest today or keep it to a short core finisher."
    if in_7_days > T.max_sessions_in_7_days:
        verb = "was" if past else "would be"
        out.append(GuardWarning("too-many-sessions", level, f"This {verb} your {_ordinal(in_7_days)} strength session in 7 days.", advice))
    elif week_count >= target + T.over_target_by - _EPS:
        verb = "made" if past else "would make"
        out.append(
            GuardWarning(
                "too-many-sessions",
                level,
                f"This {verb} {_num(week_count)} sessions this week against your target of {target}.",
                advice,
            )
        )

    # after-long-run (and the day before it: leg soreness peaks 24–72 h after a session)
    legs = [i for i in exercise_ids if (ex := _exercise(i, catalog)) is not None and ex.legs]
    if legs:
        when = None
        if run_on(day) == "long":
            when = "on your long-run day"
        elif run_on(day - timedelta(days=1)) == "long":
            when = "on the day after your long run"
        elif run_on(day + timedelta(days=1)) == "long":
            when = "on the day before your long run"
        if when:
            shown = [_name(i, catalog) for i in dict.fromkeys(legs)]
            listed = ", ".join(shown[:3]) + " and more" if len(shown) > 3 else _list(shown)
            verb = "had" if past else "has"
            advice = (
                "Next time keep this day to core work and move the leg exercises to a day when your legs are fresh."
                if past
                else "Keep today to core work and move the leg exercises to a day when your legs are fresh."
            )
            out.append(GuardWarning("after-long-run", "warning", f"This session {verb} leg work ({listed}) {when}.", advice))

    # same-day-as-run (beginners: strength on a free rest day when one is left this week);
    # only forward-looking, and never about a day the plan chose
    if profile.level == "beginner" and run_on(day) != "rest" and not prescribed and not past and not finisher:
        taken = {s.date for s in others}
        end = start + timedelta(days=6)
        free = None
        d = day + timedelta(days=1)
        while d <= end:
            if (
                run_on(d) == "rest"
                and run_on(d - timedelta(days=1)) != "long"
                and run_on(d + timedelta(days=1)) != "long"
                and not any(abs((t - d).days) < T.min_days_between_sessions for t in taken)
            ):
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

    if not prescribed:
        for exercise_id in dict.fromkeys(exercise_ids):
            out += _level_mismatch(exercise_id, day, profile, others, catalog)
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
    week: WeekPlanLoad | None = None,
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
    out += _volume_spike(today, sets, [s for s in sessions if s.date <= today], week)
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
