"""The planner: which days are strength days, and what today's session is.

Pure functions of (profile, log, today, catalog, programs, actual runs): the same inputs
always give the same plan, so ``runstrength today --json`` is deterministic for a pinned
date. Day choice lives in :mod:`schedule`, the block position in :mod:`block`, shared
numbers in :mod:`rules`; this module turns them into sessions (docs/coaching.md § Prescribing and progression):
- trimming to the runner's 15/20 minutes cuts accessory and core sets first, then drops an
  accessory, and never shortens a rest below what the exercise needs;
- minutes are honest: tempo per rep, side switches, moving between exercises, a warm-up;
- light weeks keep every exercise with about half the sets;
- loads are weights the runner owns (or the next standard step), and one thing changes at
  a time: reps, then load or sets, then the harder variation;
- pain changes the plan; jumps and Nordic curls ramp; races taper; comebacks ramp.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from .block import BlockState, block_state
from .catalog import Catalog, Exercise
from .loads import at_or_below, first_load, implement, ladder, step_up
from .model import DayKind, Profile, SessionRecord, SetRecord
from .prescribed import Prescribed as Prescribed  # re-exported: the planner's result type
from .prescribed import estimated_minutes as estimated_minutes
from .prescribed import pair_up, session_seconds
from .programs import Programs, Slot, Template, WeekDose
from .rules import THRESHOLDS as T
from .schedule import RunningWeek, Schedule, plan_week, schedule
from .weeks import consistent_weeks, week_start
from .words import DAY_NAMES, day_and_month, day_name, format_load, plural

# Nordic hamstring curls ramp from 1 × 3–5 to 3 × 6–8, about once a week (Mjølsnes 2004;
# Petersen 2011), by the Nordic sessions of the last five weeks (the prescription's history
# window, which holds about three of them): a break long enough to empty it starts the ramp
# again; 3 × 6–8 is its top, kept as the maintenance dose.
NORDIC_DOSES = ((1, (3, 5)), (2, (4, 6)), (2, (6, 8)), (3, (6, 8)))
NORDIC = "nordic-hamstring-curl"
# Advanced jumps that wait for block week 5: weeks 1–4 keep to low-level drills (pogo hops,
# skips, jump squats).
HIGH_LEVEL_PLYO = frozenset({"bounding", "single-leg-hop", "skater-hop", "box-jump"})
READINESS_QUESTIONS = (
    "Any pain in your legs, feet or back right now? (the answer must be no)",
    "Can you balance on one leg for 30 seconds, each side?",
    "Can you do 15 squats without pain?",
    "Can you do 10 lunges each side without pain?",
    "Can you do 10 single-leg half squats each side without pain?",
)


# --- prescriptions ----------------------------------------------------------------------------


def _seconds(items: list[Prescribed]) -> int:
    """A list of exercises' honest length as the session would run it (pairs as pairs)."""
    return session_seconds(pair_up(items))


def _heavy(p: Prescribed) -> bool:
    """A lift of the heavier phase (its sets stay: fewer sets of heavy work is no phase)."""
    return (
        p.role == "main"
        and p.reps is not None
        and p.reps[1] <= T.heavy_reps[1]
        and p.min_rest >= T.heavy_min_rest_seconds
    )


def fit_to_minutes(exercises: list[Prescribed], minutes: int, keep_mains: bool = False) -> list[Prescribed]:
    """Trim a session to its minutes (warm-up included), by priority: accessory and core
    rests down to what the exercise needs, accessory and core sets down to 2, drop an
    accessory, main sets down to 2, drop the last main lifts while more than two remain,
    then everything to 1 set, then drop more. A main lift never has fewer sets than an
    accessory, and no rest goes below its minimum. Then fill what the cuts left free, and
    pair the session into supersets."""
    fit = _Fit(list(exercises), minutes * 60 + 29)  # rounds to at most the chosen minutes
    fit.trim(keep_mains)
    fit.refill(exercises)
    return pair_up(fit.items)


@dataclass
class _Fit:
    """A session being fitted to its seconds (see :func:`fit_to_minutes`)."""

    items: list[Prescribed]
    limit: int

    def over(self) -> bool:
        return _seconds(self.items) > self.limit

    def others(self) -> list[int]:
        return [i for i, p in enumerate(self.items) if p.role != "main"]

    def mains(self) -> list[int]:
        return [i for i, p in enumerate(self.items) if p.role == "main"]

    def cut(self, indexes: list[int], floor: int) -> bool:
        """One set off the exercise with the most sets above ``floor`` (a heavier lift keeps
        its sets here)."""
        items = self.items
        able = [i for i in indexes if items[i].sets > (max(floor, T.heavy_sets) if _heavy(items[i]) else floor)]
        if not able:
            return False
        i = max(able, key=lambda j: (items[j].sets, j))
        items[i] = replace(items[i], sets=items[i].sets - 1)
        return True

    def drop(self, roles: tuple[str, ...]) -> bool:
        """The last exercise of these roles out (one core exercise stays; three in all)."""
        items = self.items
        able = [i for i in self.others() if items[i].role in roles]
        if "core" in roles:  # keep one core exercise
            able = [i for i in able if items[i].role != "core" or sum(1 for p in items if p.role == "core") > 1]
        if not able or len(items) <= 3:
            return False
        items.pop(able[-1])
        return True

    def drop_extra_prehab(self, keep: int) -> bool:
        """Prehab beyond the first ``keep`` (the calf work first, then hips) waits for
        another session before a main lift loses its second set."""
        extra = [i for i, p in enumerate(self.items) if p.role == "prehab"][keep:]
        if not extra or len(self.items) <= 3:
            return False
        self.items.pop(extra[-1])
        return True

    def trim(self, keep_mains: bool) -> None:
        items = self.items
        for i in self.others():
            if self.over() and items[i].rest > items[i].min_rest:
                items[i] = replace(items[i], rest=items[i].min_rest)
        steps: list[Callable[[], bool]] = [
            lambda: self.cut(self.others(), 2),
            lambda: self.drop(("accessory",)),
            lambda: self.drop(("core",)),
            lambda: self.cut(self.mains(), max([2] + [items[i].sets for i in self.others()])),
            # two sets of fewer main lifts beat one set of many: drop the last main lift
            # (the template lists them by importance) while more than two remain
            lambda: self._drop_last_main(keep_mains),
            lambda: self.cut(self.others(), 1),
            lambda: self.drop_extra_prehab(3),
            # a main lift keeps its second set before a third small exercise stays (it
            # comes back below with one set where the time allows)
            lambda: self.drop_extra_prehab(2),
            lambda: self.cut(self.mains(), 1),
            # jumps go last: they are short and pair best with the strength work
            lambda: self.drop(("power",)),
            self._drop_any,
            # a heavier lift that cannot fit its sets in these minutes loses sets after all
            self._cut_heavy,
        ]
        for step in steps:
            while self.over() and step():
                pass

    def _drop_last_main(self, keep_mains: bool) -> bool:
        if keep_mains or len(self.mains()) <= 2 or len(self.items) <= 3:
            return False
        self.items.pop(self.mains()[-1])
        return True

    def _drop_any(self) -> bool:
        if len(self.items) <= 2:
            return False
        self.items.pop((self.others() or [len(self.items) - 1])[-1])
        return True

    def _cut_heavy(self) -> bool:
        heavy = [j for j, p in enumerate(self.items) if _heavy(p) and p.sets > 1]
        if not heavy:
            return False
        self.items[heavy[-1]] = replace(self.items[heavy[-1]], sets=self.items[heavy[-1]].sets - 1)
        return True

    def refill(self, exercises: list[Prescribed]) -> None:
        """Fill what the cuts left free: the main lifts' second set first (two sets of the
        lifts that carry the session beat a third small exercise), then a dropped exercise
        back with one set where it fits (in the template's order), then sets back, main
        lifts first."""
        wanted = {p.exercise: p.sets for p in exercises}
        self._grow(self.mains, wanted, cap=2)
        order = [p.exercise for p in exercises]
        items = self.items
        for p in exercises:
            if p.role == "main" or any(q.exercise == p.exercise for q in items):
                continue
            if len(items) >= T.max_exercises:  # more sets of six beat one set of eight
                break
            at = sum(1 for q in items if order.index(q.exercise) < order.index(p.exercise))
            items.insert(at, replace(p, sets=1, rest=p.min_rest))
            if self.over():
                items.pop(at)
        self._grow(lambda: self.mains() + self.others(), wanted)

    def _grow(self, indexes: Callable[[], list[int]], wanted: dict[str, int], cap: int = 99) -> None:
        items = self.items
        grew = True
        while grew:
            grew = False
            for i in indexes():
                p = items[i]
                if p.sets < min(cap, wanted.get(p.exercise, p.sets)) and (
                    p.role == "main" or p.sets < min([items[j].sets for j in self.mains()] or [9])
                ):
                    items[i] = replace(p, sets=p.sets + 1)
                    if self.over():
                        items[i] = p
                    else:
                        grew = True


