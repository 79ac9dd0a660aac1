"""The command line's grammar: every command, its options and their help.

Bad usage raises :class:`UsageError` (one line, exit 2) instead of argparse's usage dump.
A new command: one ``sub.add_parser`` block here, one function in ``commands/``, one line
in ``commands.COMMANDS``.
"""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from .. import __version__
from ..domain.model import KINDS, LEVELS


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse's own code for bad usage)
        raise UsageError(f"{_hint(message)} (see `{self.prog} --help`)")


def _hint(message: str) -> str:
    """argparse's message with what was probably meant: a mistyped command ('todya' → did
    you mean today?), or a load's unit typed apart from its number (`--load 12 kilos`)."""
    import difflib
    import re

    choice = re.match(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if choice:
        what, typed, options = choice.groups()
        names = re.findall(r"'([^']*)'", options)
        close = difflib.get_close_matches(typed, names, n=1, cutoff=0.6)
        name = f"{what} value" if what.startswith("-") else "command"
        guess = f"; did you mean {close[0]}?" if close else f" (one of {', '.join(names)})"
        return f"unknown {name} {typed!r}{guess}"
    extra = re.match(r"unrecognized arguments: (kg|kgs|kilos?|lbs?|pounds?)\b", message, re.IGNORECASE)
    if extra:
        return f'a lone {extra.group(1)!r}: write a load with its unit in one word, like --load 12kg (or quote it: --load "12 kg")'
    return message


PROFILE_OPTIONS = {  # `runstrength profile --OPTION VALUE`: what each changes
    "--level": "beginner, intermediate or advanced",
    "--equipment": "comma list of none, bands, dumbbells, kettlebell, gym (singular or plural)",
    "--target": "strength sessions a week: 2 or 3",
    "--minutes": "session length: 15 or 20",
    "--units": "kg or lb (lbs is fine)",
    "--week-start": "mon or sun",
    "--runs": "running week, e.g. mon=rest,tue=hard,wed=easy,...,sun=long",
    "--block-start": "first day of the 8-12 week block: YYYY-MM-DD, today or yesterday",
    "--weeks": "block length in weeks, 8 to 12",
    "--race": "a race, YYYY-MM-DD or YYYY-MM-DD:DISTANCE (5k, 10k, half, marathon, ultra, or km; a bare date is taken as a half); repeat for several, 'none' clears them",
    "--plyo-ready": "yes when you can answer yes to every jump-readiness question; no otherwise",
    "--weights": "the dumbbells you own, e.g. 4,6,8,10kg ('none' clears)",
    "--kettlebells": "the kettlebells you own, e.g. 8,12,16kg ('none' clears)",
    "--session-time": "when you train, e.g. 18:30: `plan --ics` puts sessions then ('none': all-day events)",
}


def opens_app(argv: list[str]) -> bool:
    """Only ``--demo`` and ``--data-dir DIR``: no COMMAND, the line opens the app (and the
    parser needs none of the commands: building them all is ~5 ms of every app start)."""
    i = 0
    while i < len(argv):
        if argv[i] == "--demo" or argv[i].startswith("--data-dir="):
            i += 1
        elif argv[i] == "--data-dir" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            i += 2
        else:
            return False
    return True


def build_parser(commands: bool = True) -> Parser:
    """The whole grammar; without ``commands``, only what opening the app takes (for a
    line that :func:`opens_app`: it parses to the same namespace)."""
    common = Parser(add_help=False)  # a parent: only its arguments are copied
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the log lives (default: your platform's data folder, or $RUNSTRENGTH_DATA_DIR)",
    )
    common.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="use a throwaway copy of a realistic 6-week demo log",
    )

    p = Parser(
        prog="runstrength",
        description="Strength training for runners: today's session, timers and a safe log.",
        epilog="With no COMMAND, runstrength opens the app (the full-screen session, timers and log; "
        "? there lists its keys). The commands listed above are for scripts and quick logging.",
        parents=[common],
    )
    p.add_argument("--version", action="version", version=f"runstrength {__version__}")
    if not commands:
        p.set_defaults(command=None)
        return p
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    with_json: list[argparse.ArgumentParser] = []  # --json comes last in each one's help

    def command(
        name: str, help: str, json: bool = True, under: argparse._SubParsersAction[Parser] = sub, **kwargs: Any
    ) -> argparse.ArgumentParser:
        s: argparse.ArgumentParser = under.add_parser(name, parents=[common], help=help, **kwargs)
        if json:
            with_json.append(s)
        return s

    s = command("exercises", "list the exercise catalog")
    s.add_argument("--kind", type=str.lower, choices=KINDS)
    s.add_argument("--level", type=str.lower, choices=LEVELS, help="exercises that suit this level")
    s.add_argument(
        "--equipment",
        help="exercises you can do with this: none (bodyweight), bands, dumbbells, kettlebell or gym (singular or plural)",
    )

    s = command("show", "how to do an exercise")
    s.add_argument("exercise", metavar="EXERCISE", help="an id or a name, any case: plank, 'front plank'")
    s.add_argument(
        "--history",
        action="store_true",
        help="your sets of it over time: a chart per session, the best set, the last five sessions",
    )

    s = command("log", "log sets of an exercise")
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

    s = command("export", "export the whole log", json=False)
    s.add_argument("--format", choices=["json", "csv"], default="json")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    s = command("import", "merge an exported log, or a Strong or Hevy CSV export (nothing is duplicated)", json=False)
    s.add_argument("file", metavar="FILE")
    s.add_argument(
        "--units", help="kg or lb: the unit of a Strong export without a unit column (default: your profile's)"
    )

    s = command("profile", "show or change your profile")
    for option, text in PROFILE_OPTIONS.items():
        s.add_argument(option, help=text, action="append" if option == "--race" else "store")

    s = command("pain", "exercises that pain keeps out of the plan; `pain clear EXERCISE`")
    s.add_argument("action", nargs="?", choices=["clear"], help="clear: a doctor or therapist has cleared it")
    s.add_argument("exercise", nargs="?", help="the exercise to clear")

    command("today", "today's session, or why today is a rest day")

    s = command("plan", "the coming weeks' strength days")
    s.add_argument("--weeks", help="how many weeks (1-12, default 2; 4 with --ics)")
    s.add_argument("--ics", action="store_true", help="write the plan as an iCalendar (.ics) file for a phone calendar")
    s.add_argument("-o", "--output", metavar="FILE", help="with --ics: write to FILE instead of stdout")

    command("status", "this week, streak, next session, warnings")

    s = command("history", "past sessions")
    s.add_argument("--weeks", default="4", help="how many weeks back (default 4)")

    s = command("restore", "put back the newest backup (or a named one)", json=False)
    s.add_argument("name", nargs="?", help="a backup file name from --list")
    s.add_argument("--list", action="store_true", help="list the backups, newest first, with what each holds")
    s.add_argument("--yes", action="store_true", help="do not ask before replacing the log (for scripts)")

    s = command(
        "runs",
        "your imported runs (import, list, correct a kind)",
        description="Without a subcommand: list the imported runs of the last weeks.",
    )
    s.add_argument("--weeks", default="2", help="how many weeks back to list (default 2)")
    runs_sub = s.add_subparsers(dest="runs_command", metavar="SUBCOMMAND", parser_class=Parser)
    r = command(
        "import",
        "import runs from FIT, GPX or TCX files (or .gz), folders, or a Strava export folder",
        under=runs_sub,
        epilog="Exit status: 0 when everything importable was imported (rides, swims and runs already "
        "there are skipped), 1 when some file could not be read (one line each; the rest is "
        "imported), 2 for a path that does not exist.",
    )
    r.add_argument("paths", nargs="+", metavar="PATH")
    r = command("set", "correct the kind of a day's runs", under=runs_sub)
    r.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    r.add_argument("--kind", required=True, help="easy, hard or long (auto: back to the automatic kind)")

    s = command(
        "completion",
        "print a shell completion script: bash, zsh or fish",
        json=False,
        description="e.g. `runstrength completion bash > ~/.local/share/bash-completion/completions/runstrength`",
    )
    s.add_argument("shell", choices=("bash", "zsh", "fish"))
    for s in with_json:
        s.add_argument("--json", action="store_true")
    return p


VALUE_OPTIONS = ("--load", "--reps", "--seconds", "--rpe", "--sets", "--weeks", "--target", "--minutes")


def attach_negative_values(argv: list[str]) -> list[str]:
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
