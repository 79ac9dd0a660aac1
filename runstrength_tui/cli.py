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
    s.add_argument("--kind", type=str.lower, choices=["strength", "functional", "plyometric", "core", "mobility"])
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
    s.add_argument("--race", action="append", help="a race day, YYYY-MM-DD (repeat for several; 'none' clears them)")
    s.add_argument("--plyo-ready", help="yes when you can answer yes to every jump-readiness question; no otherwise")
    s.add_argument("--weights", help="the dumbbells you own, e.g. 4,6,8,10kg ('none' clears)")
    s.add_argument("--kettlebells", help="the kettlebells you own, e.g. 8,12,16kg ('none' clears)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("pain", parents=[common], help="exercises that pain keeps out of the plan; `pain clear EXERCISE`")
    s.add_argument("action", nargs="?", choices=["clear"], help="clear: a doctor or therapist has cleared it")
    s.add_argument("exercise", nargs="?", help="the exercise to clear")
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
    s.add_argument("--list", action="store_true", help="list the backups, newest first, with what each holds")
    s.add_argument("--yes", action="store_true", help="do not ask before replacing the log (for scripts)")

    add_runs_parser(sub, common)
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
    from .domain.validate import parse_equipment
    from .service import catalog as load_catalog

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
                    "legs": e.legs,
                    "rest_seconds": e.rest,
                    "min_rest_seconds": e.min_rest,
                    "tempo": None if e.is_hold else e.tempo,
                    "max_hold_seconds": e.longest_hold,
                }
                for e in items
            ]
        )
        return 0
    if not items:
        _out("No exercise matches those filters.")
        return 0
    width = max(len(e.id) for e in items)
    for kind in ("strength", "functional", "plyometric", "core", "mobility"):
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


def tempo_text(e) -> str:
    """How long a rep (or hold) takes, in words: 'Tempo: about 4 s a rep (slow lowering or pauses)'."""
    if e.is_hold:
        return f"Hold: steady, up to {e.longest_hold} s; past that, add a set rather than seconds"
    if e.tempo <= 1.5:
        how = "quick and springy"
    elif e.tempo < 4:
        how = "controlled, up and down"
    else:
        how = "slow lowering or pauses"
    return f"Tempo: about {e.tempo:g} s a rep ({how})"


def exercise_text(e, catalog, width: int = 80) -> str:
    """The instructions as plain text for a terminal."""
    wrap = lambda text, indent: textwrap.fill(text, width, initial_indent=indent, subsequent_indent=" " * len(indent))  # noqa: E731
    lines = [f"{e.name}  ({e.kind}, {e.level}, {', '.join(e.equipment) or 'bodyweight'})", ""]
    least = "no less" if e.min_rest == e.rest else f"at least {e.min_rest} s"
    lines.append(f"Prescription: {e.prescription_text}, rest {e.rest} s ({least})")
    lines.append(tempo_text(e))
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
    from .service import catalog as load_catalog

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
    from .service import catalog as load_catalog

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


def _export_target(args) -> Path:
    """The -o file, refused inside the data folder (it could replace the live log)."""
    import os

    from .domain.validate import InputError

    target = Path(args.output).expanduser().resolve()  # write through a link, not over it
    data = args.data_dir_path.expanduser().resolve()
    inside = target == data or data in target.parents
    if not inside and target.exists() and data.is_dir():  # another name (a hard link) for a data file
        st = target.stat()
        inside = any(os.path.samestat(st, p.stat()) for p in data.iterdir() if p.is_file())
    if inside:
        raise InputError(f"{target} is inside the data folder {data}; export to a file outside it, for example ~/runstrength-export.json.")
    if not target.parent.is_dir():
        raise InputError(f"Folder {target.parent} does not exist; create it or pick another -o path.")
    if target.exists() and not target.is_file():
        raise InputError(f"{target} is not a regular file; give a file name to write the export to.")
    return target