def light_version(items: list[Prescribed], minutes: int) -> list[Prescribed]:
    """A lighter week: every exercise kept, about half the sets (mains keep the extra
    set when the count is odd), and still at least ten minutes."""
    total = sum(p.sets for p in items)
    want = max(len(items), round(total * 0.5))
    out = [replace(p, sets=1) for p in items]
    order = sorted(range(len(items)), key=lambda i: (items[i].role != "main", i))

    def add_one() -> bool:
        for i in order:
            if out[i].sets < items[i].sets:
                out[i] = replace(out[i], sets=out[i].sets + 1)
                return True
        return False

    while sum(p.sets for p in out) < want and add_one():
        pass
    while _seconds(out) < T.light_week_min_minutes * 60 and sum(p.sets for p in out) + 1 <= total * 0.6 and add_one():
        pass
    return out


# --- pain -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PainStatus:
    """Pain in one movement family (catalog.pain_family): an exercise, its easier and
    harder variations and whatever stands in for it count as one."""

    exercise: str  # the exercise of the family marked most recently
    marks_in_a_row: int  # sessions in a row of this family, ending with the latest, with a pain mark
    last: date  # the day of the latest mark
    family: str = ""
    legs: bool = False  # leg work: jumps wait too
    marked: tuple[str, ...] = ()  # the exercises marked in those sessions, first marked first

    @property
    def out_of_plan(self) -> bool:
        return self.marks_in_a_row >= T.pain_marks_out_of_plan


def _cleared_families(profile: Profile, catalog: Catalog) -> dict[str, date]:
    """Pain family → the latest day a clinician's clearance covers (marks on or before it
    no longer count): clearing one exercise clears its family."""
    cleared: dict[str, date] = {}
    for ex_id, day in profile.pain_cleared:
        fam = catalog.pain_family(ex_id)
        cleared[fam] = max(day, cleared.get(fam, day))
    return cleared


def pain_status(history: Sequence[SetRecord], profile: Profile, catalog: Catalog) -> dict[str, PainStatus]:
    """Movement family → its pain, for families whose latest sessions had pain marks (after
    any clearance by the runner: clearing one exercise clears its family)."""
    painful = {catalog.pain_family(s.exercise) for s in history if s.pain}
    if not painful:
        return {}
    cleared = _cleared_families(profile, catalog)
    by_family: dict[str, dict[str, list[SetRecord]]] = {}
    for s in history:
        fam = catalog.pain_family(s.exercise)
        if fam not in painful or (fam in cleared and s.date <= cleared[fam]):
            continue
        by_family.setdefault(fam, {}).setdefault(s.session, []).append(s)
    out = {}

    def close_to(ex_id: str) -> set[str]:
        """The exercises whose pain-free session ends a streak of marks on ``ex_id``: its
        own movement family (an easier stand-in of another movement done without pain
        proves nothing about the marked one, so it neither counts nor breaks the streak)."""
        if ex_id not in catalog:
            return {ex_id}
        family = catalog.get(ex_id).family
        return {e.id for e in catalog if e.family == family} | {ex_id}

    for fam, groups in by_family.items():
        ordered = sorted(
            groups.values(), key=lambda g: (min(x.date for x in g), min(x.logged_at.replace(tzinfo=None) for x in g))
        )
        # sessions in a row with a mark: a session of the family without one ends the
        # streak when it held the marked movement (close_to); a session of a neighbouring
        # movement in the family (an easier stand-in) neither counts nor breaks it
        marked_at = [i for i, g in enumerate(ordered) if any(x.pain for x in g)]
        if not marked_at:
            continue  # every mark in the family was cleared
        last = marked_at[-1]
        relevant = {e for x in ordered[last] if x.pain for e in close_to(x.exercise)}
        if any(x.exercise in relevant for g in ordered[last + 1 :] for x in g):
            continue  # the marked movement was done since without pain
        n = 1
        counted: list[list[SetRecord]] = [ordered[last]]
        for group in reversed(ordered[:last]):
            if any(x.pain for x in group):
                n += 1
                counted.append(group)
                relevant |= {e for x in group if x.pain for e in close_to(x.exercise)}
            elif any(x.exercise in relevant for x in group):
                break
        marked = [x for x in counted[0] if x.pain]
        latest = max(marked, key=lambda x: x.logged_at.replace(tzinfo=None))
        streak = [
            x for g in reversed(counted) for x in sorted(g, key=lambda x: x.logged_at.replace(tzinfo=None)) if x.pain
        ]
        legs = any(catalog.get(x.exercise).legs for x in streak if x.exercise in catalog)
        marked_ids = tuple(dict.fromkeys(x.exercise for x in streak))
        out[fam] = PainStatus(latest.exercise, n, latest.date, fam, legs, marked_ids)
    return out


def pain_blocked(status: dict[str, PainStatus], catalog: Catalog, today: date | None = None) -> dict[str, str]:
    """Exercise id → the painful exercise that keeps it out of the plan: every exercise of
    a family with two sessions in a row with a pain mark, and jumps when that family is leg
    work; after a single mark on leg work, jumps for a week (rules.pain_no_jumps_days)."""
    out: dict[str, str] = {}
    jumps = [ex.id for ex in catalog if ex.kind == "plyometric"]
    for fam, st in sorted(status.items()):
        if st.out_of_plan:
            for ex_id in sorted(catalog.pain_family_members(fam)):
                out.setdefault(ex_id, st.exercise)
            if st.legs:
                for ex_id in jumps:
                    out.setdefault(ex_id, st.exercise)
        elif st.legs and (today is None or (today - st.last).days <= T.pain_no_jumps_days):
            for ex_id in jumps:
                out.setdefault(ex_id, st.exercise)
    return out


def referral(status: dict[str, PainStatus], catalog: Catalog) -> list[str]:
    """The sentences that stay on Today and in `status` until the runner clears the pain."""
    out = []
    for _, st in sorted(status.items()):
        if st.out_of_plan:
            names = [catalog.get(e).name if e in catalog else e for e in (st.marked or (st.exercise,))]
            what = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            it = "it is" if len(names) == 1 else "they are"
            out.append(
                f"Pain on {what} {st.marks_in_a_row} sessions in a row: {it} out of the plan, with the easier and "
                f"harder variations{' and jumps' if st.legs else ''}. Have a sports doctor or "
                f"physical therapist look at it; once they clear it, run `runstrength pain clear {st.exercise}`."
            )
    return out


# --- building a session --------------------------------------------------------------------


def _owned(profile: Profile) -> tuple[str, ...]:
    return tuple(e for e in profile.equipment if e != "none")


def _either(items: Sequence[str]) -> str:
    """('dumbbells', 'kettlebell', 'gym') → 'dumbbells, kettlebell or a gym'."""
    words = ["a gym" if i == "gym" else i for i in items]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


@dataclass(frozen=True)
class SessionSpec:
    """Everything about the day that shapes the session."""

    dose: WeekDose
    block_week: int
    plyo: bool  # jumps allowed at all
    high_plyo: bool  # bounding, single-leg hops and other advanced jumps allowed
    comeback: float = 1.0  # 1.0, or the comeback factor (0.6 / 0.8)
    back_on: date | None = None  # comebacks: loads and reps scale what was done before this day
    taper: bool = False
    nordic_ok: bool = True  # no long run in the next 48 h
    full_body: bool = False
    light_base: WeekDose | None = None  # light week: the dose it halves
    nordic_this_week: bool = False  # Nordic curls were already done this week
    today: date | None = None
    # nothing new (tapers, comebacks): only these exercises, with why, for the notes
    known: frozenset[str] | None = None
    known_why: str = ""
    hold_loads: bool = False  # no load raises (lighter weeks, the weeks after a race)
    recent: frozenset[str] = frozenset()  # exercises done in the last three weeks
    no_new_variations: bool = False  # lighter weeks: a harder variation not done lately waits
    ahead: bool = False  # a day `plan` looks ahead to: its raises assume the sessions before it

    @property
    def may_progress(self) -> bool:
        """A day on which load, sets or a harder variation may go up."""
        return self.comeback == 1.0 and not self.taper and not self.hold_loads and self.light_base is None


def _last_session(ex_id: str, history: Sequence[SetRecord]) -> list[SetRecord]:
    mine = [s for s in history if s.exercise == ex_id]
    if not mine:
        return []
    last = max(mine, key=lambda s: (s.date, s.logged_at.replace(tzinfo=None))).session
    return [s for s in mine if s.session == last]


