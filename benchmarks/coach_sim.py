"""The runner simulator: runners of every kind follow the coach day by day through the
service, the way the CLI and the app call it, and every rule of the coach is checked
against what the runner was shown and what the runner did.

    python benchmarks/coach_sim.py --weeks 12     # every archetype, 12 weeks (a few minutes)
    python benchmarks/coach_sim.py --quick        # a few archetypes, 6 weeks (the test suite's run)
    python benchmarks/coach_sim.py --only NAME    # one archetype (a substring of its name), with details
    python benchmarks/coach_sim.py --held-out     # the archetypes and the held-out runners (issue 23)

Each runner gets a fresh data folder with the real store and a pinned date per day
(RUNSTRENGTH_TODAY for the CLI calls, the day for the service calls). Each morning the
runner may change the profile (`runstrength profile ...`), clear a pain mark
(`runstrength pain clear ...`), then asks `today`; on a strength or leg-free day the
runner does what it says (or the event's deviation) through the service's session (log
each set, finish), and so does a runner who takes the 5-minute finisher when it is offered
(the session's finisher mode); runs, and, if the runner has a watch, imports the day's run
(`runstrength runs import`) and corrects its kind (`runstrength runs set`) when the app
read it wrongly.

The checks are written here from the rules' own words (docs/coaching.md, issue 22), not by
calling the planner's helpers: the runner's true running week, the days it was shown a
session, the sets it logged. The spacing and key-run rules are about full (leg) sessions;
the leg-free session and the finisher have their own (they spare the legs, and keep away
from key runs and race windows). Each violation is counted once per runner-week. Prints a
table invariant × violations (exits 1 if any), then the program's figures (issue 23), each
with the issue's acceptance bound and PASS/FAIL.

Parts of the domain not there yet (race distances, movement families, the race-recovery
table) are found with ``hasattr``: their checks say "pending" until they are.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import shutil
import sys
import tempfile
import time
import tomllib
import traceback
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("RUNSTRENGTH_CACHE_DIR", tempfile.mkdtemp(prefix="runstrength-sim-cache-"))

from runstrength_tui import service  # noqa: E402
from runstrength_tui.cli import run as cli_run  # noqa: E402
from runstrength_tui.service import Log, Workout  # noqa: E402

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
KG_PER_LB = 0.45359237

# --- what the sim knows of the catalog (data, read here; no planner helper) ------------------

CATALOG_TOML = tomllib.loads((ROOT / "data" / "exercises.toml").read_text(encoding="utf-8"))
EXERCISES: dict[str, dict] = {e["id"]: e for e in CATALOG_TOML["exercise"]}
JUMPS = frozenset(i for i, e in EXERCISES.items() if e["kind"] == "plyometric")
# bounding, hops and box jumps: the jumps an advanced runner earns after 4 weeks at the level
HIGH_JUMPS = frozenset({"bounding", "single-leg-hop", "skater-hop", "box-jump"})

# Movement families as a coach would group them (used when the catalog has no `family`
# field yet): two exercises of one family train the same pattern.
_OWN_FAMILIES = {
    "squat": "bodyweight-squat tempo-squat goblet-squat back-squat leg-press wall-sit",
    "single-leg-knee": "reverse-lunge walking-lunge split-squat pause-split-squat bulgarian-split-squat single-leg-box-squat "
    "step-up step-down dumbbell-step-up dumbbell-reverse-lunge dumbbell-split-squat",
    "lateral-lunge": "lateral-lunge",
    "hinge": "dumbbell-rdl kettlebell-deadlift kettlebell-swing trap-bar-deadlift band-good-morning",
    "single-leg-hinge": "single-leg-rdl single-leg-balance-reach",
    "nordic": "nordic-hamstring-curl",
    "bridge": "glute-bridge single-leg-glute-bridge hip-thrust single-leg-hip-thrust",
    "calf": "calf-raise single-leg-calf-raise eccentric-heel-drop weighted-calf-raise bent-knee-calf-raise "
    "single-leg-bent-knee-calf-raise seated-calf-raise",
    "hip-abduction": "clamshell side-lying-hip-abduction lateral-band-walk",
    "adductor": "copenhagen-plank copenhagen-plank-long",
    "front-plank": "knee-plank plank plank-shoulder-tap",
    "side-plank": "knee-side-plank side-plank",
    "anti-extension": "dead-bug hollow-hold",
    "bird-dog": "bird-dog",
    "anti-rotation": "pallof-press",
    "push": "push-up incline-push-up",
    "pull": "single-arm-row band-row prone-y-raise",
    "tibialis": "tibialis-raise",
    "foot": "short-foot",
    "knee-drive": "banded-knee-drive",
    "jump": " ".join(sorted(JUMPS)),
}
OWN_FAMILY = {ex: fam for fam, ids in _OWN_FAMILIES.items() for ex in ids.split()}
# Every exercise a level's templates name (a template's own slot is no "variation").
_PROGRAMS = tomllib.loads((ROOT / "data" / "programs.toml").read_text(encoding="utf-8"))
TEMPLATE_IDS = {
    level: frozenset(slot["id"] for session in t.get("sessions", []) for slot in session)
    | frozenset(slot["id"] for slot in t.get("full_body", []))
    for level, t in _PROGRAMS.items()
    if isinstance(t, dict) and "sessions" in t
}
# The words a sentence uses for a session's patterns, and the families that make each true.
PATTERN_FAMILIES = {
    "squat": {"squat"},
    "hinge": {"hinge"},
    "single leg": {"single-leg-knee"},
    "calf": {"calf", "soleus"},
    "core": {"anti-extension", "anti-rotation", "lateral-core", "adductor", "front-plank", "side-plank", "bird-dog"},
    "hip": {"bridge", "hip-abduction"},
    "shin": {"tibialis"},
    "jumps": {"jumps", "jump"},
    "upper body": {"push", "pull"},
}


def family_of(ex_id: str) -> str:
    """The movement family: the catalog's own `family` field when it has one, else ours."""
    fam = EXERCISES.get(ex_id, {}).get("family")
    return str(fam) if fam else OWN_FAMILY.get(ex_id, ex_id)


def chain(ex_id: str) -> set[str]:
    """The exercise with its easier and its harder variations, walked to the ends."""
    out = {ex_id}
    for key in ("easier", "harder"):
        cur: str | None = ex_id
        while cur in EXERCISES and EXERCISES[cur].get(key) and EXERCISES[cur][key] not in out:
            cur = EXERCISES[cur][key]
            out.add(cur)
    return out


def pain_group(ex_id: str) -> frozenset[str]:
    """What pain on an exercise concerns (issue 22): its movement family, its easier and
    harder chain (a jump's chain stays among jumps, a strength exercise's among non-jumps)."""
    fam = family_of(ex_id)
    jump = ex_id in JUMPS
    return frozenset({i for i in EXERCISES if family_of(i) == fam} | {i for i in chain(ex_id) if (i in JUMPS) == jump})


def catalog_has_families() -> bool:
    return any("family" in e for e in EXERCISES.values())


def legs(ex_id: str) -> bool:
    return bool(EXERCISES.get(ex_id, {}).get("legs"))


# --- the parts of the domain that may not be there yet -----------------------------------------


def race_api() -> bool:
    """Race distances (`profile --race DATE:KIND`) and the recovery table."""
    try:
        from runstrength_tui.domain import profile as p
        from runstrength_tui.domain import rules as r

        return hasattr(p, "parse_race") and hasattr(r, "RACE_RECOVERY")
    except Exception:
        return False


# The recovery the issue asks for, as a coach states it (no strength / no jumps or load
# increases for this many days after the race). The domain's own table wins when present.
OWN_RECOVERY = {"5k": (2, 4), "10k": (2, 4), "half": (3, 7), "marathon": (7, 14), "ultra": (10, 21)}


TAPER_WINDOW = 10  # days before a race: a taper, no leg-free session, no finisher


def recovery_days(kind: str) -> tuple[int, int]:
    return OWN_RECOVERY.get(
        kind, OWN_RECOVERY["ultra"] if kind.isdigit() and int(kind) > 42 else OWN_RECOVERY["marathon"]
    )


