"""One strict schema for every stored document: sets, sessions, profile, meta, acks.

Pure Python (no file I/O, no clock reads). Each document kind is one table of fields, so
adding a field is one line. The store applies these tables to every file it reads (a
violation is a damaged file) and the CLI applies them to every file it imports (a violation
is bad input); the bounds are the CLI's own (``domain/validate.py``), so nothing the app
writes can be refused when read back.

Why hand-written: measured with ``python -X importtime`` on this machine, pydantic 2 costs
~110 ms to import and define a model, jsonschema ~64 ms, msgspec ~24 ms; these tables cost
under 1 ms, and `runstrength status` must stay quick.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any, NoReturn

from .model import EQUIPMENT, LEVELS, NOTIFY_MODES, RUN_TYPES, SIGNALS, WEEKDAYS
from .rules import RACE_RECOVERY
from .validate import MAX_LOAD_KG, MAX_NOTE, MAX_REPS, MAX_SECONDS
from .words import first_control

EARLIEST = date(1970, 1, 1)
LATEST = date(2200, 12, 31)  # the last day any stored date may name: past it, a date is damage
MAX_INT_DIGITS = 20  # JSON integers longer than this are refused before Python parses them
MAX_PROBLEMS = 5  # how many problems an error message lists


@dataclass(frozen=True)
class Window:
    """The dates a document may hold. What is stored or imported is checked against the
    absolute window (1970 to 2200): a date after today is not damage (a clock set wrong, a
    pinned date) and never locks the runner out. ``for_today`` (logged days up to
    tomorrow, planned days up to a year ahead) is the stricter window for what a person
    types today."""

    latest: date
    plan_latest: date
    earliest: date = EARLIEST
    # plain: free text (notes) must hold no control character. Set for what comes from
    # outside (import, restore); a log already on disk is read as it is (its output is
    # escaped), so an old note never locks the runner out.
    plain: bool = False

    @classmethod
    def for_today(cls, today: date) -> Window:
        return cls(latest=today + timedelta(days=1), plan_latest=today + timedelta(days=366))

    @classmethod
    def absolute(cls, plain: bool = False) -> Window:
        return cls(latest=LATEST, plan_latest=LATEST, plain=plain)

    @cached_property
    def iso(self) -> tuple[str, str, str]:
        """(earliest, latest, plan_latest) as YYYY-MM-DD: ISO days compare as text."""
        return self.earliest.isoformat(), self.latest.isoformat(), self.plan_latest.isoformat()


# --- safe JSON ----------------------------------------------------------------------------


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a number with {len(text)} digits (more than {MAX_INT_DIGITS})")
    return int(text)


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number JSON allows")


def loads(text: str, check_ints: bool = True) -> Any:
    """json.loads, refusing what could hurt us later: integers longer than 20 digits,
    NaN/Infinity, and nesting too deep for the parser (its RecursionError). Raises
    ValueError with one short reason. ``check_ints=False`` skips the integer guard (a call
    per integer) for text that passed it before."""
    try:
        return json.loads(text, parse_int=_bounded_int if check_ints else None, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ValueError("nested too deeply (brackets inside brackets, hundreds of levels)") from None
    except ValueError as exc:
        raise ValueError(str(exc).split("\n")[0]) from None


# --- field kinds ----------------------------------------------------------------------------


def found(value: object) -> str:
    """How a wrong value is named in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 24 else value[:21] + "..."
        return f"the text {json.dumps(shown, ensure_ascii=True)}"
    if isinstance(value, (int, float)):
        return f"{value!r}"[:24]
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,30}")


def show_key(key: object) -> str:
    """A key from a file, safe to print on one line."""
    return key if isinstance(key, str) and _PLAIN_KEY.fullmatch(key) else found(key)


class Kind:
    """One kind of value: ``check`` returns what is wrong (a phrase) or None.

    Plain classes rather than dataclasses: they are built at import time, on the start-up
    path of every command."""

    __slots__ = ()

    def check(self, value: object, window: Window) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError


class Int(Kind):
    __slots__ = ("lo", "hi")

    def __init__(self, lo: int, hi: int):
        self.lo, self.hi = lo, hi

    def check(self, value: object, window: Window) -> str | None:
        if type(value) is not int or not self.lo <= value <= self.hi:
            return f"expected a whole number from {self.lo} to {self.hi}, found {found(value)}"
        return None


class Num(Kind):
    """A finite number above ``lo`` (or from ``lo`` with above_lo=False) up to ``hi``."""

    __slots__ = ("lo", "hi", "above_lo")

    def __init__(self, lo: float, hi: float, above_lo: bool = True):
        self.lo, self.hi, self.above_lo = lo, hi, above_lo

    def check(self, value: object, window: Window) -> str | None:
        ok = False
        if type(value) is int or (type(value) is float and math.isfinite(value)):
            ok = (value > self.lo if self.above_lo else value >= self.lo) and value <= self.hi
        if not ok:
            low = f"above {self.lo:g}" if self.above_lo else f"from {self.lo:g}"
            return f"expected a number {low} up to {self.hi:g}, found {found(value)}"
        return None


