"""The program templates: which exercises each level's sessions hold, and the dose of each
block week (``data/programs.toml``), parsed and checked against the exercise catalog.

Pure parsing and validation of an already-read document: loading the shipped file is the
store's job (:mod:`runstrength_tui.store.shipped`). A broken template fails with a
:class:`CatalogError` naming the level, the session or week, and the slot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .catalog import Catalog, CatalogError
from .model import LEVELS

ROLES = ("main", "prehab", "accessory", "core", "power")


@dataclass(frozen=True)
class Slot:
    id: str
    kind: str
    role: str = "accessory"


@dataclass(frozen=True)
class WeekDose:
    sets: int
    reps: tuple[int, int]
    hold_sets: int
    hold: int
    variation: bool = False
    light: bool = False
    drop: int = 0
    heavy: bool = False  # advanced mid-block: the bilateral main lifts at 3 × 5–8


@dataclass(frozen=True)
class Template:
    level: str
    sessions: tuple[tuple[Slot, ...], ...]
    weeks: tuple[WeekDose, ...]
    full_body: tuple[Slot, ...] = ()


@dataclass(frozen=True)
class FinisherSlot:
    id: str
    reps: tuple[int, int] | None
    hold: int | None
    beginner: str | None


@dataclass(frozen=True)
class Programs:
    templates: dict[str, Template]
    finisher: tuple[FinisherSlot, ...]
    warmup: tuple[str, ...] = ()
    leg_free: tuple[Slot, ...] = ()  # the short third session that spares the legs


def _default_role(kind: str) -> str:
    return {"strength": "main", "plyometric": "power", "core": "core"}.get(kind, "accessory")


def parse_programs(raw: Mapping[str, Any], catalog: Catalog) -> Programs:
    """The templates of a parsed ``programs.toml``, every slot checked against ``catalog``."""

    def check_slot(where: str, ex_id: str, kind: str | None) -> None:
        if ex_id not in catalog:
            raise CatalogError(f"programs: {where}: {ex_id!r} is not in the exercise catalog")
        if kind is not None and catalog.get(ex_id).kind != kind:
            raise CatalogError(f"programs: {where}: {ex_id!r} is a {catalog.get(ex_id).kind} exercise, not {kind}")

    def slots(level: str, where: str, session: list[Any]) -> tuple[Slot, ...]:
        out = []
        for slot in session:
            if (
                not isinstance(slot, dict)
                or not isinstance(slot.get("id"), str)
                or not isinstance(slot.get("kind"), str)
            ):
                raise CatalogError(f"programs: {level} {where}: every slot needs an id and a kind, not {slot!r}")
            check_slot(f"{level} {where}", slot["id"], slot["kind"])
            role = slot.get("role", _default_role(slot["kind"]))
            if role not in ROLES:
                raise CatalogError(f"programs: {level} {where}: role must be one of {', '.join(ROLES)}, not {role!r}")
            out.append(Slot(slot["id"], slot["kind"], role))
        return tuple(out)

    templates = {}
    for level in LEVELS:
        doc = raw.get(level)
        if not isinstance(doc, dict):
            raise CatalogError(f"programs: no [{level}] template")
        sessions = [slots(level, f"session {n}", s) for n, s in enumerate(doc.get("sessions", []), start=1)]
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
                    heavy=bool(week.get("heavy", False)),
                )
            except (KeyError, TypeError, ValueError, IndexError):
                raise CatalogError(f"programs: {level} week {n}: needs sets, reps, hold_sets and hold") from None
            if not (1 <= dose.sets <= 3 and 1 <= dose.hold_sets <= 3 and 10 <= dose.reps[0] <= dose.reps[1] <= 20):
                raise CatalogError(f"programs: {level} week {n}: sets must be 1–3 and reps inside 10–20")
            if dose.heavy and dose.light:
                raise CatalogError(f"programs: {level} week {n}: a lighter week cannot be a heavier one")
            weeks.append(dose)
        if not sessions or len(weeks) != 12:
            raise CatalogError(f"programs: [{level}] needs sessions and exactly 12 weeks")
        full_body = slots(level, "full_body", doc.get("full_body", [])) if doc.get("full_body") else ()
        templates[level] = Template(level, tuple(sessions), tuple(weeks), full_body)
    finisher = []
    for slot in raw.get("finisher", {}).get("slots", []):
        if not isinstance(slot, dict) or not isinstance(slot.get("id"), str):
            raise CatalogError(f"programs: finisher: every slot needs an id, not {slot!r}")
        check_slot("finisher", slot["id"], slot.get("kind"))
        if slot.get("beginner"):
            check_slot("finisher", slot["beginner"], None)
        reps = (int(slot["reps"][0]), int(slot["reps"][1])) if "reps" in slot else None
        finisher.append(FinisherSlot(slot["id"], reps, slot.get("hold"), slot.get("beginner")))
    warmup = tuple(raw.get("warmup", {}).get("drills", []))
    for ex_id in warmup:
        check_slot("warmup", ex_id, None)
    leg_free = slots("leg_free", "slots", raw.get("leg_free", {}).get("slots", []))
    for ex_id in [s.id for s in leg_free] + [s.id for s in finisher] + [s.beginner for s in finisher if s.beginner]:
        if not catalog.spares_legs([ex_id]):
            raise CatalogError(f"programs: the leg-free session and the finisher must spare the legs, not {ex_id!r}")
    return Programs(templates, tuple(finisher), warmup, leg_free)
