"""Today: the planned session, the current exercise, the timer and the session clock."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...domain.countdown import mmss
from ...domain.words import plural
from ...service.session import sets_text
from ..timers import enter_bindings, timer_bindings
from ..widgets.meter import Meter
from ..widgets.run_days import RunDays
from ..widgets.timer_panel import TimerPanel
from ..widgets.warnings import WarningsBox
from .base import RunStrengthScreen

if TYPE_CHECKING:
    from ...service import Item


def fit_notes(notes: list[str], width: int, budget: int, referral: bool) -> Text:
    """The notes as lines of ``width``, at most ``budget`` lines; a note that does not fit is
    cut with '…' and the last line says how to read them all."""
    import textwrap

    cue = "  c: clear · m: all notes" if referral else "  m: all notes"
    out: list[tuple[str, bool]] = []  # (line, is the start of a referral)
    for note in notes:
        mark = "⚠ " if note.startswith("Pain on") else "• "
        if note.startswith("Pain on"):
            note += " (c clears it here.)"
        for i, line in enumerate(textwrap.wrap(mark + note, width, subsequent_indent="  ")):
            out.append((line, i == 0 and mark == "⚠ "))
    text = Text()
    if len(out) > budget:
        out = out[:budget]
        last = out[-1][0][: max(0, width - len(cue) - 1)].rstrip()
        out[-1] = (f"{last}…{cue}", out[-1][1])
    for i, (line, warn) in enumerate(out):
        text.append(("\n" if i else "") + line, style="bold" if warn else "")
    return text


class ExerciseList(OptionList):
    """The session's exercises; enter does the next thing rather than just selecting: its
    bindings are the app's enter (the highlighted exercise is the current one, see
    ``on_option_list_option_highlighted``), so the footer names what enter does."""

    BINDINGS: ClassVar[list[BindingType]] = [*enter_bindings("app.")]


NBSP = "\u00a0"
INDENT = NBSP * 2  # non-breaking: the list keeps the indent when it wraps lines
PAIR_LINE, PAIR_END = "│", "└"  # a superset's bracket, down the left of its two exercises
SUPERSET_HINT = "A1 + A2: one set of each, then rest"
KIND_TITLES = {
    "strength": "STRENGTH DAY",
    "leg-free": "SHORT SESSION · spares your legs",
    "finisher-only": "RUN DAY · optional finisher",
    "rest": "REST DAY",
}


class TodayScreen(RunStrengthScreen[None]):
    BINDINGS = [
        # The footer follows the moment (enter named by what it does, timer keys only while
        # a timer runs); the app adds Week, History, ? and Quit; ? lists everything.
        # The session's keys are the app's actions (``SessionController``), which say when
        # they work (``SessionController.allows``); the screen keeps its own views' keys.
        *enter_bindings("app."),
        *timer_bindings("app."),
        Binding("i", "app.instructions", "How to", id="today.instructions"),
        Binding("x", "app.skip_warmup", "Skip warm-up", id="today.skip"),
        Binding("x", "app.skip_exercise", "Skip exercise", id="today.skip"),
        Binding("f", "app.finish", "Finish", id="today.finish"),
        Binding("f", "app.finish_now", "Finish", show=False, id="today.finish"),  # f still works where enter finishes
        Binding("z", "app.focus_mode", "Focus", show=False, id="focus"),
        # taught by the notes line itself ("c clears it here", "m: all notes"): the footer is full
        Binding("c", "clear_pain", "Clear pain", show=False, id="today.clear-pain"),
        Binding("m", "coach_notes", "Coach's notes", show=False, id="today.coach-notes"),
        Binding("g", "app.show_notes", "Notes", show=False, id="today.notes"),
        Binding("l", "app.log_set", "Log set", show=False, id="today.log"),
        Binding("s", "app.start_session", "Start", show=False, id="today.start"),
        Binding("n", "move(1)", "Next exercise", show=False, id="today.next"),
        Binding("p", "move(-1)", "Previous exercise", show=False, id="today.previous"),
    ]

    def compose_body(self) -> ComposeResult:
        yield WarningsBox(id="session-warnings")
        yield Static("", id="reason")
        yield Static("", id="coach-notes")
        yield RunDays(scope="recent", id="today-runs")
        with Horizontal(id="main"):
            yield ExerciseList(id="exercises")
            with Vertical(id="side"):
                yield TimerPanel(id="timer")
                with VerticalScroll(id="detail-box", can_focus=False):  # a scrollbar shows what is cut
                    yield Static("", id="detail")
        with Horizontal(id="session-bar"):
            yield Static("", id="session-clock")
            yield Meter(id="session-progress")

    def on_mount(self) -> None:
        self.follow_workout()
        self.workout_changed()
        self.call_after_refresh(self._refresh_prompts)  # the list knows its width now
        self.set_interval(1.0, self.update_clock)
        self.query_one("#exercises", OptionList).focus()

    # --- display ------------------------------------------------------------------------

    def workout_changed(self) -> None:
        w = self.workout
        plan = w.plan
        if plan is None:  # not loaded yet: the app loads the workout before it mounts
            return
        self.sub_title = self.app.header_text()
        self.query_one("#session-warnings", WarningsBox).show(w.session_warnings)
        title = KIND_TITLES[plan.kind]
        if w.finished_today:
            title = "DONE FOR TODAY"
        elif w.session is not None:
            title = "SESSION IN PROGRESS" if w.mode == "strength" else "FINISHER IN PROGRESS"
            if w.in_warmup:
                title = "WARM-UP"
        reason = Text()
        reason.append(f"{title}  ", style="bold")
        reason.append(plan.reason)
        self.query_one("#reason", Static).update(reason)
        self._show_coach_notes()
        options = self.query_one("#exercises", OptionList)
        highlighted = w.index
        room = self._prompt_room()
        options.set_options([Option(self._prompt(i, item, room), id=f"ex-{i}") for i, item in enumerate(w.items)])
        if w.items:
            options.highlighted = highlighted
        options.display = bool(w.items)
        # what a superset is, said once, under the list that shows the pairs
        options.border_subtitle = SUPERSET_HINT if any(w.labels) else ""
        # a rest day is a message, not an empty workout: no timer, no session bar
        self.query_one("#timer").display = bool(w.items) or self.app.timers.active is not None
        self.query_one("#session-bar").display = bool(w.items)
        self.set_class(not w.items, "-rest-day")
        self.query_one("#detail", Static).update(self._detail())
        self.update_clock()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The screen's own keys (the session's are the app's: ``SessionController.allows``)."""
        app = self.app
        w = self.workout
        if action == "move":
            return bool(w.items) and not w.finished_today
        if action == "clear_pain":
            return bool(w.referred) and app.timers.active is None
        if action == "coach_notes":
            return bool(w.coach_notes())
        return True

    def _show_coach_notes(self) -> None:
        """The coach's notes under the reason, within a few lines (more on a taller terminal):
        a pain referral always shows; what does not fit ends in a cue (m lists them all)."""
        notes = self.workout.coach_notes()
        box = self.query_one("#coach-notes", Static)
        box.display = bool(notes)
        if not notes:
            return
        width = max(20, (self.size.width or self.app.size.width) - 6)
        budget = 4 if (self.size.height or self.app.size.height) <= 24 else 6
        box.update(fit_notes(notes, width, budget, bool(self.workout.referred)))

    def _prompt_room(self) -> int:
        """The cells a prompt line has: the list's width as laid out (80 before that)."""
        exercises = self.query_one("#exercises")
        width = exercises.content_size.width
        # the scrollbar a long list gets takes its cells whether shown yet or not
        return width - 1 - exercises.styles.scrollbar_size_vertical if width > 10 else 80

    def _prompt(self, index: int, item: Item, room: int) -> Text:
        """One exercise in the list: marker, superset label ("A1"), name and status, then
        the dose, last time and today's sets; a superset's two exercises are bracketed
        down the left (│ … └)."""
        text = self._prompt_lines(index, item, room)
        label = self.workout.labels[index] if index < len(self.workout.items) else ""
        if not label:
            return text
        lines = text.split("\n")
        for n in range(1, len(lines)):
            line = lines[n]
            if line.plain.startswith(INDENT):
                end = label.endswith("2") and n == len(lines) - 1
                lines[n] = Text(PAIR_END if end else PAIR_LINE, style="dim") + line[1:]
        return Text("\n").join(lines)

    def _prompt_lines(self, index: int, item: Item, room: int) -> Text:
        w = self.workout
        current = index == w.index and not w.in_warmup
        label = w.labels[index] if index < len(w.items) else ""
        marker = {"done": "✓", "skipped": "–"}.get(item.status, "▶" if current else "·")
        status = {"done": "done", "skipped": "skipped"}.get(item.status, f"sets {item.status}")
        if item.status == "skipped" and item.done:
            # what happened (not "rest skipped", which reads as the rest timer)
            status = f"sets {len(item.done)}/{item.plan.sets}, stopped"  # fits beside a long name at 80 columns
        if w.finished_today and item.status not in ("done", "skipped"):  # saved: what was done, no "to do"
            marker = "–"
            status = f"{len(item.done)} of {item.plan.sets} sets" if item.done else "not done"
        text = Text()
        name = f"{label} {item.plan.name}" if label else item.plan.name
        text.append(f"{marker} {name}", style="bold" if current or item.status not in ("done", "skipped") else "dim")
        # a status that does not fit beside the name goes under it whole (not "sets 1/2," / "stopped")
        fits = len(f"{marker} {name}  {status}") <= room
        text.append(f"  {status}" if fits else f"\n{INDENT}{status}", style="italic")
        # phrases never break inside ("11 d" / "ago"): the "last …" part gets its own line
        # when both do not fit on one
        dose = item.plan.dose_text.replace(" ", NBSP)
        last = w.last_text(item.plan.exercise).replace(" ", NBSP)
        text.append(f"\n{INDENT}{dose}")
        sep = " · " if len(INDENT + dose + " · " + last) <= room else f"\n{INDENT}"
        text.append(f"{sep}{last}", style="dim")
        if item.done:  # what was just done, beside what was asked and what was done last time
            done = sets_text(item.done, self.app.profile.units).replace(" ", NBSP).replace(f",{NBSP}", ", ")
            text.append(f"\n{INDENT}today{NBSP}{done}", style="bold")
        return text

    def _detail(self) -> Text:
        w = self.workout
        text = Text()
        item = w.current
        if item is None:
            plan = w.plan
            text.append("Nothing to do today.\n\n", style="bold")
            if plan is not None and plan.next_strength_day:
                from ...domain.words import day_name

                text.append(f"Next strength session: {day_name(plan.next_strength_day, plan.date)}.\n\n")
            text.append("e browse exercises · w your week · h history · o settings")
            return text
        if w.in_warmup:
            return self._warmup_detail()
        ex = w.catalog.get(item.plan.exercise)
        label = w.label(item)
        text.append(f"{label} {ex.name}\n" if label else f"{ex.name}\n", style="bold")
        pair = w.superset_text(item)
        if pair:  # the rest belongs to the pair: none between its halves
            text.append(f"{pair} · i: how to\n", style="dim")
        else:
            text.append(f"rest {item.plan.rest} s · i: how to\n", style="dim")
        if item.plan.note:
            text.append(f"{item.plan.note}\n", style="italic")
        text.append(f"effort: {item.plan.effort}\n", style="dim")
        text.append("\n".join(f"• {cue}" for cue in ex.cues))
        return text

    def _warmup_detail(self) -> Text:
        """The warm-up step: its drills, ticked as enter goes through them (not logged as sets)."""
        w = self.workout
        started = w.session is not None
        text = Text()
        text.append("WARM-UP · about 4 min\n", style="bold")
        text.append("drills, not logged as sets\n", style="dim")
        for i, drill in enumerate(w.warmup):
            done = started and i < w.warmup_ticked
            current = started and i == w.warmup_ticked
            marker = "✓" if done else "▶" if current else "·"
            text.append(f"{marker} {drill.name}\n", style="dim" if done else "bold" if current else "")
            text.append(f"{INDENT}{drill.dose_text.split(' × ', 1)[-1]}\n", style="italic")
        drill = w.warmup[min(w.warmup_ticked, len(w.warmup) - 1)]
        if started and drill.exercise in w.catalog:
            text.append("\n")
            text.append("\n".join(f"• {cue}" for cue in w.catalog.get(drill.exercise).cues[:2]))
        return text

    def update_clock(self) -> None:
        w = self.workout
        # the clock runs against the session's own estimate, the number "Not started" gave
        estimate = w.plan.estimated_minutes if w.plan is not None else float(self.app.profile.minutes)
        minutes = max(1, round(estimate)) if w.items else self.app.profile.minutes
        elapsed = self.app.session_elapsed()
        clock = self.query_one("#session-clock", Static)
        bar = self.query_one("#session-progress", Meter)
        planned = max(1, w.sets_planned)
        if w.session is None and not w.finished_today:
            about = f" · about {max(1, round(estimate))} min" if w.items else ""
            clock.update(f"Not started · {plural(w.sets_planned, 'set')}{about} · enter begins")
        elif w.finished_today:
            saved = w.reopenable
            took = f" · {saved.minutes:g} min" if saved is not None and saved.minutes else ""
            clock.update(f"Saved · {plural(w.sets_done, 'set')}{took}")
        else:
            clock.update(f"Session {mmss(elapsed)} of about {minutes} min · {w.sets_done} of {w.sets_planned} sets")
        bar.update(min(planned, w.sets_done), planned)

    # --- actions --------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.workout.index:
            self.workout.select(event.option_index)
            self.query_one("#detail", Static).update(self._detail())
            self._refresh_prompts()

    ROOMY = (120, 40)  # from this size the timer's digits are the block font, twice as wide

    def on_resize(self) -> None:
        roomy = self.size.width >= self.ROOMY[0] and self.size.height >= self.ROOMY[1]
        self.set_class(roomy, "-roomy")
        self.query_one("#timer", TimerPanel).set_class(roomy, "roomy")
        self.call_after_refresh(self._refresh_prompts)

    def _refresh_prompts(self) -> None:
        """The prompts for the list's width as laid out; only the ones that change are
        replaced (each replacement lays the screen out again: after the first paint, when
        every line fitted the width assumed before it, nothing needs to)."""
        options = self.query_one("#exercises", OptionList)
        room = self._prompt_room()
        for i, item in enumerate(self.workout.items):
            prompt = self._prompt(i, item, room)
            if i >= options.option_count or options.get_option_at_index(i).prompt != prompt:
                options.replace_option_prompt_at_index(i, prompt)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A mouse click on an exercise makes it the current one."""
        self.workout.select(event.option_index)
        self.workout_changed()

    def action_coach_notes(self) -> None:
        from .dialogs import ChoiceScreen

        w = self.workout
        if not w.coach_notes():
            self.notify("No notes from the coach today.")
            return
        body = "\n\n".join(f"{'⚠' if n.startswith('Pain on') else '•'} {n}" for n in w.coach_notes())
        choices = [
            (f"clear-{i}", f"Clear pain: {w.catalog.get(ex).name if ex in w.catalog else ex}", str(i + 1))
            for i, ex in enumerate(w.referred)
        ]
        referred = list(w.referred)

        def answer(choice: str | None) -> None:
            if choice and choice.startswith("clear-"):
                self.confirm_clear(referred[int(choice.removeprefix("clear-"))])

        self.app.push_screen(
            ChoiceScreen("The coach's notes", body, choices + [("close", "Close", "escape")], cancel="close"), answer
        )

    def action_clear_pain(self) -> None:
        referred = self.workout.referred
        if len(referred) == 1:
            self.confirm_clear(referred[0])
        elif referred:
            self.action_coach_notes()
        else:
            self.notify("No pain mark keeps an exercise out of the plan. (Settings lists every pain mark.)")

    def confirm_clear(self, exercise: str) -> None:
        """Ask, naming the exercise, before a pain mark is cleared."""
        from .dialogs import confirm_clear_pain

        w = self.workout
        name = w.catalog.get(exercise).name if exercise in w.catalog else exercise
        confirm_clear_pain(self, name, lambda: w.clear_pain(exercise), self.app.workout_changed)

    def action_move(self, step: int) -> None:
        self.workout.select(self.workout.index + step)
        self.workout_changed()
