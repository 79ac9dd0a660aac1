"""Runs the runner actually did (imported from watch files): the record, its kind, the week.

Pure domain code: no clock reads, no I/O, no Textual or TinyDB. The importers on the
store side turn FIT/GPX/TCX files into :class:`Run` records; everything here works on
those records.

- :class:`Run`: one run, frozen; ``to_doc``/``from_doc`` define its stored form.
- :func:`validate_run_doc`: the strict check of a stored or imported run document.
- :func:`classify`: easy / hard / long for every run (a runner's correction always wins).
- :func:`actual_week`: the kind of each day the imported runs cover ("rest" when none).
- :func:`same_run`: the de-duplication rule (start time and distance).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, NoReturn

from .weeks import week_start

RUN_KINDS = ("easy", "hard", "long")
#: The order in which a day with several runs takes its kind, and in which a run is
#: "harder" than a declared day (rest < easy < hard < long).
KIND_RANK = {"rest": 0, "easy": 1, "hard": 2, "long": 3}
SOURCES = ("fit", "gpx", "tcx", "strava")

# --- the limits of a believable run -------------------------------------------------------
MIN_DISTANCE_KM = 0.2
MAX_DISTANCE_KM = 350.0  # a long ultra
MIN_DURATION_S = 60
MAX_DURATION_S = 72 * 3600
MIN_HR, MAX_HR = 25, 250
MAX_LAPS = 2000
MAX_UTC_OFFSET = timedelta(hours=14)  # the widest real time zones: UTC-12 .. UTC+14
FIRST_YEAR = 1970

# --- classification (each number with where it comes from) -------------------------------
# The definition: the week's longest run is "long" when it is at least 1.5× the
# runner's median run or lasts 75 minutes or more.
LONG_FACTOR = 1.5
LONG_MINUTES = 75
# The median run is taken over the 4 weeks ending with the run's week (one month of
# running is what a runner calls "my usual run").
MEDIAN_WINDOW_DAYS = 28
# "Clearly above the runner's easy runs": compared with the median of the runner's other
# unstructured runs within 4 weeks either side. Easy running is most of a runner's
# volume (Seiler 2010, ~80 % easy), so that median is an easy run. Clearly above: an
# average heart rate at least 8 bpm (and 5 %) higher, or a pace at least 8 % faster; our
# own conservative convention, set wide enough that day-to-day noise stays "easy".
EASY_WINDOW_DAYS = 28
MIN_REFERENCE_RUNS = 3
HARD_HR_BPM = 8
HARD_HR_FRACTION = 0.05
HARD_PACE_FRACTION = 0.08
# Intervals: at least two laps 13 % or more faster than the run's median lap (the
# difference between an easy pace and a threshold pace), or laps the watch marked as
# rest/interval steps of a structured workout.
INTERVAL_LAP_FRACTION = 0.13
MIN_FAST_LAPS = 2
MIN_LAP_KM = 0.1
# An interval lasts a minute or more; strides (fast bits of 15-30 s, often 100 m) do not
# make a run hard.
MIN_INTERVAL_S = 60

_ID_RE = re.compile(r"^[0-9a-f]{16,64}$")


@dataclass(frozen=True)
class Run:
    """One imported run. ``start`` is an aware datetime in the runner's local time at the
    run (its UTC offset kept), and ``date`` is that local date."""

    id: str
    date: date
    start: datetime
    distance_km: float
    duration_s: int
    kind: str = "easy"
    source: str = "fit"
    avg_hr: int | None = None
    laps: int = 0
    intervals: bool = False  # laps show a structured or interval workout
    kind_set_by_user: bool = False

    @property
    def pace_s_per_km(self) -> float:
        return self.duration_s / self.distance_km

    @property
    def minutes(self) -> float:
        return self.duration_s / 60

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "start": self.start.isoformat(),
            "distance_km": self.distance_km,
            "duration_s": self.duration_s,
            "kind": self.kind,
            "source": self.source,
            "avg_hr": self.avg_hr,
            "laps": self.laps,
            "intervals": self.intervals,
            "kind_set_by_user": self.kind_set_by_user,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Run:
        """Trusting read of a stored document (use :func:`validate_run_doc` for untrusted ones)."""
        return cls(
            id=doc["id"],
            date=date.fromisoformat(doc["date"]),
            start=datetime.fromisoformat(doc["start"]),
            distance_km=doc["distance_km"],
            duration_s=doc["duration_s"],
            kind=doc.get("kind") or "easy",
            source=doc.get("source") or "fit",
            avg_hr=doc.get("avg_hr"),
            laps=doc.get("laps") or 0,
            intervals=bool(doc.get("intervals", False)),
            kind_set_by_user=bool(doc.get("kind_set_by_user", False)),
        )

    def with_changes(self, **changes: Any) -> Run:
        return replace(self, **changes)


def _median(values: Iterable[float]) -> float:
    """The median (``statistics`` costs ~5 ms to import on every start-up path)."""
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        raise ValueError("median of nothing")
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def run_id(start: datetime, distance_km: float) -> str:
    """A stable id from the start instant (to the second, UTC) and the distance (to 10 m)."""
    import hashlib  # only importers make ids

    key = f"{start.timestamp():.0f}|{round(distance_km * 100)}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def make_run(
    start: datetime,
    distance_km: float,
    duration_s: float,
    source: str,
    avg_hr: float | None = None,
    laps: int = 0,
    intervals: bool = False,
) -> Run:
    """A new run from what an importer read (``start`` must carry its UTC offset)."""
    distance = round(float(distance_km), 3)
    return Run(
        id=run_id(start, distance),
        date=start.date(),
        start=start.replace(microsecond=0),
        distance_km=distance,
        duration_s=round(duration_s),
        source=source,
        avg_hr=round(avg_hr) if avg_hr else None,
        laps=int(laps),
        intervals=bool(intervals),
    )


# ------------------------------------------------------------------ strict validation


def _fail(what: str) -> NoReturn:
    raise ValueError(what)


_RUN_FIELDS = frozenset(
    {
        "id",
        "date",
        "start",
        "distance_km",
        "duration_s",
        "kind",
        "source",
        "avg_hr",
        "laps",
        "intervals",
        "kind_set_by_user",
    }
)


def validate_run_doc(doc: object, *, today: date) -> Run:
    """Check a run document strictly (types, ranges, dates 1970..today+1) and return the Run.

    Raises ValueError with one sentence naming the first problem. This is the validator
    to register for ``runs-YYYY.json`` members and for the ``runs`` list of an export."""
    if not isinstance(doc, dict):
        _fail(f"a run must be an object, not {type(doc).__name__}")
    extra = sorted(set(doc) - _RUN_FIELDS)
    if extra:
        _fail(f"a run has unknown field {extra[0]!r}")
    for key in ("id", "date", "start", "distance_km", "duration_s", "kind", "source"):
        if key not in doc:
            _fail(f"a run has no {key!r}")
    rid = doc["id"]
    if not isinstance(rid, str) or not _ID_RE.match(rid):
        _fail("a run's id must be 16-64 lowercase hex digits")
    _check_run_when(rid, doc, today)
    _check_run_figures(rid, doc)
    return Run.from_doc(doc)


def _check_run_when(rid: str, doc: dict[str, Any], today: date) -> None:
    """A run's date and start: ISO, with a real UTC offset, agreeing, in 1970..today+1."""
    if not isinstance(doc["date"], str) or not isinstance(doc["start"], str):
        _fail("a run's date and start must be ISO text")
    try:
        day = date.fromisoformat(doc["date"])
        start = datetime.fromisoformat(doc["start"])
    except ValueError:
        _fail(f"run {rid}: date {doc['date']!r} or start {doc['start']!r} is not an ISO date/time")
    offset = start.utcoffset()
    if start.tzinfo is None or offset is None:
        _fail(f"run {rid}: start {doc['start']!r} has no UTC offset")
    if abs(offset) > MAX_UTC_OFFSET:
        _fail(f"run {rid}: start {doc['start']!r} has a UTC offset no time zone has")
    if start.date() != day:
        _fail(f"run {rid}: date {day} is not the local date of its start {doc['start']}")
    if not date(FIRST_YEAR, 1, 1) <= day <= today + timedelta(days=1):
        _fail(f"run {rid}: date {day} is outside {FIRST_YEAR}-01-01..{today + timedelta(days=1)}")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_run_figures(rid: str, doc: dict[str, Any]) -> None:
    """A run's distance, duration, kind, source, heart rate, laps and flags."""
    distance = doc["distance_km"]
    if isinstance(distance, bool) or not isinstance(distance, (int, float)) or not math.isfinite(distance):
        _fail(f"run {rid}: distance_km must be a number")
    if not MIN_DISTANCE_KM <= distance <= MAX_DISTANCE_KM:
        _fail(f"run {rid}: distance_km {distance} is outside {MIN_DISTANCE_KM}..{MAX_DISTANCE_KM}")
    duration = doc["duration_s"]
    if not _whole(duration):
        _fail(f"run {rid}: duration_s must be a whole number of seconds")
    if not MIN_DURATION_S <= duration <= MAX_DURATION_S:
        _fail(f"run {rid}: duration_s {duration} is outside {MIN_DURATION_S}..{MAX_DURATION_S}")
    if doc["kind"] not in RUN_KINDS:
        _fail(f"run {rid}: kind {doc['kind']!r} is not one of {', '.join(RUN_KINDS)}")
    if doc["source"] not in SOURCES:
        _fail(f"run {rid}: source {doc['source']!r} is not one of {', '.join(SOURCES)}")
    hr = doc.get("avg_hr")
    if hr is not None and (not _whole(hr) or not MIN_HR <= hr <= MAX_HR):
        _fail(f"run {rid}: avg_hr must be empty or a whole number from {MIN_HR} to {MAX_HR}")
    laps = doc.get("laps", 0)
    if not _whole(laps) or not 0 <= laps <= MAX_LAPS:
        _fail(f"run {rid}: laps must be a whole number from 0 to {MAX_LAPS}")
    for flag in ("intervals", "kind_set_by_user"):
        if not isinstance(doc.get(flag, False), bool):
            _fail(f"run {rid}: {flag} must be true or false")


