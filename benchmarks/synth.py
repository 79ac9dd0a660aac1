"""Synthetic training logs for benchmarks: 3 sessions a week, 6 exercises × 3 sets."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from runstrength_tui.domain.model import Profile, SessionRecord, SetRecord
from runstrength_tui.domain.weeks import week_start
from runstrength_tui.store import transfer
from runstrength_tui.store.repo import Store

EXERCISES = ["goblet-squat", "dumbbell-rdl", "reverse-lunge", "calf-raise", "glute-bridge", "plank"]
DAYS = (0, 2, 4)  # Monday, Wednesday, Friday


def build(folder: Path, weeks: int, today: date, seed: int = 1) -> Path:
    """A data folder whose log covers the ``weeks`` weeks before ``today`` (0: empty)."""
    rng = random.Random(seed)
    profile = Profile(
        level="intermediate",
        equipment=("dumbbells",),
        target=3,
        runs=("rest", "hard", "rest", "easy", "rest", "long", "easy"),
        block_start=week_start(today),
    )
    sessions, sets = [], []
    first = week_start(today) - timedelta(weeks=weeks)
    for w in range(weeks):
        for d in DAYS:
            day = first + timedelta(weeks=w, days=d)
            if day >= today:
                continue
            start = datetime.combine(day, time(18, 0))
            sid = uuid.UUID(int=rng.getrandbits(128)).hex
            sessions.append(
                SessionRecord(
                    id=sid,
                    date=day,
                    started_at=start,
                    ended_at=start + timedelta(minutes=19),
                    rpe=rng.choice([6, 7, 8]),
                    minutes=19.0,
                )
            )
            n = 0
            for ex in EXERCISES:
                for _ in range(3):
                    n += 1
                    hold = ex == "plank"
                    sets.append(
                        SetRecord(
                            id=uuid.UUID(int=rng.getrandbits(128)).hex,
                            session=sid,
                            exercise=ex,
                            date=day,
                            logged_at=start + timedelta(minutes=n),
                            reps=None if hold else rng.randint(12, 15),
                            seconds=30 if hold else None,
                            load_kg=None
                            if ex in ("reverse-lunge", "calf-raise", "glute-bridge", "plank")
                            else 12.0 + w * 0.05,
                            rpe=7,
                            source="bench",
                        )
                    )
    with Store(folder) as store:
        store.save_profile(profile)
        if sessions:
            transfer.import_bundle(store, sessions, sets, None, [])
        for old in store.backups():  # the import's safety backup is not part of a user's folder
            old.unlink()
    return folder


FIT_EPOCH_S = 631065600  # 1989-12-31T00:00:00Z


def run_files(folder: Path, days: int, today: date, seed: int = 2) -> Path:
    """One activity file per day for ``days`` days before ``today``: FIT files (Garmin's
    own encoder) for most days, a gzip-compressed GPX for the Sunday long run."""
    import gzip

    import gpxpy.gpx
    from garmin_fit_sdk import Encoder
    from garmin_fit_sdk import Profile as FitProfile

    rng = random.Random(seed)
    mesg = FitProfile["mesg_num"]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(days, 0, -1):
        day = today - timedelta(days=i)
        start = datetime.combine(day, time(6, 30), tzinfo=UTC) + timedelta(minutes=rng.randint(0, 90))
        long_day = day.weekday() == 6
        km = rng.uniform(18, 26) if long_day else rng.uniform(5, 12)
        pace = rng.uniform(300, 360)
        seconds = km * pace
        if long_day:
            gpx = gpxpy.gpx.GPX()
            track = gpxpy.gpx.GPXTrack()
            track.type = "running"
            seg = gpxpy.gpx.GPXTrackSegment()
            for p in range(61):
                seg.points.append(
                    gpxpy.gpx.GPXTrackPoint(
                        52 + km * p / 60 / 111.195, 13.0, time=start + timedelta(seconds=seconds * p / 60)
                    )
                )
            track.segments.append(seg)
            gpx.tracks.append(track)
            (folder / f"{day}.gpx.gz").write_bytes(gzip.compress(gpx.to_xml().encode()))
            continue
        enc = Encoder()
        end = start + timedelta(seconds=seconds)
        enc.on_mesg(
            mesg["FILE_ID"],
            {
                "type": "activity",
                "manufacturer": "development",
                "product": 0,
                "time_created": start,
                "serial_number": 1,
            },
        )
        laps = max(1, int(km))
        for lap in range(laps):
            lap_start = start + timedelta(seconds=seconds * lap / laps)
            enc.on_mesg(
                mesg["LAP"],
                {
                    "timestamp": lap_start + timedelta(seconds=seconds / laps),
                    "start_time": lap_start,
                    "total_distance": km * 1000 / laps,
                    "total_timer_time": seconds / laps,
                    "total_elapsed_time": seconds / laps,
                    "intensity": "active",
                    "sport": "running",
                },
            )
        enc.on_mesg(
            mesg["SESSION"],
            {
                "timestamp": end,
                "start_time": start,
                "sport": "running",
                "total_distance": km * 1000,
                "total_timer_time": seconds,
                "total_elapsed_time": seconds,
                "avg_heart_rate": rng.randint(130, 160),
            },
        )
        enc.on_mesg(
            mesg["ACTIVITY"],
            {
                "timestamp": end,
                "local_timestamp": int(end.timestamp()) + 3600 - FIT_EPOCH_S,
                "num_sessions": 1,
                "type": "manual",
            },
        )
        (folder / f"{day}.fit").write_bytes(bytes(enc.close()))
    return folder
