"""Read runs from watch files: FIT, GPX, TCX (each also gzip-compressed) and a Strava
bulk-export folder (its ``activities.csv`` plus the files it names).

The parsing libraries (Garmin's ``garmin-fit-sdk``, ``gpxpy``, ``tcxreader``) are imported
here, inside the functions that need them, so only ``runstrength runs import`` pays for
them. Every problem with a file becomes one sentence (:class:`FileProblem`), never a
traceback: a damaged or foreign file is reported and skipped, and the others still count.
"""

from __future__ import annotations

import csv
import gzip
import io
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from ..domain.runs import (
    FIRST_YEAR,
    MAX_DISTANCE_KM,
    MAX_DURATION_S,
    MAX_UTC_OFFSET,
    MIN_DISTANCE_KM,
    MIN_DURATION_S,
    Run,
    looks_like_intervals,
    make_run,
)

SUFFIXES = (".fit", ".gpx", ".tcx")
MAX_FILE_BYTES = 200 * 1024 * 1024  # a 100-hour FIT file is far smaller; guards against gzip bombs
STRAVA_CSV = "activities.csv"
STRAVA_RUN_TYPES = {"run", "trail run", "virtual run", "treadmill run"}
#: A GPX track without an activity type counts as a run only at a running pace.
RUNNING_PACE_S_PER_KM = (150, 900)


class FileProblem(Exception):
    """A file that could not be read: the message is one sentence for the runner."""


class NotARun(Exception):
    """A readable activity that is not a run (a ride, a swim…): skipped."""


@dataclass
class Collected:
    runs: list[Run] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, sentence)
    not_runs: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0


# ------------------------------------------------------------------ time


