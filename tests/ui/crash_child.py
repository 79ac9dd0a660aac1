"""Child process for the kill test: log sets through the real UI, then wait to be killed."""

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from helpers import make_app


async def main(folder: Path, sets: int) -> None:
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(sets):
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("k")
            await pilot.pause()
        print(f"LOGGED {app.workout.session.id} {app.workout.sets_done}", flush=True)
        await asyncio.sleep(120)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
