"""Hostile files and terminals for `import` and every command (issue 25, parts 6, 7, 9):
special files are refused before a byte is read, a huge CSV cell gives one line, and a
non-UTF-8 terminal never turns a command into a traceback (nor a saved set into an error)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from runstrength_tui.domain.csvlog import FIELDS
from runstrength_tui.store.repo import Store


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_import_refuses_fifos_devices_and_links_to_them(cli, tmp_path, data_dir, folder_bytes):
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)  # reading it would hang for ever, holding the folder's lock
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")  # reading it would grow without end
    before = folder_bytes(data_dir)
    for path in (fifo, link, "/dev/zero", "/dev/null"):
        result = cli("import", path)
        assert result.code == 2, result
        assert "not a regular file" in result.err and len(result.err_lines) == 1, result
    assert folder_bytes(data_dir) == before


def test_a_csv_cell_over_the_field_limit_is_one_line(cli, tmp_path):
    row = [
        "2025-03-10",
        "s1",
        "plank",
        "",
        "30",
        "",
        "",
        "",
        "",
        "x" * 200_000,
        "2025-03-10T18:00:00",
        "x1",
        "",
        "cli",
        "",
        "",
        "2025-03-10",
        "2025-03-10T18:00:00",
        "strength",
        "",
        "",
        "",
    ]
    path = tmp_path / "big.csv"
    path.write_text(",".join(FIELDS) + "\n" + ",".join(row) + "\n")
    result = cli("import", path)
    assert result.code == 2, result
    assert result.err_lines == [
        "runstrength: Nothing was imported; the problem in the file: a cell longer than "
        "128 KiB; no cell of a runstrength export is anywhere near that."
    ]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_non_utf8_terminal_gets_escapes_not_tracebacks(child_kw, data_dir, encoding):
    env = dict(child_kw["env"], PYTHONIOENCODING=encoding, RUNSTRENGTH_DATA_DIR=str(data_dir))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "runstrength_tui", *args],
            cwd=child_kw["cwd"],
            env=env,
            capture_output=True,
            timeout=60,
        )

    assert run("profile", "--level", "beginner").returncode == 0
    logged = run("log", "plank", "--seconds", "30")  # prints "1 × 30 s": saved once, reported once
    assert logged.returncode == 0 and b"Traceback" not in logged.stderr, logged.stderr
    commands = [
        ("status",),
        ("today",),
        ("plan",),
        ("history",),
        ("exercises",),
        ("show", "plank"),
        ("profile",),
        ("pain",),
        ("runs",),
        ("export",),
        ("export", "--format", "csv"),
        ("restore", "--list"),
        ("history", "--json"),
        ("log", "nope"),
        ("--help",),
    ]
    for args in commands:
        done = run(*args)
        assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr, (args, done.stderr)
        assert done.returncode == (2 if args == ("log", "nope") else 0), (args, done.stderr)
        done.stdout.decode(encoding)  # what reached the terminal is in its encoding
    with Store(data_dir, write=False) as store:
        assert len(store.sets()) == 1


def test_a_dumb_terminal_gets_one_line_not_a_garbled_app(cli_proc, data_dir):
    done = cli_proc(TERM="dumb", RUNSTRENGTH_DATA_DIR=str(data_dir), timeout=60)
    assert done.returncode == 1, done
    assert done.stderr.count("\n") == 1 and "TERM=dumb" in done.stderr and "real terminal" in done.stderr
    assert done.stdout == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full is Linux's")
def test_a_saved_set_is_never_reported_as_a_failure(child_kw, data_dir):
    """stdout on a full disk: `log` saved the set, so it exits 0 (a retry would log it twice)
    and says so on stderr; a read command whose output is lost exits 1."""
    env = dict(child_kw["env"], RUNSTRENGTH_DATA_DIR=str(data_dir))

    def run(*args: str) -> subprocess.CompletedProcess:
        with open("/dev/full", "w") as full:
            return subprocess.run(
                [sys.executable, "-m", "runstrength_tui", *args],
                cwd=child_kw["cwd"],
                env=env,
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=60,
            )

    logged = run("log", "plank", "--seconds", "30")
    assert logged.returncode == 0, logged.stderr
    assert (
        logged.stderr == "runstrength: done and saved, but its report could not be printed (No space left on device).\n"
    )
    with Store(data_dir, write=False) as store:
        assert len(store.sets()) == 1
    read = run("export")
    assert read.returncode == 1 and "could not be written" in read.stderr and "Traceback" not in read.stderr
