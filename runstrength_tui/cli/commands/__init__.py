"""One function per command, ``cmd_NAME(args) -> exit status``, grouped by job in the
modules here; :data:`COMMANDS` maps each command to its module, imported only when that
command runs (so `runstrength log` does not load the code of `runstrength runs import`).

Every command reaches the log through ``service`` (``service.Log``, ``service.data``),
never the store.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argparse import Namespace

    from ...service import Coach, Log

# command -> the module (under commands/) holding its cmd_<command> function
COMMANDS = {
    "exercises": "catalog",
    "show": "catalog",
    "log": "log",
    "pain": "log",
    "export": "data",
    "import": "data",
    "restore": "data",
    "profile": "profile",
    "today": "coach",
    "plan": "coach",
    "status": "coach",
    "history": "coach",
    "runs": "runs",
    "completion": "completion",
}

READS_LOG = {"today", "plan", "status", "history", "export"}  # commands that only read an existing log


def command(name: str) -> Callable[..., int]:
    module = importlib.import_module(f"{__name__}.{COMMANDS[name]}")
    found: Callable[..., int] = getattr(module, f"cmd_{name}")
    return found


def open_log(args: Namespace, write: bool) -> Log:
    """The log of ``--data-dir`` (or the demo's), opened to read or, with ``write``, to change."""
    from ... import service

    return service.Log(args.data_dir_path, write=write)


def read_context(args: Namespace, all_sessions: bool = False) -> Coach:
    """What the planner and the guard need today, read once from the data folder."""
    from ... import service

    with open_log(args, write=False) as log:
        tell_clock(args, log)
        return log.context(service.today(), all_sessions=all_sessions)


def tell_clock(args: Namespace, log: Log) -> None:
    """Say once a command (on stderr) when sets are dated after today: a clock that went
    back is not damage, and nothing here advises a restore for it."""
    from ... import service
    from ..render import err

    if getattr(args, "clock_told", False):
        return
    note = log.clock_note(service.today())
    if note:
        args.clock_told = True
        err(f"runstrength: {note}")
