"""The planner: which days of the week are strength days, and what today's session is.

Pure functions of (profile, log, today, catalog, templates): the same inputs always give
the same plan, so ``runstrength today --json`` is deterministic for a pinned date.

Coaching rules (COACHING.md, Program defaults):
- prefer days with no run; next, the day of a hard run (after it); then an easy-run day;
- never the long-run day or the day after it (every planned session has leg work);
- beginners never train on a running day while an off day is free that week;
- no two strength days in a row when the target allows spacing;
- a missed session moves to the next allowed day of the same week; never two in a day;
- a session's estimated duration fits the chosen 15 or 20 minutes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations

from .catalog import Catalog, CatalogError, Exercise, data_file, load_toml
from .model import KG_PER_LB, LEVELS, Profile, SessionRecord, SetRecord
from .weeks import consistent_weeks, week_start

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RUN_SCORE = {"rest": 0, "hard": 1, "easy": 2}
SECONDS_PER_REP = 3  # a controlled rep (about 2 s down, 1 s up): a conservative estimate
SETUP_SECONDS = 20  # moving to the next exercise
GET_READY_SECONDS = 5  # the hold timer's get-ready countdown
MIN_REST = 30
PLYO_AFTER_WEEKS = 4  # intermediates: low-level plyometrics after 4 consistent weeks
COMEBACK_DAYS = 15  # 14+ days without strength work
COMEBACK_FACTOR = 0.6  # restart at 50–70% of the previous loads
SMALL_STEP = {"kg": 2.5, "lb": 5 * KG_PER_LB}


# --- templates --------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    id: str
    kind: str


@dataclass(frozen=True)
class WeekDose:
    sets: int
    reps: tuple[int, int]
    hold_sets: int
    hold: int
    variation: bool = False
    light: bool = False
    drop: int = 0


@dataclass(frozen=True)
class Template:
    level: str
    sessions: tuple[tuple[Slot, ...], ...]
    weeks: tuple[WeekDose, ...]


@dataclass(frozen=True)
class FinisherSlot:
    id: str
    reps: tuple[int, int] | None
    hold: int | None
    beginner: str | None


@dataclass(frozen=True)
class Programs:
    templates: dict
    finisher: tuple[FinisherSlot, ...]


def parse_programs(raw: dict, catalog: Catalog) -> Programs:
    def check_slot(where: str, ex_id: str, kind: str | None) -> None:
        if ex_id not in catalog:
            raise CatalogError(f"programs: {where}: {ex_id!r} is not in the exercise catalog")
        if kind is not None and catalog.get(ex_id).kind != kind:
            raise CatalogError(f"programs: {where}: {ex_id!r} is a {catalog.get(ex_id).kind} exercise, not {kind}")

    templates = {}
    for level in LEVELS:
        doc = raw.get(level)
        if not isinstance(doc, dict):
            raise CatalogError(f"programs: no [{level}] template")
        sessions = []
        for n, session in enumerate(doc.get("sessions", []), start=1):
            slots = []
            for slot in session:
                if not isinstance(slot, dict) or not isinstance(slot.get("id"), str) or not isinstance(slot.get("kind"), str):
                    raise CatalogError(f"programs: {level} session {n}: every slot needs an id and a kind, not {slot!r}")
                check_slot(f"{level} session {n}", slot["id"], slot["kind"])
                slots.append(Slot(slot["id"], slot["kind"]))
            sessions.append(tuple(slots))
        weeks = []
        for n, week in enumerate(doc.get("week", []), start=1):
            try:
                dose = WeekDose(
                    sets=int(week["sets"]),
                    reps=(int(week["reps"][0]), int(week["reps"][1])),
                    hold_sets=int(week["hold_sets"]),
                    hold=int(week["hold"]),
                    variation=bool(week.get("variation", 0)),
                    light=bool(week.get("light", False)),
                    drop=int(week.get("drop", 0)),
                )
            except (KeyError, TypeError, ValueError, IndexError):
                raise CatalogError(f"programs: {level} week {n}: needs sets, reps, hold_sets and hold") from None
            if not (1 <= dose.sets <= 3 and 1 <= dose.hold_sets <= 3 and 10 <= dose.reps[0] <= dose.reps[1] <= 20):
                raise CatalogError(f"programs: {level} week {n}: sets must be 1–3 and reps inside 10–20")
            weeks.append(dose)
        if not sessions or len(weeks) != 12:
            raise CatalogError(f"programs: [{level}] needs sessions and exactly 12 weeks")
        templates[level] = Template(level, tuple(sessions), tuple(weeks))
    finisher = []
    for slot in raw.get("finisher", {}).get("slots", []):
        if not isinstance(slot, dict) or not isinstance(slot.get("id"), str):
            raise CatalogError(f"programs: finisher: every slot needs an id, not {slot!r}")
        check_slot("finisher", slot["id"], slot.get("kind"))
        if slot.get("beginner"):
            check_slot("finisher", slot["beginner"], None)
        finisher.append(
            FinisherSlot(slot["id"], tuple(slot["reps"]) if "reps" in slot else None, slot.get("hold"), slot.get("beginner"))
        )
    return Programs(templates, tuple(finisher))


@lru_cache(maxsize=4)
def load_programs(catalog: Catalog) -> Programs:
    return parse_programs(load_toml(data_file("programs.toml")), catalog)


# --- prescriptions and sessions -----------------------------------------------------------


@dataclass(frozen=True)
class Prescribed:
    exercise: str
    name: str
    sets: int
    reps: tuple[int, int] | None
    seconds: int | None
    rest: int
    per_side: bool
    suggested_load_kg: float | None = None
    load_unit: str = "kg"
    note: str = ""

    @property
    def work_seconds(self) -> int:
        one = (self.seconds + GET_READY_SECONDS) if self.seconds is not None else round(sum(self.reps) / 2 * SECONDS_PER_REP)
        return one * (2 if self.per_side else 1)

    @property
    def duration_seconds(self) -> int:
        return self.sets * (self.work_seconds + self.rest) + SETUP_SECONDS

    @property
    def suggested_load(self) -> str | None:
        if self.suggested_load_kg is None:
            return None
        return format_load(self.suggested_load_kg, self.load_unit)

    @property
    def dose_text(self) -> str:
        side = " each side" if self.per_side else ""
        what = f"{self.seconds} s" if self.seconds is not None else f"{self.reps[0]}–{self.reps[1]}"
        load = f" @ {self.suggested_load}" if self.suggested_load else ""
        return f"{self.sets} × {what}{side}{load}"

    def to_dict(self) -> dict:
        return {
            "id": self.exercise,
            "name": self.name,
            "sets": self.sets,
            "reps": list(self.reps) if self.reps else None,
            "seconds": self.seconds,
            "per_side": self.per_side,
            "rest_seconds": self.rest,
            "suggested_load": self.suggested_load,
            "suggested_load_kg": self.suggested_load_kg,
            "note": self.note,
        }


def format_load(kg: float, unit: str) -> str:
    if unit == "lb":
        return f"{round(kg / KG_PER_LB, 1):g} lb"
    return f"{round(kg, 2):g} kg"


def estimated_minutes(exercises) -> float:
    return round(sum(p.duration_seconds for p in exercises) / 60, 1)


def fit_to_minutes(exercises: list[Prescribed], minutes: int) -> list[Prescribed]:
    """Shorten rests, then sets, then drop exercises until the session fits its minutes."""
    limit = minutes * 60
    items = list(exercises)

    def total() -> int:
        return sum(p.duration_seconds for p in items)

    while total() > limit and any(p.rest > MIN_REST for p in items):
        items = [p if p.rest <= MIN_REST else _with(p, rest=max(MIN_REST, p.rest - 15)) for p in items]
    while total() > limit and any(p.sets > 1 for p in items):
        index = max(range(len(items)), key=lambda i: (items[i].sets, items[i].duration_seconds))
        items[index] = _with(items[index], sets=items[index].sets - 1)
    while total() > limit and len(items) > 1:
        items.pop(-2 if len(items) > 2 else -1)
    return items


def _with(p: Prescribed, **changes) -> Prescribed:
    from dataclasses import replace

    return replace(p, **changes)


# --- which days -----------------------------------------------------------------------------


def leg_day_allowed(day: date, profile: Profile) -> bool:
    """Never the long-run day or the day after it."""
    return profile.run_on(day) != "long" and profile.run_on(day - timedelta(days=1)) != "long"


def choose_days(candidates: list[date], k: int, profile: Profile, fixed: list[date]) -> list[date]:
    """Pick k strength days among candidates, given days already trained (``fixed``)."""
    k = min(k, len(candidates))
    if k <= 0:
        return []
    beginner = profile.level == "beginner"

    def key(combo):
        days = sorted([*combo, *fixed])
        adjacent = sum(1 for a, b in zip(days, days[1:]) if (b - a).days <= 1)
        # the running week repeats: count the gap from the last day round to next week's first,
        # so spreading days to the week's edges does not put two sessions in a row (Sun, Mon)
        wrap = 7 - (days[-1] - days[0]).days
        across = 1 if len(days) > 1 and wrap <= 1 else 0
        gaps = [(b - a).days for a, b in zip(days, days[1:])] + [wrap]
        running = sum(1 for d in combo if profile.run_on(d) != "rest")
        score = sum(RUN_SCORE[profile.run_on(d)] for d in combo)
        if beginner:
            return (running, adjacent, across, score, -min(gaps), combo)
        return (adjacent, across, score, -min(gaps), combo)

    return sorted(min(combinations(sorted(candidates), k), key=key))


def week_strength_days(start: date, profile: Profile, done: list[SessionRecord], today: date) -> tuple[list[date], list[date]]:
    """(days already trained this week before today, days planned from today on)."""
    days = [start + timedelta(days=i) for i in range(7)]
    past = sorted({s.date for s in done if start <= s.date < today})
    weight = sum(s.weight for s in done if start <= s.date < today)
    target = profile.target_for_week(start)
    remaining = max(0, math.ceil(target - weight - 1e-9))
    candidates = [d for d in days if d >= today and d not in past and leg_day_allowed(d, profile)]
    return past, choose_days(candidates, remaining, profile, past)


def _block(profile: Profile, today: date) -> tuple[int, int, date]:
    start_weekday = profile.week_start_index
    start = week_start(profile.block_start or today, start_weekday)
    week = (week_start(today, start_weekday) - start).days // 7 + 1
    return week, profile.weeks, start


# --- today ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodayPlan:
    date: date
    kind: str  # strength | finisher-only | rest
    reason: str
    block_week: int
    block_weeks: int
    light_week: bool
    exercises: tuple[Prescribed, ...]
    next_strength_day: date | None
    finisher: tuple[Prescribed, ...] = ()
    done_today: int = 0
    week_days: tuple[date, ...] = field(default_factory=tuple)

    @property
    def estimated_minutes(self) -> float:
        return estimated_minutes(self.exercises or self.finisher)

    def to_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "reason": self.reason,
            "block_week": self.block_week,
            "block_weeks": self.block_weeks,
            "light_week": self.light_week,
            "exercises": [p.to_dict() for p in self.exercises],
            "finisher": [p.to_dict() for p in self.finisher],
            "estimated_minutes": self.estimated_minutes,
            "next_strength_day": self.next_strength_day.isoformat() if self.next_strength_day else None,
            "strength_days_this_week": [d.isoformat() for d in self.week_days],
            "done_today": self.done_today,
        }


def plyometrics_allowed(profile: Profile, sessions: list[SessionRecord], today: date) -> bool:
    if profile.level == "advanced":
        return True
    if profile.level == "intermediate":
        return consistent_weeks(sessions, today, profile.week_start_index, 2) >= PLYO_AFTER_WEEKS
    return False


def _owned(profile: Profile) -> tuple[str, ...]:
    return tuple(e for e in profile.equipment if e != "none")


def _suggest_load(ex: Exercise, reps, history: list[SetRecord], light: bool, comeback: bool, default_unit: str):
    """Double progression: the last load, one small step up once every set reached the top."""
    mine = [s for s in history if s.exercise == ex.id and s.load_kg]
    if not mine:
        return None, default_unit
    last_session = max(mine, key=lambda s: (s.date, s.logged_at)).session
    last = [s for s in mine if s.session == last_session]
    unit = last[-1].unit
    load = max(s.load_kg for s in last)
    step = SMALL_STEP[unit]
    if comeback:
        load = max(step, round(load * COMEBACK_FACTOR / step) * step)
    elif not light and reps and all((s.reps or 0) >= reps[1] for s in last):
        load += step
    return round(load, 3), unit


def _either(items) -> str:
    """('dumbbells', 'kettlebell', 'gym') → 'dumbbells, kettlebell or a gym'."""
    words = ["a gym" if i == "gym" else i for i in items]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def build_session(
    template_index: int,
    dose: WeekDose,
    profile: Profile,
    catalog: Catalog,
    programs: Programs,
    plyo: bool,
    history: list[SetRecord] = (),
    comeback: bool = False,
) -> list[Prescribed]:
    template = programs.templates[profile.level]
    owned = _owned(profile)
    chosen: list[Prescribed] = []
    used: set[str] = set()
    for slot in template.sessions[template_index % len(template.sessions)]:
        if slot.kind == "plyometric" and not plyo:
            continue
        base = catalog.get(slot.id)
        ex = catalog.swap_for(slot.id, owned, profile.level, exclude=used)
        if ex is None:
            continue
        note = "" if ex.id == base.id else f"instead of {base.name}, which needs {_either(base.equipment)}"
        if dose.variation and ex.harder:
            harder = catalog.get(ex.harder)
            if (
                harder.suits(profile.level)
                and harder.available_with(owned)
                and harder.id not in used
                and (harder.kind != "plyometric" or plyo)
            ):
                note = f"harder variation of {ex.name}"
                ex = harder
        used.add(ex.id)
        chosen.append(_prescribe(ex, dose, profile, history, comeback, note))
    if dose.drop:
        for _ in range(dose.drop):
            removable = [i for i, p in enumerate(chosen) if catalog.get(p.exercise).kind != "core"]
            if len(chosen) > 3 and removable:
                chosen.pop(removable[-1])
    return fit_to_minutes(chosen, profile.minutes)


def _prescribe(ex: Exercise, dose: WeekDose, profile: Profile, history, comeback: bool, note: str) -> Prescribed:
    if ex.is_hold:
        sets, reps, seconds = dose.hold_sets, None, min(dose.hold, ex.hold + 20, 60)
    elif ex.kind in ("strength", "functional") and ex.reps[0] >= 10:
        sets, reps, seconds = dose.sets, dose.reps, None
    else:
        sets, reps, seconds = min(dose.sets, 2), ex.reps, None
    load, unit = (None, profile.units)
    if ex.weighted:
        load, unit = _suggest_load(ex, reps, history, dose.light, comeback, profile.units)
    return Prescribed(ex.id, ex.name, sets, reps, seconds, ex.rest, ex.per_side, load, unit, note)


def build_finisher(profile: Profile, catalog: Catalog, programs: Programs) -> list[Prescribed]:
    out = []
    for slot in programs.finisher:
        ex_id = slot.beginner if (profile.level == "beginner" and slot.beginner) else slot.id
        ex = catalog.get(ex_id)
        if slot.hold is not None:
            hold = 20 if profile.level == "beginner" else slot.hold
            out.append(Prescribed(ex.id, ex.name, 1, None, hold, 20, ex.per_side))
        else:
            out.append(Prescribed(ex.id, ex.name, 1, slot.reps or ex.reps, None, 20, ex.per_side))
    return out


def _sessions_in_block(sessions: list[SessionRecord], block_start: date, before: date) -> int:
    return sum(1 for s in sessions if s.kind == "strength" and block_start <= s.date < before)


def _next_strength_day(today: date, profile: Profile, planned_this_week: list[date]) -> date | None:
    later = [d for d in planned_this_week if d > today]
    if later:
        return later[0]
    start = week_start(today, profile.week_start_index) + timedelta(days=7)
    for _ in range(8):
        _, days = week_strength_days(start, profile, [], start)
        if days:
            return days[0]
        start += timedelta(days=7)
    return None


def day_name(day: date, today: date) -> str:
    if day == today + timedelta(days=1):
        return "tomorrow"
    if 0 < (day - today).days < 7:
        return DAY_NAMES[day.weekday()]
    return f"{DAY_NAMES[day.weekday()]} {day.day} {day.strftime('%b')}"


def today_plan(
    today: date,
    profile: Profile,
    sessions: list[SessionRecord],
    history: list[SetRecord],
    catalog: Catalog,
    programs: Programs | None = None,
) -> TodayPlan:
    """What to do today, and why. Today's own sessions do not change today's plan."""
    programs = programs or load_programs(catalog)
    before_today = [s for s in sessions if s.date < today]
    history = [s for s in history if s.date < today]
    start = week_start(today, profile.week_start_index)
    past, planned = week_strength_days(start, profile, before_today, today)
    block_week, block_weeks, block_start = _block(profile, today)
    template = programs.templates[profile.level]
    dose_week = min(max(block_week, 1), min(block_weeks, len(template.weeks)))
    dose = template.weeks[dose_week - 1]
    done_today = sum(1 for s in sessions if s.date == today)
    nxt = _next_strength_day(today, profile, planned)
    nxt_text = f"next session {day_name(nxt, today)}" if nxt else "no session fits this running week"
    run = profile.run_on(today)
    run_yesterday = profile.run_on(today - timedelta(days=1))
    common = dict(
        date=today,
        block_week=block_week,
        block_weeks=block_weeks,
        light_week=dose.light,
        next_strength_day=nxt,
        done_today=done_today,
        week_days=tuple(sorted([*past, *planned])),
    )
    if today in planned:
        last = max((s.date for s in before_today), default=None)
        comeback = last is not None and (today - last).days >= COMEBACK_DAYS
        index = _sessions_in_block(sessions, block_start, today)
        exercises = build_session(
            index, dose, profile, catalog, programs, plyometrics_allowed(profile, before_today, today), history, comeback
        )
        reason = {
            "rest": "No run today, so it is a good day for strength.",
            "hard": "Hard run today: do this after it, once you have had a drink and a snack.",
            "easy": "Easy run today: strength fits after it, as no off day is left this week.",
        }[run]
        if dose.light:
            reason += " This is a lighter week: fewer sets, same loads."
        return TodayPlan(kind="strength", reason=reason, exercises=tuple(exercises), **common)
    finisher = tuple(build_finisher(profile, catalog, programs))
    if run == "long":
        reason = f"Long run today: rest your legs; {nxt_text}."
    elif run_yesterday == "long":
        reason = f"Yesterday's long run needs recovery: rest your legs today; {nxt_text}."
    elif sum(s.weight for s in before_today if s.date >= start) >= profile.target_for_week(start):
        # weighted like the target (a finisher counts half), not one per day trained
        reason = f"You have done this week's {profile.target_for_week(start)} sessions; {nxt_text}."
    elif run in ("easy", "hard"):
        reason = f"{run.capitalize()} run today and no strength planned; {nxt_text}. A 5-minute finisher after the run is optional."
        return TodayPlan(kind="finisher-only", reason=reason, exercises=(), finisher=finisher, **common)
    else:
        reason = f"Rest day: recovery is part of training; {nxt_text}."
    return TodayPlan(kind="rest", reason=reason, exercises=(), finisher=(), **common)


@dataclass(frozen=True)
class PlannedDay:
    date: date
    block_week: int
    light_week: bool
    exercises: tuple[Prescribed, ...]

    def to_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "block_week": self.block_week,
            "light_week": self.light_week,
            "estimated_minutes": estimated_minutes(self.exercises),
            "exercises": [p.to_dict() for p in self.exercises],
        }


def plan_ahead(
    today: date,
    profile: Profile,
    sessions: list[SessionRecord],
    history: list[SetRecord],
    catalog: Catalog,
    weeks: int = 2,
    programs: Programs | None = None,
) -> list[PlannedDay]:
    """The strength days of the coming ``weeks`` weeks (this one included) and their sessions."""
    programs = programs or load_programs(catalog)
    template = programs.templates[profile.level]
    _, _, block_start = _block(profile, today)
    before_today = [s for s in sessions if s.date < today]
    last = max((s.date for s in before_today), default=None)
    index = _sessions_in_block(sessions, block_start, today)
    start = week_start(today, profile.week_start_index)
    out = []
    for w in range(weeks):
        week_begin = start + timedelta(days=7 * w)
        _, days = week_strength_days(week_begin, profile, before_today, max(today, week_begin))
        for day in days:
            block_week, block_weeks, _ = _block(profile, day)
            dose = template.weeks[min(max(block_week, 1), min(block_weeks, len(template.weeks))) - 1]
            plyo = plyometrics_allowed(profile, before_today, today)
            # today's entry matches today_plan: today's own sets do not change it, and the
            # first session after a 15+ day gap is a comeback
            known = history if day > today else [s for s in history if s.date < today]
            comeback = not out and last is not None and (day - last).days >= COMEBACK_DAYS
            exercises = build_session(index, dose, profile, catalog, programs, plyo, known, comeback)
            out.append(PlannedDay(day, block_week, dose.light, tuple(exercises)))
            index += 1
    return out
