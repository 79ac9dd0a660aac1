"""A throwaway data folder with a realistic 6-week history, for `runstrength --demo`.

The history is built by the real planner (the sessions an intermediate runner with
dumbbells would have been given), then "done" with small human variations: a missed
session, reps that reach the top of the range and earn a load step, session RPEs.
It never touches the real data folder.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..domain import plan
from ..domain.model import Profile, SessionRecord, SetRecord
from ..domain.weeks import week_start
from ..store.paths import cache_dir
from ..store.repo import Store, new_id
from .coach_inputs import catalog as shipped_catalog
from .coach_inputs import shipped_files

DEMO_WEEKS = 6
START_LOADS = {
    "goblet-squat": 12.0,
    "dumbbell-rdl": 14.0,
    "hip-thrust": 16.0,
    "dumbbell-step-up": 8.0,
    "dumbbell-reverse-lunge": 8.0,
    "single-arm-row": 10.0,
    "dumbbell-split-squat": 8.0,
    "weighted-calf-raise": 12.0,
    "kettlebell-deadlift": 16.0,
}


# The demo runner's week, starting from "today": so whatever the date, today is an off day
# with a strength session to show (and never the day after the long run).
WEEK_FROM_TODAY = ("rest", "easy", "hard", "rest", "easy", "long", "rest")


def demo_profile(today: date) -> Profile:
    runs = tuple(WEEK_FROM_TODAY[(d - today.weekday()) % 7] for d in range(7))
    return Profile(
        level="intermediate",
        equipment=("dumbbells", "bands"),
        target=2,
        minutes=20,
        units="kg",
        week_start="mon",
        runs=runs,
        block_start=week_start(today) - timedelta(weeks=DEMO_WEEKS),  # fill_demo starts there
        weeks=10,
        dumbbells=(4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0),
        plyo_ready=True,
    )


def fill_demo(store: Store, today: date, seed: int = 7) -> None:
    """Write the demo profile and history into an (empty) log: made-up history, written
    straight to the store (a runner's sets go through ``Log.log_checked``)."""
    rng = random.Random(seed)
    catalog = shipped_catalog()
    profile = demo_profile(today)
    store.save_profile(profile)
    sessions: list[SessionRecord] = []
    history: list[SetRecord] = []
    skipped = False
    programs = catalog.programs
    first = day = week_start(today) - timedelta(weeks=DEMO_WEEKS)  # the profile's block start
    while day < today:
        todays = plan.today_plan(day, profile, sessions, history, catalog, programs)
        items = todays.exercises if todays.kind in ("strength", "leg-free") else todays.finisher
        kind = todays.kind if todays.kind in ("strength", "leg-free") else "finisher"
        if todays.kind == "rest" or (kind == "finisher" and rng.random() < 0.6):
            day += timedelta(days=1)
            continue
        if kind == "strength" and (day - first).days >= 14 and not skipped:
            skipped = True  # life happens: one session missed
            day += timedelta(days=1)
            continue
        started = datetime.combine(day, time(18, 30)) + timedelta(minutes=rng.randint(-40, 60))
        session = store.start_session(day, started, kind=kind)
        clock = started
        for p in items:
            load = p.suggested_load_kg or START_LOADS.get(p.exercise)
            ex = catalog.get(p.exercise)
            if not ex.weighted:
                load = None
            for n in range(p.sets):
                clock += timedelta(seconds=p.work_seconds + p.rest)
                reps: int | None
                if p.seconds is not None or p.reps is None:
                    reps, seconds = None, p.seconds
                else:
                    top = p.reps[1]
                    reps, seconds = (top if rng.random() < 0.7 else max(p.reps[0], top - rng.randint(1, 3))), None
                record = SetRecord(
                    id=new_id(),
                    session=session.id,
                    exercise=p.exercise,
                    date=day,
                    logged_at=clock,
                    reps=reps,
                    seconds=seconds,
                    load_kg=load,
                    unit="kg",
                    rpe=rng.choice([6, 7, 7, 8]) if n == p.sets - 1 else None,
                    source="demo",
                )
                store.log_sets([record])
                history.append(record)
        minutes = round((clock - started).total_seconds() / 60, 1)
        done = store.finish_session(clock, rpe=rng.choice([6, 7, 7, 8]) if kind == "strength" else 5, minutes=minutes)
        if done is not None:
            sessions.append(done)
        day += timedelta(days=1)


def make_demo_dir(today: date) -> Path:
    """A fresh temporary data folder holding the demo; the caller removes it.

    Building the demo runs the planner day by day and writes ~150 sets (about a second on a
    busy machine): it is built once into the user's cache folder and copied from there. The
    cached copy is keyed by the date, the app's version and a hash of the shipped data and of
    the code that shapes it, so it is never stale; any trouble with the cache just means
    building it in place."""
    folder = Path(tempfile.mkdtemp(prefix="runstrength-demo-"))
    cached = _cached_demo(today)
    if cached is not None:
        try:
            shutil.copytree(cached, folder, ignore=shutil.ignore_patterns("*.lock"), dirs_exist_ok=True)
            return folder
        except OSError:  # a cache cleaned up under us: build it here instead
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(mode=0o700)
    with Store(folder) as store:
        fill_demo(store, today)
    return folder


def demo_key(today: date) -> str:
    """What the demo log depends on: the date, the version, the shipped data, the code
    (each file by its size and modification time, as ``store.checked`` stamps its checkers:
    a start does not read and hash every source file)."""
    from .. import __version__
    from ..store.digest import blake2b

    package = Path(__file__).resolve().parent.parent
    digest = blake2b(f"{__version__}|{today.isoformat()}".encode(), digest_size=8)
    sources = [*shipped_files(), Path(__file__)]
    for layer in ("domain", "store", "service"):
        sources += sorted((package / layer).glob("*.py"))
    for path in sources:
        st = path.stat()
        digest.update(f"{path.name}\0{st.st_size}:{st.st_mtime_ns}\0".encode())
    return f"{today.isoformat()}-{digest.hexdigest()}"


def _cached_demo(today: date) -> Path | None:
    """The cached demo folder for ``today`` (built now if missing), or None if the cache
    folder cannot be used."""
    try:
        root = cache_dir()
        target = root / f"demo-{demo_key(today)}"
        if (target / "runstrength.json").is_file():
            return target
        root.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".demo-building-", dir=root))
        try:
            with Store(building) as store:
                fill_demo(store, today)
            for lock in building.glob("*.lock"):
                lock.unlink()
            os.rename(building, target)  # whole or not at all; another process may have won
        except OSError:
            if not (target / "runstrength.json").is_file():
                raise
        finally:
            shutil.rmtree(building, ignore_errors=True)
        for old in root.glob("demo-*"):  # yesterday's (or an older version's) demo
            if old != target:
                shutil.rmtree(old, ignore_errors=True)
        return target
    except OSError:
        return None
