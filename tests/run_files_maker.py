"""Small activity files written by the tests themselves: FIT with Garmin's own encoder
(garmin-fit-sdk), GPX with gpxpy, TCX as plain XML. Nothing is copied from elsewhere."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

FIT_EPOCH_S = 631065600  # 1989-12-31T00:00:00Z


def fit_bytes(
    start: datetime,
    km: float,
    seconds: float,
    *,
    sport: str = "running",
    local_offset: timedelta | None = timedelta(hours=1),
    avg_hr: int | None = None,
    laps: list[tuple[float, float, str]] | None = None,
    session_distance: bool = True,
    session_sport: bool = True,
    clock_jump: tuple[int, timedelta] | None = None,
) -> bytes:
    """An activity FIT file: file_id, laps, one session, the activity record.

    ``session_distance=False`` leaves the session's total out (some Suunto files),
    ``session_sport=False`` its sport;
    ``clock_jump=(n, delta)`` moves the clock by ``delta`` from the n-th lap on."""
    from garmin_fit_sdk import Encoder, Profile

    mesg = Profile["mesg_num"]
    start = start.astimezone(UTC)
    end = start + timedelta(seconds=seconds)
    enc = Encoder()
    enc.on_mesg(
        mesg["FILE_ID"],
        {"type": "activity", "manufacturer": "development", "product": 0, "time_created": start, "serial_number": 1},
    )
    lap_start = start
    for n, (lap_km, lap_s, intensity) in enumerate(laps or [(km, seconds, "active")]):
        if clock_jump and n == clock_jump[0]:
            lap_start += clock_jump[1]
        enc.on_mesg(
            mesg["LAP"],
            {
                "timestamp": lap_start + timedelta(seconds=lap_s),
                "start_time": lap_start,
                "total_distance": lap_km * 1000,
                "total_timer_time": float(lap_s),
                "total_elapsed_time": float(lap_s),
                "intensity": intensity,
                "sport": sport,
            },
        )
        lap_start += timedelta(seconds=lap_s)
    session = {
        "timestamp": end,
        "start_time": start,
        "sport": sport,
        "total_distance": km * 1000,
        "total_timer_time": float(seconds),
        "total_elapsed_time": float(seconds),
        "num_laps": len(laps or [1]),
    }
    if not session_distance:
        del session["total_distance"]
    if not session_sport:  # some writers leave the sport to the laps
        del session["sport"]
    if avg_hr:
        session["avg_heart_rate"] = avg_hr
    enc.on_mesg(mesg["SESSION"], session)
    activity = {"timestamp": end, "num_sessions": 1, "type": "manual"}
    if local_offset is not None:
        activity["local_timestamp"] = int(end.timestamp() + local_offset.total_seconds()) - FIT_EPOCH_S
    enc.on_mesg(mesg["ACTIVITY"], activity)
    return bytes(enc.close())


def _track(start: datetime, km: float, seconds: float, points: int = 60):
    """(time, lat, lon) points due north at an even pace: 1° latitude ≈ 111.2 km."""
    out = []
    for i in range(points + 1):
        f = i / points
        out.append((start + timedelta(seconds=seconds * f), 52.0 + km * f / 111.195, 13.0))
    return out


def gpx_text(start: datetime, km: float, seconds: float, *, kind: str | None = "running", hr: int | None = None) -> str:
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack(name="Morning Run")
    track.type = kind
    segment = gpxpy.gpx.GPXTrackSegment()
    for moment, lat, lon in _track(start, km, seconds):
        segment.points.append(gpxpy.gpx.GPXTrackPoint(lat, lon, elevation=40, time=moment))
    track.segments.append(segment)
    gpx.tracks.append(track)
    text = gpx.to_xml()
    if hr:
        ext = f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>"
        text = text.replace("</trkpt>", ext).replace(
            "<gpx ", '<gpx xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" ', 1
        )
    return text


def tcx_text(
    start: datetime,
    km: float,
    seconds: float,
    *,
    sport: str = "Running",
    hr: int | None = None,
    laps: list[tuple[float, float, str]] | None = None,
    time_suffix: str = "Z",
    leading: str = "",
) -> str:
    """A TCX activity; times are written in UTC with ``time_suffix`` (Z or an offset)."""

    def stamp(moment: datetime) -> str:
        if time_suffix == "Z":
            return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        sign = 1 if time_suffix[0] == "+" else -1
        hh, mm = time_suffix[1:].split(":")
        off = timedelta(hours=int(hh), minutes=int(mm)) * sign
        return (moment.astimezone(UTC) + off).strftime("%Y-%m-%dT%H:%M:%S") + time_suffix

    lap_xml = []
    t = start
    done_km = 0.0
    for lap_km, lap_s, intensity in laps or [(km, seconds, "Active")]:
        points = []
        for moment, lat, lon in _track(t, lap_km, lap_s, points=10):
            f = (moment - t).total_seconds() / lap_s if lap_s else 0
            hr_xml = f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>" if hr else ""
            points.append(
                f"<Trackpoint><Time>{stamp(moment)}</Time><Position><LatitudeDegrees>{lat + done_km / 111.195:.6f}</LatitudeDegrees>"
                f"<LongitudeDegrees>{lon:.6f}</LongitudeDegrees></Position>"
                f"<DistanceMeters>{(done_km + lap_km * f) * 1000:.1f}</DistanceMeters>{hr_xml}</Trackpoint>"
            )
        lap_xml.append(
            f'<Lap StartTime="{stamp(t)}"><TotalTimeSeconds>{lap_s:.1f}</TotalTimeSeconds>'
            f"<DistanceMeters>{lap_km * 1000:.1f}</DistanceMeters><Calories>0</Calories>"
            f"<Intensity>{intensity}</Intensity><TriggerMethod>Manual</TriggerMethod><Track>{''.join(points)}</Track></Lap>"
        )
        t += timedelta(seconds=lap_s)
        done_km += lap_km
    return (
        f'{leading}<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{stamp(start)}</Id>{"".join(lap_xml)}</Activity></Activities>'
        "</TrainingCenterDatabase>"
    )


def write(path: Path, payload: bytes | str, gz: bool = False) -> Path:
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    if gz:
        data = gzip.compress(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def strava_folder(folder: Path, rows: list[dict]) -> Path:
    """A Strava bulk-export folder: activities.csv (with its repeated column names) and
    the files its rows name (rows carry 'file' and 'payload' for those)."""
    import csv

    header = [
        "Activity ID",
        "Activity Date",
        "Activity Name",
        "Activity Type",
        "Activity Description",
        "Elapsed Time",
        "Distance",
        "Max Heart Rate",
        "Relative Effort",
        "Commute",
        "Activity Private Note",
        "Activity Gear",
        "Filename",
        "Athlete Weight",
        "Bike Weight",
        "Elapsed Time",
        "Moving Time",
        "Distance",
        "Max Speed",
        "Average Speed",
        "Elevation Gain",
        "Average Heart Rate",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "activities.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for i, row in enumerate(rows, 1):
            start: datetime = row["start"].astimezone(UTC)
            name = row.get("file", "")
            if name and "payload" in row:
                write(folder / name, row["payload"], gz=name.endswith(".gz"))
            km, seconds = row.get("km", 5.0), row.get("seconds", 1800)
            w.writerow(
                [
                    1000 + i,
                    start.strftime("%b %-d, %Y, %-I:%M:%S %p"),
                    "Run",
                    row.get("type", "Run"),
                    "",
                    int(seconds),
                    f"{km:.2f}",
                    "",
                    "",
                    "false",
                    "",
                    "",
                    name,
                    "",
                    "",
                    f"{seconds:.1f}",
                    f"{seconds:.1f}",
                    f"{km * 1000:.1f}",
                    "",
                    "",
                    "",
                    row.get("hr", ""),
                ]
            )
    (folder / "profile.csv").write_text("Athlete ID\n1\n")
    return folder
