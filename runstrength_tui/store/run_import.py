"""Read runs from watch files: FIT, GPX, TCX (each also gzip-compressed) and a Strava
bulk-export folder (its ``activities.csv`` plus the files it names).

Everything is read by code in this package, with nothing but the standard library: FIT
by :mod:`.fit_reader` (measured faster and more forgiving than the FIT libraries, see the
README), GPX and TCX by expat through :mod:`.safe_xml` (no entities, a depth limit).
Every problem with a file becomes one sentence (:class:`FileProblem`), never a
traceback: a damaged or foreign file is reported and skipped, and the others still count.
Only regular files are opened (FIFOs, devices and sockets are refused before any read),
and sizes are capped before reading.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.runs import (
    FIRST_YEAR,
    MAX_DISTANCE_KM,
    MAX_DURATION_S,
    MAX_UTC_OFFSET,
    MIN_DISTANCE_KM,
    MIN_DURATION_S,
    Run,
    article,
    looks_like_intervals,
    make_run,
    plural_noun,
)

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

SUFFIXES = (".fit", ".gpx", ".tcx")
#: A 100-hour FIT file with a record every second is ~15 MB, its GPX ~80 MB; guards against
#: gzip bombs and against files that would take gigabytes of memory to parse.
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_CSV_BYTES = 64 * 1024 * 1024
STRAVA_CSV = "activities.csv"
STRAVA_RUN_TYPES = {"run", "trail run", "virtual run", "treadmill run"}
#: A GPX track without an activity type counts as a run only at a running pace: its
#: moving pace between 2:30 and 10:00 min/km (faster is a vehicle, slower a walk or hike).
RUNNING_PACE_S_PER_KM = (150, 600)
#: ... and with its stops counted, no slower than 12:00 min/km (a walk with long stops is not a run).
UNTYPED_MAX_ELAPSED_PACE = 720
#: Tracks of one kind within half an hour of each other in one GPX file are one run.
GPX_TRACK_GAP = timedelta(minutes=30)
#: Slower than 1 km/h between two points is standing still (gpxpy's default too).
STOPPED_M_PER_S = 1 / 3.6
#: Strava's numeric activity types, as its older exports write them in GPX ``<type>``.
STRAVA_TYPE_CODES = {
    "1": "ride",
    "2": "alpine ski",
    "3": "backcountry ski",
    "4": "hike",
    "5": "ice skate",
    "6": "inline skate",
    "7": "kitesurf",
    "8": "roller ski",
    "9": "run",
    "10": "walk",
    "11": "weight training",
    "12": "windsurf",
    "13": "workout",
    "14": "snowboard",
    "15": "snowshoe",
    "16": "e-bike ride",
    "17": "virtual ride",
}


class FileProblem(Exception):
    """A file that could not be read: the message is one sentence for the runner."""


class SomeRuns(Exception):
    """A file with several runs of which some could not be read: ``runs`` are the good
    ones, the message says what was wrong with the others."""

    def __init__(self, runs: list[Run], problem: FileProblem):
        super().__init__(f"{problem}; its other runs were read")
        self.runs = runs


class NotARun(Exception):
    """A readable activity that is not a run (a ride, a swim…): skipped, not a problem.

    ``kind`` is a noun for the summary ("ride"), the message a sentence for --json."""

    def __init__(self, kind: str, message: str | None = None):
        super().__init__(message or f"{article(kind)}, not a run")
        self.kind = kind


@dataclass
class Collected:
    runs: list[Run] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, sentence)
    not_runs: list[tuple[str, str]] = field(default_factory=list)  # (file, sentence)
    skipped_kinds: dict[str, int] = field(default_factory=dict)  # "ride" -> 2
    files: int = 0

    def skip(self, label: str, kind: str, sentence: str, count: int = 1) -> None:
        self.not_runs.append((label, sentence))
        self.skipped_kinds[kind] = self.skipped_kinds.get(kind, 0) + count


# ------------------------------------------------------------------ words


_NOUNS = {
    "cycling": "ride",
    "biking": "ride",
    "bike": "ride",
    "ride": "ride",
    "virtual ride": "ride",
    "e-biking": "ride",
    "e-bike ride": "ride",
    "mountain biking": "ride",
    "road biking": "ride",
    "indoor cycling": "ride",
    "swimming": "swim",
    "swim": "swim",
    "open water swimming": "swim",
    "lap swimming": "swim",
    "walking": "walk",
    "walk": "walk",
    "hiking": "hike",
    "hike": "hike",
    "cross country skiing": "ski",
    "alpine skiing": "ski",
    "alpine ski": "ski",
    "backcountry ski": "ski",
    "nordic ski": "ski",
    "roller ski": "ski",
    "fitness equipment": "workout",
    "training": "workout",
    "workout": "workout",
    "weight training": "workout",
    "rowing": "row",
    "paddling": "paddle",
    "stand up paddleboarding": "paddle",
    "standuppaddling": "paddle",
    "stand up paddling": "paddle",
    "kayaking": "paddle",
    "generic": "activity of no set sport",
    "other": "activity of another kind",
    "transition": "transition",
}


def activity_noun(kind: str | None) -> str:
    """'ride' for cycling, Ride, biking or Strava's code 1; 'activity of another kind' else."""
    text = " ".join((kind or "").replace("_", " ").replace("-", " ").split()).lower()
    text = STRAVA_TYPE_CODES.get(text, text)
    if not text or text.isdigit():
        return "activity of another kind"
    if text in _NOUNS:
        return _NOUNS[text]
    if "ride" in text or "cycl" in text or "bik" in text:
        return "ride"
    if "swim" in text:
        return "swim"
    if "walk" in text:
        return "walk"
    if "hik" in text:
        return "hike"
    if not text.replace(" ", "").isalpha() or len(text) > 30:
        return "activity of another kind"
    return f"{text} activity"