# --- runners ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """Something that happens in the runner's life, from ``week`` (0-based) on.

    kind: race (arg 5k/10k/half/marathon/ultra/KM), pain1 (arg "easier"/"plain": on an
    exercise with or without an easier variation), pain2 (two sessions in a row, then
    `pain clear` ``days`` later), ill (``days``), travel (bodyweight for ``days``), units
    (switch kg↔lb), level (arg the new level), shift (arg a new running week), unplanned
    (arg hard/long: a run on a declared rest or easy day, imported), block (arg the block
    length in weeks, from the start)."""

    kind: str
    week: int
    arg: str = ""
    days: int = 0


@dataclass(frozen=True)
class Runner:
    name: str
    level: str = "beginner"
    equipment: tuple[str, ...] = ("none",)
    dumbbells: tuple[float, ...] = ()  # owned, in the runner's unit
    kettlebells: tuple[float, ...] = ()
    minutes: int = 20
    target: int = 2
    units: str = "kg"
    week_start: str = "mon"
    runs: tuple[str, ...] = ("rest", "easy", "hard", "rest", "easy", "long", "rest")
    plyo_ready: bool = True
    behaviour: str = "exact"  # exact | overdo | underset | skip
    watch: bool = False  # imports every run
    finisher: bool = False  # does the 5-minute finisher when `today` offers it
    weeks_in_block: int = 12
    events: tuple[Event, ...] = ()
    start: date = date(2026, 1, 5)

    @property
    def exact(self) -> bool:
        """Does exactly what the plan says (life events aside): the guard must stay quiet."""
        return self.behaviour == "exact" and not any(e.kind in ("pain1", "pain2", "unplanned") for e in self.events)


B = ("rest", "easy", "hard", "rest", "easy", "long", "rest")  # long Saturday
SUN_LONG = ("easy", "hard", "rest", "easy", "rest", "easy", "long")
B2B_HARD = ("rest", "hard", "hard", "easy", "rest", "easy", "long")
ULTRA = ("rest", "easy", "hard", "rest", "easy", "long", "long")
BUSY = ("easy", "hard", "easy", "hard", "rest", "long", "easy")
SHIFT_A = ("hard", "rest", "easy", "rest", "hard", "rest", "long")
SHIFT_B = ("rest", "easy", "rest", "hard", "easy", "long", "rest")


def archetypes(weeks: int) -> list[Runner]:
    """At least 24 runners, each with its life."""
    w = max(weeks, 6)
    mid = w // 2
    late = max(4, w - 4)  # races after 4 weeks with the app at least (the taper keeps to what was done)
    out = [
        Runner("beginner-bodyweight-15", minutes=15, runs=B),
        Runner("beginner-bands-20-pain-easier", equipment=("bands",), events=(Event("pain1", 2, "easier"),)),
        Runner(
            "beginner-dumbbells-owned-kg-5k",
            equipment=("dumbbells",),
            dumbbells=(2, 4, 6, 8),
            runs=SUN_LONG,
            week_start="sun",
            events=(Event("race", late, "5k"),),
        ),
        Runner(
            "beginner-kettlebell-target3-underset",
            equipment=("kettlebell",),
            kettlebells=(8, 12, 16),
            target=3,
            behaviour="underset",
        ),
        Runner(
            "beginner-gym-lb-levelup", equipment=("gym",), units="lb", events=(Event("level", mid, "intermediate"),)
        ),
        Runner(
            "intermediate-bodyweight-10k-pain2",
            level="intermediate",
            runs=B,
            events=(Event("race", late, "10k"), Event("pain2", 2, "easier", days=12)),
        ),
        Runner(
            "intermediate-dumbbells-owned-half",
            level="intermediate",
            equipment=("dumbbells",),
            dumbbells=(4, 6, 8, 10, 12),
            target=3,
            events=(Event("race", late, "half"),),
        ),
        Runner(
            "intermediate-kettlebell-15-overdo",
            level="intermediate",
            equipment=("kettlebell",),
            kettlebells=(8, 12, 16, 20),
            minutes=15,
            behaviour="overdo",
            runs=SUN_LONG,
        ),
        Runner(
            "intermediate-gym-marathon-taper",
            level="intermediate",
            equipment=("gym",),
            target=3,
            runs=SUN_LONG,
            events=(Event("race", late, "marathon"),),
        ),
        Runner("intermediate-bands-b2b-hard", level="intermediate", equipment=("bands",), runs=B2B_HARD, target=3),
        Runner(
            "intermediate-dumbbells-lb-units-switch",
            level="intermediate",
            equipment=("dumbbells",),
            units="lb",
            dumbbells=(10, 15, 20, 25, 30),
            events=(Event("units", mid),),
        ),
        Runner(
            "intermediate-bodyweight-shift-work",
            level="intermediate",
            runs=SHIFT_A,
            target=3,
            events=(
                Event("shift", 2, ",".join(f"{d}={k}" for d, k in zip(WEEKDAYS, SHIFT_B))),
                Event("shift", 5, ",".join(f"{d}={k}" for d, k in zip(WEEKDAYS, SHIFT_A))),
            ),
        ),
        Runner(
            "intermediate-dumbbells-ill-21",
            level="intermediate",
            equipment=("dumbbells",),
            dumbbells=(4, 6, 8, 10),
            events=(Event("ill", 3, days=21),),
        ),
        Runner(
            "intermediate-gym-travel",
            level="intermediate",
            equipment=("gym",),
            target=3,
            events=(Event("travel", 3, days=14),),
        ),
        Runner(
            "intermediate-watch-unplanned-hard",
            level="intermediate",
            equipment=("dumbbells",),
            dumbbells=(6, 8, 10, 12),
            watch=True,
            events=(Event("unplanned", 3, "hard"), Event("unplanned", 6, "long")),
        ),
        Runner(
            "intermediate-pain-plain",
            level="intermediate",
            equipment=("kettlebell",),
            kettlebells=(8, 12, 16),
            events=(Event("pain1", 2, "plain"),),
        ),
        Runner(
            "intermediate-comeback-then-race",
            level="intermediate",
            equipment=("dumbbells",),
            dumbbells=(4, 6, 8, 10, 12),
            events=(Event("ill", 2, days=18), Event("race", late, "half")),
        ),
        Runner("intermediate-8-week-block", level="intermediate", equipment=("bands",), weeks_in_block=8),
        Runner(
            "advanced-gym-ultra-weekend",
            level="advanced",
            equipment=("gym",),
            target=3,
            runs=ULTRA,
            events=(Event("race", late, "ultra"),),
        ),
        Runner("advanced-bodyweight-15-skip", level="advanced", minutes=15, behaviour="skip", runs=BUSY),
        Runner(
            "advanced-dumbbells-marathon-pain2",
            level="advanced",
            equipment=("dumbbells",),
            dumbbells=(6, 8, 10, 12, 14, 16),
            runs=SUN_LONG,
            week_start="sun",
            events=(Event("pain2", 1, "easier", days=10), Event("race", late, "marathon")),
        ),
        Runner(
            "advanced-kettlebell-lb-overdo",
            level="advanced",
            equipment=("kettlebell",),
            units="lb",
            kettlebells=(18, 26, 35, 44),
            behaviour="overdo",
            target=3,
        ),
        Runner(
            "advanced-gym-watch-50km",
            level="advanced",
            equipment=("gym",),
            watch=True,
            runs=B,
            events=(Event("race", late, "50"),),
        ),
        Runner(
            "advanced-bands-ill-12-b2b",
            level="advanced",
            equipment=("bands",),
            runs=B2B_HARD,
            target=3,
            events=(Event("ill", mid, days=12),),
        ),
        Runner(
            "intermediate-to-advanced-gym",
            level="intermediate",
            equipment=("gym",),
            target=3,
            events=(Event("level", 2, "advanced"),),
        ),
        Runner("beginner-bodyweight-30-day-illness", minutes=15, events=(Event("ill", 2, days=30),)),
        Runner(
            "intermediate-dumbbells-kg-to-lb-travel",
            level="intermediate",
            equipment=("dumbbells",),
            dumbbells=(5, 7.5, 10, 12.5),
            events=(Event("units", 2), Event("travel", mid, days=14)),
        ),
        Runner(
            "advanced-gym-8-week-race",
            level="advanced",
            equipment=("gym",),
            weeks_in_block=8,
            runs=SUN_LONG,
            events=(Event("race", late, "10k"),),
        ),
        Runner(
            "advanced-gym-lb-sunday-week",
            level="advanced",
            equipment=("gym",),
            units="lb",
            week_start="sun",
            runs=SUN_LONG,
            target=3,
            events=(Event("pain1", 3, "easier"),),
        ),
        Runner(
            "intermediate-to-advanced-late-bodyweight",
            level="intermediate",
            target=3,
            runs=SUN_LONG,
            events=(Event("level", late, "advanced"),),
        ),
        Runner(
            "intermediate-b2b-then-new-shift",
            level="intermediate",
            equipment=("dumbbells",),
            dumbbells=(4, 6, 8, 10, 12),
            runs=("hard", "hard", "easy", "rest", "easy", "long", "rest"),
            events=(Event("shift", 3, "mon=rest,tue=easy,wed=rest,thu=easy,fri=hard,sat=rest,sun=long"),),
        ),
        Runner(
            "beginner-gym-lb-15-underset-two-pains",
            equipment=("gym",),
            minutes=15,
            target=3,
            units="lb",
            runs=("hard", "easy", "rest", "hard", "easy", "long", "rest"),
            behaviour="underset",
            events=(Event("pain2", 1, "plain", days=9), Event("pain2", 5, "plain", days=8)),
        ),
    ]
    return [
        replace(r, start=date(2026, 1, 5) + timedelta(days=7 * (i % 5)), finisher=r.name in FINISHERS)
        for i, r in enumerate(out)
    ]


# The archetypes who do the finisher when it is offered (the others let it be).
FINISHERS = frozenset(
    {
        "beginner-bodyweight-15",
        "beginner-dumbbells-owned-kg-5k",
        "intermediate-dumbbells-owned-half",
        "intermediate-gym-marathon-taper",
        "intermediate-bodyweight-shift-work",
        "intermediate-watch-unplanned-hard",
        "advanced-gym-ultra-weekend",
        "advanced-dumbbells-marathon-pain2",
        "advanced-gym-watch-50km",
        "advanced-bands-ill-12-b2b",
    }
)


def held_out_archetypes(weeks: int) -> list[Runner]:
    """Runners the planner was not tuned on (issue 23: "held-out runners check these figures
    too"): new combinations of level, equipment, minutes, target, unit and race. Only the
    slow test and ``--held-out`` run them."""
    w = max(weeks, 6)
    late = max(4, w - 4)
    return [
        Runner(
            "heldout-advanced-dumbbells-15-target3-half",
            level="advanced",
            equipment=("dumbbells",),
            dumbbells=(5, 7.5, 10, 12.5, 15, 17.5, 20),
            minutes=15,
            target=3,
            finisher=True,
            events=(Event("race", late, "half"),),
            start=date(2026, 2, 2),
        ),
        Runner(
            "heldout-beginner-lb-target3-marathon",
            equipment=("dumbbells",),
            dumbbells=(10, 15, 20, 25),
            units="lb",
            target=3,
            runs=SUN_LONG,
            week_start="sun",
            events=(Event("race", late, "marathon"),),
            start=date(2026, 3, 2),
        ),
        Runner(
            "heldout-intermediate-kettlebell-20-ultra-pain",
            level="intermediate",
            equipment=("kettlebell",),
            kettlebells=(12, 16, 20, 24),
            target=3,
            runs=ULTRA,
            finisher=True,
            events=(Event("pain1", 3, "easier"), Event("race", late, "ultra")),
            start=date(2026, 1, 12),
        ),
        Runner(
            "heldout-advanced-gym-lb-target3-watch-10k",
            level="advanced",
            equipment=("gym",),
            units="lb",
            target=3,
            watch=True,
            runs=("easy", "hard", "rest", "easy", "easy", "long", "rest"),
            finisher=True,
            events=(Event("unplanned", 2, "long"), Event("race", late, "10k")),
            start=date(2026, 4, 6),
        ),
    ]


def quick_archetypes() -> list[Runner]:
    names = (
        "beginner-bands-20-pain-easier",
        "intermediate-bodyweight-10k-pain2",
        "advanced-gym-ultra-weekend",
        "intermediate-watch-unplanned-hard",
        "intermediate-kettlebell-15-overdo",
    )
    return [r for r in archetypes(6) if r.name in names]


# --- what was shown and done --------------------------------------------------------------------


@dataclass
class Shown:
    day: date
    kind: str
    reason: str
    exercises: list[dict]
    notes: list[str]
    block_week: int
    block_weeks: int
    light: bool
    taper: bool
    comeback: int
    minutes: float
    profile_minutes: int
    profile_units: str
    finisher: list[dict] = field(default_factory=list)
    week_days: list[date] = field(default_factory=list)  # the week's full-session days, done and planned

    @property
    def items(self) -> list[dict]:
        """What the day asks for: the session's exercises, or the finisher's."""
        return self.finisher if self.kind == "finisher-only" else self.exercises


@dataclass
class Violation:
    invariant: str
    week: int
    day: date
    detail: str


INVARIANTS = {
    "no crash": "every call returns (no traceback)",
    "spacing": "no two full (leg) sessions in a row",
    "key runs": "no full session on, the day before or after a long run or race (or back-to-back key days)",
    "unplanned hard": "no full session the day after an imported unplanned hard run",
    "race recovery": "no strength 2/2/3/7/10 d after 5k/10k/half/marathon/ultra; no jumps or raises 4/4/7/14/21 d",
    "taper": "10 d before a race: only exercises of the last 21 d, loads ≤ last, no jumps",
    "light week": "no load or sets above the last normal prescription, ~half the sets, nothing new",
    "loads": "loads only from owned weights, in the runner's unit; none on bodyweight",
    "minutes": "estimated minutes ≤ the runner's minutes + 1",
    "pain: 2 marks": "after 2 marks in a row: the family and jumps out until cleared, referral on today/status",
    "pain: 1 mark": "after 1 leg mark: no jumps for 7 days",
    "pain: clear": "`pain clear` with the id the referral names works",
    "one per family": "no two exercises of one movement family in a session",
    "quiet guard": "a runner who follows the plan exactly gets no caution or warning",
    "block": "block week never above the block's weeks",
    "missed": "'X's session was missed' only when X was shown as a strength day and had none",
    "sentences": "'the day after/before the long run', 'full-body: …', 'room for one session', 'marked pain on X on D' only when true",
    "level up": "no bounding or hops in the first 4 weeks at advanced",
    "comeback": "the two weeks after 15+ days off: only exercises done before, no jumps",
    "profile": "the runner's real week is accepted by `profile --runs` (two long runs too)",
    "spares legs": "leg-free sessions and finishers hold only exercises that spare the legs (shins, feet, mobility aside)",
    "leg-free days": "leg-free/finisher never on or next to a key run, nor 10 d before a race to its recovery's end; "
    "leg-free: target 3+, 1 a week, full + leg-free ≤ target, never light/taper/comeback",
    "leg-free extra": "a full session planned that week stays planned after the leg-free one (it is the third)",
    "session kind": "the session opens in the mode today showed and the log keeps its kind",
}
# What may be in a session that spares the legs: no exercise that loads the legs, except these families.
SPARING_FAMILIES = frozenset({"tibialis", "foot", "ankle-mobility", "hip-mobility"})


def spares_legs(ex_id: str) -> bool:
    return not legs(ex_id) or family_of(ex_id) in SPARING_FAMILIES


PENDING: set[str] = set()


@dataclass
class Result:
    runner: Runner
    weeks: int
    violations: list[Violation] = field(default_factory=list)
    crashed: str = ""
    sessions: int = 0  # every kind
    leg_free: int = 0
    finishers: int = 0
    sets: int = 0
    warnings: list[str] = field(default_factory=list)
    trained: list[Shown] = field(default_factory=list)  # what was shown on each day trained (its .kind says which)
    levels: dict[date, str] = field(default_factory=dict)  # the runner's level on each day trained
    equipment: dict[date, tuple[str, ...]] = field(default_factory=dict)  # the profile's equipment each day trained
    # the program's figures (Sim.figures), per runner:
    stalls: dict[str, int] = field(default_factory=dict)  # main lift → longest run unchanged while hitting the top
    stall_where: dict[str, str] = field(default_factory=dict)  # main lift → where that run ended
    heavy_weeks: list[tuple[int, bool]] = field(default_factory=list)  # advanced weeks outside race windows etc.
    target3_weeks: list[tuple[date, int, bool, bool]] = field(default_factory=list)  # (week, sessions, leg-free, open)
    finisher_days: list[tuple[date, bool, str]] = field(default_factory=list)  # easy-run days free: offered? why not


class Sim:
    """One runner followed day by day."""

    def __init__(self, runner: Runner, weeks: int, folder: Path, verbose: bool = False, trace: bool = False):
        self.trace = trace
        self.r = runner
        self.weeks = weeks
        self.folder = folder
        self.verbose = verbose
        self.res = Result(runner, 0)
        self.first = runner.start
        self.last = runner.start + timedelta(days=7 * weeks - 1)
        self.shown: dict[date, Shown] = {}
        self.truth: dict[date, str] = {}  # what the runner really ran: rest/easy/hard/long/race
        self.intended: dict[date, tuple[str, ...]] = {}  # the running week the runner meant, each morning
        # sets logged per day with a session (any kind): exercise, reps, seconds, load_kg, unit, pain
        self.done: dict[date, list[dict]] = {}
        self.kinds: dict[date, str] = {}  # the kind of each day's session: strength | leg-free | finisher
        self.week_runs = runner.runs
        self.units = runner.units
        self.level = runner.level
        self.equipment = runner.equipment
        self.minutes = runner.minutes
        self.races: dict[date, str] = {}  # race day → distance kind
        self.ill: set[date] = set()
        self.unplanned: dict[date, str] = {}
        self.pain_marks: list[tuple[date, str, str]] = []  # (day, exercise, family)
        self.pain_plan: list[dict] = []  # pending pain events
        self.referred: dict[str, date] = {}  # family → day of the second mark (until cleared)
        self.groups: dict[str, frozenset[str]] = {}  # family of a first pain mark → what that pain concerns
        self.cleared: dict[str, date] = {}
        self.level_ups: list[tuple[date, str]] = []
        self.skip_count = 0
        self.watch_files = folder.parent / "watch"
        self._prepare_events()

    # --- events ---

    def _day_of(self, week: int, weekday: int = 0) -> date:
        return self.first + timedelta(days=7 * week + weekday)

    def _prepare_events(self) -> None:
        long_days = [i for i, k in enumerate(self.r.runs) if k == "long"] or [5]
        for e in self.r.events:
            if e.kind == "race":
                self.races[self._day_of(e.week, long_days[-1])] = e.arg
            elif e.kind == "ill":
                start = self._day_of(e.week, 1)
                self.ill |= {start + timedelta(days=i) for i in range(e.days)}
            elif e.kind == "unplanned":
                week = self.r.runs
                cands = [
                    i
                    for i, k in enumerate(week)
                    if k in ("rest", "easy")
                    and week[(i + 1) % 7] not in ("long",)
                    and week[(i - 1) % 7] not in ("long",)
                ]
                if cands:
                    self.unplanned[self._day_of(e.week, cands[len(cands) // 2])] = e.arg
            elif e.kind in ("pain1", "pain2"):
                self.pain_plan.append(
                    {"event": e, "from": self._day_of(e.week), "marks": 0, "family": None, "last": None}
                )

    def _cli(self, day: date, *args: str) -> tuple[int, str, str]:
        os.environ[service.ENV_TODAY] = day.isoformat()
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_run(
                [args[0], *args[1:], "--data-dir", str(self.folder)]
                if args[0] != "runs"
                else [*args, "--data-dir", str(self.folder)]
            )
        return code, out.getvalue(), err.getvalue()

    def _profile(self, day: date, *options: str) -> tuple[int, str]:
        code, _out, err = self._cli(day, "profile", *options)
        if code != 0 and self.verbose:
            print(f"  profile {' '.join(options)} -> {code}: {err.strip()}")
        return code, err.strip()

    def _runs_option(self, runs: tuple[str, ...]) -> str:
        return ",".join(f"{d}={k}" for d, k in zip(WEEKDAYS, runs))

    def _owned_option(self, weights: tuple[float, ...]) -> str:
        return ",".join(f"{w:g}" for w in weights) + self.r.units

    def setup(self) -> None:
        day = self.first
        opts = [
            "--level",
            self.r.level,
            "--equipment",
            ",".join(self.r.equipment),
            "--target",
            str(self.r.target),
            "--minutes",
            str(self.r.minutes),
            "--units",
            self.r.units,
            "--week-start",
            self.r.week_start,
            "--block-start",
            day.isoformat(),
            "--weeks",
            str(self.r.weeks_in_block),
            "--plyo-ready",
            "yes" if self.r.plyo_ready else "no",
        ]
        if self.r.dumbbells:
            opts += ["--weights", self._owned_option(self.r.dumbbells)]
        if self.r.kettlebells:
            opts += ["--kettlebells", self._owned_option(self.r.kettlebells)]
        code, err = self._profile(day, *opts)
        if code != 0:
            raise RuntimeError(f"profile refused: {err}")
        self._set_runs(day, self.r.runs)
        for race_day, kind in sorted(self.races.items()):
            self._add_race(day, race_day, kind)
        if self.races and race_api():  # the distances are kept as the runner gave them
            code, out, err = self._cli(day, "profile", "--json")
            kept = {date.fromisoformat(d): k for d, k in json.loads(out).get("race_distances", [])} if code == 0 else {}
            for race_day, kind in self.races.items():
                want = kind if not kind.isdigit() else ("ultra" if int(kind) > 42.5 else None)
                if race_day not in kept or (want and kept[race_day] != want):
                    self._violate("profile", day, f"race {race_day}:{kind} kept as {kept.get(race_day)!r}")

    def _set_runs(self, day: date, runs: tuple[str, ...]) -> None:
        self.week_runs = runs
        code, err = self._profile(day, "--runs", self._runs_option(runs))
        if code != 0:
            self._violate("profile", day, f"`profile --runs {self._runs_option(runs)}` refused: {err}")
            fallback = list(runs)
            longs = [i for i, k in enumerate(runs) if k == "long"]
            for i in longs[:-1]:
                fallback[i] = "hard"  # what the app suggests
            self._profile(day, "--runs", self._runs_option(tuple(fallback)))

    def _add_race(self, day: date, race_day: date, kind: str) -> None:
        if race_api():
            self._profile(day, "--race", f"{race_day.isoformat()}:{kind}")
        else:
            PENDING.add("race recovery")
            self._profile(day, "--race", race_day.isoformat())

    def morning_events(self, day: date) -> None:
        w = (day - self.first).days // 7
        monday_of_event = {e: self._day_of(e.week) for e in self.r.events}
        for e, when in monday_of_event.items():
            if e.kind == "level" and day == when + timedelta(days=2):
                old = self.level
                self.level = e.arg
                self._profile(day, "--level", e.arg)
                if self.r.plyo_ready:
                    self._profile(day, "--plyo-ready", "yes")
                if ("beginner", "intermediate", "advanced").index(e.arg) > (
                    "beginner",
                    "intermediate",
                    "advanced",
                ).index(old):
                    self.level_ups.append((day, e.arg))
            elif e.kind == "travel":
                if day == when + timedelta(days=3):
                    self.equipment = ("none",)
                    self._profile(day, "--equipment", "none")
                elif day == when + timedelta(days=3 + e.days):
                    self.equipment = self.r.equipment
                    self._profile(day, "--equipment", ",".join(self.r.equipment))
            elif e.kind == "units" and day == when + timedelta(days=1):
                self.units = "lb" if self.units == "kg" else "kg"
                self._profile(day, "--units", self.units)
            elif e.kind == "shift" and day == when + timedelta(days=2):
                runs = tuple(part.split("=")[1] for part in e.arg.split(","))
                self._set_runs(day, runs)
        del w
        # pain clear: the runner saw a physio ``days`` after the referral
        for p in self.pain_plan:
            e = p["event"]
            if e.kind == "pain2" and p["marks"] >= 2 and p.get("clear_on") == day:
                self._clear_pain(day, p)

    def _clear_pain(self, day: date, p: dict) -> None:
        fam = p["family"]
        notes = self.shown[max(d for d in self.shown if d < day)].notes if any(d < day for d in self.shown) else []
        ids = [n.split("pain clear ", 1)[1].split("`", 1)[0].strip() for n in notes if "pain clear " in n]
        if not ids:
            code, out, _ = self._cli(day, "pain", "--json")
            ids = [row["exercise"] for row in json.loads(out)["pain"]] if code == 0 else []
        ok = False
        for ex_id in ids:
            code, _, err = self._cli(day, "pain", "clear", ex_id)
            if code == 0:
                ok = True
            else:
                self._violate("pain: clear", day, f"`pain clear {ex_id}` refused: {err.strip()}")
        if not ok and ids:
            self._violate("pain: clear", day, f"nothing could be cleared for family {fam} (notes: {notes})")
        self.cleared[fam] = day
        self.referred.pop(fam, None)

    # --- the day ---

    def run_on(self, day: date) -> str:
        """What the runner means to run on ``day`` as of this morning (races and plans known)."""
        if day in self.races:
            return "race"
        if day in self.ill:
            return "rest"
        kind = self.week_runs[day.weekday()]
        if kind == "long" and any(
            0 <= (r - day).days <= 6 and r.isocalendar()[1] == day.isocalendar()[1] for r in self.races
        ):
            return "rest"  # the race is the week's long run
        return kind

    def day(self, day: date) -> None:
        self.morning_events(day)
        self.intended[day] = self.week_runs
        ill = day in self.ill
        plan = None
        if not ill:  # `runstrength today --json`, as a runner's shell greeting would ask
            code, out, err = self._cli(day, "today", "--json")
            if code != 0:
                raise RuntimeError(f"`today` failed ({code}): {err.strip()}")
            plan = json.loads(out)
            self._record(day, plan)
            if self.referred:
                code, out, err = self._cli(day, "status", "--json")
                if code != 0:
                    raise RuntimeError(f"`status` failed ({code}): {err.strip()}")
                notes = json.loads(out)["notes"]
                if not any("pain clear" in n for n in notes):
                    self._violate("pain: 2 marks", day, f"no referral in `status` notes: {notes}")
                if not any("pain clear" in n for n in self.shown[day].notes):
                    self._violate("pain: 2 marks", day, f"no referral in `today` notes: {self.shown[day].notes}")
        if plan is not None and plan["kind"] in ("strength", "leg-free") and not self._skips(day):
            self._train(day, plan["kind"])
        elif plan is not None and plan["kind"] == "finisher-only" and self.r.finisher and plan["finisher"]:
            self._train(day, "finisher")  # after the run, in real life: the order does not matter here
        # the run
        kind = self.unplanned.get(day) or self.run_on(day)
        self.truth[day] = kind
        if self.r.watch and kind != "rest":
            self._import_run(day, kind)

    def _skips(self, day: date) -> bool:
        if self.r.behaviour != "skip":
            return False
        self.skip_count += 1
        return self.skip_count % 3 == 0

    def _record(self, day: date, d: dict) -> None:
        self.shown[day] = Shown(
            day,
            d["kind"],
            d["reason"],
            d["exercises"],
            list(d["notes"]),
            d["block_week"],
            d["block_weeks"],
            d["light_week"],
            d["taper"],
            d["comeback_week"],
            d["estimated_minutes"],
            self.minutes,
            self.units,
            list(d.get("finisher") or []),
            [date.fromisoformat(x) for x in d.get("strength_days_this_week") or []],
        )

    def _start_load(self, ex_id: str) -> tuple[float, str] | None:
        """The runner's pick when the plan names no load for a weighted exercise."""
        ex = EXERCISES[ex_id]
        eq = set(ex["equipment"])
        if not eq or eq == {"bands"}:
            return None
        own = set(self.equipment)
        unit = self.units
        f = KG_PER_LB if self.r.units == "lb" else 1.0  # owned weights are in the runner's first unit
        if "dumbbells" in eq and "dumbbells" in own and self.r.dumbbells and "gym" not in own:
            return sorted(self.r.dumbbells)[min(1, len(self.r.dumbbells) - 1)] * f, unit
        if "kettlebell" in eq and "kettlebell" in own and self.r.kettlebells and "gym" not in own:
            return sorted(self.r.kettlebells)[min(1, len(self.r.kettlebells) - 1)] * f, unit
        if "gym" in own:
            if ex_id in ("back-squat", "trap-bar-deadlift"):
                return (40.0, "kg") if unit == "kg" else (95 * KG_PER_LB, "lb")
            return (10.0, "kg") if unit == "kg" else (20 * KG_PER_LB, "lb")
        if "dumbbells" in own & eq:
            return (8.0, "kg") if unit == "kg" else (15 * KG_PER_LB, "lb")
        if "kettlebell" in own & eq:
            return (8.0, "kg") if unit == "kg" else (18 * KG_PER_LB, "lb")
        return None  # a band: no load

    def full_days(self) -> list[date]:
        """The days of full (leg) sessions: the ones the spacing and key-run rules are about."""
        return sorted(d for d in self.done if self.kinds.get(d) == "strength")

    def _train(self, day: date, kind: str = "strength") -> None:
        """Do what today shows through the service's session: a full session, the leg-free
        one, or (``kind`` "finisher") the finisher after an easy run."""
        now = datetime.combine(day, datetime.min.time()) + timedelta(hours=18)
        stamp = [now]

        def clock() -> datetime:
            stamp[0] += timedelta(seconds=40)
            return stamp[0]

        warnings = []
        logged: list[dict] = []
        with Log(self.folder, write=True) as log:
            w = Workout(log, lambda: day, clock)
            w.load()
            warnings += list(w.session_warnings)
            if w.mode != ("finisher" if kind == "finisher" else "strength"):
                self._violate("session kind", day, f"today showed {kind}, the session opened in {w.mode} mode")
            # pain comes from the leg work of full sessions (the plan's pain events pick a leg exercise)
            pain_ex = self._pain_target(day, [it.plan.exercise for it in w.items]) if kind == "strength" else None
            items = list(w.items)
            for n, it in enumerate(items):
                p = it.plan
                sets = p.sets
                reps = p.reps[1] if p.reps else None
                seconds = p.seconds
                if self.r.behaviour == "overdo":
                    sets += 1
                    if reps is not None:
                        reps += 4
                    if seconds is not None:
                        seconds += 10
                if self.r.behaviour == "underset" and n == len(items) - 1 and sets > 1:
                    sets -= 1
                load = (p.suggested_load_kg, p.load_unit) if p.suggested_load_kg else None
                if load is None and p.suggested_load_kg is None:
                    load = self._start_load(p.exercise)
                for i in range(sets):
                    pain = p.exercise == pain_ex and i == sets - 1
                    _rec, warns = w.log(w.candidate(reps, seconds, load, None, pain, item=it))
                    warnings += warns
                    logged.append(
                        {
                            "exercise": p.exercise,
                            "reps": reps,
                            "seconds": seconds,
                            "load_kg": load[0] if load else None,
                            "unit": load[1] if load else None,
                            "pain": pain,
                        }
                    )
            record = w.finish(6, self.shown[day].minutes)
        if record is None or record.kind != kind:
            self._violate(
                "session kind", day, f"today showed {kind}, the log kept {record.kind if record else 'no session'}"
            )
        self.done[day] = logged
        self.kinds[day] = kind
        if self.trace:
            s = self.shown[day]
            marks = "".join(
                m for m, on in ((" light", s.light), (" taper", s.taper), (f" comeback {s.comeback}", s.comeback)) if on
            )
            print(
                f"  {day} {day:%a} {kind} block week {s.block_week}/{s.block_weeks}{marks} · {s.minutes:g} min: "
                + ", ".join(
                    f"{e['group']}{e['id']} {e['sets']}×"
                    + (f"{e['reps'][1]}" if e["reps"] else f"{e['seconds']}s")
                    + (f" @ {e['suggested_load']}" if e["suggested_load"] else "")
                    for e in s.items
                )
            )
            did = {(x["exercise"], x["load_kg"], x["unit"], x["pain"]) for x in logged}
            print(
                "      did: "
                + ", ".join(
                    f"{ex}{f' @ {kg:.4g} kg' if kg else ''}{' PAIN' if pain else ''}"
                    for ex, kg, _, pain in sorted(did, key=str)
                )
            )
        self.res.sessions += 1
        self.res.leg_free += kind == "leg-free"
        self.res.finishers += kind == "finisher"
        self.res.trained.append(self.shown[day])
        self.res.sets += len(logged)
        if pain_ex:
            self._marked(day, pain_ex)
        loud = [x for x in warnings if x.level in ("caution", "warning")]
        if loud and self.r.exact:
            self._violate("quiet guard", day, "; ".join(f"{x.code}: {x.message}" for x in loud))
        self.res.warnings += [x.code for x in loud]

    # --- pain ---

    def _pain_target(self, day: date, ids: list[str]) -> str | None:
        for p in self.pain_plan:
            e = p["event"]
            if day < p["from"] or p["marks"] >= (1 if e.kind == "pain1" else 2):
                continue
            if p["family"] is None:
                want_easier = e.arg == "easier"
                for ex_id in ids:
                    if ex_id in JUMPS or not legs(ex_id):
                        continue
                    has_easier = bool(EXERCISES[ex_id].get("easier"))
                    if has_easier == want_easier:
                        p["pick"] = ex_id
                        return ex_id
                return None
            same = [x for x in ids if x in self.groups[p["family"]]]
            if same:
                p["pick"] = same[0]
                return same[0]
            return None
        return None

    def _marked(self, day: date, ex_id: str) -> None:
        fam = family_of(ex_id)
        for p in self.pain_plan:
            if (
                p.get("pick") == ex_id
                and (p["family"] is None or ex_id in self.groups[p["family"]])
                and p["last"] != day
            ):
                fam = p["family"] = p["family"] or fam
                self.groups.setdefault(fam, pain_group(ex_id))
                p["marks"] += 1
                p["last"] = day
                if p["event"].kind == "pain2" and p["marks"] == 2:
                    self.referred[fam] = day
                    p["clear_on"] = day + timedelta(days=max(1, p["event"].days))
                break
        self.pain_marks.append((day, ex_id, fam))  # under the family of the pain it continues

    # --- runs from the watch ---

    def _import_run(self, day: date, kind: str) -> None:
        km, pace = {"easy": (8.0, 360), "hard": (10.0, 285), "long": (24.0, 370)}.get(kind, (10.0, 300))
        if kind == "race":
            arg = self.races.get(day, "10k")
            km = {"5k": 5.0, "10k": 10.0, "half": 21.1, "marathon": 42.2, "ultra": 50.0}.get(
                arg, float(arg) if arg.isdigit() else 10.0
            )
            pace = 300 if km < 30 else 390
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=7)
        seconds = km * pace
        self.watch_files.mkdir(parents=True, exist_ok=True)
        path = self.watch_files / f"{day.isoformat()}.gpx"
        path.write_text(gpx(start, km, seconds), encoding="utf-8")
        code, _, err = self._cli(day, "runs", "import", str(path))
        if code != 0:
            raise RuntimeError(f"runs import failed: {err.strip()}")
        # the runner reads the week and corrects what the app read wrongly
        code, out, _ = self._cli(day, "runs", "--weeks", "1", "--json")
        for run in json.loads(out)["runs"]:
            d = date.fromisoformat(run["date"])
            want = self.truth.get(d, kind if d == day else None)
            if want in ("easy", "hard", "long") and run["kind"] != want:
                self._cli(day, "runs", "set", d.isoformat(), "--kind", want)

    # --- checks -----------------------------------------------------------------------------

    def _violate(self, invariant: str, day: date, detail: str) -> None:
        week = (day - self.first).days // 7
        self.res.violations.append(Violation(invariant, week, day, detail))
        if self.verbose:
            print(f"  VIOLATION {invariant} {day} (week {week + 1}): {detail}")

    def known(self, on: date, day: date) -> str:
        """The run of ``day`` as the runner had told the app by the morning of ``on``: for a
        past day, what the watch recorded (a runner with a watch) or what the running week
        said on that day (an illness without a watch goes untold); from ``on``, what is meant."""
        if day < self.first:  # before the runner started with the app: the week as first declared
            return self.r.runs[day.weekday()]
        if day < on:
            return self.truth.get(day, "rest") if self.r.watch or day in self.races else self.known(day, day)
        if day in self.races:
            return "race"
        runs = self.intended.get(on, self.week_runs)
        kind = runs[day.weekday()]
        if kind == "long" and any(
            0 <= (r - day).days <= 6 and r.isocalendar()[1] == day.isocalendar()[1] for r in self.races
        ):
            return "rest"
        return kind

    def key(self, on: date, day: date) -> bool:
        k = self.known(on, day)
        if k in ("long", "race"):
            return True
        if k == "hard":
            return self.known(on, day - timedelta(days=1)) in ("hard", "long") or self.known(
                on, day + timedelta(days=1)
            ) in ("hard", "long")
        return False

    def check(self) -> None:
        days = self.full_days()
        strength_days = set(days)
        one = timedelta(days=1)
        for d in days:
            if d - one in strength_days:
                self._violate("spacing", d, f"strength on {d - one} and {d}")
            for other in (d - one, d, d + one):
                if self.key(d, other):
                    self._violate(
                        "key runs",
                        d,
                        f"strength on {d:%a %d %b} next to {self.known(d, other)} on {other:%a %d %b} "
                        f"(week: {self._runs_option(self.intended.get(d, self.week_runs))})",
                    )
                    break
            if self.truth.get(d - one) == "hard" and self.unplanned.get(d - one) == "hard":
                self._violate("unplanned hard", d, f"strength the day after the unplanned hard run of {d - one}")
        self._check_sessions()
        self._check_sparing()
        self._check_sentences()
        self._check_patterns_and_notes()
        self._check_races()

    def _last_load(self, ex_id: str, before: date) -> float | None:
        for d in sorted((x for x in self.done if x < before), reverse=True):
            loads = [s["load_kg"] for s in self.done[d] if s["exercise"] == ex_id and s["load_kg"]]
            if loads:
                return max(loads)
        return None

    def _done_since(self, ex_id: str, first: date, before: date) -> bool:
        return any(first <= d < before and any(s["exercise"] == ex_id for s in sets) for d, sets in self.done.items())

    def _check_sessions(self) -> None:
        session_days = sorted(self.done)
        breaks: list[date] = []  # first day back after 15+ days without strength
        for a, b in zip(session_days, session_days[1:]):
            if (b - a).days >= 15:
                breaks.append(b)
        ups = list(self.level_ups)
        if self.r.level == "advanced":
            ups.append((self.first, "advanced"))
        for d in session_days:
            s = self.shown[d]
            full = self.kinds.get(d) == "strength"
            ids = [e["id"] for e in s.items]
            # minutes
            if s.minutes > s.profile_minutes + 1:
                self._violate("minutes", d, f"about {s.minutes:g} min for a {s.profile_minutes}-minute runner")
            # families
            fams: dict[str, list[str]] = defaultdict(list)
            for x in ids:
                fams[family_of(x)].append(x)
            for fam, members in fams.items():
                if len(members) > 1:
                    self._violate("one per family", d, f"{fam}: {', '.join(members)}")
            # loads
            for e in s.items:
                self._check_load(d, e, s)
            # block
            if s.block_week > s.block_weeks:
                self._violate("block", d, f"block week {s.block_week} of {s.block_weeks}")
            self._check_pain(d, s, ids, session_days)
            if not full:  # the leg-free session and the finisher: their own rules (_check_sparing)
                continue
            # light weeks
            if s.light:
                self._check_light(d, s)
            self._check_taper(d, s)
            self._check_level_up(d, ids, ups)
            self._check_comeback(d, ids, breaks)

    def _check_pain(self, d: date, s: Shown, ids: list[str], session_days: list[date]) -> None:
        """Pain: referred families and their jumps stay out; one mark eases the next session."""
        said: set[tuple[str, str]] = set()
        for m_day, ex_id, fam in sorted(self.pain_marks, reverse=True):  # the latest mark of a family speaks
            if m_day >= d or (fam, ex_id) in said:
                continue
            said.add((fam, ex_id))
            self._check_referred(d, ids, ex_id, fam, said)
            self._check_one_mark(d, s, ids, ex_id, fam, m_day, session_days)

    def _check_referred(self, d: date, ids: list[str], ex_id: str, fam: str, said: set[tuple[str, str]]) -> None:
        """Two marks in a row: the family (and, for legs, the jumps) stay out until cleared."""
        second = [p for p in self.pain_plan if p["family"] == fam and p["event"].kind == "pain2" and p["marks"] >= 2]
        referred_on = self.referred.get(fam) or next((p["last"] for p in second), None)
        cleared = self.cleared.get(fam)
        if (
            referred_on
            and referred_on < d
            and (cleared is None or d < cleared)
            and not any(f == fam for f, _ in said - {(fam, ex_id)})
        ):
            bad = [x for x in ids if x in self.group(fam)] + ([x for x in ids if x in JUMPS] if legs(ex_id) else [])
            if bad:
                self._violate("pain: 2 marks", d, f"{', '.join(bad)} while {fam} is referred (marks to {referred_on})")

    def _check_one_mark(
        self, d: date, s: Shown, ids: list[str], ex_id: str, fam: str, m_day: date, session_days: list[date]
    ) -> None:
        """One mark: the easier variation next time, no heavier, no jumps for a week."""
        nxt = next(
            (x for x in session_days if x > m_day and any(y["id"] in self.group(fam) for y in self.shown[x].items)),
            None,
        )
        second = any(
            p["family"] == fam and p["event"].kind == "pain2" and p["marks"] >= 2 and p["last"] == m_day
            for p in self.pain_plan
        )  # a second mark in a row: the family is out (checked above)
        cleared_since = self.cleared.get(fam) is not None and m_day <= self.cleared[fam] <= d
        if nxt == d and not second and not cleared_since:  # one mark: the easier variation next time, no heavier
            easier = EXERCISES.get(ex_id, {}).get("easier")
            if easier and ex_id in ids and self._can_do(easier, d):
                self._violate(
                    "pain: 1 mark",
                    d,
                    f"{ex_id} again in the first session after its pain mark of {m_day} (easier: {easier})",
                )
            marked = max((x["load_kg"] or 0.0 for x in self.done[m_day] if x["exercise"] == ex_id), default=0.0)
            for e in s.items:
                if e["id"] in self.group(fam) and marked and (e["suggested_load_kg"] or 0.0) > marked + 1e-6:
                    self._violate(
                        "pain: 1 mark",
                        d,
                        f"{e['id']} @ {e['suggested_load']}, heavier than on the pain mark of {m_day}",
                    )
        if legs(ex_id) and 0 < (d - m_day).days <= 7:
            jumps = [x for x in ids if x in JUMPS]
            if jumps:
                self._violate(
                    "pain: 1 mark", d, f"{', '.join(jumps)} {(d - m_day).days} d after a pain mark on {ex_id}"
                )

    def _check_taper(self, d: date, s: Shown) -> None:
        """The days before a race: no jumps, nothing new, no raised loads."""
        for race_day in self.races:
            if 1 <= (race_day - d).days <= 10:
                for e in s.exercises:
                    x = e["id"]
                    if x in JUMPS:
                        self._violate("taper", d, f"{x} (a jump) {(race_day - d).days} d before the race")
                    elif not self._done_since(x, d - timedelta(days=21), d) and not self._eased(x, d):
                        self._violate("taper", d, f"{x} is new {(race_day - d).days} d before the race")
                    last = self._last_load(x, d)
                    if e["suggested_load_kg"] and last and e["suggested_load_kg"] > last + 1e-6:
                        self._violate(
                            "taper",
                            d,
                            f"{x} raised to {e['suggested_load']} {(race_day - d).days} d before the race",
                        )

    def _check_level_up(self, d: date, ids: list[str], ups: list[tuple[date, str]]) -> None:
        """A move to advanced: no high jumps for four weeks."""
        for up_day, lv in ups:
            if lv == "advanced" and 0 <= (d - up_day).days < 28:
                high = [x for x in ids if x in HIGH_JUMPS]
                if high:
                    self._violate("level up", d, f"{', '.join(high)} {(d - up_day).days} d after the move to advanced")

    def _check_comeback(self, d: date, ids: list[str], breaks: list[date]) -> None:
        """Two weeks after a break: nothing new and no jumps."""
        for back in breaks:
            if 0 <= (d - back).days < 14:
                before = {x["exercise"] for dd, sets in self.done.items() if dd < back for x in sets}
                new = [x for x in ids if x not in before and not self._eased(x, d)]
                jumps = [x for x in ids if x in JUMPS]
                if new or jumps:
                    self._violate("comeback", d, f"new {new} / jumps {jumps} {(d - back).days} d after the return")

    def _check_load(self, d: date, e: dict, s: Shown) -> None:
        kg = e["suggested_load_kg"]
        if not kg:
            return
        ex = EXERCISES.get(e["id"], {})
        eq = set(ex.get("equipment", ()))
        profile_equipment = set(self.equipment_on(d))
        if profile_equipment <= {"none"} or (profile_equipment <= {"bands"} and eq != {"bands"}):
            self._violate("loads", d, f"{e['id']} @ {e['suggested_load']} with {','.join(profile_equipment)}")
            return
        if e.get("suggested_load") and not str(e["suggested_load"]).endswith(s.profile_units):
            self._violate("loads", d, f"{e['id']} @ {e['suggested_load']} for a runner in {s.profile_units}")
        f = KG_PER_LB if self.r.units == "lb" else 1.0
        gym = "gym" in profile_equipment
        owned: tuple[float, ...] = ()  # the tool a runner reaches for: dumbbells first, then a kettlebell
        if not gym and "dumbbells" in eq and "dumbbells" in profile_equipment:
            owned = tuple(w * f for w in self.r.dumbbells)
        elif not gym and "kettlebell" in eq and "kettlebell" in profile_equipment:
            owned = tuple(w * f for w in self.r.kettlebells)
        if owned:
            if not any(abs(kg - w) < 1e-3 for w in owned):
                self._violate(
                    "loads",
                    d,
                    f"{e['id']} @ {e['suggested_load']}: not a weight the runner owns "
                    f"({', '.join(f'{w:g}' for w in self.r.dumbbells or self.r.kettlebells)} {self.r.units})",
                )
            return
        in_unit = kg / KG_PER_LB if s.profile_units == "lb" else kg * 2
        if abs(in_unit - round(in_unit)) > 0.02:
            self._violate(
                "loads", d, f"{e['id']} @ {e['suggested_load']} ({kg:.3f} kg) is no step in {s.profile_units}"
            )

    def group(self, fam: str) -> frozenset[str]:
        return self.groups.get(fam) or frozenset(i for i in EXERCISES if family_of(i) == fam)

    def _eased(self, ex_id: str, d: date) -> bool:
        """Is this the easier variation of an exercise marked painful before ``d``? (Pain's
        stand-in may be new in a taper or a comeback: the safer choice wins.)"""
        return any(EXERCISES.get(ex, {}).get("easier") == ex_id for m_day, ex, _ in self.pain_marks if m_day < d)

    def _can_do(self, ex_id: str, d: date) -> bool:
        ex = EXERCISES.get(ex_id, {})
        need = set(ex.get("equipment", ()))
        have = set(self.equipment_on(d))
        levels = ("beginner", "intermediate", "advanced")
        level = self.level_on(d)
        return (not need or "gym" in have or bool(need & have)) and levels.index(
            ex.get("level", "beginner")
        ) <= levels.index(level)

    def level_on(self, d: date) -> str:
        level = self.r.level
        for e in self.r.events:
            if e.kind == "level" and self._day_of(e.week) + timedelta(days=2) <= d:
                level = e.arg
        return level

    def equipment_on(self, d: date) -> tuple[str, ...]:
        for e in self.r.events:
            if e.kind == "travel":
                on = self._day_of(e.week) + timedelta(days=3)
                if on <= d < on + timedelta(days=e.days):
                    return ("none",)
        return self.r.equipment

    def _check_light(self, d: date, s: Shown) -> None:
        normal_days = [
            x
            for x in sorted(self.shown)
            if x < d
            and self.kinds.get(x) in ("strength", "leg-free")  # the leg-free session's dose is a normal one too
            and not self.shown[x].light
            and not self.shown[x].taper
            and not self.shown[x].comeback
        ]
        total_normal = 0
        total_light = 0
        counted = 0
        slots = TEMPLATE_IDS.get(self.level_on(d), frozenset())
        for e in s.exercises:
            found = next(
                ((x, pe) for x in reversed(normal_days) for pe in self.shown[x].exercises if pe["id"] == e["id"]), None
            )
            last = found[1] if found else None
            if last is not None:  # the normal dose: the most sets prescribed in the normal weeks of the last 3 weeks
                recent = [
                    pe["sets"]
                    for x in normal_days
                    if (d - x).days <= 21
                    for pe in self.shown[x].exercises
                    if pe["id"] == e["id"]
                ]
                last = {**last, "sets": max([last["sets"], *recent])}
            if last is None:
                easier = [
                    pe["id"]
                    for x in normal_days
                    for pe in self.shown[x].exercises
                    if EXERCISES.get(pe["id"], {}).get("harder") == e["id"]
                ]
                standin = any(
                    e["id"] in EXERCISES.get(pe["id"], {}).get("alternatives", ()) and not self._can_do(pe["id"], d)
                    for x in normal_days
                    for pe in self.shown[x].exercises
                )
                standin = standin or any(e["id"] in EXERCISES.get(t, {}).get("alternatives", ()) for t in slots)
                if easier and not standin and e["id"] not in slots and not self._eased(e["id"], d):
                    # new is fine in a light week (a slot's stand-in, a template's own slot, pain's easier one); harder is not
                    self._violate("light week", d, f"{e['id']}, the harder variation of {easier[-1]}, in a light week")
                continue
            if found is not None and (d - found[0]).days <= 14:  # the half-the-sets sum: the weeks just before
                total_normal += last["sets"]
                total_light += e["sets"]
                counted += 1
            if e["sets"] > last["sets"]:
                self._violate(
                    "light week", d, f"{e['id']} {e['sets']} sets, above the {last['sets']} of the last normal week"
                )
            assert found is not None
            done = [x["load_kg"] for x in self.done[found[0]] if x["exercise"] == e["id"] and x["load_kg"]]
            ref = max([*done, last["suggested_load_kg"] or 0.0])
            if e["suggested_load_kg"] and ref and ref + 1e-6 < e["suggested_load_kg"]:
                self._violate(
                    "light week",
                    d,
                    f"{e['id']} @ {e['suggested_load']}, above the last normal week's {ref:g} kg ({found[0]})",
                )
        if total_normal and total_light > max(counted, math.ceil(0.6 * total_normal)):
            self._violate(
                "light week", d, f"{total_light} sets against {total_normal} prescribed in normal weeks: not a deload"
            )

    def _check_sentences(self) -> None:
        for d, s in sorted(self.shown.items()):
            if s.block_week > s.block_weeks:
                self._violate("block", d, f"today says block week {s.block_week} of {s.block_weeks}")
            if "session was missed" in s.reason:
                word = s.reason.split("'s session was missed", 1)[0].split()[-1]
                if word in DAY_WORDS:
                    wd = DAY_WORDS.index(word)
                    back = (d.weekday() - wd) % 7 or 7
                    x = d - timedelta(days=back)
                    seen = self.shown.get(x)
                    if seen is None or seen.kind != "strength" or x in self.done:
                        what = "not opened" if seen is None else seen.kind + (" (done)" if x in self.done else "")
                        self._violate("missed", d, f"'{word}'s session was missed' but {x} was {what}")
            if "the day after the long run" in s.reason and self.known(d, d - timedelta(days=1)) != "long":
                self._violate(
                    "sentences", d, f"'the day after the long run' after {self.known(d, d - timedelta(days=1))}"
                )
            if "the day before the long run" in s.reason and self.known(d, d + timedelta(days=1)) != "long":
                self._violate(
                    "sentences", d, f"'the day before the long run' before {self.known(d, d + timedelta(days=1))}"
                )

    def _check_patterns_and_notes(self) -> None:
        """The sentences that name what a session holds, a week's room or a pain mark."""
        names = {e["name"]: i for i, e in EXERCISES.items()}
        for d, s in sorted(self.shown.items()):
            if s.kind != "strength":
                continue
            fams = {family_of(e["id"]) for e in s.exercises}
            if "full-body: " in s.reason:
                said = s.reason.split("full-body: ", 1)[1].split(".", 1)[0]
                words = [w.strip() for part in said.split(", ") for w in part.split(" and ")]
                missing = [w for w in words if w in PATTERN_FAMILIES and not fams & PATTERN_FAMILIES[w]]
                if missing:
                    self._violate(
                        "sentences",
                        d,
                        f"'full-body: {said}' without {', '.join(missing)} ({', '.join(e['id'] for e in s.exercises)})",
                    )
            if "room for one session" in s.reason:
                start = d - timedelta(days=(d.weekday() - WEEKDAYS.index(self.r.week_start)) % 7)
                week = [start + timedelta(days=i) for i in range(7)]
                steady = len({self.intended.get(x) for x in week if x in self.intended}) <= 1 and not any(
                    x in self.unplanned for x in week
                )
                # the runner did what was shown (a skipped day comes back); full sessions only
                trained = [x for x in week if self.kinds.get(x) == "strength"]
                if steady and len(trained) > 1:
                    self._violate(
                        "sentences",
                        d,
                        f"'room for one session' in a week with {len(trained)} sessions "
                        f"({', '.join(f'{x:%a}' for x in trained)})",
                    )
            for e in s.exercises:
                note = e.get("note") or ""
                if "marked pain on " not in note:
                    continue
                rest = note.split("marked pain on ", 1)[1]
                name, _, when = rest.partition(" on ")
                when = when.split(";", 1)[0].strip()
                ex_id = names.get(name)
                ok = any(
                    m_ex == ex_id and (not when or f"{m_day.day} {m_day:%b}" == when) and m_day < d
                    for m_day, m_ex, _ in self.pain_marks
                )
                if not ok:
                    self._violate("sentences", d, f"{e['id']}: '{note}' but no such pain mark was logged")

    def week_of(self, d: date) -> date:
        """The first day of the runner's week holding ``d``."""
        return d - timedelta(days=(d.weekday() - WEEKDAYS.index(self.r.week_start)) % 7)

    def race_window(self) -> set[date]:
        """10 days before each race, the race and its recovery (no jumps, no raises)."""
        out: set[date] = set()
        for race_day, kind in self.races.items():
            out |= {race_day + timedelta(days=n) for n in range(-TAPER_WINDOW, recovery_days(kind)[1] + 1)}
        return out

    def near_key(self, d: date) -> date | None:
        """A key run on ``d``, the day before or the day after (as known that morning)."""
        return next((x for x in (d, d - timedelta(days=1), d + timedelta(days=1)) if self.key(d, x)), None)

    def _check_sparing(self) -> None:
        """The leg-free session and the finisher: what they hold and where they go."""
        self._check_sparing_shown()
        self._check_sparing_logged()
        self._check_leg_free_extra()
        self._check_leg_free_weeks()

    def _check_sparing_shown(self) -> None:
        """What the leg-free session and the finisher hold, and the days they are shown on."""
        window = self.race_window()
        for d, s in sorted(self.shown.items()):
            if s.kind not in ("leg-free", "finisher-only"):
                continue
            what = "leg-free session" if s.kind == "leg-free" else "finisher"
            heavy = [e["id"] for e in s.items if not spares_legs(e["id"])]
            if heavy:
                self._violate("spares legs", d, f"the {what} holds {', '.join(heavy)}")
            near = self.near_key(d)
            if near is not None:
                self._violate(
                    "leg-free days",
                    d,
                    f"{what} on {d:%a %d %b} next to {self.known(d, near)} on {near:%a %d %b} "
                    f"(week: {self._runs_option(self.intended.get(d, self.week_runs))})",
                )
            if d in window:
                race = min(self.races, key=lambda r: abs((r - d).days))
                self._violate("leg-free days", d, f"{what} {(d - race).days:+d} d from the {self.races[race]} race")
            if s.kind == "leg-free":
                marks = [
                    w for w, on in (("a lighter week", s.light), ("a taper", s.taper), ("a comeback", s.comeback)) if on
                ]
                if marks:
                    self._violate("leg-free days", d, f"leg-free session in {' and '.join(marks)}")
                if self.r.target < 3:
                    self._violate("leg-free days", d, f"leg-free session for a target of {self.r.target}")

    def _check_sparing_logged(self) -> None:
        """Nothing that loads the legs logged in a leg-free session or a finisher."""
        for d, sets in sorted(self.done.items()):
            if self.kinds[d] != "strength":
                heavy = sorted({x["exercise"] for x in sets if not spares_legs(x["exercise"])})
                if heavy:
                    self._violate("spares legs", d, f"{', '.join(heavy)} logged in a {self.kinds[d]} session")

    def _check_leg_free_extra(self) -> None:
        """The leg-free session is an extra: a full session the week's plan held on the
        morning of the leg-free one stays planned after it (while the running week does not
        change)."""
        for free in (d for d, k in self.kinds.items() if k == "leg-free"):
            before = [x for x in self.shown[free].week_days if x > free]
            end = self.week_of(free) + timedelta(days=6)
            for m in sorted(x for x in self.shown if free < x <= end):
                if (
                    self.intended.get(m) != self.intended.get(free)
                    or any(free <= x <= m for x in self.ill | set(self.unplanned))
                    or any(free < x < m and self.kinds.get(x) != "strength" and x in before for x in before)
                ):
                    break  # the week changed (or a planned day passed without its session): re-planned
                gone = [x for x in before if x >= m and x not in self.shown[m].week_days]
                if gone:
                    self._violate(
                        "leg-free extra",
                        m,
                        f"the leg-free session of {free:%a %d %b} took the place of the full session "
                        f"planned on {', '.join(f'{x:%a %d %b}' for x in gone)}",
                    )
                    break

    def _check_leg_free_weeks(self) -> None:
        """At most one leg-free session a week, and full + leg-free never above the target."""
        weeks: dict[date, list[date]] = defaultdict(list)
        for d, kind in self.kinds.items():
            if kind != "finisher":
                weeks[self.week_of(d)].append(d)
        for start, ds in sorted(weeks.items()):
            free = [d for d in ds if self.kinds[d] == "leg-free"]
            if len(free) > 1:
                self._violate("leg-free days", free[-1], f"{len(free)} leg-free sessions in the week of {start}")
            if free and len(ds) > self.r.target:
                self._violate(
                    "leg-free days",
                    free[-1],
                    f"{len(ds)} sessions (full and leg-free: {', '.join(f'{d:%a}' for d in sorted(ds))}) "
                    f"for a target of {self.r.target}",
                )

    def _check_races(self) -> None:
        if not race_api():
            return
        try:
            from runstrength_tui.domain.rules import RACE_RECOVERY
        except Exception:
            return
        for race_day, kind in self.races.items():
            rec = RACE_RECOVERY.get(kind) if isinstance(RACE_RECOVERY, dict) else None
            own = recovery_days(kind)
            rest = max(own[0], getattr(rec, "no_strength_days", 0) or 0)
            quiet = max(own[1], getattr(rec, "no_plyo_days", 0) or 0)
            for d in self.done:
                after = (d - race_day).days
                if 1 <= after <= rest and self.kinds.get(d) == "strength":
                    self._violate("race recovery", d, f"strength {after} d after a {kind} race")
                if 1 <= after <= quiet:
                    s = self.shown[d]
                    jumps = [e["id"] for e in s.exercises if e["id"] in JUMPS]
                    if jumps:
                        self._violate("race recovery", d, f"{', '.join(jumps)} {after} d after a {kind} race")
                    for e in s.exercises:  # a raise: above the last load and above anything before the race
                        last = self._last_load(e["id"], d)
                        before = max(
                            (
                                x["load_kg"] or 0.0
                                for dd, sets in self.done.items()
                                if dd < race_day
                                for x in sets
                                if x["exercise"] == e["id"]
                            ),
                            default=0.0,
                        )
                        kg = e["suggested_load_kg"]
                        if kg and last and kg > last + 1e-6 and kg > before + 1e-6:
                            self._violate(
                                "race recovery",
                                d,
                                f"{e['id']} raised to {e['suggested_load']} {after} d after a {kind} race",
                            )

    # --- the whole run ---

    def simulate(self) -> Result:
        day = self.first
        try:
            self.setup()
            while day <= self.last:
                self.day(day)
                self.res.weeks = (day - self.first).days // 7 + 1
                day += timedelta(days=1)
        except Exception as exc:
            tb = traceback.extract_tb(exc.__traceback__)
            where = next(
                (
                    f"{Path(f.filename).name}:{f.lineno} {f.name}"
                    for f in reversed(tb)
                    if "runstrength_tui" in f.filename
                ),
                "",
            )
            self.res.crashed = f"{day}: {type(exc).__name__}: {exc} [{where}]"
            self._violate("no crash", day, self.res.crashed)
            if self.verbose:
                traceback.print_exc()
        try:
            self.check()
            self.figures()
        except Exception as exc:  # a bug in the checks themselves: said, never hidden
            self.res.crashed += f" (checks: {type(exc).__name__}: {exc})"
            raise
        return self.res

    # --- the program's figures (issue 23) ---

    def figures(self) -> None:
        window = self.race_window()
        self.res.levels = {d: self.level_on(d) for d in self.done}
        self.res.equipment = {d: self.equipment_on(d) for d in self.done}
        self._stalls(window)
        # heavier work: advanced runner-weeks (from the block start) with a full session, none of
        # them in a lighter week, a taper, a comeback or a race window
        by_week: dict[int, list[date]] = defaultdict(list)
        for d in self.full_days():
            by_week[(d - self.first).days // 7].append(d)
        for w, ds in sorted(by_week.items()):
            shown = [self.shown[d] for d in ds]
            if any(self.level_on(d) != "advanced" for d in ds):
                continue
            if any(s.light or s.taper or s.comeback or s.day in window for s in shown):
                continue
            self.res.heavy_weeks.append((w, any(heavy(e) for s in shown for e in s.exercises)))
        # sessions a week for a runner asking for 3 with a weekly long run: the runner's own weeks,
        # whole ones; "open" when nothing keeps the third session away: no lighter week, taper,
        # comeback, race window or illness, and 3 days or more where no rule forbids a session
        # (no key run on the day, the day before or the day after)
        if self.r.target >= 3:
            start = self.week_of(self.first)
            start = start if start == self.first else start + timedelta(days=7)
            while start + timedelta(days=6) <= self.last:
                days = [start + timedelta(days=i) for i in range(7)]
                if "long" in self.intended.get(start, self.r.runs):
                    n = sum(1 for d in days if self.kinds.get(d) in ("strength", "leg-free"))
                    free = any(self.kinds.get(d) == "leg-free" for d in days)
                    shown = [self.shown[d] for d in days if d in self.shown]
                    closed = any(s.light or s.taper or s.comeback for s in shown) or any(
                        d in window or d in self.ill for d in days
                    )
                    closed = closed or sum(1 for d in days if self.near_key(d) is None) < 3
                    self.res.target3_weeks.append((start, n, free, not closed))
                start += timedelta(days=7)
        # the finisher: easy-run days without a session, away from key runs, race windows and the
        # day after an unplanned run
        for d, s in sorted(self.shown.items()):
            if self.known(d, d) != "easy" or s.kind in ("strength", "leg-free") or d in window:
                continue
            if self.near_key(d) is not None or d - timedelta(days=1) in self.unplanned:
                continue
            flags = "".join(
                f" ({w})" for w, on in (("light", s.light), ("taper", s.taper), ("comeback", s.comeback)) if on
            )
            self.res.finisher_days.append((d, s.kind == "finisher-only", f"{s.kind}{flags}: {s.reason}"))

    def _stalls(self, window: set[date]) -> None:
        """Each main lift's longest run of sessions with the same exercise, sets, reps and load
        while the runner hit the top every time. A session where the rules forbid progression
        (lighter week, taper, comeback, race recovery) or a pain mark on the lift ends a run."""
        state: dict[str, tuple[tuple, int]] = {}
        for d in self.full_days():
            s = self.shown[d]
            held = s.light or s.taper or s.comeback or d in window
            for e in s.exercises:
                if e.get("role") != "main":
                    continue
                ex = e["id"]
                if ex == "nordic-hamstring-curl" and tuple(e["reps"] or ()) == (6, 8):
                    continue  # the Nordic ramp's top, kept as its maintenance dose (docs/coaching.md)
                # a slower tempo at the top of the rep band is a change too (docs/coaching.md)
                dose = (
                    e["sets"],
                    tuple(e["reps"] or ()),
                    e["seconds"],
                    round(e["suggested_load_kg"] or 0.0, 2),
                    e.get("tempo"),
                )
                sets = [x for x in self.done[d] if x["exercise"] == ex]
                top = e["reps"][1] if e["reps"] else None
                hit = len(sets) >= e["sets"] and all(
                    not x["pain"]
                    and ((x["reps"] or 0) >= top if top is not None else (x["seconds"] or 0) >= (e["seconds"] or 0))
                    for x in sets
                )
                if held or not hit:
                    state.pop(ex, None)
                    continue
                n = state[ex][1] + 1 if ex in state and state[ex][0] == dose else 1
                state[ex] = (dose, n)
                if n > self.res.stalls.get(ex, 0):
                    self.res.stalls[ex] = n
                    self.res.stall_where[ex] = (
                        f"{d} ({d:%a}, week {(d - self.first).days // 7 + 1}): {e['sets']} × "
                        f"{'–'.join(map(str, e['reps'] or ())) or e['seconds']}"
                        + (f" @ {e['suggested_load']}" if e["suggested_load"] else "")
                    )


def loaded(e: dict, have: tuple[str, ...]) -> bool:
    """Does this exercise take a weight for a runner with ``have``? (Reps with dumbbells, a
    kettlebell or the gym's machines; a band takes none.)"""
    eq = set(EXERCISES.get(e["id"], {}).get("equipment", ()))
    weights = {"dumbbells", "kettlebell", "gym"} if "gym" in have else {"dumbbells", "kettlebell"} & set(have)
    return bool(e.get("reps")) and bool(eq & weights)


def heavy(e: dict) -> bool:
    """Heavier work (issue 23): a main lift of 3+ sets, 8 reps at most, 2 minutes' rest or more."""
    return (
        e.get("role") == "main"
        and bool(e["reps"])
        and e["reps"][1] <= 8
        and e["sets"] >= 3
        and max(e.get("rest_seconds") or 0, e.get("min_rest_seconds") or 0) >= 120
    )


def gpx(start: datetime, km: float, seconds: float, points: int = 30) -> str:
    """A plain GPX track due north at an even pace (times in UTC)."""
    rows = []
    for i in range(points + 1):
        f = i / points
        t = start + timedelta(seconds=seconds * f)
        rows.append(
            f'<trkpt lat="{52.0 + km * f / 111.195:.6f}" lon="13.000000"><ele>40</ele>'
            f"<time>{t.strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="coach_sim" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Run</name><type>running</type><trkseg>'
        + "".join(rows)
        + "</trkseg></trk></gpx>\n"
    )


def simulate(runner: Runner, weeks: int, verbose: bool = False, trace: bool = False) -> Result:
    """Follow ``runner`` for ``weeks`` weeks in a fresh data folder (removed after)."""
    base = Path(tempfile.mkdtemp(prefix="runstrength-sim-"))
    try:
        return Sim(runner, weeks, base / "data", verbose, trace).simulate()
    finally:
        shutil.rmtree(base, ignore_errors=True)
        os.environ.pop(service.ENV_TODAY, None)


def table(results: list[Result], elapsed: float) -> tuple[str, int]:
    by_inv: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for res in results:
        for v in res.violations:
            by_inv[v.invariant].add((res.runner.name, v.week))
    lines = [f"{'invariant':<16} {'violations':>10}  runners  rule"]
    total = 0
    for inv, words in INVARIANTS.items():
        n = len(by_inv.get(inv, ()))
        total += n
        runners = len({name for name, _ in by_inv.get(inv, ())})
        mark = (
            " (pending)" if inv in PENDING or (inv == "one per family" and not catalog_has_families() and False) else ""
        )
        lines.append(f"{inv:<16} {n:>10}  {runners:>7}  {words}{mark}")
    weeks = sum(r.weeks for r in results)
    lines.append("")
    lines.append(
        f"runner-weeks {weeks} · archetypes {len(results)} · sessions {sum(r.sessions for r in results)} · "
        f"sets {sum(r.sets for r in results)} · crashes {sum(1 for r in results if r.crashed)} · "
        f"elapsed {elapsed:.0f} s · families from {'the catalog' if catalog_has_families() else 'the sim (catalog has none yet)'}"
    )
    return "\n".join(lines), total


PROGRAM_GROUPS = {
    "calf (any)": {"calf", "soleus"},
    "soleus": {"soleus"},
    "hip abduction": {"hip-abduction"},
    "tibialis": {"tibialis"},
    "foot/balance": {"foot"},
    "anti-rotation": {"anti-rotation"},
}


@dataclass(frozen=True)
class Figure:
    """One of the program's figures with the issue's acceptance bound."""

    name: str
    value: str
    bound: str
    ok: bool
    details: tuple[str, ...] = ()  # where it fails (or misses), runner · day · what
    seen: bool = True  # False: the runners gave the figure nothing to count (it neither passes nor fails)

    @property
    def mark(self) -> str:
        return "n/a " if not self.seen else "PASS" if self.ok else "FAIL"


LEVELS = ("beginner", "intermediate", "advanced")
COVERAGE_BOUNDS = {
    "calf (any)": 0.95,
    "soleus": 0.80,
    "hip abduction": 0.80,
    "tibialis": 0.50,
    "foot/balance": 0.50,
    "anti-rotation": 0.50,
}
FINISHER_BOUND = 0.90  # the issue says "offered on easy-run days"; the sim asks 9 of 10 such days


def _pct(n: int, d: int) -> str:
    return f"{n} of {d} ({n / d:.0%})" if d else "0 of 0"


def program_figures(results: list[Result]) -> tuple[dict[str, dict[str, list[bool]]], list[Figure]]:
    """The program's figures (issue 23, "Acceptance"): coverage of each movement per trained
    runner-week by level (full and leg-free sessions), then the rest, each with its bound."""
    from statistics import median

    cover: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    per_session: dict[int, list[int]] = defaultdict(list)
    over: list[tuple[float, str]] = []
    sized = 0
    first_loaded = with_weight = with_effort = shown_ex = 0
    no_weight: list[str] = []
    missed: dict[str, list[str]] = defaultdict(list)  # movement → the runner-weeks without it
    for res in results:
        weeks: dict[tuple[int, str], set[str]] = defaultdict(set)
        seen: set[str] = set()
        for s in res.trained:
            if s.kind == "finisher-only":
                continue
            level = res.levels.get(s.day, res.runner.level)
            weeks[((s.day - res.runner.start).days // 7, level)] |= {family_of(e["id"]) for e in s.exercises}
            if s.kind == "strength":
                per_session[s.profile_minutes].append(len(s.exercises))
            sized += 1
            if s.minutes > s.profile_minutes:
                over.append((s.minutes - s.profile_minutes, f"{res.runner.name} {s.day} {s.kind} {s.minutes:.1f} min"))
        for s in res.trained:
            for e in s.items:
                shown_ex += 1
                with_effort += bool(e.get("effort"))
                if e["id"] not in seen and loaded(e, res.equipment.get(s.day, res.runner.equipment)):
                    first_loaded += 1
                    with_weight += e.get("suggested_load") is not None
                    if e.get("suggested_load") is None:
                        no_weight.append(f"{res.runner.name} {s.day} {e['id']}")
                seen.add(e["id"])
        for (w, level), fams in sorted(weeks.items()):
            for name, group in PROGRAM_GROUPS.items():
                cover[level][name].append(bool(fams & group))
                if not fams & group:
                    missed[name].append(f"{res.runner.name} week {w + 1}")
    figs: list[Figure] = []
    for name, bound in COVERAGE_BOUNDS.items():
        shares = {lv: sum(cover[lv][name]) / len(cover[lv][name]) for lv in LEVELS if cover[lv][name]}
        worst = min(shares.values(), default=0.0)
        figs.append(
            Figure(
                f"coverage: {name}",
                ", ".join(f"{lv} {v:.0%}" for lv, v in shares.items())
                + (f" (without: {'; '.join(missed[name][:4])})" if worst < bound - 1e-9 else ""),
                f"≥ {bound:.0%} every level",
                worst >= bound - 1e-9,
            )
        )
    for minutes, bound in ((15, 4), (20, 5)):
        xs = per_session.get(minutes, [])
        figs.append(
            Figure(
                f"exercises per full session at {minutes} min",
                f"median {median(xs):g}, min {min(xs)}, max {max(xs)} ({len(xs)} sessions)" if xs else "no sessions",
                f"median ≥ {bound}",
                not xs or median(xs) >= bound,
                seen=bool(xs),
            )
        )
    worst_over = max(over, default=(0.0, ""))
    figs.append(
        Figure(
            "estimated minutes above the chosen (full and leg-free)",
            f"{len(over)} of {sized} sessions over"
            + (f"; most: +{worst_over[0]:.1f} min ({worst_over[1]})" if over else ""),
            "never",
            not over,
        )
    )
    stalls = [(n, res.runner.name, ex, res.stall_where[ex]) for res in results for ex, n in res.stalls.items()]
    longest = max(stalls, default=(0, "", "", ""))
    stalled = sorted((x for x in stalls if x[0] > 3), reverse=True)
    figs.append(
        Figure(
            "longest stall of a main lift (sessions unchanged while hitting the top)",
            f"max {longest[0]}"
            + (f" ({longest[1]}: {longest[2]}, to {longest[3]})" if longest[0] else "")
            + f"; lifts stalled > 3: {len(stalled)} of {len(stalls)}",
            "≤ 3 sessions",
            not stalled,
            tuple(f"{name} · {ex} · {n} sessions, the last {where}" for n, name, ex, where in stalled),
        )
    )
    hw = [h for res in results for _, h in res.heavy_weeks]
    figs.append(
        Figure(
            "advanced weeks with heavier work (outside race windows, light weeks, comebacks)",
            _pct(sum(hw), len(hw)),
            "≥ 25 %",
            not hw or sum(hw) / len(hw) >= 0.25,
            seen=bool(hw),
        )
    )
    figs.append(
        Figure(
            "first loaded exercises with a starting weight",
            f"{with_weight} of {first_loaded}" + (f" (none: {'; '.join(no_weight[:3])})" if no_weight else ""),
            "all",
            with_weight == first_loaded,
        )
    )
    figs.append(Figure("exercises with an effort cue", f"{with_effort} of {shown_ex}", "all", with_effort == shown_ex))
    t3 = [w for res in results for w in res.target3_weeks]
    short = tuple(
        f"{res.runner.name} · week of {w[0]} · {w[1]} sessions{' (one leg-free)' if w[2] else ''}"
        for res in results
        for w in res.target3_weeks
        if w[3] and w[1] < 3
    )
    open_ = [w for w in t3 if w[3]]
    full3 = [w for w in open_ if w[1] >= 3]
    figs.append(
        Figure(
            "target-3 runners with a weekly long run: weeks with 3+ sessions",
            f"{_pct(len(full3), len(open_))} of the weeks open to a third session "
            f"({sum(1 for w in full3 if w[2])} with a leg-free one); all weeks: "
            f"{_pct(sum(1 for w in t3 if w[1] >= 3), len(t3))}",
            "≥ 50 %",
            not open_ or len(full3) / len(open_) >= 0.5,
            short,
            seen=bool(open_),
        )
    )
    fd = [offered for res in results for _, offered, _ in res.finisher_days]
    not_offered = tuple(
        f"{res.runner.name} · {d} ({d:%a}) · {why}"
        for res in results
        for d, offered, why in res.finisher_days
        if not offered
    )
    done = sum(res.finishers for res in results)
    figs.append(
        Figure(
            "finisher offered on easy-run days without a session",
            f"{_pct(sum(fd), len(fd))}; done {done} times by the runners who do it",
            f"offered (≥ {FINISHER_BOUND:.0%})",
            not fd or sum(fd) / len(fd) >= FINISHER_BOUND,
            not_offered,
            seen=bool(fd),
        )
    )
    return cover, figs


def program_table(results: list[Result], details: int = 3) -> str:
    """The program's figures (issue 23) as printed: coverage by level, then each figure with
    its acceptance bound and PASS/FAIL, and under it up to ``details`` cases it missed."""
    cover, figs = program_figures(results)
    lines = ["movement          " + "".join(f"{lv:>14}" for lv in LEVELS) + "   bound"]
    for name in PROGRAM_GROUPS:
        row = [cover[lv][name] for lv in LEVELS]
        lines.append(
            f"{name:<18}"
            + "".join(f"{(sum(r) / len(r) if r else 0):>14.0%}" for r in row)
            + f"   ≥ {COVERAGE_BOUNDS[name]:.0%}"
        )
    lines.append("runner-weeks trained: " + ", ".join(f"{lv} {len(cover[lv]['calf (any)'])}" for lv in LEVELS))
    lines.append("")
    for f in figs:
        lines.append(f"{f.mark}  {f.name}: {f.value}  [bound: {f.bound}]")
        lines += [f"        {x}" for x in f.details[:details]]
        if len(f.details) > details:
            lines.append(f"        … {len(f.details) - details} more")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--weeks", type=int, default=12, help="weeks per runner (12-16)")
    ap.add_argument("--quick", action="store_true", help="five archetypes, 6 weeks")
    ap.add_argument("--only", help="archetypes whose name holds this text")
    ap.add_argument("--held-out", action="store_true", help="add the held-out runners (issue 23)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each violation as it is found")
    ap.add_argument("--trace", action="store_true", help="print each session: what was shown and what was done")
    ap.add_argument("--details", type=int, default=3, help="violations listed per invariant (default 3)")
    args = ap.parse_args(argv)
    weeks = 6 if args.quick else args.weeks
    runners = quick_archetypes() if args.quick else archetypes(weeks)
    if args.held_out:
        runners += held_out_archetypes(weeks)
    if args.only:
        runners = [r for r in archetypes(weeks) + held_out_archetypes(weeks) if args.only in r.name]
    t0 = time.perf_counter()
    results = []
    for r in runners:
        t = time.perf_counter()
        res = simulate(r, weeks, verbose=args.verbose or args.trace, trace=args.trace)
        results.append(res)
        print(
            f"{r.name:<44} {res.weeks:>2} wk {res.sessions:>3} sessions {len(res.violations):>4} violations "
            f"{time.perf_counter() - t:5.1f} s{'  CRASH ' + res.crashed if res.crashed else ''}",
            flush=True,
        )
    text, total = table(results, time.perf_counter() - t0)
    print()
    print(text)
    print()
    print("The program (per trained runner-week, by level):")
    print(program_table(results, args.details))
    if total:
        print("\nExamples (runner · day · detail):")
        seen: dict[str, int] = defaultdict(int)
        for res in results:
            for v in res.violations:
                if seen[v.invariant] < args.details:
                    seen[v.invariant] += 1
                    print(f"  [{v.invariant}] {res.runner.name} · {v.day} ({v.day:%a}, week {v.week + 1}) · {v.detail}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