def validate_runs_tables(tables: object, *, today: date, year: int | None = None) -> list[Run]:
    """Check the whole content of a ``runs-YYYY.json`` file: ``{"runs": {"1": doc, ...}}``,
    every document valid, ids unique, and (with ``year``) every run in that year.

    Raises ValueError with one sentence naming the first problem."""
    if not isinstance(tables, dict) or set(tables) - {"runs"}:
        _fail('a runs file must hold only a "runs" table')
    table = tables.get("runs", {})
    if not isinstance(table, dict):
        _fail('the "runs" table must be an object of documents')
    runs: list[Run] = []
    seen: set[str] = set()
    for key, doc in table.items():
        if not (isinstance(key, str) and key.isdigit()):
            _fail(f"document key {key!r} is not a number")
        run = validate_run_doc(doc, today=today)
        if run.id in seen:
            _fail(f"run {run.id} is there twice")
        if year is not None and run.date.year != year:
            _fail(f"run {run.id} on {run.date} does not belong in the {year} file")
        seen.add(run.id)
        runs.append(run)
    return runs


# ------------------------------------------------------------------ de-duplication


def same_run(a: Run, b: Run) -> bool:
    """The same run recorded twice (a watch file and its Strava copy): starts within two
    minutes of each other and distances within 3 % (or 100 m)."""
    if abs((a.start - b.start).total_seconds()) > 120:
        return False
    return abs(a.distance_km - b.distance_km) <= max(0.1, 0.03 * max(a.distance_km, b.distance_km))