# ------------------------------------------------------------------ numbers and time


def _finite(text: str | None) -> float | None:
    """A finite number from text; None for empty, unreadable, NaN or infinite."""
    if text is None:
        return None
    try:
        value = float(text.strip())
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def parse_time(text: str | None) -> tuple[datetime, bool] | None:
    """An ISO time from GPX/TCX as (aware datetime, carries its own offset?). 'Z' or no
    offset is UTC alone (False); '+01:00' is the writer's own local offset (True)."""
    if not text:
        return None
    text = text.strip()
    own = True
    if text.endswith(("Z", "z")):
        text, own = text[:-1], False
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC), False
    return moment, own


def _local(moment: datetime, offset: timedelta | None, now: datetime, zone: Any = None) -> datetime:
    """The run's start in its local time: with the file's own offset where it has one
    (``offset``, or an offset the time carries), else in the computer's time zone at that
    date (``zone`` instead, when given: tests and callers may pass one)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    own = moment.utcoffset()
    if own is not None and abs(own) > MAX_UTC_OFFSET:
        raise FileProblem(
            f"its times are marked UTC{_offset_text(own)}, which no time zone uses; check the time zone of the device that wrote it"
        )
    try:
        if offset is not None:
            if abs(offset) > MAX_UTC_OFFSET:
                raise FileProblem(
                    f"its local time is UTC{_offset_text(offset)}, which no time zone uses; check the watch's time zone setting"
                )
            local = moment.astimezone(timezone(offset))
        else:
            local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    except (OverflowError, OSError, ValueError):
        raise FileProblem(f"its start time {moment.isoformat()} is out of range") from None
    if local.year < FIRST_YEAR:
        raise FileProblem(f"its start ({local:%Y-%m-%d}) is before {FIRST_YEAR}; check the watch's date")
    if local > now + timedelta(days=1):
        raise FileProblem(f"its start ({local:%Y-%m-%d %H:%M}) is in the future; check the watch's date and time zone")
    return local


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _checked(start: datetime, distance_km: float | None, duration_s: float | None, source: str, **extra: Any) -> Run:
    if distance_km is not None and not math.isfinite(distance_km):
        raise FileProblem("its distance is not a number; the file is damaged")
    if duration_s is not None and not math.isfinite(duration_s):
        raise FileProblem("its duration is not a number; the file is damaged")
    if not distance_km:
        raise FileProblem("it records no distance (no GPS or foot pod), so there is no run to add")
    if distance_km < MIN_DISTANCE_KM:
        raise FileProblem(f"its distance ({distance_km:.2f} km) is too short to be a run")
    if distance_km > MAX_DISTANCE_KM:
        raise FileProblem(f"its distance ({distance_km:.0f} km) is more than any run; the file looks wrong")
    if duration_s is None or not MIN_DURATION_S <= duration_s <= MAX_DURATION_S:
        raise FileProblem(f"its duration ({(duration_s or 0) / 60:.0f} min) is not that of a run; the file looks wrong")
    hr = extra.get("avg_hr")
    if hr is not None and (not math.isfinite(hr) or not 25 <= hr <= 250):
        extra["avg_hr"] = None
    return make_run(start, distance_km, duration_s, source, **extra)


def _haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(a)))


# ------------------------------------------------------------------ FIT


def _fit_laps(
    session: dict[str, Any], index: int, sessions: list[dict[str, Any]], laps: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The laps of one session, taken by their order in the file (never by a clock window:
    a watch clock that jumps would lose them): the session's first_lap_index/num_laps
    where it has them, else the laps between the previous sessions' and the next ones'."""
    first, count = session.get("first_lap_index"), session.get("num_laps")
    if isinstance(first, int) and isinstance(count, int) and first + count <= len(laps):
        return laps[first : first + count]
    if len(sessions) == 1:
        return laps
    counts = [c for s in sessions if isinstance(c := s.get("num_laps"), int)]
    if len(counts) == len(sessions) and sum(counts) == len(laps):
        start = sum(counts[:index])
        return laps[start : start + counts[index]]
    if len(laps) == len(sessions):
        return [laps[index]]
    return []


