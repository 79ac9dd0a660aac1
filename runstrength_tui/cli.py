"""runstrength's command line: the TUI by default, plus scriptable commands.

The scriptable commands never import Textual, so `runstrength log` stays fast.
Bad input gets one clear line on stderr and exit status 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

from . import __version__

EXIT_INPUT = 2
EXIT_STORE = 1


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2 (argparse's own code for bad usage)
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> Parser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="where the log lives (default: your platform's data folder, or $RUNSTRENGTH_DATA_DIR)")
    common.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="use a throwaway copy of a realistic 6-week demo log")

    p = Parser(
        prog="runstrength",
        description="Strength training for runners: today's session, timers and a safe log.",
        epilog="With no COMMAND, runstrength opens the app (the full-screen session, timers and log; "
               "? there lists its keys). The commands below are for scripts and quick logging.",
        parents=[common],
    )
    p.add_argument("--version", action="version", version=f"runstrength {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    s = sub.add_parser("exercises", parents=[common], help="list the exercise catalog")
    s.add_argument("--kind", type=str.lower, choices=["strength", "functional", "plyometric", "core"])
    s.add_argument("--level", type=str.lower, choices=["beginner", "intermediate", "advanced"], help="exercises that suit this level")
    s.add_argument("--equipment", help="exercises you can do with this: none (bodyweight), bands, dumbbells, kettlebell or gym (singular or plural)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("show", parents=[common], help="how to do an exercise")
    s.add_argument("exercise", metavar="EXERCISE", help="an id or a name, any case: plank, 'front plank'")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("log", parents=[common], help="log sets of an exercise")
    s.add_argument("exercise", metavar="EXERCISE", help="an id or a name, any case: goblet-squat, 'Goblet squat'")
    s.add_argument("--sets", default="1", help="how many identical sets (default 1)")
    measure = s.add_mutually_exclusive_group()
    measure.add_argument("--reps", help="reps per set (rep exercises)")
    measure.add_argument("--seconds", help="time held per set (holds such as plank): 45, 45s or 1:30")
    s.add_argument("--load", help="weight used, e.g. 20kg, 45lb or 45lbs (leave out for bodyweight)")
    s.add_argument("--rpe", help="how hard it felt, 1-10")
    s.add_argument("--date", help="YYYY-MM-DD, today or yesterday (default today)")
    s.add_argument("--note", default="", help="a short note")
    s.add_argument("--pain", action="store_true", help="it hurt (the guard will suggest what to do)")
    s.add_argument("--dry-run", action="store_true", help="show the warnings it would trigger; write nothing")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("export", parents=[common], help="export the whole log")
    s.add_argument("--format", choices=["json", "csv"], default="json")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    s = sub.add_parser("import", parents=[common], help="merge an exported log (nothing is duplicated)")
    s.add_argument("file", metavar="FILE")

    s = sub.add_parser("profile", parents=[common], help="show or change your profile")
    s.add_argument("--level", help="beginner, intermediate or advanced")
    s.add_argument("--equipment", help="comma list of none, bands, dumbbells, kettlebell, gym (singular or plural)")
    s.add_argument("--target", help="strength sessions a week: 2 or 3")
    s.add_argument("--minutes", help="session length: 15 or 20")
    s.add_argument("--units", help="kg or lb (lbs is fine)")
    s.add_argument("--week-start", help="mon or sun")
    s.add_argument("--runs", help="running week, e.g. mon=rest,tue=hard,wed=easy,...,sun=long")
    s.add_argument("--block-start", help="first day of the 8-12 week block: YYYY-MM-DD, today or yesterday")
    s.add_argument("--weeks", help="block length in weeks, 8 to 12")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("today", parents=[common], help="today's session, or why today is a rest day")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("plan", parents=[common], help="the coming weeks' strength days")
    s.add_argument("--weeks", default="2", help="how many weeks (1-12, default 2)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("status", parents=[common], help="this week, streak, next session, warnings")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("history", parents=[common], help="past sessions")
    s.add_argument("--weeks", default="4", help="how many weeks back (default 4)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("restore", parents=[common], help="put back the newest backup (or a named one)")
    s.add_argument("name", nargs="?", help="a backup file name from --list")
    s.add_argument("--list", action="store_true", help="list the backups")
    return p


# --- helpers ---------------------------------------------------------------------------------


def _out(text: str = "") -> None:
    print(text)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _width() -> int:
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def _exercise(catalog, text: str):
    """By id or name, in any case (see ``validate.resolve_exercise``)."""
    from .domain.validate import resolve_exercise

    return resolve_exercise(catalog, text)


def _open(args, write: bool):
    from .store.repo import Store

    return Store(args.data_dir_path, write=write)


def _warn_lines(warnings) -> None:
    from .domain.guard import code_words

    symbols = {"warning": "!!", "caution": "! ", "info": "i "}
    for w in warnings:
        _err(f"{symbols.get(w.level, '! ')} {w.level} · {code_words(w.code)}: {w.message} {w.advice}")


# --- commands ---------------------------------------------------------------------------------


def cmd_exercises(args) -> int:
    from .domain.catalog import load_catalog

    from .domain.validate import parse_equipment

    equipment = parse_equipment(args.equipment) if args.equipment else None
    items = load_catalog().filter(args.kind, args.level, equipment)
    if args.json:
        _json(
            [
                {
                    "id": e.id,
                    "name": e.name,
                    "kind": e.kind,
                    "level": e.level,
                    "equipment": list(e.equipment) or ["none"],
                    "prescription": e.prescription_text,
                }
                for e in items
            ]
        )
        return 0
    if not items:
        _out("No exercise matches those filters.")
        return 0
    width = max(len(e.id) for e in items)
    for kind in ("strength", "functional", "plyometric", "core"):
        group = [e for e in items if e.kind == kind]
        if not group:
            continue
        _out(f"{kind.upper()} ({len(group)})")
        for e in group:
            equipment = ", ".join(e.equipment) or "bodyweight"
            _out(f"  {e.id:<{width}}  {e.prescription_text:<20} {e.level:<12} {equipment}")
        _out()
    _out("Details: runstrength show EXERCISE_ID")
    return 0


def exercise_text(e, catalog, width: int = 80) -> str:
    """The instructions as plain text for a terminal."""
    wrap = lambda text, indent: textwrap.fill(text, width, initial_indent=indent, subsequent_indent=" " * len(indent))  # noqa: E731
    lines = [f"{e.name}  ({e.kind}, {e.level}, {', '.join(e.equipment) or 'bodyweight'})", ""]
    lines.append(f"Prescription: {e.prescription_text}, rest {e.rest} s")
    if e.intensity:
        lines.append(wrap(f"Intensity: {e.intensity}", ""))
    lines += ["", "Why it helps a runner", wrap(e.why, "  "), "", "Steps"]
    lines += [wrap(step, f"  {i}. ") for i, step in enumerate(e.steps, 1)]
    lines += ["", "Form cues"] + [wrap(c, "  • ") for c in e.cues]
    lines += ["", "Common mistakes"] + [wrap(m, "  ✗ ") for m in e.mistakes]
    easier = f"{catalog.get(e.easier).name} ({e.easier})" if e.easier else e.easier_text
    harder = f"{catalog.get(e.harder).name} ({e.harder})" if e.harder else e.harder_text
    lines += ["", wrap(f"Easier: {easier}", ""), wrap(f"Harder: {harder}", "")]
    lines += [f"Muscles: {', '.join(e.muscles)}"]
    return "\n".join(lines)


def cmd_show(args) -> int:
    from .domain.catalog import load_catalog

    catalog = load_catalog()
    e = _exercise(catalog, args.exercise)
    if args.json:
        from dataclasses import asdict

        _json(asdict(e))
    else:
        _out(exercise_text(e, catalog, _width()))
    return 0


def cmd_log(args) -> int:
    from . import service
    from .domain import validate as v
    from .domain.catalog import load_catalog

    catalog = load_catalog()
    ex = _exercise(catalog, args.exercise)
    day_today = service.today()
    count = v.parse_sets(args.sets)
    reps = v.parse_reps(args.reps) if args.reps is not None else None
    seconds = v.parse_seconds(args.seconds) if args.seconds is not None else None
    v.check_measure(ex, reps, seconds)
    defaulted = ""
    if reps is None and seconds is None:  # said out loud: a default is not what the runner did
        if ex.is_hold:
            seconds = ex.hold
            defaulted = f"No --seconds given: logged {ex.name.lower()}'s default {seconds} s (--seconds sets it)."
        else:
            reps = ex.reps[0]
            defaulted = f"No --reps given: logged {ex.name.lower()}'s default {reps} reps (--reps sets it)."
    rpe = v.parse_rpe(args.rpe) if args.rpe is not None else None
    day = v.parse_day(args.date, day_today) if args.date else day_today
    note = args.note.strip()
    if len(note) > 500:
        raise v.InputError("Notes are limited to 500 characters.")
    load = None
    if args.load:  # checked before the writer opens, so a bad load writes nothing (not even a new folder)
        with _open(args, write=False) as peek:
            profile = peek.profile()
        load = v.parse_load(args.load, profile.units if profile else "kg")
    with _open(args, write=not args.dry_run) as store:
        ctx = service.Context.load(store, day_today)
        stamp = service.now() if day == day_today else service.now().replace(year=day.year, month=day.month, day=day.day)
        current = store.open_session()
        existing = None
        if current and current[0].date == day:
            existing = current[0]
        else:
            same_day = [s for s in ctx.sessions if s.date == day]
            existing = same_day[-1] if same_day else None
        if day < day_today - timedelta(days=service.HISTORY_DAYS - 28):
            ctx.history = store.sets(since=day - timedelta(days=service.HISTORY_DAYS), until=day)
        ctx.history = [s for s in ctx.history if s.date <= day]
        ctx.sessions = [s for s in ctx.sessions if s.date <= day]
        session_id = existing.id if existing else "(new)"
        records = service.make_sets(ex.id, session_id, day, stamp, count, reps, seconds, load, rpe, args.pain, note, "cli")
        warnings = ctx.check(records, existing.id if existing else None, new_session=existing is None)
        if not args.dry_run:
            session = existing or store.session_for_day(day, stamp)
            records = [r.with_changes(session=session.id) for r in records]
            records = store.log_sets(service.attach_warnings(records, warnings))
            if existing is None and day != day_today:  # a past day's sitting is over: close it now,
                store.close_open_session(stamp)  # or the app would call it "never finished"
            store.backup_if_stale()  # CLI-only runners get their daily backup too
    if args.json:
        _json({"logged": [] if args.dry_run else [r.to_doc() for r in records], "would_log": [r.to_doc() for r in records] if args.dry_run else [], "warnings": [w.to_dict() for w in warnings], "dry_run": args.dry_run})
    else:
        what = f"{seconds} s" if seconds is not None else f"{reps}"
        load_text = f" @ {records[0].load_display:g} {records[0].unit}" if load else ""
        verb = "Would log" if args.dry_run else "Logged"
        _out(f"{verb} {count} × {what} {ex.name.lower()}{load_text} on {day.isoformat()}.")
        if defaulted:
            _err(defaulted)
        _warn_lines(warnings)
    return 0


def cmd_export(args) -> int:
    from . import service
    from .store.storage import atomic_write_bytes

    with _open(args, write=False) as store:
        if args.format == "csv":
            payload = store.export_csv()
        else:
            payload = json.dumps(store.export_bundle(service.now()), indent=1, ensure_ascii=False) + "\n"
    if args.output:
        from .domain.validate import InputError

        target = Path(args.output).expanduser().resolve()  # write through a link, not over it
        if not target.parent.is_dir():
            raise InputError(f"Folder {target.parent} does not exist; create it or pick another -o path.")
        if target.exists() and not target.is_file():
            raise InputError(f"{target} is not a regular file; give a file name to write the export to.")
        atomic_write_bytes(target, payload.encode("utf-8"))
        _err(f"Exported to {target}.")
    else:
        sys.stdout.write(payload)
    return 0


def parse_bundle(raw_text: str, catalog):
    """Validate an export file completely; raise InputError naming the first problem."""
    from datetime import datetime

    from .domain import validate as v
    from .domain.model import Profile, SessionRecord, SetRecord
    from .store.repo import EXPORT_FORMAT

    try:
        raw = json.loads(raw_text)
    except json.JSONDecodeError as exc:
        raise v.InputError(f"Not a runstrength export: invalid JSON ({exc.msg} at line {exc.lineno}).") from None
    if not isinstance(raw, dict) or raw.get("format") != EXPORT_FORMAT:
        raise v.InputError("Not a runstrength export: the file has no \"format\": \"runstrength-export\" field.")
    if not isinstance(raw.get("sessions"), list) or not isinstance(raw.get("sets"), list):
        raise v.InputError("Not a runstrength export: \"sessions\" and \"sets\" must be lists.")
    sessions, sets = [], []
    for i, doc in enumerate(raw["sessions"], 1):
        try:
            session = SessionRecord.from_doc(doc)
            if session.kind not in ("strength", "finisher"):
                raise ValueError("kind")
        except (KeyError, TypeError, ValueError, AttributeError):
            raise v.InputError(f"Session #{i} in the file is malformed; nothing was imported.") from None
        sessions.append(session)
    session_ids = {s.id for s in sessions}
    for i, doc in enumerate(raw["sets"], 1):
        try:
            record = SetRecord.from_doc(doc)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise v.InputError(f"Set #{i} in the file is malformed; nothing was imported.") from None
        where = f"Set #{i} ({record.exercise} on {record.date})"
        if record.exercise not in catalog:
            raise v.InputError(f"{where}: unknown exercise; nothing was imported.")
        if record.session not in session_ids:
            raise v.InputError(f"{where}: its session is not in the file; nothing was imported.")
        try:
            if record.reps is not None:
                v.parse_reps(record.reps)
            if record.seconds is not None:
                v.parse_seconds(record.seconds)
            if record.reps is None and record.seconds is None:
                raise v.InputError("it has neither reps nor seconds.")
            if record.rpe is not None:
                v.parse_rpe(record.rpe)
            if record.load_kg is not None:
                v.parse_load(f"{record.load_kg}kg")
            if record.unit not in ("kg", "lb"):
                raise v.InputError(f"unit {record.unit!r} is not kg or lb.")
        except v.InputError as exc:
            raise v.InputError(f"{where}: {exc} Nothing was imported.") from None
        sets.append(record)
    profile = None
    if raw.get("profile"):
        try:
            profile = Profile.from_doc(raw["profile"])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise v.InputError("The profile in the file is malformed; nothing was imported.") from None
    acks = []
    for doc in raw.get("acks") or []:
        try:
            acks.append((str(doc["code"]), str(doc.get("exercise") or ""), datetime.fromisoformat(doc["date"]).date()))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise v.InputError("An acknowledged warning in the file is malformed; nothing was imported.") from None
    return sessions, sets, profile, acks


def cmd_import(args) -> int:
    from .domain.catalog import load_catalog
    from .domain.validate import InputError

    path = Path(args.file).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"No file {path}; check the path.") from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise InputError(f"{path} is not a runstrength export (not a JSON text file).") from None
    sessions, sets, profile, acks = parse_bundle(text, load_catalog())
    with _open(args, write=True) as store:
        counts = store.import_bundle(sessions, sets, profile, acks)
    _out(
        f"Imported {counts['sets_added']} sets in {counts['sessions_added']} sessions "
        f"({counts['sets_skipped']} sets and {counts['sessions_skipped']} sessions were already there)."
    )
    return 0


def _parse_profile_changes(args, profile, day: date):
    from .domain import validate as v
    from .domain.model import EQUIPMENT, LEVELS, RUN_TYPES, WEEKDAYS
    from .domain.weeks import week_start

    changes = {}

    def pick(value, allowed, what):
        value = value.strip().lower()
        if value not in allowed:
            raise v.InputError(f"{what} must be one of {', '.join(allowed)}, not {value!r}.")
        return value

    if args.level is not None:
        changes["level"] = pick(args.level, LEVELS, "Level")
    if args.equipment is not None:
        items = tuple(dict.fromkeys(v.parse_equipment(e) for e in args.equipment.split(",") if e.strip()))
        if not items:
            raise v.InputError("Equipment needs at least one of none, bands, dumbbells, kettlebell, gym.")
        if "none" in items and len(items) > 1:
            items = tuple(i for i in items if i != "none")
        changes["equipment"] = items
    if args.target is not None:
        changes["target"] = int(pick(args.target, ("2", "3"), "Target"))
    if args.minutes is not None:
        changes["minutes"] = int(pick(args.minutes, ("15", "20"), "Minutes"))
    if args.units is not None:
        changes["units"] = v.parse_units(args.units)
    if args.week_start is not None:
        changes["week_start"] = pick(args.week_start, ("mon", "sun"), "Week start")
    if args.runs is not None:
        runs = list(profile.runs)
        for part in args.runs.split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise v.InputError(f"Runs look like mon=rest,tue=hard,...; {part.strip()!r} has no '='.")
            key, value = (x.strip().lower() for x in part.split("=", 1))
            runs[WEEKDAYS.index(pick(key, WEEKDAYS, "Day"))] = pick(value, RUN_TYPES, f"Run type for {key}")
        if runs.count("long") > 1:
            raise v.InputError("Only one long run a week is supported; mark the other one as hard.")
        changes["runs"] = tuple(runs)
    if args.block_start is not None:
        changes["block_start"] = v.parse_date(args.block_start, day, "Block start")
    if args.weeks is not None:
        weeks = v.parse_whole(args.weeks, "Block length", 8, 12, " weeks")
        changes["weeks"] = weeks
    if "target" in changes and changes["target"] != profile.target:
        history = list(profile.target_history) or [(profile.block_start or week_start(day), profile.target)]
        this_week = week_start(day, WEEKDAYS.index(changes.get("week_start", profile.week_start)))
        history = [(d, t) for d, t in history if d < this_week] + [(this_week, changes["target"])]
        changes["target_history"] = tuple(history)
    return changes


def profile_text(p) -> str:
    from .domain.model import WEEKDAYS

    runs = "  ".join(f"{d}:{r}" for d, r in zip(WEEKDAYS, p.runs))
    return "\n".join(
        [
            f"Level:      {p.level}",
            f"Equipment:  {', '.join(p.equipment)}",
            f"Target:     {p.target} sessions a week, {p.minutes} min each",
            f"Units:      {p.units}    Week starts: {p.week_start}",
            f"Running:    {runs}",
            f"Block:      {p.weeks} weeks from {p.block_start.isoformat() if p.block_start else '(this week)'}",
        ]
    )


def cmd_profile(args) -> int:
    from . import service

    day = service.today()
    changing = any(getattr(args, k) is not None for k in ("level", "equipment", "target", "minutes", "units", "week_start", "runs", "block_start", "weeks"))
    with _open(args, write=False) as store:
        existing = store.profile()
    profile = existing or service.default_profile(day)
    if changing:
        _parse_profile_changes(args, profile, day)  # bad values stop here, before anything is written
        with _open(args, write=True) as store:
            existing = store.profile()  # read again under the lock
            profile = existing or service.default_profile(day)
            profile = profile.with_changes(**_parse_profile_changes(args, profile, day))
            store.save_profile(profile)
    if args.json:
        _json({**profile.to_doc(), "saved": existing is not None or changing})
    else:
        _out(profile_text(profile))
        if existing is None and not changing:
            _out("\n(No profile saved yet: these are the defaults. Change them with the options in `runstrength profile --help`.)")
        elif changing:
            _out("\nSaved.")
    return 0


def plan_text(plan_today) -> str:
    lines = [f"{plan_today.date.strftime('%A %d %B %Y')} · block week {plan_today.block_week} of {plan_today.block_weeks}", plan_today.reason]
    items = plan_today.exercises or plan_today.finisher
    if items:
        title = "Today's session" if plan_today.exercises else "Optional finisher"
        lines += ["", f"{title} (about {plan_today.estimated_minutes:g} min):"]
        for p in items:
            note = f"  · {p.note}" if p.note else ""
            lines.append(f"  {p.name:<28} {p.dose_text}, rest {p.rest} s{note}")
    return "\n".join(lines)


def _context(args, all_sessions: bool = False):
    """What the planner and the guard need, read once from the data folder."""
    from . import service

    with _open(args, write=False) as store:
        return service.Context.load(store, service.today(), all_sessions=all_sessions)


def cmd_today(args) -> int:
    result = _context(args).today_plan()
    if args.json:
        _json(result.to_dict())
    else:
        _out(plan_text(result))
    return 0


def cmd_plan(args) -> int:
    from .domain import plan, validate as v

    weeks = v.parse_whole(args.weeks, "Weeks", 1, 12)
    ctx = _context(args)
    day = ctx.today
    days = plan.plan_ahead(day, ctx.profile, ctx.sessions, ctx.history, ctx.catalog, weeks=weeks)
    if args.json:
        _json({"today": day.isoformat(), "days": [d.to_dict() for d in days]})
        return 0
    for d in days:
        light = " (lighter week)" if d.light_week else ""
        _out(f"{d.date.strftime('%a %d %b')} · block week {d.block_week}{light} · about {plan.estimated_minutes(d.exercises):g} min")
        for p in d.exercises:
            _out(f"    {p.name:<28} {p.dose_text}")
    if not days:
        _out("No strength day fits the coming weeks: check your running week with `runstrength profile`.")
    return 0


def status_text(st) -> str:
    from .domain.plan import day_name

    head = f"runstrength · {st.today.strftime('%a %d %b %Y')}"
    if st.block:
        head += f" · block week {min(max(st.block.week, 1), st.block.weeks)} of {st.block.weeks}"
    mark = "✓ target met" if st.counts else f"{max(0, st.target - st.week_sessions):g} to go"
    lines = [head, f"This week:  {st.week_sessions:g} of {st.target} sessions ({mark})"]
    if st.next_strength_day == st.today:
        lines.append("Next:       today — `runstrength today` shows the session")
    elif st.next_strength_day:
        lines.append(f"Next:       {day_name(st.next_strength_day, st.today)} ({st.next_strength_day.isoformat()})")
    week_word = "week" if st.streak.current == 1 else "weeks"
    lines.append(f"Streak:     {st.streak.current} {week_word} (best {st.streak.best})")
    if st.block and st.block.planned_to_date:
        lines.append(f"Block:      {st.block.adherence}% of planned sessions done")
    elif st.block:
        lines.append("Block:      just started; adherence shows after your first sessions")
    for w in st.warnings:
        lines.append(f"{w.level.capitalize()}: {w.message} {w.advice}")
    return "\n".join(lines)


def cmd_status(args) -> int:
    from . import service

    st = service.status(_context(args, all_sessions=True))
    if args.json:
        _json(st.to_dict())
    else:
        _out(status_text(st))
    return 0


def cmd_history(args) -> int:
    from . import service
    from .domain import validate as v
    from .domain.catalog import load_catalog
    from .domain.guard import code_words

    weeks = v.parse_whole(args.weeks, "Weeks", 1, 520)
    day = service.today()
    since = day - timedelta(weeks=weeks)
    with _open(args, write=False) as store:
        sessions = [s for s in store.sessions() if s.date >= since]
        sets = store.sets(since=since)
    rows = service.history_rows(sessions, sets, load_catalog())
    if args.json:
        _json({"since": since.isoformat(), "sessions": rows})
        return 0
    if not rows:
        _out(f"No sessions since {since.isoformat()}.")
    for r in reversed(rows):
        minutes = f"{r['minutes']:g} min" if r["minutes"] else "—"
        warn = f"  ! {', '.join(code_words(c) for c in r['warnings'])}" if r["warnings"] else ""
        _out(f"{r['date']}  {r['sets']:>2} sets  {minutes:>7}  {', '.join(r['exercises'])}{warn}")
    return 0


def cmd_restore(args) -> int:
    from .store.repo import BACKUP_DIR, restore_backup

    folder = args.data_dir_path / BACKUP_DIR
    if not args.data_dir_path.is_dir():
        from .store.storage import StoreError

        raise StoreError(f"there is no data folder at {args.data_dir_path}; nothing to restore.")
    if args.list:
        names = sorted(p.name for p in folder.glob("runstrength-*.tar.gz")) if folder.exists() else []
        _out("\n".join(names) if names else f"No backups in {folder} yet.")
        return 0
    chosen = restore_backup(args.data_dir_path, args.name)
    _out(f"Restored {chosen.name}. The files it replaced were backed up first.")
    return 0


COMMANDS = {
    "exercises": cmd_exercises,
    "show": cmd_show,
    "log": cmd_log,
    "export": cmd_export,
    "import": cmd_import,
    "profile": cmd_profile,
    "today": cmd_today,
    "plan": cmd_plan,
    "status": cmd_status,
    "history": cmd_history,
    "restore": cmd_restore,
}


VALUE_OPTIONS = ("--load", "--reps", "--seconds", "--rpe", "--sets", "--weeks", "--target", "--minutes")


def _attach_negative_values(argv: list[str]) -> list[str]:
    """`--load -5kg` → `--load=-5kg`: argparse would take -5kg for an option and say
    "expected one argument"; attached, the value gets our own message ("more than 0")."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in VALUE_OPTIONS and i + 1 < len(argv) and argv[i + 1][:1] == "-" and argv[i + 1][1:2].isdigit():
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out