def merge_new(existing: list[Run], incoming: list[Run]) -> tuple[list[Run], int]:
    """The incoming runs that are not already there (nor twice in ``incoming``), and how
    many were skipped as duplicates."""
    by_day: dict[date, list[Run]] = {}
    for r in existing:
        by_day.setdefault(r.date, []).append(r)
    fresh: list[Run] = []
    skipped = 0
    for r in sorted(incoming, key=lambda r: r.start):
        near = [x for d in (r.date - timedelta(days=1), r.date, r.date + timedelta(days=1)) for x in by_day.get(d, [])]
        if any(same_run(r, x) for x in near):
            skipped += 1
            continue
        fresh.append(r)
        by_day.setdefault(r.date, []).append(r)
    return fresh, skipped


# ------------------------------------------------------------------ laps


def looks_like_intervals(laps: list[tuple[float, float, str]]) -> bool:
    """Laps as (distance_km, seconds, intensity), in the order the watch wrote them.

    Intervals: a structured workout (an interval step of a minute or more, or rest/recovery
    steps after at least two work steps of a minute or more), or at least two laps of a minute or more
    clearly faster than the run's median lap. Strides (fast bits of ≤ 30 s, with or
    without rest steps between them) on an easy run do not count: a lap must last
    ``MIN_INTERVAL_S`` to be an interval."""
    marked = any(intensity in ("rest", "interval", "recovery") for _, _, intensity in laps)
    if marked:
        # work steps: laps of a minute or more that a rest/recovery step follows
        work = [
            a
            for a, b in zip(laps, laps[1:])
            if a[2] in ("active", "interval") and a[1] >= MIN_INTERVAL_S and b[2] in ("rest", "recovery")
        ]
        if len(work) >= MIN_FAST_LAPS:
            return True
        if any(i == "interval" and s >= MIN_INTERVAL_S for _, s, i in laps):  # a work step the watch marked
            return True
    paces = [s / d for d, s, _ in laps if d >= MIN_LAP_KM and s > 0]
    if len(paces) < 3:
        return False
    median = _median(paces)
    fast = [
        1
        for d, s, _ in laps
        if d >= MIN_LAP_KM and s >= MIN_INTERVAL_S and s / d <= median * (1 - INTERVAL_LAP_FRACTION)
    ]
    return len(fast) >= MIN_FAST_LAPS


