"""`--json`: every output is an object carrying `"schema": 1`, and docs/json.md lists exactly
the fields each command prints (the page cannot drift from the output)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from run_files_maker import fit_bytes, write

from runstrength_tui.cli.render import JSON_SCHEMA

DOC = Path(__file__).resolve().parents[2] / "docs" / "json.md"
CET = timezone(timedelta(hours=1))
Outputs = dict[str, Any]


def _ok(result) -> Any:
    assert result.code == 0, result
    return result.json()


def run_every_json_command(cli, history, tmp_path: Path) -> Outputs:
    """A log with sessions, a pain mark and imported runs; every command run with --json
    on it (the pinned today, 2025-03-12, is a Wednesday: strength after Tuesday's rest)."""
    with history() as h:
        h.profile(
            level="intermediate",
            equipment=("dumbbells",),
            block_start=date(2025, 2, 3),
            runs=("easy", "rest", "hard", "rest", "easy", "long", "rest"),
        )
        for day in (date(2025, 2, 24), date(2025, 2, 27), date(2025, 3, 3), date(2025, 3, 6)):
            h.session(day, ("goblet-squat", 2, 15, None, 10.0), ("plank", 2, None, 30, None), rpe=7, minutes=18)
    watch = tmp_path / "watch"
    for day in (date(2025, 3, 4), date(2025, 3, 8)):
        write(watch / f"{day}.fit", fit_bytes(datetime(day.year, day.month, day.day, 8, tzinfo=CET), 8.0, 2880))
    write(watch / "ride.fit", fit_bytes(datetime(2025, 3, 9, 9, tzinfo=CET), 30.0, 3600, sport="cycling"))
    write(watch / "broken.fit", b"not a fit file at all")
    imported = cli("runs", "import", watch, "--json")
    assert imported.code == 1, imported  # the broken file: a problem, the rest imported
    out: Outputs = {"runs import": imported.json()}
    out["log"] = _ok(cli("log", "goblet-squat", "--reps", "12", "--load", "12kg", "--pain", "--json"))
    out["log --dry-run"] = _ok(cli("log", "plank", "--seconds", "30", "--dry-run", "--json"))
    for name, args in {
        "exercises": ["exercises"],
        "show": ["show", "goblet-squat"],
        "show --history": ["show", "goblet-squat", "--history"],
        "pain": ["pain"],
        "profile": ["profile"],
        "today": ["today"],
        "plan": ["plan", "--weeks", "2"],
        "status": ["status"],
        "history": ["history"],
        "runs": ["runs"],
        "runs set": ["runs", "set", "2025-03-08", "--kind", "long"],
        "pain clear": ["pain", "clear", "goblet-squat"],
    }.items():
        out[name] = _ok(cli(*args, "--json"))
    return out


def json_commands() -> set[str]:
    """Every command (and `runs` subcommand) the parser gives a --json."""
    from runstrength_tui.cli.parser import build_parser

    def walk(parser, prefix: str) -> set[str]:
        found: set[str] = set()
        for action in parser._subparsers._group_actions if parser._subparsers else ():
            for name, sub in action.choices.items():
                full = f"{prefix}{name}"
                if "--json" in sub._option_string_actions:
                    found.add(full)
                found |= walk(sub, f"{full} ")
        return found

    return walk(build_parser(), "")


def test_every_json_output_is_an_object_with_the_schema_first(cli, history, tmp_path):
    outputs = run_every_json_command(cli, history, tmp_path)
    assert JSON_SCHEMA == 1
    covered = {name.split(" --")[0] for name in outputs}
    assert json_commands() <= covered, "a command with --json that this test does not run"
    for name, data in outputs.items():
        assert isinstance(data, dict), name
        assert next(iter(data)) == "schema" and data["schema"] == 1, name


# --- docs/json.md -------------------------------------------------------------------------------


def documented() -> dict[str, dict[str, str]]:
    """docs/json.md's sections: heading → {field: its text}, from lines "- `field` (type): …"."""
    sections: dict[str, dict[str, str]] = {}
    fields: dict[str, str] | None = None
    last = ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            fields = sections.setdefault(line.lstrip("#").strip(), {})
            continue
        found = re.match(r"- `(\w+)` \(", line)
        if fields is not None and found:
            last = found.group(1)
            fields[last] = line
        elif fields is not None and last in fields and line.startswith("  "):
            fields[last] += " " + line.strip()  # a field's text goes on over indented lines
        else:
            last = ""
    return {heading: f for heading, f in sections.items() if f}


def records(o: Outputs) -> dict[str, list[dict[str, Any]]]:
    """Each documented section's heading → the objects of the outputs it describes."""
    story, status, plan, today = o["show --history"], o["status"], o["plan"], o["today"]
    return {
        "`exercises --json`": [o["exercises"]],
        "An exercise of the list (`exercises[]`)": o["exercises"]["exercises"],
        "`show EXERCISE --json`": [o["show"]],
        "`show EXERCISE --history --json`": [story],
        "A session of the history (`sessions[]`)": story["sessions"],
        "A set of the history (`sessions[].sets[]`, `best`)": [
            s for session in story["sessions"] for s in session["sets"]
        ]
        + [story["best"]],
        "`log EXERCISE … --json`": [o["log"], o["log --dry-run"]],
        "A logged set (`logged[]`, `would_log[]`)": o["log"]["logged"] + o["log --dry-run"]["would_log"],
        "A warning (`warnings[]` of `log` and `status`)": o["log"]["warnings"] + status["warnings"],
        "`pain --json`": [o["pain"]],
        "A pain mark (`pain[]`)": o["pain"]["pain"],
        "`pain clear EXERCISE --json`": [o["pain clear"]],
        "`profile --json`": [o["profile"]],
        "`today --json`": [today],
        "An exercise of a session (`warmup[]`, `exercises[]`, `finisher[]` of `today`; "
        "`exercises[]` of a `plan` day)": today["warmup"]
        + today["exercises"]
        + today["finisher"]
        + [p for day in plan["days"] for p in day["exercises"]],
        "`plan --json`": [plan],
        "A day of the plan (`days[]`)": plan["days"],
        "`status --json`": [status],
        "This week (`week`)": [status["week"]],
        "The block (`block`)": [status["block"]],
        "The Week review's figures (`trends`)": [status["trends"]],
        "`history --json`": [o["history"]],
        "A sitting (`sessions[]`)": o["history"]["sessions"],
        "`runs --json`": [o["runs"]],
        "A run (`runs[]` of `runs`, `runs set`; `added[]` of `runs import`)": o["runs"]["runs"]
        + o["runs set"]["runs"]
        + o["runs import"]["added"],
        "`runs import PATH… --json`": [o["runs import"]],
        "`runs set DATE --kind K --json`": [o["runs set"]],
    }


def inline(o: Outputs) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Small objects described in their field's own line: (section, field, the objects)."""
    status, imported = o["status"], o["runs import"]
    return [
        ("`status --json`", "streak", [status["streak"]]),
        ("The Week review's figures (`trends`)", "weeks", status["trends"]["weeks"]),
        ("The Week review's figures (`trends`)", "heatmap", status["trends"]["heatmap"]),
        ("`runs import PATH… --json`", "problems", imported["problems"]),
        ("`runs import PATH… --json`", "not_runs", imported["not_runs"]),
    ]


def test_docs_json_lists_exactly_the_fields_each_command_prints(cli, history, tmp_path):
    outputs = run_every_json_command(cli, history, tmp_path)
    doc = documented()
    assert set(doc.pop("Every output")) == {"schema"}
    seen = records(outputs)
    assert set(doc) == set(seen), "a section of docs/json.md with no output to check, or the reverse"
    for heading, objects in seen.items():
        assert objects, f"{heading}: the fixture log gives no such object to check"
        fields = set(doc[heading])
        for obj in objects:
            keys = set(obj) - ({"schema"} if heading.startswith("`") else set())
            assert keys - fields == set(), f"{heading}: not in docs/json.md"
            assert fields - keys == set(), f"{heading}: in docs/json.md, not in the output"
    for heading, field, objects in inline(outputs):
        assert objects, f"{heading} {field}: the fixture log gives none"
        text = doc[heading][field]
        for obj in objects:
            assert {k for k in obj if f"`{k}`" not in text} == set(), f"{heading}: {field}"
    for name in json_commands():
        assert any(h.startswith(f"`{name} ") for h in doc), f"`{name} --json` has no section in docs/json.md"


def test_the_readme_links_docs_json(cli):
    readme = (DOC.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "docs/json.md" in readme
