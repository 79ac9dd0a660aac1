"""`runs`: list the imported runs; `runs import PATH…` (FIT, GPX, TCX, Strava folders);
`runs set DATE --kind K` (correct a day's kind)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import service
from ...domain import validate as v
from ...domain.words import plural
from ..render import err, out, print_json
from . import open_log

if TYPE_CHECKING:
    from argparse import Namespace

    from ...domain.runs import Run


def _run_json(run: Run) -> dict[str, Any]:
    return run.to_doc()  # date, start (ISO with its UTC offset), distance_km, duration_s, kind, source, …


def cmd_runs(args: Namespace) -> int:
    sub = getattr(args, "runs_command", None)
    if sub == "import":
        return _cmd_runs_import(args)
    if sub == "set":
        return _cmd_runs_set(args)
    from ...domain.runs import day_line

    weeks = v.parse_whole(args.weeks, "Weeks", 1, 520)
    day = service.today()
    since = day - timedelta(weeks=weeks)
    with open_log(args, write=False) as log:
        runs = log.runs(since, day)
    if args.json:
        print_json({"since": since.isoformat(), "runs": [_run_json(r) for r in runs]})
        return 0
    if not runs:
        out(f"No runs since {since.isoformat()}. Import some with `runstrength runs import PATH`.")
        return 0
    by_day: dict[date, list[Run]] = {}
    for r in runs:
        by_day.setdefault(r.date, []).append(r)
    for d in sorted(by_day):
        marks = " (set by you)" if any(r.kind_set_by_user for r in by_day[d]) else ""
        out(f"{d.isoformat()} {day_line(d, by_day[d])}{marks}")
    return 0


def _shown(name: str) -> str:
    """A file name or cell as text: control characters (ESC, BEL, C1…) escaped visibly."""
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in name)


def _cmd_runs_import(args: Namespace) -> int:
    """Exit 0 when everything importable was imported (already there and not-a-run skips
    included), 1 when some file could not be read (one line each; the rest is imported),
    2 for usage errors (a path that does not exist): nothing is read then."""
    from ...service import runs as service_runs

    paths = [Path(p).expanduser() for p in args.paths]
    missing = [p for p in paths if not (p.exists() or p.is_symlink())]
    if missing:
        raise v.InputError(f"{_shown(str(missing[0]))}: no such file or folder; nothing was imported.")
    found = service_runs.read_paths(paths, service.now())  # before the lock: a slow file never holds it
    if found.runs:
        with open_log(args, write=True) as log:
            result = log.add_found_runs(found)
    else:  # nothing to add: the data folder is not opened, so nothing is created there
        result = service_runs.add_found(None, found)
    for name, sentence in result.problems:
        err(f"runstrength: {_shown(name)}: {_shown(sentence)}.")
    skipped_line = ""
    if result.skipped_kinds:
        from ...domain.runs import skipped_text

        skipped_line = f"Skipped, not runs: {skipped_text(result.skipped_kinds)}."
    if args.json:
        print_json(
            {
                "added": [_run_json(r) for r in result.added],
                "already_there": result.skipped,
                "problems": [{"file": _shown(f), "problem": _shown(p)} for f, p in result.problems],
                "not_runs": [{"file": _shown(f), "reason": _shown(p)} for f, p in result.not_runs],
                "skipped": result.skipped_kinds,
            }
        )
        return 1 if result.problems else 0
    if result.added:
        days = sorted(r.date for r in result.added)
        span = days[0].isoformat() if days[0] == days[-1] else f"{days[0].isoformat()} to {days[-1].isoformat()}"
        there = f"; {result.skipped} {'was' if result.skipped == 1 else 'were'} already there" if result.skipped else ""
        out(f"Imported {plural(len(result.added), 'run')} ({span}){there}.")
    elif result.skipped:
        out(
            f"Nothing new: {'the run was' if result.skipped == 1 else f'all {result.skipped} runs were'} already there."
        )
    elif not result.problems and not result.not_runs:
        out("No FIT, GPX or TCX files found there; nothing was imported.")
    if skipped_line:
        out(skipped_line)
    return 1 if result.problems else 0


def _cmd_runs_set(args: Namespace) -> int:
    from ...domain.runs import RUN_KINDS, run_line

    day_today = service.today()
    day = v.parse_day(args.date, day_today)
    kind = args.kind.strip().lower()
    if kind not in (*RUN_KINDS, "auto"):
        raise v.InputError(f"Kind must be one of {', '.join(RUN_KINDS)} or auto, not {kind!r}.")
    with open_log(args, write=False) as peek:
        if not peek.runs(day, day):
            raise v.InputError(f"No imported run on {day.isoformat()}; `runstrength runs` lists them.")
    with open_log(args, write=True) as log:
        runs = log.set_run_kind(day, None if kind == "auto" else kind)
    if args.json:
        print_json({"date": day.isoformat(), "runs": [_run_json(r) for r in runs]})
    else:
        for r in runs:
            out(f"{day.isoformat()}: {run_line(r)}{' (set by you)' if r.kind_set_by_user else ' (automatic)'}.")
    return 0
