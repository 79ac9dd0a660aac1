"""One setup for the pictures of the app: the README's screenshots (``screenshots.py``)
and the SVG snapshot tests (tests/ui) build their apps and scenes here.

A pinned date, a frozen monotonic clock, wall-clock stamps one second apart, real data
folders opened through the service: the same inputs give the same picture.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from .. import service
from ..domain.model import Profile
from ..domain.weeks import week_start
from .app import RunStrengthApp

PINNED = date(2026, 11, 26)  # a Thursday: a strength day in the demo's running week
NOW = datetime(2026, 11, 26, 18, 0)


class FakeClock:
    """A monotonic clock moved by hand (frozen unless advanced)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class SteppingNow:
    """Wall-clock stamps on the pinned day: one second later at every call (keeps set order)."""

    def __init__(self, start: datetime = NOW) -> None:
        self.t = start

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


def beginner_profile() -> Profile:
    return Profile(
        level="beginner",
        equipment=("none",),
        target=2,
        minutes=20,
        runs=("rest", "easy", "hard", "rest", "easy", "long", "rest"),
        block_start=week_start(PINNED),
        weeks=10,
    )


def make_demo(folder: Path) -> Path:
    """The demo runner's log (6 weeks of an intermediate runner) in ``folder``."""
    from ..service.demo import make_demo_dir

    built = make_demo_dir(PINNED)
    try:
        shutil.copytree(built, folder, ignore=shutil.ignore_patterns("*.lock"), dirs_exist_ok=True)
    finally:
        shutil.rmtree(built, ignore_errors=True)
    return folder


def make_beginner(folder: Path) -> Path:
    """A new beginner: a profile, no sessions yet."""
    with service.Log(folder) as logbook:
        logbook.save_profile(beginner_profile())
    return folder


def build_app(folder: Path, clock: Callable[[], float] | None = None, **kwargs: Any) -> RunStrengthApp:
    """The real app on a real data folder (its lock taken: ``app.logbook.close()`` after),
    on the pinned day, with a frozen clock unless one is given."""
    kwargs.setdefault("today", lambda: PINNED)
    kwargs.setdefault("now", SteppingNow())
    return RunStrengthApp(service.Log(folder), clock=clock or FakeClock(), **kwargs)


# --- scenes: what a picture presses before it is taken ----------------------------------------


def repaint_timers(pilot: Any, session_clock: bool = True) -> None:
    """Show the timers now, not at their next tick (and the session clock, which ticks once
    a second)."""
    from .widgets.timer_panel import TimerPanel

    for panel in pilot.app.screen.query(TimerPanel):
        panel.refresh_view()
    if session_clock:
        pilot.app.workout_changed()


async def superset_scene(pilot: Any, clock: FakeClock) -> None:
    """A1 of the first superset logged: no rest, A2 highlighted and named."""
    await pilot.press("enter", "enter")  # log A1's prescribed set: A2 comes straight after
    await pilot.pause()
    repaint_timers(pilot)
    await pilot.pause()


async def rest_scene(pilot: Any, clock: FakeClock) -> None:
    """A1 and A2 of the first superset logged: the pair's rest, 12 s in, naming A1's next set."""
    await pilot.press("enter", "enter")  # log A1's prescribed set: A2 comes straight after
    await pilot.pause()
    await pilot.press("enter", "enter")  # log A2's: the pair's rest starts by itself
    await pilot.pause()
    clock.advance(12)
    await pilot.pause(0.2)
    repaint_timers(pilot)
    await pilot.pause()


async def hold_focus_scene(pilot: Any, clock: FakeClock) -> None:
    """The last exercise (a beginner's plank): the 20 s hold in its last seconds, in focus mode."""
    app = pilot.app
    app.workout.select(len(app.workout.items) - 1)
    app.workout_changed()
    await pilot.press("enter")  # 5 s get-ready ...
    clock.advance(5)
    await pilot.pause(0.2)
    clock.advance(16.5)  # ... then the 20 s hold, in its last seconds
    await pilot.press("z")
    await pilot.pause(0.2)
    repaint_timers(pilot, session_clock=False)
    await pilot.pause()


async def each_side_scene(pilot: Any, clock: FakeClock) -> None:
    """An each-side hold: side 1 counts its own 40 s (12 s in), the whole hold in small print."""
    w = pilot.app.workout
    w.select(next(i for i, it in enumerate(w.items) if it.plan.per_side and it.is_hold))
    pilot.app.workout_changed()
    await pilot.press("enter")
    clock.advance(5)
    await pilot.pause(0.3)
    clock.advance(12)
    repaint_timers(pilot)
    await pilot.pause()


async def warning_scene(pilot: Any, clock: FakeClock) -> None:
    """The log-a-set dialog warning of a load jump before anything is saved."""
    w = pilot.app.workout
    w.select(next(i for i, it in enumerate(w.items) if it.plan.suggested_load_kg))  # done at 8 kg
    pilot.app.workout_changed()
    await pilot.press("enter")
    await pilot.pause()
    pilot.app.screen.query_one("#load").value = "20kg"
    await pilot.pause(0.1)
