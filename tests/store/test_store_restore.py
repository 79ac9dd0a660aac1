"""`restore` trusts nothing in an archive, asks before replacing the log, and stays in
backups/. Every refusal: exit code, one line, no traceback, the folder byte for byte."""

from __future__ import annotations

import gzip
import io
import json
import os
import pty
import subprocess
import sys
import tarfile
from datetime import date

import pytest

from runstrength_tui.store.backups import MAX_MEMBER, MAX_TOTAL

STAMP = "runstrength-20250311-200000-000000"


@pytest.fixture
def log(data_dir, history):
    """A log (2 sessions, 3 sets) with one good backup of an older state (1 session, 1 set)."""
    with history() as h:
        h.session(date(2025, 3, 3), ("glute-bridge", 1, 15, None, None))
        h.store.backup()
        h.session(date(2025, 3, 10), ("plank", 2, None, 30, None))
    return data_dir


def good_backup(data_dir):
    return next(p for p in (data_dir / "backups").iterdir() if not p.name.startswith(STAMP))


def make_tar(path, members, level=6):
    """members: (name, bytes | None, type, size_override)"""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        for name, payload, kind, size in members:
            info = tarfile.TarInfo(name)
            info.type = kind
            if kind == tarfile.SYMTYPE:
                info.linkname = payload.decode()
                tar.addfile(info)
                continue
            info.size = len(payload) if size is None else size
            if size is None:
                tar.addfile(info, io.BytesIO(payload))
            else:  # a header that lies about its size: only the header is written
                tar.fileobj.write(info.tobuf(tarfile.GNU_FORMAT))
    path.write_bytes(gzip.compress(raw.getvalue(), compresslevel=level))
    return path


def main_bytes(data_dir):
    with tarfile.open(good_backup(data_dir)) as tar:
        return tar.extractfile("runstrength.json").read()