def read_fit(data: bytes, now: datetime, zone: Any = None) -> list[Run]:
    from .fit_reader import SPORTS, FitError, fit_time, is_fit, read_messages

    if not is_fit(data):
        raise FileProblem("it is not a FIT file")
    try:
        messages = read_messages(data)
    except FitError as exc:
        raise FileProblem(str(exc)) from None
    sessions = messages[18]
    if not sessions:
        if messages[0] and any(m.get("type") not in (None, 4) for m in messages[0]):
            raise NotARun(
                "file without an activity", "a FIT file that holds no activity (settings, a course or a workout)"
            )
        raise FileProblem("the FIT file holds no activity (no session record)")
    activity = messages[34][-1] if messages[34] else {}
    act_stamp, act_local = activity.get("timestamp"), activity.get("local_timestamp")
    offset = None
    relative_base = None  # for watches that count time from switch-on (FR70): local wall time
    if isinstance(act_local, int) and act_local >= 0x10000000 and isinstance(act_stamp, int):
        if fit_time(act_stamp) is not None:
            offset = timedelta(minutes=15 * round((act_local - act_stamp) / 900))
        else:
            relative_base = (act_stamp, act_local)
    runs: list[Run] = []
    other: list[str] = []
    problems: list[FileProblem] = []
    file_sport = next((m["sport"] for m in messages[12] if "sport" in m), None)
    for i, s in enumerate(sessions):
        code = s.get("sport")
        if code is None:  # some writers leave it to the laps or to the file's sport message
            code = next((lap["sport"] for lap in _fit_laps(s, i, sessions, messages[19]) if "sport" in lap), file_sport)
        sport = SPORTS.get(code if code is not None else -1, "activity of another kind")
        if sport != "running":
            if sport != "transition":
                other.append(sport)
            continue
        try:
            runs.append(_fit_run(s, i, sessions, messages, offset, relative_base, now, zone))
        except FileProblem as exc:  # one bad leg of a multisport file does not lose the others
            problems.append(exc)
    return _gathered(runs, problems, other)


def _gathered(runs: list[Run], problems: list[FileProblem], other: list[str]) -> list[Run]:
    """A file's runs, read leg by leg: all of them; the runs with the first problem when
    some legs could not be read (SomeRuns); the problem; or why it holds no run."""
    if runs and problems:
        raise SomeRuns(runs, problems[0])
    if runs:
        return runs
    if problems:
        raise problems[0]
    raise NotARun(activity_noun(other[0] if other else None))


def _fit_run(
    s: dict[str, Any],
    i: int,
    sessions: list[dict[str, Any]],
    messages: dict[int, list[dict[str, Any]]],
    offset: timedelta | None,
    relative_base: tuple[int, int] | None,
    now: datetime,
    zone: Any,
) -> Run:
    from .fit_reader import fit_time

    laps = messages[19]
    start = fit_time(s.get("start_time")) or fit_time(s.get("timestamp"))
    if start is not None:
        start = _local(start, offset, now, zone)
    elif relative_base is not None and isinstance(s.get("start_time"), int):
        # the start in local wall time; its offset is the computer's at that time
        act_stamp, act_local = relative_base
        try:
            wall = datetime(1989, 12, 31) + timedelta(seconds=act_local - (act_stamp - s["start_time"]))
            moment = wall.replace(tzinfo=zone) if zone is not None else wall.astimezone()
        except (OverflowError, OSError, ValueError):
            raise FileProblem("the FIT file's run has a start time out of range") from None
        start = _local(moment, None, now, zone)
    else:
        raise FileProblem("the FIT file's run has no start time, so its date is unknown")
    mine = _fit_laps(s, i, sessions, laps)
    lap_info = [
        (
            (lap.get("total_distance") or 0) / 1000,
            lap.get("total_timer_time") or lap.get("total_elapsed_time") or 0,
            {0: "active", 1: "rest", 2: "warmup", 3: "cooldown", 4: "recovery", 5: "interval"}.get(
                lap.get("intensity", 0), "active"
            ),
        )
        for lap in mine
    ]
    distance = s.get("total_distance")
    if not distance:
        distance = sum(lap.get("total_distance") or 0 for lap in mine) or None
    if not distance and len(sessions) == 1:
        distance = max((r.get("distance") or 0 for r in messages[20]), default=0) or None
    duration = s.get("total_timer_time") or s.get("total_elapsed_time")
    if not duration:
        duration = sum(d for _, d, _ in lap_info) or None
    return _checked(
        start,
        distance / 1000 if distance else None,
        duration,
        "fit",
        avg_hr=s.get("avg_heart_rate"),
        laps=len(mine),
        intervals=looks_like_intervals(lap_info),
    )