class Bool(Kind):
    __slots__ = ()

    def check(self, value: object, window: Window) -> str | None:
        if type(value) is not bool:
            return f"expected true or false, found {found(value)}"
        return None


class Text(Kind):
    """Text of at most ``max_len`` characters, fully matching ``pattern`` when given.
    Values seen valid are remembered (exercise ids, sources: a handful, seen thousands of
    times) unless ``memo`` is off (ids: all different)."""

    __slots__ = ("max_len", "pattern", "what", "_seen")

    def __init__(self, max_len: int, pattern: re.Pattern[str] | None = None, what: str = "text", memo: bool = True):
        self.max_len, self.pattern, self.what = max_len, pattern, what
        self._seen: set[str] | None = set() if memo and pattern is not None else None

    def check(self, value: object, window: Window) -> str | None:
        seen = self._seen
        if seen is not None and type(value) is str and value in seen:
            return None
        if type(value) is not str:
            return f"expected {self.what}, found {found(value)}"
        if len(value) > self.max_len:
            return f"expected {self.what} of at most {self.max_len} characters, found {len(value)}"
        if self.pattern is not None and not self.pattern.fullmatch(value):
            return f"expected {self.what}, found {found(value)}"
        if window.plain and self.pattern is None and (bad := first_control(value)):
            return f"expected plain {self.what}, found the control character {bad}"
        if seen is not None and len(seen) < 4096:
            seen.add(value)
        return None


class OneOf(Kind):
    __slots__ = ("choices",)

    def __init__(self, choices: tuple[str, ...]):
        self.choices = tuple(choices)

    def check(self, value: object, window: Window) -> str | None:
        if type(value) is not str or value not in self.choices:
            return f"expected one of {', '.join(self.choices)}, found {found(value)}"
        return None


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?")
_REAL_DAYS: set[str] = set()  # YYYY-MM-DD strings already found to be real dates


def _real_day(text: str) -> bool:
    if text in _REAL_DAYS:
        return True
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    if len(_REAL_DAYS) < 100_000:
        _REAL_DAYS.add(text)
    return True


class Day(Kind):
    """A calendar day as YYYY-MM-DD within the window (``plan``: up to a year ahead)."""

    __slots__ = ("plan",)

    def __init__(self, plan: bool = False):
        self.plan = plan

    def check(self, value: object, window: Window) -> str | None:
        if type(value) is not str or not _DAY.fullmatch(value):
            return f"expected a date like 2025-03-12, found {found(value)}"
        if not _real_day(value):
            return f"{value} is not a real date"
        return _in_window(value, window, self.plan)


class Moment(Kind):
    """A local date and time as YYYY-MM-DDTHH:MM[:SS[.ffffff]] (no time zone)."""

    __slots__ = ()

    def check(self, value: object, window: Window) -> str | None:
        if type(value) is not str or not _MOMENT.fullmatch(value):
            return f"expected a local time like 2025-03-12T18:30:00, found {found(value)}"
        if not _real_day(value[:10]) or value[11:13] > "23" or value[14:16] > "59" or value[17:19] > "59":
            return f"{value} is not a real date and time"
        return _in_window(value[:10], window, False)


def _in_window(day: str, window: Window, plan: bool) -> str | None:
    """ISO days compare as text, so no date object is needed."""
    earliest, latest, plan_latest = window.iso
    last = plan_latest if plan else latest
    if not earliest <= day <= last:
        return f"{day} is outside {earliest} to {last}"
    return None


class Nullable(Kind):
    __slots__ = ("inner",)

    def __init__(self, inner: Kind):
        self.inner = inner

    def check(self, value: object, window: Window) -> str | None:
        if value is None:
            return None
        problem = self.inner.check(value, window)
        return f"{problem} (or null)" if problem else None


class ListOf(Kind):
    __slots__ = ("item", "min_len", "max_len", "unique")

    def __init__(self, item: Kind, min_len: int = 0, max_len: int = 1000, unique: bool = False):
        self.item, self.min_len, self.max_len, self.unique = item, min_len, max_len, unique

    def check(self, value: object, window: Window) -> str | None:
        if type(value) is not list:
            return f"expected a list, found {found(value)}"
        if not self.min_len <= len(value) <= self.max_len:
            return f"expected a list of {self.min_len} to {self.max_len} items, found {len(value)}"
        for i, item in enumerate(value):
            problem = self.item.check(item, window)
            if problem:
                return f"item {i}: {problem}"
        if self.unique and len(set(value)) != len(value):
            return "the list repeats an item"
        return None


