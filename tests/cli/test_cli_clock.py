"""A clock that goes backwards (issue 25, part 3): sets dated after today are not damage.
Every command keeps working, the runner is told once in one calm line, and nothing advises
`restore` for it; only dates no clock can explain (after 2200) are damage."""

from __future__ import annotations

import json

import pytest

READS = [
    ("status",),
    ("today",),
    ("plan",),
    ("history",),
    ("history", "--json"),
    ("export",),
    ("export", "--format", "csv"),
    ("pain",),
    ("runs",),
    ("profile",),
]


@pytest.fixture
def ahead(cli):
    """Two sets logged on a day the clock later went back from."""
    assert cli("profile", "--level", "beginner").code == 0
    assert cli("log", "plank", "--seconds", "30", "--sets", "2", today="2025-03-20").code == 0
    assert cli("log", "glute-bridge", "--reps", "12", today="2025-03-10").code == 0


def test_every_command_works_with_sets_dated_after_today(ahead, cli):
    told = 0
    for args in READS:
        result = cli(*args, today="2025-03-12")
        assert result.code == 0, (args, result)
        assert "is damaged (" not in result.err and "restore" not in result.err, (args, result)
        lines = [line for line in result.err_lines if "dated after today" in line]
        assert len(lines) <= 1, (args, result)
        if lines:
            told += 1
            assert lines[0] == (
                "runstrength: 2 sets are dated after today (2025-03-12): is the computer's clock "
                "(or RUNSTRENGTH_TODAY) right? Nothing is damaged; they count from their own date."
            )
    assert told >= 8  # status, today, plan, history (twice), export (twice) and pain say it
    exported = json.loads(cli("export", today="2025-03-12").out)
    assert sorted(s["date"] for s in exported["sets"]) == ["2025-03-10", "2025-03-20", "2025-03-20"]
    assert cli("log", "plank", "--seconds", "20", today="2025-03-12").code == 0  # writing works too


def test_an_export_with_sets_after_today_imports(ahead, cli, tmp_path):
    path = tmp_path / "ahead.json"
    path.write_text(cli("export", today="2025-03-20").out)
    fresh = tmp_path / "fresh"
    result = cli("--data-dir", fresh, "import", path, today="2025-03-12")
    assert result.code == 0, result
    assert "Imported 3 sets" in result.out


def test_a_damaged_file_says_what_a_restore_would_put_back(ahead, cli, data_dir):
    from runstrength_tui.store.backups import make_backup

    make_backup(data_dir, label="daily")
    main = data_dir / "runstrength.json"
    main.write_bytes(main.read_bytes()[:-3])  # cut short
    result = cli("status", today="2025-03-12")
    assert result.code == 1, result
    assert len(result.err_lines) == 1, result
    line = result.err_lines[0]
    assert "is damaged" in line and "The newest backup was made" in line, line
    assert "holds 2 sessions, 3 sets" in line and "what was logged after it is lost" in line, line


def test_a_date_before_1970_is_bad_input_not_a_store_error(cli, data_dir):
    result = cli("log", "plank", "--seconds", "30", "--date", "1969-12-31")
    assert result.code == 2, result
    assert result.err_lines == [
        "runstrength: Date 1969-12-31 is before 1970, earlier than any log keeps; check the year."
    ]
