"""Hostile bytes in notes and names (issue 25, part 2): control characters are refused at every
entry point (`log --note`, `import` JSON and CSV, `restore`) with one line, and every output
path (`export` to stdout, CLI lines, error messages quoting a file name) shows them escaped:
no ESC, C1 or other control byte ever reaches the terminal."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta

import pytest

# what a terminal acts on: C0 but tab and newline, DEL, C1
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = [
    "\x1b]0;pwned title\x07",  # OSC 0: sets the window title
    "\x1b]52;c;c2VjcmV0\x07",  # OSC 52: writes the clipboard
    "\x1b[2J\x1b[H",  # clears the screen
    "ok\x1b[31mred",
    "\x9b2J",  # C1 CSI
    "\x9d0;title\x9c",  # C1 OSC … ST
    "nul\x00byte",
    "del\x7f",
    "back\x08\x08space",
    "over\rwrite",
    "\x1bP+q544e\x1b\\",  # DCS request
    "bell\x07",
]


def _clean(text: str) -> bool:
    return RAW_CONTROL.search(text) is None


@pytest.mark.parametrize("note", HOSTILE)
def test_log_refuses_a_note_with_control_characters(cli, data_dir, note, folder_bytes):
    before = folder_bytes(data_dir)
    result = cli("log", "plank", "--seconds", "30", "--note", note)
    assert result.code == 2, result
    assert len(result.err_lines) == 1 and "control character" in result.err, result
    assert _clean(result.err) and _clean(result.out)
    assert folder_bytes(data_dir) == before  # nothing written


def test_log_keeps_markup_like_and_multi_line_notes_as_text(cli):
    for note in ("[@click=app.quit]quit[/]", "[/bold]", "tab\there\nand a second line"):
        result = cli("log", "plank", "--seconds", "30", "--note", note, "--json")
        assert result.code == 0, result
        assert result.json()["logged"][0]["note"] == note


def _legacy_log(history, notes):
    """A log written before the check (straight through the store): one set per note."""
    from runstrength_tui.domain.model import SetRecord
    from runstrength_tui.store.repo import new_id

    with history() as h:
        h.profile()
        day = date(2025, 3, 10)
        start = datetime.combine(day, time(18, 0))
        session = h.store.start_session(day, start)
        for i, note in enumerate(notes):
            h.store.log_set(
                SetRecord(
                    id=new_id(),
                    session=session.id,
                    exercise="plank",
                    date=day,
                    logged_at=start + timedelta(minutes=i + 1),
                    seconds=30,
                    note=note,
                )
            )
        h.store.finish_session(start + timedelta(minutes=30), rpe=6, minutes=20)


def test_a_legacy_log_with_hostile_notes_is_read_and_shown_escaped(cli, history):
    _legacy_log(history, HOSTILE)
    seen = 0
    for args in (
        ("export",),
        ("export", "--format", "csv"),
        ("history",),
        ("history", "--json"),
        ("status",),
        ("today",),
    ):
        result = cli(*args)
        assert result.code == 0, (args, result)
        assert _clean(result.out) and _clean(result.err), (args, result)
        seen += 1
    exported = json.loads(cli("export").out)  # still the same notes, as JSON escapes
    assert sorted(s["note"] for s in exported["sets"]) == sorted(HOSTILE)
    csv_text = cli("export", "--format", "csv").out
    assert "\\x1b]0;pwned title\\x07" in csv_text  # shown, visibly escaped
    assert seen == 6


def _bundle(note: str) -> dict:
    return {
        "format": "runstrength-export",
        "version": 1,
        "sessions": [
            {
                "id": "s1",
                "date": "2025-03-10",
                "started_at": "2025-03-10T18:00:00",
                "kind": "strength",
                "ended_at": "2025-03-10T18:30:00",
                "rpe": 6,
                "minutes": 20,
            }
        ],
        "sets": [
            {
                "id": "x1",
                "session": "s1",
                "exercise": "plank",
                "date": "2025-03-10",
                "logged_at": "2025-03-10T18:01:00",
                "seconds": 30,
                "note": note,
            }
        ],
    }


@pytest.mark.parametrize("note", HOSTILE)
def test_import_refuses_hostile_notes_json_and_csv(cli, tmp_path, note, data_dir, folder_bytes):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(_bundle(note)))
    before = folder_bytes(data_dir)
    result = cli("import", path)
    assert result.code == 2, result
    assert "control character" in result.err and len(result.err_lines) == 1, result
    assert _clean(result.err)
    assert folder_bytes(data_dir) == before


def test_import_refuses_a_hostile_note_in_our_csv(cli, history, tmp_path):
    _legacy_log(history, ["plain"])
    csv_text = cli("export", "--format", "csv").out
    assert cli("import", tmp_path / "nothing.json").code == 2
    for note in HOSTILE:
        if note.strip() != note or "\r" in note:
            continue  # csv quoting of a CR is tested by the JSON case
        path = tmp_path / "in.csv"
        path.write_text(csv_text.replace(",plain,", "," + note + ","), newline="")
        result = cli("import", path)
        assert result.code == 2, (note, result)
        assert "control character" in result.err and _clean(result.err), result


def test_messages_quoting_a_file_name_escape_it(cli, tmp_path):
    for name in ("\x1b]0;pwned\x07.json", "x\x9b2J.json", "a\x1b[2Jb.csv"):
        result = cli("import", tmp_path / name)
        assert result.code == 2, result
        assert _clean(result.err) and "\\x" in result.err, result


def test_restore_refuses_a_backup_whose_note_holds_an_escape(cli, history, data_dir, folder_bytes):
    from runstrength_tui.store.backups import make_backup

    _legacy_log(history, ["\x1b]0;pwned\x07"])  # the backup of a legacy log carries the note
    made = make_backup(data_dir, label="daily")
    before = folder_bytes(data_dir)
    result = cli("restore", made.name, "--yes")
    assert result.code != 0, result
    assert "control character" in result.err and _clean(result.err), result
    assert folder_bytes(data_dir) == before


def test_every_control_character_is_refused_or_escaped_everywhere(cli, tmp_path, data_dir):
    """Each C0 (but tab and newline), DEL and C1 character, in a note, an exercise name, a
    file name, a data folder and an imported note or exercise: refused, with nothing raw on
    stdout or stderr, and never a traceback."""
    chars = [chr(c) for c in [*range(32), *range(127, 160)] if chr(c) not in "\n\t"]
    assert cli("profile", "--level", "beginner").code == 0
    tried = 0
    for ch in chars:
        text = f"a{ch}b"
        bad_note, bad_name = _bundle(text), _bundle("")
        bad_name["sets"][0]["exercise"] = "plank" + ch
        (tmp_path / "note.json").write_text(json.dumps(bad_note))
        (tmp_path / "name.json").write_text(json.dumps(bad_name))
        for args in (
            ("log", "plank", "--seconds", "30", "--note", text),
            ("log", text, "--seconds", "30"),
            ("import", tmp_path / f"f{text}.json"),
            ("--data-dir", f"{data_dir}{text}", "status"),
            ("import", tmp_path / "note.json"),
            ("import", tmp_path / "name.json"),
        ):
            result = cli(*args)
            assert result.code == 2, (args, result)
            assert _clean(result.out) and _clean(result.err) and len(result.err_lines) == 1, (args, result)
            tried += 1
    assert tried == 6 * 63
