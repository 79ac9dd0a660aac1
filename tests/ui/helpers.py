"""Shared builders for the UI tests: pinned dates, a fake monotonic clock, real data dirs."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from runstrength_tui.domain.model import SetRecord
from runstrength_tui.domain.weeks import week_start
from runstrength_tui.store.repo import Store
from runstrength_tui.ui.app import RunStrengthApp
from runstrength_tui.ui.scenes import (  # noqa: F401 (the tests import them from here)
    NOW,
    PINNED,
    FakeClock,
    SteppingNow,
    beginner_profile,
    build_app,
    make_beginner,
    make_demo,
)
from runstrength_tui.ui.signals import Signals


class RecordingSignals(Signals):
    """The app's real signal object with its outputs recorded instead of played (there is
    no audio device or desktop in CI); ``audio=False`` acts as a machine without sound."""

    def __init__(self, audio: bool = True, desktop: bool = True) -> None:
        super().__init__(None)
        self.audio, self.desktop = audio, desktop
        self.calls: list[tuple] = []

    def bell(self) -> None:
        self.calls.append(("bell",))

    def chime(self) -> bool:
        self.calls.append(("chime", self.audio))
        return self.audio

    def notify(self, title: str, body: str) -> bool:
        self.calls.append(("notify", title, body))
        return self.desktop

    def set_title(self, text: str) -> None:
        self.calls.append(("title", text))

    def kinds(self) -> list[str]:
        return [c[0] for c in self.calls if c[0] != "title"]

    def titles(self) -> list[str]:
        return [c[1] for c in self.calls if c[0] == "title"]


async def wait_for(pilot, condition: Callable[[], object], limit: float = 60.0) -> None:
    """Let the app run (its ticks and messages) until ``condition()`` holds, instead of
    sleeping a guessed time: it returns as soon as the app gets there, however loaded the
    machine. ``limit`` (real seconds) only ends a hang, with a failure; it times nothing."""
    end = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < end, "the app never got there"
        await pilot.pause(0.01)
    await pilot.pause()


async def tick(pilot) -> None:
    """One tick of the app's timer backstop, now (what its interval calls): with a fake
    clock, what a tick would see after ``clock.advance``, without waiting for one."""
    pilot.app.timer_controller.tick()
    await pilot.pause()


def make_app(folder: Path, clock=None, warmed_up: bool = True, **kwargs) -> RunStrengthApp:
    """The real app on a real data folder (``scenes.build_app``), its signals recorded.
    ``warmed_up`` (the default) starts it with the warm-up step already skipped, as the x
    key does, so tests about sets begin at the first set; tests of the warm-up itself pass
    ``warmed_up=False``."""
    kwargs.setdefault("signals", RecordingSignals())
    app = build_app(folder, clock, **kwargs)
    if warmed_up:
        app.workout.skip_warmup()
    return app


def make_young_log(folder: Path) -> Path:
    """A beginner whose log is one week old: two sessions last week, one with guard notes
    (pain, a load jump) on its sets."""
    from datetime import timedelta

    from runstrength_tui.store.repo import new_id

    start = week_start(PINNED) - timedelta(days=7)
    with Store(folder) as store:
        store.save_profile(beginner_profile().with_changes(block_start=start))
        for offset, notes in ((0, ()), (3, ("pain", "load-jump"))):
            day = start + timedelta(days=offset)
            at = datetime.combine(day, NOW.time())
            session = store.start_session(day, at)
            for i, exercise in enumerate(("bodyweight-squat", "glute-bridge", "plank")):
                hold = exercise == "plank"
                store.log_set(
                    SetRecord(
                        id=new_id(),
                        session=session.id,
                        exercise=exercise,
                        date=day,
                        logged_at=at + timedelta(minutes=i + 1),
                        reps=None if hold else 12,
                        seconds=20 if hold else None,
                        pain=bool(notes) and i == 0,
                        warnings=notes if i == 0 else (),
                    )
                )
            store.finish_session(at + timedelta(minutes=16), rpe=6, minutes=16)
    return folder


def log_session(
    store: Store, day: date, exercises=("bodyweight-squat", "glute-bridge", "plank"), pain: tuple[str, ...] = ()
) -> None:
    """A finished session on ``day`` with three sets of each exercise (pain marks on the
    exercises named in ``pain``)."""
    from datetime import timedelta

    from runstrength_tui.store.repo import new_id

    at = datetime.combine(day, NOW.time())
    session = store.start_session(day, at)
    for i, exercise in enumerate(exercises):
        hold = exercise == "plank"
        for n in range(3):
            store.log_set(
                SetRecord(
                    id=new_id(),
                    session=session.id,
                    exercise=exercise,
                    date=day,
                    logged_at=at + timedelta(minutes=i * 3 + n + 1),
                    reps=None if hold else 12,
                    seconds=20 if hold else None,
                    pain=exercise in pain and n == 0,
                )
            )
    store.finish_session(at + timedelta(minutes=16), rpe=6, minutes=16)


def make_pain_log(folder: Path) -> Path:
    """A beginner with pain marks on the squat two sessions in a row: a referral."""
    from datetime import timedelta

    start = week_start(PINNED) - timedelta(days=14)
    with Store(folder) as store:
        store.save_profile(beginner_profile().with_changes(block_start=start))
        for offset in (0, 3, 7):
            log_session(store, start + timedelta(days=offset), pain=("bodyweight-squat",) if offset else ())
    return folder


def make_log(folder: Path, days_ago: tuple[int, ...], shown: dict[int, str] | None = None, **profile_changes) -> Path:
    """A beginner (with ``profile_changes``) who did a session on each of ``days_ago``
    (days before the pinned date); the block started the week of the first one. ``shown``:
    days ago → what Today showed that day (the plan ledger)."""
    from datetime import timedelta

    start = week_start(PINNED - timedelta(days=max(days_ago)))
    with Store(folder) as store:
        store.save_profile(beginner_profile().with_changes(block_start=start, **profile_changes))
        for ago in sorted(days_ago, reverse=True):
            log_session(store, PINNED - timedelta(days=ago))
        for ago, kind in (shown or {}).items():
            store.remember_shown(PINNED - timedelta(days=ago), kind)
    return folder


TAPER = dict(days_ago=(3, 7, 10, 14, 17, 21), races=(date(2026, 11, 30),))  # a race 4 days ahead
COMEBACK = dict(days_ago=(20, 24, 27, 31, 34))  # nothing for 20 days
MISSED = dict(days_ago=(7, 10, 14, 17, 21), shown={3: "strength"})  # Monday, shown as a session day, was missed


async def log_until_rest(pilot, limit: int = 4) -> int:
    """Log the prescribed sets (enter, enter) until a rest runs, and return its length: A1
    of a superset has no rest (A2 comes straight after), so a rest may take two sets."""
    app = pilot.app
    for _ in range(limit):
        await pilot.press("enter", "enter")
        await pilot.pause()
        active = app.timers.active
        if active is not None and active.kind == "rest":
            return round(active.countdown.duration)
    raise AssertionError("no rest started")
