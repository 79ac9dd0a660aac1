"""`today`, `plan`, `status` and `history`: what the coach says, read-only."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ... import service
from ...domain import validate as v
from ...domain.words import plural
from ...service import data
from ..render import (
    SUPERSET_LINE,
    emit,
    err,
    name_width,
    out,
    plan_text,
    print_json,
    session_lines,
    status_text,
    write_bytes_out,
)
from . import open_log, read_context, tell_clock

if TYPE_CHECKING:
    from argparse import Namespace


def cmd_today(args: Namespace) -> int:
    ctx = read_context(args)
    shown = ctx.today_plan()
    code = emit(args, shown, plan_text)
    if ctx.profile_saved:
        service.remember_shown(args.data_dir_path, shown.date, shown.kind, shown.volume)
    return code


def cmd_status(args: Namespace) -> int:
    with open_log(args, write=False) as log:  # the Week screen's review: the same figures
        tell_clock(args, log)
        _, status = log.week_review(service.today())
    return emit(args, status, status_text)


def cmd_plan(args: Namespace) -> int:
    from ...domain import plan

    weeks = v.parse_whole(args.weeks or ("4" if args.ics else "2"), "Weeks", 1, 12)
    if args.output and not args.ics:
        raise v.InputError("-o goes with --ics: `runstrength plan --ics -o ~/Calendar/runstrength.ics`.")
    target = data.export_target(args.output, args.data_dir_path) if args.output else None
    ctx = read_context(args)
    day = ctx.today
    days = ctx.ahead(weeks, finishers=True)
    if ctx.profile_saved:
        first = ctx.today_plan()
        service.remember_shown(args.data_dir_path, day, first.kind, first.volume)
    if args.ics:
        from ...service.calendar import plan_ics

        payload = plan_ics(days, ctx.profile.session_time, service.now())
        if target is None:
            write_bytes_out(payload)  # CRLF lines, as RFC 5545 has them; text we made, no control bytes
            return 0
        data.write_file(target, payload)
        err(f"Wrote {plural(sum(1 for d in days if d.kind != 'finisher'), 'session')} to {target}.")
        return 0
    if args.json:
        print_json({"today": day.isoformat(), "days": [d.to_dict() for d in days]})
        return 0
    for note in ctx.today_plan().notes:
        out(f"Note: {note}\n")
    width = name_width([p for d in days for p in d.exercises])  # one column for the whole plan
    paired = any(p.group for d in days for p in d.exercises)  # a label column for the whole plan too
    for d in days:
        marks = [
            m
            for m, on in (
                ("lighter week", d.light_week),
                ("race taper", d.taper),
                (f"comeback week {d.comeback}", d.comeback),
            )
            if on
        ]
        light = f" ({', '.join(marks)})" if marks else ""
        if d.kind == "finisher":
            names = ", ".join(p.name.lower() for p in d.exercises)
            out(f"{d.date.strftime('%a %d %b')} · optional 5-minute finisher after your easy run: {names}")
            continue
        what = " · short session that spares your legs" if d.kind == "leg-free" else ""
        out(
            f"{d.date.strftime('%a %d %b')}{what} · block week {d.block_week}{light} · about {plan.estimated_minutes(d.exercises):g} min"
        )
        for line in session_lines(d.exercises, width=width, labelled=paired):
            out(f"    {line}")
        for item in d.upcoming:
            out(f"    later: {item}")
    if not days:
        out("No strength day fits the coming weeks: check your running week with `runstrength profile`.")
    elif paired:
        out(f"\n{SUPERSET_LINE}")
    return 0


def cmd_history(args: Namespace) -> int:
    from ...domain.guard import code_words

    weeks = v.parse_whole(args.weeks, "Weeks", 1, 520)
    since = service.today() - timedelta(weeks=weeks)
    with open_log(args, write=False) as log:
        tell_clock(args, log)
        rows = log.history_rows(since)
    if args.json:
        print_json({"since": since.isoformat(), "sessions": rows})
        return 0
    if not rows:
        out(f"No sessions since {since.isoformat()}.")
    for r in reversed(rows):
        minutes = f"{r['minutes']:g} min" if r["minutes"] else "—"
        rpe = f"RPE {r['rpe']}" if r["rpe"] else "RPE —"
        sets = f"{r['sets']:>2} set" + ("" if r["sets"] == 1 else "s")
        warn = f"  ! {', '.join(code_words(c) for c in r['warnings'])}" if r["warnings"] else ""
        out(f"{r['date']}  {sets:<7}  {minutes:>7}  {rpe:<6}  {', '.join(r['exercises'])}{warn}")
    return 0