def cmd_export(args) -> int:
    from . import service
    from .store.storage import atomic_write_bytes

    target = _export_target(args) if args.output else None  # checked before anything is read
    with _open(args, write=False) as store:
        if args.format == "csv":
            payload = store.export_csv()
        else:
            payload = json.dumps(store.export_bundle(service.now()), indent=1, ensure_ascii=False) + "\n"
    if target is not None:
        atomic_write_bytes(target, payload.encode("utf-8"))
        _err(f"Exported to {target}.")
    else:
        sys.stdout.write(payload)
    return 0


MAX_IMPORT_BYTES = 64 * 2**20


def parse_bundle(raw_text: str, catalog, today: date | None = None):
    """Validate an export file (our JSON or our CSV) completely against the stored schema;
    raise InputError listing the first problems with their place in the file."""
    from datetime import datetime

    from .domain import csvlog, schema
    from .domain import validate as v
    from .domain.model import Profile, SessionRecord, SetRecord
    from .store.repo import EXPORT_FORMAT, SCHEMA_VERSION

    def refuse(problems: list[str], more: bool = False) -> None:
        shown = "; ".join(problems[: schema.MAX_PROBLEMS])
        first = "the first problems" if len(problems) > 1 or more else "the problem"
        raise v.InputError(f"Nothing was imported; {first} in the file: {shown}.")

    window = schema.Window.for_today(today or date.today())
    is_csv = False
    if csvlog.looks_like_csv(raw_text):
        if not csvlog.is_ours(raw_text):
            raise v.InputError(
                "Not a runstrength export: this CSV does not have the columns `runstrength export --format csv` "
                "writes (date,session,exercise,...); nothing was imported."
            )
        raw, problems = csvlog.read(raw_text)
        if problems:
            refuse(problems)
        is_csv = True
    else:
        try:
            raw = schema.loads(raw_text)
        except ValueError as exc:
            raise v.InputError(f"Not a runstrength export: {exc}; nothing was imported.") from None
        if not isinstance(raw, dict) or raw.get("format") != EXPORT_FORMAT:
            raise v.InputError("Not a runstrength export: the file has no \"format\": \"runstrength-export\" field.")
        version = raw.get("version", SCHEMA_VERSION)
        if type(version) is not int or version > SCHEMA_VERSION:
            raise v.InputError(f"This export was written by a newer runstrength (version {schema.found(version)}); upgrade to import it.")
        if not isinstance(raw.get("sessions"), list) or not isinstance(raw.get("sets"), list):
            raise v.InputError("Not a runstrength export: \"sessions\" and \"sets\" must be lists.")
        unknown = [k for k in raw if k not in ("format", "version", "exported_at", "profile", "sessions", "sets", "acks", "runs")]
        if unknown:
            refuse([f"{schema.show_key(unknown[0])}: not part of a runstrength export"])

    problems: list[str] = []
    schema.check_list(schema.SESSION, raw["sessions"], "sessions", window, problems)
    schema.check_list(schema.SET, raw["sets"], "sets", window, problems)
    if raw.get("profile") is not None:
        problems += schema.PROFILE.problems(raw["profile"], "profile", window)
    if raw.get("acks") is not None:
        schema.check_list(schema.ACK, raw["acks"], "acks", window, problems)
    if not problems:
        session_ids = {d["id"] for d in raw["sessions"]}
        for i, doc in enumerate(raw["sets"]):
            if doc["exercise"] not in catalog:
                problems.append(f"sets[{i}].exercise: unknown exercise {doc['exercise']!r}")
            elif doc["session"] not in session_ids:
                problems.append(f"sets[{i}].session: its session is not in the file")
            if len(problems) >= schema.MAX_PROBLEMS:
                break
    if problems:
        if is_csv:  # name CSV rows as a spreadsheet shows them (the header is row 1)
            import re

            problems = [re.sub(r"^(?:sets|sessions)\[(\d+)\]\.", lambda m: f"row {int(m.group(1)) + 2}, ", p) for p in problems]
        refuse(problems)
    sessions = [SessionRecord.from_doc(d) for d in raw["sessions"]]
    sets = [SetRecord.from_doc(d) for d in raw["sets"]]
    profile = Profile.from_doc(raw["profile"]) if raw.get("profile") else None
    acks = [(d["code"], d.get("exercise") or "", datetime.fromisoformat(d["date"]).date()) for d in raw.get("acks") or []]
    return sessions, sets, profile, acks


