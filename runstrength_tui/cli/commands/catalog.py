"""`exercises` (the catalog, filtered) and `show` (how to do one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import service
from ...domain.model import KINDS
from ...domain.validate import parse_equipment, resolve_exercise
from ..render import emit, exercise_text, out, print_json, width
from . import open_log, tell_clock

if TYPE_CHECKING:
    from argparse import Namespace

    from ...domain.catalog import Exercise


def exercise_json(e: Exercise) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "level": e.level,
        "equipment": list(e.equipment) or ["none"],
        "prescription": e.prescription_text,
        "legs": e.legs,
        "rest_seconds": e.rest,
        "min_rest_seconds": e.min_rest,
        "tempo": None if e.is_hold else e.tempo,
        "max_hold_seconds": e.longest_hold,
    }


def cmd_exercises(args: Namespace) -> int:
    equipment = parse_equipment(args.equipment) if args.equipment else None
    items = service.catalog().filter(args.kind, args.level, equipment)
    if args.json:
        print_json({"exercises": [exercise_json(e) for e in items]})
        return 0
    if not items:
        out("No exercise matches those filters.")
        return 0
    id_width = max(len(e.id) for e in items)
    for kind in KINDS:
        group = [e for e in items if e.kind == kind]
        if not group:
            continue
        out(f"{kind.upper()} ({len(group)})")
        for e in group:
            equipment = ", ".join(e.equipment) or "bodyweight"
            out(f"  {e.id:<{id_width}}  {e.prescription_text:<20} {e.level:<12} {equipment}")
        out()
    out("Details: runstrength show EXERCISE_ID")
    return 0


def cmd_show(args: Namespace) -> int:
    from dataclasses import asdict

    catalog = service.catalog()
    e = resolve_exercise(catalog, args.exercise)  # by id or name, in any case
    if args.history:
        from ...domain.story import exercise_story
        from ...service import data

        if data.has_log(args.data_dir_path):
            with open_log(args, write=False) as log:
                tell_clock(args, log)
                story = log.exercise_story(e.id)
        else:  # no log yet: an empty story, and no folder made
            story = exercise_story(e.id, e.name, [], "kg", e.is_hold)
        return emit(args, story, lambda s: "\n".join(s.lines(width())))
    return emit(args, e, lambda found: exercise_text(found, catalog, width()), data=asdict)
