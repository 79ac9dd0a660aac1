"""`log` (sets done outside the app, checked by the guard) and `pain` (marks, and clearing one)."""

from __future__ import annotations

from ... import service
from ...domain import validate as v
from ...domain.words import load_as_typed, plural
from ..render import err, out, print_json, warn_lines
from . import open_log, read_context


def cmd_log(args) -> int:
    ex = v.resolve_exercise(service.catalog(), args.exercise)
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
    note = v.parse_note(args.note)
    load = None
    units = "kg"
    if args.load:  # checked before the writer opens, so a bad load writes nothing (not even a new folder)
        with open_log(args, write=False) as peek:
            profile = peek.profile()
        units = profile.units if profile else "kg"
        load = v.parse_load(args.load, units)
    with open_log(args, write=not args.dry_run) as log:
        stamp = service.stamped_on(day, service.now())
        drafts = service.make_sets(ex.id, "(new)", day, stamp, count, reps, seconds, load, rpe, args.pain, note, "cli")
        records, warnings = log.log_outside_session(drafts, day_today, dry_run=args.dry_run)
    if args.json:
        done = [r.to_doc() for r in records]
        print_json(
            {
                "logged": [] if args.dry_run else done,
                "would_log": done if args.dry_run else [],
                "warnings": [w.to_dict() for w in warnings],
                "dry_run": args.dry_run,
            }
        )
        return 0
    what = f"{seconds} s" if seconds is not None else f"{reps}"
    load_text = f" @ {load_as_typed(records[0].load_kg or 0.0, records[0].unit, units)}" if load else ""
    verb = "Would log" if args.dry_run else "Logged"
    out(f"{verb} {count} × {what} {ex.name.lower()}{load_text} on {day.isoformat()}.")
    if defaulted:
        err(defaulted)
    warn_lines(warnings)
    return 0


def cmd_pain(args) -> int:
    from ...domain import plan

    day = service.today()
    if args.action == "clear":
        if not args.exercise:
            raise v.InputError("Say which exercise to clear, e.g. `runstrength pain clear goblet-squat`.")
        ctx = read_context(args)
        ex_id = args.exercise.strip().lower().replace(" ", "-")
        status = ctx.pain()
        family = ctx.catalog.pain_family(ex_id) if ex_id in ctx.catalog else ex_id
        if family not in status:
            marked = ", ".join(sorted(st.exercise for st in status.values())) or "none"
            raise v.InputError(f"{args.exercise!r} has no pain mark to clear (marked now: {marked}).")
        with open_log(args, write=True) as log:
            log.clear_pain(ex_id, day)
        if args.json:
            print_json({"cleared": ex_id, "date": day.isoformat()})
        else:
            out(
                f"Cleared: {ctx.catalog.get(ex_id).name if ex_id in ctx.catalog else ex_id} is back in the plan, "
                f"starting light. Stop again if it hurts."
            )
        return 0
    if args.exercise:
        raise v.InputError("Use `runstrength pain` to list, or `runstrength pain clear EXERCISE`.")
    ctx = read_context(args)
    status = ctx.pain()
    rows = [
        {
            "exercise": st.exercise,
            "family": st.family,
            "marks_in_a_row": st.marks_in_a_row,
            "last": st.last.isoformat(),
            "out_of_plan": st.out_of_plan,
        }
        for st in sorted(status.values(), key=lambda x: x.exercise)
    ]
    if args.json:
        print_json({"pain": rows, "referrals": plan.referral(status, ctx.catalog)})
        return 0
    if not rows:
        out("No pain marks: nothing is held back.")
        return 0
    for row in rows:
        name = ctx.catalog.get(row["exercise"]).name if row["exercise"] in ctx.catalog else row["exercise"]
        what = (
            "out of the plan, with its easier and harder variations, until cleared"
            if row["out_of_plan"]
            else "easier variation next time, no heavier, no jumps for a week"
        )
        out(f"{name:<28} pain {plural(row['marks_in_a_row'], 'session')} in a row, last {row['last']}: {what}")
    for sentence in plan.referral(status, ctx.catalog):
        out(f"\n{sentence}")
    return 0
