"""Write the README's screenshots: the real app, the demo data, a pinned date, a frozen clock.

python -m runstrength_tui.screenshots [OUT_DIR]    (default: screenshots/)
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .ui import scenes


async def _shoot(folder: Path, out: Path, name: str, size, steps) -> None:
    clock = scenes.FakeClock()
    app = scenes.build_app(folder, clock, demo=True)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot, clock)
            await pilot.pause(0.3)
            app.save_screenshot(filename=f"{name}.svg", path=str(out))
    finally:
        app.logbook.close()


def _press(*keys):
    async def steps(pilot, clock):
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()

    return steps


def _after_warmup(scene):
    """The scene, once x has skipped the warm-up step."""

    async def steps(pilot, clock):
        await pilot.press("x")
        await scene(pilot, clock)

    return steps


SHOTS = [
    ("today", (100, 30), _press()),
    ("today-80x24", (80, 24), _press()),
    ("instructions", (100, 30), _press("i")),
    ("log-set", (100, 30), _press("x", "enter")),
    ("log-set-warning", (100, 30), _after_warmup(scenes.warning_scene)),
    ("rest-timer", (100, 30), _after_warmup(scenes.rest_scene)),
    ("week", (120, 32), _press("w")),  # the two charts side by side
    ("history", (100, 30), _press("h")),
    ("library", (100, 30), _press("e")),
    ("settings", (100, 30), _press("o")),
    ("each-side-hold", (100, 30), _after_warmup(scenes.each_side_scene)),
    ("keys", (100, 30), _press("question_mark")),
]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="runstrength-shots-"))
    try:
        demo = scenes.make_demo(work / "demo")
        for name, size, steps in SHOTS:
            folder = work / name
            shutil.copytree(demo, folder, ignore=shutil.ignore_patterns("*.lock"))
            asyncio.run(_shoot(folder, out, name, size, steps))
            print(f"wrote {out / (name + '.svg')}")
        beginner = scenes.make_beginner(work / "beginner")
        asyncio.run(_shoot(beginner, out, "hold-timer-focus", (100, 30), _after_warmup(scenes.hold_focus_scene)))
        print(f"wrote {out / 'hold-timer-focus.svg'}")
        # the first start names its folder: shown as on Linux by default, not a temporary path
        fresh = work / ".local" / "share" / "runstrength"
        home = os.environ.get("HOME")
        os.environ["HOME"] = str(work)
        try:
            asyncio.run(_shoot(fresh, out, "onboarding", (100, 30), _press()))
        finally:
            if home is None:
                os.environ.pop("HOME", None)
            else:
                os.environ["HOME"] = home
        print(f"wrote {out / 'onboarding.svg'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