# ------------------------------------------------------------------ GPX


def _is_run_type(kind: str | None) -> bool | None:
    if not kind or not kind.strip():
        return None
    text = kind.strip().lower()
    text = STRAVA_TYPE_CODES.get(text, text)
    return any(word in text for word in _RUN_WORDS)


#: "running" as apps write it in a GPX <type> (English, and the languages apps export in)
_RUN_WORDS = (
    "run",
    "jog",
    "lauf",
    "course à pied",
    "course a pied",
    "hardloop",
    "corsa",
    "carrera",
    "correr",
    "löpning",
    "løb",
    "juoksu",
    "bieg",
)
_RUN_NAME = re.compile(r"\b(run|running|jog|jogging|trail run|lauf|laufen|course à pied)\b", re.I)
_OTHER_NAME = re.compile(r"\b(ride|cycling|bike|biking|walk|walking|hike|hiking|swim|swimming)\b", re.I)


def _name_hint(name: str | None) -> str | None:
    """What an untyped track's name says it was ('run', 'ride'…), as apps name them
    ("Running 6/17/16 4:41 pm", "Morning Ride"); None when it says nothing clear."""
    if not name:
        return None
    other = _OTHER_NAME.search(name)
    run = _RUN_NAME.search(name)
    if run and not other:
        return "run"
    if other and not run:
        return other.group(1).lower()
    return None


def _xml(data: bytes, what: str) -> Element:
    from .safe_xml import XMLRefused, parse

    try:  # Strava's files may start with spaces before the declaration
        return parse(data.lstrip(), flat=frozenset({"trkpt", "Trackpoint"}))
    except XMLRefused as exc:
        raise FileProblem(f"it is not a readable {what} file: {exc}") from None


def _child_text(el: Element, name: str) -> str | None:
    from .safe_xml import local_name

    for child in el:
        if local_name(child.tag) == name:
            return child.text
    return None


def _hr_in(point: Element) -> float | None:
    """A flat track point's heart rate (Garmin's gpxtpx:hr and the like)."""
    value = _finite(point.get("hr") or point.get("heartrate"))
    return value if value is not None and 25 <= value <= 250 else None


def _pace_text(seconds_per_km: float) -> str:
    return f"{int(seconds_per_km // 60)}:{int(seconds_per_km % 60):02d} min/km"


#: a GPX track point: (time, whether the time carried its own offset, lat, lon, heart rate)
_GpxPoint = tuple[datetime, bool, float, float, float | None]
#: tracks (or runs of tracks) with their verdict: True a run, None untyped (judged by pace)
_GpxTrack = tuple[bool | None, list[list[_GpxPoint]]]


def read_gpx(data: bytes, now: datetime, zone: Any = None) -> list[Run]:
    """Tracks (``<trk>``) are what was recorded; routes (``<rte>``) and waypoints are plans,
    not runs. A point without a valid position or time is skipped, not the track. Tracks
    of one kind that follow each other within ``GPX_TRACK_GAP`` are one run (apps start a
    new track after a pause). A track with no type is a run only at a running pace: its
    moving pace within RUNNING_PACE_S_PER_KM and, stops included, no slower than
    UNTYPED_MAX_ELAPSED_PACE (a walk with long stops is not a run)."""
    from .safe_xml import local_name

    root = _xml(data, "GPX")
    if local_name(root.tag) != "gpx":
        raise FileProblem("it is not a GPX file (its XML is not <gpx>)")
    skipped: list[NotARun] = []
    problems: list[FileProblem] = []
    tracks, any_points, bad_points = _gpx_tracks(root, skipped)
    runs: list[Run] = []
    for verdict, segments in _gpx_groups(tracks):
        try:
            runs.append(_gpx_run(verdict, segments, now, zone))
        except NotARun as exc:
            skipped.append(exc)
        except FileProblem as exc:  # one bad track (a 30 m fragment) does not lose the others
            problems.append(exc)
    if runs:
        return runs
    if problems:
        raise problems[0]
    if skipped:
        raise skipped[0]
    if bad_points and any_points:
        raise FileProblem("none of its track points has a valid position and time")
    if any(local_name(el.tag) == "rte" for el in root):
        raise NotARun("planned route", "a planned route, not a recorded activity")
    if any(local_name(el.tag) == "wpt" for el in root):
        raise NotARun("waypoint file", "waypoints only, not a recorded activity")
    raise FileProblem("the GPX file holds no track points")


