"""Plain records shared by every layer: what a logged set and a session are.

Pure Python: no Textual, no TinyDB, no clock reads. Records convert to and from
the JSON dicts the store keeps, so the on-disk format is defined here once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, datetime

KG_PER_LB = 0.45359237

LEVELS = ("beginner", "intermediate", "advanced")
EQUIPMENT = ("none", "bands", "dumbbells", "kettlebell", "gym")
KINDS = ("strength", "functional", "plyometric", "core")
RUN_TYPES = ("rest", "easy", "hard", "long")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SIGNALS = ("off", "bell", "sound")  # Profile.signal
NOTIFY_MODES = ("off", "unfocused", "always")  # Profile.notify


def level_rank(level: str) -> int:
    return LEVELS.index(level)


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
        if self.unit == "lb":
            return round(self.load_kg / KG_PER_LB, 1)
        return round(self.load_kg, 2)

    def to_doc(self) -> dict:
        doc = asdict(self)
        doc["date"] = self.date.isoformat()
        doc["logged_at"] = self.logged_at.isoformat()
        doc["edited_at"] = self.edited_at.isoformat() if self.edited_at else None
        doc["warnings"] = list(self.warnings)
        return doc

    @classmethod
    def from_doc(cls, doc: dict) -> "SetRecord":
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

    def with_changes(self, **changes) -> "SetRecord":
        return replace(self, **changes)


@dataclass(frozen=True)
class SessionRecord:
    """One sitting. ``kind`` is 'strength' or 'finisher' (a finisher counts half)."""

    id: str
    date: date
    started_at: datetime
    kind: str = "strength"
    ended_at: datetime | None = None
    rpe: int | None = None
    minutes: float | None = None

    @property
    def weight(self) -> float:
        """How much this sitting counts towards the weekly target."""
        return 0.5 if self.kind == "finisher" else 1.0

    def to_doc(self) -> dict:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "started_at": self.started_at.isoformat(),
            "kind": self.kind,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "rpe": self.rpe,
            "minutes": self.minutes,
        }

    @classmethod
    def from_doc(cls, doc: dict) -> "SessionRecord":
        return cls(
            id=str(doc["id"]),
            date=date.fromisoformat(doc["date"]),
            started_at=datetime.fromisoformat(doc["started_at"]),
            kind=doc.get("kind") or "strength",
            ended_at=datetime.fromisoformat(doc["ended_at"]) if doc.get("ended_at") else None,
            rpe=doc.get("rpe"),
            minutes=doc.get("minutes"),
        )

    def with_changes(self, **changes) -> "SessionRecord":
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
    beeps: bool = False  # 3-2-1 beeps before a timer ends (TUI setting)
    signal: str = "sound"  # the end of a timer: "off" | "bell" | "sound" (TUI setting)
    notify: str = "unfocused"  # desktop notification: "off" | "unfocused" | "always" (TUI setting)
    theme: str = ""  # the TUI's theme name ("" = Textual's default)

    def target_for_week(self, start: date) -> int:
        """The weekly target that applied to the week starting on ``start``."""
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
        return self.runs[day.weekday()]

    def to_doc(self) -> dict:
        return {
            "level": self.level,
            "equipment": list(self.equipment),
            "target": self.target,
            "minutes": self.minutes,
            "units": self.units,
            "week_start": self.week_start,
            "runs": list(self.runs),
            "block_start": self.block_start.isoformat() if self.block_start else None,
            "weeks": self.weeks,
            "target_history": [[d.isoformat(), t] for d, t in self.target_history],
            "beeps": self.beeps,
            "signal": self.signal,
            "notify": self.notify,
            "theme": self.theme,
        }

    @classmethod
    def from_doc(cls, doc: dict) -> "Profile":
        return cls(
            level=doc.get("level", "beginner"),
            equipment=tuple(doc.get("equipment") or ("none",)),
            target=int(doc.get("target", 2)),
            minutes=int(doc.get("minutes", 20)),
            units=doc.get("units", "kg"),
            week_start=doc.get("week_start", "mon"),
            runs=tuple(doc.get("runs") or Profile.runs),
            block_start=date.fromisoformat(doc["block_start"]) if doc.get("block_start") else None,
            weeks=int(doc.get("weeks", 10)),
            target_history=tuple((date.fromisoformat(d), int(t)) for d, t in doc.get("target_history") or ()),
            beeps=bool(doc.get("beeps", False)),
            signal=doc.get("signal") if doc.get("signal") in SIGNALS else "sound",
            notify=doc.get("notify") if doc.get("notify") in NOTIFY_MODES else "unfocused",
            theme=str(doc.get("theme") or ""),
        )

    def with_changes(self, **changes) -> "Profile":
        return replace(self, **changes)