def unilateral_reps(week_reps: tuple[int, int], level: str, loaded: bool) -> tuple[int, int]:
    """Single-leg work, per side: what a coach uses rather than the week's 12–20 (a set of
    15–20 each side takes two minutes and eats a 20-minute session). Loaded single-leg work
    for intermediate and advanced runners 8–12 per side; bodyweight 10–15; the week's
    lighter half of the range (12–15 weeks) keeps to the low end."""
    if level != "beginner" and loaded:
        return (8, 10) if week_reps[1] <= 12 else (8, 12)
    return (10, 12) if week_reps[1] <= 12 else (10, 15)


def _unstall(
    ex: Exercise,
    history: Sequence[SetRecord],
    reps: tuple[int, int] | None,
    seconds: int | None,
    load: float | None,
) -> tuple[tuple[int, int] | None, int | None, float, str]:
    """No main lift stays the same for more than three sessions while the runner reaches
    the top each time (docs/coaching.md § Prescribing and progression, "Progression that
    happens"): when the last three sessions of it all reached the top of today's range at
    today's load (no heavier weight owned, sets held by the minutes), the range moves up
    two reps past the newest session's (a hold five seconds), up to 20 reps or the
    exercise's longest hold; at 20 reps the lowering slows by a second for every three
    sessions there (two at most). Returns reps, seconds, extra tempo and the note."""
    by_session: dict[str, list[SetRecord]] = {}
    for h in history:
        if h.exercise == ex.id:
            by_session.setdefault(h.session, []).append(h)
    ordered = sorted(by_session.values(), key=lambda s: max(x.date for x in s))
    recent = ordered[-T.stall_sessions :]
    why = "the last three sessions all reached the top"
    if len(recent) < T.stall_sessions:
        return reps, seconds, 0.0, ""

    def at(s: list[SetRecord]) -> bool:  # the same weight (a bodyweight lift: any)
        return load is None or abs(max((x.load_kg or 0.0) for x in s) - load) < 1e-6

    if not all(at(s) for s in recent):
        return reps, seconds, 0.0, ""
    if seconds is not None:
        if all(min((x.seconds or 0) for x in s) >= seconds for s in recent):
            longer = min(ex.longest_hold or 60, min((x.seconds or 0) for x in recent[-1]) + 5)
            if longer > seconds:
                return reps, longer, 0.0, f"{longer - seconds} seconds more: {why}"
        return reps, seconds, 0.0, ""
    if reps is None or not all(min((x.reps or 0) for x in s) >= reps[1] for s in recent):
        return reps, seconds, 0.0, ""
    reached = min((x.reps or 0) for x in recent[-1])
    top = min(T.stall_reps_cap, max(reached, reps[1]) + 2)
    shifted = (max(reps[0], top - (reps[1] - reps[0])), top)
    if reached < T.stall_reps_cap:
        return shifted, seconds, 0.0, f"two more reps: {why}"
    # at the top of the band: the sessions at 20 reps since the load last changed slow the
    # lowering (a lighter week's shorter sets in between neither count nor reset)
    streak = 0
    for s in reversed(ordered):
        if not at(s):
            break
        streak += min((x.reps or 0) for x in s) >= T.stall_reps_cap
    extra = float(min(2, streak // T.stall_sessions))
    if extra:
        return (
            shifted,
            seconds,
            extra,
            f"slower reps, about {ex.tempo + extra:g} s each with a slower lowering: {why} at {T.stall_reps_cap} reps",
        )
    return shifted, seconds, 0.0, ""


def heavy_lift(ex: Exercise, role: str, spec: SessionSpec) -> bool:
    """A lift for the heavier phase: an advanced week marked heavy, a loaded two-leg main
    lift, on a day that may progress (no lighter week, taper, comeback or race recovery)."""
    return (
        spec.dose.heavy
        and role == "main"
        and ex.kind == "strength"
        and ex.weighted
        and not ex.per_side
        and spec.may_progress
    )


@dataclass
class _Dose:
    """A prescription being worked out: sets, reps or seconds, load, the note."""

    sets: int
    reps: tuple[int, int] | None
    seconds: int | None
    load: float | None = None
    note: str = ""

    def add_note(self, text: str) -> None:
        self.note = f"{self.note}; {text}" if self.note else text


def _base_dose(ex: Exercise, spec: SessionSpec, profile: Profile, history: Sequence[SetRecord], heavy: bool) -> _Dose:
    """The week's dose for this exercise before its history: the Nordic ramp, holds, the
    10–20 rep band (single-leg work in its own ranges), the heavier phase, the catalog's."""
    dose = spec.dose
    if ex.id == NORDIC:
        done = len({s.session for s in history if s.exercise == NORDIC})
        sets, reps = NORDIC_DOSES[min(done, len(NORDIC_DOSES) - 1)]
        if spec.light_base is not None or spec.comeback < 1.0:
            sets, reps = NORDIC_DOSES[0]
        return _Dose(sets, reps, None)
    if ex.hold is not None:
        return _Dose(dose.hold_sets, None, min(dose.hold, ex.hold + 20, ex.longest_hold or 60))
    if heavy:
        return _Dose(T.heavy_sets, T.heavy_reps, None)
    if ex.kind in ("strength", "functional") and ex.reps and ex.reps[0] >= 10:
        reps = unilateral_reps(dose.reps, profile.level, ex.weighted) if ex.per_side else dose.reps
        return _Dose(dose.sets, reps, None)
    return _Dose(min(dose.sets, 2), ex.reps, None)


def _held(reps: tuple[int, int], last_top: int, floor: int) -> tuple[int, int]:
    """The reps held at last time's top while another thing changes; last time below the
    exercise's range (``floor``): its range stands, asking it is no progression."""
    if last_top < floor:
        return reps
    return (max(floor, min(reps[0], last_top - 3)), last_top)


def _one_change(d: _Dose, last: list[SetRecord], last_sets: int, last_top: int, floor: int) -> None:
    """One variable at a time: reps (or hold seconds) first, then sets or load; back to the
    sets the runner is used to after a shorter session is the change of the day; a single
    set last time makes the second set the change (reps wait)."""
    if len(last) < last_sets and d.sets > len(last):  # back to the usual sets
        if d.seconds is not None and d.seconds > last_top:
            d.seconds = last_top
        elif d.reps is not None and d.reps[1] > last_top:
            d.reps = _held(d.reps, last_top, floor)
    grows = d.seconds > last_top if d.seconds is not None else (d.reps is not None and d.reps[1] > last_top)
    if not grows or d.sets <= last_sets:
        return
    if last_sets > 1:
        d.sets = last_sets
    elif d.seconds is not None:
        d.sets, d.seconds = 2, last_top
    elif d.reps is not None:
        d.sets, d.reps = 2, _held(d.reps, last_top, floor)


def _raise_note(ex: Exercise, profile: Profile, spec: SessionSpec, last_load: float, nxt: float) -> str:
    """Why the weight goes up, and what the next weight is."""
    tool = implement(ex, profile)
    unit = profile.units
    owned = (tool == "dumbbells" and profile.dumbbells) or (tool == "kettlebell" and profile.kettlebells)
    what = {"dumbbells": "dumbbell", "kettlebell": "kettlebell", "barbell": "plate step"}.get(tool or "", "step")
    because = " if every set reaches the top until then" if spec.ahead else ": every set reached the top last time"
    return f"up from {format_load(last_load, unit)}{because}; {format_load(nxt, unit)} is your next {what}" + (
        "" if owned else " (standard step)"
    )


def _load_from_last(
    d: _Dose,
    ex: Exercise,
    spec: SessionSpec,
    profile: Profile,
    last: list[SetRecord],
    pain: PainStatus | None,
    heavy: bool,
    weights: tuple[float, ...],
) -> float | None:
    """Double progression: every set at the top of the range, none harder than RPE 8 → the
    next owned weight (with the sets of last time: the weight is the day's one change);
    into the heavier phase the next weight whatever the reps; out of it a step below.
    Returns the last session's weight."""
    last_top = max(s.volume for s in last)
    last_load = max((kg for s in last if (kg := s.load_kg)), default=None)
    if last_load is None:
        return None
    if not weights:
        d.load = last_load
        return last_load
    hit_top = d.reps is not None and all((s.reps or 0) >= d.reps[1] for s in last)
    easy_enough = all(s.rpe is None or s.rpe <= 8 for s in last)
    entering_heavy = heavy and last_top > T.heavy_reps[1]
    # a single set last time: the second set is the day's change, the weight waits
    second_set = len(last) == 1 and d.sets > 1 and not entering_heavy
    may_raise = (hit_top or entering_heavy) and easy_enough and spec.may_progress and pain is None and not second_set
    nxt = step_up(ex, profile, last_load) if may_raise and d.reps is not None else None
    if nxt is not None and d.reps is not None:
        d.load = nxt
        if not entering_heavy:  # a phase change lowers the reps: its sets are its own
            d.sets = min(d.sets, len(last))
        d.reps = (d.reps[0], min(d.reps[1], max(d.reps[0], last_top)))
        unit = profile.units
        if entering_heavy and not d.note:
            d.note = f"fewer reps with more weight: {format_load(nxt, unit)}, up from {format_load(last_load, unit)}"
        d.note = d.note or _raise_note(ex, profile, spec, last_load, nxt)
    elif d.reps is not None and d.reps[0] > T.heavy_reps[1] >= last_top:
        d.load = at_or_below(weights, last_load - 1e-3) or min(weights)  # out of the heavier phase
    else:
        d.load = at_or_below(weights, last_load) or min(weights)
    return last_load


def _comeback(
    d: _Dose, spec: SessionSpec, weights: tuple[float, ...], last_load: float | None, last_top: int | None
) -> None:
    """A comeback scales what was done before the break (the lightest owned weight when the
    ramp's share falls below it), or the dose itself when there is nothing before."""
    factor = spec.comeback
    if last_top is None:
        if d.seconds is not None:
            d.seconds = max(5, int(d.seconds * factor))
        elif d.reps is not None:
            d.reps = (max(1, int(d.reps[0] * factor)), max(1, int(d.reps[1] * factor)))
        return
    if d.load is not None and last_load is not None:
        d.load = (at_or_below(weights, last_load * factor) or min(weights)) if weights else None
    top = max(1, int(last_top * factor))
    if d.seconds is not None:
        d.seconds = max(5, min(d.seconds, top))
    elif d.reps is not None:
        d.reps = (max(1, min(d.reps[0], top - 3)), min(d.reps[1], top))


def _first_time(d: _Dose, ex: Exercise, spec: SessionSpec, profile: Profile, weights: tuple[float, ...]) -> None:
    """A first weight the runner owns, and how to judge it (the lightest on a day that may
    not progress: a lighter week, a taper, a comeback)."""
    start = first_load(ex, profile)
    if start is not None and not spec.may_progress and weights:
        start = min(weights)
    if start is not None and d.reps is not None:
        d.load = start
        d.add_note(
            f"first time: start at {format_load(start, profile.units)} and adjust so each set ends with 2–3 reps in reserve"
        )


def _prescribe(
    ex: Exercise,
    role: str,
    spec: SessionSpec,
    profile: Profile,
    history: Sequence[SetRecord],
    pain: PainStatus | None,
    note: str,
) -> Prescribed:
    heavy = heavy_lift(ex, role, spec)
    d = _base_dose(ex, spec, profile, history, heavy)
    d.note = note
    if spec.comeback < 1.0 and spec.back_on is not None:
        history = [h for h in history if h.date < spec.back_on]  # what was done before the break
    last = _last_session(ex.id, history)
    weights = ladder(implement(ex, profile), profile)  # what the runner owns (or the standard steps)
    last_top: int | None = None
    last_load: float | None = None
    if last:
        # the sets the runner is used to: a lighter week in between does not reset them
        recent: dict[str, int] = {}
        newest = max(h.date for h in last)
        for h in history:
            if h.exercise == ex.id and (newest - h.date).days <= T.recent_sets_days:
                recent[h.session] = recent.get(h.session, 0) + 1
        last_top = max(s.volume for s in last)
        floor = min(ex.reps[0], d.reps[0]) if ex.reps and d.reps else 1
        _one_change(d, last, max(recent.values()), last_top, floor)
        last_load = _load_from_last(d, ex, spec, profile, last, pain, heavy, weights)
    else:
        _first_time(d, ex, spec, profile, weights)
    if spec.comeback < 1.0:
        _comeback(d, spec, weights, last_load, last_top)
    slower = 0.0
    if role == "main" and ex.id != NORDIC and spec.may_progress and pain is None and not heavy:
        d.reps, d.seconds, slower, stalled = _unstall(ex, history, d.reps, d.seconds, d.load)
        if stalled:
            d.add_note(stalled)
    if spec.taper:
        d.sets = max(1, d.sets // 2)
    rest, min_rest = ex.rest, ex.min_rest
    if heavy:
        rest, min_rest = max(rest, T.heavy_rest_seconds), max(min_rest, T.heavy_min_rest_seconds)
        phase = f"heavier phase: {T.heavy_reps[0]}–{T.heavy_reps[1]} reps, {rest // 60} min rest or more"
        d.note = f"{phase}; {d.note}" if d.note else phase
    return Prescribed(
        ex.id,
        ex.name,
        d.sets,
        d.reps,
        d.seconds,
        max(rest, min_rest),
        ex.per_side,
        d.load,
        profile.units,
        d.note,
        role,
        ex.tempo + slower,
        min_rest,
    )


def _stand_in_note(
    base: Exercise,
    ex: Exercise,
    owned: Sequence[str],
    level: str,
    blocked: dict[str, str],
    spec: SessionSpec,
    catalog: Catalog,
    taken: dict[str, str],
) -> str:
    """Why another exercise stands in for the template's, from what is really true."""
    if ex.id == base.id:
        return ""
    if base.id in blocked:
        painful = blocked[base.id]
        name = catalog.get(painful).name if painful in catalog else painful
        return f"instead of {base.name}: you marked pain on {name}"
    if not base.available_with(owned):
        return f"instead of {base.name}, which needs {_either(base.equipment)}"
    if not base.suits(level):
        return f"instead of {base.name}, which is for {base.level} runners"
    if spec.known is not None and base.id not in spec.known:
        return f"instead of {base.name}: {spec.known_why}"
    if base.family in taken:
        return f"instead of {base.name}: {taken[base.family]} already trains that movement today"
    return f"instead of {base.name}"


@dataclass
class _Picker:
    """Chooses each slot's exercise for one session: equipment and level swaps, jumps and
    Nordic curls that wait, lighter weeks, harder variations, pain's stand-ins; one
    exercise per movement family."""

    spec: SessionSpec
    profile: Profile
    catalog: Catalog
    pain: dict[str, PainStatus]
    leg_free: bool = False
    used: set[str] = field(default_factory=set)
    families: dict[str, str] = field(default_factory=dict)  # family → its exercise's name

    def __post_init__(self) -> None:
        self.owned = _owned(self.profile)
        self.blocked = pain_blocked(self.pain, self.catalog, self.spec.today)

    def fits(self, e: Exercise, new_ok: bool = False) -> bool:
        spec = self.spec
        return (
            e.id not in self.used
            and e.id not in self.blocked
            and e.family not in self.families
            and (new_ok or spec.known is None or e.id in spec.known)
            and (e.kind != "plyometric" or spec.plyo)
            and (not self.leg_free or self.catalog.spares_legs([e.id]))
        )

    def pick(self, slot: Slot) -> tuple[Exercise, str, PainStatus | None] | None:
        """The slot's exercise today, the note saying why, and its family's pain (or None:
        the slot stays out today)."""
        if slot.kind == "plyometric" and not self.spec.plyo:
            return None
        base = self.catalog.get(slot.id)
        ex = self.catalog.swap_for(base.id, self.owned, self.profile.level, fits=self.fits, same_family=True)
        if ex is None:
            return None
        note = _stand_in_note(
            base, ex, self.owned, self.profile.level, self.blocked, self.spec, self.catalog, self.families
        )
        waited = self._waiting(ex, note)
        if waited is None:
            return None
        ex, note = self._variation(*waited)
        family_pain = self.pain.get(self.catalog.pain_family(ex.id))
        if family_pain is not None and not family_pain.out_of_plan:
            eased = self._after_pain(ex, family_pain)
            if eased is None:
                return None
            ex, note = eased
        self.used.add(ex.id)
        self.families[ex.family] = ex.name
        return ex, note, family_pain

    def _waiting(self, ex: Exercise, note: str) -> tuple[Exercise, str] | None:
        """High-level jumps wait for week 5; Nordic curls once a week, 48 h from the long run."""
        spec = self.spec
        if ex.id in HIGH_LEVEL_PLYO and not spec.high_plyo:
            easier = _easier_jump(ex, self.catalog, self.used | set(self.blocked))
            if easier is None or not self.fits(easier):
                return None
            return easier, f"{easier.name} until week {T.high_level_plyo_from_week}, then {ex.name}"
        if ex.id == NORDIC and (not spec.nordic_ok or spec.nordic_this_week):
            alt = self.catalog.swap_for(
                "single-leg-rdl", self.owned, self.profile.level, exclude={NORDIC}, fits=self.fits, same_family=True
            )
            if alt is None:
                return None
            why = (
                "instead of Nordic curls: once a week is enough"
                if spec.nordic_ok
                else "instead of Nordic curls, which stay at least 48 hours away from the long run"
            )
            return alt, why
        return ex, note

    def _variation(self, ex: Exercise, note: str) -> tuple[Exercise, str]:
        """A lighter week keeps the easier variation done lately; a variation week (or a
        harder variation already done lately) takes the harder one."""
        spec, catalog = self.spec, self.catalog
        if spec.no_new_variations and ex.id not in spec.recent:
            done = next((e for e in catalog if e.harder == ex.id and e.id in spec.recent and self.fits(e)), None)
            if done is not None:
                ex, note = done, f"{done.name} in a lighter week, not the harder {ex.name}"
        if not ex.harder or ex.harder not in catalog or catalog.pain_family(ex.id) in self.pain:
            return ex, note
        harder = catalog.get(ex.harder)
        wanted = (spec.dose.variation and spec.may_progress) or harder.id in spec.recent
        if (
            wanted
            and harder.suits(self.profile.level)
            and harder.available_with(self.owned)
            and self.fits(harder, new_ok=harder.id in spec.recent)
            and (harder.kind != "plyometric" or harder.id not in HIGH_LEVEL_PLYO or spec.high_plyo)
        ):
            return harder, f"harder variation of {ex.name}"
        return ex, note

    def _after_pain(self, ex: Exercise, family_pain: PainStatus) -> tuple[Exercise, str] | None:
        """One pain mark in the family: the easier variation (never back to one marked in the
        streak), else no heavier than last time; None: the marked exercise waits."""
        catalog = self.catalog
        marked = catalog.get(family_pain.exercise).name if family_pain.exercise in catalog else family_pain.exercise
        when = day_and_month(family_pain.last)
        easier = catalog.get(ex.easier) if ex.easier and ex.easier in catalog else None
        seen = {ex.id}
        while easier is not None and easier.id in family_pain.marked and easier.id not in seen:
            seen.add(easier.id)  # never back to an exercise marked in this streak
            easier = catalog.get(easier.easier) if easier.easier and easier.easier in catalog else None
        if easier is not None and easier.id in family_pain.marked:
            easier = None
        if (
            easier is not None
            and easier.available_with(self.owned)
            and easier.suits(self.profile.level)
            and easier.kind != "plyometric"
            and self.fits(easier, new_ok=True)
        ):
            return easier, f"easier than {ex.name}: you marked pain on {marked} on {when}"
        if ex.id in family_pain.marked and ex.easier and ex.easier in catalog:
            return None  # its easier variation cannot go in today: the marked exercise waits
        return ex, f"no heavier than last time: you marked pain on {marked} on {when}; stop if it hurts"


def build_session(
    template_index: int,
    spec: SessionSpec,
    profile: Profile,
    catalog: Catalog,
    programs: Programs,
    history: Sequence[SetRecord] = (),
    pain: dict[str, PainStatus] | None = None,
    leg_free: bool = False,
) -> list[Prescribed]:
    template = programs.templates[profile.level]
    if leg_free:
        slots = programs.leg_free
    elif spec.full_body and template.full_body:
        slots = template.full_body
    else:
        slots = template.sessions[template_index % len(template.sessions)]
    picker = _Picker(spec, profile, catalog, pain or {}, leg_free)
    chosen: list[Prescribed] = []
    for slot in slots:
        picked = picker.pick(slot)
        if picked is not None:
            ex, note, own_pain = picked
            chosen.append(_prescribe(ex, slot.role, spec, profile, history, own_pain, note))
    for _ in range(spec.dose.drop):
        removable = [i for i, p in enumerate(chosen) if p.role != "main"]
        if len(chosen) > 3 and removable:
            chosen.pop(removable[-1])
    # the main lifts carry the session: no accessory gets more sets than they do
    main_sets = [p.sets for p in chosen if p.role == "main"]
    if main_sets:
        chosen = [
            p if p.role == "main" or p.sets <= min(main_sets) else replace(p, sets=min(main_sets)) for p in chosen
        ]
    if leg_free:
        return fit_to_minutes(chosen, min(profile.minutes, T.leg_free_minutes))
    chosen = _prehab_by_need(chosen, catalog, history, spec.today)
    # a full-body session keeps every pattern (squat, hinge, single leg, calf, core)
    return fit_to_minutes(chosen, profile.minutes, keep_mains=spec.full_body)


# The weekly movement budget's order after a session's first calf exercise: hip abduction,
# the other calf work (bent-knee, then straight-knee), then feet and shins; a movement not
# trained in the last 7 days goes first (docs/coaching.md § Prescribing and progression).
PREHAB_PRIORITY = ("hip-abduction", "soleus", "calf", "foot", "tibialis")


def _prehab_by_need(
    chosen: list[Prescribed], catalog: Catalog, history: Sequence[SetRecord], today: date | None
) -> list[Prescribed]:
    """The prehab slots after the first (the calf work) in order of need: a movement not
    trained in the last 7 days first, so when the time trim keeps two, the week still
    gets hips, shins and feet in turn (a weekly movement budget, not a fixed cut)."""
    at = [i for i, p in enumerate(chosen) if p.role == "prehab"]
    if len(at) <= 2 or today is None:
        return chosen
    week = {catalog.family(h.exercise) for h in history if h.exercise in catalog and 0 < (today - h.date).days <= 7}

    def need(i: int) -> tuple[bool, int, int]:
        family = catalog.family(chosen[i].exercise)
        rank = PREHAB_PRIORITY.index(family) if family in PREHAB_PRIORITY else len(PREHAB_PRIORITY)
        return (family in week, rank, i)

    rest = sorted(at[1:], key=need)
    out = list(chosen)
    for pos, i in zip(at[1:], rest):
        out[pos] = chosen[i]
    return out


def _easier_jump(ex: Exercise, catalog: Catalog, exclude: set[str]) -> Exercise | None:
    seen = set()
    cur = ex
    while cur.easier and cur.easier in catalog and cur.id not in seen:
        seen.add(cur.id)
        cur = catalog.get(cur.easier)
        if cur.kind == "plyometric" and cur.id not in HIGH_LEVEL_PLYO and cur.id not in exclude:
            return cur
    for fallback in ("pogo-hops", "a-skip"):
        if fallback in catalog and fallback not in exclude:
            return catalog.get(fallback)
    return None


def build_finisher(profile: Profile, catalog: Catalog, programs: Programs) -> list[Prescribed]:
    out = []
    for slot in programs.finisher:
        ex_id = slot.beginner if (profile.level == "beginner" and slot.beginner) else slot.id
        ex = catalog.get(ex_id)
        if slot.hold is not None:
            hold = 20 if profile.level == "beginner" else slot.hold
            out.append(
                Prescribed(ex.id, ex.name, 1, None, hold, 20, ex.per_side, role="core", tempo=ex.tempo, min_rest=15)
            )
        else:
            out.append(
                Prescribed(ex.id, ex.name, 1, slot.reps or ex.reps, None, 20, ex.per_side, tempo=ex.tempo, min_rest=15)
            )
    return out


def build_warmup(programs: Programs, catalog: Catalog) -> tuple[Prescribed, ...]:
    """The 3–4 minute warm-up before the first exercise: ankle and hip mobility, then a
    few activation reps (one round each, no rest)."""
    out = []
    for ex_id in programs.warmup:
        ex = catalog.get(ex_id)
        if ex.hold is not None:
            out.append(
                Prescribed(
                    ex.id, ex.name, 1, None, min(ex.hold, 25), 0, ex.per_side, role="warmup", tempo=ex.tempo, min_rest=0
                )
            )
        else:
            low, high = ex.reps or (0, 0)
            reps = (min(low, 6), min(high, 8))
            out.append(
                Prescribed(ex.id, ex.name, 1, reps, None, 0, ex.per_side, role="warmup", tempo=ex.tempo, min_rest=0)
            )
    return tuple(out)


# --- the coach's view of one day -------------------------------------------------------------


def plyometrics_allowed(profile: Profile, sessions: list[SessionRecord], today: date) -> bool:
    if profile.level == "beginner" or not profile.plyo_ready:
        return False
    if profile.level == "intermediate":
        return (
            consistent_weeks(sessions, today, profile.week_start_index, T.plyo_sessions_per_week)
            >= T.plyo_consistent_weeks
        )
    return True


def _low_frequency(today: date, sessions: list[SessionRecord]) -> bool:
    """About one session a week over the last 4 full weeks (with a log that old)."""
    if not sessions or min(s.date for s in sessions) > today - timedelta(days=T.irregular_window_days):
        return False
    window = [s for s in sessions if today - timedelta(days=T.irregular_window_days) <= s.date < today]
    return sum(s.weight for s in window) / (T.irregular_window_days / 7) < T.low_frequency_per_week - 1e-9


@dataclass(frozen=True)
class DayContext:
    """What the coach knows on one day: the week, the block, the pain, and the flags."""

    today: date
    week: RunningWeek
    sched: Schedule
    block: BlockState
    spec: SessionSpec
    index: int  # which template in the rotation
    pain: dict[str, PainStatus]
    low_frequency: bool
    one_fits: bool = False
    few_lately: bool = False  # about one session a week over the last four weeks


def lighter_week(template: Template, block: BlockState) -> bool:
    """Is the block week's dose one of the template's lighter weeks? (Not during a
    comeback: the ramp sets its own dose.) The planner halves the sets then; the guard
    reads it for the week after."""
    return not block.comeback and template.weeks[min(block.dose_week, len(template.weeks)) - 1].light


def _day_context(
    today: date,
    profile: Profile,
    sessions: list[SessionRecord],
    history: list[SetRecord],
    programs: Programs,
    week: RunningWeek,
    catalog: Catalog,
    ahead: bool = False,
) -> DayContext:
    before = tuple(s for s in sessions if s.date < today)
    sched = schedule(today, week, before)
    block = block_state(today, week, list(before), light_weeks=_light_weeks(programs.templates[profile.level]))
    template = programs.templates[profile.level]
    dose_week = block.dose_week
    dose = template.weeks[min(dose_week, len(template.weeks)) - 1]
    light_base = None
    if lighter_week(template, block):
        light_base = template.weeks[max(0, min(dose_week, len(template.weeks)) - 2)]
        dose = replace(light_base, light=True)
    if block.comeback:
        dose = replace(dose, light=False, drop=0)
    past = [h for h in history if h.date < today]
    taper_race = week.race_ahead(today, T.taper_window_days)
    recovering = week.recovering(today)
    plyo = plyometrics_allowed(profile, list(before), today) and not block.comeback and taper_race is None
    plyo = plyo and recovering is None and not _leg_pain_lately(past, profile, catalog, today)
    # Nordic curls never within 48 h before the long run
    nordic_ok = all(week.run_on(today + timedelta(days=n)) not in ("long", "race") for n in (1, 2))
    at_start = plan_week(
        sched.week.start, sched.week.start, week, tuple(s for s in before if s.date < sched.week.start)
    )
    race_week = any(-1 <= (r - sched.week.start).days <= 9 for r in profile.races)  # the taper, not the runs, limits it
    one_fits = len(at_start.planned) + len(at_start.done) <= 1 and at_start.target >= 2 and not race_week
    # a comeback has its own ramp: the break is why the last weeks look sparse
    few_lately = not block.comeback and _low_frequency(today, list(before))
    low = few_lately or (not block.comeback and one_fits)
    start = sched.week.start
    nordic_week = any(h.exercise == NORDIC and start <= h.date < today for h in history)
    recent = frozenset(h.exercise for h in past if (today - h.date).days <= T.taper_known_days)
    known: frozenset[str] | None = None
    known_why = ""
    if taper_race is not None:
        known, known_why = recent, "nothing new before the race"
    elif block.comeback and any(h.date < (block.back_on or today) for h in past):
        # nothing new in the weeks back: what was done before the break (and since)
        known, known_why = frozenset(h.exercise for h in past), "nothing new in the weeks back"
    # advanced jumps wait for block week 5, and for 4 weeks at a newly taken level
    changed = profile.level_changed_on()
    settled = changed is None or (today - changed).days >= 7 * (T.high_level_plyo_from_week - 1)
    spec = SessionSpec(
        nordic_this_week=nordic_week,
        dose=dose,
        block_week=dose_week,
        plyo=plyo,
        high_plyo=dose_week >= T.high_level_plyo_from_week and settled,
        comeback=block.comeback_factor,
        back_on=block.back_on,
        taper=taper_race is not None,
        nordic_ok=nordic_ok,
        full_body=low,
        light_base=light_base,
        today=today,
        known=known,
        known_why=known_why,
        hold_loads=recovering is not None,
        recent=recent,
        ahead=ahead,
    )
    first = week_start(profile.block_start or today, profile.week_start_index)
    index = sum(1 for s in before if s.kind == "strength" and s.date >= first)
    return DayContext(
        today, week, sched, block, spec, index, pain_status(past, profile, catalog), low, one_fits, few_lately
    )


def _leg_pain_lately(history: Sequence[SetRecord], profile: Profile, catalog: Catalog, today: date) -> bool:
    """A pain mark on leg work in the last week (not cleared since): no jumps until a week
    has passed, whatever sessions came after it."""
    cleared = _cleared_families(profile, catalog)
    for s in history:
        if (
            s.pain
            and 0 < (today - s.date).days <= T.pain_no_jumps_days
            and s.exercise in catalog
            and catalog.get(s.exercise).legs
        ):
            fam = catalog.pain_family(s.exercise)
            if fam not in cleared or s.date > cleared[fam]:
                return True
    return False


def _light_weeks(template: Template) -> frozenset[int]:
    return frozenset(i + 1 for i, w in enumerate(template.weeks) if w.light)


HISTORY_WINDOW_DAYS = 35  # the sets a prescription looks at: the last five weeks


def prescription_history(dc: DayContext, sessions: list[SessionRecord], history: list[SetRecord]) -> list[SetRecord]:
    """The sets a prescription may look at: the five weeks before the day (and, on a
    comeback, the five weeks before the break), whatever else the caller loaded, so the
    same day always gets the same prescription."""
    first = dc.today - timedelta(days=HISTORY_WINDOW_DAYS)
    if dc.spec.comeback < 1.0 and dc.spec.back_on is not None:
        before = [s.date for s in sessions if s.date < dc.spec.back_on]
        if before:
            first = min(first, max(before) - timedelta(days=HISTORY_WINDOW_DAYS))
    return [h for h in history if first <= h.date < dc.today]


def _session(
    dc: DayContext, profile: Profile, catalog: Catalog, programs: Programs, history: list[SetRecord]
) -> list[Prescribed]:
    spec = dc.spec
    if spec.light_base is not None:
        # a lighter week: the normal week's prescription (no raises of load, sets or
        # variation), then about half its sets with the full rests back, whatever the
        # runner did on top of what was prescribed
        base = replace(spec, dose=spec.light_base, light_base=None, hold_loads=True, no_new_variations=True)
        normal = build_session(dc.index, base, profile, catalog, programs, history, dc.pain)
        rested = [replace(p, rest=max(p.rest, catalog.get(p.exercise).rest)) for p in normal]
        light = light_version(rested, profile.minutes)
        # never more sets of an exercise than its last session within three weeks held
        before = [h for h in history if dc.today - h.date <= timedelta(days=T.recent_sets_days)]
        light = [
            replace(p, sets=min(p.sets, max(1, len(last)))) if (last := _last_session(p.exercise, before)) else p
            for p in light
        ]
        if spec.taper:  # race week on top of a lighter week: still about half of it
            light = [replace(p, sets=max(1, p.sets // 2)) for p in light]
        return fit_to_minutes(light, profile.minutes)
    if spec.known is None:
        return build_session(dc.index, spec, profile, catalog, programs, history, dc.pain)
    # nothing new (taper, comeback): the session of the rotation that holds most of what the
    # runner knows; a comeback with none of it known ramps the usual session instead
    sessions = [
        build_session(i, spec, profile, catalog, programs, history, dc.pain)
        for i in range(dc.index, dc.index + len(programs.templates[profile.level].sessions))
    ]
    best = max(sessions, key=len)  # the first of the longest: the rotation's own order breaks ties
    if not best and spec.comeback < 1.0:
        return build_session(dc.index, replace(spec, known=None), profile, catalog, programs, history, dc.pain)
    return best


# --- today ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TodayPlan:
    date: dt.date
    kind: DayKind  # strength | leg-free | finisher-only | rest
    reason: str
    block_week: int
    block_weeks: int
    light_week: bool
    exercises: tuple[Prescribed, ...]
    next_strength_day: dt.date | None
    finisher: tuple[Prescribed, ...] = ()
    done_today: int = 0
    week_days: tuple[dt.date, ...] = field(default_factory=tuple)
    block_week_reason: str | None = None
    warmup: tuple[Prescribed, ...] = ()
    notes: tuple[str, ...] = ()  # standing notes: pain referrals, a capped target, a short week
    comeback: int = 0
    taper: bool = False

    @property
    def volume(self) -> int:
        """Reps + hold seconds the session asks for (sets × the top of each range); on a
        finisher day, the finisher's."""
        return sum(p.sets * p.top for p in (self.exercises or self.finisher))

    @property
    def estimated_minutes(self) -> float:
        if self.exercises:
            return estimated_minutes(self.exercises)
        return estimated_minutes(self.finisher, warmup=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "reason": self.reason,
            "block_week": self.block_week,
            "block_weeks": self.block_weeks,
            "block_week_reason": self.block_week_reason,
            "light_week": self.light_week,
            "comeback_week": self.comeback,
            "taper": self.taper,
            "warmup": [p.to_dict() for p in self.warmup],
            "exercises": [p.to_dict() for p in self.exercises],
            "finisher": [p.to_dict() for p in self.finisher],
            "estimated_minutes": self.estimated_minutes,
            "next_strength_day": self.next_strength_day.isoformat() if self.next_strength_day else None,
            "strength_days_this_week": [d.isoformat() for d in self.week_days],
            "done_today": self.done_today,
            "notes": list(self.notes),
        }


LEG_FREE_WORDS = "upper back, core, shins and feet"


def target_note(profile: Profile) -> str | None:
    if profile.level == "beginner" and profile.target > T.beginner_max_sessions:
        return (
            f"Beginners do {T.beginner_max_sessions} full sessions a week, so the plan places {T.beginner_max_sessions}; "
            f"your target of {profile.target} is kept for when you move up a level, and meanwhile the third is a "
            f"short session that spares your legs ({LEG_FREE_WORDS})."
        )
    if profile.target >= 3:
        return (
            f"When a running week leaves room for fewer than {profile.target} full sessions, the plan adds one short "
            f"session that spares your legs ({LEG_FREE_WORDS}); it counts towards the target."
        )
    return None


def _week_notes(dc: DayContext, profile: Profile, catalog: Catalog) -> tuple[str, ...]:
    notes = []
    capped = target_note(profile) if profile.level == "beginner" else None
    if capped:
        notes.append(capped)
    w = plan_week(dc.sched.week.start, dc.sched.week.start, dc.week, ())
    quiet = any(
        dc.week.race_ahead(d, T.taper_window_days) or dc.week.run_on(d) == "race" or dc.week.recovering(d)
        for d in _days(w.start)
    )
    if w.short_by > 0 and not quiet and len(dc.sched.week.days) == len(w.planned):
        fits = len(w.planned)
        notes.append(
            f"This running week leaves room for {plural(fits, 'strength session')} with a day "
            f"between them and a day away from each key run ({_key_runs(dc.week, w.start)}), "
            f"so the plan places {fits} instead of {w.target}"
            + (
                f", and a short session that spares your legs ({LEG_FREE_WORDS}) on another day."
                if (asked := profile.asked_target_for_week(w.start)) >= 3
                and fits + 1 <= asked
                and dc.spec.light_base is None
                and not dc.block.comeback
                else "."
            )
        )
    notes += referral(dc.pain, catalog)
    return tuple(notes)


_PATTERN_WORDS = {
    "squat": "squat",
    "single-leg-knee": "single leg",
    "hinge": "hinge",
    "bridge": "hip",
    "calf": "calf",
    "soleus": "calf",
    "hip-abduction": "hip",
    "tibialis": "shin",
    "foot": "foot",
    "push": "upper body",
    "pull": "upper body",
    "anti-extension": "core",
    "anti-rotation": "core",
    "lateral-core": "core",
    "adductor": "core",
    "jumps": "jumps",
}


def _patterns(exercises: Sequence[Prescribed], catalog: Catalog) -> str:
    """'squat, hinge, calf and core': the patterns the session really holds, in order."""
    words = list(
        dict.fromkeys(
            _PATTERN_WORDS.get(catalog.family(p.exercise), "mobility") for p in exercises if p.exercise in catalog
        )
    )
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _key_runs(week: RunningWeek, start: date) -> str:
    """'long runs Saturday and Sunday; back-to-back hard runs Tuesday and Wednesday'."""
    kinds: dict[str, list[str]] = {}
    for d in _days(start):
        kind = week.key_run(d)
        if kind:
            kinds.setdefault(kind, []).append(DAY_NAMES[d.weekday()])
    words = {
        "long": ("long run", "long runs"),
        "race": ("race", "races"),
        "hard": ("hard run next to another", "back-to-back hard runs"),
    }
    parts = []
    for kind, days in kinds.items():
        one, many = words[kind]
        days_text = days[0] if len(days) == 1 else f"{', '.join(days[:-1])} and {days[-1]}"
        parts.append(f"{one if len(days) == 1 else many} {days_text}")
    return "; ".join(parts) or "none"


def _the(blocked: str) -> str:
    """'long-run day' → 'your long-run day'; the other reasons already read as a phrase."""
    return {"long-run day": "your long-run day", "race day": "race day"}.get(blocked, blocked)


def _days(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(7)]


def today_plan(
    today: date,
    profile: Profile,
    sessions: list[SessionRecord],
    history: list[SetRecord],
    catalog: Catalog,
    programs: Programs | None = None,
    actual: dict[date, str] | None = None,
    shown: Mapping[date, str] | None = None,
    ahead: bool = False,
) -> TodayPlan:
    """What to do today, and why. Today's own sessions do not change today's plan.

    ``shown`` is the plan ledger (day → what Today showed on it): when given, a session
    is "missed" only on a day of this week shown as a strength day, passed without one.
    ``ahead``: a day `plan` looks ahead to (its raises are what would follow)."""
    programs = programs or catalog.programs
    week = RunningWeek.of(profile, actual)
    history = [s for s in history if s.date < today]
    dc = _day_context(today, profile, sessions, history, programs, week, catalog, ahead)
    sched, block = dc.sched, dc.block
    nxt = sched.next_day
    nxt_text = f"next session {day_name(nxt, today)}" if nxt else "no strength session fits this running week"
    common = TodayPlan(
        date=today,
        kind="rest",
        reason="",
        exercises=(),
        block_week=block.week,
        block_weeks=block.weeks,
        light_week=dc.spec.light_base is not None,
        next_strength_day=nxt,
        done_today=sum(1 for s in sessions if s.date == today),
        week_days=sched.week.days,
        block_week_reason=block.reason,
        notes=_week_notes(dc, profile, catalog),
        comeback=block.comeback,
        taper=dc.spec.taper,
    )
    missed = _missed(dc, sessions, shown)
    if today in sched.week.planned:
        exercises = _session(dc, profile, catalog, programs, prescription_history(dc, sessions, history))
        if not exercises:  # everything the session holds is out (pain, equipment): rest, and say why
            why = "pain keeps its exercises out of the plan" if dc.pain else "none of its exercises fits today"
            return replace(common, reason=f"No session today: {why}; {nxt_text}.")
        reason = _strength_reason(dc, missed, exercises, catalog)
        return replace(
            common, kind="strength", reason=reason, exercises=tuple(exercises), warmup=build_warmup(programs, catalog)
        )
    legfree = _leg_free_plan(dc, profile, catalog, programs, prescription_history(dc, sessions, history))
    if legfree is not None:
        return replace(common, kind="leg-free", reason=legfree[0], exercises=legfree[1], warmup=legfree[2])
    reason = _rest_reason(dc, missed, nxt_text, sessions)
    if sched.finisher_ok:
        reason += " A 5-minute finisher after the run is optional: trunk and feet, nothing that tires the legs."
        finisher = tuple(build_finisher(profile, catalog, programs))
        return replace(common, kind="finisher-only", reason=reason, finisher=finisher)
    return replace(common, reason=reason)


def _missed(dc: DayContext, sessions: Sequence[SessionRecord], shown: Mapping[date, str] | None) -> date | None:
    """The last day of this week a session was missed on (with the ledger: only a day shown
    as a strength day and passed without one)."""
    if shown is None:
        return dc.sched.missed[-1] if dc.sched.missed else None
    had = {s.date for s in sessions}
    gone = [d for d in _days(dc.sched.week.start) if d < dc.today and shown.get(d) == "strength" and d not in had]
    return gone[-1] if gone else None


def _strength_reason(dc: DayContext, missed: date | None, exercises: Sequence[Prescribed], catalog: Catalog) -> str:
    """Why today is a strength day, and what shapes the session (a race, a recovery, a
    comeback, a lighter week, a full-body session)."""
    today, week, block, nxt = dc.today, dc.week, dc.block, dc.sched.next_day
    reason = {
        "rest": "No run today, so it is a good day for strength.",
        "hard": "Hard run today: do this after it, once you have had a drink and a snack.",
        "easy": "Easy run today: do this after it.",
    }.get(week.run_on(today), "Strength today.")
    if missed and not block.comeback:
        reason = (
            f"{DAY_NAMES[missed.weekday()]}'s session was missed; this is the next one. No need to make it up. "
            + reason
        )
    race = week.race_ahead(today, T.taper_window_days)
    if race:
        last = nxt is None or nxt >= race
        reason += (
            f" Race {day_name(race, today)}: a taper session, half the sets, only exercises you did in the last "
            f"{T.taper_known_days // 7} weeks, no heavier than last time and no jumps"
            + ("; nothing more before the race." if last else ".")
        )
    recovering = week.recovering(today)
    if recovering is not None and not race:
        until = recovering + timedelta(days=week.recovery(recovering).no_plyo_days)
        reason += (
            f" Still recovering from your race on {day_and_month(recovering)}: no jumps and no heavier loads "
            f"until {day_and_month(until)}."
        )
    if block.comeback:
        pct = round(block.comeback_factor * 100)
        which = "First" if block.comeback == 1 else "Second"
        nothing_new = "only exercises you did before, " if dc.spec.known is not None else ""
        reason += (
            f" {which} week back after {block.days_off} days off: about {pct} % of your previous loads and reps, "
            f"{nothing_new}no jumps."
        )
    if dc.spec.light_base is not None:
        reason += " This is a lighter week: about half the sets of a normal week, and no heavier loads."
    if dc.spec.full_body:
        patterns = _patterns(exercises, catalog)
        if dc.one_fits and len(dc.sched.week.days) <= 1:
            reason += f" This running week has room for one session, so it is full-body: {patterns}."
        elif dc.few_lately:
            reason += f" With about one session a week lately, each one is full-body: {patterns}."
    return reason


def _leg_free_plan(
    dc: DayContext, profile: Profile, catalog: Catalog, programs: Programs, history: list[SetRecord]
) -> tuple[str, tuple[Prescribed, ...], tuple[Prescribed, ...]] | None:
    """Today's short leg-free session (reason, exercises, warm-up), when it is the week's
    leg-free day: never in a lighter week, a taper or a comeback."""
    sched = dc.sched
    if dc.today != sched.leg_free or dc.spec.light_base is not None or dc.spec.taper or dc.block.comeback:
        return None
    legfree = build_session(dc.index, dc.spec, profile, catalog, programs, history, dc.pain, leg_free=True)
    if not legfree:
        return None
    full = len(sched.week.days)
    reason = (
        f"A short session that spares your legs: this running week has room for {plural(full, 'full session')} "
        f"and your target is {profile.asked_target_for_week(sched.week.start)}, so today is {LEG_FREE_WORDS} "
        f"(about {round(estimated_minutes(legfree))} min). "
        "It counts towards the week's target; the 48 hours between leg sessions still hold."
    )
    if dc.week.run_on(dc.today) in ("easy", "hard"):
        reason += " Do it after your run or at another time of day."
    return reason, tuple(legfree), build_warmup(programs, catalog)


def _rest_reason(dc: DayContext, missed: date | None, nxt_text: str, sessions: Sequence[SessionRecord]) -> str:
    """Why today holds no session, in the runner's words."""
    today, week, sched = dc.today, dc.week, dc.sched
    run = week.run_on(today)
    blocked = week.blocked(today)
    if run == "race":
        return f"Race day: good luck! Strength waits; {nxt_text}."
    if missed:
        not_owed = (
            f"{DAY_NAMES[missed.weekday()]}'s session was missed; "
            f"{nxt_text.replace('next session', 'the next one is')}. No need to make it up"
        )
        # say both: that the missed one is not owed, and why not today
        return f"{not_owed}: today is {_the(blocked)}." if blocked else f"{not_owed}."
    if blocked == "long-run day":
        return f"Long run today: rest your legs; {nxt_text}."
    if blocked:
        why = "your legs need the recovery" if "after" in blocked else "keep your legs fresh"
        return f"It is {blocked}: {why}; {nxt_text}."
    target = sched.week.target
    done_weight = sum(s.weight for s in sessions if sched.week.start <= s.date < today and s.loads_legs)
    if done_weight >= target - 1e-9 and target > 0:
        return f"You have done this week's {plural(target, 'session')}; {nxt_text}."
    if any(abs((s.date - today).days) == 1 for s in sessions if s.date < today and s.loads_legs):
        return f"Strength yesterday: muscles need about 48 hours between sessions; {nxt_text}."
    if (race := week.race_ahead(today)) is not None:
        return (
            f"Race {day_name(race, today)}: the taper allows one short session at most, at least "
            f"{T.taper_last_session_days} days before it; {nxt_text}."
        )
    if run in ("easy", "hard"):
        return f"{run.capitalize()} run today and no strength planned; {nxt_text}."
    return f"Rest day: recovery is part of training; {nxt_text}."


# --- the weeks ahead -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedDay:
    date: dt.date
    block_week: int
    light_week: bool
    exercises: tuple[Prescribed, ...]
    reason: str = ""
    comeback: int = 0
    taper: bool = False
    upcoming: tuple[str, ...] = ()  # what comes later under a condition ("pogo hops from week 5 …")
    kind: str = "strength"  # "leg-free": the short session that spares the legs; "finisher"

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "block_week": self.block_week,
            "light_week": self.light_week,
            "estimated_minutes": estimated_minutes(self.exercises),
            "exercises": [p.to_dict() for p in self.exercises],
            "reason": self.reason,
            "comeback_week": self.comeback,
            "taper": self.taper,
            "upcoming": list(self.upcoming),
        }


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(18))


def simulate_sets(day: date, session_id: str, exercises: tuple[Prescribed, ...]) -> list[SetRecord]:
    """The sets a runner who does exactly what was prescribed would log (top of the range)."""
    out = []
    stamp = _midnight(day)
    for p in exercises:
        for i in range(p.sets):
            stamp += timedelta(seconds=1)
            out.append(
                SetRecord(
                    id=f"{session_id}-{p.exercise}-{i}",
                    session=session_id,
                    exercise=p.exercise,
                    date=day,
                    logged_at=stamp,
                    reps=p.reps[1] if p.reps else None,
                    seconds=p.seconds,
                    load_kg=p.suggested_load_kg,
                    unit=p.load_unit,
                )
            )
    return out


def conditional_items(
    profile: Profile,
    catalog: Catalog,
    programs: Programs,
    day: date,
    spec: SessionSpec,
    index: int,
    sessions: Sequence[SessionRecord] = (),
) -> tuple[str, ...]:
    """Preview honesty: what the template holds that waits for a condition."""
    template = programs.templates[profile.level]
    slots = template.sessions[index % len(template.sessions)]
    out = []
    for slot in slots:
        ex = catalog.get(slot.id)
        if slot.kind != "plyometric" or spec.plyo:
            if ex.id in HIGH_LEVEL_PLYO and not spec.high_plyo:
                out.append(f"{ex.name} from week {T.high_level_plyo_from_week}")
            continue
        if profile.level == "beginner":
            continue
        if not profile.plyo_ready:
            out.append(
                f"{ex.name} once you answer yes to the jump-readiness questions (runstrength profile --plyo-ready yes)"
            )
        elif spec.taper:
            out.append(f"{ex.name} after the race")
        elif spec.hold_loads:
            out.append(f"{ex.name} once the race recovery is over")
        elif spec.comeback < 1.0:
            out.append(f"{ex.name} after the two comeback weeks")
        elif profile.level == "intermediate" and not plyometrics_allowed(
            profile, [s for s in sessions if s.date < day], day
        ):
            out.append(f"{ex.name} once the last {T.plyo_consistent_weeks} weeks each had 2+ sessions")
        else:
            out.append(f"{ex.name} once a week has passed since your last pain mark on leg work")
    return tuple(dict.fromkeys(out))


def plan_ahead(
    today: date,
    profile: Profile,
    sessions: list[SessionRecord],
    history: list[SetRecord],
    catalog: Catalog,
    weeks: int = 2,
    programs: Programs | None = None,
    actual: dict[date, str] | None = None,
    finishers: bool = False,
) -> list[PlannedDay]:
    """The strength days of the coming ``weeks`` weeks (this one included), simulating a
    runner who does each session as prescribed, so the preview is what `today` will say;
    ``finishers``: the days that offer the optional finisher too (kind "finisher", not
    simulated as done: it changes nothing that follows)."""
    programs = programs or catalog.programs
    sessions = [s for s in sessions if s.date < today]
    history = [s for s in history if s.date < today]
    start = week_start(today, profile.week_start_index)
    end = start + timedelta(days=7 * weeks)
    out = []
    day = today
    while day < end:
        plan = today_plan(day, profile, sessions, history, catalog, programs, actual, ahead=day > today)
        if finishers and plan.kind == "finisher-only":
            out.append(PlannedDay(day, plan.block_week, plan.light_week, plan.finisher, plan.reason, kind="finisher"))
        if plan.kind in ("strength", "leg-free"):
            week = RunningWeek.of(profile, actual)
            dc = _day_context(day, profile, sessions, history, programs, week, catalog)
            upcoming = conditional_items(profile, catalog, programs, day, dc.spec, dc.index, sessions)
            out.append(
                PlannedDay(
                    day,
                    plan.block_week,
                    plan.light_week,
                    plan.exercises,
                    plan.reason,
                    plan.comeback,
                    plan.taper,
                    upcoming if plan.kind == "strength" else (),
                    plan.kind,
                )
            )
            sid = f"plan-{day.isoformat()}"
            record = SessionRecord(id=sid, date=day, started_at=_midnight(day), ended_at=_midnight(day), kind=plan.kind)
            sessions = sessions + [record]
            history = history + simulate_sets(day, sid, plan.exercises)
        day += timedelta(days=1)
    return out


def block_week(
    profile: Profile,
    sessions: list[SessionRecord],
    today: date,
    actual: dict[date, str] | None = None,
    programs: Programs | None = None,
) -> BlockState:
    """The block position on ``today`` (for the review screens and `status`)."""
    week = RunningWeek.of(profile, actual)
    light = _light_weeks(programs.templates[profile.level]) if programs is not None else frozenset()
    return block_state(today, week, [s for s in sessions if s.date < today], light_weeks=light)
