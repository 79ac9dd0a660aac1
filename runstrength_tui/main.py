"""The `runstrength` program: the full-screen app when no COMMAND is given, the scriptable
commands otherwise.

It sits above both front ends (``ui`` and ``cli`` never import each other): the command
line is parsed, checked and given its data folder (or the throwaway ``--demo`` copy) by
:func:`runstrength_tui.cli.run`, which calls :func:`open_app` back when there is no
COMMAND. Textual is imported only then, so `runstrength log` never loads it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def open_app(data_dir: Path, demo: bool) -> int:
    import gc
    import os

    if os.environ.get("TERM", "").strip().lower() in ("dumb", "unknown"):  # no cursor moves, no colours: a garbled app
        print(
            "runstrength: this terminal (TERM=dumb) cannot draw the app; open it in a real terminal, "
            "or use the commands (`runstrength today`, `runstrength log`, `runstrength --help`).",
            file=sys.stderr,
        )
        return 1

    gc.disable()  # start-up allocates much and frees little; the app turns it on after its first paint
    try:
        from .ui.app import run_tui

        return run_tui(data_dir, demo=demo)
    finally:
        gc.enable()  # also when the app could not start (the log locked by another window)


def run(argv: list[str] | None = None) -> int:
    from .cli import run as run_command_line

    return run_command_line(argv, open_app=open_app)


def main() -> None:
    sys.exit(run())
