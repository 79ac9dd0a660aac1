"""The rules of a profile change, one home for both front ends (Settings and
`runstrength profile`): what a change of level or weekly target means for the plan, which
race days are kept, what an equipment choice and a running week must be.

Pure: the caller passes ``day`` and the current profile; the service saves the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from .model import Profile
from .validate import InputError
from .weeks import week_start


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
    if target != profile.target:
        start = week_start(day, changed.week_start_index)
        history = list(profile.target_history) or [(profile.block_start or start, profile.target)]
        changed = changed.with_changes(target_history=tuple([(d, t) for d, t in history if d < start] + [(start, target)]))
    return changed


def parse_race_day(text: str) -> date:
    """'2026-12-06' → the date; InputError with a person's sentence otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"Race day must look like YYYY-MM-DD, not {text!r}.") from None


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


def check_running_week(runs: Iterable[str]) -> None:
    """The planner supports one long run a week."""
    if list(runs).count("long") > 1:
        raise InputError("Only one long run a week is supported; mark the other one as hard.")