# ------------------------------------------------------------------ classification


def classify(runs: list[Run], week_start_index: int = 0) -> list[Run]:
    """Every run with its kind: long, hard or easy. A kind the runner set is kept.

    - long: the week's longest run (by distance) when it is ≥ 1.5× the median run of the
      4 weeks ending with that week, or lasts ≥ 75 min. A run the runner marked long
      takes the week's long slot instead.
    - hard: intervals in its laps, or an average heart rate (else pace) clearly above the
      runner's other unstructured runs of the 4 weeks either side (needs 3 of them).
    - easy: everything else.
    """
    ordered = sorted(runs, key=lambda r: (r.start, r.id))
    if not ordered:
        return []
    days = [r.date for r in ordered]
    distances = [r.distance_km for r in ordered]
    kinds: dict[str, str] = {}

    weeks: dict[date, list[Run]] = {}
    for r in ordered:
        weeks.setdefault(week_start(r.date, week_start_index), []).append(r)
    long_ids: set[str] = set()
    for start, mine in weeks.items():
        if any(r.kind_set_by_user and r.kind == "long" for r in mine):
            continue
        longest = max(mine, key=lambda r: (r.distance_km, r.duration_s, -r.start.timestamp()))
        end = start + timedelta(days=6)
        lo = bisect.bisect_left(days, end - timedelta(days=MEDIAN_WINDOW_DAYS - 1))
        hi = bisect.bisect_right(days, end)
        median = _median(distances[lo:hi])
        if longest.distance_km >= LONG_FACTOR * median - 1e-9 or longest.duration_s >= LONG_MINUTES * 60:
            long_ids.add(longest.id)

    reference = [
        r for r in ordered if not r.intervals and r.id not in long_ids and not (r.kind_set_by_user and r.kind != "easy")
    ]
    ref_days = [r.date for r in reference]
    for r in ordered:
        if r.kind_set_by_user:
            kinds[r.id] = r.kind
        elif r.id in long_ids:
            kinds[r.id] = "long"
        elif r.intervals or _clearly_harder(r, reference, ref_days):
            kinds[r.id] = "hard"
        else:
            kinds[r.id] = "easy"
    return [r if r.kind == kinds[r.id] else r.with_changes(kind=kinds[r.id]) for r in ordered]


