"""What the commands print: plain text for a terminal, JSON for scripts, warnings on stderr.

Results go to stdout; warnings, notes and errors to stderr (so `--json` output stays clean).
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from ..domain.words import json_safe, printable

if TYPE_CHECKING:
    from argparse import Namespace

    from ..domain.catalog import Catalog, Exercise
    from ..domain.guard import GuardWarning
    from ..domain.model import Profile
    from ..domain.plan import Prescribed, TodayPlan
    from ..service import Status


class OutputError(Exception):
    """stdout could not be written (a full disk, a closed terminal): ``run`` decides what
    that means for the command (a write already done still counts as done)."""


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
        stream.flush()  # fail here, inside the command, not at exit as status 120
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None


def out(text: str = "") -> None:
    """A line (or lines) on stdout; any control character in it (a note, a file name) is
    shown escaped, never sent to the terminal raw."""
    _write(sys.stdout, printable(text) + "\n")


def err(text: str) -> None:
    try:
        _write(sys.stderr, printable(text) + "\n")
    except (OutputError, BrokenPipeError):
        pass  # nowhere left to say it


def write_out(text: str) -> None:
    """Text as it is (an export) on stdout, control characters escaped."""
    _write(sys.stdout, printable(text))


def write_bytes_out(payload: bytes) -> None:
    """Bytes as they are on stdout (an iCalendar file the app wrote itself)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        _write(sys.stdout, payload.decode("utf-8"))
        return
    try:
        buffer.write(payload)
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None


JSON_SCHEMA = 1  # the version of every --json output (docs/json.md): fields are only added within one


def print_json(data: dict[str, Any]) -> None:
    """``data`` as JSON, always an object, its first key ``"schema"`` (:data:`JSON_SCHEMA`)."""
    out(json_safe(json.dumps({"schema": JSON_SCHEMA, **data}, indent=2, ensure_ascii=False)))


def emit(args: Namespace, result: Any, text: Callable[[Any], str], data: Callable[[Any], Any] | None = None) -> int:
    """``result`` as JSON with --json (``data(result)``, else ``result.to_dict()``), else as ``text(result)``."""
    if args.json:
        print_json(data(result) if data else result.to_dict())
    else:
        out(text(result))
    return 0


def width() -> int:
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def warn_lines(warnings: Iterable[GuardWarning]) -> None:
    """The guard's warnings, one line each on stderr: symbol, level, code in words, advice."""
    from ..domain.guard import code_words

    symbols = {"warning": "!!", "caution": "! ", "info": "i "}
    for w in warnings:
        err(f"{symbols.get(w.level, '! ')} {w.level} · {code_words(w.code)}: {w.message} {w.advice}")


# --- the catalog ------------------------------------------------------------------------------


def tempo_text(e: Exercise) -> str:
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


def exercise_text(e: Exercise, catalog: Catalog, width: int = 80) -> str:
    """The instructions as plain text for a terminal."""

    def wrap(text: str, indent: str) -> str:
        return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=" " * len(indent))

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


# --- the profile ----------------------------------------------------------------------------


def profile_text(p: Profile) -> str:
    from ..domain import plan
    from ..domain.model import WEEKDAYS

    runs = "  ".join(f"{d}:{r}" for d, r in zip(WEEKDAYS, p.runs))
    return "\n".join(
        [
            f"Level:      {p.level}",
            f"Equipment:  {', '.join(p.equipment)}",
            f"Target:     {p.target} sessions a week, {p.minutes} min each",
            f"Units:      {p.units}    Week starts: {p.week_start}",
            f"Running:    {runs}",
            f"Block:      {p.weeks} weeks from {p.block_start.isoformat() if p.block_start else '(this week)'}",
            f"Races:      {', '.join(r.isoformat() + (f' ({d})' if (d := p.race_distance(r)) else '') for r in p.races) or 'none'}",
            f"Dumbbells:  {weights_text(p.dumbbells, p.units)}    Kettlebells: {weights_text(p.kettlebells, p.units)}",
            f"Calendar:   {'sessions at ' + p.session_time if p.session_time else 'all-day sessions'} (runstrength plan --ics)",
            f"Jumps:      {'ready (you answered yes to the readiness questions)' if p.plyo_ready else 'not yet: answer the readiness questions'}",
        ]
        + ([f"Note:       {note}"] if (note := plan.target_note(p)) else [])
    )


def weights_text(weights: Iterable[float], units: str) -> str:
    from ..domain.words import format_load

    return ", ".join(format_load(w, units) for w in weights) or "none listed (standard steps)"


def readiness_text(level: str) -> str:
    from ..domain.plan import READINESS_QUESTIONS

    lines = [f"Before jumps at {level} level, answer each of these honestly:"]
    lines += [f"  [ ] {q}" for q in READINESS_QUESTIONS]
    lines.append(
        "Jumps stay out of the plan until then. When every answer is yes: runstrength profile --plyo-ready yes"
    )
    return "\n".join(lines)