def parse_bundle_runs(raw_text: str, today: date) -> list:
    """The ``runs`` of an export file (absent in older exports), each checked strictly."""
    from .domain import validate as v
    from .domain.runs import validate_run_doc

    raw = json.loads(raw_text)  # parse_bundle has already checked that this is an export
    docs = raw.get("runs") or []
    if not isinstance(docs, list):
        raise v.InputError("Not a runstrength export: \"runs\" must be a list.")
    runs = []
    for i, doc in enumerate(docs, 1):
        try:
            runs.append(validate_run_doc(doc, today=today))
        except ValueError as exc:
            raise v.InputError(f"Run #{i} in the file: {exc}; nothing was imported.") from None
    return runs


def cmd_import(args) -> int:
    from . import service
    from .domain.validate import InputError
    from .service import catalog as load_catalog

    path = Path(args.file).expanduser()
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise InputError(f"{path} is larger than {MAX_IMPORT_BYTES // 2**20} MB, far more than a runstrength export; nothing was imported.")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"No file {path}; check the path.") from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise InputError(f"{path} is not a runstrength export (not a JSON or CSV text file).") from None
    sessions, sets, profile, acks = parse_bundle(text, load_catalog(), service.today())
    runs = parse_bundle_runs(text, service.today()) if text.lstrip().startswith("{") else []
    with _open(args, write=True) as store:
        counts = store.import_bundle(sessions, sets, profile, acks, runs=runs)
    _out(
        f"Imported {counts['sets_added']} sets in {counts['sessions_added']} sessions "
        f"({counts['sets_skipped']} sets and {counts['sessions_skipped']} sessions were already there)."
    )
    if runs:
        _out(f"Imported {counts['runs_added']} runs ({counts['runs_skipped']} were already there).")
    return 0


def _parse_profile_changes(args, profile, day: date):
    from .domain import validate as v
    from .domain.model import LEVELS, RUN_TYPES, WEEKDAYS
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
    if args.race is not None:
        if any(r.strip().lower() == "none" for r in args.race):
            changes["races"] = ()
        else:
            races = set(profile.races)
            for raw in args.race:
                try:
                    races.add(date.fromisoformat(raw.strip()))
                except ValueError:
                    raise v.InputError(f"Race day must look like YYYY-MM-DD, not {raw!r}.") from None
            changes["races"] = tuple(sorted(r for r in races if r >= day - timedelta(days=1)))
    if args.plyo_ready is not None:
        changes["plyo_ready"] = pick(args.plyo_ready, ("yes", "no"), "Plyo ready") == "yes"
    for option, field in (("weights", "dumbbells"), ("kettlebells", "kettlebells")):
        raw = getattr(args, option)
        if raw is None:
            continue
        if raw.strip().lower() == "none":
            changes[field] = ()
            continue
        parts = [x.strip() for x in raw.split(",") if x.strip()]
        unit = next((u for u in ("kg", "lb") if parts and parts[-1].lower().rstrip("s").endswith(u)), profile.units)
        weights = set()
        for part in parts:
            kg, _ = v.parse_load(part if part[-1].isalpha() else f"{part}{unit}", unit)
            weights.add(round(kg, 3))
        if not weights:
            raise v.InputError(f"--{option} needs weights like 4,6,8kg, or 'none'.")
        changes[field] = tuple(sorted(weights))
    if "target" in changes and changes["target"] != profile.target:
        history = list(profile.target_history) or [(profile.block_start or week_start(day), profile.target)]
        this_week = week_start(day, WEEKDAYS.index(changes.get("week_start", profile.week_start)))
        history = [(d, t) for d, t in history if d < this_week] + [(this_week, changes["target"])]
        changes["target_history"] = tuple(history)
    return changes