def _gpx_tracks(root: Element, skipped: list[NotARun]) -> tuple[list[_GpxTrack], bool, int]:
    """The recorded tracks with their verdict (not runs go to ``skipped``), whether the
    file had any track point, and how many points were skipped as bad."""
    from .safe_xml import local_name

    bad_points = 0
    any_points = False
    tracks: list[_GpxTrack] = []
    for track in (el for el in root if local_name(el.tag) == "trk"):
        segments = []
        for trkseg in (el for el in track if local_name(el.tag) == "trkseg"):
            seg_points = []
            for pt in (el for el in trkseg if local_name(el.tag) == "trkpt"):
                any_points = True
                point = _gpx_point(pt)
                if point is None:
                    bad_points += 1  # one bad point is skipped, not the whole run
                    continue
                seg_points.append(point)
            if seg_points:
                segments.append(seg_points)
        if sum(len(s) for s in segments) < 2:
            continue
        kind = _child_text(track, "type")
        verdict = _is_run_type(kind)
        if verdict is None:  # no type: the name may say ("Running 6/17/16", Runkeeper)
            kind = _name_hint(_child_text(track, "name"))
            verdict = None if kind is None else kind == "run"
        if verdict is False:
            skipped.append(NotARun(activity_noun(kind)))
            continue
        tracks.append((verdict, segments))
    return tracks, any_points, bad_points


def _gpx_point(pt: Element) -> _GpxPoint | None:
    """A track point with a valid position and time (None: a bad point)."""
    lat, lon = _finite(pt.get("lat")), _finite(pt.get("lon"))
    when = parse_time(pt.get("time"))
    if (
        lat is None
        or lon is None
        or not (-90 <= lat <= 90 and -180 <= lon <= 180)
        or when is None
        or when[0].year < FIRST_YEAR
    ):
        return None
    return (when[0], when[1], lat, lon, _hr_in(pt))


def _gpx_groups(tracks: list[_GpxTrack]) -> list[_GpxTrack]:
    """Tracks of one kind in a row, close in time: one run."""
    tracks = sorted(tracks, key=lambda t: t[1][0][0][0])
    groups: list[_GpxTrack] = []
    for verdict, segments in tracks:
        if groups and groups[-1][0] == verdict and segments[0][0][0] - groups[-1][1][-1][-1][0] <= GPX_TRACK_GAP:
            groups[-1][1].extend(segments)
        else:
            groups.append((verdict, list(segments)))
    return groups


def _gpx_run(verdict: bool | None, segments: list[list[_GpxPoint]], now: datetime, zone: Any) -> Run:
    """One run from its segments; NotARun for an untyped track at no running pace,
    FileProblem for one without usable times or figures."""
    flat = [p for seg in segments for p in seg]
    distance_m = moving_s = 0.0
    for seg in segments:
        for a, b in zip(seg, seg[1:]):
            d = _haversine_m(a[2], a[3], b[2], b[3])
            dt = (b[0] - a[0]).total_seconds()
            distance_m += d
            if dt > 0 and d / dt >= STOPPED_M_PER_S:
                moving_s += dt
    start_time, own = min((p[0], p[1]) for p in flat)
    elapsed = (max(p[0] for p in flat) - start_time).total_seconds()
    duration = moving_s or elapsed
    km = distance_m / 1000
    if duration <= 0:
        raise FileProblem("its track points carry no usable times, so the run's date and pace are unknown")
    if verdict is None and km > 0:  # no type: a run only at a running pace
        _untyped_pace_check(duration / km, elapsed / km)
    hrs = [p[4] for p in flat if p[4] is not None]
    start = _local(start_time, None, now, start_time.tzinfo if own else zone)
    return _checked(start, km, duration, "gpx", avg_hr=sum(hrs) / len(hrs) if hrs else None)