class Pair(Kind):
    __slots__ = ("first", "second")

    def __init__(self, first: Kind, second: Kind):
        self.first, self.second = first, second

    def check(self, value: object, window: Window) -> str | None:
        if type(value) is not list or len(value) != 2:
            return f"expected a pair [a, b], found {found(value)}"
        return self.first.check(value[0], window) or self.second.check(value[1], window)


# --- documents ----------------------------------------------------------------------------


class Field:
    __slots__ = ("name", "kind", "required")

    def __init__(self, name: str, kind: Kind, required: bool = False):
        # optional fields may be missing (documents older than the field): from_doc defaults them
        self.name, self.kind, self.required = name, kind, required


class Doc:
    """A document kind: its fields (one line each), and rules that involve several fields."""

    def __init__(
        self, name: str, fields: tuple[Field, ...], rules: tuple[Callable[[dict[str, Any]], str | None], ...] = ()
    ):
        self.name, self.fields, self.rules = name, tuple(fields), tuple(rules)
        self._names = frozenset(f.name for f in self.fields)
        self._checks = tuple((f.name, f.kind.check, f.required) for f in self.fields)

    def problems(self, doc: object, path: str, window: Window, limit: int = MAX_PROBLEMS) -> list[str]:
        if type(doc) is not dict:
            return [f"{path}: expected an object, found {found(doc)}"]
        out = []
        if not self._names.issuperset(doc):
            for key in doc:
                if key not in self._names:
                    out.append(f"{path}.{show_key(key)}: not a field of a {self.name}")
                    if len(out) >= limit:
                        return out
        missing = _MISSING
        for name, check, required in self._checks:
            value = doc.get(name, missing)
            if value is missing:
                if required:
                    out.append(f"{path}.{name}: missing")
                    if len(out) >= limit:
                        return out
                continue
            problem = check(value, window)
            if problem:
                out.append(f"{path}.{name}: {problem}")
                if len(out) >= limit:
                    return out
        if not out:
            for rule in self.rules:
                problem = rule(doc)
                if problem:
                    out.append(f"{path}: {problem}")
        return out[:limit]


_MISSING = object()


ID = Text(64, re.compile(r"[A-Za-z0-9_-]+"), "an id (letters, digits, - or _)", memo=False)
SLUG = Text(64, re.compile(r"[a-z0-9][a-z0-9-]*"), "an id like goblet-squat")
CODE = Text(40, re.compile(r"[a-z0-9][a-z0-9-]*"), "a warning code like load-jump")
RPE = Int(1, 10)


def _reps_or_seconds(doc: dict[str, Any]) -> str | None:
    if doc.get("reps") is None and doc.get("seconds") is None:
        return "a set needs reps or seconds"
    return None


SET = Doc(
    "set",
    (
        Field("id", ID, required=True),
        Field("session", ID, required=True),
        Field("exercise", SLUG, required=True),
        Field("date", Day(), required=True),
        Field("logged_at", Moment(), required=True),
        Field("reps", Nullable(Int(1, MAX_REPS))),
        Field("seconds", Nullable(Int(1, MAX_SECONDS))),
        Field("load_kg", Nullable(Num(0, MAX_LOAD_KG))),
        Field("unit", OneOf(("kg", "lb"))),
        Field("rpe", Nullable(RPE)),
        Field("pain", Bool()),
        Field("note", Text(MAX_NOTE)),
        Field("source", Text(20, re.compile(r"[a-z0-9-]+"), "a source like cli")),
        Field("edited_at", Nullable(Moment())),
        Field("warnings", ListOf(CODE, max_len=40)),
    ),
    rules=(_reps_or_seconds,),
)

SESSION = Doc(
    "session",
    (
        Field("id", ID, required=True),
        Field("date", Day(), required=True),
        Field("started_at", Moment(), required=True),
        Field("kind", OneOf(("strength", "leg-free", "finisher"))),
        Field("ended_at", Nullable(Moment())),
        Field("rpe", Nullable(RPE)),
        Field("minutes", Nullable(Num(0, 24 * 60))),
        Field("resumed_at", Nullable(Moment())),
    ),
)


RACE_DISTANCES = tuple(RACE_RECOVERY)

#: The app's own settings (``model.TuiSettings``): stored in the profile's document.
SETTINGS_FIELDS = (
    Field("signal", OneOf(SIGNALS)),
    Field("notify", OneOf(NOTIFY_MODES)),
    Field("beeps", Bool()),
    Field("theme", Text(64, re.compile(r"[A-Za-z0-9_-]*"), "a theme name")),
)