# --- the coach: today, the coming days, the week ---------------------------------------------


def name_width(items: Iterable[Prescribed]) -> int:
    """The name column: wide enough for the longest name listed (28 at least), so the doses
    line up under a long name too."""
    return max([28, *(len(p.name) for p in items)])


SUPERSET_LINE = "A superset (A1 + A2): one set of each, A2 straight after A1, then rest; again until both are done."


def prescribed_line(
    p: Prescribed, rest: bool = False, width: int = 28, label: str | None = None, rest_text: str = ""
) -> str:
    """One exercise of a session: its superset label ("A1", or blank beside one), name,
    dose (and rest: ``rest_text`` when a superset's order gives it), its note."""
    note = f"  · {p.note}" if p.note else ""
    dose = f"{p.dose_text}, {rest_text or f'rest {p.rest} s'}" if rest else p.dose_text
    return f"{label:<3}{p.name:<{width}} {dose}{note}" if label is not None else f"{p.name:<{width}} {dose}{note}"


def session_lines(
    items: Sequence[Prescribed], rest: bool = False, width: int = 28, labelled: bool | None = None
) -> list[str]:
    """A session's exercises, one line each: a superset's two labelled A1 and A2 (the rest
    said once, after A2: none between them), the others alone. ``labelled`` keeps a label
    column (blank for an exercise done alone) even where this session has no pair."""
    from ..domain.prescribed import groups, labels, pair_rest

    marks = labels(items)
    column = any(marks) if labelled is None else labelled
    rests = [""] * len(items)
    for block in groups(items):
        if len(block) == 2:
            a, b = block
            rests[a] = f"then {marks[b]} at once"
            rests[b] = f"rest {pair_rest(items[a], items[b])} s after the pair"
    return [
        prescribed_line(p, rest=rest, width=width, label=mark if column else None, rest_text=why)
        for p, mark, why in zip(items, marks, rests)
    ]


def plan_text(plan_today: TodayPlan) -> str:
    lines = [
        f"{plan_today.date.strftime('%A %d %B %Y')} · block week {plan_today.block_week} of {plan_today.block_weeks}",
        plan_today.reason,
    ]
    if plan_today.block_week_reason:
        lines.append(f"Block week {plan_today.block_week}: {plan_today.block_week_reason}.")
    items = plan_today.exercises or plan_today.finisher
    if items:
        title = "Today's session" if plan_today.exercises else "Optional finisher"
        lines += ["", f"{title} (about {plan_today.estimated_minutes:g} min; stop each set with 2–3 reps in reserve):"]
        if plan_today.exercises and plan_today.warmup:
            drills = ", ".join(f"{p.name} {p.dose_text}" for p in plan_today.warmup)
            lines.append(f"  Warm-up, 3–4 min: {drills}")
        width = name_width(items)
        lines += [f"  {line}" for line in session_lines(items, rest=True, width=width)]
        if any(p.group for p in items):
            lines.append(f"  {SUPERSET_LINE}")
    for note in plan_today.notes:
        lines += ["", f"Note: {note}"]
    return "\n".join(lines)


def status_text(st: Status) -> str:
    from ..domain.block import clamp_week
    from ..domain.words import day_name, plural

    head = f"runstrength · {st.today.strftime('%a %d %b %Y')}"
    if st.block:
        head += f" · block week {clamp_week(st.plan.block_week, st.block.weeks)} of {st.block.weeks}"
    mark = "✓ target met" if st.counts else f"{max(0, st.target - st.week_sessions):g} to go"
    lines = [head, f"This week:  {st.week_sessions:g} of {st.target} sessions ({mark})"]
    if st.next_strength_day == st.today:
        lines.append("Next:       today — `runstrength today` shows the session")
    elif st.next_strength_day:
        lines.append(f"Next:       {day_name(st.next_strength_day, st.today)} ({st.next_strength_day.isoformat()})")
    lines.append(
        f"Streak:     {plural(st.streak.current, 'week')} in a row with {st.target}+ sessions (best {st.streak.best})"
    )
    if st.block and st.block.planned_to_date:
        lines.append(f"Block:      {st.block.adherence}% of planned sessions done")
    elif st.block:
        lines.append("Block:      just started; adherence shows after your first sessions")
    if st.plan.block_week_reason:
        lines.append(f"Block week {st.plan.block_week}: {st.plan.block_week_reason}.")
    lines += [f"{w.level.capitalize()}: {w.message} {w.advice}" for w in st.warnings]
    lines += [f"Note: {note}" for note in st.plan.notes]
    return "\n".join(lines)