def _untyped_pace_check(pace: float, overall: float) -> None:
    """An untyped track is a run only at a running pace (moving ``pace``, and ``overall``
    with its stops); NotARun otherwise."""
    if pace > RUNNING_PACE_S_PER_KM[1] or overall > UNTYPED_MAX_ELAPSED_PACE:
        slow = max(pace, overall) if pace > RUNNING_PACE_S_PER_KM[1] else overall
        raise NotARun(
            "untyped walk or hike",
            f"an activity without a type at {_pace_text(slow)}{' with its stops' if slow == overall else ''}, slower than running (a walk or hike?)",
        )
    if pace < RUNNING_PACE_S_PER_KM[0]:
        raise NotARun(
            "untyped track too fast for a run",
            "an activity without a type, faster than running (a ride or a drive?)",
        )


# ------------------------------------------------------------------ TCX


def _tcx_number(el: Element, name: str) -> float | None:
    text = _child_text(el, name)
    if text is None:
        return None
    value = _finite(text)
    if value is None and text.strip():
        raise FileProblem(f"its {name} {text.strip()[:20]!r} is not a number; the file is damaged")
    return value


def _tcx_run(activity: Element, now: datetime, zone: Any) -> Run:
    from .safe_xml import local_name

    laps = [el for el in activity if local_name(el.tag) == "Lap"]
    start = parse_time(_child_text(activity, "Id"))
    if start is None and laps:
        start = parse_time(laps[0].get("StartTime"))
    lap_info: list[tuple[float, float, str]] = []
    hr_weighted = hr_time = 0.0
    last_point_distance = None
    first_time = last_time = None
    point_hrs: list[float] = []
    for lap in laps:
        km = (_tcx_number(lap, "DistanceMeters") or 0) / 1000
        seconds = _tcx_number(lap, "TotalTimeSeconds") or 0
        intensity = (_child_text(lap, "Intensity") or "active").strip().lower()
        lap_info.append((km, seconds, intensity))
        for child in lap:
            name = local_name(child.tag)
            if name == "AverageHeartRateBpm":
                value = _finite(_child_text(child, "Value"))
                if value and seconds:
                    hr_weighted += value * seconds
                    hr_time += seconds
            elif name == "Track":
                for tp in child:  # flat track points (see safe_xml.parse)
                    when = parse_time(tp.get("Time"))
                    if when is not None:
                        first_time = first_time or when[0]
                        last_time = when[0]
                    d = _finite(tp.get("DistanceMeters"))
                    if d is not None:
                        last_point_distance = d
                    hr = _finite(tp.get("Value"))  # HeartRateBpm/Value, the only Value in a point
                    if hr and 25 <= hr <= 250:
                        point_hrs.append(hr)
    if start is None and first_time is not None:
        start = (first_time, True)
    if start is None:
        raise FileProblem("the TCX activity has no times, so the run's date is unknown")
    # distance: the laps' totals first, then the last track point's distance
    distance_km = sum(d for d, _, _ in lap_info) or (last_point_distance or 0) / 1000 or None
    duration = sum(s for _, s, _ in lap_info) or (
        (last_time - first_time).total_seconds() if first_time and last_time else None
    )
    hr = hr_weighted / hr_time if hr_time else (sum(point_hrs) / len(point_hrs) if point_hrs else None)
    moment, own = start
    local = _local(moment, None, now, moment.tzinfo if own else zone)
    return _checked(
        local, distance_km, duration, "tcx", avg_hr=hr, laps=len(laps), intervals=looks_like_intervals(lap_info)
    )


def read_tcx(data: bytes, now: datetime, zone: Any = None) -> list[Run]:
    """Every Activity is its own run (a file may hold several, on several days); the run
    legs of a multisport session are runs, its other legs are skipped."""
    from .safe_xml import local_name

    root = _xml(data, "TCX")
    if local_name(root.tag) != "TrainingCenterDatabase":
        raise FileProblem("it is not a TCX file (its XML is not <TrainingCenterDatabase>)")
    activities = [el for el in root.iter() if local_name(el.tag) == "Activity"]
    if not activities:
        if any(local_name(el.tag) == "Course" for el in root.iter()):
            raise NotARun("planned route", "a planned course, not a recorded activity")
        raise FileProblem("the TCX file holds no activity")
    runs: list[Run] = []
    other: list[str] = []
    problems: list[FileProblem] = []
    for activity in activities:
        sport = (activity.get("Sport") or "").strip()
        if sport.lower() != "running":
            other.append(sport or "other")
            continue
        try:
            runs.append(_tcx_run(activity, now, zone))
        except FileProblem as exc:  # one bad activity of several does not lose the others
            problems.append(exc)
    return _gathered(runs, problems, other)