def _local(moment: datetime, offset: timedelta | None, now: datetime, what: str) -> datetime:
    """The run's start in its local time. A naive time is UTC (as GPX and TCX define it);
    without a known local offset, the computer's time zone at that date is used."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    own = moment.utcoffset()
    if own is not None and abs(own) > MAX_UTC_OFFSET:
        raise FileProblem(f"its times are marked UTC{_offset_text(own)}, which no time zone uses; check the time zone of the device that wrote it")
    if offset is not None:
        if abs(offset) > MAX_UTC_OFFSET:
            raise FileProblem(f"its local time is UTC{_offset_text(offset)}, which no time zone uses; check the watch's time zone setting")
        local = moment.astimezone(timezone(offset))
    else:
        try:
            local = moment.astimezone()
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


def _checked(start: datetime, distance_km: float, duration_s: float, source: str, **extra) -> Run:
    if distance_km is None or distance_km < MIN_DISTANCE_KM:
        shown = 0 if distance_km is None else distance_km
        raise FileProblem(f"its distance ({shown:.2f} km) is too short to be a run; nothing to import")
    if distance_km > MAX_DISTANCE_KM:
        raise FileProblem(f"its distance ({distance_km:.0f} km) is more than any run; the file looks wrong")
    if duration_s is None or not MIN_DURATION_S <= duration_s <= MAX_DURATION_S:
        raise FileProblem(f"its duration ({(duration_s or 0) / 60:.0f} min) is not that of a run; the file looks wrong")
    hr = extra.get("avg_hr")
    if hr is not None and not 25 <= hr <= 250:
        extra["avg_hr"] = None
    return make_run(start, distance_km, duration_s, source, **extra)


# ------------------------------------------------------------------ FIT


def _fit_datetime(value) -> datetime | None:
    return value if isinstance(value, datetime) else None


def read_fit(data: bytes, now: datetime) -> list[Run]:
    from garmin_fit_sdk import FIT_EPOCH_S, Decoder, Stream

    if not Decoder(Stream.from_byte_array(bytearray(data))).is_fit():
        raise FileProblem("it is not a FIT file")
    if not Decoder(Stream.from_byte_array(bytearray(data))).check_integrity():
        raise FileProblem("the FIT file is damaged (cut short or its checksum does not match); copy it from the watch again")
    try:
        messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    except Exception as exc:  # the SDK raises plain exceptions on malformed records
        raise FileProblem(f"the FIT file could not be decoded ({exc})") from None
    if errors:
        raise FileProblem(f"the FIT file could not be decoded ({errors[0]})")
    sessions = messages.get("session_mesgs") or []
    if not sessions:
        raise FileProblem("the FIT file holds no activity (no session record)")
    offset = None
    for activity in messages.get("activity_mesgs") or []:
        stamp, local = _fit_datetime(activity.get("timestamp")), activity.get("local_timestamp")
        if stamp is not None and isinstance(local, int):
            seconds = local + FIT_EPOCH_S - stamp.timestamp()
            offset = timedelta(minutes=15 * round(seconds / 900))
    laps = messages.get("lap_mesgs") or []
    runs, other = [], []
    for s in sessions:
        sport = s.get("sport")
        if sport != "running":
            other.append(str(sport or "unknown").replace("_", " "))
            continue
        start = _fit_datetime(s.get("start_time")) or _fit_datetime(s.get("timestamp"))
        if start is None:
            raise FileProblem("the FIT file's run has no start time")
        start = _local(start, offset, now, "FIT")
        elapsed = s.get("total_elapsed_time") or 0
        end = start + timedelta(seconds=elapsed)
        mine = []
        for lap in laps:
            lap_start = _fit_datetime(lap.get("start_time"))
            if lap_start is None or start - timedelta(seconds=1) <= lap_start <= end:
                mine.append(((lap.get("total_distance") or 0) / 1000, lap.get("total_timer_time") or 0, str(lap.get("intensity") or "active")))
        distance = s.get("total_distance")
        duration = s.get("total_timer_time") or elapsed
        runs.append(
            _checked(
                start,
                distance / 1000 if distance else None,
                duration,
                "fit",
                avg_hr=s.get("avg_heart_rate"),
                laps=len(mine),
                intervals=looks_like_intervals(mine),
            )
        )
    if not runs:
        raise NotARun(f"a {other[0]} activity, not a run")
    return runs


# ------------------------------------------------------------------ GPX


def _is_run_type(kind: str | None) -> bool | None:
    if not kind:
        return None
    kind = kind.strip().lower()
    return "run" in kind or kind == "9"  # Strava writes its activity code: 9 is Run


def _hr_from_extensions(extensions) -> int | None:
    for ext in extensions or ():
        for el in ext.iter():
            tag = el.tag.rsplit("}", 1)[-1].lower()
            if tag in ("hr", "heartrate") and el.text:
                try:
                    return int(float(el.text))
                except ValueError:
                    return None
    return None


def read_gpx(data: bytes, now: datetime) -> list[Run]:
    import gpxpy
    import gpxpy.gpx

    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig", errors="strict").lstrip())
    except UnicodeDecodeError:
        raise FileProblem("it is not a text GPX file") from None
    except Exception as exc:
        raise FileProblem(f"it is not a readable GPX file ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from None
    runs, other = [], []
    tracks = [t for t in gpx.tracks if t.get_points_no()]
    if not tracks:
        raise FileProblem("the GPX file holds no track points")
    for track in tracks:
        verdict = _is_run_type(track.type)
        bounds = track.get_time_bounds()
        if bounds.start_time is None or bounds.end_time is None:
            raise FileProblem("the GPX track has no times, so the run's date is unknown")
        distance = track.length_2d() / 1000
        moving = track.get_moving_data()
        elapsed = (bounds.end_time - bounds.start_time).total_seconds()
        duration = moving.moving_time if moving and moving.moving_time else elapsed
        if verdict is None:  # no type: decide by pace
            pace = duration / distance if distance > 0 else 0
            if not RUNNING_PACE_S_PER_KM[0] <= pace <= RUNNING_PACE_S_PER_KM[1]:
                other.append("an activity without a type and not at a running pace")
                continue
        elif not verdict:
            other.append(f"a {track.type.strip().lower()} activity")
            continue
        start = _local(bounds.start_time, None, now, "GPX")
        hrs = [h for p in track.walk(only_points=True) if (h := _hr_from_extensions(p.extensions))]
        runs.append(_checked(start, distance, duration, "gpx", avg_hr=statistics.fmean(hrs) if hrs else None))
    if not runs:
        raise NotARun(f"{other[0]}, not a run")
    return runs


# ------------------------------------------------------------------ TCX

_TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def _tcx_laps(root) -> list[tuple[float, float, str, str | None]]:
    laps = []
    for lap in root.iter(f"{_TCX}Lap"):
        def number(tag):
            el = lap.find(f"{_TCX}{tag}")  # noqa: B023 (called inside this loop turn)
            try:
                return float(el.text) if el is not None and el.text else 0.0
            except ValueError:
                return 0.0
        intensity = lap.find(f"{_TCX}Intensity")
        laps.append((number("DistanceMeters") / 1000, number("TotalTimeSeconds"),
                     (intensity.text or "active").strip().lower() if intensity is not None else "active", lap.get("StartTime")))
    return laps


def read_tcx(data: bytes, now: datetime) -> list[Run]:
    import xml.etree.ElementTree as ET

    from tcxreader.tcxreader import TCXReader

    text = data.lstrip()  # Strava's TCX files start with spaces before the XML declaration
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise FileProblem(f"it is not a readable TCX file ({exc})") from None
    activities = list(root.iter(f"{_TCX}Activity"))
    if not activities:
        raise FileProblem("the TCX file holds no activity")
    sport = (activities[0].get("Sport") or "").strip()
    if sport.lower() != "running":
        raise NotARun(f"a {sport.lower() or 'untyped'} activity, not a run")
    laps = _tcx_laps(root)
    try:
        exercise = TCXReader().read(io.BytesIO(text), only_gps=False)
    except ValueError as exc:
        raise FileProblem(f"its times could not be read ({exc}); check the file's time zone marks") from None
    except Exception as exc:
        raise FileProblem(f"it is not a readable TCX file ({exc})") from None
    start = exercise.start_time
    if start is None and laps and laps[0][3]:
        try:
            start = datetime.fromisoformat(laps[0][3].replace("Z", "+00:00"))
        except ValueError:
            raise FileProblem(f"its start time {laps[0][3]!r} could not be read") from None
    if start is None:
        raise FileProblem("the TCX file has no times, so the run's date is unknown")
    start = _local(start, None, now, "TCX")
    for tp in exercise.trackpoints or ():
        if tp.time is not None and tp.time.utcoffset() is not None and abs(tp.time.utcoffset()) > MAX_UTC_OFFSET:
            raise FileProblem(f"its times are marked UTC{_offset_text(tp.time.utcoffset())}, which no time zone uses; check the time zone of the device that wrote it")
    timer = sum(s for _, s, _, _ in laps)
    duration = timer or exercise.duration
    distance = sum(d for d, _, _, _ in laps) or (exercise.distance or 0) / 1000
    lap_info = [(d, s, i) for d, s, i, _ in laps]
    return [_checked(start, distance, duration, "tcx", avg_hr=exercise.hr_avg, laps=len(laps), intervals=looks_like_intervals(lap_info))]


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


def read_activity_file(path: Path, now: datetime) -> list[Run]:
    kind = file_kind(path)
    if kind is None:
        raise FileProblem("it is not a .fit, .gpx or .tcx file (or one of those gzip-compressed)")
    suffix, gz = kind
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileProblem(f"it is {size // 2**20} MB, too big for one activity")
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileProblem("the file does not exist") from None
    except PermissionError:
        raise FileProblem("the file cannot be read (permission denied)") from None
    except IsADirectoryError:
        raise FileProblem("it is a folder, not a file") from None
    if gz:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
                data = f.read(MAX_FILE_BYTES + 1)
        except (OSError, EOFError, gzip.BadGzipFile):
            raise FileProblem("it is not a valid gzip file (cut short or not compressed)") from None
        if len(data) > MAX_FILE_BYTES:
            raise FileProblem("it unpacks to more than 200 MB, too big for one activity")
    return READERS[suffix](data, now)


def _strava_rows(folder: Path):
    """Rows of a Strava ``activities.csv`` as dicts of the columns we use.

    Its header repeats names: the first ``Elapsed Time``/``Distance`` are in the
    runner's display units, the later ones in seconds and metres, so the last wins."""
    with open(folder / STRAVA_CSV, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if not header:
            raise FileProblem("activities.csv is empty")
        index: dict[str, int] = {}
        counts: dict[str, int] = {}
        for i, name in enumerate(header):
            key = name.strip()
            counts[key] = counts.get(key, 0) + 1
            index[key] = i  # the last column of a repeated name
        for needed in ("Activity Date", "Activity Type"):
            if needed not in index:
                raise FileProblem(f"activities.csv has no {needed!r} column; is it a Strava export?")
        metres = counts.get("Distance", 0) > 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            get = lambda key: row[index[key]].strip() if key in index and index[key] < len(row) else ""  # noqa: E731, B023 (used inside this loop turn)
            yield {
                "id": get("Activity ID"),
                "date": get("Activity Date"),
                "type": get("Activity Type"),
                "file": get("Filename"),
                "moving": get("Moving Time"),
                "elapsed": get("Elapsed Time"),
                "distance": get("Distance"),
                "distance_in_m": metres,
                "hr": get("Average Heart Rate"),
            }


def _float(text: str) -> float | None:
    try:
        return float(text.replace(",", "")) if text else None
    except ValueError:
        return None


def read_strava_row(row: dict, now: datetime) -> Run:
    """A run that Strava has no file for (entered by hand): the CSV's own numbers."""
    try:
        moment = datetime.strptime(row["date"], "%b %d, %Y, %I:%M:%S %p").replace(tzinfo=UTC)
    except ValueError:
        raise FileProblem(f"its date {row['date']!r} is not in Strava's English format (like 'Nov 3, 2024, 6:01:15 AM')") from None
    distance = _float(row["distance"])
    if distance is not None and row["distance_in_m"]:
        distance /= 1000
    duration = _float(row["moving"]) or _float(row["elapsed"])
    return _checked(_local(moment, None, now, "Strava"), distance, duration, "strava", avg_hr=_float(row["hr"]))


def collect(paths: list[Path], now: datetime) -> Collected:
    """Every run in the given files and folders, with one sentence per problem."""
    out = Collected()
    for given in paths:
        given = Path(given).expanduser()
        if not given.exists():
            out.problems.append((str(given), "no such file or folder"))
            continue
        if given.is_dir() and (given / STRAVA_CSV).is_file():
            _collect_strava(given, out, now)
        elif given.is_file() and given.name == STRAVA_CSV:
            _collect_strava(given.parent, out, now)
        elif given.is_dir():
            files = sorted(p for p in given.rglob("*") if p.is_file() and file_kind(p) is not None)
            for path in files:
                _collect_file(path, out, now)
        else:
            _collect_file(given, out, now)
    return out


def _collect_file(path: Path, out: Collected, now: datetime, label: str | None = None) -> None:
    out.files += 1
    label = label or str(path)
    try:
        out.runs += read_activity_file(path, now)
    except FileProblem as exc:
        out.problems.append((label, str(exc)))
    except NotARun as exc:
        out.not_runs.append((label, str(exc)))
    except RecursionError:
        out.problems.append((label, "the file is nested too deeply to read"))
    except MemoryError:
        out.problems.append((label, "the file is too big to read"))


def _collect_strava(folder: Path, out: Collected, now: datetime) -> None:
    try:
        rows = list(_strava_rows(folder))
    except FileProblem as exc:
        out.problems.append((str(folder / STRAVA_CSV), str(exc)))
        return
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        out.problems.append((str(folder / STRAVA_CSV), f"it could not be read as a Strava activities.csv ({exc})"))
        return
    skipped: dict[str, int] = {}
    for row in rows:
        if row["type"].lower() not in STRAVA_RUN_TYPES:
            skipped[row["type"] or "untyped"] = skipped.get(row["type"] or "untyped", 0) + 1
            continue
        if row["file"]:
            target = (folder / row["file"]).resolve()
            if folder.resolve() not in target.parents:
                out.problems.append((row["file"], "activities.csv names a file outside the export folder; skipped"))
                continue
            _collect_file(target, out, now, label=str(folder / row["file"]))
        else:
            out.files += 1
            try:
                out.runs.append(read_strava_row(row, now))
            except FileProblem as exc:
                out.problems.append((f"{folder / STRAVA_CSV} (activity {row['id'] or '?'})", str(exc)))
    if skipped:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(skipped.items()))
        out.not_runs.append((str(folder / STRAVA_CSV), f"{sum(skipped.values())} activities that are not runs ({kinds})"))
