"""The CSV form of the log: one row per set, with its session's fields, safe to open in a
spreadsheet and lossless to import back.

Cells a spreadsheet could run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return: OWASP's list) get a leading ``'``; so does a cell that starts with
``'`` itself, so that reading strips exactly one ``'`` and gets the text back.
"""

from __future__ import annotations

import csv
import io
import re

from .model import SessionRecord, SetRecord
from .schema import found

FIELDS = [
    "date",
    "session",
    "exercise",
    "reps",
    "seconds",
    "load",
    "unit",
    "rpe",
    "pain",
    "note",
    "logged_at",
    "id",
    # exact values and the session's fields, so an import of this file loses nothing
    "load_kg",
    "source",
    "edited_at",
    "warnings",
    "session_date",
    "session_started_at",
    "session_kind",
    "session_ended_at",
    "session_rpe",
    "session_minutes",
]
_RISKY = ("=", "+", "-", "@", "\t", "\r", "'")
_WHOLE = re.compile(r"[0-9]{1,9}")
_NUMBER = re.compile(r"[0-9]{1,6}(\.[0-9]{1,17})?(e-?[0-9]{1,3})?")


def cell(value: object) -> str:
    """A value as a CSV cell a spreadsheet shows as text, never runs."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(_RISKY) else text


def uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def _opt(value: object) -> object:
    return "" if value is None else value


def write(sets: list[SetRecord], sessions: dict[str, SessionRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for s in sets:
        session = sessions.get(s.session)
        doc = session.to_doc() if session else {}
        row = [
            s.date.isoformat(),
            s.session,
            s.exercise,
            _opt(s.reps),
            _opt(s.seconds),
            _opt(s.load_display),
            s.unit if s.load_kg is not None else "",
            _opt(s.rpe),
            "yes" if s.pain else "",
            s.note,
            s.logged_at.isoformat(timespec="seconds") if not s.logged_at.microsecond else s.logged_at.isoformat(),
            s.id,
            repr(s.load_kg) if s.load_kg is not None else "",
            s.source,
            s.edited_at.isoformat() if s.edited_at else "",
            " ".join(s.warnings),
            doc.get("date", ""),
            doc.get("started_at", ""),
            doc.get("kind", ""),
            _opt(doc.get("ended_at")),
            _opt(doc.get("rpe")),
            repr(doc["minutes"]) if doc.get("minutes") is not None else "",
        ]
        writer.writerow([cell(v) for v in row])
    return out.getvalue()


def looks_like_csv(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return "," in first and not first.lstrip().startswith(("{", "["))


def is_ours(text: str) -> bool:
    return text.lstrip("\ufeff").split("\n", 1)[0].strip().split(",")[: len(FIELDS)] == FIELDS


def _whole(text: str) -> int | str | None:
    if text == "":
        return None
    return int(text) if _WHOLE.fullmatch(text) else text  # the schema names a text it cannot take


def _number(text: str) -> float | str | None:
    if text == "":
        return None
    return float(text) if _NUMBER.fullmatch(text) else text


def read(text: str) -> tuple[dict[str, list[dict[str, object]]], list[str]]:
    """(a bundle of "sessions" and "sets" documents, problems the CSV itself has). The
    documents still go through the schema, like a JSON import's."""
    try:
        return _read(text)
    except csv.Error as exc:  # a cell over the csv module's 128 KiB limit, a malformed row…
        if "field limit" in str(exc):
            return {}, ["a cell longer than 128 KiB; no cell of a runstrength export is anywhere near that"]
        return {}, [f"not readable as CSV ({str(exc)[:80]})"]


def _read(text: str) -> tuple[dict[str, list[dict[str, object]]], list[str]]:
    problems: list[str] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = next(reader, None)
    if header != FIELDS:
        missing = [f for f in FIELDS if f not in (header or [])]
        problems.append(
            "this CSV is not a runstrength export"
            + (
                f" (it has no {', '.join(missing[:4])} column{'s' if len(missing) > 1 else ''})"
                if missing
                else " (its columns differ)"
            )
        )
        return {}, problems
    sets: list[dict[str, object]] = []
    sessions: dict[str, dict[str, object]] = {}
    for number, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) != len(FIELDS):
            problems.append(f"row {number}: {len(row)} cells, {len(FIELDS)} expected")
            if len(problems) >= 5:
                break
            continue
        v = {name: uncell(value) for name, value in zip(FIELDS, row)}
        sets.append(
            {
                "id": v["id"],
                "session": v["session"],
                "exercise": v["exercise"],
                "date": v["date"],
                "logged_at": v["logged_at"],
                "reps": _whole(v["reps"]),
                "seconds": _whole(v["seconds"]),
                "load_kg": _number(v["load_kg"]),
                "unit": v["unit"] or "kg",
                "rpe": _whole(v["rpe"]),
                "pain": v["pain"] == "yes" if v["pain"] in ("", "yes") else v["pain"],
                "note": v["note"],
                "source": v["source"],
                "edited_at": v["edited_at"] or None,
                "warnings": v["warnings"].split() if v["warnings"] else [],
            }
        )
        session: dict[str, object] = {
            "id": v["session"],
            "date": v["session_date"],
            "started_at": v["session_started_at"],
            "kind": v["session_kind"],
            "ended_at": v["session_ended_at"] or None,
            "rpe": _whole(v["session_rpe"]),
            "minutes": _number(v["session_minutes"]),
        }
        if sessions.setdefault(v["session"], session) != session:
            problems.append(f"row {number}: session {found(v['session'])} has other fields than in an earlier row")
    return {"sessions": list(sessions.values()), "sets": sets}, problems
