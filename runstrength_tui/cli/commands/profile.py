"""`profile`: show the profile, or change it (every value checked before anything is written)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from ... import service
from ..parser import PROFILE_OPTIONS
from ..render import out, print_json, profile_text, readiness_text
from . import open_log

if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Sequence

    from ...domain.model import Profile

T = TypeVar("T", bound=str)


def _pick(value: str, allowed: Sequence[T], what: str) -> T:
    """The one of ``allowed`` that ``value`` names (any case); InputError otherwise."""
    from ...domain.validate import InputError

    value = value.strip().lower()
    for choice in allowed:
        if choice == value:
            return choice
    raise InputError(f"{what} must be one of {', '.join(allowed)}, not {value!r}.")


def _parse_profile_changes(args: Namespace, profile: Profile, day: date) -> dict[str, Any]:
    """The options given, checked and read against the current ``profile`` (a --race adds
    to its race days, --runs changes some of its days); InputError on the first bad one."""
    from ...domain import validate as v
    from ...domain.model import LEVELS
    from ...domain.profile import equipment_choice

    changes: dict[str, Any] = {}
    if args.level is not None:
        changes["level"] = _pick(args.level, LEVELS, "Level")
    if args.equipment is not None:
        items = equipment_choice(v.parse_equipment(e) for e in args.equipment.split(",") if e.strip())
        if not items:
            raise v.InputError("Equipment needs at least one of none, bands, dumbbells, kettlebell, gym.")
        changes["equipment"] = items
    if args.target is not None:
        changes["target"] = int(_pick(args.target, ("2", "3"), "Target"))
    if args.minutes is not None:
        changes["minutes"] = int(_pick(args.minutes, ("15", "20"), "Minutes"))
    if args.units is not None:
        changes["units"] = v.parse_units(args.units)
    if args.week_start is not None:
        changes["week_start"] = _pick(args.week_start, ("mon", "sun"), "Week start")
    if args.runs is not None:
        changes["runs"] = _runs_change(args.runs, profile)
    if args.block_start is not None:
        changes["block_start"] = v.parse_date(args.block_start, day, "Block start")
    if args.weeks is not None:
        changes["weeks"] = v.parse_whole(args.weeks, "Block length", 8, 12, " weeks")
    if args.race is not None:
        changes["races"], changes["race_distances"] = _races_change(args.race, profile, day)
    if args.session_time is not None:
        changes["session_time"] = v.parse_session_time(args.session_time)
    if args.plyo_ready is not None:
        changes["plyo_ready"] = _pick(args.plyo_ready, ("yes", "no"), "Plyo ready") == "yes"
    units = changes.get("units", profile.units)  # `--units lb --weights 10,15` means pounds
    changes.update(_weights_changes(args, units))
    return changes


def _runs_change(text: str, profile: Profile) -> tuple[str, ...]:
    """--runs mon=rest,tue=hard,...: the profile's running week with those days changed."""
    from ...domain.model import RUN_TYPES, WEEKDAYS
    from ...domain.validate import InputError

    runs = list(profile.runs)
    for part in text.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise InputError(f"Runs look like mon=rest,tue=hard,...; {part.strip()!r} has no '='.")
        key, value = (x.strip().lower() for x in part.split("=", 1))
        runs[WEEKDAYS.index(_pick(key, WEEKDAYS, "Day"))] = _pick(value, RUN_TYPES, f"Run type for {key}")
    return tuple(runs)


def _races_change(
    given: list[str], profile: Profile, day: date
) -> tuple[tuple[date, ...], tuple[tuple[date, str], ...]]:
    """--race (repeatable): the race days and distances with these added ('none' clears)."""
    from ...domain.profile import parse_race_list, races_with_distances

    if any(r.strip().lower() == "none" for r in given):
        return (), ()
    return races_with_distances(
        profile.races, profile.race_distances, [r for raw in given for r in parse_race_list(raw)], day
    )


def _weights_changes(args: Namespace, units: str) -> dict[str, tuple[float, ...]]:
    """--weights and --kettlebells, read in ``units``."""
    from ...domain import validate as v

    changes: dict[str, tuple[float, ...]] = {}
    for option, field in (("weights", "dumbbells"), ("kettlebells", "kettlebells")):
        raw = getattr(args, option)
        if raw is None:
            continue
        weights = v.parse_weights(raw, units, f"--{option}")
        if not weights and raw.strip().lower() != "none":
            raise v.InputError(f"--{option} needs weights like 4,6,8kg, or 'none'.")
        changes[field] = weights
    return changes


def cmd_profile(args: Namespace) -> int:
    day = service.today()
    changing = any(getattr(args, option[2:].replace("-", "_")) is not None for option in PROFILE_OPTIONS)
    with open_log(args, write=False) as log:
        existing = log.profile()
    profile = existing or service.default_profile(day)
    moved_up = False
    if changing:
        _parse_profile_changes(args, profile, day)  # bad values stop here, before anything is written
        with open_log(args, write=True) as log:  # read again under the lock, changed, saved
            existing, profile = log.change_profile(day, lambda current: _parse_profile_changes(args, current, day))
        moved_up = profile.level != (existing or service.default_profile(day)).level
    if args.json:
        print_json({**profile.to_doc(), "saved": existing is not None or changing})
    else:
        out(profile_text(profile))
        if existing is None and not changing:
            out(
                "\n(No profile saved yet: these are the defaults. Change them with the options in `runstrength profile --help`.)"
            )
        elif changing:
            out("\nSaved.")
        if changing and moved_up and profile.level != "beginner" and not profile.plyo_ready:
            out("\n" + readiness_text(profile.level))
    return 0
