"""runstrength's scriptable commands: `runstrength log`, `today`, `export`, …

The commands never import Textual, so `runstrength log` stays fast; the full-screen app is
opened by ``runstrength_tui.main``, which hands :func:`run` the way to open it. Bad input
gets one clear line on stderr and exit status 2, and nothing is written.

- ``parser.py``: the grammar (every command and option);
- ``commands/``: one ``cmd_NAME(args)`` per command, grouped by job, reaching the log
  only through ``service``;
- ``render.py``: text for a terminal, JSON for scripts, warning lines.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .parser import UsageError, attach_negative_values, build_parser, opens_app
from .render import OutputError, err

if TYPE_CHECKING:
    from argparse import Namespace

__all__ = ["EXIT_INPUT", "EXIT_STORE", "UsageError", "build_parser", "run"]

EXIT_INPUT = 2
EXIT_STORE = 1

OpenApp = Callable[[Path, bool], int]  # (data folder, is it the demo's) -> exit status


def _writes_done() -> int:
    """Durable writes made so far by this process (0 while the log's code is not even
    loaded: `runstrength exercises` never imports it just to count)."""
    data = sys.modules.get(f"{__name__.rsplit('.', 1)[0]}.service.data")
    return data.writes_done() if data is not None else 0


def _place_log(args: Namespace) -> Path | None:
    """Set ``args.data_dir_path``: the demo's folder (made now, returned so that it is
    removed afterwards), else --data-dir's or the default one."""
    from .. import service

    if getattr(args, "demo", False):
        from ..service.demo import make_demo_dir

        demo_dir = make_demo_dir(service.today())
        args.data_dir_path = demo_dir
        return demo_dir
    from ..service.data import resolve_data_dir

    args.data_dir_path = resolve_data_dir(getattr(args, "data_dir", None))
    return None


def run(argv: list[str] | None = None, open_app: OpenApp | None = None) -> int:
    """Run one command line; the exit status. With no COMMAND, ``open_app`` opens the
    full-screen app on the data folder (``runstrength_tui.main`` passes it)."""
    from ..domain.catalog import CatalogError
    from ..domain.validate import InputError

    for stream in (sys.stdout, sys.stderr):  # an ASCII or latin-1 terminal: "\xb7", never a traceback
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    writes_before = _writes_done()
    demo_dir = None
    cannot_go_on: tuple[type[Exception], ...] = (CatalogError,)  # the log's errors once it can be reached
    try:
        line = attach_negative_values(sys.argv[1:] if argv is None else list(argv))
        args = build_parser(commands=not opens_app(line)).parse_args(line)
        from .. import service

        cannot_go_on = (service.LogError, CatalogError)
        service.today()  # a malformed RUNSTRENGTH_TODAY is bad input, reported here
        demo_dir = _place_log(args)
        from .commands import READS_LOG, command

        if args.command in READS_LOG and demo_dir is None:
            from ..service.data import has_log

            if not has_log(args.data_dir_path):  # most likely a typo in --data-dir
                raise InputError(f"No log at {args.data_dir_path}; run `runstrength` to set up, or check --data-dir.")
        if args.command is None:
            if open_app is None:
                raise UsageError("give a COMMAND; `runstrength` alone opens the app (see `runstrength --help`)")
            return open_app(args.data_dir_path, demo_dir is not None)
        return command(args.command)(args)
    except (UsageError, InputError) as exc:
        err(f"runstrength: {exc}")
        return EXIT_INPUT
    except cannot_go_on as exc:
        err(f"runstrength: {exc}")
        return EXIT_STORE
    except BrokenPipeError:
        return 0
    except OutputError as exc:
        if _writes_done() > writes_before:  # the log was written: a lost report must not make a script log it again
            err(f"runstrength: done and saved, but its report could not be printed ({exc}).")
            return 0
        err(f"runstrength: the output could not be written ({exc}).")
        return EXIT_STORE
    except OSError as exc:  # a folder that cannot be created or written, a full disk…
        where = f" ({exc.filename})" if exc.filename else ""
        err(f"runstrength: {exc.strerror or exc}{where}; nothing else was changed.")
        return EXIT_STORE
    except KeyboardInterrupt:
        return 130
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