def profile_text(p) -> str:
    from .domain import plan
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
            f"Races:      {', '.join(r.isoformat() for r in p.races) or 'none'}",
            f"Dumbbells:  {_weights(p.dumbbells, p.units)}    Kettlebells: {_weights(p.kettlebells, p.units)}",
            f"Jumps:      {'ready (you answered yes to the readiness questions)' if p.plyo_ready else 'not yet: answer the readiness questions'}",
        ]
        + ([f"Note:       {note}"] if (note := plan.target_note(p)) else [])
    )


def _weights(weights, units: str) -> str:
    from .domain.plan import format_load

    return ", ".join(format_load(w, units) for w in weights) or "none listed (standard steps)"


def readiness_text(level: str) -> str:
    from .domain.plan import READINESS_QUESTIONS

    lines = [f"Before jumps at {level} level, answer each of these honestly:"]
    lines += [f"  [ ] {q}" for q in READINESS_QUESTIONS]
    lines.append("Jumps stay out of the plan until then. When every answer is yes: runstrength profile --plyo-ready yes")
    return "\n".join(lines)


def cmd_profile(args) -> int:
    from . import service

    day = service.today()
    changing = any(
        getattr(args, k) is not None
        for k in ("level", "equipment", "target", "minutes", "units", "week_start", "runs", "block_start", "weeks",
                  "race", "plyo_ready", "weights", "kettlebells")
    )
    with _open(args, write=False) as store:
        existing = store.profile()
    profile = existing or service.default_profile(day)
    if changing:
        _parse_profile_changes(args, profile, day)  # bad values stop here, before anything is written
        with _open(args, write=True) as store:
            existing = store.profile()  # read again under the lock
            profile = existing or service.default_profile(day)
            changes = _parse_profile_changes(args, profile, day)
            level = changes.pop("level", profile.level)
            moved_up = level != profile.level
            if existing is None:  # a new profile picks its level; only a change of level ramps
                profile = profile.with_changes(level=level, **changes)
            else:
                profile = profile.with_level(level, day).with_changes(**changes)
            store.save_profile(profile)
    if args.json:
        _json({**profile.to_doc(), "saved": existing is not None or changing})
    else:
        _out(profile_text(profile))
        if existing is None and not changing:
            _out("\n(No profile saved yet: these are the defaults. Change them with the options in `runstrength profile --help`.)")
        elif changing:
            _out("\nSaved.")
        if changing and moved_up and profile.level != "beginner" and not profile.plyo_ready:
            _out("\n" + readiness_text(profile.level))
    return 0