def _clearly_harder(run: Run, reference: list[Run], ref_days: list[date]) -> bool:
    lo = bisect.bisect_left(ref_days, run.date - timedelta(days=EASY_WINDOW_DAYS))
    hi = bisect.bisect_right(ref_days, run.date + timedelta(days=EASY_WINDOW_DAYS))
    others = [r for r in reference[lo:hi] if r.id != run.id]
    with_hr = [r.avg_hr for r in others if r.avg_hr]
    if run.avg_hr and len(with_hr) >= MIN_REFERENCE_RUNS:
        median_hr = _median(with_hr)
        return run.avg_hr >= median_hr + max(HARD_HR_BPM, HARD_HR_FRACTION * median_hr)
    if len(others) >= MIN_REFERENCE_RUNS:
        median_pace = _median(r.pace_s_per_km for r in others)
        return run.pace_s_per_km <= median_pace * (1 - HARD_PACE_FRACTION)
    return False


# ------------------------------------------------------------------ the actual week


def day_kind(runs: list[Run]) -> str:
    """A day's kind from its runs: long > hard > easy; "rest" with none."""
    return max((r.kind for r in runs), key=KIND_RANK.__getitem__, default="rest")


def actual_week(runs: list[Run], first: date, last: date) -> dict[date, str]:
    """For every date in [first, last] that the imported runs cover (from the first run's
    date to the last one's), that day's run kind, or "rest" when there was no run.

    Dates outside the covered span are absent: there the declared running week stays the
    forecast. Pass the runs of the span plus the nearest run on each side of it (the
    service does) so that the covered span is known at its edges."""
    if not runs:
        return {}
    by_day: dict[date, list[Run]] = {}
    for r in runs:
        by_day.setdefault(r.date, []).append(r)
    lo = max(first, min(by_day))
    hi = min(last, max(by_day))
    out: dict[date, str] = {}
    day = lo
    while day <= hi:
        out[day] = day_kind(by_day.get(day, []))
        day += timedelta(days=1)
    return out


def effective_days(declared: tuple[str, ...], actual: dict[date, str], first: date, last: date) -> dict[date, str]:
    """Every day of [first, last] with the run type the planner should use: the actual
    kind where imports cover the day, else the declared weekday's type (the forecast).
    ``declared`` is ``Profile.runs`` (Monday first)."""
    out: dict[date, str] = {}
    day = first
    while day <= last:
        out[day] = actual.get(day, declared[day.weekday()])
        day += timedelta(days=1)
    return out


# ------------------------------------------------------------------ words


def duration_text(seconds: int) -> str:
    """1:58 for a run under 10 hours (h:mm), 45 min under an hour."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60}:{minutes % 60:02d}"


def run_line(run: Run) -> str:
    """'21.1 km long run, 1:58'."""
    return f"{run.distance_km:.1f} km {run.kind} run, {duration_text(run.duration_s)}"


def day_line(day: date, runs: list[Run]) -> str:
    """'Sat: 21.1 km long run, 1:58' (several runs joined with ' + ')."""
    mine = sorted((r for r in runs if r.date == day), key=lambda r: r.start)
    return f"{day:%a}: " + " + ".join(run_line(r) for r in mine)


def article(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


_PLURALS = {
    "activity of another kind": "activities of other kinds",
    "activity of no set sport": "activities of no set sport",
    "file without an activity": "files without an activity",
    "untyped walk or hike": "untyped walks or hikes",
    "untyped track too fast for a run": "untyped tracks too fast for a run",
}


def plural_noun(count: int, noun: str) -> str:
    """'1 ride', '2 rides', '2 activities of other kinds'."""
    if count == 1:
        return f"1 {noun}"
    if noun in _PLURALS:
        return f"{count} {_PLURALS[noun]}"
    if noun.endswith("activity"):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}{'es' if noun.endswith(('sh', 'ch', 's')) else 's'}"


def skipped_text(kinds: dict[str, int]) -> str:
    """'2 rides, 1 swim' (most first)."""
    return ", ".join(plural_noun(n, k) for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
