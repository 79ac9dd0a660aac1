"""Backups: dated gzip copies, the newest 10 kept; restore backs up what it replaces."""

from __future__ import annotations

import os
import tarfile
from datetime import date, datetime, timedelta

import pytest

from runstrength_tui.store.backups import KEEP_BACKUPS, restore_backup
from runstrength_tui.store.lock import AlreadyRunningError
from runstrength_tui.store.repo import Store


def members(path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def data_files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


def test_a_backup_is_a_byte_for_byte_copy_of_every_data_file(data_dir, history):
    with history() as h:
        h.session(date(2024, 6, 1), ("plank", 2, None, 30, None))
        h.session(date(2025, 3, 10), ("glute-bridge", 2, 15, None, None))
        h.store.start_session(date(2025, 3, 12), datetime(2025, 3, 12, 7))
        backup = h.store.backup()
    assert set(members(backup)) == {"runstrength.json", "journal.json", "sets-2024.json", "sets-2025.json"}
    assert members(backup) == data_files(data_dir)


def test_at_most_ten_backups_are_kept_the_newest(data_dir, history):
    start = datetime(2025, 1, 1, 12)
    with history() as h:
        h.session(date(2025, 1, 1), ("plank", 1, None, 30, None))
        made = []
        for i in range(KEEP_BACKUPS + 3):
            h.session(date(2025, 1, 2 + i), ("plank", 1, None, 30, None))  # new bytes each time
            made.append(h.store.backup(label="before-import", now=start + timedelta(days=i)))
        kept = h.store.backups()
    assert KEEP_BACKUPS == 10
    assert kept == made[-KEEP_BACKUPS:]
    assert sorted((data_dir / "backups").iterdir()) == kept


def test_the_same_bytes_are_backed_up_once(data_dir, history):
    start = datetime(2025, 1, 1, 12)
    with history() as h:
        h.session(date(2025, 1, 1), ("plank", 1, None, 30, None))
        made = {
            h.store.backup(label="before-import", now=start + timedelta(minutes=i)) for i in range(KEEP_BACKUPS + 3)
        }
        assert len(made) == 1 and h.store.backups() == list(made)


def test_the_last_daily_backup_outlives_any_number_of_others(data_dir, history):
    start = datetime(2025, 1, 1, 12)
    with history() as h:
        h.session(date(2025, 1, 1), ("plank", 1, None, 30, None))
        daily = h.store.backup(label="daily", now=start)
        for i in range(KEEP_BACKUPS + 5):
            h.session(date(2025, 1, 2 + i), ("plank", 1, None, 30, None))
            h.store.backup(label="before-import", now=start + timedelta(hours=i + 1))
        kept = h.store.backups()
    assert daily in kept and len(kept) == KEEP_BACKUPS + 1


def test_restore_never_loses_the_current_files(data_dir, history, cli):
    with history() as h:
        first = h.session(date(2025, 3, 10), ("glute-bridge", 2, 15, None, None))
        backup = h.store.backup()
        later = h.session(date(2024, 12, 1), ("plank", 1, None, 30, None))  # makes a new year file
    current = data_files(data_dir)
    assert "sets-2024.json" in current

    listed = cli("restore", "--list")
    assert listed.code == 0 and len(listed.out.splitlines()) == 1
    assert listed.out.split()[-1] == backup.name and "1 session, 2 sets" in listed.out
    result = cli("restore", "--yes")
    assert result.code == 0, result
    assert data_files(data_dir) == members(backup), "the backup is back, and only it"
    with Store(data_dir, write=False) as store:
        assert {s.id for s in store.sets()} == {s.id for s in first}

    [saved] = [p for p in (data_dir / "backups").iterdir() if "before-restore" in p.name]
    assert members(saved) == current, "what the restore replaced is kept, byte for byte"
    # ... and can itself be restored by name.
    assert cli("restore", saved.name, "--yes").code == 0
    assert data_files(data_dir) == current
    with Store(data_dir, write=False) as store:
        assert {s.id for s in store.sets()} == {s.id for s in first + later}


def test_restore_of_an_unknown_name_changes_nothing(data_dir, history, cli, folder_bytes):
    with history() as h:
        h.session(date(2025, 3, 10), ("glute-bridge", 1, 15, None, None))
        h.store.backup()
    before = folder_bytes(data_dir)
    result = cli("restore", "runstrength-nope.tar.gz")
    assert result.code == 2 and len(result.err_lines) == 1 and "--list" in result.err
    assert folder_bytes(data_dir) == before


def test_restore_waits_for_no_one_while_a_writer_is_open(data_dir, history, folder_bytes):
    with history() as h:
        h.session(date(2025, 3, 10), ("glute-bridge", 1, 15, None, None))
        h.store.backup()
        before = folder_bytes(data_dir)
        with pytest.raises(AlreadyRunningError):
            restore_backup(data_dir)
        assert folder_bytes(data_dir) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders")
def test_imports_refused_by_a_read_only_folder_leave_the_backups_as_they_were(data_dir, history, cli, tmp_path):
    source = tmp_path / "source"
    with history(source) as h:
        h.session(date(2025, 3, 3), ("plank", 2, None, 30, None))
    bundle = tmp_path / "bundle.json"
    assert cli("export", "-o", bundle, "--data-dir", source).code == 0
    with history() as h:
        h.session(date(2025, 3, 10), ("glute-bridge", 2, 15, None, None))
        daily = h.store.backup(label="daily")
    os.chmod(data_dir, 0o500)
    try:
        for _ in range(KEEP_BACKUPS + 1):
            assert cli("import", bundle).code != 0
    finally:
        os.chmod(data_dir, 0o700)
    assert sorted((data_dir / "backups").iterdir()) == [daily]


def test_an_import_whose_files_cannot_be_staged_takes_no_backup(data_dir, history, cli, tmp_path, folder_bytes):
    """The staging step fails before any backup (here: a file sits where the staging folder
    goes; a read-only folder fails the same way for a user who is not root)."""
    source = tmp_path / "source"
    with history(source) as h:
        h.session(date(2025, 3, 3), ("plank", 2, None, 30, None))
    bundle = tmp_path / "bundle.json"
    assert cli("export", "-o", bundle, "--data-dir", source).code == 0
    with history() as h:
        h.session(date(2025, 3, 10), ("glute-bridge", 2, 15, None, None))
        daily = h.store.backup(label="daily")
        h.session(date(2025, 3, 11), ("bird-dog", 2, 10, None, None))  # newer than the backup
    (data_dir / ".staging").write_text("in the way")
    before = folder_bytes(data_dir)
    for _ in range(KEEP_BACKUPS + 1):
        result = cli("import", bundle)
        assert result.code == 1 and len(result.err_lines) == 1, result
    assert sorted((data_dir / "backups").iterdir()) == [daily]
    assert folder_bytes(data_dir) == before
