"""`runstrength` is runstrength_tui.main: the app with no COMMAND, the commands otherwise.
The CLI never opens the app itself (it does not import the UI): main hands it the way to."""

from __future__ import annotations

from pathlib import Path

from runstrength_tui import main
from runstrength_tui.cli import run


def test_no_command_opens_the_app_on_the_data_folder(tmp_path, monkeypatch, capsys):
    opened = []
    monkeypatch.setattr(main, "open_app", lambda folder, demo: opened.append((folder, demo)) or 0)
    assert main.run(["--data-dir", str(tmp_path / "log")]) == 0
    assert opened == [(tmp_path / "log", False)]
    assert capsys.readouterr().err == ""


def test_demo_opens_the_app_on_a_throwaway_copy_that_is_removed_after(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNSTRENGTH_CACHE_DIR", str(tmp_path / "cache"))
    seen = []

    def open_app(folder: Path, demo: bool) -> int:
        seen.append((folder, demo, (folder / "runstrength.json").is_file()))
        return 0

    monkeypatch.setattr(main, "open_app", open_app)
    assert main.run(["--demo"]) == 0
    [(folder, demo, had_log)] = seen
    assert demo and had_log
    assert not folder.exists()


def test_commands_go_to_the_cli_and_the_cli_alone_does_not_open_the_app(data_dir, capsys):
    assert main.run(["--data-dir", str(data_dir), "exercises", "--kind", "core"]) == 0
    assert "CORE" in capsys.readouterr().out
    assert run(["--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("runstrength: give a COMMAND") and err.count("\n") == 1
