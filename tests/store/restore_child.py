"""Crash-test child: restore two backups in turn, until killed.

    python restore_child.py DATA_DIR NAME_A NAME_B

Prints ``confirm`` when the restore has read and checked the backup and is about to
replace the files (so the parent can aim kills at the swap), and ``restored NAME`` after.
"""

from __future__ import annotations

import sys
from pathlib import Path

from runstrength_tui.store.backups import restore


def emit(line: str) -> bool:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    return True


def main() -> None:
    data, names = Path(sys.argv[1]), sys.argv[2:]
    i = 0
    while True:
        name = names[i % len(names)]
        restore(data, name, confirm=lambda summary: emit("confirm"))
        emit(f"restored {name}")
        i += 1


if __name__ == "__main__":
    main()
