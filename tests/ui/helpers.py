"""Shared builders for the UI tests: pinned dates, a fake monotonic clock, real data dirs."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from runstrength_tui.domain.model import Profile, SetRecord
from runstrength_tui.domain.weeks import week_start
from runstrength_tui.service.demo import fill_demo
from runstrength_tui.store.repo import Store
from runstrength_tui.ui.app import RunStrengthApp
from runstrength_tui.ui.signals import Signals

PINNED = date(2026, 11, 26)  # a Thursday: a strength day in the demo's running week
NOW = datetime(2026, 11, 26, 18, 0)


class FakeClock:
    """A monotonic clock the test moves by hand."""

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
        from datetime import timedelta

        self.t += timedelta(seconds=1)
        return self.t


def beginner_profile() -> Profile:
    return Profile(level="beginner", equipment=("none",), target=2, minutes=20,
                   runs=("rest", "easy", "hard", "rest", "easy", "long", "rest"),
                   block_start=week_start(PINNED), weeks=10)


def make_demo(folder: Path) -> Path:
    with Store(folder) as store:
        fill_demo(store, PINNED)
    return folder


def make_beginner(folder: Path) -> Path:
    with Store(folder) as store:
        store.save_profile(beginner_profile())
    return folder


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


def make_app(folder: Path, clock=None, warmed_up: bool = True, **kwargs) -> RunStrengthApp:
    """The real app on a real data folder. ``warmed_up`` (the default) starts it with the
    warm-up step already skipped, as the x key does, so tests about sets begin at the first
    set; tests of the warm-up itself pass ``warmed_up=False``."""
    store = Store(folder)
    kwargs.setdefault("signals", RecordingSignals())
    kwargs.setdefault("today", lambda: PINNED)
    app = RunStrengthApp(store, clock=clock or FakeClock(), now=SteppingNow(), **kwargs)
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
                store.log_set(SetRecord(id=new_id(), session=session.id, exercise=exercise, date=day,
                                        logged_at=at + timedelta(minutes=i + 1), reps=None if hold else 12,
                                        seconds=20 if hold else None, pain=bool(notes) and i == 0,
                                        warnings=notes if i == 0 else ()))
            store.finish_session(at + timedelta(minutes=16), rpe=6, minutes=16)
    return folder


def log_session(store: Store, day: date, exercises=("bodyweight-squat", "glute-bridge", "plank"),
                pain: tuple[str, ...] = ()) -> None:
    """A finished session on ``day`` with three sets of each exercise (pain marks on the
    exercises named in ``pain``)."""
    from datetime import timedelta

    from runstrength_tui.store.repo import new_id

    at = datetime.combine(day, NOW.time())
    session = store.start_session(day, at)
    for i, exercise in enumerate(exercises):
        hold = exercise == "plank"
        for n in range(3):
            store.log_set(SetRecord(id=new_id(), session=session.id, exercise=exercise, date=day,
                                    logged_at=at + timedelta(minutes=i * 3 + n + 1), reps=None if hold else 12,
                                    seconds=20 if hold else None, pain=exercise in pain and n == 0))
    store.finish_session(at + timedelta(minutes=16), rpe=6, minutes=16)


def make_pain_log(folder: Path) -> Path:
    """A beginner with pain marks on the squat two sessions in a row: a referral."""
    from datetime import timedelta

    start = week_start(PINNED) - timedelta(days=14)
    with Store(folder) as store:
        store.save_profile(beginner_profile().with_changes(block_start=start))
        for offset in (0, 3, 7):
            log_session(store, start + timedelta(days=offset),
                        pain=("bodyweight-squat",) if offset else ())
    return folder


def make_log(folder: Path, days_ago: tuple[int, ...], **profile_changes) -> Path:
    """A beginner (with ``profile_changes``) who did a session on each of ``days_ago``
    (days before the pinned date); the block started the week of the first one."""
    from datetime import timedelta

    start = week_start(PINNED - timedelta(days=max(days_ago)))
    with Store(folder) as store:
        store.save_profile(beginner_profile().with_changes(block_start=start, **profile_changes))
        for ago in sorted(days_ago, reverse=True):
            log_session(store, PINNED - timedelta(days=ago))
    return folder


TAPER = dict(days_ago=(3, 7, 10, 14, 17, 21), races=(date(2026, 11, 30),))  # a race 4 days ahead
COMEBACK = dict(days_ago=(20, 24, 27, 31, 34))  # nothing for 20 days
MISSED = dict(days_ago=(7, 10, 14, 17, 21))  # Monday (planned) was missed
