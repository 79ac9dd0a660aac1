"""Plain records shared by every layer: what a logged set and a session are.

Pure Python: no Textual, no TinyDB, no clock reads. Records convert to and from
the JSON dicts the store keeps, so the on-disk format is defined here once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime
from typing import Any, ClassVar

from .words import KG_PER_LB as KG_PER_LB  # one pound in kilograms
from .words import load_in_unit

LEVELS = ("beginner", "intermediate", "advanced")
EQUIPMENT = ("none", "bands", "dumbbells", "kettlebell", "gym")
KINDS = ("strength", "functional", "plyometric", "core", "mobility")
RUN_TYPES = ("rest", "easy", "hard", "long")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: A record as the store keeps it: a JSON object.
Doc = dict[str, Any]

SIGNALS = ("off", "bell", "sound")  # TuiSettings.signal
NOTIFY_MODES = ("off", "unfocused", "always")  # TuiSettings.notify


def _to_json(value: object) -> object:
    """A field value as JSON: dates as YYYY-MM-DD (times as ISO), tuples as lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_to_json(v) for v in value]
    return value


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class GuardWarning:
    """A note of the guard (:mod:`.guard`): a stable code, a level, what we noticed and
    what to do instead; ``exercise`` is empty for a note about a sitting or the week."""

    code: str
    level: str  # "info" | "caution" | "warning"
    message: str
    advice: str
    exercise: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "level": self.level,
            "message": self.message,
            "advice": self.advice,
            "exercise": self.exercise,
        }


@dataclass(frozen=True)
class SetRecord:
    """One logged set. ``reps`` or ``seconds`` is set (holds log seconds)."""

    id: str
    session: str
    exercise: str
    date: date
    logged_at: datetime
    reps: int | None = None
    seconds: int | None = None
    load_kg: float | None = None
    unit: str = "kg"
    rpe: int | None = None
    pain: bool = False
    note: str = ""
    source: str = "cli"
    edited_at: datetime | None = None
    warnings: tuple[str, ...] = ()  # guard codes shown when this set was logged

    @property
    def volume(self) -> int:
        """Reps, or hold seconds: the unit-free 'how much' of a set."""
        return (self.reps or 0) + (self.seconds or 0)

    @property
    def load_display(self) -> float | None:
        if self.load_kg is None:
            return None
        return load_in_unit(self.load_kg, self.unit)

    def to_doc(self) -> Doc:
        doc = asdict(self)
        doc["date"] = self.date.isoformat()
        doc["logged_at"] = self.logged_at.isoformat()
        doc["edited_at"] = self.edited_at.isoformat() if self.edited_at else None
        doc["warnings"] = list(self.warnings)
        return doc

    @classmethod
    def from_doc(cls, doc: Doc) -> SetRecord:
        return cls(
            id=str(doc["id"]),
            session=str(doc["session"]),
            exercise=str(doc["exercise"]),
            date=date.fromisoformat(doc["date"]),
            logged_at=datetime.fromisoformat(doc["logged_at"]),
            reps=doc.get("reps"),
            seconds=doc.get("seconds"),
            load_kg=doc.get("load_kg"),
            unit=doc.get("unit") or "kg",
            rpe=doc.get("rpe"),
            pain=bool(doc.get("pain", False)),
            note=doc.get("note") or "",
            source=doc.get("source") or "cli",
            edited_at=datetime.fromisoformat(doc["edited_at"]) if doc.get("edited_at") else None,
            warnings=tuple(doc.get("warnings") or ()),
        )

    def with_changes(self, **changes: Any) -> SetRecord:
        return replace(self, **changes)


