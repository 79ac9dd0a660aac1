"""The runstrength TUI: follow today's session on the floor, two metres from the laptop."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from .. import service
from ..domain.block import clamp_week
from ..domain.countdown import Clock
from ..domain.model import Profile, TuiSettings
from ..domain.words import printable
from .session_controller import SessionController
from .signals import Signals
from .timer_controller import TimerController
from .timers import GET_READY_SECONDS, ActiveTimer, SessionClock, timer_bindings

if TYPE_CHECKING:
    from textual.theme import Theme

    from .screens.today import TodayScreen

BACKUP_DELAY_SECONDS = 10
SHOWN_DELAY_SECONDS = 0.5


NAV_ACTIONS = ("show_week", "show_history", "show_library", "show_settings", "show_keys", "quit")
# Today binds these keys to the app's actions; the session controller says when they work
SESSION_ACTIONS = frozenset(
    ("primary", "instructions", "finish", "finish_now", "skip_warmup", "skip_exercise", "log_set")
    + ("focus_mode", "start_session", "show_notes")
)


class RunStrengthApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "runstrength"
    # Timer keys work on every screen; Today and Focus show them in their footers while a
    # timer runs. Week, History, the keys screen and Quit end every screen's footer.
    # Every binding has an id (one per thing a key does, shared by a key's states: all of
    # enter's are "primary"), so ``App.set_keymap({"timer.skip": "j"})`` moves a key.
    BINDINGS = [
        *timer_bindings(show=False),
        Binding("w", "show_week", "Week", id="nav.week"),
        Binding("h", "show_history", "History", id="nav.history"),
        Binding("e", "show_library", "Exercises", show=False, id="nav.library"),
        Binding("o", "show_settings", "Settings", show=False, id="nav.settings"),
        Binding("question_mark,f1", "show_keys", "Keys", key_display="?", id="nav.keys"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast is plain text: they quote errors, paths and what was typed, so a "[" in
        them is never markup and a control character is shown escaped."""
        super().notify(printable(message), title=printable(title), severity=severity, timeout=timeout, markup=False)

    def __init__(
        self,
        logbook: service.Log,
        *,
        clock: Clock = time.monotonic,
        today: Callable[[], date] = service.today,
        now: Callable[[], datetime] = service.now,
        demo: bool = False,
        tick_seconds: float = 0.1,
        get_ready_seconds: int = GET_READY_SECONDS,
        signals: Signals | None = None,
    ) -> None:
        super().__init__()
        # Start-up creates many objects at once; the cyclic GC would stop to scan them again
        # and again. Pause it until the first paint (or the end, if that comes first).
        gc.disable()
        self.logbook = logbook  # the runner's opened log (Textual's App.log is its logger)
        self.clock = clock
        self.today = today
        self.now = now
        self.demo = demo
        self.tick_seconds = tick_seconds
        self.get_ready_seconds = get_ready_seconds
        self.signals = signals or Signals(self)
        self.timer_controller = TimerController(
            self,
            clock,
            on_end=lambda active: self.session_controller.timer_ended(active),
            on_switch=self._switch_sides,
            beeps=self.profile_beeps,
            bell=lambda: self.signals.bell(),
            on_change=self._timer_changed,
        )
        self.timers = self.timer_controller.model  # the active timer, for the panels that show it
        self.timer_finished_at = self.timer_controller.finished_at  # kind → clock() when its end was handled
        self.workout = service.Workout(logbook, today, now)
        self.session_controller = SessionController(self)  # the session flow: enter, log, rest, finish
        # screens that show the session follow it (``RunStrengthScreen.follow_workout``)
        self.workout_signal: Signal[None] = Signal(self, "workout-changed")
        self.session_clock = SessionClock(clock)
        self._keys_shown: WeakKeyDictionary[Screen[Any], tuple[object, ...]] = WeakKeyDictionary()  # footer state
        self._title_text = ""
        self._audio_notice = False  # "no sound device" is said once
        self.settings = TuiSettings()  # the app's own settings (signal, beeps, theme), read at start

    # --- start ----------------------------------------------------------------------------

    @property
    def profile(self) -> Profile:
        ctx = self.workout.ctx
        assert ctx is not None, "the workout is loaded when the app mounts"
        return ctx.profile

    def get_default_screen(self) -> Screen[Any]:
        """Today is the app's first screen: Textual would otherwise compose, style and lay
        out a blank screen and push Today over it (~25 ms later to the first frame in a
        terminal). The session is loaded here, before Today composes."""
        self.workout.load()
        self.settings = self.logbook.settings()
        from .screens.today import TodayScreen

        return TodayScreen()

    def on_mount(self) -> None:
        if self.logbook.profile() is None:
            from .screens.settings import OnboardingScreen

            self.push_screen(OnboardingScreen(), self._onboarded)
        else:
            self.session_controller.offer_resume()
            note = self.logbook.clock_note(self.today())
            if note:
                self.notify(note, title="Dates after today", timeout=12)
        self._apply_saved_theme()
        self.screen_change_signal.subscribe(self, lambda _: self.refresh_keys())
        self.update_title()
        self.set_interval(self.tick_seconds, self._tick)
        self.call_after_refresh(self._after_first_paint)

    def _tick(self) -> None:
        """The timer's backstop and switch-sides moment (see ``TimerController.tick``), and
        the running timer's countdown in the terminal title. The footer's keys and the
        title otherwise follow the changes themselves: the timer's (``_timer_changed``),
        the session's (``workout_changed``) and the screen's (``screen_change_signal``)."""
        self.timer_controller.tick()
        if self.timers.active is not None:
            self.update_title()

    def _timer_changed(self) -> None:
        """A timer started, paused, resumed, grew or stopped: title and keys follow."""
        if self._exit:
            return
        self.update_title()
        if self.screen_stack:
            self.refresh_keys()

    def _switch_sides(self, active: ActiveTimer) -> None:
        self.ring("Switch sides", f"{active.title}: switch to side 2")
        self.flash()
        self.notify("Switch sides", timeout=4)

    # --- what the runner notices: signal, title, keys -----------------------------------------

    def ring(self, headline: str, body: str) -> None:
        """The end of a timer (or a side): bell or chime as set, and a desktop note when the
        terminal is not looked at (or always, as set)."""
        signal = self.settings.signal
        if signal == "bell":
            self.signals.bell()
        elif signal == "sound":
            self._chime()
        mode = self.settings.notify
        if mode == "always" or (mode == "unfocused" and not self.app_focus):
            self._desktop_note(headline, body)

    @work(thread=True, group="signal")
    def _chime(self) -> None:
        if not self.signals.chime():
            self.call_from_thread(self._no_audio)

    def _no_audio(self) -> None:
        self.signals.bell()
        if not self._audio_notice:
            self._audio_notice = True
            self.notify(
                "No sound device answered: the terminal bell rings instead. (o: Settings → signal)",
                severity="warning",
                timeout=8,
            )

    @work(thread=True, group="signal")
    def _desktop_note(self, headline: str, body: str) -> None:
        self.signals.notify(f"runstrength · {headline}", body)

    def update_title(self) -> None:
        """The terminal (or tmux tab) title shows the running timer: 'Rest 0:42 · runstrength'."""
        active = self.timers.active
        text = f"{active.title_text()} · runstrength" if active is not None else "runstrength"
        if text != self._title_text:
            self._title_text = text
            self.signals.set_title(text)

    def refresh_keys(self) -> None:
        """Ask the current screen's footer to check its keys when the state they follow
        changes (the footer, ``widgets.keys_bar.KeysBar``, redraws only if they differ);
        a screen seen for the first time is asked too: its footer drew its keys when it was
        composed, maybe before the state changed."""
        if not self.screen_stack:  # a last tick while the app shuts down
            return
        screen = self.screen
        state = self.key_state()
        if self._keys_shown.get(screen) != state:
            screen.refresh_bindings()
            self._keys_shown[screen] = state

    def key_state(self) -> tuple[object, ...]:
        active = self.timers.active
        w = self.workout
        return (
            active.kind if active else None,
            bool(active and active.countdown.paused),
            self.enter_mode(),
            bool(w.items),
            w.finished_today,
            w.session is not None,
            bool(w.notes),
            w.sets_done > 0,
            w.in_warmup,
        )

    def enter_mode(self) -> str | None:
        """What enter does now (the footer's label for it): see ``SessionController.enter_mode``."""
        return self.session_controller.enter_mode()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        active = self.timers.active
        if action in SESSION_ACTIONS:
            return self.session_controller.allows(action, tuple(parameters))
        if action == "pause_timer":
            return active is not None and not active.countdown.paused
        if action == "resume_timer":
            return active is not None and active.countdown.paused
        if action in ("add_time", "skip_timer"):
            return active is not None
        if action in NAV_ACTIONS:
            screen = self.screen
            if action == "quit" and self._onboarding() and not isinstance(screen, ModalScreen):
                return True  # leaving the first start writes nothing (run_tui forgets the new folder)
            if isinstance(screen, ModalScreen) or self._onboarding():
                return False
            from .screens.base import RunStrengthScreen

            if isinstance(screen, RunStrengthScreen) and action == screen.PLACE_ACTION:  # already there
                return False
        return True

    def _apply_saved_theme(self) -> None:
        saved = self.settings.theme
        if saved and saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        """A theme picked in the palette is remembered with the app's settings (once a
        profile is saved: the first start writes nothing until the runner saves)."""
        if self.settings.theme == theme.name or self.logbook.read_only:
            return
        changed = self.settings.with_changes(theme=theme.name)
        try:
            saved = self.logbook.save_settings(changed)
        except (service.LogError, OSError) as exc:
            self.notify(f"The theme could not be saved: {exc}", severity="warning")
            return
        if saved:
            self.settings = changed

    def _after_first_paint(self) -> None:
        # What start-up made (modules, classes, styles, the plan) lives as long as the app:
        # frozen, the collector never scans it again, so no later key waits for that.
        gc.freeze()
        gc.enable()
        self.set_timer(BACKUP_DELAY_SECONDS, self.daily_backup)  # never in the way of the first paint
        self.set_timer(SHOWN_DELAY_SECONDS, self.workout.remember_shown)  # the plan ledger, after the paint too

    def _onboarded(self, saved: bool | None) -> None:
        if saved:
            self.workout.reload()
            self.workout_changed()

    def _history_closed(self, _: object = None) -> None:
        """Sets may have been edited or deleted there: show the log as it now is."""
        self.workout.reload()
        self.workout_changed()

    @work(thread=True, exclusive=True, group="backup")
    def daily_backup(self) -> None:
        if self.demo or self.logbook.profile() is None:  # a first start writes nothing until saved
            return
        try:
            self.logbook.backup_if_stale()
        except OSError as exc:
            self.call_from_thread(self.notify, f"Backup failed: {exc}", severity="warning")

    # --- shared display helpers ----------------------------------------------------------------

    def header_text(self) -> str:
        plan = self.workout.plan
        assert plan is not None, "the workout is loaded when the app mounts"
        week = f"block week {clamp_week(plan.block_week, plan.block_weeks)} of {plan.block_weeks}"
        light = (
            " (race taper)"
            if plan.taper
            else f" (week {plan.comeback} back)"
            if plan.comeback
            else " (lighter)"
            if plan.light_week
            else ""
        )
        demo = " · DEMO" if self.demo else ""
        return f"{self.today():%a %d %b %Y} · {week}{light}{demo}"

    def session_elapsed(self) -> float:
        return self.session_clock.elapsed()

    def workout_changed(self) -> None:
        """The session changed: the screens that show it repaint right after this step,
        before the next frame (see ``RunStrengthScreen.follow_workout``), where a posted
        message would wait its turn behind the others."""
        if self._exit:
            return
        self.workout.remember_shown()  # a new day's plan (past midnight, after onboarding): once
        self.workout_signal.publish(None)
        if self.screen_stack:
            self.refresh_keys()

    # --- the session -----------------------------------------------------------------------------

    def action_start_session(self) -> None:
        self.session_controller.start_session()

    def action_primary(self, mode: str | None = None) -> None:
        """Enter does the obvious next thing (``SessionController.primary``)."""
        self.session_controller.primary(mode)

    def action_skip_warmup(self) -> None:
        self.session_controller.skip_warmup()

    def action_log_set(self) -> None:
        self.session_controller.log_set()

    def action_instructions(self) -> None:
        from .screens.exercise import ExerciseScreen

        item = self.workout.current
        if item is not None:
            self.push_screen(ExerciseScreen(item.plan.exercise, in_session=not self.workout.finished_today))
        else:
            self.action_show_library()

    def action_finish(self) -> None:
        self.session_controller.finish()

    def action_finish_now(self) -> None:
        """f where enter finishes (hidden from the footer): the same as Finish."""
        self.session_controller.finish()

    def action_skip_exercise(self) -> None:
        self.session_controller.skip_exercise()

    def action_show_notes(self) -> None:
        from .screens.dialogs import NotesScreen

        self.push_screen(NotesScreen(list(self.workout.notes)))

    def action_show_keys(self) -> None:
        from .screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen())

    async def action_quit(self) -> None:
        """q quits at once, except while a timer runs: then it asks first."""
        active = self.timers.active
        if active is None:
            self.exit()
            return
        from .screens.dialogs import ChoiceScreen

        what = {
            "rest": "A rest is running.",
            "get-ready": "A hold is about to start.",
            "hold": "A hold is running: quitting now logs nothing for it.",
        }[active.kind]
        body = f"{what} Your saved sets are safe either way."
        self.push_screen(
            ChoiceScreen("Quit runstrength?", body, [("quit", "Quit", "y"), ("stay", "Stay", "n")], cancel="stay"),
            lambda answer: self.exit() if answer == "quit" else None,
        )

    def action_focus_mode(self) -> None:
        from .screens.focus import FocusScreen

        if isinstance(self.screen, FocusScreen):
            self.pop_screen()
        else:
            self.push_screen(FocusScreen())

    # --- timers: the controller schedules, the app says what an end means --------------------

    def profile_beeps(self) -> bool:
        return self.settings.beeps and self.settings.signal != "off"

    def flash(self) -> None:
        from .widgets.timer_panel import TimerPanel

        for panel in self.screen.query(TimerPanel):
            panel.flash()

    def action_pause_timer(self) -> None:
        if self.timer_controller.active is None:
            return
        self.timer_controller.toggle()
        self.refresh_keys()

    def action_resume_timer(self) -> None:
        self.action_pause_timer()

    def action_add_time(self) -> None:
        self.timer_controller.add()

    def action_skip_timer(self) -> None:
        """Skip a rest, the get-ready (its hold starts now), or a hold (a skipped hold logs
        nothing)."""
        skipped = self.timer_controller.skip()
        if skipped is None:
            return
        if skipped.kind == "hold":
            self.notify("Hold skipped; nothing logged. (Enter stops a hold and logs the time held.)")
        self.workout_changed()

    # --- navigation ------------------------------------------------------------------------------

    def _onboarding(self) -> bool:
        # The footer asks (check_action) before the first paint: an onboarding screen exists
        # only once its module is imported, so the settings screen is not imported to answer no.
        settings = sys.modules.get(f"{__package__}.screens.settings")
        return settings is not None and any(isinstance(s, settings.OnboardingScreen) for s in self.screen_stack)

    def _go(self, screen: Screen[Any], closed: Callable[[Any], None] | None = None) -> None:
        """Open a place (not while the onboarding is still open)."""
        if not self._onboarding():
            self.push_screen(screen, closed)

    def action_show_week(self) -> None:
        from .screens.week import WeekScreen

        self._go(WeekScreen())

    def action_show_history(self) -> None:
        from .screens.history import HistoryScreen

        self._go(HistoryScreen(), self._history_closed)

    def action_show_library(self) -> None:
        from .screens.library import LibraryScreen

        self._go(LibraryScreen())

    def action_show_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self._go(SettingsScreen(), self._onboarded)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        # only what does something now (a palette of dead commands reads as a broken app)
        from .timers import ENTER_MODES

        w, timer = self.workout, self.timers.active
        onboarding = self._onboarding()
        mode = self.enter_mode()
        if mode and not onboarding:
            yield SystemCommand(
                f"{ENTER_MODES[mode]} (enter)", "What enter does now, named as in the footer", self.action_primary
            )
        if w.current is not None and not w.finished_today and not w.in_warmup and not onboarding:
            yield SystemCommand("Log a set", f"Log a set of {w.current.plan.name} (l)", self.action_log_set)
        if w.in_warmup and not onboarding:
            yield SystemCommand("Skip the warm-up", "Go straight to the first set (x)", self.action_skip_warmup)
        if not onboarding:
            yield SystemCommand(
                "Coach's notes",
                "Pain referrals, a held-back block week, the week's notes (m)",
                self._on_today(lambda today: today.action_coach_notes()),
            )
        if w.pain and not onboarding:
            yield SystemCommand(
                "Clear a pain mark",
                "Once a doctor or physio says it is fine (c)",
                self._on_today(lambda today: today.action_clear_pain()),
            )
        if w.session is not None and w.sets_done:
            yield SystemCommand("Finish the session", "Save the session with its RPE (f)", self.action_finish)
        if timer is not None:
            paused = timer.countdown.paused
            yield SystemCommand(
                "Resume the timer" if paused else "Pause the timer",
                "Count on from where it stopped (space)" if paused else "Stop the countdown for now (space)",
                self.action_resume_timer if paused else self.action_pause_timer,
            )
            yield SystemCommand(
                "Add 15 seconds to the timer", "More time on the running timer (+)", self.action_add_time
            )
            skip_what = "a skipped hold logs nothing" if timer.kind == "hold" else "end it now"
            yield SystemCommand(
                f"Skip the {timer.kind.replace('-', ' ')}", f"{skip_what.capitalize()} (k)", self.action_skip_timer
            )
        yield SystemCommand("Focus mode", "Just the timer, big (z)", self.action_focus_mode)
        yield SystemCommand(
            "Exercise instructions", "Steps and cues for the current exercise (i)", self.action_instructions
        )
        yield SystemCommand("Exercise library", "Search every exercise (e)", self.action_show_library)
        yield SystemCommand("Week review", "Streaks, heatmap, trends (w)", self.action_show_week)
        yield SystemCommand("History", "Past sessions and their sets (h)", self.action_show_history)
        yield SystemCommand("Settings", "Level, equipment, running week (o)", self.action_show_settings)
        yield SystemCommand("Notes from the guard", "Notes already shown this session (g)", self.action_show_notes)
        yield SystemCommand("Keys", "Every key, screen by screen (?)", self.action_show_keys)
        yield SystemCommand("Export log", "Write a JSON or CSV copy of the log to a file you name", self.action_export)

    def _on_today(self, action: Callable[[TodayScreen], None]) -> Callable[[], None]:
        """A Today action for the command palette (Today is the screen under the others)."""

        def run() -> None:
            from .screens.today import TodayScreen

            today = next((s for s in self.screen_stack if isinstance(s, TodayScreen)), None)
            if today is not None:
                action(today)

        return run

    def action_export(self) -> None:
        """Ask where (outside the data folder, as `runstrength export -o`), then write it."""
        from .screens.dialogs import ExportScreen

        self.push_screen(
            ExportScreen(self.logbook.default_export_path(self.today()), self.logbook.dir),
            self._export_to,
        )

    def _export_to(self, target: Path | None) -> None:
        if target:
            self.export_log(target)

    @work(thread=True, exclusive=True, group="export")
    def export_log(self, target: Path) -> None:
        kind = "csv" if target.suffix.lower() == ".csv" else "json"
        try:
            self.logbook.export_to(target, self.now(), kind)
        except OSError as exc:
            self.call_from_thread(self.notify, f"The export could not be written: {exc}", severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, f"Exported to {target}", title="Export")

    def on_unmount(self) -> None:
        gc.unfreeze()  # what this app froze can be collected again once it ends (tests run many apps)
        gc.enable()  # in case the app ends before its first paint


def run_tui(data_dir: Path, demo: bool = False) -> int:
    """Open the data folder (taking its lock) before the UI starts; a clear line if we can't."""
    try:
        logbook = service.Log(data_dir, write=True)
    except service.LogError as exc:
        print(printable(f"runstrength: {exc}"), file=sys.stderr)
        return 1
    try:
        app = RunStrengthApp(logbook, demo=demo)
        app.run()
    finally:
        logbook.close_unused()
    return app.return_code or 0  # a crash (Textual sets 1) never reports success
