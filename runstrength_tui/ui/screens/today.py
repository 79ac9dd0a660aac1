"""Today: the planned session, the current exercise, the timer and the session clock."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.countdown import mmss
from ..widgets.run_days import RunDays
from ..widgets.title_bar import TitleBar
from ..widgets.meter import Meter
from ..timers import timer_bindings
from ..widgets.timer_panel import TimerPanel
from ..widgets.warnings import WarningsBox

class ExerciseList(OptionList):
    """The session's exercises; enter does the next thing rather than just selecting."""

    BINDINGS = [Binding("enter", "primary", "Do set")]

    def action_primary(self) -> None:
        if self.highlighted is not None:
            self.app.workout.select(self.highlighted)
        self.app.action_primary()

    def check_action(self, action: str, parameters) -> bool | None:
        return self.screen.check_action(action, parameters)


INDENT = "\u00a0" * 2  # non-breaking: the list keeps the indent when it wraps lines
KIND_TITLES = {"strength": "STRENGTH DAY", "finisher-only": "RUN DAY · optional finisher", "rest": "REST DAY"}


class TodayScreen(Screen):
    _key_state: tuple[bool, bool] | None = None
    BINDINGS = [
        # The footer shows what a runner on the mat needs; ctrl+p lists everything.
        Binding("enter", "primary", "Do set", show=True),
        *timer_bindings("app."),
        Binding("i", "instructions", "How to"),
        Binding("z", "focus_mode", "Focus"),
        Binding("f", "finish", "Finish"),
        Binding("w", "app.show_week", "Week", show=False),
        Binding("l", "log_set", "Log set", show=False),
        Binding("h", "app.show_history", "History", show=False),
        Binding("e", "app.show_library", "Exercises", show=False),
        Binding("o", "app.show_settings", "Settings", show=False),
        Binding("x", "skip_exercise", "Skip exercise", show=False),
        Binding("q", "app.quit", "Quit", show=False),
        Binding("s", "start_session", "Start", show=False),
        Binding("n", "move(1)", "Next exercise", show=False),
        Binding("p", "move(-1)", "Previous exercise", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield WarningsBox(id="session-warnings")
        yield Static("", id="reason")
        yield RunDays(scope="recent", id="today-runs")
        with Horizontal(id="main"):
            yield ExerciseList(id="exercises")
            with Vertical(id="side"):
                yield TimerPanel(id="timer")
                yield Static("", id="detail")
        with Horizontal(id="session-bar"):
            yield Static("", id="session-clock")
            yield Meter(id="session-progress")
        yield Footer()

    def on_mount(self) -> None:
        self.workout_changed()
        self.set_interval(1.0, self.update_clock)
        self.query_one("#exercises", OptionList).focus()

    @property
    def workout(self):
        return self.app.workout

    # --- display ------------------------------------------------------------------------

    def workout_changed(self) -> None:
        w = self.workout
        plan = w.plan
        self.sub_title = self.app.header_text()
        self.query_one("#session-warnings", WarningsBox).show(w.session_warnings)
        title = KIND_TITLES[plan.kind]
        if w.finished_today:
            title = "DONE FOR TODAY"
        elif w.session is not None:
            title = "SESSION IN PROGRESS" if w.mode == "strength" else "FINISHER IN PROGRESS"
        reason = Text()
        reason.append(f"{title}  ", style="bold")
        reason.append(plan.reason)
        if plan.kind == "strength" or w.mode == "finisher":
            reason.append(f"  About {plan.estimated_minutes:g} min.", style="italic")
        self.query_one("#reason", Static).update(reason)
        options = self.query_one("#exercises", OptionList)
        highlighted = w.index
        options.set_options([Option(self._prompt(i, item), id=f"ex-{i}") for i, item in enumerate(w.items)])
        if w.items:
            options.highlighted = highlighted
        options.display = bool(w.items)
        # a rest day is a message, not an empty workout: no timer, no session bar
        self.query_one("#timer").display = bool(w.items) or self.app.timers.active is not None
        self.query_one("#session-bar").display = bool(w.items)
        self.set_class(not w.items, "-rest-day")
        key_state = (bool(w.items), w.finished_today)
        if key_state != self._key_state:  # only on a change: each refresh recomposes the footer
            if self._key_state is not None:  # (the first footer already asks check_action)
                self.refresh_bindings()
            self._key_state = key_state
        self.query_one("#detail", Static).update(self._detail())
        self.update_clock()

    def check_action(self, action: str, parameters) -> bool | None:
        """Session keys only where there is a session to do."""
        if action in ("primary", "log_set", "finish", "skip_exercise", "move", "focus_mode", "start_session"):
            return bool(self.app.workout.items) and not self.app.workout.finished_today
        return True

    def _prompt(self, index: int, item) -> Text:
        w = self.workout
        current = index == w.index
        marker = {"done": "✓", "skipped": "–"}.get(item.status, "▶" if current else "·")
        status = {"done": "done", "skipped": "skipped"}.get(item.status, f"sets {item.status}")
        text = Text()
        text.append(f"{marker} {item.plan.name}", style="bold" if current or item.status not in ("done", "skipped") else "dim")
        text.append(f"  {status}", style="italic")
        text.append(f"\n{INDENT}{item.plan.dose_text}")
        text.append(f" · {w.last_text(item.plan.exercise)}", style="dim")
        return text

    def _detail(self) -> Text:
        w = self.workout
        text = Text()
        item = w.current
        if item is None:
            plan = w.plan
            text.append("Nothing to do today.\n\n", style="bold")
            if plan.next_strength_day:
                from ...domain.plan import day_name

                text.append(f"Next strength session: {day_name(plan.next_strength_day, plan.date)}.\n\n")
            text.append("e browse exercises · w your week · h history · o settings")
            return text
        ex = w.catalog.get(item.plan.exercise)
        text.append(f"{ex.name}\n", style="bold")
        if item.plan.note:
            text.append(f"{item.plan.note}\n", style="italic")
        for cue in ex.cues:
            text.append(f"• {cue}\n")
        text.append(f"rest {item.plan.rest} s · i: steps, mistakes, variations", style="dim")
        return text

    def update_clock(self) -> None:
        w = self.workout
        minutes = self.app.profile.minutes
        elapsed = self.app.session_elapsed()
        clock = self.query_one("#session-clock", Static)
        bar = self.query_one("#session-progress", Meter)
        planned = max(1, w.sets_planned)
        if w.session is None and not w.finished_today:
            clock.update(f"Not started · {w.sets_planned} sets planned · enter begins")
        else:
            clock.update(f"Session {mmss(elapsed)} / {minutes:02d}:00 · {w.sets_done} of {w.sets_planned} sets")
        bar.update(min(planned, w.sets_done), planned)

    # --- actions --------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.workout.index:
            self.workout.select(event.option_index)
            self.query_one("#detail", Static).update(self._detail())
            self._refresh_prompts()

    def _refresh_prompts(self) -> None:
        options = self.query_one("#exercises", OptionList)
        for i, item in enumerate(self.workout.items):
            options.replace_option_prompt_at_index(i, self._prompt(i, item))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A mouse click on an exercise makes it the current one."""
        self.workout.select(event.option_index)
        self.workout_changed()

    def action_primary(self) -> None:
        self.app.action_primary()

    def action_log_set(self) -> None:
        self.app.action_log_set()

    def action_instructions(self) -> None:
        self.app.action_instructions()

    def action_focus_mode(self) -> None:
        self.app.action_focus_mode()

    def action_skip_exercise(self) -> None:
        if self.workout.current is not None:
            self.workout.skip_current()
            self.workout_changed()

    def action_finish(self) -> None:
        self.app.action_finish()

    def action_start_session(self) -> None:
        self.app.action_start_session()

    def action_move(self, step: int) -> None:
        self.workout.select(self.workout.index + step)
        self.workout_changed()
