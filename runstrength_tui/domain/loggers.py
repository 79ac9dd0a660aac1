"""Histories from the phone loggers Strong and Hevy: their CSV exports read as our sessions
and sets, ready for the same strict check and staged swap as our own export.

Pure Python: the text comes in, records (still as documents, for the schema) come out.

- *Which app*: told by the header. Strong writes ``Date,Workout Name,Duration,Exercise
  Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE`` (current) or
  ``Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance
  Unit;Seconds;Notes;Workout Notes;Workout Duration`` (older), with commas or, in locales
  that write decimals with a comma, semicolons. Hevy writes ``title,start_time,end_time,
  description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg (or
  weight_lbs),reps,distance_km (or distance_miles),duration_seconds,rpe``.
- *Names*: mapped to catalog ids by ``data/logger_names.toml`` (:class:`NameMap`); a name
  not there is left out and reported, never guessed.
- *Warm-up sets* (Strong's ``W`` set order, Hevy's ``warmup`` set type) are left out and
  counted: runstrength's own warm-up is not logged, and light warm-up loads would read as
  the runner's working loads. Drop and failure sets are working sets.
- *Days*: both apps write local wall-clock times, so a workout's day is the day its start
  says, whatever the computer's time zone.
- *Ids*: made from the app, the workout's start and the set's place in the file, so the
  same file imported twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .catalog import Catalog, CatalogError
from .words import KG_PER_LB

STRONG_CURRENT = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)
STRONG_OLDER = (
    "Date",
    "Workout Name",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Weight Unit",
    "Reps",
    "RPE",
    "Distance",
    "Distance Unit",
    "Seconds",
    "Notes",
    "Workout Notes",
    "Workout Duration",
)
HEVY_COMMON = ("title", "start_time", "end_time", "exercise_title", "set_index", "set_type", "reps", "duration_seconds")


MAX_NAMES_SHOWN = 15  # the summary names the exercises with the most sets left out


# --- the name table ---------------------------------------------------------------------------


_PAREN = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def _word(w: str) -> str:
    return w[:-1] if len(w) > 2 and w.endswith("s") and not w.endswith("ss") else w


def normal_name(text: str) -> str:
    """A name as compared: no case, hyphens or extra spaces, no plural s ("Push-Ups" ≡ "push up")."""
    words = re.sub(r"[-_/,.']", " ", text.casefold()).split()
    return " ".join(_word(w) for w in words)


def _key(name: str, equipment: str) -> tuple[str, str]:
    return normal_name(name), normal_name(equipment)


def split_name(text: str) -> tuple[str, str]:
    """'Goblet Squat (Kettlebell)' → ('Goblet Squat', 'Kettlebell'); no suffix → (text, '')."""
    match = _PAREN.match(text.strip())
    return (match.group(1), match.group(2)) if match else (text.strip(), "")


@dataclass(frozen=True)
class NameMap:
    """Logger names → catalog ids (see data/logger_names.toml)."""

    ids: dict[tuple[str, str], str]

    def lookup(self, text: str) -> str | None:
        name, equipment = split_name(text)
        return self.ids.get(_key(name, equipment))


def parse_name_map(doc: dict[str, Any], catalog: Catalog) -> NameMap:
    """The shipped name table, checked like the catalog: CatalogError names what is wrong."""
    ids: dict[tuple[str, str], str] = {}
    for table, entry in doc.items():
        where = f"logger_names.toml [{table}]"
        if not isinstance(entry, dict) or set(entry) - {"id", "names", "equipment"}:
            raise CatalogError(f"{where}: expected id, names and equipment only")
        target = entry.get("id", table)
        if target not in catalog:
            raise CatalogError(f"{where}: {target!r} is not an exercise of the catalog")
        names, equipment = entry.get("names"), entry.get("equipment", [""])
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and n.strip() for n in names)
            or not isinstance(equipment, list)
            or not all(isinstance(e, str) for e in equipment)
        ):
            raise CatalogError(f"{where}: names must be a list of names, equipment a list of suffixes")
        for name in names:
            for suffix in equipment:
                key = _key(name, suffix)
                if ids.setdefault(key, target) != target:
                    shown = f"{name} ({suffix})" if suffix else name
                    raise CatalogError(f"{where}: {shown!r} already leads to {ids[key]!r}")
    return NameMap(ids)


# --- reading a file ---------------------------------------------------------------------------


class LoggerFileError(ValueError):
    """The file is not one we can read (one line, for the runner)."""


@dataclass
class Imported:
    """A logger export read: documents for the schema, and what was left out."""

    app: str  # "Strong" or "Hevy"
    sessions: list[dict[str, Any]] = field(default_factory=list)
    sets: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the file row of each set (the header is row 1)
    unmapped: Counter[str] = field(default_factory=Counter)  # name → sets left out
    warmups: int = 0
    empty: int = 0  # sets with neither reps nor seconds for what the exercise counts

    def left_out(self) -> str:
        """One line: what was not imported, and why ('' when everything was)."""
        parts = []
        if self.unmapped:
            count = sum(self.unmapped.values())
            ranked = sorted(self.unmapped.items(), key=lambda kv: (-kv[1], kv[0]))
            names = ", ".join(f"{n} ({c})" for n, c in ranked[:MAX_NAMES_SHOWN])
            if len(ranked) > MAX_NAMES_SHOWN:
                names += f" and {len(ranked) - MAX_NAMES_SHOWN} more"
            parts.append(
                f"{count} set{'s' if count != 1 else ''} of {len(self.unmapped)} exercise"
                f"{'s' if len(self.unmapped) != 1 else ''} runstrength does not know: {names}"
            )
        if self.warmups:
            parts.append(f"{self.warmups} warm-up set{'s' if self.warmups != 1 else ''}")
        if self.empty:
            parts.append(f"{self.empty} set{'s' if self.empty != 1 else ''} with no reps or time")
        return ("Left out: " + "; ".join(parts) + ".") if parts else ""


def detect(text: str) -> str | None:
    """'strong', 'hevy' or None, from the header line."""
    header = _header(text)
    if header is None:
        return None
    if set(HEVY_COMMON) <= set(header) and ({"weight_kg", "weight_lbs"} & set(header)):
        return "hevy"
    if set(STRONG_CURRENT) <= set(header) or set(STRONG_OLDER) <= set(header):
        return "strong"
    return None


def _separator(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _header(text: str) -> list[str] | None:
    first = (
        text[:2048].lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    )  # a header is short; a JSON file may be one long line
    try:
        row = next(csv.reader([first], delimiter=_separator(first)), None)
    except csv.Error:
        return None
    return [c.strip() for c in row] if row else None


def read(text: str, catalog: Catalog, names: NameMap, strong_unit: str = "kg") -> tuple[Imported, list[str]]:
    """(what the file holds, problems by row). ``strong_unit`` is the unit of Strong's
    current export, which does not say (the runner's units)."""
    app = detect(text)
    if app is None:
        raise LoggerFileError("not a Strong or Hevy export")
    body = text.lstrip("\ufeff")
    sep = _separator(body[:2048].split("\n", 1)[0])
    try:
        rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=sep))
    except csv.Error as exc:
        if "field limit" in str(exc):
            return Imported(app.title()), [
                "a cell longer than 128 KiB; no cell of a workout export is anywhere near that"
            ]
        return Imported(app.title()), [f"not readable as CSV ({str(exc)[:80]})"]
    header = [c.strip() for c in rows[0]]
    reader = _Reader(app, header, sep, catalog, names, strong_unit)
    for number, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        reader.row(number, row)
        if len(reader.problems) >= 5:
            break
    return reader.done()