@dataclass(frozen=True)
class SessionRecord:
    """One sitting. ``kind`` is 'strength', 'leg-free' (the short third session that spares
    the legs: it counts towards the target but not for the 48 hours between leg sessions)
    or 'finisher' (counts half, and spares the legs too)."""

    id: str
    date: date
    started_at: datetime
    kind: str = "strength"
    ended_at: datetime | None = None
    rpe: int | None = None
    minutes: float | None = None  # while open after a reopen: the minutes of the earlier stretches
    resumed_at: datetime | None = None  # reopened: when the stretch now running began

    def active_minutes(self, until: datetime) -> float:
        """The time the sitting ran up to ``until``: its earlier stretches (a saved and
        reopened sitting keeps its minutes) plus the one running since it (re)opened."""
        start = self.resumed_at or self.started_at
        return (self.minutes or 0.0) + max(0.0, (until - start).total_seconds()) / 60

    @property
    def loads_legs(self) -> bool:
        """A full session: the days around it keep the 48 hours between leg sessions."""
        return self.kind == "strength"

    @property
    def weight(self) -> float:
        """How much this sitting counts towards the weekly target."""
        return 0.5 if self.kind == "finisher" else 1.0

    def to_doc(self) -> Doc:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "started_at": self.started_at.isoformat(),
            "kind": self.kind,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "rpe": self.rpe,
            "minutes": self.minutes,
            **({"resumed_at": self.resumed_at.isoformat()} if self.resumed_at else {}),
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> SessionRecord:
        return cls(
            id=str(doc["id"]),
            date=date.fromisoformat(doc["date"]),
            started_at=datetime.fromisoformat(doc["started_at"]),
            kind=doc.get("kind") or "strength",
            ended_at=datetime.fromisoformat(doc["ended_at"]) if doc.get("ended_at") else None,
            rpe=doc.get("rpe"),
            minutes=doc.get("minutes"),
            resumed_at=datetime.fromisoformat(doc["resumed_at"]) if doc.get("resumed_at") else None,
        )

    def with_changes(self, **changes: Any) -> SessionRecord:
        return replace(self, **changes)