def run(argv: list[str] | None = None) -> int:
    from .domain.catalog import CatalogError
    from .domain.validate import InputError
    from .store.storage import StoreError

    demo_dir = None
    try:
        args = build_parser().parse_args(_attach_negative_values(sys.argv[1:] if argv is None else list(argv)))
        from . import service

        service.today()  # a malformed RUNSTRENGTH_TODAY is bad input, reported here
        if getattr(args, "demo", False):
            from .demo import make_demo_dir

            demo_dir = make_demo_dir(service.today())
            args.data_dir_path = demo_dir
        else:
            from .store.paths import resolve_data_dir

            args.data_dir_path = resolve_data_dir(getattr(args, "data_dir", None))
        if args.command is None:
            from .ui.app import run_tui

            return run_tui(args.data_dir_path, demo=demo_dir is not None)
        return COMMANDS[args.command](args)
    except (UsageError, InputError) as exc:
        _err(f"runstrength: {exc}")
        return EXIT_INPUT
    except (StoreError, CatalogError) as exc:
        _err(f"runstrength: {exc}")
        return EXIT_STORE
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that cannot be created or written, a full disk…
        where = f" ({exc.filename})" if exc.filename else ""
        _err(f"runstrength: {exc.strerror or exc}{where}; nothing else was changed.")
        return EXIT_STORE
    except KeyboardInterrupt:
        return 130
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


def main() -> None:
    sys.exit(run())