def hostile(data_dir, case):
    folder = data_dir / "backups"
    main = main_bytes(data_dir)
    path = folder / f"{STAMP}-{case}.tar.gz"
    reg = tarfile.REGTYPE
    if case == "symlink":
        return make_tar(path, [("runstrength.json", b"/etc/passwd", tarfile.SYMTYPE, None)]), "link or special file"
    if case == "evil-name":
        return make_tar(
            path, [("runstrength.json", main, reg, None), ("evil.sh", b"rm -rf ~", reg, None)]
        ), "'evil.sh', which is not"
    if case == "path-name":
        return make_tar(path, [("../runstrength.json", main, reg, None)]), "not a runstrength data file"
    if case == "garbage-json":
        return make_tar(path, [("runstrength.json", b"{not json", reg, None)]), "its runstrength.json is damaged"
    if case == "schema":
        bad = json.loads(main)
        bad["profile"] = {"1": {"level": "godmode"}}
        return make_tar(path, [("runstrength.json", json.dumps(bad).encode(), reg, None)]), "profile.1.level"
    if case == "no-main":
        return make_tar(path, [("journal.json", b"{}", reg, None)]), "no runstrength.json"
    if case == "huge-header":
        return make_tar(
            path, [("runstrength.json", b"", reg, 3 * 2**30)]
        ), f"3072 MB, more than the {MAX_MEMBER // 2**20} MB"
    if case == "twice":
        return make_tar(path, [("runstrength.json", main, reg, None)] * 2), "twice"
    if case == "truncated":
        good = good_backup(data_dir).read_bytes()
        path.write_bytes(good[: len(good) // 2])
        return path, "not a readable .tar.gz"
    if case == "not-gzip":
        path.write_bytes(b"hello")
        return path, "not a readable .tar.gz"
    if case == "newer":
        bad = json.loads(main)
        bad["meta"] = {"1": {"schema_version": 99}}
        return make_tar(path, [("runstrength.json", json.dumps(bad).encode(), reg, None)]), "newer runstrength"
    raise AssertionError(case)


CASES = [
    "symlink",
    "evil-name",
    "path-name",
    "garbage-json",
    "schema",
    "no-main",
    "huge-header",
    "twice",
    "truncated",
    "not-gzip",
    "newer",
]


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_backup_changes_nothing(log, cli, folder_bytes, case):
    path, expect = hostile(log, case)
    before = folder_bytes(log)
    result = cli("restore", path.name, "--yes")
    assert result.code == 1, result
    assert len(result.err_lines) == 1 and "Traceback" not in result.err, result.err
    assert expect in result.err and "nothing was changed" in result.err, result.err
    # the next usable backup is offered
    assert f"runstrength restore {good_backup(log).name}" in result.err
    assert folder_bytes(log) == before
    assert not (log.parent / "evil.sh").exists() and not (log / "evil.sh").exists()


def test_a_gzip_bomb_stops_at_the_cap_without_writing(log, child_kw, folder_bytes):
    zeros = b"\0" * (MAX_MEMBER - 1024)
    members = [
        (f"sets-20{10 + i}.json", zeros, tarfile.REGTYPE, None) for i in range(MAX_TOTAL // MAX_MEMBER + 1)
    ]  # more than the cap
    path = make_tar(
        log / "backups" / f"{STAMP}-bomb.tar.gz",
        [("runstrength.json", main_bytes(log), tarfile.REGTYPE, None), *members],
        level=1,
    )
    assert path.stat().st_size < 2 * 2**20
    before = folder_bytes(log)
    code = (
        "import resource, sys\nfrom runstrength_tui.cli import run\nc = run(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\nsys.exit(c)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "restore", path.name, "--yes", "--data-dir", str(log)],
        capture_output=True,
        text=True,
        timeout=120,
        **child_kw,
    )
    assert done.returncode == 1, done.stderr
    assert f"{MAX_TOTAL // 2**20} MB" in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    # the caps bound memory (64 MB of members at most, read once): 150–290 MB measured, against 3.2 GB before
    assert int(done.stdout.split()[-1]) < 400, "peak memory in MB"
    assert folder_bytes(log) == before


@pytest.mark.parametrize(
    "name", ["../../x.tar.gz", "no-such-file", "/etc/passwd", f"{STAMP}-missing.tar.gz", "runstrength.json"]
)
def test_restore_only_takes_names_of_backups(log, tmp_path, cli, folder_bytes, name):
    (tmp_path / "x.tar.gz").write_bytes(good_backup(log).read_bytes())
    before = folder_bytes(log)
    result = cli("restore", name, "--yes")
    assert result.code == 2 and len(result.err_lines) == 1, result
    assert "restore --list" in result.err
    assert folder_bytes(log) == before


def test_a_link_in_backups_is_not_a_backup(log, tmp_path, cli, folder_bytes):
    outside = tmp_path / "outside.tar.gz"
    outside.write_bytes(good_backup(log).read_bytes())
    link = log / "backups" / f"{STAMP}-link.tar.gz"
    link.symlink_to(outside)
    before = folder_bytes(log)
    assert cli("restore", link.name, "--yes").code == 2
    assert folder_bytes(log) == before


def test_without_a_terminal_restore_needs_yes(log, cli, folder_bytes):
    before = folder_bytes(log)
    result = cli("restore")
    assert result.code == 2 and len(result.err_lines) == 1 and "--yes" in result.err, result
    assert folder_bytes(log) == before


def run_in_terminal(args, answer: bytes, data_dir, child_kw):
    """Run `runstrength ARGS` with a real terminal on stdin; type ``answer``."""
    main, secondary = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "runstrength_tui", *args, "--data-dir", str(data_dir)],
            stdin=secondary,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            **child_kw,
        )
        os.write(main, answer)
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(main)
        os.close(secondary)
    return proc.returncode, out.decode(), err.decode()


def test_restore_says_what_will_change_and_asks(log, folder_bytes, child_kw):
    from runstrength_tui.store.backups import taken_at, when_text

    before = folder_bytes(log)
    code, out, err = run_in_terminal(["restore"], b"n\n", log, child_kw)
    assert code == 1, err
    assert f"Backup of {when_text(taken_at(good_backup(log)))}: " in err
    assert ": 1 session, 1 set; your log now: 2 sessions, 3 sets." in err, err
    assert "[y/N]" in err and "nothing was restored" in err
    assert folder_bytes(log) == before

    code, out, err = run_in_terminal(["restore"], b"y\n", log, child_kw)
    assert code == 0, err
    assert "Restored" in out
    from runstrength_tui.store.repo import Store

    with Store(log, write=False) as store:
        assert len(store.sets()) == 1


def test_restore_list_shows_dates_in_words_and_counts(log, cli):
    hostile(log, "truncated")
    result = cli("restore", "--list")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 2
    assert "1 session, 1 set" in lines[0] and good_backup(log).name in lines[0]
    assert lines[1].startswith("11 Mar 2025 20:00") and "cannot be used" in lines[1]


def test_a_failed_restore_never_claims_more_than_it_did(log, cli, folder_bytes):
    """The old restore deleted files, then failed, then said "nothing else was changed"."""
    path, _ = hostile(log, "garbage-json")
    before = folder_bytes(log)
    result = cli("restore", path.name, "--yes")
    assert result.code == 1 and folder_bytes(log) == before
