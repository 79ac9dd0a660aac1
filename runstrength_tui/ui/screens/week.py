"""The weekly review: this week, streaks, a 26-week heatmap, 12-week trends, block progress."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ProgressBar, Sparkline, Static

from ...domain import streaks
from ...domain.block import clamp_week
from ...domain.weeks import session_loads, week_days, week_start
from ...domain.words import plural
from ..widgets.run_days import RunDays
from ..widgets.warnings import WarningsBox
from .base import BACK, RunStrengthScreen

if TYPE_CHECKING:
    from ...domain.model import Profile, SessionRecord

HEAT_STYLES = ("dim", "green", "bold green", "bold bright_green", "bold bright_white on green")
RUN_SHORT = {"rest": "rest", "easy": "easy", "hard": "HARD", "long": "LONG"}


def week_days_text(
    day: date,
    profile: Profile,
    sessions: Iterable[SessionRecord],
    planned_days: Collection[date],
    set_counts: Mapping[str, int] | None = None,
) -> Text:
    """The week day by day; a strength day says how many sets were done (a 1-set
    session is not "done" like a full one)."""
    start = week_start(day, profile.week_start_index)
    text = Text()
    by_day: dict[date, list[SessionRecord]] = {}
    for s in sessions:
        by_day.setdefault(s.date, []).append(s)
    for d in week_days(start):
        mine = by_day.get(d, [])
        if any(s.kind == "strength" for s in mine):
            n = sum((set_counts or {}).get(s.id, 0) for s in mine if s.kind == "strength")
            mark = f"✓ {plural(n, 'set')}" if set_counts is not None else "✓ done"
        elif mine:
            mark = "✓ finisher"
        elif d in planned_days and d >= day:
            mark = "○ planned"
        elif d in planned_days:
            mark = "✗ missed"
        else:
            mark = "·"
        style = "bold reverse" if d == day else "bold"
        text.append(f"{d:%a %d}", style=style)
        text.append(f" {RUN_SHORT[profile.run_on(d)]:<4} {mark}")
        text.append("\n")
    text.append("✓ done ○ plan ✗ missed", style="dim")  # the marks in words (the run is the day's)
    return text


def heatmap_text(columns: list[list[streaks.HeatCell]]) -> Text:
    """One character per day (rows by weekday), one column per week, GitHub-style.

    The symbol carries the level (· ░ ▒ ▓ █), so it reads without colour."""
    text = Text()
    labels = [" "] * len(columns)
    last_month = None
    for i, col in enumerate(columns):
        month = col[0].day.month
        if month != last_month and i + 3 <= len(columns) and all(c == " " for c in labels[max(0, i - 1) : i]):
            labels[i : i + 3] = list(col[0].day.strftime("%b"))
        last_month = month
    text.append("    " + "".join(labels[: len(columns)]).rstrip() + "\n", style="dim")
    for row in range(7):
        text.append(f"{columns[0][row].day:%a} ", style="dim")
        for col in columns:
            cell = col[row]
            if cell.future:
                text.append(" ")
            else:
                text.append(streaks.HEAT_SYMBOLS[cell.level], style=HEAT_STYLES[cell.level])
        text.append("\n")
    text.append("    less ", style="dim")
    for level, symbol in enumerate(streaks.HEAT_SYMBOLS):
        text.append(symbol, style=HEAT_STYLES[level])
    text.append(" more", style="dim")
    return text


class WeekScreen(RunStrengthScreen[None]):
    PLACE_ACTION = "show_week"
    BINDINGS = [BACK]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="week-body"):
            yield Static("", id="week-summary")
            yield WarningsBox(id="week-warnings")
            yield RunDays(scope="week", id="week-runs")
            with Horizontal(id="week-top"):
                yield Static("", id="week-days")
                yield Static("", id="heatmap")
            with Vertical(id="trends"):  # stacked: two text blocks side by side interleave at 80 columns
                yield Static("", id="trend-sessions-label")
                yield Sparkline([], id="trend-sessions")
                yield Static("", id="trend-sessions-axis", classes="axis")
                yield Static("", id="trend-load-label")
                yield Sparkline([], id="trend-load")
                yield Static("", id="trend-load-axis", classes="axis")
            yield Static("", id="block-label")
            yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="block-progress")

    def on_mount(self) -> None:
        self.sub_title = "Your week"
        self.load()

    def load(self) -> None:
        day = self.app.today()
        ctx, st = self.app.logbook.week_review(day)  # computed again only once the log changed
        profile = ctx.profile
        loads = session_loads(ctx.sessions, ctx.history)
        summary = Text()
        summary.append(f"This week: {st.week_sessions:g} of {st.target} sessions", style="bold")
        summary.append(" · target met ✓" if st.counts else f" · {max(0, st.target - st.week_sessions):g} to go")
        if st.week_sessions != int(st.week_sessions):
            summary.append(" (a finisher counts as half)", style="italic")
        summary.append(f"   Streak: {plural(st.streak.current, 'week')}", style="bold")
        summary.append(f" at {st.target}+")  # what a streak counts: weeks in a row that met the target
        summary.append(f" (best {st.streak.best})")
        self.query_one("#week-summary", Static).update(summary)
        self.query_one("#week-warnings", WarningsBox).show(st.warnings)
        counts: dict[str, int] = {}
        for record in ctx.history:
            counts[record.session] = counts.get(record.session, 0) + 1
        self.query_one("#week-days", Static).update(
            week_days_text(day, profile, ctx.sessions, set(st.plan.week_days), counts)
        )
        # a young log shows its own weeks, not months of empty cells before it began
        first = min((s.date for s in ctx.sessions), default=day)
        if profile.block_start:
            first = min(first, profile.block_start)
        age_weeks = (
            week_start(day, profile.week_start_index) - week_start(first, profile.week_start_index)
        ).days // 7 + 1
        columns = streaks.heatmap(ctx.sessions, loads, profile, day, weeks=max(4, min(26, age_weeks)))
        self.query_one("#heatmap", Static).update(heatmap_text(columns))
        span = max(2, min(12, age_weeks))
        points = streaks.trend(ctx.sessions, loads, profile, day, weeks=span)
        sessions_series = [p.sessions for p in points]
        load_series = [p.load for p in points]
        self.query_one("#trend-sessions", Sparkline).data = sessions_series
        self.query_one("#trend-load", Sparkline).data = load_series
        # the weeks before this one since the log began (this week is not over; the weeks
        # shown before the first one are not the runner's: no "avg 0.0" in a first week)
        done = sessions_series[:-1][-(age_weeks - 1) :] if age_weeks > 1 else []
        avg = f"avg {sum(done) / len(done):.1f} before this week" if done else "your first week"
        self.query_one("#trend-sessions-label", Static).update(
            f"Sessions a week, last {span} weeks: {' '.join(f'{x:g}' for x in sessions_series)} ({avg})"
        )
        last4 = load_series[-5:-1]
        if len(last4) == 1:
            avg_load = f", last week {last4[0]:.0f}"
        else:
            avg_load = f", previous {len(last4)} weeks avg {sum(last4) / len(last4):.0f}" if last4 else ""
        self.query_one("#trend-load-label", Static).update(
            f"Weekly load (session RPE × minutes), last {span} weeks: this week {load_series[-1]:.0f}{avg_load}"
        )
        axis = f"{span} weeks ago" + "this week".rjust(max(10, (self.size.width or 80) - 4 - len(f"{span} weeks ago")))
        self.query_one("#trend-sessions-axis", Static).update(axis)
        self.query_one("#trend-load-axis", Static).update(axis)
        block = st.block
        label = self.query_one("#block-label", Static)
        bar = self.query_one("#block-progress", ProgressBar)
        if block:  # one figure: sessions done of the block's plan (the bar shows the same)
            week = clamp_week(block.week, block.weeks)
            where = "finished" if block.finished else f"week {week} of {block.weeks}"
            label.update(f"Block {where} · {block.done:g} of {block.planned_total} planned sessions done")
            bar.update(total=block.planned_total, progress=min(block.done, block.planned_total))
        else:
            label.update("No block set: choose a start date in Settings (o).")
