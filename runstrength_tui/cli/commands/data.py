"""`export`, `import` and `restore`: the log as a whole, in and out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ... import service
from ...domain.validate import InputError
from ...domain.words import plural
from ...service import data
from ..render import err, out, write_out
from . import open_log, tell_clock

if TYPE_CHECKING:
    from argparse import Namespace


def cmd_export(args: Namespace) -> int:
    target = (
        data.export_target(args.output, args.data_dir_path) if args.output else None
    )  # checked before anything is read
    with open_log(args, write=False) as log:
        tell_clock(args, log)
        if target is None:
            # to a terminal or a pipe: a legacy note's control bytes are shown escaped (a file
            # written with --output keeps them as they are, for a lossless re-import)
            write_out(log.export_text(service.now(), args.format))
            return 0
        log.export_to(target, service.now(), args.format)
    err(f"Exported to {target}.")
    return 0


def cmd_import(args: Namespace) -> int:
    from ...domain.validate import parse_units

    unit = parse_units(args.units) if args.units else data.profile_units(args.data_dir_path)
    bundle = data.read_import(Path(args.file), service.today(), unit)  # all of it checked before the log is opened
    with open_log(args, write=True) as log:
        counts = log.import_bundle(bundle)
    if bundle.app:
        out(
            f"From {bundle.app}: imported {plural(counts['sets_added'], 'set')} in "
            f"{plural(counts['sessions_added'], 'workout')} ({plural(counts['sets_skipped'], 'set')} were already there)."
        )
        if bundle.left_out:
            out(bundle.left_out)
        return 0
    out(
        f"Imported {plural(counts['sets_added'], 'set')} in {plural(counts['sessions_added'], 'session')} "
        f"({plural(counts['sets_skipped'], 'set')} and {plural(counts['sessions_skipped'], 'session')} were already there)."
    )
    if bundle.runs:
        out(f"Imported {plural(counts['runs_added'], 'run')} ({counts['runs_skipped']} were already there).")
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


def cmd_restore(args: Namespace) -> int:
    folder = args.data_dir_path
    if not folder.is_dir():
        raise InputError(f"No log at {folder}; nothing to restore. Check --data-dir.")
    if args.list:
        rows = data.backup_rows(folder)
        if not rows:
            out(f"No backups in {data.backups_folder(folder)} yet.")
        for row in rows:
            out(f"{row.when:<18} {row.label or '-':<15} {row.contents:<24} {row.name}")
        return 0
    data.check_backup_name(folder, args.name)  # a bad NAME is bad input, before anything else
    if not args.yes and not _has_terminal():
        raise InputError("restore replaces your whole log: run it in a terminal to confirm, or add --yes in scripts.")

    def confirm(summary: str) -> bool:
        err(summary)
        return args.yes or _ask("Replace your log with this backup? Your current files are backed up first. [y/N] ")

    from .. import EXIT_STORE

    try:
        chosen = data.restore(folder, args.name, confirm)
    except data.RestoreCancelled as exc:
        err(f"runstrength: {exc}")
        return EXIT_STORE
    out(f"Restored {chosen.name}. The files it replaced were backed up first.")
    return 0