def plan_text(plan_today) -> str:
    lines = [f"{plan_today.date.strftime('%A %d %B %Y')} · block week {plan_today.block_week} of {plan_today.block_weeks}", plan_today.reason]
    if plan_today.block_week_reason:
        lines.append(f"Block week {plan_today.block_week}: {plan_today.block_week_reason}.")
    items = plan_today.exercises or plan_today.finisher
    if items:
        title = "Today's session" if plan_today.exercises else "Optional finisher"
        lines += ["", f"{title} (about {plan_today.estimated_minutes:g} min):"]
        if plan_today.exercises and plan_today.warmup:
            drills = ", ".join(f"{p.name} {p.dose_text}" for p in plan_today.warmup)
            lines.append(f"  Warm-up, 3–4 min: {drills}")
        for p in items:
            note = f"  · {p.note}" if p.note else ""
            lines.append(f"  {p.name:<28} {p.dose_text}, rest {p.rest} s{note}")
    for note in plan_today.notes:
        lines += ["", f"Note: {note}"]
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
    from .domain import plan
    from .domain import validate as v

    weeks = v.parse_whole(args.weeks, "Weeks", 1, 12)
    ctx = _context(args)
    day = ctx.today
    days = plan.plan_ahead(day, ctx.profile, ctx.sessions, ctx.history + ctx.pain_history, ctx.catalog, weeks=weeks, actual=ctx.actual)
    if args.json:
        _json({"today": day.isoformat(), "days": [d.to_dict() for d in days]})
        return 0
    for note in ctx.today_plan().notes:
        _out(f"Note: {note}\n")
    for d in days:
        marks = [m for m, on in (("lighter week", d.light_week), ("race taper", d.taper),
                                 (f"comeback week {d.comeback}", d.comeback)) if on]
        light = f" ({', '.join(marks)})" if marks else ""
        _out(f"{d.date.strftime('%a %d %b')} · block week {d.block_week}{light} · about {plan.estimated_minutes(d.exercises):g} min")
        for p in d.exercises:
            note = f"  · {p.note}" if p.note else ""
            _out(f"    {p.name:<28} {p.dose_text}{note}")
        for item in d.upcoming:
            _out(f"    later: {item}")
    if not days:
        _out("No strength day fits the coming weeks: check your running week with `runstrength profile`.")
    return 0


def status_text(st) -> str:
    from .domain.plan import day_name

    head = f"runstrength · {st.today.strftime('%a %d %b %Y')}"
    if st.block:
        head += f" · block week {min(max(st.plan.block_week, 1), st.block.weeks)} of {st.block.weeks}"
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
    if st.plan.block_week_reason:
        lines.append(f"Block week {st.plan.block_week}: {st.plan.block_week_reason}.")
    for w in st.warnings:
        lines.append(f"{w.level.capitalize()}: {w.message} {w.advice}")
    for note in st.plan.notes:
        lines.append(f"Note: {note}")
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
    from .domain.guard import code_words
    from .service import catalog as load_catalog

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


def _ask(question: str) -> bool:
    """y/N on the terminal (the caller made sure there is one)."""
    sys.stderr.write(question)
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


def _has_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def cmd_restore(args) -> int:
    from .domain.validate import InputError
    from .store import backups
    from .store.storage import StoreError

    if not args.data_dir_path.is_dir():
        raise InputError(f"No log at {args.data_dir_path}; nothing to restore. Check --data-dir.")
    if args.list:
        found = backups.list_backups(args.data_dir_path)
        if not found:
            _out(f"No backups in {args.data_dir_path / backups.BACKUP_DIR} yet.")
        for path in reversed(found):
            try:
                what = str(backups.count(backups.read_members(path)))
            except StoreError as exc:
                what = f"cannot be used: {exc}"
            when = backups.when_text(backups.taken_at(path))
            _out(f"{when:<18} {backups.label_of(path) or '-':<15} {what:<24} {path.name}")
        return 0
    try:
        backups.choose(args.data_dir_path, args.name)  # a bad NAME is bad input, before anything else
    except backups.BackupNameError as exc:
        raise InputError(str(exc)) from None
    if not args.yes and not _has_terminal():
        raise InputError("restore replaces your whole log: run it in a terminal to confirm, or add --yes in scripts.")

    def confirm(summary: str) -> bool:
        _err(summary)
        return args.yes or _ask("Replace your log with this backup? Your current files are backed up first. [y/N] ")

    try:
        chosen = backups.restore(args.data_dir_path, args.name, confirm)
    except backups.BackupNameError as exc:
        raise InputError(str(exc)) from None
    except backups.RestoreCancelled as exc:
        _err(f"runstrength: {exc}")
        return EXIT_STORE
    _out(f"Restored {chosen.name}. The files it replaced were backed up first.")
    return 0


