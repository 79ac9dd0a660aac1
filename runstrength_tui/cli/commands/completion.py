"""`completion bash|zsh|fish`: a shell completion script, made from the parser itself.

Generated when asked (never at start-up: this module and shtab load only for this
command), so the script always matches the commands and options of this version. bash and
zsh come from shtab; fish, which shtab does not write, from the same parser here. The
scripts are static: completing a word never starts Python.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..parser import build_parser
from ..render import out

if TYPE_CHECKING:
    from argparse import Namespace

PROG = "runstrength"


def cmd_completion(args: Namespace) -> int:
    parser = build_parser()
    if args.shell == "fish":
        out(fish_script(parser))
    else:
        import shtab

        out(shtab.complete(parser, shell=args.shell).rstrip("\n"))
    return 0


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, tuple[argparse.ArgumentParser, str]]:
    """name → (its parser, its one-line help), in the order of ``--help``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            return {name: (sub, helps.get(name, "")) for name, sub in action.choices.items()}
    return {}


def _quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _short(text: str, most: int = 70) -> str:
    return text if len(text) <= most else text[: most - 1].rsplit(" ", 1)[0] + "…"


def _options(parser: argparse.ArgumentParser, condition: str) -> list[str]:
    lines = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        cond = f" -n {_quote(condition)}" if condition else ""
        described = f" -d {_quote(_short(action.help))}" if action.help else ""
        if not action.option_strings:  # a positional: offer its choices, if it has any
            if action.choices:
                lines.append(f"complete -c {PROG}{cond} -x -a {_quote(' '.join(map(str, action.choices)))}")
            continue
        names = "".join(f" -l {o[2:]}" if o.startswith("--") else f" -s {o[1:]}" for o in action.option_strings)
        takes = action.nargs != 0 and not isinstance(action, argparse._VersionAction)
        values = f" -x -a {_quote(' '.join(map(str, action.choices)))}" if action.choices else (" -r" if takes else "")
        lines.append(f"complete -c {PROG}{cond}{names}{values}{described}")
    return lines


def fish_script(parser: argparse.ArgumentParser) -> str:
    """fish's `complete` lines for every command, subcommand and option."""
    commands = _subcommands(parser)
    lines = [f"# fish completion for {PROG} (made by `{PROG} completion fish`)", f"complete -c {PROG} -f"]
    lines += _options(parser, "__fish_use_subcommand")
    for name, (_, help) in commands.items():
        lines.append(f"complete -c {PROG} -n __fish_use_subcommand -a {name} -d {_quote(_short(help))}")
    for name, (sub, _) in commands.items():
        nested = _subcommands(sub)
        inside = f"__fish_seen_subcommand_from {name}"
        if nested:
            not_yet = f"{inside}; and not __fish_seen_subcommand_from {' '.join(nested)}"
            for child, (_, help) in nested.items():
                lines.append(f"complete -c {PROG} -n {_quote(not_yet)} -a {child} -d {_quote(_short(help))}")
            lines += _options(sub, not_yet)
            for child, (child_parser, _) in nested.items():
                lines += _options(child_parser, f"{inside}; and __fish_seen_subcommand_from {child}")
        else:
            lines += _options(sub, inside)
    return "\n".join(lines)
