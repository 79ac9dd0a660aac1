"""`runstrength completion bash|zsh|fish`: scripts made from the parser, loaded only when asked."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from runstrength_tui.cli.commands import COMMANDS

RUNS = ("import", "set")


def test_the_bash_script_offers_every_command_and_is_valid_bash(cli, tmp_path):
    done = cli("completion", "bash")
    assert done.code == 0 and done.err == ""
    for name in COMMANDS:
        assert name in done.out, name
    for name in RUNS:
        assert name in done.out, name
    assert "--data-dir" in done.out and "--reps" in done.out
    if shutil.which("bash"):
        script = tmp_path / "runstrength.bash"
        script.write_text(done.out)
        line = "runstrength lo"
        check = subprocess.run(
            [
                "bash",
                "-c",
                f'source {script} && COMP_WORDS=(runstrength lo) COMP_CWORD=1 COMP_LINE="{line}" '
                f'COMP_POINT={len(line)} && _shtab_runstrength && echo "${{COMPREPLY[@]}}"',
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert check.returncode == 0, check.stderr
        assert check.stdout.split() == ["log"]


def test_zsh_and_fish_scripts_offer_every_command(cli):
    zsh = cli("completion", "zsh")
    assert zsh.code == 0 and zsh.out.startswith("#compdef runstrength")
    fish = cli("completion", "fish")
    assert fish.code == 0
    for name in COMMANDS:
        assert name in zsh.out, name
        assert f"-n __fish_use_subcommand -a {name} -d " in fish.out, name
    assert "-a import -d" in fish.out and "-a set -d" in fish.out  # runs import / runs set
    assert "-l reps -r" in fish.out and "-x -a 'bash zsh fish'" in fish.out


@pytest.mark.parametrize("shell", ["tcsh", ""])
def test_an_unknown_shell_is_one_line_and_exit_2(cli, shell):
    done = cli("completion", shell)
    assert done.code == 2 and len(done.err_lines) == 1 and "bash" in done.err


def test_no_other_command_loads_the_completion_code(child_kw):
    probe = (
        "import sys; from runstrength_tui.cli import run; assert run(['exercises']) == 0; "
        "loaded = [m for m in sys.modules if m == 'shtab' or m.endswith('.completion')]; "
        "assert not loaded, loaded"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, **child_kw)
    assert done.returncode == 0, done.stderr
