"""The session flow on the floor: what enter does, logging a set, the rest after it (none
from A1 to A2 of a superset), holds, the warm-up, finishing, reopening and resuming.

A plain object the app owns, like ``TimerController``: the app's actions and the screens'
messages come here, the ``service.Workout`` it drives decides the order of sets and the
rests, the ``TimerController`` times them. What the runner notices (ring, flash, toasts)
stays the app's (``app.ring``, ``app.flash``, ``app.notify``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import service
from ..domain.words import minutes_text, plural
from .timers import ActiveTimer, TimerModel

if TYPE_CHECKING:
    from ..domain.model import GuardWarning
    from ..service import Item
    from .app import RunStrengthApp
    from .screens.dialogs import SetValues


class SessionController:
    def __init__(self, app: RunStrengthApp) -> None:
        self.app = app

    @property
    def workout(self) -> service.Workout:
        return self.app.workout

    @property
    def timers(self) -> TimerModel:
        return self.app.timers

    def allows(self, action: str, parameters: tuple[object, ...] = ()) -> bool:
        """Whether a session key does something now (the app's ``check_action`` asks for the
        keys Today binds to the app's actions): session keys only where there is a session
        to do; enter's binding for the state we are in (see :meth:`enter_mode`)."""
        w = self.workout
        timer = self.timers.active
        if action == "primary":
            return bool(parameters) and parameters[0] == self.enter_mode()
        if action == "finish":  # enter finishes once every set is done
            return w.session is not None and w.sets_done > 0 and not w.all_done and timer is None
        if action in ("instructions", "finish_now", "log_set"):  # hidden f and l always answer
            return bool(w.items)
        if action == "skip_warmup":
            return w.in_warmup and timer is None
        if action == "skip_exercise":
            return bool(w.items) and not w.finished_today and not w.all_done and timer is None and not w.in_warmup
        if action in ("focus_mode", "start_session"):
            return bool(w.items) and not w.finished_today
        if action == "show_notes":
            return bool(w.notes)
        return True

    def skip_exercise(self) -> None:
        """x: the current exercise's remaining sets are left out today (its logged sets stay);
        the cursor moves to the set that comes next (a superset's other half goes on alone)."""
        item = self.workout.current
        if item is None or item.complete:
            return
        self.workout.skip_current()
        done = len(item.done)
        self.app.notify(
            f"{item.plan.name}: stopped after {done} of {item.plan.sets} sets for today."
            if done
            else f"{item.plan.name} left out today."
        )
        self.app.workout_changed()

    def enter_mode(self) -> str | None:
        """What enter does now (the footer's label for it): see ``timers.ENTER_MODES``."""
        active = self.timers.active
        if active is not None and active.kind == "hold":
            return "stop"
        if active is not None and active.kind == "get-ready":
            return "go"
        w = self.workout
        if w is None or not w.items:
            return None
        if w.finished_today:
            return "reopen" if w.reopenable is not None else None
        if w.in_warmup:
            if w.session is None:
                return "warmup-go"
            drill = w.current_drill
            return "drill" if active is None and drill is not None and drill.seconds else "warmup"
        if w.all_done:
            return "finish"
        current = w.current
        item = current if current is not None and not current.complete else w.next_incomplete()
        return "hold" if item is not None and item.is_hold else "log"

    def offer_resume(self) -> None:
        open_ = self.app.logbook.open_session()
        if not open_ or not open_[1]:
            self.app.logbook.discard_empty_open_session()
            if open_ and not open_[1]:
                self.workout.load()
            return
        session, sets = open_
        from .screens.dialogs import ChoiceScreen

        started = session.started_at.strftime("%H:%M")
        if session.date == self.app.today():
            body = (
                f"You started a session at {started} today and saved {plural(len(sets), 'set')}. "
                "Carry on where you stopped, save it as it is (you can reopen it later today), "
                "or decide later (it stays open; f finishes it)."
            )
            choices = [("resume", "Resume", "r"), ("save", "Save what I did", "s"), ("later", "Decide later", "l")]
            self.app.push_screen(
                ChoiceScreen("Resume your session?", body, choices, cancel="later"), self._resume_answer
            )
        else:
            body = (
                f"The session of {session.date:%A %d %b} ({plural(len(sets), 'set')} saved) was never finished. "
                "It is kept as it is, with its sets."
            )
            self.app.push_screen(
                ChoiceScreen("Unfinished session", body, [("ok", "Keep it and go on", "k")], cancel="ok"),
                lambda _: self.close_interrupted(),
            )

    def _resume_answer(self, answer: str | None) -> None:
        session = self.workout.session
        if answer == "save":
            self.close_interrupted()
            self.app.notify("Saved as it was. Enter on Today reopens it.", title="Session saved")
            return
        if session is not None:  # resumed, or left open to decide later: its clock goes on from its start
            self.app.session_clock.start(session.active_minutes(self.app.now()) * 60.0)
        if answer == "resume":
            self.app.notify(f"Resumed: {plural(self.workout.sets_done, 'set')} already saved.")
            self.resume_rest()

    def resume_rest(self) -> None:
        """Back after a kill mid-rest: the rest goes on with what was left of it (the last
        set's time and the rest after it tell: none between A1 and A2 of a superset), so
        the runner is where they were."""
        w = self.workout
        done = [s for it in w.items for s in it.done]
        if not done or w.all_done or self.timers.active is not None:
            return
        last = max(done, key=lambda s: s.logged_at)
        item = w.item_for(last.exercise)
        if item is None:
            return
        left = w.rest_after(item) - (self.app.now() - last.logged_at).total_seconds()
        if left >= 1:
            self.app.timer_controller.start_rest(int(left + 0.999), w.next_text())
            self.app.workout_changed()

    def close_interrupted(self) -> None:
        self.workout.discard_or_close_interrupted()
        self.app.workout_changed()

    def start_session(self) -> None:
        w = self.workout
        if w.session is None and w.items and not w.finished_today:
            w.start()
            self.app.session_clock.start()
            self.app.workout_changed()

    def primary(self, mode: str | None = None) -> None:
        """Enter does the obvious next thing: log the set, start or stop a hold, end a rest,
        finish when every set is done, reopen today's saved session."""
        w = self.workout
        if self.timers.active is None and w.finished_today:
            if w.reopenable is not None:
                self.reopen()
            return
        if self.timers.active is None and w.all_done:
            self.finish()
            return
        if w.in_warmup and (self.timers.active is None or self.timers.active.kind == "drill"):
            self.warmup_step()
            return
        active = self.timers.active
        if active is not None and active.kind == "hold":
            held = max(1, active.held_per_side())
            # an each-side hold stopped before side 2: logged as what it was, one side
            one_side = active.per_side and not active.side_two_started
            active.countdown.stop()
            self.app.timer_controller.stop()
            self.log_values(
                None,
                held,
                None,
                None,
                False,
                exercise=active.exercise,
                note="side 1 only (stopped before side 2)" if one_side else "",
            )
            if one_side:
                self.app.notify(f"Logged {held} s on side 1 only; side 2 was not held.", title=active.title)
            return
        if active is not None and active.kind == "get-ready":
            self.app.action_skip_timer()  # "Start now": the hold starts
            return
        if active is not None and active.kind == "rest":
            self.app.timer_controller.stop()
        w = self.workout
        item = w.current
        if item is None or w.finished_today:
            return
        if item.complete:
            w.advance()
            item = w.current
            if item is None or item.complete:
                self.finish()
                return
        if item.is_hold and item.plan.seconds is not None:
            if not self.start_or_explain():
                return
            self.app.timer_controller.start_get_ready(
                item.plan.exercise, item.plan.name, item.plan.seconds, item.plan.per_side, self.app.get_ready_seconds
            )
            self.app.workout_changed()
        else:
            self.log_set()

    def warmup_step(self) -> None:
        """Enter in the warm-up: the first press starts it (and the session clock), each
        next press ticks the current drill; after the last drill the session goes on."""
        w = self.workout
        if w.session is None:  # the list beside shows the drills; enter ticks each one
            self.start_or_explain()
            return
        active = self.timers.active
        if active is not None and active.kind == "drill":  # enter during a timed drill: done
            self.app.timer_controller.stop()
        elif active is None and (drill := w.current_drill) is not None and drill.seconds:
            # a timed drill ('25 s each side') runs on the timer; its end (or enter) ticks it
            self.app.timer_controller.start_drill(drill.name, drill.seconds, drill.per_side)
            self.app.workout_changed()
            return
        w.tick_warmup()
        if not w.in_warmup:
            self.app.notify("Enter logs the first set.", title="Warm-up done")
        self.app.workout_changed()

    def skip_warmup(self) -> None:
        w = self.workout
        if w.in_warmup:
            w.skip_warmup()
            self.app.notify("Warm-up skipped. Enter logs the first set.")
            self.app.workout_changed()

    def start_or_explain(self) -> bool:
        try:
            self.start_session()
        except (service.LogError, OSError) as exc:
            self.app.notify(f"The session could not be started: {exc}", severity="error", timeout=10)
            return False
        return True

    def log_set(self) -> None:
        w = self.workout
        if w.finished_today:
            self.app.notify("Today's session is saved. Enter reopens it to log more.")
            return
        if w.current is None:
            return
        active = self.timers.active
        if active is not None and active.kind in ("hold", "get-ready"):
            self.app.notify("A hold is running: enter stops it and logs the time held.")
            return
        from .screens.dialogs import LogSetScreen

        self.app.push_screen(LogSetScreen(w), self._logged_from_dialog)

    def _logged_from_dialog(self, values: SetValues | None) -> None:
        if values is None:
            return
        self.log_values(
            values.reps, values.seconds, values.load, values.rpe, values.pain, seen=values.seen, note=values.note
        )

    def log_values(
        self,
        reps: int | None,
        seconds: int | None,
        load: tuple[float, str] | None,
        rpe: int | None,
        pain: bool,
        exercise: str | None = None,
        seen: frozenset[tuple[str, str]] = frozenset(),
        note: str = "",
    ) -> None:
        """Save a set of ``exercise`` (a timed hold's own exercise), else of the current one.

        Guard notes already read in the log dialog (``seen``) are not repeated as toasts.
        A set logged with pain does not start a rest: the runner is asked whether to skip
        the rest of the exercise first."""
        w = self.workout
        item = w.item_for(exercise) if exercise else w.current
        if item is None:  # nothing to log against (the session ended meanwhile)
            return
        try:
            self.start_session()
            record = w.candidate(reps, seconds, load, rpe, pain, note, item=item)
            record, warnings = w.log(record)
        except (service.LogError, OSError) as exc:
            self.app.notify(f"The set could not be saved: {exc}", severity="error", timeout=10)
            return
        from ..domain.guard import code_words

        for warning in warnings:
            if warning.level != "info" and (warning.code, warning.exercise) not in seen:
                self.app.notify(
                    f"{warning.message} {warning.advice}",
                    title=f"{warning.level.upper()} · {code_words(warning.code)}",
                    severity="warning" if warning.level == "warning" else "information",
                    timeout=8,
                )
        if pain and not item.complete:
            self.ask_after_pain(item, [x for x in warnings if x.code == "pain"])
            self.app.workout_changed()
            return
        self.after_set(item)

    def after_set(self, item: Item) -> None:
        """After a set: the cursor moves to the set that comes next (A2 after A1 of a
        superset) and the rest the session's order gives runs (none from A1 to A2)."""
        w = self.workout
        rest = w.after_set(item)
        if w.all_done:
            self.app.notify("All sets done. Enter finishes the session.", title="Well done")
        elif rest > 0:
            self.app.timer_controller.start_rest(rest, w.next_text())
        self.app.workout_changed()

    def ask_after_pain(self, item: Item, notes: list[GuardWarning]) -> None:
        from .screens.dialogs import ChoiceScreen

        advice = " ".join(f"{n.message} {n.advice}" for n in notes) or "Pain is a reason to stop this exercise today."
        body = f"{advice}\n\nSkip the remaining sets of {item.plan.name}? (The set is saved either way.)"
        partner = self.workout.partner(item)
        rest_first = self.workout.rest_after(item) > 0 or partner is None
        carry = (
            "Carry on (rest first)"
            if rest_first or partner is None
            else f"Carry on ({self.workout.label(partner)} next, no rest)"
        )
        choices = [("skip", f"Stop {item.plan.name} for today", "x"), ("go", carry, "c")]

        def answer(choice: str | None) -> None:
            if choice == "skip":
                self.workout.skip_item(item)
                self.app.notify(f"{item.plan.name} skipped for today.")
                if self.workout.all_done:
                    self.app.notify("Nothing left to do today. Enter finishes the session.")
                self.app.workout_changed()
            else:
                self.after_set(item)

        self.app.push_screen(ChoiceScreen("Pain noted", body, choices, cancel="skip"), answer)

    def finish(self) -> None:
        w = self.workout
        if w.session is None:
            self.app.notify(
                "Nothing has been logged yet: enter logs the first set."
                if not w.finished_today
                else "Today's session is already saved. Enter reopens it."
            )
            return
        from .screens.dialogs import FinishScreen

        if w.sets_done == 0:
            self.app.notify("Nothing has been logged yet, so there is no session to save. Enter logs a set.")
            return
        from ..domain.guard import code_words

        summary = f"{plural(w.sets_done, 'set')} in {minutes_text(self.app.session_elapsed())}."
        skipped = [it.plan.name for it in w.items if it.skipped]
        if skipped:
            summary += f" Skipped: {', '.join(skipped)}."
        if w.summary:
            summary += " Notes from the guard: " + "; ".join(code_words(x.code) for x in w.summary) + "."
        self.app.push_screen(FinishScreen(summary), self._finished)

    def _finished(self, answer: tuple[int | None] | None) -> None:
        if answer is None:
            return
        (rpe,) = answer
        elapsed = self.app.session_elapsed()
        minutes = max(1, round(elapsed / 60)) if elapsed > 0 else None
        self.app.timer_controller.stop()
        self.workout.finish(rpe, minutes)
        self.app.session_clock.stop()
        self.app.daily_backup()
        self.app.notify("Session saved. See you next time!", title="Done")
        self.app.workout_changed()

    def reopen(self) -> None:
        """Enter on a finished day: today's last session is opened again, its sets kept."""
        session = self.workout.reopenable
        if session is None:
            return
        try:
            self.workout.reopen(session)
        except (service.LogError, OSError) as exc:
            self.app.notify(f"The session could not be reopened: {exc}", severity="error", timeout=10)
            return
        reopened = self.workout.session or session
        self.app.session_clock.start((reopened.minutes or 0) * 60.0)  # the minutes it already ran count on
        self.app.notify(f"Reopened: {plural(self.workout.sets_done, 'set')} already saved.", title="Session open")
        self.app.workout_changed()

    def timer_ended(self, active: ActiveTimer) -> None:
        if active.kind == "drill":  # a timed warm-up drill held to its end: ticked, nothing logged
            self.app.ring("Drill done", f"{active.title}: done")
            self.app.flash()
            self.workout.tick_warmup()
            if not self.workout.in_warmup:
                self.app.notify("Enter logs the first set.", title="Warm-up done")
            self.app.workout_changed()
            return
        if active.kind == "rest":
            self.app.ring("Rest over", self.workout.next_text())
        elif active.kind == "hold":
            self.app.ring("Hold done", f"{active.title}: logged")
        elif self.app.settings.signal != "off":  # get-ready over: the controller has started the hold
            self.app.signals.bell()
        self.app.flash()
        if active.kind == "hold":  # held to the end, +15 s included
            self.log_values(None, active.held_to_end(), None, None, False, exercise=active.exercise)
            return
        if active.kind == "rest":
            self.app.notify(self.workout.next_text(), title="Rest over")
        self.app.workout_changed()