_STRONG_DAY = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %I:%M %p")
_HEVY_DAY = ("%d %b %Y, %H:%M", "%d %b %Y, %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M")
_DURATION = re.compile(r"^(?:(\d{1,3})\s*h)?\s*(?:(\d{1,4})\s*m(?:in)?)?\s*(?:(\d{1,5})\s*s)?$")


def _moment(text: str, forms: tuple[str, ...]) -> datetime | None:
    text = text.replace("\u202f", " ").replace("\xa0", " ").strip()
    for form in forms:
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    return None


def _duration_seconds(text: str) -> int | None:
    """'1h 5m', '45m', '50min', '30s' or a bare number of seconds; None when unreadable."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    match = _DURATION.match(text)
    if not text or not match or not any(match.groups()):
        return None
    h, m, s = (int(g) if g else 0 for g in match.groups())
    return h * 3600 + m * 60 + s


class _Reader:
    def __init__(self, app: str, header: list[str], sep: str, catalog: Catalog, names: NameMap, strong_unit: str):
        self.app, self.header, self.sep = app, header, sep
        self.catalog, self.names = catalog, names
        self.col = {name: i for i, name in enumerate(header)}
        self.out = Imported("Hevy" if app == "hevy" else "Strong")
        self.problems: list[str] = []
        self.unit = ("lb" if "weight_lbs" in self.col else "kg") if app == "hevy" else strong_unit
        self.sessions: dict[str, dict[str, Any]] = {}
        self.seen: Counter[str] = Counter()
        self.noted: set[tuple[str, str]] = set()

    def cell(self, row: list[str], name: str) -> str:
        i = self.col.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    def number(self, text: str, what: str, number: int) -> float | None:
        if not text:
            return None
        if self.sep == ";":
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.problems.append(f"row {number}, {what}: expected a number, found {_shown(text)}")
            return None
        return value

    def row(self, number: int, row: list[str]) -> None:
        if len(row) != len(self.header):
            self.problems.append(f"row {number}: {len(row)} cells, {len(self.header)} expected")
            return
        if self.app == "hevy":
            self.hevy(number, row)
        else:
            self.strong(number, row)

    def strong(self, number: int, row: list[str]) -> None:
        when = _moment(self.cell(row, "Date"), _STRONG_DAY)
        if when is None:
            self.problems.append(
                f"row {number}, Date: expected a date like 2024-03-12 18:30:00, found {_shown(self.cell(row, 'Date'))}"
            )
            return
        duration_text = self.cell(row, "Duration") if "Duration" in self.col else self.cell(row, "Workout Duration")
        seconds_long = _duration_seconds(duration_text) if duration_text else None
        if duration_text and seconds_long is None:
            self.problems.append(f"row {number}, Duration: expected a time like 1h 5m, found {_shown(duration_text)}")
            return
        order = self.cell(row, "Set Order")
        if order.casefold() in ("rest timer", "note"):  # Strong's rest-timer and note rows hold no set
            return
        warmup = order.upper() == "W"
        if not (order.isdigit() or order.upper() in ("W", "D", "F")):
            self.problems.append(f"row {number}, Set Order: expected a set number (or W, D, F), found {_shown(order)}")
            return
        unit = self.unit
        if "Weight Unit" in self.col and self.cell(row, "Weight") not in ("", "0"):
            given = self.cell(row, "Weight Unit").casefold()
            if given not in ("kg", "kgs", "lb", "lbs"):
                self.problems.append(f"row {number}, Weight Unit: expected kg or lbs, found {_shown(given)}")
                return
            unit = "lb" if given.startswith("lb") else "kg"
        self.add(
            number,
            row,
            when,
            seconds_long,
            self.cell(row, "Workout Name"),
            self.cell(row, "Exercise Name"),
            warmup,
            self.cell(row, "Weight"),
            unit,
            self.cell(row, "Reps"),
            self.cell(row, "Seconds"),
            self.cell(row, "RPE"),
            self.cell(row, "Notes"),
        )

    def hevy(self, number: int, row: list[str]) -> None:
        start = _moment(self.cell(row, "start_time"), _HEVY_DAY)
        end = _moment(self.cell(row, "end_time"), _HEVY_DAY) if self.cell(row, "end_time") else None
        if start is None or (self.cell(row, "end_time") and end is None):
            which = "start_time" if start is None else "end_time"
            self.problems.append(
                f"row {number}, {which}: expected a time like 26 Jan 2024, 18:32, found {_shown(self.cell(row, which))}"
            )
            return
        kind = self.cell(row, "set_type").casefold()
        if kind not in ("normal", "warmup", "failure", "dropset", ""):
            self.problems.append(
                f"row {number}, set_type: expected normal, warmup, failure or dropset, found {_shown(kind)}"
            )
            return
        seconds_long = int((end - start).total_seconds()) if end is not None and end >= start else None
        weight_col = "weight_lbs" if "weight_lbs" in self.col else "weight_kg"
        self.add(
            number,
            row,
            start,
            seconds_long,
            self.cell(row, "title"),
            self.cell(row, "exercise_title"),
            kind == "warmup",
            self.cell(row, weight_col),
            self.unit,
            self.cell(row, "reps"),
            self.cell(row, "duration_seconds"),
            self.cell(row, "rpe"),
            self.cell(row, "exercise_notes"),
        )

    def add(
        self,
        number: int,
        row: list[str],
        start: datetime,
        seconds_long: int | None,
        title: str,
        name: str,
        warmup: bool,
        weight_text: str,
        unit: str,
        reps_text: str,
        seconds_text: str,
        rpe_text: str,
        note: str,
    ) -> None:
        weight = self.number(weight_text, "weight", number)
        reps = self.number(reps_text, "reps", number)
        secs = self.number(seconds_text, "seconds", number)
        rpe = self.number(rpe_text, "RPE", number)
        if self.problems and self.problems[-1].startswith(f"row {number},"):
            return
        exercise = self.names.lookup(name)
        if exercise is None:
            self.out.unmapped[name or "(no name)"] += 1
            return
        if warmup:
            self.out.warmups += 1
            return
        hold = self.catalog.get(exercise).is_hold
        measure = secs if hold else reps
        if not measure:
            self.out.empty += 1
            return
        session_key = f"{self.app}|{start.isoformat()}|{title}"
        session_id = f"{self.app}-" + hashlib.blake2b(session_key.encode(), digest_size=8).hexdigest()
        if session_id not in self.sessions:
            doc: dict[str, Any] = {
                "id": session_id,
                "date": start.date().isoformat(),
                "started_at": start.isoformat(),
                "kind": "strength",
                "ended_at": None,
                "rpe": None,
                "minutes": None,
            }
            if seconds_long:
                doc["ended_at"] = (start + timedelta(seconds=seconds_long)).isoformat()
                doc["minutes"] = round(seconds_long / 60, 1)
            self.sessions[session_id] = doc
            self.out.sessions.append(doc)
        self.seen[session_id] += 1
        set_id = f"{session_id}-{self.seen[session_id]}"
        first_note = (session_id, exercise) not in self.noted
        self.noted.add((session_id, exercise))
        load_kg: Any = None
        if weight:  # 0 or empty: bodyweight
            load_kg = weight * KG_PER_LB if unit == "lb" else weight
        self.out.sets.append(
            {
                "id": set_id,
                "session": session_id,
                "exercise": exercise,
                "date": start.date().isoformat(),
                "logged_at": (start + timedelta(seconds=self.seen[session_id])).isoformat(),
                "reps": _whole(measure) if not hold else None,
                "seconds": _whole(measure) if hold else None,
                # a half RPE (8.5) is rounded up: we log whole ones; 0 or empty is none given
                "load_kg": load_kg,
                "unit": unit,
                "rpe": _whole(math.floor(rpe + 0.5)) if rpe else None,
                "pain": False,
                # Hevy repeats an exercise's note on each of its sets: kept once
                "note": note if (self.app != "hevy" or first_note) else "",
                "source": self.app,
                "edited_at": None,
                "warnings": [],
            }
        )
        self.out.rows.append(number)

    def done(self) -> tuple[Imported, list[str]]:
        return self.out, self.problems


def _whole(value: float) -> int | float:
    """A whole number as an int; anything else as found, for the schema to name."""
    return int(value) if value == int(value) else value


def _shown(text: str) -> str:
    shown = text if len(text) <= 24 else text[:21] + "..."
    return f'"{shown}"' if shown else "nothing"