# ------------------------------------------------------------------ files and folders

READERS = {".fit": read_fit, ".gpx": read_gpx, ".tcx": read_tcx}


def file_kind(path: Path) -> tuple[str, bool] | None:
    """('.fit', compressed?) for names like run.fit or run.fit.gz; None for other files."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return suffix, gz
    return None


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. FIFOs, devices and sockets
    are refused before they are opened (a FIFO would block for ever); a symlink counts as
    what it points to; the file is opened without blocking and checked again once open."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileProblem("the file does not exist") from None
    except PermissionError:
        raise FileProblem("the file cannot be read (permission denied)") from None
    except OSError as exc:
        raise FileProblem(f"the file cannot be read ({exc.strerror or 'system error'})") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem("it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem("it is not a regular file (a device, pipe or socket); only files are read")
    if info.st_size > limit:
        raise FileProblem(
            f"it is {info.st_size / 2**20:.0f} MB, more than the {limit // 2**20} MB an activity file can be"
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except PermissionError:
        raise FileProblem("the file cannot be read (permission denied)") from None
    except OSError as exc:
        raise FileProblem(f"the file cannot be read ({exc.strerror or 'system error'})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between stat and open
            raise FileProblem("it is not a regular file (a device, pipe or socket); only files are read")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise FileProblem(f"the file cannot be read ({exc.strerror or 'system error'})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileProblem(f"it is more than the {limit // 2**20} MB an activity file can be")
    return data


def read_activity_file(path: Path, now: datetime, zone: Any = None) -> list[Run]:
    """The runs in one file. ``zone`` (a tzinfo) stands for the computer's time zone, used
    only for files whose times are UTC alone; by default the computer's own."""
    kind = file_kind(path)
    if kind is None:
        raise FileProblem("it is not a .fit, .gpx or .tcx file (or one of those gzip-compressed)")
    suffix, gz = kind
    data = read_regular_file(path, MAX_FILE_BYTES)
    if gz:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
                data = f.read(MAX_FILE_BYTES + 1)
        except (OSError, EOFError, gzip.BadGzipFile, ValueError, MemoryError):
            raise FileProblem("it is not a valid gzip file (cut short or not compressed)") from None
        if len(data) > MAX_FILE_BYTES:
            raise FileProblem(f"it unpacks to more than {MAX_FILE_BYTES // 2**20} MB, too big for one activity")
    return READERS[suffix](data, now, zone)


# ------------------------------------------------------------------ Strava

#: Each column we use, by the names of Strava's current export (first) and its older one.
_STRAVA_COLUMNS = {
    "id": ("Activity ID", "id"),
    "date": ("Activity Date", "date"),
    "type": ("Activity Type", "type"),
    "file": ("Filename", "filename"),
    "moving": ("Moving Time", "moving_time"),
    "elapsed": ("Elapsed Time", "elapsed_time"),
    "distance": ("Distance", "distance"),
    "hr": ("Average Heart Rate", "average_heartrate", "average_heart_rate"),
}


