"""The weekly review: this week, streaks, a 26-week heatmap, 12-week trends, block progress."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import ProgressBar, Static

from ...domain.block import clamp_week
from ...domain.weeks import week_days, week_start, weight_lifted
from ...domain.words import format_load, number, plural
from ..widgets.run_days import RunDays
from ..widgets.warnings import WarningsBox
from ..widgets.week_charts import HeatMap, WeekBars
from .base import BACK, RunStrengthScreen

RUN_SHORT = {"rest": "rest", "easy": "easy", "hard": "HARD", "long": "LONG"}


def week_days_text(day, profile, sessions, planned_days, set_counts=None) -> Text:
    """The week day by day, in two labelled columns: the run, then strength; a strength day
    says how many sets were done (a 1-set session is not "done" like a full one)."""
    start = week_start(day, profile.week_start_index)
    text = Text()
    text.append(f"{'':7}{'run':<5} strength\n", style="dim")
    by_day: dict = {}
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
            mark = "○ to do"
        elif d in planned_days:
            mark = "✗ missed"
        else:
            mark = "·"
        style = "bold reverse" if d == day else "bold"
        text.append(f"{d:%a %d}", style=style)
        text.append(f" {RUN_SHORT[profile.run_on(d)]:<4} {mark}\n")
    text.append("✓ done  ○ to do  ✗ missed\n· no strength planned", style="dim")
    return text


def streak_line(streak, target, this_week_counts: bool) -> Text:
    """The streak and what it counts, in one line."""
    text = Text()
    text.append(f"Streak: {plural(streak.current, 'week')}", style="bold")
    text.append(f" in a row with {target}+ sessions (best {streak.best})")
    text.append(", this week included" if this_week_counts else f"; this week joins it at {target}")
    return text


class WeekScreen(RunStrengthScreen[None]):
    PLACE_ACTION = "show_week"
    BINDINGS = [BACK]
    WIDE = 120  # from this width the two charts stand side by side

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="week-body"):
            yield Static("", id="week-summary")
            yield WarningsBox(id="week-warnings")
            yield RunDays(scope="week", id="week-runs")
            with Horizontal(id="week-top"):
                yield Static("", id="week-days")
                yield HeatMap(reserve=30 + 1 + 4, id="heatmap")  # the days, a margin, border and padding
            with Horizontal(id="trends"):
                yield WeekBars(id="trend-sessions")
                yield WeekBars(rows=4, id="trend-load")
            yield Static("", id="block-label")
            yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="block-progress")

    def on_mount(self) -> None:
        self.sub_title = "Your week"
        self.load()

    def on_resize(self) -> None:
        self.query_one("#trends").set_class(self.size.width < self.WIDE, "narrow")

    def load(self) -> None:
        day = self.app.today()
        ctx, st = self.app.logbook.week_review(day)  # computed again only once the log changed
        profile = ctx.profile
        figures = st.figures  # the domain's figures (streaks.week_figures), as `status --json` has them
        summary = Text()
        summary.append(f"This week: {st.week_sessions:g} of {st.target} sessions", style="bold")
        summary.append(" · target met ✓" if st.counts else f" · {max(0, st.target - st.week_sessions):g} to go")
        if st.week_sessions != int(st.week_sessions):
            summary.append(" (a finisher counts as half)", style="italic")
        summary.append("\n")
        summary.append_text(streak_line(st.streak, st.target, st.counts))
        self.query_one("#week-summary", Static).update(summary)
        self.query_one("#week-warnings", WarningsBox).show(st.warnings)
        self.query_one("#week-days", Static).update(
            week_days_text(day, profile, ctx.sessions, set(st.plan.week_days), figures.sets_this_week)
        )
        age_weeks = figures.weeks_logged
        this_week = week_start(day, profile.week_start_index)
        self.query_one("#heatmap", HeatMap).show(figures.heatmap)
        points = figures.trend
        starts = [p.start for p in points]
        sessions_series = [p.sessions for p in points]
        load_series = [p.load for p in points]
        # the weeks before this one since the log began (the domain's figure: no "average 0"
        # in a first week)
        average = figures.sessions_average_before
        sessions_note = Text(f"This week {sessions_series[-1]:g}")
        sessions_note.append(
            f" · average before this week: {number(average)}" if average is not None else " · your first week"
        )
        self.query_one("#trend-sessions", WeekBars).show(
            Text.assemble(("Sessions a week", "bold"), f" · target {st.target} ┄"),
            starts,
            sessions_series,
            target=st.target,
            note=sessions_note,
        )
        before = list(figures.loads_before)[-(age_weeks - 1) :] if age_weeks > 1 else []
        note = Text(f"This week {load_series[-1]:.0f}")
        if len(before) == 1:
            note.append(f" · last week {before[0]:.0f}")
        elif before:
            note.append(f" · average of the {len(before)} weeks before: {sum(before) / len(before):.0f}")
        lifted = [
            weight_lifted(ctx.history, w, w + timedelta(days=6)) for w in (this_week - timedelta(days=7), this_week)
        ]
        if any(lifted):
            note.append(
                f"\nLifted (reps × load): {format_load(lifted[1], profile.units)} this week, "
                f"{format_load(lifted[0], profile.units)} last week"
            )
        self.query_one("#trend-load", WeekBars).show(
            Text.assemble(("Weekly load", "bold"), " · points = session RPE × minutes"),
            starts,
            load_series,
            note=note,
        )
        block = st.block
        label = self.query_one("#block-label", Static)
        bar = self.query_one("#block-progress", ProgressBar)
        if block:  # one figure: sessions done of the block's plan (the bar shows the same)
            week = clamp_week(block.week, block.weeks)
            done_text = "finished" if block.finished else f"week {week} of {block.weeks}"
            label.update(f"Block {done_text} · {block.done:g} of {block.planned_total} planned sessions done")
            bar.update(total=block.planned_total, progress=min(block.done, block.planned_total))
        else:
            label.update("No block set: choose a start date in Settings (o).")