@dataclass(frozen=True)
class Profile:
    level: str = "beginner"
    equipment: tuple[str, ...] = ("none",)
    target: int = 2
    minutes: int = 20
    units: str = "kg"
    week_start: str = "mon"
    runs: tuple[str, ...] = ("rest", "easy", "hard", "rest", "easy", "long", "rest")
    block_start: date | None = None
    weeks: int = 10
    # (first week it applies to, sessions per week): so old weeks keep the target they had
    target_history: tuple[tuple[date, int], ...] = ()
    # (first day it applies to, the running week before that day's change): a change of
    # running week re-plans from its day on and never rewrites the days before it
    runs_history: tuple[tuple[date, tuple[str, ...]], ...] = ()
    races: tuple[date, ...] = ()  # race days: the plan tapers before each one
    # (race day, distance: 5k | 10k | half | marathon | ultra); a race not listed here is
    # taken as a half marathon (rules.DEFAULT_RACE_DISTANCE)
    race_distances: tuple[tuple[date, str], ...] = ()
    dumbbells: tuple[float, ...] = ()  # owned dumbbell weights, kg (empty: standard steps)
    kettlebells: tuple[float, ...] = ()  # owned kettlebell weights, kg
    # "yes" to every plyometric-readiness question (no leg pain, 30 s single-leg balance,
    # pain-free squats, lunges and single-leg half squats): jumps wait for it
    plyo_ready: bool = False
    # (day it changed, new level): a move up starts a few weeks back in the new dose
    level_history: tuple[tuple[date, str], ...] = ()
    # (exercise, day): pain marks on or before that day no longer keep it out of the plan
    pain_cleared: tuple[tuple[str, date], ...] = ()
    session_time: str = ""  # "18:30": when `plan --ics` puts sessions ("" = all-day events)

    def target_for_week(self, start: date) -> int:
        """The target of the week starting on ``start``, as the plan places it: the ``target``
        that applied then (``target_history``), beginners 2 at most. The one name for "the
        target" is ``target``: sessions a week (a finisher counts as half)."""
        from .rules import THRESHOLDS

        asked = self.asked_target_for_week(start)
        return min(asked, THRESHOLDS.beginner_max_sessions) if self.level == "beginner" else asked

    def race_distance(self, day: date) -> str | None:
        """The distance of the race on ``day`` as declared (None: not declared)."""
        for d, name in self.race_distances:
            if d == day:
                return name
        return None

    def level_changed_on(self) -> date | None:
        """The day the current level was taken up (any change, up or down)."""
        history = sorted(self.level_history)
        if len(history) < 2 or history[-1][1] != self.level:
            return None
        return history[-1][0]

    def moved_up_on(self) -> date | None:
        """The day the current level was taken up, when that was a move up a level."""
        history = sorted(self.level_history)
        if len(history) < 2 or history[-1][1] != self.level:
            return None
        (_, before), (day, now) = history[-2], history[-1]
        return day if before in LEVELS and level_rank(now) > level_rank(before) else None

    def with_level(self, level: str, day: date) -> Profile:
        """A level change: remembered with its day; jumps wait for the readiness questions."""
        if level == self.level:
            return self
        history = list(self.level_history) or [(self.block_start or day, self.level)]
        history.append((day, level))
        return replace(self, level=level, level_history=tuple(history), plyo_ready=False)

    def asked_target_for_week(self, start: date) -> int:
        """The target the runner had asked for the week starting on ``start``, before the
        beginners' cap (a beginner asking for 3 gets a leg-free third session)."""
        applicable = [t for since, t in sorted(self.target_history) if since <= start]
        if applicable:
            return applicable[-1]
        if self.target_history:
            return sorted(self.target_history)[0][1]
        return self.target

    @property
    def week_start_index(self) -> int:
        return WEEKDAYS.index(self.week_start)

    def run_on(self, day: date) -> str:
        """The run declared for ``day`` as it was declared then (``runs_history``)."""
        for since, runs in self.runs_history:
            if day < since:
                return runs[day.weekday()]
        return self.runs[day.weekday()]

    # Fields that are not plain JSON values say how to read them back; every other field
    # is read as stored (a list becomes a tuple). A document written before a field
    # existed gets the field's default. Adding a field: one line above, one line in
    # domain/schema.py PROFILE (and one here only if it holds dates).
    _DECODE: ClassVar[dict[str, Callable[[Any], object]]] = {
        "block_start": lambda v: date.fromisoformat(v) if v else None,
        "target_history": lambda v: tuple((date.fromisoformat(d), int(t)) for d, t in v),
        "runs_history": lambda v: tuple(sorted((date.fromisoformat(d), tuple(str(r) for r in runs)) for d, runs in v)),
        "races": lambda v: tuple(sorted(date.fromisoformat(d) for d in v)),
        "race_distances": lambda v: tuple(sorted((date.fromisoformat(d), str(k)) for d, k in v)),
        "dumbbells": lambda v: tuple(sorted(float(w) for w in v)),
        "kettlebells": lambda v: tuple(sorted(float(w) for w in v)),
        "level_history": lambda v: tuple((date.fromisoformat(d), str(lv)) for d, lv in v),
        "pain_cleared": lambda v: tuple((str(ex), date.fromisoformat(d)) for ex, d in v),
    }

    def to_doc(self) -> Doc:
        return {f.name: _to_json(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_doc(cls, doc: Doc) -> Profile:
        values: dict[str, Any] = {}  # each value decoded for its field
        for f in fields(cls):
            if f.name not in doc:
                continue
            value = doc[f.name]
            decode = cls._DECODE.get(f.name)
            if decode is not None:
                value = decode(value)
            elif isinstance(value, list):
                value = tuple(value)
            values[f.name] = value
        return cls(**values)

    def with_changes(self, **changes: Any) -> Profile:
        return replace(self, **changes)


@dataclass(frozen=True)
class TuiSettings:
    """The app's own settings: how the end of a timer is signalled, and the theme. Not the
    runner's profile (the planner and the guard never read them); the CLI ignores them.

    They are kept in the profile's document, beside its fields (a log from before they had
    their own record loads unchanged), and go with it into an export."""

    signal: str = "sound"  # the end of a timer: "off" | "bell" | "sound"
    notify: str = "unfocused"  # desktop notification: "off" | "unfocused" | "always"
    beeps: bool = False  # 3-2-1 beeps before a timer ends
    theme: str = ""  # the theme's name ("" = Textual's default)

    def to_doc(self) -> Doc:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: Doc | None) -> TuiSettings:
        """The settings kept in a profile document (defaults for those it lacks, or with none)."""
        return cls(**{f.name: doc[f.name] for f in fields(cls) if doc and f.name in doc})

    def with_changes(self, **changes: Any) -> TuiSettings:
        return replace(self, **changes)