def _strava_rows(folder: Path) -> Iterator[dict[str, Any]]:
    """Rows of a Strava ``activities.csv`` as dicts of the columns we use.

    Two formats, told apart by the header: the current one (``Activity ID,Activity
    Date,…``) repeats names: the first ``Elapsed Time``/``Distance`` are in the runner's
    display units, the later ones in seconds and metres, so the last wins. The older one
    (``id,date,name,type,…``) has each column once, times in seconds and the distance in
    km or metres (told apart per row by the pace each would give)."""
    data = read_regular_file(folder / STRAVA_CSV, MAX_CSV_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem("activities.csv is not UTF-8 text; is it a Strava export?") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise FileProblem("activities.csv is empty")
    index: dict[str, int] = {}
    counts: dict[str, int] = {}
    for i, name in enumerate(header):
        key = name.strip().lower()
        counts[key] = counts.get(key, 0) + 1
        index[key] = i  # the last column of a repeated name
    columns: dict[str, int] = {}
    for key, names in _STRAVA_COLUMNS.items():
        for name in names:
            if name.lower() in index:
                columns[key] = index[name.lower()]
                break
    for needed, shown in (("date", "Activity Date"), ("type", "Activity Type")):
        if needed not in columns:
            raise FileProblem(f"activities.csv has no {shown!r} (or 'date'/'type') column; is it a Strava export?")
    older = "activity date" not in index
    metres: bool | None = None if older else counts.get("distance", 0) > 1
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        got = {key: (row[i].strip() if i < len(row) else "") for key, i in columns.items()}
        yield {
            "id": got.get("id", ""),
            "date": got["date"],
            "type": got["type"],
            "file": got.get("file", ""),
            "moving": got.get("moving", ""),
            "elapsed": got.get("elapsed", ""),
            "distance": got.get("distance", ""),
            "distance_in_m": metres,
            "hr": got.get("hr", ""),
        }


def _float(text: str) -> float | None:
    return _finite(text.replace(",", "")) if text else None


_STRAVA_DATES = ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S%z")


def read_strava_row(row: dict[str, Any], now: datetime, zone: Any = None) -> Run:
    """A run that Strava has no file for (entered by hand): the CSV's own numbers."""
    moment = None
    for fmt in _STRAVA_DATES:
        try:
            moment = datetime.strptime(row["date"], fmt)
            break
        except ValueError:
            continue
    if moment is None:
        raise FileProblem(
            f"its date {row['date'][:40]!r} is not in a Strava date format (like 'Nov 3, 2024, 6:01:15 AM')"
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    distance = _float(row["distance"])
    duration = _float(row["moving"]) or _float(row["elapsed"])
    in_m = row["distance_in_m"]
    if in_m is None and distance:  # the older export: km or metres, whichever gives a run's pace
        in_m = distance > MAX_DISTANCE_KM or not (duration and 120 <= duration / distance <= 1800)
    if distance is not None and in_m:
        distance /= 1000
    return _checked(_local(moment, None, now, zone), distance, duration, "strava", avg_hr=_float(row["hr"]))


def collect(paths: list[Path], now: datetime, zone: Any = None) -> Collected:
    """Every run in the given files and folders, with one sentence per problem."""
    out = Collected()
    for given in paths:
        given = Path(given).expanduser()
        try:
            if not given.exists():
                out.problems.append((str(given), "no such file or folder"))
                continue
            if given.is_dir() and (given / STRAVA_CSV).is_file():
                _collect_strava(given, out, now, zone)
            elif given.name == STRAVA_CSV and given.is_file():
                _collect_strava(given.parent, out, now, zone)
            elif given.is_dir():
                files = sorted(p for p in given.rglob("*") if file_kind(p) is not None and p.is_file())
                for path in files:
                    _collect_file(path, out, now, zone)
            else:
                _collect_file(given, out, now, zone)
        except OSError as exc:
            out.problems.append((str(given), f"it could not be read ({exc.strerror or 'system error'})"))
    return out


def _collect_file(path: Path, out: Collected, now: datetime, zone: Any = None, label: str | None = None) -> None:
    out.files += 1
    label = label or str(path)
    try:
        out.runs += read_activity_file(path, now, zone)
    except FileProblem as exc:
        out.problems.append((label, str(exc)))
    except SomeRuns as exc:
        out.runs += exc.runs
        out.problems.append((label, str(exc)))
    except NotARun as exc:
        out.skip(label, exc.kind, str(exc))
    except RecursionError:
        out.problems.append((label, "the file is nested too deeply to read"))
    except MemoryError:
        out.problems.append((label, "the file is too big to read"))
    except Exception as exc:
        out.problems.append((label, f"it could not be read ({type(exc).__name__}); the file looks damaged"))


def _collect_strava(folder: Path, out: Collected, now: datetime, zone: Any = None) -> None:
    csv_label = str(folder / STRAVA_CSV)
    try:
        rows = list(_strava_rows(folder))  # a cell over csv's 128 KiB limit is a csv.Error: one line
    except FileProblem as exc:
        out.problems.append((csv_label, str(exc)))
        return
    except (OSError, csv.Error) as exc:
        out.problems.append((csv_label, f"it could not be read as a Strava activities.csv ({str(exc)[:80]})"))
        return
    skipped: dict[str, int] = {}
    for row in rows:
        if row["type"].lower() not in STRAVA_RUN_TYPES and STRAVA_TYPE_CODES.get(row["type"]) != "run":
            noun = activity_noun(row["type"])
            skipped[noun] = skipped.get(noun, 0) + 1
            continue
        if row["file"]:
            target = (folder / row["file"]).resolve()
            if folder.resolve() not in target.parents:
                out.problems.append(
                    (row["file"][:200], "activities.csv names a file outside the export folder; skipped")
                )
                continue
            _collect_file(target, out, now, zone, label=str(folder / row["file"]))
        else:
            out.files += 1
            try:
                out.runs.append(read_strava_row(row, now, zone))
            except FileProblem as exc:
                out.problems.append((f"{csv_label} (activity {row['id'][:40] or '?'})", str(exc)))
    for noun, n in skipped.items():
        out.skip(csv_label, noun, f"{plural_noun(n, noun)}, not runs", n)