def cmd_pain(args) -> int:
    from . import service
    from .domain import plan
    from .domain import validate as v

    day = service.today()
    if args.action == "clear":
        if not args.exercise:
            raise v.InputError("Say which exercise to clear, e.g. `runstrength pain clear goblet-squat`.")
        with _open(args, write=False) as store:
            ctx = service.Context.load(store, day)
        ex_id = args.exercise.strip().lower().replace(" ", "-")
        status = plan.pain_status(ctx.history + ctx.pain_history, ctx.profile)
        if ex_id not in status:
            marked = ", ".join(sorted(status)) or "none"
            raise v.InputError(f"{args.exercise!r} has no pain mark to clear (marked now: {marked}).")
        with _open(args, write=True) as store:
            service.clear_pain(store, ex_id, day)
        if args.json:
            _json({"cleared": ex_id, "date": day.isoformat()})
        else:
            _out(f"Cleared: {ctx.catalog.get(ex_id).name if ex_id in ctx.catalog else ex_id} is back in the plan, "
                 f"starting light. Stop again if it hurts.")
        return 0
    if args.exercise:
        raise v.InputError("Use `runstrength pain` to list, or `runstrength pain clear EXERCISE`.")
    ctx = _context(args)
    status = plan.pain_status(ctx.history + ctx.pain_history, ctx.profile)
    rows = [
        {"exercise": st.exercise, "marks_in_a_row": st.marks_in_a_row, "last": st.last.isoformat(),
         "out_of_plan": st.marks_in_a_row >= 2}
        for st in sorted(status.values(), key=lambda x: x.exercise)
    ]
    if args.json:
        _json({"pain": rows, "referrals": plan.referral(status, ctx.catalog)})
        return 0
    if not rows:
        _out("No pain marks: nothing is held back.")
        return 0
    for row in rows:
        name = ctx.catalog.get(row["exercise"]).name if row["exercise"] in ctx.catalog else row["exercise"]
        what = "out of the plan until cleared" if row["out_of_plan"] else "easier variation next time, same load"
        _out(f"{name:<28} pain {row['marks_in_a_row']} session{'s' if row['marks_in_a_row'] > 1 else ''} in a row, last {row['last']}: {what}")
    for sentence in plan.referral(status, ctx.catalog):
        _out(f"\n{sentence}")
    return 0


# --- runs: import watch files, list them, correct a kind ---------------------------------------


def add_runs_parser(sub, common) -> None:
    s = sub.add_parser("runs", parents=[common], help="your imported runs (import, list, correct a kind)",
                       description="Without a subcommand: list the imported runs of the last weeks.")
    s.add_argument("--weeks", default="2", help="how many weeks back to list (default 2)")
    s.add_argument("--json", action="store_true")
    runs_sub = s.add_subparsers(dest="runs_command", metavar="SUBCOMMAND", parser_class=Parser)
    r = runs_sub.add_parser("import", parents=[common], help="import runs from FIT, GPX or TCX files (or .gz), folders, or a Strava export folder")
    r.add_argument("paths", nargs="+", metavar="PATH")
    r.add_argument("--json", action="store_true")
    r = runs_sub.add_parser("set", parents=[common], help="correct the kind of a day's runs")
    r.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    r.add_argument("--kind", required=True, help="easy, hard or long (auto: back to the automatic kind)")
    r.add_argument("--json", action="store_true")


def _run_json(run) -> dict:
    return run.to_doc()  # date, start (ISO with its UTC offset), distance_km, duration_s, kind, source, …


def cmd_runs(args) -> int:
    sub = getattr(args, "runs_command", None)
    if sub == "import":
        return _cmd_runs_import(args)
    if sub == "set":
        return _cmd_runs_set(args)
    from . import service
    from .domain import validate as v
    from .domain.runs import day_line

    weeks = v.parse_whole(args.weeks, "Weeks", 1, 520)
    day = service.today()
    since = day - timedelta(weeks=weeks)
    with _open(args, write=False) as store:
        runs = store.run_log().runs(since, day)
    if args.json:
        _json({"since": since.isoformat(), "runs": [_run_json(r) for r in runs]})
        return 0
    if not runs:
        _out(f"No runs since {since.isoformat()}. Import some with `runstrength runs import PATH`.")
        return 0
    for d in sorted({r.date for r in runs}):
        marks = " (set by you)" if any(r.kind_set_by_user for r in runs if r.date == d) else ""
        _out(f"{d.isoformat()} {day_line(d, runs)}{marks}")
    return 0


