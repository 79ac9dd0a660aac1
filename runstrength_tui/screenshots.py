"""Write the README's screenshots: the real app, the demo data, a pinned date, a frozen clock.

    python -m runstrength_tui.screenshots [OUT_DIR]    (default: screenshots/)
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

PINNED = date(2026, 11, 26)


class FrozenClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _now_factory():
    moment = [datetime.combine(PINNED, datetime.min.time()).replace(hour=18)]

    def now() -> datetime:
        moment[0] += timedelta(seconds=1)
        return moment[0]

    return now


async def _shoot(folder: Path, out: Path, name: str, size, steps) -> None:
    from .store.repo import Store
    from .ui.app import RunStrengthApp

    clock = FrozenClock()
    store = Store(folder)
    app = RunStrengthApp(store, clock=clock, today=lambda: PINNED, now=_now_factory(), demo=True)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot, clock)
            await pilot.pause(0.3)
            app.save_screenshot(filename=f"{name}.svg", path=str(out))
    finally:
        store.close()


def _press(*keys):
    async def steps(pilot, clock):
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()

    return steps


def _repaint_timers(pilot) -> None:
    from .ui.widgets.timer_panel import TimerPanel

    for panel in pilot.app.screen.query(TimerPanel):
        panel.refresh_view()
    pilot.app.workout_changed()


async def _rest(pilot, clock):
    await pilot.press("x", "enter", "enter")  # past the warm-up, log the first set
    await pilot.pause()
    clock.t += 12
    _repaint_timers(pilot)


async def _hold_focus(pilot, clock):
    app = pilot.app
    await pilot.press("x")  # past the warm-up
    app.workout.select(len(app.workout.items) - 1)
    app.workout_changed()
    await pilot.press("enter")
    clock.t += 5
    await pilot.pause(0.3)
    clock.t += 16.5
    await pilot.press("z")
    await pilot.pause()
    _repaint_timers(pilot)


async def _warning(pilot, clock):
    w = pilot.app.workout
    await pilot.press("x")  # past the warm-up
    w.select(next(i for i, it in enumerate(w.items) if it.plan.suggested_load_kg))
    pilot.app.workout_changed()
    await pilot.press("enter")
    await pilot.pause()
    pilot.app.screen.query_one("#load").value = "20kg"


async def _each_side(pilot, clock):
    w = pilot.app.workout
    await pilot.press("x")  # past the warm-up
    w.select(next(i for i, it in enumerate(w.items) if it.plan.per_side and it.is_hold))
    pilot.app.workout_changed()
    await pilot.press("enter")
    clock.t += 5
    await pilot.pause(0.3)
    clock.t += 12
    _repaint_timers(pilot)


SHOTS = [
    ("today", (100, 30), _press()),
    ("today-80x24", (80, 24), _press()),
    ("instructions", (100, 30), _press("i")),
    ("log-set", (100, 30), _press("x", "enter")),
    ("log-set-warning", (100, 30), _warning),
    ("rest-timer", (100, 30), _rest),
    ("week", (100, 30), _press("w")),
    ("history", (100, 30), _press("h")),
    ("library", (100, 30), _press("e")),
    ("settings", (100, 30), _press("o")),
    ("each-side-hold", (100, 30), _each_side),
    ("keys", (100, 30), _press("question_mark")),
]


def main(argv: list[str] | None = None) -> int:
    from .domain.model import Profile
    from .domain.weeks import week_start
    from .service.demo import fill_demo
    from .store.repo import Store

    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="runstrength-shots-"))
    try:
        demo = work / "demo"
        with Store(demo) as store:
            fill_demo(store, PINNED)
        for name, size, steps in SHOTS:
            folder = work / name
            shutil.copytree(demo, folder, ignore=shutil.ignore_patterns("*.lock"))
            asyncio.run(_shoot(folder, out, name, size, steps))
            print(f"wrote {out / (name + '.svg')}")
        beginner = work / "beginner"
        with Store(beginner) as store:
            store.save_profile(Profile(level="beginner", block_start=week_start(PINNED)))
        asyncio.run(_shoot(beginner, out, "hold-timer-focus", (100, 30), _hold_focus))
        print(f"wrote {out / 'hold-timer-focus.svg'}")
        fresh = work / "fresh"
        asyncio.run(_shoot(fresh, out, "onboarding", (100, 30), _press()))
        print(f"wrote {out / 'onboarding.svg'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
