"""Imported runs as one line per day ("Sat: 21.1 km long run, 1:58"); hidden without runs.

Self-contained: mount it on a screen and it reads the runs itself (through the service)
when mounted, or when :meth:`reload` is called.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual import getters
from textual.widgets import Static

from ...domain.runs import Run, day_line
from ..app import RunStrengthApp


def run_days_text(runs: list[Run], today: date) -> Text:
    """One line per day with runs, oldest first; today's and yesterday's named as such."""
    text = Text()
    days = sorted({r.date for r in runs})
    for i, day in enumerate(days):
        if i:
            text.append("\n")
        label = {today: "today", today - timedelta(days=1): "yesterday"}.get(day)
        line = day_line(day, runs)
        text.append("» ", style="dim")
        text.append(line)
        if label:
            text.append(f" ({label})", style="dim")
    return text


class RunDays(Static):
    """``scope="week"``: this week's runs so far (Week screen); ``scope="recent"``:
    yesterday's and today's (Today screen, where they matter for today's session)."""

    app = getters.app(RunStrengthApp)
    DEFAULT_CSS = """
    RunDays {
        height: auto;
        padding: 0 1;
        margin: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, scope: str = "week", **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.scope = scope
        self.runs: list[Run] = []

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        app = self.app
        day = app.today()
        logbook = app.logbook
        if self.scope == "recent":
            runs = logbook.runs(day - timedelta(days=1), day)
        else:
            profile = logbook.profile()
            _, runs = logbook.week_runs(day, profile.week_start_index if profile else 0)
        self.show(runs, day)

    def show(self, runs: list[Run], today: date) -> None:
        self.runs = list(runs)
        self.display = bool(runs)
        self.update(run_days_text(self.runs, today))
