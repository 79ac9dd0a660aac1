"""The rules of a profile change, one home for both front ends (Settings and
`runstrength profile`): what a change of level or weekly target means for the plan, which
race days are kept, what an equipment choice must be, how a race is written.

Pure: the caller passes ``day`` and the current profile; the service saves the result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from .model import Profile
from .rules import race_distance_name
from .validate import InputError
from .weeks import week_start


def default_profile(day: date) -> Profile:
    """The profile in use before the runner saves one: defaults, the block starting this week."""
    return Profile(block_start=week_start(day))


def changed_profile(profile: Profile, day: date, new: bool, changes: dict[str, Any]) -> Profile:
    """``profile`` with ``changes`` (field → value) made on ``day``.

    A new profile simply takes its level; a change of level is remembered with its day
    (the plan ramps, and jumps wait for the readiness questions: ``Profile.with_level``).
    A change of weekly target applies from this week on (the week as the changed profile
    starts it), so past weeks keep the target they had (``target_history``)."""
    changes = dict(changes)
    level = changes.pop("level", profile.level)
    target = changes.pop("target", profile.target)
    base = profile.with_changes(level=level) if new else profile.with_level(level, day)
    changed = base.with_changes(target=target, **changes)
    if not new and changed.runs != profile.runs and (profile.block_start is None or day > profile.block_start):
        # the days before ``day`` keep the week they were planned with (in date order: the
        # first change that comes after a day tells what that day's week was); a second
        # change on the same day keeps the week from before the first
        before = dict(profile.runs_history).get(day, profile.runs)
        kept = tuple((d, r) for d, r in profile.runs_history if d < day) + ((day, before),)
        changed = changed.with_changes(runs_history=kept)
    if target != profile.target:
        start = week_start(day, changed.week_start_index)
        history = list(profile.target_history) or [(profile.block_start or start, profile.target)]
        changed = changed.with_changes(
            target_history=tuple([(d, t) for d, t in history if d < start] + [(start, target)])
        )
    return changed


def parse_race_day(text: str) -> date:
    """'2026-12-06' → the date; InputError with a person's sentence otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"Race day must look like YYYY-MM-DD, not {text!r}.") from None


_DISTANCE_WORDS = {
    "5k": "5k",
    "5km": "5k",
    "10k": "10k",
    "10km": "10k",
    "half": "half",
    "half-marathon": "half",
    "hm": "half",
    "marathon": "marathon",
    "m": "marathon",
    "ultra": "ultra",
}


def parse_race(text: str) -> tuple[date, str | None]:
    """'2027-03-06' → (day, None); '2027-03-06:marathon' or '2027-03-06:50' (km) →
    (day, the row of rules.RACE_RECOVERY). InputError with a person's sentence otherwise."""
    raw = text.strip()
    day_text, sep, distance = raw.partition(":")
    day = parse_race_day(day_text)
    if not sep:
        return day, None
    word = distance.strip().lower().replace(" ", "")
    if word in _DISTANCE_WORDS:
        return day, _DISTANCE_WORDS[word]
    number = word.removesuffix("km")
    try:
        km = float(number)
    except ValueError:
        km = math.nan
    if not math.isfinite(km) or not 1 <= km <= 400:
        raise InputError(
            f"A race looks like YYYY-MM-DD or YYYY-MM-DD:DISTANCE (5k, 10k, half, marathon, ultra, "
            f"or km like 50), not {raw!r}."
        )
    return day, race_distance_name(km)


def parse_race_list(text: str) -> list[tuple[date, str | None]]:
    """'2026-12-06:10k, 2027-04-18' (or ';' between) → [(day, distance or None)], the one
    reading of a race list for Settings and `runstrength profile --race`."""
    return [parse_race(part) for part in (x.strip() for x in text.replace(";", ",").split(",")) if part]


def races_with_distances(
    profile_races: Iterable[date],
    distances: Iterable[tuple[date, str]],
    new: Iterable[tuple[date, str | None]],
    day: date,
) -> tuple[tuple[date, ...], tuple[tuple[date, str], ...]]:
    """The race days and their declared distances after adding ``new`` (a new distance
    for a day replaces the old one); days before yesterday are dropped."""
    known = dict(distances)
    added = list(new)
    for d, name in added:
        if name is not None:
            known[d] = name
    kept = race_days([*profile_races, *(d for d, _ in added)], day)
    return kept, tuple(sorted((d, name) for d, name in known.items() if d in kept))


def race_days(days: Iterable[date], day: date) -> tuple[date, ...]:
    """The race days a profile keeps on ``day``: once each, in order, none before yesterday."""
    return tuple(sorted(r for r in set(days) if r >= day - timedelta(days=1)))


def equipment_choice(items: Iterable[str]) -> tuple[str, ...]:
    """The equipment as chosen, once each; "none" (bodyweight) is dropped when anything
    else is chosen too. Empty when nothing was chosen (the caller says what to do)."""
    chosen = tuple(dict.fromkeys(items))
    if "none" in chosen and len(chosen) > 1:
        chosen = tuple(i for i in chosen if i != "none")
    return chosen