PROFILE = Doc(
    "profile",
    (
        Field("level", OneOf(LEVELS)),
        Field("equipment", ListOf(OneOf(EQUIPMENT), min_len=1, max_len=len(EQUIPMENT), unique=True)),
        Field("target", Int(2, 3)),
        Field("minutes", Int(15, 20)),
        Field("units", OneOf(("kg", "lb"))),
        Field("week_start", OneOf(("mon", "sun"))),
        Field("runs", ListOf(OneOf(RUN_TYPES), min_len=len(WEEKDAYS), max_len=len(WEEKDAYS))),
        Field("block_start", Nullable(Day(plan=True))),
        Field("weeks", Int(8, 12)),
        Field("target_history", ListOf(Pair(Day(plan=True), Int(2, 3)), max_len=1000)),
        Field(
            "runs_history",
            ListOf(
                Pair(Day(plan=True), ListOf(OneOf(RUN_TYPES), min_len=len(WEEKDAYS), max_len=len(WEEKDAYS))),
                max_len=1000,
            ),
        ),
        Field("races", ListOf(Day(plan=True), max_len=50)),
        Field("race_distances", ListOf(Pair(Day(plan=True), OneOf(RACE_DISTANCES)), max_len=50)),
        Field("dumbbells", ListOf(Num(0.5, MAX_LOAD_KG), max_len=60)),
        Field("kettlebells", ListOf(Num(0.5, MAX_LOAD_KG), max_len=60)),
        Field("plyo_ready", Bool()),
        Field("level_history", ListOf(Pair(Day(plan=True), OneOf(LEVELS)), max_len=1000)),
        Field("pain_cleared", ListOf(Pair(SLUG, Day(plan=True)), max_len=1000)),
        Field("session_time", Text(5, re.compile(r"(([01][0-9]|2[0-3]):[0-5][0-9])?"), "a time like 18:30 or empty")),
        # the app's own settings (model.TuiSettings), kept in the same document
        *SETTINGS_FIELDS,
    ),
)

#: The plan ledger: what Today showed for a day, on that day ("missed" is said only of a
#: day shown as a strength day; a re-plan never rewrites what was shown).
SHOWN_KINDS = ("strength", "leg-free", "finisher-only", "rest")
SHOWN = Doc(
    "shown day",
    (
        Field("date", Day(plan=True), required=True),
        Field("kind", OneOf(SHOWN_KINDS), required=True),
        Field("volume", Int(0, 10**6)),  # reps + hold seconds the shown session asked for
    ),
)

META = Doc("meta", (Field("schema_version", Int(0, 10**6), required=True),))

ACK = Doc(
    "acknowledged warning",
    (
        Field("code", CODE, required=True),
        Field("exercise", Text(64, re.compile(r"([a-z0-9][a-z0-9-]*)?"), "an exercise id or empty")),
        Field("date", Day(), required=True),
    ),
)

# The prototype's (schema 0) sets, read once to migrate them.
V0_SET = Doc(
    "v0 set",
    (
        Field("exercise", SLUG, required=True),
        Field("date", Day(), required=True),
        Field("reps", Nullable(Int(1, MAX_REPS))),
        Field("seconds", Nullable(Int(1, MAX_SECONDS))),
        Field("weight_kg", Nullable(Num(0, MAX_LOAD_KG))),
        Field("rpe", Nullable(RPE)),
    ),
    rules=(_reps_or_seconds,),
)


def check_list(doc_kind: Doc, items: object, path: str, window: Window, problems: list[str]) -> None:
    """Check a JSON list of documents, adding "path[i].field: ..." lines (up to the limit)."""
    if type(items) is not list:
        problems.append(f"{path}: expected a list, found {found(items)}")
        return
    for i, item in enumerate(items):
        if len(problems) >= MAX_PROBLEMS:
            return
        problems.extend(doc_kind.problems(item, f"{path}[{i}]", window, MAX_PROBLEMS - len(problems)))


_KEY = re.compile(r"[0-9]{1,9}")


def check_table(
    doc_kind: Doc, table: object, path: str, window: Window, problems: list[str], max_docs: int | None = None
) -> None:
    """Check a TinyDB table ({"1": doc, ...}): keys are document numbers, values documents."""
    if type(table) is not dict:
        problems.append(f"{path}: expected an object of documents, found {found(table)}")
        return
    if max_docs is not None and len(table) > max_docs:
        problems.append(f"{path}: holds {len(table)} documents, at most {max_docs} expected")
        return
    for key, item in table.items():
        if len(problems) >= MAX_PROBLEMS:
            return
        if not _KEY.fullmatch(key):
            problems.append(f"{path}.{show_key(key)}: a document number must be digits")
            continue
        problems.extend(doc_kind.problems(item, f"{path}.{key}", window, MAX_PROBLEMS - len(problems)))