def _cmd_runs_import(args) -> int:
    from . import service
    from .service import runs as service_runs

    with _open(args, write=False) as peek:
        profile = peek.profile()
    start_index = profile.week_start_index if profile else 0
    with _open(args, write=True) as store:
        result = service_runs.import_paths(store, [Path(p) for p in args.paths], service.now(), start_index)
    for name, sentence in result.problems:
        _err(f"runstrength: {name}: {sentence}; nothing from it was imported.")
    for name, sentence in result.not_runs:
        _err(f"{name}: {sentence}; skipped.")
    if args.json:
        _json({
            "added": [_run_json(r) for r in result.added],
            "already_there": result.skipped,
            "problems": [{"file": f, "problem": p} for f, p in result.problems],
            "not_runs": [{"file": f, "reason": p} for f, p in result.not_runs],
        })
    elif result.added:
        days = sorted(r.date for r in result.added)
        span = days[0].isoformat() if days[0] == days[-1] else f"{days[0].isoformat()} to {days[-1].isoformat()}"
        there = f"; {result.skipped} {'was' if result.skipped == 1 else 'were'} already there" if result.skipped else ""
        _out(f"Imported {len(result.added)} run{'s' if len(result.added) != 1 else ''} ({span}){there}.")
    elif result.skipped:
        _out(f"Nothing new: {'the run was' if result.skipped == 1 else f'all {result.skipped} runs were'} already there.")
    elif not result.problems and not result.not_runs:
        _out("No FIT, GPX or TCX files found there; nothing was imported.")
    return EXIT_INPUT if result.problems else 0


def _cmd_runs_set(args) -> int:
    from . import service
    from .domain import validate as v
    from .domain.runs import RUN_KINDS, run_line

    day_today = service.today()
    day = v.parse_day(args.date, day_today)
    kind = args.kind.strip().lower()
    if kind not in (*RUN_KINDS, "auto"):
        raise v.InputError(f"Kind must be one of {', '.join(RUN_KINDS)} or auto, not {kind!r}.")
    with _open(args, write=False) as peek:
        if not peek.run_log().runs(day, day):
            raise v.InputError(f"No imported run on {day.isoformat()}; `runstrength runs` lists them.")
        profile = peek.profile()
    with _open(args, write=True) as store:
        runs = store.run_log().set_kind(day, None if kind == "auto" else kind, profile.week_start_index if profile else 0)
    if args.json:
        _json({"date": day.isoformat(), "runs": [_run_json(r) for r in runs]})
    else:
        for r in runs:
            _out(f"{day.isoformat()}: {run_line(r)}{' (set by you)' if r.kind_set_by_user else ' (automatic)'}.")
    return 0


READS_LOG = {"today", "plan", "status", "history", "export"}  # commands that only read an existing log


def _require_log(data_dir: Path) -> None:
    """A read command on a folder with no log is most likely a typo in --data-dir."""
    from .domain.validate import InputError
    from .store.files import MAIN

    if not (data_dir / MAIN).is_file():
        raise InputError(f"No log at {data_dir}; run `runstrength` to set up, or check --data-dir.")


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
    "pain": cmd_pain,
    "history": cmd_history,
    "restore": cmd_restore,
    "runs": cmd_runs,
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
        if args.command in READS_LOG and demo_dir is None:
            _require_log(args.data_dir_path)
        if args.command is None:
            import gc

            gc.disable()  # start-up allocates much and frees little; the TUI enables it after its first paint
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
